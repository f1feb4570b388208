/*
 * period.h: report periods and how to name them: a year up to a date
 * ("januari–oktober 2021"), one month ("september 2021"), a survey round
 * ("april 2021", or "2021" when the export gave only the year).
 */
#ifndef FOTSTAT_PERIOD_H
#define FOTSTAT_PERIOD_H

#include "common/strbuf.h"
#include "report/table.h"

enum period_kind { PERIOD_YEAR = 0, PERIOD_MONTH, PERIOD_ROUND };

struct period {
    enum period_kind kind;
    int year;
    char from[11];       /* 'YYYY-01-01' */
    char through[11];    /* the last day counted, inclusive */
    int defaulted;       /* through was set to the last date the exports cover */
    int round_month;     /* PERIOD_ROUND: the month of the survey, 1..12, or 0 if not given */
};

/*
 * Sets p to year Y through `through` (NULL: the end of the year, or
 * `last_data` when that is earlier and in Y).  Returns 0, or -1 with a
 * Swedish message in err when through is not a date in year Y.
 */
int period_make(struct period *p, int year, const char *through, const char *last_data,
                struct strbuf *err);
/*
 * Sets p to the month "YYYY-MM" (its first to its last day).  Returns 0,
 * or -1 with a Swedish message in err when month is no such month.
 */
int period_make_month(struct period *p, const char *month, struct strbuf *err);
/*
 * Sets p to the survey round of `year` held in month `month` (1..12, or 0
 * when the export gave only the year): the whole year, labelled by the round.
 */
void period_make_round(struct period *p, int year, int month);
/* The same days of the previous year (29 February becomes the 28th). */
void period_previous(const struct period *p, struct period *prev);
/*
 * A year to date: "januari–oktober 2021", "januari 2021", or "1 januari–15
 * oktober 2021"; a month: "september 2021"; a round: "april 2021" or "2021".
 */
void period_label(const struct period *p, struct strbuf *sb);
/* "jan–okt 2021", "sep 2021", "apr 2021": for column labels. */
void period_short(const struct period *p, struct strbuf *sb);
/* Day of the year of through (1..366) and the year's length. */
int period_day_of_year(const struct period *p);
int period_days_in_year(int year);
/* Month of through, 1..12. */
int period_month(const struct period *p);
/*
 * A new table titled "WHAT <period>" (saying so when the period was cut at
 * the last date in the exports), on sheet SHEET.  Caller owns it.
 */
struct table *period_table(const char *name, const char *what, const struct period *p,
                           const char *sheet);
/* The Swedish name of month m (1..12), lower case. */
const char *month_name(int m);
/* The last day of month m of year y. */
int month_days(int y, int m);

#endif
