/*
 * xlsx.c: workbooks with libxlsxwriter (xlsx.h).
 */
#include "report/xlsx.h"
#include "report/xlsxwall.h"
#include "common/util.h"
#include "report/chartlayout.h"
#include "report/chartplace.h"
#include "report/format.h"

#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

/*
 * The first cell libxlsxwriter refused in the workbook being written (a
 * text over Excel's limit, a row past the sheet's end), so that the
 * workbook fails whole instead of lacking a cell.  One workbook at a time.
 */
static lxw_error cell_err;

/*
 * libxlsxwriter's constructors answer NULL out of memory, and its other
 * functions do not all check for one: the workbook's process ends here
 * instead, and its parent says so (xlsxwall.c) and removes the file.
 */
static void *need(void *p)
{
    if (!p)
        die_oom();
    return p;
}

static void keep(lxw_error e)
{
    if (e != LXW_NO_ERROR && cell_err == LXW_NO_ERROR)
        cell_err = e;
}

static void put_string(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *s,
                       lxw_format *fmt)
{
    keep(worksheet_write_string(ws, row, col, s, fmt));
}

static void put_number(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, double v, lxw_format *fmt)
{
    keep(worksheet_write_number(ws, row, col, v, fmt));
}

static void put_merged(lxw_worksheet *ws, lxw_row_t r0, lxw_col_t c0, lxw_row_t r1, lxw_col_t c1,
                       const char *s, lxw_format *fmt)
{
    keep(worksheet_merge_range(ws, r0, c0, r1, c1, s, fmt));
}

/* The formats of one workbook. */
struct fmts {
    lxw_format *title, *header, *count, *share, *amount, *protected_, *note, *bold, *para, *wrapnote;
    lxw_format *banner;     /* the internal workbook's warning */
    const char *warning;    /* that warning, under every sheet's title; NULL in a publishable workbook */
};

/*
 * Every format here differs from the others and from the default: a format
 * equal to one libxlsxwriter already has is never given its index, and is
 * hashed again for every cell written with it (format.c, 1.1.5).  Text
 * cells therefore take no format (NULL, the default), not one with nothing
 * set: the underlag's 100 000 cells cost 0.15 s of hashing that way.
 */

static void make_formats(lxw_workbook *wb, struct fmts *f)
{
    f->title = need(workbook_add_format(wb));
    format_set_bold(f->title);
    format_set_font_size(f->title, 13);
    f->header = need(workbook_add_format(wb));
    format_set_bold(f->header);
    format_set_bottom(f->header, LXW_BORDER_THIN);
    f->count = need(workbook_add_format(wb));
    format_set_num_format(f->count, "#,##0");
    f->share = need(workbook_add_format(wb));
    format_set_num_format(f->share, "0.0%");
    f->amount = need(workbook_add_format(wb));
    format_set_num_format(f->amount, "#,##0.0");
    f->protected_ = need(workbook_add_format(wb));
    format_set_align(f->protected_, LXW_ALIGN_RIGHT);
    f->note = need(workbook_add_format(wb));
    format_set_italic(f->note);
    f->bold = need(workbook_add_format(wb));
    format_set_bold(f->bold);
    f->wrapnote = need(workbook_add_format(wb));
    format_set_italic(f->wrapnote);
    format_set_text_wrap(f->wrapnote);
    format_set_align(f->wrapnote, LXW_ALIGN_VERTICAL_TOP);
    f->para = need(workbook_add_format(wb));
    format_set_text_wrap(f->para);
    format_set_align(f->para, LXW_ALIGN_VERTICAL_TOP);
    f->banner = need(workbook_add_format(wb));
    format_set_bold(f->banner);
    format_set_font_color(f->banner, 0x9C0006);   /* dark red on white: 8.6:1 */
}

/* Appends s to a header or footer, with Excel's control character & doubled. */
static void hf_text(struct strbuf *sb, const char *s)
{
    for (; *s; s++) {
        if (*s == '&')
            sb_addc(sb, '&');
        if ((unsigned char)*s >= 0x20)
            sb_addc(sb, *s);
    }
}

/*
 * Print settings of a sheet: A4, one page wide (landscape when the sheet
 * is wide), rows 0..repeat_to repeated on every page, and a header naming
 * the report and a footer naming the sheet and the page, "sida 1 av 3".
 */
static void print_setup(lxw_worksheet *ws, const struct report *rep, const struct fmts *f,
                        const char *sheet, lxw_row_t repeat_to, double width_chars,
                        lxw_row_t last_row, lxw_col_t last_col)
{
    worksheet_set_paper(ws, 9);   /* A4 */
    if (width_chars > 95)
        worksheet_set_landscape(ws);
    else
        worksheet_set_portrait(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_set_margins(ws, 0.5, 0.5, 0.75, 0.75);
    if (repeat_to > 0)
        worksheet_repeat_rows(ws, 0, repeat_to);
    worksheet_print_area(ws, 0, 0, last_row, last_col);
    struct strbuf h = STRBUF_INIT, ft = STRBUF_INIT;
    sb_adds(&h, "&L&8");
    hf_text(&h, rep->title);
    if (f->warning) {
        sb_adds(&h, "&R&8");
        hf_text(&h, f->warning);
    }
    if (h.len > 250)   /* Excel's limit is 255 characters */
        h.len = 250, h.buf[h.len] = '\0';
    sb_adds(&ft, "&L&8");
    hf_text(&ft, rep->organisation ? rep->organisation : "");
    sb_adds(&ft, " – fotstat&C&8");
    hf_text(&ft, sheet);
    sb_adds(&ft, "&R&8sida &P av &N");
    worksheet_set_header(ws, h.buf);
    worksheet_set_footer(ws, ft.buf);
    sb_free(&h);
    sb_free(&ft);
}

/* Writes one cell of the table grid at (row, col). */
static void write_cell(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const struct cell *x,
                       const struct fmts *f)
{
    switch (x->kind) {
    case CELL_MISSING:
        break;
    case CELL_COUNT:
        put_number(ws, row, col, x->v, f->count);
        break;
    case CELL_SHARE:
        put_number(ws, row, col, x->v / 100.0, f->share);
        break;
    case CELL_AMOUNT:
        put_number(ws, row, col, x->v, f->amount);
        break;
    case CELL_TEXT:
        put_string(ws, row, col, x->text, NULL);
        break;
    case CELL_PROTECTED:
        put_string(ws, row, col, "..", f->protected_);
        break;
    }
}

/* Width of a column in characters: its widest label or value, within bounds. */
static double fit(size_t chars)
{
    double w = (double)chars + 2;
    return w < 8 ? 8 : w > 60 ? 60 : w;
}

/* The workbook's own dashes and markers, in the order of chartlayout's (solid, dashed, …; circle, square, …). */
static const uint8_t xlsx_dash[CHART_STYLES] = {
    LXW_CHART_LINE_DASH_SOLID, LXW_CHART_LINE_DASH_DASH, LXW_CHART_LINE_DASH_DASH_DOT,
    LXW_CHART_LINE_DASH_LONG_DASH_DOT_DOT, LXW_CHART_LINE_DASH_ROUND_DOT, LXW_CHART_LINE_DASH_SOLID,
};
static const uint8_t xlsx_marker[CHART_STYLES] = {
    LXW_CHART_MARKER_CIRCLE, LXW_CHART_MARKER_SQUARE, LXW_CHART_MARKER_TRIANGLE,
    LXW_CHART_MARKER_DIAMOND, LXW_CHART_MARKER_X, LXW_CHART_MARKER_STAR,
};

/* One series' look, as in the PNG and SVG: colour, and for a line its dash (solid when alone) and marker. */
static void style_series(lxw_chart_series *se, const struct series_style *st, int line, int alone)
{
    if (line) {
        lxw_chart_line ln = { .color = st->colour, .width = 2.25,
                              .dash_type = alone ? LXW_CHART_LINE_DASH_SOLID : xlsx_dash[st->index] };
        chart_series_set_line(se, &ln);
        chart_series_set_marker_type(se, xlsx_marker[st->index]);
        chart_series_set_marker_size(se, 6);
        lxw_chart_fill mf = { .color = st->colour };
        lxw_chart_line ml = { .color = st->colour };
        chart_series_set_marker_fill(se, &mf);
        chart_series_set_marker_line(se, &ml);
    } else {
        lxw_chart_fill fill = { .color = st->colour };
        lxw_chart_line border;      /* none: the bar without an outline */
        memset(&border, 0, sizeof border);
        border.none = LXW_TRUE;
        chart_series_set_fill(se, &fill);
        chart_series_set_line(se, &border);
    }
}

/* A one-series bar chart whose rows name women and men: each bar in its sex's colour. */
static void colour_points(lxw_chart_series *se, const struct table *t, const struct series_style *st)
{
    const struct chart_spec *cs = &t->chart;
    int any = 0;
    for (size_t i = 0; i < cs->nrows; i++)
        any |= label_sex(t->rows[cs->rows[i]]);
    if (!any)
        return;
    lxw_chart_fill *fill = xcalloc(cs->nrows, sizeof *fill);
    lxw_chart_point *pt = xcalloc(cs->nrows, sizeof *pt);
    lxw_chart_point **list = xcalloc(cs->nrows + 1, sizeof *list);
    for (size_t i = 0; i < cs->nrows; i++) {
        int sex = label_sex(t->rows[cs->rows[i]]);
        fill[i].color = sex == 1 ? colour_women : sex == 2 ? colour_men : st->colour;
        pt[i].fill = &fill[i];
        list[i] = &pt[i];
    }
    keep(chart_series_set_points(se, list));   /* copies them */
    free(list);
    free(pt);
    free(fill);
}

/*
 * The table's chart at at_row, drawn from a data block written at (row0,
 * col0): laid out as the PNG and SVG are (chart_fit), in the same colours,
 * dashes and markers (palette_for_report), its shares on an axis that ends
 * at 100 % at most.
 */
static void add_chart(lxw_workbook *wb, lxw_worksheet *ws, const char *sheet,
                      const struct table *t, lxw_row_t row0, lxw_col_t col0,
                      lxw_row_t at_row, const struct fmts *f, const struct palette *pal)
{
    const struct chart_spec *cs = &t->chart;
    struct axis ax;
    int counts, shares;
    int lying = chart_fit(t, &ax, &counts, &shares) && cs->kind == CHART_BAR;
    put_string(ws, row0, col0, "Diagramdata", f->bold);
    for (size_t s = 0; s < cs->ncols; s++)
        put_string(ws, row0 + 1, col0 + 1 + (lxw_col_t)s, t->cols[cs->cols[s]], f->header);
    for (size_t i = 0; i < cs->nrows; i++) {
        lxw_row_t r = row0 + 2 + (lxw_row_t)i;
        put_string(ws, r, col0, t->rows[cs->rows[i]], NULL);
        for (size_t s = 0; s < cs->ncols; s++) {
            const struct cell *x = table_cell(t, (size_t)cs->rows[i], (size_t)cs->cols[s]);
            if (x->kind == CELL_COUNT || x->kind == CELL_AMOUNT)
                put_number(ws, r, col0 + 1 + (lxw_col_t)s, x->v, f->count);
            else if (x->kind == CELL_SHARE)
                put_number(ws, r, col0 + 1 + (lxw_col_t)s, x->v / 100.0, f->share);
        }
    }
    lxw_chart *ch = need(workbook_add_chart(wb, cs->kind == CHART_LINE ? LXW_CHART_LINE
                                                : lying ? LXW_CHART_BAR : LXW_CHART_COLUMN));
    lxw_chart_axis *value = lying ? ch->x_axis : ch->y_axis, *category = lying ? ch->y_axis : ch->x_axis;
    lxw_row_t first = row0 + 2, last = row0 + 1 + (lxw_row_t)cs->nrows;
    int labels = cs->kind == CHART_BAR && cs->nrows * cs->ncols <= 24;
    /* Shares are fractions in the sheet (format 0.0 %), so their axis is too. */
    double unit = shares ? 100.0 : 1.0;
    for (size_t s = 0; s < cs->ncols; s++) {
        lxw_chart_series *se = need(chart_add_series(ch, NULL, NULL));
        chart_series_set_categories(se, sheet, first, col0, last, col0);
        chart_series_set_values(se, sheet, first, col0 + 1 + (lxw_col_t)s, last, col0 + 1 + (lxw_col_t)s);
        chart_series_set_name_range(se, sheet, row0 + 1, col0 + 1 + (lxw_col_t)s);
        const struct series_style *st = palette_style(pal, t->cols[cs->cols[s]]);
        style_series(se, st, cs->kind == CHART_LINE, cs->ncols == 1);
        if (cs->kind == CHART_BAR && cs->ncols == 1)
            colour_points(se, t, st);
        if (labels) {
            chart_series_set_labels(se);
            chart_series_set_labels_num_format(se, shares ? "0.0%" : "#,##0");
        }
    }
    if (cs->kind == CHART_BAR && cs->ncols > 1)
        chart_set_series_gap(ch, 60);
    chart_title_set_name(ch, t->title);
    struct strbuf name = STRBUF_INIT;
    sb_adds(&name, cs->ylabel ? cs->ylabel : "");
    if (ax.lo > 0)
        sb_printf(&name, ", axeln börjar vid %g", ax.lo);
    chart_axis_set_name(value, name.buf);
    sb_free(&name);
    chart_axis_set_min(value, ax.lo / unit);
    chart_axis_set_max(value, ax.hi / unit);
    chart_axis_set_major_unit(value, ax.step / unit);
    chart_axis_set_num_format(value, shares ? (ax.decimals ? "0.0%" : "0%")
                                            : ax.decimals ? "#,##0.0" : "#,##0");
    lxw_chart_line grid = { .color = 0xD9D9D9, .width = 0.75 };
    chart_axis_major_gridlines_set_visible(value, LXW_TRUE);
    chart_axis_major_gridlines_set_line(value, &grid);
    if (lying) {
        /* The table's order from the top, the value axis still at the bottom. */
        chart_axis_set_reverse(category);
        chart_axis_set_crossing_max(category);
    }
    chart_legend_set_position(ch, cs->ncols > 1 ? LXW_CHART_LEGEND_TOP : LXW_CHART_LEGEND_NONE);
    lxw_chart_options opt;
    memset(&opt, 0, sizeof opt);
    opt.x_scale = 1.6;
    opt.y_scale = 1.4;
    worksheet_insert_chart_opt(ws, at_row, 0, ch, &opt);
}

/*
 * The widths in characters write_grid gives t's columns: [0] the stub,
 * [1..ncols] the columns.  Measured once per table (every cell formatted),
 * as the grid, the notes, the chart and the print area all need them.
 */
static double *grid_widths(const struct table *t)
{
    double *w = xmalloc((t->ncols + 1) * sizeof *w);
    w[0] = fit(format_col_width(t, -1));
    for (size_t c = 0; c < t->ncols; c++)
        w[c + 1] = fit(format_col_width(t, (int)c));
    return w;
}

/*
 * Writes t's header at row `head` and its rows below it, and sets the
 * columns to the widths w (grid_widths).  Row by row, as the internal
 * workbook's constant-memory mode requires (xlsxwall.c).  Returns the
 * first row after the table.
 */
static lxw_row_t write_grid(lxw_worksheet *ws, const struct table *t, lxw_row_t head,
                            const double *w, const struct fmts *f)
{
    for (size_t c = 0; c <= t->ncols; c++)
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, w[c], NULL);
    put_string(ws, head, 0, t->stub ? t->stub : "", f->header);
    for (size_t c = 0; c < t->ncols; c++)
        put_string(ws, head, (lxw_col_t)c + 1, t->cols[c], f->header);
    for (size_t r = 0; r < t->nrows; r++) {
        lxw_row_t row = head + 1 + (lxw_row_t)r;
        put_string(ws, row, 0, t->rows[r], (int)r == t->total_row ? f->bold : NULL);
        for (size_t c = 0; c < t->ncols; c++)
            write_cell(ws, row, (lxw_col_t)c + 1, table_cell(t, r, c), f);
    }
    return head + 1 + (lxw_row_t)t->nrows;
}

/* The sheet's title in row 0 and, in the internal workbook, its warning in row 1 under it. */
static void write_title(lxw_worksheet *ws, const char *title, const struct fmts *f)
{
    put_string(ws, 0, 0, title, f->title);
    if (f->warning)
        put_string(ws, 1, 0, f->warning, f->banner);
}

/* The width in characters of t's columns, from grid_widths. */
static double grid_width(const struct table *t, const double *w)
{
    double sum = 0;
    for (size_t c = 0; c <= t->ncols; c++)
        sum += w[c];
    return sum;
}

/* Rows a chart inserted with add_chart's scale covers (288 px × 1.4 at 20 px a row). */
#define CHART_ROWS 21
/* Columns of default width (64 px) a chart 768 px wide needs beyond the table. */
static lxw_col_t chart_cols(const struct table *t, const double *w)
{
    double px = 0;
    lxw_col_t n = 0;
    for (size_t c = 0; c <= t->ncols; c++)
        px += w[c] * 7 + 5;
    n = (lxw_col_t)t->ncols;
    while (px < 768 + 16) {
        px += 64;
        n++;
    }
    return n;
}

/* A note in row `row`, merged over columns 0..last_col and wrapped to fit their width. */
static void write_note(lxw_worksheet *ws, lxw_row_t row, lxw_col_t last_col, const char *text,
                       double width, const struct fmts *f)
{
    size_t chars = utf8_width(text);
    size_t lines = (size_t)((double)chars / (width > 10 ? width - 4 : 10)) + 1;
    if (lines > 1)
        worksheet_set_row(ws, row, 15.0 * (double)lines, NULL);
    if (last_col > 0)
        put_merged(ws, row, 0, row, last_col, text, f->wrapnote);
    else
        put_string(ws, row, 0, text, f->wrapnote);
}

/* One table on its own sheet, set up to print. */
static void write_table(lxw_workbook *wb, const struct report *rep, const struct table *t,
                        const char *sheet, const struct fmts *f, const struct palette *pal)
{
    lxw_worksheet *ws = need(workbook_add_worksheet(wb, sheet));
    const lxw_row_t head = 2;
    write_title(ws, t->title, f);
    double *w = grid_widths(t);
    lxw_row_t row = write_grid(ws, t, head, w, f) + 1;
    worksheet_freeze_panes(ws, head + 1, 1);
    /* Source and notes wrap within the table's width, so they print whole. */
    double width = grid_width(t, w);
    if (t->source)
        write_note(ws, row++, (lxw_col_t)t->ncols, t->source, width, f);
    for (size_t i = 0; i < t->nnotes; i++)
        write_note(ws, row++, (lxw_col_t)t->ncols, t->notes[i], width, f);
    lxw_col_t last_col = (lxw_col_t)t->ncols;
    lxw_row_t last_row = row - 1;
    if (t->chart.kind != CHART_NONE) {
        /* The chart under the table, its data under the chart: all on the printed page. */
        lxw_row_t data_row = row + 1 + CHART_ROWS + 1;
        add_chart(wb, ws, sheet, t, data_row, 0, row + 1, f, pal);
        last_row = data_row + 1 + (lxw_row_t)t->chart.nrows;
        if (chart_cols(t, w) > last_col)
            last_col = chart_cols(t, w);
    }
    print_setup(ws, rep, f, sheet, head, width, last_row, last_col);
    free(w);
}

/* The summary paragraph, on the first sheet: ready to copy into a tjänsteutlåtande. */
static void write_summary(lxw_workbook *wb, const struct report *rep, const struct fmts *f)
{
    lxw_worksheet *ws = need(workbook_add_worksheet(wb, "Sammanfattning"));
    write_title(ws, rep->title, f);
    worksheet_set_column(ws, 0, 0, 100, NULL);
    /* About 95 characters a line at this width; the row grows to hold the text. */
    size_t lines = utf8_width(rep->summary) / 90 + 2;
    worksheet_set_row(ws, 2, 15.0 * (double)lines, NULL);
    put_string(ws, 2, 0, rep->summary, f->para);
    put_string(ws, 4, 0, "Varje tal i texten finns i rapportens tabeller; ett tal som är "
                           "skyddat i tabellerna nämns inte i texten.", f->note);
    print_setup(ws, rep, f, "Sammanfattning", 0, 100, 4, 0);
}

/* A table of "Om rapporten" (when it has rows) under row, with a note under it; returns the next row. */
static lxw_row_t about_part(lxw_worksheet *ws, const struct table *t, lxw_row_t row,
                            const struct fmts *f, const char *note)
{
    if (!t || !t->nrows)
        return row;
    put_string(ws, row + 1, 0, t->title, f->title);
    double *w = grid_widths(t);
    row = write_grid(ws, t, row + 2, w, f) + 1;
    free(w);
    put_string(ws, row++, 0, note, f->note);
    return row;
}

/* "Om rapporten": what, when, how, and from which files. */
static void write_about(lxw_workbook *wb, const struct report *rep, const struct fmts *f)
{
    lxw_worksheet *ws = need(workbook_add_worksheet(wb, "Om rapporten"));
    lxw_row_t about_last;
    char supp[160];
    if (rep->suppress > 1)
        snprintf(supp, sizeof supp, "antal 1–%d visas som \"..\", med sekundärt skydd; totaler för hela staden visas alltid",
                 rep->suppress - 1);
    else
        snprintf(supp, sizeof supp, "avstängt (--suppress 0): får inte publiceras");
    const char *rows[][2] = {
        { "Rapport", rep->name },
        { "Titel", rep->title },
        { "Period", rep->period },
        { "Skapad", rep->made_at ? rep->made_at : "" },
        { "Enligt exporterna inlästa till och med", rep->as_of },   /* only with --as-of */
        { "Program", "fotstat " FOTSTAT_VERSION },
        { "Skydd för små tal", supp },
    };
    write_title(ws, "Om rapporten", f);
    lxw_row_t row = 2;
    for (size_t i = 0; i < ARRAY_LEN(rows); i++, row++) {
        if (!rows[i][1]) {
            row--;
            continue;
        }
        put_string(ws, row, 0, rows[i][0], f->bold);
        put_string(ws, row, 1, rows[i][1], NULL);
    }
    row = about_part(ws, rep->audit, row, f,
                     "Varje skyddad tabell granskas med linjärprogrammering (GLPK) "
                     "mot allt rapporten publicerar, tillsammans med tabellerna som räknar samma "
                     "enheter: för varje dolt antal det minsta och största värde de publicerade "
                     "talen tillåter. Intervallens gränser anges inte, bara hur många värden de rymmer.");
    row = about_part(ws, rep->series, row, f,
                     "Rapporten granskas tillsammans med varje publicering i registret "
                     "(fotstat report ... --publish) som räknar samma hushåll, så att "
                     "serien av publiceringar inte avslöjar det som varje rapport döljer.");
    about_last = row;
    double width = 80;
    if (rep->sources) {
        put_string(ws, row + 1, 0, rep->sources->title, f->title);
        double *w = grid_widths(rep->sources);
        about_last = write_grid(ws, rep->sources, row + 2, w, f);
        width = grid_width(rep->sources, w);
        free(w);
    }
    lxw_col_t cols = rep->sources ? (lxw_col_t)rep->sources->ncols : 1;
    if (rep->audit && rep->audit->ncols > cols)
        cols = (lxw_col_t)rep->audit->ncols;
    print_setup(ws, rep, f, "Om rapporten", 0, width, about_last, cols);
}

lxw_error xlsx_fill(lxw_workbook *wb, const struct report *rep, enum xlsx_part part)
{
    cell_err = LXW_NO_ERROR;
    struct fmts f;
    make_formats(wb, &f);
    f.warning = part == XLSX_INTERNAL ? XLSX_INTERNAL_WARNING : NULL;
    if (part == XLSX_PUBLIC && rep->summary && *rep->summary)
        write_summary(wb, rep, &f);
    struct palette pal;
    palette_for_report(&pal, rep);
    for (size_t i = 0; i < rep->ntables; i++) {
        const struct table *t = rep->tables[i];
        if (!t->internal != (part == XLSX_PUBLIC))
            continue;
        char sheet[32];
        snprintf(sheet, sizeof sheet, "%.31s", t->sheet ? t->sheet : t->name);
        write_table(wb, rep, t, sheet, &f, &pal);
    }
    palette_free(&pal);
    write_about(wb, rep, &f);
    return cell_err;
}
