/*
 * chartlayout.c: text measures, axes and colours of the charts (chartlayout.h).
 */
#include "report/chartlayout.h"
#include "common/util.h"
#include "report/fontmetrics.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Decodes one UTF-8 character at *s (advancing it); an invalid byte is U+FFFD. */
static unsigned utf8_next(const unsigned char **s)
{
    const unsigned char *p = *s;
    unsigned c = *p++;
    int more = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
    if (c >= 0x80 && !more) {
        *s = p;
        return 0xFFFD;
    }
    if (more)
        c &= 0x3Fu >> more;
    for (; more; more--) {
        if ((*p & 0xC0) != 0x80) {
            *s = p;
            return 0xFFFD;
        }
        c = c << 6 | (*p++ & 0x3Fu);
    }
    *s = p;
    return c;
}

static double advance(unsigned cp)
{
    if (cp < 0x20)
        cp = 0x20;
    size_t lo = 0, hi = font_nwidths;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (font_widths[mid].cp == cp)
            return font_widths[mid].w / 10000.0;
        if (font_widths[mid].cp < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 1.0;
}

double text_width(const char *s, double size)
{
    double em = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p)
        em += advance(utf8_next(&p));
    return em * size;
}

static void add_line(struct lines *out, const char *s, size_t n)
{
    out->line = xrealloc(out->line, (out->n + 1) * sizeof *out->line);
    out->line[out->n++] = xstrndup(s, n);
}

/* Breaks a word wider than maxw alone between characters; the last piece stays in *cur. */
static void break_word(struct lines *out, struct strbuf *cur, double size, double maxw)
{
    while (text_width(cur->buf, size) > maxw) {
        const unsigned char *p = (const unsigned char *)cur->buf, *fit = p;
        struct strbuf head = STRBUF_INIT;
        while (*p) {
            const unsigned char *q = p;
            utf8_next(&q);
            sb_add(&head, p, (size_t)(q - p));
            if (text_width(head.buf, size) > maxw && p != (const unsigned char *)cur->buf)
                break;
            p = q;
            fit = p;
        }
        sb_free(&head);
        size_t n = (size_t)(fit - (const unsigned char *)cur->buf);
        if (n == 0 || n == cur->len)
            break;
        add_line(out, cur->buf, n);
        char *rest = xstrdup(cur->buf + n);
        sb_reset(cur);
        sb_adds(cur, rest);
        free(rest);
    }
}

void text_wrap(struct lines *out, const char *s, double size, double maxw)
{
    out->line = NULL;
    out->n = 0;
    struct strbuf cur = STRBUF_INIT, word = STRBUF_INIT, try = STRBUF_INIT;
    const char *p = s ? s : "";
    int space_before = 0;
    for (;;) {
        /* The next word: up to a space, or through a '/' or '-'. */
        while (*p && (unsigned char)*p <= ' ') {
            space_before = 1;
            p++;
        }
        if (!*p)
            break;
        sb_reset(&word);
        while (*p && (unsigned char)*p > ' ') {
            char ch = *p++;
            sb_addc(&word, ch);
            if ((ch == '/' || ch == '-') && *p && (unsigned char)*p > ' ')
                break;
        }
        sb_reset(&try);
        sb_add(&try, cur.buf ? cur.buf : "", cur.len);
        if (cur.len && space_before)
            sb_addc(&try, ' ');
        sb_add(&try, word.buf, word.len);
        if (cur.len == 0 || text_width(try.buf, size) <= maxw) {
            sb_reset(&cur);
            sb_add(&cur, try.buf, try.len);
        } else {
            add_line(out, cur.buf, cur.len);
            sb_reset(&cur);
            sb_add(&cur, word.buf, word.len);
        }
        break_word(out, &cur, size, maxw);
        space_before = 0;
    }
    if (cur.len || out->n == 0)
        add_line(out, cur.len ? cur.buf : "", cur.len);
    sb_free(&cur);
    sb_free(&word);
    sb_free(&try);
}

double lines_width(const struct lines *l, double size)
{
    double w = 0;
    for (size_t i = 0; i < l->n; i++) {
        double x = text_width(l->line[i], size);
        if (x > w)
            w = x;
    }
    return w;
}

void lines_free(struct lines *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->line[i]);
    free(l->line);
    l->line = NULL;
    l->n = 0;
}

/* The smallest of 1, 2, 2.5, 5 × 10^k at least x (counts: whole numbers only). */
static double nice_step(double x, int counts)
{
    static const double m[] = { 1, 2, 2.5, 5, 10 };
    double k = pow(10, floor(log10(x)));
    for (size_t i = 0; i < ARRAY_LEN(m); i++) {
        double s = m[i] * k;
        if (counts && s != floor(s))
            continue;
        if (s >= x * (1 - 1e-9))
            return counts && s < 1 ? 1 : s;
    }
    return 10 * k;
}

void axis_fit(struct axis *a, double vmin, double vmax, int bars, int counts, int shares)
{
    double lo = 0;
    if (vmin < 0)
        vmin = 0;   /* fotstat charts counts and shares only */
    if (vmax < vmin)
        vmax = vmin;
    if (!bars && shares && vmin > 50) {
        lo = floor(vmin / 10) * 10;
        if (vmin - lo < 2)
            lo -= 10;
    }
    double range = vmax - lo;
    if (range <= 0)
        range = 1;
    double step = nice_step(range / 5, counts);
    double hi = ceil(vmax / step - 1e-9) * step;
    if (hi <= lo)
        hi = lo + step;
    if (shares && hi > 100)
        hi = vmax > 100 ? hi : 100;
    a->lo = lo;
    a->hi = hi;
    a->step = step;
    a->decimals = counts || step >= 1 ? 0 : step >= 0.1 && fabs(step * 10 - round(step * 10)) < 1e-9 ? 1 : 2;
}

static double channel(unsigned c)
{
    double x = c / 255.0;
    return x <= 0.04045 ? x / 12.92 : pow((x + 0.055) / 1.055, 2.4);
}

static double luminance(rgb_t c)
{
    return 0.2126 * channel(c >> 16 & 0xFF) + 0.7152 * channel(c >> 8 & 0xFF) +
           0.0722 * channel(c & 0xFF);
}

double contrast_ratio(rgb_t a, rgb_t b)
{
    double la = luminance(a), lb = luminance(b);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

/*
 * Okabe and Ito's colour-blind safe colours, those too light against white
 * (orange, sky blue, yellow) darkened to 3:1 or more, Paul Tol's wine and
 * indigo after them.  Women and men have colours of their own, kept apart
 * from these; Totalt is dark grey.
 */
const rgb_t palette_colours[] = { 0x0072B2, 0xD55E00, 0x009E73, 0xB07800, 0x882255, 0x332288 };
const size_t palette_ncolours = ARRAY_LEN(palette_colours);
const rgb_t colour_women = 0xAA3377, colour_men = 0x007A5E;
static const rgb_t colour_total = 0x4D4D4D;

/* Dashes and markers in turn, so that lines differ in black and white too. */
static const int gp_dash[CHART_STYLES] = { 1, 2, 4, 5, 3, 1 };          /* solid, dashed, dash-dot, … */
static const int gp_marker[CHART_STYLES] = { 7, 5, 9, 13, 11, 15 };     /* filled circle, square, … */

/* "Kvinnor (%)" → "Kvinnor": a series is the same category whatever its unit. */
static char *series_key(const char *name)
{
    size_t n = strlen(name);
    const char *paren = strrchr(name, '(');
    if (paren && n && name[n - 1] == ')')
        n = (size_t)(paren - name);
    while (n && name[n - 1] == ' ')
        n--;
    return xstrndup(name, n);
}

static int word_at(const char *s, const char *w, size_t at)
{
    size_t n = strlen(w);
    if (strncmp(s + at, w, n) != 0)
        return 0;
    unsigned char before = at ? (unsigned char)s[at - 1] : ' ', after = (unsigned char)s[at + n];
    return (before == ' ' || before == '(') && (after == 0 || after == ' ' || after == ')' ||
                                                after == ',');
}

int label_sex(const char *label)
{
    static const char *const women[] = { "kvinna", "kvinnor", "Kvinna", "Kvinnor" };
    static const char *const men[] = { "man", "män", "Man", "Män" };
    for (size_t at = 0; label[at]; at++) {
        for (size_t i = 0; i < ARRAY_LEN(women); i++)
            if (word_at(label, women[i], at))
                return 1;
        for (size_t i = 0; i < ARRAY_LEN(men); i++)
            if (word_at(label, men[i], at))
                return 2;
    }
    return 0;
}

static void style_of(struct series_style *st, rgb_t colour, size_t k)
{
    size_t i = k % ARRAY_LEN(gp_dash);
    st->colour = colour;
    st->dash = gp_dash[i];
    st->marker = gp_marker[i];
    st->index = (int)i;
}

void palette_for_report(struct palette *p, const struct report *rep)
{
    p->name = NULL;
    p->style = NULL;
    p->n = 0;
    size_t next = 0;
    for (size_t i = 0; i < rep->ntables; i++) {
        const struct table *t = rep->tables[i];
        for (size_t k = 0; t->chart.kind != CHART_NONE && k < t->chart.ncols; k++) {
            char *key = series_key(t->cols[t->chart.cols[k]]);
            size_t j = 0;
            while (j < p->n && strcmp(p->name[j], key) != 0)
                j++;
            if (j < p->n) {
                free(key);
                continue;
            }
            p->name = xrealloc(p->name, (p->n + 1) * sizeof *p->name);
            p->style = xrealloc(p->style, (p->n + 1) * sizeof *p->style);
            p->name[p->n] = key;
            int sex = label_sex(key);
            if (sex)
                style_of(&p->style[p->n], sex == 1 ? colour_women : colour_men, (size_t)sex - 1);
            else if (strcmp(key, "Totalt") == 0)
                style_of(&p->style[p->n], colour_total, 0);
            else {
                style_of(&p->style[p->n], palette_colours[next % palette_ncolours], next);
                next++;
            }
            p->n++;
        }
    }
}

const struct series_style *palette_style(const struct palette *p, const char *name)
{
    static struct series_style first;
    char *key = series_key(name);
    const struct series_style *st = NULL;
    for (size_t j = 0; j < p->n && !st; j++)
        if (strcmp(p->name[j], key) == 0)
            st = &p->style[j];
    free(key);
    if (!st) {
        style_of(&first, palette_colours[0], 0);
        st = &first;
    }
    return st;
}

void palette_free(struct palette *p)
{
    for (size_t i = 0; i < p->n; i++)
        free(p->name[i]);
    free(p->name);
    free(p->style);
    p->name = NULL;
    p->style = NULL;
    p->n = 0;
}
