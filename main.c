/*
 * main.c: fotstat, a batch reporting pipeline for the housing programme of
 * the City of Stockholm's social services.  Everything happens in cli.c.
 */
#include "cli.h"

#include <stdlib.h>     /* and with it __GLIBC__, where it is glibc */
#ifdef __GLIBC__
#include <malloc.h>
#endif

int main(int argc, char **argv)
{
#ifdef __GLIBC__
    /*
     * Memory freed is kept for the next allocation instead of going back
     * to the kernel: a report builds and frees its tables, models and rows
     * again and again, and glibc's defaults (blocks from 128 KiB up mapped
     * and unmapped one by one, the heap trimmed past 128 KiB free) made the
     * kernel hand it fresh zeroed pages each time.  On the bench machine a
     * page fault is dear: arsmal on the shaped 1M file took 32 258 of them
     * and 0.76 s, with this 24 979 and 0.60 s; tertial on the bench data
     * 0.71 s, with this 0.63 s (BENCHMARKS.md, fifteenth round).  The run
     * is short; its peak grows by a few MiB at most.
     */
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
#endif
    return cli_main(argc, argv);
}
