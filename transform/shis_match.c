/*
 * shis_match.c: SHIS's placements matched against Bostadsförmedlingen and
 * against themselves: the reconciliation with Bostadsförmedlingen's
 * transitional flats (avstamning) and the households that come back
 * within twelve months (aterkomster), for shis.c's report (shis_tables.h).
 */
#include "transform/shis_tables.h"
#include "common/date.h"
#include "common/db.h"
#include "common/util.h"
#include "transform/coverage.h"
#include "transform/period.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Why a placement via Bostadsförmedlingen has no counterpart (via_bf's code). */
static const char *const mismatch[] = {
    NULL,
    "BF-ärendenummer saknas i SHIS export",
    "ärendet finns inte i Bostadsförmedlingens inlästa exporter",
    "ärendet är ingen förmedlad genomgångsbostad hos Bostadsförmedlingen",
};

/*
 * Bostadsförmedlingen's side of the reconciliation: its transitional flats
 * of the period (n[0]), with a placement at SHIS (n[1]) or without (n[2],
 * listed in l).  Returns 0, or -1 on a database error.
 */
static int reconcile_bf(const struct shis *s, struct table *l, long long n[6])
{
    sqlite3_stmt *st = db_prepare(s->db, SQL, "genomgang");
    db_bind_text(st, ":from", s->ytd.from);
    db_bind_text(st, ":through", s->ytd.through);
    int rc;
    while ((rc = db_step(st)) == SQLITE_ROW) {
        n[0]++;
        if (sqlite3_column_int(st, 1)) {
            n[1]++;
            continue;
        }
        n[2]++;
        size_t r = (size_t)table_add_row(l, db_col_text(st, 0));
        table_text(l, r, 0, "Bostadsförmedlingen");
        table_text(l, r, 1, db_col_text(st, 0));
        table_text(l, r, 3, "ingen placering hos SHIS");
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

/*
 * SHIS's side: its placements via Bostadsförmedlingen (n[3]), with a
 * transitional flat there (n[4]) or without (n[5], listed in l with why).
 * Returns 0, or -1 on a database error.
 */
static int reconcile_shis(const struct shis *s, struct table *l, long long n[6])
{
    sqlite3_stmt *st = db_prepare(s->db, SQL, "via_bf");
    db_bind_text(st, ":from", s->ytd.from);
    db_bind_text(st, ":through", s->ytd.through);
    int rc;
    while ((rc = db_step(st)) == SQLITE_ROW) {
        int why = sqlite3_column_int(st, 2);
        n[3]++;
        if (why == 0) {
            n[4]++;
            continue;
        }
        n[5]++;
        size_t r = (size_t)table_add_row(l, db_col_text(st, 0));
        table_text(l, r, 0, "SHIS");
        if (sqlite3_column_type(st, 1) != SQLITE_NULL)
            table_text(l, r, 1, db_col_text(st, 1));
        table_text(l, r, 2, db_col_text(st, 0));
        table_text(l, r, 3, why >= 1 && why <= 3 ? mismatch[why] : "okänd avvikelse");
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

int shis_reconcile(struct report *rep, const struct shis *s, struct strbuf *err)
{
    static const char *const rows[] = {
        "Genomgångsbostäder förmedlade av Bostadsförmedlingen",
        "– med placering hos SHIS",
        "– utan placering hos SHIS",
        "Placeringar hos SHIS via Bostadsförmedlingen",
        "– med förmedlad genomgångsbostad",
        "– utan motsvarighet hos Bostadsförmedlingen",
    };
    static const char *const lcols[] = { "Sida", "Ärendenummer", "Placeringsid", "Avvikelse" };
    struct table *t = period_table("avstamning",
                                   "Avstämning av SHIS placeringar via Bostadsförmedlingen mot "
                                   "Bostadsförmedlingens förmedlade genomgångsbostäder",
                                   &s->ytd, "Avstämning");
    table_frame(t, NULL, "", 1, (const char *[]){ "Antal" });
    struct table *l = period_table("avstamning_utan_motsvarighet",
                                   "Genomgångsbostäder och placeringar utan motsvarighet",
                                   &s->ytd, "Utan motsvarighet");
    table_frame(l, NULL, "Erbjudande eller placering", 4, lcols);
    l->internal = 1;
    int uncovered = coverage_table_note(&s->pl, &s->ytd, "placeringar från SHIS", t) ||
                    coverage_table_note(&s->bf, &s->ytd, "förmedlingar från Bostadsförmedlingen", t);
    if (uncovered) {
        table_add_note(l, "Avstämningen kan inte göras för perioden; se tabellen ovan.");
    } else {
        long long n[6] = { 0 };
        if (reconcile_bf(s, l, n) || reconcile_shis(s, l, n)) {
            table_free(t);
            table_free(l);
            return db_error(s->db, err);
        }
        for (size_t r = 0; r < 6; r++) {
            table_add_row(t, rows[r]);
            table_count(t, r, 0, n[r]);
        }
        table_add_note(t, "En placering räknas som motsvarighet när dess BF-ärendenummer är "
                          "Ärendenumret på en genomgångsbostad som Bostadsförmedlingen har "
                          "förmedlat (med Kontraktsdatum), oavsett när.");
        table_add_note(t, "En genomgångsbostad som förmedlades i slutet av perioden kan sakna "
                          "placering för att familjen ännu inte har flyttat in.");
        if (l->nrows == 0)
            table_add_note(l, "Alla har en motsvarighet på andra sidan.");
        else
            table_add_note(l, "Listan visar bara Ärendenummer och Placeringsid, inga andra "
                              "uppgifter om hushållen.");
    }
    shis_cite_placements(t, s, s->ytd.from, s->ytd.through, 1);
    shis_cite_placements(l, s, s->ytd.from, s->ytd.through, 1);
    report_add(rep, t);
    report_add(rep, l);
    return 0;
}

void arrivals_add(struct arrivals *a, const char *placeringsid, const char *pseudonym,
                  const char *day)
{
    a->all++;
    if (!pseudonym) {
        a->none++;
        return;
    }
    a->v = xgrow(a->v, &a->cap, a->n, sizeof *a->v, 1024);
    /* Twelve months back is date(day, '-12 months'): 29 February runs on to 1 March. */
    long d = date_key(day);
    a->v[a->n++] = (struct arrival){ sb_add_str0(&a->text, pseudonym),
                                     sb_add_str0(&a->text, placeringsid), d, date_plus_years(d, -1),
                                     fnv1a(FNV1A_START, pseudonym), ARRIVAL_NONE, 0 };
}

void arrivals_free(struct arrivals *a)
{
    free(a->v);
    free(a->head);
    sb_free(&a->text);
    memset(a, 0, sizeof *a);
}

/*
 * Of the households that moved in during period p (a, as the pass over its
 * placements read them), counts in *back those with a pseudonym who had
 * moved out of SHIS in the twelve months before: one pass over the
 * move-outs that can count, matched in memory, rather than a seek into
 * every placement ever loaded per household.  Returns 0, or -1 with a
 * message in err.
 */
static int count_returns(sqlite3 *db, const struct period *p, struct arrivals *a, long long *back,
                         struct strbuf *err)
{
    *back = 0;
    for (a->nhead = 64; a->nhead < 2 * a->n; a->nhead *= 2)
        ;
    free(a->head);
    a->head = xmalloc(a->nhead * sizeof *a->head);
    for (size_t i = 0; i < a->nhead; i++)
        a->head[i] = ARRIVAL_NONE;
    for (size_t i = 0; i < a->n; i++) {
        size_t h = (size_t)a->v[i].hash & (a->nhead - 1);
        a->v[i].back = 0;
        a->v[i].next = a->head[h];
        a->head[h] = i;
    }
    sqlite3_stmt *st = db_prepare(db, SQL, "moveouts");
    db_bind_text(st, ":from", p->from);
    db_bind_text(st, ":through", p->through);
    int rc = SQLITE_DONE;
    while (a->n && (rc = db_step(st)) == SQLITE_ROW) {
        const char *pseudonym = db_col_text(st, 0), *placeringsid = db_col_text(st, 2);
        long out = date_key(db_col_text(st, 1));
        uint64_t hash = fnv1a(FNV1A_START, pseudonym);
        const char *text = a->text.buf;
        for (size_t i = a->head[(size_t)hash & (a->nhead - 1)]; i != ARRIVAL_NONE; i = a->v[i].next) {
            struct arrival *x = &a->v[i];
            if (!x->back && x->hash == hash && strcmp(text + x->pseudonym, pseudonym) == 0 &&
                strcmp(text + x->placeringsid, placeringsid) != 0 &&
                out >= x->year_before && out < x->day) {
                x->back = 1;
                ++*back;
            }
        }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : db_error(db, err);
}

int shis_returns(struct report *rep, struct shis *s, struct strbuf *err)
{
    static const char *const rows[] = {
        "Inflyttade hushåll",
        "– utan personnummer i exporten (kan inte följas)",
        "– med personnummer",
        "Av dem: flyttade ut ur SHIS under de tolv månaderna före inflyttningen",
    };
    static const char *const cols[] = { "Antal", "Andel (%)" };
    struct table *t = period_table("aterkomster",
                                   "Återkomster: hushåll som flyttade in i SHIS bostäder och hade "
                                   "flyttat ut ur SHIS inom tolv månader före,",
                                   &s->ytd, "Återkomster");
    table_frame(t, NULL, "", 2, cols);
    char lookback[24];
    snprintf(lookback, sizeof lookback, "%04d-01-01", s->ytd.year - 1);
    if (!coverage_table_note(&s->pl, &s->ytd, "placeringar från SHIS", t)) {
        long long all = s->arrivals.all, none = s->arrivals.none, back;
        if (count_returns(s->db, &s->ytd, &s->arrivals, &back, err)) {
            table_free(t);
            return -1;
        }
        long long v[4] = { all, none, all - none, back };
        for (size_t r = 0; r < 4; r++) {
            table_add_row(t, rows[r]);
            table_count(t, r, 0, v[r]);
        }
        if (all > 0)
            table_share_of(t, 1, 1, 100.0 * (double)none / (double)all, 1, 0, 0, 0);
        if (all - none > 0)
            table_share_of(t, 3, 1, 100.0 * (double)back / (double)(all - none), 3, 0, 2, 0);
        table_add_note(t, "Hushållen följs med pseudonymen av huvudsökandens personnummer, "
                          "aldrig med namn eller personnummer. Ett hushåll utan personnummer i "
                          "exporten gissas inte fram utan räknas för sig. Andelen återkomster "
                          "är av hushållen med personnummer.");
        table_add_note(t, "En utflyttning och en inflyttning samma dag är ett byte av bostad "
                          "inom SHIS, inte en återkomst.");
        char start[24];
        snprintf(start, sizeof start, "%04d-%s", s->ytd.year - 1, s->ytd.from + 5);
        if (strcmp(s->pl.first, start) > 0) {
            struct strbuf n = STRBUF_INIT;
            sb_printf(&n, "SHIS inlästa exporter börjar %s, så utflyttningar före dess syns inte, "
                          "och återkomsterna kan vara fler.", s->pl.first);
            table_add_note(t, n.buf);
            sb_free(&n);
        }
    }
    shis_cite_placements(t, s, lookback, s->ytd.through, 0);
    report_add(rep, t);
    return 0;
}

