/*
 * registry.h: the reports fotstat knows, in one table.
 *
 * Each entry names a report, describes it in Swedish, says which period
 * options it takes and requires, points at its build function and lists
 * the runs `fotstat demo` makes of it.  The command line parses, checks,
 * prints --help and runs the demo from this table alone, so a new report
 * is its .sql, its .c and one entry in registry.c.
 */
#ifndef FOTSTAT_REGISTRY_H
#define FOTSTAT_REGISTRY_H

#include <sqlite3.h>
#include <stddef.h>

#include "common/strbuf.h"
#include "report/table.h"

/* The period options a report can take (bits of report_def.takes / .requires). */
enum report_opt {
    OPT_YEAR = 1u << 0,     /* --year ÅÅÅÅ */
    OPT_THROUGH = 1u << 1,  /* --through ÅÅÅÅ-MM-DD */
    OPT_TERTIAL = 1u << 2,  /* --tertial 1|2|3 */
    OPT_MONTH = 1u << 3,    /* --month ÅÅÅÅ-MM */
};

/* One period option: its flag, the placeholder of its value, its help line. */
struct report_option {
    enum report_opt bit;
    const char *flag;
    const char *arg;
    const char *help;
};

extern const struct report_option report_options[];
extern const size_t report_noptions;

/* The period options of one run, as parsed; unset ones are 0 / NULL. */
struct report_args {
    int year;
    const char *through;
    int tertial;
    const char *month;
    int units;      /* record which rows each count counted (report.units): the series audit needs it */
};

/* Computes the report; NULL with a Swedish message in err on failure. Caller frees. */
typedef struct report *(*report_fn)(sqlite3 *db, const struct report_args *a, struct strbuf *err);

/* Ends a report's list of demo runs (a run may leave every option out). */
#define DEMO_END { -1, NULL, 0, NULL, 0 }
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

/* The option with flag FLAG ("--year"), or NULL. */
const struct report_option *report_option_find(const char *flag);

/* "--year ÅÅÅÅ [--through ÅÅÅÅ-MM-DD]": the options of d, required ones bare. */
void report_synopsis(const struct report_def *d, struct strbuf *sb);

#endif
