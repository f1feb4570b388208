/*
 * util.c: allocation and UTF-8 helpers.
 */
#include "common/util.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>

/*
 * Files to remove if the run has to end for want of memory: the temporary
 * files of a report being written.  A fixed table, so that keeping it
 * never needs memory itself.
 */
#define SCRATCH_MAX 64
static const char *scratch[SCRATCH_MAX];
#define SCRATCH_CHILDREN 4
static pid_t scratch_children[SCRATCH_CHILDREN];    /* 0: a free slot */

void scratch_add(const char *path)
{
    for (size_t i = 0; i < SCRATCH_MAX; i++)
        if (!scratch[i]) {
            scratch[i] = path;
            return;
        }
}

void scratch_remove(const char *path)
{
    for (size_t i = 0; i < SCRATCH_MAX; i++)
        if (scratch[i] == path)
            scratch[i] = NULL;
}

void scratch_forget(void)
{
    for (size_t i = 0; i < SCRATCH_MAX; i++)
        scratch[i] = NULL;
    for (size_t i = 0; i < SCRATCH_CHILDREN; i++)
        scratch_children[i] = 0;
}

void scratch_child_add(int pid)
{
    for (size_t i = 0; i < SCRATCH_CHILDREN; i++)
        if (!scratch_children[i]) {
            scratch_children[i] = pid;
            return;
        }
}

void scratch_child_remove(int pid)
{
    for (size_t i = 0; i < SCRATCH_CHILDREN; i++)
        if (scratch_children[i] == pid)
            scratch_children[i] = 0;
}

void die_with(const char *msg)
{
    for (size_t i = 0; i < SCRATCH_CHILDREN; i++)
        if (scratch_children[i] > 0) {
            kill(scratch_children[i], SIGKILL);
            while (waitpid(scratch_children[i], NULL, 0) < 0 && errno == EINTR)
                ;
        }
    for (size_t i = 0; i < SCRATCH_MAX; i++)
        if (scratch[i])
            unlink(scratch[i]);
    /* Then the folders, once the files in them are gone (only an empty one goes). */
    for (size_t i = 0; i < SCRATCH_MAX; i++)
        if (scratch[i])
            rmdir(scratch[i]);
    /* write(2), not stdio: nothing here may need memory.  An open
     * transaction is rolled back from its journal by the next run. */
    ssize_t w = write(STDERR_FILENO, msg, strlen(msg));
    (void)w;
    _exit(2);
}

void die_oom(void)
{
    die_with("fotstat: slut på minne; ingenting av det som pågick sparades\n");
}

static void oom(void)
{
    die_oom();
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        oom();
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        oom();
    return p;
}

void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p)
        oom();
    return p;
}

size_t grow_cap(size_t cap, size_t i, size_t elem, size_t first)
{
    size_t n = cap ? cap : first;
    while (n <= i) {
        if (n > SIZE_MAX / 2 / elem)
            die_oom();
        n *= 2;
    }
    return n;
}

void *xgrow(void *p, size_t *cap, size_t i, size_t elem, size_t first)
{
    size_t n = grow_cap(*cap, i, elem, first);
    if (n == *cap)
        return p;
    p = xrealloc(p, n * elem);
    *cap = n;
    return p;
}

void *xgrow_zeroed(void *p, size_t *cap, size_t i, size_t elem, size_t first)
{
    size_t was = *cap;
    unsigned char *q = xgrow(p, cap, i, elem, first);
    if (*cap != was)
        memset(q + was * elem, 0, (*cap - was) * elem);
    return q;
}

char *file_read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t n = 0, cap = 8192;
    char *buf = xmalloc(cap);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (cap - n - 1 == 0) {
            if (cap > SIZE_MAX / 2)
                die_oom();
            cap *= 2;
            buf = xrealloc(buf, cap);
        }
    }
    int bad = ferror(f), e = errno;
    fclose(f);
    if (bad) {
        free(buf);
        errno = e ? e : EIO;
        return NULL;
    }
    buf[n] = 0;
    *len = n;
    return buf;
}

char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

/* The process's user CPU time, all threads, in ms. */
static double user_ms(void)
{
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) != 0)
        return 0;
    return (double)ru.ru_utime.tv_sec * 1e3 + (double)ru.ru_utime.tv_usec / 1e3;
}

void profile_phase(const char *what)
{
    static int on = -1;
    static struct timespec last;
    static double last_user;
    if (on < 0) {
        const char *e = getenv("FOTSTAT_PROFILE");
        on = e && *e && strcmp(e, "0") != 0;
        clock_gettime(CLOCK_MONOTONIC, &last);
        last_user = user_ms();
    }
    if (!on)
        return;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double ms = (double)(now.tv_sec - last.tv_sec) * 1e3 + (double)(now.tv_nsec - last.tv_nsec) / 1e6;
    double user = user_ms();
    /* The user CPU time of every thread beside the time: a phase on two cores shows more of it. */
    fprintf(stderr, "profil: %9.1f ms  fas %s (användartid %.0f ms)\n", ms, what, user - last_user);
    last = now;
    last_user = user;
}

uint64_t fnv1a(uint64_t h, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        h = (h ^ *p) * 1099511628211ULL;
    return h;
}

/*
 * A lead byte's sequence length, 0 if it leads none, and the range its
 * second byte must be in (Table 3-7 of the Unicode Standard: no overlong
 * form, no surrogate, nothing past U+10FFFF); every later byte is 80..BF.
 */
static size_t utf8_lead(unsigned char c, unsigned char *lo, unsigned char *hi)
{
    *lo = 0x80;
    *hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF)
        return 2;
    if (c >= 0xE0 && c <= 0xEF) {
        if (c == 0xE0) *lo = 0xA0;
        if (c == 0xED) *hi = 0x9F;
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (c == 0xF0) *lo = 0x90;
        if (c == 0xF4) *hi = 0x8F;
        return 4;
    }
    return 0;
}

/* One byte of a sequence checked the slow way: the state carries across chunks. */
static void utf8_check_byte(struct utf8_check *u, unsigned char c)
{
    if (u->need) {
        if (c < u->lo || c > u->hi)
            u->bad = 1;
        u->need--;
        u->lo = 0x80;
        u->hi = 0xBF;
    } else if (c >= 0x80) {
        size_t len = utf8_lead(c, &u->lo, &u->hi);
        if (len)
            u->need = (int)len - 1;
        else
            u->bad = 1;
    }
}

#define HIGH_BITS 0x8080808080808080ULL

/*
 * Exports are mostly ASCII with a Swedish letter every few words: the
 * ASCII is skipped a word at a time, up to its first high byte, and a
 * whole sequence inside the chunk is checked at once.  A sequence the
 * chunk cuts goes through utf8_check_byte, whose state the next chunk
 * goes on from.  Byte for byte the same verdict as utf8_check_byte alone,
 * which tests/unit_csvread.c compares on random bytes cut at random.
 */
void utf8_check_feed(struct utf8_check *u, const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n && u->need && !u->bad)
        utf8_check_byte(u, s[i++]);
    while (i < n && !u->bad) {
        while (n - i >= 8) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            w &= HIGH_BITS;
            if (w) {
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
                i += (size_t)__builtin_ctzll(w) / 8;   /* the lowest set bit is the first high byte */
#endif
                break;
            }
            i += 8;
        }
        if (i == n)
            break;
        unsigned char c = s[i], lo, hi;
        size_t len;
        if (c < 0x80) {
            i++;
        } else if (c >= 0xC2 && c <= 0xDF && n - i >= 2) {
            /* The common case first, å ä ö é: any continuation byte will do. */
            if ((s[i + 1] & 0xC0) != 0x80)
                u->bad = 1;
            i += 2;
        } else if ((len = utf8_lead(c, &lo, &hi)) != 0 && len <= n - i) {
            /* Three or four bytes here: a two-byte sequence the chunk holds went above. */
            if (s[i + 1] < lo || s[i + 1] > hi || (s[i + 2] & 0xC0) != 0x80
                || (len == 4 && (s[i + 3] & 0xC0) != 0x80))
                u->bad = 1;
            i += len;
        } else {
            utf8_check_byte(u, s[i++]);
            while (i < n && u->need && !u->bad)
                utf8_check_byte(u, s[i++]);
        }
    }
}

int utf8_check_ok(const struct utf8_check *u)
{
    return !u->bad && u->need == 0;
}

int utf8_valid(const unsigned char *s, size_t n)
{
    struct utf8_check u = UTF8_CHECK_INIT;
    utf8_check_feed(&u, s, n);
    return utf8_check_ok(&u);
}

size_t utf8_width(const char *s)
{
    size_t w = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            w++;
    return w;
}

/* Windows-1252 0x80..0x9F; 0 marks the five undefined bytes, kept as U+FFFD. */
static const unsigned short cp1252_high[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

size_t cp1252_to_utf8(unsigned char c, char out[3])
{
    unsigned cp = c;
    if (c >= 0x80 && c <= 0x9F)
        cp = cp1252_high[c - 0x80] ? cp1252_high[c - 0x80] : 0xFFFD;
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    out[0] = (char)(0xE0 | (cp >> 12));
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
}

char *fmt_thousands(long long n, char buf[32])
{
    char digits[24];
    unsigned long long u = n < 0 ? 0ULL - (unsigned long long)n : (unsigned long long)n;
    int nd = snprintf(digits, sizeof digits, "%llu", u);
    char *p = buf;
    if (n < 0)
        *p++ = '-';
    for (int i = 0; i < nd; i++) {
        if (i > 0 && (nd - i) % 3 == 0)
            *p++ = ' ';
        *p++ = digits[i];
    }
    *p = '\0';
    return buf;
}

const char *errno_sv(int e)
{
    switch (e) {
    case ENOENT: return "filen finns inte";
    case EACCES:
    case EPERM: return "behörighet saknas";
    case EISDIR: return "är en mapp";
    case ENOTDIR: return "en del av sökvägen är inte en mapp";
    case EIO: return "in- eller utmatningsfel på disken";
    case ENOSPC: return "disken är full";
    case EDQUOT: return "diskkvoten är slut";
    case EROFS: return "filsystemet är skrivskyddat";
    case EPIPE: return "mottagaren har stängt";
    case EEXIST: return "finns redan";
    case ENOMEM: return "slut på minne";
    case EMFILE:
    case ENFILE: return "för många öppna filer";
    case ENAMETOOLONG: return "namnet är för långt";
    case EFBIG: return "filen är för stor";
    case ELOOP: return "för många symboliska länkar i sökvägen";
    case EBUSY:
    case ETXTBSY: return "används av ett annat program";
    case EINVAL: return "ogiltig åtgärd för den här filen";
    case ENXIO:
    case ENODEV: return "enheten finns inte";
    default: {
        static _Thread_local char other[48];
        snprintf(other, sizeof other, "systemfel nummer %d", e);
        return other;
    }
    }
}

/*
 * Moves the k-th smallest of v[0..n-1] to v[k], the smaller ones before it
 * and the others after (Hoare's selection, middle pivot): no sort of the
 * whole, which the median of a contract year's hundred thousand
 * takeovers (uppfoljning.c) needs only the middle of.  k < n.
 */
static void select_kth(double *v, size_t n, size_t k)
{
    size_t lo = 0, hi = n - 1;
    while (lo < hi) {
        double pivot = v[lo + (hi - lo) / 2];
        size_t i = lo, j = hi;
        while (i <= j) {
            while (v[i] < pivot)
                i++;
            while (v[j] > pivot)
                j--;
            if (i <= j) {
                double t = v[i];
                v[i] = v[j];
                v[j] = t;
                i++;
                if (j == 0)
                    break;
                j--;
            }
        }
        if (k <= j)
            hi = j;
        else if (k >= i)
            lo = i;
        else
            return;
    }
}

double median_reorder(double *v, size_t n)
{
    select_kth(v, n, n / 2);
    if (n % 2)
        return v[n / 2];
    double below = v[0];   /* the largest of v[0..n/2-1], all at most v[n/2] */
    for (size_t i = 1; i < n / 2; i++)
        if (v[i] > below)
            below = v[i];
    return (below + v[n / 2]) / 2.0;
}
