/*
 * scan.c: pass one over a file (load.h): its SHA-256, whether it is UTF-8
 * with or without BOM, its first bytes for the delimiter and its lines.
 */
#include "ingest/load.h"
#include "common/sha256.h"
#include "common/util.h"

#include <errno.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/*
 * The digest is made on a second thread, which reads the file for itself,
 * while this one checks the text: on two cores pass one takes about half
 * as long (a tenth of a second of a million rows, issue 30).  Without the
 * thread, this one does both.
 */
struct digest_job {
    int fd;
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
    while ((n = pread(j->fd, buf, sizeof buf, off)) != 0) {
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

/* Pass one: digest, encoding, text or not.  Returns 0 or -1 (message given). */
int scan_file(FILE *f, const char *path, const struct ingest_opts *o, struct scan *s)
{
    struct sha256 h;
    struct utf8_check u = UTF8_CHECK_INIT;
    unsigned char buf[CHUNK], digest[SHA256_BYTES];
    long line = 1;
    size_t n;
    memset(s, 0, sizeof *s);
    sha256_init(&h);
    struct digest_job job = { .fd = fileno(f) };
    pthread_t digester;
    int threaded = pthread_create(&digester, NULL, digest_main, &job) == 0;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        if (!threaded)
            sha256_update(&h, buf, n);
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
    int read_errno = ferror(f) ? errno : 0;
    if (threaded) {
        pthread_join(digester, NULL);
        memcpy(digest, job.digest, sizeof digest);
        if (!read_errno)
            read_errno = job.failed;
    } else {
        sha256_final(&h, digest);
    }
    if (read_errno) {
        ingest_say(o, "%s: kan inte läsa filen: %s", path, errno_sv(read_errno));
        return -1;
    }
    sodium_bin2hex(s->sha256, sizeof s->sha256, digest, sizeof digest);
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
