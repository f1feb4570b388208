/*
 * unit_protect.c: small-count protection attacked the way an intruder
 * would.  The intruder here shares no code with the protection: it knows
 * every published figure of the tables, that rows add up to the total
 * column and columns to the total row, that a stadsdel's total is the same
 * in every table of the same units, that a share is its count over its
 * base rounded to one decimal, and that counts are whole numbers ≥ 0.  It
 * enumerates every filling of the hidden counts that agrees with all of
 * that and reports the fewest values any hidden count can take.
 */
#include "report/audit.h"
#include "report/suppress.h"
#include "report/table.h"
#include "tests/unit.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>

/* ---- the intruder ---------------------------------------------------------- */

#define MAXV 64       /* hidden counts */
#define MAXL 128      /* lines (sums) */
#define MAXVAL 256    /* the largest value tried */

struct ref {
    const struct table *t;
    size_t r, c;
};

struct intruder {
    struct ref var[MAXV];
    size_t nvar;
    int val[MAXV];
    /* line k: members[k][..] (cell refs) sum to total[k] */
    struct ref line_cells[MAXL][40];
    size_t line_n[MAXL];
    struct ref line_total[MAXL];
    size_t nline;
    unsigned char seen[MAXV][MAXVAL + 1];
    long solutions;
};

static int var_of(const struct intruder *in, struct ref x)
{
    for (size_t i = 0; i < in->nvar; i++)
        if (in->var[i].t == x.t && in->var[i].r == x.r && in->var[i].c == x.c)
            return (int)i;
    return -1;
}

/* The value of a cell: published, or the intruder's guess so far (-1: not guessed yet). */
static long value(const struct intruder *in, struct ref x, size_t assigned)
{
    int v = var_of(in, x);
    if (v < 0)
        return (long)table_cell(x.t, x.r, x.c)->v;
    return (size_t)v < assigned ? in->val[v] : -1;
}

/* 0 if the guesses so far contradict a line, 1 otherwise. */
static int lines_ok(const struct intruder *in, size_t assigned)
{
    for (size_t k = 0; k < in->nline; k++) {
        long tot = value(in, in->line_total[k], assigned), sum = 0;
        int open = 0;
        for (size_t i = 0; i < in->line_n[k]; i++) {
            long v = value(in, in->line_cells[k][i], assigned);
            if (v < 0)
                open = 1;
            else
                sum += v;
        }
        if (tot >= 0 && (open ? sum > tot : sum != tot))
            return 0;
    }
    return 1;
}

/* Published shares must agree with the guesses to within their rounding. */
static int shares_ok(const struct intruder *in)
{
    for (size_t i = 0; i < in->nvar; i++) {
        const struct table *t = in->var[i].t;
        for (size_t r = 0; r < t->nrows; r++)
            for (size_t c = 0; c < t->ncols; c++) {
                const struct cell *x = table_cell(t, r, c);
                if (x->kind != CELL_SHARE || !x->has_ref)
                    continue;
                long n = value(in, (struct ref){ t, (size_t)x->num_r, (size_t)x->num_c }, in->nvar);
                long d = value(in, (struct ref){ t, (size_t)x->den_r, (size_t)x->den_c }, in->nvar);
                if (d <= 0 || fabs(100.0 * (double)n / (double)d - x->v) > 0.05 + 1e-9)
                    return 0;
            }
    }
    return 1;
}

/*
 * The range worth trying for guess i: a line whose total is known and
 * whose other members are all known forces it; otherwise it is at most the
 * smallest known total of a line it is in.
 */
static void range(const struct intruder *in, size_t i, long *lo, long *hi)
{
    *lo = 0;
    *hi = MAXVAL;
    for (size_t k = 0; k < in->nline; k++) {
        long tot = value(in, in->line_total[k], i), others = 0;
        int member = 0, open = 0;
        for (size_t j = 0; j < in->line_n[k]; j++) {
            int v = var_of(in, in->line_cells[k][j]);
            if (v == (int)i) {
                member = 1;
                continue;
            }
            long x = value(in, in->line_cells[k][j], i);
            if (x < 0)
                open = 1;
            else
                others += x;
        }
        if (!member || tot < 0)
            continue;
        if (!open) {
            *lo = *hi = tot - others;
            return;
        }
        if (tot < *hi)
            *hi = tot;
    }
}

static void search(struct intruder *in, size_t i)
{
    if (!lines_ok(in, i))
        return;
    if (i == in->nvar) {
        if (!shares_ok(in))
            return;
        in->solutions++;
        for (size_t k = 0; k < in->nvar; k++)
            in->seen[k][in->val[k]] = 1;
        return;
    }
    long lo, hi;
    range(in, i, &lo, &hi);
    for (long v = lo < 0 ? 0 : lo; v <= hi && v <= MAXVAL; v++) {
        in->val[i] = (int)v;
        search(in, i + 1);
    }
}

static void add_line(struct intruder *in, const struct table *t, int by_col, size_t fixed)
{
    size_t k = in->nline++;
    in->line_n[k] = 0;
    size_t n = by_col ? t->nrows : t->ncols;
    for (size_t i = 0; i < n; i++) {
        size_t r = by_col ? i : fixed, c = by_col ? fixed : i;
        if ((int)(by_col ? r : c) == (by_col ? t->total_row : t->total_col))
            continue;
        if (cell_figure(table_cell(t, r, c)) != CELL_COUNT)
            continue;
        in->line_cells[k][in->line_n[k]++] = (struct ref){ t, r, c };
    }
    in->line_total[k] = by_col ? (struct ref){ t, (size_t)t->total_row, fixed }
                               : (struct ref){ t, fixed, (size_t)t->total_col };
    const struct ref *tot = &in->line_total[k];
    if (cell_figure(table_cell(tot->t, tot->r, tot->c)) != CELL_COUNT)
        in->nline--;   /* a column of shares adds up to nothing */
}

/*
 * Attacks tables[0..n-1]; rows with the same label in several tables have
 * the same total.  Returns the fewest values a hidden count can take
 * (LONG_MAX with nothing hidden, 0 if the published figures contradict).
 */
static long attack(struct table *const *tables, size_t n)
{
    struct intruder *in = calloc(1, sizeof *in);
    for (size_t ti = 0; ti < n; ti++) {
        const struct table *t = tables[ti];
        for (size_t r = 0; r < t->nrows; r++)
            for (size_t c = 0; c < t->ncols; c++) {
                const struct cell *x = table_cell(t, r, c);
                if (x->kind == CELL_PROTECTED && x->orig == CELL_COUNT)
                    in->var[in->nvar++] = (struct ref){ t, r, c };
            }
        if (t->total_col >= 0)
            for (size_t r = 0; r < t->nrows; r++)
                add_line(in, t, 0, r);
        if (t->total_row >= 0)
            for (size_t c = 0; c < t->ncols; c++)
                add_line(in, t, 1, c);
        /* The same stadsdel's total in an earlier table: a line of one member. */
        for (size_t tj = 0; tj < ti; tj++) {
            const struct table *u = tables[tj];
            for (size_t r = 0; r < t->nrows; r++)
                for (size_t q = 0; q < u->nrows; q++) {
                    if (strcmp(t->rows[r], u->rows[q]) || t->total_col < 0 || u->total_col < 0)
                        continue;
                    size_t k = in->nline++;
                    in->line_n[k] = 1;
                    in->line_cells[k][0] = (struct ref){ t, r, (size_t)t->total_col };
                    in->line_total[k] = (struct ref){ u, q, (size_t)u->total_col };
                }
        }
    }
    search(in, 0);
    long fewest = LONG_MAX;
    if (in->solutions == 0)
        fewest = 0;
    for (size_t k = 0; k < in->nvar && in->solutions; k++) {
        long m = 0;
        for (int v = 0; v <= MAXVAL; v++)
            m += in->seen[k][v];
        if (m < fewest)
            fewest = m;
    }
    free(in);
    return fewest;
}

/* ---- tables ------------------------------------------------------------------ */

/* A breakdown by stadsdel with a Totalt column and row; v is nrows × ncols. */
static struct table *grid(const char *const *rows, size_t nr, const char *const *cols, size_t nc,
                          const int *v)
{
    struct table *t = table_new("t", "T");
    const char *all[16];
    for (size_t c = 0; c < nc; c++)
        all[c] = cols[c];
    all[nc] = "Totalt";
    table_set_cols(t, nc + 1, all);
    long col[16] = { 0 }, grand = 0;
    for (size_t r = 0; r < nr; r++) {
        table_add_row(t, rows[r]);
        long sum = 0;
        for (size_t c = 0; c < nc; c++) {
            table_count(t, r, c, v[r * nc + c]);
            sum += v[r * nc + c];
            col[c] += v[r * nc + c];
        }
        table_count(t, r, nc, sum);
        grand += sum;
    }
    t->total_row = table_add_row(t, "Totalt");
    for (size_t c = 0; c < nc; c++)
        table_count(t, nr, c, col[c]);
    table_count(t, nr, nc, grand);
    t->total_col = (int)nc;
    t->protect = 1;
    return t;
}

static int hidden(const struct table *t, size_t r, size_t c)
{
    return table_cell(t, r, c)->kind == CELL_PROTECTED;
}

static void hide(struct table *t, size_t r, size_t c)
{
    cell_hide(table_cell(t, r, c));
}

static int count_hidden(const struct table *t)
{
    int k = 0;
    for (size_t i = 0; i < t->nrows * t->ncols; i++)
        k += t->cells[i].kind == CELL_PROTECTED;
    return k;
}

static int protect(struct table *t, int n)
{
    struct strbuf err = STRBUF_INIT;
    int rc = suppress_tables(&t, 1, n, &err);
    if (rc)
        printf("    %s\n", err.buf);
    sb_free(&err);
    return rc;
}

/* ---- the attacks ------------------------------------------------------------------ */

static const char *const svar_rows[] = {
    "Rinkeby-Kista", "Spånga-Tensta", "Bromma", "Kungsholmen", "Norrmalm", "Östermalm", "SHIS",
};
static const char *const svar_cols[] = { "Ja", "Nej", "Inväntar" };
static const int svar[] = {
    29, 9, 0,  40, 5, 0,  18, 2, 0,  13, 1, 0,  12, 2, 0,  6, 2, 0,  14, 60, 0,
};

/* The case of the issue: Inväntar is 0 throughout, so hiding its cells protects nothing. */
TEST(bromma_and_the_zero_total_column)
{
    /* The old pattern: Nej and Inväntar hidden together. */
    struct table *t = grid(svar_rows, 7, svar_cols, 3, svar);
    for (size_t r = 2; r <= 5; r++) {
        hide(t, r, 1);
        hide(t, r, 2);
    }
    CHECK_INT(attack(&t, 1), 1);          /* Bromma's Nej is 20 − 18 = 2: pinned */
    table_free(t);

    t = grid(svar_rows, 7, svar_cols, 3, svar);
    CHECK_INT(protect(t, 3), 0);
    for (size_t r = 2; r <= 5; r++)
        CHECK(hidden(t, r, 1));
    for (size_t r = 0; r < t->nrows; r++)
        CHECK(!hidden(t, r, 2));          /* never a cell of a zero-total line */
    CHECK(!hidden(t, 7, 0) && !hidden(t, 7, 1) && !hidden(t, 7, 3));  /* city totals */
    CHECK(attack(&t, 1) >= 3);
    CHECK_INT(t->audit.hidden, count_hidden(t));
    CHECK(t->audit.min_values >= 3);
    CHECK_INT(count_hidden(t), 8);        /* each row's Ja must go with its Nej: no fewer will do */
    table_free(t);
}

/* Two hidden cells in each row and column of a rectangle of small counts. */
TEST(rectangle_of_small_counts)
{
    static const char *const rows[] = { "a", "b", "c", "d" };
    static const char *const cols[] = { "x", "y", "z" };
    const int v[] = { 1, 1, 30,  1, 0, 40,  20, 25, 10,  30, 30, 30 };
    struct table *t = grid(rows, 4, cols, 3, v);
    hide(t, 0, 0), hide(t, 0, 1), hide(t, 1, 0), hide(t, 1, 1);
    CHECK(attack(&t, 1) < 3);             /* a's x is 1 or 2, no more */
    table_free(t);
    t = grid(rows, 4, cols, 3, v);
    CHECK_INT(protect(t, 3), 0);
    CHECK(hidden(t, 0, 0) && hidden(t, 0, 1) && hidden(t, 1, 0));
    CHECK(!hidden(t, 1, 1));              /* a zero is never a complement */
    CHECK(attack(&t, 1) >= 3);
    table_free(t);
}

/* Households by type: Antal and its share of the Totalt row. */
static struct table *share_table(void)
{
    struct table *t = table_new("hushallstyp", "Hushållstyp");
    static const char *const cols[] = { "Antal", "Andel (%)" };
    table_set_cols(t, 2, cols);
    const int n[] = { 60, 2, 38, 45 };
    for (size_t i = 0; i < 4; i++) {
        char label[8];
        snprintf(label, sizeof label, "r%zu", i);
        table_add_row(t, label);
        table_count(t, i, 0, n[i]);
    }
    t->total_row = table_add_row(t, "Totalt");
    table_count(t, 4, 0, 145);
    for (size_t i = 0; i < 5; i++)
        table_share_of(t, i, 1, 100.0 * table_cell(t, i, 0)->v / 145, i, 0, 4, 0);
    t->protect = 1;
    return t;
}

/* A share beside a hidden count gives the count away unless it is hidden too. */
TEST(share_beside_a_hidden_count)
{
    struct table *t = share_table();
    hide(t, 1, 0), hide(t, 2, 0);         /* counts hidden, shares left: 2/145 = 1,4 % */
    CHECK_INT(attack(&t, 1), 1);
    table_free(t);

    t = share_table();
    CHECK_INT(protect(t, 3), 0);
    CHECK(hidden(t, 1, 0) && hidden(t, 1, 1));
    CHECK(!hidden(t, 4, 0) && !hidden(t, 4, 1));
    CHECK(attack(&t, 1) >= 3);
    CHECK_INT(t->audit.hidden_shares, 2);
    table_free(t);
}

/* A stadsdel whose whole total is 1 or 2 is itself a small count. */
TEST(totals_of_one_and_two)
{
    static const char *const rows[] = { "a", "b", "c", "d", "e" };
    static const char *const cols[] = { "x", "y" };
    const int v[] = { 1, 0,  0, 2,  10, 12,  15, 9,  7, 8 };
    struct table *t = grid(rows, 5, cols, 2, v);
    CHECK_INT(protect(t, 3), 0);
    CHECK(hidden(t, 0, 0) && hidden(t, 0, 2));   /* a's 1 and its total */
    CHECK(hidden(t, 1, 1) && hidden(t, 1, 2));   /* b's 2 and its total */
    CHECK(attack(&t, 1) >= 3);
    table_free(t);
    /* With a larger threshold the intruder must be left with more. */
    t = grid(rows, 5, cols, 2, v);
    CHECK_INT(protect(t, 5), 0);
    CHECK(attack(&t, 1) >= 5);
    table_free(t);
}

/* Two tables of the same households: a total hidden in one is published in the other. */
TEST(linked_tables_audited_together)
{
    static const char *const rows[] = { "a", "b", "c", "d" };
    static const char *const kat[] = { "K1", "K2" };
    static const char *const typ[] = { "H1", "H2" };
    const int va[] = { 1, 0,  6, 0,  9, 8,  5, 7 };     /* by kategori */
    const int vb[] = { 1, 0,  0, 6,  11, 6,  3, 9 };     /* the same households by hushållstyp */
    struct table *ts[2] = { grid(rows, 4, kat, 2, va), grid(rows, 4, typ, 2, vb) };
    table_link(ts[0], "hushåll", "stadsdel", "kategori");
    table_link(ts[1], "hushåll", "stadsdel", "hushållstyp");
    /* Each protected on its own, as if they were unrelated. */
    CHECK_INT(protect(ts[0], 3), 0);
    CHECK_INT(protect(ts[1], 3), 0);
    CHECK(attack(&ts[0], 1) >= 3 && attack(&ts[1], 1) >= 3);
    long apart = attack(ts, 2);
    table_free(ts[0]);
    table_free(ts[1]);
    CHECK(apart < 3);                     /* together they give a count away */

    ts[0] = grid(rows, 4, kat, 2, va);
    ts[1] = grid(rows, 4, typ, 2, vb);
    table_link(ts[0], "hushåll", "stadsdel", "kategori");
    table_link(ts[1], "hushåll", "stadsdel", "hushållstyp");
    struct strbuf err = STRBUF_INIT;
    CHECK_INT(suppress_tables(ts, 2, 3, &err), 0);
    CHECK(attack(ts, 2) >= 3);
    sb_free(&err);
    table_free(ts[0]);
    table_free(ts[1]);
}

/*
 * A small count no protection can hide: Bromma is the whole city, so its 2
 * is the city's total, which is always shown.  It is shown and said so,
 * not hidden behind a ".." that anyone can undo.
 */
TEST(small_count_given_away_by_city_totals)
{
    static const char *const rows[] = { "Bromma" };
    static const char *const cols[] = { "x", "y" };
    const int v[] = { 2, 30 };
    struct table *t = grid(rows, 1, cols, 2, v);
    CHECK_INT(protect(t, 3), 0);
    CHECK_INT(count_hidden(t), 0);
    CHECK_INT(t->audit.exempt, 1);
    CHECK(t->nnotes == 3 && strstr(t->notes[2], "totalerna för hela staden begränsar dem redan"));
    table_free(t);
    /* With a second stadsdel the same count can be protected, and is. */
    static const char *const two[] = { "Bromma", "Farsta" };
    const int w[] = { 2, 30,  7, 12 };
    t = grid(two, 2, cols, 2, w);
    CHECK_INT(protect(t, 3), 0);
    CHECK(hidden(t, 0, 0));
    CHECK_INT(t->audit.exempt, 0);
    CHECK(attack(&t, 1) >= 3);
    table_free(t);
}

TEST(protection_off_and_threshold)
{
    static const char *const rows[] = { "a", "b", "c", "d" };
    static const char *const cols[] = { "x", "y" };
    const int v[] = { 2, 20,  9, 30,  15, 25,  40, 50 };
    struct table *t = grid(rows, 4, cols, 2, v);
    CHECK_INT(protect(t, 0), 0);
    CHECK_INT(count_hidden(t), 0);
    CHECK(t->nnotes == 1 && strstr(t->notes[0], "avstängt"));
    table_free(t);
    t = grid(rows, 4, cols, 2, v);
    CHECK_INT(protect(t, 10), 0);
    CHECK(hidden(t, 0, 0) && hidden(t, 1, 0));   /* 9 is small now too */
    CHECK(attack(&t, 1) >= 10);
    CHECK(t->nnotes == 2 && strstr(t->notes[1], "GLPK"));
    table_free(t);
    t = grid(rows, 4, cols, 2, v);
    t->protect = 0;                               /* e.g. Tabell 1: no households broken down */
    CHECK_INT(protect(t, 3), 0);
    CHECK_INT(count_hidden(t), 0);
    CHECK_INT(t->nnotes, 0);
    table_free(t);
}

/* The audit's bounds are the intruder's: the LP agrees with the enumeration. */
TEST(audit_bounds_match_the_intruder)
{
    static const char *const rows[] = { "a", "b", "c" };
    static const char *const cols[] = { "x", "y" };
    const int v[] = { 2, 5,  4, 3,  6, 6 };
    struct table *t = grid(rows, 3, cols, 2, v);
    hide(t, 0, 0), hide(t, 0, 1), hide(t, 1, 0), hide(t, 1, 1);
    struct strbuf err = STRBUF_INIT;
    struct audit_model *m = audit_model_new(&t, 1, &err);
    long values;
    double lo, hi;
    CHECK_INT(audit_model_values(m, 0, 0, 0, &values, &lo, &hi), 0);
    /* a.x + a.y = 7, b.x + b.y = 7, a.x + b.x = 6: a.x runs from 0 to 6. */
    CHECK_INT(values, 7);
    CHECK(fabs(lo) < 1e-9 && fabs(hi - 6) < 1e-9);
    CHECK_INT(attack(&t, 1), 7);
    audit_model_free(m);
    sb_free(&err);
    table_free(t);
}

const struct test protect_tests[] = {
    TEST_ENTRY(bromma_and_the_zero_total_column), TEST_ENTRY(rectangle_of_small_counts),
    TEST_ENTRY(share_beside_a_hidden_count), TEST_ENTRY(totals_of_one_and_two),
    TEST_ENTRY(linked_tables_audited_together), TEST_ENTRY(small_count_given_away_by_city_totals),
    TEST_ENTRY(protection_off_and_threshold), TEST_ENTRY(audit_bounds_match_the_intruder), TEST_END,
};
