/*
 * suppress.h: small-count protection (doc/rules.md), proved by the audit.
 *
 * In a table marked `protect`, a count from 1 to n-1 is hidden (primary),
 * unless it is a city-wide total (the table's total row).  Then further
 * counts are hidden (complementary suppression) until the LP audit of
 * audit.h finds that an intruder who knows every published figure of the
 * report, and that counts are ≥ 0, is left with at least n possible values
 * for every hidden count.  Tables that count the same population
 * (struct table_link) are audited together.  Complements are never zeros
 * (a zero in a line whose total is zero is known anyway) and never
 * city-wide totals; the search tries the cheapest cells first (single
 * cells, then the rectangles of the hypercube method, inner cells before a
 * stadsdel's total), and then shows again every complement that the audit
 * finds it can do without, so the pattern is minimal.  A share is hidden
 * with the count it is made of or a share of.
 */
#ifndef FOTSTAT_SUPPRESS_H
#define FOTSTAT_SUPPRESS_H

#include "common/strbuf.h"
#include "report/table.h"

/*
 * Protects and audits tables[0..n-1] with threshold `limit` (0 or 1 turns
 * protection off and says so under each protected table), sets each
 * protected table's `audit` and adds the notes.  Returns 0, or -1 with a
 * Swedish message naming the table that cannot be protected.
 */
int suppress_tables(struct table *const *tables, size_t n, int limit, struct strbuf *err);

/* The same for every table of the report; also fills rep->audit for "Om rapporten". */
int suppress_report(struct report *rep, int limit, struct strbuf *err);

/*
 * suppress_report in its steps, for an audit that goes on from the
 * report's own (series.h's series_suppress_report): begin protects every
 * table (limit <= 1: none, and says so); again audits them once more after
 * more cells were hidden; notes writes each protected table's notes; end
 * fills rep->audit.  begin and again return 0, or -1 with err.
 */
int suppress_report_begin(struct report *rep, int limit, struct strbuf *err);
int suppress_report_again(struct report *rep, int limit, struct strbuf *err);
void suppress_report_notes(struct report *rep, int limit);
void suppress_report_end(struct report *rep, int limit);

/* Hides each share of t whose numerator or denominator is hidden; shows it otherwise. */
void suppress_sync_shares(struct table *t);

#endif
