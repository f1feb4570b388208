/*
 * format.c: cell values as text (format.h).  Uses no locale: decimal
 * commas are written by hand, so LC_NUMERIC can stay "C" everywhere.
 */
#include "report/format.h"
#include "common/util.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Writes v with one decimal, Swedish grouping and a decimal comma. */
static void sv_decimal(struct strbuf *sb, double v)
{
    char buf[32];
    long long tenths = llround(fabs(v) * 10.0);
    if (v < 0 && tenths)
        sb_addc(sb, '-');
    sb_printf(sb, "%s,%lld", fmt_thousands(tenths / 10, buf), tenths % 10);
}

void format_one_line(struct strbuf *sb, const char *s)
{
    int space = 0;
    for (; *s; s++) {
        if ((unsigned char)*s < 0x20 || *s == 0x7f) {
            space = 1;
            continue;
        }
        if (space && sb->len && sb->buf[sb->len - 1] != ' ')
            sb_addc(sb, ' ');
        space = 0;
        sb_addc(sb, *s);
    }
}

size_t format_label_width(const char *s)
{
    struct strbuf sb = STRBUF_INIT;
    format_one_line(&sb, s ? s : "");
    size_t w = utf8_width(sb.buf);
    sb_free(&sb);
    return w;
}

void format_cell_sv(struct strbuf *sb, const struct cell *x)
{
    char buf[32];
    switch (x->kind) {
    case CELL_MISSING:
        break;
    case CELL_COUNT:
        sb_adds(sb, fmt_thousands(llround(x->v), buf));
        break;
    case CELL_SHARE:
        sv_decimal(sb, x->v);
        sb_adds(sb, " %");
        break;
    case CELL_AMOUNT:
        sv_decimal(sb, x->v);
        break;
    case CELL_TEXT:
        format_one_line(sb, x->text);
        break;
    case CELL_PROTECTED:
        sb_adds(sb, "..");
        break;
    }
}

void format_cell_csv(struct strbuf *sb, const struct cell *x)
{
    switch (x->kind) {
    case CELL_MISSING:
        break;
    case CELL_COUNT:
        sb_printf(sb, "%lld", llround(x->v));
        break;
    case CELL_SHARE:
    case CELL_AMOUNT: {
        long long tenths = llround(fabs(x->v) * 10.0);
        sb_printf(sb, "%s%lld.%lld", x->v < 0 && tenths ? "-" : "", tenths / 10, tenths % 10);
        break;
    }
    case CELL_TEXT:
        sb_adds(sb, x->text);
        break;
    case CELL_PROTECTED:
        sb_adds(sb, "..");
        break;
    }
}

size_t format_col_width(const struct table *t, int c)
{
    if (c < 0) {
        size_t w = format_label_width(t->stub);
        for (size_t r = 0; r < t->nrows; r++)
            if (format_label_width(t->rows[r]) > w)
                w = format_label_width(t->rows[r]);
        return w;
    }
    struct strbuf sb = STRBUF_INIT;
    size_t w = format_label_width(t->cols[c]);
    for (size_t r = 0; r < t->nrows; r++) {
        sb_reset(&sb);
        format_cell_sv(&sb, table_cell(t, r, (size_t)c));
        if (utf8_width(sb.buf) > w)
            w = utf8_width(sb.buf);
    }
    sb_free(&sb);
    return w;
}
