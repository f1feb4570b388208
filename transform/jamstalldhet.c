/*
 * jamstalldhet.c: the gender equality analysis (jamstalldhet.h), from
 * jamstalldhet.sql.
 *
 * Every two-way table has the household types as its columns and their
 * city-wide totals as its Totalt row, which is never hidden; the table of
 * women and men side by side adds up only such totals, so it publishes
 * nothing the protected tables hide.
 */
#include "transform/jamstalldhet.h"
#include "common/db.h"
#include "common/util.h"
#include "transform/coverage.h"
#include "transform/crosstab.h"
#include "transform/kartlaggning.h"
#include "transform/period.h"
#include "transform/sources.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SQL "transform/sql/jamstalldhet.sql"

static const char unknown[] = "Uppgift saknas";

/* The household types of the reference data, and the sex of the single adult of each. */
struct types {
    size_t n;
    char **label;
    char *kon;              /* 'k' kvinna, 'm' man, 0 neither */
};

static void types_free(struct types *ty)
{
    for (size_t i = 0; i < ty->n; i++)
        free(ty->label[i]);
    free(ty->label);
    free(ty->kon);
}

static int load_types(sqlite3 *db, struct types *ty, struct strbuf *err)
{
    memset(ty, 0, sizeof *ty);
    sqlite3_stmt *st = db_prepare(db, SQL, "hushallstyper");
    size_t cap = 0;
    while (db_step(st) == SQLITE_ROW) {
        ty->label = xgrow(ty->label, &cap, ty->n, sizeof *ty->label, 8);
        ty->label[ty->n++] = xstrdup(db_col_text(st, 0));
    }
    sqlite3_finalize(st);
    ty->kon = xcalloc(ty->n ? ty->n : 1, 1);
    st = db_prepare(db, SQL, "kon");
    while (db_step(st) == SQLITE_ROW)
        for (size_t i = 0; i < ty->n; i++)
            if (strcmp(ty->label[i], db_col_text(st, 0)) == 0)
                ty->kon[i] = strcmp(db_col_text(st, 1), "kvinna") == 0 ? 'k' : 'm';
    int rc = sqlite3_finalize(st);
    if (rc != SQLITE_OK || ty->n == 0) {
        types_free(ty);
        sb_printf(err, "referensdatan saknar hushållstyperna (ref_hushallstyp)");
        return -1;
    }
    return 0;
}

/*
 * The survey's households not newly arrived, counted in one pass over the
 * rounds up to the year (statement "households"): the year's round by
 * Hushållstyp and by group, and every round by Hushållstyp.
 */
struct survey {
    int *rounds;                /* the rounds up to the year, in order */
    size_t nr;
    struct tally types;         /* the year's round: (Hushållstyp, "Antal") */
    struct tally groups;        /* the year's round: (group, Hushållstyp) */
    struct tally over;          /* every round: (Hushållstyp, "Antal <round>") */
};

static void survey_free(struct survey *sv)
{
    free(sv->rounds);
    tally_free(&sv->types);
    tally_free(&sv->groups);
    tally_free(&sv->over);
}

static int survey_read(struct survey *sv, sqlite3 *db, int year, struct strbuf *err)
{
    memset(sv, 0, sizeof *sv);
    sqlite3_stmt *st = db_prepare(db, SQL, "rounds");
    db_bind_int(st, ":year", year);
    size_t cap = 0;
    while (db_step(st) == SQLITE_ROW) {
        sv->rounds = xgrow(sv->rounds, &cap, sv->nr, sizeof *sv->rounds, 16);
        sv->rounds[sv->nr++] = sqlite3_column_int(st, 0);
    }
    if (sqlite3_finalize(st) != SQLITE_OK)
        return db_error(db, err);
    st = db_prepare(db, SQL, "households");
    db_bind_int(st, ":year", year);
    int rc;
    char col[32];
    while ((rc = db_step(st)) == SQLITE_ROW) {
        int round = sqlite3_column_int(st, 0);
        const char *type = db_col_text(st, 1);
        long long n = sqlite3_column_int64(st, 3);
        snprintf(col, sizeof col, "Antal %d", round);
        tally_add(&sv->over, type, col, n);
        if (round == year) {
            tally_add(&sv->types, type, "Antal", n);
            tally_add(&sv->groups, sqlite3_column_int(st, 2) ? "Stadigvarande boende" : "Annat boende",
                      type, n);
        }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : db_error(db, err);
}

/* The statement STMT bound to the period. */
static sqlite3_stmt *period_stmt(sqlite3 *db, const char *stmt, const struct period *p)
{
    sqlite3_stmt *st = db_prepare(db, SQL, stmt);
    db_bind_text(st, ":from", p->from);
    db_bind_text(st, ":through", p->through);
    return st;
}

/*
 * The period's förmedlade lägenheter, counted in one pass (statement
 * "formedlade"): by boendeform and Hushållstyp, and by how their
 * arrangement stood at the period's end and Hushållstyp.
 */
static int formedlade_read(sqlite3 *db, const struct period *p, struct tally *forms,
                           struct tally *outcomes, struct strbuf *err)
{
    sqlite3_stmt *st = period_stmt(db, "formedlade", p);
    int rc;
    while ((rc = db_step(st)) == SQLITE_ROW) {
        const char *type = db_col_text(st, 1);
        tally_add(forms, db_col_text(st, 0), type, 1);
        tally_add(outcomes, db_col_text(st, 2), type, 1);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : db_error(db, err);
}

/* "Källa: …" for the rows of the period from statement STMT, made by KEY's organisation. */
static void source(struct table *t, sqlite3 *db, const char *key, const char *stmt,
                   const struct period *p)
{
    struct strbuf sb = STRBUF_INIT;
    sqlite3_stmt *st = period_stmt(db, stmt, p);
    sources_cite(&sb, db, key, st, "inga filer");
    table_set_source(t, sb.buf);
    sb_free(&sb);
}

/* The round's households not newly arrived by Hushållstyp, with shares: city-wide. */
static int hushallstyp(struct report *rep, sqlite3 *db, const struct types *ty,
                       const struct survey *sv, const struct period *round, struct strbuf *err)
{
    static const char *const cols[] = { "Antal", "Andel (%)" };
    struct table *t = period_table("hushallstyp", "Barnfamiljer som inte är nyanlända per hushållstyp,",
                             round, "Hushållstyp");
    table_frame(t, NULL, "Hushållstyp", 2, cols);
    for (size_t i = 0; i < ty->n; i++) {
        table_add_row(t, ty->label[i]);
        table_count(t, i, 0, 0);
    }
    if (tally_fill(t, &sv->types, NULL, 1, 0, 1, err)) {
        table_free(t);
        return -1;
    }
    table_shares_of_total(t, 0, 1);
    table_link(t, "kartläggning, ej nyanlända", "hushållstyp", NULL);
    table_add_note(t, "Tabellen gäller hela staden och redovisas, som Tabell 2, utan skydd för "
                      "små tal; uppdelningen per boendesituation är skyddad.");
    int *rows = xmalloc(ty->n * sizeof *rows);
    for (size_t i = 0; i < ty->n; i++)
        rows[i] = (int)i;
    static const int chart_cols[] = { 1 };
    table_set_chart(t, CHART_BAR, "hushallstyp", "Andel (%)", ty->n, rows, 1, chart_cols);
    free(rows);
    kartlaggning_source(t, db, round->year, 0);
    report_add(rep, t);
    return 0;
}

/* The same over every round up to the year: counts and shares side by side. */
static int over_rounds(struct report *rep, sqlite3 *db, const struct types *ty,
                       const struct survey *sv, int year, struct strbuf *err)
{
    const int *rounds = sv->rounds;
    size_t nr = sv->nr;
    char (*labels)[32] = xcalloc(2 * nr + 1, sizeof *labels);
    const char **cols = xcalloc(2 * nr + 1, sizeof *cols);
    for (size_t i = 0; i < nr; i++) {
        snprintf(labels[2 * i], sizeof labels[0], "Antal %d", rounds[i]);
        snprintf(labels[2 * i + 1], sizeof labels[0], "Andel %d (%%)", rounds[i]);
        cols[2 * i] = labels[2 * i];
        cols[2 * i + 1] = labels[2 * i + 1];
    }
    char title[128];
    snprintf(title, sizeof title,
             "Barnfamiljer som inte är nyanlända per hushållstyp, kartläggningarna till och med %d",
             year);
    struct table *t = table_new("hushallstyp_omgangar", title);
    table_frame(t, "Hushållstyp över tid", NULL, 2 * nr, cols);
    free(cols);
    free(labels);
    table_set_stub(t, "Hushållstyp");
    for (size_t i = 0; i < ty->n; i++) {
        table_add_row(t, ty->label[i]);
        for (size_t c = 0; c < 2 * nr; c += 2)
            table_count(t, i, c, 0);
    }
    /* Each round's counts go to its Antal column; its share column is set below. */
    if (tally_fill(t, &sv->over, NULL, 2 * nr, 0, 0, err)) {
        table_free(t);
        return -1;
    }
    table_add_total_row(t);
    for (size_t i = 0; i < nr; i++) {
        table_cell(t, (size_t)t->total_row, 2 * i + 1)->kind = CELL_MISSING;
        table_shares_of_total(t, 2 * i, 2 * i + 1);
    }
    table_add_note(t, "Varje omgång gäller hela staden och redovisas utan skydd för små tal.");
    kartlaggning_source(t, db, year, 1);
    report_add(rep, t);
    return 0;
}

/* Columns: the household types, then "Uppgift saknas" when asked, then "Totalt". */
static void type_cols(struct table *t, const struct types *ty, int with_unknown)
{
    const char **cols = xmalloc((ty->n + 2) * sizeof *cols);
    size_t n = 0;
    for (size_t i = 0; i < ty->n; i++)
        cols[n++] = ty->label[i];
    if (with_unknown)
        cols[n++] = unknown;
    cols[n++] = "Totalt";
    table_set_cols(t, n, cols);
    free(cols);
}

/*
 * A protected table of `population` by rdim (rows: the labels of statement
 * LABELS, or the given row labels) and household type (columns), filled
 * from statement STMT bound to the period.
 */
struct breakdown {
    const char *name, *what, *sheet, *stub;
    const char *labels;                 /* statement giving the row labels, or NULL */
    const char *const *rows;            /* else these, NULL-terminated */
    const char *stmt;                   /* the statement counting them, or NULL: */
    const struct tally *counted;        /* else these counts */
    const char *population, *rdim;
    int with_unknown;
};

static struct table *breakdown(sqlite3 *db, const struct types *ty, const struct breakdown *b,
                               const struct period *p, struct strbuf *err)
{
    struct table *t = period_table(b->name, b->what, p, b->sheet);
    type_cols(t, ty, b->with_unknown);
    table_set_stub(t, b->stub);
    int rc = 0;
    if (b->labels) {
        rc = crosstab_rows(t, db_prepare(db, SQL, b->labels), err);
    } else {
        for (const char *const *r = b->rows; *r; r++) {
            int i = table_add_row(t, *r);
            for (size_t c = 0; c < t->ncols; c++)
                table_count(t, (size_t)i, c, 0);
        }
    }
    if (b->counted) {
        rc = rc || tally_fill(t, b->counted, NULL, t->ncols - 1, 1, 1, err);
    } else {
        sqlite3_stmt *st = db_prepare(db, SQL, b->stmt);
        if (sqlite3_bind_parameter_index(st, ":from")) {
            db_bind_text(st, ":from", p->from);
            db_bind_text(st, ":through", p->through);
        }
        rc = rc || crosstab_fill(t, st, t->ncols - 1, 1, 1, err);
        sqlite3_finalize(st);
    }
    if (rc) {
        table_free(t);
        return NULL;
    }
    t->protect = 1;
    table_link(t, b->population, b->rdim, "hushållstyp");
    return t;
}

/* A table with no figures and a note saying why: the exports do not cover the period. */
static struct table *not_covered(const struct breakdown *b, const struct coverage *cv,
                                 const struct period *p, const char *what)
{
    struct table *t = period_table(b->name, b->what, p, b->sheet);
    table_set_stub(t, b->stub);
    coverage_table_note(cv, p, what, t);
    return t;
}

/* One row of the table of women and men: the Totalt row of t, summed by sex. */
static void kon_row(struct table *k, const char *label, const struct table *t,
                    const struct types *ty)
{
    int r = table_add_row(k, label);
    if (!t || t->total_row < 0)
        return;
    double women = 0, men = 0, known = 0;
    for (size_t c = 0; c < t->ncols; c++) {
        if ((int)c == t->total_col)
            continue;
        const struct cell *x = table_cell(t, (size_t)t->total_row, c);
        for (size_t i = 0; i < ty->n; i++) {
            if (strcmp(t->cols[c], ty->label[i]) != 0)
                continue;
            known += x->v;
            women += ty->kon[i] == 'k' ? x->v : 0;
            men += ty->kon[i] == 'm' ? x->v : 0;
        }
    }
    table_count(k, (size_t)r, 0, llround(women));
    table_count(k, (size_t)r, 1, llround(men));
    table_count(k, (size_t)r, 2, llround(known));
    if (known > 0) {
        table_share_of(k, (size_t)r, 3, 100.0 * women / known, (size_t)r, 0, (size_t)r, 2);
        table_share_of(k, (size_t)r, 4, 100.0 * men / known, (size_t)r, 1, (size_t)r, 2);
    }
}

/* Women and men side by side, from the city-wide totals of the tables beside it. */
static struct table *women_and_men(const struct types *ty, const struct period *round,
                                   const struct table *survey, const struct period *pb,
                                   const struct table *bf, const struct period *ps,
                                   const struct table *shis)
{
    static const char *const cols[] = {
        "Ensamstående kvinnor", "Ensamstående män", "Hushåll med känd typ", "Kvinnor (%)", "Män (%)",
    };
    char title[128];
    snprintf(title, sizeof title, "Ensamstående kvinnor och män, %d", pb->year);
    struct table *k = table_new("kvinnor_och_man", title);
    table_frame(k, "Kvinnor och män", "Grupp", 5, cols);
    struct strbuf label = STRBUF_INIT;
    sb_adds(&label, "Kartläggningen ");
    period_label(round, &label);
    sb_adds(&label, ", ej nyanlända");
    kon_row(k, label.buf, survey, ty);
    if (bf && bf->nrows) {
        sb_reset(&label);
        sb_adds(&label, "Förmedlade lägenheter ");
        period_short(pb, &label);
        kon_row(k, label.buf, bf, ty);
    }
    if (shis && shis->nrows) {
        sb_reset(&label);
        sb_adds(&label, "Inflyttade i SHIS ");
        period_short(ps, &label);
        kon_row(k, label.buf, shis, ty);
    }
    sb_free(&label);
    table_add_note(k, "Ensamstående kvinnor är hushållstyperna ensamstående kvinna med och utan "
                      "barn, män likaså. Andelarna är av hushållen med känd hushållstyp. Talen är "
                      "summor av tabellernas totaler för hela staden.");
    int rows[3] = { 0, 1, 2 };
    static const int chart_cols[] = { 3, 4 };
    table_set_chart(k, CHART_BAR, "kvinnor-och-man", "Andel av hushållen (%)", k->nrows, rows, 2,
                    chart_cols);
    return k;
}

/* The survey table to sum by sex: hushallstyp with its rows as columns. */
static struct table *survey_as_columns(const struct table *h)
{
    const char **cols = xmalloc((h->nrows ? h->nrows : 1) * sizeof *cols);
    size_t n = 0;
    for (size_t r = 0; r < h->nrows; r++)
        cols[n++] = h->rows[r];
    struct table *t = table_new("tmp", "");
    table_set_cols(t, n, cols);
    free(cols);
    int r = table_add_row(t, "Totalt");
    for (size_t c = 0; c < n; c++)
        table_count(t, (size_t)r, c, (long long)table_cell(h, c, 0)->v);
    t->total_row = r;
    t->total_col = h->total_row;
    return t;
}

static long pct(double v)
{
    return lround(v);
}

/* "ensamstående kvinna med barn": a label inside a sentence. */
static void lower_first(struct strbuf *sb, const char *s)
{
    if (*s >= 'A' && *s <= 'Z') {
        sb_addc(sb, (char)(*s - 'A' + 'a'));
        s++;
    }
    sb_adds(sb, s);
}

/* The paragraph, from the published figures only. */
static void summarize(const struct report *rep, struct strbuf *sb)
{
    const struct table *h = report_table(rep, "hushallstyp");
    const struct table *k = report_table(rep, "kvinnor_och_man");
    char b1[32], b2[32];
    double all;
    if (h && report_figure(rep, "hushallstyp", "Totalt", "Antal", &all) == 0 && all > 0) {
        /* The most common household type of the round. */
        int best = -1;
        double bv = -1, v;
        for (size_t r = 0; r < h->nrows; r++)
            if ((int)r != h->total_row && report_figure(rep, "hushallstyp", h->rows[r], "Antal", &v) == 0 &&
                v > bv)
                best = (int)r, bv = v;
        double share;
        if (best >= 0 && report_figure(rep, "hushallstyp", h->rows[best], "Andel (%)", &share) == 0) {
            sb_printf(sb, "I kartläggningen %s bestod %ld procent av de hushåll som rapporterats in "
                          "som icke nyanlända av en ",
                      rep->period_label ? rep->period_label : rep->period, pct(share));
            lower_first(sb, h->rows[best]);
            sb_printf(sb, " (%s av %s).", fmt_thousands(llround(bv), b1),
                      fmt_thousands(llround(all), b2));
        }
    }
    for (size_t r = 1; k && r < k->nrows; r++) {
        double w, m;
        if (report_figure(rep, "kvinnor_och_man", k->rows[r], "Kvinnor (%)", &w) ||
            report_figure(rep, "kvinnor_och_man", k->rows[r], "Män (%)", &m))
            continue;
        if (strncmp(k->rows[r], "Förmedlade", 10) == 0)
            sb_printf(sb, " Av de förmedlade lägenheterna med känd hushållstyp gick %ld procent till "
                          "ensamstående kvinnor och %ld procent till ensamstående män.", pct(w), pct(m));
        else
            sb_printf(sb, " Av hushållen med känd hushållstyp som flyttade in i SHIS var %ld procent "
                          "ensamstående kvinnor och %ld procent ensamstående män.", pct(w), pct(m));
    }
    double taken, all_bf, running;
    char b3[32];
    if (report_figure(rep, "formedlade_avslut", "Övertaget av hyresgästen", "Totalt", &taken) == 0 &&
        report_figure(rep, "formedlade_avslut", "Pågår", "Totalt", &running) == 0 &&
        report_figure(rep, "formedlade_avslut", "Totalt", "Totalt", &all_bf) == 0 && all_bf > 0)
        sb_printf(sb, " Av de %s förmedlade lägenheterna pågick %s arrangemang vid periodens slut, "
                      "och %s hade tagits över av hyresgästen.",
                  fmt_thousands(llround(all_bf), b1), fmt_thousands(llround(running), b2),
                  taken > 0 ? fmt_thousands(llround(taken), b3) : "inget");
    while (sb->len && sb->buf[0] == ' ') {
        memmove(sb->buf, sb->buf + 1, sb->len);
        sb->len--;
    }
}

/* The report and what it says of itself: its title, period, place in the series and sources. */
static struct report *new_report(sqlite3 *db, int year, const struct period *round, const struct period *pb,
                                 const struct period *ps)
{
    char code[16];
    snprintf(code, sizeof code, "%d", year);
    struct strbuf title = STRBUF_INIT;
    sb_printf(&title, "Jämställdhetsanalys %d: hushållstyp i kartläggningen, förmedlade lägenheter "
                      "och SHIS", year);
    struct report *rep = report_new("jamstalldhet", code, title.buf);
    sb_reset(&title);
    period_label(round, &title);
    rep->period_label = sb_detach(&title);
    /* Its place in the series: the last day any of its parts counts. */
    const char *last = round->through;
    if (strcmp(pb->through, last) > 0)
        last = pb->through;
    if (strcmp(ps->through, last) > 0)
        last = ps->through;
    rep->through = xstrdup(last);
    static const char *const kinds[] = { "kartlaggning", "bf-formedlingar", "shis-placeringar", NULL };
    rep->sources = sources_table(db, kinds);
    sources_publisher(rep, db);
    rep->summarize = summarize;
    return rep;
}

/* hushallstyp_boende: the survey's families by housing situation and household type.  0 or -1. */
static int add_by_situation(struct report *rep, sqlite3 *db, const struct types *ty, struct survey *sv,
                            const struct period *round, int year, struct strbuf *err)
{
    static const char *const groups[] = { "Stadigvarande boende", "Annat boende", NULL };
    const struct breakdown boende = {
        "hushallstyp_boende", "Barnfamiljer som inte är nyanlända per boendesituation och hushållstyp,",
        "Hushållstyp och boende", "Boendesituation", NULL, groups, NULL, &sv->groups,
        "kartläggning, ej nyanlända", "grupp", 0,
    };
    struct table *tg = breakdown(db, ty, &boende, round, err);
    if (!tg)
        return -1;
    if (rep->units) {
        sqlite3_stmt *st = db_prepare(db, SQL, "households_units");
        db_bind_int(st, ":year", year);
        char prefix[32];
        snprintf(prefix, sizeof prefix, "kart:%d:", year);
        const struct crosstab_units u = { .t1 = tg, .c = 1, .k = 2, .prefix = prefix };
        if (crosstab_units(db, st, &u, err)) {
            table_free(tg);
            return -1;
        }
    }
    kartlaggning_source(tg, db, year, 0);
    report_add(rep, tg);
    return 0;
}

/*
 * formedlade_hushallstyp and formedlade_avslut: Bostadsförmedlingen's
 * flats by household type, and how they ended; *tb the first, or NULL
 * when the exports do not cover the period.  0 or -1.
 */
static int add_formedlade(struct report *rep, sqlite3 *db, const struct types *ty, const struct coverage *cbf,
                          const struct period *pb, struct table **tb, struct strbuf *err)
{
    struct tally by_form = { 0 }, by_outcome = { 0 };
    const struct breakdown formedlade = {
        "formedlade_hushallstyp", "Förmedlade lägenheter per boendeform och hushållstyp",
        "Förmedlade per hushållstyp", "Boendeform", "bf_boendeformer", NULL, NULL, &by_form,
        "förmedlade", "boendeform", 1,
    };
    const struct breakdown avslut = {
        "formedlade_avslut", "Förmedlade lägenheter per hushållstyp och hur arrangemanget avslutades,",
        "Avslut per hushållstyp", "Utfall vid periodens slut", "utfall", NULL, NULL, &by_outcome,
        "förmedlade", "utfall", 1,
    };
    struct table *ta = NULL;
    int rc = 0;
    *tb = NULL;
    if (!coverage_touches(cbf, pb)) {
        report_add(rep, not_covered(&formedlade, cbf, pb, "förmedlingar"));
        report_add(rep, not_covered(&avslut, cbf, pb, "förmedlingar"));
    } else if (formedlade_read(db, pb, &by_form, &by_outcome, err) ||
               (*tb = breakdown(db, ty, &formedlade, pb, err)) == NULL ||
               (ta = breakdown(db, ty, &avslut, pb, err)) == NULL ||
               (rep->units &&
                crosstab_units(db, period_stmt(db, "formedlade_units", pb),
                               &(const struct crosstab_units){ .t1 = *tb, .t2 = ta, .r2 = 2, .c = 1, .k = 3, .prefix = "bf:" }, err))) {
        table_free(*tb);
        table_free(ta);
        *tb = NULL;
        rc = -1;
    } else {
        source(*tb, db, "bostadsformedling", "bf_files", pb);
        source(ta, db, "bostadsformedling", "bf_files", pb);
        coverage_note(cbf, pb, *tb);
        table_add_note(*tb, "En lägenhet räknas som förmedlad på sitt kontraktsdatum.");
        table_add_note(ta, "Pågår: arrangemanget hade inte avslutats vid periodens slut. "
                           "Uppsagt: uppsagt för störningar eller hyresskulder. Annat avslut: "
                           "omvandlat till försökslägenhet, avflyttad, avliden eller övrigt.");
        report_add(rep, *tb);
        report_add(rep, ta);
    }
    tally_free(&by_form);
    tally_free(&by_outcome);
    return rc;
}

/* shis_hushallstyp: SHIS's households by household type; *ts it, or NULL when not covered.  0 or -1. */
static int add_shis(struct report *rep, sqlite3 *db, const struct types *ty, const struct coverage *cshis,
                    const struct period *ps, struct table **ts, struct strbuf *err)
{
    const struct breakdown shis = {
        "shis_hushallstyp", "Inflyttade hushåll i SHIS bostäder per boendeform och hushållstyp",
        "SHIS per hushållstyp", "Boendeform", "shis_boendeformer", NULL, "shis", NULL,
        "inflyttade i SHIS", "boendeform", 1,
    };
    *ts = NULL;
    if (!coverage_touches(cshis, ps)) {
        report_add(rep, not_covered(&shis, cshis, ps, "placeringar från SHIS"));
        return 0;
    }
    if ((*ts = breakdown(db, ty, &shis, ps, err)) == NULL)
        return -1;
    if (rep->units && crosstab_units(db, period_stmt(db, "shis_units", ps),
                                     &(const struct crosstab_units){ .t1 = *ts, .c = 1, .k = 2, .prefix = "shis:" }, err)) {
        table_free(*ts);
        *ts = NULL;
        return -1;
    }
    source(*ts, db, "shis", "shis_files", ps);
    coverage_note(cshis, ps, *ts);
    report_add(rep, *ts);
    return 0;
}

struct report *jamstalldhet_report(sqlite3 *db, const struct report_args *a, struct strbuf *err)
{
    long households;
    int month;
    if (coverage_round(db, a->year, &households, &month, err))
        return NULL;
    struct types ty;
    struct coverage cbf, cshis;
    if (load_types(db, &ty, err))
        return NULL;
    struct period round, pb, ps;
    period_make_round(&round, a->year, month);
    if (coverage_load(db, "bf-formedlingar", &cbf, err) ||
        coverage_load(db, "shis-placeringar", &cshis, err) ||
        period_make(&pb, a->year, NULL, cbf.any ? cbf.last : NULL, err) ||
        period_make(&ps, a->year, NULL, cshis.any ? cshis.last : NULL, err)) {
        types_free(&ty);
        return NULL;
    }
    struct report *rep = new_report(db, a->year, &round, &pb, &ps);
    rep->units = a->units;
    struct survey sv;
    struct table *tb = NULL, *ts = NULL;
    int rc = survey_read(&sv, db, a->year, err) ||
             hushallstyp(rep, db, &ty, &sv, &round, err) ||
             over_rounds(rep, db, &ty, &sv, a->year, err) ||
             add_by_situation(rep, db, &ty, &sv, &round, a->year, err) ||
             add_formedlade(rep, db, &ty, &cbf, &pb, &tb, err) ||
             add_shis(rep, db, &ty, &cshis, &ps, &ts, err);
    if (!rc) {
        struct table *cols = survey_as_columns(report_table(rep, "hushallstyp"));
        struct table *k = women_and_men(&ty, &round, cols, &pb, tb, &ps, ts);
        table_free(cols);
        k->source = xstrdup("Källa: tabellerna ovan");
        report_add(rep, k);
    }
    types_free(&ty);
    survey_free(&sv);
    if (rc) {
        report_free(rep);
        return NULL;
    }
    return rep;
}
