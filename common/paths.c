/*
 * paths.c: where fotstat's own files are (paths.h).
 */
#include "common/paths.h"
#include "common/strbuf.h"
#include "common/util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef FOTSTAT_DATADIR
#define FOTSTAT_DATADIR "data"
#endif

/* True if dir holds fotstat's data: the årsmål file and the sample exports. */
static int is_data_dir(const char *dir)
{
    struct strbuf p = STRBUF_INIT;
    struct stat st;
    sb_printf(&p, "%s/arsmal.csv", dir);
    int ok = stat(p.buf, &st) == 0 && S_ISREG(st.st_mode);
    sb_reset(&p);
    sb_printf(&p, "%s/sample", dir);
    ok = ok && stat(p.buf, &st) == 0 && S_ISDIR(st.st_mode);
    sb_free(&p);
    return ok;
}

char *data_dir(void)
{
    const char *env = getenv("FOTSTAT_DATADIR");
    if (env && *env)
        return xstrdup(env);
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    char *bin = NULL;
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            bin = exe;
        }
    }
    struct strbuf p = STRBUF_INIT;
    static const char *const beside[] = { "/data", "/../share/fotstat" };
    for (size_t i = 0; bin && i < ARRAY_LEN(beside); i++) {
        sb_reset(&p);
        sb_printf(&p, "%s%s", bin, beside[i]);
        if (is_data_dir(p.buf))
            return sb_detach(&p);
    }
    sb_free(&p);
    if (is_data_dir(FOTSTAT_DATADIR))
        return xstrdup(FOTSTAT_DATADIR);
    return NULL;
}

const char *data_dir_built(void)
{
    return FOTSTAT_DATADIR;
}

char *key_file(const char *dbpath)
{
    const char *env = getenv("FOTSTAT_KEY_FILE");
    struct strbuf sb = STRBUF_INIT;
    if (env && *env)
        sb_adds(&sb, env);
    else
        sb_printf(&sb, "%s.key", dbpath);
    return sb_detach(&sb);
}

int dir_ensure(const char *dir, struct strbuf *err)
{
    if (mkdir(dir, 0777) == 0 || errno == EEXIST)
        return 0;
    sb_printf(err, "kan inte skapa mappen \"%s\": %s", dir, errno_sv(errno));
    return -1;
}
