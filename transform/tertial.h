/*
 * tertial.h: the tertialrapport bundle: the årsmål tables through the
 * tertial's end (January–April, –August, –December) with the same period
 * of the previous year, SHIS's tables for the tertial's last month (as in
 * shis-manad) and the follow-up (uppfoljning) to the tertial's end.
 */
#ifndef FOTSTAT_TERTIAL_H
#define FOTSTAT_TERTIAL_H

#include <sqlite3.h>

#include "common/strbuf.h"
#include "report/table.h"
#include "transform/args.h"

/* The report for --tertial 1..3 of --year.  Caller frees; NULL with err on failure. */
struct report *tertial_report(sqlite3 *db, const struct report_args *a, struct strbuf *err);

#endif
