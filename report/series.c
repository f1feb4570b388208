/*
 * series.c: the audit of a series of publications (series.h): the units
 * and the earlier publications' counts, each report's rows named and
 * fingerprinted.  The model and the audit are in series_atoms.c,
 * series_model.c, series_hide.c and series_protect.c (series_model.h).
 */
#include "report/series.h"
#include "common/util.h"
#include "report/series_model.h"

#include <sodium.h>
#include <stdio.h>
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
    s->counts = xgrow(s->counts, &s->capcounts, s->ncounts, sizeof *s->counts, 256);
    struct series_count *c = &s->counts[s->ncounts++];
    memset(c, 0, sizeof *c);
    c->pub = pub;
    c->tabell = xstrdup(tabell);
    c->rad = xstrdup(rad);
    c->kolumn = xstrdup(kolumn);
    c->hidden = hidden;
    return c;
}

uint64_t series_hash_text(const char *k)
{
    return fnv1a(FNV1A_START, k);
}

/* The id of key: 1 if known, else 0 (and *at, the slot it would take). */
int series_keys_find(const struct series_keys *k, const char *key, uint32_t *id, size_t *at)
{
    return strindex_first(&k->ix, k->keys, key, id, at);
}

/* The id of key, added if new; *made says which. */
uint32_t series_keys_add(struct series_keys *k, const char *key, int *made)
{
    uint32_t id;
    *made = !series_keys_find(k, key, &id, NULL);
    if (!*made)
        return id;
    k->keys = xgrow(k->keys, &k->cap, k->n, sizeof *k->keys, 1024);
    k->keys[k->n] = xstrdup(key);
    strindex_insert(&k->ix, k->keys, (uint32_t)k->n);
    return (uint32_t)k->n++;
}

void series_keys_free(struct series_keys *k)
{
    for (size_t i = 0; i < k->n; i++)
        free(k->keys[i]);
    free(k->keys);
    strindex_free(&k->ix);
    memset(k, 0, sizeof *k);
}

uint32_t series_group(struct series *s, long rows)
{
    s->weight = xgrow(s->weight, &s->capunits, s->nunits, sizeof *s->weight, 1024);
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
    c->units = xgrow(c->units, &c->cap, c->nunits, sizeof *c->units, 8);
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
