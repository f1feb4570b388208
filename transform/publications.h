/*
 * publications.h: the register of what was published (schema versions 12
 * and 13).
 *
 * `fotstat report NAME ... --out DIR --publish` records the report, its
 * period and options, the moment of its data (the last file loaded, or
 * --as-of when an earlier publication is recorded afterwards), every file
 * it wrote with its SHA-256, every figure of its tidy CSV, and which rows
 * each count of its tables with units counted: as groups of rows that
 * every publication so far counted in exactly the same counts, each row
 * moved into the group of (its old group, the counts it is in here).  The
 * record is written in one transaction around the files' renaming into
 * place:
 *
 *   struct publication_draft d = { "shis-manad", "2021-09", "--month 2021-09", ... };
 *   if (publications_begin(db, &d, rep, &err)) ...        BEGIN, the publication, its figures
 *   publications_add_file(db, tmp, "shis-manad-2021-09.csv", &err) ... for every file
 *   ... rename the files into place ...
 *   publications_end(db, 1, &err);                        COMMIT (0: ROLLBACK)
 *
 * publications_table lists them for `status`.
 */
#ifndef FOTSTAT_PUBLICATIONS_H
#define FOTSTAT_PUBLICATIONS_H

#include <sqlite3.h>

#include "common/strbuf.h"
#include "report/table.h"

/* What a run publishes, besides the report itself. */
struct publication_draft {
    const char *options;        /* the period options as given, e.g. "--year 2021 --tertial 2" */
    long long data_file_id;     /* the last file the figures were made from */
    const char *as_of;          /* --as-of as given, or NULL */
    const char *out_dir;        /* --out as given */
};

/*
 * Begins a write transaction on db and records the publication of rep
 * (protected with rep->suppress), every figure its tidy CSV publishes, and
 * the rows behind its counts.
 * Returns 0, or -1 with a Swedish message in err (the transaction is then
 * rolled back).
 */
int publications_begin(sqlite3 *db, const struct publication_draft *d, const struct report *rep,
                       struct strbuf *err);
/* Records a file of the publication begun: its bytes at path, its name under the folder. */
int publications_add_file(sqlite3 *db, const char *path, const char *name, struct strbuf *err);
/* Commits (commit != 0) or rolls back the publication begun; 0, or -1 with err. */
int publications_end(sqlite3 *db, int commit, struct strbuf *err);

struct series;
/* True if anything is registered as published. */
int publications_any(sqlite3 *db);
/*
 * Adds every registered publication whose counts name their rows, with
 * those counts and the register's groups as weighted units, to s
 * (report/series.h), and sets s->find to look a report's rows up in them
 * (on db, until series_free).  Returns 0, or -1 with a Swedish message in
 * err.
 */
int publications_series(sqlite3 *db, struct series *s, struct strbuf *err);

/*
 * Sets *out to the table of publications, oldest first (NULL when there
 * are none).  Returns 0, or -1 with a Swedish message in err.
 */
int publications_table(sqlite3 *db, struct table **out, struct strbuf *err);

#endif
