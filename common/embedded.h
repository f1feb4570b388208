/*
 * embedded.h: the project's .sql files, compiled into the binary by
 * tools/embed.sh, and the lookup of one named statement inside them.
 *
 * A .sql file holds one or more statements, each introduced by a line
 * `-- name: NAME`; embedded_sql("transform/sql/status.sql", "kinds")
 * returns the text between that marker and the next one.
 */
#ifndef FOTSTAT_EMBEDDED_H
#define FOTSTAT_EMBEDDED_H

#include <stddef.h>

struct embedded_file {
    const char *path;   /* path relative to the repository, e.g. "data/schema.sql" */
    const char *text;   /* the whole file, NUL-terminated */
};

extern const struct embedded_file embedded_files[];

/* Returns the whole text of the embedded file PATH, or NULL. */
const char *embedded_file(const char *path);

/*
 * Finds the statement NAME in the embedded file PATH.  Returns a pointer
 * into static storage and its length in *len, or NULL if either is unknown.
 * A NULL or empty NAME means the whole file.
 */
const char *embedded_sql(const char *path, const char *name, size_t *len);

#endif
