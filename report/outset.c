/*
 * outset.c: files written all or none (outset.h).
 */
#include "report/outset.h"
#include "common/util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *output_path(const struct report *rep, const char *dir, const char *suffix)
{
    struct strbuf sb = STRBUF_INIT;
    sb_printf(&sb, "%s/%s-%s%s", dir, rep->name, rep->period, suffix);
    return sb_detach(&sb);
}

void output_add(struct output_set *set, char *tmp, char *final)
{
    scratch_add(tmp);
    set->tmp = xrealloc(set->tmp, (set->n + 1) * sizeof *set->tmp);
    set->final = xrealloc(set->final, (set->n + 1) * sizeof *set->final);
    set->tmp[set->n] = tmp;
    set->final[set->n] = final;
    set->n++;
}

void output_scratch(struct output_set *set, char *path)
{
    scratch_add(path);
    set->scratch = xrealloc(set->scratch, (set->nscratch + 1) * sizeof *set->scratch);
    set->scratch[set->nscratch++] = path;
}

const char *output_scratch_find(const struct output_set *set, const char *path)
{
    for (size_t i = 0; i < set->nscratch; i++)
        if (strcmp(set->scratch[i], path) == 0)
            return set->scratch[i];
    return NULL;
}

static void set_clear(struct output_set *set)
{
    for (size_t i = 0; i < set->nscratch; i++) {
        unlink(set->scratch[i]);
        scratch_remove(set->scratch[i]);
        free(set->scratch[i]);
    }
    free(set->scratch);
    set->scratch = NULL;
    set->nscratch = 0;
    for (size_t i = 0; i < set->n; i++) {
        scratch_remove(set->tmp[i]);
        free(set->tmp[i]);
        free(set->final[i]);
    }
    free(set->tmp);
    free(set->final);
    if (set->made_dir)
        scratch_remove(set->made_dir);
    free(set->made_dir);
    set->tmp = set->final = NULL;
    set->made_dir = NULL;
    set->n = 0;
}

void output_abort(struct output_set *set)
{
    for (size_t i = 0; i < set->n; i++)
        unlink(set->tmp[i]);
    if (set->made_dir)
        rmdir(set->made_dir);   /* only when empty: never what an earlier run left there */
    set_clear(set);
}

int output_commit(struct output_set *set, struct strbuf *err)
{
    for (size_t i = 0; i < set->n; i++) {
        if (rename(set->tmp[i], set->final[i]) != 0) {
            sb_printf(err, "kan inte skriva \"%s\": %s", set->final[i], errno_sv(errno));
            /* Whatever was not renamed yet goes; what was is complete. */
            for (size_t j = i; j < set->n; j++)
                unlink(set->tmp[j]);
            if (set->made_dir)
                rmdir(set->made_dir);
            set_clear(set);
            return -1;
        }
    }
    set_clear(set);
    return 0;
}
