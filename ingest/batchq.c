/*
 * batchq.c: a bounded, blocking queue of pointers (batchq.h).
 */
#include "ingest/batchq.h"

#include <pthread.h>
#include <stdlib.h>

struct batchq {
    pthread_mutex_t mu;
    pthread_cond_t changed;     /* an item came or went, or the queue closed */
    void **v;                   /* ring of cap slots */
    size_t cap, head, n;
    int closed;
};

struct batchq *batchq_new(size_t cap)
{
    struct batchq *q = calloc(1, sizeof *q);
    if (!q)
        return NULL;
    q->v = calloc(cap, sizeof *q->v);
    if (!q->v || pthread_mutex_init(&q->mu, NULL) != 0) {
        free(q->v);
        free(q);
        return NULL;
    }
    if (pthread_cond_init(&q->changed, NULL) != 0) {
        pthread_mutex_destroy(&q->mu);
        free(q->v);
        free(q);
        return NULL;
    }
    q->cap = cap;
    return q;
}

void batchq_free(struct batchq *q)
{
    if (!q)
        return;
    pthread_cond_destroy(&q->changed);
    pthread_mutex_destroy(&q->mu);
    free(q->v);
    free(q);
}

void batchq_push(struct batchq *q, void *p)
{
    pthread_mutex_lock(&q->mu);
    while (q->n == q->cap)
        pthread_cond_wait(&q->changed, &q->mu);
    q->v[(q->head + q->n) % q->cap] = p;
    q->n++;
    pthread_cond_broadcast(&q->changed);
    pthread_mutex_unlock(&q->mu);
}

void *batchq_pop(struct batchq *q)
{
    void *p = NULL;
    pthread_mutex_lock(&q->mu);
    while (q->n == 0 && !q->closed)
        pthread_cond_wait(&q->changed, &q->mu);
    if (q->n) {
        p = q->v[q->head];
        q->head = (q->head + 1) % q->cap;
        q->n--;
        pthread_cond_broadcast(&q->changed);
    }
    pthread_mutex_unlock(&q->mu);
    return p;
}

void batchq_close(struct batchq *q)
{
    pthread_mutex_lock(&q->mu);
    q->closed = 1;
    pthread_cond_broadcast(&q->changed);
    pthread_mutex_unlock(&q->mu);
}

size_t batchq_len(struct batchq *q)
{
    pthread_mutex_lock(&q->mu);
    size_t n = q->n;
    pthread_mutex_unlock(&q->mu);
    return n;
}
