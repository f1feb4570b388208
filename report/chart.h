/*
 * chart.h: a table's chart as PNG and SVG, drawn by gnuplot.
 *
 * gnuplot is an external program, run as a checked subprocess (no shell).
 * No value from the data ever enters the gnuplot script: the numbers and
 * the category labels go through a data file, and the only text in the
 * script (titles, axis names, series names, the source) is escaped as a
 * single-quoted string, which gnuplot never expands (a double-quoted or
 * backquoted one it would).  Swedish labels (UTF-8) and decimal commas.
 */
#ifndef FOTSTAT_CHART_H
#define FOTSTAT_CHART_H

#include "common/strbuf.h"
#include "report/output.h"
#include "report/table.h"

/* True if gnuplot can be run (looked up on PATH once). */
int chart_available(void);

/* Writes DIR/REPORT-PERIOD-NAME.png and .svg for every table with a chart. Returns 0 or -1 with err. */
int chart_write_report(const struct report *rep, const char *dir, struct output_set *set,
                       struct strbuf *err);

/* Appends s to sb as a gnuplot single-quoted string ('' for a quote, controls as blanks). */
void gnuplot_quote(struct strbuf *sb, const char *s);

#endif
