/*
 * crosstab.c: (row, column, n) into a table (crosstab.h).
 */
#include "transform/crosstab.h"
#include "common/db.h"
#include "common/util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int crosstab_rows(struct table *t, sqlite3_stmt *st, struct strbuf *err)
{
    int rc;
    while ((rc = db_step(st)) == SQLITE_ROW) {
        int r = table_add_row(t, db_col_text(st, 0));
        for (size_t k = 0; k < t->ncols; k++)
            table_count(t, (size_t)r, k, 0);
    }
    if (rc != SQLITE_DONE)
        sb_printf(err, "databasfel: %s", db_errmsg_sv(sqlite3_db_handle(st)));
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

int crosstab_cols(struct table *t, sqlite3_stmt *st, struct strbuf *err)
{
    const char **cols = NULL;
    size_t n = 0;
    int rc;
    while ((rc = db_step(st)) == SQLITE_ROW) {
        cols = xrealloc(cols, (n + 2) * sizeof *cols);
        cols[n++] = xstrdup(db_col_text(st, 0));
    }
    cols = xrealloc(cols, (n + 1) * sizeof *cols);
    cols[n] = "Totalt";
    table_set_cols(t, n + 1, cols);
    for (size_t i = 0; i < n; i++)
        free((char *)cols[i]);
    free(cols);
    if (rc != SQLITE_DONE)
        sb_printf(err, "databasfel: %s", db_errmsg_sv(sqlite3_db_handle(st)));
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

void table_shares_of_total(struct table *t, size_t count_col, size_t share_col)
{
    size_t tr = (size_t)t->total_row;
    double all = table_cell(t, tr, count_col)->v;
    for (size_t r = 0; r < t->nrows && all > 0; r++)
        table_share_of(t, r, share_col, 100.0 * table_cell(t, r, count_col)->v / all, r,
                       count_col, tr, count_col);
}

int table_add_total_row(struct table *t)
{
    int tr = table_add_row(t, "Totalt");
    for (size_t c = 0; c < t->ncols; c++) {
        double sum = 0;
        for (size_t r = 0; r < (size_t)tr; r++)
            sum += table_cell(t, r, c)->v;
        table_count(t, (size_t)tr, c, (long long)sum);
    }
    t->total_row = tr;
    return tr;
}

int crosstab_add(struct table *t, const char *rl, const char *cl, double n, size_t ndata,
                 struct strbuf *err)
{
    int c = table_find_col(t, cl);
    if (c < 0 || (size_t)c >= ndata) {
        sb_printf(err, "tabellen %s saknar kolumnen \"%s\"", t->name, cl);
        return -1;
    }
    int r = table_find_row(t, rl);
    if (r < 0) {
        r = table_add_row(t, rl);
        for (size_t k = 0; k < t->ncols; k++)
            table_count(t, (size_t)r, k, 0);
    }
    table_cell(t, (size_t)r, (size_t)c)->v += n;
    return 0;
}

void crosstab_totals(struct table *t, size_t ndata, int total_col, int total_row)
{
    if (total_col) {
        t->total_col = (int)ndata;
        for (size_t r = 0; r < t->nrows; r++) {
            double sum = 0;
            for (size_t c = 0; c < ndata; c++)
                sum += table_cell(t, r, c)->v;
            table_count(t, r, ndata, (long long)sum);
        }
    }
    if (total_row)
        table_add_total_row(t);
}

int crosstab_fill(struct table *t, sqlite3_stmt *st, size_t ndata, int total_col, int total_row,
                  struct strbuf *err)
{
    int rc;
    while ((rc = db_step(st)) == SQLITE_ROW)
        if (crosstab_add(t, db_col_text(st, 0), db_col_text(st, 1),
                         (double)sqlite3_column_int64(st, 2), ndata, err)) {
            sqlite3_reset(st);
            return -1;
        }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        sb_printf(err, "databasfel: %s", db_errmsg_sv(sqlite3_db_handle(st)));
        return -1;
    }
    crosstab_totals(t, ndata, total_col, total_row);
    return 0;
}

struct ranked {
    const char *label;
    long long sort;
};

static int cmp_ranked(const void *a, const void *b)
{
    return strcmp(((const struct ranked *)a)->label, ((const struct ranked *)b)->label);
}

int ranks_load(struct ranks *r, sqlite3_stmt *st, struct strbuf *err)
{
    memset(r, 0, sizeof *r);
    size_t n = 0, cap = 16;
    struct ranked *v = xmalloc(cap * sizeof *v);
    int rc;
    while ((rc = db_step(st)) == SQLITE_ROW) {
        if (n == cap) {
            cap *= 2;
            v = xrealloc(v, cap * sizeof *v);
        }
        v[n++] = (struct ranked){ xstrdup(db_col_text(st, 0)), sqlite3_column_int64(st, 1) };
    }
    if (rc != SQLITE_DONE)
        sb_printf(err, "databasfel: %s", db_errmsg_sv(sqlite3_db_handle(st)));
    sqlite3_finalize(st);
    qsort(v, n, sizeof *v, cmp_ranked);
    r->label = xmalloc((n ? n : 1) * sizeof *r->label);
    r->sort = xmalloc((n ? n : 1) * sizeof *r->sort);
    for (size_t i = 0; i < n; i++) {
        r->label[i] = (char *)v[i].label;
        r->sort[i] = v[i].sort;
    }
    r->n = n;
    free(v);
    if (rc != SQLITE_DONE) {
        ranks_free(r);
        return -1;
    }
    return 0;
}

const long long *ranks_find(const struct ranks *r, const char *label)
{
    size_t lo = 0, hi = r->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(label, r->label[mid]);
        if (c == 0)
            return &r->sort[mid];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

void ranks_free(struct ranks *r)
{
    for (size_t i = 0; i < r->n; i++)
        free(r->label[i]);
    free(r->label);
    free(r->sort);
    memset(r, 0, sizeof *r);
}

struct placed {
    const struct tally_entry *e;
    long long key;
};

/* By sort key, then row label, then column label: one order for any ties. */
static int cmp_placed(const void *a, const void *b)
{
    const struct placed *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    int c = strcmp(x->e->row, y->e->row);
    return c ? c : strcmp(x->e->col, y->e->col);
}

int tally_fill(struct table *t, const struct tally *ta, const struct ranks *order, size_t ndata,
               int total_col, int total_row, struct strbuf *err)
{
    struct placed *v = xmalloc((ta->n ? ta->n : 1) * sizeof *v);
    size_t n = 0;
    for (size_t i = 0; i < ta->cap; i++) {
        const struct tally_entry *e = &ta->v[i];
        if (!e->row)
            continue;
        const long long *key = order ? ranks_find(order, e->row) : NULL;
        if (order && !key) {
            sb_printf(err, "tabellen %s: \"%s\" saknas i referensdatan", t->name, e->row);
            free(v);
            return -1;
        }
        v[n++] = (struct placed){ e, key ? *key : 0 };
    }
    if (n)
        qsort(v, n, sizeof *v, cmp_placed);
    for (size_t i = 0; i < n; i++)
        if (crosstab_add(t, v[i].e->row, v[i].e->col, (double)v[i].e->n, ndata, err)) {
            free(v);
            return -1;
        }
    free(v);
    crosstab_totals(t, ndata, total_col, total_row);
    return 0;
}

int crosstab_unit_add(const struct crosstab_units *u, const char *r1, const char *r2,
                      const char *col, const char *unit, struct strbuf *key, struct strbuf *err)
{
    sb_reset(key);
    sb_adds(key, u->prefix);
    sb_adds(key, unit);
    if (u->fill && crosstab_add(u->t1, r1, col, 1, u->fill, err))
        return -1;
    if (table_unit_at(u->t1, r1, col, key->buf) || (u->t2 && table_unit_at(u->t2, r2, col, key->buf))) {
        if (!err->len)
            sb_printf(err, "internt fel: en rad räknas inte i tabellen %s", u->t1->name);
        return -1;
    }
    return 0;
}

int crosstab_units(sqlite3 *db, sqlite3_stmt *st, const struct crosstab_units *u, struct strbuf *err)
{
    struct strbuf key = STRBUF_INIT;
    int rc, bad = 0;
    while (!bad && (rc = db_step(st)) == SQLITE_ROW)
        bad = crosstab_unit_add(u, db_col_text(st, u->r1), u->t2 ? db_col_text(st, u->r2) : NULL,
                                db_col_text(st, u->c), db_col_text(st, u->k), &key, err);
    sqlite3_finalize(st);
    sb_free(&key);
    if (bad)
        return -1;
    return rc == SQLITE_DONE ? 0 : db_error(db, err);
}
