/*
 * unit_chart.c: the rules the charts are laid out by (chartlayout.h) and
 * the MIME pieces of the mail draft (mail.h).
 */
#include "common/util.h"
#include "report/chartlayout.h"
#include "report/mail.h"
#include "tests/unit.h"

#include <math.h>
#include <sodium.h>
#include <stdlib.h>

TEST(text_width_from_the_font)
{
    /* DejaVu Sans: 'M' is 0.8628 em, a space 0.3179 em; "Å" as wide as "A". */
    CHECK(fabs(text_width("M", 10) - 8.628) < 0.01);
    CHECK(fabs(text_width("M M", 10) - (2 * 8.628 + 3.179)) < 0.01);
    CHECK(fabs(text_width("Å", 13) - text_width("A", 13)) < 0.01);
    /* A character the table lacks counts as a whole em, never less. */
    CHECK(fabs(text_width("\xe4\xb8\xad", 10) - 10) < 0.01);
    CHECK(text_width("", 13) == 0);
}

TEST(text_wraps_inside_its_width)
{
    struct lines l;
    const char *s = "Tillfälligt inneboende/andrahandsboende, max tre månader";
    text_wrap(&l, s, 13, 150);
    CHECK(l.n >= 3);
    for (size_t i = 0; i < l.n; i++)
        CHECK(text_width(l.line[i], 13) <= 150);
    CHECK_STR(l.line[0], "Tillfälligt inneboende/");
    lines_free(&l);
    /* Broken after '/', which stays; the space at a break goes. */
    text_wrap(&l, "Behandlingshem/familjehem/stödboende", 13, 120);
    CHECK_INT(l.n, 3);
    CHECK_STR(l.line[0], "Behandlingshem/");
    CHECK_STR(l.line[2], "stödboende");
    lines_free(&l);
    /* A word wider than the width alone is broken between characters, UTF-8 kept whole. */
    text_wrap(&l, "ÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅ", 13, 50);
    CHECK(l.n > 1);
    for (size_t i = 0; i < l.n; i++) {
        CHECK(text_width(l.line[i], 13) <= 50);
        CHECK(strlen(l.line[i]) % 2 == 0);
    }
    lines_free(&l);
    /* A Hyresvärd of 60 characters, with a line break and a tab in it. */
    text_wrap(&l, "AB Stiftelsen Stockholms Studentbostäder\n\tc/o Förvaltning Nord 12", 13, 200);
    for (size_t i = 0; i < l.n; i++) {
        CHECK(text_width(l.line[i], 13) <= 200);
        CHECK(!strchr(l.line[i], '\n') && !strchr(l.line[i], '\t'));
    }
    CHECK(lines_width(&l, 13) <= 200);
    lines_free(&l);
    text_wrap(&l, "", 13, 100);
    CHECK_INT(l.n, 1);
    CHECK_STR(l.line[0], "");
    lines_free(&l);
}

TEST(axes_fit_their_values)
{
    struct axis a;
    /* Counts: whole-number ticks from 0. */
    axis_fit(&a, 0, 146, 1, 1, 0);
    CHECK(a.lo == 0 && a.hi >= 146 && a.step == floor(a.step) && a.decimals == 0);
    axis_fit(&a, 0, 3, 1, 1, 0);
    CHECK(a.step == 1 && a.hi == 3);
    axis_fit(&a, 0, 0, 1, 1, 0);
    CHECK(a.hi > a.lo && a.step == 1);
    /* Shares never beyond 100, even when the nice ceiling would be. */
    axis_fit(&a, 0, 98.2, 1, 0, 1);
    CHECK(a.hi == 100);
    axis_fit(&a, 89.9, 98.2, 0, 0, 1);
    CHECK(a.lo == 80 && a.hi == 100 && a.step == 5);
    /* A line of shares near 90 % starts at 80 (the chart says so); bars always at 0. */
    axis_fit(&a, 90.0, 97.0, 0, 0, 1);
    CHECK(a.lo == 80);
    axis_fit(&a, 90.0, 97.0, 1, 0, 1);
    CHECK(a.lo == 0 && a.hi == 100);
    /* Small shares: ticks with a decimal. */
    axis_fit(&a, 0, 1.2, 1, 0, 1);
    CHECK(a.hi >= 1.2 && a.step < 1 && a.decimals >= 1);
}

TEST(numbers_in_swedish)
{
    struct strbuf sb = STRBUF_INIT;
    format_number_sv(&sb, 1234.5, 1);
    CHECK_STR(sb.buf, "1\xc2\xa0" "234,5");
    sb_reset(&sb);
    format_number_sv(&sb, 1000000, 0);
    CHECK_STR(sb.buf, "1\xc2\xa0" "000\xc2\xa0" "000");
    sb_reset(&sb);
    format_number_sv(&sb, 65, 1);
    CHECK_STR(sb.buf, "65,0");
    sb_reset(&sb);
    format_number_sv(&sb, 2.25, 2);
    CHECK_STR(sb.buf, "2,25");
    sb_free(&sb);
}

TEST(colours_read_against_white)
{
    CHECK(fabs(contrast_ratio(0xFFFFFF, 0x000000) - 21) < 0.01);
    CHECK(fabs(contrast_ratio(0xFFFFFF, 0xFFFFFF) - 1) < 0.01);
    CHECK(contrast_ratio(0xFFFFFF, 0xF0E442) < 1.5);    /* the old yellow: refused */
    for (size_t i = 0; i < palette_ncolours; i++)
        CHECK(contrast_ratio(0xFFFFFF, palette_colours[i]) >= 3.0);
    CHECK(contrast_ratio(0xFFFFFF, colour_women) >= 3.0);
    CHECK(contrast_ratio(0xFFFFFF, colour_men) >= 3.0);
    CHECK(colour_women != colour_men);
    CHECK_INT(label_sex("Ensamstående kvinna med barn"), 1);
    CHECK_INT(label_sex("Kvinnor (%)"), 1);
    CHECK_INT(label_sex("Ensamstående man"), 2);
    CHECK_INT(label_sex("Män (%)"), 2);
    CHECK_INT(label_sex("Par med barn"), 0);
    CHECK_INT(label_sex("Mandag"), 0);
    CHECK_INT(label_sex("Romanska"), 0);
}

TEST(same_series_same_style_in_a_report)
{
    struct report *rep = report_new("t", "2021", "T");
    static const char *const c1[] = { "Barnfamilj", "Vuxen", "Totalt" };
    static const char *const c2[] = { "Vuxen (%)", "Barnfamilj (%)", "Kvinnor", "Män" };
    struct table *a = table_new("a", "A"), *b = table_new("b", "B");
    table_set_cols(a, 3, c1);
    table_set_cols(b, 4, c2);
    table_add_row(a, "x");
    table_add_row(b, "x");
    int rows[] = { 0 }, ca[] = { 0, 1, 2 }, cb[] = { 0, 1, 2, 3 };
    table_set_chart(a, CHART_LINE, "a", "", 1, rows, 3, ca);
    table_set_chart(b, CHART_BAR, "b", "", 1, rows, 4, cb);
    report_add(rep, a);
    report_add(rep, b);
    struct palette p;
    palette_for_report(&p, rep);
    CHECK(palette_style(&p, "Barnfamilj")->colour == palette_style(&p, "Barnfamilj (%)")->colour);
    CHECK(palette_style(&p, "Vuxen")->colour == palette_style(&p, "Vuxen (%)")->colour);
    CHECK(palette_style(&p, "Vuxen")->colour != palette_style(&p, "Barnfamilj")->colour);
    CHECK(palette_style(&p, "Vuxen")->dash != palette_style(&p, "Barnfamilj")->dash);
    CHECK(palette_style(&p, "Kvinnor")->colour == colour_women);
    CHECK(palette_style(&p, "Män")->colour == colour_men);
    CHECK(palette_style(&p, "Totalt")->colour != palette_style(&p, "Barnfamilj")->colour);
    for (size_t i = 0; i < p.n; i++)
        CHECK(contrast_ratio(0xFFFFFF, p.style[i].colour) >= 3.0);
    palette_free(&p);
    report_free(rep);
}

TEST(mime_base64_and_encoded_words)
{
    static const char *const in[] = { "", "f", "fo", "foo", "foob", "fooba", "foobar" };
    static const char *const out[] = { "", "Zg==\r\n", "Zm8=\r\n", "Zm9v\r\n", "Zm9vYg==\r\n",
                                       "Zm9vYmE=\r\n", "Zm9vYmFy\r\n" };  /* RFC 4648, 10 */
    for (size_t i = 0; i < 7; i++) {
        struct strbuf sb = STRBUF_INIT;
        mail_base64(&sb, (const unsigned char *)in[i], strlen(in[i]));
        CHECK_STR(sb.buf ? sb.buf : "", out[i]);
        sb_free(&sb);
    }
    /* 76 characters a line. */
    unsigned char big[200];
    memset(big, 0xAB, sizeof big);
    struct strbuf sb = STRBUF_INIT;
    mail_base64(&sb, big, sizeof big);
    CHECK(strncmp(sb.buf + 76, "\r\n", 2) == 0);
    sb_free(&sb);
    /* A long Swedish subject: encoded words of whole characters, each line at most 76. */
    const char *subj = "Årsmål för försöks- och träningslägenheter, Bostad Först och genomgångsbostäder, "
                       "januari–oktober 2021";
    mail_encode_header(&sb, subj);
    struct strbuf back = STRBUF_INIT;
    const char *p = sb.buf;
    size_t linelen = 0, longest = 0;
    for (const char *q = sb.buf; *q; q++) {
        linelen = *q == '\n' ? 0 : *q == '\r' ? linelen : linelen + 1;
        if (linelen > longest)
            longest = linelen;
    }
    CHECK(longest + strlen("Subject: ") <= 76);
    while ((p = strstr(p, "=?UTF-8?B?"))) {
        p += 10;
        const char *end = strstr(p, "?=");
        unsigned char bin[64];
        size_t n = 0;
        CHECK(end && sodium_base642bin(bin, sizeof bin, p, (size_t)(end - p), NULL, &n, NULL,
                                       sodium_base64_VARIANT_ORIGINAL) == 0);
        CHECK(utf8_valid(bin, n));     /* no character split between words */
        sb_add(&back, bin, n);
        p = end + 2;
    }
    CHECK_STR(back.buf, subj);
    sb_free(&sb);
    sb_free(&back);
}

const struct test chart_tests[] = {
    TEST_ENTRY(text_width_from_the_font), TEST_ENTRY(text_wraps_inside_its_width),
    TEST_ENTRY(axes_fit_their_values), TEST_ENTRY(numbers_in_swedish),
    TEST_ENTRY(colours_read_against_white), TEST_ENTRY(same_series_same_style_in_a_report),
    TEST_ENTRY(mime_base64_and_encoded_words), TEST_END,
};
