/*
 * html.h: a report as one self-contained HTML page, to be mailed or put on
 * the intranet as it is (REPORT-PERIOD.html).
 *
 * One UTF-8 file: every table that is not workbook-only, with its title,
 * its source and its notes, in the Swedish number formats of the text
 * output; each chart as the caller draws it (html_figure_fn: inline SVG
 * in the page, a cid: image in the mail); the summary; and what
 * "Om rapporten" says in the workbook (period, time of making, protection
 * rule, audit, source files).  The style is in the page, so nothing is
 * fetched from elsewhere, and there is no script.  Every text from the
 * data is escaped, so a Hyresvärd named "<script>" shows as those
 * characters.  Readable on a phone (the tables scroll sideways) and
 * printable (A4, no section split across a page where it can be helped).
 */
#ifndef FOTSTAT_HTML_H
#define FOTSTAT_HTML_H

#include <stdio.h>

#include "common/strbuf.h"
#include "report/table.h"

/*
 * The inside of the <figure> of table t's chart, chart number n of the
 * page (from 1), appended to out.  Returns 0 (nothing appended: no
 * figure, as when gnuplot is missing), or -1 with a Swedish message in err.
 */
typedef int (*html_figure_fn)(void *ctx, const struct table *t, int n, struct strbuf *out,
                              struct strbuf *err);

/* Writes the page to f.  Returns 0, or -1 with a Swedish message in err. */
int html_write_report(FILE *f, const struct report *rep, html_figure_fn figure, void *ctx,
                      struct strbuf *err);

/*
 * The page in sb (the mail's body, mail.h).  Returns 0, or -1 with err.
 */
int html_report(struct strbuf *sb, const struct report *rep, html_figure_fn figure, void *ctx,
                struct strbuf *err);

/*
 * The figure of a page: the chart drawn for a desktop (CHART_WIDE) and
 * for a phone (CHART_NARROW), each inline (html_svg_inline as charts 2n-1
 * and 2n), of which the style shows the one that fits the screen at its
 * natural size, so that its text is 13 CSS pixels.  Either may be NULL.
 */
int html_figure_svg(struct strbuf *out, const char *wide, const char *narrow, int n,
                    struct strbuf *err, const struct table *t);

/* Appends s to sb with &, <, >, " and ' escaped and control characters as blanks. */
void html_escape(struct strbuf *sb, const char *s);

/*
 * Makes gnuplot's SVG document fit to stand inside a page as chart number
 * n: drops the XML prologue and namespace declarations, and prefixes the
 * ids and the references to them so that two charts on one page do not
 * share ids.  Returns 0, or -1 when the SVG holds anything that is not a
 * plain drawing (a script, an event handler, a reference outside itself).
 */
int html_svg_inline(const char *svg, int n, struct strbuf *out);

#endif
