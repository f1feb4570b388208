/*
 * mail.c: the report as a MIME draft (mail.h).
 */
#include "report/mail.h"
#include "common/sha256.h"
#include "common/util.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* Appends base64 of data without line breaks. */
static void base64_run(struct strbuf *out, const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)p[i] << 16;
        if (i + 1 < n)
            v |= (unsigned)p[i + 1] << 8;
        if (i + 2 < n)
            v |= p[i + 2];
        sb_addc(out, b64[v >> 18 & 63]);
        sb_addc(out, b64[v >> 12 & 63]);
        sb_addc(out, i + 1 < n ? b64[v >> 6 & 63] : '=');
        sb_addc(out, i + 2 < n ? b64[v & 63] : '=');
    }
}

void mail_base64(struct strbuf *out, const unsigned char *data, size_t len)
{
    for (size_t i = 0; i < len; i += 57) {  /* 57 bytes: 76 characters */
        base64_run(out, data + i, len - i < 57 ? len - i : 57);
        sb_adds(out, "\r\n");
    }
}

void mail_encode_header(struct strbuf *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s), i = 0;
    int first = 1;
    while (i < n || first) {
        /* At most 39 bytes a word (52 characters of base64, 64 with its frame), whole characters. */
        size_t take = n - i < 39 ? n - i : 39;
        while (take && i + take < n && (p[i + take] & 0xC0) == 0x80)
            take--;
        if (!first)
            sb_adds(out, "\r\n ");
        sb_adds(out, "=?UTF-8?B?");
        base64_run(out, p + i, take);
        sb_adds(out, "?=");
        i += take;
        first = 0;
    }
}

/* A boundary from the message's digest: "=_" cannot occur in base64 text. */
static void boundary(char out[40], const unsigned char digest[SHA256_BYTES], int level)
{
    char *o = out + snprintf(out, 40, "=_fotstat_%d_", level);
    for (int i = 0; i < 10; i++)
        o += snprintf(o, 3, "%02x", digest[i]);
}

static void text_part(struct strbuf *out, const char *b, const char *subtype, const char *text)
{
    struct strbuf crlf = STRBUF_INIT;
    for (const char *p = text ? text : ""; *p; p++) {
        if (*p == '\n' && (p == text || p[-1] != '\r'))
            sb_addc(&crlf, '\r');
        sb_addc(&crlf, *p);
    }
    sb_printf(out, "\r\n--%s\r\nContent-Type: text/%s; charset=UTF-8\r\n"
                   "Content-Transfer-Encoding: base64\r\n\r\n", b, subtype);
    mail_base64(out, (const unsigned char *)(crlf.buf ? crlf.buf : ""), crlf.len);
    sb_free(&crlf);
}

static void file_part(struct strbuf *out, const char *b, const struct mail_file *f)
{
    sb_printf(out, "\r\n--%s\r\nContent-Type: %s; name=\"%s\"\r\nContent-Transfer-Encoding: base64\r\n",
              b, f->type, f->name);
    if (f->cid)
        sb_printf(out, "Content-ID: <%s>\r\nContent-Disposition: inline; filename=\"%s\"\r\n\r\n",
                  f->cid, f->name);
    else
        sb_printf(out, "Content-Disposition: attachment; filename=\"%s\"\r\n\r\n", f->name);
    mail_base64(out, f->data, f->len);
}

void mail_compose(struct strbuf *out, const struct mail *m)
{
    struct sha256 h;
    unsigned char digest[SHA256_BYTES];
    sha256_init(&h);
    sha256_update(&h, m->subject, strlen(m->subject) + 1);
    sha256_update(&h, m->text ? m->text : "", m->text ? strlen(m->text) + 1 : 1);
    sha256_update(&h, m->html ? m->html : "", m->html ? strlen(m->html) + 1 : 1);
    for (size_t i = 0; i < m->ninline; i++)
        sha256_update(&h, m->inline_files[i].data, m->inline_files[i].len);
    for (size_t i = 0; i < m->nattachments; i++)
        sha256_update(&h, m->attachments[i].data, m->attachments[i].len);
    sha256_final(&h, digest);
    char mixed[40], alt[40], rel[40];
    boundary(mixed, digest, 1);
    boundary(alt, digest, 2);
    boundary(rel, digest, 3);

    static const char *const day[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
    static const char *const month[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
    time_t t = (time_t)m->date;
    struct tm tm;
    gmtime_r(&t, &tm);
    sb_printf(out, "MIME-Version: 1.0\r\nDate: %s, %02d %s %04d %02d:%02d:%02d +0000\r\n",
              day[tm.tm_wday], tm.tm_mday, month[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
              tm.tm_sec);
    sb_adds(out, "Message-ID: <");
    for (int i = 0; i < 16; i++)
        sb_printf(out, "%02x", digest[i]);
    sb_adds(out, "@fotstat.invalid>\r\nSubject: ");
    mail_encode_header(out, m->subject);
    sb_printf(out, "\r\nX-Unsent: 1\r\nContent-Type: multipart/mixed; boundary=\"%s\"\r\n", mixed);
    sb_adds(out, "\r\nDetta är ett MIME-meddelande i flera delar.\r\n");

    sb_printf(out, "\r\n--%s\r\nContent-Type: multipart/alternative; boundary=\"%s\"\r\n", mixed, alt);
    text_part(out, alt, "plain", m->text);
    if (m->html) {
        sb_printf(out, "\r\n--%s\r\nContent-Type: multipart/related; type=\"text/html\"; "
                       "boundary=\"%s\"\r\n", alt, rel);
        text_part(out, rel, "html", m->html);
        for (size_t i = 0; i < m->ninline; i++)
            file_part(out, rel, &m->inline_files[i]);
        sb_printf(out, "\r\n--%s--\r\n", rel);
    }
    sb_printf(out, "\r\n--%s--\r\n", alt);
    for (size_t i = 0; i < m->nattachments; i++)
        file_part(out, mixed, &m->attachments[i]);
    sb_printf(out, "\r\n--%s--\r\n", mixed);
}
