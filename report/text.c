/*
 * text.c: aligned text tables (text.h).  Widths are counted in characters,
 * not bytes, so å, ä and ö line up.
 */
#include "report/text.h"
#include "common/strbuf.h"
#include "common/util.h"
#include "report/format.h"

#include <stdlib.h>

static void pad(FILE *f, size_t n)
{
    while (n--)
        fputc(' ', f);
}

int text_write_table(FILE *f, const struct table *t)
{
    size_t nc = t->ncols + 1;
    size_t *w = xcalloc(nc, sizeof *w);
    struct strbuf sb = STRBUF_INIT;
    for (size_t c = 0; c < nc; c++)
        w[c] = format_col_width(t, (int)c - 1);
    fprintf(f, "%s\n\n", t->title);
    const char *stub = t->stub ? t->stub : "";
    fputs(stub, f);
    pad(f, w[0] - utf8_width(stub));
    for (size_t c = 0; c < t->ncols; c++) {
        fputs("  ", f);
        pad(f, w[c + 1] - utf8_width(t->cols[c]));
        fputs(t->cols[c], f);
    }
    fputc('\n', f);
    for (size_t r = 0; r < t->nrows; r++) {
        fputs(t->rows[r], f);
        pad(f, w[0] - utf8_width(t->rows[r]));
        for (size_t c = 0; c < t->ncols; c++) {
            const struct cell *x = table_cell(t, r, c);
            sb_reset(&sb);
            format_cell_sv(&sb, x);
            fputs("  ", f);
            if (x->kind == CELL_TEXT) {   /* text left-aligned, numbers right */
                fputs(sb.buf, f);
                if (c + 1 < t->ncols)
                    pad(f, w[c + 1] - utf8_width(sb.buf));
            } else {
                pad(f, w[c + 1] - utf8_width(sb.buf));
                fputs(sb.buf, f);
            }
        }
        fputc('\n', f);
    }
    if (t->source)
        fprintf(f, "%s\n", t->source);
    for (size_t i = 0; i < t->nnotes; i++)
        fprintf(f, "%s\n", t->notes[i]);
    fputc('\n', f);
    sb_free(&sb);
    free(w);
    return ferror(f) ? -1 : 0;
}

int text_write_report(FILE *f, const struct report *rep)
{
    fprintf(f, "%s\n\n", rep->title);
    for (size_t i = 0; i < rep->ntables; i++)
        if (!rep->tables[i]->workbook_only && text_write_table(f, rep->tables[i]))
            return -1;
    return ferror(f) ? -1 : 0;
}
