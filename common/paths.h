/*
 * paths.h: where fotstat's own files are: its data (the årsmål file and
 * the sample exports) and the pseudonym key beside a database.
 */
#ifndef FOTSTAT_PATHS_H
#define FOTSTAT_PATHS_H

/*
 * Where the data is (caller frees), or NULL: $FOTSTAT_DATADIR; else, for
 * the program run where it was built, the source tree's data/ beside it;
 * else beside the program as installed (BIN/../share/fotstat, wherever
 * PREFIX and DESTDIR put it); else the DATADIR it was built for.  An
 * installed program has no data/ beside it, so it never reads a build tree.
 */
char *data_dir(void);

/* The DATADIR the program was built for (make install's). */
const char *data_dir_built(void);

/* The pseudonym key: $FOTSTAT_KEY_FILE, else DBPATH.key beside the database; caller frees. */
char *key_file(const char *dbpath);

/* Creates dir (one level) if it does not exist; returns 0, or -1 with a Swedish message in err. */
struct strbuf;
int dir_ensure(const char *dir, struct strbuf *err);

#endif
