/*
 * unit_db.c: the database's settings, migrations and code lists.
 */
#include "common/db.h"
#include "common/util.h"
#include "ingest/codes.h"
#include "ingest/ingest.h"
#include "ingest/kinds.h"
#include "tests/unit.h"

#include <errno.h>
#include <stdio.h>

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
    CHECK_INT(pragma(db, "PRAGMA busy_timeout"), DB_BUSY_DEFAULT_S * 1000);
    CHECK_INT(pragma(db, "PRAGMA user_version"), db_schema_version);
    CHECK_INT(pragma(db, "PRAGMA page_size"), 8192);   /* a new database's (db.c) */
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
    unlink(path);
    /* A database made with other pages (an older fotstat's 4 KiB) keeps them. */
    sqlite3 *old;
    CHECK_INT(sqlite3_open(path, &old), SQLITE_OK);
    sqlite3_exec(old, "PRAGMA page_size = 4096; CREATE TABLE x(y); DROP TABLE x;", NULL, NULL, NULL);
    sqlite3_close(old);
    CHECK_INT(db_open(path, &db, &err), 0);
    CHECK_INT(pragma(db, "PRAGMA page_size"), 4096);
    CHECK_INT(pragma(db, "PRAGMA user_version"), db_schema_version);
    db_close(db);
    sb_free(&err);
    unlink(path);
    free(path);
}

TEST(sqlite_failures_said_in_swedish)
{
    CHECK_STR(db_errstr_sv(SQLITE_FULL, 0), "disken är full; frigör utrymme och kör igen");
    CHECK_STR(db_errstr_sv(SQLITE_IOERR_WRITE, ENOSPC), "disken är full; frigör utrymme och kör igen");
    CHECK_STR(db_errstr_sv(SQLITE_IOERR_WRITE, EFBIG), "läs- eller skrivfel på disken: filen är för stor");
    CHECK_STR(db_errstr_sv(SQLITE_IOERR_NOMEM, 0), "slut på minne");
    CHECK_STR(db_errstr_sv(SQLITE_NOMEM, 0), "slut på minne");
    CHECK(strstr(db_errstr_sv(SQLITE_BUSY_SNAPSHOT, 0), "låst av en annan körning") != NULL);
    CHECK(strstr(db_errstr_sv(SQLITE_CORRUPT_INDEX, 0), "skadad") != NULL);
    CHECK_STR(db_errstr_sv(SQLITE_CANTOPEN, EACCES), "kan inte öppna databasfilen: behörighet saknas");
    CHECK_STR(db_errstr_sv(SQLITE_READONLY_DBMOVED, 0), "databasen kan bara läsas");
    CHECK_STR(db_errstr_sv(SQLITE_SCHEMA, 0),
              "oväntat databasfel (SQLite-kod 17); rapportera det till fotstats förvaltare");
    /* Every code SQLite has: never its own English words. */
    for (int code = 1; code < 30; code++) {
        const char *m = db_errstr_sv(code, 0);
        if (strstr(m, sqlite3_errstr(code)) != NULL || strstr(m, "error") != NULL)
            unit_fail(__FILE__, __LINE__, "code %d: %s", code, m);
    }
    CHECK_STR(errno_sv(EHWPOISON), "systemfel nummer 133");
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
    if (!c)
        return;
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

/*
 * The ingest loads with SQLite's reference checks off (ingest/sql/bulk.sql)
 * because it keeps them itself.  That holds only if every reference of a
 * fact table is either source_file_id or a code column whose list is a
 * subset of the referenced table: both are checked here, for every kind.
 */
TEST(ingest_keeps_every_reference)
{
    struct strbuf err = STRBUF_INIT;
    sqlite3 *db;
    CHECK_INT(db_open(":memory:", &db, &err), 0);
    for (size_t k = 0; k < nkinds; k++) {
        const struct kind *kd = kinds[k];
        sqlite3_stmt *fk;
        char *sql = sqlite3_mprintf("SELECT \"from\", \"table\", \"to\" FROM pragma_foreign_key_list('%q')",
                                    kd->table);
        CHECK_INT(sqlite3_prepare_v2(db, sql, -1, &fk, NULL), SQLITE_OK);
        sqlite3_free(sql);
        int refs = 0;
        while (sqlite3_step(fk) == SQLITE_ROW) {
            const char *from = db_col_text(fk, 0), *table = db_col_text(fk, 1), *to = db_col_text(fk, 2);
            refs++;
            if (strcmp(from, "source_file_id") == 0) {
                CHECK_STR(table, "source_file");
                continue;
            }
            const struct colspec *c = NULL;
            for (size_t i = 0; i < kd->ncols; i++)
                if (strcmp(kd->cols[i].param + 1, from) == 0)
                    c = &kd->cols[i];
            if (!c || c->type != COL_CODE) {
                unit_fail(__FILE__, __LINE__, "%s.%s references %s but is not a code column",
                          kd->table, from, table);
                continue;
            }
            sqlite3_stmt *st;
            sql = sqlite3_mprintf("SELECT count(*), sum(label NOT IN (SELECT \"%w\" FROM \"%w\")) "
                                  "FROM ref_code WHERE list = ?1", to, table);
            CHECK_INT(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
            sqlite3_free(sql);
            sqlite3_bind_text(st, 1, c->list, -1, SQLITE_STATIC);
            CHECK_INT(sqlite3_step(st), SQLITE_ROW);
            if (sqlite3_column_int(st, 0) == 0 || sqlite3_column_int(st, 1) != 0)
                unit_fail(__FILE__, __LINE__, "list %s (%d labels) is not within %s.%s (%d outside)",
                          c->list, sqlite3_column_int(st, 0), table, to, sqlite3_column_int(st, 1));
            sqlite3_finalize(st);
        }
        sqlite3_finalize(fk);
        CHECK(refs > 0);
    }
    db_close(db);
    sb_free(&err);
}

/* An ingest, loaded or failed, leaves SQLite's own reference checks on. */
TEST(ingest_turns_references_back_on)
{
    struct strbuf err = STRBUF_INIT;
    sqlite3 *db;
    char *path = temp_db();
    CHECK_INT(db_open(path, &db, &err), 0);
    struct strbuf csv = STRBUF_INIT, key = STRBUF_INIT;
    sb_printf(&csv, "%s.csv", path);
    sb_printf(&key, "%s.key", path);
    struct ingest_opts o = { .key_file = key.buf };
    struct ingest_result r;
    static const char *const files[] = { "År;Kategori;Mål\n2021;FoT;400\n", "Namn;Adress\nx;y\n" };
    static const int want[] = { INGEST_OK, INGEST_FAILED };
    for (size_t i = 0; i < 2; i++) {
        FILE *f = fopen(csv.buf, "w");
        CHECK(f != NULL);
        if (!f)
            break;
        fputs(files[i], f);
        fclose(f);
        CHECK_INT(ingest_file(db, csv.buf, &o, &r), want[i]);
        CHECK_INT(pragma(db, "PRAGMA foreign_keys"), 1);
    }
    CHECK_INT(pragma(db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
    CHECK_INT(pragma(db, "SELECT count(*) FROM arsmal"), 1);
    db_close(db);
    unlink(csv.buf);
    unlink(path);
    sb_free(&csv);
    sb_free(&key);
    sb_free(&err);
    free(path);
}

/* The remembered answers of codes_match are the answers of the search. */
TEST(code_match_memo_same_answers)
{
    struct strbuf err = STRBUF_INIT;
    sqlite3 *db;
    CHECK_INT(db_open(":memory:", &db, &err), 0);
    struct codes *c = codes_load(db);
    CHECK(c != NULL);
    if (!c)
        return;
    static const char *const lists[] = { "organisation", "stadsdelsnamnd", "remittent", "bf_boendeform" };
    static const char *const cells[] = { "SHIS", "bromma", "Bromma ", "Försökslägenhet", "ÄLVSJÖ",
                                         "Socialförvaltningen", "x", "" };
    const char *first[4][8];
    char cell[64];
    /* Three rounds over every pair: the first asks the search, the others the memo. */
    for (int round = 0; round < 3; round++)
        for (size_t l = 0; l < 4; l++)
            for (size_t i = 0; i < 8; i++) {
                snprintf(cell, sizeof cell, "%s", cells[i]);    /* a buffer the memo must not keep */
                const char *got = codes_match(c, lists[l], cell);
                memset(cell, 'z', sizeof cell - 1);
                if (round == 0)
                    first[l][i] = got;
                else if (got != first[l][i])
                    unit_fail(__FILE__, __LINE__, "%s/%s: %s, first %s", lists[l], cells[i],
                              got ? got : "NULL", first[l][i] ? first[l][i] : "NULL");
            }
    CHECK_STR(first[0][0], "SHIS");
    CHECK(first[1][0] == NULL);
    CHECK_STR(first[1][4], "Hägersten-Älvsjö");
    CHECK(first[3][6] == NULL);
    codes_free(c);
    db_close(db);
    sb_free(&err);
}

const struct test db_tests[] = {
    TEST_ENTRY(open_sets_durability_and_schema), TEST_ENTRY(sqlite_failures_said_in_swedish),
    TEST_ENTRY(foreign_keys_guard_codes),
    TEST_ENTRY(code_lists_match_folded_and_aliases), TEST_ENTRY(ingest_keeps_every_reference),
    TEST_ENTRY(ingest_turns_references_back_on), TEST_ENTRY(code_match_memo_same_answers), TEST_END,
};
