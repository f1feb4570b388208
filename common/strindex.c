/*
 * strindex.c: an index of strings kept by the caller (strindex.h).
 */
#include "common/strindex.h"
#include "common/util.h"

#include <stdlib.h>
#include <string.h>

static size_t slot_of(const char *key, size_t nslots)
{
    return (size_t)fnv1a(FNV1A_START, key) & (nslots - 1);
}

/* Rebuilds the slots at twice the size, from keys[0 .. ix->n - 1]. */
static void grow(struct strindex *ix, char *const *keys)
{
    size_t n = ix->nslots ? 2 * ix->nslots : 64;
    free(ix->slots);
    ix->slots = xcalloc(n, sizeof *ix->slots);
    ix->nslots = n;
    for (size_t id = 0; id < ix->n; id++) {
        size_t i = slot_of(keys[id], n);
        while (ix->slots[i])
            i = (i + 1) & (n - 1);
        ix->slots[i] = (uint32_t)id + 1;
    }
}

void strindex_insert(struct strindex *ix, char *const *keys, uint32_t id)
{
    if (2 * ((size_t)id + 1) > ix->nslots)
        grow(ix, keys);
    size_t i = slot_of(keys[id], ix->nslots);
    while (ix->slots[i])
        i = (i + 1) & (ix->nslots - 1);
    ix->slots[i] = id + 1;
    ix->n = (size_t)id + 1;
}

int strindex_first(const struct strindex *ix, char *const *keys, const char *key, uint32_t *id,
                   size_t *at)
{
    if (!ix->nslots)
        return 0;
    size_t i = slot_of(key, ix->nslots);
    uint32_t best = UINT32_MAX;
    for (; ix->slots[i]; i = (i + 1) & (ix->nslots - 1)) {
        uint32_t k = ix->slots[i] - 1;
        if (k < best && strcmp(keys[k], key) == 0)
            best = k;
    }
    if (best != UINT32_MAX) {
        *id = best;
        return 1;
    }
    if (at)
        *at = i;
    return 0;
}

void strindex_free(struct strindex *ix)
{
    free(ix->slots);
    ix->slots = NULL;
    ix->nslots = ix->n = 0;
}
