/*
 * scan.c: pass one over a file (load.h): whether it is UTF-8 with or
 * without BOM, its first bytes for the delimiter and its lines; and its
 * SHA-256, made beside it and waited for only when it is needed.
 */
#include "ingest/load.h"
#include "common/sha256.h"
#include "common/util.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*
 * The digest is made on a thread of its own, which reads the file for
 * itself.  Pass one does not wait for it: only a file of the same size as
 * one already loaded can have the same bytes, so only then is the digest
 * needed before the load (ingest.c); otherwise it goes on beside the load
 * and the index builds, and the file's row gets it before the commit.  On
 * two cores the text checks alone take about half as long as the digest,
 * which was the longer half of pass one (issue 30).  Without the thread,
 * the digest is made by the caller when it is asked for.
 */
struct digest_job {
    int fd;
    pthread_t thread;
    int threaded;               /* thread runs and is to be joined */
    atomic_int stop;            /* scan_end: the digest is not wanted */
    unsigned char digest[SHA256_BYTES];
    int failed;                 /* errno of a failed read, or 0 */
};

static void *digest_main(void *arg)
{
    struct digest_job *j = arg;
    struct sha256 h;
    unsigned char buf[CHUNK];
    off_t off = 0;
    ssize_t n;
    sha256_init(&h);
    while (!atomic_load_explicit(&j->stop, memory_order_relaxed)
           && (n = pread(j->fd, buf, sizeof buf, off)) != 0) {
        if (n < 0) {
            if (errno == EINTR)
                continue;
            j->failed = errno;
            break;
        }
        sha256_update(&h, buf, (size_t)n);
        off += n;
    }
    sha256_final(&h, j->digest);
    return NULL;
}

/* Pass one: encoding, text or not, lines; the digest started.  Returns 0 or -1 (message given). */
int scan_file(FILE *f, const char *path, const struct ingest_opts *o, struct scan *s)
{
    struct utf8_check u = UTF8_CHECK_INIT;
    unsigned char buf[CHUNK];
    long line = 1;
    size_t n;
    memset(s, 0, sizeof *s);
    s->job = xmalloc(sizeof *s->job);
    memset(s->job, 0, sizeof *s->job);
    s->job->fd = fileno(f);
    s->job->threaded = pthread_create(&s->job->thread, NULL, digest_main, s->job) == 0;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        utf8_check_feed(&u, buf, n);
        if (s->nhead < sizeof s->head) {
            size_t k = sizeof s->head - s->nhead < n ? sizeof s->head - s->nhead : n;
            memcpy(s->head + s->nhead, buf, k);
            s->nhead += k;
        }
        /* Lines: for the NUL's message, and the progress's and bulk load's estimate of rows. */
        if (!s->nul_line) {
            const unsigned char *nul = memchr(buf, '\0', n);
            for (const unsigned char *p = buf, *end = nul ? nul : buf + n;
                 (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
                line++;
            if (nul)
                s->nul_line = line;
        }
        s->size += (long long)n;
    }
    s->lines = line;
    if (ferror(f)) {
        ingest_say(o, "%s: kan inte läsa filen: %s", path, errno_sv(errno));
        return -1;
    }
    s->is_utf8 = utf8_check_ok(&u);
    s->bom = s->nhead >= 3 && s->head[0] == 0xEF && s->head[1] == 0xBB && s->head[2] == 0xBF;
    if (s->size == 0) {
        ingest_say(o, "%s: filen är tom", path);
        return -1;
    }
    if (s->nul_line) {
        ingest_say(o, "%s:%ld: filen är inte text (innehåller NUL-tecken)", path, s->nul_line);
        return -1;
    }
    return 0;
}

/* Waits for the file's digest, into s->sha256.  Returns 0 or -1 (message given). */
int scan_digest(struct scan *s, const char *path, const struct ingest_opts *o)
{
    struct digest_job *j = s->job;
    if (s->digest_ready)
        return 0;
    if (!j)
        return -1;
    if (j->threaded) {
        pthread_join(j->thread, NULL);
        j->threaded = 0;
    } else {
        digest_main(j);
    }
    if (j->failed) {
        ingest_say(o, "%s: kan inte läsa filen: %s", path, errno_sv(j->failed));
        return -1;
    }
    sha256_hex(j->digest, s->sha256);
    s->digest_ready = 1;
    return 0;
}

/* Ends the digest, waiting for its thread if it still runs (before the file is closed). */
void scan_end(struct scan *s)
{
    if (s->job && s->job->threaded) {
        atomic_store(&s->job->stop, 1);
        pthread_join(s->job->thread, NULL);
    }
    free(s->job);
    s->job = NULL;
}
