/*
 * tertial.c: the tertialrapport (tertial.h), from arsmal.c and tertial.sql.
 */
#include "transform/tertial.h"
#include "common/db.h"
#include "transform/arsmal.h"
#include "transform/coverage.h"
#include "transform/crosstab.h"
#include "transform/sources.h"

#include <stdio.h>

#define SQL "transform/sql/tertial.sql"

static void shis_source(struct table *t, sqlite3 *db)
{
    struct strbuf src = STRBUF_INIT, name = STRBUF_INIT;
    sb_printf(&src, "Källa: %s (", ref_name(db, "shis", &name));
    sources_names(db_prepare(db, SQL, "shis_files"), &src, "inga filer");
    sb_addc(&src, ')');
    table_set_source(t, src.buf);
    sb_free(&src);
    sb_free(&name);
}

static int shis_moved_in(struct report *rep, sqlite3 *db, const struct period *p, struct strbuf *err)
{
    static const char *const cols[] = { "I SHIS egna bestånd", "Via Bostadsförmedlingen", "Totalt" };
    struct table *t = period_table("shis_inflyttade", "Inflyttade hushåll i SHIS bostäder", p,
                                   "SHIS inflyttade");
    table_set_cols(t, 3, cols);
    table_set_stub(t, "Boendeform");
    struct coverage cv;
    if (coverage_load(db, "shis-placeringar", &cv, err)) {
        table_free(t);
        return -1;
    }
    if (!coverage_touches(&cv, p)) {
        /* Nothing loaded for the period: say so, and print no figure as if it were one. */
        struct strbuf note = STRBUF_INIT;
        sb_adds(&note, "Inga placeringar från SHIS är inlästa ");
        coverage_period(p, &note);
        if (cv.any)
            sb_printf(&note, " (exporterna täcker %s – %s)", cv.first, cv.last);
        sb_adds(&note, ", så tabellen har inga siffror.");
        table_add_note(t, note.buf);
        sb_free(&note);
        shis_source(t, db);
        report_add(rep, t);
        return 0;
    }
    sqlite3_stmt *st = db_prepare(db, SQL, "shis_inflyttade");
    db_bind_text(st, ":from", p->from);
    db_bind_text(st, ":through", p->through);
    int rc = crosstab_fill(t, st, 2, 1, 1, err);
    sqlite3_finalize(st);
    if (rc) {
        table_free(t);
        return -1;
    }
    coverage_note(&cv, p, t);
    shis_source(t, db);
    report_add(rep, t);
    return 0;
}

static int shis_stock(struct report *rep, sqlite3 *db, const struct period *p, struct strbuf *err)
{
    static const char *const cols[] = {
        "Lägenheter", "Belagda", "Beläggning (%)", "Tomställda", "Väntande hushåll",
    };
    char manad[8];
    snprintf(manad, sizeof manad, "%.7s", p->through);
    struct strbuf title = STRBUF_INIT;
    sb_printf(&title, "SHIS bestånd och beläggning i slutet av %s %d", month_name(period_month(p)), p->year);
    struct table *t = table_new("shis_belaggning", title.buf);
    sb_free(&title);
    table_set_sheet(t, "SHIS beläggning");
    table_set_cols(t, 5, cols);
    table_set_stub(t, "Boendeform");
    sqlite3_stmt *st = db_prepare(db, SQL, "shis_bestand");
    db_bind_text(st, ":manad", manad);
    long sum[5] = { 0 };
    int rc, has_vant = 1;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int r = table_add_row(t, db_col_text(st, 0));
        long lgh = sqlite3_column_int(st, 1), bel = sqlite3_column_int(st, 2);
        table_count(t, (size_t)r, 0, lgh);
        table_count(t, (size_t)r, 1, bel);
        if (lgh > 0)
            table_share(t, (size_t)r, 2, 100.0 * (double)bel / (double)lgh);
        table_count(t, (size_t)r, 3, lgh - bel);
        if (sqlite3_column_type(st, 4) != SQLITE_NULL) {
            table_count(t, (size_t)r, 4, sqlite3_column_int(st, 4));
            sum[4] += sqlite3_column_int(st, 4);
        } else {
            has_vant = 0;
        }
        sum[0] += lgh;
        sum[1] += bel;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        sb_printf(err, "databasfel: %s", sqlite3_errmsg(db));
        table_free(t);
        return -1;
    }
    if (t->nrows == 0) {
        table_add_note(t, "Ingen bestånd-export från SHIS är inläst för månaden.");
    } else {
        int r = table_add_row(t, "Totalt");
        t->total_row = r;
        table_count(t, (size_t)r, 0, sum[0]);
        table_count(t, (size_t)r, 1, sum[1]);
        if (sum[0] > 0)
            table_share(t, (size_t)r, 2, 100.0 * (double)sum[1] / (double)sum[0]);
        table_count(t, (size_t)r, 3, sum[0] - sum[1]);
        if (has_vant)
            table_count(t, (size_t)r, 4, sum[4]);
    }
    shis_source(t, db);
    report_add(rep, t);
    return 0;
}

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
    sb_free(&title);
    rep->sources = sources_table(db, "bf-formedlingar", "arsmal", "shis-placeringar", "shis-bestand");
    sources_publisher(rep, db);
    if (arsmal_add_tables(rep, db, &p, err) || shis_moved_in(rep, db, &p, err) ||
        shis_stock(rep, db, &p, err)) {
        report_free(rep);
        return NULL;
    }
    return rep;
}
