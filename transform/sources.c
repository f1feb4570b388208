/*
 * sources.c: the files behind a report (sources.h).
 */
#include "transform/sources.h"
#include "common/db.h"
#include "common/util.h"
#include "transform/coverage.h"

#include <stdlib.h>
#include <string.h>

struct table *sources_table(sqlite3 *db, const char *const *kinds)
{
    static const char *const cols[] = {
        "Sort", "SHA-256", "Rader lästa", "Inlästa", "Avvisade", "Inläst (UTC)",
    };
    struct table *t = table_new("kallfiler", "Källfiler");
    table_frame(t, NULL, "Fil", 6, cols);
    t->workbook_only = 1;
    /* The kinds are the program's own names (letters and dashes), so no JSON escaping is needed. */
    struct strbuf json = STRBUF_INIT;
    sb_addc(&json, '[');
    for (size_t i = 0; kinds[i]; i++)
        sb_printf(&json, "%s\"%s\"", i ? "," : "", kinds[i]);
    sb_addc(&json, ']');
    sqlite3_stmt *st = db_prepare(db, "transform/sql/sources.sql", "files");
    db_bind_text(st, ":kinds", json.buf);
    while (db_step(st) == SQLITE_ROW) {
        int r = table_add_row(t, db_col_text(st, 0));
        table_text(t, (size_t)r, 0, db_col_text(st, 1));
        table_text(t, (size_t)r, 1, db_col_text(st, 2));
        for (int c = 0; c < 3; c++)
            table_count(t, (size_t)r, (size_t)c + 2, sqlite3_column_int64(st, c + 3));
        table_text(t, (size_t)r, 5, db_col_text(st, 6));
    }
    sqlite3_finalize(st);
    sb_free(&json);
    return t;
}

void sources_cite(struct strbuf *sb, sqlite3 *db, const char *key, sqlite3_stmt *st,
                  const char *none)
{
    struct strbuf name = STRBUF_INIT;
    sb_printf(sb, "%s%s (", sb->len ? "; " : "Källa: ", ref_name(db, key, &name));
    size_t start = sb->len;
    while (db_step(st) == SQLITE_ROW)
        sb_printf(sb, "%s%s", sb->len > start ? ", " : "", db_col_text(st, 0));
    sqlite3_finalize(st);
    if (sb->len == start)
        sb_adds(sb, none);
    sb_addc(sb, ')');
    sb_free(&name);
}

void file_set_add(struct file_set *s, sqlite3_int64 id)
{
    if (id < 0)
        return;   /* source_file ids are rowids: positive */
    if (id >= FILE_SET_MAX_ID) {
        for (size_t i = 0; i < s->nbig; i++)
            if (s->big[i] == id)
                return;
        s->big = xrealloc(s->big, (s->nbig + 1) * sizeof *s->big);
        s->big[s->nbig++] = id;
        return;
    }
    if ((size_t)id >= s->cap)
        s->has = xgrow_zeroed(s->has, &s->cap, (size_t)id, 1, 64);
    s->has[id] = 1;
}

void file_set_free(struct file_set *s)
{
    free(s->has);
    free(s->big);
    memset(s, 0, sizeof *s);
}

void sources_cite_set(struct strbuf *sb, sqlite3 *db, const char *key, const struct file_set *s,
                      const char *none)
{
    struct strbuf json = STRBUF_INIT;
    sb_addc(&json, '[');
    for (size_t id = 0; id < s->cap; id++)
        if (s->has[id])
            sb_printf(&json, "%s%zu", json.len > 1 ? "," : "", id);
    for (size_t i = 0; i < s->nbig; i++)
        sb_printf(&json, "%s%lld", json.len > 1 ? "," : "", (long long)s->big[i]);
    sb_addc(&json, ']');
    sqlite3_stmt *st = db_prepare(db, "transform/sql/sources.sql", "names_of");
    db_bind_text(st, ":ids", json.buf);
    sources_cite(sb, db, key, st, none);
    sb_free(&json);
}

void sources_publisher(struct report *rep, sqlite3 *db)
{
    struct strbuf a = STRBUF_INIT, b = STRBUF_INIT, sb = STRBUF_INIT;
    sb_printf(&sb, "%s, %s", ref_name(db, "kommun", &a), ref_name(db, "forvaltning", &b));
    free(rep->organisation);
    rep->organisation = sb_detach(&sb);
    sb_free(&a);
    sb_free(&b);
}
