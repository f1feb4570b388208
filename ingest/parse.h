/*
 * parse.h: the value types of doc/exports.md, parsed strictly from text.
 *
 * Every parser takes a NUL-terminated UTF-8 cell with surrounding blanks
 * already allowed, and returns 0 on success or -1 if the text is not a
 * value of the type (the caller words the message: it knows the column).
 * Outputs are normalised: dates 'YYYY-MM-DD', months 'YYYY-MM'.
 */
#ifndef FOTSTAT_PARSE_H
#define FOTSTAT_PARSE_H

#include <stddef.h>
#include <stdint.h>

/* True if the cell holds nothing but blanks (space, TAB, NBSP, CR, LF). */
int cell_empty(const char *s);

/* Copies s without leading and trailing blanks into out (cap bytes, truncating). */
void cell_trim(const char *s, char *out, size_t cap);

/* Trims the field s of n bytes (its strlen) in place. */
void cell_trim_in_place(char *s, size_t n);

/* 'YYYY-MM-DD', 'YYYYMMDD' or 'YYYY-MM-DD HH:MM[:SS]' (time dropped), a real date. */
int parse_date(const char *s, char out[11]);
/* 'YYYY-MM'. */
int parse_month(const char *s, char out[8]);
/* A survey round: 'YYYY' or 'YYYY-MM'; *month gets 'YYYY-MM' or "" for a bare year. */
int parse_round(const char *s, int *year, char month[8]);
/* '123', '-4', '1 234' (blank or NBSP between groups of three). */
int parse_int(const char *s, int64_t *out);
/* '34,5', '34.5', '6 543,50'. */
int parse_decimal(const char *s, double *out);
/* 'Ja'/'Nej'/'J'/'N', any case: 1 or 0. */
int parse_yesno(const char *s, int *out);

/*
 * The matching key of a code label or header name: blanks trimmed, runs of
 * blanks folded to one space, letters lower-cased (ASCII and Å Ä Ö É Ü and
 * the rest of Latin-1).  Writes at most cap bytes including the NUL.
 */
void fold_key(const char *s, char *out, size_t cap);

/*
 * Checks a Swedish personnummer or samordningsnummer: 'YYYYMMDD-NNNN',
 * 'YYMMDD-NNNN', with or without the dash ('+' for the over-100s), Luhn
 * over the ten digits.  On success writes the twelve-digit canonical form
 * to canon and returns 0.  On failure returns -1 and writes to birth the
 * date part that may be shown ('YYMMDD' or "" when even that is unreadable).
 */
int pnr_check(const char *s, char canon[13], char birth[9]);

#endif
