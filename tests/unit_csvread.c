/*
 * unit_csvread.c: the CSV reader, fed every input at every chunk size.
 */
#include "common/strbuf.h"
#include "common/util.h"
#include "ingest/csvread.h"
#include "tests/unit.h"

#include <stdlib.h>

/* Appends "LINE:f1|f2|...\n" for each record. */
static int collect(void *ctx, long line, size_t n, char *const *fields, const size_t *lens)
{
    struct strbuf *sb = ctx;
    sb_printf(sb, "%ld:", line);
    for (size_t i = 0; i < n; i++) {
        if (i)
            sb_addc(sb, '|');
        sb_add(sb, fields[i], lens[i]);
    }
    sb_addc(sb, '\n');
    return 0;
}

/* Parses input in chunks of `chunk` bytes; returns the records and the status. */
static enum csvr_status run(const char *input, size_t len, enum csv_encoding enc, char delim,
                            size_t chunk, struct strbuf *out, long *line)
{
    struct csv_dialect d = { enc, delim };
    struct csvr *r = csvr_new(&d, collect, out);
    enum csvr_status st = CSVR_OK;
    for (size_t off = 0; off < len && st == CSVR_OK; off += chunk)
        st = csvr_feed(r, input + off, len - off < chunk ? len - off : chunk);
    if (st == CSVR_OK)
        st = csvr_finish(r);
    *line = csvr_line(r);
    csvr_free(r);
    return st;
}

/* Checks one input against its expected records at every chunk size. */
static void every_chunk(const char *input, enum csv_encoding enc, char delim, const char *want)
{
    size_t len = strlen(input);
    for (size_t chunk = 1; chunk <= len; chunk++) {
        struct strbuf out = STRBUF_INIT;
        long line;
        enum csvr_status st = run(input, len, enc, delim, chunk, &out, &line);
        if (st != CSVR_OK || strcmp(out.buf, want) != 0) {
            unit_fail(__FILE__, __LINE__, "chunk %zu: status %d, got\n%s\nwant\n%s", chunk, st,
                      out.buf, want);
            sb_free(&out);
            return;
        }
        sb_free(&out);
    }
}

TEST(plain_lf_and_crlf)
{
    every_chunk("a;b;c\n1;2;3\n", CSV_UTF8, ';', "1:a|b|c\n2:1|2|3\n");
    every_chunk("a;b;c\r\n1;2;3\r\n", CSV_UTF8, ';', "1:a|b|c\n2:1|2|3\n");
    every_chunk("a,b\n1,2", CSV_UTF8, ',', "1:a|b\n2:1|2\n");
    every_chunk("a\tb\n1\t\n", CSV_UTF8, '\t', "1:a|b\n2:1|\n");
}

TEST(quotes_and_embedded_newlines)
{
    every_chunk("a;b\n\"x;y\";\"he said \"\"hi\"\"\"\n", CSV_UTF8, ';',
                "1:a|b\n2:x;y|he said \"hi\"\n");
    /* A field spanning lines moves later records down. */
    every_chunk("a;b\n\"one\ntwo\nthree\";x\nz;w\n", CSV_UTF8, ';',
                "1:a|b\n2:one\ntwo\nthree|x\n5:z|w\n");
    every_chunk("a;b\r\n\"one\r\ntwo\";x\r\nz;w\r\n", CSV_UTF8, ';',
                "1:a|b\n2:one\r\ntwo|x\n4:z|w\n");
}

TEST(blank_lines_keep_line_numbers)
{
    every_chunk("a;b\n\n1;2\n\r\n3;4\n", CSV_UTF8, ';', "1:a|b\n3:1|2\n5:3|4\n");
}

TEST(bom_dropped)
{
    every_chunk("\xEF\xBB\xBF" "Ärende;b\n1;2\n", CSV_UTF8_BOM, ';', "1:Ärende|b\n2:1|2\n");
}

TEST(windows_1252_converted)
{
    every_chunk("\xC4rende;Hyresv\xE4rd\n1;\x80 och \xD6\n", CSV_CP1252, ';',
                "1:Ärende|Hyresvärd\n2:1|€ och Ö\n");
}

TEST(broken_quoting_is_an_error_with_its_line)
{
    const char *cases[][2] = {
        { "a;b\n1;2\n3;x\"y\"\n", "3" },        /* quote inside an unquoted field */
        { "a;b\n1;2\n\"abc\"x;2\n", "3" },      /* text after a closing quote */
        { "a;b\n1;2\n\"never closed;2\n4;5\n", "3" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *in = cases[i][0];
        for (size_t chunk = 1; chunk <= strlen(in); chunk++) {
            struct strbuf out = STRBUF_INIT;
            long line;
            enum csvr_status st = run(in, strlen(in), CSV_UTF8, ';', chunk, &out, &line);
            if (st != CSVR_EQUOTE || line != atol(cases[i][1]))
                unit_fail(__FILE__, __LINE__, "case %zu chunk %zu: status %d line %ld", i, chunk,
                          st, line);
            sb_free(&out);
        }
    }
}

/* Notes a dropped record as "LINE:<long>\n". */
static int note_overlong(void *ctx, long line)
{
    sb_printf(ctx, "%ld:<long>\n", line);
    return 0;
}

/* Parses in chunks with over-long records dropped. */
static enum csvr_status run_overlong(const char *input, size_t len, size_t chunk,
                                     struct strbuf *out, long *line)
{
    struct csv_dialect d = { CSV_UTF8, ';' };
    struct csvr *r = csvr_new(&d, collect, out);
    csvr_on_overlong(r, note_overlong);
    enum csvr_status st = CSVR_OK;
    for (size_t off = 0; off < len && st == CSVR_OK; off += chunk)
        st = csvr_feed(r, input + off, len - off < chunk ? len - off : chunk);
    if (st == CSVR_OK)
        st = csvr_finish(r);
    *line = csvr_line(r);
    csvr_free(r);
    return st;
}

/* "PRE" + n copies of c + "POST". */
static char *with_run(const char *pre, char c, size_t n, const char *post, size_t *len)
{
    size_t a = strlen(pre), b = strlen(post);
    char *s = malloc(a + n + b + 1);
    memcpy(s, pre, a);
    memset(s + a, c, n);
    memcpy(s + a + n, post, b + 1);
    *len = a + n + b;
    return s;
}

TEST(overlong_record_dropped_when_its_end_is_certain)
{
    static const size_t chunks[] = { 1000, 4096, 65536, 1u << 21 };
    struct {
        const char *pre, *post, *want;
        enum csvr_status st;
        long line;
    } cases[] = {
        /* Unquoted: dropped, the next records keep their lines. */
        { "a;b\n1;", "\n2;3\n", "1:a|b\n2:<long>\n3:2|3\n", CSVR_OK, 0 },
        /* A quoted field after the limit, with a line end in it, still ends the record. */
        { "a;b\n1;", ";\"x\ny\"\n2;3\n", "1:a|b\n2:<long>\n4:2|3\n", CSVR_OK, 0 },
        /* The record began on a line before, in a closed quoted field. */
        { "a;b\n\"p\nq\";", "\n2;3\n", "1:a|b\n2:<long>\n4:2|3\n", CSVR_OK, 0 },
        /* At the end of the file, without a line end. */
        { "a;b\n1;", "", "1:a|b\n2:<long>\n", CSVR_OK, 0 },
        /* A quote open at the limit: the file is refused on the line it is found on. */
        { "a;b\n1;\"", "\"\n2;3\n", "1:a|b\n", CSVR_ETOOLONG, 2 },
        { "a;b\n\"p\n", "\"\n2;3\n", "1:a|b\n", CSVR_ETOOLONG, 3 },
        /* Dropped, but a quote opened after the limit never closes. */
        { "a;b\n1;", ";\"x\n2;3\n", "1:a|b\n", CSVR_EQUOTE, 2 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t len;
        char *in = with_run(cases[i].pre, 'z', CSVR_MAX_RECORD + 10, cases[i].post, &len);
        for (size_t c = 0; c < sizeof chunks / sizeof chunks[0]; c++) {
            struct strbuf out = STRBUF_INIT;
            long line;
            enum csvr_status st = run_overlong(in, len, chunks[c], &out, &line);
            if (st != cases[i].st || strcmp(out.buf, cases[i].want) != 0 ||
                (cases[i].line && line != cases[i].line))
                unit_fail(__FILE__, __LINE__, "case %zu chunk %zu: status %d line %ld, got\n%s",
                          i, chunks[c], st, line, out.buf);
            sb_free(&out);
        }
        free(in);
    }
    /* Without the callback, the same record is an error. */
    size_t len;
    char *in = with_run("a;b\n1;", 'z', CSVR_MAX_RECORD, "\n2;3\n", &len);
    struct strbuf out = STRBUF_INIT;
    long line;
    CHECK_INT(run(in, len, CSV_UTF8, ';', 65536, &out, &line), CSVR_ETOOLONG);
    CHECK_INT(line, 2);
    sb_free(&out);
    free(in);
    /* Exactly at the limit is not over it. */
    in = with_run("", 'z', CSVR_MAX_RECORD - 1, "\n2;3\n", &len);
    CHECK_INT(run_overlong(in, len, 65536, &out, &line), CSVR_OK);
    CHECK(out.len == CSVR_MAX_RECORD - 1 + strlen("1:\n2:2|3\n"));
    sb_free(&out);
    free(in);
}

TEST(blank_only_lines_start_no_record)
{
    /* libcsv skips a line of spaces (and of tabs, unless TAB is the delimiter). */
    every_chunk("a;b\n   \n1;2\n \t \r\n3;4\n", CSV_UTF8, ';', "1:a|b\n3:1|2\n5:3|4\n");
    every_chunk("a\tb\n\t\n1\t2\n", CSV_UTF8, '\t', "1:a|b\n2:|\n3:1|2\n");
}

TEST(delimiter_sniffing)
{
    CHECK_INT(csv_sniff_delim((const unsigned char *)"a;b;c\n1,2", 9), ';');
    CHECK_INT(csv_sniff_delim((const unsigned char *)"a,b,c\n", 6), ',');
    CHECK_INT(csv_sniff_delim((const unsigned char *)"a\tb\tc\n", 6), '\t');
    CHECK_INT(csv_sniff_delim((const unsigned char *)"\"a;b\",c,d\n", 10), ',');
    CHECK_INT(csv_sniff_delim((const unsigned char *)"\xEF\xBB\xBF" "a;b", 6), ';');
    CHECK_INT(csv_sniff_delim((const unsigned char *)"abc", 3), ';');
}


/*
 * Lines without quotes are split by the reader itself; fed a byte at a
 * time, no line is ever whole in one chunk, so the same bytes go through
 * libcsv.  Random lines of blanks, delimiters, carriage returns, empty and
 * blank-only lines, under every delimiter, must give the same records and
 * lines both ways (and a quoted line now and then must not upset either).
 */
TEST(plain_lines_split_as_libcsv_does)
{
    static const char alphabet[] = "ab \t;,\r\xC3\xA5" "1";
    unsigned seed = 12345;
    const char delims[] = { ';', ',', '\t' };
    for (int round = 0; round < 3000; round++) {
        struct strbuf in = STRBUF_INIT;
        int lines = 1 + (int)(seed % 6);
        for (int l = 0; l < lines; l++) {
            seed = seed * 1103515245u + 12345u;
            int n = (int)((seed >> 8) % 12);
            for (int i = 0; i < n; i++) {
                seed = seed * 1103515245u + 12345u;
                sb_addc(&in, alphabet[(seed >> 16) % (sizeof alphabet - 1)]);
            }
            if (round % 7 == 0 && l == 1)
                sb_adds(&in, ";\"q;\r\nr\"");
            sb_adds(&in, (seed >> 4) % 3 ? "\n" : "\r\n");
        }
        char delim = delims[round % 3];
        struct strbuf whole = STRBUF_INIT, bytes = STRBUF_INIT;
        long lw, lb;
        enum csvr_status sw = run(in.buf, in.len, CSV_UTF8, delim, in.len, &whole, &lw);
        enum csvr_status sbyte = run(in.buf, in.len, CSV_UTF8, delim, 1, &bytes, &lb);
        if (sw != sbyte || lw != lb || strcmp(whole.buf, bytes.buf) != 0)
            unit_fail(__FILE__, __LINE__, "round %d delim %d: whole %d/%ld\n%s\nbytewise %d/%ld\n%s",
                      round, delim, sw, lw, whole.buf, sbyte, lb, bytes.buf);
        sb_free(&in);
        sb_free(&whole);
        sb_free(&bytes);
    }
}

/*
 * Whether s[0..n) is well-formed UTF-8, by Table 3-7 of the Unicode
 * Standard, decoded whole: the reference pass one's streaming check
 * (common/util.c) is held to.
 */
static int utf8_reference(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        size_t len;
        unsigned char lo = 0x80, hi = 0xBF;
        if (c < 0x80)
            len = 1;
        else if (c >= 0xC2 && c <= 0xDF)
            len = 2;
        else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            lo = c == 0xE0 ? 0xA0 : 0x80;
            hi = c == 0xED ? 0x9F : 0xBF;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            lo = c == 0xF0 ? 0x90 : 0x80;
            hi = c == 0xF4 ? 0x8F : 0xBF;
        } else
            return 0;
        if (n - i < len)
            return 0;
        for (size_t k = 1; k < len; k++) {
            unsigned char b = s[i + k];
            if (k == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF))
                return 0;
        }
        i += len;
    }
    return 1;
}

/*
 * The streaming check skips ASCII a word at a time and checks whole
 * sequences at once; on random text, mostly ASCII with Swedish letters and
 * every kind of lead and continuation byte, cut at random into chunks, it
 * gives the reference's verdict.  Every text is checked cut nowhere and cut
 * at every byte too.
 */
TEST(utf8_check_gives_the_reference_verdict_however_cut)
{
    static const unsigned char pieces[][4] = {
        { 'a' }, { ';' }, { 0xC3, 0xA5 }, { 0xC3, 0xB6 }, { 0xE2, 0x82, 0xAC }, { 0xF0, 0x9F, 0x98, 0x80 },
        { 0x80 }, { 0xBF }, { 0xC0 }, { 0xC1 }, { 0xC2 }, { 0xDF }, { 0xE0 }, { 0xE0, 0x9F }, { 0xED, 0xA0 },
        { 0xED, 0x9F, 0xBF }, { 0xEF }, { 0xF0, 0x8F }, { 0xF4, 0x90 }, { 0xF4, 0x8F, 0xBF, 0xBF }, { 0xF5 },
        { 0xFF }, { 0xE5 }, { 0xF6 },
        /* Sequences cut short: a later byte missing, so the next piece must be its continuation. */
        { 0xE2, 0x82 }, { 0xF0, 0x9F }, { 0xF0, 0x9F, 0x98 }, { 0xF4, 0x8F, 0xBF },
    };
    static const size_t plen[] = { 1, 1, 2, 2, 3, 4, 1, 1, 1, 1, 1, 1, 1, 2, 2, 3, 1, 2, 2, 4, 1, 1, 1, 1,
                                   2, 2, 3, 3 };
    _Static_assert(sizeof pieces / sizeof *pieces == sizeof plen / sizeof *plen, "a length for each piece");
    unsigned seed = 2718;
    unsigned char buf[160];
    int valid = 0, invalid = 0;
    for (int round = 0; round < 20000; round++) {
        size_t n = 0;
        seed = seed * 1103515245u + 12345u;
        size_t want = (seed >> 8) % 120;
        while (n < want) {
            seed = seed * 1103515245u + 12345u;
            unsigned r = (seed >> 16) % 1000;
            /* Mostly ASCII runs; now and then an å or ö; rarely anything else. */
            size_t p = r < 850 ? 0 : r < 960 ? 2 + r % 2 : r < 975 ? 4 + r % 2
                     : 6 + (r % (sizeof plen / sizeof *plen - 6));
            if (r < 850 && n + 9 < sizeof buf) {
                size_t run = 1 + (seed >> 4) % 9;
                for (size_t k = 0; k < run; k++)
                    buf[n++] = (unsigned char)('a' + (seed >> (k % 20)) % 26);
                continue;
            }
            if (n + plen[p] > sizeof buf)
                break;
            memcpy(buf + n, pieces[p], plen[p]);
            n += plen[p];
        }
        int ref = utf8_reference(buf, n);
        ref ? valid++ : invalid++;
        CHECK(utf8_valid(buf, n) == ref);
        struct utf8_check u = UTF8_CHECK_INIT, b = UTF8_CHECK_INIT;
        for (size_t i = 0; i < n;) {
            seed = seed * 1103515245u + 12345u;
            size_t k = 1 + (seed >> 8) % 17;
            if (k > n - i)
                k = n - i;
            utf8_check_feed(&u, buf + i, k);
            i += k;
        }
        for (size_t i = 0; i < n; i++)
            utf8_check_feed(&b, buf + i, 1);
        if (utf8_check_ok(&u) != ref || utf8_check_ok(&b) != ref) {
            unit_fail(__FILE__, __LINE__, "round %d (%zu bytes): reference %d, in chunks %d, a byte at a time %d",
                      round, n, ref, utf8_check_ok(&u), utf8_check_ok(&b));
            return;
        }
    }
    /* Both verdicts often enough for the comparison to mean something. */
    CHECK(valid > 2000);
    CHECK(invalid > 2000);
}

const struct test csvread_tests[] = {
    TEST_ENTRY(plain_lf_and_crlf), TEST_ENTRY(quotes_and_embedded_newlines),
    TEST_ENTRY(blank_lines_keep_line_numbers), TEST_ENTRY(bom_dropped),
    TEST_ENTRY(windows_1252_converted), TEST_ENTRY(broken_quoting_is_an_error_with_its_line),
    TEST_ENTRY(overlong_record_dropped_when_its_end_is_certain),
    TEST_ENTRY(blank_only_lines_start_no_record), TEST_ENTRY(delimiter_sniffing),
    TEST_ENTRY(plain_lines_split_as_libcsv_does),
    TEST_ENTRY(utf8_check_gives_the_reference_verdict_however_cut), TEST_END,
};
