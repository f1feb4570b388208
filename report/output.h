/*
 * output.h: a report's files under --out: REPORT-PERIOD.csv, the workbook
 * and the charts, each written to a temporary name and renamed, so that a
 * reader never sees half a file.
 */
#ifndef FOTSTAT_OUTPUT_H
#define FOTSTAT_OUTPUT_H

#include "common/strbuf.h"
#include "report/table.h"

/* Writes the tidy CSV to DIR/NAME-PERIOD.csv; returns 0 or -1 with err. */
int output_csv(const struct report *rep, const char *dir, struct strbuf *err);

/* Writes the workbook to DIR/NAME-PERIOD.xlsx; created is its time stamp. */
int output_xlsx(const struct report *rep, const char *dir, long long created, struct strbuf *err);

/*
 * Opens DIR/NAME-PERIOD-SUFFIX.tmp for writing, to be committed by
 * output_commit.  *final gets the final path (caller frees both paths).
 */
char *output_path(const struct report *rep, const char *dir, const char *suffix);
/* Renames tmp to final; returns 0 or -1 with err. */
int output_commit(const char *tmp, const char *final, struct strbuf *err);

#endif
