/*
 * main.c: fotstat, a batch reporting pipeline for the housing programme of
 * the City of Stockholm's social services.  Everything happens in cli.c.
 */
#include "cli.h"

int main(int argc, char **argv)
{
    return cli_main(argc, argv);
}
