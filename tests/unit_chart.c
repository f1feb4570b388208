/*
 * unit_chart.c: the rules the charts are laid out by (chartlayout.h) and
 * the MIME pieces of the mail draft (mail.h).
 */
#include "common/util.h"
#include "report/chart.h"
#include "report/chartlayout.h"
#include "report/format.h"
#include "report/html.h"
#include "report/output.h"
#include "report/mail.h"
#include "tests/unit.h"

#include <math.h>
#include <sodium.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

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
    format_decimal(&sb, 1234.5, 1, 1);
    CHECK_STR(sb.buf, "1\xc2\xa0" "234,5");
    sb_reset(&sb);
    format_decimal(&sb, 1000000, 0, 1);
    CHECK_STR(sb.buf, "1\xc2\xa0" "000\xc2\xa0" "000");
    sb_reset(&sb);
    format_decimal(&sb, 65, 1, 1);
    CHECK_STR(sb.buf, "65,0");
    sb_reset(&sb);
    format_decimal(&sb, 2.25, 2, 1);
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


/* The longest labels the exports allow, and a page with both sizes of every chart. */
static struct report *long_labels_report(void)
{
    static const char *const cats[] = {
        "Stiftelsen Stockholms Studentbostäder Hyresvärdsförvaltning AB",  /* a Hyresvärd of 60+ */
        "Rinkeby-Kista", "Spånga-Tensta", "Hässelby-Vällingby", "Bromma", "Kungsholmen", "Norrmalm",
        "Östermalm", "Södermalm", "Enskede-Årsta-Vantör", "Skarpnäck", "Farsta", "Hägersten-Älvsjö",
        "Skärholmen", "Socialförvaltningen", "SHIS",
        "SHIS boende för barnfamiljer", "SHIS boende för nyanlända", "Hotellrum",
        "Tillfälligt inneboende/andrahandsboende, max tre månader", "Försökslägenhet", "Jourlägenhet",
        "Träningslägenhet", "Vandrarhem", "Lägenhetshotell", "Skyddat boende",
        "Behandlingshem/familjehem/stödboende", "Vet ej",
    };
    static const char *const types[] = {
        "Ensamstående kvinna", "Ensamstående man", "Ensamstående kvinna med barn",
        "Ensamstående man med barn", "Par utan barn", "Par med barn", "Övrigt",
    };
    static const char *const months[] = {
        "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
        "oktober", "november", "december (t.o.m. 23)",
    };
    static const char *const one[] = { "Antal" }, *const sexes[] = { "Kvinnor (%)", "Män (%)" };
    static const char *const forms[] = { "Barnfamilj", "Nyanlända", "Vuxen", "Ung vuxen", "Totalt" };
    const char *source = "Källa: Bostadsförmedlingen i Stockholm AB, SHIS och socialförvaltningens "
                         "kartläggning (export-från-verksamhetssystemet-2021-12-31-alla-kolumner.csv, "
                         "shis-placeringar-export-med-ett-mycket-långt-filnamn-2021.csv, "
                         "Behandlingshem/familjehem/stödboende-utan-mellanslag-någonstans-i-namnet.csv)";
    struct report *rep = report_new("langa", "2021", "Långa etiketter");
    struct table *a = table_new("kategorier", "Alla etiketter ur exporterna: hyresvärdar, stadsdelar "
                                              "och boendesituationer i kartläggningen, april 2021");
    table_set_cols(a, 1, one);
    int *rows = xmalloc(ARRAY_LEN(cats) * sizeof *rows), cols[5] = { 0, 1, 2, 3, 4 };
    for (size_t i = 0; i < ARRAY_LEN(cats); i++) {
        rows[i] = table_add_row(a, cats[i]);
        table_count(a, i, 0, (long long)(i * 97 % 1234));
    }
    table_set_source(a, source);
    table_set_chart(a, CHART_BAR, "kategorier", "Hushåll", ARRAY_LEN(cats), rows, 1, cols);
    report_add(rep, a);
    struct table *b = table_new("kon", "Hushållstyp efter kön");
    table_set_cols(b, 2, sexes);
    for (size_t i = 0; i < ARRAY_LEN(types); i++) {
        rows[i] = table_add_row(b, types[i]);
        table_share(b, i, 0, 100.0 * (double)i / 7);
        table_share(b, i, 1, 100.0 - 100.0 * (double)i / 7);
    }
    table_set_source(b, source);
    table_set_chart(b, CHART_BAR, "kon", "Andel (%)", ARRAY_LEN(types), rows, 2, cols);
    report_add(rep, b);
    struct table *c = table_new("manad", "Beläggning per månad");
    table_set_cols(c, 5, forms);
    for (size_t i = 0; i < ARRAY_LEN(months); i++) {
        rows[i] = table_add_row(c, months[i]);
        for (size_t k = 0; k < 5; k++)
            table_share(c, i, k, 88.0 + (double)((i * 7 + k * 3) % 12));
    }
    table_set_source(c, source);
    table_set_chart(c, CHART_LINE, "manad", "Beläggning (%)", ARRAY_LEN(months), rows, 5, cols);
    report_add(rep, c);
    free(rows);
    return rep;
}

struct page_ctx {
    const struct output_set *set;
    const char *dir;
    const struct report *rep;
};

static int page_figures(void *ctx, const struct table *t, int n, struct strbuf *out, struct strbuf *err)
{
    const struct page_ctx *pc = ctx;
    struct strbuf path = STRBUF_INIT;
    sb_printf(&path, "%s/langa-2021-%s.svg.tmp", pc->dir, t->chart.name);   /* not committed yet */
    size_t len;
    char *wide = file_read_all(path.buf, &len);
    sb_free(&path);
    char *narrow_path = chart_path(pc->rep, pc->dir, t, CHART_NARROW_SUFFIX);
    const char *narrow_tmp = output_scratch_find(pc->set, narrow_path);
    char *narrow = narrow_tmp ? file_read_all(narrow_tmp, &len) : NULL;
    free(narrow_path);
    (void)err;
    int rc = wide && narrow ? html_figure_svg(out, wide, narrow, n, err, t) : -1;
    free(wide);
    free(narrow);
    return rc;
}

/* Runs a checker of tests/ over dir's charts and page; returns its exit status. */
static int run_checker(const char *script, const char *dir)
{
    struct strbuf cmd = STRBUF_INIT;
    sb_printf(&cmd, "/usr/bin/python3 tests/%s %s/*.svg %s/*.html%s%s%s >%s/%s.log 2>&1", script, dir, dir,
              strcmp(script, "chart_check.py") == 0 ? " " : "",
              strcmp(script, "chart_check.py") == 0 ? dir : "",
              strcmp(script, "chart_check.py") == 0 ? "/*.png" : "", dir, script);
    int st = system(cmd.buf);
    sb_free(&cmd);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

TEST(charts_of_the_longest_labels)
{
    CHECK(chart_available());
    char dir[] = "/tmp/fotstat-chart-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    struct report *rep = long_labels_report();
    struct output_set set = OUTPUT_SET_INIT;
    struct strbuf err = STRBUF_INIT;
    CHECK_INT(chart_write_report(rep, dir, &set, &err), 0);
    struct strbuf page = STRBUF_INIT, path = STRBUF_INIT;
    struct page_ctx pc = { &set, dir, rep };
    CHECK_INT(html_report(&page, rep, page_figures, &pc, &err), 0);
    CHECK_INT(output_commit(&set, &err), 0);
    sb_printf(&path, "%s/langa-2021.html", dir);
    FILE *f = fopen(path.buf, "w");
    CHECK(f && fwrite(page.buf, 1, page.len, f) == page.len && fclose(f) == 0);
    if (err.len)
        unit_fail(__FILE__, __LINE__, "%s", err.buf);
    /* Measured by the font file, and drawn by Chromium with a margin around each canvas. */
    static const char *const checker[] = { "chart_check.py", "ink_check.py" };
    static const char *const saw[] = { "9 SVG, 3 PNG, 0 faults", "9 charts drawn, 0 with ink outside" };
    for (int i = 0; i < 2; i++) {
        CHECK_INT(run_checker(checker[i], dir), 0);
        struct strbuf log = STRBUF_INIT;
        sb_printf(&log, "%s/%s.log", dir, checker[i]);
        size_t len;
        char *said = file_read_all(log.buf, &len);
        if (!said || !strstr(said, saw[i]))
            unit_fail(__FILE__, __LINE__, "%s said: %s", checker[i], said ? said : "nothing");
        free(said);
        sb_free(&log);
    }
    if (unit_failures || getenv("FOTSTAT_KEEP_CHARTS")) {   /* to look at them */
        printf("    charts kept in %s\n", dir);
    } else {
        struct strbuf rm = STRBUF_INIT;
        sb_printf(&rm, "rm -rf %s", dir);
        CHECK_INT(system(rm.buf), 0);
        sb_free(&rm);
    }
    sb_free(&page);
    sb_free(&path);
    sb_free(&err);
    report_free(rep);
}

const struct test chart_tests[] = {
    TEST_ENTRY(text_width_from_the_font), TEST_ENTRY(text_wraps_inside_its_width),
    TEST_ENTRY(axes_fit_their_values), TEST_ENTRY(numbers_in_swedish),
    TEST_ENTRY(colours_read_against_white), TEST_ENTRY(same_series_same_style_in_a_report),
    TEST_ENTRY(mime_base64_and_encoded_words), TEST_ENTRY(charts_of_the_longest_labels), TEST_END,
};
