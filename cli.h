/*
 * cli.h: the command line (doc/fotstat.1), parsed and dispatched.
 *
 * cli.c holds the commands' handlers and picks the exit status;
 * commands.c holds the table of commands, their options and texts, and
 * makes --help and --version from them.
 */
#ifndef FOTSTAT_CLI_H
#define FOTSTAT_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "common/opt.h"

/* Runs fotstat with argv; returns the exit status (0, 1 or 2). */
int cli_main(int argc, char **argv);

/* The database a command works on: --db, else $FOTSTAT_DB, else ./fotstat.db. */
struct cli_db {
    const char *flag;       /* --db as given, or NULL */
    const char *path;       /* the database to use */
};

/* One command: its name, its words for --help, its options and its handler. */
struct command {
    const char *name;       /* "ingest" */
    const char *synopsis;   /* what follows the name in usage: "[--strict] FIL|MAPP..." */
    const char *summary;    /* one line of the main --help */
    const char *about;      /* the paragraph of its own --help */
    const struct opt *opts; /* its options (common/opt.h); cli_options says the report command's */
    size_t nopts;
    /* Runs the command on the words after its name; returns the exit status. */
    int (*run)(const struct command *c, const struct cli_db *db, int argc, char **argv);
};

/* The ids of options outside the registry's period options (whose ids are enum report_opt bits). */
enum cli_opt {
    CLI_DB = 1 << 8, CLI_HELP, CLI_VERSION,         /* before the command */
    CLI_STRICT,                                     /* ingest */
    CLI_FORMAT, CLI_OUT, CLI_SUPPRESS, CLI_AS_OF, CLI_COMPARE, CLI_PUBLISH,   /* report; demo's --out */
};

extern const struct command cli_commands[];
extern const size_t cli_ncommands;
extern const struct opt cli_global_opts[];
extern const size_t cli_nglobal_opts;

/* The command named name, or NULL. */
const struct command *cli_command(const char *name);

/* The options of command c (the report command's: the registry's period options and the run's; NULL: fotstat's own). */
const struct opt *cli_options(const struct command *c, size_t *n);

/* The usage of command c, or of fotstat itself if c is NULL; built once, never freed. */
const char *cli_usage(const struct command *c);

/* fotstat --version: its own version, then the libraries it runs with. */
void cli_print_version(FILE *out);

/* The handlers (cli.c). */
int cli_ingest(const struct command *c, const struct cli_db *db, int argc, char **argv);
int cli_status(const struct command *c, const struct cli_db *db, int argc, char **argv);
int cli_report(const struct command *c, const struct cli_db *db, int argc, char **argv);
int cli_demo(const struct command *c, const struct cli_db *db, int argc, char **argv);

#endif
