/*
 * sources.h: the files behind a report.  Two views of them: the table of
 * every loaded file of the kinds a report reads (name, kind, SHA-256,
 * rows read, loaded and rejected), for "Om rapporten"; and the "Källa:"
 * line under each table, which names the organisation behind each export
 * and the files the table's rows of the period came from.  Every report
 * builds its source lines through sources_cite, so they read the same.
 *
 *   static const char *const kinds[] = { "bf-formedlingar", "arsmal", NULL };
 *   rep->sources = sources_table(db, kinds);
 *
 *   struct strbuf src = STRBUF_INIT;
 *   sources_cite(&src, db, "bostadsformedling", st_bf_files, "inga filer");
 *   sources_cite(&src, db, "arsmal", st_target_files, "inget årsmål inläst");
 *   table_set_source(t, src.buf);      "Källa: Bostadsförmedlingen … (a.csv); årsmål … (b.csv)"
 *   sb_free(&src);
 */
#ifndef FOTSTAT_SOURCES_H
#define FOTSTAT_SOURCES_H

#include <sqlite3.h>

#include "common/strbuf.h"
#include "report/table.h"

/* A table of the loaded files of the export kinds KINDS (ended by NULL). Caller owns it. */
struct table *sources_table(sqlite3 *db, const char *const *kinds);

/*
 * Appends one source to the line in sb: "Källa: " before the first, "; "
 * between, then the name ref_name gives KEY and, in parentheses, the file
 * names st returns in its first column (st is bound by the caller and
 * finalized here), or NONE when it returns none.
 */
void sources_cite(struct strbuf *sb, sqlite3 *db, const char *key, sqlite3_stmt *st,
                  const char *none);

/*
 * The ids of the files behind rows a report reads in a pass of its own
 * (source_file_id), for sources_cite_set.  Zeroed to start; file_set_free.
 * Ids are rowids, small in any database fotstat made; one at or above
 * FILE_SET_MAX_ID (a hand-edited database) is kept in a list of its own
 * rather than in a bitmap of that size.
 */
#define FILE_SET_MAX_ID (1 << 20)

struct file_set {
    unsigned char *has;     /* has[id] is 1 for an id in the set */
    size_t cap;
    sqlite3_int64 *big;     /* the ids at or above FILE_SET_MAX_ID, each once */
    size_t nbig;
};
void file_set_add(struct file_set *s, sqlite3_int64 id);
void file_set_free(struct file_set *s);

/* sources_cite with the names of the files in s, in name order. */
void sources_cite_set(struct strbuf *sb, sqlite3 *db, const char *key, const struct file_set *s,
                      const char *none);

/* Sets rep->organisation, the publisher, from the reference data ("Stockholms stad, socialförvaltningen"). */
void sources_publisher(struct report *rep, sqlite3 *db);

#endif
