/*
 * db.c: opening the database, migrations, statements from embedded SQL.
 */
#include "common/db.h"
#include "common/embedded.h"
#include "common/util.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Migration n brings the schema from version n-1 to n; its files run in order. */
static const char *const migrations[][3] = {
    /* 1 */ { "data/schema.sql", "data/reference.sql", NULL },
    /* 2 */ { "data/migrations/002_pseudonyms.sql", NULL, NULL },
    /* 3 */ { "data/migrations/003_reference_names.sql", NULL, NULL },
    /* 4 */ { "data/migrations/004_followup_indexes.sql", NULL, NULL },
    /* 5 */ { "data/migrations/005_ingest_indexes.sql", NULL, NULL },
    /* 6 */ { "data/migrations/006_covering_indexes.sql", NULL, NULL },
    /* 7 */ { "data/migrations/007_row_versions.sql", NULL, NULL },
    /* 8 */ { "data/migrations/008_arrangement_end_index.sql", NULL, NULL },
    /* 9 */ { "data/migrations/009_moveout_index.sql", NULL, NULL },
    /* 10 */ { "data/migrations/010_survey_rounds.sql", NULL, NULL },
    /* 11 */ { "data/migrations/011_shis_file_index.sql", NULL, NULL },
    /* 12 */ { "data/migrations/012_publications.sql", NULL, NULL },
    /* 13 */ { "data/migrations/013_series_groups.sql", NULL, NULL },
    /* 14 */ { "data/migrations/014_figure_rows.sql", NULL, NULL },
    /* 15 */ { "data/migrations/015_contract_index.sql", NULL, NULL },
};

const int db_schema_version = (int)(sizeof migrations / sizeof migrations[0]);

/* How long a statement waits for another run's lock, in ms (db_busy_ms). */
static int busy_ms = DB_BUSY_DEFAULT_S * 1000;

int db_busy_ms(void)
{
    const char *e = getenv("FOTSTAT_BUSY_TIMEOUT");
    char *end;
    if (e && *e) {
        long s = strtol(e, &end, 10);
        if (*end == '\0' && s >= 0 && s <= 86400)
            return (int)(s * 1000);
    }
    return DB_BUSY_DEFAULT_S * 1000;
}

const char *db_errstr_sv(int code, int sys_errno)
{
    static _Thread_local char other[160];
    switch (code & 0xff) {
    case SQLITE_FULL:
        return "disken är full; frigör utrymme och kör igen";
    case SQLITE_NOMEM:
        return "slut på minne";
    case SQLITE_IOERR:
        if (code == SQLITE_IOERR_NOMEM)
            return "slut på minne";
        if (sys_errno == ENOSPC || sys_errno == EDQUOT)
            return "disken är full; frigör utrymme och kör igen";
        if (sys_errno) {
            snprintf(other, sizeof other, "läs- eller skrivfel på disken: %s", errno_sv(sys_errno));
            return other;
        }
        return "läs- eller skrivfel på disken";
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        snprintf(other, sizeof other, "databasen är låst av en annan körning och var det fortfarande "
                 "efter %d sekunder; försök igen när den är klar", busy_ms / 1000);
        return other;
    case SQLITE_READONLY:
        return "databasen kan bara läsas";
    case SQLITE_CORRUPT:
        return "databasen är skadad; flytta undan den och läs in källfilerna igen i en ny databas";
    case SQLITE_NOTADB:
        return "filen är ingen SQLite-databas, eller dess början är skadad";
    case SQLITE_CANTOPEN:
        if (sys_errno) {
            snprintf(other, sizeof other, "kan inte öppna databasfilen: %s", errno_sv(sys_errno));
            return other;
        }
        return "kan inte öppna databasfilen eller dess journal";
    case SQLITE_PERM:
    case SQLITE_AUTH:
        return "behörighet saknas";
    case SQLITE_TOOBIG:
        return "ett värde är för stort för databasen";
    case SQLITE_INTERRUPT:
        return "avbrutet";
    default:
        snprintf(other, sizeof other, "oväntat databasfel (SQLite-kod %d); rapportera det till "
                 "fotstats förvaltare", code);
        return other;
    }
}

const char *db_errmsg_sv(sqlite3 *db)
{
    if (!db)
        return "slut på minne";
    return db_errstr_sv(sqlite3_extended_errcode(db), sqlite3_system_errno(db));
}

static int is_nomem(int rc);

static int exec_text(sqlite3 *db, const char *sql, struct strbuf *err)
{
    if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) {
        if (is_nomem(sqlite3_extended_errcode(db)))
            die_oom();
        sb_adds(err, db_errmsg_sv(db));
        return -1;
    }
    return 0;
}

/* One integer from a pragma or query; -1 if it fails. */
static long long query_int(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK)
        return db_one_int(st, -1);
    if (is_nomem(sqlite3_extended_errcode(db)))
        die_oom();
    return -1;
}

/* The schema version in *v (0 if it cannot be read); 0, or -1 if it cannot. */
static int user_version(sqlite3 *db, int *v)
{
    long long x = query_int(db, "PRAGMA user_version");
    *v = x > 0 ? (int)x : 0;
    return x < 0 ? -1 : 0;
}

static int migrate(sqlite3 *db, struct strbuf *err)
{
    int v;
    if (exec_text(db, "BEGIN IMMEDIATE", err))
        return -1;
    if (user_version(db, &v)) {
        sb_adds(err, db_errmsg_sv(db));
        goto fail;
    }
    if (v > db_schema_version) {
        sb_printf(err, "databasen har schemaversion %d men denna fotstat förstår högst %d; "
                  "använd en nyare fotstat", v, db_schema_version);
        goto fail;
    }
    for (; v < db_schema_version; v++) {
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

/*
 * A database up to this size is checked whole on every open: a few
 * milliseconds for a real municipality's years of exports.  A larger one
 * (the benchmark's millions of rows, where a whole check takes about half
 * a second per million) has its catalogue and its list of files checked;
 * damage elsewhere is found, with the same advice, when a statement reads it.
 */
#define DB_CHECK_WHOLE_BYTES (32LL << 20)


/*
 * Says that the database at path is damaged and how to recover: set it
 * aside and load its source files again, which are listed here if the list
 * can still be read.
 */
static void damaged(sqlite3 *db, const char *path, struct strbuf *err)
{
    sb_printf(err, "databasen \"%s\" är skadad (PRAGMA quick_check hittade fel). Så återställer du "
              "den: flytta undan filen och läs in källfilerna igen i en ny databas med samma namn "
              "(fotstat --db %s ingest FIL ...)", path, path);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT name, ingested_at FROM source_file ORDER BY id", -1, &st,
                           NULL) != SQLITE_OK) {
        sb_adds(err, ". Listan över källfiler går inte att läsa ur den.");
        return;
    }
    int n = 0, rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        sb_printf(err, "%s%s (inläst %s)", n++ ? ", " : ", i den ordning de lästes in: ",
                  db_col_text(st, 0), db_col_text(st, 1));
    if (rc != SQLITE_DONE)
        sb_adds(err, n ? " (listan slutar här: resten går inte att läsa)" :
                ". Listan över källfiler går inte att läsa ur den.");
    else if (n == 0)
        sb_adds(err, ". Databasen listar inga källfiler.");
    else
        sb_addc(err, '.');
    sqlite3_finalize(st);
}

/*
 * PRAGMA quick_check of an open database: all of it up to
 * DB_CHECK_WHOLE_BYTES, else its catalogue and source_file.  Returns 0, or
 * -1 with the damage and the way to recover in err.
 */
static int check_damage(sqlite3 *db, const char *path, struct strbuf *err)
{
    long long bytes = query_int(db, "SELECT page_count * page_size FROM pragma_page_count, pragma_page_size");
    if (bytes < 0) {
        sb_printf(err, "kan inte kontrollera databasen \"%s\": %s", path, db_errmsg_sv(db));
        return -1;
    }
    const char *sql = bytes >= 0 && bytes <= DB_CHECK_WHOLE_BYTES ? "PRAGMA quick_check"
                      : "PRAGMA quick_check(source_file)";
    sqlite3_stmt *st;
    int ok = 0, found = 0, code = SQLITE_OK;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW) {
            const char *t = (const char *)sqlite3_column_text(st, 0);
            if (t && strcmp(t, "ok") == 0)
                ok = sqlite3_step(st) == SQLITE_DONE;
            else if (!t || strstr(t, "out of memory"))
                code = SQLITE_NOMEM;
            else if (strstr(t, "error code="))    /* a page it could not read: not damage */
                code = atoi(strstr(t, "error code=") + strlen("error code="));
            else
                found = 1;          /* what quick_check says it found */
        }
        if (!ok && code == SQLITE_OK)
            code = sqlite3_extended_errcode(db);
        sqlite3_finalize(st);
    } else {
        code = sqlite3_extended_errcode(db);
    }
    if (ok)
        return 0;
    if (found || (code & 0xff) == SQLITE_CORRUPT) {
        damaged(db, path, err);
        return -1;
    }
    sb_printf(err, "kan inte kontrollera databasen \"%s\": %s", path,
              db_errstr_sv(code, sqlite3_system_errno(db)));
    return -1;
}

/* Rewrites err as "kan inte använda databasen PATH: <err>". */
static void prefix_err(struct strbuf *err, const char *path)
{
    struct strbuf tmp = STRBUF_INIT;
    sb_printf(&tmp, "kan inte använda databasen \"%s\": %s", path, err->buf);
    sb_reset(err);
    sb_adds(err, tmp.buf);
    sb_free(&tmp);
}

/*
 * Creates the database file, empty and readable by its owner alone, if it
 * does not exist.  SQLite gives its journal the database's permissions, so
 * they too stay private; permissions set on an existing file are kept.
 */
static int create_private(const char *path, struct strbuf *err)
{
    int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        if (errno == EEXIST)
            return 0;
        sb_printf(err, "kan inte skapa databasen \"%s\": %s", path, errno_sv(errno));
        return -1;
    }
    int rc = fchmod(fd, 0600);   /* whatever the umask */
    close(fd);
    if (rc) {
        sb_printf(err, "kan inte skydda databasen \"%s\": %s", path, errno_sv(errno));
        unlink(path);
        return -1;
    }
    return 0;
}

/* The folder a path lies in, for messages and permission checks; caller frees. */
static char *folder_of(const char *path)
{
    char *copy = xstrdup(path);
    char *dir = xstrdup(dirname(copy));
    free(copy);
    return dir;
}

/*
 * A new database's page size (one that exists keeps its own).  8 KiB pages
 * halve the system calls and b-tree pages of a large load against SQLite's
 * 4 KiB: a 1M-row ingest 11-14 % faster (BENCHMARKS.md, sixth round).  With
 * them SQLite's sorter and page cache hold more than their nominal KiB, so
 * the caches below are smaller than they were with 4 KiB pages, for the
 * same peak.
 */
#define DB_PAGE_SIZE "8192"

/*
 * The page cache, in KiB as SQLite's negative cache_size: large enough that
 * a load's working set of the table and its indexes stays in memory, small
 * enough that with the sorter of CREATE INDEX (which takes as much again)
 * fotstat stays within 32 MiB whatever the size of the file.
 */
#define DB_CACHE_KIB "-6144"

/*
 * While CREATE INDEX sorts a large load's rows, a second thread sorts
 * beside the connection's own (PRAGMA threads), and the page cache is
 * halved: each sorter takes a cache's worth, so the two together take what
 * one did with the whole cache, and the peak stays as it was.  Measured on
 * 1M rows: the three index builds 2.0 s alone, 1.5 s in two (BENCHMARKS.md).
 */
#define DB_SORT_CACHE_KIB "-3072"

void db_sorting(sqlite3 *db, int on)
{
    /* Best effort: a refused pragma leaves the one-thread sort, which is as correct. */
    sqlite3_exec(db, on ? "PRAGMA threads = 1; PRAGMA cache_size = " DB_SORT_CACHE_KIB
                        : "PRAGMA threads = 0; PRAGMA cache_size = " DB_CACHE_KIB,
                 NULL, NULL, NULL);
}

/*
 * FOTSTAT_PROFILE=1 in the environment: each statement's run time and its
 * first line on stderr, for BENCHMARKS.md's "where the time goes".  The
 * text is the statement as written (parameters unexpanded), so no value
 * from the data is printed.
 */
static int profile_cb(unsigned type, void *ctx, void *p, void *x)
{
    (void)ctx;
    if (type == SQLITE_TRACE_PROFILE) {
        const char *sql = sqlite3_sql((sqlite3_stmt *)p);
        double ms = (double)*(sqlite3_int64 *)x / 1e6;
        if (ms >= 1.0)
            fprintf(stderr, "profil: %9.1f ms  %.*s\n", ms,
                    (int)strcspn(sql ? sql : "", "\n"), sql ? sql : "");
    }
    return 0;
}

static void profile_maybe(sqlite3 *db)
{
    const char *e = getenv("FOTSTAT_PROFILE");
    if (e && *e && strcmp(e, "0") != 0)
        sqlite3_trace_v2(db, SQLITE_TRACE_PROFILE, profile_cb, NULL);
}

/*
 * SQLite's error log sees every failure of a statement.  Out of memory, a
 * run cannot go on: it ends at the first one, whichever call met it, so
 * that no caller can carry on past a step that silently did nothing (its
 * transaction is rolled back, by SQLite or from the journal on next open).
 */
static void sqlite_log(void *ctx, int code, const char *msg)
{
    (void)ctx;
    (void)msg;
    if ((code & 0xff) == SQLITE_NOMEM)
        die_oom();
}

/* Once, before SQLite starts: sqlite3_config only works then. */
static void sqlite_setup(void)
{
    static int done;
    if (!done++) {
        sqlite3_config(SQLITE_CONFIG_LOG, sqlite_log, NULL);
        /*
         * No memory statistics: fotstat never reads them, and keeping them
         * takes a global mutex on every allocation, about 2 % of an ingest.
         */
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    }
}

int db_open(const char *path, sqlite3 **out, struct strbuf *err)
{
    sqlite_setup();
    sqlite3 *db = NULL;
    *out = NULL;
    int in_memory = strcmp(path, ":memory:") == 0;   /* the tests' databases: no file */
    if (!in_memory && create_private(path, err))
        return -1;
    char *dir = folder_of(path);
    int can_write = in_memory || (access(path, W_OK) == 0 && access(dir, W_OK | X_OK) == 0);
    if (!can_write) {
        sb_printf(err, "databasen \"%s\" kan bara läsas: inläsning kräver skrivrätt till "
                  "databasen och till mappen \"%s\" (rapporter och status går att ta fram ändå)",
                  path, dir);
        free(dir);
        return -1;
    }
    free(dir);
    /*
     * NOMUTEX: an ingest hands the connection between its two threads, but
     * never uses it from both at once (ingest.c), so SQLite need not lock
     * its own mutex around every call.
     */
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
        sb_printf(err, "kan inte öppna databasen \"%s\": %s", path, db_errmsg_sv(db));
        sqlite3_close(db);
        return -1;
    }
    busy_ms = db_busy_ms();
    sqlite3_busy_timeout(db, busy_ms);
    sqlite3_extended_result_codes(db, 1);
    profile_maybe(db);
    /*
     * A rollback journal, not WAL: a reader without write permission, or on
     * a network drive where WAL's shared memory does not work, can then read
     * the database without creating any file beside it.
     */
    if (exec_text(db, "PRAGMA page_size = " DB_PAGE_SIZE, err) ||
        exec_text(db, "PRAGMA journal_mode = DELETE", err) ||
        exec_text(db, "PRAGMA synchronous = FULL", err) ||
        exec_text(db, "PRAGMA foreign_keys = ON", err) ||
        exec_text(db, "PRAGMA cache_size = " DB_CACHE_KIB, err)) {
        prefix_err(err, path);
        sqlite3_close(db);
        return -1;
    }
    if (!in_memory && check_damage(db, path, err)) {
        sqlite3_close(db);
        return -1;
    }
    if (migrate(db, err)) {
        prefix_err(err, path);
        sqlite3_close(db);
        return -1;
    }
    *out = db;
    return 0;
}

void db_remove(const char *path)
{
    static const char *const suffix[] = { "", "-journal", "-wal", "-shm" };
    for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
        struct strbuf p = STRBUF_INIT;
        sb_printf(&p, "%s%s", path, suffix[i]);
        unlink(p.buf);
        sb_free(&p);
    }
}

int db_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* Opens path read-only and reads its schema version into *v; returns 0 or an SQLite code. */
static int open_ro(const char *path, sqlite3 **db, int *v)
{
    sqlite_setup();
    *db = NULL;
    /*
     * NOMUTEX: reports and status are single-threaded, and a connection of
     * theirs is never shared, so SQLite need not lock its mutex around
     * every step and column read (about 5 % of a report's time).
     */
    int rc = sqlite3_open_v2(path, db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK)
        return rc;
    busy_ms = db_busy_ms();
    sqlite3_busy_timeout(*db, busy_ms);
    sqlite3_extended_result_codes(*db, 1);
    sqlite3_exec(*db, "PRAGMA cache_size = " DB_CACHE_KIB, NULL, NULL, NULL);
    profile_maybe(*db);
    return user_version(*db, v) ? sqlite3_extended_errcode(*db) : SQLITE_OK;
}

int db_open_ro(const char *path, sqlite3 **out, struct strbuf *err)
{
    sqlite3 *db = NULL;
    int v = 0;
    *out = NULL;
    if (!db_exists(path)) {
        sb_printf(err, "databasen \"%s\" finns inte; läs in exporterna först (fotstat ingest)", path);
        return -1;
    }
    if (access(path, R_OK) != 0) {
        sb_printf(err, "kan inte läsa databasen \"%s\": %s", path,
                  errno_sv(errno));
        return -1;
    }
    int rc = open_ro(path, &db, &v);
    /*
     * An interrupted ingest left a journal to roll back, or the schema is
     * older than this program: one who may write the database mends it
     * once through a writing connection; anyone else is told what to do.
     */
    int mend = rc == SQLITE_READONLY_ROLLBACK || (rc == SQLITE_OK && v > 0 && v < db_schema_version);
    if (mend) {
        sqlite3_close(db);
        db = NULL;
        sqlite3 *w;
        struct strbuf werr = STRBUF_INIT;
        if (access(path, W_OK) != 0 || db_open(path, &w, &werr) != 0) {
            if (rc == SQLITE_READONLY_ROLLBACK)
                sb_printf(err, "kan inte läsa databasen \"%s\": en inläsning avbröts och måste "
                          "rullas tillbaka av någon med skrivrätt (nästa fotstat ingest gör det)", path);
            else
                sb_printf(err, "databasen \"%s\" har schemaversion %d och behöver uppgraderas till "
                          "%d av någon med skrivrätt (nästa fotstat ingest gör det)",
                          path, v, db_schema_version);
            sb_free(&werr);
            return -1;
        }
        sb_free(&werr);
        db_close(w);
        rc = open_ro(path, &db, &v);
    }
    if (rc != SQLITE_OK) {
        sb_printf(err, "kan inte läsa databasen \"%s\": %s", path,
                  db ? db_errmsg_sv(db) : db_errstr_sv(rc, 0));
        sqlite3_close(db);
        return -1;
    }
    if (v > 0 && v <= db_schema_version && check_damage(db, path, err)) {
        /* said */
    } else if (v == 0) {
        sb_printf(err, "\"%s\" är ingen fotstat-databas", path);
    } else if (v > db_schema_version) {
        sb_printf(err, "databasen \"%s\" har schemaversion %d men denna fotstat förstår högst %d; "
                  "använd en nyare fotstat", path, v, db_schema_version);
    } else {
        *out = db;
        return 0;
    }
    sqlite3_close(db);
    return -1;
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
    int rc = sqlite3_prepare_v3(db, sql, (int)len, SQLITE_PREPARE_PERSISTENT, &st, NULL);
    if (rc != SQLITE_OK && rc != SQLITE_ERROR) {
        /*
         * Not the statement's fault: memory, a lock held past the wait, a
         * disk or a damaged schema.  The caller cannot go on without it,
         * so the run ends here; an open transaction rolls back.
         */
        if (is_nomem(sqlite3_extended_errcode(db)))
            die_oom();
        char msg[400];
        snprintf(msg, sizeof msg, "fotstat: databasfel: %s\n", db_errmsg_sv(db));
        die_with(msg);
    }
    if (rc != SQLITE_OK) {
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
    /* TRANSIENT copies the text: the one binder here that needs memory. */
    if (val && sqlite3_bind_text(st, i, val, -1, SQLITE_TRANSIENT) == SQLITE_NOMEM)
        die_oom();
    if (!val)
        sqlite3_bind_null(st, i);
}

void db_bind_int(sqlite3_stmt *st, const char *param, int64_t val)
{
    sqlite3_bind_int64(st, param_index(st, param), val);
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

/* True if SQLite's code means it ran out of memory. */
static int is_nomem(int rc)
{
    return (rc & 0xff) == SQLITE_NOMEM || rc == SQLITE_IOERR_NOMEM;
}

int db_step(sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE && is_nomem(sqlite3_extended_errcode(sqlite3_db_handle(st))))
        die_oom();
    return rc;
}

const char *db_col_text(sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    if (!t && sqlite3_column_type(st, col) != SQLITE_NULL)
        die_oom();      /* the value is there, but its text could not be made */
    return t ? (const char *)t : "";
}

long long db_one_int(sqlite3_stmt *st, long long none)
{
    long long v = none;
    if (db_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

int db_one_text(sqlite3_stmt *st, struct strbuf *out)
{
    int row = db_step(st) == SQLITE_ROW;
    if (row)
        sb_adds(out, db_col_text(st, 0));
    sqlite3_finalize(st);
    return row;
}

int db_error(sqlite3 *db, struct strbuf *err)
{
    sb_printf(err, "databasfel: %s", db_errmsg_sv(db));
    return -1;
}
