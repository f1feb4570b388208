/*
 * chartplace.h: a chart laid out for gnuplot (chartplace.c); chart.c runs
 * gnuplot on the result and finishes its files.
 */
#ifndef FOTSTAT_CHARTPLACE_H
#define FOTSTAT_CHARTPLACE_H

#include "common/strbuf.h"
#include "report/chartlayout.h"
#include "report/table.h"

#define PAD 12.0        /* between the canvas' edge and anything on it */
#define F_TITLE 16.0    /* font sizes in CSS pixels */
#define F_TEXT 13.0
#define LINE 1.25       /* line height, in font sizes */
#define FONT "DejaVu Sans"
#define INK 0x1B1B1B    /* text */
#define QUIET 0x444444  /* the source line */
#define GRID 0xD9D9D9
#define AXIS 0x333333
#define MAX_VALUE_LABELS 24   /* bars labelled with their values: at most this many */

/*
 * How t's chart is drawn at CHART_WIDE, for the workbook's native chart to
 * follow: its value axis, whether every value is a count and some a share;
 * returns 1 if its bars lie down (long category labels).
 */
int chart_fit(const struct table *t, struct axis *ax, int *counts, int *shares);

/* Appends s to sb as a gnuplot single-quoted string ('' for a quote, controls as blanks). */
void gnuplot_quote(struct strbuf *sb, const char *s);

/*
 * Lays t's chart out w CSS pixels wide: its data into the file data, the
 * script's body (everything after the terminal and output) appended to
 * body, its height into *h.  Returns 0, or -1 with a Swedish message in err.
 */
int chart_place(struct strbuf *body, const struct table *t, const struct palette *pal, double w,
                const char *data, double *h, struct strbuf *err);

#endif
