/*
 * status.c: the `status` command's figures (status.sql).
 */
#include "transform/status.h"
#include "common/db.h"

int status_query(sqlite3 *db,
                 void (*fn)(void *ctx, const struct status_kind *k),
                 void (*ffn)(void *ctx, const struct status_file *f), void *ctx)
{
    sqlite3_stmt *st = db_prepare(db, "transform/sql/status.sql", "kinds");
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct status_kind k = {
            db_col_text(st, 0), db_col_text(st, 1), sqlite3_column_int(st, 2),
            sqlite3_column_int(st, 3), sqlite3_column_int(st, 4),
            db_col_text(st, 5), db_col_text(st, 6),
        };
        fn(ctx, &k);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return -1;
    st = db_prepare(db, "transform/sql/status.sql", "files");
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct status_file f = {
            db_col_text(st, 0), db_col_text(st, 1), db_col_text(st, 5), db_col_text(st, 6),
            db_col_text(st, 7), db_col_text(st, 8),
            sqlite3_column_int(st, 2), sqlite3_column_int(st, 3), sqlite3_column_int(st, 4),
        };
        ffn(ctx, &f);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}
