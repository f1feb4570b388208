/*
 * audit.c: the disclosure audit by linear programming with GLPK (audit.h).
 */
#include "report/audit.h"
#include "report/glpkwall.h"
#include "common/util.h"

#include <glpk.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Largest cross-classification audited: far above any table of the city's. */
#define MAX_JOINT 400000

/* A variable of the cross-classification and the labels of its values. */
struct dim {
    char *name;
    char **vals;
    size_t n, cap;
};

/* Where a row or a column of a table sits in the cross-classification. */
enum role { ROLE_NONE, ROLE_ALL, ROLE_VALUE };

struct audit_model {
    glp_prob *lp;
    struct table *const *tables;
    size_t ntables;
    struct dim *dims;
    size_t ndims;
    int *rdim, *cdim;       /* per table: the dim of its rows, of its columns (-1: none) */
    int **rval, **cval;     /* per table: each row's and column's value index, -1 for all */
    size_t njoint;
    int *coord;             /* njoint × ndims: the value of each dim in each joint cell */
    int **cellrow;          /* per table, per cell: its LP row (1-based), 0 if not modelled */
    int **sharerow;         /* per table, per cell: a share's first LP row (lower bound), 0 if none */
    int *obj;               /* the columns (1-based) with objective 1 now */
    size_t nobj;
};

static int dim_find(struct audit_model *m, const char *name)
{
    for (size_t i = 0; i < m->ndims; i++)
        if (strcmp(m->dims[i].name, name) == 0)
            return (int)i;
    m->dims = xrealloc(m->dims, (m->ndims + 1) * sizeof *m->dims);
    memset(&m->dims[m->ndims], 0, sizeof *m->dims);
    m->dims[m->ndims].name = xstrdup(name);
    return (int)m->ndims++;
}

static int dim_value(struct dim *d, const char *label)
{
    for (size_t i = 0; i < d->n; i++)
        if (strcmp(d->vals[i], label) == 0)
            return (int)i;
    d->vals = xgrow(d->vals, &d->cap, d->n, sizeof *d->vals, 16);
    d->vals[d->n] = xstrdup(label);
    return (int)d->n++;
}

static int col_skipped(const struct table *t, size_t c)
{
    return c < 64 && (t->link.skip >> c & 1);
}

int audit_is_count(const struct table *t, size_t r, size_t c)
{
    return r < t->nrows && c < t->ncols && !col_skipped(t, c) &&
           cell_figure(table_cell(t, r, c)) == CELL_COUNT;
}

static enum role row_role(const struct table *t, size_t r)
{
    if ((int)r == t->total_row)
        return ROLE_ALL;
    /* A row with no count (a row of shares under the total) is no value of the row variable. */
    for (size_t c = 0; c < t->ncols; c++)
        if (cell_figure(table_cell(t, r, c)) == CELL_COUNT)
            return ROLE_VALUE;
    return ROLE_NONE;
}

static enum role col_role(const struct table *t, size_t c)
{
    if (col_skipped(t, c))
        return ROLE_NONE;
    if ((t->link.population && !t->link.cdim) || (int)c == t->total_col)
        return ROLE_ALL;
    return ROLE_VALUE;
}

/* Places each table's rows and columns on the dims. */
static void build_dims(struct audit_model *m)
{
    m->rdim = xcalloc(m->ntables, sizeof *m->rdim);
    m->cdim = xcalloc(m->ntables, sizeof *m->cdim);
    m->rval = xcalloc(m->ntables, sizeof *m->rval);
    m->cval = xcalloc(m->ntables, sizeof *m->cval);
    for (size_t ti = 0; ti < m->ntables; ti++) {
        const struct table *t = m->tables[ti];
        struct strbuf rn = STRBUF_INIT, cn = STRBUF_INIT;
        if (t->link.population) {
            sb_adds(&rn, t->link.rdim ? t->link.rdim : "rad");
            if (t->link.cdim)
                sb_adds(&cn, t->link.cdim);
        } else {
            /* A table audited alone: its rows and columns are its own. */
            sb_printf(&rn, "\001rader %zu", ti);
            sb_printf(&cn, "\001kolumner %zu", ti);
        }
        m->rdim[ti] = dim_find(m, rn.buf);
        m->cdim[ti] = cn.len ? dim_find(m, cn.buf) : -1;
        sb_free(&rn);
        sb_free(&cn);
        m->rval[ti] = xcalloc(t->nrows, sizeof **m->rval);
        m->cval[ti] = xcalloc(t->ncols, sizeof **m->cval);
        for (size_t r = 0; r < t->nrows; r++)
            m->rval[ti][r] = row_role(t, r) == ROLE_VALUE
                                 ? dim_value(&m->dims[m->rdim[ti]], t->rows[r]) : -1;
        for (size_t c = 0; c < t->ncols; c++)
            m->cval[ti][c] = col_role(t, c) == ROLE_VALUE
                                 ? dim_value(&m->dims[m->cdim[ti]], t->cols[c]) : -1;
    }
}

/* True if joint cell j lies in cell (r, c) of table ti. */
static int in_cell(const struct audit_model *m, size_t ti, size_t r, size_t c, size_t j)
{
    const int *co = m->coord + j * m->ndims;
    int rv = m->rval[ti][r], cv = m->cval[ti][c];
    return (rv < 0 || co[m->rdim[ti]] == rv) && (cv < 0 || co[m->cdim[ti]] == cv);
}

/* A growing sparse matrix in GLPK's 1-based triplets. */
struct triplets {
    int *ia, *ja;
    double *ar;
    size_t n, cap;
};

static void trip_add(struct triplets *tr, int i, int j, double v)
{
    if (tr->n + 2 > tr->cap) {
        tr->cap = grow_cap(tr->cap, tr->n + 1, sizeof *tr->ar, 1024);
        tr->ia = xrealloc(tr->ia, tr->cap * sizeof *tr->ia);
        tr->ja = xrealloc(tr->ja, tr->cap * sizeof *tr->ja);
        tr->ar = xrealloc(tr->ar, tr->cap * sizeof *tr->ar);
    }
    tr->n++;   /* index 0 stays unused, as GLPK wants */
    tr->ia[tr->n] = i;
    tr->ja[tr->n] = j;
    tr->ar[tr->n] = v;
}

/* Adds LP rows for share (r, c) of table ti: num − lo·den ≥ 0 and num − hi·den ≤ 0. */
static void add_share_rows(struct audit_model *m, struct triplets *tr, size_t ti, size_t r, size_t c)
{
    const struct table *t = m->tables[ti];
    const struct cell *x = table_cell(t, r, c);
    size_t nr = (size_t)x->num_r, nc = (size_t)x->num_c, dr = (size_t)x->den_r, dc = (size_t)x->den_c;
    if (!audit_is_count(t, nr, nc) || !audit_is_count(t, dr, dc))
        return;
    double lo = (x->v - 0.05) / 100.0, hi = (x->v + 0.05) / 100.0;
    if (lo < 0)
        lo = 0;
    int row = glp_add_rows(m->lp, 2);
    m->sharerow[ti][r * t->ncols + c] = row;
    for (size_t j = 0; j < m->njoint; j++) {
        int in_n = in_cell(m, ti, nr, nc, j), in_d = in_cell(m, ti, dr, dc, j);
        if (in_n || in_d) {
            trip_add(tr, row, (int)j + 1, in_n - lo * in_d);
            trip_add(tr, row + 1, (int)j + 1, in_n - hi * in_d);
        }
    }
}

struct audit_model *audit_model_new(struct table *const *tables, size_t n, struct strbuf *err)
{
    glpk_enter();
    struct audit_model *m = xcalloc(1, sizeof *m);
    m->tables = tables;
    m->ntables = n;
    build_dims(m);
    m->njoint = 1;
    for (size_t d = 0; d < m->ndims; d++) {
        size_t k = m->dims[d].n ? m->dims[d].n : 1;
        if (m->njoint > MAX_JOINT / k) {
            sb_printf(err, "tabellerna är för stora för granskningen (fler än %d kombinationer)", MAX_JOINT);
            audit_model_free(m);
            return NULL;
        }
        m->njoint *= k;
    }
    m->coord = xcalloc(m->njoint * (m->ndims ? m->ndims : 1), sizeof *m->coord);
    for (size_t j = 0; j < m->njoint; j++) {
        size_t rest = j;
        for (size_t d = 0; d < m->ndims; d++) {
            size_t k = m->dims[d].n ? m->dims[d].n : 1;
            m->coord[j * m->ndims + d] = (int)(rest % k);
            rest /= k;
        }
    }
    m->lp = glp_create_prob();
    glp_add_cols(m->lp, (int)m->njoint);
    for (size_t j = 1; j <= m->njoint; j++)
        glp_set_col_bnds(m->lp, (int)j, GLP_LO, 0.0, 0.0);
    m->cellrow = xcalloc(n, sizeof *m->cellrow);
    m->sharerow = xcalloc(n, sizeof *m->sharerow);
    struct triplets tr = { NULL, NULL, NULL, 0, 0 };
    for (size_t ti = 0; ti < n; ti++) {
        const struct table *t = tables[ti];
        m->cellrow[ti] = xcalloc(t->nrows * t->ncols + 1, sizeof **m->cellrow);
        m->sharerow[ti] = xcalloc(t->nrows * t->ncols + 1, sizeof **m->sharerow);
        for (size_t r = 0; r < t->nrows; r++)
            for (size_t c = 0; c < t->ncols; c++) {
                if (!audit_is_count(t, r, c))
                    continue;
                int row = glp_add_rows(m->lp, 1);
                m->cellrow[ti][r * t->ncols + c] = row;
                for (size_t j = 0; j < m->njoint; j++)
                    if (in_cell(m, ti, r, c, j))
                        trip_add(&tr, row, (int)j + 1, 1.0);
            }
        for (size_t r = 0; r < t->nrows; r++)
            for (size_t c = 0; c < t->ncols; c++) {
                const struct cell *x = table_cell(t, r, c);
                if (cell_figure(x) == CELL_SHARE && x->has_ref)
                    add_share_rows(m, &tr, ti, r, c);
            }
    }
    glp_load_matrix(m->lp, (int)tr.n, tr.ia, tr.ja, tr.ar);
    free(tr.ia);
    free(tr.ja);
    free(tr.ar);
    m->obj = xcalloc(m->njoint + 1, sizeof *m->obj);
    audit_model_sync(m);
    glp_adv_basis(m->lp, 0);
    return m;
}

void audit_model_free(struct audit_model *m)
{
    if (!m)
        return;
    if (m->lp)
        glp_delete_prob(m->lp);
    for (size_t d = 0; d < m->ndims; d++) {
        for (size_t i = 0; i < m->dims[d].n; i++)
            free(m->dims[d].vals[i]);
        free(m->dims[d].vals);
        free(m->dims[d].name);
    }
    for (size_t ti = 0; ti < m->ntables; ti++) {
        if (m->rval)
            free(m->rval[ti]);
        if (m->cval)
            free(m->cval[ti]);
        if (m->cellrow)
            free(m->cellrow[ti]);
        if (m->sharerow)
            free(m->sharerow[ti]);
    }
    free(m->dims);
    free(m->rdim);
    free(m->cdim);
    free(m->rval);
    free(m->cval);
    free(m->coord);
    free(m->cellrow);
    free(m->sharerow);
    free(m->obj);
    free(m);
    glpk_leave();      /* after the last GLPK call */
}

void audit_model_sync(struct audit_model *m)
{
    for (size_t ti = 0; ti < m->ntables; ti++) {
        const struct table *t = m->tables[ti];
        for (size_t i = 0; i < t->nrows * t->ncols; i++) {
            const struct cell *x = &t->cells[i];
            int hidden = x->kind == CELL_PROTECTED;
            if (m->cellrow[ti][i]) {
                if (hidden)
                    glp_set_row_bnds(m->lp, m->cellrow[ti][i], GLP_FR, 0.0, 0.0);
                else
                    glp_set_row_bnds(m->lp, m->cellrow[ti][i], GLP_FX, x->v, x->v);
            }
            if (m->sharerow[ti][i]) {
                int row = m->sharerow[ti][i];
                glp_set_row_bnds(m->lp, row, hidden ? GLP_FR : GLP_LO, 0.0, 0.0);
                glp_set_row_bnds(m->lp, row + 1, hidden ? GLP_FR : GLP_UP, 0.0, 0.0);
            }
        }
    }
}

/* Optimises lp's objective in direction dir; *val gets ±HUGE_VAL when unbounded. */
static int solve(glp_prob *lp, int dir, double *val)
{
    glp_smcp p;
    glp_init_smcp(&p);
    p.msg_lev = GLP_MSG_OFF;
    p.presolve = GLP_OFF;
    glp_set_obj_dir(lp, dir);
    int rc = glp_simplex(lp, &p);
    if (rc != 0) {
        /* A basis gone bad after bounds changed: start again from a fresh one. */
        glp_adv_basis(lp, 0);
        rc = glp_simplex(lp, &p);
    }
    if (rc != 0)
        return -1;
    switch (glp_get_status(lp)) {
    case GLP_OPT:
        *val = glp_get_obj_val(lp);
        return 0;
    case GLP_UNBND:
        *val = dir == GLP_MAX ? HUGE_VAL : -HUGE_VAL;
        return 0;
    default:
        return -1;
    }
}

/* The whole numbers in [a, b], forgiving the solver's rounding; AUDIT_UNBOUNDED when b is infinite. */
static long whole_values(double a, double b)
{
    if (isinf(b))
        return AUDIT_UNBOUNDED;
    double first = ceil(a - 1e-6), last = floor(b + 1e-6);
    return last >= first ? (long)(last - first) + 1 : 0;
}

int audit_model_values(struct audit_model *m, size_t ti, size_t r, size_t c, long *values,
                       double *lo, double *hi)
{
    if (ti >= m->ntables || !audit_is_count(m->tables[ti], r, c))
        return -1;
    for (size_t i = 0; i < m->nobj; i++)
        glp_set_obj_coef(m->lp, m->obj[i], 0.0);
    m->nobj = 0;
    for (size_t j = 0; j < m->njoint; j++)
        if (in_cell(m, ti, r, c, j)) {
            glp_set_obj_coef(m->lp, (int)j + 1, 1.0);
            m->obj[m->nobj++] = (int)j + 1;
        }
    double a, b;
    if (solve(m->lp, GLP_MIN, &a) || solve(m->lp, GLP_MAX, &b))
        return -1;
    if (lo)
        *lo = a;
    if (hi)
        *hi = b;
    *values = whole_values(a, b);
    return 0;
}

/* Points the LP found feasible, kept to answer later questions without a solve. */
#define AUDIT_POOL 256

struct audit_lp {
    glp_prob *lp;
    int *obj;           /* the columns (1-based) with objective 1 now */
    size_t nobj, ncols;
    double *pool;       /* AUDIT_POOL points of ncols values, the oldest overwritten */
    size_t npool, next;
};

/* Keeps the solution just found. */
static void keep_point(struct audit_lp *m)
{
    if (!m->ncols)
        return;
    double *x = m->pool + m->next * m->ncols;
    for (size_t j = 0; j < m->ncols; j++)
        x[j] = glp_get_col_prim(m->lp, (int)j + 1);
    m->next = (m->next + 1) % AUDIT_POOL;
    if (m->npool < AUDIT_POOL)
        m->npool++;
}

static int int_cmp(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* Rows by size, the smallest first: a row's parts are found among those before it. */
static const size_t *size_key;
static int by_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    size_t sx = size_key[x + 1] - size_key[x], sy = size_key[y + 1] - size_key[y];
    if (sx != sy)
        return sx < sy ? -1 : 1;
    return (x > y) - (x < y);
}

/*
 * The matrix of nested sums.  A series repeats its counts growing (the
 * same stadsdel in January, January–February, ...; a table's rows and its
 * total), and GLPK copies the whole matrix at every solve, so each row
 * i is a column z_i of its own, defined by
 *     (its columns not in any part) + (the z of its parts) − z_i = 0,
 * where its parts are smaller rows whose columns it holds, taken greedily
 * the largest first and disjoint.  Fixing a published count fixes z_i.
 */
static void nested_rows(struct triplets *tr, size_t ncols, size_t nrows, const size_t *start,
                        const int *cols)
{
    int *sorted = xcalloc(start[nrows] + 1, sizeof *sorted);
    memcpy(sorted, cols, start[nrows] * sizeof *cols);
    for (size_t i = 0; i < nrows; i++)
        qsort(sorted + start[i], start[i + 1] - start[i], sizeof *sorted, int_cmp);
    /* Per column, the rows holding it, the smallest rows first. */
    size_t *order = xcalloc(nrows + 1, sizeof *order);
    for (size_t i = 0; i < nrows; i++)
        order[i] = i;
    size_key = start;
    qsort(order, nrows, sizeof *order, by_size);
    size_t *cstart = xcalloc(ncols + 2, sizeof *cstart);
    for (size_t k = 0; k < start[nrows]; k++)
        cstart[sorted[k] + 1]++;
    for (size_t j = 0; j < ncols; j++)
        cstart[j + 1] += cstart[j];
    size_t *fill = xcalloc(ncols + 1, sizeof *fill);
    size_t *crows = xcalloc(start[nrows] + 1, sizeof *crows);
    for (size_t o = 0; o < nrows; o++) {
        size_t i = order[o];
        for (size_t k = start[i]; k < start[i + 1]; k++) {
            size_t j = (size_t)sorted[k];
            crows[cstart[j] + fill[j]++] = i;
        }
    }
    size_t *rank = xcalloc(nrows + 1, sizeof *rank);
    for (size_t o = 0; o < nrows; o++)
        rank[order[o]] = o;
    size_t *hits = xcalloc(nrows + 1, sizeof *hits), *touched = xcalloc(nrows + 1, sizeof *touched);
    size_t *covered = xcalloc(ncols + 1, sizeof *covered);   /* stamp: row i + 1 covers it */
    for (size_t i = 0; i < nrows; i++) {
        size_t nt = 0;
        /* The rows whose every column is one of row i's: its possible parts. */
        for (size_t k = start[i]; k < start[i + 1]; k++) {
            size_t j = (size_t)sorted[k];
            for (size_t h = cstart[j]; h < cstart[j + 1]; h++) {
                size_t p = crows[h];
                if (rank[p] >= rank[i])
                    break;      /* the lists run by size: the rest are no smaller */
                if (hits[p]++ == 0)
                    touched[nt++] = p;
            }
        }
        /* The largest first, each disjoint from those taken. */
        size_t np = 0;
        for (size_t t = 0; t < nt; t++)
            if (hits[touched[t]] == start[touched[t] + 1] - start[touched[t]] && touched[t] != i)
                touched[np++] = touched[t];
        for (size_t t = 0; t < nt; t++)
            hits[touched[t]] = 0;
        size_key = start;
        qsort(touched, np, sizeof *touched, by_size);
        for (size_t t = np; t-- > 0;) {
            size_t p = touched[t];
            int free_of = 1;
            for (size_t k = start[p]; k < start[p + 1] && free_of; k++)
                free_of = covered[sorted[k]] != i + 1;
            if (!free_of)
                continue;
            for (size_t k = start[p]; k < start[p + 1]; k++)
                covered[sorted[k]] = i + 1;
            trip_add(tr, (int)i + 1, (int)(ncols + p) + 1, 1.0);
        }
        for (size_t k = start[i]; k < start[i + 1]; k++)
            if (covered[sorted[k]] != i + 1)
                trip_add(tr, (int)i + 1, sorted[k] + 1, 1.0);
        trip_add(tr, (int)i + 1, (int)(ncols + i) + 1, -1.0);
    }
    free(covered);
    free(hits);
    free(touched);
    free(rank);
    free(crows);
    free(fill);
    free(cstart);
    free(order);
    free(sorted);
}

struct audit_lp *audit_lp_new(size_t ncols, size_t nrows, const size_t *start, const int *cols)
{
    glpk_enter();
    struct audit_lp *m = xcalloc(1, sizeof *m);
    glp_prob *lp = m->lp = glp_create_prob();
    m->ncols = ncols;
    if (ncols + nrows)
        glp_add_cols(lp, (int)(ncols + nrows));
    for (size_t j = 1; j <= ncols + nrows; j++)
        glp_set_col_bnds(lp, (int)j, GLP_LO, 0.0, 0.0);
    struct triplets tr = { NULL, NULL, NULL, 0, 0 };
    if (nrows)
        glp_add_rows(lp, (int)nrows);
    for (size_t i = 0; i < nrows; i++)
        glp_set_row_bnds(lp, (int)i + 1, GLP_FX, 0.0, 0.0);
    if (nrows)
        nested_rows(&tr, ncols, nrows, start, cols);
    glp_load_matrix(lp, (int)tr.n, tr.ia, tr.ja, tr.ar);
    free(tr.ia);
    free(tr.ja);
    free(tr.ar);
    glp_adv_basis(lp, 0);
    m->obj = xcalloc(ncols + 1, sizeof *m->obj);
    m->pool = xcalloc(AUDIT_POOL * (ncols ? ncols : 1), sizeof *m->pool);
    return m;
}

void audit_lp_filter(struct audit_lp *m, const int *cols, size_t n, double value)
{
    size_t kept = 0;
    for (size_t p = 0; p < m->npool; p++) {
        const double *x = m->pool + p * m->ncols;
        double sum = 0;
        for (size_t i = 0; i < n; i++)
            sum += x[cols[i]];
        if (fabs(sum - value) > 1e-6)
            continue;
        if (kept != p)
            memcpy(m->pool + kept * m->ncols, x, m->ncols * sizeof *x);
        kept++;
    }
    m->npool = kept;
    m->next = kept % AUDIT_POOL;
}

void audit_lp_set(struct audit_lp *m, size_t row, int shown, double v)
{
    int z = (int)(m->ncols + row) + 1;
    if (shown)
        glp_set_col_bnds(m->lp, z, GLP_FX, v, v);
    else
        glp_set_col_bnds(m->lp, z, GLP_LO, 0.0, 0.0);
}

/* Makes the objective the sum of columns cols[0..n-1]. */
static void lp_objective(struct audit_lp *m, const int *cols, size_t n)
{
    for (size_t i = 0; i < m->nobj; i++)
        glp_set_obj_coef(m->lp, m->obj[i], 0.0);
    m->nobj = 0;
    for (size_t i = 0; i < n; i++) {
        glp_set_obj_coef(m->lp, cols[i] + 1, 1.0);
        m->obj[m->nobj++] = cols[i] + 1;
    }
}

int audit_lp_enough(struct audit_lp *m, const int *cols, size_t n, double truth, long want,
                    long *values)
{
    lp_objective(m, cols, n);
    /* The points already found may show enough values without a solve. */
    double lo = truth, hi = truth;
    for (size_t p = 0; p < m->npool; p++) {
        const double *x = m->pool + p * m->ncols;
        double sum = 0;
        for (size_t i = 0; i < n; i++)
            sum += x[cols[i]];
        lo = sum < lo ? sum : lo;
        hi = sum > hi ? sum : hi;
    }
    if (whole_values(lo, hi) >= want) {
        *values = whole_values(lo, hi);
        return 0;
    }
    double a, b;
    if (solve(m->lp, GLP_MAX, &b))
        return -1;
    if (isinf(b)) {
        *values = AUDIT_UNBOUNDED;
        return 0;
    }
    keep_point(m);
    /* From the least known up to the greatest: enough already, without the least. */
    long up = whole_values(lo, b);
    if (up >= want) {
        *values = up;
        return 0;
    }
    if (solve(m->lp, GLP_MIN, &a))
        return -1;
    if (!isinf(a))
        keep_point(m);
    *values = whole_values(a, b);
    return 0;
}

/* Marks the published counts with a dual value in the solution just found, and keeps it. */
static void mark_binding(struct audit_lp *m, char *binding)
{
    if (glp_get_status(m->lp) != GLP_OPT)
        return;
    keep_point(m);
    int nrows = glp_get_num_rows(m->lp);
    for (int i = 0; i < nrows; i++)
        if (fabs(glp_get_col_dual(m->lp, (int)m->ncols + i + 1)) > 1e-9)
            binding[i] = 1;
}

int audit_lp_binding(struct audit_lp *m, const int *cols, size_t n, char *binding)
{
    lp_objective(m, cols, n);
    double v;
    for (int d = 0; d < 2; d++) {
        if (solve(m->lp, d ? GLP_MIN : GLP_MAX, &v))
            return -1;
        mark_binding(m, binding);
    }
    return 0;
}

void audit_lp_free(struct audit_lp *m)
{
    if (!m)
        return;
    glp_delete_prob(m->lp);
    free(m->obj);
    free(m->pool);
    free(m);
    glpk_leave();
}
