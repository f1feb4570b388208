/*
 * uppfoljning.c: the follow-up and compliance report (uppfoljning.h), from
 * uppfoljning.sql.
 */
#include "transform/uppfoljning.h"
#include "common/db.h"
#include "common/util.h"
#include "transform/coverage.h"
#include "transform/crosstab.h"
#include "transform/sources.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SQL "transform/sql/uppfoljning.sql"
#define DAYS_PER_MONTH (365.25 / 12.0)

/* "31 december 2021" for an ISO date. */
static void date_label(const char *iso, struct strbuf *sb)
{
    sb_printf(sb, "%d %s %d", atoi(iso + 8), month_name(atoi(iso + 5)), atoi(iso));
}

/* Binds the period to st: :through always, :from where the statement has it. */
static void bind_period(sqlite3_stmt *st, const struct period *p)
{
    if (sqlite3_bind_parameter_index(st, ":from"))
        db_bind_text(st, ":from", p->from);
    db_bind_text(st, ":through", p->through);
}

/* "Källa: Bostadsförmedlingen (files of statement NAME for the period)". */
static void cite_bf(struct table *t, sqlite3 *db, const char *name, const struct period *p)
{
    struct strbuf sb = STRBUF_INIT;
    sqlite3_stmt *st = db_prepare(db, SQL, name);
    bind_period(st, p);
    sources_cite(&sb, db, "bostadsformedling", st, "inga filer");
    table_set_source(t, sb.buf);
    sb_free(&sb);
}

/* A protected table: rows from ROWS, columns the boendeformer, counts from FILL. */
static struct table *breakdown(sqlite3 *db, const struct period *p, struct table *t,
                               const char *stub, const char *rows, const char *fill,
                               const char *population, const char *rdim, struct strbuf *err)
{
    table_set_stub(t, stub);
    t->protect = 1;
    if (crosstab_cols(t, db_prepare(db, SQL, "boendeformer"), err) ||
        crosstab_rows(t, db_prepare(db, SQL, rows), err)) {
        table_free(t);
        return NULL;
    }
    sqlite3_stmt *st = db_prepare(db, SQL, fill);
    bind_period(st, p);
    int rc = crosstab_fill(t, st, t->ncols - 1, 1, 1, err);
    sqlite3_finalize(st);
    if (rc) {
        table_free(t);
        return NULL;
    }
    table_link(t, population, rdim, "boendeform");
    return t;
}

/* pagaende: running at the date. */
static int running(struct report *rep, sqlite3 *db, const struct period *p, struct strbuf *err)
{
    struct strbuf title = STRBUF_INIT;
    sb_adds(&title, "Pågående boenden per beställare och boendeform den ");
    date_label(p->through, &title);
    struct table *t = table_new("pagaende", title.buf);
    sb_free(&title);
    table_set_sheet(t, "Pågående");
    t = breakdown(db, p, t, "Beställare", "bestallare", "pagaende", "pågående", "beställare", err);
    if (!t)
        return -1;
    table_add_note(t, "Ett boende pågår från Kontraktsdatum till Avslutsdatum.");
    cite_bf(t, db, "bf_files", p);
    report_add(rep, t);
    return 0;
}

/* avslutade: ended in the period, with the share the tenants took over. */
static int ended(struct report *rep, sqlite3 *db, const struct period *p, struct strbuf *err)
{
    struct table *t = period_table("avslutade", "Avslutade boenden per avslutsorsak och boendeform",
                                   p, "Avslutade");
    t = breakdown(db, p, t, "Avslutsorsak", "avslutsorsaker", "avslutade", "avslutade",
                  "avslutsorsak", err);
    if (!t)
        return -1;
    sqlite3_stmt *st = db_prepare(db, SQL, "overtaget");
    int over = -1;
    if (db_step(st) == SQLITE_ROW)
        for (size_t r = 0; r < t->nrows; r++)
            if (strcmp(t->rows[r], db_col_text(st, 0)) == 0)
                over = (int)r;
    sqlite3_finalize(st);
    if (over >= 0) {
        size_t tr = (size_t)t->total_row;
        size_t r = (size_t)table_add_row(t, "Andel övertagna av hyresgästen (%)");
        for (size_t c = 0; c < t->ncols; c++) {
            double all = table_cell(t, tr, c)->v;
            if (all > 0)
                table_share_of(t, r, c, 100.0 * table_cell(t, (size_t)over, c)->v / all,
                               (size_t)over, c, tr, c);
        }
        table_add_note(t, "Andelen övertagna är av de boenden som avslutades under perioden.");
    }
    cite_bf(t, db, "bf_files", p);
    report_add(rep, t);
    return 0;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The median of v[0..n-1] (sorted here); n > 0. */
static double median(double *v, size_t n)
{
    qsort(v, n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

/* One contract year's arrangements, as read. */
struct cohort {
    int year;
    long long n, taken, within[3];
    double *days;       /* days to the takeover of each one taken over */
    size_t ndays, cap;
};

static void cohort_row(struct table *t, struct cohort *c, const struct period *p, int *unknown)
{
    struct strbuf label = STRBUF_INIT;
    sb_printf(&label, "%d", c->year);
    size_t r = (size_t)table_add_row(t, label.buf);
    sb_free(&label);
    table_count(t, r, 0, c->n);
    table_count(t, r, 1, c->taken);
    if (c->ndays)
        table_amount(t, r, 2, median(c->days, c->ndays) / DAYS_PER_MONTH);
    for (int k = 0; k < 3; k++) {
        /* Known only once every contract of the year has had k+1 years. */
        char end[24];
        snprintf(end, sizeof end, "%04d-12-31", c->year + k + 1);
        if (strcmp(end, p->through) > 0) {
            *unknown = 1;
            continue;
        }
        if (c->n > 0)
            table_share_of(t, r, 3 + (size_t)k, 100.0 * (double)c->within[k] / (double)c->n, r,
                           0, r, 0);
    }
    free(c->days);
    memset(c, 0, sizeof *c);
}

/* tid_till_overtagande: per contract year. */
static int time_to_takeover(struct report *rep, sqlite3 *db, const struct period *p,
                            struct strbuf *err)
{
    static const char *const cols[] = {
        "Förmedlade", "Övertagna", "Median till övertagande (månader)", "Inom 1 år (%)",
        "Inom 2 år (%)", "Inom 3 år (%)",
    };
    struct strbuf title = STRBUF_INIT;
    sb_adds(&title, "Tid från kontrakt till att hyresgästen tog över kontraktet, per år då "
                    "kontraktet skrevs, till och med ");
    date_label(p->through, &title);
    struct table *t = table_new("tid_till_overtagande", title.buf);
    sb_free(&title);
    table_set_sheet(t, "Tid till övertagande");
    table_set_cols(t, 6, cols);
    table_set_stub(t, "Kontraktsår");
    sqlite3_stmt *st = db_prepare(db, SQL, "tid");
    db_bind_text(st, ":through", p->through);
    struct cohort c;
    memset(&c, 0, sizeof c);
    int rc, unknown = 0;
    while ((rc = db_step(st)) == SQLITE_ROW) {
        int year = sqlite3_column_int(st, 0);
        if (c.n && year != c.year)
            cohort_row(t, &c, p, &unknown);
        c.year = year;
        c.n++;
        if (sqlite3_column_type(st, 1) != SQLITE_NULL) {
            if (c.ndays == c.cap) {
                c.cap = c.cap ? 2 * c.cap : 64;
                c.days = xrealloc(c.days, c.cap * sizeof *c.days);
            }
            c.days[c.ndays++] = sqlite3_column_double(st, 1);
            c.taken++;
        }
        for (int k = 0; k < 3; k++)
            c.within[k] += sqlite3_column_int(st, 2 + k);
    }
    if (c.n)
        cohort_row(t, &c, p, &unknown);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        table_free(t);
        return db_error(db, err);
    }
    table_add_note(t, "Övertagna och medianen räknar de kontrakt som hyresgästen hade tagit över "
                      "(Avslutsorsak \"Övertaget av hyresgästen\") till och med datumet; medianen "
                      "är tiden för dem, i månader.");
    table_add_note(t, "Andelen inom 1, 2 och 3 år är av alla kontrakt som skrevs det året.");
    if (unknown)
        table_add_note(t, "En andel är tom där inte alla kontrakt från året har hunnit bli så "
                          "gamla: den går ännu inte att veta.");
    cite_bf(t, db, "tid_files", p);
    report_add(rep, t);
    return 0;
}

/* A case officers' list: Ärendenummer and beställare only. */
static int case_list(struct report *rep, sqlite3 *db, const struct period *p, const char *name,
                     const char *what, const char *sheet, const char *none, struct strbuf *err)
{
    struct strbuf title = STRBUF_INIT;
    sb_printf(&title, "%s den ", what);
    date_label(p->through, &title);
    struct table *t = table_new(name, title.buf);
    sb_free(&title);
    table_set_sheet(t, sheet);
    table_set_cols(t, 1, (const char *[]){ "Beställare" });
    table_set_stub(t, "Ärendenummer");
    sqlite3_stmt *st = db_prepare(db, SQL, name);
    db_bind_text(st, ":through", p->through);
    int rc;
    while ((rc = db_step(st)) == SQLITE_ROW) {
        size_t r = (size_t)table_add_row(t, db_col_text(st, 0));
        table_text(t, r, 0, db_col_text(st, 1));
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        table_free(t);
        return db_error(db, err);
    }
    table_add_note(t, t->nrows ? "Listan är till handläggarna: den visar bara Ärendenummer och "
                                 "beställare, inga andra uppgifter om hushållen."
                               : none);
    cite_bf(t, db, "bf_files", p);
    report_add(rep, t);
    return 0;
}

/* Steps st for one row; 1 if it has one with a non-NULL first column, 0 if not, -1 on error. */
static int one_row(sqlite3_stmt *st)
{
    int rc = db_step(st);
    if (rc == SQLITE_ROW)
        return sqlite3_column_type(st, 0) != SQLITE_NULL;
    return rc == SQLITE_DONE ? 0 : -1;
}

/* nyckeltal: one figure from each kind of export, each with its source. */
static int key_figures(struct report *rep, sqlite3 *db, const struct period *p, struct strbuf *err)
{
    struct table *t = period_table("nyckeltal", "Nyckeltal för uppföljningen", p, "Nyckeltal");
    table_set_cols(t, 1, (const char *[]){ "Värde" });
    table_set_stub(t, "");
    struct strbuf src = STRBUF_INIT, label = STRBUF_INIT;
    char manad[8];
    snprintf(manad, sizeof manad, "%.7s", p->through);
    int bad = 0, r, formedlade = -1, y;

    /* Bostadsförmedlingen and the årsmål. */
    sqlite3_stmt *st = db_prepare(db, SQL, "formedlade");
    bind_period(st, p);
    bad |= one_row(st) < 0;
    formedlade = r = table_add_row(t, "Förmedlade lägenheter under perioden");
    table_count(t, (size_t)r, 0, sqlite3_column_int64(st, 0));
    sqlite3_finalize(st);
    st = db_prepare(db, SQL, "mal");
    db_bind_int(st, ":year", p->year);
    y = one_row(st);
    bad |= y < 0;
    sb_printf(&label, "Årsmål totalt %d", p->year);
    r = table_add_row(t, label.buf);
    if (y > 0) {
        long long mal = sqlite3_column_int64(st, 0);
        table_count(t, (size_t)r, 0, mal);
        int a = table_add_row(t, "Andel av årsmålet (%)");
        if (mal > 0)
            table_share_of(t, (size_t)a, 0, 100.0 * table_cell(t, (size_t)formedlade, 0)->v /
                                                (double)mal, (size_t)formedlade, 0, (size_t)r, 0);
    } else {
        table_add_note(t, "Inget årsmål totalt är inläst för året.");
    }
    sqlite3_finalize(st);
    st = db_prepare(db, SQL, "bf_files");
    bind_period(st, p);
    sources_cite(&src, db, "bostadsformedling", st, "inga filer");
    st = db_prepare(db, SQL, "mal_files");
    db_bind_int(st, ":year", p->year);
    sources_cite(&src, db, "arsmal", st, "inget årsmål inläst");

    /* SHIS: occupancy at the end of the month, and households moved in. */
    st = db_prepare(db, SQL, "belaggning");
    db_bind_text(st, ":manad", manad);
    y = one_row(st);
    bad |= y < 0;
    sb_reset(&label);
    sb_printf(&label, "SHIS beläggning i slutet av %s %d (%%)", month_name(period_month(p)), p->year);
    r = table_add_row(t, label.buf);
    if (y > 0 && sqlite3_column_int64(st, 0) > 0)
        table_share(t, (size_t)r, 0, 100.0 * sqlite3_column_double(st, 1) /
                                         sqlite3_column_double(st, 0));
    else
        table_add_note(t, "SHIS bestånd är inte inläst för periodens sista månad.");
    sqlite3_finalize(st);

    struct coverage cv;
    if (coverage_load(db, "shis-placeringar", &cv, err)) {
        bad = 1;
    } else {
        r = table_add_row(t, "Inflyttade hushåll i SHIS bostäder under perioden");
        if (coverage_touches(&cv, p)) {
            st = db_prepare(db, SQL, "inflyttade");
            bind_period(st, p);
            bad |= one_row(st) < 0;
            table_count(t, (size_t)r, 0, sqlite3_column_int64(st, 0));
            sqlite3_finalize(st);
        } else {
            table_add_note(t, "Inga placeringar från SHIS är inlästa för perioden.");
        }
    }
    st = db_prepare(db, SQL, "shis_files");
    bind_period(st, p);
    db_bind_text(st, ":manad", manad);
    sources_cite(&src, db, "shis", st, "inga filer");

    /* The survey: the latest round up to the year. */
    st = db_prepare(db, SQL, "kartlaggning");
    db_bind_int(st, ":year", p->year);
    y = one_row(st);
    bad |= y < 0;
    if (y > 0) {
        sb_reset(&label);
        sb_printf(&label, "Barnfamiljer i stadigvarande boende, kartläggningen %d (%%)",
                  sqlite3_column_int(st, 0));
        r = table_add_row(t, label.buf);
        long long n = sqlite3_column_int64(st, 1), stable = sqlite3_column_int64(st, 2);
        if (n > 0)
            table_share(t, (size_t)r, 0, 100.0 * (double)stable / (double)n);
    } else {
        table_add_row(t, "Barnfamiljer i stadigvarande boende, senaste kartläggningen (%)");
        table_add_note(t, "Ingen kartläggning till och med året är inläst.");
    }
    sqlite3_finalize(st);
    st = db_prepare(db, SQL, "kartlaggning_files");
    db_bind_int(st, ":year", p->year);
    sources_cite(&src, db, "kartlaggning", st, "ingen kartläggning inläst");

    table_set_source(t, src.buf);
    sb_free(&src);
    sb_free(&label);
    if (bad) {
        table_free(t);
        return err->len ? -1 : db_error(db, err);
    }
    report_add(rep, t);
    return 0;
}

int uppfoljning_add_tables(struct report *rep, sqlite3 *db, const struct period *p,
                           struct strbuf *err)
{
    return key_figures(rep, db, p, err) || running(rep, db, p, err) || ended(rep, db, p, err) ||
                   time_to_takeover(rep, db, p, err) ||
                   case_list(rep, db, p, "forsok_over_tre_ar",
                             "Försökslägenheter som har pågått mer än tre år", "Försök över tre år",
                             "Ingen försökslägenhet har pågått mer än tre år.", err) ||
                   case_list(rep, db, p, "utan_kontrollstation",
                             "Boenden som har pågått mer än ett år utan kontrollstation",
                             "Utan kontrollstation",
                             "Alla boenden som har pågått mer än ett år har haft sin kontrollstation.",
                             err)
               ? -1
               : 0;
}

struct report *uppfoljning_report(sqlite3 *db, const struct report_args *a, struct strbuf *err)
{
    int year = a->year;
    if (!year && a->through)
        year = atoi(a->through);
    if (!year) {
        sb_adds(err, "uppfoljning kräver --year eller --through");
        return NULL;
    }
    char last[11] = "";
    struct period p;
    struct coverage cv;
    sqlite3_stmt *st = db_prepare(db, SQL, "last_date");
    if (db_step(st) == SQLITE_ROW)
        snprintf(last, sizeof last, "%.10s", db_col_text(st, 0));
    sqlite3_finalize(st);
    if (period_make(&p, year, a->through, last, err) ||
        coverage_load(db, "bf-formedlingar", &cv, err) ||
        coverage_require(&cv, &p, "förmedlingar från Bostadsförmedlingen", err))
        return NULL;
    struct strbuf title = STRBUF_INIT;
    sb_adds(&title, "Uppföljning av boenden via Bostadsförmedlingen och SHIS, ");
    period_label(&p, &title);
    char code[24];
    snprintf(code, sizeof code, "%d", year);
    if (a->through)
        snprintf(code, sizeof code, "%.10s", p.through);
    struct report *rep = report_new("uppfoljning", code, title.buf);
    sb_free(&title);
    static const char *const kinds[] = {
        "bf-formedlingar", "arsmal", "shis-placeringar", "shis-bestand", "kartlaggning", NULL,
    };
    rep->sources = sources_table(db, kinds);
    sources_publisher(rep, db);
    if (uppfoljning_add_tables(rep, db, &p, err)) {
        report_free(rep);
        return NULL;
    }
    return rep;
}
