/*
 * tertial.c: the tertialrapport (tertial.h): the tables of arsmal.c, shis.c
 * and uppfoljning.c for the tertial, in one report.
 */
#include "transform/tertial.h"
#include "common/db.h"
#include "common/util.h"
#include "transform/arsmal.h"
#include "transform/shis.h"
#include "transform/sources.h"
#include "transform/uppfoljning.h"

#include <stdio.h>

struct report *tertial_report(sqlite3 *db, const struct report_args *a, struct strbuf *err)
{
    int year = a->year, tertial = a->tertial;
    static const char *const ends[] = { "-04-30", "-08-31", "-12-31" };
    if (tertial < 1 || tertial > 3) {
        sb_printf(err, "--tertial ska vara 1, 2 eller 3");
        return NULL;
    }
    char through[32];
    snprintf(through, sizeof through, "%04d%s", year, ends[tertial - 1]);
    struct period p;
    if (period_make(&p, year, through, NULL, err))
        return NULL;
    char code[32];
    snprintf(code, sizeof code, "%d-T%d", year, tertial);
    struct strbuf title = STRBUF_INIT;
    sb_printf(&title, "Tertialrapport %d %d: ", tertial, year);
    period_label(&p, &title);
    struct report *rep = report_new("tertial", code, title.buf);
    rep->units = a->units;
    rep->internal = a->internal;
    rep->internal_text = a->internal_text;
    rep->through = xstrdup(p.through);
    sb_free(&title);
    static const char *const kinds[] = {
        "bf-formedlingar", "arsmal", "shis-placeringar", "shis-bestand", "kartlaggning", NULL,
    };
    rep->sources = sources_table(db, kinds);
    sources_publisher(rep, db);
    char manad[8];
    snprintf(manad, sizeof manad, "%.7s", p.through);
    if (arsmal_add_tables(rep, db, &p, err) || shis_add_tables(rep, db, manad, err) ||
        uppfoljning_add_tables(rep, db, &p, err)) {
        report_free(rep);
        return NULL;
    }
    return rep;
}
