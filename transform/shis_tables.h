/*
 * shis_tables.h: what the tables of SHIS's monthly report share (shis.c,
 * shis_match.c, shis_sources.c); not for use outside them.
 */
#ifndef FOTSTAT_SHIS_TABLES_H
#define FOTSTAT_SHIS_TABLES_H

#include <sqlite3.h>
#include <stdint.h>

#include "common/strbuf.h"
#include "report/table.h"
#include "transform/coverage.h"
#include "transform/period.h"

#define SQL "transform/sql/shis.sql"
#define MAXFORMS 16

/*
 * The households that moved in during the year to date, held by pseudonym
 * for the returns (shis_returns): their text in one buffer (offsets, as it
 * grows), chained by hash once every one is read.
 */
struct arrival {
    size_t pseudonym, placeringsid;     /* offsets into text */
    long day, year_before;              /* YYYYMMDD: the move-in, twelve months before it */
    uint64_t hash;
    size_t next;            /* the next in the same chain, or ARRIVAL_NONE */
    int back;               /* moved out in the twelve months before */
};

#define ARRIVAL_NONE ((size_t)-1)

struct arrivals {
    long long all, none;    /* every household that moved in; those without a pseudonym */
    struct arrival *v;      /* those with one */
    size_t n, cap;
    size_t *head;           /* chains by hash, nhead a power of two */
    size_t nhead;
    struct strbuf text;
};

/* One household that moved in on day (ISO); pseudonym NULL when the export has no Personnummer. */
void arrivals_add(struct arrivals *a, const char *placeringsid, const char *pseudonym,
                  const char *day);
void arrivals_free(struct arrivals *a);

/* What every table of one month's report needs. */
struct shis {
    sqlite3 *db;
    struct period month;        /* the month itself */
    struct period ytd;          /* January 1 to the month's last day */
    char manad[8];              /* 'YYYY-MM' */
    char *forms[MAXFORMS];      /* SHIS's boendeformer, in order */
    size_t nforms;
    struct coverage pl;         /* what the placement exports cover */
    struct coverage bf;         /* what Bostadsförmedlingen's exports cover */
    char *ytd_source[2];        /* the placements' "Källa: …" line of ytd, without and with BF */
    /*
     * What one pass over the year to date's placements counted (statement
     * "placements"), for every table that reads them.
     */
    long long moved[MAXFORMS][3];       /* per boendeform: in the month, so far this year, via BF */
    long long per_month[12][MAXFORMS];  /* per month (January first) and boendeform */
    struct table *per_unit;             /* inflyttade_stadsdel, counted (with its units); owned */
    struct arrivals arrivals;           /* the households the returns follow */
};

/*
 * Appends the "Källa: …" of KEY's files that statement STMT finds behind
 * the days FROM through THROUGH: SHIS's placements that moved in
 * ("placering_files"), or Bostadsförmedlingen's genomgångsbostäder
 * ("genomgang_files").
 */
void shis_cite_files(struct strbuf *sb, const struct shis *s, const char *stmt, const char *key,
                     const char *from, const char *through);

/* Sets t's "Källa: …": the placements that moved in from..through and, with_bf, BF's transitional flats. */
void shis_cite_placements(struct table *t, const struct shis *s, const char *from, const char *through,
                          int with_bf);

/* avstamning and avstamning_utan_motsvarighet, added to rep.  Returns 0, or -1 with err. */
int shis_reconcile(struct report *rep, const struct shis *s, struct strbuf *err);

/*
 * aterkomster: households back in SHIS within twelve months of moving out,
 * of those the pass read into s->arrivals, added to rep.  0, or -1 with err.
 */
int shis_returns(struct report *rep, struct shis *s, struct strbuf *err);

#endif
