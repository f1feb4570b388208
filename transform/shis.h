/*
 * shis.h: SHIS's monthly report to the managers' networks (shis-manad),
 * and the same tables as SHIS's part of the tertialrapport.
 *
 * For a month M of year Y:
 *   bestand                        the stock at the end of M per boendeform,
 *                                  with the change from the month before;
 *   belaggning_12_manader          occupancy over the twelve months to M (chart);
 *   inflyttade                     households moved in: Månaden, Hittills i år,
 *                                  Hittills i år via Bostadsförmedlingen;
 *   inflyttade_per_manad           January to M per boendeform (chart);
 *   inflyttade_stadsdel            so far this year per remitterande stadsdel
 *                                  (small-count protection);
 *   avstamning                     SHIS's placements via Bostadsförmedlingen
 *                                  against Bostadsförmedlingen's förmedlade
 *                                  genomgångsbostäder, matched by Ärendenummer;
 *   avstamning_utan_motsvarighet   each one on either side without a
 *                                  counterpart, by Ärendenummer and
 *                                  Placeringsid only;
 *   aterkomster                    households that moved in this year after
 *                                  moving out of SHIS in the twelve months
 *                                  before, followed by pseudonym.
 */
#ifndef FOTSTAT_SHIS_H
#define FOTSTAT_SHIS_H

#include <sqlite3.h>

#include "common/strbuf.h"
#include "report/table.h"
#include "transform/args.h"

/*
 * Adds the tables for month MANAD ('YYYY-MM') to rep.  What the loaded
 * exports do not cover is said in a note under the table, never shown as
 * zeros.  Returns 0, or -1 with a Swedish message in err.
 */
int shis_add_tables(struct report *rep, sqlite3 *db, const char *manad, struct strbuf *err);

/*
 * shis-manad for --month (NULL: the last month SHIS's stock export covers).
 * A month the exports do not cover is refused by name.  Caller frees.
 */
struct report *shis_manad_report(sqlite3 *db, const struct report_args *a, struct strbuf *err);

#endif
