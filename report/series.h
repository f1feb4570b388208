/*
 * series.h: the audit of a series of publications.
 *
 * Nobody publishes one report: the monthly mailing, tertial 1, 2 and 3, the
 * year's årsmål and re-publications after a revision count the same
 * households again and again, and what each hides alone the series can
 * give away (August's and September's mailings side by side give
 * September's own count for a stadsdel).  So a report is audited together
 * with every registered publication (the register, transform/publications.h)
 * that counts any of the same rows.
 *
 * The unknowns are the counts of "atoms": groups of rows (units, each named
 * by a key such as "shis:SHIS-2021-0042") that fall in exactly the same
 * published counts; each published count is the sum of its atoms, fixed to
 * its value when shown and free when hidden, and atoms are never negative.
 * The intruder knows all of it.  What must keep at least N possible values
 * (N from --suppress), as linear programming (GLPK) bounds it:
 *
 *   - every hidden count, of this report and of the earlier publications;
 *   - every count the series implies without printing it: for a cell of a
 *     protected table (not a city-wide total) and the cell of an earlier
 *     publication with the same tabell, rad and kolumn, the rows counted
 *     in one and not the other (one month's or one tertial's own count, the
 *     change a revision made), when there are 1 to N-1 of them.
 *
 * Earlier publications are fixed.  What they give away among themselves
 * (an August mailing sent before the register existed) is not this
 * report's to mend: it must add nothing to it, and its note names them.
 * What the city-wide totals pin down, which are never hidden, is said
 * likewise.  Everything else this report would give away is mended by
 * hiding its own cells: first the cell that moved by a small amount since
 * it was last shown, then complements (its row, its column, a rectangle,
 * cheapest first) until the whole series leaves every such count at least
 * N possible values.  Shown figures stay the true figures.
 *
 *   struct series s;
 *   series_init(&s);
 *   ... publications_series(db, &s, &err) loads the register ...
 *   if (series_protect(rep, &s, 3, &err)) ... err says which count is given away
 *   series_free(&s);
 */
#ifndef FOTSTAT_SERIES_H
#define FOTSTAT_SERIES_H

#include <stddef.h>
#include <stdint.h>

#include "common/strbuf.h"
#include "common/strindex.h"
#include "report/table.h"

/* An earlier publication of the series. */
struct series_pub {
    long long id;           /* its number in the register */
    char *label;            /* "shis-manad 2021-08 (nr 3)", as notes name it */
    char *through;          /* the last day it counts, 'YYYY-MM-DD', or NULL */
};

/* A count an earlier publication printed or hid, with the units it counted. */
struct series_count {
    size_t pub;             /* its publication: an index into pubs */
    char *tabell, *rad, *kolumn;    /* as in the tidy CSV */
    int hidden;             /* printed as ".." */
    uint32_t *units;        /* the units it counted; its value is the sum of their weights */
    size_t nunits, cap;
};

/* Names interned to dense ids (zeroed to start). */
struct series_keys {
    char **keys;            /* by id, owned */
    size_t n, cap;
    struct strindex ix;     /* the keys' index */
};
/* The id of key, added if new; *made says which. */
uint32_t series_keys_add(struct series_keys *k, const char *key, int *made);
/* 1 and *id if key is known, else 0 (and *at, when not NULL, the slot it would take). */
int series_keys_find(const struct series_keys *k, const char *key, uint32_t *id, size_t *at);
void series_keys_free(struct series_keys *k);

/*
 * The earlier publications, their counts, and the units they counted.  A
 * unit is one row named by its key (series_unit), or a group of rows that
 * every earlier publication counted in exactly the same counts, as the
 * register keeps them (series_group): its weight is how many rows it
 * stands for.
 */
struct series {
    struct series_pub *pubs;
    size_t npubs;
    struct series_count *counts;
    size_t ncounts, capcounts;
    long *weight;           /* per unit: the rows it stands for */
    size_t nunits, capunits;
    struct series_keys named;   /* the named units' keys */
    uint32_t *named_unit;       /* per key id: its unit */
    /*
     * Finds the units standing for the rows keys[0..n-1] a report counts
     * among the earlier publications' (the register's groups:
     * publications.c): units[i], or SERIES_NONE if none counted it.
     * Returns 0, or -1 with a Swedish message.  NULL: the rows named by
     * series_unit.
     */
    int (*find)(void *ctx, char *const *keys, size_t n, uint32_t *units, struct strbuf *err);
    void (*find_free)(void *ctx);   /* called by series_free */
    void *find_ctx;
    /*
     * The register behind it, asked by series_protect (publications.c):
     * `same` first, then `load` (once) for the full audit.  NULL: the
     * series is already all in s.
     *
     * same: finds the latest registered publication of the report and
     * period that published every count of rep already, with the same
     * value and on the same rows (series_prints): its label goes into
     * label.  When there is none, the latest publication of the report and
     * period, if any, goes into prior.  Per table ti of rep with units, the
     * counts the one named hid go into hidden[ti][r * ncols + c] (hidden[ti]
     * allocated by the caller, zeroed).
     * load: adds the earlier publications, their counts and units to s.
     * Both return 0, or -1 with a Swedish message.
     */
    int (*same)(void *ctx, const struct report *rep, struct strbuf *label, struct strbuf *prior,
                char **hidden, struct strbuf *err);
    int (*load)(void *ctx, struct series *s, struct strbuf *err);
    void *register_ctx;
};

void series_init(struct series *s);
void series_free(struct series *s);
/* Adds an earlier publication; returns its index.  label and through (may be NULL) are copied. */
size_t series_add_pub(struct series *s, long long id, const char *label, const char *through);
/* Adds a count of publication pub (labels copied); returns it, to take its units. */
struct series_count *series_add_count(struct series *s, size_t pub, const char *tabell,
                                      const char *rad, const char *kolumn, int hidden);
/* The unit of the row named key, named now if it is new (weight 1). */
uint32_t series_unit(struct series *s, const char *key);
/* A new unit standing for `rows` rows that are not named. */
uint32_t series_group(struct series *s, long rows);
/* Adds a unit to an earlier publication's count. */
void series_count_add(struct series_count *c, uint32_t unit);
void series_count_add_unit(struct series *s, struct series_count *c, const char *key);
#define SERIES_NONE UINT32_MAX
/* The units standing for the rows keys[0..n-1] among the earlier publications' (s->find). */
int series_find(struct series *s, char *const *keys, size_t n, uint32_t *units, struct strbuf *err);

/*
 * Whether entry e of t->units is counted in cell (r, c): its own inner cell,
 * and the total row and column that sum it.
 */
int series_unit_in(const struct table *t, size_t e, size_t r, size_t c);
/*
 * The counts of t that entry e of t->units is counted in (series_unit_in
 * and series_is_count): into r[] and c[], which hold 2 * ncols; returns
 * how many.
 */
size_t series_unit_cells(const struct table *t, size_t e, size_t *r, size_t *c);
/* True if (r, c) is a count of t whose units the series audit knows. */
int series_is_count(const struct table *t, size_t r, size_t c);
/*
 * The fingerprint of the rows each count of t counted (series_is_count),
 * for the register to know a count published again on the same rows: the
 * sum mod 2^128 of a 128-bit SipHash of each row's key, as 32 hex digits.
 * Returns an array of nrows * ncols strings of SERIES_PRINT_LEN bytes, cell
 * (r, c) at [(r * ncols + c) * SERIES_PRINT_LEN], "" for a cell that is no
 * such count; NULL when t has no units.  Made once and kept with t's units
 * (the audit and the register both ask), until a unit is added.
 */
#define SERIES_PRINT_LEN 33
const char *series_prints(const struct table *t);

/*
 * Checks that every count of every table of rep with units has exactly as
 * many units as its value, so that the series audit counts what the report
 * printed.  Returns 0, or -1 with a Swedish message naming the table.
 */
int series_check_units(const struct report *rep, struct strbuf *err);

/* What the audit of the series found, for the notes (series_add_notes). */
struct series_summary {
    int limit;              /* N */
    size_t used;            /* earlier publications counting the same rows */
    struct strbuf used_list;    /* their labels */
    size_t checked;         /* counts checked that had to keep N values */
    long min_values;        /* the fewest values any of them keeps */
    size_t hidden;          /* cells hidden for the series */
    struct strbuf same_as;  /* the publication that published every count already, on the same rows, or "" */
    struct strbuf prior;    /* else the latest publication of the same report and period, whose hidden counts stay hidden, or "" */
    size_t prior_hidden;    /* how many of this report's counts that keeps hidden */
    /* Per table of the report (by index), what its note says. */
    struct series_table_note {
        size_t used;                /* earlier publications counting rows it counts */
        struct strbuf used_list;    /* their labels */
        size_t given, pinned;       /* counts given away already: by earlier publications, by the totals */
        struct strbuf given_ex, pinned_ex;  /* an example of each */
    } *tables;
    size_t ntables;
};

void series_summary_init(struct series_summary *sum);
void series_summary_free(struct series_summary *sum);

/*
 * Protects rep (suppress.h) and audits it together with the earlier
 * publications of s (NULL: none), which may hide more cells of its
 * protected tables; each table's notes say both.  Returns 0, or -1 with a
 * Swedish message in err.
 */
int series_suppress_report(struct report *rep, int limit, struct series *s, struct strbuf *err);

/*
 * Audits rep (already protected table by table) together with the earlier
 * publications of s, and hides further cells of rep's protected tables
 * where the series needs it; sum says what it found, and rep->series
 * becomes the table of the publications audited together with it, for
 * "Om rapporten".  New units are named in s.  Returns 0, or -1 with a
 * Swedish message when a count cannot be protected.
 */
int series_protect(struct report *rep, struct series *s, int limit, struct series_summary *sum,
                   struct strbuf *err);
/* Adds what sum says under each protected table of rep that has units. */
void series_add_notes(struct report *rep, const struct series_summary *sum);

#endif
