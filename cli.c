/*
 * cli.c: the command line: parses, dispatches, prints and picks the exit status.
 *
 *   fotstat [--db FIL] ingest [--strict] FIL|MAPP...
 *   fotstat [--db FIL] status
 *   fotstat [--db FIL] report NAMN [flaggor]
 *   fotstat [--db FIL] demo [--out MAPP]
 *
 * The commands are one table (commands[]), each with its table of options
 * (common/opt.h), from which parsing, usage errors and --help come; the
 * reports and their period options come from the registry.  A report run
 * is one call to report/run.h.  Only this file prints the outcome of a
 * command and picks exit codes; the stages return statuses and messages.
 */
#include "cli.h"
#include "common/opt.h"
#include "common/db.h"
#include "common/paths.h"
#include "common/strbuf.h"
#include "common/util.h"
#include "ingest/ingest.h"
#include "report/output.h"
#include "report/run.h"
#include "transform/registry.h"

#include <errno.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { EXIT_OK = 0, EXIT_REJECTED = 1, EXIT_USAGE = 2 };

static int usage_error(const struct command *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Says what is wrong with the command line, then the command's usage; returns EXIT_USAGE. */
static int usage_error(const struct command *c, const char *fmt, ...)
{
    va_list ap;
    fputs("fotstat: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n\n%s", cli_usage(c));
    return EXIT_USAGE;
}

/* A failure the command has a message for: "fotstat: MESSAGE", EXIT_USAGE. */
static int failed(const struct strbuf *err)
{
    fprintf(stderr, "fotstat: %s\n", err->buf);
    return EXIT_USAGE;
}

static void print_msg(void *ctx, const char *line)
{
    (void)ctx;
    fprintf(stderr, "%s\n", line);
}

/* Ingest's outcome as the exit status: rows rejected is 1, a file not loaded 2. */
static int ingest_status(int rc)
{
    return rc == INGEST_OK ? EXIT_OK : rc == INGEST_REJECTED ? EXIT_REJECTED : EXIT_USAGE;
}

/* Ingests paths into the database at dbpath; returns ingest's status or INGEST_FAILED. */
static int ingest(const char *dbpath, char *const *paths, int n, int strict)
{
    struct ingest_opts o = { 0 };
    o.strict = strict;
    o.msg = print_msg;
    o.progress = isatty(STDERR_FILENO) ? stderr : NULL;
    struct strbuf err = STRBUF_INIT;
    sqlite3 *db;
    if (db_open(dbpath, &db, &err)) {
        failed(&err);
        sb_free(&err);
        return INGEST_FAILED;
    }
    char *key = key_file(dbpath);
    o.key_file = key;
    int rc = ingest_paths(db, paths, n, &o);
    db_close(db);
    free(key);
    return rc;
}

int cli_ingest(const struct command *c, const struct cli_db *db, int argc, char **argv)
{
    struct opt_scan s = { NULL, 0, argc, argv, 0 };
    s.opts = cli_options(c, &s.nopts);
    struct strbuf err = STRBUF_INIT;
    const char *v;
    int strict = 0;
    for (const struct opt *o; (o = opt_next(&s, &v, &err));)
        strict |= o->id == CLI_STRICT;
    if (err.len || s.i == argc) {
        int rc = usage_error(c, "%s", err.len ? err.buf : "ange minst en fil eller mapp");
        sb_free(&err);
        return rc;
    }
    return ingest_status(ingest(db->path, argv + s.i, argc - s.i, strict));
}

int cli_status(const struct command *c, const struct cli_db *db, int argc, char **argv)
{
    if (argc > 0)
        return usage_error(c, "okänt argument \"%s\"", argv[0]);
    struct strbuf err = STRBUF_INIT;
    int rc = run_status(db->path, stdout, &err) ? failed(&err) : EXIT_OK;
    sb_free(&err);
    return rc;
}

/* Runs one report and tells what it did; `wrote` says which files, for the demo. */
static int report(const char *dbpath, const struct report_def *def, const struct run_opts *o, int wrote)
{
    static int told_no_gnuplot;
    struct strbuf err = STRBUF_INIT;
    struct run_result res;
    if (report_run(dbpath, def, o, &res, &err)) {
        int rc = failed(&err);
        sb_free(&err);
        return rc;
    }
    if (res.unchanged)
        fprintf(stderr, "fotstat: inga publicerade tal skiljer sig från rapporten enligt exporterna "
                        "inlästa till och med %s\n", res.compare_label);
    if (res.charts_skipped && !told_no_gnuplot++)
        fprintf(stderr, "fotstat: gnuplot finns inte, så diagrammen (PNG och SVG) skrevs inte; "
                        "allt annat är skrivet (installera paketet gnuplot-nox)\n");
    if (res.published)
        fprintf(stderr, "fotstat: registrerade %s-%s som publicerad%s%s; se fotstat status\n",
                def->name, res.files + strlen(def->name) + 1,
                o->as_of ? " med uppgifterna enligt --as-of " : "", o->as_of ? o->as_of : "");
    if (res.files && wrote)
        printf("%s: skrev %s.csv, .xlsx, .html, .eml och diagram i %s%s%s%s\n", res.title, res.files,
               o->out, res.internal ? "; radunderlaget (internt) i " : "",
               res.internal ? o->out : "", res.internal ? "/" OUTPUT_INTERNAL_DIR "/" : "");
    run_result_free(&res);
    return EXIT_OK;
}

/* Sets one report option of o from the command line; returns 0 or a usage error's status. */
static int report_option(const struct command *c, const struct report_def *def, const struct opt *opt,
                         const char *v, struct run_opts *o)
{
    switch (opt->id) {
    case OPT_YEAR:
    case OPT_TERTIAL:
    case OPT_THROUGH:
    case OPT_MONTH:
        if (!(def->takes & (unsigned)opt->id))
            return usage_error(c, "%s passar inte till rapporten %s", opt->name, def->name);
        if (opt->id == OPT_YEAR && opt_whole(v, 1900, 2199, &o->args.year))
            return usage_error(c, "--year \"%s\" är inget år", v);
        if (opt->id == OPT_TERTIAL && opt_whole(v, 1, 3, &o->args.tertial))
            return usage_error(c, "--tertial ska vara 1, 2 eller 3, inte \"%s\"", v);
        if (opt->id == OPT_THROUGH)
            o->args.through = v;
        if (opt->id == OPT_MONTH)
            o->args.month = v;
        return 0;
    case CLI_FORMAT:
        if (strcmp(v, "text") != 0 && strcmp(v, "csv") != 0)
            return usage_error(c, "--format ska vara text eller csv, inte \"%s\"", v);
        o->format = v;
        return 0;
    case CLI_SUPPRESS:
        if (opt_whole(v, 0, 1000, &o->suppress))
            return usage_error(c, "--suppress \"%s\" är inget heltal 0–1000", v);
        return 0;
    case CLI_OUT:
        o->out = v;
        return 0;
    case CLI_AS_OF:
        o->as_of = v;
        return 0;
    case CLI_COMPARE:
        o->compare = v;
        return 0;
    case CLI_PUBLISH:
        o->publish = 1;
        return 0;
    }
    return 0;
}

int cli_report(const struct command *c, const struct cli_db *db, int argc, char **argv)
{
    if (argc == 0)
        return usage_error(c, "ange vilken rapport");
    const struct report_def *def = report_find(argv[0]);
    if (!def)
        return usage_error(c, "okänd rapport \"%s\"", argv[0]);
    struct run_opts o = RUN_OPTS_INIT;
    o.print = stdout;
    struct opt_scan s = { NULL, 0, argc, argv, 1 };
    s.opts = cli_options(c, &s.nopts);
    struct strbuf err = STRBUF_INIT;
    const char *v;
    unsigned given = 0;
    int rc = 0;
    for (const struct opt *opt; !rc && (opt = opt_next(&s, &v, &err));) {
        rc = report_option(c, def, opt, v, &o);
        given |= (unsigned)opt->id & def->takes;
    }
    if (!rc && err.len)
        rc = usage_error(c, "%s", err.buf);
    if (!rc && s.i < argc)
        rc = usage_error(c, "okänt argument \"%s\"", argv[s.i]);
    sb_free(&err);
    for (size_t k = 0; !rc && k < report_noptions; k++)
        if ((def->requires & (unsigned)report_options[k].id) && !(given & (unsigned)report_options[k].id))
            rc = usage_error(c, "%s kräver %s", def->name, report_options[k].name);
    if (!rc && o.publish && !o.out)
        rc = usage_error(c, "--publish kräver --out MAPP: det är filerna där som registreras som publicerade");
    if (!rc && o.publish && o.suppress <= 1)
        rc = usage_error(c, "--publish med --suppress %d: tabellerna är inte skyddade och får inte "
                            "publiceras", o.suppress);
    return rc ? rc : report(db->path, def, &o, 0);
}

/* Removes the demo's own database and its journals, for a fresh one. */
static void remove_db(const char *dbpath)
{
    static const char *const suffix[] = { "", "-journal", "-wal", "-shm" };
    for (size_t i = 0; i < ARRAY_LEN(suffix); i++) {
        struct strbuf p = STRBUF_INIT;
        sb_printf(&p, "%s%s", dbpath, suffix[i]);
        unlink(p.buf);
        sb_free(&p);
    }
}

/* The sample exports and the årsmål into a fresh database, its status, every demo run of every report. */
static int demo(const char *data, const char *dbpath, const char *out)
{
    struct strbuf targets = STRBUF_INIT, sample = STRBUF_INIT, err = STRBUF_INIT;
    sb_printf(&targets, "%s/arsmal.csv", data);
    sb_printf(&sample, "%s/sample", data);
    char *paths[] = { targets.buf, sample.buf };
    printf("Läser in exempelexporterna från %s\n", data);
    fflush(stdout);
    int rc = ingest(dbpath, paths, 2, 0);
    if (rc == INGEST_FAILED) {
        fprintf(stderr, "fotstat: exempelexporterna kunde inte läsas in\n");
        rc = EXIT_USAGE;
    } else {
        printf("\n");
        rc = run_status(dbpath, stdout, &err) ? failed(&err) : EXIT_OK;
        if (rc == EXIT_OK)
            printf("\nRapporter\n");
    }
    for (size_t i = 0; i < report_ndefs && rc == EXIT_OK; i++)
        for (const struct report_args *a = report_defs[i].demo; !DEMO_IS_END(a) && rc == EXIT_OK; a++) {
            struct run_opts ro = RUN_OPTS_INIT;
            ro.args = *a;
            ro.format = NULL;
            ro.out = out;
            rc = report(dbpath, &report_defs[i], &ro, 1);
        }
    sb_free(&targets);
    sb_free(&sample);
    sb_free(&err);
    return rc;
}

int cli_demo(const struct command *c, const struct cli_db *db, int argc, char **argv)
{
    struct opt_scan s = { NULL, 0, argc, argv, 0 };
    s.opts = cli_options(c, &s.nopts);
    struct strbuf err = STRBUF_INIT;
    const char *out = "demo-ut", *v;
    while (opt_next(&s, &v, &err))      /* --out, the one option */
        out = v;
    if (err.len || s.i < argc) {
        int rc = err.len ? usage_error(c, "%s", err.buf) : usage_error(c, "okänt argument \"%s\"", argv[s.i]);
        sb_free(&err);
        return rc;
    }
    const char *dbflag = db->flag;
    char *data = data_dir();
    struct stat st;
    int rc = EXIT_USAGE;
    if (!data)
        fprintf(stderr, "fotstat: hittar inte exempelexporterna: ange mappen med $FOTSTAT_DATADIR "
                        "(installerade ligger i %s)\n", data_dir_built());
    else if (dir_ensure(out, &err))
        failed(&err);
    else if (dbflag && stat(dbflag, &st) == 0)   /* a fresh database: the demo's own, never one the user named */
        fprintf(stderr, "fotstat: demo vill ha en ny databas, men \"%s\" finns redan\n", dbflag);
    else {
        struct strbuf dbpath = STRBUF_INIT;
        if (dbflag)
            sb_adds(&dbpath, dbflag);
        else
            sb_printf(&dbpath, "%s/fotstat-demo.db", out);
        if (!dbflag)
            remove_db(dbpath.buf);
        rc = demo(data, dbpath.buf, out);
        sb_free(&dbpath);
    }
    free(data);
    sb_free(&err);
    return rc;
}

static int run_command(int argc, char **argv);

/*
 * A report or status written to a full disk or a closed pipe must not end
 * as a success: whatever the command did, standard output is flushed and
 * checked before the exit status is given.
 */
int cli_main(int argc, char **argv)
{
    int rc = run_command(argc, argv);
    int e = fflush(stdout) != 0 ? errno : 0;    /* errno says why only if this flush failed */
    if (e || ferror(stdout)) {
        /* A command that failed has said why already. */
        if (rc == EXIT_OK || rc == EXIT_REJECTED)
            fprintf(stderr, "fotstat: kunde inte skriva till standard ut: %s; utdata är ofullständigt\n",
                    e ? errno_sv(e) : "skrivfel");
        return EXIT_USAGE;
    }
    return rc;
}

static int run_command(int argc, char **argv)
{
    if (sodium_init() < 0) {
        fprintf(stderr, "fotstat: libsodium kunde inte startas\n");
        return EXIT_USAGE;
    }
    struct opt_scan s = { cli_global_opts, cli_nglobal_opts, argc - 1, argv + 1, 0 };
    struct strbuf err = STRBUF_INIT;
    const char *dbflag = NULL, *v;
    for (const struct opt *o; (o = opt_next(&s, &v, &err));) {
        if (o->id == CLI_DB)
            dbflag = v;
        else if (o->id == CLI_HELP)
            return fputs(cli_usage(NULL), stdout), EXIT_OK;
        else if (o->id == CLI_VERSION)
            return cli_print_version(stdout), EXIT_OK;
    }
    if (err.len || s.i == s.argc) {
        int rc = usage_error(NULL, "%s", err.len ? err.buf : "ange ett kommando");
        sb_free(&err);
        return rc;
    }
    struct cli_db db = { dbflag, dbflag && *dbflag ? dbflag : getenv("FOTSTAT_DB") };
    if (!db.path || !*db.path)
        db.path = "fotstat.db";
    const struct command *c = cli_command(s.argv[s.i]);
    if (!c)
        return usage_error(NULL, "okänt kommando \"%s\"", s.argv[s.i]);
    int sub_argc = s.argc - s.i - 1;
    char **sub_argv = s.argv + s.i + 1;
    if (opt_wants_help(sub_argc, sub_argv))
        return fputs(cli_usage(c), stdout), EXIT_OK;
    return c->run(c, &db, sub_argc, sub_argv);
}
