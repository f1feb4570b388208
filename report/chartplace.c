/*
 * chartplace.c: where every text and every bar of a chart goes, and the
 * gnuplot script that draws them (chartplace.h).
 *
 * A chart is a canvas of fixed width in CSS pixels (CHART_WIDE, or
 * CHART_NARROW for the HTML page on a phone) whose height follows from what
 * it holds.  From the top: the title, the legend, the axis title, the plot
 * area, the category or tick labels under it, the source.  Every text is a
 * gnuplot label at a position computed here from the font's advance widths
 * (chartlayout.h), wrapped to the canvas; gnuplot draws the bars and lines
 * into a plot area whose four margins are set here too, in screen
 * coordinates.
 */
#include "report/chartplace.h"
#include "common/util.h"
#include "report/chartlayout.h"
#include "report/format.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void gnuplot_quote(struct strbuf *sb, const char *s)
{
    sb_addc(sb, '\'');
    for (; *s; s++) {
        if (*s == '\'')
            sb_adds(sb, "''");
        else if ((unsigned char)*s < 0x20)
            sb_addc(sb, ' ');
        else
            sb_addc(sb, *s);
    }
    sb_addc(sb, '\'');
}

/* One chart being laid out: canvas, plot area (pixels from the top left) and its script. */
struct draw {
    const struct table *t;
    const struct chart_spec *cs;
    double w, h;                /* canvas */
    double left, right, top, bottom;    /* plot area */
    int narrow;
    int horizontal;             /* bars along x, categories down the left */
    int column_values;          /* standing bars with their values above them */
    int counts, shares;         /* every value a count; some a share */
    double *v;                  /* cs->nrows × cs->ncols values, NaN where none is shown */
    struct axis ax;
    struct strbuf labels;       /* set label / object / arrow commands, in pixels resolved */
    int nlabel;
    const struct palette *pal;
    /* What lay_out works out on the way (its own, freed at its end). */
    double slot;                /* standing: the width of one category */
    double plot_h;              /* the plot area's height */
    struct lines *cat;          /* per category: its label's lines (none where not labelled) */
    double *band_top, *band_h;  /* lying: each category's band, from the plot's top */
};

static double sx(const struct draw *d, double x) { return x / d->w; }
static double sy(const struct draw *d, double y) { return 1.0 - y / d->h; }

static void rgb(struct strbuf *s, rgb_t c)
{
    sb_printf(s, "rgb '#%06X'", c & 0xFFFFFFu);
}

/* A text line centred vertically on y; align 'l', 'r' or 'c' at x. */
static void text_at(struct draw *d, const char *text, double x, double y, char align, double size,
                    rgb_t colour)
{
    struct strbuf *s = &d->labels;
    sb_printf(s, "set label %d ", ++d->nlabel);
    gnuplot_quote(s, text);
    sb_printf(s, " at screen %.5f, screen %.5f %s font '" FONT ",%g' textcolor ", sx(d, x), sy(d, y),
              align == 'l' ? "left" : align == 'r' ? "right" : "center", size);
    rgb(s, colour);
    sb_adds(s, " front\n");
}

/* Lines of text from top y; returns the y under them. */
static double lines_at(struct draw *d, const struct lines *l, double x, double y, char align,
                       double size, rgb_t colour)
{
    for (size_t i = 0; i < l->n; i++) {
        text_at(d, l->line[i], x, y + LINE * size * (i + 0.5), align, size, colour);
    }
    return y + LINE * size * (double)l->n;
}

/* A text at most w wide from x on, clamped inside the canvas; centred on cx unless it would leave it. */
static double clamp_left(const struct draw *d, double cx, double width)
{
    double x = cx - width / 2;
    if (x < PAD)
        x = PAD;
    if (x + width > d->w - PAD)
        x = d->w - PAD - width;
    return x;
}

static double value(const struct draw *d, size_t i, size_t s) { return d->v[i * d->cs->ncols + s]; }

static const char *series_name(const struct draw *d, size_t s)
{
    return d->t->cols[d->cs->cols[s]];
}

static const struct cell *cell_of(const struct draw *d, size_t i, size_t s)
{
    return table_cell(d->t, (size_t)d->cs->rows[i], (size_t)d->cs->cols[s]);
}

/* The colour of bar (i, s): women's and men's rows of a one-series chart have theirs. */
static rgb_t bar_colour(const struct draw *d, size_t i, size_t s)
{
    if (d->cs->ncols == 1) {
        int sex = label_sex(d->t->rows[d->cs->rows[i]]);
        if (sex)
            return sex == 1 ? colour_women : colour_men;
    }
    return palette_style(d->pal, series_name(d, s))->colour;
}

/* The widest unbreakable run of s (between spaces). */
static double widest_word(const char *s, double size)
{
    double w = 0;
    while (*s) {
        while (*s == ' ')
            s++;
        size_t n = strcspn(s, " ");
        if (n) {
            char *word = xstrndup(s, n);
            double x = text_width(word, size);
            free(word);
            if (x > w)
                w = x;
        }
        s += n;
    }
    return w;
}

/* True if s fits maxw in at most maxlines lines, no word broken. */
static int fits(const char *s, double maxw, size_t maxlines)
{
    if (widest_word(s, F_TEXT) > maxw)
        return 0;
    struct lines l;
    text_wrap(&l, s, F_TEXT, maxw);
    int ok = l.n <= maxlines;
    lines_free(&l);
    return ok;
}

/* The y-axis tick labels' widest width. */
static double tick_label_width(const struct draw *d)
{
    double w = 0;
    for (double v = d->ax.lo; v <= d->ax.hi + d->ax.step * 1e-6; v += d->ax.step) {
        struct strbuf sb = STRBUF_INIT;
        format_decimal(&sb, v, d->ax.decimals, 1);
        double x = text_width(sb.buf, F_TEXT);
        sb_free(&sb);
        if (x > w)
            w = x;
    }
    return w;
}

/* The legend, in rows from y; returns the y under it. */
static double legend(struct draw *d, double y, int draw)
{
    size_t ns = d->cs->ncols;
    if (ns < 2)
        return y;
    double swatch = d->cs->kind == CHART_LINE ? 30 : 14, x = PAD, row_h = LINE * F_TEXT + 2;
    double avail = d->w - 2 * PAD, row_lines = 1;
    for (size_t s = 0; s < ns; s++) {
        struct lines l;
        text_wrap(&l, series_name(d, s), F_TEXT, avail - swatch - 6);
        double ew = swatch + 6 + lines_width(&l, F_TEXT);
        if (x > PAD && x + ew > d->w - PAD) {
            y += row_h * row_lines;
            x = PAD;
            row_lines = 1;
        }
        if ((double)l.n > row_lines)
            row_lines = (double)l.n;
        if (draw) {
            const struct series_style *st = palette_style(d->pal, series_name(d, s));
            double cy = y + row_h / 2;
            struct strbuf *o = &d->labels;
            if (d->cs->kind == CHART_LINE) {
                sb_printf(o, "set arrow from screen %.5f, screen %.5f to screen %.5f, screen %.5f "
                             "nohead lw 2.5 dt %d lc ", sx(d, x), sy(d, cy), sx(d, x + swatch), sy(d, cy),
                          st->dash);
                rgb(o, st->colour);
                sb_adds(o, " front\n");
                sb_printf(o, "set label %d '' at screen %.5f, screen %.5f point pt %d ps P lc ",
                          ++d->nlabel, sx(d, x + swatch / 2), sy(d, cy), st->marker);
                rgb(o, st->colour);
                sb_adds(o, " front\n");
            } else {
                /* Objects are numbered apart from labels; nlabel keeps both unique. */
                sb_printf(o, "set object %d rect from screen %.5f, screen %.5f to screen %.5f, "
                             "screen %.5f fc ", ++d->nlabel, sx(d, x), sy(d, cy + 6), sx(d, x + 12),
                          sy(d, cy - 6));
                rgb(o, st->colour);
                sb_adds(o, " fs solid 1.0 noborder front\n");
            }
            lines_at(d, &l, x + swatch + 6, y + (row_h - LINE * F_TEXT) / 2, 'l', F_TEXT, INK);
        }
        x += ew + 18;
        lines_free(&l);
    }
    return y + row_h * row_lines;
}

/* The values, the axis, and whether the bars lie down. */
static void measure(struct draw *d)
{
    const struct chart_spec *cs = d->cs;
    double lo = INFINITY, hi = -INFINITY;
    d->counts = 1;
    d->shares = 0;
    size_t n = cs->nrows * cs->ncols;
    d->v = xmalloc((n ? n : 1) * sizeof *d->v);
    for (size_t i = 0; i < cs->nrows; i++)
        for (size_t s = 0; s < cs->ncols; s++) {
            const struct cell *x = cell_of(d, i, s);
            double v = NAN;
            if (x->kind == CELL_COUNT || x->kind == CELL_AMOUNT || x->kind == CELL_SHARE) {
                v = x->v;
                if (x->kind != CELL_COUNT)
                    d->counts = 0;
                if (x->kind == CELL_SHARE)
                    d->shares = 1;
                if (v < lo)
                    lo = v;
                if (v > hi)
                    hi = v;
            }
            d->v[i * cs->ncols + s] = v;
        }
    if (lo > hi)
        lo = hi = 0;
    axis_fit(&d->ax, lo, hi, cs->kind == CHART_BAR, d->counts, d->shares);
}

static double xpix(const struct draw *d, double v)   /* value → x, horizontal bars */
{
    return d->left + (v - d->ax.lo) / (d->ax.hi - d->ax.lo) * (d->right - d->left);
}

static double ypix(const struct draw *d, double v)   /* value → y, columns and lines */
{
    return d->bottom - (v - d->ax.lo) / (d->ax.hi - d->ax.lo) * (d->bottom - d->top);
}

/* The axis title, and what range it starts from when not 0; returns the y under it. */
static double axis_title(struct draw *d, double y, int draw)
{
    struct strbuf sb = STRBUF_INIT;
    sb_adds(&sb, d->cs->ylabel ? d->cs->ylabel : "");
    if (d->ax.lo > 0) {
        sb_adds(&sb, sb.len ? ", axeln börjar vid " : "Axeln börjar vid ");
        format_decimal(&sb, d->ax.lo, d->ax.decimals, 1);
    }
    if (sb.len) {
        struct lines l;
        text_wrap(&l, sb.buf, F_TEXT, d->w - 2 * PAD);
        y = draw ? lines_at(d, &l, PAD, y, 'l', F_TEXT, INK) : y + LINE * F_TEXT * (double)l.n;
        lines_free(&l);
        y += 6;
    }
    sb_free(&sb);
    return y;
}

/* Writes the bars' data: x_lo x_hi y_lo y_hi colour, in the plot's own coordinates. */
static void bar_data(const struct draw *d, FILE *f, const double *band_top, const double *band_h)
{
    size_t ns = d->cs->ncols;
    for (size_t i = 0; i < d->cs->nrows; i++)
        for (size_t s = 0; s < ns; s++) {
            double v = value(d, i, s);
            if (isnan(v))
                continue;
            if (v > d->ax.hi)
                v = d->ax.hi;
            rgb_t c = bar_colour(d, i, s);
            if (d->horizontal) {
                double bh = (band_h[i] - 8) / (double)ns, y0 = band_top[i] + 4 + bh * (double)s;
                fprintf(f, "%.6g\t%.6g\t%.3f\t%.3f\t%u\n", d->ax.lo, v, y0 + bh * 0.08,
                        y0 + bh * 0.92, c);
            } else {
                double bw = 0.8 / (double)ns, x0 = (double)i - 0.4 + bw * (double)s;
                fprintf(f, "%.6g\t%.6g\t%.6g\t%.6g\t%u\n", x0 + bw * 0.06, x0 + bw * 0.94,
                        d->ax.lo, v, c);
            }
        }
}

static void line_data(const struct draw *d, FILE *f)
{
    for (size_t i = 0; i < d->cs->nrows; i++) {
        fprintf(f, "%zu", i);
        for (size_t s = 0; s < d->cs->ncols; s++) {
            double v = value(d, i, s);
            if (isnan(v))
                fputs("\tNaN", f);
            else
                fprintf(f, "\t%.10g", v);
        }
        fputc('\n', f);
    }
}

/* A bar's value at its end, where the bars are few (and, standing, as narrow as their bars). */
static int value_labels(const struct draw *d)
{
    return d->cs->kind == CHART_BAR && d->cs->nrows * d->cs->ncols <= MAX_VALUE_LABELS &&
           (d->horizontal || d->column_values);
}

static char *value_text(const struct draw *d, size_t i, size_t s)
{
    struct strbuf sb = STRBUF_INIT;
    const struct cell *x = cell_of(d, i, s);
    if (x->kind == CELL_COUNT || x->kind == CELL_AMOUNT || x->kind == CELL_SHARE)
        format_decimal(&sb, x->v, x->kind == CELL_COUNT ? 0 : 1, 1);
    else if (x->kind == CELL_PROTECTED)
        sb_adds(&sb, "..");
    return sb_detach(&sb);
}

/*
 * The left and right edges of the plot, for standing bars or lines, and
 * whether bars lie down instead: when a category label does not fit under
 * its bar in two lines.  Returns the width each category has.
 */
static double decide_horizontal(struct draw *d)
{
    size_t nc = d->cs->nrows;
    d->left = PAD + tick_label_width(d) + 8;
    d->right = d->w - PAD - 4;
    double slot = (d->right - d->left) / (double)(nc ? nc : 1);
    d->horizontal = 0;
    if (d->cs->kind == CHART_BAR)
        for (size_t i = 0; i < nc && !d->horizontal; i++)
            if (!fits(d->t->rows[d->cs->rows[i]], slot - 3, 2))
                d->horizontal = 1;
    return slot;
}

int chart_fit(const struct table *t, struct axis *ax, int *counts, int *shares)
{
    struct draw d = { .t = t, .cs = &t->chart, .w = CHART_WIDE };
    measure(&d);
    decide_horizontal(&d);
    *ax = d.ax;
    *counts = d.counts;
    *shares = d.shares;
    free(d.v);
    return d.horizontal;
}

/* Lying bars: category labels down the left, values at the bars' ends, one band a category. */
static void place_lying(struct draw *d)
{
    const struct chart_spec *cs = d->cs;
    size_t nc = cs->nrows, ns = cs->ncols;
    double colw = d->w * (d->narrow ? 0.42 : 0.36), widest = 0;
    for (size_t i = 0; i < nc; i++) {
        text_wrap(&d->cat[i], d->t->rows[cs->rows[i]], F_TEXT, colw);
        double x = lines_width(&d->cat[i], F_TEXT);
        if (x > widest)
            widest = x;
    }
    d->left = PAD + widest + 10;
    double valw = 0;
    if (value_labels(d))
        for (size_t i = 0; i < nc; i++)
            for (size_t s = 0; s < ns; s++) {
                char *txt = value_text(d, i, s);
                double x = text_width(txt, F_TEXT);
                free(txt);
                if (x > valw)
                    valw = x;
            }
    /* The last tick label is centred on the plot's right edge. */
    struct strbuf last = STRBUF_INIT;
    format_decimal(&last, d->ax.hi, d->ax.decimals, 1);
    double half = text_width(last.buf, F_TEXT) / 2;
    sb_free(&last);
    d->right = d->w - PAD - (valw ? valw + 6 : half);
    double bar = d->narrow ? 14 : 16, at = 0;
    for (size_t i = 0; i < nc; i++) {
        double bh = bar * (double)ns + 8, lh = LINE * F_TEXT * (double)d->cat[i].n + 6;
        d->band_top[i] = at;
        d->band_h[i] = bh > lh ? bh : lh;
        at += d->band_h[i];
    }
    d->plot_h = at > 0 ? at : 40;
}

/*
 * Standing bars or lines: categories or points in time under the plot,
 * every step-th labelled (the last always), in two lines at most, none
 * overlapping another once those at the ends are kept inside the canvas.
 */
static void place_standing(struct draw *d)
{
    const struct chart_spec *cs = d->cs;
    size_t nc = cs->nrows, ns = cs->ncols, step = 1;
    double slot = d->slot;
    for (;;) {
        int ok = 1;
        double prev_right = -INFINITY, maxw = slot * (double)step - 8 > 20 ? slot * (double)step - 8 : 20;
        for (size_t i = 0; i < nc; i++) {
            lines_free(&d->cat[i]);
            if ((nc - 1 - i) % step != 0)
                continue;
            const char *label = d->t->rows[cs->rows[i]];
            ok &= fits(label, maxw, 2);
            text_wrap(&d->cat[i], label, F_TEXT, maxw);
            double w = lines_width(&d->cat[i], F_TEXT);
            double x = clamp_left(d, d->left + ((double)i + 0.5) * slot, w);
            ok &= x >= prev_right + 8;
            prev_right = x + w;
        }
        if (ok || cs->kind == CHART_BAR || step >= nc)
            break;
        step++;
    }
    d->plot_h = d->narrow ? 220 : 300;
    if (cs->kind == CHART_BAR && nc * ns <= MAX_VALUE_LABELS) {
        d->column_values = 1;
        for (size_t i = 0; i < nc && d->column_values; i++)
            for (size_t k = 0; k < ns && d->column_values; k++) {
                char *txt = value_text(d, i, k);
                if (text_width(txt, F_TEXT) > slot * 0.8 / (double)ns + 6)
                    d->column_values = 0;
                free(txt);
            }
        if (d->column_values)
            d->top += LINE * F_TEXT;   /* room for the tallest bar's value */
    }
}

/* The tick labels, placed; their values into tics as gnuplot's tics list ("'' 0, '' 10"). */
static void place_ticks(struct draw *d, struct strbuf *tics)
{
    for (double v = d->ax.lo; v <= d->ax.hi + d->ax.step * 1e-6; v += d->ax.step) {
        struct strbuf sb = STRBUF_INIT;
        format_decimal(&sb, v, d->ax.decimals, 1);
        if (d->horizontal) {
            double tw = text_width(sb.buf, F_TEXT);
            text_at(d, sb.buf, clamp_left(d, xpix(d, v), tw), d->bottom + 6 + LINE * F_TEXT / 2, 'l',
                    F_TEXT, INK);
        } else {
            text_at(d, sb.buf, d->left - 8, ypix(d, v), 'r', F_TEXT, INK);
        }
        sb_printf(tics, "%s'' %.10g", tics->len ? ", " : "", v);
        sb_free(&sb);
    }
}

/* Category i's label and its bars' values, lying: left of its band, at the bars' ends. */
static void place_category_lying(struct draw *d, size_t i)
{
    size_t ns = d->cs->ncols;
    double cy = d->top + d->band_top[i] + d->band_h[i] / 2 - LINE * F_TEXT * (double)d->cat[i].n / 2;
    lines_at(d, &d->cat[i], d->left - 10, cy, 'r', F_TEXT, INK);
    if (!value_labels(d))
        return;
    double bh = (d->band_h[i] - 8) / (double)ns;
    for (size_t s = 0; s < ns; s++) {
        char *txt = value_text(d, i, s);
        double v = value(d, i, s);
        double x = xpix(d, isnan(v) ? d->ax.lo : v > d->ax.hi ? d->ax.hi : v) + 4;
        if (*txt)
            text_at(d, txt, x, d->top + d->band_top[i] + 4 + bh * ((double)s + 0.5), 'l', F_TEXT, INK);
        free(txt);
    }
}

/* Category i's label under the plot, and its standing bars' values above them. */
static void place_category_standing(struct draw *d, size_t i)
{
    size_t ns = d->cs->ncols;
    if (value_labels(d)) {
        double bw = 0.8 / (double)ns;
        for (size_t k = 0; k < ns; k++) {
            char *txt = value_text(d, i, k);
            double v = value(d, i, k), tw = text_width(txt, F_TEXT);
            double cx = d->left + ((double)i - 0.4 + bw * ((double)k + 0.5) + 0.5) * d->slot;
            double top = ypix(d, isnan(v) ? d->ax.lo : v > d->ax.hi ? d->ax.hi : v);
            if (*txt)
                text_at(d, txt, clamp_left(d, cx, tw), top - LINE * F_TEXT / 2 - 1, 'l', F_TEXT, INK);
            free(txt);
        }
    }
    double cx = d->left + ((double)i + 0.5) * d->slot;
    for (size_t k = 0; k < d->cat[i].n; k++) {
        double tw = text_width(d->cat[i].line[k], F_TEXT);
        text_at(d, d->cat[i].line[k], clamp_left(d, cx, tw), d->bottom + 6 + LINE * F_TEXT * ((double)k + 0.5),
                'l', F_TEXT, INK);
    }
}

/* The chart's data file: boxes for bars, columns for lines.  Returns 0, or -1 with err. */
static int write_data(const struct draw *d, const char *data, struct strbuf *err)
{
    FILE *f = fopen(data, "w");
    if (f && d->cs->kind == CHART_BAR)
        bar_data(d, f, d->band_top, d->band_h);
    else if (f)
        line_data(d, f);
    if (!f || fclose(f) != 0) {
        sb_printf(err, "kan inte skriva \"%s\": %s", data, errno_sv(errno));
        return -1;
    }
    return 0;
}

/* The script's body: the plot area, axes, grid, every label, and the plot of data. */
static void write_script(const struct draw *d, const char *data, const char *tics, struct strbuf *s)
{
    size_t nc = d->cs->nrows, ns = d->cs->ncols;
    sb_printf(s, "set lmargin at screen %.5f\nset rmargin at screen %.5f\n"
                 "set tmargin at screen %.5f\nset bmargin at screen %.5f\n",
              sx(d, d->left), sx(d, d->right), sy(d, d->top), sy(d, d->bottom));
    sb_adds(s, "unset key\nunset title\nset datafile separator '\\t'\nset datafile missing 'NaN'\n"
               "unset xtics\nunset ytics\nunset x2tics\nunset y2tics\n");
    const char *val = d->horizontal ? "x" : "y";
    sb_printf(s, "set %stics (%s) scale 0 nomirror\n", val, tics);
    sb_printf(s, "set grid %stics back lt 1 lw 1 lc ", val);
    rgb(s, GRID);
    sb_printf(s, "\nset border %d back lw 1.2 lc ", d->horizontal ? 2 : 1);
    rgb(s, AXIS);
    sb_addc(s, '\n');
    if (d->horizontal)
        sb_printf(s, "set xrange [%.10g:%.10g]\nset yrange [%.6g:0]\n", d->ax.lo, d->ax.hi, d->plot_h);
    else
        sb_printf(s, "set xrange [-0.5:%.10g]\nset yrange [%.10g:%.10g]\n", (double)nc - 0.5, d->ax.lo,
                  d->ax.hi);
    if (d->cs->kind == CHART_LINE && nc > 1)
        sb_printf(s, "set xtics 0, 1, %zu scale 0.6 format '' nomirror\n", nc - 1);
    sb_add(s, d->labels.buf ? d->labels.buf : "", d->labels.len);
    sb_adds(s, "plot ");
    if (d->cs->kind == CHART_BAR) {
        gnuplot_quote(s, data);
        sb_adds(s, " using (($1+$2)/2):(($3+$4)/2):1:2:3:4:5 with boxxyerror fs solid 1.0 noborder "
                   "lc rgb variable notitle, NaN notitle\n");
        return;
    }
    for (size_t k = 0; k < ns; k++) {
        const struct series_style *st = palette_style(d->pal, series_name(d, k));
        if (k)
            sb_adds(s, ", ");
        gnuplot_quote(s, data);
        /* A line alone in its chart is solid: its dash only tells it from others. */
        sb_printf(s, " using 1:%zu with linespoints lw 2.5 dt %d pt %d ps P lc ", k + 2,
                  ns == 1 ? 1 : st->dash, st->marker);
        rgb(s, st->colour);
        sb_adds(s, " notitle");
    }
    sb_addc(s, '\n');
}

/*
 * Lays the chart out at width w and writes its data file and the script's
 * body (everything after the terminal and output).  Measured from the top:
 * what goes above the plot, then the plot's labels, which set its area and
 * the canvas' height; then every text is placed.  Returns 0, or -1 with err.
 */
static int lay_out(struct draw *d, const char *data, struct strbuf *script, struct strbuf *err)
{
    size_t nc = d->cs->nrows;
    measure(d);
    struct lines title, source;
    text_wrap(&title, d->t->title, F_TITLE, d->w - 2 * PAD);
    text_wrap(&source, d->t->source ? d->t->source : "", F_TEXT, d->w - 2 * PAD);
    if (!d->t->source)
        lines_free(&source);
    double y = PAD + LINE * F_TITLE * (double)title.n + 6;
    y = legend(d, y, 0);
    y = axis_title(d, y + 4, 0);
    d->top = y + 8;
    d->slot = decide_horizontal(d);
    d->cat = xcalloc(nc ? nc : 1, sizeof *d->cat);
    d->band_top = xcalloc(nc ? nc : 1, sizeof *d->band_top);
    d->band_h = xcalloc(nc ? nc : 1, sizeof *d->band_h);
    if (d->horizontal)
        place_lying(d);
    else
        place_standing(d);
    d->bottom = d->top + d->plot_h;

    /* Under the plot: its labels, then the source; so the canvas' height. */
    double under = d->horizontal ? LINE * F_TEXT : 0;
    for (size_t i = 0; i < nc && !d->horizontal; i++)
        if (LINE * F_TEXT * (double)d->cat[i].n > under)
            under = LINE * F_TEXT * (double)d->cat[i].n;
    double src_top = d->bottom + 6 + under + 10;
    d->h = ceil(src_top + LINE * F_TEXT * (double)source.n + PAD);

    y = lines_at(d, &title, PAD, PAD, 'l', F_TITLE, INK) + 6;
    y = legend(d, y, 1);
    axis_title(d, y + 4, 1);
    lines_at(d, &source, PAD, src_top, 'l', F_TEXT, QUIET);
    struct strbuf tics = STRBUF_INIT;
    place_ticks(d, &tics);
    for (size_t i = 0; i < nc; i++) {
        if (d->cat[i].n && d->horizontal)
            place_category_lying(d, i);
        else if (d->cat[i].n)
            place_category_standing(d, i);
    }
    int rc = write_data(d, data, err);
    if (rc == 0)
        write_script(d, data, tics.buf ? tics.buf : "", script);
    for (size_t i = 0; i < nc; i++)
        lines_free(&d->cat[i]);
    free(d->cat);
    free(d->band_top);
    free(d->band_h);
    lines_free(&title);
    lines_free(&source);
    sb_free(&tics);
    return rc;
}

int chart_place(struct strbuf *body, const struct table *t, const struct palette *pal, double w,
                const char *data, double *h, struct strbuf *err)
{
    struct draw d = { .t = t, .cs = &t->chart, .pal = pal, .narrow = w < CHART_WIDE, .w = w };
    int rc = lay_out(&d, data, body, err);
    *h = d.h;
    free(d.v);
    sb_free(&d.labels);
    return rc;
}
