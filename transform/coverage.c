/*
 * coverage.c: what the loaded exports cover (coverage.h), from coverage.sql.
 */
#include "transform/coverage.h"
#include "common/db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SQL "transform/sql/coverage.sql"

int coverage_load(sqlite3 *db, const char *kind, struct coverage *c, struct strbuf *err)
{
    memset(c, 0, sizeof *c);
    c->kind = kind;
    sqlite3_stmt *st = db_prepare(db, SQL, kind);
    int rc = db_step(st);
    if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
        const char *first = db_col_text(st, 0), *last = db_col_text(st, 1);
        c->any = 1;
        if (strlen(first) == 7) {   /* months: the first day of the first, the last of the last */
            snprintf(c->first, sizeof c->first, "%.7s-01", first);
            snprintf(c->last, sizeof c->last, "%.7s-%02d", last,
                     month_days(atoi(last), atoi(last + 5)));
        } else {
            snprintf(c->first, sizeof c->first, "%.10s", first);
            snprintf(c->last, sizeof c->last, "%.10s", last);
        }
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW) {
        sb_printf(err, "databasfel: %s", db_errmsg_sv(db));
        return -1;
    }
    return 0;
}

int coverage_touches(const struct coverage *c, const struct period *p)
{
    return c->any && strcmp(c->first, p->through) <= 0 && strcmp(c->last, p->from) >= 0;
}

int coverage_table_note(const struct coverage *c, const struct period *p, const char *what,
                        struct table *t)
{
    if (coverage_touches(c, p)) {
        coverage_note(c, p, t);
        return 0;
    }
    struct strbuf note = STRBUF_INIT;
    sb_printf(&note, "Inga %s är inlästa ", what);
    coverage_period(p, &note);
    if (c->any)
        sb_printf(&note, " (exporterna täcker %s – %s)", c->first, c->last);
    else
        sb_printf(&note, " (ingen export av sorten %s är inläst)", c->kind);
    sb_adds(&note, ", så tabellen har inga siffror.");
    table_add_note(t, note.buf);
    sb_free(&note);
    return 1;
}

void coverage_period(const struct period *p, struct strbuf *sb)
{
    int whole_year = p->kind == PERIOD_ROUND ||
                     (strcmp(p->from + 4, "-01-01") == 0 && strcmp(p->through + 4, "-12-31") == 0);
    if (whole_year)
        sb_printf(sb, "för %d", p->year);
    else {
        sb_adds(sb, "för ");
        period_label(p, sb);
    }
}

int coverage_require(const struct coverage *c, const struct period *p, const char *what,
                     struct strbuf *err)
{
    if (coverage_touches(c, p))
        return 0;
    sb_printf(err, "inga %s ", what);
    coverage_period(p, err);
    if (c->any)
        sb_printf(err, "; exporterna täcker %s – %s", c->first, c->last);
    else
        sb_printf(err, "; ingen export av sorten %s är inläst", c->kind);
    return -1;
}

void coverage_note(const struct coverage *c, const struct period *p, struct table *t)
{
    if (!coverage_touches(c, p))
        return;
    struct strbuf sb = STRBUF_INIT;
    int early = strcmp(c->first, p->from) > 0, late = strcmp(c->last, p->through) < 0 && !p->defaulted;
    if (early && late)
        sb_printf(&sb, "Perioden täcks bara delvis: de inlästa exporterna (%s) täcker %s – %s.",
                  c->kind, c->first, c->last);
    else if (early)
        sb_printf(&sb, "Perioden täcks bara delvis: de inlästa exporterna (%s) börjar %s, så "
                       "tiden före saknas i siffrorna.", c->kind, c->first);
    else if (late)
        sb_printf(&sb, "Perioden täcks bara delvis: de inlästa exporterna (%s) slutar %s, så "
                       "tiden efter saknas i siffrorna.", c->kind, c->last);
    if (sb.len)
        table_add_note(t, sb.buf);
    sb_free(&sb);
}

int coverage_round(sqlite3 *db, int year, long *households, int *month, struct strbuf *err)
{
    sqlite3_stmt *st = db_prepare(db, SQL, "round");
    db_bind_int(st, ":year", year);
    int rc = db_step(st);
    *households = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    *month = 0;
    if (rc == SQLITE_ROW && sqlite3_column_type(st, 1) != SQLITE_NULL)
        *month = atoi(db_col_text(st, 1) + 5);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW) {
        sb_printf(err, "databasfel: %s", db_errmsg_sv(db));
        return -1;
    }
    if (*households > 0)
        return 0;
    sb_printf(err, "ingen kartläggning %d; ", year);
    st = db_prepare(db, SQL, "rounds");
    size_t start = err->len;
    while (db_step(st) == SQLITE_ROW)
        sb_printf(err, "%s%d", err->len > start ? ", " : "inlästa omgångar: ",
                  sqlite3_column_int(st, 0));
    sqlite3_finalize(st);
    if (err->len == start)
        sb_adds(err, "ingen kartläggning är inläst");
    return -1;
}

const char *ref_name(sqlite3 *db, const char *key, struct strbuf *buf)
{
    sb_reset(buf);
    sqlite3_stmt *st = db_prepare(db, SQL, "name");
    db_bind_text(st, ":key", key);
    if (!db_one_text(st, buf))
        sb_adds(buf, key);   /* reference data without the name: show what is missing */
    return buf->buf;
}
