/*
 * db.h: the database connection, its migrations and prepared statements.
 *
 * Every statement comes from an embedded .sql file (embedded.h) and is
 * prepared with bound parameters; values are never pasted into SQL text.
 * The bind helpers take parameter names and abort on an unknown one, as
 * Fossil's db_bind_* do: a misspelt name is a bug, not a data error.
 *
 *   sqlite3 *db;
 *   struct strbuf err = STRBUF_INIT;
 *   if (db_open("fotstat.db", &db, &err)) { fprintf(stderr, "%s\n", err.buf); ... }
 *   sqlite3_stmt *st = db_prepare(db, "transform/sql/status.sql", "kinds");
 */
#ifndef FOTSTAT_DB_H
#define FOTSTAT_DB_H

#include <sqlite3.h>
#include <stdint.h>

#include "common/strbuf.h"

/*
 * The schema version this build writes and understands (PRAGMA
 * user_version): the number of migrations in db.c's list, so a new
 * migration is one line there and nothing else.
 */
extern const int db_schema_version;

/*
 * Opens the database at PATH for writing, creating it readable by its
 * owner alone (mode 0600 whatever the umask) if it does not exist, with a
 * rollback journal, synchronous=FULL, a busy timeout and foreign keys, and
 * brings the schema up to db_schema_version.  Refuses, with a message, a
 * database or folder the user may not write.  Returns 0 and the handle in
 * *out, or -1 with a Swedish message in err (and *out NULL).
 */
int db_open(const char *path, sqlite3 **out, struct strbuf *err);

/*
 * Opens an existing database read-only, for status and reports: nothing
 * is created or changed beside it, and a user who may only read the file
 * can use it.  An interrupted ingest or an older schema is mended through
 * db_open when the user may write, and explained otherwise.  Returns 0, or
 * -1 with a Swedish message in err.
 */
int db_open_ro(const char *path, sqlite3 **out, struct strbuf *err);

/* True if a file exists at path. */
int db_exists(const char *path);
/* Removes the database at path and its journals, if there; for a fresh one. */
void db_remove(const char *path);
void db_close(sqlite3 *db);

/*
 * Prepares statement NAME of the embedded file FILE.  A statement that is
 * missing or does not prepare is a bug in this program: it prints the
 * statement and SQLite's message and aborts.  The caller finalizes.
 */
sqlite3_stmt *db_prepare(sqlite3 *db, const char *file, const char *name);

/* Runs every statement of FILE's section NAME (NULL: the whole file). Returns 0 or -1 with err. */
int db_exec(sqlite3 *db, const char *file, const char *name, struct strbuf *err);

/* Binders by parameter name (":name"); abort on an unknown name. */
void db_bind_text(sqlite3_stmt *st, const char *param, const char *val);
void db_bind_int(sqlite3_stmt *st, const char *param, int64_t val);

/* On (1) around a large load's index builds: two sorting threads in the same memory; off (0) after. */
void db_sorting(sqlite3 *db, int on);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK; return 0 or -1 with err. */
int db_begin(sqlite3 *db, struct strbuf *err);
int db_commit(sqlite3 *db, struct strbuf *err);
void db_rollback(sqlite3 *db);

/*
 * sqlite3_step, except that running out of memory ends the run (die_oom):
 * a step that failed for want of memory may have rolled its transaction
 * back, and no caller is to carry on past it.
 */
int db_step(sqlite3_stmt *st);

/* Column helpers that never return NULL text: "" for NULL (out of memory ends the run). */
const char *db_col_text(sqlite3_stmt *st, int col);

/*
 * One value: steps st once and finalizes it.  db_one_int gives column 0 of
 * its first row as an integer, or none when there is no row or it is NULL;
 * db_one_text appends it to out as text and returns 1, or 0 (nothing
 * appended) when there is no row.  For queries whose every failure means
 * "none": a caller that must tell an error apart steps the statement itself.
 */
long long db_one_int(sqlite3_stmt *st, long long none);
int db_one_text(sqlite3_stmt *st, struct strbuf *out);

/* How long a run waits for another's lock on the database, unless $FOTSTAT_BUSY_TIMEOUT says (seconds). */
#define DB_BUSY_DEFAULT_S 60
/* The wait in ms: $FOTSTAT_BUSY_TIMEOUT in whole seconds (0 to 86400), else the default. */
int db_busy_ms(void);

/*
 * SQLite's failure in Swedish, for a user: what happened and, where there
 * is something to do, what.  code is an extended result code, sys_errno
 * the system's errno behind an I/O error (0 if none).  Never SQLite's own
 * English text.  The string is static or the calling thread's own, valid
 * until its next call.
 */
const char *db_errstr_sv(int code, int sys_errno);
/* db_errstr_sv of the connection's last failure (NULL db: out of memory). */
const char *db_errmsg_sv(sqlite3 *db);

/* Puts "databasfel: <the failure in Swedish>" in err and returns -1, for `return db_error(db, err);`. */
int db_error(sqlite3 *db, struct strbuf *err);

#endif
