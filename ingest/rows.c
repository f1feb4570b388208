/*
 * rows.c: pass two over a file (load.h): the CSV reader's records, each
 * trimmed, checked column by column (the Personnummer too), and filed into
 * the current batch for the loader, which makes the number its pseudonym.
 */
#include "ingest/load.h"
#include "common/util.h"
#include "ingest/parse.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

/* The number is not kept a moment longer than it takes to check it. */
static void wipe_pnr_field(const struct load *L, size_t n, char *const *fields)
{
    if (L->pnr_field >= 0 && (size_t)L->pnr_field < n)
        sodium_memzero(fields[L->pnr_field], strlen(fields[L->pnr_field]));
}

/* Copies s into the current batch's text; the caller made room. */
static const char *batch_copy(struct batch *b, const char *s, size_t n)
{
    char *d = b->text + b->used;
    memcpy(d, s, n);
    d[n] = '\0';
    b->used += n + 1;
    return d;
}

/*
 * Files the row just checked into vals as the current batch's next item:
 * its text values (and the reason, for a rejected row) are copied into the
 * batch, which is handed over first if they would not fit.
 */
static void batch_add(struct load *L, long line, const char *column, const char *reason)
{
    const struct kind *k = L->k;
    struct batch *b = L->cur;
    size_t need = reason ? strlen(reason) + 1 : 0;
    for (size_t c = 0; c < k->ncols && !reason; c++)
        if (k->cols[c].type == COL_TEXT && L->vals[c].present)
            need += L->vals[c].len + 1;
    if (need > BATCH_TEXT - b->used && b->n) {
        /* Full: the row moves to the first slot of the next batch. */
        struct value *row = L->vals;
        loader_handoff(L);
        b = L->cur;
        memcpy(b->vals, row, k->ncols * sizeof *row);
        sodium_memzero(row, k->ncols * sizeof *row);
        L->vals = b->vals;
        if (L->pnr_col >= 0) {  /* the number moves with its row */
            char *from = L->vals[L->pnr_col].pnr;
            memcpy(b->pnr[0], from, PNR_BUF);
            sodium_memzero(from, PNR_BUF);
            L->vals[L->pnr_col].pnr = b->pnr[0];
        }
    }
    struct item *it = &b->item[b->n];
    it->line = line;
    it->column = column;
    it->reason = NULL;
    if (reason) {
        size_t n = strlen(reason);
        if (n >= BATCH_TEXT)     /* cannot happen: messages quote at most 40 bytes of a cell */
            n = BATCH_TEXT - 1;
        it->reason = batch_copy(b, reason, n);
    } else {
        for (size_t c = 0; c < k->ncols; c++)
            if (k->cols[c].type == COL_TEXT && L->vals[c].present)
                L->vals[c].text = batch_copy(b, L->vals[c].text, L->vals[c].len);
    }
    if (++b->n == BATCH_ROWS)
        loader_handoff(L);
}

/* The next row's values go to the current batch's next slot, its Personnummer to the slot's buffer. */
static void next_slot(struct load *L)
{
    L->vals = L->cur->vals + L->cur->n * L->k->ncols;
    if (L->pnr_col >= 0)
        L->vals[L->pnr_col].pnr = L->cur->pnr[L->cur->n];
}

static int on_record(void *ctx, long line, size_t n, char *const *fields, const size_t *lens)
{
    struct load *L = ctx;
    if (L->fatal)
        return 1;
    int blank = 1;
    for (size_t i = 0; i < n; i++) {
        cell_trim_in_place(fields[i], lens[i]);
        if (fields[i][0])
            blank = 0;
    }
    if (!L->k) {
        if (header_read(L, n, fields)) {
            L->fatal = 1;
            return 1;
        }
        loader_start(L);
        return 0;
    }
    if (blank)
        return 0;     /* a line of empty cells (Excel's ;;;;) holds no row */
    L->r->rows_read++;
    const struct kind *k = L->k;
    next_slot(L);
    if (n != L->nheader) {
        wipe_pnr_field(L, n, fields);
        struct strbuf m = STRBUF_INIT;
        sb_printf(&m, "raden har %zu fält men rubriken har %zu", n, L->nheader);
        batch_add(L, line, NULL, m.buf);
        sb_free(&m);
        return 0;
    }
    sb_reset(&L->err.msg);
    L->err.column = NULL;
    int bad = 0;
    for (size_t c = 0; c < k->ncols && !bad; c++) {
        const char *cell = L->map[c] >= 0 ? fields[L->map[c]] : NULL;
        if (cell_parse(&k->cols[c], cell, L->codes, &L->vals[c], &L->err))
            bad = 1;
        else if (!L->vals[c].present && (k->cols[c].flags & COLF_REQUIRED)) {
            L->err.column = k->cols[c].name;
            sb_adds(&L->err.msg, "värde saknas");
            bad = 1;
        }
    }
    wipe_pnr_field(L, n, fields);
    if (!bad && k->check && k->check(L->vals, &L->err))
        bad = 1;
    if (bad && L->pnr_col >= 0)     /* a rejected row's number is kept no longer */
        sodium_memzero(L->vals[L->pnr_col].pnr, PNR_BUF);
    if (bad)
        batch_add(L, line, L->err.column, L->err.msg.buf);
    else
        batch_add(L, line, NULL, NULL);
    return 0;
}

/* A record over CSVR_MAX_RECORD bytes, dropped by the reader: that row is rejected. */
static int on_overlong(void *ctx, long line)
{
    struct load *L = ctx;
    if (L->fatal)
        return 1;
    if (!L->k) {
        ingest_say(L->o, "%s:%ld: rubrikraden är längre än %u byte", L->path, line, CSVR_MAX_RECORD);
        L->fatal = 1;
        return 1;
    }
    L->r->rows_read++;
    next_slot(L);
    struct strbuf m = STRBUF_INIT;
    sb_printf(&m, "raden är längre än %u byte och läses inte in", CSVR_MAX_RECORD);
    batch_add(L, line, NULL, m.buf);
    sb_free(&m);
    return 0;
}

/* Pass two, inside the transaction.  Returns 0 if the file may be committed. */
int rows_load(struct load *L, FILE *f)
{
    struct csv_dialect d = { L->r->encoding, L->r->delim };
    struct csvr *rd = csvr_new(&d, on_record, L);
    unsigned char buf[CHUNK];
    if (rd)
        csvr_on_overlong(rd, on_overlong);
    size_t n;
    long long done = 0;
    enum csvr_status st = CSVR_OK;
    struct progress pr;
    if (!rd) {
        ingest_say(L->o, "%s: slut på minne", L->path);
        return -1;
    }
    progress_start(&pr, L->o->progress, L->path, L->scan->size);
    while (st == CSVR_OK && (n = fread(buf, 1, sizeof buf, f)) > 0) {
        st = csvr_feed(rd, buf, n);
        done += (long long)n;
        progress_update(&pr, done, L->r->rows_read);
    }
    int read_error = st == CSVR_OK && ferror(f);
    int read_errno = errno;
    if (st == CSVR_OK && !read_error && !L->fatal)
        st = csvr_finish(rd);
    long line = csvr_line(rd);
    csvr_free(rd);
    loader_end(L);          /* every row handed over is loaded or rejected: one thread from here */
    progress_end(&pr);
    if (read_error) {
        ingest_say(L->o, "%s: kan inte läsa filen: %s", L->path, errno_sv(read_errno));
        return -1;
    }
    switch (st) {
    case CSVR_OK:
    case CSVR_ESTOPPED:
        break;
    case CSVR_EQUOTE:
        ingest_say(L->o, "%s:%ld: trasig citering: ett citattecken (\") står fel eller saknar sin avslutning",
            L->path, line);
        return -1;
    case CSVR_ETOOLONG:
        ingest_say(L->o, "%s:%ld: raden är längre än %u byte med ett citattecken öppet; troligen saknas ett avslutande citattecken",
            L->path, line, CSVR_MAX_RECORD);
        return -1;
    case CSVR_ENOMEM:
        ingest_say(L->o, "%s: slut på minne", L->path);
        return -1;
    }
    if (L->fatal)
        return -1;
    if (!L->k) {
        ingest_say(L->o, "%s: filen saknar rubrikrad", L->path);
        return -1;
    }
    return 0;
}
