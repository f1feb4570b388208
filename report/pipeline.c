/*
 * pipeline.c: compute, protect, audit, summarize, render, write (pipeline.h).
 */
#include "report/pipeline.h"
#include "common/paths.h"
#include "common/util.h"
#include "report/chart.h"
#include "report/compare.h"
#include "report/csvout.h"
#include "report/output.h"
#include "report/series.h"
#include "report/suppress.h"
#include "report/text.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Writes every file of the report under dir, or none of them; with o->publish, records them. */
static int write_files(const struct report *rep, const struct pipeline_opts *o, long long created,
                       struct pipeline_result *res, struct strbuf *err)
{
    const char *dir = o->dir;
    struct output_set set = OUTPUT_SET_INIT;
    if (dir_ensure(dir, err))
        return -1;
    struct internal_job internal = { .tmp = NULL, .final = NULL };
    /* The internal workbook first: it takes longest, and is written meanwhile by a process of its own. */
    int rc = output_internal(rep, dir, created, &set, &internal, err) ||
             output_csv(rep, dir, &set, err) || output_xlsx(rep, dir, created, &set, err);
    if (!rc && chart_available())
        rc = chart_write_report(rep, dir, &set, err);
    else if (!rc)
        res->charts_skipped = 1;
    if (!rc)
        rc = output_html(rep, dir, &set, err);
    if (!rc)
        rc = output_eml(rep, dir, created, &set, err);
    if (output_internal_end(&internal, !rc, &set, err))
        rc = -1;
    int publishing = !rc && o->publish;
    if (publishing && o->publish(o->publish_ctx, rep, &set, dir, err))
        rc = -1, publishing = 0;
    /* The final names, to take the files back should the record not commit. */
    size_t n = set.n;
    char **final = xcalloc(n ? n : 1, sizeof *final);
    for (size_t i = 0; i < n; i++)
        final[i] = xstrdup(set.final[i]);
    if (rc || output_commit(&set, err)) {
        output_abort(&set);
        if (publishing)
            o->publish_end(o->publish_ctx, 0, NULL);
        rc = -1;
    } else if (publishing && o->publish_end(o->publish_ctx, 1, err)) {
        for (size_t i = 0; i < n; i++)
            unlink(final[i]);
        sb_adds(err, "; filerna togs bort igen, eftersom publiceringen inte kunde registreras");
        rc = -1;
    }
    for (size_t i = 0; i < n; i++)
        free(final[i]);
    free(final);
    return rc;
}

int pipeline_run(report_build_fn build, void *ctx, const struct pipeline_opts *o,
                 struct pipeline_result *res, struct strbuf *err)
{
    memset(res, 0, sizeof *res);
    struct report *rep = build(ctx, err);
    if (!rep)
        return -1;
    profile_phase("rapporten räknad");
    int rc = series_suppress_report(rep, o->suppress, o->series, err);
    profile_phase("skyddet");
    if (rc == 0 && o->before) {
        /* The report as it was, protected the same way: only what both publish is compared. */
        struct report *prev = o->before(o->before_ctx, err);
        rc = prev ? suppress_report(prev, o->suppress, err) : -1;
        if (rc == 0) {
            struct table *t = compare_table(prev, rep, o->before_label, o->after_label);
            if (t)
                report_add(rep, t);
            else
                res->unchanged = 1;
        }
        report_free(prev);
    }
    if (rc == 0 && rep->summarize) {
        struct strbuf sb = STRBUF_INIT;
        rep->summarize(rep, &sb);
        rep->summary = sb_detach(&sb);
    }
    long long created = report_stamp(rep);
    if (rc == 0 && o->format) {
        rc = strcmp(o->format, "csv") == 0 ? csv_write_report(o->out, rep)
                                           : text_write_report(o->out, rep);
        if (rc)
            sb_printf(err, "kan inte skriva rapporten: %s", errno_sv(errno));
    }
    if (rc == 0 && o->dir) {
        rc = write_files(rep, o, created, res, err);
        if (rc == 0) {
            struct strbuf sb = STRBUF_INIT;
            sb_printf(&sb, "%s-%s", rep->name, rep->period);
            res->files = sb_detach(&sb);
            res->internal = output_has_internal(rep);
        }
    }
    res->title = xstrdup(rep->title);
    report_free(rep);
    return rc;
}
