/*
 * jamstalldhet.h: the gender equality analysis: household types in the
 * survey (the year's round, every round, by boendesituation group), the
 * förmedlade lägenheter of the year and how their arrangements ended by
 * household type, SHIS's placements by household type, women and men side
 * by side, and a paragraph ready to quote.
 */
#ifndef FOTSTAT_JAMSTALLDHET_H
#define FOTSTAT_JAMSTALLDHET_H

#include <sqlite3.h>

#include "common/strbuf.h"
#include "report/table.h"
#include "transform/args.h"

/* The report for --year.  Caller frees; NULL with err on failure. */
struct report *jamstalldhet_report(sqlite3 *db, const struct report_args *a, struct strbuf *err);

#endif
