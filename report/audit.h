/*
 * audit.h: the disclosure audit.  An intruder knows every figure a report
 * publishes and that counts are never negative; how far can a hidden count
 * be narrowed down?  Linear programming answers it exactly, as τ-ARGUS and
 * sdcTable audit a suppression pattern: for each hidden count, the least
 * and the greatest value that every published figure allows.
 *
 * The unknowns are the counts of the finest cross-classification of the
 * tables audited together (struct table_link): tables of one report that
 * break the same population down by different variables share those
 * unknowns, so a hidden cell of one table is bounded by the figures of all
 * of them.  Every count cell is an equation over the unknowns, fixed to its
 * value when published and free when hidden; a published share adds the
 * two inequalities its rounding to one decimal leaves.  Hiding or showing
 * a cell only changes bounds, so one model serves a whole search for a
 * suppression pattern (suppress.c).
 *
 *   struct audit_model *m = audit_model_new(tables, n, &err);
 *   audit_model_sync(m);               after cells were hidden or shown
 *   long values;
 *   audit_model_values(m, 0, r, c, &values, &lo, &hi);   possible values of hidden (r, c)
 *   audit_model_free(m);
 */
#ifndef FOTSTAT_AUDIT_H
#define FOTSTAT_AUDIT_H

#include <limits.h>

#include "common/strbuf.h"
#include "report/table.h"

/* Returned as the number of values of a count nothing bounds from above. */
#define AUDIT_UNBOUNDED LONG_MAX

struct audit_model;

/*
 * Builds the model of tables[0..n-1] (not owned; they must outlive it).
 * Returns NULL with a Swedish message in err when the cross-classification
 * is too large to audit.
 */
struct audit_model *audit_model_new(struct table *const *tables, size_t n, struct strbuf *err);
void audit_model_free(struct audit_model *m);

/* Takes over which cells of the tables are hidden now. */
void audit_model_sync(struct audit_model *m);

/*
 * The whole numbers a hidden count (r, c) of tables[ti] can still be, given
 * the published figures, in *values (AUDIT_UNBOUNDED when unbounded);
 * *lo and *hi (either may be NULL) get the LP bounds.  Returns 0, or -1
 * when the cell is no count of the model or the solver failed.
 */
int audit_model_values(struct audit_model *m, size_t ti, size_t r, size_t c, long *values,
                       double *lo, double *hi);

/* True if cell (r, c) of t is a count the audit models. */
int audit_is_count(const struct table *t, size_t r, size_t c);

/*
 * A model over unknowns given directly, for the audit of a series of
 * publications (series.h): ncols counts ≥ 0, and nrows published counts,
 * row i the sum of columns cols[start[i] .. start[i+1]-1] (0-based).  Every
 * row starts free (hidden); audit_lp_set fixes it to its published value.
 * (Inside, a row holding all of a smaller row's columns sums that row, not
 * its columns again: a series repeats its counts growing, and GLPK copies
 * the whole matrix at every solve.)
 */
struct audit_lp;
struct audit_lp *audit_lp_new(size_t ncols, size_t nrows, const size_t *start, const int *cols);
void audit_lp_set(struct audit_lp *m, size_t row, int shown, double v);
/*
 * How many whole numbers the sum of the columns cols[0..n-1], whose true
 * value is truth, can still be (AUDIT_UNBOUNDED with no upper bound), when
 * all that is asked is whether it keeps `want` values: *values may then be
 * a lower bound that is at least want (one solve instead of two).  0, or -1
 * when the solver failed.
 */
int audit_lp_enough(struct audit_lp *m, const int *cols, size_t n, double truth, long want,
                    long *values);
void audit_lp_free(struct audit_lp *m);
/*
 * audit_lp_enough keeps the points it finds, and asks them first: any point
 * feasible now bounds every sum from inside.  A caller that fixes a sum of
 * columns again drops the points that break it.
 */
void audit_lp_filter(struct audit_lp *m, const int *cols, size_t n, double value);
/*
 * The rows whose freeing would widen the sum of cols[0..n-1]: binding[i]
 * set for each shown row with a dual value in the least or the greatest
 * sum (by LP sensitivity, hiding such a row moves that bound when the
 * optimum is not degenerate).  Two solves; 0, or -1 when the solver failed.
 */
int audit_lp_binding(struct audit_lp *m, const int *cols, size_t n, char *binding);

#endif
