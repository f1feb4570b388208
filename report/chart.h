/*
 * chart.h: a table's chart as PNG and SVG, drawn by gnuplot.
 *
 * gnuplot is an external program, run as a checked subprocess (no shell).
 * The numbers reach it through a data file; the texts (titles, labels,
 * axis and series names, the source) are in the script as single-quoted
 * strings, escaped by gnuplot_quote, which gnuplot never expands (a
 * double-quoted or backquoted one it would).  Swedish labels (UTF-8),
 * decimal commas and thousands spaces.
 *
 * Every text is placed by fotstat inside the canvas (chartlayout.h): long
 * titles and sources wrap, categories whose labels do not fit under their
 * bar make the bars horizontal, and the axis of shares ends at 100 at most.
 */
#ifndef FOTSTAT_CHART_H
#define FOTSTAT_CHART_H

#include "common/strbuf.h"
#include "report/chartlayout.h"
#include "report/outset.h"
#include "report/table.h"


/* True if gnuplot can be run (looked up on PATH once). */
int chart_available(void);

/*
 * Writes DIR/REPORT-PERIOD-NAME.png and .svg for every table with a chart,
 * as members of set, and the chart drawn CHART_NARROW wide for the page on
 * a phone as a scratch file of the set, DIR/REPORT-PERIOD-NAME plus
 * CHART_NARROW_SUFFIX: all three in one run of gnuplot.  The PNG is twice
 * the SVG's size and says 300 dpi, so that it prints 16 cm wide.  Returns
 * 0 or -1 with err.
 */
int chart_write_report(const struct report *rep, const char *dir, struct output_set *set,
                       struct strbuf *err);
#define CHART_NARROW_SUFFIX "-smal.svg.tmp"

/* DIR/REPORT-PERIOD-NAME plus suffix (".svg", CHART_NARROW_SUFFIX): t's chart's file; the caller frees it. */
char *chart_path(const struct report *rep, const char *dir, const struct table *t, const char *suffix);


#endif
