/*
 * pipeline.h: one report run, in its steps: compute (the report's build
 * function, from transform/), protect and audit (suppress.c, audit.c),
 * render (text or tidy CSV to a stream) and write (CSV, workbook and
 * charts under a folder, all or none).  A table that cannot be protected
 * stops the run before anything is rendered or written.
 *
 *   struct pipeline_opts o = { 3, "text", stdout, "ut" };
 *   struct pipeline_result res;
 *   if (pipeline_run(build, ctx, &o, &res, &err)) ... err says why
 */
#ifndef FOTSTAT_PIPELINE_H
#define FOTSTAT_PIPELINE_H

#include <stdio.h>

#include "common/strbuf.h"
#include "report/output.h"
#include "report/table.h"

/* Computes a report; returns it (the caller frees it) or NULL with a Swedish message in err. */
typedef struct report *(*report_build_fn)(void *ctx, struct strbuf *err);

struct pipeline_opts {
    int suppress;           /* small-count threshold (0: off) */
    const char *format;     /* "text" or "csv" to `out`; NULL renders nothing */
    FILE *out;              /* where the rendering goes */
    const char *dir;        /* --out: the folder for the files, or NULL */
    /*
     * --compare: the same report as it was (built and protected like the
     * report), whose changed figures become the table "andringar"; NULL:
     * none.  The labels name the two moments in its title.
     */
    report_build_fn before;
    void *before_ctx;
    const char *before_label, *after_label;
    /*
     * --publish: publish is called once every file of the run is written
     * under its temporary name (set: temporary and final paths under dir),
     * before they are renamed into place; publish_end after, with ok set
     * when they are all in place.  A failure of either writes nothing: the
     * files are removed again.  NULL: nothing is recorded.
     */
    int (*publish)(void *ctx, const struct report *rep, const struct output_set *set,
                   const char *dir, struct strbuf *err);
    int (*publish_end)(void *ctx, int ok, struct strbuf *err);
    void *publish_ctx;
    /*
     * The earlier publications the report is audited together with
     * (series.h), or NULL: its own audit only.
     */
    struct series *series;
};

struct pipeline_result {
    char *title;            /* the report's title (owned; free it) */
    char *files;            /* "NAME-PERIOD" of the files written, or NULL (owned) */
    int charts_skipped;     /* gnuplot is missing, so no charts were drawn */
    int internal;           /* the internal workbook was written under DIR/internt/ */
    int unchanged;          /* --compare: no published figure differs */
};

/* Runs one report.  Returns 0, or -1 with a Swedish message in err. */
int pipeline_run(report_build_fn build, void *ctx, const struct pipeline_opts *o,
                 struct pipeline_result *res, struct strbuf *err);

#endif
