/*
 * coverage.h: what the loaded exports cover, and the rule that follows
 * from it: a period they do not cover at all is refused by name (never
 * printed as zeros), and one they cover only in part says so.
 *
 *   struct coverage cv;
 *   if (coverage_load(db, "bf-formedlingar", &cv, err) ||
 *       coverage_require(&cv, &p, "förmedlingar", err))
 *       return NULL;                      err: "inga förmedlingar för 2035; ..."
 *   coverage_note(&cv, &p, t);            a note under t when p is cut
 */
#ifndef FOTSTAT_COVERAGE_H
#define FOTSTAT_COVERAGE_H

#include <sqlite3.h>

#include "common/strbuf.h"
#include "report/table.h"
#include "transform/period.h"

struct coverage {
    const char *kind;   /* the export kind, e.g. "bf-formedlingar" */
    int any;            /* rows of the kind are loaded */
    char first[11];     /* the first day they cover, 'YYYY-MM-DD' */
    char last[11];      /* the last day */
};

/* Reads the days the loaded exports of KIND cover.  Returns 0 or -1 with err. */
int coverage_load(sqlite3 *db, const char *kind, struct coverage *c, struct strbuf *err);

/* True if the exports cover at least one day of p. */
int coverage_touches(const struct coverage *c, const struct period *p);

/*
 * Returns 0 if the exports cover some of p; else -1 with a Swedish message
 * naming WHAT is missing and what is loaded: "inga förmedlingar för 2035;
 * exporterna täcker 2019-01-02 – 2021-12-20".
 */
int coverage_require(const struct coverage *c, const struct period *p, const char *what,
                     struct strbuf *err);

/* Adds a note to t when the exports cover only part of p (nothing when whole). */
void coverage_note(const struct coverage *c, const struct period *p, struct table *t);

/*
 * For a table of a report that goes on without it: when the exports do not
 * reach p at all, adds the note "Inga WHAT är inlästa för …, så tabellen har
 * inga siffror." and returns 1 (leave the table without figures); else adds
 * coverage_note's note, if any, and returns 0.
 */
int coverage_table_note(const struct coverage *c, const struct period *p, const char *what,
                        struct table *t);

/* "för 2035" or "för januari–april 2035": p as the messages name it. */
void coverage_period(const struct period *p, struct strbuf *sb);

/*
 * The survey round of YEAR: 0 with its household count and month (0 if
 * not given); -1 with "ingen kartläggning 2020; inlästa omgångar: 2017,
 * 2019, 2021" when it is not loaded.
 */
int coverage_round(sqlite3 *db, int year, long *households, int *month, struct strbuf *err);

/* The municipality's name for KEY from ref_name ("kommun": "Stockholms stad"); never NULL. */
const char *ref_name(sqlite3 *db, const char *key, struct strbuf *buf);

#endif
