/*
 * alloc.c: malloc, calloc and realloc over glibc's allocator (alloc.h).
 */
#include "common/alloc.h"
#include "common/util.h"

#include <errno.h>
#include <stddef.h>

/* Under AddressSanitizer its allocator is the one to keep: no replacement then. */
#if defined(__SANITIZE_ADDRESS__)
#define SYSTEM_MALLOC 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SYSTEM_MALLOC 1
#endif
#endif

#ifndef SYSTEM_MALLOC
void *__libc_malloc(size_t n);
void *__libc_calloc(size_t n, size_t size);
void *__libc_realloc(void *p, size_t n);
void *malloc(size_t n);
void *calloc(size_t n, size_t size);
void *realloc(void *p, size_t n);
#endif

/* Per thread: only the thread writing a workbook asks for it. */
static _Thread_local int must_succeed;

void alloc_must_succeed(int on)
{
    must_succeed += on ? 1 : -1;
}

#ifdef TESTING
struct alloc_fault *alloc_fault;
#endif

#ifndef SYSTEM_MALLOC

/* True if this allocation is to fail (tests only). */
static int injected(void)
{
#ifdef TESTING
    if (alloc_fault && ++alloc_fault->count == alloc_fault->fail_at)
        return 1;
#endif
    return 0;
}

/* What a failed allocation comes to: NULL with ENOMEM, or the end of the run. */
static void *failed(void)
{
    if (must_succeed)
        die_oom();
    errno = ENOMEM;
    return NULL;
}

void *malloc(size_t n)
{
    void *p = injected() ? NULL : __libc_malloc(n);
    return p ? p : failed();
}

void *calloc(size_t n, size_t size)
{
    void *p = injected() ? NULL : __libc_calloc(n, size);
    return p ? p : failed();
}

void *realloc(void *p, size_t n)
{
    if (p && n == 0)
        return __libc_realloc(p, n);     /* frees p: nothing to fail */
    void *q = injected() ? NULL : __libc_realloc(p, n);
    return q ? q : failed();
}
#endif
