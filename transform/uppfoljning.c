/*
 * uppfoljning.c: the follow-up and compliance report (uppfoljning.h), from
 * uppfoljning.sql.
 */
#include "transform/uppfoljning.h"
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

/* "Källa: Bostadsförmedlingen (the files in fs)". */
static void cite_bf(struct table *t, sqlite3 *db, const struct file_set *fs)
{
    struct strbuf sb = STRBUF_INIT;
    sources_cite_set(&sb, db, "bostadsformedling", fs, "inga filer");
    table_set_source(t, sb.buf);
    sb_free(&sb);
}

/* A protected table to count into: rows from ROWS, columns the boendeformer. */
static struct table *breakdown(sqlite3 *db, struct table *t, const char *stub, const char *rows,
                               struct strbuf *err)
{
    table_set_stub(t, stub);
    t->protect = 1;
    if (crosstab_cols(t, db_prepare(db, SQL, "boendeformer"), err) ||
        crosstab_rows(t, db_prepare(db, SQL, rows), err)) {
        table_free(t);
        return NULL;
    }
    return t;
}

/*
 * One line of a case officers' list: the contract's day for the order, and
 * where its Ärendenummer and beställare start in the list's text.
 */
struct listed {
    long signed_on;             /* Kontraktsdatum as date_key */
    size_t arende, bestallare;  /* offsets into the list's text, then pointers (list_sort) */
    const char *arende_at, *bestallare_at;
};

/* A list's lines and their text in one buffer: tens of thousands of lines, two allocations. */
struct case_list {
    struct listed *v;
    size_t n, cap;
    struct strbuf text;
};

static void list_add(struct case_list *l, sqlite3_stmt *st)
{
    l->v = xgrow(l->v, &l->cap, l->n, sizeof *l->v, 64);
    struct listed *x = &l->v[l->n++];
    x->signed_on = date_key(db_col_text(st, 1));
    x->arende = sb_add_str0(&l->text, db_col_text(st, 6));
    x->bestallare = sb_add_str0(&l->text, db_col_text(st, 3));
}

/* The lists' order: by Kontraktsdatum, then Ärendenummer (as SQLite's BINARY). */
static int cmp_listed(const void *a, const void *b)
{
    const struct listed *x = a, *y = b;
    if (x->signed_on != y->signed_on)
        return x->signed_on < y->signed_on ? -1 : 1;
    return strcmp(x->arende_at, y->arende_at);
}

/* Points every line at its text, which no longer moves, and sorts the lines. */
static void list_sort(struct case_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        l->v[i].arende_at = l->text.buf + l->v[i].arende;
        l->v[i].bestallare_at = l->text.buf + l->v[i].bestallare;
    }
    if (l->n) /* qsort of NULL is undefined, even of nothing */
        qsort(l->v, l->n, sizeof *l->v, cmp_listed);
}

static void list_free(struct case_list *l)
{
    free(l->v);
    sb_free(&l->text);
    memset(l, 0, sizeof *l);
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
        table_amount(t, r, 2, median_reorder(c->days, c->ndays) / DAYS_PER_MONTH);
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

/* Whether label is one of the n Avslutsorsaker in taken. */
static int is_takeover(const char *label, char *const *taken, size_t n)
{
    for (size_t i = 0; label && i < n; i++)
        if (strcmp(label, taken[i]) == 0)
            return 1;
    return 0;
}

/*
 * What the follow-up counts of the contracts signed by :through, all from
 * one pass over them (the statement "contracts"): the arrangements that run
 * into the period or end in it, and the time to takeover of every one.
 */
struct arrangements {
    struct table *running;    /* pagaende: running on :through, by beställare */
    struct table *ended;      /* avslutade: ended in the period, by Avslutsorsak */
    struct case_list trial;   /* försökslägenheter running more than three years */
    struct case_list late;    /* running more than a year, no Kontrollstation held */
    struct file_set files;    /* the files behind every one of them */
    char *source;             /* their "Källa: Bostadsförmedlingen (…)" line */
    char **taken;             /* the Avslutsorsaker that mean a takeover, in order */
    size_t ntaken;
    struct table *tid;        /* tid_till_overtagande: every contract signed by :through */
    struct cohort cohort;     /* its contract year being counted */
    int unknown;              /* a share of it cannot be known yet */
    struct file_set tid_files; /* the files behind it */
};

static void arrangements_free(struct arrangements *a)
{
    table_free(a->running);
    table_free(a->ended);
    list_free(&a->trial);
    list_free(&a->late);
    file_set_free(&a->files);
    free(a->source);
    for (size_t i = 0; i < a->ntaken; i++)
        free(a->taken[i]);
    free(a->taken);
    table_free(a->tid);
    free(a->cohort.days);
    file_set_free(&a->tid_files);
    memset(a, 0, sizeof *a);
}

/* tid_till_overtagande, empty: one row per contract year as the pass reaches it. */
static struct table *takeover_table(const struct period *p)
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
    table_frame(t, "Tid till övertagande", "Kontraktsår", 6, cols);
    return t;
}

/*
 * One contract of the pass (in Kontraktsdatum order) into its contract
 * year of tid_till_overtagande; a new year ends the one before it.
 */
static void takeover_add(struct arrangements *a, const struct period *p, long through,
                         const char *signed_iso, const char *end_iso, const char *why,
                         sqlite3_int64 file)
{
    struct cohort *c = &a->cohort;
    long signed_on = date_key(signed_iso);
    int year = (int)(signed_on / 10000);
    file_set_add(&a->tid_files, file);
    if (c->n && year != c->year)
        cohort_row(a->tid, c, p, &a->unknown);
    c->year = year;
    c->n++;
    if (!is_takeover(why, a->taken, a->ntaken))
        return;
    /* A takeover: Avslutsorsak requires Avslutsdatum (the ingest's rule). */
    long ended_on = date_key(end_iso);
    if (ended_on <= through) {
        c->days = xgrow(c->days, &c->cap, c->ndays, sizeof *c->days, 64);
        c->days[c->ndays++] = (double)(date_days(ended_on) - date_days(signed_on));
        c->taken++;
    }
    for (int k = 0; k < 3; k++)
        c->within[k] += ended_on <= date_plus_years(signed_on, k + 1);
}

/* The days and the boendeform the case officers' lists count from (the statement "bounds"). */
struct bounds {
    char three[11], one[11];    /* signed before: more than three years, more than a year */
    char trial[64];             /* the boendeform whose trial should end after three years */
};

/* The pass's empty tables, the takeover's Avslutsorsaker and the lists' bounds; 0 or -1. */
static int arrangements_begin(struct arrangements *a, sqlite3 *db, const struct period *p,
                              struct bounds *bd, struct strbuf *err)
{
    struct strbuf title = STRBUF_INIT;
    sb_adds(&title, "Pågående boenden per beställare och boendeform den ");
    date_label(p->through, &title);
    struct table *t = table_new("pagaende", title.buf);
    sb_free(&title);
    table_set_sheet(t, "Pågående");
    if (!(a->running = breakdown(db, t, "Beställare", "bestallare", err)))
        return -1;
    t = period_table("avslutade", "Avslutade boenden per avslutsorsak och boendeform", p,
                     "Avslutade");
    if (!(a->ended = breakdown(db, t, "Avslutsorsak", "avslutsorsaker", err)))
        return -1;

    sqlite3_stmt *st = db_prepare(db, SQL, "overtaget");
    while (db_step(st) == SQLITE_ROW) {
        a->taken = xrealloc(a->taken, (a->ntaken + 1) * sizeof *a->taken);
        a->taken[a->ntaken++] = xstrdup(db_col_text(st, 0));
    }
    sqlite3_finalize(st);

    memset(bd, 0, sizeof *bd);
    st = db_prepare(db, SQL, "bounds");
    db_bind_text(st, ":through", p->through);
    if (db_step(st) == SQLITE_ROW) {
        snprintf(bd->three, sizeof bd->three, "%s", db_col_text(st, 0));
        snprintf(bd->one, sizeof bd->one, "%s", db_col_text(st, 1));
        snprintf(bd->trial, sizeof bd->trial, "%s", db_col_text(st, 2));
    }
    sqlite3_finalize(st);
    a->tid = takeover_table(p);
    return 0;
}

/*
 * Fills a (zeroed) from one pass, with each count's arrangements when
 * units (table_units), and the case officers' lists when lists.  Returns
 * 0, or -1 with a message in err.
 */
static int arrangements_read(struct arrangements *a, sqlite3 *db, const struct period *p,
                             int units, int lists, struct strbuf *err)
{
    struct bounds bd;
    if (arrangements_begin(a, db, p, &bd, err))
        return -1;
    size_t ndata = a->running->ncols - 1;
    long through = date_key(p->through);
    sqlite3_stmt *st = db_prepare(db, SQL, "contracts");
    db_bind_text(st, ":through", p->through);
    int rc, bad = 0;
    struct strbuf key = STRBUF_INIT;   /* the arrangement's unit, "bf:Ärendenummer" (table_units) */
    while (!bad && (rc = db_step(st)) == SQLITE_ROW) {
        const char *end = (const char *)sqlite3_column_text(st, 0);
        const char *signed_on = db_col_text(st, 1), *form = db_col_text(st, 2);
        takeover_add(a, p, through, signed_on, end, (const char *)sqlite3_column_text(st, 4),
                     sqlite3_column_int64(st, 7));
        if (end && strcmp(end, p->from) < 0)
            continue;   /* ended before the period: counted in tid_till_overtagande alone */
        file_set_add(&a->files, sqlite3_column_int64(st, 7));
        if (units) {
            sb_reset(&key);
            sb_printf(&key, "bf:%s", db_col_text(st, 6));
        }
        if (end && strcmp(end, p->through) <= 0) {
            bad = crosstab_add(a->ended, db_col_text(st, 4), form, 1, ndata, err);
            if (!bad && units)
                table_unit_at(a->ended, db_col_text(st, 4), form, key.buf);
            continue;
        }
        bad = crosstab_add(a->running, db_col_text(st, 3), form, 1, ndata, err);
        if (!bad && units)
            table_unit_at(a->running, db_col_text(st, 3), form, key.buf);
        if (!lists)
            continue;
        if (strcmp(form, bd.trial) == 0 && strcmp(signed_on, bd.three) < 0)
            list_add(&a->trial, st);
        const char *held = (const char *)sqlite3_column_text(st, 5);
        if (strcmp(signed_on, bd.one) < 0 && (!held || strcmp(held, p->through) > 0))
            list_add(&a->late, st);
    }
    sqlite3_finalize(st);
    sb_free(&key);
    if (bad)
        return -1;
    if (rc != SQLITE_DONE)
        return db_error(db, err);
    if (a->cohort.n)
        cohort_row(a->tid, &a->cohort, p, &a->unknown);
    crosstab_totals(a->running, ndata, 1, 1);
    crosstab_totals(a->ended, ndata, 1, 1);
    table_link(a->running, "pågående", "beställare", "boendeform");
    table_link(a->ended, "avslutade", "avslutsorsak", "boendeform");
    list_sort(&a->trial);
    list_sort(&a->late);
    struct strbuf sb = STRBUF_INIT;
    sources_cite_set(&sb, db, "bostadsformedling", &a->files, "inga filer");
    a->source = sb_detach(&sb);
    return 0;
}

/* pagaende: running at the date. */
static void running(struct report *rep, struct arrangements *a)
{
    struct table *t = a->running;
    a->running = NULL;
    table_add_note(t, "Ett boende pågår från Kontraktsdatum till Avslutsdatum.");
    table_set_source(t, a->source);
    report_add(rep, t);
}

/* avslutade: ended in the period, with the share the tenants took over. */
static void ended(struct report *rep, struct arrangements *a)
{
    struct table *t = a->ended;
    a->ended = NULL;
    int over = a->ntaken ? table_find_row(t, a->taken[0]) : -1;
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
    table_set_source(t, a->source);
    report_add(rep, t);
}

/* tid_till_overtagande, counted by the pass: its notes and source, into the report. */
static void time_to_takeover(struct report *rep, sqlite3 *db, struct arrangements *a)
{
    struct table *t = a->tid;
    a->tid = NULL;
    table_add_note(t, "Övertagna och medianen räknar de kontrakt som hyresgästen hade tagit över "
                      "(Avslutsorsak \"Övertaget av hyresgästen\") till och med datumet; medianen "
                      "är tiden för dem, i månader.");
    table_add_note(t, "Andelen inom 1, 2 och 3 år är av alla kontrakt som skrevs det året.");
    if (a->unknown)
        table_add_note(t, "En andel är tom där inte alla kontrakt från året har hunnit bli så "
                          "gamla: den går ännu inte att veta.");
    cite_bf(t, db, &a->tid_files);
    report_add(rep, t);
}

/* A case officers' list: Ärendenummer and beställare only. */
static void case_list(struct report *rep, const struct period *p, const struct arrangements *a,
                      const struct case_list *l, const char *name,
                      const char *what, const char *sheet, const char *none)
{
    struct strbuf title = STRBUF_INIT;
    sb_printf(&title, "%s den ", what);
    date_label(p->through, &title);
    struct table *t = table_new(name, title.buf);
    sb_free(&title);
    table_frame(t, sheet, "Ärendenummer", 1, (const char *[]){ "Beställare" });
    t->internal = 1;
    for (size_t i = 0; i < l->n; i++) {
        size_t r = (size_t)table_add_row(t, l->v[i].arende_at);
        table_text(t, r, 0, l->v[i].bestallare_at);
    }
    table_add_note(t, t->nrows ? "Listan är till handläggarna: den visar bara Ärendenummer och "
                                 "beställare, inga andra uppgifter om hushållen."
                               : none);
    table_set_source(t, a->source);
    report_add(rep, t);
}

/* Steps st for one row; 1 if it has one with a non-NULL first column, 0 if not, -1 on error. */
static int one_row(sqlite3_stmt *st)
{
    int rc = db_step(st);
    if (rc == SQLITE_ROW)
        return sqlite3_column_type(st, 0) != SQLITE_NULL;
    return rc == SQLITE_DONE ? 0 : -1;
}

/* nyckeltal's rows of Bostadsförmedlingen and the årsmål, their sources into src; 1 on a database error. */
static int key_bf(struct table *t, sqlite3 *db, const struct period *p, const struct arrangements *arr,
                  struct strbuf *src)
{
    sqlite3_stmt *st = db_prepare(db, SQL, "formedlade");
    bind_period(st, p);
    int bad = one_row(st) < 0;
    int formedlade = table_add_row(t, "Förmedlade lägenheter under perioden");
    table_count(t, (size_t)formedlade, 0, sqlite3_column_int64(st, 0));
    sqlite3_finalize(st);
    st = db_prepare(db, SQL, "mal");
    db_bind_int(st, ":year", p->year);
    int y = one_row(st);
    bad |= y < 0;
    struct strbuf label = STRBUF_INIT;
    sb_printf(&label, "Årsmål totalt %d", p->year);
    int r = table_add_row(t, label.buf);
    sb_free(&label);
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
    sb_adds(src, arr->source);   /* the line's first source: it starts "Källa: " */
    st = db_prepare(db, SQL, "mal_files");
    db_bind_int(st, ":year", p->year);
    sources_cite(src, db, "arsmal", st, "inget årsmål inläst");
    return bad;
}

/* nyckeltal's rows of SHIS: occupancy at the month's end and households moved in; 1 on an error. */
static int key_shis(struct table *t, sqlite3 *db, const struct period *p, struct strbuf *src,
                    struct strbuf *err)
{
    char manad[8];
    snprintf(manad, sizeof manad, "%.7s", p->through);
    sqlite3_stmt *st = db_prepare(db, SQL, "belaggning");
    db_bind_text(st, ":manad", manad);
    int y = one_row(st), bad = y < 0;
    struct strbuf label = STRBUF_INIT;
    sb_printf(&label, "SHIS beläggning i slutet av %s %d (%%)", month_name(period_month(p)), p->year);
    int r = table_add_row(t, label.buf);
    sb_free(&label);
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
    sources_cite(src, db, "shis", st, "inga filer");
    return bad;
}

/* nyckeltal's row of the survey: the latest round up to the year; 1 on a database error. */
static int key_survey(struct table *t, sqlite3 *db, const struct period *p, struct strbuf *src)
{
    sqlite3_stmt *st = db_prepare(db, SQL, "kartlaggning");
    db_bind_int(st, ":year", p->year);
    int y = one_row(st);
    if (y > 0) {
        struct strbuf label = STRBUF_INIT;
        sb_printf(&label, "Barnfamiljer i stadigvarande boende, kartläggningen %d (%%)",
                  sqlite3_column_int(st, 0));
        int r = table_add_row(t, label.buf);
        sb_free(&label);
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
    sources_cite(src, db, "kartlaggning", st, "ingen kartläggning inläst");
    return y < 0;
}

/* nyckeltal: one figure from each kind of export, each with its source. */
static int key_figures(struct report *rep, sqlite3 *db, const struct period *p,
                       const struct arrangements *arr, struct strbuf *err)
{
    struct table *t = period_table("nyckeltal", "Nyckeltal för uppföljningen", p, "Nyckeltal");
    table_frame(t, NULL, "", 1, (const char *[]){ "Värde" });
    struct strbuf src = STRBUF_INIT;
    int bad = key_bf(t, db, p, arr, &src);
    bad |= key_shis(t, db, p, &src, err);
    bad |= key_survey(t, db, p, &src);
    table_set_source(t, src.buf);
    sb_free(&src);
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
    struct arrangements a;
    memset(&a, 0, sizeof a);
    /* The case officers' lists are internal: made only for an output that shows them. */
    int lists = rep->internal || rep->internal_text;
    if (arrangements_read(&a, db, p, rep->units, lists, err) || key_figures(rep, db, p, &a, err)) {
        arrangements_free(&a);
        return -1;
    }
    running(rep, &a);
    ended(rep, &a);
    time_to_takeover(rep, db, &a);
    if (lists) {
        case_list(rep, p, &a, &a.trial, "forsok_over_tre_ar",
                  "Försökslägenheter som har pågått mer än tre år", "Försök över tre år",
                  "Ingen försökslägenhet har pågått mer än tre år.");
        case_list(rep, p, &a, &a.late, "utan_kontrollstation",
                  "Boenden som har pågått mer än ett år utan kontrollstation",
                  "Utan kontrollstation",
                  "Alla boenden som har pågått mer än ett år har haft sin kontrollstation.");
    }
    arrangements_free(&a);
    return 0;
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
    char year_end[16];
    snprintf(year_end, sizeof year_end, "%04d-12-31", year);
    sqlite3_stmt *st = db_prepare(db, SQL, "last_date");
    db_bind_text(st, ":year_end", year_end);
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
    rep->units = a->units;
    rep->internal = a->internal;
    rep->internal_text = a->internal_text;
    rep->through = xstrdup(p.through);
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
