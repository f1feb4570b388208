/*
 * fuzz_csv.c: libFuzzer harness for the CSV reader with its dialect and
 * encoding detection (csvread.h, util.h's UTF-8 check).
 *
 * The input's first byte picks the chunk size the reader is fed in; the
 * rest is the file.  The reader must never crash or read out of bounds,
 * and what it hands over must hold its promises: NUL-terminated fields of
 * the stated length, rising line numbers, no record over the limit.
 */
#include "common/util.h"
#include "ingest/csvread.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct seen {
    long last_line;
};

static int on_record(void *ctx, long line, size_t n, char *const *fields, const size_t *lens)
{
    struct seen *s = ctx;
    size_t total = 0;
    if (line < s->last_line || line < 1)
        abort();                        /* records come in line order */
    s->last_line = line;
    for (size_t i = 0; i < n; i++) {
        if (fields[i][lens[i]] != '\0' || strlen(fields[i]) > lens[i])
            abort();
        total += lens[i] + 1;
    }
    if (total > CSVR_MAX_RECORD)
        abort();
    return 0;
}

static int on_overlong(void *ctx, long line)
{
    struct seen *s = ctx;
    if (line < s->last_line || line < 1)
        abort();
    s->last_line = line;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    size_t chunk = (size_t)data[0] % 64 + 1;
    data++, size--;

    /* Detection, as the ingest's first pass does it: encoding, then delimiter. */
    struct utf8_check u = UTF8_CHECK_INIT;
    utf8_check_feed(&u, data, size / 2);       /* streamed in two pieces... */
    utf8_check_feed(&u, data + size / 2, size - size / 2);
    int is_utf8 = utf8_check_ok(&u);
    if (is_utf8 != utf8_valid(data, size))     /* ...says what the whole says */
        abort();
    int bom = size >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF;
    struct csv_dialect d = { is_utf8 ? (bom ? CSV_UTF8_BOM : CSV_UTF8) : CSV_CP1252,
                             csv_sniff_delim(data, size < 65536 ? size : 65536) };
    if (d.delim != ';' && d.delim != ',' && d.delim != '\t')
        abort();

    for (int with_overlong = 0; with_overlong < 2; with_overlong++) {
        struct seen s = { 0 };
        struct csvr *r = csvr_new(&d, on_record, &s);
        if (!r)
            return 0;
        if (with_overlong)
            csvr_on_overlong(r, on_overlong);
        enum csvr_status st = CSVR_OK;
        for (size_t off = 0; off < size && st == CSVR_OK; off += chunk)
            st = csvr_feed(r, data + off, size - off < chunk ? size - off : chunk);
        if (st == CSVR_OK)
            st = csvr_finish(r);
        if (st != CSVR_OK && csvr_line(r) < 1)
            abort();                    /* an error always has its line */
        csvr_free(r);
    }
    return 0;
}
