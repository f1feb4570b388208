/*
 * csvout.c: tidy CSV (csvout.h).
 */
#include "report/csvout.h"
#include "common/strbuf.h"
#include "report/format.h"

#include <string.h>

/* Writes one field, quoted where RFC 4180 asks for it. */
static void field(FILE *f, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

int csv_each_figure(const struct report *rep, csv_figure_fn fn, void *ctx)
{
    struct strbuf sb = STRBUF_INIT;
    int rc = 0;
    for (size_t i = 0; i < rep->ntables && !rc; i++) {
        const struct table *t = rep->tables[i];
        if (t->workbook_only || t->internal)
            continue;
        for (size_t r = 0; r < t->nrows && !rc; r++)
            for (size_t c = 0; c < t->ncols && !rc; c++) {
                sb_reset(&sb);
                format_cell_csv(&sb, table_cell(t, r, c));
                rc = fn(ctx, t, r, c, sb.buf);
            }
    }
    sb_free(&sb);
    return rc;
}

static int write_line(void *ctx, const struct table *t, size_t r, size_t c, const char *varde)
{
    FILE *f = ctx;
    field(f, t->name);
    fputc(',', f);
    field(f, t->rows[r]);
    fputc(',', f);
    field(f, t->cols[c]);
    fputc(',', f);
    field(f, varde);
    fputs("\r\n", f);
    return 0;
}

int csv_write_report(FILE *f, const struct report *rep)
{
    fputs("tabell,rad,kolumn,varde\r\n", f);
    csv_each_figure(rep, write_line, f);
    return ferror(f) ? -1 : 0;
}
