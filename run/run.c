/*
 * run.c: one report run, from parsed options to the files on disk (run.h).
 */
#include "run/run.h"
#include "common/db.h"
#include "common/util.h"
#include "report/pipeline.h"
#include "report/series.h"
#include "report/table.h"
#include "report/text.h"
#include "transform/asof.h"
#include "transform/changes.h"
#include "transform/publications.h"
#include "transform/status.h"

#include <stdlib.h>
#include <string.h>

/* A run under way: its connections, its moments and what it is audited with. */
struct run {
    sqlite3 *db;                /* the database, as of --as-of */
    sqlite3 *compare_db;        /* --compare: a second connection, as of that moment; or NULL */
    const struct report_def *def;
    const struct run_opts *o;
    struct report_args args;    /* o->args, with units set when the register is in use */
    const char *as_of_label;    /* the moment as titles say it, or NULL: now */
    const char *compare_label;  /* --compare's moment, or NULL */
    long long as_of_cut, compare_cut;   /* the moments' last files (0: not given) */
    struct series *series;      /* the registered publications, audited with the report; or NULL */
};

/* The pipeline's build: the report, titled as of its moment, with the changes table under --compare. */
struct build_job {
    const struct run *r;
    sqlite3 *db;                /* which of the run's two connections */
    const char *label;          /* its moment, or NULL: now */
    struct report_args args;    /* the run's, with which outputs show the internal tables */
};

/* The distinct export kinds the report's sources table cites (column 0), NULL-ended in kinds[n]. */
static void cited_kinds(const struct report *rep, const char **kinds, size_t n)
{
    size_t k = 0;
    for (size_t r = 0; rep->sources && r < rep->sources->nrows && k + 1 < n; r++) {
        const char *kind = table_cell(rep->sources, r, 0)->text;
        int seen = !kind;
        for (size_t i = 0; i < k && !seen; i++)
            seen = strcmp(kinds[i], kind) == 0;
        if (!seen)
            kinds[k++] = kind;
    }
    kinds[k] = NULL;
}

static struct report *build(void *ctx, struct strbuf *err)
{
    const struct build_job *j = ctx;
    const struct run *r = j->r;
    struct report *rep = r->def->build(j->db, &j->args, err);
    if (rep && j->label) {
        /* Figures as the database knew them then: said in the title and in Om rapporten. */
        struct strbuf t = STRBUF_INIT;
        sb_printf(&t, "%s, enligt exporterna inlästa till och med %s", rep->title, j->label);
        free(rep->title);
        rep->title = sb_detach(&t);
        rep->as_of = xstrdup(j->label);
    }
    if (rep && r->compare_db && j->db == r->db) {
        /* --compare: the rows behind the changes, of the kinds the report cites. */
        const char *kinds[16];
        cited_kinds(rep, kinds, ARRAY_LEN(kinds));
        long long now = r->as_of_cut ? r->as_of_cut : changes_now(r->db);
        struct table *t = changes_table(r->db, r->compare_cut, now, kinds, r->compare_label,
                                        r->as_of_label ? r->as_of_label : "nu", err);
        if (!t) {
            report_free(rep);
            return NULL;
        }
        report_add(rep, t);
    }
    return rep;
}

/* What --publish records, for the pipeline's publish callbacks. */
struct publish_job {
    sqlite3 *db;
    struct publication_draft draft;
};

/* The pipeline's publish: the record, then every file of the set by its name under dir. */
static int publish_begin(void *ctx, const struct report *rep, const struct output_set *set,
                         const char *dir, struct strbuf *err)
{
    struct publish_job *pj = ctx;
    if (publications_begin(pj->db, &pj->draft, rep, err))
        return -1;
    size_t skip = strlen(dir) + 1;
    for (size_t i = 0; i < set->n; i++) {
        const char *name = strlen(set->final[i]) > skip ? set->final[i] + skip : set->final[i];
        if (publications_add_file(pj->db, set->tmp[i], name, err)) {
            publications_end(pj->db, 0, NULL);
            return -1;
        }
    }
    return 0;
}

static int publish_end(void *ctx, int ok, struct strbuf *err)
{
    struct publish_job *pj = ctx;
    return publications_end(pj->db, ok, err);
}

/* Compute, protect, audit, render and write, through the pipeline. */
static int run_pipeline(struct run *r, struct run_result *res, struct strbuf *err)
{
    const struct run_opts *o = r->o;
    struct build_job now = { .r = r, .db = r->db, .label = r->as_of_label, .args = r->args };
    /* --compare's report of before is compared, never written: no internal tables. */
    struct build_job then = { .r = r, .db = r->compare_db, .label = r->compare_label, .args = r->args };
    now.args.internal = o->out != NULL;
    now.args.internal_text = o->format && strcmp(o->format, "text") == 0;
    struct pipeline_opts po = { 0 };
    po.suppress = o->suppress;
    po.format = o->format;
    po.out = o->print;
    po.dir = o->out;
    po.series = r->series;
    struct strbuf options = STRBUF_INIT;
    struct publish_job pj = { .db = r->db, .draft = { .as_of = o->as_of, .out_dir = o->out } };
    if (o->publish) {
        report_args_options(&options, &o->args);
        pj.draft.options = options.buf + (options.len > 0);   /* without the leading blank */
        pj.draft.data_file_id = r->as_of_cut ? r->as_of_cut : changes_now(r->db);
        po.publish = publish_begin;
        po.publish_end = publish_end;
        po.publish_ctx = &pj;
    }
    if (r->compare_db) {
        po.before = build;
        po.before_ctx = &then;
        po.before_label = r->compare_label;
        po.after_label = r->as_of_label ? r->as_of_label : "nu";
    }
    struct pipeline_result pr = { 0 };
    int rc = pipeline_run(build, &now, &po, &pr, err);
    if (rc == 0) {
        res->title = pr.title;
        res->files = pr.files;
        res->unchanged = pr.unchanged;
        res->charts_skipped = pr.charts_skipped;
        res->internal = pr.internal;
        res->published = pr.files && o->publish;
    } else {
        free(pr.title);
        free(pr.files);
    }
    sb_free(&options);
    return rc;
}

/* Opens the database: read-only, or writable to record a publication in its register. */
static int open_for(const char *dbpath, int publish, sqlite3 **db, struct strbuf *err)
{
    if (!publish || !db_exists(dbpath))
        return db_open_ro(dbpath, db, err);
    struct strbuf werr = STRBUF_INIT;
    int rc = db_open(dbpath, db, &werr);
    if (rc)
        sb_printf(err, "--publish kräver att databasen går att skriva, eftersom registret över det "
                       "som publicerats sparas där; ingenting skrevs: %s", werr.buf);
    sb_free(&werr);
    return rc;
}

int report_run(const char *dbpath, const struct report_def *def, const struct run_opts *o,
               struct run_result *res, struct strbuf *err)
{
    memset(res, 0, sizeof *res);
    struct run r = { .def = def, .o = o, .args = o->args };
    struct strbuf label = STRBUF_INIT, clabel = STRBUF_INIT, why = STRBUF_INIT;
    struct series series;
    series_init(&series);
    int rc = open_for(dbpath, o->publish, &r.db, err);
    if (!rc && o->as_of && asof_apply(r.db, o->as_of, &label, &r.as_of_cut, &why)) {
        sb_printf(err, "--as-of %s", why.buf);
        rc = -1;
    }
    r.as_of_label = o->as_of ? label.buf : NULL;
    /* --compare: the same report from a second connection, as of that moment. */
    if (!rc && o->compare) {
        rc = db_open_ro(dbpath, &r.compare_db, err);
        if (!rc && asof_apply(r.compare_db, o->compare, &clabel, &r.compare_cut, &why)) {
            sb_printf(err, "--compare %s", why.buf);
            rc = -1;
        }
        r.compare_label = clabel.buf;
    }
    /*
     * With anything published, the report is audited together with it, so
     * its counts must name their rows; a publication must name them too.
     * One recorded afterwards (--publish with --as-of) was made before the
     * register, protected alone: it is recorded as it was sent.
     */
    if (!rc && (o->publish || publications_any(r.db))) {
        r.args.units = 1;
        r.series = o->publish && o->as_of ? NULL : &series;
        profile_phase("start");
        if (r.series && publications_series(r.db, &series, err))
            rc = -1;
    }
    profile_phase("registret läst");
    if (!rc)
        rc = run_pipeline(&r, res, err);
    profile_phase("rapporten skriven");
    if (!rc && o->compare)
        res->compare_label = xstrdup(clabel.buf);
    series_free(&series);
    db_close(r.compare_db);
    db_close(r.db);
    sb_free(&label);
    sb_free(&clabel);
    sb_free(&why);
    return rc;
}

void run_result_free(struct run_result *res)
{
    free(res->title);
    free(res->files);
    free(res->compare_label);
    memset(res, 0, sizeof *res);
}

int run_status(const char *dbpath, FILE *out, struct strbuf *err)
{
    if (!db_exists(dbpath)) {
        fprintf(out, "Inga filer är inlästa ännu: databasen %s finns inte.\n", dbpath);
        return 0;
    }
    sqlite3 *db;
    if (db_open_ro(dbpath, &db, err))
        return -1;
    struct table *kinds = NULL, *files = NULL, *pubs = NULL;
    int rc = status_tables(db, &kinds, &files, err) || publications_table(db, &pubs, err) ? -1 : 0;
    if (!rc) {
        fprintf(out, "Inläst i %s\n\n", dbpath);
        text_write_table(out, kinds);
        if (files)
            text_write_table(out, files);
        else
            fprintf(out, "Inga filer är inlästa ännu.\n");
        if (pubs)
            text_write_table(out, pubs);
        else
            fprintf(out, "Inget är registrerat som publicerat (fotstat report ... --out MAPP --publish).\n");
    }
    table_free(kinds);
    table_free(files);
    table_free(pubs);
    db_close(db);
    return rc;
}
