/*
 * csvout.h: a report as tidy CSV, every figure one line:
 *
 *   tabell,rad,kolumn,varde
 *   arsmal,FoT,Mål,400
 *   arsmal,FoT,Andel av mål (%),66.8
 *
 * RFC 4180 (CRLF, quotes doubled), UTF-8, integers as integers, shares
 * with one decimal and a point, a protected cell as "..", a figure that
 * does not exist as an empty field.  Workbook-only tables are left out.
 */
#ifndef FOTSTAT_CSVOUT_H
#define FOTSTAT_CSVOUT_H

#include <stdio.h>

#include "report/table.h"

int csv_write_report(FILE *f, const struct report *rep);

#endif
