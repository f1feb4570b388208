/*
 * output.h: a report's files under --out: REPORT-PERIOD.csv, the workbook,
 * the charts and the HTML page, all fit to publish, and under internt/ the
 * workbook of the rows behind the figures.  Each is written to a temporary name beside its final
 * one and added to an output_set; when every file of the run is written,
 * output_commit renames them all into place, and on any failure
 * output_abort removes them, so a run writes all of its files or none, and
 * a reader never sees half a file.  The one exception: a rename that fails
 * midway (the folder made unwritable, or its disk gone, between the writes
 * and the renames) leaves the files renamed before it in place, each
 * complete, and says so; the rest are removed.
 *
 *   struct output_set set = OUTPUT_SET_INIT;
 *   if (output_csv(rep, dir, &set, &err) || output_commit(&set, &err))
 *       output_abort(&set);
 */
#ifndef FOTSTAT_OUTPUT_H
#define FOTSTAT_OUTPUT_H

#include <stddef.h>

#include "common/strbuf.h"
#include "report/table.h"

/* Files written under temporary names, waiting to be renamed into place. */
struct output_set {
    char **tmp;         /* temporary paths, owned */
    char **final;       /* their final paths, owned */
    size_t n;
    char *made_dir;     /* a folder this run made (internt/), removed again on failure; owned */
    char **scratch;     /* files made for the run's own use (a chart for the page), removed
                           when the set is committed or aborted; owned */
    size_t nscratch;
};
#define OUTPUT_SET_INIT { NULL, NULL, 0, NULL, NULL, 0 }

/* DIR/NAME-PERIOD-SUFFIX, e.g. suffix ".csv"; the caller frees it. */
char *output_path(const struct report *rep, const char *dir, const char *suffix);
/* Adds a written temporary file and its final path; the set owns both strings. */
void output_add(struct output_set *set, char *tmp, char *final);
/* Adds a file the run makes for itself and never publishes; the set owns path and removes the file. */
void output_scratch(struct output_set *set, char *path);
/* The path of the set's scratch file ending in suffix, or NULL. */
const char *output_scratch_find(const struct output_set *set, const char *suffix);
/* Renames every file of the set into place and empties it; returns 0 or -1 with err. */
int output_commit(struct output_set *set, struct strbuf *err);
/* Removes every temporary file of the set, and the folder it made, and empties it. */
void output_abort(struct output_set *set);

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
 * readable by their owner only.  Returns 0 (also when there is nothing to
 * write) or -1 with err.
 */
int output_internal(const struct report *rep, const char *dir, long long created,
                    struct output_set *set, struct strbuf *err);

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
