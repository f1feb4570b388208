/*
 * fuzz_pnr.c: libFuzzer harness for the personnummer check (parse.h).
 *
 * Any text: never a crash, and an accepted number is twelve digits whose
 * last ten pass Luhn, whose date is real, and which is accepted again in
 * its canonical form as itself.  A refused one shows at most a birth date.
 */
#include "ingest/parse.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int luhn_ok(const char *ten)
{
    int sum = 0;
    for (int i = 0; i < 10; i++) {
        int d = ten[i] - '0';
        if (i % 2 == 0 && (d *= 2) > 9)
            d -= 9;
        sum += d;
    }
    return sum % 10 == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    memcpy(s, data, size);
    s[size] = '\0';
    char canon[13], birth[9], again[13];
    memset(canon, 'x', sizeof canon);
    memset(birth, 'x', sizeof birth);
    if (pnr_check(s, canon, birth) == 0) {
        if (strlen(canon) != 12 || strspn(canon, "0123456789") != 12 || !luhn_ok(canon + 2))
            abort();
        if (pnr_check(canon, again, birth) != 0 || strcmp(again, canon) != 0)
            abort();
    } else {
        size_t n = strnlen(birth, sizeof birth);
        if (n == sizeof birth || (n != 0 && n != 6) || strspn(birth, "0123456789") != n)
            abort();
    }
    free(s);
    return 0;
}
