/*
 * format.h: how a cell is written, in Swedish for people and plainly for machines.
 */
#ifndef FOTSTAT_FORMAT_H
#define FOTSTAT_FORMAT_H

#include "common/strbuf.h"
#include "report/table.h"

/* Swedish: "1 234", "66,8 %", "1 234,5", "..", "" for a missing figure. */
void format_cell_sv(struct strbuf *sb, const struct cell *x);
/* Tidy CSV value: "1234", "66.8", "1234.5", "..", "" (unquoted). */
void format_cell_csv(struct strbuf *sb, const struct cell *x);

/*
 * The width in characters of column c of t as the Swedish formats show it:
 * its label or widest value.  c = -1 is the row-label column (stub and rows).
 */
size_t format_col_width(const struct table *t, int c);

#endif
