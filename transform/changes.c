/*
 * changes.c: the rows that differ between two moments (changes.h).
 */
#include "transform/changes.h"
#include "common/db.h"
#include "common/util.h"

#include <string.h>

#define SQL "transform/sql/changes.sql"

/* A column after the key, in changes.sql's order: its name in the export, and whether its values may be shown. */
struct col {
    const char *label;
    int show;
};

struct kind_changes {
    const char *kind;       /* ref_kind's name */
    const char *stmt;       /* the statement in changes.sql */
    const struct col *cols;
    size_t ncols;
};

static const struct col bf_cols[] = {
    { "Erbjudandedatum", 1 }, { "Boendeform", 1 }, { "Beställare", 1 }, { "Hyresvärd", 0 },
    { "Stadsdelsområde", 1 }, { "Antal rum", 0 }, { "Yta", 0 }, { "Hyra", 0 }, { "Svar", 1 },
    { "Svarsdatum", 1 }, { "Nej-orsak", 1 }, { "Kontraktsdatum", 1 }, { "Hushållstyp", 1 },
    { "Antal barn", 0 }, { "Kontrollstation", 1 }, { "Avslutsdatum", 1 }, { "Avslutsorsak", 1 },
    { "Personnummer", 0 },
};
static const struct col pl_cols[] = {
    { "Inflyttningsdatum", 1 }, { "Utflyttningsdatum", 1 }, { "Boendeform", 1 }, { "Bestånd", 1 },
    { "Remitterande stadsdel", 1 }, { "Hushållstyp", 1 }, { "Antal barn", 0 },
    { "BF-ärendenummer", 1 }, { "Personnummer", 0 },
};
static const struct col be_cols[] = {
    { "Lägenheter", 1 }, { "Belagda", 1 }, { "Tomställda", 1 }, { "Väntande hushåll", 1 },
};
static const struct col ka_cols[] = {
    { "Kartläggningsmånad", 1 }, { "Stadsdel", 1 }, { "Hushållstyp", 1 }, { "Antal barn", 0 },
    { "Nyanländ", 1 }, { "Boendesituation", 1 }, { "Orsak", 1 }, { "Personnummer", 0 },
};
static const struct col am_cols[] = { { "Mål", 1 } };

static const struct kind_changes kinds_changes[] = {
    { "bf-formedlingar", "bf_formedling", bf_cols, ARRAY_LEN(bf_cols) },
    { "shis-placeringar", "shis_placering", pl_cols, ARRAY_LEN(pl_cols) },
    { "shis-bestand", "shis_bestand", be_cols, ARRAY_LEN(be_cols) },
    { "kartlaggning", "kartlaggning", ka_cols, ARRAY_LEN(ka_cols) },
    { "arsmal", "arsmal", am_cols, ARRAY_LEN(am_cols) },
};

long long changes_now(sqlite3 *db)
{
    sqlite3_stmt *st = db_prepare(db, SQL, "now");
    return db_one_int(st, 0);
}

/* A value as the list shows it: its text, or "tom" for none. */
static const char *shown(sqlite3_stmt *st, int col)
{
    return sqlite3_column_type(st, col) == SQLITE_NULL ? "tom" : db_col_text(st, col);
}

static int wanted(const char *const *kinds, const char *kind)
{
    for (; *kinds; kinds++)
        if (strcmp(*kinds, kind) == 0)
            return 1;
    return 0;
}

struct table *changes_table(sqlite3 *db, long long c1, long long c2, const char *const *kinds,
                            const char *label1, const char *label2, struct strbuf *err)
{
    static const char *const cols[] = { "Export", "Vad hände", "Fil" };
    if (c1 > c2) {      /* rows are never removed: list what the later moment adds */
        long long t = c1;
        c1 = c2;
        c2 = t;
    }
    struct strbuf title = STRBUF_INIT;
    sb_printf(&title, "Rader som ändrats mellan exporterna inlästa till och med %s och %s",
              label1, label2);
    struct table *t = table_new("andrade_rader", title.buf);
    sb_free(&title);
    table_frame(t, "Ändrade rader", "Nyckel", 3, cols);
    t->internal = 1;
    for (size_t k = 0; k < ARRAY_LEN(kinds_changes); k++) {
        const struct kind_changes *kc = &kinds_changes[k];
        if (!wanted(kinds, kc->kind))
            continue;
        sqlite3_stmt *st = db_prepare(db, SQL, kc->stmt);
        db_bind_int(st, ":c1", c1);
        db_bind_int(st, ":c2", c2);
        int rc;
        while ((rc = db_step(st)) == SQLITE_ROW) {
            size_t r = (size_t)table_add_row(t, db_col_text(st, 0));
            struct strbuf what = STRBUF_INIT;
            if (sqlite3_column_int(st, 2)) {
                sb_adds(&what, "ny rad");
            } else {
                for (size_t c = 0; c < kc->ncols; c++) {
                    int a = 3 + 2 * (int)c, b = a + 1;
                    int differs = sqlite3_column_type(st, a) != sqlite3_column_type(st, b) ||
                                  strcmp(shown(st, a), shown(st, b)) != 0;
                    if (!differs)
                        continue;
                    if (what.len)
                        sb_adds(&what, "; ");
                    if (kc->cols[c].show)
                        sb_printf(&what, "%s %s → %s", kc->cols[c].label, shown(st, a), shown(st, b));
                    else
                        sb_printf(&what, "%s ändrad", kc->cols[c].label);
                }
            }
            table_text(t, r, 0, kc->kind);
            table_text(t, r, 1, what.buf);
            table_text(t, r, 2, db_col_text(st, 1));
            sb_free(&what);
        }
        sqlite3_finalize(st);
        if (rc != SQLITE_DONE) {
            db_error(db, err);
            table_free(t);
            return NULL;
        }
    }
    return t;
}
