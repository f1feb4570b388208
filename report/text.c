/*
 * text.c: aligned text tables (text.h).  Widths are counted in characters,
 * not bytes, so å, ä and ö line up, and every label and value is written
 * on one line (format_one_line), so a line break in the data cannot push
 * a column out of place.
 */
#include "report/text.h"
#include "common/strbuf.h"
#include "common/util.h"
#include "report/format.h"

#include <stdlib.h>
#include <string.h>

static void pad(FILE *f, size_t n)
{
    while (n--)
        fputc(' ', f);
}

/* Writes s on one line, left-aligned in width w (no padding when last). */
static void left(FILE *f, const char *s, size_t w, int last)
{
    struct strbuf sb = STRBUF_INIT;
    format_one_line(&sb, s ? s : "");
    fputs(sb.buf, f);
    if (!last)
        pad(f, w - utf8_width(sb.buf));
    sb_free(&sb);
}

static void right(FILE *f, const char *s, size_t w)
{
    struct strbuf sb = STRBUF_INIT;
    format_one_line(&sb, s);
    pad(f, w - utf8_width(sb.buf));
    fputs(sb.buf, f);
    sb_free(&sb);
}

int text_write_table(FILE *f, const struct table *t)
{
    size_t nc = t->ncols + 1;
    size_t *w = xcalloc(nc, sizeof *w);
    struct strbuf sb = STRBUF_INIT;
    for (size_t c = 0; c < nc; c++)
        w[c] = format_col_width(t, (int)c - 1);
    left(f, t->title, 0, 1);
    fputs("\n\n", f);
    left(f, t->stub, w[0], t->ncols == 0);
    for (size_t c = 0; c < t->ncols; c++) {
        fputs("  ", f);
        /* A column of text is headed on the left, a column of figures on the right. */
        int text_col = t->nrows > 0 && table_cell(t, 0, c)->kind == CELL_TEXT;
        if (text_col)
            left(f, t->cols[c], w[c + 1], c + 1 == t->ncols);
        else
            right(f, t->cols[c], w[c + 1]);
    }
    fputc('\n', f);
    for (size_t r = 0; r < t->nrows; r++) {
        left(f, t->rows[r], w[0], t->ncols == 0);
        for (size_t c = 0; c < t->ncols; c++) {
            const struct cell *x = table_cell(t, r, c);
            sb_reset(&sb);
            format_cell_sv(&sb, x);
            fputs("  ", f);
            if (x->kind == CELL_TEXT)   /* text left-aligned, numbers right */
                left(f, sb.buf, w[c + 1], c + 1 == t->ncols);
            else
                right(f, sb.buf, w[c + 1]);
        }
        fputc('\n', f);
    }
    if (t->source) {
        left(f, t->source, 0, 1);
        fputc('\n', f);
    }
    for (size_t i = 0; i < t->nnotes; i++) {
        left(f, t->notes[i], 0, 1);
        fputc('\n', f);
    }
    fputc('\n', f);
    sb_free(&sb);
    free(w);
    return ferror(f) ? -1 : 0;
}

int text_write_paragraph(FILE *f, const char *text, size_t width)
{
    size_t col = 0;
    const char *p = text;
    while (*p) {
        while (*p == ' ')
            p++;
        const char *e = p;
        while (*e && *e != ' ')
            e++;
        if (e == p)
            break;
        char *word = xstrndup(p, (size_t)(e - p));
        size_t ww = utf8_width(word);
        if (col && col + 1 + ww > width) {
            fputc('\n', f);
            col = 0;
        } else if (col) {
            fputc(' ', f);
            col++;
        }
        fputs(word, f);
        col += ww;
        free(word);
        p = e;
    }
    fputs("\n\n", f);
    return ferror(f) ? -1 : 0;
}

/* The title, the summary and every table that is not workbook-only (nor, if publishable, internal). */
static int write_report(FILE *f, const struct report *rep, int publishable)
{
    fprintf(f, "%s\n\n", rep->title);
    if (rep->summary && *rep->summary && text_write_paragraph(f, rep->summary, 78))
        return -1;
    for (size_t i = 0; i < rep->ntables; i++) {
        const struct table *t = rep->tables[i];
        if (!t->workbook_only && !(publishable && t->internal) && text_write_table(f, t))
            return -1;
    }
    return ferror(f) ? -1 : 0;
}

int text_write_report(FILE *f, const struct report *rep)
{
    return write_report(f, rep, 0);
}

int text_write_publishable(FILE *f, const struct report *rep)
{
    return write_report(f, rep, 1);
}
