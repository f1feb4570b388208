/*
 * csvout.h: a report as tidy CSV, every figure one line:
 *
 *   tabell,rad,kolumn,varde
 *   arsmal,FoT,Mål,400
 *   arsmal,FoT,Andel av mål (%),66.8
 *
 * RFC 4180 (CRLF, quotes doubled), UTF-8, integers as integers, shares
 * with one decimal and a point, a protected cell as "..", a figure that
 * does not exist as an empty field.  Workbook-only tables are left out.
 */
#ifndef FOTSTAT_CSVOUT_H
#define FOTSTAT_CSVOUT_H

#include <stdio.h>

#include "report/table.h"

int csv_write_report(FILE *f, const struct report *rep);

/*
 * One published figure: cell (r, c) of t, as a line of the tidy CSV says
 * it; non-zero stops csv_each_figure.
 */
typedef int (*csv_figure_fn)(void *ctx, const struct table *t, size_t r, size_t c,
                             const char *varde);
/*
 * Calls fn for every figure the tidy CSV publishes, in its order, the
 * value formatted as there ("..", "" or the number).  Returns 0, or the
 * first non-zero fn returned.
 */
int csv_each_figure(const struct report *rep, csv_figure_fn fn, void *ctx);

#endif
