/*
 * series_hide.c: what the LPs say of a quantity, and the cells hidden
 * for the series and shown again (series_model.h).
 */
#include "common/util.h"
#include "report/series_model.h"
#include "report/audit.h"
#include "report/suppress.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int hidden_in(const struct model *m, size_t i, enum scenario sc)
{
    if (i < m->nold || sc == NOW)
        return model_hidden_now(m, i);
    if (sc == OLD_ONLY)
        return 1;
    const struct mcell *x = &m->cells[i];
    return model_hidden_now(m, i) || model_eligible(x->t, x->r, x->c);
}

/* Counts in m->row_shown how many of each row's cells are shown in a scenario. */
static void rows_shown(struct model *m, enum scenario sc)
{
    memset(m->row_shown, 0, m->nrows * sizeof *m->row_shown);
    for (size_t i = 0; i < m->ncells; i++)
        if (m->cell_comp[i] >= 0 && !hidden_in(m, i, sc))
            m->row_shown[m->cell_row[i]]++;
}

/*
 * Fixes each row of a scenario's LPs (those made so far; only component k's
 * when k >= 0) with a shown count to its value, and frees every other.
 */
static void set_rows_of(struct model *m, enum scenario sc, int k)
{
    rows_shown(m, sc);
    for (size_t g = 0; g < m->nrows; g++) {
        struct audit_lp *lp = m->comps[m->row_comp[g]].lp[sc];
        if (m->row_live[g] && lp && (k < 0 || m->row_comp[g] == k))
            audit_lp_set(lp, m->row_loc[g], m->row_shown[g] > 0, (double)m->row_value[g]);
    }
}

/* Component k's LP of a scenario, made and set to the scenario's state when first asked. */
static struct audit_lp *comp_lp(struct model *m, int k, enum scenario sc)
{
    struct component *c = &m->comps[k];
    if (!c->lp[sc]) {
        c->lp[sc] = audit_lp_new(c->ncols, c->nrows, c->start, c->cols);
        set_rows_of(m, sc, k);
        if (sc != NOW)
            rows_shown(m, NOW);     /* m->row_shown is NOW's between syncs */
    }
    return c->lp[sc];
}

void hide_sync(struct model *m)
{
    set_rows_of(m, NOW, -1);
}

/* Drops the kept points that break cell i's value, now that it is shown again. */
static void filter(struct model *m, size_t i)
{
    const struct mcell *x = &m->cells[i];
    if (m->cell_comp[i] < 0)
        return;
    m->scratch = xrealloc(m->scratch, (x->natoms + 1) * sizeof *m->scratch);
    for (size_t k = 0; k < x->natoms; k++)
        m->scratch[k] = m->atom_loc[x->atoms[k]];
    if (m->comps[m->cell_comp[i]].lp[NOW])     /* else no point is kept to drop */
        audit_lp_filter(m->comps[m->cell_comp[i]].lp[NOW], m->scratch, x->natoms, (double)x->value);
}

/* The values of the sum of atoms[0..n-1] (one component's) in its component's LP of a scenario. */
static int comp_values(struct model *m, enum scenario sc, const int *atoms, size_t n, double truth,
                       long want, long *v)
{
    if (n == 0) {
        *v = 1;
        return 0;
    }
    int k = m->atom_comp[atoms[0]];
    m->scratch = xrealloc(m->scratch, n * sizeof *m->scratch);
    for (size_t i = 0; i < n; i++)
        m->scratch[i] = m->atom_loc[atoms[i]];
    return audit_lp_enough(comp_lp(m, k, sc), m->scratch, n, truth, want, v);
}

/* The publication a count belongs to, for notes: its label, or "den här rapporten". */
static const char *pub_of(const struct model *m, size_t i)
{
    return m->cells[i].old ? m->s->pubs[m->cells[i].old->pub].label : "den här rapporten";
}

void hide_say_example(const struct model *m, const struct quantity *q, struct strbuf *sb)
{
    if (sb->len)
        return;
    if (q->kind == Q_HIDDEN) {
        sb_adds(sb, "det dolda antalet ");
        model_count_label(m, q->a, sb);
        sb_printf(sb, " i %s", pub_of(m, q->a));
    } else {
        sb_adds(sb, "skillnaden i ");
        model_count_label(m, q->a, sb);
        sb_printf(sb, " mellan %s och %s", pub_of(m, q->a), pub_of(m, q->b));
    }
}

int hide_qvalues(struct model *m, enum scenario sc, struct quantity *q, long want, long *v)
{
    if (q->kind == Q_DIFF && q->exact && !hidden_in(m, q->a, sc) && !hidden_in(m, q->b, sc)) {
        *v = 1;
        return 0;
    }
    if (!q->cls) {
        if (!m->classes)
            m->classes = xcalloc(1, sizeof *m->classes);
        int made;
        q->cls = sig_atom(m->classes, q->atoms, q->natoms, &made) + 1;
        if ((size_t)q->cls > m->capcls) {
            size_t cap = grow_cap(m->capcls, (size_t)q->cls - 1, sizeof *m->cls_v[0], 256);
            for (int k = 0; k < NSCEN; k++) {
                m->cls_v[k] = xrealloc(m->cls_v[k], cap * sizeof *m->cls_v[k]);
                m->cls_at[k] = xrealloc(m->cls_at[k], cap * sizeof *m->cls_at[k]);
                memset(m->cls_at[k] + m->capcls, 0, (cap - m->capcls) * sizeof *m->cls_at[k]);
            }
            m->capcls = cap;
        }
    }
    size_t c = (size_t)q->cls - 1;
    unsigned at = sc == NOW ? m->epoch + 1 : 1;
    /* Fewer than limit values found without NOW is exact: both ends were solved. */
    if (m->cls_at[sc][c] == at && (m->cls_v[sc][c] >= want || (sc != NOW && m->cls_v[sc][c] < m->limit))) {
        *v = m->cls_v[sc][c];
        return 0;
    }
    if (comp_values(m, sc, q->atoms, q->natoms, (double)q->value, want, v))
        return -1;
    if (sc != NOW || *v >= m->limit) {
        m->cls_at[sc][c] = at;
        m->cls_v[sc][c] = *v;
    }
    return 0;
}

int hide_work_out_need(struct model *m, struct quantity *q)
{
    long v;
    if (q->a < m->nold && q->b < m->nold) {
        if (hide_qvalues(m, OLD_ONLY, q, m->limit, &v))
            return -1;
        if (v < m->limit) {
            struct component *k = &m->comps[m->atom_comp[q->atoms[0]]];
            q->need = v;
            k->given++;
            hide_say_example(m, q, &k->given_ex);
            return 0;
        }
    }
    if (hide_qvalues(m, ALL_HIDDEN, q, m->limit, &v))
        return -1;
    if (v < m->limit) {
        q->need = v;
        struct component *k = &m->comps[m->atom_comp[q->atoms[0]]];
        k->pinned++;
        hide_say_example(m, q, &k->pinned_ex);
    } else {
        q->need = m->limit;
    }
    return 0;
}

/* A cell of this report that could be hidden to protect q, and what it costs. */
struct move {
    size_t cell;            /* model cell */
    double cost;            /* the count hidden: information lost */
    int total;              /* a stadsdel's total: shown if at all possible */
    int bound;              /* its count bounds the quantity to protect now (LP duals) */
};

static int move_cmp(const void *a, const void *b)
{
    const struct move *x = a, *y = b;
    if (x->total != y->total)
        return x->total - y->total;
    if (x->bound != y->bound)
        return y->bound - x->bound;
    if (x->cost != y->cost)
        return x->cost < y->cost ? -1 : 1;
    return (x->cell > y->cell) - (x->cell < y->cell);
}

/* True if model cell x counts any of q's atoms (both sorted). */
static int shares_atoms(const struct mcell *x, const struct quantity *q)
{
    for (size_t k = 0, j = 0; k < q->natoms; k++) {
        while (j < x->natoms && x->atoms[j] < q->atoms[k])
            j++;
        if (j < x->natoms && x->atoms[j] == q->atoms[k])
            return 1;
    }
    return 0;
}

/*
 * The cells that may be hidden to protect q, cheapest first: the cells of
 * this report in the rows and columns of those that count q's rows (as the
 * hypercube method's first steps), else any of this report's.
 */
static struct move *moves_for(struct model *m, const struct quantity *q, size_t *n)
{
    size_t nnew = m->ncells - m->nold;
    struct move *mv = xcalloc(nnew + 1, sizeof *mv);
    char *near = xcalloc(nnew + 1, 1);
    for (size_t i = m->nold; i < m->ncells; i++)
        near[i - m->nold] = (char)shares_atoms(&m->cells[i], q);
    for (int any = 0; any < 2 && *n == 0; any++) {
        for (size_t i = m->nold; i < m->ncells; i++) {
            struct mcell *x = &m->cells[i];
            if (!model_eligible(x->t, x->r, x->c))
                continue;
            int take = any || near[i - m->nold];
            /* A city-wide total shares rows with every cell of its column: it is no neighbour. */
            for (size_t j = m->nold; j < m->ncells && !take; j++) {
                const struct mcell *o = &m->cells[j];
                take = near[j - m->nold] && o->t == x->t && (int)o->r != o->t->total_row &&
                       (o->r == x->r || o->c == x->c);
            }
            if (take)
                mv[(*n)++] = (struct move){ i, (double)x->value, (int)x->c == x->t->total_col, 0 };
        }
    }
    free(near);
    if (*n > 1)
        qsort(mv, *n, sizeof *mv, move_cmp);
    return mv;
}

/* Hides cell i of this report to protect quantity qi. */
static void hide_cell(struct model *m, size_t i, size_t qi)
{
    struct mcell *x = &m->cells[i];
    x->hidden_for = qi + 1;
    cell_hide(table_cell(x->t, x->r, x->c));
    x->t->audit.series_hidden++;
    m->sum->hidden++;
    suppress_sync_shares(x->t);
    model_add_hidden_q(m, i);
    m->added = xrealloc(m->added, (m->nadded + 1) * sizeof *m->added);
    m->added[m->nadded++] = i;
}

/*
 * The order still_holds asks the quantities in, those likely to fail first:
 * the one cell i was hidden for, those sharing rows with cell i, the rest.
 */
static int ask_order(const struct model *m, size_t i, size_t k)
{
    if (k + 1 == m->cells[i].hidden_for)
        return 0;
    return shares_atoms(&m->cells[i], &m->q[k]) ? 1 : 2;
}

/* True if every quantity still keeps what it needs, now that cell i is shown again. */
static int still_holds(struct model *m, size_t i, int *failed)
{
    hide_sync(m);
    for (int pass = 0; pass < 3; pass++)
        for (size_t k = 0; k < m->nq; k++) {
            struct quantity *q = &m->q[k];
            /* Another component's LP does not see cell i at all. */
            if (q->gone || (q->natoms && m->atom_comp[q->atoms[0]] != m->cell_comp[i]) ||
                ask_order(m, i, k) != pass)
                continue;
            long v;
            if (hide_qvalues(m, NOW, q, q->need ? q->need : m->limit, &v)) {
                *failed = 1;
                return 0;
            }
            if (v < (q->need ? q->need : m->limit))
                return 0;
        }
    return 1;
}

int hide_prune(struct model *m)
{
    size_t n = m->nadded;
    size_t *order = xcalloc(n + 1, sizeof *order);
    memcpy(order, m->added, n * sizeof *order);
    /* The largest first: insertion sort, few cells. */
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && m->cells[order[j]].value > m->cells[order[j - 1]].value; j--) {
            size_t t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    int failed = 0;
    for (size_t k = 0; k < n && !failed; k++) {
        size_t i = order[k];
        struct mcell *x = &m->cells[i];
        struct quantity *own = NULL;
        for (size_t j = 0; j < m->nq && !own; j++)
            if (m->q[j].kind == Q_HIDDEN && m->q[j].a == i && !m->q[j].gone)
                own = &m->q[j];
        cell_show(table_cell(x->t, x->r, x->c));
        suppress_sync_shares(x->t);
        filter(m, i);
        m->epoch++;     /* NOW's answers were of fewer counts shown */
        if (own)
            own->gone = 1;
        if (still_holds(m, i, &failed)) {
            x->t->audit.series_hidden--;
            m->sum->hidden--;
            continue;
        }
        cell_hide(table_cell(x->t, x->r, x->c));
        suppress_sync_shares(x->t);
        if (own)
            own->gone = 0;
    }
    free(order);
    return failed ? -1 : 0;
}

int hide_pinned(struct model *m, size_t i)
{
    struct mcell *x = &m->cells[i];
    if (x->pinned)
        return x->pinned > 0;
    long v;
    if (comp_values(m, ALL_HIDDEN, x->atoms, x->natoms, (double)x->value, m->limit, &v))
        return -1;
    x->pinned = v < m->limit ? 1 : -1;
    return x->pinned > 0;
}

int hide_mend(struct model *m, struct quantity *q)
{
    if (q->kind == Q_DIFF) {
        size_t own = q->a >= m->nold ? q->a : q->b;
        const struct mcell *o = &m->cells[own];
        if (own >= m->nold && !model_hidden_now(m, own) && model_eligible(o->t, o->r, o->c)) {
            int p = hide_pinned(m, own);
            if (p < 0)
                return -1;
            if (!p) {
                hide_cell(m, own, (size_t)(q - m->q));
                return 0;
            }
            /* Pinned itself: hide what keeps the difference open instead. */
        }
    }
    size_t n = 0;
    struct move *mv = moves_for(m, q, &n);
    if (n == 0) {
        free(mv);
        return 1;
    }
    /*
     * The cells whose counts bound q now, as the LP's dual values say, and
     * that no other shown count repeats, are tried first: hiding one of
     * them is what widens q, unless the optimum is degenerate.
     */
    int k = m->atom_comp[q->atoms[0]];
    char *binding = xcalloc(m->comps[k].nrows + 1, 1);
    m->scratch = xrealloc(m->scratch, q->natoms * sizeof *m->scratch);
    for (size_t i = 0; i < q->natoms; i++)
        m->scratch[i] = m->atom_loc[q->atoms[i]];
    hide_sync(m);
    int rc = audit_lp_binding(comp_lp(m, k, NOW), m->scratch, q->natoms, binding);
    for (size_t j = 0; j < n; j++) {
        size_t g = m->cell_row[mv[j].cell];
        mv[j].bound = m->row_comp[g] == k && binding[m->row_loc[g]] && m->row_shown[g] == 1;
    }
    free(binding);
    if (n > 1)
        qsort(mv, n, sizeof *mv, move_cmp);
    /*
     * The cheapest that bounds q; else the cheapest, one more step towards
     * a pattern.  One the totals pin comes last: hidden, it could not be
     * protected itself, and its table's own audit would find it weak.
     */
    size_t take = n;
    for (int pass = 0; pass < 4 && take == n && rc == 0; pass++)
        for (size_t j = 0; j < n && take == n && rc == 0; j++) {
            if (pass % 2 == 0 && !mv[j].bound)
                continue;
            int p = pass < 2 ? hide_pinned(m, mv[j].cell) : 0;
            if (p < 0)
                rc = -1;
            else if (!p)
                take = j;
        }
    if (rc == 0)
        hide_cell(m, mv[take].cell, (size_t)(q - m->q));
    free(mv);
    return rc ? -1 : 0;
}
