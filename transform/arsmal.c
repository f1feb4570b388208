/*
 * arsmal.c: the årsmål tables (arsmal.h), from transform/sql/arsmal.sql.
 */
#include "transform/arsmal.h"
#include "common/db.h"
#include "common/util.h"
#include "transform/coverage.h"
#include "transform/crosstab.h"
#include "transform/sources.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SQL "transform/sql/arsmal.sql"

/*
 * The rows of Tabell 1: the årsmål categories of ref_arsmal_kategori, in
 * order.  A row counts the boendeformer whose kategori or rad it names
 * (ref_bf_boendeform); the row marked `alla` counts every one.  The rows
 * that are a kategori of some boendeform are the categories the other
 * tables break down by (FoT, Bostad Först, Genomgångsbostad).
 */
#define MAXROWS 16
struct layout {
    size_t n;
    char label[MAXROWS][64];
    int all[MAXROWS];       /* counts every förmedlad lägenhet (Totalt) */
    size_t ncat;
    int cat[MAXROWS];       /* rows that are categories, in order */
    const char *catlabel[MAXROWS];
    int total;              /* the row marked alla, or -1 */
};

/* Counts and targets of one period, by Tabell 1 row. */
struct figures {
    long n[MAXROWS];          /* förmedlade */
    long mal[MAXROWS];        /* target, when has_mal */
    int has_mal[MAXROWS];
};

static int load_layout(sqlite3 *db, struct layout *l, struct strbuf *err)
{
    memset(l, 0, sizeof *l);
    l->total = -1;
    sqlite3_stmt *st = db_prepare(db, SQL, "layout");
    int rc;
    while ((rc = db_step(st)) == SQLITE_ROW && l->n < MAXROWS) {
        snprintf(l->label[l->n], sizeof l->label[l->n], "%s", db_col_text(st, 0));
        l->all[l->n] = sqlite3_column_int(st, 1);
        if (l->all[l->n] && l->total < 0)
            l->total = (int)l->n;
        if (sqlite3_column_int(st, 2)) {
            l->cat[l->ncat] = (int)l->n;
            l->catlabel[l->ncat++] = l->label[l->n];
        }
        l->n++;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return db_error(db, err);
    if (l->total < 0 || l->ncat == 0) {
        sb_adds(err, "referensdatan saknar årsmålskategorierna (ref_arsmal_kategori)");
        return -1;
    }
    return 0;
}

static int row_of(const struct layout *l, const char *label)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->label[i], label) == 0)
            return (int)i;
    return -1;
}

static void bind_period(sqlite3_stmt *st, const struct period *p)
{
    sqlite3_reset(st);
    db_bind_text(st, ":from", p->from);
    db_bind_text(st, ":through", p->through);
}

static int load_figures(sqlite3 *db, const struct layout *l, const struct period *p,
                        struct figures *f, struct strbuf *err)
{
    memset(f, 0, sizeof *f);
    sqlite3_stmt *st = db_prepare(db, SQL, "per_form");
    bind_period(st, p);
    int rc;
    while ((rc = db_step(st)) == SQLITE_ROW) {
        const char *kategori = db_col_text(st, 1), *rad = db_col_text(st, 2);
        long n = sqlite3_column_int(st, 3);
        for (size_t r = 0; r < l->n; r++)
            if (l->all[r] || strcmp(l->label[r], kategori) == 0 || strcmp(l->label[r], rad) == 0)
                f->n[r] += n;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return db_error(db, err);
    st = db_prepare(db, SQL, "targets");
    db_bind_int(st, ":year", p->year);
    while ((rc = db_step(st)) == SQLITE_ROW) {
        int r = row_of(l, db_col_text(st, 0));
        if (r >= 0) {
            f->mal[r] = sqlite3_column_int(st, 1);
            f->has_mal[r] = 1;
        }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : db_error(db, err);
}

/*
 * The two "Källa: …" lines of the period's tables, naming the files behind
 * its rows, without and with its targets: worked out once per report, as
 * every table of the period cites the same files.
 */
struct cites {
    char *bf, *bf_targets;
};

static void cites_make(struct cites *c, sqlite3 *db, const struct period *p)
{
    struct strbuf sb = STRBUF_INIT;
    sqlite3_stmt *st = db_prepare(db, SQL, "bf_files");
    bind_period(st, p);
    sources_cite(&sb, db, "bostadsformedling", st, "inga filer");
    c->bf = xstrdup(sb.buf);
    st = db_prepare(db, SQL, "target_files");
    db_bind_int(st, ":year", p->year);
    sources_cite(&sb, db, "arsmal", st, "inget årsmål inläst");
    c->bf_targets = sb_detach(&sb);
}

static void cites_free(struct cites *c)
{
    free(c->bf);
    free(c->bf_targets);
}

static void set_source(struct table *t, const struct cites *c, int with_targets)
{
    table_set_source(t, with_targets ? c->bf_targets : c->bf);
}

/* Tabell 1. */
static struct table *tabell1(const struct layout *l, const struct figures *f, const struct period *p)
{
    static const char *const cols[] = { "Mål", "Förmedlade", "Kvar till mål", "Andel av mål (%)" };
    struct table *t = period_table("arsmal", "Förmedlade lägenheter", p, "Årsmål");
    table_set_cols(t, 4, cols);
    table_set_stub(t, "Boendeform");
    for (size_t r = 0; r < l->n; r++) {
        table_add_row(t, l->label[r]);
        table_count(t, r, 1, f->n[r]);
        if (!f->has_mal[r])
            continue;
        table_count(t, r, 0, f->mal[r]);
        table_count(t, r, 2, f->mal[r] > f->n[r] ? f->mal[r] - f->n[r] : 0);
        if (f->mal[r] > 0)
            table_share(t, r, 3, 100.0 * (double)f->n[r] / (double)f->mal[r]);
    }
    t->total_row = l->total;
    table_add_note(t, "FoT är försöks- och träningslägenheter; jourlägenheter räknas som "
                      "träningslägenheter. En lägenhet räknas som förmedlad på sitt kontraktsdatum.");
    table_add_note(t, "Tomt mål betyder att kommunfullmäktige inte har satt något mål för "
                      "boendeformen det året. Kvar till mål är 0 när målet är nått.");
    static const int chart_cols[] = { 0, 1 };
    table_set_chart(t, CHART_BAR, "mal", "Lägenheter", l->ncat, l->cat, 2, chart_cols);
    return t;
}

/* Per month with cumulative sum and an even pace towards the total target. */
static int per_month(struct report *rep, sqlite3 *db, const struct cites *c, const struct layout *l,
                     const struct period *p, const struct figures *f, struct strbuf *err)
{
    const char *cols[MAXROWS + 3];
    size_t nc = l->ncat;
    for (size_t k = 0; k < nc; k++)
        cols[k] = l->catlabel[k];
    cols[nc] = "Totalt";
    cols[nc + 1] = "Kumulativt";
    cols[nc + 2] = "Jämn takt mot mål";
    struct table *t = period_table("per_manad", "Förmedlade lägenheter per månad", p, "Per månad");
    table_set_cols(t, nc + 3, cols);
    table_set_stub(t, "Månad");
    int last = period_month(p);
    long n[13][MAXROWS];
    memset(n, 0, sizeof n);
    sqlite3_stmt *st = db_prepare(db, SQL, "per_month");
    bind_period(st, p);
    int rc;
    while ((rc = db_step(st)) == SQLITE_ROW) {
        int m = sqlite3_column_int(st, 0);
        for (size_t k = 0; k < nc; k++)
            if (m >= 1 && m <= 12 && strcmp(db_col_text(st, 1), l->catlabel[k]) == 0)
                n[m][k] += sqlite3_column_int(st, 2);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        table_free(t);
        return db_error(db, err);
    }
    long cum = 0;
    int day = 0, dy = period_days_in_year(p->year), tot_row = l->total;
    for (int m = 1; m <= last; m++) {
        struct strbuf label = STRBUF_INIT;
        sb_adds(&label, month_name(m));
        int end = m == last ? period_day_of_year(p) - day : month_days(p->year, m);
        if (m == last && end != month_days(p->year, m))
            sb_printf(&label, " (t.o.m. %d)", end);
        day += end;
        int r = table_add_row(t, label.buf);
        sb_free(&label);
        long tot = 0;
        for (size_t k = 0; k < nc; k++) {
            table_count(t, (size_t)r, k, n[m][k]);
            tot += n[m][k];
        }
        cum += tot;
        table_count(t, (size_t)r, nc, tot);
        table_count(t, (size_t)r, nc + 1, cum);
        if (f->has_mal[tot_row])
            table_count(t, (size_t)r, nc + 2, llround((double)f->mal[tot_row] * day / dy));
    }
    t->total_col = (int)nc;
    table_link(t, "förmedlade", "månad", "kategori");
    table_link_skip(t, nc + 1);
    table_link_skip(t, nc + 2);
    table_add_note(t, "Jämn takt mot mål: årsmålet Totalt fördelat jämnt över årets dagar, "
                      "till och med månadens sista dag (eller periodens sista dag).");
    set_source(t, c, 1);
    int rows[12], chart_cols[] = { (int)nc + 1, (int)nc + 2 };
    for (int i = 0; i < last; i++)
        rows[i] = i;
    table_set_chart(t, CHART_LINE, "kumulativt", "Förmedlade lägenheter, kumulativt",
                    (size_t)last, rows, f->has_mal[tot_row] ? 2 : 1, chart_cols);
    report_add(rep, t);
    return 0;
}

/* A year-end forecast at the pace so far. */
static struct table *forecast(const struct layout *l, const struct figures *f, const struct period *p)
{
    static const char *const cols[] = {
        "Förmedlade", "Prognos helår", "Mål", "Prognos andel av mål (%)",
    };
    struct table *t = period_table("prognos", "Prognos för helåret efter", p, "Prognos");
    table_set_cols(t, 4, cols);
    table_set_stub(t, "Boendeform");
    int doy = period_day_of_year(p), dy = period_days_in_year(p->year);
    for (size_t i = 0; i <= l->ncat; i++) {
        int r = i < l->ncat ? l->cat[i] : l->total;
        table_add_row(t, l->label[r]);
        long prog = llround((double)f->n[r] * dy / doy);
        table_count(t, i, 0, f->n[r]);
        table_count(t, i, 1, prog);
        if (f->has_mal[r]) {
            table_count(t, i, 2, f->mal[r]);
            if (f->mal[r] > 0)
                table_share(t, i, 3, 100.0 * (double)prog / (double)f->mal[r]);
        }
    }
    t->total_row = (int)l->ncat;
    char note[256];
    snprintf(note, sizeof note,
             "Prognosen räknar upp det som förmedlats hittills i samma takt till helår: "
             "förmedlade × %d / %d dagar. Den tar inte hänsyn till säsong.", dy, doy);
    table_add_note(t, note);
    return t;
}

/*
 * The same period of the previous year.  When the exports do not cover it,
 * its figures are left empty and a note says why: never zeros.
 */
static struct table *previous_year(const struct layout *l, const struct figures *cur,
                                   const struct figures *prev, const struct period *p,
                                   const struct period *pp, const struct coverage *cv)
{
    struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
    period_short(pp, &a);
    period_short(p, &b);
    const char *cols[] = { a.buf, b.buf, "Förändring", "Förändring (%)" };
    struct table *t = period_table("foregaende_ar", "Förmedlade lägenheter jämfört med samma period året före,", p,
                             "Föregående år");
    table_set_cols(t, 4, cols);
    table_set_stub(t, "Boendeform");
    int covered = coverage_touches(cv, pp);
    for (size_t r = 0; r < l->n; r++) {
        table_add_row(t, l->label[r]);
        table_count(t, r, 1, cur->n[r]);
        if (!covered)
            continue;
        table_count(t, r, 0, prev->n[r]);
        table_count(t, r, 2, cur->n[r] - prev->n[r]);
        if (prev->n[r] > 0)
            table_share(t, r, 3, 100.0 * (double)(cur->n[r] - prev->n[r]) / (double)prev->n[r]);
    }
    t->total_row = l->total;
    if (!covered) {
        struct strbuf note = STRBUF_INIT;
        sb_printf(&note, "Inga förmedlingar från %s är inlästa", a.buf);
        if (cv->any)
            sb_printf(&note, " (exporterna täcker %s – %s)", cv->first, cv->last);
        sb_adds(&note, ", så den perioden och förändringen lämnas tomma.");
        table_add_note(t, note.buf);
        sb_free(&note);
    } else {
        coverage_note(cv, pp, t);
    }
    sb_free(&a);
    sb_free(&b);
    return t;
}

/* What a cross table counts, for the audit: population, row and column variables. */
struct link {
    const char *population, *rdim, *cdim;
};

/* A cross table from statement NAME with the given columns and a Totalt column and row. */
static int cross(struct report *rep, sqlite3 *db, const struct cites *c, const struct period *p,
                 const char *stmt,
                 const char *name, const char *what, const char *sheet, const char *stub,
                 size_t ncols, const char *const *cols, int protect, const struct link *link,
                 struct strbuf *err)
{
    const char *all[MAXROWS + 1];
    for (size_t i = 0; i < ncols; i++)
        all[i] = cols[i];
    all[ncols] = "Totalt";
    struct table *t = period_table(name, what, p, sheet);
    table_set_cols(t, ncols + 1, all);
    table_set_stub(t, stub);
    sqlite3_stmt *st = db_prepare(db, SQL, stmt);
    bind_period(st, p);
    int rc = crosstab_fill(t, st, ncols, 1, 1, err);
    sqlite3_finalize(st);
    if (rc) {
        table_free(t);
        return -1;
    }
    t->protect = protect;
    table_link(t, link->population, link->rdim, link->cdim);
    set_source(t, c, 0);
    report_add(rep, t);
    return 0;
}
/* Offers made in the period and their answers, with the share of Nej. */
static int answers(struct report *rep, sqlite3 *db, const struct cites *c, const struct period *p,
                   struct strbuf *err)
{
    static const char *const cols[] = { "Ja", "Nej", "Inväntar", "Erbjudanden", "Andel nej (%)" };
    struct table *t = period_table("svar", "Erbjudanden och svar per boendeform", p, "Svar");
    table_set_cols(t, 5, cols);
    table_set_stub(t, "Boendeform");
    sqlite3_stmt *st = db_prepare(db, SQL, "answers");
    bind_period(st, p);
    int rc = crosstab_fill(t, st, 3, 1, 1, err);
    sqlite3_finalize(st);
    if (rc) {
        table_free(t);
        return -1;
    }
    for (size_t r = 0; r < t->nrows; r++) {
        double nej = table_cell(t, r, 1)->v, all = table_cell(t, r, 3)->v;
        if (all > 0)
            table_share_of(t, r, 4, 100.0 * nej / all, r, 1, r, 3);
        else
            table_cell(t, r, 4)->kind = CELL_MISSING;
    }
    table_link(t, "erbjudanden", "boendeform", "svar");
    table_add_note(t, "Erbjudanden räknas på erbjudandedatum; svaret är det senast inlästa.");
    set_source(t, c, 0);
    report_add(rep, t);
    return 0;
}

static int underlag(struct report *rep, sqlite3 *db, const struct cites *c, const struct period *p,
                    struct strbuf *err)
{
    static const char *const cols[] = {
        "Kontraktsdatum", "Boendeform", "Beställare", "Hyresvärd", "Källfil", "Rad i källfilen",
    };
    struct table *t = period_table("underlag", "Underlag: varje förmedlad lägenhet som räknas,", p, "Underlag");
    table_set_cols(t, 6, cols);
    table_set_stub(t, "Ärendenummer");
    t->workbook_only = 1;
    sqlite3_stmt *st = db_prepare(db, SQL, "underlag");
    bind_period(st, p);
    int rc;
    while ((rc = db_step(st)) == SQLITE_ROW) {
        int r = table_add_row(t, db_col_text(st, 0));
        for (int k = 0; k < 5; k++)
            table_text(t, (size_t)r, (size_t)k, db_col_text(st, k + 1));
        table_count(t, (size_t)r, 5, sqlite3_column_int64(st, 6));
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        table_free(t);
        return db_error(db, err);
    }
    table_add_note(t, "Internt underlag för spårbarhet: ska inte publiceras.");
    set_source(t, c, 0);
    report_add(rep, t);
    return 0;
}

void arsmal_last_date(sqlite3 *db, char out[11])
{
    struct coverage cv;
    struct strbuf err = STRBUF_INIT;
    out[0] = '\0';
    if (coverage_load(db, "bf-formedlingar", &cv, &err) == 0 && cv.any)
        memcpy(out, cv.last, 11);
    sb_free(&err);
}

static int add_tables(struct report *rep, sqlite3 *db, const struct cites *c, const struct period *p,
                      struct strbuf *err)
{
    struct layout l;
    struct figures cur, prev;
    struct period pp;
    struct coverage cv;
    period_previous(p, &pp);
    if (load_layout(db, &l, err) || coverage_load(db, "bf-formedlingar", &cv, err) ||
        coverage_require(&cv, p, "förmedlingar", err) || load_figures(db, &l, p, &cur, err) ||
        load_figures(db, &l, &pp, &prev, err))
        return -1;
    /*
     * Tables that break down the same units are audited together: the
     * förmedlade by beställare, hyresvärd and month; the offers by
     * boendeform and beställare.  Tabell 1, the forecast and the previous
     * year publish only city-wide totals by category, which the Totalt
     * rows of the linked tables already give.
     */
    static const struct link formedlade_bestallare = { "förmedlade", "beställare", "kategori" },
                             formedlade_hyresvard = { "förmedlade", "hyresvärd", "kategori" },
                             erbjudanden_bestallare = { "erbjudanden", "beställare", "svar" },
                             nej = { "nej", "nej-orsak", "kategori" };
    struct table *t = tabell1(&l, &cur, p);
    set_source(t, c, 1);
    coverage_note(&cv, p, t);
    report_add(rep, t);
    if (per_month(rep, db, c, &l, p, &cur, err))
        return -1;
    t = forecast(&l, &cur, p);
    set_source(t, c, 1);
    report_add(rep, t);
    if (cross(rep, db, c, p, "per_bestallare", "per_bestallare", "Förmedlade lägenheter per beställare",
              "Per beställare", "Beställare", l.ncat, l.catlabel, 1, &formedlade_bestallare, err) ||
        cross(rep, db, c, p, "per_hyresvard", "per_hyresvard", "Förmedlade lägenheter per hyresvärd",
              "Per hyresvärd", "Hyresvärd", l.ncat, l.catlabel, 0, &formedlade_hyresvard, err))
        return -1;
    t = previous_year(&l, &cur, &prev, p, &pp, &cv);
    set_source(t, c, 0);
    report_add(rep, t);
    static const char *const answer_cols[] = { "Ja", "Nej", "Inväntar" };
    if (answers(rep, db, c, p, err) ||
        cross(rep, db, c, p, "nej_orsak", "nej_orsak", "Skäl till nej per kategori",
              "Nej-orsaker", "Nej-orsak", l.ncat, l.catlabel, 0, &nej, err) ||
        cross(rep, db, c, p, "answers_per_bestallare", "svar_per_bestallare",
              "Erbjudanden och svar per beställare", "Svar per beställare", "Beställare", 3,
              answer_cols, 1, &erbjudanden_bestallare, err) ||
        underlag(rep, db, c, p, err))
        return -1;
    return 0;
}

int arsmal_add_tables(struct report *rep, sqlite3 *db, const struct period *p, struct strbuf *err)
{
    struct cites c;
    cites_make(&c, db, p);
    int rc = add_tables(rep, db, &c, p, err);
    cites_free(&c);
    return rc;
}

struct report *arsmal_report(sqlite3 *db, const struct report_args *a, struct strbuf *err)
{
    char last[11];
    struct period p;
    arsmal_last_date(db, last);
    if (period_make(&p, a->year, a->through, last, err))
        return NULL;
    char code[32];
    snprintf(code, sizeof code, "%04d-%02d", a->year, period_month(&p));
    struct strbuf title = STRBUF_INIT;
    sb_adds(&title, "Årsmål för försöks- och träningslägenheter, Bostad Först och genomgångsbostäder, ");
    period_label(&p, &title);
    struct report *rep = report_new("arsmal", code, title.buf);
    sb_free(&title);
    static const char *const kinds[] = { "bf-formedlingar", "arsmal", NULL };
    rep->sources = sources_table(db, kinds);
    sources_publisher(rep, db);
    if (arsmal_add_tables(rep, db, &p, err)) {
        report_free(rep);
        return NULL;
    }
    return rep;
}
