/*
 * date.h: dates as fotstat reads, stores and counts them.
 *
 * Stored dates are 'YYYY-MM-DD' and months 'YYYY-MM', always real dates
 * of years 1900 to 2199.  Ingest reads cells with these (after trimming
 * the cell, ingest/parse.h); the reports read the command line's dates
 * and count days and years with them.
 */
#ifndef FOTSTAT_DATE_H
#define FOTSTAT_DATE_H

/* The length of a stored date and month: every one is written in full. */
#define DATE_LEN 10     /* 'YYYY-MM-DD' */
#define MONTH_LEN 7     /* 'YYYY-MM' */

/* True if year-month-day is a date of the Gregorian calendar, years 1900..2199. */
int date_valid(int y, int m, int d);

/* Reads exactly n ASCII digits at s into *v (stopping at the first other byte); 0 or -1. */
int date_digits(const char *s, int n, int *v);

/*
 * 'YYYY-MM-DD', 'YYYYMMDD' or 'YYYY-MM-DD HH:MM[:SS]' (time dropped; also
 * with 'T'), a real date, into out as 'YYYY-MM-DD'; 0 or -1.  No blanks.
 */
int date_parse(const char *s, char out[11]);

/* 'YYYY-MM', a real month, into out; 0 or -1.  No blanks. */
int date_parse_month(const char *s, char out[8]);

/* A stored date "YYYY-MM-DD" as the number YYYYMMDD, for comparing. */
long date_key(const char *iso);

/*
 * Days since 1970-01-01 of the date key YYYYMMDD (proleptic Gregorian, so a
 * difference of two is the difference of their julianday).
 */
long date_days(long key);

/*
 * date(D, '+K years') as SQLite gives it, for D and the result as YYYYMMDD:
 * 29 February into a common year is 1 March.  K may be negative.
 */
long date_plus_years(long key, int k);

#endif
