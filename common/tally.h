/*
 * tally.h: counts of (row, column) label pairs in a hash table, gathered in
 * a pass over rows with no sort of them.  The reports fill tables from it
 * (tally_fill in transform/crosstab.h); the ingest keeps the survey's
 * counts per round with it (ingest/rounds.c).
 */
#ifndef FOTSTAT_TALLY_H
#define FOTSTAT_TALLY_H

#include <stddef.h>
#include <stdint.h>

struct tally_entry {
    char *row, *col;        /* NULL in a free slot */
    uint64_t hash;
    long long n;
};

/* Zeroed to start; tally_free.  The entries are v[0..cap), free slots among them. */
struct tally {
    struct tally_entry *v;  /* open addressing; cap is 0 or a power of two */
    size_t n, cap;
};

/* Adds n to (row, col); returns the row's label as the tally keeps it, valid until tally_free. */
const char *tally_add(struct tally *ta, const char *row, const char *col, long long n);
void tally_free(struct tally *ta);

#endif
