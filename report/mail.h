/*
 * mail.h: a MIME message (RFC 5322, RFC 2045–2049, UTF-8) to be opened as
 * a draft, ready to address and send: REPORT-PERIOD.eml (output.h).
 *
 *   multipart/mixed
 *     multipart/alternative
 *       text/plain                 the report as plain text
 *       multipart/related
 *         text/html                the page, its charts as <img src="cid:…">
 *         image/png …              each chart, inline, by its Content-ID
 *     application/vnd.openxmlformats-officedocument.spreadsheetml.sheet
 *                                  the workbook, attached
 *
 * It carries X-Unsent: 1 (Outlook opens it as an unsent draft) and no From
 * or To: the sender's client fills them in.  Every part is base64, lines
 * end in CRLF, the subject is an RFC 2047 encoded word.  Boundaries and the
 * Message-ID are derived from the contents (SHA-256), never from the clock
 * or chance, so the same inputs give the same bytes.
 */
#ifndef FOTSTAT_MAIL_H
#define FOTSTAT_MAIL_H

#include <stddef.h>

#include "common/strbuf.h"

struct mail_file {
    const char *name;           /* file name, ASCII */
    const char *type;           /* MIME type */
    const char *cid;            /* Content-ID without <>, for an inline image; NULL: an attachment */
    const unsigned char *data;
    size_t len;
};

struct mail {
    const char *subject;        /* UTF-8 */
    long long date;             /* seconds since the epoch, UTC */
    const char *text;           /* the plain-text body, UTF-8, lines ending in \n */
    const char *html;           /* the HTML body, UTF-8 */
    const struct mail_file *inline_files;   /* the images the HTML names by cid: */
    size_t ninline;
    const struct mail_file *attachments;
    size_t nattachments;
};

/* Appends the whole message to out. */
void mail_compose(struct strbuf *out, const struct mail *m);

/* Appends data as base64 in lines of 76 characters, each ending in CRLF. */
void mail_base64(struct strbuf *out, const unsigned char *data, size_t len);

/* Appends s as RFC 2047 encoded words (UTF-8, B), folded so that no line exceeds 76 characters. */
void mail_encode_header(struct strbuf *out, const char *s);

#endif
