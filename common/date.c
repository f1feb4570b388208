/*
 * date.c: dates as fotstat reads, stores and counts them (date.h).
 */
#include "common/date.h"

#include <stdlib.h>
#include <string.h>

int date_valid(int y, int m, int d)
{
    static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1)
        return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= mdays[m - 1] + (m == 2 && leap);
}

/* Writes the n-digit zero-padded v at out (v known to fit). */
static void put_digits(char *out, int v, int n)
{
    for (int i = n - 1; i >= 0; i--, v /= 10)
        out[i] = (char)('0' + v % 10);
}

/* Writes 'YYYY-MM-DD' (d > 0) or 'YYYY-MM' (d == 0) for a validated date. */
static void put_date(char *out, int y, int m, int d)
{
    put_digits(out, y, 4);
    out[4] = '-';
    put_digits(out + 5, m, 2);
    if (d) {
        out[7] = '-';
        put_digits(out + 8, d, 2);
        out[DATE_LEN] = '\0';
    } else {
        out[MONTH_LEN] = '\0';
    }
}

int date_digits(const char *s, int n, int *v)
{
    *v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        *v = *v * 10 + (s[i] - '0');
    }
    return 0;
}

int date_parse(const char *t, char out[11])
{
    size_t n = strlen(t);
    int y, m, d;
    if (n == 8) {
        if (date_digits(t, 4, &y) || date_digits(t + 4, 2, &m) || date_digits(t + 6, 2, &d))
            return -1;
    } else if (n >= 10 && t[4] == '-' && t[7] == '-') {
        if (date_digits(t, 4, &y) || date_digits(t + 5, 2, &m) || date_digits(t + 8, 2, &d))
            return -1;
        if (n > 10) {
            /* ' HH:MM' or ' HH:MM:SS' (also 'T'), checked and dropped. */
            int hh, mm, ss = 0;
            if ((t[10] != ' ' && t[10] != 'T') || (n != 16 && n != 19) ||
                date_digits(t + 11, 2, &hh) || t[13] != ':' || date_digits(t + 14, 2, &mm) ||
                (n == 19 && (t[16] != ':' || date_digits(t + 17, 2, &ss))) ||
                hh > 23 || mm > 59 || ss > 59)
                return -1;
        }
    } else {
        return -1;
    }
    if (!date_valid(y, m, d))
        return -1;
    put_date(out, y, m, d);
    return 0;
}

int date_parse_month(const char *t, char out[8])
{
    int y, m;
    if (strlen(t) != 7 || t[4] != '-' || date_digits(t, 4, &y) || date_digits(t + 5, 2, &m) ||
        !date_valid(y, m, 1))
        return -1;
    put_date(out, y, m, 0);
    return 0;
}

long date_key(const char *iso)
{
    /*
     * Every date the database holds is 'YYYY-MM-DD' (the ingest's rule), and
     * the follow-up asks this of every contract: read the digits directly,
     * and anything else as atol would.
     */
    int y, m, d;
    if (date_digits(iso, 4, &y) == 0 && iso[4] == '-' && date_digits(iso + 5, 2, &m) == 0 &&
        iso[7] == '-' && date_digits(iso + 8, 2, &d) == 0)
        return y * 10000L + m * 100L + d;
    size_t n = strlen(iso);
    return atol(iso) * 10000 + (n > 5 ? atol(iso + 5) : 0) * 100 + (n > 8 ? atol(iso + 8) : 0);
}

long date_days(long key)
{
    long y = key / 10000, m = key / 100 % 100, d = key % 100;
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400, yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

long date_plus_years(long key, int k)
{
    long y = key / 10000 + k, md = key % 10000;
    if (md == 229 && !date_valid((int)y, 2, 29))
        md = 301;
    return y * 10000 + md;
}
