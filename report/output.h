/*
 * output.h: a report's files under --out: REPORT-PERIOD.csv, the workbook,
 * the charts, the HTML page and the mail draft, all fit to publish, and
 * under internt/ the workbook of the rows behind the figures, each written
 * into an output set (outset.h) that puts them all in place or none.
 *
 *   struct output_set set = OUTPUT_SET_INIT;
 *   if (output_csv(rep, dir, &set, &err) || output_commit(&set, &err))
 *       output_abort(&set);
 */
#ifndef FOTSTAT_OUTPUT_H
#define FOTSTAT_OUTPUT_H

#include <stddef.h>

#include "common/strbuf.h"
#include "report/outset.h"
#include "report/xlsx.h"
#include "report/table.h"

/* Writes the tidy CSV as DIR/NAME-PERIOD.csv into the set; returns 0 or -1 with err. */
int output_csv(const struct report *rep, const char *dir, struct output_set *set, struct strbuf *err);
/* Writes the workbook as DIR/NAME-PERIOD.xlsx into the set; created is its time stamp. */
int output_xlsx(const struct report *rep, const char *dir, long long created,
                struct output_set *set, struct strbuf *err);

/* The folder under --out for the rows behind the figures, never to be published. */
#define OUTPUT_INTERNAL_DIR "internt"

/* True if the report has tables of rows (table.internal). */
int output_has_internal(const struct report *rep);
/*
 * Writes the internal workbook, DIR/internt/NAME-PERIOD-internt.xlsx, into
 * the set when the report has tables of rows: the folder and the file
 * readable by their owner only.  It is the largest file of a report (every
 * row of Underlag), so it is written beside the others: output_internal
 * starts it into *job, output_internal_end waits for it and puts it into
 * the set after the files written meanwhile, in the place it always had,
 * or, when those failed (ok 0), stops it and removes what it wrote.  Each
 * returns 0 (also when there is nothing to write) or -1 with err; after
 * output_internal, output_internal_end is always called.
 */
struct internal_job {
    struct xlsx_job xlsx;
    char *tmp, *final;          /* NULL: nothing being written */
};
int output_internal(const struct report *rep, const char *dir, long long created,
                    struct output_set *set, struct internal_job *job, struct strbuf *err);
int output_internal_end(struct internal_job *job, int ok, struct output_set *set,
                        struct strbuf *err);

/*
 * Writes the HTML page as DIR/NAME-PERIOD.html into the set, with the
 * charts already in the set inline.  Returns 0 or -1 with err.
 */
int output_html(const struct report *rep, const char *dir, struct output_set *set, struct strbuf *err);

/*
 * Writes the mail draft DIR/NAME-PERIOD.eml into the set (mail.h): the HTML
 * page with the charts already in the set as inline PNGs, the report as
 * plain text, the publishable workbook already in the set attached; never
 * an internal file.  Dated created.  Returns 0 or -1 with err.
 */
int output_eml(const struct report *rep, const char *dir, long long created, struct output_set *set,
               struct strbuf *err);

#endif
