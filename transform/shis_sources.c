/*
 * shis_sources.c: the "Källa: …" lines of SHIS's report (shis_tables.h):
 * the files behind its placements and Bostadsförmedlingen's flats.
 */
#include "transform/shis_tables.h"
#include "common/db.h"
#include "common/util.h"
#include "transform/sources.h"

#include <stdlib.h>
#include <string.h>

void shis_cite_files(struct strbuf *sb, const struct shis *s, const char *stmt, const char *key,
                     const char *from, const char *through)
{
    sqlite3_stmt *st = db_prepare(s->db, SQL, stmt);
    db_bind_text(st, ":from", from);
    db_bind_text(st, ":through", through);
    sources_cite(sb, s->db, key, st, "inga filer");
}

/* The "Källa: …" line of those placements, and with_bf, of BF's genomgångsbostäder too. */
static char *placement_source(const struct shis *s, const char *from, const char *through,
                              int with_bf)
{
    struct strbuf sb = STRBUF_INIT;
    shis_cite_files(&sb, s, "placering_files", "shis", from, through);
    if (with_bf)
        shis_cite_files(&sb, s, "genomgang_files", "bostadsformedling", from, through);
    return sb_detach(&sb);
}

void shis_cite_placements(struct table *t, const struct shis *s, const char *from,
                          const char *through, int with_bf)
{
    if (strcmp(from, s->ytd.from) == 0 && strcmp(through, s->ytd.through) == 0) {
        table_set_source(t, s->ytd_source[with_bf != 0]);
        return;
    }
    char *line = placement_source(s, from, through, with_bf);
    table_set_source(t, line);
    free(line);
}
