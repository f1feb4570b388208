/*
 * suppress.h: small-count protection (PRODUCT.md).
 *
 * In a table marked `protect`, counts from 1 to n-1 outside the totals are
 * hidden (primary); where a row or column with a total has exactly one
 * hidden cell, the smallest other count there is hidden too (secondary),
 * repeated until nothing changes, so no hidden cell can be worked out from
 * a total.  Totals are never hidden.  Shares in a row with a hidden count
 * are hidden with it.  A protected table gets a note saying so.
 */
#ifndef FOTSTAT_SUPPRESS_H
#define FOTSTAT_SUPPRESS_H

#include "report/table.h"

/* Applies the rule with threshold n (0 turns it off); returns the cells hidden. */
int suppress_table(struct table *t, int n);
/* Applies it to every table of the report. */
void suppress_report(struct report *rep, int n);

#endif
