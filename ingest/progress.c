/*
 * progress.c: the progress line on a terminal, and every message of ingest
 * (load.h), from either of its threads.
 */
#include "ingest/load.h"
#include "common/strbuf.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* The one being shown, so that a message first erases it (ingest is one file at a time). */
static struct progress *on_screen;

/* Messages come from both threads of an ingest, the progress line from one. */
static pthread_mutex_t out_lock = PTHREAD_MUTEX_INITIALIZER;

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void progress_erase(void)
{
    if (on_screen && on_screen->shown) {
        fputs("\r\033[K", on_screen->tty);
        fflush(on_screen->tty);
        on_screen->shown = 0;
    }
}

void progress_start(struct progress *p, FILE *tty, const char *path, long long size)
{
    memset(p, 0, sizeof *p);
    if (!tty)
        return;
    p->tty = tty;
    p->path = path;
    p->size = size;
    p->start = now_s();
    p->next = p->start + 1.0;
    on_screen = p;
}

void progress_update(struct progress *p, long long bytes, long rows)
{
    if (!p->tty)
        return;
    double t = now_s();
    if (t < p->next)
        return;
    p->next = t + 0.2;
    pthread_mutex_lock(&out_lock);
    fprintf(p->tty, "\r\033[K%s: %ld rader, %.0f MB/s, %d %%", p->path, rows,
            (double)bytes / 1e6 / (t - p->start), (int)(100.0 * (double)bytes / (double)p->size));
    fflush(p->tty);
    p->shown = 1;
    pthread_mutex_unlock(&out_lock);
}

void progress_end(struct progress *p)
{
    pthread_mutex_lock(&out_lock);
    if (on_screen == p)
        progress_erase();
    on_screen = NULL;
    pthread_mutex_unlock(&out_lock);
}

void ingest_say(const struct ingest_opts *o, const char *fmt, ...)
{
    struct strbuf sb = STRBUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(&sb, fmt, ap);
    va_end(ap);
    pthread_mutex_lock(&out_lock);
    progress_erase();
    if (o->msg)
        o->msg(o->msg_ctx, sb.buf);
    pthread_mutex_unlock(&out_lock);
    sb_free(&sb);
}
