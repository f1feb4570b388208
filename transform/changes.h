/*
 * changes.h: the rows behind changed figures (--compare).
 *
 * Lists the export rows added or changed between two moments (file ids,
 * as asof.h cuts them) for the export kinds a report cites: the key, what
 * happened, and the file that brought the later row.  Keys and codes only:
 * a column that could describe a person or a household (free text, sizes,
 * amounts, the pseudonym) is named as changed without its values.
 */
#ifndef FOTSTAT_CHANGES_H
#define FOTSTAT_CHANGES_H

#include <sqlite3.h>

#include "common/strbuf.h"
#include "report/table.h"

/* The last file loaded: "now" as a moment. */
long long changes_now(sqlite3 *db);

/*
 * The table "andrade_rader" of the rows that differ between moments c1 and
 * c2 of the kinds in kinds (NULL-terminated), or NULL with err.  It is
 * written to the text and the internal workbook only (table.internal).
 */
struct table *changes_table(sqlite3 *db, long long c1, long long c2, const char *const *kinds,
                            const char *label1, const char *label2, struct strbuf *err);

#endif
