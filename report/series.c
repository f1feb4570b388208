/*
 * series.c: the audit of a series of publications (series.h).
 */
#include "report/series.h"
#include "common/util.h"
#include "report/audit.h"
#include "report/suppress.h"

#include <stdio.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

/* ---- the units, and the earlier publications' counts ------------------------ */

void series_init(struct series *s)
{
    memset(s, 0, sizeof *s);
}

void series_free(struct series *s)
{
    for (size_t i = 0; i < s->npubs; i++) {
        free(s->pubs[i].label);
        free(s->pubs[i].through);
    }
    for (size_t i = 0; i < s->ncounts; i++) {
        struct series_count *c = &s->counts[i];
        free(c->tabell);
        free(c->rad);
        free(c->kolumn);
        free(c->units);
    }
    free(s->pubs);
    free(s->counts);
    free(s->weight);
    series_keys_free(&s->named);
    free(s->named_unit);
    if (s->find_free)
        s->find_free(s->find_ctx);
    memset(s, 0, sizeof *s);
}

size_t series_add_pub(struct series *s, long long id, const char *label, const char *through)
{
    s->pubs = xrealloc(s->pubs, (s->npubs + 1) * sizeof *s->pubs);
    s->pubs[s->npubs].id = id;
    s->pubs[s->npubs].label = xstrdup(label);
    s->pubs[s->npubs].through = through ? xstrdup(through) : NULL;
    return s->npubs++;
}

struct series_count *series_add_count(struct series *s, size_t pub, const char *tabell,
                                      const char *rad, const char *kolumn, int hidden)
{
    if (s->ncounts == s->capcounts) {
        s->capcounts = s->capcounts ? 2 * s->capcounts : 256;
        s->counts = xrealloc(s->counts, s->capcounts * sizeof *s->counts);
    }
    struct series_count *c = &s->counts[s->ncounts++];
    memset(c, 0, sizeof *c);
    c->pub = pub;
    c->tabell = xstrdup(tabell);
    c->rad = xstrdup(rad);
    c->kolumn = xstrdup(kolumn);
    c->hidden = hidden;
    return c;
}

static uint64_t hash_text(const char *k)
{
    return fnv1a(FNV1A_START, k);
}

/* Rebuilds the slots at twice the size. */
static void grow_slots(struct series_keys *k)
{
    size_t n = k->nslots ? 2 * k->nslots : 1024;
    free(k->slots);
    k->slots = xcalloc(n, sizeof *k->slots);
    k->nslots = n;
    for (size_t id = 0; id < k->n; id++) {
        size_t i = hash_text(k->keys[id]) & (n - 1);
        while (k->slots[i])
            i = (i + 1) & (n - 1);
        k->slots[i] = (uint32_t)id + 1;
    }
}

/* The id of key: 1 if known, else 0 (and *at, the slot it would take). */
int series_keys_find(const struct series_keys *k, const char *key, uint32_t *id, size_t *at)
{
    if (!k->nslots)
        return 0;
    size_t i = hash_text(key) & (k->nslots - 1);
    for (; k->slots[i]; i = (i + 1) & (k->nslots - 1))
        if (strcmp(k->keys[k->slots[i] - 1], key) == 0) {
            *id = k->slots[i] - 1;
            return 1;
        }
    if (at)
        *at = i;
    return 0;
}

/* The id of key, added if new; *made says which. */
uint32_t series_keys_add(struct series_keys *k, const char *key, int *made)
{
    if (2 * (k->n + 1) > k->nslots)
        grow_slots(k);
    uint32_t id;
    size_t at = 0;
    *made = !series_keys_find(k, key, &id, &at);
    if (!*made)
        return id;
    if (k->n == k->cap) {
        k->cap = k->cap ? 2 * k->cap : 1024;
        k->keys = xrealloc(k->keys, k->cap * sizeof *k->keys);
    }
    k->keys[k->n] = xstrdup(key);
    k->slots[at] = (uint32_t)k->n + 1;
    return (uint32_t)k->n++;
}

void series_keys_free(struct series_keys *k)
{
    for (size_t i = 0; i < k->n; i++)
        free(k->keys[i]);
    free(k->keys);
    free(k->slots);
    memset(k, 0, sizeof *k);
}

uint32_t series_group(struct series *s, long rows)
{
    if (s->nunits == s->capunits) {
        s->capunits = s->capunits ? 2 * s->capunits : 1024;
        s->weight = xrealloc(s->weight, s->capunits * sizeof *s->weight);
    }
    s->weight[s->nunits] = rows;
    return (uint32_t)s->nunits++;
}

uint32_t series_unit(struct series *s, const char *key)
{
    int made;
    uint32_t id = series_keys_add(&s->named, key, &made);
    if (made) {
        s->named_unit = xrealloc(s->named_unit, s->named.cap * sizeof *s->named_unit);
        s->named_unit[id] = series_group(s, 1);
    }
    return s->named_unit[id];
}

int series_find(struct series *s, char *const *keys, size_t n, uint32_t *units, struct strbuf *err)
{
    if (s->find)
        return s->find(s->find_ctx, keys, n, units, err);
    for (size_t i = 0; i < n; i++) {
        uint32_t id;
        units[i] = series_keys_find(&s->named, keys[i], &id, NULL) ? s->named_unit[id] : SERIES_NONE;
    }
    return 0;
}

void series_count_add(struct series_count *c, uint32_t unit)
{
    if (c->nunits == c->cap) {
        c->cap = c->cap ? 2 * c->cap : 8;
        c->units = xrealloc(c->units, c->cap * sizeof *c->units);
    }
    c->units[c->nunits++] = unit;
}

void series_count_add_unit(struct series *s, struct series_count *c, const char *key)
{
    series_count_add(c, series_unit(s, key));
}

int series_unit_in(const struct table *t, size_t e, size_t r, size_t c)
{
    const struct table_units *u = t->units;
    int all_r = (int)r == t->total_row;
    int all_c = (int)c == t->total_col || (t->link.population && !t->link.cdim);
    return (all_r || u->r[e] == r) && (all_c || u->c[e] == c);
}

size_t series_unit_cells(const struct table *t, size_t e, size_t *r, size_t *c)
{
    const struct table_units *u = t->units;
    size_t rows[2] = { u->r[e], (size_t)t->total_row }, n = 0;
    size_t nr = t->total_row >= 0 && (size_t)t->total_row != u->r[e] ? 2 : 1;
    /*
     * Both rows hold the entry (its own, and the total row); of the columns,
     * its own and the total column, or every one when the columns are not
     * a breakdown of the population (series_unit_in).
     */
    int every = t->link.population && !t->link.cdim;
    size_t cols[2] = { u->c[e], (size_t)t->total_col };
    size_t nc = t->total_col >= 0 && (size_t)t->total_col != u->c[e] ? 2 : 1;
    for (size_t i = 0; i < nr; i++) {
        if (every) {
            for (size_t cc = 0; cc < t->ncols; cc++)
                if (series_is_count(t, rows[i], cc)) {
                    r[n] = rows[i];
                    c[n++] = cc;
                }
            continue;
        }
        /* In column order, as the loop over every column gave them. */
        size_t lo = nc == 2 && cols[1] < cols[0] ? 1 : 0;
        for (size_t k = 0; k < nc; k++) {
            size_t cc = cols[(lo + k) % nc];
            if (series_is_count(t, rows[i], cc)) {
                r[n] = rows[i];
                c[n++] = cc;
            }
        }
    }
    return n;
}

int series_is_count(const struct table *t, size_t r, size_t c)
{
    return t->units && !t->workbook_only && !t->internal && audit_is_count(t, r, c);
}

const char *series_prints(const struct table *t)
{
    static const unsigned char key[crypto_shorthash_siphashx24_KEYBYTES] = "fotstat-rader-1";
    if (!t->units)
        return NULL;
    if (t->units->prints)
        return t->units->prints;
    size_t n = t->nrows * t->ncols;
    char *out = t->units->prints = xcalloc(n * SERIES_PRINT_LEN + 1, 1);
    uint64_t (*sum)[2] = xcalloc(n + 1, sizeof *sum);
    size_t *rr = xcalloc(2 * (t->ncols + 1), sizeof *rr), *cc = xcalloc(2 * (t->ncols + 1), sizeof *cc);
    for (size_t e = 0; e < t->units->n; e++) {
        const char *k = t->units->text.buf + t->units->key[e];
        unsigned char h[crypto_shorthash_siphashx24_BYTES];
        uint64_t lo, hi;
        crypto_shorthash_siphashx24(h, (const unsigned char *)k, strlen(k), key);
        memcpy(&lo, h, 8);
        memcpy(&hi, h + 8, 8);
        size_t m = series_unit_cells(t, e, rr, cc);
        for (size_t i = 0; i < m; i++) {
            uint64_t *x = sum[rr[i] * t->ncols + cc[i]];
            x[0] += lo;
            x[1] += hi + (x[0] < lo);
        }
    }
    for (size_t r = 0; r < t->nrows; r++)
        for (size_t c = 0; c < t->ncols; c++)
            if (series_is_count(t, r, c))
                snprintf(out + (r * t->ncols + c) * SERIES_PRINT_LEN, SERIES_PRINT_LEN, "%016llx%016llx",
                         (unsigned long long)sum[r * t->ncols + c][1],
                         (unsigned long long)sum[r * t->ncols + c][0]);
    free(sum);
    free(rr);
    free(cc);
    return out;
}

int series_check_units(const struct report *rep, struct strbuf *err)
{
    int rc = 0;
    for (size_t i = 0; i < rep->ntables && rc == 0; i++) {
        const struct table *t = rep->tables[i];
        if (!t->units)
            continue;
        size_t *n = xcalloc(t->nrows * t->ncols + 1, sizeof *n);
        size_t *rr = xcalloc(2 * (t->ncols + 1), sizeof *rr), *cc = xcalloc(2 * (t->ncols + 1), sizeof *cc);
        for (size_t e = 0; e < t->units->n; e++) {
            size_t k = series_unit_cells(t, e, rr, cc);
            for (size_t j = 0; j < k; j++)
                n[rr[j] * t->ncols + cc[j]]++;
        }
        for (size_t r = 0; r < t->nrows && rc == 0; r++)
            for (size_t c = 0; c < t->ncols && rc == 0; c++) {
                if (!series_is_count(t, r, c) || (double)n[r * t->ncols + c] == table_cell(t, r, c)->v)
                    continue;
                sb_printf(err, "internt fel: tabellen %s, %s / %s räknar %.0f men raderna bakom "
                          "den är %zu; ingenting skrevs", t->name, t->rows[r], t->cols[c],
                          table_cell(t, r, c)->v, n[r * t->ncols + c]);
                rc = -1;
            }
        free(n);
        free(rr);
        free(cc);
    }
    return rc;
}

/* ---- the model -------------------------------------------------------------- */

/* A count of the model: an earlier publication's, or a cell of this report's. */
struct mcell {
    const struct series_count *old;     /* an earlier publication's count, or NULL */
    struct table *t;                    /* this report's: the table and cell */
    size_t r, c;
    long value;                         /* its true value: the number of its units */
    int *atoms;                         /* the atoms it sums */
    size_t natoms;
    signed char pinned;                 /* hidden, it could not keep enough values: 1 yes, -1 no, 0 not asked */
    size_t hidden_for;                  /* hidden for the series to protect quantity hidden_for - 1; 0 not */
    uint64_t ident;                     /* a hash of its tabell, rad and kolumn */
};

#define NONE SERIES_NONE

/* A count that must keep enough possible values. */
enum qkind { Q_HIDDEN, Q_DIFF };

struct quantity {
    enum qkind kind;
    size_t a, b;            /* the hidden cell (a); or the cells whose difference a \ b it is */
    int *atoms;             /* the atoms summed, owned */
    size_t natoms;
    long value;             /* its true value */
    long need;              /* the possible values it must keep (0: not yet worked out) */
    int done;               /* it has them: hiding more cells never takes them away */
    int gone;               /* the hidden cell was shown again: nothing to protect */
    int exact;              /* Q_DIFF: no atom of b is missing from a, so a - b is its value */
    int cls;                /* 1 + its class: the quantities summing the same atoms (0: not yet known) */
};

/*
 * The states the audit asks the model in.  Each component keeps an LP for
 * each, so that asking one does not undo the solver's work on another.
 */
enum scenario {
    NOW,            /* the counts as they stand: earlier publications and this report, as hidden now */
    ALL_HIDDEN,     /* as NOW, with every count of this report that may be hidden hidden */
    OLD_ONLY,       /* the earlier publications alone */
    NSCEN
};

struct model {
    struct mcell *cells;
    size_t ncells, nold;    /* the first nold are the earlier publications' */
    long *atom_n;           /* each atom's number of units */
    size_t natoms;
    struct audit_lp *lp;
    struct quantity *q;
    size_t nq, capq;
    size_t *added;          /* the cells hidden for the series, in order */
    size_t nadded;
    const struct series *s;
    int *pub_used;          /* per earlier publication: it shares rows with this report */
    int limit;
    /*
     * The atoms fall apart into components that share no count (SHIS's
     * placements and Bostadsförmedlingen's offers, say): one LP each, and
     * only those this report counts in, as nothing else can change.
     */
    struct component {
        struct audit_lp *lp[NSCEN];     /* one LP a scenario, each warm in its own state; made when first asked */
        size_t nrows, ncols;
        size_t *start;                  /* its rows' columns, for the LPs: row r is cols[start[r] .. start[r + 1]) */
        int *cols;
        size_t given, pinned;           /* its counts given away already, for the notes */
        struct strbuf given_ex, pinned_ex;
    } *comps;
    size_t ncomps;
    int *atom_comp, *atom_loc;  /* per atom: its component (-1: none), its column there */
    int *cell_comp;             /* per cell: its component (-1: none or not this report's) */
    size_t *cell_row;           /* per cell: its row of the model (cells summing the same atoms share one) */
    int *row_comp;              /* per row: its component */
    size_t *row_loc;            /* per row: its row in its component's LP */
    long *row_value;            /* per row: its true value */
    int *row_shown;             /* per row, as of the last sync: how many of its cells are shown */
    char *row_live;             /* per row: in the LPs (some count of it may be shown) */
    size_t nrows;
    int *scratch;               /* columns of one sum, for a solve */
    struct series_keys local;   /* this report's rows, each once */
    uint32_t **eloc;            /* per table, per entry of its units: its row in local */
    size_t **at;                /* per audited table: model cell + 1 of each (r, c), 0 if none */
    size_t ntables;
    uint32_t *was;              /* per row of it: the earlier unit it is one of, or NONE */
    const char *through;            /* the last day this report counts (its place in the series) */
    struct series_summary *sum;     /* what the notes will say */
    /*
     * What the LPs said of each class of quantities (the same atoms: the
     * same hidden count in two mailings, a difference and a hidden count
     * of the same rows): the values found per scenario, asked once.  The
     * earlier publications alone, and everything that may be hidden hidden,
     * never change; NOW's answers hold while no count is shown again (only
     * hidden, which never takes values away), so they hold in their epoch
     * and only at least limit values are kept.
     */
    struct sigs *classes;
    long *cls_v[NSCEN];
    unsigned *cls_at[NSCEN];        /* the epoch an answer is of, plus 1 (0: none) */
    size_t capcls;
    unsigned epoch;                 /* NOW's: a count was shown again since */
};

static int hidden_now(const struct model *m, size_t i)
{
    const struct mcell *x = &m->cells[i];
    if (x->old)
        return x->old->hidden;
    return table_cell(x->t, x->r, x->c)->kind == CELL_PROTECTED;
}

/* A cell of this report that may be hidden for the series: as suppress.c's complements. */
static int eligible(const struct table *t, size_t r, size_t c)
{
    const struct cell *x = table_cell(t, r, c);
    return t->protect && (int)r != t->total_row && series_is_count(t, r, c) &&
           x->kind != CELL_PROTECTED && x->v > 0;
}

static void add_cell(struct model *m, size_t *cap, const struct series_count *old,
                     struct table *t, size_t r, size_t c, long value)
{
    if (m->ncells == *cap) {
        *cap = *cap ? 2 * *cap : 256;
        m->cells = xrealloc(m->cells, *cap * sizeof *m->cells);
    }
    struct mcell *x = &m->cells[m->ncells++];
    memset(x, 0, sizeof *x);
    x->old = old;
    x->t = t;
    x->r = r;
    x->c = c;
    x->value = value;
}

/* Growing lists of ints, one per unit: the cells each unit is counted in. */
struct ilist {
    int *v;
    size_t n, cap;
};

static void ilist_add(struct ilist *l, int x)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 4;
        l->v = xrealloc(l->v, l->cap * sizeof *l->v);
    }
    l->v[l->n++] = x;
}

static uint64_t hash_ints(const int *v, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (uint64_t)(uint32_t)v[i]) * 1099511628211ULL;
    return h ^ n;
}

/* The atoms' signatures (the cells each counts in, sorted), findable by content. */
struct sigs {
    struct ilist *v;        /* by atom */
    size_t n, cap;
    int *slot;              /* open addressing: atom + 1 */
    size_t nslots;
};

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

/* The atom with signature v[0..n-1] (sorted), made when new; *made says which. */
static int sig_atom(struct sigs *g, const int *v, size_t n, int *made)
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
    if (g->n == g->cap) {
        g->cap = g->cap ? 2 * g->cap : 256;
        g->v = xrealloc(g->v, g->cap * sizeof *g->v);
    }
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

/* A cell's tabell, rad and kolumn, as the tidy CSV names them: an earlier publication's or this report's. */
static void cell_labels(const struct model *m, size_t i, const char *l[3])
{
    const struct mcell *x = &m->cells[i];
    l[0] = x->old ? x->old->tabell : x->t->name;
    l[1] = x->old ? x->old->rad : x->t->rows[x->r];
    l[2] = x->old ? x->old->kolumn : x->t->cols[x->c];
}

/* True if cells i and j are the same figure (tabell, rad, kolumn), in whichever publications. */
static int same_identity(const struct model *m, size_t i, size_t j)
{
    if (m->cells[i].ident != m->cells[j].ident)
        return 0;
    const char *x[3], *y[3];
    cell_labels(m, i, x);
    cell_labels(m, j, y);
    return strcmp(x[0], y[0]) == 0 && strcmp(x[1], y[1]) == 0 && strcmp(x[2], y[2]) == 0;
}

static int icmp(const void *a, const void *b);

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
        if (cell_pub(m, j) == p && same_identity(m, c, j))
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
            qsort(v.v, v.n, sizeof *v.v, icmp);
            sig_atom(g, v.v, v.n, &made);
        }
    }
    free(v.v);
    free(in_pub);
    free(rank);
    free(order);
    free(b.slot);
}

/*
 * Builds the atoms from where each unit is counted, the atoms no row has but
 * an intruder cannot rule out, and each cell's atoms.  in[u] lists the cells
 * of unit u in increasing order; weight[u] is how many rows it stands for.
 */
static void build_atoms(struct model *m, struct ilist *in, const long *weight, size_t nunits)
{
    struct sigs g = { NULL, 0, 0, NULL, 0 };
    long *count = NULL;
    size_t cap = 0;
    for (size_t u = 0; u < nunits; u++) {
        if (!in[u].n || weight[u] <= 0)
            continue;
        int made;
        int a = sig_atom(&g, in[u].v, in[u].n, &made);
        if ((size_t)a >= cap) {
            cap = cap ? 2 * cap : 256;
            count = xrealloc(count, cap * sizeof *count);
        }
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

static int icmp(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* The atoms of cell a not in cell b (both sorted), into q. */
static void atoms_minus(const struct mcell *a, const struct mcell *b, struct quantity *q,
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

static struct quantity *add_q(struct model *m, enum qkind kind, size_t a, size_t b)
{
    if (m->nq == m->capq) {
        m->capq = m->capq ? 2 * m->capq : 64;
        m->q = xrealloc(m->q, m->capq * sizeof *m->q);
    }
    struct quantity *q = &m->q[m->nq++];
    memset(q, 0, sizeof *q);
    q->kind = kind;
    q->a = a;
    q->b = b;
    return q;
}

/* A hidden count becomes a quantity to protect; its atoms are its own. */
static void add_hidden_q(struct model *m, size_t i)
{
    struct quantity *q = add_q(m, Q_HIDDEN, i, i);
    const struct mcell *x = &m->cells[i];
    q->atoms = xcalloc(x->natoms ? x->natoms : 1, sizeof *q->atoms);
    memcpy(q->atoms, x->atoms, x->natoms * sizeof *x->atoms);
    q->natoms = x->natoms;
    q->value = x->value;
}

/* The label of a count for notes: "tabell / rad / kolumn". */
static void count_label(const struct model *m, size_t i, struct strbuf *sb)
{
    const char *l[3];
    cell_labels(m, i, l);
    sb_printf(sb, "%s / %s / %s", l[0], l[1], l[2]);
}

static int uf_find(int *parent, int x)
{
    while (parent[x] != x)
        x = parent[x] = parent[parent[x]];
    return x;
}

/*
 * Splits the atoms into components, keeps those this report counts in, and
 * lays out their rows.  The LPs are made when first asked (comp_lp): a
 * series where nothing is hidden and nothing moved by a small amount asks
 * none.
 */
static void build_components(struct model *m)
{
    size_t na = m->natoms;
    int *parent = xcalloc(na + 1, sizeof *parent);
    for (size_t a = 0; a < na; a++)
        parent[a] = (int)a;
    for (size_t i = 0; i < m->ncells; i++)
        for (size_t k = 1; k < m->cells[i].natoms; k++) {
            int x = uf_find(parent, m->cells[i].atoms[0]), y = uf_find(parent, m->cells[i].atoms[k]);
            if (x != y)
                parent[x] = y;
        }
    /* Live roots: those of this report's cells. */
    char *live = xcalloc(na + 1, 1);
    for (size_t i = m->nold; i < m->ncells; i++)
        for (size_t k = 0; k < m->cells[i].natoms; k++)
            live[uf_find(parent, m->cells[i].atoms[k])] = 1;
    int *root_comp = xcalloc(na + 1, sizeof *root_comp);
    for (size_t a = 0; a < na; a++)
        root_comp[a] = -1;
    m->atom_comp = xcalloc(na + 1, sizeof *m->atom_comp);
    m->atom_loc = xcalloc(na + 1, sizeof *m->atom_loc);
    size_t *ncols = xcalloc(na + 1, sizeof *ncols);   /* per component: its columns */
    for (size_t a = 0; a < na; a++) {
        int r = uf_find(parent, (int)a);
        if (!live[r]) {
            m->atom_comp[a] = -1;
            continue;
        }
        if (root_comp[r] < 0)
            root_comp[r] = (int)m->ncomps++;
        m->atom_comp[a] = root_comp[r];
        m->atom_loc[a] = (int)ncols[root_comp[r]]++;
    }
    /*
     * Each component's rows: the distinct sums of atoms its cells are.  The
     * same rows counted again (a count that has not moved since the last
     * mailing, the tertial's count of the same months) are one row, shown
     * when any of its cells is.  A row only earlier publications hid is
     * never shown in any state the audit asks in, and constrains nothing:
     * it is left out (a hidden count is asked as the sum of its atoms).
     */
    struct sigs rows = { NULL, 0, 0, NULL, 0 };
    m->cell_comp = xcalloc(m->ncells + 1, sizeof *m->cell_comp);
    m->cell_row = xcalloc(m->ncells + 1, sizeof *m->cell_row);
    size_t *nrows = xcalloc(m->ncomps + 1, sizeof *nrows), *nnz = xcalloc(m->ncomps + 1, sizeof *nnz);
    /* A row per distinct sum: at most one a cell. */
    m->row_comp = xcalloc(m->ncells + 1, sizeof *m->row_comp);
    m->row_value = xcalloc(m->ncells + 1, sizeof *m->row_value);
    m->row_live = xcalloc(m->ncells + 1, sizeof *m->row_live);
    for (size_t i = 0; i < m->ncells; i++) {
        int k = m->cells[i].natoms ? m->atom_comp[m->cells[i].atoms[0]] : -1;
        m->cell_comp[i] = k;
        if (k < 0)
            continue;
        int made;
        int g = sig_atom(&rows, m->cells[i].atoms, m->cells[i].natoms, &made);
        m->cell_row[i] = (size_t)g;
        if (made) {
            m->row_comp[g] = k;
            m->row_value[g] = m->cells[i].value;
            m->row_live[g] = 0;
        }
        if (i >= m->nold || !hidden_now(m, i))
            m->row_live[g] = 1;
    }
    m->nrows = rows.n;
    m->row_loc = xcalloc(m->nrows + 1, sizeof *m->row_loc);
    for (size_t g = 0; g < m->nrows; g++)
        if (m->row_live[g]) {
            m->row_loc[g] = nrows[m->row_comp[g]]++;
            nnz[m->row_comp[g]] += rows.v[g].n;
        }
    m->row_shown = xcalloc(m->nrows + 1, sizeof *m->row_shown);
    m->comps = xcalloc(m->ncomps + 1, sizeof *m->comps);
    for (size_t k = 0; k < m->ncomps; k++) {
        size_t *start = xcalloc(nrows[k] + 1, sizeof *start);
        int *cols = xcalloc(nnz[k] + 1, sizeof *cols);
        size_t r = 0, at = 0;
        for (size_t g = 0; g < m->nrows; g++) {
            if (m->row_comp[g] != (int)k || !m->row_live[g])
                continue;
            start[r++] = at;
            for (size_t j = 0; j < rows.v[g].n; j++)
                cols[at++] = m->atom_loc[rows.v[g].v[j]];
        }
        start[r] = at;
        m->comps[k].nrows = nrows[k];
        m->comps[k].ncols = ncols[k];
        m->comps[k].start = start;
        m->comps[k].cols = cols;
    }
    for (size_t g = 0; g < rows.n; g++)
        free(rows.v[g].v);
    free(rows.v);
    free(rows.slot);
    free(nrows);
    free(nnz);
    free(ncols);
    free(root_comp);
    free(live);
    free(parent);
}

/* Builds the model of rep's tables with units and the publications sharing rows with them. */
/* Sets pub[p] for each earlier publication with a count of a unit marked in mark. */
static void pubs_counting(const struct series *s, const char *mark, int *pub)
{
    for (size_t i = 0; i < s->ncounts; i++)
        for (size_t k = 0; k < s->counts[i].nunits && !pub[s->counts[i].pub]; k++)
            if (mark[s->counts[i].units[k]])
                pub[s->counts[i].pub] = 1;
}

/* Whether entry e of t->units is one of the rows the series audits: its table's counts are. */
static int audited(const struct table *t)
{
    return t->units && !t->workbook_only && !t->internal;
}

/* Returns 0, or -1 with a message in err when the register could not be read. */
static int model_build(struct model *m, struct report *rep, struct series *s, struct strbuf *err)
{
    size_t cap = 256;
    m->cells = xcalloc(cap, sizeof *m->cells);
    /*
     * This report's rows, each named once, and the earlier unit each is one
     * of (NONE: no earlier publication counted it), to know which
     * publications share any.
     */
    m->ntables = rep->ntables;
    m->eloc = xcalloc(rep->ntables + 1, sizeof *m->eloc);
    for (size_t ti = 0; ti < rep->ntables; ti++) {
        const struct table *t = rep->tables[ti];
        if (!audited(t))
            continue;
        m->eloc[ti] = xcalloc(t->units->n + 1, sizeof *m->eloc[ti]);
        for (size_t e = 0; e < t->units->n; e++) {
            int made;
            m->eloc[ti][e] = series_keys_add(&m->local, t->units->text.buf + t->units->key[e], &made);
        }
    }
    m->was = xcalloc(m->local.n + 1, sizeof *m->was);
    if (series_find(s, m->local.keys, m->local.n, m->was, err))
        return -1;
    char *mark = xcalloc(s->nunits + 1, 1);
    for (size_t l = 0; l < m->local.n; l++) {
        if (m->was[l] >= s->nunits)
            m->was[l] = NONE;
        else
            mark[m->was[l]] = 1;
    }
    m->pub_used = xcalloc(s->npubs ? s->npubs : 1, sizeof *m->pub_used);
    pubs_counting(s, mark, m->pub_used);
    free(mark);
    profile_phase("serien: rapportens rader slagna upp i registret");
    for (size_t i = 0; i < s->ncounts; i++)
        if (m->pub_used[s->counts[i].pub]) {
            long v = 0;
            for (size_t k = 0; k < s->counts[i].nunits; k++)
                v += s->weight[s->counts[i].units[k]];
            add_cell(m, &cap, &s->counts[i], NULL, 0, 0, v);
        }
    m->nold = m->ncells;
    /* This report's counts, and each table's map from (r, c) to them. */
    size_t **at = m->at = xcalloc(rep->ntables + 1, sizeof *at);
    for (size_t ti = 0; ti < rep->ntables; ti++) {
        struct table *t = rep->tables[ti];
        if (!audited(t))
            continue;
        at[ti] = xcalloc(t->nrows * t->ncols + 1, sizeof *at[ti]);
        for (size_t r = 0; r < t->nrows; r++)
            for (size_t c = 0; c < t->ncols; c++)
                if (series_is_count(t, r, c)) {
                    at[ti][r * t->ncols + c] = m->ncells + 1;
                    add_cell(m, &cap, NULL, t, r, c, (long)table_cell(t, r, c)->v);
                }
    }
    for (size_t i = 0; i < m->ncells; i++) {
        const char *l[3];
        cell_labels(m, i, l);
        m->cells[i].ident = hash_text(l[0]) ^ (hash_text(l[1]) * 31) ^ (hash_text(l[2]) * 1009);
    }
    return 0;
}

/* The rest of the model: its atoms, components and quantities to protect. */
static void model_atoms(struct model *m, const struct report *rep, const struct series *s)
{
    size_t **at = m->at;
    /*
     * Where each unit is counted: the earlier units in the earlier counts
     * (cell by cell in order, so each list is sorted); this report's rows
     * each a unit of its own, in its earlier unit's counts and this
     * report's, taken out of the earlier unit's weight.
     */
    size_t nold_units = s->nunits, nunits = nold_units + m->local.n;
    struct ilist *in = xcalloc(nunits + 1, sizeof *in);
    long *weight = xcalloc(nunits + 1, sizeof *weight);
    if (nold_units)
        memcpy(weight, s->weight, nold_units * sizeof *weight);
    for (size_t i = 0; i < m->nold; i++)
        for (size_t k = 0; k < m->cells[i].old->nunits; k++)
            ilist_add(&in[m->cells[i].old->units[k]], (int)i);
    for (size_t l = 0; l < m->local.n; l++) {
        weight[nold_units + l] = 1;
        if (m->was[l] == NONE)
            continue;
        weight[m->was[l]]--;
        const struct ilist *o = &in[m->was[l]];
        for (size_t k = 0; k < o->n; k++)
            ilist_add(&in[nold_units + l], o->v[k]);
    }
    size_t *rr = NULL, *cc = NULL;
    for (size_t ti = 0; ti < rep->ntables; ti++) {
        const struct table *t = rep->tables[ti];
        if (!at[ti])
            continue;
        rr = xrealloc(rr, 2 * (t->ncols + 1) * sizeof *rr);
        cc = xrealloc(cc, 2 * (t->ncols + 1) * sizeof *cc);
        for (size_t e = 0; e < t->units->n; e++) {
            uint32_t l = m->eloc[ti][e];
            size_t n = series_unit_cells(t, e, rr, cc);
            for (size_t k = 0; k < n; k++)
                if (at[ti][rr[k] * t->ncols + cc[k]])
                    ilist_add(&in[nold_units + l], (int)(at[ti][rr[k] * t->ncols + cc[k]] - 1));
        }
    }
    free(rr);
    free(cc);
    profile_phase("serien: var varje rad räknas");
    /* A row counted twice by one table (its own cell and a total) is one entry each: sorted, once. */
    for (size_t u = nold_units; u < nunits; u++) {
        struct ilist *l = &in[u];
        if (l->n > 1)
            qsort(l->v, l->n, sizeof *l->v, icmp);
        size_t k = 0;
        for (size_t j = 0; j < l->n; j++)
            if (k == 0 || l->v[k - 1] != l->v[j])
                l->v[k++] = l->v[j];
        l->n = k;
    }
    build_atoms(m, in, weight, nunits);
    profile_phase("serien: atomerna");
    for (size_t u = 0; u < nunits; u++)
        free(in[u].v);
    free(in);
    free(weight);
    for (size_t i = 0; i < m->ncells; i++)
        if (m->cells[i].natoms > 1)
            qsort(m->cells[i].atoms, m->cells[i].natoms, sizeof *m->cells[i].atoms, icmp);
    build_components(m);
    profile_phase("serien: komponenterna");
    /* What must keep enough values: hidden counts, and differences from earlier publications. */
    for (size_t i = 0; i < m->ncells; i++)
        if (hidden_now(m, i) && m->cells[i].value > 0 && m->cell_comp[i] >= 0)
            add_hidden_q(m, i);
    for (size_t i = m->nold; i < m->ncells; i++) {
        const struct mcell *a = &m->cells[i];
        if (!a->t->protect || (int)a->r == a->t->total_row)
            continue;
        for (size_t j = 0; j < m->nold; j++) {
            if (!same_identity(m, i, j))
                continue;
            for (int dir = 0; dir < 2; dir++) {
                struct quantity probe = { .kind = Q_DIFF, .a = dir ? j : i, .b = dir ? i : j };
                atoms_minus(&m->cells[probe.a], &m->cells[probe.b], &probe, m->atom_n);
                if (probe.value >= 1 && probe.value < m->limit) {
                    struct quantity back = { .kind = Q_DIFF, .a = probe.b, .b = probe.a };
                    atoms_minus(&m->cells[probe.b], &m->cells[probe.a], &back, m->atom_n);
                    free(back.atoms);
                    struct quantity *q = add_q(m, Q_DIFF, probe.a, probe.b);
                    q->atoms = probe.atoms;
                    q->natoms = probe.natoms;
                    q->value = probe.value;
                    q->exact = back.natoms == 0;
                } else {
                    free(probe.atoms);
                }
            }
        }
    }
}

static void model_free(struct model *m)
{
    for (size_t i = 0; i < m->ncells; i++)
        free(m->cells[i].atoms);
    for (size_t i = 0; i < m->nq; i++)
        free(m->q[i].atoms);
    free(m->cells);
    free(m->q);
    free(m->added);
    free(m->atom_n);
    free(m->pub_used);
    for (size_t k = 0; k < m->ncomps; k++) {
        for (int sc = 0; sc < NSCEN; sc++)
            audit_lp_free(m->comps[k].lp[sc]);
        free(m->comps[k].start);
        free(m->comps[k].cols);
        sb_free(&m->comps[k].given_ex);
        sb_free(&m->comps[k].pinned_ex);
    }
    free(m->comps);
    free(m->atom_comp);
    free(m->atom_loc);
    free(m->cell_comp);
    free(m->cell_row);
    free(m->row_comp);
    free(m->row_loc);
    free(m->row_value);
    free(m->row_shown);
    free(m->row_live);
    free(m->scratch);
    if (m->classes) {
        for (size_t c = 0; c < m->classes->n; c++)
            free(m->classes->v[c].v);
        free(m->classes->v);
        free(m->classes->slot);
        free(m->classes);
    }
    for (int k = 0; k < NSCEN; k++) {
        free(m->cls_v[k]);
        free(m->cls_at[k]);
    }
    series_keys_free(&m->local);
    for (size_t ti = 0; ti < m->ntables; ti++) {
        if (m->eloc)
            free(m->eloc[ti]);
        if (m->at)
            free(m->at[ti]);
    }
    free(m->eloc);
    free(m->at);
    free(m->was);
}

/* Whether cell i is hidden in a scenario. */
static int hidden_in(const struct model *m, size_t i, enum scenario sc)
{
    if (i < m->nold || sc == NOW)
        return hidden_now(m, i);
    if (sc == OLD_ONLY)
        return 1;
    const struct mcell *x = &m->cells[i];
    return hidden_now(m, i) || eligible(x->t, x->r, x->c);
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

/* Brings the LPs of the counts as they stand up to date. */
static void sync(struct model *m)
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

static void say_example(const struct model *m, const struct quantity *q, struct strbuf *sb)
{
    if (sb->len)
        return;
    if (q->kind == Q_HIDDEN) {
        sb_adds(sb, "det dolda antalet ");
        count_label(m, q->a, sb);
        sb_printf(sb, " i %s", pub_of(m, q->a));
    } else {
        sb_adds(sb, "skillnaden i ");
        count_label(m, q->a, sb);
        sb_printf(sb, " mellan %s och %s", pub_of(m, q->a), pub_of(m, q->b));
    }
}

/*
 * How many values q keeps now, or a lower bound of it of at least want.
 * A difference of two shown counts where no row of the earlier one can be
 * missing from the later is their difference exactly: one value, no solve.
 */
static int qvalues(struct model *m, enum scenario sc, struct quantity *q, long want, long *v)
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
            size_t cap = m->capcls ? 2 * m->capcls : 256;
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

/*
 * How many values q must keep: N, unless it is given away already: by the
 * earlier publications alone (for a count only they print), or by the
 * city-wide totals and the earlier publications (with every cell of this
 * report that may be hidden hidden).  Then this report must not narrow it
 * further.  Returns 0, or -1 when the solver failed.
 */
static int work_out_need(struct model *m, struct quantity *q)
{
    long v;
    if (q->a < m->nold && q->b < m->nold) {
        if (qvalues(m, OLD_ONLY, q, m->limit, &v))
            return -1;
        if (v < m->limit) {
            struct component *k = &m->comps[m->atom_comp[q->atoms[0]]];
            q->need = v;
            k->given++;
            say_example(m, q, &k->given_ex);
            return 0;
        }
    }
    if (qvalues(m, ALL_HIDDEN, q, m->limit, &v))
        return -1;
    if (v < m->limit) {
        q->need = v;
        struct component *k = &m->comps[m->atom_comp[q->atoms[0]]];
        k->pinned++;
        say_example(m, q, &k->pinned_ex);
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
            if (!eligible(x->t, x->r, x->c))
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
    add_hidden_q(m, i);
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
    sync(m);
    for (int pass = 0; pass < 3; pass++)
        for (size_t k = 0; k < m->nq; k++) {
            struct quantity *q = &m->q[k];
            /* Another component's LP does not see cell i at all. */
            if (q->gone || (q->natoms && m->atom_comp[q->atoms[0]] != m->cell_comp[i]) ||
                ask_order(m, i, k) != pass)
                continue;
            long v;
            if (qvalues(m, NOW, q, q->need ? q->need : m->limit, &v)) {
                *failed = 1;
                return 0;
            }
            if (v < (q->need ? q->need : m->limit))
                return 0;
        }
    return 1;
}

/*
 * Shows again each cell hidden for the series that the series can do
 * without, the largest first, so that as little as possible is hidden.
 * Returns 0, or -1 when the solver failed.
 */
static int prune(struct model *m)
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

/*
 * Whether this report's cell i, hidden, would keep fewer than limit values
 * even with every cell that may be hidden hidden: pinned by the city-wide
 * totals and the earlier publications.  Hiding it would protect nothing,
 * and its own table's audit would find it given away.  Asked once a cell.
 * Returns 1 or 0, or -1 when the solver failed.
 */
static int pinned(struct model *m, size_t i)
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

/*
 * Protects q by hiding one more cell of this report: the cell that moved,
 * when q is the difference of a shown cell of this report from an earlier
 * one; else a complement near q's rows, chosen by the LP's dual values
 * rather than by trying each (a solve each).  Returns 0, 1 when nothing
 * more can be hidden, or -1 when the solver failed.
 */
static int mend(struct model *m, struct quantity *q)
{
    if (q->kind == Q_DIFF) {
        size_t own = q->a >= m->nold ? q->a : q->b;
        const struct mcell *o = &m->cells[own];
        if (own >= m->nold && !hidden_now(m, own) && eligible(o->t, o->r, o->c)) {
            int p = pinned(m, own);
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
    sync(m);
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
            int p = pass < 2 ? pinned(m, mv[j].cell) : 0;
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

void series_summary_init(struct series_summary *sum)
{
    memset(sum, 0, sizeof *sum);
    sum->min_values = AUDIT_UNBOUNDED;
}

void series_summary_free(struct series_summary *sum)
{
    sb_free(&sum->used_list);
    sb_free(&sum->same_as);
    sb_free(&sum->prior);
    for (size_t i = 0; i < sum->ntables; i++) {
        sb_free(&sum->tables[i].used_list);
        sb_free(&sum->tables[i].given_ex);
        sb_free(&sum->tables[i].pinned_ex);
    }
    free(sum->tables);
}

/*
 * What each table's note says: the earlier publications counting any row
 * it counts, and what is given away already in the components its counts
 * are in (another component's findings are about other rows).
 */
static void table_notes(const struct model *m, const struct series *s, const struct report *rep,
                        struct series_summary *sum)
{
    sum->ntables = rep->ntables;
    sum->tables = xcalloc(rep->ntables + 1, sizeof *sum->tables);
    char *seen = xcalloc(s->nunits + 1, 1);
    char *comp = xcalloc(m->ncomps + 1, 1);
    int *pub = xcalloc(s->npubs + 1, sizeof *pub);
    for (size_t ti = 0; ti < rep->ntables; ti++) {
        const struct table *t = rep->tables[ti];
        struct series_table_note *n = &sum->tables[ti];
        if (!audited(t))
            continue;
        memset(seen, 0, s->nunits + 1);
        memset(comp, 0, m->ncomps + 1);
        memset(pub, 0, (s->npubs + 1) * sizeof *pub);
        for (size_t e = 0; e < t->units->n; e++) {
            uint32_t l;
            if (series_keys_find(&m->local, t->units->text.buf + t->units->key[e], &l, NULL) &&
                m->was[l] != NONE)
                seen[m->was[l]] = 1;
        }
        pubs_counting(s, seen, pub);
        for (size_t p = 0; p < s->npubs; p++)
            if (pub[p])
                sb_printf(&n->used_list, "%s%s", n->used++ ? ", " : "", s->pubs[p].label);
        for (size_t i = m->nold; i < m->ncells; i++)
            if (m->cells[i].t == t && m->cell_comp[i] >= 0)
                comp[m->cell_comp[i]] = 1;
        for (size_t k = 0; k < m->ncomps; k++) {
            const struct component *c = &m->comps[k];
            if (!comp[k])
                continue;
            n->given += c->given;
            n->pinned += c->pinned;
            if (!n->given_ex.len && c->given_ex.len)
                sb_adds(&n->given_ex, c->given_ex.buf);
            if (!n->pinned_ex.len && c->pinned_ex.len)
                sb_adds(&n->pinned_ex, c->pinned_ex.buf);
        }
    }
    free(pub);
    free(comp);
    free(seen);
}

void series_add_notes(struct report *rep, const struct series_summary *sum)
{
    struct strbuf sb = STRBUF_INIT;
    for (size_t ti = 0; ti < rep->ntables && ti < sum->ntables; ti++) {
        struct table *t = rep->tables[ti];
        const struct series_table_note *n = &sum->tables[ti];
        if (!t->protect || !t->units || t->workbook_only || t->internal)
            continue;
        sb_reset(&sb);
        if (n->used == 0) {
            sb_adds(&sb, "Granskad mot registret över det som publicerats: ingen tidigare "
                         "publicering räknar samma hushåll.");
        } else if (sum->same_as.len) {
            sb_printf(&sb, "Granskad mot registret över det som publicerats: varje antal i tabellen "
                           "har redan publicerats i %s, med samma värde och räknat på samma rader, "
                           "och döljs som där, så rapporten lägger inget till det som redan "
                           "publicerats.", sum->same_as.buf);
            if (t->audit.series_hidden)
                sb_printf(&sb, " %d antal döljs här för seriens skull.", t->audit.series_hidden);
        } else {
            sb_printf(&sb, "Granskad tillsammans med %zu publicering%s som räknar samma hushåll (%s): "
                           "inget dolt antal, och ingen skillnad mot samma tal i en tidigare "
                           "publicering, kan räknas fram till färre än %d möjliga värden",
                      n->used, n->used == 1 ? "" : "ar", n->used_list.buf, sum->limit);
            if (sum->checked && sum->min_values != AUDIT_UNBOUNDED)
                sb_printf(&sb, " (%zu granskade i rapporten; minst %ld möjliga värden)",
                          sum->checked, sum->min_values);
            sb_adds(&sb, ".");
            if (t->audit.series_hidden)
                sb_printf(&sb, " %d antal döljs här för seriens skull.", t->audit.series_hidden);
            if (sum->prior_hidden)
                sb_printf(&sb, " Det som %s dolde döljs också här, där det är ett antal som får "
                               "döljas: visat nu vore det publicerat för första gången.", sum->prior.buf);
        }
        table_add_note(t, sb.buf);
        if (n->given) {
            sb_reset(&sb);
            sb_printf(&sb, "Redan publicerat: %zu antal framgår av tidigare publiceringar "
                           "tillsammans (till exempel %s); den här rapporten lägger inget till.",
                      n->given, n->given_ex.buf);
            table_add_note(t, sb.buf);
        }
        if (n->pinned) {
            sb_reset(&sb);
            sb_printf(&sb, "%zu antal i serien framgår redan av totalerna för hela staden och de "
                           "tidigare publiceringarna (till exempel %s), så att dölja dem här skyddar "
                           "ingen; den här rapporten lägger inget till.", n->pinned,
                      n->pinned_ex.buf);
            table_add_note(t, sb.buf);
        }
    }
    sb_free(&sb);
}

/* "Om rapporten": the publications audited together with the report. */
static struct table *series_table_new(void)
{
    struct table *t = table_new("serie", "Publiceringar som granskades tillsammans med rapporten");
    table_set_stub(t, "Publicering");
    table_set_cols(t, 1, (const char *[]){ "Räknar samma hushåll" });
    t->workbook_only = 1;
    return t;
}

static struct table *series_table(const struct model *m)
{
    struct table *t = series_table_new();
    for (size_t p = 0; p < m->s->npubs; p++)
        if (m->pub_used[p]) {
            int r = table_add_row(t, m->s->pubs[p].label);
            table_text(t, (size_t)r, 0, "ja");
        }
    return t;
}

/*
 * Hides the counts of rep marked in hidden[ti] that are shown: each one, or
 * (only_eligible) those that may be hidden for the series.  Returns how
 * many; each is counted as hidden for the series.
 */
static size_t hide_marked(struct report *rep, char *const *hidden, int only_eligible,
                          struct series_summary *sum)
{
    size_t n = 0;
    for (size_t ti = 0; ti < rep->ntables; ti++) {
        struct table *t = rep->tables[ti];
        int more = 0;
        for (size_t r = 0; hidden[ti] && r < t->nrows; r++)
            for (size_t c = 0; c < t->ncols; c++) {
                struct cell *x = table_cell(t, r, c);
                if (!hidden[ti][r * t->ncols + c] || x->kind == CELL_PROTECTED ||
                    (only_eligible && !eligible(t, r, c)))
                    continue;
                cell_hide(x);
                t->audit.series_hidden++;
                sum->hidden++;
                n++;
                more = 1;
            }
        if (more)
            suppress_sync_shares(t);
    }
    return n;
}

/*
 * A report published already (s->same): every count the same, on the same
 * rows, as in a registered publication of it.  Hidden as it hid them, the
 * report adds nothing to what is out, and nothing is left to ask.  Returns
 * 1 when so (rep then hidden that way), 0 when not, -1 with a message when
 * the register could not be read.
 *
 * Published before, but not the same (a re-publication after an export was
 * corrected): what the latest publication of the report and period hid is
 * hidden again where it may be, before the series is audited.  Shown now,
 * such a count would be published for the first time, and most of the
 * series' quantities keep their values as they did then: the audit asks
 * far fewer of them to be mended.  These cells are not shown again by the
 * audit's pruning.
 */
static int republished(struct report *rep, struct series *s, struct series_summary *sum,
                       struct strbuf *err)
{
    char **hidden = xcalloc(rep->ntables + 1, sizeof *hidden);
    for (size_t ti = 0; ti < rep->ntables; ti++)
        if (audited(rep->tables[ti]))
            hidden[ti] = xcalloc(rep->tables[ti]->nrows * rep->tables[ti]->ncols + 1, 1);
    struct strbuf label = STRBUF_INIT, prior = STRBUF_INIT;
    int rc = s->same(s->register_ctx, rep, &label, &prior, hidden, err);
    if (rc == 0 && !label.len && prior.len) {
        sum->prior_hidden = hide_marked(rep, hidden, 1, sum);
        sb_adds(&sum->prior, prior.buf);
    }
    if (rc == 0 && label.len) {
        hide_marked(rep, hidden, 0, sum);
        sum->ntables = rep->ntables;
        sum->tables = xcalloc(rep->ntables + 1, sizeof *sum->tables);
        for (size_t ti = 0; ti < rep->ntables; ti++)
            if (hidden[ti]) {
                sum->tables[ti].used = 1;
                sb_adds(&sum->tables[ti].used_list, label.buf);
            }
        sum->used = 1;
        sb_adds(&sum->used_list, label.buf);
        sb_adds(&sum->same_as, label.buf);
        table_free(rep->series);
        rep->series = series_table_new();
        table_text(rep->series, (size_t)table_add_row(rep->series, label.buf), 0, "samma tal");
        rc = 1;
    }
    sb_free(&label);
    sb_free(&prior);
    for (size_t ti = 0; ti < rep->ntables; ti++)
        free(hidden[ti]);
    free(hidden);
    return rc;
}

int series_protect(struct report *rep, struct series *s, int limit, struct series_summary *sum,
                   struct strbuf *err)
{
    if (series_check_units(rep, err))
        return -1;
    sum->limit = limit;
    if (s->same) {
        int r = republished(rep, s, sum, err);
        if (r)
            return r < 0 ? -1 : 0;
    }
    if (s->load) {
        int (*load)(void *, struct series *, struct strbuf *) = s->load;
        s->load = NULL;
        if (load(s->register_ctx, s, err))
            return -1;
        profile_phase("serien: registret läst");
    }
    struct model m;
    memset(&m, 0, sizeof m);
    m.s = s;
    m.limit = limit;
    m.sum = sum;
    m.through = rep->through;
    sum->limit = limit;
    if (model_build(&m, rep, s, err)) {
        model_free(&m);
        return -1;
    }
    for (size_t p = 0; p < s->npubs; p++)
        if (m.pub_used[p])
            sb_printf(&sum->used_list, "%s%s", sum->used++ ? ", " : "", s->pubs[p].label);
    model_atoms(&m, rep, s);
    /* Alone, the report's own audit (suppress.c) is the whole audit. */
    int rc = 0;
    for (size_t k = 0; k < m.nq && rc == 0 && sum->used; k++) {
        struct quantity *q = &m.q[k];
        while (!q->done && rc == 0) {
            long v;
            sync(&m);
            if (qvalues(&m, NOW, q, q->need ? q->need : limit, &v)) {
                rc = -2;
                break;
            }
            if (v >= limit || (q->need && v >= q->need)) {
                q->done = 1;
                if (v >= limit) {
                    sum->checked++;
                    if (v < sum->min_values)
                        sum->min_values = v;
                }
                break;
            }
            if (!q->need && work_out_need(&m, q)) {
                rc = -2;
                break;
            }
            if (v >= q->need)
                continue;
            int r = mend(&m, q);
            if (r < 0)
                rc = -2;
            else if (r > 0)
                rc = -1;
            q = &m.q[k];    /* mend may have grown the list */
        }
        if (rc == -1) {
            struct strbuf what = STRBUF_INIT;
            say_example(&m, &m.q[k], &what);
            sb_printf(err, "rapporten kan inte skyddas tillsammans med det som redan publicerats: "
                      "%s går att räkna fram till färre än %d möjliga värden, och inga fler celler "
                      "kan döljas; ingenting skrevs", what.buf, limit);
            sb_free(&what);
        }
    }
    profile_phase("serien: frågorna till LP:erna");
    if (rc == 0 && m.nadded && prune(&m))
        rc = -2;
    profile_phase("serien: gallringen");
    if (rc == -2)
        sb_adds(err, "internt fel: granskningen av serien av publiceringar (GLPK) gick inte att lösa");
    if (rc == 0) {
        table_notes(&m, s, rep, sum);
        table_free(rep->series);
        rep->series = series_table(&m);
    }
    model_free(&m);
    return rc ? -1 : 0;
}
