/*
 * chartlayout.h: the measures a chart is laid out by, before gnuplot draws
 * it (chart.c): how wide a text is, how it wraps, which ticks an axis has
 * and how they read in Swedish, and which colour each series has.
 *
 * Every text of a chart is placed by fotstat, at a position computed from
 * the font's own advance widths (fontmetrics.h), so that none leaves the
 * canvas whatever the labels; gnuplot only draws the bars and lines inside
 * a plot area of fixed margins.
 */
#ifndef FOTSTAT_CHARTLAYOUT_H
#define FOTSTAT_CHARTLAYOUT_H

#include "common/strbuf.h"
#include "report/table.h"

#include <stddef.h>

/* The canvases' widths in CSS pixels: the files (and desktop pages), and the page on a phone. */
#define CHART_WIDE 945
#define CHART_NARROW 390

/* Width in pixels of UTF-8 text s in DejaVu Sans at size pixels; a character
   the font table lacks counts as 1 em. */
double text_width(const char *s, double size);

/* A text broken into lines. */
struct lines {
    char **line;
    size_t n;
};

/*
 * Breaks s into lines of at most maxw pixels at size: after a space (which
 * goes), after '/' or '-' (which stay); a word wider than maxw alone is
 * broken between characters.  Control characters count as spaces.
 */
void text_wrap(struct lines *out, const char *s, double size, double maxw);
/* The widest line's width. */
double lines_width(const struct lines *l, double size);
void lines_free(struct lines *l);

/* A value axis: from lo to hi, a tick every step. */
struct axis {
    double lo, hi, step;
    int decimals;       /* in the tick labels */
};

/*
 * The axis for values from vmin to vmax (NaN-free).  bars: it starts at 0.
 * counts: whole-number ticks.  shares: it ends at 100 at most, and, for lines
 * whose values all lie above 50, it may start higher (lo > 0: the chart
 * must say so).
 */
void axis_fit(struct axis *a, double vmin, double vmax, int bars, int counts, int shares);

/* How many dashes and markers series take in turn. */
#define CHART_STYLES 6

/* RGB 0xRRGGBB. */
typedef unsigned rgb_t;

/* WCAG 2.1 contrast ratio of two colours (1 to 21). */
double contrast_ratio(rgb_t a, rgb_t b);

/* A series' look: colour, dash and marker, the same for the same name in every chart of a report. */
struct series_style {
    rgb_t colour;
    int dash;           /* gnuplot dash type, 1 solid */
    int marker;         /* gnuplot point type */
    int index;          /* which of the dashes and markers (xlsx.c has the workbook's own) */
};

/* Every series name of a report's charts with its style (palette_for_report). */
struct palette {
    char **name;
    struct series_style *style;
    size_t n;
};

/*
 * Gives each series of rep's charts its style, in the order the charts name
 * them: women and men their own two colours, Totalt dark grey, the others
 * the palette's colours in turn (each with at least 3:1 contrast against
 * white and told apart by dash and marker too).
 */
void palette_for_report(struct palette *p, const struct report *rep);
/* The style of the series named name (the first palette colour if not there). */
const struct series_style *palette_style(const struct palette *p, const char *name);
void palette_free(struct palette *p);

/* Which sex a label names: 1 women ("kvinna", "kvinnor"), 2 men ("man", "män"), 0 neither. */
int label_sex(const char *label);
/* The colours of women and men. */
extern const rgb_t colour_women, colour_men;
/* The palette, for the tests: every colour, and how many. */
extern const rgb_t palette_colours[];
extern const size_t palette_ncolours;

#endif
