/*
 * strindex.h: an index of strings that the caller keeps in an array, by
 * their number there: a hash table with open addressing, kept at most half
 * full, that finds a string's number in one probe or few.  The set of
 * distinct keys of the series audit (report/series.h) and a table's row
 * labels (report/table.c) are both one.
 *
 *   struct strindex ix = STRINDEX_INIT;
 *   strindex_insert(&ix, keys, n);              keys[n] was just appended
 *   if (strindex_first(&ix, keys, "Bromma", &id, NULL)) ... keys[id]
 *   strindex_free(&ix);
 */
#ifndef FOTSTAT_STRINDEX_H
#define FOTSTAT_STRINDEX_H

#include <stddef.h>
#include <stdint.h>

struct strindex {
    uint32_t *slots;        /* the number of a string + 1, 0 for a free slot */
    size_t nslots;          /* a power of two, or 0 before the first insert */
    size_t n;               /* the strings indexed: keys[0] to keys[n - 1] */
};
#define STRINDEX_INIT { NULL, 0, 0 }

/* Indexes keys[id], the next string (id == ix->n); the index grows, from keys, as needed. */
void strindex_insert(struct strindex *ix, char *const *keys, uint32_t id);

/*
 * 1 and, in *id, the smallest number of a string equal to key; else 0 and,
 * when at is not NULL, the slot it would take (for strindex_insert's
 * caller that checked first; valid until the index grows).
 */
int strindex_first(const struct strindex *ix, char *const *keys, const char *key, uint32_t *id,
                   size_t *at);

void strindex_free(struct strindex *ix);

#endif
