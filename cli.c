/*
 * cli.c: commands, options, messages and exit status.
 *
 *   fotstat [--db FIL] ingest [--strict] FIL|MAPP...
 *   fotstat [--db FIL] status
 *   fotstat [--db FIL] demo [--out MAPP]
 *
 * Only this file prints and picks exit codes; the stages return statuses
 * and hand their messages here through callbacks.
 */
#include "cli.h"
#include "common/db.h"
#include "common/sha256.h"
#include "common/strbuf.h"
#include "common/util.h"
#include "ingest/ingest.h"
#include "report/chart.h"
#include "report/output.h"
#include "report/pipeline.h"
#include "report/series.h"
#include "report/table.h"
#include "report/text.h"
#include "transform/asof.h"
#include "transform/changes.h"
#include "transform/publications.h"
#include "transform/registry.h"
#include "transform/status.h"

#include <csv.h>
#include <errno.h>
#include <glpk.h>
#include <stdarg.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#ifndef FOTSTAT_DATADIR
#define FOTSTAT_DATADIR "data"
#endif

enum { EXIT_OK = 0, EXIT_REJECTED = 1, EXIT_USAGE = 2 };

static const char usage_main_fmt[] =
    "användning: fotstat [--db FIL] KOMMANDO ...\n"
    "\n"
    "Läser exporter från Bostadsförmedlingen, SHIS och kartläggningen av\n"
    "barnfamiljer i osäkert boende till en SQLite-databas och räknar fram\n"
    "uppföljningen av bostadsprogrammet.\n"
    "\n"
    "Kommandon:\n"
    "  ingest [--strict] FIL|MAPP...  läs in exporter (sorten känns igen på rubrikraden;\n"
    "                                 en mapp betyder dess *.csv-filer i namnordning)\n"
    "  status                         visa vad som är inläst: filer, rader, avvisade rader, period\n"
    "  report NAMN [flaggor]          räkna fram en rapport: %s\n"
    "  demo [--out MAPP]              exempelexporterna → ny databas → alla rapporter, i MAPP\n"
    "\n"
    "Flaggor:\n"
    "  --db FIL       databasen (annars $FOTSTAT_DB, annars ./fotstat.db); skapas vid behov\n"
    "  --help         den här texten; \"fotstat KOMMANDO --help\" beskriver ett kommando\n"
    "  --version      visa versionen\n"
    "\n"
    "Miljö:\n"
    "  FOTSTAT_DB        databasen, om --db inte anges\n"
    "  FOTSTAT_KEY_FILE  nyckeln för pseudonymer av personnummer (annars DATABAS.key)\n"
    "  FOTSTAT_DATADIR   exempelexporterna och årsmålen för demo (annars de installerade)\n"
    "  FOTSTAT_BUSY_TIMEOUT  sekunder att vänta på en annan körnings lås (standard 60)\n"
    "  SOURCE_DATE_EPOCH tiden rapporterna anger som skapad (för identiska körningar)\n"
    "\n"
    "Slutstatus: 0 klart; 1 ingest klar men rader avvisades; 2 fel användning, eller en\n"
    "fil eller databas som inte gick att använda.\n";

static const char usage_ingest[] =
    "användning: fotstat [--db FIL] ingest [--strict] FIL|MAPP...\n"
    "\n"
    "Läser in exportfiler. Varje fil läses in i en transaktion: en fil som inte kan\n"
    "läsas som sin sort lämnar databasen orörd (slutstatus 2); en felaktig rad avvisas,\n"
    "sparas med fil, rad och orsak och rapporteras, medan filens övriga rader läses in\n"
    "(slutstatus 1). En fil med exakt samma innehåll som en redan inläst ändrar ingenting.\n"
    "En nyckel som redan finns (Ärendenummer, Placeringsid, månad och boendeform,\n"
    "omgång och Hushållsid, år och kategori) ersätts av den senare inläsningen.\n"
    "\n"
    "  --strict    en enda avvisad rad gör att hela filen avvisas\n";

static const char usage_status[] =
    "användning: fotstat [--db FIL] status\n"
    "\n"
    "Visar per exportsort antal filer, rader i databasen, avvisade rader och den\n"
    "period raderna täcker, därefter varje inläst fil och sist registret över det\n"
    "som publicerats (fotstat report ... --out MAPP --publish).\n";

static const char usage_report_common[] =
    "  --format text|csv     vad som skrivs till standard ut (standard: text)\n"
    "  --out MAPP            skriv också RAPPORT-PERIOD.csv, .xlsx, .html, diagrammen\n"
    "                        och .eml (ett e-postutkast med sidan, diagrammen och\n"
    "                        arbetsboken) i MAPP, allt publicerbart; raderna bakom talen i den\n"
    "                        interna arbetsboken MAPP/internt/RAPPORT-PERIOD-internt.xlsx\n"
    "  --suppress N          skydd för små tal: antal 1 till N-1 visas som \"..\"\n"
    "                        (standard 3; 0 stänger av skyddet)\n"
    "  --as-of NÄR           rapporten som databasen kände den vid NÄR: ett datum\n"
    "                        (ÅÅÅÅ-MM-DD, till dagens slut), en tid (ÅÅÅÅ-MM-DD TT:MM,\n"
    "                        UTC) eller namnet på en inläst fil (direkt efter den)\n"
    "  --compare NÄR         lägg till tabellen andringar: varje publicerat tal som\n"
    "                        skiljer sig från rapporten vid NÄR (som --as-of)\n"
    "  --publish             med --out: registrera i databasen att filerna publiceras,\n"
    "                        så att varje senare rapport skyddas tillsammans med dem;\n"
    "                        med --as-of registreras en publicering från förr\n";

static const char usage_demo_head[] =
    "användning: fotstat demo [--out MAPP]\n"
    "\n"
    "Läser in de medföljande exempelexporterna och årsmålen i en ny databas\n"
    "(MAPP/fotstat-demo.db, eller --db FIL), visar status och skriver rapporterna\n"
    "som CSV, arbetsbok och diagram i MAPP (som standard demo-ut):\n";

static char *data_dir(void);

/* The version of gnuplot on PATH ("gnuplot 5.4 patchlevel 4"), or NULL; caller frees. */
static char *gnuplot_version(void)
{
    if (!chart_available())
        return NULL;
    FILE *p = popen("gnuplot --version 2>/dev/null", "r");
    if (!p)
        return NULL;
    char line[128];
    char *v = fgets(line, sizeof line, p) ? xstrdup(line) : NULL;
    if (pclose(p) != 0 && v) {
        free(v);
        v = NULL;
    }
    if (v)
        v[strcspn(v, "\n")] = '\0';
    return v;
}

/* fotstat --version: its own version, then the libraries it runs with (at run time where they say). */
static void print_version(void)
{
    printf("fotstat %s\n", FOTSTAT_VERSION);
    printf("SQLite %s\n", sqlite3_libversion());
    printf("libxlsxwriter %s\n", lxw_version());
    printf("libcsv %d.%d.%d (byggd mot)\n", CSV_MAJOR, CSV_MINOR, CSV_RELEASE);
    printf("libsodium %s\n", sodium_version_string());
    printf("GLPK %s\n", glp_version());
    char *g = gnuplot_version();
    printf("%s\n", g ? g : "gnuplot saknas (diagrammen skrivs inte)");
    free(g);
    printf("SHA-256: %s\n", sha256_impl());
    printf("data: ");
    char *d = data_dir();
    printf("%s\n", d ? d : "hittas inte (ange $FOTSTAT_DATADIR)");
    free(d);
}

/* True if dir holds fotstat's data: the årsmål file and the sample exports. */
static int is_data_dir(const char *dir)
{
    struct strbuf p = STRBUF_INIT;
    struct stat st;
    sb_printf(&p, "%s/arsmal.csv", dir);
    int ok = stat(p.buf, &st) == 0 && S_ISREG(st.st_mode);
    sb_reset(&p);
    sb_printf(&p, "%s/sample", dir);
    ok = ok && stat(p.buf, &st) == 0 && S_ISDIR(st.st_mode);
    sb_free(&p);
    return ok;
}

/*
 * Where the data is (caller frees), or NULL: $FOTSTAT_DATADIR; else, for
 * the program run where it was built, the source tree's data/ beside it;
 * else beside the program as installed (BIN/../share/fotstat, wherever
 * PREFIX and DESTDIR put it); else the DATADIR it was built for.  An
 * installed program has no data/ beside it, so it never reads a build tree.
 */
static char *data_dir(void)
{
    const char *env = getenv("FOTSTAT_DATADIR");
    if (env && *env)
        return xstrdup(env);
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    char *bin = NULL;
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            bin = exe;
        }
    }
    struct strbuf p = STRBUF_INIT;
    static const char *const beside[] = { "/data", "/../share/fotstat" };
    for (size_t i = 0; bin && i < ARRAY_LEN(beside); i++) {
        sb_reset(&p);
        sb_printf(&p, "%s%s", bin, beside[i]);
        if (is_data_dir(p.buf))
            return sb_detach(&p);
    }
    sb_free(&p);
    if (is_data_dir(FOTSTAT_DATADIR))
        return xstrdup(FOTSTAT_DATADIR);
    return NULL;
}

/* The usage texts made from the report registry; built once, never freed. */
static const char *usage_main_text(void);
static const char *usage_report_text(void);
static const char *usage_demo_text(void);

static void print_msg(void *ctx, const char *line)
{
    (void)ctx;
    fprintf(stderr, "%s\n", line);
}

static int usage_error(const char *usage, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Says what is wrong with the command line, then its usage; returns EXIT_USAGE. */
static int usage_error(const char *usage, const char *fmt, ...)
{
    va_list ap;
    fputs("fotstat: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n\n%s", usage);
    return EXIT_USAGE;
}

static int wants_help(int argc, char **argv)
{
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            return 0;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return 1;
    }
    return 0;
}

/* Opens the database for writing (ro = 0) or, for status and reports, read-only. */
static int open_db(const char *path, sqlite3 **db, int ro)
{
    struct strbuf err = STRBUF_INIT;
    int rc = ro ? db_open_ro(path, db, &err) : db_open(path, db, &err);
    if (rc)
        fprintf(stderr, "fotstat: %s\n", err.buf);
    sb_free(&err);
    return rc;
}

/* The pseudonym key: $FOTSTAT_KEY_FILE, else DBPATH.key beside the database; caller frees. */
static char *key_file(const char *dbpath)
{
    const char *env = getenv("FOTSTAT_KEY_FILE");
    struct strbuf sb = STRBUF_INIT;
    if (env && *env)
        sb_adds(&sb, env);
    else
        sb_printf(&sb, "%s.key", dbpath);
    return sb_detach(&sb);
}

static int cmd_ingest(const char *dbpath, int argc, char **argv)
{
    struct ingest_opts o = { 0 };
    o.msg = print_msg;
    o.progress = isatty(STDERR_FILENO) ? stderr : NULL;
    int i = 0;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "--strict") == 0)
            o.strict = 1;
        else if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        } else
            return usage_error(usage_ingest, "okänd flagga \"%s\"", argv[i]);
    }
    if (i == argc)
        return usage_error(usage_ingest, "ange minst en fil eller mapp");
    sqlite3 *db;
    if (open_db(dbpath, &db, 0))
        return EXIT_USAGE;
    char *key = key_file(dbpath);
    o.key_file = key;
    int rc = ingest_paths(db, argv + i, argc - i, &o);
    db_close(db);
    free(key);
    return rc;
}

static int show_status(sqlite3 *db, const char *dbpath)
{
    struct table *kinds = NULL, *files = NULL, *pubs = NULL;
    struct strbuf err = STRBUF_INIT;
    if (status_tables(db, &kinds, &files, &err) || publications_table(db, &pubs, &err)) {
        fprintf(stderr, "fotstat: %s\n", err.buf);
        sb_free(&err);
        table_free(kinds);
        table_free(files);
        return EXIT_USAGE;
    }
    printf("Inläst i %s\n\n", dbpath);
    text_write_table(stdout, kinds);
    if (files)
        text_write_table(stdout, files);
    else
        printf("Inga filer är inlästa ännu.\n");
    if (pubs)
        text_write_table(stdout, pubs);
    else
        printf("Inget är registrerat som publicerat (fotstat report ... --out MAPP --publish).\n");
    table_free(kinds);
    table_free(files);
    table_free(pubs);
    return EXIT_OK;
}

static int cmd_status(const char *dbpath, int argc, char **argv)
{
    if (argc > 0)
        return usage_error(usage_status, "okänt argument \"%s\"", argv[0]);
    if (!db_exists(dbpath)) {
        printf("Inga filer är inlästa ännu: databasen %s finns inte.\n", dbpath);
        return EXIT_OK;
    }
    sqlite3 *db;
    if (open_db(dbpath, &db, 1))
        return EXIT_USAGE;
    int rc = show_status(db, dbpath);
    db_close(db);
    return rc;
}

/* The options of one report run: the period (registry.h) and what to write. */
struct report_opts {
    struct report_args args;
    const char *format;    /* "text" or "csv" */
    const char *out;       /* --out */
    int suppress;          /* --suppress, default 3 */
    const char *as_of;     /* --as-of, or NULL: now */
    const char *as_of_label; /* the moment as titles say it, once applied */
    const char *compare;   /* --compare, or NULL */
    sqlite3 *compare_db;   /* --compare: a second connection, as of that moment */
    const char *compare_label;
    long long as_of_cut, compare_cut;   /* the moments' last files (0: --as-of not given) */
    int publish;           /* --publish: record the files written under out in the register */
    struct series *series; /* the registered publications, audited with the report; NULL: none */
};

/* Reads a whole number in [lo, hi]; returns 0 or -1. */
static int whole(const char *s, int lo, int hi, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi)
        return -1;
    *out = (int)v;
    return 0;
}

/* What a report run needs to compute its report: the pipeline's build callback context. */
struct report_job {
    sqlite3 *db;
    const struct report_def *def;
    const struct report_opts *o;
};

static struct report *build_report(void *ctx, struct strbuf *err)
{
    const struct report_job *j = ctx;
    struct report *rep = j->def->build(j->db, &j->o->args, err);
    if (rep && j->o->as_of_label) {
        /* Figures as the database knew them then: said in the title and in Om rapporten. */
        struct strbuf t = STRBUF_INIT;
        sb_printf(&t, "%s, enligt exporterna inlästa till och med %s", rep->title, j->o->as_of_label);
        free(rep->title);
        rep->title = sb_detach(&t);
        rep->as_of = xstrdup(j->o->as_of_label);
    }
    if (rep && j->o->compare_db && j->db != j->o->compare_db) {
        /* --compare: the rows behind the changes, of the kinds the report cites. */
        const char *kinds[16];
        size_t n = 0;
        for (size_t r = 0; rep->sources && r < rep->sources->nrows && n + 1 < ARRAY_LEN(kinds); r++) {
            const char *k = table_cell(rep->sources, r, 0)->text;
            int seen = 0;
            for (size_t i = 0; i < n && k; i++)
                seen |= strcmp(kinds[i], k) == 0;
            if (k && !seen)
                kinds[n++] = k;
        }
        kinds[n] = NULL;
        long long now = j->o->as_of_cut ? j->o->as_of_cut : changes_now(j->db);
        struct table *t = changes_table(j->db, j->o->compare_cut, now, kinds, j->o->compare_label,
                                        j->o->as_of_label ? j->o->as_of_label : "nu", err);
        if (!t) {
            report_free(rep);
            return NULL;
        }
        report_add(rep, t);
    }
    return rep;
}

/* A run's period options as the command line writes them: " --year 2021 --through 2021-10-31". */
static void period_options(struct strbuf *sb, const struct report_args *a)
{
    if (a->year)
        sb_printf(sb, " --year %d", a->year);
    if (a->tertial)
        sb_printf(sb, " --tertial %d", a->tertial);
    if (a->month)
        sb_printf(sb, " --month %s", a->month);
    if (a->through)
        sb_printf(sb, " --through %s", a->through);
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

/*
 * Runs report DEF through the pipeline (compute, protect, audit, render,
 * write): printed to standard output when `print` (as o->format says), and
 * its files written under o->out, and recorded as published with o->publish.
 */
static int run_report(sqlite3 *db, const struct report_def *def, const struct report_opts *o,
                      int print)
{
    struct strbuf err = STRBUF_INIT;
    struct report_job job = { db, def, o };
    struct pipeline_opts po = { o->suppress, print ? o->format : NULL, stdout, o->out,
                                NULL, NULL, NULL, NULL, NULL, NULL, NULL, o->series };
    struct strbuf options = STRBUF_INIT;
    struct publish_job pj = { db, { NULL, 0, o->as_of, o->out } };
    if (o->publish) {
        period_options(&options, &o->args);
        pj.draft.options = options.buf + (options.len > 0);   /* without the leading blank */
        pj.draft.data_file_id = o->as_of_cut ? o->as_of_cut : changes_now(db);
        po.publish = publish_begin;
        po.publish_end = publish_end;
        po.publish_ctx = &pj;
    }
    struct report_opts bo = *o;
    struct report_job bjob = { o->compare_db, def, &bo };
    if (o->compare_db) {
        bo.as_of_label = o->compare_label;
        po.before = build_report;
        po.before_ctx = &bjob;
        po.before_label = o->compare_label;
        po.after_label = o->as_of_label ? o->as_of_label : "nu";
    }
    struct pipeline_result res;
    int rc = EXIT_OK;
    if (pipeline_run(build_report, &job, &po, &res, &err)) {
        fprintf(stderr, "fotstat: %s\n", err.buf);
        rc = EXIT_USAGE;
    } else {
        static int said;
        if (res.unchanged)
            fprintf(stderr, "fotstat: inga publicerade tal skiljer sig från rapporten enligt exporterna "
                            "inlästa till och med %s\n", o->compare_label);
        if (res.charts_skipped && !said++)
            fprintf(stderr, "fotstat: gnuplot finns inte, så diagrammen (PNG och SVG) skrevs inte; "
                            "allt annat är skrivet (installera paketet gnuplot-nox)\n");
        if (res.files && o->publish)
            fprintf(stderr, "fotstat: registrerade %s-%s som publicerad%s%s; se fotstat status\n",
                    def->name, res.files + strlen(def->name) + 1,
                    o->as_of ? " med uppgifterna enligt --as-of " : "", o->as_of ? o->as_of : "");
        if (res.files && !print)
            printf("%s: skrev %s.csv, .xlsx, .html, .eml och diagram i %s%s%s%s\n", res.title, res.files,
                   o->out, res.internal ? "; radunderlaget (internt) i " : "",
                   res.internal ? o->out : "", res.internal ? "/" OUTPUT_INTERNAL_DIR "/" : "");
    }
    free(res.title);
    free(res.files);
    sb_free(&options);
    sb_free(&err);
    return rc;
}

/* Parses the value of period option opt into a; returns 0 or a usage error's status. */
static int period_option(const struct report_option *opt, const char *v, struct report_args *a)
{
    switch (opt->bit) {
    case OPT_YEAR:
        if (whole(v, 1900, 2199, &a->year))
            return usage_error(usage_report_text(), "--year \"%s\" är inget år", v);
        break;
    case OPT_TERTIAL:
        if (whole(v, 1, 3, &a->tertial))
            return usage_error(usage_report_text(), "--tertial ska vara 1, 2 eller 3, inte \"%s\"", v);
        break;
    case OPT_THROUGH:
        a->through = v;
        break;
    case OPT_MONTH:
        a->month = v;
        break;
    }
    return 0;
}

static int cmd_report(const char *dbpath, int argc, char **argv)
{
    if (argc == 0)
        return usage_error(usage_report_text(), "ange vilken rapport");
    const struct report_def *def = report_find(argv[0]);
    if (!def)
        return usage_error(usage_report_text(), "okänd rapport \"%s\"", argv[0]);
    struct report_opts o = { { 0, NULL, 0, NULL, 0 }, "text", NULL, 3, NULL, NULL, NULL, NULL, NULL, 0, 0, 0,
                             NULL };
    unsigned given = 0;
    for (int i = 1; i < argc; i += 2) {      /* every option but --publish takes a value */
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        const struct report_option *opt = report_option_find(a);
        if (strcmp(a, "--publish") == 0) {    /* the one option without a value */
            o.publish = 1;
            i--;
            continue;
        }
        int common = strcmp(a, "--format") == 0 || strcmp(a, "--out") == 0 ||
                     strcmp(a, "--suppress") == 0 || strcmp(a, "--as-of") == 0 ||
                     strcmp(a, "--compare") == 0;
        if (!opt && !common)
            return usage_error(usage_report_text(), "okänd flagga \"%s\"", a);
        if (!v)
            return usage_error(usage_report_text(), "%s kräver ett värde", a);
        if (opt) {
            if (!(def->takes & opt->bit))
                return usage_error(usage_report_text(), "%s passar inte till rapporten %s", a,
                                   def->name);
            int rc = period_option(opt, v, &o.args);
            if (rc)
                return rc;
            given |= opt->bit;
        } else if (strcmp(a, "--format") == 0) {
            if (strcmp(v, "text") != 0 && strcmp(v, "csv") != 0)
                return usage_error(usage_report_text(), "--format ska vara text eller csv, inte \"%s\"", v);
            o.format = v;
        } else if (strcmp(a, "--out") == 0) {
            o.out = v;
        } else if (strcmp(a, "--as-of") == 0) {
            o.as_of = v;
        } else if (strcmp(a, "--compare") == 0) {
            o.compare = v;
        } else if (whole(v, 0, 1000, &o.suppress)) {
            return usage_error(usage_report_text(), "--suppress \"%s\" är inget heltal 0–1000", v);
        }
    }
    for (size_t k = 0; k < report_noptions; k++)
        if ((def->requires & report_options[k].bit) && !(given & report_options[k].bit))
            return usage_error(usage_report_text(), "%s kräver %s", def->name, report_options[k].flag);
    if (o.publish && !o.out)
        return usage_error(usage_report_text(), "--publish kräver --out MAPP: det är filerna där "
                           "som registreras som publicerade");
    if (o.publish && o.suppress <= 1)
        return usage_error(usage_report_text(), "--publish med --suppress %d: tabellerna är inte "
                           "skyddade och får inte publiceras", o.suppress);
    sqlite3 *db;
    if (!o.publish && open_db(dbpath, &db, 1))
        return EXIT_USAGE;
    if (o.publish) {
        /* The register is in the database: publishing needs it writable, before anything is written. */
        struct strbuf werr = STRBUF_INIT;
        int bad = !db_exists(dbpath) ? open_db(dbpath, &db, 1) : db_open(dbpath, &db, &werr);
        if (bad && werr.len)
            fprintf(stderr, "fotstat: --publish kräver att databasen går att skriva, eftersom "
                            "registret över det som publicerats sparas där; ingenting skrevs: %s\n",
                    werr.buf);
        sb_free(&werr);
        if (bad)
            return EXIT_USAGE;
    }
    struct strbuf label = STRBUF_INIT, clabel = STRBUF_INIT, err = STRBUF_INIT;
    sqlite3 *cdb = NULL;
    int rc = EXIT_OK;
    const char *failed = NULL;       /* the option whose moment could not be applied */
    if (o.as_of && asof_apply(db, o.as_of, &label, &o.as_of_cut, &err)) {
        rc = EXIT_USAGE;
        failed = "--as-of";
    }
    o.as_of_label = o.as_of ? label.buf : NULL;
    /* --compare: the same report from a second connection, as of that moment. */
    if (rc == EXIT_OK && o.compare) {
        if (open_db(dbpath, &cdb, 1))
            rc = EXIT_USAGE;
        else if (asof_apply(cdb, o.compare, &clabel, &o.compare_cut, &err)) {
            rc = EXIT_USAGE;
            failed = "--compare";
        }
        o.compare_db = cdb;
        o.compare_label = clabel.buf;
    }
    if (failed)
        fprintf(stderr, "fotstat: %s %s\n", failed, err.buf);
    /*
     * With anything published, the report is audited together with it, so
     * its counts must name their rows; a publication must name them too.
     * One recorded afterwards (--publish with --as-of) was made before the
     * register, protected alone: it is recorded as it was sent.
     */
    struct series series;
    series_init(&series);
    if (rc == EXIT_OK && (o.publish || publications_any(db))) {
        o.args.units = 1;
        o.series = o.publish && o.as_of ? NULL : &series;
        profile_phase("start");
        if (o.series && publications_series(db, &series, &err)) {
            fprintf(stderr, "fotstat: %s\n", err.buf);
            rc = EXIT_USAGE;
        }
    }
    profile_phase("registret läst");
    if (rc == EXIT_OK)
        rc = run_report(db, def, &o, 1);
    profile_phase("rapporten skriven");
    series_free(&series);
    if (cdb)
        db_close(cdb);
    sb_free(&label);
    sb_free(&clabel);
    sb_free(&err);
    db_close(db);
    return rc;
}

/* One demo run as the command line would write it: "arsmal --year 2021 --through 2021-10-31". */
static void demo_line(struct strbuf *sb, const struct report_def *d, const struct report_args *a)
{
    sb_adds(sb, d->name);
    period_options(sb, a);
}

static const char *usage_main_text(void)
{
    static struct strbuf sb = STRBUF_INIT, names = STRBUF_INIT;
    if (!sb.len) {
        for (size_t i = 0; i < report_ndefs; i++)
            sb_printf(&names, "%s%s", i ? ", " : "", report_defs[i].name);
        sb_printf(&sb, usage_main_fmt, names.buf);
        sb_free(&names);
    }
    return sb.buf;
}

/* Appends text wrapped at 78 columns, each line indented by `indent` spaces. */
static void wrap(struct strbuf *sb, const char *text, int indent)
{
    size_t col = 0;
    const char *p = text;
    while (*p) {
        const char *e = strchr(p, ' ');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        char *word = xstrndup(p, n);
        size_t w = utf8_width(word);
        free(word);
        if (col == 0 || col + 1 + w > 78) {
            if (col)
                sb_addc(sb, '\n');
            sb_printf(sb, "%*s", indent, "");
            col = (size_t)indent;
        } else {
            sb_addc(sb, ' ');
            col++;
        }
        sb_add(sb, p, n);
        col += w;
        p += n;
        while (*p == ' ')
            p++;
    }
    sb_addc(sb, '\n');
}

static const char *usage_report_text(void)
{
    static struct strbuf sb = STRBUF_INIT;
    if (sb.len)
        return sb.buf;
    sb_adds(&sb, "användning: fotstat [--db FIL] report NAMN [flaggor]\n\nRapporter:\n");
    for (size_t i = 0; i < report_ndefs; i++) {
        sb_printf(&sb, "  %s ", report_defs[i].name);
        report_synopsis(&report_defs[i], &sb);
        sb_addc(&sb, '\n');
        wrap(&sb, report_defs[i].description, 6);
    }
    sb_adds(&sb, "\nFlaggor:\n");
    unsigned taken = 0;
    for (size_t i = 0; i < report_ndefs; i++)
        taken |= report_defs[i].takes;
    for (size_t k = 0; k < report_noptions; k++) {
        if (!(taken & report_options[k].bit))
            continue;
        struct strbuf head = STRBUF_INIT;
        sb_printf(&head, "  %s %s", report_options[k].flag, report_options[k].arg);
        size_t w = utf8_width(head.buf);
        sb_printf(&sb, "%s%*s", head.buf, w < 24 ? (int)(24 - w) : 1, "");
        struct strbuf rest = STRBUF_INIT;
        wrap(&rest, report_options[k].help, 24);
        sb_adds(&sb, rest.buf + 24);   /* the first line continues the flag's */
        sb_free(&rest);
        sb_free(&head);
    }
    sb_adds(&sb, usage_report_common);
    sb_adds(&sb, "\nEn flagga som inte passar till rapporten är ett fel, inte något som hoppas över.\n"
                 "En period som de inlästa exporterna inte täcker alls vägras (slutstatus 2).\n");
    return sb.buf;
}

static const char *usage_demo_text(void)
{
    static struct strbuf sb = STRBUF_INIT;
    if (sb.len)
        return sb.buf;
    sb_adds(&sb, usage_demo_head);
    for (size_t i = 0; i < report_ndefs; i++)
        for (const struct report_args *a = report_defs[i].demo; a && !DEMO_IS_END(a); a++) {
            sb_adds(&sb, "  fotstat report ");
            demo_line(&sb, &report_defs[i], a);
            sb_addc(&sb, '\n');
        }
    return sb.buf;
}

/* Creates dir (one level) if it does not exist. */
static int ensure_dir(const char *dir)
{
    if (mkdir(dir, 0777) == 0 || errno == EEXIST)
        return 0;
    fprintf(stderr, "fotstat: kan inte skapa mappen \"%s\": %s\n", dir, errno_sv(errno));
    return -1;
}

static int cmd_demo(const char *dbflag, int argc, char **argv)
{
    const char *out = "demo-ut";
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--out") == 0 && i + 1 < argc)
            out = argv[++i];
        else
            return usage_error(usage_demo_text(), "okänt argument \"%s\"", argv[i]);
    }
    char *datadir = data_dir();
    const char *data = datadir;
    if (!data) {
        fprintf(stderr, "fotstat: hittar inte exempelexporterna: ange mappen med $FOTSTAT_DATADIR "
                        "(installerade ligger i %s)\n", FOTSTAT_DATADIR);
        return EXIT_USAGE;
    }
    if (ensure_dir(out)) {
        free(datadir);
        return EXIT_USAGE;
    }
    struct strbuf dbpath = STRBUF_INIT, targets = STRBUF_INIT, sample = STRBUF_INIT;
    if (dbflag) {
        sb_adds(&dbpath, dbflag);
    } else {
        sb_printf(&dbpath, "%s/fotstat-demo.db", out);
    }
    /* A fresh database: the demo's own, never one the user named. */
    struct stat st;
    if (dbflag && stat(dbflag, &st) == 0) {
        fprintf(stderr, "fotstat: demo vill ha en ny databas, men \"%s\" finns redan\n", dbflag);
        free(datadir);
        sb_free(&dbpath);
        return EXIT_USAGE;
    }
    if (!dbflag) {
        static const char *const suffix[] = { "", "-journal", "-wal", "-shm" };
        for (size_t i = 0; i < ARRAY_LEN(suffix); i++) {
            struct strbuf p = STRBUF_INIT;
            sb_printf(&p, "%s%s", dbpath.buf, suffix[i]);
            unlink(p.buf);
            sb_free(&p);
        }
    }
    sb_printf(&targets, "%s/arsmal.csv", data);
    sb_printf(&sample, "%s/sample", data);
    char *paths[] = { targets.buf, sample.buf };
    sqlite3 *db;
    int rc = EXIT_USAGE;
    char *key = key_file(dbpath.buf);
    if (open_db(dbpath.buf, &db, 0) == 0) {
        struct ingest_opts o = { 0 };
        o.msg = print_msg;
        o.progress = isatty(STDERR_FILENO) ? stderr : NULL;
        o.key_file = key;
        printf("Läser in exempelexporterna från %s\n", data);
        fflush(stdout);
        int irc = ingest_paths(db, paths, 2, &o);
        if (irc == INGEST_FAILED) {
            fprintf(stderr, "fotstat: exempelexporterna kunde inte läsas in\n");
        } else {
            printf("\n");
            rc = show_status(db, dbpath.buf);
            printf("\nRapporter\n");
            for (size_t i = 0; i < report_ndefs && rc == EXIT_OK; i++)
                for (const struct report_args *a = report_defs[i].demo; a && !DEMO_IS_END(a) && rc == EXIT_OK; a++) {
                    struct report_opts ro = { *a, "text", out, 3, NULL, NULL, NULL, NULL, NULL, 0, 0, 0, NULL };
                    rc = run_report(db, &report_defs[i], &ro, 0);
                }
        }
        db_close(db);
    }
    free(key);
    free(datadir);
    sb_free(&dbpath);
    sb_free(&targets);
    sb_free(&sample);
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
    const char *dbflag = NULL;
    int i = 1;
    if (sodium_init() < 0) {
        fprintf(stderr, "fotstat: libsodium kunde inte startas\n");
        return EXIT_USAGE;
    }
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "--db") == 0) {
            if (++i == argc)
                return usage_error(usage_main_text(), "--db kräver ett filnamn");
            dbflag = argv[i];
        } else if (strncmp(argv[i], "--db=", 5) == 0) {
            dbflag = argv[i] + 5;
        } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(usage_main_text(), stdout);
            return EXIT_OK;
        } else if (strcmp(argv[i], "--version") == 0) {
            print_version();
            return EXIT_OK;
        } else {
            return usage_error(usage_main_text(), "okänd flagga \"%s\"", argv[i]);
        }
    }
    if (i == argc)
        return usage_error(usage_main_text(), "ange ett kommando");
    const char *dbpath = dbflag;
    if (!dbpath)
        dbpath = getenv("FOTSTAT_DB");
    if (!dbpath || !*dbpath)
        dbpath = "fotstat.db";
    const char *cmd = argv[i++];
    int sub_argc = argc - i;
    char **sub_argv = argv + i;
    const struct {
        const char *name;
        const char *usage;
    } help[] = {
        { "ingest", usage_ingest }, { "status", usage_status }, { "report", usage_report_text() },
        { "demo", usage_demo_text() },
    };
    for (size_t h = 0; h < ARRAY_LEN(help); h++) {
        if (strcmp(cmd, help[h].name) == 0 && wants_help(sub_argc, sub_argv)) {
            fputs(help[h].usage, stdout);
            return EXIT_OK;
        }
    }
    if (strcmp(cmd, "ingest") == 0)
        return cmd_ingest(dbpath, sub_argc, sub_argv);
    if (strcmp(cmd, "status") == 0)
        return cmd_status(dbpath, sub_argc, sub_argv);
    if (strcmp(cmd, "report") == 0)
        return cmd_report(dbpath, sub_argc, sub_argv);
    if (strcmp(cmd, "demo") == 0)
        return cmd_demo(dbflag, sub_argc, sub_argv);
    return usage_error(usage_main_text(), "okänt kommando \"%s\"", cmd);
}
