/*
 * period.c: report periods (period.h).
 */
#include "transform/period.h"
#include "common/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const months[12] = {
    "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
    "september", "oktober", "november", "december",
};
static const char *const months_short[12] = {
    "jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
};

const char *month_name(int m)
{
    return m >= 1 && m <= 12 ? months[m - 1] : "?";
}

int month_days(int y, int m)
{
    int d = 28;
    while (d < 31 && date_valid(y, m, d + 1))
        d++;
    return d;
}

int period_days_in_year(int year)
{
    return date_valid(year, 2, 29) ? 366 : 365;
}

static void ymd(const char *iso, int *y, int *m, int *d)
{
    *y = atoi(iso);
    *m = atoi(iso + 5);
    *d = atoi(iso + 8);
}

int period_month(const struct period *p)
{
    return atoi(p->through + 5);
}

int period_day_of_year(const struct period *p)
{
    int y, m, d, n = 0;
    ymd(p->through, &y, &m, &d);
    for (int i = 1; i < m; i++)
        n += month_days(y, i);
    return n + d;
}

static void set_date(char out[11], int y, int m, int d)
{
    char tmp[40];
    snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y, m, d);
    memcpy(out, tmp, 10);
    out[10] = '\0';
}

int period_make(struct period *p, int year, const char *through, const char *last_data,
                struct strbuf *err)
{
    memset(p, 0, sizeof *p);
    p->year = year;
    set_date(p->from, year, 1, 1);
    if (through) {
        char d[11];
        if (date_parse(through, d) || atoi(d) != year) {
            sb_printf(err, "--through \"%s\" är inget datum i %d", through, year);
            return -1;
        }
        memcpy(p->through, d, sizeof d);
        return 0;
    }
    set_date(p->through, year, 12, 31);
    if (last_data && *last_data && strcmp(last_data, p->from) >= 0 &&
        strcmp(last_data, p->through) < 0) {
        memcpy(p->through, last_data, 10);
        p->through[10] = '\0';
        p->defaulted = 1;
    }
    return 0;
}

int period_make_month(struct period *p, const char *month, struct strbuf *err)
{
    memset(p, 0, sizeof *p);
    char first[16], d[11];
    int y, m;
    if (strlen(month) != 7 || month[4] != '-' ||
        snprintf(first, sizeof first, "%s-01", month) != 10 || date_parse(first, d)) {
        sb_printf(err, "--month \"%s\" är ingen månad (ÅÅÅÅ-MM)", month);
        return -1;
    }
    y = atoi(d);
    m = atoi(d + 5);
    p->kind = PERIOD_MONTH;
    p->year = y;
    set_date(p->from, y, m, 1);
    set_date(p->through, y, m, month_days(y, m));
    return 0;
}

void period_make_round(struct period *p, int year, int month)
{
    memset(p, 0, sizeof *p);
    p->kind = PERIOD_ROUND;
    p->year = year;
    p->round_month = month >= 1 && month <= 12 ? month : 0;
    set_date(p->from, year, 1, 1);
    set_date(p->through, year, 12, 31);
}

void period_previous(const struct period *p, struct period *prev)
{
    int y, m, d;
    ymd(p->through, &y, &m, &d);
    memset(prev, 0, sizeof *prev);
    prev->year = p->year - 1;
    set_date(prev->from, prev->year, 1, 1);
    if (m == 2 && d == 29)
        d = 28;
    set_date(prev->through, prev->year, m, d);
}

void period_label(const struct period *p, struct strbuf *sb)
{
    int y, m, d;
    ymd(p->through, &y, &m, &d);
    if (p->kind == PERIOD_MONTH) {
        sb_printf(sb, "%s %d", months[m - 1], y);
    } else if (p->kind == PERIOD_ROUND) {
        if (p->round_month)
            sb_printf(sb, "%s %d", months[p->round_month - 1], y);
        else
            sb_printf(sb, "%d", y);
    } else if (d == month_days(y, m)) {
        if (m == 1)
            sb_printf(sb, "januari %d", y);
        else
            sb_printf(sb, "januari–%s %d", months[m - 1], y);
    } else {
        sb_printf(sb, "1 januari–%d %s %d", d, months[m - 1], y);
    }
}

void period_short(const struct period *p, struct strbuf *sb)
{
    int y, m, d;
    ymd(p->through, &y, &m, &d);
    if (p->kind == PERIOD_MONTH)
        sb_printf(sb, "%s %d", months_short[m - 1], y);
    else if (p->kind == PERIOD_ROUND && p->round_month)
        sb_printf(sb, "%s %d", months_short[p->round_month - 1], y);
    else if (p->kind == PERIOD_ROUND)
        sb_printf(sb, "%d", y);
    else if (d == month_days(y, m))
    {
        if (m == 1)
            sb_printf(sb, "jan %d", y);
        else
            sb_printf(sb, "jan–%s %d", months_short[m - 1], y);
    }
    else
        sb_printf(sb, "1 jan–%d %s %d", d, months_short[m - 1], y);
}

struct table *period_table(const char *name, const char *what, const struct period *p,
                           const char *sheet)
{
    struct strbuf title = STRBUF_INIT;
    sb_printf(&title, "%s ", what);
    period_label(p, &title);
    if (p->defaulted)
        sb_printf(&title, " (till och med %s, det senaste datumet i de inlästa exporterna)", p->through);
    struct table *t = table_new(name, title.buf);
    table_set_sheet(t, sheet);
    sb_free(&title);
    return t;
}
