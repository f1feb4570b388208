/*
 * ingest.h: reading export files into the database.
 *
 * One file is one transaction.  The file is read twice: once for its
 * SHA-256, its encoding and that it is text at all, then parsed and loaded
 * row by row, so memory does not grow with the file.  A file that cannot
 * be read as its kind loads nothing; a bad row is rejected (kept in
 * rejected_row with line, column and reason) while the good rows load.
 *
 *   struct ingest_opts o = { .strict = 0, .msg = print_line, .msg_ctx = NULL };
 *   int rc = ingest_paths(db, argv, argc, &o);   0, 1 (rows rejected) or 2
 */
#ifndef FOTSTAT_INGEST_H
#define FOTSTAT_INGEST_H

#include <sqlite3.h>
#include <stdio.h>

#include "common/strbuf.h"
#include "ingest/csvread.h"

/* Exit-style outcomes, as doc/rules.md's exit status. */
enum {
    INGEST_OK = 0,          /* loaded every row (or the bytes were already loaded) */
    INGEST_REJECTED = 1,    /* loaded, but some rows were rejected */
    INGEST_FAILED = 2,      /* nothing of the file was loaded */
};

struct ingest_opts {
    int strict;             /* a rejected row rejects the whole file */
    long max_row_msgs;      /* rejected-row messages shown per file (0: the default, 100) */
    const char *key_file;   /* the pseudonym key (pseudonym.h); needed only for Personnummer */
    /*
     * A terminal to show a long load's progress on (rows, MB/s, percent of
     * the file), erased when the file is done; NULL in a pipe or a log.
     */
    FILE *progress;
    /* Receives each message, one line without newline, in Swedish. */
    void (*msg)(void *ctx, const char *line);
    void *msg_ctx;
};

struct ingest_result {
    int status;             /* INGEST_OK, INGEST_REJECTED or INGEST_FAILED */
    int already_loaded;     /* byte-identical to a file loaded before: nothing done */
    const char *kind;       /* recognised kind, or NULL */
    enum csv_encoding encoding;
    char delim;
    long rows_read;         /* data records after the header */
    long rows_loaded;       /* added + replaced + unchanged */
    long rows_added;        /* a key not loaded before */
    long rows_replaced;     /* a key another file loaded, with a value changed (that row is kept) */
    long rows_unchanged;    /* a key another file loaded with the same values: left as it was */
    long rows_rejected;
};

/* Loads one file.  Returns r->status.  Messages go to o->msg. */
int ingest_file(sqlite3 *db, const char *path, const struct ingest_opts *o,
                struct ingest_result *r);

/*
 * Loads each path in order; a folder means its *.csv files in name order.
 * Each file is handled on its own; a summary line per file goes to o->msg.
 * Returns the worst status.
 */
int ingest_paths(sqlite3 *db, char *const *paths, int n, const struct ingest_opts *o);

/*
 * ingest_paths into the database at dbpath, opened for writing (created
 * if new), with the pseudonym key beside it unless o->key_file names one.
 * Returns ingest_paths' status, or INGEST_FAILED with a Swedish message in
 * err when the database cannot be opened.
 */
int ingest_run(const char *dbpath, char *const *paths, int n, const struct ingest_opts *o,
               struct strbuf *err);

#endif
