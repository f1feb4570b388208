/*
 * arsmal.h: the årsmål report: förmedlade lägenheter against the council's
 * annual target, per month, per beställare and hyresvärd, against the
 * previous year, and the offers and answers behind them.
 */
#ifndef FOTSTAT_ARSMAL_H
#define FOTSTAT_ARSMAL_H

#include <sqlite3.h>

#include "common/strbuf.h"
#include "report/table.h"
#include "transform/period.h"
#include "transform/args.h"

/* The last date the loaded bf-formedlingar cover, 'YYYY-MM-DD', or "" if none. */
void arsmal_last_date(sqlite3 *db, char out[11]);

/* Appends the årsmål tables for period p to rep.  Returns 0 or -1 with err. */
int arsmal_add_tables(struct report *rep, sqlite3 *db, const struct period *p, struct strbuf *err);

/* The whole report for --year through --through (none: see period_make). Caller frees. */
struct report *arsmal_report(sqlite3 *db, const struct report_args *a, struct strbuf *err);

#endif
