/*
 * format.c: cell values as text (format.h).  Uses no locale: decimal
 * commas are written by hand, so LC_NUMERIC can stay "C" everywhere.
 */
#include "report/format.h"
#include "common/util.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void format_decimal(struct strbuf *sb, double v, int decimals, int nbsp)
{
    double scale = pow(10, decimals);
    long long units = llround(fabs(v) * scale);
    long long whole = units / (long long)scale, frac = units % (long long)scale;
    if (v < 0 && units)
        sb_addc(sb, '-');
    char buf[32];
    for (const char *p = fmt_thousands(whole, buf); *p; p++) {
        if (*p == ' ' && nbsp)
            sb_adds(sb, "\xc2\xa0");
        else
            sb_addc(sb, *p);
    }
    if (decimals > 0)
        sb_printf(sb, ",%0*lld", decimals, frac);
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
        format_decimal(sb, x->v, 1, 0);
        sb_adds(sb, " %");
        break;
    case CELL_AMOUNT:
        format_decimal(sb, x->v, 1, 0);
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
