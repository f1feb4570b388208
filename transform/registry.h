/*
 * registry.h: the reports fotstat knows, in one table.
 *
 * Each entry names a report, describes it in Swedish, says which period
 * options it takes and requires, points at its build function and lists
 * the runs `fotstat demo` makes of it.  The command line parses, checks,
 * prints --help and runs the demo from this table alone; the bash
 * completion, the manual page, the fuzzer, the benchmark and the
 * end-to-end tests take their lists of reports and options from it or are
 * checked against it (tests/registry.sh).  So a new report is its .sql,
 * its .c, one entry in registry.c and its tests.
 */
#ifndef FOTSTAT_REGISTRY_H
#define FOTSTAT_REGISTRY_H

#include <stddef.h>

#include "common/opt.h"
#include "common/strbuf.h"
#include "transform/args.h"

/* The period options a report can take (ids of report_options, bits of report_def.takes / .requires). */
enum report_opt {
    OPT_YEAR = 1u << 0,     /* --year ÅÅÅÅ */
    OPT_THROUGH = 1u << 1,  /* --through ÅÅÅÅ-MM-DD */
    OPT_TERTIAL = 1u << 2,  /* --tertial 1|2|3 */
    OPT_MONTH = 1u << 3,    /* --month ÅÅÅÅ-MM */
};

/* The period options, each with its enum report_opt bit as its id. */
extern const struct opt report_options[];
extern const size_t report_noptions;

/* Ends a report's list of demo runs (a run may leave every option out). */
#define DEMO_END { .year = -1 }
#define DEMO_IS_END(a) ((a)->year < 0)

struct report_def {
    const char *name;           /* the command line's NAME, e.g. "arsmal" */
    const char *description;    /* Swedish, for --help */
    unsigned takes;             /* the period options it accepts */
    unsigned requires;          /* of those, the ones it must have */
    report_fn build;
    const struct report_args *demo;   /* the demo's runs, ended by DEMO_END */
};

extern const struct report_def report_defs[];
extern const size_t report_ndefs;

/* The report named NAME, or NULL. */
const struct report_def *report_find(const char *name);

/* "--year ÅÅÅÅ [--through ÅÅÅÅ-MM-DD]": the options of d, required ones bare. */
void report_synopsis(const struct report_def *d, struct strbuf *sb);

/* A run's period options as the command line writes them: " --year 2021 --through 2021-10-31". */
void report_args_options(struct strbuf *sb, const struct report_args *a);

#endif
