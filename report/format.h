/*
 * format.h: how a cell is written, in Swedish for people and plainly for machines.
 */
#ifndef FOTSTAT_FORMAT_H
#define FOTSTAT_FORMAT_H

#include "common/strbuf.h"
#include "report/table.h"

/*
 * Appends s on one line: each run of line breaks, tabs and other control
 * characters becomes one space ("AB Familjebostäder⏎c/o …" → "AB
 * Familjebostäder c/o …"), so text tables keep their columns.
 */
void format_one_line(struct strbuf *sb, const char *s);
/* The width in characters of s as format_one_line writes it (NULL: 0). */
size_t format_label_width(const char *s);

/* Swedish: "1 234", "66,8 %", "1 234,5", "..", "" for a missing figure; text on one line. */
void format_cell_sv(struct strbuf *sb, const struct cell *x);
/*
 * v rounded to decimals places, as Swedish writes it: the digits grouped
 * by three with a space (a no-break space with nbsp, as the charts want
 * it) and a decimal comma ("1 234,5").  The one way fotstat writes a number.
 */
void format_decimal(struct strbuf *sb, double v, int decimals, int nbsp);
/* Tidy CSV value: "1234", "66.8", "1234.5", "..", "" (unquoted). */
void format_cell_csv(struct strbuf *sb, const struct cell *x);

/*
 * The width in characters of column c of t as the Swedish formats show it:
 * its label or widest value.  c = -1 is the row-label column (stub and rows).
 */
size_t format_col_width(const struct table *t, int c);

#endif
