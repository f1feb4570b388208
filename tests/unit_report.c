/*
 * unit_report.c: the table model, number formats, small-count protection,
 * and the text and tidy CSV renderers.
 */
#include "common/strbuf.h"
#include "report/csvout.h"
#include "report/format.h"
#include "report/suppress.h"
#include "report/table.h"
#include "report/text.h"
#include "tests/unit.h"

#include <stdlib.h>

static const char *sv(const struct cell *x, struct strbuf *sb)
{
    sb_reset(sb);
    format_cell_sv(sb, x);
    return sb->buf;
}

static const char *csv(const struct cell *x, struct strbuf *sb)
{
    sb_reset(sb);
    format_cell_csv(sb, x);
    return sb->buf;
}

TEST(swedish_and_csv_formats)
{
    struct strbuf sb = STRBUF_INIT;
    struct cell c = { CELL_COUNT, 1234, NULL };
    CHECK_STR(sv(&c, &sb), "1 234");
    CHECK_STR(csv(&c, &sb), "1234");
    c.v = -1234567;
    CHECK_STR(sv(&c, &sb), "-1 234 567");
    c = (struct cell){ CELL_SHARE, share_round(267.0 * 100 / 400), NULL };
    CHECK_STR(sv(&c, &sb), "66,8 %");
    CHECK_STR(csv(&c, &sb), "66.8");
    c = (struct cell){ CELL_SHARE, share_round(100.0 * 10 / 150), NULL };
    CHECK_STR(csv(&c, &sb), "6.7");
    c = (struct cell){ CELL_AMOUNT, 6543.45, NULL };
    CHECK_STR(sv(&c, &sb), "6 543,5");
    c = (struct cell){ CELL_PROTECTED, 2, NULL };
    CHECK_STR(sv(&c, &sb), "..");
    CHECK_STR(csv(&c, &sb), "..");
    c = (struct cell){ CELL_MISSING, 0, NULL };
    CHECK_STR(sv(&c, &sb), "");
    CHECK_STR(csv(&c, &sb), "");
    sb_free(&sb);
}

/* A breakdown by stadsdel: rows a..d and Totalt, columns x, y and Totalt. */
static struct table *grid(const int v[4][2])
{
    struct table *t = table_new("t", "T");
    static const char *const cols[] = { "x", "y", "Totalt" };
    static const char *const rows[] = { "a", "b", "c", "d" };
    table_set_cols(t, 3, cols);
    int sum[3] = { 0, 0, 0 };
    for (int r = 0; r < 4; r++) {
        table_add_row(t, rows[r]);
        table_count(t, (size_t)r, 0, v[r][0]);
        table_count(t, (size_t)r, 1, v[r][1]);
        table_count(t, (size_t)r, 2, v[r][0] + v[r][1]);
        sum[0] += v[r][0];
        sum[1] += v[r][1];
    }
    int tr = table_add_row(t, "Totalt");
    table_count(t, (size_t)tr, 0, sum[0]);
    table_count(t, (size_t)tr, 1, sum[1]);
    table_count(t, (size_t)tr, 2, sum[0] + sum[1]);
    t->total_row = tr;
    t->total_col = 2;
    t->protect = 1;
    return t;
}

static int hidden(const struct table *t, size_t r, size_t c)
{
    return table_cell(t, r, c)->kind == CELL_PROTECTED;
}

TEST(primary_protection)
{
    const int v[4][2] = { { 10, 20 }, { 0, 30 }, { 15, 25 }, { 40, 50 } };
    struct table *t = grid(v);
    table_cell(t, 0, 0)->v = 2;   /* a 2 among larger counts */
    table_cell(t, 0, 2)->v = 22;
    t->total_row = t->total_col = -1;   /* no totals: the primary rule alone */
    CHECK_INT(suppress_table(t, 3), 1);
    CHECK(hidden(t, 0, 0));
    CHECK(!hidden(t, 1, 0));          /* zero is not a small count */
    CHECK_INT(t->nnotes, 1);
    table_free(t);
    t = grid(v);
    table_cell(t, 0, 0)->v = 2;
    table_cell(t, 0, 2)->v = 22;
    suppress_table(t, 3);
    CHECK(hidden(t, 1, 0));           /* with a column total the 0 must go, or 2 = total − rest */
    CHECK(!hidden(t, 4, 2));          /* the city total never */
    CHECK(!hidden(t, 0, 2));          /* nor a row total */
    table_free(t);
}

TEST(secondary_protection)
{
    const int v[4][2] = { { 2, 20 }, { 9, 30 }, { 15, 25 }, { 40, 50 } };
    struct table *t = grid(v);
    suppress_table(t, 3);
    CHECK(hidden(t, 0, 0));
    /* Row a: x could be worked out as Totalt − y, so y is hidden too. */
    CHECK(hidden(t, 0, 1));
    /* Column x: a's 2 could be worked out from the column total: b (9, the smallest) is hidden. */
    CHECK(hidden(t, 1, 0));
    /* And then row b has one hidden cell: its y goes too. */
    CHECK(hidden(t, 1, 1));
    /* Every row and column with a hidden cell has at least two. */
    for (size_t r = 0; r < 4; r++) {
        int k = hidden(t, r, 0) + hidden(t, r, 1);
        CHECK(k != 1);
    }
    for (size_t c = 0; c < 2; c++) {
        int k = 0;
        for (size_t r = 0; r < 4; r++)
            k += hidden(t, r, c);
        CHECK(k != 1);
    }
    CHECK(!hidden(t, 4, 0) && !hidden(t, 4, 1) && !hidden(t, 4, 2));
    table_free(t);
}

TEST(protection_off_and_threshold)
{
    const int v[4][2] = { { 2, 20 }, { 9, 30 }, { 15, 25 }, { 40, 50 } };
    struct table *t = grid(v);
    CHECK_INT(suppress_table(t, 0), 0);
    CHECK(!hidden(t, 0, 0));
    CHECK(t->nnotes == 1 && strstr(t->notes[0], "avstängt"));
    table_free(t);
    t = grid(v);
    suppress_table(t, 10);           /* 9 is now small too */
    CHECK(hidden(t, 1, 0));
    table_free(t);
    t = grid(v);
    t->protect = 0;                   /* e.g. Tabell 1: no households broken down */
    CHECK_INT(suppress_table(t, 3), 0);
    CHECK_INT(t->nnotes, 0);
    table_free(t);
}

TEST(shares_hidden_with_their_counts)
{
    struct table *t = table_new("hushallstyp", "Hushållstyp");
    static const char *const cols[] = { "Antal", "Andel (%)" };
    table_set_cols(t, 2, cols);
    const int n[] = { 60, 2, 38 };
    for (int i = 0; i < 3; i++) {
        char label[16];
        snprintf(label, sizeof label, "r%d", i);
        table_add_row(t, label);
        table_count(t, (size_t)i, 0, n[i]);
        table_share(t, (size_t)i, 1, n[i]);
    }
    t->total_row = table_add_row(t, "Totalt");
    table_count(t, 3, 0, 100);
    table_share(t, 3, 1, 100);
    t->protect = 1;
    suppress_table(t, 3);
    CHECK(hidden(t, 1, 0) && hidden(t, 1, 1));
    CHECK(hidden(t, 2, 0) && hidden(t, 2, 1));   /* secondary, by the column total */
    CHECK(!hidden(t, 0, 0) && !hidden(t, 3, 0));
    table_free(t);
}

/* Renders into memory with open_memstream. */
static char *render(int (*fn)(FILE *, const struct report *), const struct report *rep)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    fn(f, rep);
    fclose(f);
    return buf;
}

TEST(text_and_csv_renderers)
{
    struct report *rep = report_new("arsmal", "2021-10", "Årsmål");
    struct table *t = table_new("arsmal", "Förmedlade lägenheter januari–oktober 2021");
    static const char *const cols[] = { "Mål", "Förmedlade", "Andel av mål (%)" };
    table_set_cols(t, 3, cols);
    table_set_stub(t, "Boendeform");
    table_add_row(t, "FoT");
    table_count(t, 0, 0, 400);
    table_count(t, 0, 1, 267);
    table_share(t, 0, 2, 66.75);
    table_add_row(t, "Träningslägenhet");
    table_count(t, 1, 1, 1107);
    table_set_source(t, "Källa: Bostadsförmedlingen");
    report_add(rep, t);
    struct table *u = table_new("underlag", "Underlag");
    table_set_cols(u, 1, cols);
    table_add_row(u, "BF-1");
    u->workbook_only = 1;
    report_add(rep, u);

    char *txt = render(text_write_report, rep);
    CHECK(strstr(txt, "Boendeform        Mål  Förmedlade  Andel av mål (%)\n") != NULL);
    CHECK(strstr(txt, "FoT               400         267            66,8 %\n") != NULL);
    CHECK(strstr(txt, "Träningslägenhet            1 107                  \n") != NULL);
    CHECK(strstr(txt, "Källa: Bostadsförmedlingen\n") != NULL);
    CHECK(strstr(txt, "BF-1") == NULL);
    free(txt);

    /* Quoting: a label with comma and quotes, a text cell with a comma. */
    table_add_row(t, "=cmd|' /C calc'!A0, \"x\"");
    table_text(t, 2, 0, "a,b");
    char *c = render(csv_write_report, rep);
    CHECK_STR(c, "tabell,rad,kolumn,varde\r\n"
                 "arsmal,FoT,Mål,400\r\n"
                 "arsmal,FoT,Förmedlade,267\r\n"
                 "arsmal,FoT,Andel av mål (%),66.8\r\n"
                 "arsmal,Träningslägenhet,Mål,\r\n"
                 "arsmal,Träningslägenhet,Förmedlade,1107\r\n"
                 "arsmal,Träningslägenhet,Andel av mål (%),\r\n"
                 "arsmal,\"=cmd|' /C calc'!A0, \"\"x\"\"\",Mål,\"a,b\"\r\n"
                 "arsmal,\"=cmd|' /C calc'!A0, \"\"x\"\"\",Förmedlade,\r\n"
                 "arsmal,\"=cmd|' /C calc'!A0, \"\"x\"\"\",Andel av mål (%),\r\n");
    free(c);
    report_free(rep);
}

const struct test report_tests[] = {
    TEST_ENTRY(swedish_and_csv_formats), TEST_ENTRY(primary_protection),
    TEST_ENTRY(secondary_protection), TEST_ENTRY(protection_off_and_threshold),
    TEST_ENTRY(shares_hidden_with_their_counts), TEST_ENTRY(text_and_csv_renderers), TEST_END,
};
