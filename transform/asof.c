/*
 * asof.c: the database as it was at a moment, as TEMP tables (asof.h).
 */
#include "transform/asof.h"
#include "common/db.h"
#include "common/util.h"
#include "common/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SQL "transform/sql/asof.sql"

/* The fact tables, in asof.sql's statement names, and what is counted from
 * them (kartlaggning_omgang, after kartlaggning). */
static const char *const facts[] = {
    "bf_formedling", "shis_placering", "shis_bestand", "kartlaggning", "kartlaggning_omgang",
    "arsmal",
};

/*
 * WHEN as a moment 'YYYY-MM-DDTHH:MM:SSZ' in t (21 bytes used), and as titles say it in
 * label.  Returns 0, or -1 if WHEN is no date or time (then perhaps a file).
 */
static int parse_moment(const char *when, char t[32], struct strbuf *label)
{
    size_t n = strlen(when);
    int y, m, d;
    if (n < 10 || date_digits(when, 4, &y) || when[4] != '-' || date_digits(when + 5, 2, &m) ||
        when[7] != '-' || date_digits(when + 8, 2, &d))
        return -1;
    if (!date_valid(y, m, d))
        return -1;
    if (n == 10) {
        snprintf(t, 32, "%.10sT23:59:59Z", when);
        sb_adds(label, when);
        return 0;
    }
    /* 'YYYY-MM-DD HH:MM', with ':SS', with 'T' for the space, with a closing 'Z'. */
    const char *h = when + 11;
    int hh, mm, ss = 0;
    if ((when[10] != ' ' && when[10] != 'T') || n < 16 || date_digits(h, 2, &hh) || h[2] != ':' ||
        date_digits(h + 3, 2, &mm))
        return -1;
    const char *rest = h + 5;
    if (rest[0] == ':' && date_digits(rest + 1, 2, &ss) == 0)
        rest += 3;
    if (strcmp(rest, "") != 0 && strcmp(rest, "Z") != 0)
        return -1;      /* also ':' without two digits after it */
    /* Never negative: the lower bounds tell gcc how wide the fields below are. */
    if (hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 59)
        return -1;
    snprintf(t, 32, "%.10sT%02d:%02d:%02dZ", when, hh, mm, ss);
    sb_printf(label, "%.10s %02d:%02d UTC", when, hh, mm);
    return 0;
}

/* Runs asof.sql's statement NAME with :c bound (if it has it); 0 or -1 with err. */
static int run(sqlite3 *db, const char *name, long long c, struct strbuf *err)
{
    sqlite3_stmt *st = db_prepare(db, SQL, name);
    if (sqlite3_bind_parameter_index(st, ":c"))
        db_bind_int(st, ":c", c);
    int rc = db_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return db_error(db, err);
    return 0;
}

int asof_apply(sqlite3 *db, const char *when, struct strbuf *label, long long *cutoff,
               struct strbuf *err)
{
    char t[32];
    long long c = 0;
    sqlite3_stmt *st;
    if (parse_moment(when, t, label) == 0) {
        st = db_prepare(db, SQL, "cutoff_time");
        db_bind_text(st, ":t", t);
        c = db_one_int(st, 0);
        if (c == 0) {
            sb_printf(err, "%s: ingen fil var inläst då (tider i UTC)", when);
            return -1;
        }
    } else {
        const char *base = strrchr(when, '/');
        base = base ? base + 1 : when;
        st = db_prepare(db, SQL, "cutoff_file");
        db_bind_text(st, ":name", base);
        if (db_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
            c = sqlite3_column_int64(st, 0);
            sb_printf(label, "%s (inläst %s)", base, db_col_text(st, 1));
        }
        sqlite3_finalize(st);
        if (c == 0) {
            sb_printf(err, "\"%s\" är varken ett datum (ÅÅÅÅ-MM-DD), en tid (ÅÅÅÅ-MM-DD TT:MM) "
                      "eller namnet på en inläst fil", when);
            return -1;
        }
    }
    if (cutoff)
        *cutoff = c;
    if (run(db, "shadow_source_file", c, err) || run(db, "shadow_rejected_row", c, err))
        return -1;
    for (size_t i = 0; i < ARRAY_LEN(facts); i++) {
        char name[64];
        snprintf(name, sizeof name, "shadow_%s", facts[i]);
        if (run(db, name, c, err))
            return -1;
    }
    /* The main tables' indexes, built again on the temp tables, then the keys. */
    char **defs = NULL;
    size_t n = 0;
    st = db_prepare(db, SQL, "indexes");
    while (db_step(st) == SQLITE_ROW) {
        defs = xrealloc(defs, (n + 1) * sizeof *defs);
        defs[n++] = xstrdup(db_col_text(st, 0));
    }
    sqlite3_finalize(st);
    int bad = 0;
    for (size_t i = 0; i < n; i++) {
        if (!bad && sqlite3_exec(db, defs[i], NULL, NULL, NULL) != SQLITE_OK)
            bad = db_error(db, err);
        free(defs[i]);
    }
    free(defs);
    if (bad)
        return -1;
    for (size_t i = 0; i < ARRAY_LEN(facts); i++) {
        char name[64];
        snprintf(name, sizeof name, "key_%s", facts[i]);
        if (run(db, name, c, err))
            return -1;
    }
    return run(db, "key_source_file", c, err);
}
