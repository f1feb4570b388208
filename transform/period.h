/*
 * period.h: report periods: a year up to a date, and how to name it.
 */
#ifndef FOTSTAT_PERIOD_H
#define FOTSTAT_PERIOD_H

#include "common/strbuf.h"
#include "report/table.h"

struct period {
    int year;
    char from[11];       /* 'YYYY-01-01' */
    char through[11];    /* the last day counted, inclusive */
    int defaulted;       /* through was set to the last date the exports cover */
};

/*
 * Sets p to year Y through `through` (NULL: the end of the year, or
 * `last_data` when that is earlier and in Y).  Returns 0, or -1 with a
 * Swedish message in err when through is not a date in year Y.
 */
int period_make(struct period *p, int year, const char *through, const char *last_data,
                struct strbuf *err);
/* The same days of the previous year (29 February becomes the 28th). */
void period_previous(const struct period *p, struct period *prev);
/* "januari–oktober 2021", "januari 2021", or "1 januari–15 oktober 2021". */
void period_label(const struct period *p, struct strbuf *sb);
/* "jan–okt 2021": for column labels. */
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
