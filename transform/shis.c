/*
 * shis.c: SHIS's monthly report (shis.h), from shis.sql.
 */
#include "transform/shis.h"
#include "transform/shis_tables.h"
#include "common/date.h"
#include "common/db.h"
#include "common/util.h"
#include "transform/coverage.h"
#include "transform/crosstab.h"
#include "transform/period.h"
#include "transform/sources.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 'YYYY-MM' of the month `back` months before y-m. */
static void month_before(int y, int m, int back, char out[16])
{
    int k = y * 12 + (m - 1) - back;
    snprintf(out, 16, "%04d-%02d", k / 12, k % 12 + 1);
}

/* "september 2021" for 'YYYY-MM'. */
static void month_label(const char *manad, struct strbuf *sb)
{
    sb_printf(sb, "%s %d", month_name(atoi(manad + 5)), atoi(manad));
}

static int form_index(const struct shis *s, const char *label)
{
    for (size_t i = 0; i < s->nforms; i++)
        if (strcmp(s->forms[i], label) == 0)
            return (int)i;
    return -1;
}

/* Columns: every boendeform, then Totalt. */
static void form_cols(struct table *t, const struct shis *s)
{
    const char *cols[MAXFORMS + 1];
    for (size_t i = 0; i < s->nforms; i++)
        cols[i] = s->forms[i];
    cols[s->nforms] = "Totalt";
    table_set_cols(t, s->nforms + 1, cols);
}

static void cite_stock(struct table *t, const struct shis *s, const char *first, const char *last)
{
    struct strbuf sb = STRBUF_INIT;
    sqlite3_stmt *st = db_prepare(s->db, SQL, "bestand_files");
    db_bind_text(st, ":first", first);
    db_bind_text(st, ":last", last);
    sources_cite(&sb, s->db, "shis", st, "inga filer");
    table_set_source(t, sb.buf);
    sb_free(&sb);
}

/*
 * One row of bestand, of apartments, occupied and waiting now (v, ok[k]
 * where known) and the month before (pv, pok): the counts, the empty
 * ones, the occupancy and the changes, each only where what it needs is known.
 */
static void stock_row(struct table *t, size_t r, const long long v[3], const int ok[3],
                      const long long pv[3], const int pok[3])
{
    /* The columns of apartments, occupied and waiting, and of their changes. */
    static const size_t at[3] = { 0, 1, 4 }, change[3] = { 5, 6, 8 };
    for (int k = 0; k < 3; k++) {
        if (ok[k])
            table_count(t, r, at[k], v[k]);
        if (ok[k] && pok[k])
            table_count(t, r, change[k], v[k] - pv[k]);
    }
    if (!ok[0] || !ok[1])
        return;
    table_count(t, r, 3, v[0] - v[1]);
    if (v[0] > 0)
        table_share(t, r, 2, 100.0 * (double)v[1] / (double)v[0]);
    if (pok[0] && pok[1] && v[0] > 0 && pv[0] > 0)
        table_amount(t, r, 7, share_round(100.0 * (double)v[1] / (double)v[0]) -
                                  share_round(100.0 * (double)pv[1] / (double)pv[0]));
}

/* bestand's notes: the boendeformer the month's or the month before's export lacks, and what occupancy is. */
static void stock_notes(struct table *t, const struct shis *s, const char *prev, const char *missing,
                        const char *pmissing)
{
    struct strbuf n = STRBUF_INIT;
    if (*missing) {
        sb_printf(&n, "SHIS bestånd-export saknar %s för ", missing);
        month_label(s->manad, &n);
        sb_adds(&n, "; de raderna och Totalt är tomma, inte noll.");
        table_add_note(t, n.buf);
    }
    if (*pmissing) {
        sb_reset(&n);
        sb_printf(&n, "Förändringen saknas för %s: ingen bestånd-export för ", pmissing);
        month_label(prev, &n);
        sb_adds(&n, " är inläst.");
        table_add_note(t, n.buf);
    }
    sb_free(&n);
    table_add_note(t, "Beläggning är andelen belagda av lägenheterna i slutet av månaden. "
                      "Förändringen i beläggning är skillnaden mellan de avrundade andelarna.");
}

/* bestand: the stock at the end of the month and the change from the month before. */
static int stock(struct report *rep, const struct shis *s, struct strbuf *err)
{
    static const char *const cols[] = {
        "Lägenheter", "Belagda", "Beläggning (%)", "Tomställda", "Väntande hushåll",
        "Förändring lägenheter", "Förändring belagda",
        "Förändring beläggning (procentenheter)", "Förändring väntande hushåll",
    };
    char prev[16];
    month_before(s->month.year, period_month(&s->month), 1, prev);
    struct strbuf title = STRBUF_INIT, missing = STRBUF_INIT, pmissing = STRBUF_INIT;
    sb_adds(&title, "SHIS bestånd och beläggning i slutet av ");
    month_label(s->manad, &title);
    sb_adds(&title, ", med förändringen från ");
    month_label(prev, &title);
    struct table *t = table_new("bestand", title.buf);
    sb_free(&title);
    table_frame(t, "Bestånd", "Boendeform", 9, cols);

    sqlite3_stmt *st = db_prepare(s->db, SQL, "bestand");
    db_bind_text(st, ":manad", s->manad);
    db_bind_text(st, ":prev", prev);
    /* Sums now and before: apartments, occupied, waiting; and whether each is complete. */
    long long now[3] = { 0 }, before[3] = { 0 };
    int now_ok[3] = { 1, 1, 1 }, before_ok[3] = { 1, 1, 1 };
    int rc;
    while ((rc = db_step(st)) == SQLITE_ROW) {
        size_t r = (size_t)table_add_row(t, db_col_text(st, 0));
        long long v[3], pv[3];
        int ok[3], pok[3];
        for (int k = 0; k < 3; k++) {
            ok[k] = sqlite3_column_type(st, 1 + k) != SQLITE_NULL;
            pok[k] = sqlite3_column_type(st, 4 + k) != SQLITE_NULL;
            v[k] = sqlite3_column_int64(st, 1 + k);
            pv[k] = sqlite3_column_int64(st, 4 + k);
            now[k] += v[k];
            before[k] += pv[k];
            now_ok[k] &= ok[k];
            before_ok[k] &= pok[k];
        }
        if (!ok[0])
            sb_printf(&missing, "%s%s", missing.len ? ", " : "", t->rows[r]);
        if (!pok[0])
            sb_printf(&pmissing, "%s%s", pmissing.len ? ", " : "", t->rows[r]);
        stock_row(t, r, v, ok, pv, pok);
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE) {
        size_t r = (size_t)table_add_row(t, "Totalt");
        t->total_row = (int)r;
        stock_row(t, r, now, now_ok, before, before_ok);
        stock_notes(t, s, prev, missing.len ? missing.buf : "", pmissing.len ? pmissing.buf : "");
        cite_stock(t, s, prev, s->manad);
        report_add(rep, t);
    } else {
        table_free(t);
    }
    sb_free(&missing);
    sb_free(&pmissing);
    return rc == SQLITE_DONE ? 0 : db_error(s->db, err);
}

/* belaggning_12_manader: occupancy over the twelve months to the month, per boendeform. */
static int occupancy(struct report *rep, const struct shis *s, struct strbuf *err)
{
    char months[12][16];
    int y = s->month.year, m = period_month(&s->month);
    for (int i = 0; i < 12; i++)
        month_before(y, m, 11 - i, months[i]);
    struct strbuf title = STRBUF_INIT;
    sb_adds(&title, "SHIS beläggning (%) per månad, ");
    month_label(months[0], &title);
    sb_adds(&title, "–");
    month_label(months[11], &title);
    struct table *t = table_new("belaggning_12_manader", title.buf);
    sb_free(&title);
    table_frame(t, "Beläggning 12 månader", "Månad", 0, NULL);
    form_cols(t, s);
    size_t nf = s->nforms;
    long long lgh[12][MAXFORMS + 1] = { { 0 } }, bel[12][MAXFORMS + 1] = { { 0 } };
    int have[12][MAXFORMS] = { { 0 } };
    sqlite3_stmt *st = db_prepare(s->db, SQL, "belaggning");
    db_bind_text(st, ":first", months[0]);
    db_bind_text(st, ":last", months[11]);
    int rc;
    while ((rc = db_step(st)) == SQLITE_ROW) {
        const char *manad = db_col_text(st, 0);
        int f = form_index(s, db_col_text(st, 1));
        for (int i = 0; i < 12 && f >= 0; i++)
            if (strcmp(months[i], manad) == 0) {
                lgh[i][f] = sqlite3_column_int64(st, 2);
                bel[i][f] = sqlite3_column_int64(st, 3);
                have[i][f] = 1;
            }
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        table_free(t);
        return db_error(s->db, err);
    }
    struct strbuf gaps = STRBUF_INIT;
    for (int i = 0; i < 12; i++) {
        struct strbuf label = STRBUF_INIT;
        month_label(months[i], &label);
        size_t r = (size_t)table_add_row(t, label.buf);
        int all = 1;
        for (size_t f = 0; f < nf; f++) {
            if (have[i][f] && lgh[i][f] > 0)
                table_share(t, r, f, 100.0 * (double)bel[i][f] / (double)lgh[i][f]);
            all &= have[i][f];
            lgh[i][nf] += lgh[i][f];
            bel[i][nf] += bel[i][f];
        }
        if (all && lgh[i][nf] > 0)
            table_share(t, r, nf, 100.0 * (double)bel[i][nf] / (double)lgh[i][nf]);
        if (!all)
            sb_printf(&gaps, "%s%s", gaps.len ? ", " : "", label.buf);
        sb_free(&label);
    }
    if (gaps.len) {
        struct strbuf n = STRBUF_INIT;
        sb_printf(&n, "Bestånd saknas helt eller delvis för %s; de cellerna är tomma, inte noll.",
                  gaps.buf);
        table_add_note(t, n.buf);
        sb_free(&n);
    }
    sb_free(&gaps);
    int rows[12], cols[MAXFORMS + 1];
    for (int i = 0; i < 12; i++)
        rows[i] = i;
    for (size_t f = 0; f <= nf; f++)
        cols[f] = (int)f;
    table_set_chart(t, CHART_LINE, "belaggning", "Beläggning (%)", 12, rows, nf + 1, cols);
    cite_stock(t, s, months[0], months[11]);
    report_add(rep, t);
    return 0;
}

/* inflyttade: in the month, so far this year, and so far via Bostadsförmedlingen. */
static void moved_in(struct report *rep, const struct shis *s)
{
    static const char *const cols[] = {
        "Månaden", "Hittills i år", "Hittills i år via Bostadsförmedlingen",
    };
    struct strbuf title = STRBUF_INIT;
    sb_adds(&title, "Inflyttade hushåll i SHIS bostäder ");
    month_label(s->manad, &title);
    sb_adds(&title, " och hittills i år (");
    period_label(&s->ytd, &title);
    sb_addc(&title, ')');
    struct table *t = table_new("inflyttade", title.buf);
    sb_free(&title);
    table_frame(t, "Inflyttade", "Boendeform", 3, cols);
    if (!coverage_table_note(&s->pl, &s->ytd, "placeringar från SHIS", t)) {
        for (size_t f = 0; f < s->nforms; f++) {
            table_add_row(t, s->forms[f]);
            for (size_t c = 0; c < 3; c++)
                table_count(t, f, c, 0);
        }
        for (size_t f = 0; f < s->nforms; f++)
            for (size_t c = 0; c < 3; c++)
                table_count(t, f, c, s->moved[f][c]);
        table_add_total_row(t);
    }
    shis_cite_placements(t, s, s->ytd.from, s->ytd.through, 0);
    report_add(rep, t);
}

/* inflyttade_per_manad: January to the month, per boendeform. */
static void moved_in_per_month(struct report *rep, const struct shis *s)
{
    struct table *t = period_table("inflyttade_per_manad", "Inflyttade hushåll i SHIS bostäder per månad",
                                   &s->ytd, "Inflyttade per månad");
    table_set_stub(t, "Månad");
    form_cols(t, s);
    if (!coverage_table_note(&s->pl, &s->ytd, "placeringar från SHIS", t)) {
        int last = period_month(&s->month);
        for (int m = 1; m <= last; m++) {
            table_add_row(t, month_name(m));
            for (size_t c = 0; c < s->nforms; c++)
                table_count(t, (size_t)m - 1, c, s->per_month[m - 1][c]);
        }
        for (size_t r = 0; r < t->nrows; r++) {
            double sum = 0;
            for (size_t f = 0; f < s->nforms; f++)
                sum += table_cell(t, r, f)->v;
            table_count(t, r, s->nforms, (long long)sum);
        }
        t->total_col = (int)s->nforms;
        table_add_total_row(t);
        int rows[12], cols[MAXFORMS];
        for (int i = 0; i < last; i++)
            rows[i] = i;
        for (size_t f = 0; f < s->nforms; f++)
            cols[f] = (int)f;
        table_set_chart(t, CHART_BAR, "inflyttade", "Inflyttade hushåll", (size_t)last, rows,
                        s->nforms, cols);
    }
    shis_cite_placements(t, s, s->ytd.from, s->ytd.through, 0);
    report_add(rep, t);
}

/*
 * inflyttade_stadsdel, so far this year per remitterande stadsdel and
 * boendeform, protected: as yet without its counts (the pass adds them),
 * with a row for every unit that can remit when the period is covered.
 */
static struct table *per_unit_table(const struct shis *s, int *covered, struct strbuf *err)
{
    struct table *t = period_table("inflyttade_stadsdel",
                                   "Inflyttade hushåll i SHIS bostäder per remitterande stadsdel",
                                   &s->ytd, "Inflyttade per stadsdel");
    table_set_stub(t, "Remitterande stadsdel");
    form_cols(t, s);
    t->protect = 1;
    *covered = !coverage_table_note(&s->pl, &s->ytd, "placeringar från SHIS", t);
    if (*covered && crosstab_rows(t, db_prepare(s->db, SQL, "remittenter"), err)) {
        table_free(t);
        return NULL;
    }
    return t;
}

/*
 * One pass over the households that moved in during the year to date
 * (statement "placements"), counting what inflyttade, inflyttade_per_manad
 * and inflyttade_stadsdel show (with units, also naming the placement each
 * count counted, table_units), collecting their files into files and the
 * households the returns follow.  Returns 0, or -1 with a message in err.
 */
static int shis_read(struct shis *s, int units, struct file_set *files, struct strbuf *err)
{
    int covered;
    if (!(s->per_unit = per_unit_table(s, &covered, err)))
        return -1;
    struct table *t = s->per_unit;
    sqlite3_stmt *st = db_prepare(s->db, SQL, "placements");
    db_bind_text(st, ":from", s->ytd.from);
    db_bind_text(st, ":through", s->ytd.through);
    const struct crosstab_units cu = { .t1 = t, .prefix = "shis:", .fill = s->nforms };
    struct strbuf key = STRBUF_INIT;
    int rc, bad = 0;
    while (!bad && (rc = db_step(st)) == SQLITE_ROW) {
        const char *day = db_col_text(st, 0), *form = db_col_text(st, 1),
                   *unit = db_col_text(st, 3), *placeringsid = db_col_text(st, 5);
        int f = form_index(s, form), m = atoi(day + 5);
        if (f >= 0) {
            s->moved[f][0] += strcmp(day, s->month.from) >= 0;
            s->moved[f][1]++;
            s->moved[f][2] += strcmp(db_col_text(st, 2), "Bostadsförmedlingen") == 0;
            if (m >= 1 && m <= 12)
                s->per_month[m - 1][f]++;
        }
        file_set_add(files, sqlite3_column_int64(st, 4));
        arrivals_add(&s->arrivals, placeringsid, (const char *)sqlite3_column_text(st, 6), day);
        if (covered)
            bad = units ? crosstab_unit_add(&cu, unit, NULL, form, placeringsid, &key, err)
                        : crosstab_add(t, unit, form, 1, s->nforms, err);
    }
    sqlite3_finalize(st);
    sb_free(&key);
    if (bad)
        return -1;
    if (rc != SQLITE_DONE)
        return db_error(s->db, err);
    if (covered)
        crosstab_totals(t, s->nforms, 1, 1);
    return 0;
}

/* inflyttade_stadsdel, as the pass counted it. */
static void moved_in_per_unit(struct report *rep, struct shis *s)
{
    struct table *t = s->per_unit;
    s->per_unit = NULL;
    shis_cite_placements(t, s, s->ytd.from, s->ytd.through, 0);
    report_add(rep, t);
}

static void shis_free(struct shis *s)
{
    for (size_t i = 0; i < s->nforms; i++)
        free(s->forms[i]);
    free(s->ytd_source[0]);
    free(s->ytd_source[1]);
    table_free(s->per_unit);
    arrivals_free(&s->arrivals);
}

int shis_add_tables(struct report *rep, sqlite3 *db, const char *manad, struct strbuf *err)
{
    struct shis s;
    memset(&s, 0, sizeof s);
    s.db = db;
    if (period_make_month(&s.month, manad, err))
        return -1;
    snprintf(s.manad, sizeof s.manad, "%.7s", s.month.from);
    if (period_make(&s.ytd, s.month.year, s.month.through, NULL, err))
        return -1;
    sqlite3_stmt *st = db_prepare(db, SQL, "forms");
    while (db_step(st) == SQLITE_ROW && s.nforms < MAXFORMS)
        s.forms[s.nforms++] = xstrdup(db_col_text(st, 0));
    sqlite3_finalize(st);
    struct file_set files = { 0 };
    int rc = coverage_load(db, "shis-placeringar", &s.pl, err) ||
             coverage_load(db, "bf-formedlingar", &s.bf, err) || shis_read(&s, rep->units, &files, err);
    if (!rc) {
        /* The year to date's line, then the same with BF's files: the placements' files once. */
        struct strbuf sb = STRBUF_INIT;
        sources_cite_set(&sb, db, "shis", &files, "inga filer");
        s.ytd_source[0] = xstrdup(sb.buf);
        shis_cite_files(&sb, &s, "genomgang_files", "bostadsformedling", s.ytd.from, s.ytd.through);
        s.ytd_source[1] = sb_detach(&sb);
        rc = stock(rep, &s, err) || occupancy(rep, &s, err);
    }
    if (!rc) {
        moved_in(rep, &s);
        moved_in_per_month(rep, &s);
        moved_in_per_unit(rep, &s);
        rc = shis_reconcile(rep, &s, err) || shis_returns(rep, &s, err);
    }
    file_set_free(&files);
    shis_free(&s);
    return rc ? -1 : 0;
}

struct report *shis_manad_report(sqlite3 *db, const struct report_args *a, struct strbuf *err)
{
    struct strbuf month = STRBUF_INIT;
    if (a->month) {
        sb_adds(&month, a->month);
    } else {
        sqlite3_stmt *st = db_prepare(db, SQL, "last_month");
        db_one_text(st, &month);
        if (!month.len) {
            sb_adds(err, "ingen bestånd-export från SHIS är inläst, så det finns ingen månad att "
                         "rapportera (ange --month ÅÅÅÅ-MM)");
            sb_free(&month);
            return NULL;
        }
    }
    struct period p;
    struct coverage be, pl;
    if (period_make_month(&p, month.buf, err) || coverage_load(db, "shis-bestand", &be, err) ||
        coverage_require(&be, &p, "uppgifter om SHIS bestånd", err) ||
        coverage_load(db, "shis-placeringar", &pl, err) ||
        coverage_require(&pl, &p, "placeringar från SHIS", err)) {
        sb_free(&month);
        return NULL;
    }
    struct strbuf title = STRBUF_INIT;
    sb_adds(&title, "SHIS månadsrapport ");
    period_label(&p, &title);
    struct report *rep = report_new("shis-manad", month.buf, title.buf);
    rep->units = a->units;
    rep->through = xstrdup(p.through);
    sb_free(&title);
    sb_free(&month);
    static const char *const kinds[] = { "shis-bestand", "shis-placeringar", "bf-formedlingar", NULL };
    rep->sources = sources_table(db, kinds);
    sources_publisher(rep, db);
    if (shis_add_tables(rep, db, rep->period, err)) {
        report_free(rep);
        return NULL;
    }
    return rep;
}
