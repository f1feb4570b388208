/*
 * shis_tables.h: what the tables of SHIS's monthly report share (shis.c,
 * shis_match.c, shis_sources.c); not for use outside them.
 */
#ifndef FOTSTAT_SHIS_TABLES_H
#define FOTSTAT_SHIS_TABLES_H

#include <sqlite3.h>

#include "common/strbuf.h"
#include "report/table.h"
#include "transform/coverage.h"
#include "transform/period.h"

#define SQL "transform/sql/shis.sql"
#define MAXFORMS 16

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

/* aterkomster: households back in SHIS within twelve months of moving out, added to rep.  0, or -1 with err. */
int shis_returns(struct report *rep, const struct shis *s, struct strbuf *err);

#endif
