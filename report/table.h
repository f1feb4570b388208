/*
 * table.h: the table model every report fills and every renderer reads.
 *
 * A table has a name (the `tabell` of the tidy CSV), a title that names its
 * period, row and column labels, a grid of cells, a source line and notes.
 * Transform code fills tables; renderers (text.c, csvout.c, xlsx.c,
 * chart.c) turn any table into output without knowing which report it is.
 *
 *   struct table *t = table_new("arsmal", "Förmedlade lägenheter januari–oktober 2021");
 *   table_set_cols(t, 2, (const char *[]){ "Mål", "Förmedlade" });
 *   int r = table_add_row(t, "FoT");
 *   table_count(t, r, 0, 400);
 *   ...
 *   table_free(t);
 */
#ifndef FOTSTAT_TABLE_H
#define FOTSTAT_TABLE_H

#include <stddef.h>

#include "common/strbuf.h"
#include "common/strindex.h"

enum cell_kind {
    CELL_MISSING = 0,   /* the figure does not exist (no target set): empty */
    CELL_COUNT,         /* an integer count */
    CELL_SHARE,         /* a percentage, e.g. 66.8 */
    CELL_AMOUNT,        /* a decimal amount (kr, m², a forecast) */
    CELL_TEXT,          /* text: a date, an Ärendenummer, a label */
    CELL_PROTECTED,     /* hidden by small-count protection: ".." */
};

struct cell {
    enum cell_kind kind;
    double v;           /* the value of a count, share or amount; kept when hidden */
    char *text;         /* CELL_TEXT: owned */
    enum cell_kind orig; /* CELL_PROTECTED: the kind it had before it was hidden */
    int primary;        /* hidden as a small count itself, not as a complement */
    int exempt;         /* a small count shown: the city-wide totals alone give it away */
    int has_ref;        /* a share with a known numerator and denominator (below) */
    int num_r, num_c;   /* the count the share is made of ... */
    int den_r, den_c;   /* ... and the count it is a share of */
};

/* A table's chart, where the report has one: drawn from the table's own cells. */
enum chart_kind { CHART_NONE = 0, CHART_BAR, CHART_LINE };

struct chart_spec {
    enum chart_kind kind;
    char *name;         /* short name in file names, e.g. "kumulativt" */
    char *ylabel;       /* the y axis' title */
    int *cols;          /* the columns drawn as series */
    size_t ncols;
    int *rows;          /* the rows drawn, as categories or points in time */
    size_t nrows;
};

/*
 * How a table breaks a population down, so that the disclosure audit can
 * put together every table of a report that counts the same units
 * (audit.h).  Rows are the values of variable rdim (the total row: all of
 * them); columns the values of cdim (the total column: all), or, with cdim
 * NULL, each column counts the row's whole population.  Columns in `skip`
 * are not counts of it (cumulative sums, targets).
 */
struct table_link {
    char *population;   /* e.g. "förmedlade"; NULL: the table is audited on its own */
    char *rdim, *cdim;  /* e.g. "beställare", "kategori" */
    unsigned long long skip;  /* bit c set: column c is not a count of the population */
};

/*
 * Which rows of the exports a table's counts counted ("units", each named
 * by a key such as "bf:BF-2021-00123"), so that the audit of a series of
 * publications (series.h) can tell which counts of different reports count
 * the same households.  Each entry puts one unit in one inner cell (its
 * row's value of rdim, its column's of cdim); a total row or column holds
 * the units of the cells it sums.
 */
struct table_units {
    size_t *r, *c;      /* the inner cell of each entry */
    size_t *key;        /* each entry's key, an offset into text */
    size_t n, cap;
    struct strbuf text; /* the keys, back to back with their NULs */
    char *prints;       /* series_prints's, kept once asked; dropped when a unit is added */
};

/* What the audit found for a protected table (audit.h). */
struct table_audit {
    int done;           /* the table was audited */
    int hidden;         /* hidden counts */
    int hidden_shares;  /* hidden shares */
    long min_values;    /* the fewest possible values an intruder is left with for a hidden count */
    int exempt;         /* small counts shown because the city-wide totals give them away anyway */
    int series_hidden;  /* counts hidden for the series of publications (series.h) */
};

struct table {
    char *name;         /* tidy CSV `tabell`, e.g. "arsmal" */
    char *title;        /* title naming the period */
    char *sheet;        /* the workbook sheet's name (at most 31 characters) */
    char *stub;         /* header of the row-label column, e.g. "Boendeform" */
    char **rows;        /* row labels */
    size_t nrows, caprows;
    char **cols;        /* column labels */
    size_t ncols;
    struct cell *cells; /* nrows × ncols, row-major */
    char *source;       /* "Källa: …" */
    char **notes;       /* notes under the table */
    size_t nnotes;
    int protect;        /* small-count protection applies (a breakdown of households) */
    int total_row;      /* index of the total row, or -1 */
    int total_col;      /* index of the total column, or -1 */
    int workbook_only;  /* not in the text, the CSV or the page (Underlag, Om rapporten's tables) */
    int internal;       /* rows, not figures (Ärendenummer, Placeringsid): never in a publishable
                           file, only in the internal workbook under DIR/internt/ and, unless
                           workbook_only, in the text */
    struct chart_spec chart;
    struct table_link link;
    struct table_audit audit;
    struct table_units *units; /* which rows its counts counted; NULL: not recorded */
    struct strindex row_index; /* table_find_row's index of the row labels, once it has many */
};

/* Returns a new empty table; name and title are copied. */
struct table *table_new(const char *name, const char *title);
void table_free(struct table *t);

void table_set_cols(struct table *t, size_t n, const char *const *labels);
/*
 * Sets a new table up as every report's table begins: its sheet (NULL:
 * none of its own), its stub's header (NULL: none) and its ncols column
 * labels (0: set later).  Returns t.
 */
struct table *table_frame(struct table *t, const char *sheet, const char *stub, size_t ncols,
                          const char *const *cols);
/* Adds a row of CELL_MISSING cells; returns its index. */
int table_add_row(struct table *t, const char *label);
struct cell *table_cell(const struct table *t, size_t r, size_t c);
/* The index of the row (column) labelled label, or -1 (rows: hashed once a table has many). */
int table_find_row(const struct table *t, const char *label);
int table_find_col(const struct table *t, const char *label);

void table_count(struct table *t, size_t r, size_t c, long long v);
void table_share(struct table *t, size_t r, size_t c, double pct);
void table_amount(struct table *t, size_t r, size_t c, double v);
void table_text(struct table *t, size_t r, size_t c, const char *s);
/* A share pct = 100 × (nr, nc) / (dr, dc), both counts of t: hidden whenever either is. */
void table_share_of(struct table *t, size_t r, size_t c, double pct, size_t nr, size_t nc,
                    size_t dr, size_t dc);
/* Declares how t breaks down `population` (struct table_link); copies the names. */
void table_link(struct table *t, const char *population, const char *rdim, const char *cdim);
/* Column c of a linked table is not a count of its population. */
void table_link_skip(struct table *t, size_t c);
/*
 * Records that unit KEY is counted in inner cell (r, c) of t (table_units);
 * the first call starts t's record.  table_unit_at does the same by the
 * cell's labels, and returns -1 (recording nothing) when t has no such row
 * or column.
 */
void table_unit(struct table *t, size_t r, size_t c, const char *key);
int table_unit_at(struct table *t, const char *row, const char *col, const char *key);
/* Hides a cell, remembering what it was; shows it again. */
void cell_hide(struct cell *x);
void cell_show(struct cell *x);
/* The kind of the figure behind a cell, hidden or not. */
enum cell_kind cell_figure(const struct cell *x);

void table_set_sheet(struct table *t, const char *sheet);
void table_set_stub(struct table *t, const char *stub);
void table_set_source(struct table *t, const char *source);
void table_add_note(struct table *t, const char *note);
void table_set_chart(struct table *t, enum chart_kind kind, const char *name, const char *ylabel,
                     size_t nrows, const int *rows, size_t ncols, const int *cols);

/* A list of tables: one report's output. */
struct report {
    char *name;         /* "arsmal", "tertial" */
    char *period;       /* in file names: "2021-10", "2021-T2" */
    char *title;        /* the report's title with its period */
    struct table **tables;
    size_t ntables;
    struct table *sources;  /* every source file behind it, for "Om rapporten"; owned */
    int suppress;           /* the small-count threshold applied (0: off) */
    struct table *audit;    /* the audit of each protected table, for "Om rapporten"; owned */
    char *made_at;          /* when it was made, 'YYYY-MM-DD HH:MM UTC' */
    /*
     * Writes the report's summary paragraph from the figures it publishes:
     * called once the tables are protected, so that a hidden figure can be
     * left out of the text too (report_figure).  NULL: no paragraph.
     */
    void (*summarize)(const struct report *rep, struct strbuf *sb);
    char *summary;          /* the paragraph, once written, or NULL */
    char *organisation;     /* who publishes it, for the workbook's properties (reference data) */
    char *period_label;     /* the period as titles name it, "april 2021" (NULL: period) */
    char *as_of;            /* --as-of: the moment the figures are as of, as said; NULL: now */
    int units;              /* record which rows the counts counted (table_units), for the series audit */
    /*
     * Which outputs of the run show the internal tables: the internal
     * workbook (--out), which alone shows the årsmål's underlag, and the
     * text printed (--format text), which shows the other internal tables
     * (the follow-up's case lists).  A table no output shows is not built:
     * a report does not list every row it counted only to drop the list.
     */
    int internal, internal_text;
    struct table *series;   /* the publications audited together with it, for "Om rapporten"; owned */
    char *through;          /* the last day it counts, 'YYYY-MM-DD' (the series' order); NULL: unknown */
};

struct report *report_new(const char *name, const char *period, const char *title);
/* The table named NAME, or NULL. */
struct table *report_table(const struct report *rep, const char *name);
/*
 * The published value of cell (ROW, COL) of table TABLE, by labels: 0 and
 * *v when it is a count or share that is shown; -1 when it is hidden,
 * missing or not there.  Summaries quote figures only through this.
 */
int report_figure(const struct report *rep, const char *table, const char *row, const char *col,
                  double *v);
/* Appends t; the report owns it from now on. */
void report_add(struct report *rep, struct table *t);
void report_free(struct report *rep);
/* Sets made_at from SOURCE_DATE_EPOCH when set (reproducible output), else the clock; returns the time. */
long long report_stamp(struct report *rep);

/* Rounds a share to one decimal, half away from zero, as it is shown. */
double share_round(double pct);

#endif
