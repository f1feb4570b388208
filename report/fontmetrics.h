/*
 * fontmetrics.h: how wide DejaVu Sans sets a text, so that the charts can
 * lay every text out inside their canvas (chartlayout.h).
 *
 * The table is read off the font file by tools/fontmetrics.py and written
 * to fontmetrics.c; gnuplot draws the charts with the same font (the
 * package fonts-dejavu-core).
 */
#ifndef FOTSTAT_FONTMETRICS_H
#define FOTSTAT_FONTMETRICS_H

struct glyph_width {
    unsigned cp;        /* Unicode code point */
    unsigned short w;   /* advance in 1/10000 em */
};

/* Sorted by code point. */
extern const struct glyph_width font_widths[];
extern const unsigned font_nwidths;
/* The font's ascent and descent (both positive), in 1/10000 em. */
extern const int font_ascent, font_descent;

#endif
