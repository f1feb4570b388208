/*
 * run.h: one report run, from parsed options to the files on disk: the
 * layer above transform/ (the figures) and report/ (their protection and
 * files), below the command line.
 *
 * Everything between the command line and the pipeline lives here: the
 * database opened for reading (or for writing, to record a publication),
 * --as-of and --compare with their second connection, the title that says
 * the moment, the changes table, the register of publications the report
 * is audited with, and the pipeline that protects, renders and writes all
 * or none of the files.  The command line makes one call:
 *
 *   struct run_opts o = RUN_OPTS_INIT;
 *   o.args.year = 2021;
 *   o.out = "ut";
 *   struct run_result res;
 *   if (report_run("fotstat.db", report_find("arsmal"), &o, &res, &err)) ... err says why
 *   run_result_free(&res);
 */
#ifndef FOTSTAT_RUN_H
#define FOTSTAT_RUN_H

#include <stdio.h>

#include "common/strbuf.h"
#include "ingest/ingest.h"
#include "transform/registry.h"

struct run_opts {
    struct report_args args;    /* the period */
    const char *format;         /* "text" or "csv" printed to `print`, or NULL: nothing */
    FILE *print;                /* where the report is printed (stdout) */
    const char *out;            /* --out: the folder the files are written to, or NULL */
    int suppress;               /* --suppress: counts 1 to N-1 hidden; 0 off */
    const char *as_of;          /* --as-of, or NULL: now */
    const char *compare;        /* --compare, or NULL */
    int publish;                /* --publish: record the files written under out as published */
};

#define RUN_OPTS_INIT { .format = "text", .suppress = 3 }

/* What a run did, for the command line to tell (every string owned; run_result_free). */
struct run_result {
    char *title;            /* the report's title */
    char *files;            /* "NAME-PERIOD" of the files written under out, or NULL */
    char *compare_label;    /* --compare's moment as the changes table names it, or NULL */
    int unchanged;          /* --compare: no published figure differs */
    int charts_skipped;     /* gnuplot is missing: everything but the charts was written */
    int internal;           /* the internal workbook was written under out/internt/ */
    int published;          /* the files were recorded in the register */
};

/*
 * Runs report def on the database at dbpath as o says.  Returns 0, or -1
 * with a Swedish message in err (nothing written, nothing recorded).
 */
int report_run(const char *dbpath, const struct report_def *def, const struct run_opts *o,
               struct run_result *res, struct strbuf *err);

void run_result_free(struct run_result *res);

/*
 * The demo: the sample exports and the årsmål (data_dir) ingested into a
 * fresh database (dbflag, which must not exist, else OUT/fotstat-demo.db,
 * removed first), its status printed on print, then every demo run of
 * every report in the registry written under out, each through report
 * (the caller's: it runs report_run and tells what came of it).  Returns
 * 0; -1 with a Swedish message in err when the demo cannot start or the
 * exports cannot be loaded; or the first nonzero status report returned.
 */
struct demo_opts {
    const char *out;                    /* the folder for the database and the files */
    const char *dbflag;                 /* --db, or NULL: the demo's own */
    FILE *print;                        /* where the status and the progress go */
    const struct ingest_opts *ingest;   /* how ingest says what it does */
    int (*report)(void *ctx, const char *dbpath, const struct report_def *def, const struct run_opts *o);
    void *ctx;
};
int run_demo(const struct demo_opts *d, struct strbuf *err);

/*
 * Prints what the database at dbpath holds (status.h's tables and the
 * register) to out.  Returns 0, or -1 with a Swedish message in err.
 */
int run_status(const char *dbpath, FILE *out, struct strbuf *err);

#endif
