/*
 * batchq.h: a bounded, blocking queue of pointers between two threads.
 *
 * The ingest runs as two threads (ingest.c): one parses and checks rows,
 * the other writes them to the database.  Batches of rows go one way in a
 * queue and come back empty in another, so the two share no row while
 * either works on it, and memory stays what the batches hold.
 */
#ifndef FOTSTAT_BATCHQ_H
#define FOTSTAT_BATCHQ_H

#include <stddef.h>

struct batchq;

/* A queue that holds up to cap pointers; NULL if out of memory. */
struct batchq *batchq_new(size_t cap);
void batchq_free(struct batchq *q);

/* Adds p at the tail, waiting while the queue is full. */
void batchq_push(struct batchq *q, void *p);

/* Takes the head, waiting while the queue is empty; NULL once closed and empty. */
void *batchq_pop(struct batchq *q);

/* How many pointers the queue holds now (the other thread may change it at once). */
size_t batchq_len(struct batchq *q);

/* No more pushes: pop returns what is left, then NULL. */
void batchq_close(struct batchq *q);

#endif
