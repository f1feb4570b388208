/*
 * csvread.c: streaming CSV records with physical line numbers (csvread.h).
 */
#include "ingest/csvread.h"
#include "common/strbuf.h"
#include "common/util.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>

struct csvr {
    struct csv_parser p;     /* libcsv state */
    csvr_record_fn fn;       /* record callback */
    void *ctx;               /* its context */
    enum csv_encoding enc;   /* input encoding */
    int bom_left;            /* BOM bytes still to match at the start (3, then 0) */
    long line;               /* physical line of the next byte, from 1 */
    long rec_line;           /* line the open record started on; 0 when none is open */
    int in_quotes;           /* inside a quoted field, by parity of '"' */
    size_t rec_bytes;        /* bytes of the open record handed to libcsv so far */
    int skipping;            /* the open record is over the limit: its bytes are dropped */
    csvr_overlong_fn overlong; /* told of a dropped record; NULL: such a record is an error */
    struct strbuf rec;       /* the open record's fields, each NUL-terminated */
    size_t *offs;            /* start of field i in rec */
    size_t *lens;            /* length of field i */
    size_t nfields, capfields;
    char **ptrs;             /* handed to the callback */
    size_t capptrs;
    struct strbuf conv;      /* a chunk converted from Windows-1252 */
    enum csvr_status status; /* sticky error */
};

const char *csv_encoding_name(enum csv_encoding e)
{
    switch (e) {
    case CSV_UTF8: return "UTF-8";
    case CSV_UTF8_BOM: return "UTF-8 med BOM";
    case CSV_CP1252: return "Windows-1252";
    }
    return "?";
}

const char *csv_delim_name(char delim)
{
    return delim == '\t' ? "TAB" : delim == ',' ? "," : ";";
}

char csv_sniff_delim(const unsigned char *head, size_t n)
{
    size_t semi = 0, comma = 0, tab = 0;
    int q = 0;
    size_t i = 0;
    if (n >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF)
        i = 3;
    for (; i < n; i++) {
        unsigned char c = head[i];
        if (c == '"')
            q = !q;
        else if (!q && (c == '\n' || c == '\r'))
            break;
        else if (!q && c == ';')
            semi++;
        else if (!q && c == ',')
            comma++;
        else if (!q && c == '\t')
            tab++;
    }
    if (tab > semi && tab >= comma)
        return '\t';
    if (comma > semi && comma > tab)
        return ',';
    return ';';
}

/* Notes a field of the open record: len bytes at offset off of rec. */
static void push_field(struct csvr *r, size_t off, size_t len)
{
    if (r->nfields == r->capfields) {
        r->capfields = grow_cap(r->capfields, r->nfields, sizeof *r->offs, 32);
        r->offs = xrealloc(r->offs, r->capfields * sizeof *r->offs);
        r->lens = xrealloc(r->lens, r->capfields * sizeof *r->lens);
    }
    r->offs[r->nfields] = off;
    r->lens[r->nfields] = len;
    r->nfields++;
}

static void on_field(void *s, size_t len, void *data)
{
    struct csvr *r = data;
    if (r->status)
        return;
    if (r->rec.len + len + 1 > CSVR_MAX_RECORD) {
        r->status = CSVR_ETOOLONG;
        return;
    }
    if (r->rec_line == 0)
        r->rec_line = r->line;   /* a record libcsv began after a bare '\r' in the line */
    push_field(r, r->rec.len, len);
    sb_add(&r->rec, s ? s : "", s ? len : 0);
    sb_addc(&r->rec, '\0');
}

static void on_record(int term, void *data)
{
    struct csvr *r = data;
    (void)term;
    if (r->status) {
        r->nfields = 0;
        sb_reset(&r->rec);
        return;
    }
    if (r->nfields > r->capptrs) {
        r->capptrs = r->nfields;
        r->ptrs = xrealloc(r->ptrs, r->capptrs * sizeof *r->ptrs);
    }
    for (size_t i = 0; i < r->nfields; i++)
        r->ptrs[i] = r->rec.buf + r->offs[i];
    long line = r->rec_line ? r->rec_line : r->line;
    if (r->fn(r->ctx, line, r->nfields, r->ptrs, r->lens))
        r->status = CSVR_ESTOPPED;
    r->nfields = 0;
    sb_reset(&r->rec);
    r->rec_line = 0;
    r->rec_bytes = 0;
}

/* A fresh libcsv state with the reader's options.  Returns 0, or -1 out of memory. */
static int parser_init(struct csvr *r, char delim)
{
    if (csv_init(&r->p, CSV_STRICT | CSV_STRICT_FINI) != 0)
        return -1;
    csv_set_delim(&r->p, (unsigned char)delim);
    /*
     * libcsv grows a field's buffer by its block size, 128 bytes unless
     * told, copying the field each time: a field of a megabyte would be
     * copied eight thousand times.  In steps of 64 KiB it is copied sixteen.
     */
    csv_set_blk_size(&r->p, 65536);
    return 0;
}

struct csvr *csvr_new(const struct csv_dialect *d, csvr_record_fn fn, void *ctx)
{
    struct csvr *r = xcalloc(1, sizeof *r);
    if (parser_init(r, d->delim)) {
        free(r);
        return NULL;
    }
    r->fn = fn;
    r->ctx = ctx;
    r->enc = d->encoding;
    r->bom_left = d->encoding == CSV_CP1252 ? 0 : 3;
    r->line = 1;
    sb_init(&r->rec);
    sb_init(&r->conv);
    return r;
}

void csvr_free(struct csvr *r)
{
    if (!r)
        return;
    csv_free(&r->p);
    sb_free(&r->rec);
    sb_free(&r->conv);
    free(r->offs);
    free(r->lens);
    free(r->ptrs);
    free(r);
}

void csvr_on_overlong(struct csvr *r, csvr_overlong_fn fn)
{
    r->overlong = fn;
}

long csvr_line(const struct csvr *r)
{
    return r->line;
}

/* Hands s[0..n) to libcsv; n never spans a line end except as its last byte. */
static void parse_piece(struct csvr *r, const unsigned char *s, size_t n)
{
    if (n == 0 || r->status)
        return;
    if (csv_parse(&r->p, s, n, on_field, on_record, r) != n && !r->status) {
        int e = csv_error(&r->p);
        r->status = e == CSV_ENOMEM || e == CSV_ETOOBIG ? CSVR_ENOMEM : CSVR_EQUOTE;
    }
}

/* Flips the quote parity once for every '"' in [p, stop). */
static void flip_quotes(struct csvr *r, const unsigned char *p, const unsigned char *stop)
{
    for (const unsigned char *q = p; (q = memchr(q, '"', (size_t)(stop - q))) != NULL; q++)
        r->in_quotes = !r->in_quotes;
}

/*
 * Whether [p, stop) starts a record for libcsv: anything but '\r' and the
 * blanks it skips before a row (a space, and a tab that is not the
 * delimiter).  A line of only those gives no record.
 */
static int starts_record(const struct csvr *r, const unsigned char *p, const unsigned char *stop)
{
    char delim = r->p.delim_char;
    for (; p < stop; p++)
        if (*p != '\r' && !((*p == ' ' || *p == '\t') && *p != (unsigned char)delim))
            return 1;
    return 0;
}

/*
 * The over-long record has ended, outside quotes: libcsv's half of it is
 * thrown away with a fresh parser, and the callback is told its line.
 */
static void skip_done(struct csvr *r)
{
    long line = r->rec_line;
    char delim = (char)r->p.delim_char;
    csv_free(&r->p);
    r->skipping = 0;
    r->nfields = 0;
    sb_reset(&r->rec);
    r->rec_line = 0;
    r->rec_bytes = 0;
    if (parser_init(r, delim))
        r->status = CSVR_ENOMEM;
    else if (line != 0 && r->overlong(r->ctx, line))   /* 0: only blanks, no record */
        r->status = CSVR_ESTOPPED;
}

/* Whether c is a blank libcsv trims around an unquoted field: a space, or a tab that is not the delimiter. */
static int is_blank(const struct csvr *r, unsigned char c)
{
    return c == ' ' || (c == '\t' && c != r->p.delim_char);
}

/*
 * Whether the line [p, stop) can be split without libcsv: no record is
 * open, and it has no quote and no carriage return but a last one.  Such a
 * line is one record whatever the quoting rules, and nine in ten lines of
 * an export are like it; libcsv, a byte at a time through its state
 * machine, was a third of the parsing thread (BENCHMARKS.md, issue 30).
 */
static int is_plain(const struct csvr *r, const unsigned char *p, const unsigned char *stop)
{
    if (r->rec_line != 0 || r->skipping || stop - p >= (ptrdiff_t)(CSVR_MAX_RECORD / 2))
        return 0;
    if (stop > p && stop[-1] == '\r')
        stop--;
    return !memchr(p, '"', (size_t)(stop - p)) && !memchr(p, '\r', (size_t)(stop - p));
}

/*
 * The plain line [p, stop) as libcsv would give it: fields between the
 * delimiters, each without the blanks around it; a line of blanks alone is
 * no record.  tests/unit_csvread.c feeds the same lines a byte at a time, which
 * goes through libcsv, and compares.
 */
static void plain_record(struct csvr *r, const unsigned char *p, const unsigned char *stop)
{
    if (stop > p && stop[-1] == '\r')
        stop--;
    if (!starts_record(r, p, stop))
        return;
    /* One copy of the line, split where it lies: each field ends in a NUL of its own. */
    sb_reset(&r->rec);
    sb_add(&r->rec, p, (size_t)(stop - p));
    char *s = r->rec.buf, *end = s + r->rec.len, delim = (char)r->p.delim_char;
    for (;;) {
        char *d = memchr(s, delim, (size_t)(end - s));
        char *e = d ? d : end, *b = s;
        while (b < e && is_blank(r, (unsigned char)*b))
            b++;
        while (e > b && is_blank(r, (unsigned char)e[-1]))
            e--;
        *e = '\0';
        push_field(r, (size_t)(b - r->rec.buf), (size_t)(e - b));
        if (!d)
            break;
        s = d + 1;
    }
    on_record('\n', r);
}

/*
 * Splits UTF-8 bytes at line ends, tracking quote parity and record starts.
 * A record that would pass CSVR_MAX_RECORD bytes stops being parsed: if a
 * quote is open at that byte its end is in doubt and the file is refused
 * (CSVR_ETOOLONG); otherwise its bytes are dropped up to the first line end
 * outside quotes, and the overlong callback is told of it.
 */
static void feed_utf8(struct csvr *r, const unsigned char *s, size_t n)
{
    const unsigned char *p = s, *end = s + n;
    while (p < end && !r->status) {
        const unsigned char *nl = memchr(p, '\n', (size_t)(end - p));
        const unsigned char *stop = nl ? nl : end;    /* the line's bytes before its '\n' */
        const unsigned char *next = nl ? nl + 1 : end;
        if (r->skipping) {
            flip_quotes(r, p, stop);
        } else if (nl && is_plain(r, p, stop)) {
            plain_record(r, p, stop);
        } else {
            if (r->rec_line == 0) {
                r->rec_bytes = 0;
                if (starts_record(r, p, stop))
                    r->rec_line = r->line;
            }
            size_t len = (size_t)(next - p), room = CSVR_MAX_RECORD - r->rec_bytes;
            if (len > room) {
                flip_quotes(r, p, p + room);
                if (r->in_quotes || !r->overlong) {
                    r->status = CSVR_ETOOLONG;
                    break;      /* the error belongs to this line */
                }
                r->skipping = 1;
                flip_quotes(r, p + room, stop);
            } else {
                flip_quotes(r, p, stop);
                r->rec_bytes += len;
                parse_piece(r, p, len);
            }
        }
        if (r->skipping && nl && !r->in_quotes)
            skip_done(r);
        if (!nl)
            break;
        p = nl + 1;
        if (r->status)
            break;      /* the error belongs to this line */
        r->line++;
    }
}

enum csvr_status csvr_feed(struct csvr *r, const void *buf, size_t n)
{
    const unsigned char *s = buf;
    if (r->status)
        return r->status;
    while (r->bom_left && n) {
        static const unsigned char bom[3] = { 0xEF, 0xBB, 0xBF };
        size_t k = 3 - (size_t)r->bom_left;
        if (s[0] != bom[k]) {
            /* Not a BOM after all: give back the bytes matched so far. */
            r->bom_left = 0;
            feed_utf8(r, bom, k);
            break;
        }
        s++;
        n--;
        r->bom_left--;
    }
    if (r->enc == CSV_CP1252) {
        sb_reset(&r->conv);
        for (size_t i = 0; i < n; i++) {
            char out[3];
            sb_add(&r->conv, out, cp1252_to_utf8(s[i], out));
        }
        feed_utf8(r, (const unsigned char *)r->conv.buf, r->conv.len);
    } else {
        feed_utf8(r, s, n);
    }
    return r->status;
}

enum csvr_status csvr_finish(struct csvr *r)
{
    if (r->bom_left && r->bom_left < 3) {
        static const unsigned char bom[3] = { 0xEF, 0xBB, 0xBF };
        size_t k = 3 - (size_t)r->bom_left;
        r->bom_left = 0;
        feed_utf8(r, bom, k);
    }
    if (r->status)
        return r->status;
    if (r->skipping) {
        /* The file ends inside the dropped record: complete unless a quote is open. */
        if (r->in_quotes) {
            r->status = CSVR_EQUOTE;
            r->line = r->rec_line;
        } else {
            skip_done(r);
        }
        return r->status;
    }
    if (csv_fini(&r->p, on_field, on_record, r) != 0 && !r->status) {
        r->status = CSVR_EQUOTE;
        if (r->rec_line)
            r->line = r->rec_line;   /* the unterminated quote's record */
    }
    return r->status;
}
