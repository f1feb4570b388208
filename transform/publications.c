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

/* Where a table's counts went in the tidy CSV: nr by (r, c), 0 for none. */
struct table_nrs {
    const struct table *t;
    long long *nr;
};

/* One figure of the tidy CSV into the register (csv_each_figure), remembering the counts' numbers. */
struct figure_ctx {
    sqlite3_stmt *st;
    long long id, nr;
    struct table_nrs *tables;
    size_t ntables;
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
    const char *prints = series_prints(t);
    const char *print = prints ? prints + (r * t->ncols + c) * SERIES_PRINT_LEN : "";
    db_bind_text(st, ":rader", *print ? print : NULL);
    int rc = db_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return -1;
    if (!series_is_count(t, r, c))
        return 0;
    if (!fc->ntables || fc->tables[fc->ntables - 1].t != t) {
        fc->tables = xrealloc(fc->tables, (fc->ntables + 1) * sizeof *fc->tables);
        fc->tables[fc->ntables].t = t;
        fc->tables[fc->ntables++].nr = xcalloc(t->nrows * t->ncols + 1, sizeof(long long));
    }
    fc->tables[fc->ntables - 1].nr[r * t->ncols + c] = fc->nr;
    return 0;
}

/*
 * The groups of the rows keys[0..n-1] (grp[i], 0 for none: no publication
 * counted it), all in one join: the keys go to a TEMP table (a read-only
 * connection may write those), inside a transaction of their own unless
 * one is open, rather than one lookup and one lock each.  Returns 0, or
 * -1 with a Swedish message in err.
 */
static int rows_groups(sqlite3 *db, char *const *keys, size_t n, long long *grp, struct strbuf *err)
{
    for (size_t i = 0; i < n; i++)
        grp[i] = 0;
    int own = sqlite3_get_autocommit(db);
    if (db_exec(db, SQL, "lookup_table", err) || (own && db_exec(db, SQL, "lookup_begin", err)))
        return -1;
    sqlite3_stmt *add = db_prepare(db, SQL, "lookup_add");
    int rc = SQLITE_DONE;
    for (size_t i = 0; i < n && rc == SQLITE_DONE; i++) {
        db_bind_text(add, ":unit", keys[i]);
        db_bind_int(add, ":i", (long long)i);
        rc = db_step(add);
        sqlite3_reset(add);
    }
    sqlite3_finalize(add);
    if (rc == SQLITE_DONE) {
        sqlite3_stmt *st = db_prepare(db, SQL, "lookup_groups");
        while ((rc = db_step(st)) == SQLITE_ROW) {
            long long i = sqlite3_column_int64(st, 0);
            if (i >= 0 && (size_t)i < n)
                grp[i] = sqlite3_column_int64(st, 1);
        }
        sqlite3_finalize(st);
    }
    if (rc != SQLITE_DONE) {
        sb_adds(err, "kan inte läsa registret över publiceringar: ");
        db_error(db, err);
    }
    struct strbuf ignore = STRBUF_INIT;
    db_exec(db, SQL, "lookup_clear", &ignore);
    if (own)
        db_exec(db, SQL, "lookup_end", &ignore);
    sb_free(&ignore);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* A group of the register being made: the old group and the counts of this publication. */
struct new_group {
    long long old, grp;     /* the rows' group before (0: none), and the new one's id */
    long long *nr;          /* the counts of this publication its rows are in, sorted */
    size_t n;
    long long rows;
};

static int ll_cmp(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return (x > y) - (x < y);
}

/* Inserts the new group ng of publication id: its row, the old group's counts, and its own; SQLite's code. */
static int group_insert(sqlite3 *db, long long id, struct new_group *ng, sqlite3_stmt *add, sqlite3_stmt *copy,
                        sqlite3_stmt *count)
{
    int rc = db_step(add);
    sqlite3_reset(add);
    ng->grp = sqlite3_last_insert_rowid(db);
    if (rc == SQLITE_DONE && ng->old) {
        db_bind_int(copy, ":grp", ng->grp);
        db_bind_int(copy, ":old", ng->old);
        rc = db_step(copy);
        sqlite3_reset(copy);
    }
    for (size_t j = 0; j < ng->n && rc == SQLITE_DONE; j++) {
        db_bind_int(count, ":grp", ng->grp);
        db_bind_int(count, ":id", id);
        db_bind_int(count, ":nr", ng->nr[j]);
        rc = db_step(count);
        sqlite3_reset(count);
    }
    return rc;
}

/* The rows moved out of each new group's old group, then the emptied groups dropped; SQLite's code. */
static int groups_settle(sqlite3 *db, const struct new_group *groups, size_t ngroups)
{
    int rc = SQLITE_DONE;
    sqlite3_stmt *move = db_prepare(db, SQL, "move_rows");
    for (size_t g = 0; g < ngroups && rc == SQLITE_DONE; g++) {
        db_bind_int(move, ":grp", groups[g].grp);
        db_bind_int(move, ":old", groups[g].old);
        db_bind_int(move, ":rows", groups[g].rows);
        rc = db_step(move);
        sqlite3_reset(move);
    }
    sqlite3_finalize(move);
    static const char *const drop[] = { "drop_empty_group_counts", "drop_empty_groups" };
    for (size_t i = 0; i < 2 && rc == SQLITE_DONE; i++) {
        sqlite3_stmt *d = db_prepare(db, SQL, drop[i]);
        rc = db_step(d);
        sqlite3_finalize(d);
    }
    return rc;
}

/*
 * The writing half of record_groups: row u (rows->keys[u], in group was[u]
 * before, 0 for none) goes into the group of (was[u], the counts nrs[u]
 * of publication id), made when new; then the emptied groups are dropped.
 * Takes the count lists it keeps (nrs[u] set to NULL).  Returns 0, or -1
 * with a Swedish message in err.
 */
static int move_into_groups(sqlite3 *db, long long id, const struct series_keys *rows, long long **nrs,
                            size_t *nn, const long long *was, struct strbuf *err)
{
    sqlite3_stmt *set = db_prepare(db, SQL, "set_member"),
                 *add = db_prepare(db, SQL, "add_group"), *copy = db_prepare(db, SQL, "copy_group"),
                 *count = db_prepare(db, SQL, "add_group_count");
    struct series_keys names = { 0 };   /* "old:nr,nr,...": the new groups */
    struct new_group *groups = xcalloc(1, sizeof *groups);
    size_t ngroups = 0;
    struct strbuf name = STRBUF_INIT;
    int rc = SQLITE_DONE;
    for (uint32_t u = 0; u < rows->n && rc == SQLITE_DONE; u++) {
        qsort(nrs[u], nn[u], sizeof **nrs, ll_cmp);
        size_t k = 0;
        for (size_t j = 0; j < nn[u]; j++)
            if (k == 0 || nrs[u][k - 1] != nrs[u][j])
                nrs[u][k++] = nrs[u][j];
        nn[u] = k;
        long long old = was[u];
        sb_reset(&name);
        sb_printf(&name, "%lld:", old);
        for (size_t j = 0; j < nn[u]; j++)
            sb_printf(&name, "%s%lld", j ? "," : "", nrs[u][j]);
        int made;
        uint32_t g = series_keys_add(&names, name.buf, &made);
        if (made) {
            groups = xrealloc(groups, (ngroups + 1) * sizeof *groups);
            struct new_group *ng = &groups[ngroups++];
            ng->old = old, ng->nr = nrs[u], ng->n = nn[u], ng->rows = 0;
            nrs[u] = NULL;
            rc = group_insert(db, id, ng, add, copy, count);
        }
        groups[g].rows++;
        if (rc == SQLITE_DONE) {
            db_bind_text(set, ":unit", rows->keys[u]);
            db_bind_int(set, ":grp", groups[g].grp);
            rc = db_step(set);
            sqlite3_reset(set);
        }
    }
    sqlite3_finalize(set);
    sqlite3_finalize(add);
    sqlite3_finalize(copy);
    sqlite3_finalize(count);
    if (rc == SQLITE_DONE)
        rc = groups_settle(db, groups, ngroups);
    for (size_t g = 0; g < ngroups; g++)
        free(groups[g].nr);
    free(groups);
    series_keys_free(&names);
    sb_free(&name);
    if (rc != SQLITE_DONE) {
        sb_adds(err, "kan inte registrera publiceringen: ");
        db_error(db, err);
        return -1;
    }
    return 0;
}

/*
 * Moves each row this publication counted into the group of (its old
 * group, the counts it is in here), making the groups as needed, and drops
 * the groups left empty (migration 013).  Returns 0, or -1 with a Swedish
 * message in err.
 */
static int record_groups(sqlite3 *db, long long id, const struct figure_ctx *fc, struct strbuf *err)
{
    /* Each row once, with the counts it is in. */
    struct series_keys rows = { 0 };
    size_t cap = 1024;
    long long **nrs = xcalloc(cap, sizeof *nrs);
    size_t *nn = xcalloc(cap, sizeof *nn);
    size_t *rr = NULL, *cc = NULL;
    for (size_t i = 0; i < fc->ntables; i++) {
        const struct table *t = fc->tables[i].t;
        rr = xrealloc(rr, 2 * (t->ncols + 1) * sizeof *rr);
        cc = xrealloc(cc, 2 * (t->ncols + 1) * sizeof *cc);
        for (size_t e = 0; e < t->units->n; e++) {
            int made;
            uint32_t u = series_keys_add(&rows, t->units->text.buf + t->units->key[e], &made);
            if (u >= cap) {
                cap *= 2;
                nrs = xrealloc(nrs, cap * sizeof *nrs);
                nn = xrealloc(nn, cap * sizeof *nn);
            }
            if (made) {
                nrs[u] = NULL;
                nn[u] = 0;
            }
            size_t k = series_unit_cells(t, e, rr, cc);
            nrs[u] = xrealloc(nrs[u], (nn[u] + k + 1) * sizeof **nrs);
            for (size_t j = 0; j < k; j++)
                nrs[u][nn[u]++] = fc->tables[i].nr[rr[j] * t->ncols + cc[j]];
        }
    }
    free(rr);
    free(cc);
    long long *was = xcalloc(rows.n + 1, sizeof *was);
    int rc = rows_groups(db, rows.keys, rows.n, was, err) ? -1
                                                            : move_into_groups(db, id, &rows, nrs, nn, was, err);
    for (uint32_t u = 0; u < rows.n; u++)
        free(nrs[u]);
    free(nrs);
    free(nn);
    free(was);
    series_keys_free(&rows);
    return rc;
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
        struct figure_ctx fc = { db_prepare(db, SQL, "add_figure"), current_id, 0, NULL, 0 };
        rc = csv_each_figure(rep, add_figure, &fc) ? SQLITE_ERROR : SQLITE_DONE;
        sqlite3_finalize(fc.st);
        int failed = rc == SQLITE_DONE && record_groups(db, current_id, &fc, err);
        for (size_t i = 0; i < fc.ntables; i++)
            free(fc.tables[i].nr);
        free(fc.tables);
        if (failed) {
            db_rollback(db);
            return -1;
        }
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
    return db_one_int(st, 0) != 0;
}

/* The register's groups as units of the series, and how to find a row's (series.find). */
struct groups {
    sqlite3 *db;
    long long *grp;         /* sorted */
    uint32_t *unit;
    size_t n;
};

/* The unit of group grp, or SERIES_NONE. */
static uint32_t group_unit(const struct groups *g, long long grp)
{
    size_t lo = 0, hi = g->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (g->grp[mid] < grp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < g->n && g->grp[lo] == grp ? g->unit[lo] : SERIES_NONE;
}

static int find_groups(void *ctx, char *const *keys, size_t n, uint32_t *units, struct strbuf *err)
{
    struct groups *g = ctx;
    long long *grp = xcalloc(n + 1, sizeof *grp);
    int rc = rows_groups(g->db, keys, n, grp, err);
    for (size_t i = 0; i < n; i++)
        units[i] = grp[i] ? group_unit(g, grp[i]) : SERIES_NONE;
    free(grp);
    return rc;
}

static void free_groups(void *ctx)
{
    struct groups *g = ctx;
    free(g->grp);
    free(g->unit);
    free(g);
}

/* The index of count (pub, nr) among the n loaded, sorted by both; n if none. */
static size_t count_at(const long long *pub, const long long *nr, size_t n, long long p, long long k)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (pub[mid] < p || (pub[mid] == p && nr[mid] < k))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && pub[lo] == p && nr[lo] == k ? lo : n;
}

static int load_series(void *ctx, struct series *s, struct strbuf *err)
{
    sqlite3 *db = ctx;
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
    /* The counts, in (publication, nr) order, to find each group's. */
    long long *cpub = NULL, *cnr = NULL;
    size_t nc = 0, pi = 0;
    if (rc == SQLITE_DONE) {
        st = db_prepare(db, SQL, "series_counts");
        while ((rc = db_step(st)) == SQLITE_ROW) {
            long long p = sqlite3_column_int64(st, 0);
            while (pi < n && ids[pi] != p)
                pi++;
            if (pi == n)
                break;      /* ordered as series_pubs: cannot happen */
            series_add_count(s, pi, db_col_text(st, 2), db_col_text(st, 3), db_col_text(st, 4),
                             strcmp(db_col_text(st, 5), "..") == 0);
            cpub = xrealloc(cpub, (nc + 1) * sizeof *cpub);
            cnr = xrealloc(cnr, (nc + 1) * sizeof *cnr);
            cpub[nc] = p;
            cnr[nc++] = sqlite3_column_int64(st, 1);
        }
        sqlite3_finalize(st);
    }
    struct groups *g = xcalloc(1, sizeof *g);
    if (rc == SQLITE_DONE) {
        st = db_prepare(db, SQL, "series_groups");
        long long last = 0;
        while ((rc = db_step(st)) == SQLITE_ROW) {
            long long grp = sqlite3_column_int64(st, 0);
            if (!g->n || grp != last) {
                g->grp = xrealloc(g->grp, (g->n + 1) * sizeof *g->grp);
                g->unit = xrealloc(g->unit, (g->n + 1) * sizeof *g->unit);
                g->grp[g->n] = grp;
                g->unit[g->n++] = series_group(s, (long)sqlite3_column_int64(st, 1));
                last = grp;
            }
            size_t c = count_at(cpub, cnr, nc, sqlite3_column_int64(st, 2), sqlite3_column_int64(st, 3));
            if (c < nc)
                series_count_add(&s->counts[c], g->unit[g->n - 1]);
        }
        sqlite3_finalize(st);
    }
    g->db = db;
    s->find = find_groups;
    s->find_free = free_groups;
    s->find_ctx = g;
    free(cpub);
    free(cnr);
    free(ids);
    return rc == SQLITE_DONE ? 0 : db_error(db, err);
}

/*
 * A figure of a publication found by its tabell, rad and kolumn: the
 * figures' identities interned, with what each printed and its rows'
 * fingerprint.
 */
struct figures {
    struct series_keys ids;
    char **varde, **rader;      /* by id */
    size_t cap;
};

static void figures_free(struct figures *f)
{
    for (size_t i = 0; i < f->ids.n; i++) {
        free(f->varde[i]);
        free(f->rader[i]);
    }
    free(f->varde);
    free(f->rader);
    series_keys_free(&f->ids);
    memset(f, 0, sizeof *f);
}

static void identity(struct strbuf *sb, const char *tabell, const char *rad, const char *kolumn)
{
    sb_reset(sb);
    sb_printf(sb, "%s\x1f%s\x1f%s", tabell, rad, kolumn);
}

/* The counts of publication id that name their rows' fingerprint. */
static int read_figures(sqlite3 *db, long long id, struct figures *f)
{
    sqlite3_stmt *st = db_prepare(db, SQL, "same_figures");
    db_bind_int(st, ":id", id);
    struct strbuf key = STRBUF_INIT;
    f->cap = 256;
    f->varde = xcalloc(f->cap, sizeof *f->varde);
    f->rader = xcalloc(f->cap, sizeof *f->rader);
    int rc;
    while ((rc = db_step(st)) == SQLITE_ROW) {
        identity(&key, db_col_text(st, 0), db_col_text(st, 1), db_col_text(st, 2));
        int made;
        uint32_t i = series_keys_add(&f->ids, key.buf, &made);
        if (!made)
            continue;   /* one figure a cell: cannot be otherwise */
        if (i >= f->cap) {
            f->cap *= 2;
            f->varde = xrealloc(f->varde, f->cap * sizeof *f->varde);
            f->rader = xrealloc(f->rader, f->cap * sizeof *f->rader);
        }
        f->varde[i] = xstrdup(db_col_text(st, 3));
        f->rader[i] = xstrdup(db_col_text(st, 4));
    }
    sqlite3_finalize(st);
    sb_free(&key);
    return rc == SQLITE_DONE ? 0 : -1;
}

/*
 * Marks in hidden[ti] the counts of rep's tables with units that
 * publication f hid (by tabell, rad and kolumn), and returns whether it
 * printed every one of them already: the same fingerprint of its rows, and
 * the same value where it showed it.
 */
static int same_figures(const struct report *rep, const char *const *prints, const struct figures *f,
                        char **hidden)
{
    struct strbuf key = STRBUF_INIT;
    int same = 1;
    for (size_t ti = 0; ti < rep->ntables; ti++) {
        const struct table *t = rep->tables[ti];
        if (!prints[ti])
            continue;
        memset(hidden[ti], 0, t->nrows * t->ncols);
        for (size_t r = 0; r < t->nrows; r++)
            for (size_t c = 0; c < t->ncols; c++) {
                const char *print = prints[ti] + (r * t->ncols + c) * SERIES_PRINT_LEN;
                if (!*print)
                    continue;
                identity(&key, t->name, t->rows[r], t->cols[c]);
                uint32_t i;
                if (!series_keys_find(&f->ids, key.buf, &i, NULL)) {
                    same = 0;
                    continue;
                }
                if (strcmp(f->varde[i], "..") == 0)
                    hidden[ti][r * t->ncols + c] = 1;
                if (strcmp(f->rader[i], print) != 0) {
                    same = 0;
                } else if (!hidden[ti][r * t->ncols + c]) {
                    char *end;
                    long v = strtol(f->varde[i], &end, 10);
                    same &= *end == '\0' && end != f->varde[i] && (double)v == table_cell(t, r, c)->v;
                }
            }
    }
    sb_free(&key);
    return same;
}

static int same_pub(void *ctx, const struct report *rep, struct strbuf *label, struct strbuf *prior,
                    char **hidden, struct strbuf *err)
{
    sqlite3 *db = ctx;
    const char **prints = xcalloc(rep->ntables + 1, sizeof *prints);
    char **marks = xcalloc(rep->ntables + 1, sizeof *marks);
    for (size_t ti = 0; ti < rep->ntables; ti++) {
        const struct table *t = rep->tables[ti];
        if (t->units && !t->workbook_only && !t->internal) {
            prints[ti] = series_prints(t);
            marks[ti] = xcalloc(t->nrows * t->ncols + 1, 1);
        }
    }
    sqlite3_stmt *st = db_prepare(db, SQL, "same_candidates");
    db_bind_text(st, ":report", rep->name);
    db_bind_text(st, ":period", rep->period);
    int rc = SQLITE_DONE, first = 1;
    while (!label->len && (rc = db_step(st)) == SQLITE_ROW) {
        long long id = sqlite3_column_int64(st, 0);
        struct figures f;
        memset(&f, 0, sizeof f);
        if (read_figures(db, id, &f)) {
            figures_free(&f);
            rc = SQLITE_ERROR;
            break;
        }
        int same = same_figures(rep, prints, &f, marks);
        figures_free(&f);
        if (!same && !first)
            continue;
        sb_reset(same ? label : prior);
        sb_printf(same ? label : prior, "%s %s (nr %lld)", db_col_text(st, 1), db_col_text(st, 2), id);
        for (size_t ti = 0; ti < rep->ntables; ti++)
            if (marks[ti])
                memcpy(hidden[ti], marks[ti], rep->tables[ti]->nrows * rep->tables[ti]->ncols);
        first = 0;
    }
    sqlite3_finalize(st);
    for (size_t ti = 0; ti < rep->ntables; ti++)
        free(marks[ti]);
    free(prints);
    free(marks);
    if (label->len)
        sb_reset(prior);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        sb_adds(err, "kan inte läsa registret över publiceringar: ");
        return db_error(db, err);
    }
    return 0;
}

int publications_series(sqlite3 *db, struct series *s, struct strbuf *err)
{
    (void)err;
    s->same = same_pub;
    s->load = load_series;
    s->register_ctx = db;
    return 0;
}

int publications_table(sqlite3 *db, struct table **out, struct strbuf *err)
{
    static const char *const cols[] = {
        "Rapport", "Period", "Flaggor", "Publicerad (UTC)", "Uppgifterna enligt", "Filer", "Tal",
        "Dolda", "Skydd", "Mapp",
    };
    struct table *t = table_new("publiceringar", "Publicerat (registret)");
    table_frame(t, NULL, "Nr", ARRAY_LEN(cols), cols);
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
