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
#include "common/strbuf.h"
#include "common/util.h"
#include "ingest/ingest.h"
#include "report/pipeline.h"
#include "transform/arsmal.h"
#include "transform/tertial.h"
#include "transform/status.h"

#include <errno.h>
#include <stdarg.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef FOTSTAT_DATADIR
#define FOTSTAT_DATADIR "data"
#endif

enum { EXIT_OK = 0, EXIT_REJECTED = 1, EXIT_USAGE = 2 };

static const char usage_main[] =
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
    "  report NAMN [flaggor]          räkna fram en rapport: arsmal, tertial\n"
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
    "period raderna täcker, och därefter varje inläst fil.\n";

static const char usage_report[] =
    "användning: fotstat [--db FIL] report NAMN [flaggor]\n"
    "\n"
    "Rapporter:\n"
    "  arsmal --year ÅÅÅÅ [--through ÅÅÅÅ-MM-DD]\n"
    "      förmedlade lägenheter mot årsmålet (Tabell 1), per månad med jämn takt och\n"
    "      prognos, per beställare och hyresvärd, mot samma period året före, erbjudanden\n"
    "      och svar med nej-orsaker, och underlaget (bara i arbetsboken)\n"
    "  tertial --year ÅÅÅÅ --tertial 1|2|3\n"
    "      tertialrapporten: årsmålstabellerna till och med april, augusti eller december,\n"
    "      jämfört med samma tertial året före, och SHIS inflyttade och beläggning\n"
    "\n"
    "Flaggor:\n"
    "  --year ÅÅÅÅ           året\n"
    "  --tertial 1|2|3       tertialet (januari–april, –augusti, –december)\n"
    "  --through ÅÅÅÅ-MM-DD  räkna till och med detta datum (standard: årets slut, eller\n"
    "                        det senaste datumet i exporterna om det är tidigare)\n"
    "  --format text|csv     vad som skrivs till standard ut (standard: text)\n"
    "  --out MAPP            skriv också filerna RAPPORT-PERIOD.csv m.fl. i MAPP\n"
    "  --suppress N          skydd för små tal: antal 1 till N-1 visas som \"..\"\n"
    "                        (standard 3; 0 stänger av skyddet)\n";

static const char usage_demo[] =
    "användning: fotstat demo [--out MAPP]\n"
    "\n"
    "Läser in de medföljande exempelexporterna och årsmålen i en ny databas\n"
    "(MAPP/fotstat-demo.db, eller --db FIL), visar status och skriver rapporterna\n"
    "arsmal (januari–oktober 2021 och helåren 2020–2022) och tertial (2021, tertial\n"
    "1–3) som CSV, arbetsbok och diagram i MAPP. MAPP är som standard demo-ut.\n";

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

static void print_kind(void *ctx, const struct status_kind *k)
{
    char a[32], b[32], c[32];
    (void)ctx;
    struct strbuf period = STRBUF_INIT;
    if (k->rows)
        sb_printf(&period, "%s – %s", k->first, k->last);
    else
        sb_adds(&period, "–");
    printf("%-18s %5s %9s %9s   %s\n", k->kind, fmt_thousands(k->files, a),
           fmt_thousands(k->rows, b), fmt_thousands(k->rejected, c), period.buf);
    sb_free(&period);
}

static void print_file(void *ctx, const struct status_file *f)
{
    char a[32], b[32], c[32];
    int *first = ctx;
    if (*first) {
        printf("\nInlästa filer\n");
        printf("%-34s %-17s %9s %9s %9s  %-13s %-5s %-12s %s\n", "Fil", "Sort", "Lästa",
               "Inlästa", "Avvisade", "Kodning", "Avgr.", "SHA-256", "Inläst (UTC)");
        *first = 0;
    }
    printf("%-34s %-17s %9s %9s %9s  %-13s %-5s %-12s %s\n", f->name, f->kind,
           fmt_thousands(f->read, a), fmt_thousands(f->loaded, b), fmt_thousands(f->rejected, c),
           f->encoding, f->delim, f->sha12, f->ingested_at);
}

static int show_status(sqlite3 *db, const char *dbpath)
{
    int first = 1;
    printf("Inläst i %s\n\n", dbpath);
    printf("%-18s %5s %9s %9s   %s\n", "Sort", "Filer", "Rader", "Avvisade", "Period");
    if (status_query(db, print_kind, print_file, &first)) {
        fprintf(stderr, "fotstat: databasfel: %s\n", sqlite3_errmsg(db));
        return EXIT_USAGE;
    }
    if (first)
        printf("\nInga filer är inlästa ännu.\n");
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

struct report_opts {
    int year;              /* --year, 0 if not given */
    const char *through;   /* --through */
    const char *format;    /* "text" or "csv" */
    const char *out;       /* --out */
    int suppress;          /* --suppress, default 3 */
    int tertial;           /* --tertial, 0 if not given */
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
    const char *name;
    const struct report_opts *o;
};

static struct report *build_report(void *ctx, struct strbuf *err)
{
    const struct report_job *j = ctx;
    if (strcmp(j->name, "tertial") == 0)
        return tertial_report(j->db, j->o->year, j->o->tertial, err);
    return arsmal_report(j->db, j->o->year, j->o->through, err);
}

/*
 * Runs report NAME through the pipeline (compute, protect, audit, render,
 * write): printed to standard output when `print` (as o->format says), and
 * its files written under o->out.
 */
static int run_report(sqlite3 *db, const char *name, const struct report_opts *o, int print)
{
    struct strbuf err = STRBUF_INIT;
    struct report_job job = { db, name, o };
    struct pipeline_opts po = { o->suppress, print ? o->format : NULL, stdout, o->out };
    struct pipeline_result res;
    int rc = EXIT_OK;
    if (pipeline_run(build_report, &job, &po, &res, &err)) {
        fprintf(stderr, "fotstat: %s\n", err.buf);
        rc = EXIT_USAGE;
    } else {
        static int said;
        if (res.charts_skipped && !said++)
            fprintf(stderr, "fotstat: gnuplot finns inte, så diagrammen (PNG och SVG) skrevs inte; "
                            "allt annat är skrivet (installera paketet gnuplot-nox)\n");
        if (res.files && !print)
            printf("%s: skrev %s.csv, .xlsx och diagram i %s\n", res.title, res.files, o->out);
    }
    free(res.title);
    free(res.files);
    sb_free(&err);
    return rc;
}

static int cmd_report(const char *dbpath, int argc, char **argv)
{
    if (argc == 0)
        return usage_error(usage_report, "ange vilken rapport");
    const char *name = argv[0];
    struct report_opts o = { 0, NULL, "text", NULL, 3, 0 };
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!v)
            return usage_error(usage_report, "%s kräver ett värde, eller är okänd", a);
        if (strcmp(a, "--year") == 0) {
            if (whole(v, 1900, 2199, &o.year))
                return usage_error(usage_report, "--year \"%s\" är inget år", v);
        } else if (strcmp(a, "--tertial") == 0) {
            if (whole(v, 1, 3, &o.tertial))
                return usage_error(usage_report, "--tertial ska vara 1, 2 eller 3, inte \"%s\"", v);
        } else if (strcmp(a, "--through") == 0) {
            o.through = v;
        } else if (strcmp(a, "--format") == 0) {
            if (strcmp(v, "text") != 0 && strcmp(v, "csv") != 0)
                return usage_error(usage_report, "--format ska vara text eller csv, inte \"%s\"", v);
            o.format = v;
        } else if (strcmp(a, "--out") == 0) {
            o.out = v;
        } else if (strcmp(a, "--suppress") == 0) {
            if (whole(v, 0, 1000, &o.suppress))
                return usage_error(usage_report, "--suppress \"%s\" är inget heltal 0–1000", v);
        } else {
            return usage_error(usage_report, "okänd flagga \"%s\"", a);
        }
        i++;
    }
    int is_tertial = strcmp(name, "tertial") == 0;
    if (strcmp(name, "arsmal") != 0 && !is_tertial)
        return usage_error(usage_report, "okänd rapport \"%s\"", name);
    if (!o.year)
        return usage_error(usage_report, "%s kräver --year", name);
    if (is_tertial && !o.tertial)
        return usage_error(usage_report, "tertial kräver --tertial 1, 2 eller 3");
    if (is_tertial && o.through)
        return usage_error(usage_report, "tertial räknar alltid till tertialets slut; --through passar inte");
    sqlite3 *db;
    if (open_db(dbpath, &db, 1))
        return EXIT_USAGE;
    int rc = run_report(db, name, &o, 1);
    db_close(db);
    return rc;
}

/* Creates dir (one level) if it does not exist. */
static int ensure_dir(const char *dir)
{
    if (mkdir(dir, 0777) == 0 || errno == EEXIST)
        return 0;
    fprintf(stderr, "fotstat: kan inte skapa mappen \"%s\": %s\n", dir, strerror(errno));
    return -1;
}

static int cmd_demo(const char *dbflag, int argc, char **argv)
{
    const char *out = "demo-ut";
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--out") == 0 && i + 1 < argc)
            out = argv[++i];
        else
            return usage_error(usage_demo, "okänt argument \"%s\"", argv[i]);
    }
    const char *data = getenv("FOTSTAT_DATA");
    if (!data || !*data)
        data = FOTSTAT_DATADIR;
    if (ensure_dir(out))
        return EXIT_USAGE;
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
        o.key_file = key;
        printf("Läser in exempelexporterna från %s\n", data);
        fflush(stdout);
        int irc = ingest_paths(db, paths, 2, &o);
        if (irc == INGEST_FAILED) {
            fprintf(stderr, "fotstat: exempelexporterna kunde inte läsas in\n");
        } else {
            printf("\n");
            rc = show_status(db, dbpath.buf);
            /* The seed's Tabell 1 (January–October 2021), the full years, the tertials. */
            static const struct { const char *name; int year; const char *through; int tertial; } runs[] = {
                { "arsmal", 2021, "2021-10-31", 0 }, { "arsmal", 2020, NULL, 0 },
                { "arsmal", 2021, NULL, 0 }, { "arsmal", 2022, NULL, 0 },
                { "tertial", 2021, NULL, 1 }, { "tertial", 2021, NULL, 2 }, { "tertial", 2021, NULL, 3 },
            };
            printf("\nRapporter\n");
            for (size_t i = 0; i < ARRAY_LEN(runs) && rc == EXIT_OK; i++) {
                struct report_opts ro = { runs[i].year, runs[i].through, "text", out, 3, runs[i].tertial };
                rc = run_report(db, runs[i].name, &ro, 0);
            }
        }
        db_close(db);
    }
    free(key);
    sb_free(&dbpath);
    sb_free(&targets);
    sb_free(&sample);
    return rc;
}

int cli_main(int argc, char **argv)
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
                return usage_error(usage_main, "--db kräver ett filnamn");
            dbflag = argv[i];
        } else if (strncmp(argv[i], "--db=", 5) == 0) {
            dbflag = argv[i] + 5;
        } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(usage_main, stdout);
            return EXIT_OK;
        } else if (strcmp(argv[i], "--version") == 0) {
            printf("fotstat %s (SQLite %s)\n", FOTSTAT_VERSION, sqlite3_libversion());
            return EXIT_OK;
        } else {
            return usage_error(usage_main, "okänd flagga \"%s\"", argv[i]);
        }
    }
    if (i == argc)
        return usage_error(usage_main, "ange ett kommando");
    const char *dbpath = dbflag;
    if (!dbpath)
        dbpath = getenv("FOTSTAT_DB");
    if (!dbpath || !*dbpath)
        dbpath = "fotstat.db";
    const char *cmd = argv[i++];
    int sub_argc = argc - i;
    char **sub_argv = argv + i;
    static const struct {
        const char *name;
        const char *usage;
    } help[] = {
        { "ingest", usage_ingest }, { "status", usage_status }, { "report", usage_report },
        { "demo", usage_demo },
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
    return usage_error(usage_main, "okänt kommando \"%s\"", cmd);
}
