/*
 * kartlaggning.h: the survey report: households by boendesituation (the
 * seed's Tabell 2), the share in relatively stable housing over every
 * round, the newly arrived and how many of them live in SHIS's housing,
 * and the round by stadsdel and by orsak (protected).
 */
#ifndef FOTSTAT_KARTLAGGNING_H
#define FOTSTAT_KARTLAGGNING_H

#include <sqlite3.h>

#include "common/strbuf.h"
#include "report/table.h"
#include "transform/args.h"

/* The report for the round of --year.  Caller frees; NULL with err on failure. */
struct report *kartlaggning_report(sqlite3 *db, const struct report_args *a, struct strbuf *err);

/* "Källa: <the survey's name> (files)" for the round of year, or with `all` every round up to it. */
void kartlaggning_source(struct table *t, sqlite3 *db, int year, int all);

#endif
