/*
 * publications.c: the register of publications (publications.h), from
 * publications.sql.
 */
#include "transform/publications.h"
#include "common/db.h"
#include "common/sha256.h"
#include "common/util.h"
#include "report/csvout.h"
#include "report/series.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define SQL "transform/sql/publications.sql"

/* The publication being recorded: one at a time per process. */
static long long current_id;

/* One figure of the tidy CSV into the register, with its rows (csv_each_figure). */
struct figure_ctx {
    sqlite3_stmt *st, *unit;
    long long id, nr;
};

static int add_figure(void *ctx, const struct table *t, size_t r, size_t c, const char *varde)
{
    struct figure_ctx *fc = ctx;
    sqlite3_stmt *st = fc->st;
    db_bind_int(st, ":id", fc->id);
    db_bind_int(st, ":nr", ++fc->nr);
    db_bind_text(st, ":tabell", t->name);
    db_bind_text(st, ":rad", t->rows[r]);
    db_bind_text(st, ":kolumn", t->cols[c]);
    db_bind_text(st, ":varde", varde);
    int rc = db_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return -1;
    if (!series_is_count(t, r, c))
        return 0;
    for (size_t e = 0; e < t->units->n; e++) {
        if (!series_unit_in(t, e, r, c))
            continue;
        db_bind_int(fc->unit, ":id", fc->id);
        db_bind_int(fc->unit, ":nr", fc->nr);
        db_bind_text(fc->unit, ":unit", t->units->text.buf + t->units->key[e]);
        rc = db_step(fc->unit);
        sqlite3_reset(fc->unit);
        if (rc != SQLITE_DONE)
            return -1;
    }
    return 0;
}

int publications_begin(sqlite3 *db, const struct publication_draft *d, const struct report *rep,
                       struct strbuf *err)
{
    if (db_begin(db, err))
        return -1;
    sqlite3_stmt *st = db_prepare(db, SQL, "add");
    db_bind_text(st, ":report", rep->name);
    db_bind_text(st, ":period", rep->period);
    db_bind_text(st, ":through", rep->through);     /* NULL binds NULL */
    db_bind_text(st, ":options", d->options);
    db_bind_int(st, ":suppress", rep->suppress);
    db_bind_text(st, ":title", rep->title);
    db_bind_int(st, ":data_file_id", d->data_file_id);
    db_bind_text(st, ":as_of", d->as_of);
    db_bind_text(st, ":out_dir", d->out_dir);
    int rc = db_step(st);
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE) {
        current_id = sqlite3_last_insert_rowid(db);
        struct figure_ctx fc = { db_prepare(db, SQL, "add_figure"), db_prepare(db, SQL, "add_unit"),
                                 current_id, 0 };
        rc = csv_each_figure(rep, add_figure, &fc) ? SQLITE_ERROR : SQLITE_DONE;
        sqlite3_finalize(fc.st);
        sqlite3_finalize(fc.unit);
    }
    if (rc != SQLITE_DONE) {
        sb_adds(err, "kan inte registrera publiceringen: ");
        db_error(db, err);
        db_rollback(db);
        return -1;
    }
    return 0;
}

int publications_add_file(sqlite3 *db, const char *path, const char *name, struct strbuf *err)
{
    char hex[2 * SHA256_BYTES + 1];
    long long size;
    if (sha256_file(path, hex, &size)) {
        sb_printf(err, "kan inte läsa \"%s\" för registret: %s", name, errno_sv(errno));
        return -1;
    }
    sqlite3_stmt *st = db_prepare(db, SQL, "add_file");
    db_bind_int(st, ":id", current_id);
    db_bind_text(st, ":name", name);
    db_bind_text(st, ":sha256", hex);
    db_bind_int(st, ":size", size);
    int rc = db_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        sb_adds(err, "kan inte registrera publiceringen: ");
        return db_error(db, err);
    }
    return 0;
}

int publications_end(sqlite3 *db, int commit, struct strbuf *err)
{
    current_id = 0;
    if (!commit) {
        db_rollback(db);
        return 0;
    }
    if (db_commit(db, err)) {
        db_rollback(db);
        return -1;
    }
    return 0;
}

int publications_any(sqlite3 *db)
{
    sqlite3_stmt *st = db_prepare(db, SQL, "any");
    int any = db_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return any;
}

int publications_series(sqlite3 *db, struct series *s, struct strbuf *err)
{
    sqlite3_stmt *st = db_prepare(db, SQL, "series_pubs");
    struct strbuf label = STRBUF_INIT;
    long long *ids = NULL;
    size_t n = 0;
    int rc;
    while ((rc = db_step(st)) == SQLITE_ROW) {
        sb_reset(&label);
        sb_printf(&label, "%s %s (nr %lld)", db_col_text(st, 1), db_col_text(st, 2),
                  (long long)sqlite3_column_int64(st, 0));
        ids = xrealloc(ids, (n + 1) * sizeof *ids);
        ids[n] = sqlite3_column_int64(st, 0);
        series_add_pub(s, ids[n++], label.buf, (const char *)sqlite3_column_text(st, 3));
    }
    sqlite3_finalize(st);
    sb_free(&label);
    if (rc == SQLITE_DONE) {
        st = db_prepare(db, SQL, "series_counts");
        struct series_count *c = NULL;
        long long pub = -1, nr = -1;
        size_t pi = 0;
        while ((rc = db_step(st)) == SQLITE_ROW) {
            long long p = sqlite3_column_int64(st, 0), k = sqlite3_column_int64(st, 1);
            if (p != pub || k != nr) {
                while (pi < n && ids[pi] != p)
                    pi++;
                if (pi == n)
                    break;      /* ordered as series_pubs: cannot happen */
                c = series_add_count(s, pi, db_col_text(st, 2), db_col_text(st, 3),
                                     db_col_text(st, 4), strcmp(db_col_text(st, 5), "..") == 0);
                pub = p, nr = k;
            }
            series_count_add_unit(s, c, db_col_text(st, 6));
        }
        sqlite3_finalize(st);
    }
    free(ids);
    return rc == SQLITE_DONE ? 0 : db_error(db, err);
}

int publications_table(sqlite3 *db, struct table **out, struct strbuf *err)
{
    static const char *const cols[] = {
        "Rapport", "Period", "Flaggor", "Publicerad (UTC)", "Uppgifterna enligt", "Filer", "Tal",
        "Dolda", "Skydd", "Mapp",
    };
    struct table *t = table_new("publiceringar", "Publicerat (registret)");
    table_set_stub(t, "Nr");
    table_set_cols(t, ARRAY_LEN(cols), cols);
    *out = NULL;
    sqlite3_stmt *st = db_prepare(db, SQL, "list");
    int rc;
    while ((rc = db_step(st)) == SQLITE_ROW) {
        size_t r = (size_t)table_add_row(t, db_col_text(st, 0));
        for (int c = 0; c < 4; c++)
            table_text(t, r, (size_t)c, db_col_text(st, c + 1));
        struct strbuf when = STRBUF_INIT;
        if (sqlite3_column_type(st, 5) != SQLITE_NULL)
            sb_printf(&when, "--as-of %s", db_col_text(st, 5));
        else if (sqlite3_column_type(st, 6) != SQLITE_NULL)
            sb_printf(&when, "%s (inläst %s)", db_col_text(st, 6), db_col_text(st, 7));
        table_text(t, r, 4, when.buf);
        sb_free(&when);
        for (int c = 0; c < 3; c++)
            table_count(t, r, (size_t)c + 5, sqlite3_column_int64(st, c + 8));
        struct strbuf supp = STRBUF_INIT;
        sb_printf(&supp, "--suppress %lld", (long long)sqlite3_column_int64(st, 11));
        table_text(t, r, 8, supp.buf);
        sb_free(&supp);
        table_text(t, r, 9, db_col_text(st, 12));
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        sb_printf(err, "databasfel: %s", db_errmsg_sv(db));
        table_free(t);
        return -1;
    }
    if (t->nrows == 0)
        table_free(t);
    else
        *out = t;
    return 0;
}
