/*
 * arsmal_pass.h: what the årsmål report reads of a period, in one pass
 * (arsmal_pass.c), for its tables (arsmal.c); not for use outside them.
 */
#ifndef FOTSTAT_ARSMAL_PASS_H
#define FOTSTAT_ARSMAL_PASS_H

#include <sqlite3.h>

#include "common/strbuf.h"
#include "common/tally.h"
#include "report/table.h"
#include "transform/crosstab.h"
#include "transform/period.h"
#include "transform/sources.h"

#define ARSMAL_SQL "transform/sql/arsmal.sql"

/*
 * The rows of Tabell 1: the årsmål categories of ref_arsmal_kategori, in
 * order.  A row counts the boendeformer whose kategori or rad it names
 * (ref_bf_boendeform); the row marked `alla` counts every one.  The rows
 * that are a kategori of some boendeform are the categories the other
 * tables break down by (FoT, Bostad Först, Genomgångsbostad).
 */
#define MAXROWS 16
struct layout {
    size_t n;
    char label[MAXROWS][64];
    int all[MAXROWS];       /* counts every förmedlad lägenhet (Totalt) */
    size_t ncat;
    int cat[MAXROWS];       /* rows that are categories, in order */
    const char *catlabel[MAXROWS];
    int total;              /* the row marked alla, or -1 */
};

/* Counts and targets of one period, by Tabell 1 row. */
struct figures {
    long n[MAXROWS];          /* förmedlade */
    long mal[MAXROWS];        /* target, when has_mal */
    int has_mal[MAXROWS];
};

/* A boendeform: its årsmål category and Tabell 1 row (ref_bf_boendeform). */
struct form {
    char *label, *kategori, *rad;
    int cat;                /* its category's index in layout.cat, or -1 */
    long n;                 /* förmedlade in the period */
};

/*
 * A förmedling counted, for the audit of a series: its row's key (an
 * offset into the pass's unit_text), its month, and its beställare and
 * hyresvärd as the pass's tallies keep them.
 */
struct contract_unit {
    const struct form *f;
    const char *bestallare, *hyresvard;
    size_t key;
    int month;              /* 1..12 */
};

/* An offer counted, for the audit of a series: its row's key and what it is counted by. */
struct offer_unit {
    const struct form *f;
    size_t key, svar, bestallare, nej;  /* offsets into the pass's unit_text */
};

/*
 * Everything the period's tables count, from one pass over its contracts
 * (statement "contracts") and one over its offers ("offers"), so that no
 * table reads or sorts the rows again.  When the report names the rows
 * behind its counts (rep->units), the contracts and the offers (these from
 * "offers_units", with their Ärendenummer) are kept for record_units.  The
 * underlag, which lists every contract with its file and line, is made
 * only for the internal workbook (rep->internal): no other output shows it.
 */
struct pass {
    struct form *forms;     /* by label */
    size_t nforms;
    struct ranks form_rank, org_rank, nej_rank;
    struct figures cur;                 /* Tabell 1's förmedlade and targets */
    long month[13][MAXROWS];            /* förmedlade per month (1..12) and category */
    struct tally bestallare, hyresvard; /* förmedlade by (beställare | hyresvärd, category) */
    struct tally answers;               /* offers by (boendeform, svar) */
    struct tally nej;                   /* Nej by (nej-orsak, category) */
    struct tally svar_bestallare;       /* offers by (beställare, svar) */
    struct table *underlag;             /* every förmedling counted, with its file and line; or NULL */
    struct file_set files;              /* the files behind both */
    char *bf, *bf_targets;              /* the two "Källa: …" lines (without, with targets) */
    int units;                          /* keep the contracts' and the offers' rows */
    struct contract_unit *contract_units;
    size_t ncontract_units, capcontract_units;
    struct offer_unit *offer_units;
    size_t noffer_units, capoffer_units;
    struct strbuf unit_text;
};

/* The rows of Tabell 1 (ref_arsmal_kategori) into l.  Returns 0, or -1 with err. */
int pass_layout(sqlite3 *db, struct layout *l, struct strbuf *err);

/*
 * The förmedlade of a period the pass does not read (the previous year's),
 * counted per form of ps (after pass_read), and its targets.
 */
int pass_figures(const struct pass *ps, sqlite3 *db, const struct layout *l,
                 const struct period *p, struct figures *f, struct strbuf *err);

/* The boendeform named label, or NULL with a message in err (not in the reference data). */
struct form *pass_form(struct pass *ps, const char *label, struct strbuf *err);

/*
 * The pass, then the two "Källa: …" lines of the period's tables, naming
 * the files behind its offers and contracts, without and with its
 * targets: every table of the period cites the same files.  With units,
 * the rows behind each count are kept; with underlag, the underlag made.
 */
int pass_read(struct pass *ps, sqlite3 *db, const struct layout *l, const struct period *p,
              int units, int underlag, struct strbuf *err);

/* Frees what pass_read made; ps may be half read. */
void pass_free(struct pass *ps);

/* Appends s and its NUL to the pass's unit_text; returns where it starts. */
size_t pass_text(struct pass *ps, const char *s);

#endif
