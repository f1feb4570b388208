/*
 * compare.h: what changed between two runs of one report (--compare).
 *
 * compare_table lists every published figure that differs between the
 * report as it was (before) and as it is (after), both already protected:
 * one row per figure, labelled "TABELL / RAD / KOLUMN" by its tidy keys,
 * with Före, Efter and Ändring.  A figure hidden in either run is shown as
 * hidden in both and its change too: the table never shows what
 * protection hides.
 */
#ifndef FOTSTAT_COMPARE_H
#define FOTSTAT_COMPARE_H

#include "report/table.h"

/* The table "andringar", titled with both moments; NULL if nothing differs. */
struct table *compare_table(const struct report *before, const struct report *after,
                            const char *before_label, const char *after_label);

#endif
