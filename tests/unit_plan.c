/*
 * unit_plan.c: every statement of transform/sql/ uses indexes.
 *
 * Each named statement is planned with EXPLAIN QUERY PLAN on a database of
 * the current schema.  A plan may not build an automatic index (a sign of
 * a missing one), nor scan a whole table of exported rows: a report for
 * one period must not read the other years.  The few statements that must
 * read everything say so in their comment ("Reads every"), and may scan.
 * Nor may a plan visit a large table's row per entry of an index (issue
 * 30), unless the statement says why ("Visits a row") or reads every row.
 */
#include "common/db.h"
#include "common/embedded.h"
#include "tests/unit.h"

#include <stdlib.h>
#include <string.h>

static const char *const data_tables[] = {
    "bf_formedling", "shis_placering", "shis_bestand", "kartlaggning", "kartlaggning_omgang",
    "arsmal",
};

/* A plausible value for each parameter the statements use. */
static void bind_all(sqlite3_stmt *st)
{
    for (int i = 1; i <= sqlite3_bind_parameter_count(st); i++) {
        const char *p = sqlite3_bind_parameter_name(st, i);
        if (!p)
            continue;
        if (strcmp(p, ":year") == 0 || strcmp(p, ":round") == 0)
            sqlite3_bind_int(st, i, 2021);
        else if (strcmp(p, ":from") == 0)
            sqlite3_bind_text(st, i, "2021-01-01", -1, SQLITE_STATIC);
        else if (strcmp(p, ":through") == 0)
            sqlite3_bind_text(st, i, "2021-12-31", -1, SQLITE_STATIC);
        else if (strcmp(p, ":manad") == 0)
            sqlite3_bind_text(st, i, "2021-04", -1, SQLITE_STATIC);
        else
            sqlite3_bind_text(st, i, "x", -1, SQLITE_STATIC);
    }
}

/* The names of the statements of one file, in order: "-- name: X" lines. */
static size_t names(const char *text, char out[][64], size_t max)
{
    size_t n = 0;
    for (const char *p = strstr(text, "-- name: "); p && n < max; p = strstr(p + 1, "-- name: ")) {
        const char *s = p + 9, *e = strchr(s, '\n');
        size_t len = e ? (size_t)(e - s) : strlen(s);
        snprintf(out[n++], 64, "%.*s", (int)(len < 63 ? len : 63), s);
    }
    return n;
}

/*
 * Whether what, the table a plan's line names ("bf_formedling ...", or an
 * alias: "b ..."), is table, itself or by the alias the statement gives it
 * ("FROM bf_formedling b", "JOIN bf_formedling b").
 */
static int names_table(const char *what, const char *sql, const char *table)
{
    size_t alias = strcspn(what, " "), n = strlen(table);
    if (alias == n && strncmp(what, table, n) == 0)
        return 1;
    char pat[96], pat2[96];
    snprintf(pat, sizeof pat, "%s %.*s\n", table, (int)alias, what);
    snprintf(pat2, sizeof pat2, "%s %.*s ", table, (int)alias, what);
    return strstr(sql, pat) || strstr(sql, pat2);
}

/* True if detail is a full scan of a table of exported rows ("SCAN k" for an alias too). */
static int scans_data(const char *detail, const char *sql)
{
    if (strncmp(detail, "SCAN ", 5) != 0)
        return 0;
    for (size_t i = 0; i < sizeof data_tables / sizeof *data_tables; i++)
        if (names_table(detail + 5, sql, data_tables[i]))
            return 1;
    return 0;
}

/*
 * True if detail finds rows of a large table (offers, placements, the
 * survey) through an index that does not hold what the statement reads:
 * SQLite then visits the table's row for every entry found, scattered over
 * the whole table once it holds years in no date order (issue 30).  The
 * survey's own key is its table (WITHOUT ROWID), so it holds everything.
 */
static int visits_rows(const char *detail, const char *sql)
{
    static const char *const large[] = { "bf_formedling", "shis_placering", "kartlaggning" };
    if (strncmp(detail, "SEARCH ", 7) != 0 || !strstr(detail, " USING INDEX "))
        return 0;
    for (size_t i = 0; i < sizeof large / sizeof *large; i++)
        if (names_table(detail + 7, sql, large[i]))
            return 1;
    return 0;
}

TEST(every_statement_uses_indexes)
{
    sqlite3 *db;
    struct strbuf err = STRBUF_INIT;
    CHECK_INT(db_open(":memory:", &db, &err), 0);
    int planned = 0;
    for (const struct embedded_file *f = embedded_files; f->path; f++) {
        if (strncmp(f->path, "transform/sql/", 14) != 0)
            continue;
        char list[64][64];
        size_t n = names(f->text, list, 64);
        for (size_t i = 0; i < n; i++) {
            size_t len;
            const char *sql = embedded_sql(f->path, list[i], &len);
            CHECK(sql != NULL);
            if (!sql)
                continue;
            char *text = strndup(sql, len);
            int may_scan = strstr(text, "Reads every") != NULL;
            int may_visit = may_scan || strstr(text, "Visits a row") != NULL;
            if (strstr(text, "No plan:")) {     /* DDL of a temp table that exists only when run */
                free(text);
                continue;
            }
            if (strstr(text, "Made before use:")) {     /* a temp table the next statements read */
                CHECK_INT(sqlite3_exec(db, text, NULL, NULL, NULL), SQLITE_OK);
                free(text);
                continue;
            }
            size_t qlen = len + 32;
            char *q = malloc(qlen);
            snprintf(q, qlen, "EXPLAIN QUERY PLAN %s", text);
            sqlite3_stmt *st;
            if (sqlite3_prepare_v2(db, q, -1, &st, NULL) != SQLITE_OK) {
                unit_fail(__FILE__, __LINE__, "%s %s: %s", f->path, list[i], sqlite3_errmsg(db));
            } else {
                bind_all(st);
                while (sqlite3_step(st) == SQLITE_ROW) {
                    const char *detail = (const char *)sqlite3_column_text(st, 3);
                    if (getenv("FOTSTAT_SHOW_PLANS"))
                        printf("    %s %s: %s\n", f->path, list[i], detail);
                    if (strstr(detail, "AUTOMATIC"))
                        unit_fail(__FILE__, __LINE__, "%s %s: automatic index: %s", f->path,
                                  list[i], detail);
                    if (!may_scan && scans_data(detail, text))
                        unit_fail(__FILE__, __LINE__, "%s %s: scans a table: %s", f->path,
                                  list[i], detail);
                    if (!may_visit && visits_rows(detail, text))
                        unit_fail(__FILE__, __LINE__, "%s %s: visits the table per row: %s",
                                  f->path, list[i], detail);
                }
                sqlite3_finalize(st);
                planned++;
            }
            free(q);
            free(text);
        }
    }
    CHECK(planned > 30);
    db_close(db);
    sb_free(&err);
}

/*
 * The check above, attacked: with Hyresvärd out of the index by
 * Erbjudandedatum, the årsmål's contracts must be seen to visit the table.
 */
TEST(a_contract_read_past_its_index_is_seen)
{
    sqlite3 *db;
    struct strbuf err = STRBUF_INIT;
    CHECK_INT(db_open(":memory:", &db, &err), 0);
    CHECK_INT(sqlite3_exec(db, "DROP INDEX bf_formedling_erbjudande;"
                               "CREATE INDEX bf_formedling_erbjudande ON bf_formedling(erbjudandedatum,"
                               " arendenummer, boendeform, svar, bestallare, nej_orsak, source_file_id)",
                           NULL, NULL, NULL), SQLITE_OK);
    size_t len;
    const char *sql = embedded_sql("transform/sql/arsmal.sql", "contracts", &len);
    CHECK(sql != NULL);
    if (!sql) {
        db_close(db);
        sb_free(&err);
        return;
    }
    char *q = malloc(len + 32);
    snprintf(q, len + 32, "EXPLAIN QUERY PLAN %.*s", (int)len, sql);
    char *text = strndup(sql, len);
    sqlite3_stmt *st;
    int seen = 0;
    CHECK_INT(sqlite3_prepare_v2(db, q, -1, &st, NULL), SQLITE_OK);
    bind_all(st);
    while (sqlite3_step(st) == SQLITE_ROW)
        seen |= visits_rows((const char *)sqlite3_column_text(st, 3), text);
    sqlite3_finalize(st);
    CHECK(seen);
    free(q);
    free(text);
    db_close(db);
    sb_free(&err);
}

const struct test plan_tests[] = {
    TEST_ENTRY(every_statement_uses_indexes), TEST_ENTRY(a_contract_read_past_its_index_is_seen),
    TEST_END,
};
