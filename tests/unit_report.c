/*
 * unit_report.c: the table model, number formats, small-count protection,
 * and the text and tidy CSV renderers.
 */
#include "common/strbuf.h"
#include "common/date.h"
#include "common/util.h"
#include "report/csvout.h"
#include "report/format.h"
#include "report/table.h"
#include "report/text.h"
#include "tests/unit.h"
#include "transform/crosstab.h"
#include "transform/period.h"
#include "transform/sources.h"

#include <sqlite3.h>
#include <stdio.h>

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

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
    struct cell c = { .kind = CELL_COUNT, .v = 1234 };
    CHECK_STR(sv(&c, &sb), "1 234");
    CHECK_STR(csv(&c, &sb), "1234");
    c.v = -1234567;
    CHECK_STR(sv(&c, &sb), "-1 234 567");
    c = (struct cell){ .kind = CELL_SHARE, .v = share_round(267.0 * 100 / 400) };
    CHECK_STR(sv(&c, &sb), "66,8 %");
    CHECK_STR(csv(&c, &sb), "66.8");
    c = (struct cell){ .kind = CELL_SHARE, .v = share_round(100.0 * 10 / 150) };
    CHECK_STR(csv(&c, &sb), "6.7");
    c = (struct cell){ .kind = CELL_AMOUNT, .v = 6543.45 };
    CHECK_STR(sv(&c, &sb), "6 543,5");
    c = (struct cell){ .kind = CELL_PROTECTED, .v = 2 };
    CHECK_STR(sv(&c, &sb), "..");
    CHECK_STR(csv(&c, &sb), "..");
    c = (struct cell){ .kind = CELL_MISSING, .v = 0 };
    CHECK_STR(sv(&c, &sb), "");
    CHECK_STR(csv(&c, &sb), "");
    sb_free(&sb);
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

/* Periods of one month and survey rounds, and their Swedish names. */
TEST(period_month_and_round)
{
    struct period p;
    struct strbuf sb = STRBUF_INIT, err = STRBUF_INIT;
    CHECK_INT(period_make_month(&p, "2021-09", &err), 0);
    CHECK_STR(p.from, "2021-09-01");
    CHECK_STR(p.through, "2021-09-30");
    period_label(&p, &sb);
    CHECK_STR(sb.buf, "september 2021");
    sb_reset(&sb);
    period_short(&p, &sb);
    CHECK_STR(sb.buf, "sep 2021");
    CHECK_INT(period_make_month(&p, "2024-02", &err), 0);
    CHECK_STR(p.through, "2024-02-29");
    CHECK(period_make_month(&p, "2021-13", &err) != 0);
    CHECK(strstr(err.buf, "--month \"2021-13\" är ingen månad") != NULL);
    CHECK(period_make_month(&p, "202109", &err) != 0);
    CHECK(period_make_month(&p, "2021-9", &err) != 0);
    period_make_round(&p, 2021, 4);
    sb_reset(&sb);
    period_label(&p, &sb);
    CHECK_STR(sb.buf, "april 2021");
    CHECK_STR(p.from, "2021-01-01");
    CHECK_STR(p.through, "2021-12-31");
    period_make_round(&p, 2017, 0);
    sb_reset(&sb);
    period_label(&p, &sb);
    CHECK_STR(sb.buf, "2017");
    sb_free(&sb);
    sb_free(&err);
}

/* Stored dates as numbers, and the days between them as SQLite's julianday. */
TEST(date_keys_and_days)
{
    CHECK_INT(date_key("2021-08-31"), 20210831);
    CHECK_INT(date_key("1999-01-01"), 19990101);
    /* Not the stored form: read as atol reads its parts, never past the end. */
    CHECK_INT(date_key("2021-9-1"), 20210900);
    CHECK_INT(date_key("2021"), 20210000);
    CHECK_INT(date_key(""), 0);
    CHECK_INT(date_days(19700101), 0);
    CHECK_INT(date_days(19691231), -1);
    CHECK_INT(date_days(20000301) - date_days(20000228), 2);   /* 2000 is a leap year */
    CHECK_INT(date_days(19000301) - date_days(19000228), 1);   /* 1900 is not */
    /* Every day of 1996-2031 against SQLite's own julianday and date(). */
    sqlite3 *db;
    CHECK_INT(sqlite3_open(":memory:", &db), SQLITE_OK);
    sqlite3_stmt *st;
    CHECK_INT(sqlite3_prepare_v2(db,
                                 "WITH RECURSIVE d(x) AS (SELECT '1996-01-01' UNION ALL "
                                 "SELECT date(x, '+1 day') FROM d WHERE x < '2031-12-31') "
                                 "SELECT x, CAST(julianday(x) - julianday('1970-01-01') AS INTEGER), "
                                 "date(x, '+1 years') FROM d",
                                 -1, &st, NULL),
              SQLITE_OK);
    int n = 0, bad = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *x = (const char *)sqlite3_column_text(st, 0);
        long k = date_key(x);
        char back[48];
        snprintf(back, sizeof back, "%04ld-%02ld-%02ld", k / 10000, k / 100 % 100, k % 100);
        bad += strcmp(back, x) != 0 || date_days(k) != sqlite3_column_int64(st, 1) ||
               date_plus_years(k, 1) != date_key((const char *)sqlite3_column_text(st, 2));
        n++;
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    CHECK_INT(n, 13149);
    CHECK_INT(bad, 0);
}

/* A summary may quote a figure only while it is published. */
TEST(report_figure_hides_what_the_table_hides)
{
    struct report *rep = report_new("x", "2021", "X");
    struct table *t = table_new("t", "T");
    static const char *const cols[] = { "Antal", "Andel (%)" };
    table_set_cols(t, 2, cols);
    table_add_row(t, "A");
    table_add_row(t, "Totalt");
    table_count(t, 0, 0, 2);
    table_count(t, 1, 0, 10);
    table_share_of(t, 0, 1, 20.0, 0, 0, 1, 0);
    report_add(rep, t);
    double v;
    CHECK_INT(report_figure(rep, "t", "A", "Antal", &v), 0);
    CHECK(v == 2);
    CHECK_INT(report_figure(rep, "t", "A", "Andel (%)", &v), 0);
    cell_hide(table_cell(t, 0, 0));
    cell_hide(table_cell(t, 0, 1));
    CHECK_INT(report_figure(rep, "t", "A", "Antal", &v), -1);
    CHECK_INT(report_figure(rep, "t", "A", "Andel (%)", &v), -1);
    CHECK_INT(report_figure(rep, "t", "Totalt", "Antal", &v), 0);
    CHECK_INT(report_figure(rep, "t", "B", "Antal", &v), -1);
    CHECK_INT(report_figure(rep, "u", "A", "Antal", &v), -1);
    report_free(rep);
}

/* Text tables write every label and value on one line. */
TEST(text_one_line)
{
    struct strbuf sb = STRBUF_INIT;
    format_one_line(&sb, "AB Familjebostäder\r\nc/o Förvaltning\tSöder\n");
    CHECK_STR(sb.buf, "AB Familjebostäder c/o Förvaltning Söder");
    CHECK_INT(format_label_width("Å\nÖ"), 3);
    sb_free(&sb);
}


/*
 * A tally gives the table crosstab_fill gives for the same counts from a
 * GROUP BY: rows in the code list's order (or by label, as SQLite's
 * BINARY), every pair summed, growth past its first slots, and an error,
 * never a dropped figure, for a row outside the code list or a column
 * outside the table.
 */
TEST(tally_fills_like_a_group_by)
{
    sqlite3 *db = NULL;
    CHECK(sqlite3_open(":memory:", &db) == SQLITE_OK);
    sqlite3_stmt *st = NULL;
    CHECK(sqlite3_prepare_v2(db, "SELECT 'Stadsdel B', 1 UNION ALL SELECT 'Stadsdel A', 2 "
                                 "UNION ALL SELECT 'Stadsdel C', 3", -1, &st, NULL) == SQLITE_OK);
    struct ranks order;
    struct strbuf err = STRBUF_INIT;
    CHECK(ranks_load(&order, st, &err) == 0);
    CHECK_INT(order.n, 3);
    CHECK(ranks_find(&order, "Stadsdel D") == NULL);
    CHECK_INT(*ranks_find(&order, "Stadsdel A"), 2);

    struct tally ta = { 0 };
    static const char *const cols[] = { "Ja", "Nej", "Totalt" };
    for (int i = 0; i < 700; i++) {
        tally_add(&ta, i % 3 == 0 ? "Stadsdel C" : i % 3 == 1 ? "Stadsdel A" : "Stadsdel B",
                  i % 2 ? "Nej" : "Ja", 1);
    }
    struct table *t = table_new("t", "t");
    table_set_cols(t, 3, cols);
    CHECK(tally_fill(t, &ta, &order, 2, 1, 1, &err) == 0);
    CHECK_INT(t->nrows, 4);
    CHECK_STR(t->rows[0], "Stadsdel B");
    CHECK_STR(t->rows[1], "Stadsdel A");
    CHECK_STR(t->rows[2], "Stadsdel C");
    CHECK_STR(t->rows[3], "Totalt");
    /* i = 0, 3, 6 … 699 are C: 234 rows, of them the odd i (117) Nej. */
    CHECK_INT(table_cell(t, 2, 0)->v, 117);
    CHECK_INT(table_cell(t, 2, 1)->v, 117);
    CHECK_INT(table_cell(t, 2, 2)->v, 234);
    CHECK_INT(table_cell(t, 3, 2)->v, 700);
    table_free(t);

    /* By label, bytewise: "Z" before "a", "å" (0xC3 0xA5) after "z". */
    struct tally byname = { 0 };
    char label[32];
    for (int i = 0; i < 200; i++) {
        snprintf(label, sizeof label, "v%03d", 199 - i);
        tally_add(&byname, label, "Ja", i);
    }
    tally_add(&byname, "åby", "Ja", 1);
    tally_add(&byname, "zeta", "Ja", 1);
    tally_add(&byname, "Zeta", "Ja", 1);
    t = table_new("t", "t");
    table_set_cols(t, 3, cols);
    CHECK(tally_fill(t, &byname, NULL, 2, 1, 0, &err) == 0);
    CHECK_INT(t->nrows, 203);
    CHECK_STR(t->rows[0], "Zeta");
    CHECK_STR(t->rows[1], "v000");
    CHECK_INT(table_cell(t, 1, 0)->v, 199);
    CHECK_STR(t->rows[201], "zeta");
    CHECK_STR(t->rows[202], "åby");
    table_free(t);

    /* A row the code list lacks, a column the table lacks: errors. */
    tally_add(&ta, "Stadsdel D", "Ja", 1);
    t = table_new("t", "t");
    table_set_cols(t, 3, cols);
    CHECK(tally_fill(t, &ta, &order, 2, 1, 1, &err) == -1);
    CHECK(strstr(err.buf, "Stadsdel D") != NULL);
    table_free(t);
    sb_reset(&err);
    t = table_new("t", "t");
    table_set_cols(t, 3, cols);
    tally_add(&byname, "v001", "Inväntar", 1);
    CHECK(tally_fill(t, &byname, NULL, 2, 1, 1, &err) == -1);
    CHECK(strstr(err.buf, "Inväntar") != NULL);
    table_free(t);

    tally_free(&ta);
    tally_free(&byname);
    ranks_free(&order);
    sb_free(&err);
    sqlite3_close(db);
}

/* The arrays by file id: grown to the id, new slots zero, old ones kept; huge ids listed. */
static int cmp_dbl(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/*
 * median_reorder, a selection, against the middle of a sorted copy: many
 * lengths, odd and even, with few distinct values (ties everywhere, as
 * days to a takeover have), already sorted and reversed.
 */
TEST(median_selects_the_sorted_middle)
{
    static double v[1000], s[1000];
    unsigned x = 12345;
    for (size_t n = 1; n <= 1000; n += n < 40 ? 1 : 37) {
        for (int shape = 0; shape < 4; shape++) {
            for (size_t i = 0; i < n; i++) {
                x = x * 1103515245u + 12345u;
                v[i] = shape == 0 ? (double)(x >> 16 & 1023)
                     : shape == 1 ? (double)(x >> 16 & 3)
                     : shape == 2 ? (double)i : (double)(n - i);
            }
            memcpy(s, v, n * sizeof *v);
            qsort(s, n, sizeof *s, cmp_dbl);
            double want = n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
            double got = median_reorder(v, n);
            if (got != want) {
                unit_fail(__FILE__, __LINE__, "n=%zu shape %d: median %g, want %g", n, shape, got, want);
                return;
            }
            qsort(v, n, sizeof *v, cmp_dbl);   /* reordered, nothing lost or added */
            CHECK(memcmp(v, s, n * sizeof *v) == 0);
        }
    }
}

TEST(grow_zeroed_and_file_sets)
{
    size_t cap = 0;
    long *v = xgrow_zeroed(NULL, &cap, 0, sizeof *v, 4);
    CHECK(cap == 4);
    for (size_t i = 0; i < cap; i++)
        CHECK(v[i] == 0);
    v[3] = 7;
    long *same = xgrow_zeroed(v, &cap, 3, sizeof *v, 4);
    CHECK(same == v && cap == 4);
    v = xgrow_zeroed(v, &cap, 20, sizeof *v, 4);
    CHECK(cap == 32);
    CHECK(v[3] == 7);
    for (size_t i = 4; i < cap; i++)
        CHECK(v[i] == 0);
    free(v);

    struct file_set s = { 0 };
    file_set_add(&s, 3);
    file_set_add(&s, 200);
    file_set_add(&s, 3);
    file_set_add(&s, -1);
    file_set_add(&s, FILE_SET_MAX_ID + 5);
    file_set_add(&s, (sqlite3_int64)1 << 62);
    file_set_add(&s, FILE_SET_MAX_ID + 5);
    CHECK(s.cap == 256);
    size_t n = 0;
    for (size_t i = 0; i < s.cap; i++)
        n += s.has[i];
    CHECK(n == 2 && s.has[3] && s.has[200]);
    CHECK(s.nbig == 2 && s.big[0] == FILE_SET_MAX_ID + 5 && s.big[1] == (sqlite3_int64)1 << 62);
    file_set_free(&s);
}

/*
 * die_oom stops a registered child before it removes the scratch files,
 * so that a child still writing one (the internal workbook, written while
 * the charts are drawn) cannot make it again after: here a child that
 * makes its file 0.2 s after the run dies.
 */
TEST(die_oom_stops_writing_children_first)
{
    char path[] = "/tmp/fotstat-unit-scratchXXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    if (fd < 0)
        return;
    close(fd);
    unlink(path);
    pid_t run = fork();
    if (run == 0) {
        pid_t writer = fork();
        if (writer == 0) {
            nanosleep(&(struct timespec){ 0, 200000000 }, NULL);
            int w = open(path, O_WRONLY | O_CREAT, 0600);
            _exit(w >= 0 ? 0 : 1);
        }
        scratch_add(path);
        scratch_child_add(writer);
        die_with("");
    }
    int status = 0;
    CHECK(run > 0 && waitpid(run, &status, 0) == run);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 2);
    nanosleep(&(struct timespec){ 0, 500000000 }, NULL);
    CHECK_INT(access(path, F_OK), -1);
    unlink(path);
}

const struct test report_tests[] = {
    TEST_ENTRY(swedish_and_csv_formats), TEST_ENTRY(text_and_csv_renderers),
    TEST_ENTRY(period_month_and_round), TEST_ENTRY(date_keys_and_days),
    TEST_ENTRY(report_figure_hides_what_the_table_hides),
    TEST_ENTRY(text_one_line), TEST_ENTRY(tally_fills_like_a_group_by),
    TEST_ENTRY(grow_zeroed_and_file_sets), TEST_ENTRY(median_selects_the_sorted_middle),
    TEST_ENTRY(die_oom_stops_writing_children_first),
    TEST_END,
};
