/*
 * header.c: a file's header row (load.h): which export kind it is, where
 * each of the kind's columns is, the file's source_file row, the
 * statements that load its rows, and the pseudonym key if it has
 * Personnummer.
 */
#include "ingest/load.h"
#include "common/db.h"
#include "common/util.h"
#include "ingest/parse.h"
#include "ingest/pseudonym.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The index of the header field named `name` (matched by fold_key), or -1. */
static int header_index(char *const *fields, size_t n, const char *name)
{
    char want[64], got[64];
    fold_key(name, want, sizeof want);
    for (size_t i = 0; i < n; i++) {
        fold_key(fields[i], got, sizeof got);
        if (strcmp(got, want) == 0)
            return (int)i;
    }
    return -1;
}

/* Finds the kind whose required columns the header has; gives a message if none. */
static const struct kind *match_kind(struct load *L, char *const *fields, size_t n)
{
    const struct kind *best = NULL, *full = NULL;
    size_t best_hits = 0, full_cols = 0;
    int ambiguous = 0;
    for (size_t k = 0; k < nkinds; k++) {
        const struct kind *kd = kinds[k];
        size_t req = 0, hits = 0, cols = 0;
        for (size_t c = 0; c < kd->ncols; c++) {
            int found = header_index(fields, n, kd->cols[c].name) >= 0;
            cols += (size_t)found;
            if (kd->cols[c].flags & COLF_REQUIRED) {
                req++;
                hits += (size_t)found;
            }
        }
        if (hits == req) {
            if (full && cols == full_cols)
                ambiguous = 1;
            if (!full || cols > full_cols) {
                full = kd;
                full_cols = cols;
                ambiguous = 0;
            }
        } else if (hits > best_hits) {
            best = kd;
            best_hits = hits;
        }
    }
    if (full && !ambiguous)
        return full;
    if (full) {
        ingest_say(L->o, "%s:1: rubriken passar flera exportsorter lika väl; ta bort kolumner som inte hör till filen",
            L->path);
        return NULL;
    }
    if (!best || best_hits < 2) {
        ingest_say(L->o, "%s:1: rubriken passar ingen känd exportsort (bf-formedlingar, shis-placeringar, "
            "shis-bestand, kartlaggning, arsmal); kontrollera att första raden är rubrikraden "
            "och avgränsaren är ; , eller TAB", L->path);
        return NULL;
    }
    struct strbuf miss = STRBUF_INIT;
    for (size_t c = 0; c < best->ncols; c++) {
        if (!(best->cols[c].flags & COLF_REQUIRED))
            continue;
        if (header_index(fields, n, best->cols[c].name) < 0)
            sb_printf(&miss, "%s\"%s\"", miss.len ? ", " : "", best->cols[c].name);
    }
    ingest_say(L->o, "%s:1: rubriken liknar %s men saknar obligatorisk kolumn %s", L->path, best->name, miss.buf);
    sb_free(&miss);
    return NULL;
}

static int param(const struct kind *k, sqlite3_stmt *st, const char *name)
{
    int i = sqlite3_bind_parameter_index(st, name);
    if (i == 0) {
        fprintf(stderr, "fotstat: internal error: %s lacks %s\n", k->sqlfile, name);
        abort();
    }
    return i;
}

/* Finds where statement st takes each of kind k's columns. */
static void params_find(struct params *p, const struct kind *k, sqlite3_stmt *st)
{
    p->col = xmalloc(k->ncols * sizeof *p->col);
    p->round_month = 0;
    for (size_t c = 0; c < k->ncols; c++) {
        p->col[c] = param(k, st, k->cols[c].param);
        if (k->cols[c].type == COL_ROUND)
            p->round_month = param(k, st, ":omgang_manad");
    }
    p->file = param(k, st, ":file_id");
    p->line = param(k, st, ":line");
}

/* Refuses a header that names a column twice (as fold_key compares them). */
static int header_unique(struct load *L, size_t n, char *const *fields)
{
    for (size_t i = 0; i < n; i++) {
        char key[64];
        fold_key(fields[i], key, sizeof key);
        for (size_t j = 0; j < i; j++) {
            char other[64];
            fold_key(fields[j], other, sizeof other);
            if (*key && strcmp(key, other) == 0) {
                ingest_say(L->o, "%s:1: kolumnen \"%s\" finns två gånger i rubriken", L->path, fields[i]);
                return -1;
            }
        }
    }
    return 0;
}

/* Where each of the kind's columns is in the header; the others are named in a warning. */
static void header_map(struct load *L, size_t n, char *const *fields)
{
    const struct kind *k = L->k;
    L->map = xmalloc(k->ncols * sizeof *L->map);
    struct strbuf unknown = STRBUF_INIT;
    for (size_t c = 0; c < k->ncols; c++)
        L->map[c] = header_index(fields, n, k->cols[c].name);
    for (size_t i = 0; i < n; i++) {
        int known = 0;
        for (size_t c = 0; c < k->ncols; c++)
            known |= L->map[c] == (int)i;
        if (!known) {
            sb_adds(&unknown, unknown.len ? ", " : "");
            quote_value(&unknown, fields[i]);
        }
    }
    if (unknown.len)
        ingest_say(L->o, "%s:1: varning: okända kolumner ignoreras: %s", L->path, unknown.buf);
    sb_free(&unknown);
}

/* The file's source_file row (L->file_id); 0 or -1 (said). */
static int source_file_insert(struct load *L)
{
    sqlite3_stmt *st = db_prepare(L->db, "ingest/sql/source_file.sql", "insert");
    const char *slash = strrchr(L->path, '/');
    db_bind_text(st, ":name", slash ? slash + 1 : L->path);
    db_bind_text(st, ":kind", L->k->name);
    db_bind_text(st, ":sha256", L->scan->digest_ready ? L->scan->sha256 : PENDING_SHA256);
    db_bind_int(st, ":size_bytes", L->scan->size);
    db_bind_text(st, ":encoding", csv_encoding_name(L->r->encoding));
    db_bind_text(st, ":delimiter", csv_delim_name(L->r->delim));
    int rc = db_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        ingest_say(L->o, "%s: databasfel: %s", L->path, db_errmsg_sv(L->db));
        return -1;
    }
    L->file_id = sqlite3_last_insert_rowid(L->db);
    return 0;
}

/* With a Personnummer column, the pseudonym key (made on first use); 0 or -1 (said). */
static int header_pnr(struct load *L)
{
    const struct kind *k = L->k;
    L->pnr_col = L->pnr_field = -1;
    for (size_t c = 0; c < k->ncols; c++)
        if (k->cols[c].type == COL_PNR && L->map[c] >= 0) {
            L->pnr_col = (int)c;
            L->pnr_field = L->map[c];
        }
    if (L->pnr_field < 0)
        return 0;
    struct strbuf err = STRBUF_INIT;
    int created = 0;
    if (!L->o->key_file)
        sb_adds(&err, "ingen nyckelfil för pseudonymer är angiven");
    if (!L->o->key_file || pseudo_open(L->db, L->o->key_file, &L->pseudo, &created, &err)) {
        ingest_say(L->o, "%s:1: Personnummer: %s", L->path, err.buf);
        sb_free(&err);
        return -1;
    }
    sb_free(&err);
    if (created)
        ingest_say(L->o, "%s: skapade nyckeln för pseudonymer i \"%s\" (bara du kan läsa den); spara "
                   "en kopia säkert, för utan den går nya personnummer inte att koppla till de gamla",
                   L->path, L->o->key_file);
    return 0;
}

int header_read(struct load *L, size_t n, char *const *fields)
{
    if (header_unique(L, n, fields))
        return -1;
    const struct kind *k = match_kind(L, fields, n);
    if (!k)
        return -1;
    L->k = k;
    L->r->kind = k->name;
    L->nheader = n;
    for (size_t b = 0; b < NBATCHES; b++) {
        L->batches[b].vals = xcalloc(BATCH_ROWS * k->ncols, sizeof *L->batches[b].vals);
        L->batches[b].text = xmalloc(BATCH_TEXT);
        L->batches[b].pnr = xcalloc(BATCH_ROWS, sizeof *L->batches[b].pnr);
    }
    header_map(L, n, fields);
    if (source_file_insert(L))
        return -1;
    L->insert = db_prepare(L->db, k->sqlfile, "insert");
    L->replace = db_prepare(L->db, k->sqlfile, "replace");
    L->first_line = db_prepare(L->db, k->sqlfile, "first_line");
    L->reject = db_prepare(L->db, "ingest/sql/source_file.sql", "reject");
    params_find(&L->ins, k, L->insert);
    params_find(&L->rep, k, L->replace);
    L->vt_open = batchvt_open(L) == 0;
    if (L->vt_open)
        L->insert_batch = db_prepare(L->db, k->sqlfile, "insert_batch");
    if (bulk_begin(L))
        return -1;
    return header_pnr(L);
}
