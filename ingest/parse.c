/*
 * parse.c: strict parsers for the value types of doc/exports.md (parse.h).
 */
#include "ingest/parse.h"
#include "common/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Length of the blank at s (space, TAB, CR, LF: 1; NBSP: 2), or 0. */
static size_t blank_len(const char *s)
{
    if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
        return 1;
    if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0)
        return 2;
    return 0;
}

/*
 * Length of the blank that ends the n bytes at s, or 0.  A trailing 0xA0
 * is a blank only after 0xC2, which in UTF-8 is always a lead byte, so
 * reading blanks from the end finds the same ones as from the start.
 */
static size_t blank_before(const char *s, size_t n)
{
    if (n >= 1 && blank_len(s + n - 1) == 1)
        return 1;
    if (n >= 2 && blank_len(s + n - 2) == 2)
        return 2;
    return 0;
}

int cell_empty(const char *s)
{
    size_t k;
    while ((k = blank_len(s)) > 0)
        s += k;
    return *s == '\0';
}

/* Finds the trimmed span of s: start in *b, length returned. */
static size_t trimmed(const char *s, const char **b)
{
    size_t k;
    while ((k = blank_len(s)) > 0)
        s += k;
    size_t n = strlen(s);
    while ((k = blank_before(s, n)) > 0)
        n -= k;
    *b = s;
    return n;
}

void cell_trim(const char *s, char *out, size_t cap)
{
    const char *b;
    size_t n = trimmed(s, &b);
    if (n >= cap)
        n = cap - 1;
    memmove(out, b, n);     /* out may be s itself (cell_trim_in_place) */
    out[n] = '\0';
}

void cell_trim_in_place(char *s, size_t n)
{
    if (n == 0 || (blank_len(s) == 0 && blank_before(s, n) == 0))
        return;     /* most fields: nothing to trim */
    cell_trim(s, s, n + 1);
}

int parse_date(const char *s, char out[11])
{
    /* A date with no blank before it is read as it is: the ingest's cells come trimmed. */
    if (blank_len(s) == 0 && date_parse(s, out) == 0)
        return 0;
    char t[40];
    cell_trim(s, t, sizeof t);
    return date_parse(t, out);
}

int parse_month(const char *s, char out[8])
{
    char t[16];
    cell_trim(s, t, sizeof t);
    return date_parse_month(t, out);
}

int parse_round(const char *s, int *year, char month[8])
{
    char t[16];
    cell_trim(s, t, sizeof t);
    if (strlen(t) == 4) {
        if (date_digits(t, 4, year) || !date_valid(*year, 1, 1))
            return -1;
        month[0] = '\0';
        return 0;
    }
    if (parse_month(t, month))
        return -1;
    *year = atoi(month);
    return 0;
}

/*
 * Reads the digits of a number with optional thousands separators into
 * out (digits only).  Returns the bytes consumed, or 0 if the grouping is
 * wrong.  Groups after a separator must have exactly three digits.
 */
static size_t grouped_digits(const char *s, char *out, size_t cap)
{
    const char *p = s;
    size_t nout = 0;
    int group = 0, grouped = 0;
    for (;;) {
        if (*p >= '0' && *p <= '9') {
            if (nout + 1 >= cap)
                return 0;
            out[nout++] = *p++;
            group++;
            continue;
        }
        size_t k = blank_len(p);
        if (k && p[k] >= '0' && p[k] <= '9') {
            if (group == 0 || (grouped && group != 3) || (!grouped && group > 3))
                return 0;
            grouped = 1;
            group = 0;
            p += k;
            continue;
        }
        break;
    }
    if (nout == 0 || (grouped && group != 3))
        return 0;
    out[nout] = '\0';
    return (size_t)(p - s);
}

/*
 * Reads the sign and the integer part of the number at p: the digits go
 * to dig, *neg says the sign.  Returns a pointer to what follows the
 * integer part, or NULL if there is none or it is too long.
 */
static const char *number_head(const char *p, char dig[32], int *neg)
{
    *neg = 0;
    if (*p == '-' || *p == '+') {
        *neg = *p == '-';
        p++;
    }
    size_t k = grouped_digits(p, dig, 32);
    if (!k || strlen(dig) > 15)
        return NULL;
    return p + k;
}

/*
 * A number is read from the cell as it is first, by at: the ingest's
 * cells come trimmed, so only a cell that fails so is trimmed (into 64
 * bytes, as always) and read again.  A cell that reads as it is has no
 * blank at either end and is shorter than 64 bytes, so the second reading
 * would give the same.
 */
static int read_number(const char *s, int (*at)(const char *, void *), void *out)
{
    if (at(s, out) == 0)
        return 0;
    char t[64];
    cell_trim(s, t, sizeof t);
    return at(t, out);
}

/* The integer (int64_t) that is the whole of s, untrimmed; 0 or -1. */
static int int_at(const char *s, void *out)
{
    char dig[32];
    int neg;
    const char *p = number_head(s, dig, &neg);
    if (!p || *p != '\0')
        return -1;
    int64_t v = strtoll(dig, NULL, 10);
    *(int64_t *)out = neg ? -v : v;
    return 0;
}

int parse_int(const char *s, int64_t *out)
{
    return read_number(s, int_at, out);
}

/*
 * The double nearest to the decimal -dig.frac (neg) or dig.frac, as strtod
 * would give it.  When the digits make an integer below 2^53 and the
 * fraction has at most 22 digits, both the integer and the power of ten
 * are exact doubles, and IEEE division rounds their quotient correctly:
 * the same nearest double, without formatting a string to read back.
 */
static double decimal_value(int neg, const char *dig, const char *frac)
{
    static const double pow10[23] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
        1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };
    size_t nd = strlen(dig), nf = strlen(frac);
    if (nd + nf <= 15) {
        int64_t m = 0;
        for (const char *p = dig; *p; p++)
            m = m * 10 + (*p - '0');
        for (const char *p = frac; *p; p++)
            m = m * 10 + (*p - '0');
        double v = (double)m / pow10[nf];
        return neg ? -v : v;
    }
    /* Built with a point and read by strtod under the C locale fotstat keeps. */
    char num[64];
    snprintf(num, sizeof num, "%s%s%s%s", neg ? "-" : "", dig, nf ? "." : "", frac);
    return strtod(num, NULL);
}

/* The decimal number (double) that is the whole of s, untrimmed; 0 or -1. */
static int decimal_at(const char *s, void *out)
{
    char dig[32];
    int neg;
    const char *p = number_head(s, dig, &neg);
    if (!p)
        return -1;
    size_t nfrac = 0;
    char frac[16] = "";
    if (*p == ',' || *p == '.') {
        p++;
        while (*p >= '0' && *p <= '9' && nfrac < sizeof frac - 1)
            frac[nfrac++] = *p++;
        frac[nfrac] = '\0';
        if (nfrac == 0)
            return -1;
    }
    if (*p != '\0')
        return -1;
    *(double *)out = decimal_value(neg, dig, frac);
    return 0;
}

int parse_decimal(const char *s, double *out)
{
    return read_number(s, decimal_at, out);
}

int parse_yesno(const char *s, int *out)
{
    char k[16];
    fold_key(s, k, sizeof k);
    if (strcmp(k, "ja") == 0 || strcmp(k, "j") == 0)
        *out = 1;
    else if (strcmp(k, "nej") == 0 || strcmp(k, "n") == 0)
        *out = 0;
    else
        return -1;
    return 0;
}

void fold_key(const char *s, char *out, size_t cap)
{
    const char *b;
    size_t n = trimmed(s, &b), o = 0;
    int blank = 0;
    for (size_t i = 0; i < n && o + 3 < cap;) {
        size_t k = blank_len(b + i);
        if (k) {
            blank = 1;
            i += k;
            continue;
        }
        if (blank) {
            out[o++] = ' ';
            blank = 0;
        }
        unsigned char c = (unsigned char)b[i];
        if (c >= 'A' && c <= 'Z') {
            out[o++] = (char)(c + 32);
            i++;
        } else if (c == 0xC3 && i + 1 < n && (unsigned char)b[i + 1] >= 0x80 &&
                   (unsigned char)b[i + 1] <= 0x9E && (unsigned char)b[i + 1] != 0x97) {
            /* U+00C0..U+00DE upper case Latin-1 letters: lower is +0x20. */
            out[o++] = (char)c;
            out[o++] = (char)(b[i + 1] + 0x20);
            i += 2;
        } else {
            out[o++] = (char)c;
            i++;
        }
    }
    out[o] = '\0';
}

int pnr_check(const char *s, char canon[13], char birth[9])
{
    char t[32], d[16];
    size_t nd = 0;
    int sep_plus = 0;
    cell_trim(s, t, sizeof t);
    birth[0] = '\0';
    for (const char *p = t; *p; p++) {
        if (*p >= '0' && *p <= '9') {
            if (nd >= 12)
                return -1;
            d[nd++] = *p;
        } else if ((*p == '-' || *p == '+') && (nd == 6 || nd == 8) && p[1]) {
            sep_plus = *p == '+';
        } else {
            return -1;
        }
    }
    d[nd] = '\0';
    if (nd != 10 && nd != 12)
        return -1;
    const char *ten = d + (nd - 10);
    memcpy(birth, ten, 6);
    birth[6] = '\0';
    int y, m, day, cent;
    if (nd == 12) {
        if (date_digits(d, 4, &y))
            return -1;
    } else {
        /* A ten-digit number: the century is the latest that is not in the future. */
        int yy;
        date_digits(ten, 2, &yy);
        time_t now = time(NULL);
        struct tm tm;
        gmtime_r(&now, &tm);
        cent = 2000 + yy > 1900 + tm.tm_year ? 1900 : 2000;
        if (sep_plus)
            cent -= 100;
        y = cent + yy;
    }
    date_digits(ten + 2, 2, &m);
    date_digits(ten + 4, 2, &day);
    if (day > 60)
        day -= 60;   /* samordningsnummer */
    if (!date_valid(y, m, day))
        return -1;
    int sum = 0;
    for (int i = 0; i < 10; i++) {
        int v = (ten[i] - '0') * (i % 2 == 0 ? 2 : 1);
        sum += v > 9 ? v - 9 : v;
    }
    if (sum % 10 != 0)
        return -1;
    for (int i = 3, v = y; i >= 0; i--, v /= 10)    /* the century-year, 1900..2199 */
        canon[i] = (char)('0' + v % 10);
    memcpy(canon + 4, ten + 2, 8);
    canon[12] = '\0';
    return 0;
}
