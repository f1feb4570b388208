/*
 * commands.c: the table of commands, their options and their texts, and
 * --help and --version made from them (commands.h).  A report's name, options
 * and description come from the registry (transform/registry.h).
 */
#include "commands.h"
#include "common/opt.h"
#include "common/paths.h"
#include "common/sha256.h"
#include "common/strbuf.h"
#include "common/util.h"
#include "report/chart.h"
#include "transform/registry.h"

#include <csv.h>
#include <glpk.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

const struct opt cli_global_opts[] = {
    { "--db", "FIL", "databasen (annars $FOTSTAT_DB, annars ./fotstat.db); skapas vid behov", CLI_DB },
    { "--help", NULL, "den här texten; \"fotstat KOMMANDO --help\" beskriver ett kommando", CLI_HELP },
    { "-h", NULL, "samma som --help", CLI_HELP },
    { "--version", NULL, "visa versionen och biblioteken", CLI_VERSION },
};
const size_t cli_nglobal_opts = ARRAY_LEN(cli_global_opts);

static const struct opt ingest_opts[] = {
    { "--strict", NULL, "en enda avvisad rad gör att hela filen avvisas", CLI_STRICT },
};

/* The options every report takes, beside its period options from the registry. */
static const struct opt report_run_opts[] = {
    { "--format", "text|csv", "vad som skrivs till standard ut (standard: text)", CLI_FORMAT },
    { "--out", "MAPP",
      "skriv också RAPPORT-PERIOD.csv, .xlsx, .html, diagrammen och .eml (ett e-postutkast med "
      "sidan, diagrammen och arbetsboken) i MAPP, allt publicerbart; raderna bakom talen i den "
      "interna arbetsboken MAPP/internt/RAPPORT-PERIOD-internt.xlsx", CLI_OUT },
    { "--suppress", "N", "skydd för små tal: antal 1 till N-1 visas som \"..\" (standard 3; 0 stänger "
      "av skyddet)", CLI_SUPPRESS },
    { "--as-of", "NÄR", "rapporten som databasen kände den vid NÄR: ett datum (ÅÅÅÅ-MM-DD, till "
      "dagens slut), en tid (ÅÅÅÅ-MM-DD TT:MM, UTC) eller namnet på en inläst fil (direkt efter den)",
      CLI_AS_OF },
    { "--compare", "NÄR", "lägg till tabellen andringar: varje publicerat tal som skiljer sig från "
      "rapporten vid NÄR (som --as-of)", CLI_COMPARE },
    { "--publish", NULL, "med --out: registrera i databasen att filerna publiceras, så att varje senare "
      "rapport skyddas tillsammans med dem; med --as-of registreras en publicering från förr", CLI_PUBLISH },
};

/* The report command's options: the registry's period options, then report_run_opts; built once. */
static const struct opt *report_opts(size_t *n)
{
    static struct opt all[16];
    static size_t nall;
    if (!nall) {
        for (size_t i = 0; i < report_noptions && nall < ARRAY_LEN(all); i++)
            all[nall++] = report_options[i];
        for (size_t i = 0; i < ARRAY_LEN(report_run_opts) && nall < ARRAY_LEN(all); i++)
            all[nall++] = report_run_opts[i];
    }
    *n = nall;
    return all;
}

static const struct opt demo_opts[] = {
    { "--out", "MAPP", "mappen för databasen, rapporterna och diagrammen (standard demo-ut)", CLI_OUT },
};

const struct command cli_commands[] = {
    { CMD_INGEST, "ingest", "[--strict] FIL|MAPP...",
      "läs in exporter (sorten känns igen på rubrikraden; en mapp betyder dess *.csv-filer i namnordning)",
      "Läser in exportfiler. Varje fil läses in i en transaktion: en fil som inte kan läsas som sin "
      "sort lämnar databasen orörd (slutstatus 2); en felaktig rad avvisas, sparas med fil, rad och "
      "orsak och rapporteras, medan filens övriga rader läses in (slutstatus 1). En fil med exakt "
      "samma innehåll som en redan inläst ändrar ingenting. En nyckel som redan finns (Ärendenummer, "
      "Placeringsid, månad och boendeform, omgång och Hushållsid, år och kategori) ersätts av den "
      "senare inläsningen.",
      ingest_opts, ARRAY_LEN(ingest_opts) },
    { CMD_STATUS, "status", "", "visa vad som är inläst: filer, rader, avvisade rader, period",
      "Visar per exportsort antal filer, rader i databasen, avvisade rader och den period raderna "
      "täcker, därefter varje inläst fil och sist registret över det som publicerats (fotstat "
      "report ... --out MAPP --publish).",
      NULL, 0 },
    { CMD_REPORT, "report", "NAMN [flaggor]", "räkna fram en rapport:", NULL, NULL, 0 },
    { CMD_DEMO, "demo", "[--out MAPP]", "exempelexporterna → ny databas → alla rapporter, i MAPP",
      "Läser in de medföljande exempelexporterna och årsmålen i en ny databas (MAPP/fotstat-demo.db, "
      "eller --db FIL), visar status och skriver rapporterna som CSV, arbetsbok och diagram i MAPP "
      "(som standard demo-ut):",
      demo_opts, ARRAY_LEN(demo_opts) },
};
const size_t cli_ncommands = ARRAY_LEN(cli_commands);

const struct command *cli_command(const char *name)
{
    for (size_t i = 0; i < cli_ncommands; i++)
        if (strcmp(cli_commands[i].name, name) == 0)
            return &cli_commands[i];
    return NULL;
}

const struct opt *cli_options(const struct command *c, size_t *n)
{
    if (!c) {
        *n = cli_nglobal_opts;
        return cli_global_opts;
    }
    if (c->id == CMD_REPORT)
        return report_opts(n);
    *n = c->nopts;
    return c->opts;
}

static const char usage_tail_main[] =
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

static void usage_main(struct strbuf *sb)
{
    sb_adds(sb, "användning: fotstat [--db FIL] KOMMANDO ...\n\n");
    opt_wrap(sb, "Läser exporter från Bostadsförmedlingen, SHIS och kartläggningen av barnfamiljer i "
                 "osäkert boende till en SQLite-databas och räknar fram uppföljningen av "
                 "bostadsprogrammet.", 0);
    sb_adds(sb, "\nKommandon:\n");
    for (size_t i = 0; i < cli_ncommands; i++) {
        const struct command *c = &cli_commands[i];
        struct strbuf line = STRBUF_INIT;
        sb_printf(&line, "%s%s%s", c->name, *c->synopsis ? " " : "", c->synopsis);
        struct strbuf summary = STRBUF_INIT;
        sb_adds(&summary, c->summary);
        for (size_t r = 0; c->id == CMD_REPORT && r < report_ndefs; r++)
            sb_printf(&summary, "%s %s", r ? "," : "", report_defs[r].name);
        struct opt as_opt = { line.buf, NULL, summary.buf, 0 };
        opt_help(sb, &as_opt, 1, 33);
        sb_free(&line);
        sb_free(&summary);
    }
    sb_adds(sb, "\nFlaggor:\n");
    opt_help(sb, cli_global_opts, cli_nglobal_opts, 17);
    sb_adds(sb, usage_tail_main);
}

static void usage_report(struct strbuf *sb, const struct opt *opts, size_t nopts)
{
    sb_adds(sb, "\nRapporter:\n");
    for (size_t i = 0; i < report_ndefs; i++) {
        sb_printf(sb, "  %s ", report_defs[i].name);
        report_synopsis(&report_defs[i], sb);
        sb_addc(sb, '\n');
        opt_wrap(sb, report_defs[i].description, 6);
    }
    sb_adds(sb, "\nFlaggor:\n");
    opt_help(sb, opts, nopts, 24);
    sb_adds(sb, "\nEn flagga som inte passar till rapporten är ett fel, inte något som hoppas över.\n"
                "En period som de inlästa exporterna inte täcker alls vägras (slutstatus 2).\n");
}

static void usage_demo(struct strbuf *sb)
{
    for (size_t i = 0; i < report_ndefs; i++)
        for (const struct report_args *a = report_defs[i].demo; !DEMO_IS_END(a); a++) {
            sb_printf(sb, "  fotstat report %s", report_defs[i].name);
            report_args_options(sb, a);
            sb_addc(sb, '\n');
        }
}

const char *cli_usage(const struct command *c)
{
    static struct strbuf texts[8];     /* [0] fotstat's, [1 + i] cli_commands[i]'s */
    size_t k = c ? 1 + (size_t)(c - cli_commands) : 0;
    struct strbuf *sb = &texts[k];
    if (sb->len)
        return sb->buf;
    if (!c) {
        usage_main(sb);
        return sb->buf;
    }
    sb_printf(sb, "användning: fotstat [--db FIL] %s%s%s\n", c->name, *c->synopsis ? " " : "", c->synopsis);
    if (c->about) {
        sb_addc(sb, '\n');
        opt_wrap(sb, c->about, 0);
    }
    size_t nopts;
    const struct opt *opts = cli_options(c, &nopts);
    if (c->id == CMD_REPORT)
        usage_report(sb, opts, nopts);
    else if (c->id == CMD_DEMO)
        usage_demo(sb);
    if (nopts && c->id != CMD_REPORT) {
        sb_adds(sb, "\nFlaggor:\n");
        opt_help(sb, opts, nopts, 14);
    }
    return sb->buf;
}

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

void cli_print_version(FILE *out)
{
    fprintf(out, "fotstat %s\n", FOTSTAT_VERSION);
    fprintf(out, "SQLite %s\n", sqlite3_libversion());
    fprintf(out, "libxlsxwriter %s\n", lxw_version());
    fprintf(out, "libcsv %d.%d.%d (byggd mot)\n", CSV_MAJOR, CSV_MINOR, CSV_RELEASE);
    fprintf(out, "libsodium %s\n", sodium_version_string());
    fprintf(out, "GLPK %s\n", glp_version());
    char *g = gnuplot_version();
    fprintf(out, "%s\n", g ? g : "gnuplot saknas (diagrammen skrivs inte)");
    free(g);
    fprintf(out, "SHA-256: %s\n", sha256_impl());
    char *d = data_dir();
    fprintf(out, "data: %s\n", d ? d : "hittas inte (ange $FOTSTAT_DATADIR)");
    free(d);
}
