/*
 * rounds.c: the survey's counts per round (rounds.h).
 *
 * A round is read once, in key order, and its households counted in a
 * small hash table by (nyanland, hushallstyp, boendesituation): a GROUP BY
 * would sort the round instead (750 ms and 8 MiB more for the bench's
 * 1M-row survey, against about 18 ms per 100 000-household round here),
 * and there are at most a few hundred such triples.
 */
#include "ingest/rounds.h"
#include "common/db.h"
#include "common/util.h"

#include <stdlib.h>
#include <string.h>

#define SQL "ingest/sql/kartlaggning.sql"

struct triple {
    char *typ, *sit;        /* NULL: an empty slot */
    int nyanland;
    int64_t n;
};

struct counts {
    struct triple *slot;
    size_t cap, used;       /* cap a power of two, used < cap / 2 */
};

static uint64_t triple_hash(int nyanland, const char *typ, const char *sit)
{
    uint64_t h = fnv1a(14695981039346656037ULL ^ (uint64_t)nyanland, typ);
    return fnv1a(h ^ 0x1fu, sit);
}

static void counts_grow(struct counts *c);

static void counts_add(struct counts *c, int nyanland, const char *typ, const char *sit)
{
    if (2 * (c->used + 1) > c->cap)
        counts_grow(c);
    size_t i = (size_t)triple_hash(nyanland, typ, sit) & (c->cap - 1);
    for (;; i = (i + 1) & (c->cap - 1)) {
        struct triple *t = &c->slot[i];
        if (!t->typ) {
            t->typ = xstrdup(typ);
            t->sit = xstrdup(sit);
            t->nyanland = nyanland;
            t->n = 1;
            c->used++;
            return;
        }
        if (t->nyanland == nyanland && strcmp(t->typ, typ) == 0 && strcmp(t->sit, sit) == 0) {
            t->n++;
            return;
        }
    }
}

static void counts_grow(struct counts *c)
{
    struct counts bigger = { xcalloc(c->cap ? 2 * c->cap : 64, sizeof *c->slot),
                             c->cap ? 2 * c->cap : 64, 0 };
    for (size_t i = 0; i < c->cap; i++) {
        const struct triple *t = &c->slot[i];
        if (!t->typ)
            continue;
        size_t j = (size_t)triple_hash(t->nyanland, t->typ, t->sit) & (bigger.cap - 1);
        while (bigger.slot[j].typ)
            j = (j + 1) & (bigger.cap - 1);
        bigger.slot[j] = *t;
        bigger.used++;
    }
    free(c->slot);
    *c = bigger;
}

static void counts_free(struct counts *c)
{
    for (size_t i = 0; i < c->cap; i++) {
        free(c->slot[i].typ);
        free(c->slot[i].sit);
    }
    free(c->slot);
    memset(c, 0, sizeof *c);
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
    struct counts c = { 0 };
    st = db_prepare(db, SQL, "round_households");
    db_bind_int(st, ":omgang", round);
    while ((rc = db_step(st)) == SQLITE_ROW)
        counts_add(&c, sqlite3_column_int(st, 0), db_col_text(st, 1), db_col_text(st, 2));
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        counts_free(&c);
        return db_error(db, err);
    }
    st = db_prepare(db, SQL, "round_store");
    for (size_t i = 0; i < c.cap && rc == SQLITE_DONE; i++) {
        const struct triple *t = &c.slot[i];
        if (!t->typ)
            continue;
        sqlite3_reset(st);
        db_bind_int(st, ":omgang", round);
        db_bind_int(st, ":nyanland", t->nyanland);
        db_bind_text(st, ":hushallstyp", t->typ);
        db_bind_text(st, ":boendesituation", t->sit);
        db_bind_int(st, ":antal", t->n);
        rc = db_step(st);
    }
    sqlite3_finalize(st);
    counts_free(&c);
    return rc == SQLITE_DONE ? 0 : db_error(db, err);
}

int rounds_count(sqlite3 *db, int64_t file_id, struct strbuf *err)
{
    int *rounds = NULL;
    size_t n = 0, cap = 0;
    sqlite3_stmt *st = db_prepare(db, SQL, "rounds_touched");
    db_bind_int(st, ":file_id", file_id);
    int rc;
    while ((rc = db_step(st)) == SQLITE_ROW) {
        if (n == cap) {
            cap = cap ? 2 * cap : 16;
            rounds = xrealloc(rounds, cap * sizeof *rounds);
        }
        rounds[n++] = sqlite3_column_int(st, 0);
    }
    sqlite3_finalize(st);
    int bad = rc != SQLITE_DONE ? db_error(db, err) : 0;
    for (size_t i = 0; i < n && !bad; i++)
        bad = count_round(db, rounds[i], err);
    free(rounds);
    return bad ? -1 : 0;
}
