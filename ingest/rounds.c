/*
 * rounds.c: the survey's counts per round (rounds.h).
 *
 * A round is read once, in key order, and its households counted in a
 * tally (common/tally.h) by (hushallstyp, boendesituation), one for those
 * not newly arrived and one for the newly arrived: a GROUP BY would sort
 * the round instead (750 ms and 8 MiB more for the bench's 1M-row survey,
 * against about 18 ms per 100 000-household round here), and there are at
 * most a few hundred such pairs.
 */
#include "ingest/rounds.h"
#include "common/db.h"
#include "common/tally.h"
#include "common/util.h"

#include <stdlib.h>

#define SQL "ingest/sql/kartlaggning.sql"

/* The round's counts by nyanland (0, 1) into kartlaggning_omgang. */
static int store(sqlite3 *db, int round, const struct tally by[2])
{
    sqlite3_stmt *st = db_prepare(db, SQL, "round_store");
    int rc = SQLITE_DONE;
    for (int ny = 0; ny < 2; ny++)
        for (size_t i = 0; i < by[ny].cap && rc == SQLITE_DONE; i++) {
            const struct tally_entry *e = &by[ny].v[i];
            if (!e->row)
                continue;
            sqlite3_reset(st);
            db_bind_int(st, ":omgang", round);
            db_bind_int(st, ":nyanland", ny);
            db_bind_text(st, ":hushallstyp", e->row);
            db_bind_text(st, ":boendesituation", e->col);
            db_bind_int(st, ":antal", e->n);
            rc = db_step(st);
        }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* One round: its old counts go, its households are counted, the counts stored. */
static int count_round(sqlite3 *db, int round, struct strbuf *err)
{
    sqlite3_stmt *st = db_prepare(db, SQL, "round_clear");
    db_bind_int(st, ":omgang", round);
    int rc = db_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return db_error(db, err);
    struct tally by[2] = { { 0 }, { 0 } };      /* by nyanland */
    st = db_prepare(db, SQL, "round_households");
    db_bind_int(st, ":omgang", round);
    while ((rc = db_step(st)) == SQLITE_ROW)
        tally_add(&by[sqlite3_column_int(st, 0) ? 1 : 0], db_col_text(st, 1), db_col_text(st, 2), 1);
    sqlite3_finalize(st);
    int bad = rc != SQLITE_DONE || store(db, round, by);
    tally_free(&by[0]);
    tally_free(&by[1]);
    return bad ? db_error(db, err) : 0;
}

int rounds_count(sqlite3 *db, int64_t file_id, struct strbuf *err)
{
    int *rounds = NULL;
    size_t n = 0, cap = 0;
    sqlite3_stmt *st = db_prepare(db, SQL, "rounds_touched");
    db_bind_int(st, ":file_id", file_id);
    int rc;
    while ((rc = db_step(st)) == SQLITE_ROW) {
        rounds = xgrow(rounds, &cap, n, sizeof *rounds, 16);
        rounds[n++] = sqlite3_column_int(st, 0);
    }
    sqlite3_finalize(st);
    int bad = rc != SQLITE_DONE ? db_error(db, err) : 0;
    for (size_t i = 0; i < n && !bad; i++)
        bad = count_round(db, rounds[i], err);
    free(rounds);
    return bad ? -1 : 0;
}
