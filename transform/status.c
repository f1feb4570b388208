/*
 * status.c: the `status` command's tables (status.h), from status.sql.
 */
#include "transform/status.h"
#include "common/db.h"

#define SQL "transform/sql/status.sql"

int status_tables(sqlite3 *db, struct table **kinds, struct table **files, struct strbuf *err)
{
    static const char *const kcols[] = { "Filer", "Rader", "Avvisade", "Period" };
    static const char *const fcols[] = {
        "Sort", "Lästa", "Inlästa", "Avvisade", "Nya", "Ersatte", "Oförändrade",
        "Kodning", "Avgr.", "SHA-256", "Inläst (UTC)",
    };
    struct table *k = table_new("status", "Inläst per exportsort");
    table_frame(k, NULL, "Sort", 4, kcols);
    struct table *f = table_new("filer", "Inlästa filer");
    table_frame(f, NULL, "Fil", 11, fcols);
    *kinds = *files = NULL;
    sqlite3_stmt *st = db_prepare(db, SQL, "kinds");
    int rc;
    while ((rc = db_step(st)) == SQLITE_ROW) {
        size_t r = (size_t)table_add_row(k, db_col_text(st, 0));
        for (int c = 0; c < 3; c++)
            table_count(k, r, (size_t)c, sqlite3_column_int64(st, c + 2));
        struct strbuf period = STRBUF_INIT;
        if (sqlite3_column_int64(st, 3) > 0)
            sb_printf(&period, "%s – %s", db_col_text(st, 5), db_col_text(st, 6));
        else
            sb_adds(&period, "–");
        table_text(k, r, 3, period.buf);
        sb_free(&period);
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE) {
        st = db_prepare(db, SQL, "files");
        while ((rc = db_step(st)) == SQLITE_ROW) {
            size_t r = (size_t)table_add_row(f, db_col_text(st, 0));
            table_text(f, r, 0, db_col_text(st, 1));
            for (int c = 0; c < 3; c++)
                table_count(f, r, (size_t)c + 1, sqlite3_column_int64(st, c + 2));
            /* Added, replaced, unchanged: not told apart before schema version 7 ("–"). */
            for (int c = 0; c < 3; c++) {
                if (sqlite3_column_type(st, c + 9) == SQLITE_NULL)
                    table_text(f, r, (size_t)c + 4, "–");
                else
                    table_count(f, r, (size_t)c + 4, sqlite3_column_int64(st, c + 9));
            }
            for (int c = 0; c < 4; c++)
                table_text(f, r, (size_t)c + 7, db_col_text(st, c + 5));
        }
        sqlite3_finalize(st);
    }
    if (rc != SQLITE_DONE) {
        sb_printf(err, "databasfel: %s", db_errmsg_sv(db));
        table_free(k);
        table_free(f);
        return -1;
    }
    *kinds = k;
    if (f->nrows)
        *files = f;
    else
        table_free(f);
    return 0;
}
