/*
 * unit.c: runs every unit test, one PASS or FAIL line each, then a count.
 */
#include "tests/unit.h"

#include <sodium.h>
#include <stdarg.h>

extern const struct test parse_tests[], sha256_tests[], csvread_tests[], db_tests[], report_tests[],
    protect_tests[], plan_tests[], series_tests[], chart_tests[];

int unit_failures;
static const char *current;

void unit_fail(const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    if (unit_failures++ == 0)
        printf("FAIL %s\n", current);
    printf("    %s:%d: ", file, line);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
}

int main(void)
{
    const struct test *const suites[] = { parse_tests, sha256_tests, csvread_tests, db_tests, report_tests,
                                           protect_tests, plan_tests, series_tests, chart_tests };
    int passed = 0, failed = 0;
    if (sodium_init() < 0)
        return 2;
    for (size_t s = 0; s < sizeof suites / sizeof suites[0]; s++) {
        for (const struct test *t = suites[s]; t->name; t++) {
            current = t->name;
            unit_failures = 0;
            t->fn();
            if (unit_failures) {
                failed++;
            } else {
                passed++;
                printf("PASS %s\n", t->name);
            }
            fflush(stdout);
        }
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
