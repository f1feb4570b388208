/*
 * text.h: a table as aligned plain text, for the terminal and for mail.
 *
 *   Förmedlade lägenheter januari–oktober 2021
 *
 *   Boendeform          Mål  Förmedlade  Kvar till mål  Andel av mål (%)
 *   FoT                 400         267            133            66,8 %
 *   ...
 *   Källa: …
 */
#ifndef FOTSTAT_TEXT_H
#define FOTSTAT_TEXT_H

#include <stdio.h>

#include "report/table.h"

/* Writes t to f; returns 0 or -1 on a write error. */
int text_write_table(FILE *f, const struct table *t);
/* Writes the report's title and every table that is not workbook-only. */
int text_write_report(FILE *f, const struct report *rep);
/* The same without the tables of rows (table.internal): what may be published, as in a mail. */
int text_write_publishable(FILE *f, const struct report *rep);
/* Writes text as a paragraph wrapped at width characters, then a blank line. */
int text_write_paragraph(FILE *f, const char *text, size_t width);

#endif
