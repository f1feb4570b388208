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
 *
 * A report's tables of rows (table.internal: Underlag, the case officers'
 * lists) never go into that workbook but into a second, internal one with
 * only them and "Om rapporten", every sheet marked as not to be published.
 */
#ifndef FOTSTAT_XLSX_H
#define FOTSTAT_XLSX_H

#include "common/strbuf.h"
#include "report/table.h"

/* Which workbook of a report: the publishable one, or the rows behind it (table.internal). */
enum xlsx_part { XLSX_PUBLIC, XLSX_INTERNAL };

/* What the internal workbook says on every sheet, under the title and in the printed header. */
#define XLSX_INTERNAL_WARNING "Internt – uppgifter på radnivå, får inte publiceras"

/*
 * Writes the workbook of PART to PATH (the caller renames it into place); messages
 * name it SHOWN, the file the user will see.  Returns 0 or -1 with err.
 */
int xlsx_write_report(const struct report *rep, enum xlsx_part part, const char *path,
                      const char *shown, long long created, struct strbuf *err);

/*
 * The same in two halves, for a workbook written while the caller does
 * other work: xlsx_start begins it (0, or -1 with err and nothing to
 * finish); xlsx_finish waits for it and says what came of it as
 * xlsx_write_report does; xlsx_cancel, instead, stops it and waits until
 * it has stopped, so that no file is written after.
 */
struct xlsx_job {
    int pid;            /* the child writing the workbook, or -1 */
    int fd;             /* the end of the pipe it answers on */
    const char *shown;
};
int xlsx_start(const struct report *rep, enum xlsx_part part, const char *path,
               const char *shown, long long created, struct xlsx_job *job, struct strbuf *err);
int xlsx_finish(struct xlsx_job *job, struct strbuf *err);
void xlsx_cancel(struct xlsx_job *job);

#endif
