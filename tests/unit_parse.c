/*
 * unit_parse.c: dates, months, numbers, yes/no, code keys, personnummer.
 */
#include "ingest/parse.h"
#include "tests/unit.h"

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

const struct test parse_tests[] = {
    TEST_ENTRY(date_formats), TEST_ENTRY(date_rejects), TEST_ENTRY(month_and_round),
    TEST_ENTRY(integers), TEST_ENTRY(decimals), TEST_ENTRY(yes_no), TEST_ENTRY(fold_keys),
    TEST_ENTRY(personnummer_luhn), TEST_END,
};
