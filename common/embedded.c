/*
 * embedded.c: lookup of embedded files and of `-- name:` sections in them.
 */
#include "common/embedded.h"

#include <string.h>

const char *embedded_file(const char *path)
{
    for (const struct embedded_file *f = embedded_files; f->path; f++)
        if (strcmp(f->path, path) == 0)
            return f->text;
    return NULL;
}

const char *embedded_sql(const char *path, const char *name, size_t *len)
{
    const char *text = embedded_file(path);
    if (!text)
        return NULL;
    if (!name || !*name) {
        *len = strlen(text);
        return text;
    }
    static const char marker[] = "-- name: ";
    size_t nname = strlen(name);
    for (const char *p = text; (p = strstr(p, marker)) != NULL; p++) {
        if (p != text && p[-1] != '\n')
            continue;
        const char *q = p + sizeof marker - 1;
        if (strncmp(q, name, nname) != 0 || (q[nname] != '\n' && q[nname] != ' '))
            continue;
        const char *body = strchr(q, '\n');
        if (!body)
            return NULL;
        body++;
        const char *end = body;
        for (;;) {
            end = strstr(end, marker);
            if (!end || end[-1] == '\n')
                break;
            end++;
        }
        *len = end ? (size_t)(end - body) : strlen(body);
        return body;
    }
    return NULL;
}
