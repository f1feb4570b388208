/*
 * ingest.c: one file into the database, in one transaction (ingest.h).
 */
#include "ingest/ingest.h"
#include "common/db.h"
#include "common/strbuf.h"
#include "common/util.h"
#include "ingest/codes.h"
#include "ingest/load.h"
#include "ingest/pseudonym.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

/* The kind's work after the rows (struct kind's after), in the transaction. */
static int after_load(struct load *L)
{
    if (!L->k || !L->k->after)
        return 0;
    struct strbuf err = STRBUF_INIT;
    int rc = L->k->after(L->db, L->file_id, &err);
    if (rc)
        ingest_say(L->o, "%s: %s", L->path, err.buf);
    sb_free(&err);
    return rc;
}

/* Frees what the header set up; safe to call twice. */
static void load_free(struct load *L)
{
    loader_end(L);
    batchq_free(L->full);
    batchq_free(L->empty);
    L->full = L->empty = NULL;
    sqlite3_finalize(L->insert);
    sqlite3_finalize(L->replace);
    sqlite3_finalize(L->first_line);
    sqlite3_finalize(L->reject);
    sqlite3_finalize(L->insert_batch);
    L->insert = L->replace = L->first_line = L->reject = L->insert_batch = NULL;
    if (L->vt_open)
        batchvt_close(L->db);
    L->vt_open = 0;
    free(L->map);
    free(L->ins.col);
    free(L->rep.col);
    L->ins.col = L->rep.col = NULL;
    for (size_t b = 0; b < NBATCHES; b++) {
        if (L->batches[b].vals && L->k)
            sodium_memzero(L->batches[b].vals, BATCH_ROWS * L->k->ncols * sizeof *L->batches[b].vals);
        free(L->batches[b].vals);
        free(L->batches[b].text);
        if (L->batches[b].pnr)
            sodium_memzero(L->batches[b].pnr, BATCH_ROWS * sizeof *L->batches[b].pnr);
        free(L->batches[b].pnr);
        L->batches[b].pnr = NULL;
        L->batches[b].vals = NULL;
        L->batches[b].text = NULL;
    }
    pseudo_free(L->pseudo);
    L->pseudo = NULL;
    L->map = NULL;
    L->vals = NULL;
    for (size_t i = 0; i < L->nbulk; i++)
        free(L->bulk_sql[i]);
    free(L->bulk_sql);
    L->bulk_sql = NULL;
    L->nbulk = 0;
}

/*
 * True, said and marked in r, if a file of these bytes is already loaded;
 * true too, said, with r failed, if the digest that would tell cannot be
 * made.  Only a file of the same size can hold the same bytes, so the
 * digest is waited for only when one is there (scan.c).
 */
static int loaded_before(sqlite3 *db, const char *path, const struct ingest_opts *o,
                         struct scan *s, struct ingest_result *r)
{
    sqlite3_stmt *st = db_prepare(db, "ingest/sql/source_file.sql", "same_size");
    db_bind_int(st, ":size_bytes", s->size);
    int same = db_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    if (!same)
        return 0;
    if (scan_digest(s, path, o))
        return 1;
    st = db_prepare(db, "ingest/sql/source_file.sql", "find_sha");
    db_bind_text(st, ":sha256", s->sha256);
    int found = db_step(st) == SQLITE_ROW;
    if (found) {
        ingest_say(o, "%s: samma innehåll som %s (%s), inläst %s; ingenting ändras", path,
            db_col_text(st, 0), db_col_text(st, 1), db_col_text(st, 2));
        r->already_loaded = 1;
        r->status = INGEST_OK;
    }
    sqlite3_finalize(st);
    return found;
}

/* Opens the file to read, or says why not (a folder is not a file); NULL then. */
static FILE *open_file(const char *path, const struct ingest_opts *o)
{
    FILE *f = fopen(path, "rb");
    struct stat sbuf;
    if (!f) {
        ingest_say(o, "%s: kan inte öppna: %s", path, errno_sv(errno));
        return NULL;
    }
    if (fstat(fileno(f), &sbuf) == 0 && S_ISDIR(sbuf.st_mode)) {
        ingest_say(o, "%s: kan inte öppna: %s", path, errno_sv(EISDIR));
        fclose(f);
        return NULL;
    }
    return f;
}

/* The file's digest and counts into its source_file row; 0 or -1. */
static int record_counts(const struct load *L)
{
    const struct ingest_result *r = L->r;
    sqlite3_stmt *st = db_prepare(L->db, "ingest/sql/source_file.sql", "counts");
    db_bind_text(st, ":sha256", L->scan->sha256);
    db_bind_int(st, ":rows_read", r->rows_read);
    db_bind_int(st, ":rows_loaded", r->rows_loaded);
    db_bind_int(st, ":rows_added", r->rows_added);
    db_bind_int(st, ":rows_replaced", r->rows_replaced);
    db_bind_int(st, ":rows_unchanged", r->rows_unchanged);
    db_bind_int(st, ":rows_rejected", r->rows_rejected);
    db_bind_int(st, ":file_id", L->file_id);
    int ok = db_step(st) == SQLITE_DONE;
    sqlite3_finalize(st);
    return ok ? 0 : -1;
}

/*
 * Pass two and the commit, in the open transaction: the rows, --strict,
 * the rebuilt indexes, the kind's work after the rows and the file's
 * counts.  Returns 0 when committed, or -1 (said) for the caller to roll back.
 */
static int load_commit(struct load *L, FILE *f, struct strbuf *err)
{
    const struct ingest_opts *o = L->o;
    struct ingest_result *r = L->r;
    int ok = rows_load(L, f) == 0;
    profile_phase("inläsningen: raderna");
    if (ok && o->strict && r->rows_rejected) {
        ingest_say(o, "%s: --strict: %ld rader avvisades, så ingenting ur filen lästes in",
                   L->path, r->rows_rejected);
        ok = 0;
    }
    if (ok)
        ok = bulk_end(L) == 0;
    profile_phase("inläsningen: indexen");
    if (ok)
        ok = after_load(L) == 0;
    if (ok)
        ok = scan_digest(L->scan, L->path, o) == 0;
    profile_phase("inläsningen: kontrollsumman");
    if (ok) {
        ok = record_counts(L) == 0;
        load_free(L);
        ok = ok && db_commit(L->db, err) == 0;
        if (!ok)
            ingest_say(o, "%s: databasfel: %s", L->path, err->len ? err->buf : db_errmsg_sv(L->db));
    }
    return ok ? 0 : -1;
}

int ingest_file(sqlite3 *db, const char *path, const struct ingest_opts *o,
                struct ingest_result *r)
{
    struct scan scan;
    struct load L;
    struct strbuf err = STRBUF_INIT;
    int fk_off = 0;
    memset(r, 0, sizeof *r);
    memset(&L, 0, sizeof L);
    r->status = INGEST_FAILED;

    FILE *f = open_file(path, o);
    if (!f)
        return r->status;
    profile_phase("inläsningen: start");
    if (scan_file(f, path, o, &scan))
        goto done;
    profile_phase("inläsningen: första genomläsningen");

    if (loaded_before(db, path, o, &scan, r))
        goto done;

    r->encoding = scan.is_utf8 ? (scan.bom ? CSV_UTF8_BOM : CSV_UTF8) : CSV_CP1252;
    r->delim = csv_sniff_delim(scan.head, scan.nhead);
    L.db = db;
    L.o = o;
    L.path = path;
    L.scan = &scan;
    L.r = r;
    sb_init(&L.err.msg);
    /*
     * The ingest keeps the references itself (bulk.sql says how), so SQLite
     * need not look each one up again; the switch only works outside a
     * transaction, and is turned back on at done.
     */
    if (db_exec(db, "ingest/sql/bulk.sql", "references_by_ingest", &err)) {
        ingest_say(o, "%s: %s", path, err.buf);
        goto done;
    }
    fk_off = 1;
    if (db_begin(db, &err)) {
        ingest_say(o, "%s: %s", path, err.buf);
        goto done;
    }
    /* Again inside the transaction: another run may have loaded the same bytes meanwhile. */
    if (loaded_before(db, path, o, &scan, r)) {
        db_rollback(db);
        goto done;
    }
    L.codes = codes_load(db);       /* in the transaction: the lists the rows are checked against */
    if (!L.codes) {
        ingest_say(o, "%s: databasfel: %s", path, db_errmsg_sv(db));
        db_rollback(db);
        goto done;
    }
    rewind(f);
    if (load_commit(&L, f, &err)) {
        db_rollback(db);
        r->rows_loaded = r->rows_added = r->rows_replaced = r->rows_unchanged = 0;
        goto done;
    }
    r->status = r->rows_rejected ? INGEST_REJECTED : INGEST_OK;
done:
    if (L.shown > ingest_max_msgs(o))
        ingest_say(o, "%s: ytterligare %ld avvisade rader visas inte", path, L.shown - ingest_max_msgs(o));
    load_free(&L);
    sb_free(&L.err.msg);
    codes_free(L.codes);
    /* The file's outcome stands: only later writes of this run would go unchecked. */
    sb_reset(&err);
    if (fk_off && db_exec(db, "ingest/sql/bulk.sql", "references_by_sqlite", &err))
        ingest_say(o, "%s: %s", path, err.buf);
    sb_free(&err);
    scan_end(&scan);
    fclose(f);
    return r->status;
}

/* Loads one file and says what came of it. */
int ingest_one(sqlite3 *db, const char *path, const struct ingest_opts *o)
{
    struct ingest_result r;
    int rc = ingest_file(db, path, o, &r);
    if (r.already_loaded)
        return rc;
    if (rc == INGEST_FAILED)
        ingest_say(o, "%s: ingenting lästes in", path);
    else
        ingest_say(o, "%s: %s, %s, avgränsare %s: %ld rader lästa, %ld inlästa, %ld avvisade "
            "(%ld nya, %ld ersatte en tidigare rad, %ld oförändrade)",
            path, r.kind, csv_encoding_name(r.encoding), csv_delim_name(r.delim),
            r.rows_read, r.rows_loaded, r.rows_rejected, r.rows_added, r.rows_replaced,
            r.rows_unchanged);
    return rc;
}
