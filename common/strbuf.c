/*
 * strbuf.c: growable strings.
 */
#include "common/strbuf.h"
#include "common/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sb_init(struct strbuf *sb)
{
    sb->buf = (char *)"";
    sb->len = 0;
    sb->cap = 0;
}

void sb_free(struct strbuf *sb)
{
    if (sb->cap)
        free(sb->buf);
    sb_init(sb);
}

void sb_reset(struct strbuf *sb)
{
    sb->len = 0;
    if (sb->cap)
        sb->buf[0] = '\0';
}

static void grow(struct strbuf *sb, size_t extra)
{
    size_t need = sb->len + extra + 1;
    if (need <= sb->cap)
        return;
    size_t cap = sb->cap ? sb->cap : 64;
    while (cap < need)
        cap *= 2;
    char *p = xrealloc(sb->cap ? sb->buf : NULL, cap);
    if (!sb->cap)
        p[0] = '\0';
    sb->buf = p;
    sb->cap = cap;
}

void sb_add(struct strbuf *sb, const void *p, size_t n)
{
    grow(sb, n);
    memcpy(sb->buf + sb->len, p, n);
    sb->len += n;
    sb->buf[sb->len] = '\0';
}

void sb_adds(struct strbuf *sb, const char *s)
{
    sb_add(sb, s, strlen(s));
}

size_t sb_add_str0(struct strbuf *sb, const char *s)
{
    size_t at = sb->len;
    sb_add(sb, s, strlen(s) + 1);
    return at;
}

void sb_addc(struct strbuf *sb, char c)
{
    sb_add(sb, &c, 1);
}

void sb_vprintf(struct strbuf *sb, const char *fmt, va_list ap)
{
    va_list cp;
    va_copy(cp, ap);
    int n = vsnprintf(NULL, 0, fmt, cp);
    va_end(cp);
    if (n < 0)
        return;
    grow(sb, (size_t)n);
    vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
    sb->len += (size_t)n;
}

void sb_printf(struct strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(sb, fmt, ap);
    va_end(ap);
}

char *sb_detach(struct strbuf *sb)
{
    char *p = sb->cap ? sb->buf : xstrdup("");
    sb_init(sb);
    return p;
}

void sb_replace(struct strbuf *sb, const char *from, const char *to)
{
    if (!strstr(sb->buf, from))
        return;
    struct strbuf out = STRBUF_INIT;
    sb_adds(&out, "");      /* allocated before the first sb_add (gcc's analyser) */
    size_t n = strlen(from);
    const char *p = sb->buf, *q;
    while ((q = strstr(p, from))) {
        sb_add(&out, p, (size_t)(q - p));
        sb_adds(&out, to);
        p = q + n;
    }
    sb_adds(&out, p);
    sb_free(sb);
    *sb = out;
}
