/*
 * tally.c: counts of (row, column) label pairs (tally.h).
 */
#include "common/tally.h"
#include "common/util.h"

#include <stdlib.h>
#include <string.h>

/* The pair's hash: row, a byte that never occurs in UTF-8, then col. */
static uint64_t hash_pair(const char *row, const char *col)
{
    return fnv1a((fnv1a(FNV1A_START, row) ^ 0xffu) * 1099511628211ULL, col);
}

static void tally_grow(struct tally *ta)
{
    size_t cap = ta->cap ? 2 * ta->cap : 64;
    struct tally_entry *v = xcalloc(cap, sizeof *v);
    for (size_t i = 0; i < ta->cap; i++)
        if (ta->v[i].row) {
            size_t j = (size_t)ta->v[i].hash & (cap - 1);
            while (v[j].row)
                j = (j + 1) & (cap - 1);
            v[j] = ta->v[i];
        }
    free(ta->v);
    ta->v = v;
    ta->cap = cap;
}

const char *tally_add(struct tally *ta, const char *row, const char *col, long long n)
{
    if (2 * (ta->n + 1) > ta->cap)
        tally_grow(ta);
    uint64_t h = hash_pair(row, col);
    size_t j = (size_t)h & (ta->cap - 1);
    for (; ta->v[j].row; j = (j + 1) & (ta->cap - 1))
        if (ta->v[j].hash == h && strcmp(ta->v[j].row, row) == 0 && strcmp(ta->v[j].col, col) == 0) {
            ta->v[j].n += n;
            return ta->v[j].row;
        }
    ta->v[j] = (struct tally_entry){ xstrdup(row), xstrdup(col), h, n };
    ta->n++;
    return ta->v[j].row;
}

void tally_free(struct tally *ta)
{
    for (size_t i = 0; i < ta->cap; i++) {
        free(ta->v[i].row);
        free(ta->v[i].col);
    }
    free(ta->v);
    memset(ta, 0, sizeof *ta);
}
