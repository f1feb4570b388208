/*
 * series_model.h: the inside of the series audit (series.h), shared by its
 * files and by nothing else.
 *
 * The audit builds a model of the counts: every count of the earlier
 * publications and of this report is a cell summing atoms, the sets of
 * units that the counts cannot tell apart (series_atoms.c).  The atoms
 * fall into components that share no count, one LP each
 * (series_model.c).  A hidden count, or a difference of two counts of the
 * same figure, is a quantity that must keep enough possible values; the
 * LPs say how many it keeps, and cells are hidden until each does and
 * shown again where they are not needed (series_hide.c).  series_protect.c
 * runs it for one report and writes what the notes say.
 */
#ifndef FOTSTAT_SERIES_MODEL_H
#define FOTSTAT_SERIES_MODEL_H

#include <stdint.h>

#include "common/strbuf.h"
#include "report/audit.h"
#include "report/series.h"
#include "report/table.h"

/* A count of the model: an earlier publication's, or a cell of this report's. */
struct mcell {
    const struct series_count *old;     /* an earlier publication's count, or NULL */
    struct table *t;                    /* this report's: the table and cell */
    size_t r, c;
    long value;                         /* its true value: the number of its units */
    int *atoms;                         /* the atoms it sums */
    size_t natoms;
    signed char pinned;                 /* hidden, it could not keep enough values: 1 yes, -1 no, 0 not asked */
    size_t hidden_for;                  /* hidden for the series to protect quantity hidden_for - 1; 0 not */
    uint64_t ident;                     /* a hash of its tabell, rad and kolumn */
};

#define NONE SERIES_NONE

/* A count that must keep enough possible values. */
enum qkind { Q_HIDDEN, Q_DIFF };

struct quantity {
    enum qkind kind;
    size_t a, b;            /* the hidden cell (a); or the cells whose difference a \ b it is */
    int *atoms;             /* the atoms summed, owned */
    size_t natoms;
    long value;             /* its true value */
    long need;              /* the possible values it must keep (0: not yet worked out) */
    int done;               /* it has them: hiding more cells never takes them away */
    int gone;               /* the hidden cell was shown again: nothing to protect */
    int exact;              /* Q_DIFF: no atom of b is missing from a, so a - b is its value */
    int cls;                /* 1 + its class: the quantities summing the same atoms (0: not yet known) */
};

/*
 * The states the audit asks the model in.  Each component keeps an LP for
 * each, so that asking one does not undo the solver's work on another.
 */
enum scenario {
    NOW,            /* the counts as they stand: earlier publications and this report, as hidden now */
    ALL_HIDDEN,     /* as NOW, with every count of this report that may be hidden hidden */
    OLD_ONLY,       /* the earlier publications alone */
    NSCEN
};

struct model {
    struct mcell *cells;
    size_t ncells, nold;    /* the first nold are the earlier publications' */
    long *atom_n;           /* each atom's number of units */
    size_t natoms;
    struct audit_lp *lp;
    struct quantity *q;
    size_t nq, capq;
    size_t *added;          /* the cells hidden for the series, in order */
    size_t nadded;
    const struct series *s;
    int *pub_used;          /* per earlier publication: it shares rows with this report */
    int limit;
    /*
     * The atoms fall apart into components that share no count (SHIS's
     * placements and Bostadsförmedlingen's offers, say): one LP each, and
     * only those this report counts in, as nothing else can change.
     */
    struct component {
        struct audit_lp *lp[NSCEN];     /* one LP a scenario, each warm in its own state; made when first asked */
        size_t nrows, ncols;
        size_t *start;                  /* its rows' columns, for the LPs: row r is cols[start[r] .. start[r + 1]) */
        int *cols;
        size_t given, pinned;           /* its counts given away already, for the notes */
        struct strbuf given_ex, pinned_ex;
    } *comps;
    size_t ncomps;
    int *atom_comp, *atom_loc;  /* per atom: its component (-1: none), its column there */
    int *cell_comp;             /* per cell: its component (-1: none or not this report's) */
    size_t *cell_row;           /* per cell: its row of the model (cells summing the same atoms share one) */
    int *row_comp;              /* per row: its component */
    size_t *row_loc;            /* per row: its row in its component's LP */
    long *row_value;            /* per row: its true value */
    int *row_shown;             /* per row, as of the last sync: how many of its cells are shown */
    char *row_live;             /* per row: in the LPs (some count of it may be shown) */
    size_t nrows;
    int *scratch;               /* columns of one sum, for a solve */
    struct series_keys local;   /* this report's rows, each once */
    uint32_t **eloc;            /* per table, per entry of its units: its row in local */
    size_t **at;                /* per audited table: model cell + 1 of each (r, c), 0 if none */
    size_t ntables;
    uint32_t *was;              /* per row of it: the earlier unit it is one of, or NONE */
    const char *through;            /* the last day this report counts (its place in the series) */
    struct series_summary *sum;     /* what the notes will say */
    /*
     * What the LPs said of each class of quantities (the same atoms: the
     * same hidden count in two mailings, a difference and a hidden count
     * of the same rows): the values found per scenario, asked once.  The
     * earlier publications alone, and everything that may be hidden hidden,
     * never change; NOW's answers hold while no count is shown again (only
     * hidden, which never takes values away), so they hold in their epoch
     * and only at least limit values are kept.
     */
    struct sigs *classes;
    long *cls_v[NSCEN];
    unsigned *cls_at[NSCEN];        /* the epoch an answer is of, plus 1 (0: none) */
    size_t capcls;
    unsigned epoch;                 /* NOW's: a count was shown again since */
};

/* Growing lists of ints, one per unit: the cells each unit is counted in. */
struct ilist {
    int *v;
    size_t n, cap;
};

/* The atoms' signatures (the cells each counts in, sorted), findable by content. */
struct sigs {
    struct ilist *v;        /* by atom */
    size_t n, cap;
    int *slot;              /* open addressing: atom + 1 */
    size_t nslots;
};

/* ---- series.c ---- */

/* The 64-bit FNV-1a hash of the NUL-terminated k. */
uint64_t series_hash_text(const char *k);

/* ---- series_atoms.c: the cells and their atoms ---- */

/* Appends a cell to the model (an earlier publication's count old, or t's cell r, c) of its true value. */
void atoms_add_cell(struct model *m, size_t *cap, const struct series_count *old,
                     struct table *t, size_t r, size_t c, long value);

/* The atoms of cell a not in cell b (both sorted), into q. */
void atoms_minus(const struct mcell *a, const struct mcell *b, struct quantity *q,
                        const long *atom_n);

/* A hidden count becomes a quantity to protect; its atoms are its own. */
void model_add_hidden_q(struct model *m, size_t i);

/* A new quantity to protect of kind, of cells a (and b); owned by m. */
struct quantity *model_add_q(struct model *m, enum qkind kind, size_t a, size_t b);

/*
 * Builds the atoms from where each unit is counted, the atoms no row has but
 * an intruder cannot rule out, and each cell's atoms.  in[u] lists the cells
 * of unit u in increasing order; weight[u] is how many rows it stands for.
 */
void atoms_build(struct model *m, struct ilist *in, const long *weight, size_t nunits);

/* A cell's tabell, rad and kolumn, as the tidy CSV names them: an earlier publication's or this report's. */
void atoms_cell_labels(const struct model *m, size_t i, const char *l[3]);

/* The label of a count for notes: "tabell / rad / kolumn". */
void model_count_label(const struct model *m, size_t i, struct strbuf *sb);

/* A cell of this report that may be hidden for the series: as suppress.c's complements. */
int model_eligible(const struct table *t, size_t r, size_t c);

/* True if cell i is hidden as the counts stand now. */
int model_hidden_now(const struct model *m, size_t i);

/* qsort's comparison of ints, ascending. */
int int_cmp(const void *a, const void *b);

/* Appends x to the list l. */
void ilist_add(struct ilist *l, int x);

/* True if cells i and j are the same figure (tabell, rad, kolumn), in whichever publications. */
int atoms_same_identity(const struct model *m, size_t i, size_t j);

/* The atom with signature v[0..n-1] (sorted), made when new; *made says which. */
int sig_atom(struct sigs *g, const int *v, size_t n, int *made);

/* ---- series_model.c: the model, its components and its quantities ---- */

/* Whether entry e of t->units is one of the rows the series audits: its table's counts are. */
int model_audited(const struct table *t);

/* The rest of the model: its atoms, components and quantities to protect. */
void model_atoms(struct model *m, const struct report *rep, const struct series *s);

/* Returns 0, or -1 with a message in err when the register could not be read. */
int model_build(struct model *m, struct report *rep, struct series *s, struct strbuf *err);

/* Frees what model_build made; m itself is the caller's. */
void model_free(struct model *m);

/* Sets pub[p] for each earlier publication with a count of a unit marked in mark. */
void model_pubs_counting(const struct series *s, const char *mark, int *pub);

/* ---- series_hide.c: the LPs asked, and cells hidden and shown again ---- */

/*
 * Protects q by hiding one more cell of this report: the cell that moved,
 * when q is the difference of a shown cell of this report from an earlier
 * one; else a complement near q's rows, chosen by the LP's dual values
 * rather than by trying each (a solve each).  Returns 0, 1 when nothing
 * more can be hidden, or -1 when the solver failed.
 */
int hide_mend(struct model *m, struct quantity *q);

/*
 * Whether this report's cell i, hidden, would keep fewer than limit values
 * even with every cell that may be hidden hidden: pinned by the city-wide
 * totals and the earlier publications.  Hiding it would protect nothing,
 * and its own table's audit would find it given away.  Asked once a cell.
 * Returns 1 or 0, or -1 when the solver failed.
 */
int hide_pinned(struct model *m, size_t i);

/*
 * Shows again each cell hidden for the series that the series can do
 * without, the largest first, so that as little as possible is hidden.
 * Returns 0, or -1 when the solver failed.
 */
int hide_prune(struct model *m);

/*
 * How many values q keeps now, or a lower bound of it of at least want.
 * A difference of two shown counts where no row of the earlier one can be
 * missing from the later is their difference exactly: one value, no solve.
 */
int hide_qvalues(struct model *m, enum scenario sc, struct quantity *q, long want, long *v);

/* Appends an example of a count q depends on, for the notes. */
void hide_say_example(const struct model *m, const struct quantity *q, struct strbuf *sb);

/* Brings the LPs of the counts as they stand up to date. */
void hide_sync(struct model *m);

/*
 * How many values q must keep: N, unless it is given away already: by the
 * earlier publications alone (for a count only they print), or by the
 * city-wide totals and the earlier publications (with every cell of this
 * report that may be hidden hidden).  Then this report must not narrow it
 * further.  Returns 0, or -1 when the solver failed.
 */
int hide_work_out_need(struct model *m, struct quantity *q);

#endif
