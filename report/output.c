/*
 * output.c: report files written all or none (output.h).
 */
#include "report/output.h"
#include "common/util.h"
#include "report/csvout.h"
#include "report/html.h"
#include "report/xlsx.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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

static void set_clear(struct output_set *set)
{
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

/* Opens DIR/NAME-PERIOD-SUFFIX's temporary file and adds it to the set; NULL with err. */
static FILE *open_tmp(const struct report *rep, const char *dir, const char *suffix,
                      struct output_set *set, const char **tmp, struct strbuf *err)
{
    struct strbuf t = STRBUF_INIT;
    sb_printf(&t, "%s.tmp", suffix);
    char *final = output_path(rep, dir, suffix), *path = output_path(rep, dir, t.buf);
    sb_free(&t);
    output_add(set, path, final);   /* first: a file made is always one the set removes */
    FILE *f = fopen(path, "wb");
    if (!f) {
        sb_printf(err, "kan inte skriva \"%s\": %s", final, errno_sv(errno));
        return NULL;
    }
    *tmp = path;
    return f;
}

int output_csv(const struct report *rep, const char *dir, struct output_set *set, struct strbuf *err)
{
    const char *tmp;
    FILE *f = open_tmp(rep, dir, ".csv", set, &tmp, err);
    if (!f)
        return -1;
    errno = 0;
    int bad = csv_write_report(f, rep);
    int e = errno;
    if (fclose(f) != 0 || bad) {
        sb_printf(err, "kan inte skriva \"%s\": %s", set->final[set->n - 1],
                  errno_sv(bad && e ? e : errno));
        return -1;
    }
    return 0;
}

int output_xlsx(const struct report *rep, const char *dir, long long created,
                struct output_set *set, struct strbuf *err)
{
    char *final = output_path(rep, dir, ".xlsx");
    char *tmp = output_path(rep, dir, ".xlsx.tmp");
    output_add(set, tmp, final);
    return xlsx_write_report(rep, XLSX_PUBLIC, tmp, final, created, err);
}

int output_has_internal(const struct report *rep)
{
    for (size_t i = 0; i < rep->ntables; i++)
        if (rep->tables[i]->internal)
            return 1;
    return 0;
}

/*
 * DIR/internt, made readable by its owner only: one that exists already is
 * narrowed to that, since it is about to hold rows about households.
 */
static char *internal_dir(const char *dir, struct output_set *set, struct strbuf *err)
{
    struct strbuf sb = STRBUF_INIT;
    sb_printf(&sb, "%s/%s", dir, OUTPUT_INTERNAL_DIR);
    int made = mkdir(sb.buf, 0700) == 0;
    if (made && !set->made_dir) {
        set->made_dir = xstrdup(sb.buf);
        scratch_add(set->made_dir);
    }
    if ((!made && errno != EEXIST) || chmod(sb.buf, 0700) != 0) {
        sb_printf(err, "kan inte skapa mappen \"%s\" för internt underlag: %s", sb.buf,
                  errno_sv(errno));
        sb_free(&sb);
        return NULL;
    }
    return sb_detach(&sb);
}

int output_internal(const struct report *rep, const char *dir, long long created,
                    struct output_set *set, struct strbuf *err)
{
    if (!output_has_internal(rep))
        return 0;
    char *idir = internal_dir(dir, set, err);
    if (!idir)
        return -1;
    char *final = output_path(rep, idir, "-internt.xlsx");
    char *tmp = output_path(rep, idir, "-internt.xlsx.tmp");
    free(idir);
    output_add(set, tmp, final);
    int rc = xlsx_write_report(rep, XLSX_INTERNAL, tmp, final, created, err);
    if (rc == 0 && chmod(tmp, 0600) != 0) {
        sb_printf(err, "kan inte skydda \"%s\": %s", final, errno_sv(errno));
        rc = -1;
    }
    return rc;
}

/* Where the SVG of a table's chart was written in this run (html_svg_fn). */
struct svg_lookup {
    const struct report *rep;
    const char *dir;
    const struct output_set *set;
};

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    struct strbuf sb = STRBUF_INIT;
    char buf[8192];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        sb_add(&sb, buf, n);
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        sb_free(&sb);
        return NULL;
    }
    return sb_detach(&sb);
}

static char *chart_svg(void *ctx, const struct table *t)
{
    const struct svg_lookup *l = ctx;
    struct strbuf suffix = STRBUF_INIT;
    sb_printf(&suffix, "-%s.svg", t->chart.name);
    char *final = output_path(l->rep, l->dir, suffix.buf);
    char *svg = NULL;
    for (size_t i = 0; i < l->set->n && !svg; i++)
        if (strcmp(l->set->final[i], final) == 0)
            svg = read_file(l->set->tmp[i]);
    free(final);
    sb_free(&suffix);
    return svg;
}

int output_html(const struct report *rep, const char *dir, struct output_set *set, struct strbuf *err)
{
    const char *tmp;
    FILE *f = open_tmp(rep, dir, ".html", set, &tmp, err);
    if (!f)
        return -1;
    struct svg_lookup l = { rep, dir, set };
    int bad = html_write_report(f, rep, chart_svg, &l, err);
    if (fclose(f) != 0 && !bad) {
        sb_printf(err, "kan inte skriva \"%s\": %s", set->final[set->n - 1], errno_sv(errno));
        bad = 1;
    }
    return bad ? -1 : 0;
}
