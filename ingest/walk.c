/*
 * walk.c: the files and folders named on the command line, each folder's
 * *.csv files in name order (ingest.h).
 */
#include "ingest/ingest.h"
#include "common/db.h"
#include "common/paths.h"
#include "common/strbuf.h"
#include "common/util.h"
#include "ingest/load.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* True if name ends in ".csv", any case. */
static int is_csv(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && strcasecmp(name + n - 4, ".csv") == 0;
}

int ingest_paths(sqlite3 *db, char *const *paths, int n, const struct ingest_opts *o)
{
    int worst = INGEST_OK;
    for (int i = 0; i < n; i++) {
        struct stat sb;
        if (stat(paths[i], &sb) != 0 || !S_ISDIR(sb.st_mode)) {
            int rc = ingest_one(db, paths[i], o);
            worst = rc > worst ? rc : worst;
            continue;
        }
        DIR *dir = opendir(paths[i]);
        if (!dir) {
            ingest_say(o, "%s: kan inte öppna mappen: %s", paths[i], errno_sv(errno));
            worst = INGEST_FAILED;
            continue;
        }
        char **names = NULL;
        size_t nn = 0, cap = 0;
        struct dirent *de;
        while ((de = readdir(dir)) != NULL) {
            if (de->d_name[0] == '.' || !is_csv(de->d_name))
                continue;
            names = xgrow(names, &cap, nn, sizeof *names, 16);
            struct strbuf p = STRBUF_INIT;
            sb_printf(&p, "%s%s%s", paths[i],
                      paths[i][strlen(paths[i]) - 1] == '/' ? "" : "/", de->d_name);
            names[nn++] = sb_detach(&p);
        }
        closedir(dir);
        if (nn == 0)
            ingest_say(o, "%s: mappen innehåller inga .csv-filer", paths[i]);
        if (nn)      /* qsort of a null array is undefined, even of none */
            qsort(names, nn, sizeof *names, cmp_str);
        for (size_t j = 0; j < nn; j++) {
            int rc = ingest_one(db, names[j], o);
            worst = rc > worst ? rc : worst;
            free(names[j]);
        }
        free(names);
    }
    return worst;
}

int ingest_run(const char *dbpath, char *const *paths, int n, const struct ingest_opts *o,
               struct strbuf *err)
{
    sqlite3 *db;
    if (db_open(dbpath, &db, err))
        return INGEST_FAILED;
    struct ingest_opts with_key = *o;
    char *key = o->key_file ? NULL : key_file(dbpath);
    if (key)
        with_key.key_file = key;
    int rc = ingest_paths(db, paths, n, &with_key);
    db_close(db);
    free(key);
    return rc;
}
