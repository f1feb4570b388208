/*
 * commands.h: fotstat's commands as one table (commands.c): each with its
 * words for --help and its table of options (common/opt.h), from which
 * cli.c parses and commands.c makes --help and --version.
 */
#ifndef FOTSTAT_COMMANDS_H
#define FOTSTAT_COMMANDS_H

#include <stddef.h>
#include <stdio.h>

#include "common/opt.h"

/* The commands, for cli.c to dispatch on. */
enum command_id { CMD_INGEST, CMD_STATUS, CMD_REPORT, CMD_DEMO };

/* One command: its name, its words for --help and its options. */
struct command {
    enum command_id id;
    const char *name;       /* "ingest" */
    const char *synopsis;   /* what follows the name in usage: "[--strict] FIL|MAPP..." */
    const char *summary;    /* one line of the main --help */
    const char *about;      /* the paragraph of its own --help */
    const struct opt *opts; /* its options (common/opt.h); cli_options says the report command's */
    size_t nopts;
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


#endif
