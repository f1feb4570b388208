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

int csv_write_report(FILE *f, const struct report *rep)
{
    struct strbuf sb = STRBUF_INIT;
    fputs("tabell,rad,kolumn,varde\r\n", f);
    for (size_t i = 0; i < rep->ntables; i++) {
        const struct table *t = rep->tables[i];
        if (t->workbook_only || t->internal)
            continue;
        for (size_t r = 0; r < t->nrows; r++) {
            for (size_t c = 0; c < t->ncols; c++) {
                sb_reset(&sb);
                format_cell_csv(&sb, table_cell(t, r, c));
                field(f, t->name);
                fputc(',', f);
                field(f, t->rows[r]);
                fputc(',', f);
                field(f, t->cols[c]);
                fputc(',', f);
                field(f, sb.buf);
                fputs("\r\n", f);
            }
        }
    }
    sb_free(&sb);
    return ferror(f) ? -1 : 0;
}
