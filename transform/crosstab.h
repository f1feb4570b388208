/*
 * crosstab.h: a table filled from a statement that returns (row, column, n).
 */
#ifndef FOTSTAT_CROSSTAB_H
#define FOTSTAT_CROSSTAB_H

#include <sqlite3.h>

#include "common/strbuf.h"
#include "common/tally.h"
#include "report/table.h"

/*
 * Steps st (bound by the caller) and adds its counts to the first ndata
 * columns of t, whose columns are already set.  Rows appear in the order
 * the statement first names them, each cell starting at 0.  A column label
 * outside those is an error (a figure must never be dropped).  With
 * total_col, column ndata is set to each row's sum (columns after it are
 * the caller's); with total_row, a row "Totalt" is added.  Returns 0,
 * or -1 with a message in err.  st is reset, not finalized.
 */
int crosstab_fill(struct table *t, sqlite3_stmt *st, size_t ndata, int total_col, int total_row,
                  struct strbuf *err);

/*
 * One count of crosstab_fill, for a caller that counts its own rows: adds
 * n to cell (RL, CL), RL added as a row of zeros when new.  A column CL
 * outside the first ndata is an error, as in crosstab_fill.  Returns 0, or
 * -1 with a message in err.
 */
int crosstab_add(struct table *t, const char *rl, const char *cl, double n, size_t ndata,
                 struct strbuf *err);

/* The totals of crosstab_fill, once every crosstab_add is done. */
void crosstab_totals(struct table *t, size_t ndata, int total_col, int total_row);

/*
 * Adds a row of zero counts for each label st returns (first column), so
 * that a table shows every label of a code list, in the list's order.
 * Finalizes st.  Returns 0, or -1 with a message in err.
 */
int crosstab_rows(struct table *t, sqlite3_stmt *st, struct strbuf *err);

/*
 * Sets t's columns to the labels st returns (first column), in order, then
 * "Totalt": the columns of a crosstab_fill with a total column.  Finalizes
 * st.  Returns 0, or -1 with a message in err.
 */
int crosstab_cols(struct table *t, sqlite3_stmt *st, struct strbuf *err);

/*
 * Which rows each count of one or two protected tables counted (table_units),
 * for the audit of a series of publications: each row of st is one export
 * row, counted in t1 at (column r1, column c) and, when t2 is given, in t2
 * at (column r2, column c); its unit is prefix and column k.  With fill,
 * each row also adds 1 to its cell of t1 (crosstab_add over t1's first fill
 * columns), so that t1 is counted from the same pass instead of an
 * aggregate of its own; the caller adds the totals.  Finalizes st.
 * Returns 0, or -1 with a message in err.
 */
struct crosstab_units {
    struct table *t1, *t2;      /* the tables counted in; t2 may be NULL */
    int r1, r2, c, k;           /* st's columns: t1's row, t2's row, the column, the unit */
    const char *prefix;         /* before the unit, e.g. "bf:" */
    size_t fill;                /* t1's fill columns to count the rows into, or 0 */
};
int crosstab_units(sqlite3 *db, sqlite3_stmt *st, const struct crosstab_units *u, struct strbuf *err);
/*
 * One row of crosstab_units, for a caller that reads its own rows: counted
 * (with u->fill) and named (u->prefix, then unit) in u->t1 at (r1, col)
 * and, with u->t2, in u->t2 at (r2, col); u's column numbers are not used.
 * key is the caller's scratch.  Returns 0, or -1 with a message in err.
 */
int crosstab_unit_add(const struct crosstab_units *u, const char *r1, const char *r2,
                      const char *col, const char *unit, struct strbuf *key, struct strbuf *err);

/*
 * Sets column share_col of every row to its count in count_col as a share
 * of the total row's (table_share_of, so it is hidden with its count);
 * nothing when that total is 0.
 */
void table_shares_of_total(struct table *t, size_t count_col, size_t share_col);

/* Adds a row "Totalt" holding each column's sum of counts; returns its index. */
int table_add_total_row(struct table *t);

/* Sort keys of labels (a code list's `sort`), looked up by label. */
struct ranks {
    char **label;           /* in label order, for bsearch */
    long long *sort;
    size_t n;
};

/*
 * Reads (label, sort) rows from st (bound by the caller; finalized here).
 * Returns 0, or -1 with a message in err.
 */
int ranks_load(struct ranks *r, sqlite3_stmt *st, struct strbuf *err);
/* The sort key of label, or NULL when r does not hold it. */
const long long *ranks_find(const struct ranks *r, const char *label);
void ranks_free(struct ranks *r);

/*
 * Several tables from one pass over the rows: the caller counts (row,
 * column) pairs in a tally (common/tally.h), with no sort of the rows.
 * Adds ta's counts to t as crosstab_fill would from a statement that
 * returned them: rows in the order of their sort key in ORDER (a row it
 * lacks is an error, as a join on the code list would drop it), or by
 * label, as SQLite's BINARY collation, when ORDER is NULL; a column label
 * outside t's first ndata is an error; then the totals.  Returns 0, or -1
 * with a message in err.
 */
int tally_fill(struct table *t, const struct tally *ta, const struct ranks *order, size_t ndata,
               int total_col, int total_row, struct strbuf *err);

#endif
