/*
 * rounds.h: the survey's counts per round (kartlaggning_omgang, schema
 * version 10), kept by the ingest so that the tables over the rounds read
 * a few hundred rows per round instead of every household.
 */
#ifndef FOTSTAT_ROUNDS_H
#define FOTSTAT_ROUNDS_H

#include <stdint.h>

#include "common/strbuf.h"

struct sqlite3;

/*
 * Makes the counts again for every round that the file file_id added or
 * changed a household of, in the caller's transaction.  Returns 0, or -1
 * with SQLite's message in err.
 */
int rounds_count(struct sqlite3 *db, int64_t file_id, struct strbuf *err);

#endif
