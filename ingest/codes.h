/*
 * codes.h: the code lists, read from the database's reference tables.
 *
 * The lists live in data/reference.sql (tables ref_*, view ref_code, aliases
 * in ref_alias), so that another municipality's stadsdelar are a data
 * change.  At the start of an ingest they are read once into memory;
 * matching is by fold_key (case and blanks folded).
 */
#ifndef FOTSTAT_CODES_H
#define FOTSTAT_CODES_H

#include <sqlite3.h>

struct codes;

/* Reads every list; returns NULL with SQLite's message in the db on failure. Caller frees. */
struct codes *codes_load(sqlite3 *db);
void codes_free(struct codes *c);

/*
 * Returns the canonical label of cell in LIST (an alias gives its label),
 * or NULL if it is not one.  The pointer lives as long as c.  Not for
 * two threads at once: it remembers its recent answers in c, by the list's
 * address, so list must not change while c lives (a kind's column list).
 */
const char *codes_match(struct codes *c, const char *list, const char *cell);

/* The allowed labels of LIST, quoted and comma-separated, for messages. */
const char *codes_allowed(struct codes *c, const char *list);

#endif
