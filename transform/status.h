/*
 * status.h: what the database holds, per export kind and per file.
 */
#ifndef FOTSTAT_STATUS_H
#define FOTSTAT_STATUS_H

#include <sqlite3.h>

struct status_kind {
    const char *kind;       /* 'bf-formedlingar', ... */
    const char *title;      /* Swedish description */
    long files;             /* files loaded */
    long rows;              /* rows in the database now (after replacement) */
    long rejected;          /* rows rejected, over all files */
    const char *first;      /* start of the period covered ("" if none) */
    const char *last;       /* end of it */
};

struct status_file {
    const char *name, *kind, *encoding, *delim, *sha12, *ingested_at;
    long read, loaded, rejected;
};

/* Calls fn for each kind, then ffn for each file; strings live for the call. Returns 0 or -1. */
int status_query(sqlite3 *db,
                 void (*fn)(void *ctx, const struct status_kind *k),
                 void (*ffn)(void *ctx, const struct status_file *f), void *ctx);

#endif
