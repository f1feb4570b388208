/*
 * arsmal.c: the årsmål tables (arsmal.h), from transform/sql/arsmal.sql, each
 * from what arsmal_pass.c counted of the period in one pass.
 */
#include "transform/arsmal.h"
#include "transform/arsmal_pass.h"
#include "common/db.h"
#include "common/util.h"
#include "transform/coverage.h"
#include "transform/crosstab.h"
#include "transform/sources.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SQL ARSMAL_SQL

static void set_source(struct table *t, const struct pass *ps, int with_targets)
{
    table_set_source(t, with_targets ? ps->bf_targets : ps->bf);
}

/* Tabell 1. */
static struct table *tabell1(const struct layout *l, const struct figures *f, const struct period *p)
{
    static const char *const cols[] = { "Mål", "Förmedlade", "Kvar till mål", "Andel av mål (%)" };
    struct table *t = period_table("arsmal", "Förmedlade lägenheter", p, "Årsmål");
    table_frame(t, NULL, "Boendeform", 4, cols);
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
static void per_month(struct report *rep, const struct pass *ps, const struct layout *l,
                      const struct period *p)
{
    const char *cols[MAXROWS + 3];
    size_t nc = l->ncat;
    for (size_t k = 0; k < nc; k++)
        cols[k] = l->catlabel[k];
    cols[nc] = "Totalt";
    cols[nc + 1] = "Kumulativt";
    cols[nc + 2] = "Jämn takt mot mål";
    struct table *t = period_table("per_manad", "Förmedlade lägenheter per månad", p, "Per månad");
    table_frame(t, NULL, "Månad", nc + 3, cols);
    int last = period_month(p);
    const struct figures *f = &ps->cur;
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
            table_count(t, (size_t)r, k, ps->month[m][k]);
            tot += ps->month[m][k];
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
    set_source(t, ps, 1);
    int rows[12], chart_cols[] = { (int)nc + 1, (int)nc + 2 };
    for (int i = 0; i < last; i++)
        rows[i] = i;
    table_set_chart(t, CHART_LINE, "kumulativt", "Förmedlade lägenheter, kumulativt",
                    (size_t)last, rows, f->has_mal[tot_row] ? 2 : 1, chart_cols);
    report_add(rep, t);
}

/* A year-end forecast at the pace so far. */
static struct table *forecast(const struct layout *l, const struct figures *f, const struct period *p)
{
    static const char *const cols[] = {
        "Förmedlade", "Prognos helår", "Mål", "Prognos andel av mål (%)",
    };
    struct table *t = period_table("prognos", "Prognos för helåret efter", p, "Prognos");
    table_frame(t, NULL, "Boendeform", 4, cols);
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
    table_frame(t, NULL, "Boendeform", 4, cols);
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

/* A cross table from the tally TA with the given columns and a Totalt column and row. */
static int cross(struct report *rep, const struct pass *ps, const struct period *p,
                 const struct tally *ta, const struct ranks *order,
                 const char *name, const char *what, const char *sheet, const char *stub,
                 size_t ncols, const char *const *cols, int protect, const struct link *link,
                 struct strbuf *err)
{
    const char *all[MAXROWS + 1];
    for (size_t i = 0; i < ncols; i++)
        all[i] = cols[i];
    all[ncols] = "Totalt";
    struct table *t = period_table(name, what, p, sheet);
    table_frame(t, NULL, stub, ncols + 1, all);
    if (tally_fill(t, ta, order, ncols, 1, 1, err)) {
        table_free(t);
        return -1;
    }
    t->protect = protect;
    table_link(t, link->population, link->rdim, link->cdim);
    set_source(t, ps, 0);
    report_add(rep, t);
    return 0;
}

/* Offers made in the period and their answers, with the share of Nej. */
static int answers(struct report *rep, const struct pass *ps, const struct period *p,
                   struct strbuf *err)
{
    static const char *const cols[] = { "Ja", "Nej", "Inväntar", "Erbjudanden", "Andel nej (%)" };
    struct table *t = period_table("svar", "Erbjudanden och svar per boendeform", p, "Svar");
    table_frame(t, NULL, "Boendeform", 5, cols);
    if (tally_fill(t, &ps->answers, &ps->form_rank, 3, 1, 1, err)) {
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
    set_source(t, ps, 0);
    report_add(rep, t);
    return 0;
}

/*
 * Which förmedlingar and offers each count of the linked tables counted
 * (table_units), for the audit of a series of publications, as the pass
 * kept them (no statement runs twice).  Returns 0, or -1 with a message
 * in err.
 */
static int record_units(struct report *rep, struct pass *ps, struct strbuf *err)
{
    struct table *bes = report_table(rep, "per_bestallare"), *hyr = report_table(rep, "per_hyresvard"),
                 *mon = report_table(rep, "per_manad"), *svar = report_table(rep, "svar"),
                 *svb = report_table(rep, "svar_per_bestallare"), *nej = report_table(rep, "nej_orsak");
    if (!bes || !hyr || !mon || !svar || !svb || !nej) {
        sb_adds(err, "internt fel: årsmålets tabeller saknas");
        return -1;
    }
    struct strbuf key = STRBUF_INIT;
    const char *text = ps->unit_text.buf;
    int bad = 0;
    for (size_t i = 0; i < ps->ncontract_units && !bad; i++) {
        const struct contract_unit *u = &ps->contract_units[i];
        sb_reset(&key);
        sb_adds(&key, "bf:");
        sb_adds(&key, text + u->key);
        int m = u->month, c = table_find_col(mon, u->f->kategori);
        bad = table_unit_at(bes, u->bestallare, u->f->kategori, key.buf) ||
              table_unit_at(hyr, u->hyresvard, u->f->kategori, key.buf);
        if (!bad && c >= 0 && m >= 1 && (size_t)m <= mon->nrows)
            table_unit(mon, (size_t)m - 1, (size_t)c, key.buf);
    }
    for (size_t i = 0; i < ps->noffer_units && !bad; i++) {
        const struct offer_unit *o = &ps->offer_units[i];
        const char *svar_label = text + o->svar;
        sb_reset(&key);
        sb_adds(&key, "bf:");
        sb_adds(&key, text + o->key);
        bad = table_unit_at(svar, o->f->label, svar_label, key.buf) ||
              table_unit_at(svb, text + o->bestallare, svar_label, key.buf) ||
              (strcmp(svar_label, "Nej") == 0 && table_unit_at(nej, text + o->nej, o->f->kategori, key.buf));
    }
    sb_free(&key);
    if (bad && !err->len)
        sb_adds(err, "internt fel: en förmedling räknas inte i årsmålets tabeller");
    return bad ? -1 : 0;
}

/* The underlag the pass made, if it did: last in the report, as it is the longest. */
static void underlag(struct report *rep, struct pass *ps)
{
    struct table *t = ps->underlag;
    if (!t)
        return;
    ps->underlag = NULL;
    table_add_note(t, "Internt underlag för spårbarhet: varje tal i rapporten kan följas till "
                      "raderna här. Får inte publiceras.");
    set_source(t, ps, 0);
    report_add(rep, t);
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

int arsmal_add_tables(struct report *rep, sqlite3 *db, const struct period *p, struct strbuf *err)
{
    struct layout l;
    struct figures prev;
    struct period pp;
    struct coverage cv;
    struct pass ps;
    period_previous(p, &pp);
    if (pass_layout(db, &l, err) || coverage_load(db, "bf-formedlingar", &cv, err) ||
        coverage_require(&cv, p, "förmedlingar", err))
        return -1;
    if (pass_read(&ps, db, &l, p, rep->units, rep->internal, err) || pass_figures(&ps, db, &l, &pp, &prev, err)) {
        pass_free(&ps);
        return -1;
    }
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
    struct table *t = tabell1(&l, &ps.cur, p);
    set_source(t, &ps, 1);
    coverage_note(&cv, p, t);
    report_add(rep, t);
    per_month(rep, &ps, &l, p);
    t = forecast(&l, &ps.cur, p);
    set_source(t, &ps, 1);
    report_add(rep, t);
    static const char *const answer_cols[] = { "Ja", "Nej", "Inväntar" };
    int rc = -1;
    if (cross(rep, &ps, p, &ps.bestallare, &ps.org_rank, "per_bestallare",
              "Förmedlade lägenheter per beställare", "Per beställare", "Beställare", l.ncat,
              l.catlabel, 1, &formedlade_bestallare, err) ||
        cross(rep, &ps, p, &ps.hyresvard, NULL, "per_hyresvard", "Förmedlade lägenheter per hyresvärd",
              "Per hyresvärd", "Hyresvärd", l.ncat, l.catlabel, 0, &formedlade_hyresvard, err))
        goto out;
    t = previous_year(&l, &ps.cur, &prev, p, &pp, &cv);
    set_source(t, &ps, 0);
    report_add(rep, t);
    if (answers(rep, &ps, p, err) ||
        cross(rep, &ps, p, &ps.nej, &ps.nej_rank, "nej_orsak", "Skäl till nej per kategori",
              "Nej-orsaker", "Nej-orsak", l.ncat, l.catlabel, 0, &nej, err) ||
        cross(rep, &ps, p, &ps.svar_bestallare, &ps.org_rank, "svar_per_bestallare",
              "Erbjudanden och svar per beställare", "Svar per beställare", "Beställare", 3,
              answer_cols, 1, &erbjudanden_bestallare, err) ||
        (rep->units && record_units(rep, &ps, err)))
        goto out;
    underlag(rep, &ps);
    rc = 0;
out:
    pass_free(&ps);
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
    rep->units = a->units;
    rep->internal = a->internal;
    rep->internal_text = a->internal_text;
    rep->through = xstrdup(p.through);
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
