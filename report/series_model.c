/*
 * series_model.c: the model of one report and the earlier publications:
 * its cells, atoms, components and quantities to protect (series_model.h).
 */
#include "common/util.h"
#include "report/series_model.h"
#include "report/audit.h"
#include "report/suppress.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int uf_find(int *parent, int x)
{
    while (parent[x] != x)
        x = parent[x] = parent[parent[x]];
    return x;
}

/*
 * Splits the atoms into components (atoms that some cell sums together),
 * keeps those this report counts in, and gives each kept atom its column
 * there (atom_comp, atom_loc).  Returns each component's number of columns.
 */
static size_t *assign_components(struct model *m)
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
    size_t *ncols = xcalloc(na + 1, sizeof *ncols);
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
    free(root_comp);
    free(live);
    free(parent);
    return ncols;
}

/*
 * The rows of the components: the distinct sums of atoms their cells are,
 * into rows (cell_comp, cell_row, row_comp, row_value, row_live).  The
 * same rows counted again (a count that has not moved since the last
 * mailing, the tertial's count of the same months) are one row, shown
 * when any of its cells is.  A row only earlier publications hid is never
 * shown in any state the audit asks in, and constrains nothing: it is left
 * out (a hidden count is asked as the sum of its atoms).
 */
static void assign_rows(struct model *m, struct sigs *rows)
{
    m->cell_comp = xcalloc(m->ncells + 1, sizeof *m->cell_comp);
    m->cell_row = xcalloc(m->ncells + 1, sizeof *m->cell_row);
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
        int g = sig_atom(rows, m->cells[i].atoms, m->cells[i].natoms, &made);
        m->cell_row[i] = (size_t)g;
        if (made) {
            m->row_comp[g] = k;
            m->row_value[g] = m->cells[i].value;
            m->row_live[g] = 0;
        }
        if (i >= m->nold || !model_hidden_now(m, i))
            m->row_live[g] = 1;
    }
    m->nrows = rows->n;
}

/*
 * Splits the atoms into components, keeps those this report counts in, and
 * lays out their rows.  The LPs are made when first asked (comp_lp): a
 * series where nothing is hidden and nothing moved by a small amount asks
 * none.
 */
static void build_components(struct model *m)
{
    size_t *ncols = assign_components(m);
    struct sigs rows = { NULL, 0, 0, NULL, 0 };
    assign_rows(m, &rows);
    size_t *nrows = xcalloc(m->ncomps + 1, sizeof *nrows), *nnz = xcalloc(m->ncomps + 1, sizeof *nnz);
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
}

/* Builds the model of rep's tables with units and the publications sharing rows with them. */
void model_pubs_counting(const struct series *s, const char *mark, int *pub)
{
    for (size_t i = 0; i < s->ncounts; i++)
        for (size_t k = 0; k < s->counts[i].nunits && !pub[s->counts[i].pub]; k++)
            if (mark[s->counts[i].units[k]])
                pub[s->counts[i].pub] = 1;
}

int model_audited(const struct table *t)
{
    return t->units && !t->workbook_only && !t->internal;
}

int model_build(struct model *m, struct report *rep, struct series *s, struct strbuf *err)
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
        if (!model_audited(t))
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
    model_pubs_counting(s, mark, m->pub_used);
    free(mark);
    profile_phase("serien: rapportens rader slagna upp i registret");
    for (size_t i = 0; i < s->ncounts; i++)
        if (m->pub_used[s->counts[i].pub]) {
            long v = 0;
            for (size_t k = 0; k < s->counts[i].nunits; k++)
                v += s->weight[s->counts[i].units[k]];
            atoms_add_cell(m, &cap, &s->counts[i], NULL, 0, 0, v);
        }
    m->nold = m->ncells;
    /* This report's counts, and each table's map from (r, c) to them. */
    size_t **at = m->at = xcalloc(rep->ntables + 1, sizeof *at);
    for (size_t ti = 0; ti < rep->ntables; ti++) {
        struct table *t = rep->tables[ti];
        if (!model_audited(t))
            continue;
        at[ti] = xcalloc(t->nrows * t->ncols + 1, sizeof *at[ti]);
        for (size_t r = 0; r < t->nrows; r++)
            for (size_t c = 0; c < t->ncols; c++)
                if (series_is_count(t, r, c)) {
                    at[ti][r * t->ncols + c] = m->ncells + 1;
                    atoms_add_cell(m, &cap, NULL, t, r, c, (long)table_cell(t, r, c)->v);
                }
    }
    for (size_t i = 0; i < m->ncells; i++) {
        const char *l[3];
        atoms_cell_labels(m, i, l);
        m->cells[i].ident = series_hash_text(l[0]) ^ (series_hash_text(l[1]) * 31) ^ (series_hash_text(l[2]) * 1009);
    }
    return 0;
}

/*
 * Where each unit is counted, into in[] (cell numbers, sorted, once each)
 * with its weight: the earlier units in the earlier counts (cell by cell
 * in order, so each list is sorted); this report's rows each a unit of its
 * own, in its earlier unit's counts and this report's, taken out of the
 * earlier unit's weight.
 */
static void units_counted(struct model *m, const struct report *rep, const struct series *s,
                          struct ilist *in, long *weight)
{
    size_t **at = m->at;
    size_t nold_units = s->nunits, nunits = nold_units + m->local.n;
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
            qsort(l->v, l->n, sizeof *l->v, int_cmp);
        size_t k = 0;
        for (size_t j = 0; j < l->n; j++)
            if (k == 0 || l->v[k - 1] != l->v[j])
                l->v[k++] = l->v[j];
        l->n = k;
    }
}

/* The differences of 1..limit-1 between this report's cell i and the same figure earlier: quantities. */
static void add_differences(struct model *m, size_t i)
{
    for (size_t j = 0; j < m->nold; j++) {
        if (!atoms_same_identity(m, i, j))
            continue;
        for (int dir = 0; dir < 2; dir++) {
            struct quantity probe = { .kind = Q_DIFF, .a = dir ? j : i, .b = dir ? i : j };
            atoms_minus(&m->cells[probe.a], &m->cells[probe.b], &probe, m->atom_n);
            if (probe.value >= 1 && probe.value < m->limit) {
                struct quantity back = { .kind = Q_DIFF, .a = probe.b, .b = probe.a };
                atoms_minus(&m->cells[probe.b], &m->cells[probe.a], &back, m->atom_n);
                free(back.atoms);
                struct quantity *q = model_add_q(m, Q_DIFF, probe.a, probe.b);
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

void model_atoms(struct model *m, const struct report *rep, const struct series *s)
{
    size_t nunits = s->nunits + m->local.n;
    struct ilist *in = xcalloc(nunits + 1, sizeof *in);
    long *weight = xcalloc(nunits + 1, sizeof *weight);
    units_counted(m, rep, s, in, weight);
    atoms_build(m, in, weight, nunits);
    profile_phase("serien: atomerna");
    for (size_t u = 0; u < nunits; u++)
        free(in[u].v);
    free(in);
    free(weight);
    for (size_t i = 0; i < m->ncells; i++)
        if (m->cells[i].natoms > 1)
            qsort(m->cells[i].atoms, m->cells[i].natoms, sizeof *m->cells[i].atoms, int_cmp);
    build_components(m);
    profile_phase("serien: komponenterna");
    /* What must keep enough values: hidden counts, and differences from earlier publications. */
    for (size_t i = 0; i < m->ncells; i++)
        if (model_hidden_now(m, i) && m->cells[i].value > 0 && m->cell_comp[i] >= 0)
            model_add_hidden_q(m, i);
    for (size_t i = m->nold; i < m->ncells; i++) {
        const struct mcell *a = &m->cells[i];
        if (a->t->protect && (int)a->r != a->t->total_row)
            add_differences(m, i);
    }
}

void model_free(struct model *m)
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
