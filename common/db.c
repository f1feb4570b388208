/*
 * db.c: opening the database, migrations, statements from embedded SQL.
 */
#include "common/db.h"
#include "common/embedded.h"
#include "common/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Migration n brings the schema from version n-1 to n; its files run in order. */
static const char *const migrations[][3] = {
    /* 1 */ { "data/schema.sql", "data/reference.sql", NULL },
};

static int exec_text(sqlite3 *db, const char *sql, struct strbuf *err)
{
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        sb_printf(err, "databasfel: %s", msg ? msg : sqlite3_errmsg(db));
        sqlite3_free(msg);
        return -1;
    }
    return 0;
}

static int user_version(sqlite3 *db, int *v)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
        return -1;
    int rc = sqlite3_step(st);
    *v = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : -1;
}

static int migrate(sqlite3 *db, struct strbuf *err)
{
    int v;
    if (exec_text(db, "BEGIN IMMEDIATE", err))
        return -1;
    if (user_version(db, &v)) {
        sb_printf(err, "filen är ingen fotstat-databas (%s)", sqlite3_errmsg(db));
        goto fail;
    }
    if (v > DB_SCHEMA_VERSION) {
        sb_printf(err, "databasen har schemaversion %d men denna fotstat förstår högst %d; "
                  "använd en nyare fotstat", v, DB_SCHEMA_VERSION);
        goto fail;
    }
    for (; v < DB_SCHEMA_VERSION; v++) {
        for (int i = 0; i < 3 && migrations[v][i]; i++) {
            const char *sql = embedded_file(migrations[v][i]);
            if (!sql) {
                sb_printf(err, "intern fel: %s saknas i programmet", migrations[v][i]);
                goto fail;
            }
            if (exec_text(db, sql, err))
                goto fail;
        }
        char pragma[64];
        snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v + 1);
        if (exec_text(db, pragma, err))
            goto fail;
    }
    return exec_text(db, "COMMIT", err);
fail:
    sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    return -1;
}

int db_open(const char *path, sqlite3 **out, struct strbuf *err)
{
    sqlite3 *db = NULL;
    *out = NULL;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
        sb_printf(err, "kan inte öppna databasen \"%s\": %s", path,
                  db ? sqlite3_errmsg(db) : "slut på minne");
        sqlite3_close(db);
        return -1;
    }
    sqlite3_busy_timeout(db, 10000);
    sqlite3_extended_result_codes(db, 1);
    if (exec_text(db, "PRAGMA journal_mode = WAL", err) ||
        exec_text(db, "PRAGMA synchronous = FULL", err) ||
        exec_text(db, "PRAGMA foreign_keys = ON", err) ||
        migrate(db, err)) {
        struct strbuf tmp = STRBUF_INIT;
        sb_printf(&tmp, "kan inte använda databasen \"%s\": %s", path, err->buf);
        sb_reset(err);
        sb_adds(err, tmp.buf);
        sb_free(&tmp);
        sqlite3_close(db);
        return -1;
    }
    *out = db;
    return 0;
}

void db_close(sqlite3 *db)
{
    sqlite3_close(db);
}

sqlite3_stmt *db_prepare(sqlite3 *db, const char *file, const char *name)
{
    size_t len;
    const char *sql = embedded_sql(file, name, &len);
    if (!sql) {
        fprintf(stderr, "fotstat: internal error: no statement %s in %s\n", name, file);
        abort();
    }
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v3(db, sql, (int)len, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "fotstat: internal error: %s in %s:%s\n%.*s\n",
                sqlite3_errmsg(db), file, name, (int)len, sql);
        abort();
    }
    return st;
}

int db_exec(sqlite3 *db, const char *file, const char *name, struct strbuf *err)
{
    size_t len;
    const char *sql = embedded_sql(file, name, &len);
    if (!sql) {
        sb_printf(err, "intern fel: %s:%s saknas", file, name ? name : "");
        return -1;
    }
    char *copy = xstrndup(sql, len);
    int rc = exec_text(db, copy, err);
    free(copy);
    return rc;
}

static int param_index(sqlite3_stmt *st, const char *param)
{
    int i = sqlite3_bind_parameter_index(st, param);
    if (i == 0) {
        fprintf(stderr, "fotstat: internal error: no parameter %s in\n%s\n", param, sqlite3_sql(st));
        abort();
    }
    return i;
}

void db_bind_text(sqlite3_stmt *st, const char *param, const char *val)
{
    int i = param_index(st, param);
    if (val)
        sqlite3_bind_text(st, i, val, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

void db_bind_int(sqlite3_stmt *st, const char *param, int64_t val)
{
    sqlite3_bind_int64(st, param_index(st, param), val);
}

void db_bind_double(sqlite3_stmt *st, const char *param, double val)
{
    sqlite3_bind_double(st, param_index(st, param), val);
}

void db_bind_null(sqlite3_stmt *st, const char *param)
{
    sqlite3_bind_null(st, param_index(st, param));
}

int db_begin(sqlite3 *db, struct strbuf *err)
{
    return exec_text(db, "BEGIN IMMEDIATE", err);
}

int db_commit(sqlite3 *db, struct strbuf *err)
{
    return exec_text(db, "COMMIT", err);
}

void db_rollback(sqlite3 *db)
{
    sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
}

const char *db_col_text(sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    return t ? (const char *)t : "";
}
