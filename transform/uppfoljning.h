/*
 * uppfoljning.h: the follow-up and compliance report, for a period of one
 * year (January 1 to --through, or to the year's end):
 *   nyckeltal                key figures from all five kinds of export;
 *   pagaende                 arrangements running at the date, per
 *                            beställare and boendeform (protected);
 *   avslutade                arrangements ended in the period, by
 *                            Avslutsorsak and boendeform, with the share
 *                            taken over by the tenant (protected);
 *   tid_till_overtagande     per contract year: the median time to the
 *                            takeover and the share taken over within 1, 2
 *                            and 3 years;
 *   forsok_over_tre_ar       the case officers' list of försökslägenheter
 *                            running more than three years;
 *   utan_kontrollstation     and of arrangements past one year with no
 *                            Kontrollstation: Ärendenummer and beställare only.
 */
#ifndef FOTSTAT_UPPFOLJNING_H
#define FOTSTAT_UPPFOLJNING_H

#include <sqlite3.h>

#include "common/strbuf.h"
#include "report/table.h"
#include "transform/period.h"
#include "transform/args.h"

/* Adds the tables for period p to rep.  Returns 0, or -1 with a Swedish message in err. */
int uppfoljning_add_tables(struct report *rep, sqlite3 *db, const struct period *p,
                           struct strbuf *err);

/* The report for --year (or the year of --through) through --through. Caller frees. */
struct report *uppfoljning_report(sqlite3 *db, const struct report_args *a, struct strbuf *err);

#endif
