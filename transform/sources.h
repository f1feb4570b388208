/*
 * sources.h: the table of source files a report names (name, kind,
 * SHA-256, rows read, loaded and rejected), so every figure can be traced.
 */
#ifndef FOTSTAT_SOURCES_H
#define FOTSTAT_SOURCES_H

#include <sqlite3.h>

#include "common/strbuf.h"
#include "report/table.h"

/* A table of the loaded files of up to four kinds (NULL for fewer). Caller owns it. */
struct table *sources_table(sqlite3 *db, const char *kind1, const char *kind2, const char *kind3,
                            const char *kind4);

/*
 * Steps st (bound by the caller; first column a file name) and appends the
 * names to sb, comma-separated, or `none` if there were none.  Finalizes st.
 */
void sources_names(sqlite3_stmt *st, struct strbuf *sb, const char *none);

/* Sets rep->organisation, the publisher, from the reference data ("Stockholms stad, socialförvaltningen"). */
void sources_publisher(struct report *rep, sqlite3 *db);

#endif
