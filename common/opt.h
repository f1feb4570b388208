/*
 * opt.h: command-line options from a table.
 *
 * A command describes its options once, as an array of struct opt; from
 * that array come the parsing ("--out ut" and "--out=ut", "--" ending the
 * options), the usage errors and the option lines of --help.
 *
 *   static const struct opt opts[] = {
 *       { "--strict", NULL, "en avvisad rad avvisar hela filen", OPT_STRICT },
 *   };
 *   struct opt_scan s = { opts, ARRAY_LEN(opts), argc, argv, 0 };
 *   const struct opt *o;
 *   const char *value;
 *   while ((o = opt_next(&s, &value, &err)))
 *       ... o->id, value (NULL for an option without one)
 *   if (err.len) ... usage error; operands are argv[s.i] to argv[argc - 1]
 */
#ifndef FOTSTAT_OPT_H
#define FOTSTAT_OPT_H

#include <stddef.h>

#include "common/strbuf.h"

struct opt {
    const char *name;   /* "--out" */
    const char *arg;    /* the value's placeholder ("MAPP"), or NULL: the option takes none */
    const char *help;   /* Swedish, one sentence without a full stop, for --help */
    int id;             /* what the caller switches on */
};

struct opt_scan {
    const struct opt *opts; /* the table */
    size_t nopts;
    int argc;               /* the words after the command */
    char **argv;
    int i;                  /* the next word; after the scan, the first operand */
};

/*
 * The next option and its value (*value; NULL if it takes none), or NULL
 * at the end of the options (the first word that is not one, or after
 * "--"), with a Swedish usage error in err if a word starting with "-" is
 * not an option of the table, lacks its value or has one it does not take.
 */
const struct opt *opt_next(struct opt_scan *s, const char **value, struct strbuf *err);

/* The option named name ("--out"), or NULL. */
const struct opt *opt_find(const struct opt *opts, size_t n, const char *name);

/* True if argv holds --help or -h before any "--". */
int opt_wants_help(int argc, char **argv);

/*
 * Appends one --help line per option, "  --out MAPP" then its help
 * wrapped at 78 columns from column `col`.
 */
void opt_help(struct strbuf *sb, const struct opt *opts, size_t n, int col);

/* Appends text wrapped at 78 columns, each line indented by `indent` spaces. */
void opt_wrap(struct strbuf *sb, const char *text, int indent);

/* Reads a whole number in [lo, hi] into *out; returns 0 or -1. */
int opt_whole(const char *s, int lo, int hi, int *out);

#endif
