/*
 * cli.h: the command line (doc/fotstat.1): cli.c parses it with the table
 * of commands (commands.h), runs the command and picks the exit status.
 */
#ifndef FOTSTAT_CLI_H
#define FOTSTAT_CLI_H

/* Runs fotstat with argv; returns the exit status (0, 1 or 2). */
int cli_main(int argc, char **argv);

#endif
