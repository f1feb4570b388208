/*
 * xlsxwall.h: between xlsx.c, which fills a workbook, and xlsxwall.c,
 * which runs libxlsxwriter for it (the process, the locale, stderr, memory).
 */
#ifndef FOTSTAT_XLSXWALL_H
#define FOTSTAT_XLSXWALL_H

#include <xlsxwriter.h>

#include "report/table.h"
#include "report/xlsx.h"

/*
 * Adds rep's sheets of part to wb (xlsx.c).  Returns the first cell
 * libxlsxwriter refused, or LXW_NO_ERROR.  Out of memory ends the process.
 */
lxw_error xlsx_fill(lxw_workbook *wb, const struct report *rep, enum xlsx_part part);

#endif
