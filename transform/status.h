/*
 * status.h: what the database holds, per export kind and per file, as two
 * tables for the renderers (text_write_table draws them like every other
 * table the tool prints).
 */
#ifndef FOTSTAT_STATUS_H
#define FOTSTAT_STATUS_H

#include <sqlite3.h>

#include "common/strbuf.h"
#include "report/table.h"

/*
 * Sets *kinds to the table of export kinds (files, rows, rejected rows,
 * period covered) and *files to the table of loaded files (NULL when none
 * is loaded).  Returns 0, or -1 with a Swedish message in err.  The caller
 * frees both.
 */
int status_tables(sqlite3 *db, struct table **kinds, struct table **files, struct strbuf *err);

#endif
