/*
 * alloc.h: fotstat's malloc, calloc and realloc (alloc.c).
 *
 * They are glibc's allocator, called through __libc_malloc and friends, so
 * that memory from either is freed by free().  Two things are added:
 *
 *   - alloc_must_succeed(1) ... (0): in between, an allocation that fails
 *     ends the run through die_oom() instead of returning NULL, for a
 *     library that does not check (libxlsxwriter dereferences its own
 *     failed allocations);
 *   - under -DTESTING, alloc_fault: tests/oom.c makes the Nth allocation
 *     fail.
 *
 * Under AddressSanitizer (the san and fuzz builds) malloc is ASan's and
 * alloc_must_succeed does nothing.
 */
#ifndef FOTSTAT_ALLOC_H
#define FOTSTAT_ALLOC_H

void alloc_must_succeed(int on);

#ifdef TESTING
struct alloc_fault {
    long fail_at;       /* the allocation to fail, from 1; 0: none */
    long count;         /* allocations so far */
};
/* Set by tests/oom.c (shared memory, so its parent reads the child's count). */
extern struct alloc_fault *alloc_fault;
#endif

#endif
