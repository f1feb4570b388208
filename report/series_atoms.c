/*
 * series_atoms.c: the model's cells and the atoms they sum (series_model.h).
 */
#include "common/util.h"
#include "report/series_model.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int model_hidden_now(const struct model *m, size_t i)
{
    const struct mcell *x = &m->cells[i];
    if (x->old)
        return x->old->hidden;
    return table_cell(x->t, x->r, x->c)->kind == CELL_PROTECTED;
}

int model_eligible(const struct table *t, size_t r, size_t c)
{
    const struct cell *x = table_cell(t, r, c);
    return t->protect && (int)r != t->total_row && series_is_count(t, r, c) &&
           x->kind != CELL_PROTECTED && x->v > 0;
}

void atoms_add_cell(struct model *m, size_t *cap, const struct series_count *old,
                     struct table *t, size_t r, size_t c, long value)
{
    m->cells = xgrow(m->cells, cap, m->ncells, sizeof *m->cells, 256);
    struct mcell *x = &m->cells[m->ncells++];
    memset(x, 0, sizeof *x);
    x->old = old;
    x->t = t;
    x->r = r;
    x->c = c;
    x->value = value;
}

void ilist_add(struct ilist *l, int x)
{
    l->v = xgrow(l->v, &l->cap, l->n, sizeof *l->v, 4);
    l->v[l->n++] = x;
}

static uint64_t hash_ints(const int *v, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (uint64_t)(uint32_t)v[i]) * 1099511628211ULL;
    return h ^ n;
}

static int sig_find(const struct sigs *g, const int *v, size_t n, size_t *at)
{
    size_t i = hash_ints(v, n) & (g->nslots - 1);
    for (; g->slot[i]; i = (i + 1) & (g->nslots - 1)) {
        const struct ilist *o = &g->v[g->slot[i] - 1];
        if (o->n == n && memcmp(o->v, v, n * sizeof *v) == 0)
            return g->slot[i] - 1;
    }
    *at = i;
    return -1;
}

int sig_atom(struct sigs *g, const int *v, size_t n, int *made)
{
    if (2 * (g->n + 1) > g->nslots) {
        size_t ns = g->nslots ? 2 * g->nslots : 1024;
        free(g->slot);
        g->slot = xcalloc(ns, sizeof *g->slot);
        g->nslots = ns;
        for (size_t a = 0; a < g->n; a++) {
            size_t i = hash_ints(g->v[a].v, g->v[a].n) & (ns - 1);
            while (g->slot[i])
                i = (i + 1) & (ns - 1);
            g->slot[i] = (int)a + 1;
        }
    }
    size_t at = 0;
    int a = sig_find(g, v, n, &at);
    *made = a < 0;
    if (a >= 0)
        return a;
    g->v = xgrow(g->v, &g->cap, g->n, sizeof *g->v, 256);
    struct ilist *l = &g->v[g->n];
    l->v = xcalloc(n ? n : 1, sizeof *l->v);
    memcpy(l->v, v, n * sizeof *v);
    l->n = l->cap = n;
    g->slot[at] = (int)g->n + 1;
    return (int)g->n++;
}

/* A cell's publication: an earlier one's index, or npubs for this report. */
static size_t cell_pub(const struct model *m, size_t i)
{
    return m->cells[i].old ? m->cells[i].old->pub : m->s->npubs;
}

void atoms_cell_labels(const struct model *m, size_t i, const char *l[3])
{
    const struct mcell *x = &m->cells[i];
    l[0] = x->old ? x->old->tabell : x->t->name;
    l[1] = x->old ? x->old->rad : x->t->rows[x->r];
    l[2] = x->old ? x->old->kolumn : x->t->cols[x->c];
}

int atoms_same_identity(const struct model *m, size_t i, size_t j)
{
    if (m->cells[i].ident != m->cells[j].ident)
        return 0;
    const char *x[3], *y[3];
    atoms_cell_labels(m, i, x);
    atoms_cell_labels(m, j, y);
    return strcmp(x[0], y[0]) == 0 && strcmp(x[1], y[1]) == 0 && strcmp(x[2], y[2]) == 0;
}


/* The last day publication p counts (npubs: this report), "" when unknown. */
static const char *pub_through(const struct model *m, size_t p)
{
    const char *t = p < m->s->npubs ? m->s->pubs[p].through : m->through;
    return t ? t : "";
}

/* The publications in the order of the last day they count (this report's among them). */
static size_t *pub_order(const struct model *m, size_t *rank)
{
    size_t n = m->s->npubs + 1;
    size_t *order = xcalloc(n, sizeof *order);
    for (size_t p = 0; p < n; p++)
        order[p] = p;
    /* Insertion sort: a few dozen publications. */
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0; j--) {
            int c = strcmp(pub_through(m, order[j - 1]), pub_through(m, order[j]));
            if (c < 0 || (c == 0 && order[j - 1] < order[j]))
                break;
            size_t t = order[j - 1];
            order[j - 1] = order[j];
            order[j] = t;
        }
    for (size_t i = 0; i < n; i++)
        rank[order[i]] = i;
    return order;
}

/* True if publications p and q (npubs: this report) count to the same last day. */
static int same_day(const struct model *m, size_t p, size_t q)
{
    return strcmp(pub_through(m, p), pub_through(m, q)) == 0;
}

/* The cells by publication and identity (tabell, rad, kolumn), in open addressing. */
struct by_identity {
    size_t *slot;           /* cell + 1, 0 for a free slot */
    size_t mask;
};

static size_t identity_hash(size_t p, uint64_t ident)
{
    return (size_t)((ident ^ ((uint64_t)p * 0x9E3779B97F4A7C15ULL)) * 0xff51afd7ed558ccdULL >> 17);
}

static void by_identity_build(const struct model *m, struct by_identity *b)
{
    size_t n = 1024;
    while (n < 2 * m->ncells)
        n *= 2;
    b->slot = xcalloc(n, sizeof *b->slot);
    b->mask = n - 1;
    for (size_t i = 0; i < m->ncells; i++) {
        size_t h = identity_hash(cell_pub(m, i), m->cells[i].ident) & b->mask;
        while (b->slot[h])
            h = (h + 1) & b->mask;
        b->slot[h] = i + 1;
    }
}

/* The cell of publication p that is the same figure as cell c, or SIZE_MAX. */
static size_t by_identity_find(const struct model *m, const struct by_identity *b, size_t p, size_t c)
{
    for (size_t h = identity_hash(p, m->cells[c].ident) & b->mask; b->slot[h]; h = (h + 1) & b->mask) {
        size_t j = b->slot[h] - 1;
        if (cell_pub(m, j) == p && atoms_same_identity(m, c, j))
            return j;
    }
    return SIZE_MAX;
}

/* Adds to v the cells of publication p with the identities of signature sig's cells in publication e. */
static void add_same_cells(const struct model *m, const struct ilist *sig, size_t e, size_t p,
                           const struct by_identity *b, struct ilist *v)
{
    for (size_t k = 0; k < sig->n; k++) {
        size_t c = (size_t)sig->v[k];
        if (cell_pub(m, c) != e)
            continue;
        size_t j = by_identity_find(m, b, p, c);
        if (j != SIZE_MAX)
            ilist_add(v, (int)j);
    }
}

/*
 * Adds the atoms an intruder cannot rule out although no row has them.  A
 * row counted from one publication on (in the order of the last day they
 * count) could as well have been counted from a later one on, or from an
 * earlier one on, in the counts of the same tabell, rad and kolumn: an
 * intruder who knew which of these are empty would know, say, which cells
 * gained nobody since last month, and nobody does.  Such atoms hold no
 * rows, so every count keeps its true value; and they are only what the
 * reports' definitions allow, so the audit never assumes an intruder who
 * knows less than a real one.
 */
static void add_phantoms(struct model *m, struct sigs *g)
{
    size_t npubs = m->s->npubs + 1, nactual = g->n;
    struct by_identity b;
    by_identity_build(m, &b);
    size_t *rank = xcalloc(npubs, sizeof *rank), *order = pub_order(m, rank);
    struct ilist v = { NULL, 0, 0 };
    char *in_pub = xcalloc(npubs, 1);
    for (size_t a = 0; a < nactual; a++) {
        struct ilist sig = g->v[a];     /* a copy of the list head: g->v may move */
        memset(in_pub, 0, npubs);
        size_t first = npubs;           /* the earliest publication counting it, by rank */
        for (size_t k = 0; k < sig.n; k++) {
            size_t p = cell_pub(m, (size_t)sig.v[k]);
            in_pub[p] = 1;
            if (first == npubs || rank[p] < rank[first])
                first = p;
        }
        int made;
        /*
         * Counted from a later publication on: without the earliest ones.
         * Publications of the same last day (a revision re-published) are
         * never cut apart: between them only the rows that changed differ.
         */
        for (size_t r = rank[first] + 1; r < npubs; r++) {
            if (!in_pub[order[r]] || same_day(m, order[r], order[r - 1]))
                continue;
            v.n = 0;
            for (size_t k = 0; k < sig.n; k++)
                if (rank[cell_pub(m, (size_t)sig.v[k])] >= r)
                    ilist_add(&v, sig.v[k]);
            if (v.n)
                sig_atom(g, v.v, v.n, &made);
        }
        /* Counted from an earlier publication on: in each one from there to the first. */
        for (size_t r = rank[first]; r-- > 0;) {
            if ((order[r] < m->s->npubs && !m->pub_used[order[r]]) || same_day(m, order[r], first) ||
                (r > 0 && same_day(m, order[r], order[r - 1])))
                continue;
            v.n = 0;
            for (size_t k = 0; k < sig.n; k++)
                ilist_add(&v, sig.v[k]);
            size_t base = v.n;
            for (size_t q = r; q < rank[first]; q++)
                if (!same_day(m, order[q], first))
                    add_same_cells(m, &g->v[a], first, order[q], &b, &v);
            if (v.n == base)
                continue;
            qsort(v.v, v.n, sizeof *v.v, int_cmp);
            sig_atom(g, v.v, v.n, &made);
        }
    }
    free(v.v);
    free(in_pub);
    free(rank);
    free(order);
    free(b.slot);
}

void atoms_build(struct model *m, struct ilist *in, const long *weight, size_t nunits)
{
    struct sigs g = { NULL, 0, 0, NULL, 0 };
    long *count = NULL;
    size_t cap = 0;
    for (size_t u = 0; u < nunits; u++) {
        if (!in[u].n || weight[u] <= 0)
            continue;
        int made;
        int a = sig_atom(&g, in[u].v, in[u].n, &made);
        count = xgrow(count, &cap, (size_t)a, sizeof *count, 256);
        if (made)
            count[a] = 0;
        count[a] += weight[u];
    }
    size_t nactual = g.n;
    add_phantoms(m, &g);
    m->natoms = g.n;
    m->atom_n = xcalloc(g.n ? g.n : 1, sizeof *m->atom_n);
    if (nactual)
        memcpy(m->atom_n, count, nactual * sizeof *count);
    free(count);
    struct ilist *cell_atoms = xcalloc(m->ncells ? m->ncells : 1, sizeof *cell_atoms);
    for (size_t a = 0; a < g.n; a++) {
        for (size_t k = 0; k < g.v[a].n; k++)
            ilist_add(&cell_atoms[g.v[a].v[k]], (int)a);
        free(g.v[a].v);
    }
    free(g.v);
    free(g.slot);
    for (size_t i = 0; i < m->ncells; i++) {
        m->cells[i].atoms = cell_atoms[i].v;
        m->cells[i].natoms = cell_atoms[i].n;
    }
    free(cell_atoms);
}

int int_cmp(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

void atoms_minus(const struct mcell *a, const struct mcell *b, struct quantity *q,
                        const long *atom_n)
{
    q->atoms = xcalloc(a->natoms ? a->natoms : 1, sizeof *q->atoms);
    size_t j = 0;
    for (size_t i = 0; i < a->natoms; i++) {
        while (j < b->natoms && b->atoms[j] < a->atoms[i])
            j++;
        if (j < b->natoms && b->atoms[j] == a->atoms[i])
            continue;
        q->atoms[q->natoms++] = a->atoms[i];
        q->value += atom_n[a->atoms[i]];
    }
}

struct quantity *model_add_q(struct model *m, enum qkind kind, size_t a, size_t b)
{
    m->q = xgrow(m->q, &m->capq, m->nq, sizeof *m->q, 64);
    struct quantity *q = &m->q[m->nq++];
    memset(q, 0, sizeof *q);
    q->kind = kind;
    q->a = a;
    q->b = b;
    return q;
}

void model_add_hidden_q(struct model *m, size_t i)
{
    struct quantity *q = model_add_q(m, Q_HIDDEN, i, i);
    const struct mcell *x = &m->cells[i];
    q->atoms = xcalloc(x->natoms ? x->natoms : 1, sizeof *q->atoms);
    memcpy(q->atoms, x->atoms, x->natoms * sizeof *x->atoms);
    q->natoms = x->natoms;
    q->value = x->value;
}

void model_count_label(const struct model *m, size_t i, struct strbuf *sb)
{
    const char *l[3];
    atoms_cell_labels(m, i, l);
    sb_printf(sb, "%s / %s / %s", l[0], l[1], l[2]);
}
