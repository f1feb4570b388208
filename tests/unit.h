/*
 * unit.h: a small test harness.  Each tests/unit_*.c defines its tests
 * with TEST() and lists them in a `const struct test NAME_tests[]` that
 * tests/unit.c runs; every test prints one PASS or FAIL line.
 */
#ifndef FOTSTAT_UNIT_H
#define FOTSTAT_UNIT_H

#include <stdio.h>
#include <string.h>

struct test {
    const char *name;
    void (*fn)(void);
};

extern int unit_failures;   /* failed checks in the running test */

void unit_fail(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#define CHECK(cond) \
    do { if (!(cond)) unit_fail(__FILE__, __LINE__, "%s", #cond); } while (0)
#define CHECK_INT(got, want) \
    do { long long g_ = (long long)(got), w_ = (long long)(want); \
         if (g_ != w_) unit_fail(__FILE__, __LINE__, "%s = %lld, want %lld", #got, g_, w_); } while (0)
#define CHECK_STR(got, want) \
    do { const char *g_ = (got), *w_ = (want); \
         if (!g_ || strcmp(g_, w_) != 0) \
             unit_fail(__FILE__, __LINE__, "%s = \"%s\", want \"%s\"", #got, g_ ? g_ : "(null)", w_); } while (0)

#define TEST(name) static void name(void)
#define TEST_ENTRY(name) { #name, name }
#define TEST_END { NULL, NULL }

#endif
