/*
 * demo.c: fotstat demo, the whole pipeline on the shipped sample (run.h).
 */
#include "run/run.h"
#include "common/db.h"
#include "common/paths.h"
#include "common/util.h"

#include <stdlib.h>
#include <sys/stat.h>

/* The sample exports and the årsmål into the database, its status, every demo run of every report. */
static int demo(const struct demo_opts *d, const char *data, const char *dbpath, struct strbuf *err)
{
    struct strbuf targets = STRBUF_INIT, sample = STRBUF_INIT;
    sb_printf(&targets, "%s/arsmal.csv", data);
    sb_printf(&sample, "%s/sample", data);
    char *paths[] = { targets.buf, sample.buf };
    fprintf(d->print, "Läser in exempelexporterna från %s\n", data);
    fflush(d->print);
    int rc = ingest_run(dbpath, paths, 2, d->ingest, err) == INGEST_FAILED ? -1 : 0;
    if (rc && !err->len)
        sb_adds(err, "exempelexporterna kunde inte läsas in");
    if (!rc) {
        fprintf(d->print, "\n");
        rc = run_status(dbpath, d->print, err);
    }
    if (!rc)
        fprintf(d->print, "\nRapporter\n");
    for (size_t i = 0; i < report_ndefs && !rc; i++)
        for (const struct report_args *a = report_defs[i].demo; !DEMO_IS_END(a) && !rc; a++) {
            struct run_opts ro = RUN_OPTS_INIT;
            ro.args = *a;
            ro.format = NULL;
            ro.out = d->out;
            rc = d->report(d->ctx, dbpath, &report_defs[i], &ro);
        }
    sb_free(&targets);
    sb_free(&sample);
    return rc;
}

int run_demo(const struct demo_opts *d, struct strbuf *err)
{
    char *data = data_dir();
    struct strbuf dbpath = STRBUF_INIT;
    struct stat st;
    int rc = -1;
    if (!data) {
        sb_printf(err, "hittar inte exempelexporterna: ange mappen med $FOTSTAT_DATADIR "
                       "(installerade ligger i %s)", data_dir_built());
    } else if (d->dbflag && stat(d->dbflag, &st) == 0) {
        /* A fresh database: the demo's own, never one the user named. */
        sb_printf(err, "demo vill ha en ny databas, men \"%s\" finns redan", d->dbflag);
    } else if (dir_ensure(d->out, err) == 0) {
        if (!d->dbflag) {
            sb_printf(&dbpath, "%s/fotstat-demo.db", d->out);
            db_remove(dbpath.buf);
        }
        rc = demo(d, data, d->dbflag ? d->dbflag : dbpath.buf, err);
    }
    free(data);
    sb_free(&dbpath);
    return rc;
}
