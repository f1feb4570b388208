/*
 * args.h: what a report's build function is given, the period of one run.
 *
 * Each report module (arsmal.c, tertial.c, ...) includes this, and only
 * this, of the registry: the table of reports (registry.h) includes the
 * modules, not the other way round.
 */
#ifndef FOTSTAT_ARGS_H
#define FOTSTAT_ARGS_H

#include <sqlite3.h>

#include "common/strbuf.h"

/* The period options of one run, as parsed; unset ones are 0 / NULL. */
struct report_args {
    int year;               /* --year, or 0 */
    const char *through;    /* --through ÅÅÅÅ-MM-DD, or NULL */
    int tertial;            /* --tertial 1..3, or 0 */
    const char *month;      /* --month ÅÅÅÅ-MM, or NULL */
    int units;      /* record which rows each count counted (report.units): the series audit needs it */
    int internal;   /* the internal workbook is written: build the tables only it shows (report.internal) */
    int internal_text;  /* the text printed shows the internal tables (report.internal_text) */
};

struct report;

/* Computes the report; NULL with a Swedish message in err on failure. Caller frees. */
typedef struct report *(*report_fn)(sqlite3 *db, const struct report_args *a, struct strbuf *err);

#endif
