/*
 * xlsx.h: a report as an Excel workbook, with libxlsxwriter.
 *
 * One sheet per table: its title, Swedish headers, real numbers with
 * number formats, frozen header rows, columns fitted to their contents
 * (measured in characters: 1.1.4 has no autofit), the source and notes
 * under the table, and a native chart where the table has one, drawn from
 * a data block beside the table.  Then "Om rapporten": the report, period,
 * time of making, fotstat version, suppression rule and every source file.
 * Text from the data is always written as a string, never as a formula.
 * With SOURCE_DATE_EPOCH set, the same report gives the same bytes.
 */
#ifndef FOTSTAT_XLSX_H
#define FOTSTAT_XLSX_H

#include "common/strbuf.h"
#include "report/table.h"

/*
 * Writes the workbook to PATH (the caller renames it into place); messages
 * name it SHOWN, the file the user will see.  Returns 0 or -1 with err.
 */
int xlsx_write_report(const struct report *rep, const char *path, const char *shown,
                      long long created, struct strbuf *err);

#endif
