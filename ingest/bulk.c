/*
 * bulk.c: a large file loaded without its table's secondary indexes, which
 * are built again after the rows, in the same transaction (load.h).
 */
#include "ingest/load.h"
#include "common/db.h"
#include "common/util.h"

#include <stdlib.h>

/* Drops the table's secondary indexes if the file is large; bulk_end builds them again. */
int bulk_begin(struct load *L)
{
    long long before = 0;
    if (L->scan->lines < BULK_MIN_LINES)
        return 0;
    sqlite3_stmt *st = db_prepare(L->db, "ingest/sql/bulk.sql", "rows_before");
    db_bind_text(st, ":kind", L->k->name);
    before = db_one_int(st, 0);
    if (L->scan->lines * 2 < before)
        return 0;
    /* Read them all first: the schema cannot change under a running SELECT of it. */
    char **drop = NULL;
    size_t ndrop = 0;
    st = db_prepare(L->db, "ingest/sql/bulk.sql", "indexes");
    db_bind_text(st, ":table", L->k->table);
    while (db_step(st) == SQLITE_ROW) {
        L->bulk_sql = xrealloc(L->bulk_sql, (L->nbulk + 1) * sizeof *L->bulk_sql);
        drop = xrealloc(drop, (ndrop + 1) * sizeof *drop);
        L->bulk_sql[L->nbulk++] = xstrdup(db_col_text(st, 0));
        drop[ndrop++] = xstrdup(db_col_text(st, 1));
    }
    int rc = sqlite3_finalize(st);
    for (size_t i = 0; i < ndrop; i++) {
        if (rc == SQLITE_OK)
            rc = sqlite3_exec(L->db, drop[i], NULL, NULL, NULL);
        free(drop[i]);
    }
    free(drop);
    if (rc != SQLITE_OK) {
        ingest_say(L->o, "%s: databasfel: %s", L->path, db_errmsg_sv(L->db));
        return -1;
    }
    return 0;
}

/* Builds the indexes bulk_begin dropped, in the same transaction. */
int bulk_end(struct load *L)
{
    db_sorting(L->db, 1);
    for (size_t i = 0; i < L->nbulk; i++)
        if (sqlite3_exec(L->db, L->bulk_sql[i], NULL, NULL, NULL) != SQLITE_OK) {
            ingest_say(L->o, "%s: databasfel: %s", L->path, db_errmsg_sv(L->db));
            db_sorting(L->db, 0);
            return -1;
        }
    db_sorting(L->db, 0);
    return 0;
}
