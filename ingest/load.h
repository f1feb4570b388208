/*
 * load.h: the inside of ingest, shared by its files (not for use outside ingest/).
 *
 * A file is loaded in two passes (ingest.c): scan.c reads it once for its
 * encoding and lines, while its digest is made beside it; then, inside the
 * transaction, rows.c feeds it to the CSV reader, whose first record
 * header.c reads (the kind, the column map, the source_file row, the
 * statements) and whose other records rows.c checks and files into
 * batches.  loader.c loads the batches on a second thread; bulk.c drops
 * and rebuilds a large file's indexes; progress.c shows the progress line
 * and says every message; walk.c walks the folders named on the command
 * line.
 */
#ifndef FOTSTAT_LOAD_H
#define FOTSTAT_LOAD_H

#include <pthread.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdio.h>

#include "common/strbuf.h"
#include "ingest/batchq.h"
#include "ingest/csvread.h"
#include "ingest/ingest.h"
#include "ingest/kinds.h"

#define CHUNK 65536

struct digest_job;

/* A source_file row's sha256 while the digest is made beside the load (source_file.sql). */
#define PENDING_SHA256 "beräknas"

/* What the first pass learns about a file. */
struct scan {
    char sha256[65];        /* hex digest, once scan_digest has made it (digest_ready) */
    int digest_ready;
    struct digest_job *job; /* the digest being made, until scan_end */
    long long size;         /* bytes */
    int is_utf8;            /* valid UTF-8 throughout */
    int bom;                /* starts with the UTF-8 BOM */
    long nul_line;          /* line of the first NUL byte, 0 if none */
    long lines;             /* physical lines counted (up to the NUL, if any) */
    unsigned char head[4096]; /* first bytes, for the delimiter */
    size_t nhead;
};

/* Where a statement takes each column's value. */
struct params {
    int *col;                     /* col[i]: parameter index of k->cols[i] */
    int round_month;              /* :omgang_manad for COL_ROUND, or 0 */
    int file, line;
};

/*
 * Rows travel from the parsing thread to the loading thread in batches.
 * An item is a row to load (reason NULL) or a rejected row with its
 * message; its values, and the text they point to, live in the batch.
 * Each batch is one handoff between the threads and one run of the
 * insert through batchvt.c's table: with 512 rows instead of 128 the
 * rows phase of the 1M bf ingest took about 8 % less CPU (eight runs of
 * each, paired), for about 1.8 MiB more of values over the four batches.
 */
#define BATCH_ROWS 512
#define BATCH_TEXT (CSVR_MAX_RECORD + 65536)   /* a whole record and its message */
#define NBATCHES 4

struct item {
    long line;
    const char *column;     /* a rejected row: the column, or NULL for the whole row */
    const char *reason;     /* a rejected row: why, in Swedish; NULL for a row to load */
};

struct batch {
    size_t n;                     /* items filled */
    struct item item[BATCH_ROWS];
    struct value *vals;           /* BATCH_ROWS rows of the kind's columns */
    char *text;                   /* BATCH_TEXT bytes: the items' strings */
    size_t used;
    int named;                    /* the Personnummer of its rows are pseudonyms already */
    char (*pnr)[PNR_BUF];         /* BATCH_ROWS buffers: row i's Personnummer (struct value) */
};

/* The state of loading one file, shared with the record callback. */
struct load {
    sqlite3 *db;
    const struct ingest_opts *o;
    struct codes *codes;
    const char *path;             /* as named by the user, for messages */
    struct scan *scan;
    struct ingest_result *r;
    const struct kind *k;         /* NULL until the header is read */
    int *map;                     /* map[i]: field index of k->cols[i], or -1 */
    struct params ins, rep;       /* parameter indexes of the insert and replace statements */
    size_t nheader;               /* fields in the header */
    sqlite3_stmt *insert, *replace, *first_line, *reject;
    sqlite3_stmt *insert_batch;   /* a whole batch through batchvt.c's table, or NULL */
    int vt_open;                  /* batchvt.c's module is registered for this load */
    const struct batch *vt_batch; /* the batch that table reads */
    sqlite3_int64 file_id;
    struct value *vals;           /* the row being checked: a slot of cur */
    struct rowerr err;
    atomic_int fatal;             /* the file cannot be loaded; message already given */
    struct pseudo *pseudo;        /* the key, when the file has a Personnummer column */
    int pnr_col;                  /* index in k->cols of Personnummer when the header has it, or -1 */
    int pnr_field;                /* its header field, or -1 */
    long shown;                   /* rejected-row messages given */
    char **bulk_sql;              /* CREATE INDEX statements to run after the rows, or NULL */
    size_t nbulk;
    /* The two threads: this one parses into cur; the loader writes what full brings. */
    struct batch batches[NBATCHES];
    struct batch *cur;            /* being filled, or NULL */
    struct batchq *full, *empty;  /* to the loader; back from it */
    pthread_t loader;
    int threaded;                 /* the loader runs (else batches load in this thread) */
};

/*
 * A file at least this many lines long, and at least half the size of what
 * its table holds, is loaded with the table's secondary indexes dropped and
 * built again after the rows: one sort per index instead of a b-tree
 * descent per row and index, which scatters writes over the whole index
 * once it outgrows the page cache.  Smaller files keep the indexes, so a
 * month's export into ten years of history costs the month, not the years.
 */
#define BULK_MIN_LINES 20000

/* A progress line on a terminal: shown after a second, then five times a second. */
struct progress {
    FILE *tty;
    const char *path;
    long long size;          /* bytes in the file */
    double start, next;      /* seconds (monotonic) */
    int shown;               /* the line is on the screen */
};

/* A value as SQLite takes it: text, an integer or a real (value_sql's answer says which). */
struct sqlval {
    const char *text;
    int len;                      /* bytes of text */
    sqlite3_int64 i;
    double d;
};

/*
 * Column c's value v as SQLite takes it, into s; returns SQLITE_NULL,
 * SQLITE_TEXT, SQLITE_INTEGER or SQLITE_FLOAT.  Binding a row (loader.c)
 * and batchvt.c's table both read values through it, once per value of
 * every row: inline.
 */
static inline int value_sql(const struct colspec *c, const struct value *v, struct sqlval *s)
{
    if (!v->present)
        return SQLITE_NULL;
    switch (c->type) {
    case COL_TEXT:
    case COL_CODE:
        s->text = v->text;
        s->len = (int)v->len;
        return SQLITE_TEXT;
    case COL_DATE:
    case COL_MONTH:
        s->text = v->date;
        s->len = (int)v->len;
        return SQLITE_TEXT;
    case COL_PNR:
        s->text = v->pnr;   /* the pseudonym by now */
        s->len = (int)v->len;
        return SQLITE_TEXT;
    case COL_ROUND:
    case COL_YEAR:
    case COL_INT:
    case COL_YESNO:
        s->i = v->i;
        return SQLITE_INTEGER;
    case COL_DEC:
        s->d = v->d;
        return SQLITE_FLOAT;
    }
    return SQLITE_NULL;
}

/*
 * loader.c: each checked Personnummer of b's rows to load becomes its
 * pseudonym, once (b->named).  The loader does it, or the parsing thread
 * when it finds the loader behind.
 */
void batch_pseudonymise(struct load *L, struct batch *b);

/*
 * batchvt.c: registers the table `fotstat_batch` over L->vt_batch for the
 * kind's `insert_batch` (0, or -1: the rows are then loaded one by one);
 * batchvt_close unregisters it once that statement is finalized.
 */
int batchvt_open(struct load *L);
void batchvt_close(sqlite3 *db);

/* progress.c: the progress line of one file on o->progress (a terminal), or nothing. */
void progress_start(struct progress *p, FILE *tty, const char *path, long long size);
void progress_update(struct progress *p, long long bytes, long rows);
void progress_end(struct progress *p);

/*
 * progress.c: says one line to o->msg, from either thread, first erasing
 * the progress line.  Every message of ingest goes through here.
 */
void ingest_say(const struct ingest_opts *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * scan.c: pass one, encoding, text or not, lines; it starts the file's
 * digest, which scan_digest waits for (each 0 or -1, message given).
 * scan_end ends it, made or not, before the file is closed; after a
 * scan_file that failed too.
 */
int scan_file(FILE *f, const char *path, const struct ingest_opts *o, struct scan *s);
int scan_digest(struct scan *s, const char *path, const struct ingest_opts *o);
void scan_end(struct scan *s);

/* header.c: the header: kind, column map, the source_file row, the statements; 0 or -1 (said). */
int header_read(struct load *L, size_t n, char *const *fields);

/* bulk.c: drops the table's secondary indexes if the file is large; bulk_end builds them again. */
int bulk_begin(struct load *L);
int bulk_end(struct load *L);

/* loader.c: the rejected-row messages shown per file. */
long ingest_max_msgs(const struct ingest_opts *o);

/*
 * loader.c: starts the loading thread once the header is read (without
 * one, batches load in this thread: slower, never different); hands the
 * current batch over; hands the last over and waits for every row.
 */
void loader_start(struct load *L);
void loader_handoff(struct load *L);
void loader_end(struct load *L);

/* rows.c: pass two, inside the transaction.  Returns 0 if the file may be committed. */
int rows_load(struct load *L, FILE *f);

/* ingest.c: loads one file and says what came of it; returns its status. */
int ingest_one(sqlite3 *db, const char *path, const struct ingest_opts *o);

#endif
