/*
 * asof.h: a report as the database knew it at a moment (--as-of).
 *
 * asof_apply shadows the files, rejected rows and fact tables with TEMP
 * tables holding what was loaded at that moment (transform/sql/asof.sql),
 * so that every report's SQL, unchanged, computes the figures as they
 * were.  Call it on a fresh connection before building the report.
 */
#ifndef FOTSTAT_ASOF_H
#define FOTSTAT_ASOF_H

#include <sqlite3.h>

#include "common/strbuf.h"

/*
 * WHEN is a date 'YYYY-MM-DD' (to the end of that day, UTC), a date and
 * time 'YYYY-MM-DD HH:MM[:SS]' or 'YYYY-MM-DDTHH:MM:SSZ' (UTC), or the name
 * of an ingested file (right after its last load).  Returns 0 and, in
 * label, the moment as titles say it ("2021-05-10", "2021-05-10 14:30 UTC",
 * "bf-2021.csv (inläst 2021-05-10T14:30:00Z)") and the last file's id in
 * *cutoff (if not NULL); or -1 with a Swedish
 * message in err.
 */
int asof_apply(sqlite3 *db, const char *when, struct strbuf *label, long long *cutoff,
               struct strbuf *err);

#endif
