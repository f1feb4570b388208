/*
 * unit_parse.c: dates, months, numbers, yes/no, code keys, personnummer.
 */
#include "common/date.h"
#include "ingest/parse.h"
#include "tests/unit.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

TEST(date_formats)
{
    char d[11];
    CHECK_INT(parse_date("2021-10-31", d), 0); CHECK_STR(d, "2021-10-31");
    CHECK_INT(parse_date("20211031", d), 0); CHECK_STR(d, "2021-10-31");
    CHECK_INT(parse_date(" 2021-10-31 14:05 ", d), 0); CHECK_STR(d, "2021-10-31");
    CHECK_INT(parse_date("2021-10-31 14:05:59", d), 0); CHECK_STR(d, "2021-10-31");
    CHECK_INT(parse_date("2020-02-29", d), 0);
    CHECK_INT(parse_date("2000-02-29", d), 0);
}

TEST(date_rejects)
{
    char d[11];
    const char *bad[] = { "2021-02-29", "2021-02-30", "1900-02-29", "2021-13-01", "2021-00-10",
                          "2021-04-31", "2021-1-5", "21-10-31", "2021/10/31", "31.10.2021",
                          "2021-10-31 25:00", "2021-10-31 12:60", "2021-10-31 12", "20211331",
                          "2021-10-31x", "", "abc" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (parse_date(bad[i], d) == 0)
            unit_fail(__FILE__, __LINE__, "accepted \"%s\"", bad[i]);
}

TEST(month_and_round)
{
    char m[8];
    int y;
    CHECK_INT(parse_month("2021-04", m), 0); CHECK_STR(m, "2021-04");
    CHECK(parse_month("2021-13", m) != 0);
    CHECK(parse_month("2021-4", m) != 0);
    CHECK(parse_month("202104", m) != 0);
    CHECK_INT(parse_round("2021", &y, m), 0); CHECK_INT(y, 2021); CHECK_STR(m, "");
    CHECK_INT(parse_round("2019-04", &y, m), 0); CHECK_INT(y, 2019); CHECK_STR(m, "2019-04");
    CHECK(parse_round("21", &y, m) != 0);
}

TEST(integers)
{
    int64_t v;
    CHECK_INT(parse_int("123", &v), 0); CHECK_INT(v, 123);
    CHECK_INT(parse_int("-4", &v), 0); CHECK_INT(v, -4);
    CHECK_INT(parse_int("1 234", &v), 0); CHECK_INT(v, 1234);
    CHECK_INT(parse_int("1\xC2\xA0" "234\xC2\xA0" "567", &v), 0); CHECK_INT(v, 1234567);
    CHECK_INT(parse_int(" 12 ", &v), 0); CHECK_INT(v, 12);
    CHECK(parse_int("12 34", &v) != 0);
    CHECK(parse_int("1234 567", &v) != 0);
    CHECK(parse_int("1,5", &v) != 0);
    CHECK(parse_int("12a", &v) != 0);
    CHECK(parse_int("-", &v) != 0);
    CHECK(parse_int("9999999999999999", &v) != 0);
}

TEST(decimals)
{
    double v;
    CHECK_INT(parse_decimal("34,5", &v), 0); CHECK(v == 34.5);
    CHECK_INT(parse_decimal("34.5", &v), 0); CHECK(v == 34.5);
    CHECK_INT(parse_decimal("6 543,50", &v), 0); CHECK(v == 6543.5);
    CHECK_INT(parse_decimal("12", &v), 0); CHECK(v == 12);
    CHECK(parse_decimal("1,2,3", &v) != 0);
    CHECK(parse_decimal("6.543,50", &v) != 0);
    CHECK(parse_decimal("34,", &v) != 0);
    CHECK(parse_decimal(",5", &v) != 0);
    CHECK(parse_decimal("3 4,5", &v) != 0);
}

TEST(yes_no)
{
    int b;
    CHECK_INT(parse_yesno("Ja", &b), 0); CHECK_INT(b, 1);
    CHECK_INT(parse_yesno(" j ", &b), 0); CHECK_INT(b, 1);
    CHECK_INT(parse_yesno("NEJ", &b), 0); CHECK_INT(b, 0);
    CHECK_INT(parse_yesno("n", &b), 0); CHECK_INT(b, 0);
    CHECK(parse_yesno("Yes", &b) != 0);
    CHECK(parse_yesno("", &b) != 0);
}

/* Trimming in place: the blanks of either end, NBSP included, and nothing else. */
TEST(trim_in_place)
{
    static const char *const cases[][2] = {
        { "  Bromma \t", "Bromma" }, { "\xC2\xA0x y\xC2\xA0 ", "x y" }, { "Bromma", "Bromma" },
        { " \r\n", "" }, { "a\xC2", "a\xC2" }, { "\xC2\xC2\xA0", "\xC2" }, { "", "" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char buf[32];
        snprintf(buf, sizeof buf, "%s", cases[i][0]);
        cell_trim_in_place(buf, strlen(buf));
        CHECK_STR(buf, cases[i][1]);
    }
}

TEST(fold_keys)
{
    char k[64];
    fold_key("  Hägersten-ÄLVSJÖ ", k, sizeof k); CHECK_STR(k, "hägersten-älvsjö");
    fold_key("Bostad   Först", k, sizeof k); CHECK_STR(k, "bostad först");
    fold_key("ÅÄÖÉÜ", k, sizeof k); CHECK_STR(k, "åäöéü");
    fold_key("a\xC2\xA0\tb", k, sizeof k); CHECK_STR(k, "a b");
    CHECK(cell_empty(" \t\xC2\xA0 "));
    CHECK(!cell_empty(" x "));
}

TEST(personnummer_luhn)
{
    char canon[13], birth[9];
    CHECK_INT(pnr_check("19121212-1212", canon, birth), 0); CHECK_STR(canon, "191212121212");
    CHECK_INT(pnr_check("121212-1212", canon, birth), 0);
    CHECK_INT(pnr_check("1212121212", canon, birth), 0);
    CHECK_INT(pnr_check("811218-9876", canon, birth), 0); CHECK_STR(canon, "198112189876");
    /* A samordningsnummer: day + 60. */
    CHECK_INT(pnr_check("701063-2391", canon, birth), 0);
    CHECK(pnr_check("121212-1213", canon, birth) != 0); CHECK_STR(birth, "121212");
    CHECK(pnr_check("19121232-1212", canon, birth) != 0);
    CHECK(pnr_check("12121-21212", canon, birth) != 0);
    CHECK(pnr_check("abc", canon, birth) != 0); CHECK_STR(birth, "");
}

/* Decimals are read as strtod reads them, bit for bit: short ones without it. */
TEST(decimals_as_strtod)
{
    unsigned long long x = 88172645463325252ull;     /* xorshift: the same numbers every run */
    char cell[64], point[64];
    for (int i = 0; i < 200000; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        int nd = 1 + (int)(x % 15), nf = (int)((x >> 8) % 16);
        char dig[16], frac[16];
        for (int k = 0; k < nd; k++)
            dig[k] = (char)('0' + (x >> ((k * 4 + 12) % 60)) % 10);
        dig[nd] = '\0';
        for (int k = 0; k < nf; k++)
            frac[k] = (char)('0' + (x >> ((k * 3 + 5) % 60)) % 10);
        frac[nf] = '\0';
        int neg = (x >> 62) & 1;
        snprintf(cell, sizeof cell, "%s%s%s%s", neg ? "-" : "", dig, nf ? "," : "", frac);
        snprintf(point, sizeof point, "%s%s%s%s", neg ? "-" : "", dig, nf ? "." : "", frac);
        double got, want = strtod(point, NULL);
        if (parse_decimal(cell, &got) != 0 || memcmp(&got, &want, sizeof got) != 0) {
            unit_fail(__FILE__, __LINE__, "%s: %.17g, strtod %.17g", cell, got, want);
            break;
        }
    }
    double v;
    CHECK_INT(parse_decimal("-0", &v), 0); CHECK(v == 0 && signbit(v));
    CHECK_INT(parse_decimal("0,1", &v), 0); CHECK(v == 0.1);
    CHECK_INT(parse_decimal("999 999 999 999 999,999999999999999", &v), 0);
    CHECK(v == strtod("999999999999999.999999999999999", NULL));
}

/*
 * A number reads from a cell as from the cell trimmed into 64 bytes (the
 * only reading there was before parse_int and parse_decimal read the cell
 * as it is first).  The cells are numbers in every form the exports use
 * (sign, groups of three, a decimal comma or point), with blanks (space,
 * tab, no-break space) before and after, some long enough to be cut at
 * 64 bytes, and a quarter of them with a random piece put in anywhere.
 */
static unsigned long long xs(unsigned long long *x)
{
    *x ^= *x << 13, *x ^= *x >> 7, *x ^= *x << 17;
    return *x;
}

static void put(char *cell, size_t *n, size_t cap, const char *s)
{
    size_t m = strlen(s);
    if (*n + m < cap) {
        memcpy(cell + *n, s, m + 1);
        *n += m;
    }
}

TEST(numbers_read_as_trimmed)
{
    static const char *const blank[] = { " ", "\t", "\xC2\xA0" };
    static const char *const junk[] = { "-", "+", ",", ".", " ", "x", "12", "\xC2\xA0", "1 000" };
    unsigned long long x = 2463534242ull;
    char cell[200], num[200], t[64];
    for (int i = 0; i < 300000; i++) {
        size_t n = 0;
        num[0] = '\0';
        if (xs(&x) % 3 == 0)
            put(num, &n, sizeof num, xs(&x) % 2 ? "-" : "+");
        int groups = 1 + (int)(xs(&x) % 6);
        for (int g = 0; g < groups; g++) {
            int d = g == 0 ? 1 + (int)(xs(&x) % 3) : 3;
            if (g)
                put(num, &n, sizeof num, blank[xs(&x) % 3]);
            for (int k = 0; k < d; k++)
                put(num, &n, sizeof num, (char[]){ (char)('0' + xs(&x) % 10), '\0' });
        }
        if (xs(&x) % 2) {
            put(num, &n, sizeof num, xs(&x) % 2 ? "," : ".");
            for (int k = (int)(xs(&x) % 40); k > 0; k--)
                put(num, &n, sizeof num, (char[]){ (char)('0' + xs(&x) % 10), '\0' });
        }
        if (xs(&x) % 4 == 0) {      /* a random piece, anywhere */
            size_t at = xs(&x) % (n + 1);
            const char *j = junk[xs(&x) % (sizeof junk / sizeof junk[0])];
            memmove(num + at + strlen(j), num + at, n - at + 1);
            memcpy(num + at, j, strlen(j));
        }
        n = 0;
        cell[0] = '\0';
        for (int k = (int)(xs(&x) % 4); k > 0; k--)
            put(cell, &n, sizeof cell, blank[xs(&x) % 3]);
        put(cell, &n, sizeof cell, num);
        for (int k = (int)(xs(&x) % 4); k > 0; k--)
            put(cell, &n, sizeof cell, blank[xs(&x) % 3]);
        cell_trim(cell, t, sizeof t);
        int64_t a = 0, b = 0;
        double c = 0, d = 0;
        int ra = parse_int(cell, &a), rb = parse_int(t, &b);
        int rc = parse_decimal(cell, &c), rd = parse_decimal(t, &d);
        if (ra != rb || (ra == 0 && a != b) || rc != rd || (rc == 0 && memcmp(&c, &d, sizeof c))) {
            unit_fail(__FILE__, __LINE__, "\"%s\": %d %lld / %d %lld, %d %.17g / %d %.17g", cell,
                      ra, (long long)a, rb, (long long)b, rc, c, rd, d);
            break;
        }
    }
}

const struct test parse_tests[] = {
    TEST_ENTRY(date_formats), TEST_ENTRY(date_rejects), TEST_ENTRY(month_and_round),
    TEST_ENTRY(integers), TEST_ENTRY(decimals), TEST_ENTRY(decimals_as_strtod), TEST_ENTRY(numbers_read_as_trimmed), TEST_ENTRY(yes_no), TEST_ENTRY(trim_in_place), TEST_ENTRY(fold_keys),
    TEST_ENTRY(personnummer_luhn), TEST_END,
};
