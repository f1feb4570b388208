/*
 * cli.h: the command line of PRODUCT.md, parsed and dispatched.
 */
#ifndef FOTSTAT_CLI_H
#define FOTSTAT_CLI_H

/* Runs fotstat with argv; returns the exit status (0, 1 or 2). */
int cli_main(int argc, char **argv);

#endif
