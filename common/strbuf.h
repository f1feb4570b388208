/*
 * strbuf.h: a growable NUL-terminated byte string.
 *
 *   struct strbuf sb = STRBUF_INIT;
 *   sb_printf(&sb, "%d rader", n);
 *   puts(sb.buf);
 *   sb_free(&sb);
 *
 * buf is never NULL once anything is appended; before that it is "".
 * Allocation failure aborts (see util.h): a report tool has no way to go on.
 */
#ifndef FOTSTAT_STRBUF_H
#define FOTSTAT_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

struct strbuf {
    char *buf;      /* the bytes, NUL-terminated; owned */
    size_t len;     /* bytes before the NUL */
    size_t cap;     /* bytes allocated; 0 while buf points at the static "" */
};

#define STRBUF_INIT { (char *)"", 0, 0 }

void sb_init(struct strbuf *sb);
void sb_free(struct strbuf *sb);             /* leaves sb empty and reusable */
void sb_reset(struct strbuf *sb);            /* len = 0, keeps the allocation */
void sb_add(struct strbuf *sb, const void *p, size_t n);
void sb_adds(struct strbuf *sb, const char *s);
void sb_addc(struct strbuf *sb, char c);
/* Appends s with its NUL, for strings kept back to back in one buffer; returns where s starts. */
size_t sb_add_str0(struct strbuf *sb, const char *s);
void sb_printf(struct strbuf *sb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void sb_vprintf(struct strbuf *sb, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
/* Replaces every from in sb by to (from not empty). */
void sb_replace(struct strbuf *sb, const char *from, const char *to);
/* Returns the buffer and leaves sb empty; the caller frees the result. */
char *sb_detach(struct strbuf *sb);

#endif
