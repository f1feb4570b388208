/*
 * batchvt.c: the loader's current batch as a table (load.h), so that one
 * INSERT ... SELECT stores a whole batch.
 *
 * Stepping one INSERT per row costs SQLite a statement's start and end per
 * row: the transaction check, two cursors opened, positioned and closed,
 * and every parameter bound.  Measured on the 1M-row bench file, that was
 * about 0.8 of the loading thread's 2.3 seconds (BENCHMARKS.md, issue 30).
 * Read through this table, the kind's statement `insert_batch` (INSERT OR
 * IGNORE ... SELECT ... FROM fotstat_batch) opens its cursors once per
 * batch and takes the values as they are.
 *
 * The table is eponymous (no CREATE VIRTUAL TABLE): registering the module
 * with the load declares its columns, named as the kind's statements name
 * their parameters without the colon (`arendenummer`, ..., `file_id`,
 * `line`), and its rows are the rows of L->vt_batch still to be loaded (a
 * rejected row is none of them).
 */
#include "ingest/load.h"
#include "common/strbuf.h"
#include "common/util.h"

#include <stdlib.h>
#include <string.h>

#define MODULE "fotstat_batch"

/* What a column of the table is: a value of the kind's column c, or one of the row's own. */
enum vcol { V_VALUE, V_ROUND_MONTH, V_FILE, V_LINE };

struct bvt {
    sqlite3_vtab base;
    struct load *L;
    enum vcol *what;
    size_t *col;            /* V_VALUE, V_ROUND_MONTH: the kind's column */
};

struct bcur {
    sqlite3_vtab_cursor base;
    const struct batch *b;
    size_t i;
    size_t ncols;               /* the kind's columns: a row's values in the batch */
    const struct value *row;    /* row i's values */
};

static int vt_connect(sqlite3 *db, void *aux, int argc, const char *const *argv,
                      sqlite3_vtab **out, char **errp)
{
    (void)argc;
    (void)argv;
    (void)errp;
    struct load *L = aux;
    const struct kind *k = L->k;
    size_t max = k->ncols * 2 + 2;
    struct bvt *t = sqlite3_malloc64(sizeof *t);
    enum vcol *what = sqlite3_malloc64(max * sizeof *what);
    size_t *col = sqlite3_malloc64(max * sizeof *col);
    if (!t || !what || !col) {
        sqlite3_free(t);
        sqlite3_free(what);
        sqlite3_free(col);
        return SQLITE_NOMEM;
    }
    memset(t, 0, sizeof *t);
    struct strbuf decl = STRBUF_INIT;
    size_t n = 0;
    sb_adds(&decl, "CREATE TABLE x(");
    for (size_t c = 0; c < k->ncols; c++) {
        sb_printf(&decl, "%s\"%s\"", n ? ", " : "", k->cols[c].param + 1);
        what[n] = V_VALUE;
        col[n++] = c;
        if (k->cols[c].type == COL_ROUND) {
            sb_adds(&decl, ", omgang_manad");
            what[n] = V_ROUND_MONTH;
            col[n++] = c;
        }
    }
    sb_adds(&decl, ", file_id, line)");
    what[n] = V_FILE;
    col[n++] = 0;
    what[n] = V_LINE;
    col[n++] = 0;
    int rc = sqlite3_declare_vtab(db, decl.buf);
    sb_free(&decl);
    if (rc != SQLITE_OK) {
        sqlite3_free(t);
        sqlite3_free(what);
        sqlite3_free(col);
        return rc;
    }
    t->L = L;
    t->what = what;
    t->col = col;
    *out = &t->base;
    return SQLITE_OK;
}

static int vt_disconnect(sqlite3_vtab *vt)
{
    struct bvt *t = (struct bvt *)vt;
    sqlite3_free(t->what);
    sqlite3_free(t->col);
    sqlite3_free(t);
    return SQLITE_OK;
}

/* One plan: read the batch through, in its order. */
static int vt_best_index(sqlite3_vtab *vt, sqlite3_index_info *info)
{
    (void)vt;
    info->estimatedCost = BATCH_ROWS;
    info->estimatedRows = BATCH_ROWS;
    return SQLITE_OK;
}

static int vt_open(sqlite3_vtab *vt, sqlite3_vtab_cursor **out)
{
    (void)vt;
    struct bcur *c = sqlite3_malloc64(sizeof *c);
    if (!c)
        return SQLITE_NOMEM;
    memset(c, 0, sizeof *c);
    *out = &c->base;
    return SQLITE_OK;
}

static int vt_close(sqlite3_vtab_cursor *cur)
{
    sqlite3_free(cur);
    return SQLITE_OK;
}

/* From c->i on, the first row to load (rejected rows are not rows of the table). */
static void skip_rejected(struct bcur *c)
{
    while (c->b && c->i < c->b->n && c->b->item[c->i].reason)
        c->i++;
    if (c->b)
        c->row = c->b->vals + c->i * c->ncols;
}

static int vt_filter(sqlite3_vtab_cursor *cur, int idx, const char *idxstr, int argc,
                     sqlite3_value **argv)
{
    (void)idx;
    (void)idxstr;
    (void)argc;
    (void)argv;
    struct bcur *c = (struct bcur *)cur;
    const struct load *L = ((struct bvt *)cur->pVtab)->L;
    c->b = L->vt_batch;
    c->ncols = L->k->ncols;
    c->i = 0;
    skip_rejected(c);
    return SQLITE_OK;
}

static int vt_next(sqlite3_vtab_cursor *cur)
{
    struct bcur *c = (struct bcur *)cur;
    c->i++;
    skip_rejected(c);
    return SQLITE_OK;
}

static int vt_eof(sqlite3_vtab_cursor *cur)
{
    const struct bcur *c = (const struct bcur *)cur;
    return !c->b || c->i >= c->b->n;
}

static int vt_column(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int i)
{
    const struct bcur *c = (const struct bcur *)cur;
    const struct bvt *t = (const struct bvt *)cur->pVtab;
    const struct load *L = t->L;
    const struct value *row = c->row;
    switch (t->what[i]) {
    case V_VALUE: {
        const struct value *v = &row[t->col[i]];
        struct sqlval s;
        switch (value_sql(&L->k->cols[t->col[i]], v, &s)) {
        case SQLITE_TEXT: sqlite3_result_text(ctx, s.text, s.len, SQLITE_STATIC); break;
        case SQLITE_INTEGER: sqlite3_result_int64(ctx, s.i); break;
        case SQLITE_FLOAT: sqlite3_result_double(ctx, s.d); break;
        default: sqlite3_result_null(ctx); break;
        }
        break;
    }
    case V_ROUND_MONTH:
        if (row[t->col[i]].date[0])
            sqlite3_result_text(ctx, row[t->col[i]].date, (int)row[t->col[i]].len, SQLITE_STATIC);
        else
            sqlite3_result_null(ctx);
        break;
    case V_FILE:
        sqlite3_result_int64(ctx, L->file_id);
        break;
    case V_LINE:
        sqlite3_result_int64(ctx, c->b->item[c->i].line);
        break;
    }
    return SQLITE_OK;
}

static int vt_rowid(sqlite3_vtab_cursor *cur, sqlite3_int64 *rowid)
{
    *rowid = (sqlite3_int64)((const struct bcur *)cur)->i;
    return SQLITE_OK;
}

static const sqlite3_module batch_module = {
    .iVersion = 0,
    .xConnect = vt_connect,
    .xBestIndex = vt_best_index,
    .xDisconnect = vt_disconnect,
    .xOpen = vt_open,
    .xClose = vt_close,
    .xFilter = vt_filter,
    .xNext = vt_next,
    .xEof = vt_eof,
    .xColumn = vt_column,
    .xRowid = vt_rowid,
};

int batchvt_open(struct load *L)
{
    return sqlite3_create_module_v2(L->db, MODULE, &batch_module, L, NULL) == SQLITE_OK ? 0 : -1;
}

void batchvt_close(sqlite3 *db)
{
    sqlite3_create_module_v2(db, MODULE, NULL, NULL, NULL);
}
