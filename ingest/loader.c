/*
 * loader.c: the loading thread (load.h): each batch's rows inserted, or
 * replacing the row of the same key, or recorded as rejected, in order.
 */
#include "ingest/load.h"
#include "common/db.h"
#include "ingest/parse.h"
#include "ingest/pseudonym.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

long ingest_max_msgs(const struct ingest_opts *o)
{
    return o->max_row_msgs > 0 ? o->max_row_msgs : 100;
}

/* Records a rejected row and shows its message (up to the limit). */
static int load_reject(struct load *L, long line, const char *column, const char *reason)
{
    sqlite3_stmt *st = L->reject;
    sqlite3_reset(st);
    db_bind_int(st, ":file_id", L->file_id);
    db_bind_int(st, ":line", line);
    db_bind_text(st, ":column_name", column);
    db_bind_text(st, ":reason", reason);
    if (db_step(st) != SQLITE_DONE) {
        ingest_say(L->o, "%s: databasfel: %s", L->path, db_errmsg_sv(L->db));
        L->fatal = 1;
        return -1;
    }
    L->r->rows_rejected++;
    if (L->shown++ < ingest_max_msgs(L->o)) {
        if (column)
            ingest_say(L->o, "%s:%ld: %s: %s", L->path, line, column, reason);
        else
            ingest_say(L->o, "%s:%ld: %s", L->path, line, reason);
    }
    return 0;
}

/* Binds column c's value to statement st at parameter index i. */
static void bind_value(sqlite3_stmt *st, int i, const struct colspec *c, const struct value *v)
{
    struct sqlval s;
    switch (value_sql(c, v, &s)) {
    case SQLITE_TEXT:
        sqlite3_bind_text(st, i, s.text, s.len, SQLITE_STATIC);
        break;
    case SQLITE_INTEGER:
        sqlite3_bind_int64(st, i, s.i);
        break;
    case SQLITE_FLOAT:
        sqlite3_bind_double(st, i, s.d);
        break;
    default:
        sqlite3_bind_null(st, i);
        break;
    }
}

/* The value of column c as shown in a message. */
static const char *value_text(const struct colspec *c, const struct value *v, char buf[32])
{
    switch (c->type) {
    case COL_TEXT:
    case COL_CODE:
        return v->text;
    case COL_DATE:
    case COL_MONTH:
        return v->date;
    case COL_PNR:
        return "";
    default:
        snprintf(buf, 32, "%lld", (long long)v->i);
        return buf;
    }
}

/* The line this file already loaded the key of v on, or 0 if it has not. */
static long first_line(struct load *L, const struct value *v)
{
    const struct kind *k = L->k;
    sqlite3_stmt *st = L->first_line;
    sqlite3_reset(st);
    for (size_t c = 0; c < k->ncols; c++)
        if (k->cols[c].flags & COLF_KEY)
            bind_value(st, sqlite3_bind_parameter_index(st, k->cols[c].param), &k->cols[c], &v[c]);
    db_bind_int(st, ":file_id", L->file_id);
    long first = db_step(st) == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    return first;
}

/* A repeated key within the file (values v), first on line first: name it and that line. */
static int reject_repeat(struct load *L, long line, long first, const struct value *v)
{
    const struct kind *k = L->k;
    struct strbuf msg = STRBUF_INIT;
    const char *first_col = NULL;
    for (size_t c = 0; c < k->ncols; c++) {
        if (!(k->cols[c].flags & COLF_KEY))
            continue;
        if (!first_col)
            first_col = k->cols[c].name;
        char num[32];
        sb_printf(&msg, "%s%s ", msg.len ? " och " : "", k->cols[c].name);
        quote_value(&msg, value_text(&k->cols[c], &v[c], num));
    }
    sb_printf(&msg, " finns redan på rad %ld i samma fil; upprepningen avvisas", first);
    int rc = load_reject(L, line, first_col, msg.buf);
    sb_free(&msg);
    return rc;
}

/* Binds the row's values v to st and runs it; returns SQLite's extended code. */
static int bind_step(struct load *L, sqlite3_stmt *st, const struct params *p, long line,
                     const struct value *v)
{
    const struct kind *k = L->k;
    for (size_t c = 0; c < k->ncols; c++) {
        bind_value(st, p->col[c], &k->cols[c], &v[c]);
        if (k->cols[c].type == COL_ROUND) {
            if (v[c].date[0])
                sqlite3_bind_text(st, p->round_month, v[c].date, (int)v[c].len, SQLITE_STATIC);
            else
                sqlite3_bind_null(st, p->round_month);
        }
    }
    sqlite3_bind_int64(st, p->file, L->file_id);
    sqlite3_bind_int64(st, p->line, line);
    int rc = db_step(st);
    if (rc != SQLITE_DONE)
        rc = sqlite3_extended_errcode(L->db);
    sqlite3_reset(st);      /* ready for the next row; changes() and the error stay */
    return rc;
}

/* The loader's part of one item: the row loaded, or its rejection recorded. */
static void load_item(struct load *L, const struct item *it, const struct value *v)
{
    if (it->reason) {
        if (load_reject(L, it->line, it->column, it->reason))
            L->fatal = 1;
        return;
    }
    long *counter = &L->r->rows_added;
    int rc = bind_step(L, L->insert, &L->ins, it->line, v);
    if (rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
        /*
         * The key is loaded: replace it if a value differs (the trigger of
         * migration 007 keeps the row replaced).  Nothing changed means a
         * repeat within this file, or the same row sent again.
         */
        rc = bind_step(L, L->replace, &L->rep, it->line, v);
        counter = &L->r->rows_replaced;
        if (rc == SQLITE_DONE && sqlite3_changes(L->db) == 0) {
            long first = first_line(L, v);
            if (first) {
                if (reject_repeat(L, it->line, first, v))
                    L->fatal = 1;
                return;
            }
            counter = &L->r->rows_unchanged;
        }
    }
    if (rc != SQLITE_DONE) {
        ingest_say(L->o, "%s:%ld: databasfel: %s", L->path, it->line, db_errmsg_sv(L->db));
        L->fatal = 1;
        return;
    }
    (*counter)++;
    L->r->rows_loaded++;
}

/*
 * Nothing else of the number is kept.  The key is only read, by whichever
 * thread holds the batch; both threads share the work so that neither
 * waits for the other (loader_handoff).
 */
void batch_pseudonymise(struct load *L, struct batch *b)
{
    if (L->pnr_col < 0 || b->named)
        return;
    b->named = 1;
    for (size_t i = 0; i < b->n; i++) {
        struct value *v = &b->vals[i * L->k->ncols + (size_t)L->pnr_col];
        if (b->item[i].reason || !v->present)
            continue;
        char hex[PSEUDO_HEX];
        pseudo_make(L->pseudo, v->pnr, hex);
        sodium_memzero(v->pnr, PNR_BUF);
        memcpy(v->pnr, hex, sizeof hex);
        v->len = PSEUDO_HEX - 1;
    }
}

/*
 * Inserts every row of b that is to be loaded in one statement, through
 * batchvt.c's table, each row whose key is already in the table left out
 * (OR IGNORE).  Returns 1 if every one went in, 0 if some were left out
 * (or there is no such statement), -1 on a database error (said, fatal).
 */
static int insert_batch(struct load *L, struct batch *b)
{
    size_t rows = 0;
    for (size_t i = 0; i < b->n; i++)
        rows += b->item[i].reason == NULL;
    if (!L->insert_batch || rows == 0)
        return 0;
    L->vt_batch = b;
    int rc = db_step(L->insert_batch);
    int inserted = sqlite3_changes(L->db);
    sqlite3_reset(L->insert_batch);
    L->vt_batch = NULL;
    if (rc != SQLITE_DONE) {
        ingest_say(L->o, "%s:%ld: databasfel: %s", L->path, b->item[0].line, db_errmsg_sv(L->db));
        L->fatal = 1;
        return -1;
    }
    return (size_t)inserted == rows;
}

/*
 * Loads a batch's items in order, then empties it; after a fatal error it
 * only empties.  The batch goes in by one statement first; when it could
 * not take every row (a key already loaded, a repeat, a rule of the
 * table's), each row is looked up in the order of the file: one that went
 * in on its own line is counted, any other takes the way of one row
 * (load_item), which replaces, keeps, rejects or says the error as before.
 * A rejected row's message comes in its place among them.
 */
static void load_batch(struct load *L, struct batch *b)
{
    batch_pseudonymise(L, b);
    int all = insert_batch(L, b);
    int some = all == 0 && L->insert_batch;
    for (size_t i = 0; i < b->n && !L->fatal; i++) {
        const struct item *it = &b->item[i];
        const struct value *v = b->vals + i * L->k->ncols;
        if (!it->reason && (all == 1 || (some && first_line(L, v) == it->line))) {
            L->r->rows_added++;
            L->r->rows_loaded++;
        } else {
            load_item(L, it, v);
        }
    }
    b->n = 0;
    b->used = 0;
    b->named = 0;
}

/* The loading thread: every batch the parser hands over, until it closes the queue. */
static void *loader_main(void *arg)
{
    struct load *L = arg;
    struct batch *b;
    while ((b = batchq_pop(L->full)) != NULL) {
        load_batch(L, b);
        batchq_push(L->empty, b);
    }
    return NULL;
}

/*
 * Starts the loading thread once the header is read.  Without a thread
 * (it cannot be made) batches are loaded here, one at a time: slower,
 * never different.
 */
void loader_start(struct load *L)
{
    L->cur = &L->batches[0];
    L->full = batchq_new(NBATCHES);
    L->empty = batchq_new(NBATCHES);
    if (L->full && L->empty && pthread_create(&L->loader, NULL, loader_main, L) == 0) {
        L->threaded = 1;
        for (size_t b = 1; b < NBATCHES; b++)
            batchq_push(L->empty, &L->batches[b]);
    }
}

/* Hands the current batch to the loader and takes an empty one. */
void loader_handoff(struct load *L)
{
    if (!L->threaded) {
        load_batch(L, L->cur);
        return;
    }
    /* Batches already wait for the loader: it is behind, so this thread makes the pseudonyms. */
    if (batchq_len(L->full) > 0)
        batch_pseudonymise(L, L->cur);
    batchq_push(L->full, L->cur);
    L->cur = batchq_pop(L->empty);
}

/* Hands over the last batch and waits until every row is loaded. */
void loader_end(struct load *L)
{
    if (!L->cur)
        return;
    if (L->cur->n)
        loader_handoff(L);
    if (L->threaded) {
        batchq_close(L->full);
        pthread_join(L->loader, NULL);
        L->threaded = 0;
    }
    L->cur = NULL;
}
