/*
 * outset.h: a report run's files, written all or none.  Each file is
 * written to a temporary name beside its final one and added to an
 * output_set; when every file of the run is written, output_commit renames
 * them all into place, and on any failure output_abort removes them, so a
 * run writes all of its files or none, and a reader never sees half a
 * file.  The one exception: a rename that fails midway (the folder made
 * unwritable, or its disk gone, between the writes and the renames) leaves
 * the files renamed before it in place, each complete, and says so; the
 * rest are removed.  Every temporary file is a scratch file (util.h) until
 * then, so a run that dies of want of memory leaves none.
 */
#ifndef FOTSTAT_OUTSET_H
#define FOTSTAT_OUTSET_H

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
/* The set's scratch file at path (the set's own copy), or NULL if the run made none there. */
const char *output_scratch_find(const struct output_set *set, const char *path);
/* Renames every file of the set into place and empties it; returns 0 or -1 with err. */
int output_commit(struct output_set *set, struct strbuf *err);
/* Removes every temporary file of the set, and the folder it made, and empties it. */
void output_abort(struct output_set *set);

#endif
