/*
 * unit_db.c: the database's settings, migrations and code lists.
 */
#include "common/db.h"
#include "common/util.h"
#include "ingest/codes.h"
#include "tests/unit.h"

#include <stdlib.h>
#include <unistd.h>

static long pragma(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st;
    long v = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* Opens a fresh database file in a temporary folder; returns its path (caller frees). */
static char *temp_db(void)
{
    char tmpl[] = "/tmp/fotstat-unit-XXXXXX";
    char *dir = mkdtemp(tmpl);
    struct strbuf p = STRBUF_INIT;
    sb_printf(&p, "%s/t.db", dir ? dir : "/tmp");
    return sb_detach(&p);
}

TEST(open_sets_durability_and_schema)
{
    char *path = temp_db();
    struct strbuf err = STRBUF_INIT;
    sqlite3 *db;
    CHECK_INT(db_open(path, &db, &err), 0);
    CHECK_INT(pragma(db, "PRAGMA foreign_keys"), 1);
    CHECK_INT(pragma(db, "PRAGMA synchronous"), 2);    /* FULL */
    CHECK_INT(pragma(db, "PRAGMA busy_timeout"), 10000);
    CHECK_INT(pragma(db, "PRAGMA user_version"), DB_SCHEMA_VERSION);
    CHECK_INT(pragma(db, "SELECT count(*) FROM ref_organisation WHERE typ = 'stadsdelsnämnd'"), 13);
    CHECK_INT(pragma(db, "SELECT count(*) FROM ref_boendesituation"), 12);
    CHECK_INT(pragma(db, "SELECT count(*) FROM ref_boendesituation WHERE stadigvarande"), 4);
    db_close(db);
    /* Reopening does not migrate again. */
    CHECK_INT(db_open(path, &db, &err), 0);
    CHECK_INT(pragma(db, "SELECT count(*) FROM ref_kind"), 5);
    sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL);
    db_close(db);
    CHECK(db_open(path, &db, &err) != 0);
    CHECK(strstr(err.buf, "schemaversion 99") != NULL);
    sb_free(&err);
    unlink(path);
    free(path);
}

TEST(foreign_keys_guard_codes)
{
    struct strbuf err = STRBUF_INIT;
    sqlite3 *db;
    CHECK_INT(db_open(":memory:", &db, &err), 0);
    int rc = sqlite3_exec(db,
        "INSERT INTO source_file (name, kind, sha256, size_bytes, encoding, delimiter, rows_read,"
        " rows_loaded, rows_rejected, ingested_at) VALUES ('x', 'arsmal', 'ab', 1, 'UTF-8', ';',"
        " 0, 0, 0, 'now');"
        "INSERT INTO arsmal VALUES (2021, 'Okänd', 5, 1, 2);", NULL, NULL, NULL);
    CHECK(rc != SQLITE_OK);
    db_close(db);
    sb_free(&err);
}

TEST(code_lists_match_folded_and_aliases)
{
    struct strbuf err = STRBUF_INIT;
    sqlite3 *db;
    CHECK_INT(db_open(":memory:", &db, &err), 0);
    struct codes *c = codes_load(db);
    CHECK(c != NULL);
    CHECK_STR(codes_match(c, "organisation", " bromma "), "Bromma");
    CHECK_STR(codes_match(c, "organisation", "ÄLVSJÖ"), "Hägersten-Älvsjö");
    CHECK_STR(codes_match(c, "stadsdelsnamnd", "Hägersten-Liljeholmen"), "Hägersten-Älvsjö");
    CHECK_STR(codes_match(c, "organisation", "SHIS"), "SHIS");
    CHECK(codes_match(c, "stadsdelsnamnd", "SHIS") == NULL);
    CHECK(codes_match(c, "remittent", "SHIS") == NULL);
    CHECK_STR(codes_match(c, "remittent", "socialförvaltningen"), "Socialförvaltningen");
    CHECK_STR(codes_match(c, "bf_boendeform", "bostad  först"), "Bostad Först");
    CHECK(codes_match(c, "bf_boendeform", "Bostad") == NULL);
    CHECK_STR(codes_allowed(c, "svar"), "\"Ja\", \"Nej\", \"Inväntar\"");
    codes_free(c);
    db_close(db);
    sb_free(&err);
}

const struct test db_tests[] = {
    TEST_ENTRY(open_sets_durability_and_schema), TEST_ENTRY(foreign_keys_guard_codes),
    TEST_ENTRY(code_lists_match_folded_and_aliases), TEST_END,
};
