/*
 * util.h: allocation that ends the run on failure, arrays that grow, UTF-8
 * helpers shared by the ingest and the renderers, and the few things every
 * stage needs (die_oom, the scratch files it removes, errno in Swedish).
 */
#ifndef FOTSTAT_UTIL_H
#define FOTSTAT_UTIL_H

#include <stddef.h>
#include <stdint.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/*
 * Out of memory: removes the scratch files, says so and ends the process
 * with status 2 (no stdio, no allocation, no atexit handlers).  x*alloc
 * call it; so may anything else that cannot go on without memory.
 */
_Noreturn void die_oom(void);
/* The same, for another failure a library cannot return from; msg ends in '\n'. */
_Noreturn void die_with(const char *msg);
/*
 * Registers (or forgets) a file die_oom removes, or a folder it removes
 * when empty: the pointer is kept, not copied.
 */
void scratch_add(const char *path);
void scratch_remove(const char *path);
/* Forgets every scratch file, for a child process whose parent removes them. */
void scratch_forget(void);
/*
 * Registers (or forgets) a child process that may still be writing a
 * scratch file: die_oom kills it and waits for it before it removes the
 * files, so that none is made again after.
 */
void scratch_child_add(int pid);
void scratch_child_remove(int pid);

/*
 * The whole file at path, with a NUL after it, its length in *len (the
 * caller frees it); NULL with errno set when it cannot be opened or read.
 */
char *file_read_all(const char *path, size_t *len);

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/*
 * The length an array of cap elements of elem bytes grows to so that index
 * i is in it: cap (or first, when 0) doubled until it is.  A size past
 * SIZE_MAX ends the run (die_oom).  For arrays that share one length.
 */
size_t grow_cap(size_t cap, size_t i, size_t elem, size_t first);

/*
 * An array of *cap elements of elem bytes grown, doubling from first, until
 * index i is in it (grow_cap): xgrow leaves the new elements unset,
 * xgrow_zeroed makes them zero bytes.  Returns the array; *cap is its new
 * length.  Out of memory ends the run (die_oom).  The one way fotstat
 * grows an array:
 *
 *   v = xgrow(v, &cap, n, sizeof *v, 16);
 *   v[n++] = x;
 */
void *xgrow(void *p, size_t *cap, size_t i, size_t elem, size_t first);
void *xgrow_zeroed(void *p, size_t *cap, size_t i, size_t elem, size_t first);
/* The median of v[0..n-1], n > 0, reordering v (a selection: no sort of the whole). */
double median_reorder(double *v, size_t n);

/*
 * FOTSTAT_PROFILE=1 in the environment: the time since the previous phase
 * (or the first call) on stderr as "profil: fas WHAT", with the user CPU
 * time of all threads in it, beside db.c's statement times.  Otherwise
 * nothing.
 */
void profile_phase(const char *what);

/* FNV-1a over the bytes of s, continuing from h: start from FNV1A_START. */
#define FNV1A_START 14695981039346656037ULL
uint64_t fnv1a(uint64_t h, const char *s);

/*
 * Streaming UTF-8 validation: feed bytes in chunks of any size, then ask.
 * Rejects overlongs, surrogates and code points over U+10FFFF.
 */
struct utf8_check {
    int need;               /* continuation bytes still expected */
    unsigned char lo, hi;   /* allowed range of the next continuation byte */
    int bad;                /* an invalid sequence was seen */
};
#define UTF8_CHECK_INIT { 0, 0x80, 0xBF, 0 }
void utf8_check_feed(struct utf8_check *u, const unsigned char *s, size_t n);
/* True if everything fed is valid UTF-8 and no sequence is left open. */
int utf8_check_ok(const struct utf8_check *u);
/* True if s[0..n) is well-formed UTF-8. */
int utf8_valid(const unsigned char *s, size_t n);
/* Number of characters (code points) in the NUL-terminated UTF-8 string. */
size_t utf8_width(const char *s);
/* Appends the UTF-8 encoding of Windows-1252 byte c to out (1 to 3 bytes); returns the count. */
size_t cp1252_to_utf8(unsigned char c, char out[3]);


/* Writes n with Swedish digit grouping ("1 234", "-12 345") into buf; returns buf. */
char *fmt_thousands(long long n, char buf[32]);

/* What a failed system call's errno means, in Swedish, for a message (never English). */
const char *errno_sv(int e);

#endif
