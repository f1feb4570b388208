/*
 * xlsx.c: workbooks with libxlsxwriter (xlsx.h).
 */
#include "report/xlsx.h"
#include "common/util.h"
#include "report/format.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

/* The formats of one workbook. */
struct fmts {
    lxw_format *title, *header, *count, *share, *amount, *text, *protected_, *note, *bold;
};

static void make_formats(lxw_workbook *wb, struct fmts *f)
{
    f->title = workbook_add_format(wb);
    format_set_bold(f->title);
    format_set_font_size(f->title, 13);
    f->header = workbook_add_format(wb);
    format_set_bold(f->header);
    format_set_bottom(f->header, LXW_BORDER_THIN);
    f->count = workbook_add_format(wb);
    format_set_num_format(f->count, "#,##0");
    f->share = workbook_add_format(wb);
    format_set_num_format(f->share, "0.0%");
    f->amount = workbook_add_format(wb);
    format_set_num_format(f->amount, "#,##0.0");
    f->text = workbook_add_format(wb);
    f->protected_ = workbook_add_format(wb);
    format_set_align(f->protected_, LXW_ALIGN_RIGHT);
    f->note = workbook_add_format(wb);
    format_set_italic(f->note);
    f->bold = workbook_add_format(wb);
    format_set_bold(f->bold);
}

/* Writes one cell of the table grid at (row, col). */
static void write_cell(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const struct cell *x,
                       const struct fmts *f)
{
    switch (x->kind) {
    case CELL_MISSING:
        break;
    case CELL_COUNT:
        worksheet_write_number(ws, row, col, x->v, f->count);
        break;
    case CELL_SHARE:
        worksheet_write_number(ws, row, col, x->v / 100.0, f->share);
        break;
    case CELL_AMOUNT:
        worksheet_write_number(ws, row, col, x->v, f->amount);
        break;
    case CELL_TEXT:
        worksheet_write_string(ws, row, col, x->text, f->text);
        break;
    case CELL_PROTECTED:
        worksheet_write_string(ws, row, col, "..", f->protected_);
        break;
    }
}

/* Width of a column in characters: its widest label or value, within bounds. */
static double fit(size_t chars)
{
    double w = (double)chars + 2;
    return w < 8 ? 8 : w > 60 ? 60 : w;
}

/* The table's chart, drawn from a data block written at (row0, col0). */
static void add_chart(lxw_workbook *wb, lxw_worksheet *ws, const char *sheet,
                      const struct table *t, lxw_row_t row0, lxw_col_t col0,
                      lxw_row_t at_row, const struct fmts *f)
{
    const struct chart_spec *cs = &t->chart;
    worksheet_write_string(ws, row0, col0, "Diagramdata", f->bold);
    for (size_t s = 0; s < cs->ncols; s++)
        worksheet_write_string(ws, row0 + 1, col0 + 1 + (lxw_col_t)s, t->cols[cs->cols[s]], f->header);
    for (size_t i = 0; i < cs->nrows; i++) {
        lxw_row_t r = row0 + 2 + (lxw_row_t)i;
        worksheet_write_string(ws, r, col0, t->rows[cs->rows[i]], NULL);
        for (size_t s = 0; s < cs->ncols; s++) {
            const struct cell *x = table_cell(t, (size_t)cs->rows[i], (size_t)cs->cols[s]);
            if (x->kind == CELL_COUNT || x->kind == CELL_AMOUNT)
                worksheet_write_number(ws, r, col0 + 1 + (lxw_col_t)s, x->v, f->count);
        }
    }
    lxw_chart *ch = workbook_add_chart(wb, cs->kind == CHART_LINE ? LXW_CHART_LINE : LXW_CHART_COLUMN);
    lxw_row_t first = row0 + 2, last = row0 + 1 + (lxw_row_t)cs->nrows;
    for (size_t s = 0; s < cs->ncols; s++) {
        lxw_chart_series *se = chart_add_series(ch, NULL, NULL);
        chart_series_set_categories(se, sheet, first, col0, last, col0);
        chart_series_set_values(se, sheet, first, col0 + 1 + (lxw_col_t)s, last, col0 + 1 + (lxw_col_t)s);
        chart_series_set_name_range(se, sheet, row0 + 1, col0 + 1 + (lxw_col_t)s);
    }
    chart_title_set_name(ch, t->title);
    chart_axis_set_name(ch->y_axis, cs->ylabel ? cs->ylabel : "");
    chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
    lxw_chart_options opt;
    memset(&opt, 0, sizeof opt);
    opt.x_scale = 1.6;
    opt.y_scale = 1.4;
    worksheet_insert_chart_opt(ws, at_row, 0, ch, &opt);
}

/*
 * Writes t's header at row `head` and its rows below it, and fits the
 * columns to what they hold.  Returns the first row after the table.
 */
static lxw_row_t write_grid(lxw_worksheet *ws, const struct table *t, lxw_row_t head,
                            const struct fmts *f)
{
    worksheet_write_string(ws, head, 0, t->stub ? t->stub : "", f->header);
    for (size_t r = 0; r < t->nrows; r++)
        worksheet_write_string(ws, head + 1 + (lxw_row_t)r, 0, t->rows[r],
                               (int)r == t->total_row ? f->bold : NULL);
    worksheet_set_column(ws, 0, 0, fit(format_col_width(t, -1)), NULL);
    for (size_t c = 0; c < t->ncols; c++) {
        lxw_col_t col = (lxw_col_t)c + 1;
        worksheet_write_string(ws, head, col, t->cols[c], f->header);
        for (size_t r = 0; r < t->nrows; r++)
            write_cell(ws, head + 1 + (lxw_row_t)r, col, table_cell(t, r, c), f);
        worksheet_set_column(ws, col, col, fit(format_col_width(t, (int)c)), NULL);
    }
    return head + 1 + (lxw_row_t)t->nrows;
}

/* One table on its own sheet. */
static void write_table(lxw_workbook *wb, const struct table *t, const char *sheet,
                        const struct fmts *f)
{
    lxw_worksheet *ws = workbook_add_worksheet(wb, sheet);
    const lxw_row_t head = 2;
    worksheet_write_string(ws, 0, 0, t->title, f->title);
    lxw_row_t row = write_grid(ws, t, head, f) + 1;
    worksheet_freeze_panes(ws, head + 1, 1);
    if (t->source)
        worksheet_write_string(ws, row++, 0, t->source, f->note);
    for (size_t i = 0; i < t->nnotes; i++)
        worksheet_write_string(ws, row++, 0, t->notes[i], f->note);
    if (t->chart.kind != CHART_NONE)
        add_chart(wb, ws, sheet, t, head, (lxw_col_t)t->ncols + 3, row + 1, f);
}

/* "Om rapporten": what, when, how, and from which files. */
static void write_about(lxw_workbook *wb, const struct report *rep, const struct fmts *f)
{
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Om rapporten");
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
        { "Program", "fotstat " FOTSTAT_VERSION },
        { "Skydd för små tal", supp },
    };
    worksheet_write_string(ws, 0, 0, "Om rapporten", f->title);
    lxw_row_t row = 2;
    for (size_t i = 0; i < ARRAY_LEN(rows); i++, row++) {
        worksheet_write_string(ws, row, 0, rows[i][0], f->bold);
        worksheet_write_string(ws, row, 1, rows[i][1], NULL);
    }
    if (rep->audit && rep->audit->nrows) {
        worksheet_write_string(ws, row + 1, 0, rep->audit->title, f->title);
        row = write_grid(ws, rep->audit, row + 2, f) + 1;
        worksheet_write_string(ws, row++, 0, "Varje skyddad tabell granskas med linjärprogrammering (GLPK) "
                               "mot allt rapporten publicerar, tillsammans med tabellerna som räknar samma "
                               "enheter: för varje dolt antal det minsta och största värde de publicerade "
                               "talen tillåter. Intervallens gränser anges inte, bara hur många värden de rymmer.",
                               f->note);
    }
    if (rep->sources) {
        worksheet_write_string(ws, row + 1, 0, rep->sources->title, f->title);
        write_grid(ws, rep->sources, row + 2, f);
    }
}

int xlsx_write_report(const struct report *rep, const char *path, long long created,
                      struct strbuf *err)
{
    /* libxlsxwriter formats numbers with sprintf: keep the decimal point a point. */
    char *saved = setlocale(LC_NUMERIC, NULL);
    saved = saved ? xstrdup(saved) : NULL;
    setlocale(LC_NUMERIC, "C");
    lxw_workbook_options opt = { 0, NULL, 0 };
    lxw_workbook *wb = workbook_new_opt(path, &opt);
    int rc = -1;
    if (!wb) {
        sb_printf(err, "kan inte skapa arbetsboken \"%s\"", path);
        goto done;
    }
    lxw_doc_properties props;
    memset(&props, 0, sizeof props);
    props.title = rep->title;
    static char author[] = "fotstat";
    static char company[] = "Stockholms stad, socialförvaltningen";
    props.author = author;
    props.company = company;
    props.created = (time_t)created;
    workbook_set_properties(wb, &props);
    struct fmts f;
    make_formats(wb, &f);
    for (size_t i = 0; i < rep->ntables; i++) {
        const struct table *t = rep->tables[i];
        char sheet[32];
        snprintf(sheet, sizeof sheet, "%.31s", t->sheet ? t->sheet : t->name);
        write_table(wb, t, sheet, &f);
    }
    write_about(wb, rep, &f);
    lxw_error e = workbook_close(wb);
    if (e != LXW_NO_ERROR) {
        sb_printf(err, "kan inte skriva arbetsboken \"%s\": %s", path, lxw_strerror(e));
        goto done;
    }
    rc = 0;
done:
    if (saved) {
        setlocale(LC_NUMERIC, saved);
        free(saved);
    }
    return rc;
}
