/*
 * cli.c: the command line: parses, dispatches, prints the outcome and
 * picks the exit status, and nothing else.
 *
 *   fotstat [--db FIL] ingest [--strict] FIL|MAPP...
 *   fotstat [--db FIL] status
 *   fotstat [--db FIL] report NAMN [flaggor]
 *   fotstat [--db FIL] demo [--out MAPP]
 *
 * The commands and their options are tables (commands.c, common/opt.h),
 * the reports the registry's; a report run is one call to report/run.h.
 */
#include "cli.h"
#include "commands.h"
#include "common/opt.h"
#include "common/strbuf.h"
#include "common/util.h"
#include "ingest/ingest.h"
#include "report/output.h"
#include "run/run.h"
#include "transform/registry.h"

#include <errno.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { EXIT_OK = 0, EXIT_REJECTED = 1, EXIT_USAGE = 2 };

/* The database a command works on: --db, else $FOTSTAT_DB, else ./fotstat.db. */
struct cli_db {
    const char *flag;       /* --db as given, or NULL */
    const char *path;       /* the database to use */
};

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

/* A failure the command has a message for: "fotstat: MESSAGE"; frees err; EXIT_USAGE. */
static int failed(struct strbuf *err)
{
    fprintf(stderr, "fotstat: %s\n", err->buf);
    sb_free(err);
    return EXIT_USAGE;
}

/*
 * Parses c's options in argv[first..], each given to set (which returns 0
 * or a usage error's status).  Operands after them are refused unless
 * operands is not NULL; it then says where they start.  Returns 0 or a
 * usage error's status.
 */
static int parse(const struct command *c, int argc, char **argv, int first,
                 int (*set)(void *ctx, const struct opt *o, const char *v), void *ctx, int *operands)
{
    struct opt_scan s = { NULL, 0, argc, argv, first };
    s.opts = cli_options(c, &s.nopts);
    struct strbuf err = STRBUF_INIT;
    const char *v;
    int rc = 0;
    for (const struct opt *o; !rc && (o = opt_next(&s, &v, &err));)
        rc = set(ctx, o, v);
    if (!rc && err.len)
        rc = usage_error(c, "%s", err.buf);
    else if (!rc && !operands && s.i < argc)
        rc = usage_error(c, "okänt argument \"%s\"", argv[s.i]);
    if (operands)
        *operands = s.i;
    sb_free(&err);
    return rc;
}

static void print_msg(void *ctx, const char *line)
{
    (void)ctx;
    fprintf(stderr, "%s\n", line);
}

/* Ingests paths into the database at dbpath; returns ingest's status. */
static int ingest(const char *dbpath, char *const *paths, int n, int strict)
{
    struct ingest_opts o = { .strict = strict, .msg = print_msg };
    o.progress = isatty(STDERR_FILENO) ? stderr : NULL;
    struct strbuf err = STRBUF_INIT;
    int rc = ingest_run(dbpath, paths, n, &o, &err);
    if (err.len)
        failed(&err);
    return rc;
}

static int set_strict(void *ctx, const struct opt *o, const char *v)
{
    (void)v;
    *(int *)ctx |= o->id == CLI_STRICT;
    return 0;
}

static int cmd_ingest(const struct command *c, const struct cli_db *db, int argc, char **argv)
{
    int strict = 0, at;
    int rc = parse(c, argc, argv, 0, set_strict, &strict, &at);
    if (!rc && at == argc)
        rc = usage_error(c, "ange minst en fil eller mapp");
    if (rc)
        return rc;
    rc = ingest(db->path, argv + at, argc - at, strict);
    /* Ingest's outcome as the exit status: rows rejected is 1, a file not loaded 2. */
    return rc == INGEST_OK ? EXIT_OK : rc == INGEST_REJECTED ? EXIT_REJECTED : EXIT_USAGE;
}

static int cmd_status(const struct command *c, const struct cli_db *db, int argc, char **argv)
{
    if (argc > 0)
        return usage_error(c, "okänt argument \"%s\"", argv[0]);
    struct strbuf err = STRBUF_INIT;
    return run_status(db->path, stdout, &err) ? failed(&err) : EXIT_OK;
}

/* Runs one report and tells what it did; `wrote` says which files, for the demo. */
static int report(const char *dbpath, const struct report_def *def, const struct run_opts *o, int wrote)
{
    static int told_no_gnuplot;
    struct strbuf err = STRBUF_INIT;
    struct run_result res;
    if (report_run(dbpath, def, o, &res, &err))
        return failed(&err);
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

/* A report run being parsed: the command, its report, the options so far. */
struct report_cli {
    const struct command *c;
    const struct report_def *def;
    struct run_opts o;
    unsigned given;     /* the period options given */
};

/* Sets one report option from the command line; returns 0 or a usage error's status. */
static int set_report(void *ctx, const struct opt *opt, const char *v)
{
    struct report_cli *r = ctx;
    struct run_opts *o = &r->o;
    unsigned bit = (unsigned)opt->id;
    if (bit < CLI_DB && !(r->def->takes & bit))
        return usage_error(r->c, "%s passar inte till rapporten %s", opt->name, r->def->name);
    r->given |= bit < CLI_DB ? bit : 0;
    switch (opt->id) {
    case OPT_YEAR:
        return opt_whole(v, 1900, 2199, &o->args.year) ? usage_error(r->c, "--year \"%s\" är inget år", v) : 0;
    case OPT_TERTIAL:
        return opt_whole(v, 1, 3, &o->args.tertial)
                   ? usage_error(r->c, "--tertial ska vara 1, 2 eller 3, inte \"%s\"", v) : 0;
    case CLI_SUPPRESS:
        return opt_whole(v, 0, 1000, &o->suppress)
                   ? usage_error(r->c, "--suppress \"%s\" är inget heltal 0–1000", v) : 0;
    case CLI_FORMAT:
        if (strcmp(v, "text") != 0 && strcmp(v, "csv") != 0)
            return usage_error(r->c, "--format ska vara text eller csv, inte \"%s\"", v);
        o->format = v;
        return 0;
    case OPT_THROUGH: o->args.through = v; return 0;
    case OPT_MONTH: o->args.month = v; return 0;
    case CLI_OUT: o->out = v; return 0;
    case CLI_AS_OF: o->as_of = v; return 0;
    case CLI_COMPARE: o->compare = v; return 0;
    case CLI_PUBLISH: o->publish = 1; return 0;
    }
    return 0;
}

static int cmd_report(const struct command *c, const struct cli_db *db, int argc, char **argv)
{
    if (argc == 0)
        return usage_error(c, "ange vilken rapport");
    struct report_cli r = { .c = c, .def = report_find(argv[0]), .o = RUN_OPTS_INIT };
    if (!r.def)
        return usage_error(c, "okänd rapport \"%s\"", argv[0]);
    r.o.print = stdout;
    int rc = parse(c, argc, argv, 1, set_report, &r, NULL);
    for (size_t k = 0; !rc && k < report_noptions; k++)
        if (r.def->requires & ~r.given & (unsigned)report_options[k].id)
            rc = usage_error(c, "%s kräver %s", r.def->name, report_options[k].name);
    if (!rc && r.o.publish && !r.o.out)
        rc = usage_error(c, "--publish kräver --out MAPP: det är filerna där som registreras som publicerade");
    if (!rc && r.o.publish && r.o.suppress <= 1)
        rc = usage_error(c, "--publish med --suppress %d: tabellerna är inte skyddade och får inte "
                            "publiceras", r.o.suppress);
    return rc ? rc : report(db->path, r.def, &r.o, 0);
}

/* The demo's report callback: report(), writing the files and saying so. */
static int demo_report(void *ctx, const char *dbpath, const struct report_def *def, const struct run_opts *o)
{
    (void)ctx;
    return report(dbpath, def, o, 1);
}

static int set_out(void *ctx, const struct opt *o, const char *v)
{
    (void)o;
    *(const char **)ctx = v;    /* --out, demo's one option */
    return 0;
}

static int cmd_demo(const struct command *c, const struct cli_db *db, int argc, char **argv)
{
    struct ingest_opts io = { .msg = print_msg };
    io.progress = isatty(STDERR_FILENO) ? stderr : NULL;
    struct demo_opts d = { .out = "demo-ut", .dbflag = db->flag, .print = stdout, .ingest = &io,
                           .report = demo_report };
    int rc = parse(c, argc, argv, 0, set_out, &d.out, NULL);
    if (rc)
        return rc;
    struct strbuf err = STRBUF_INIT;
    rc = run_demo(&d, &err);
    return rc < 0 ? failed(&err) : rc;
}

static int set_global(void *ctx, const struct opt *o, const char *v)
{
    *(const char **)ctx = o->id == CLI_DB ? v : *(const char **)ctx;
    if (o->id == CLI_HELP)
        fputs(cli_usage(NULL), stdout);
    else if (o->id == CLI_VERSION)
        cli_print_version(stdout);
    return o->id == CLI_HELP || o->id == CLI_VERSION ? -1 : 0;   /* done: EXIT_OK */
}

static int run_command(int argc, char **argv)
{
    if (sodium_init() < 0) {
        fprintf(stderr, "fotstat: libsodium kunde inte startas\n");
        return EXIT_USAGE;
    }
    const char *dbflag = NULL;
    int at, rc = parse(NULL, argc, argv, 1, set_global, &dbflag, &at);
    if (rc)
        return rc < 0 ? EXIT_OK : rc;
    if (at == argc)
        return usage_error(NULL, "ange ett kommando");
    struct cli_db db = { dbflag, dbflag && *dbflag ? dbflag : getenv("FOTSTAT_DB") };
    if (!db.path || !*db.path)
        db.path = "fotstat.db";
    const struct command *c = cli_command(argv[at]);
    if (!c)
        return usage_error(NULL, "okänt kommando \"%s\"", argv[at]);
    if (opt_wants_help(argc - at - 1, argv + at + 1))
        return fputs(cli_usage(c), stdout), EXIT_OK;
    int n = argc - at - 1;
    char **words = argv + at + 1;
    switch (c->id) {
    case CMD_INGEST: return cmd_ingest(c, &db, n, words);
    case CMD_STATUS: return cmd_status(c, &db, n, words);
    case CMD_REPORT: return cmd_report(c, &db, n, words);
    case CMD_DEMO: return cmd_demo(c, &db, n, words);
    }
    return EXIT_USAGE;
}

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
