/*
 * unit_series.c: the audit of a series of publications (report/series.h),
 * attacked as an intruder who keeps every publication would attack it.
 *
 * The intruder here shares no model with series.c: it knows that each
 * household sits in one inner cell and, once counted, stays counted in
 * every later publication (rows "enter" at one publication), and it solves
 * its own linear programs (GLPK) over the counts of (inner cell, first
 * publication) for every hidden count and for every cell's count of one
 * publication alone (the later minus the earlier).
 */
#include "report/series.h"
#include "report/suppress.h"
#include "report/table.h"
#include "tests/unit.h"

#include <glpk.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const rows[] = { "a", "b" };

/*
 * A 2 × 2 table of households with its totals, as inflyttade_stadsdel is:
 * entered[p][cell] households enter cell (r * 2 + c) at publication p; the
 * table counts those entered at publications 0..upto, keyed "h<p><cell>-<i>".
 */
static struct table *table_at(const int entered[][4], int upto, const char *name)
{
    struct table *t = table_new(name, "Inflyttade per stadsdel");
    table_set_cols(t, 3, (const char *[]){ "x", "y", "Totalt" });
    t->protect = 1;
    for (size_t r = 0; r < 2; r++)
        table_add_row(t, rows[r]);
    table_add_row(t, "Totalt");
    t->total_row = 2;
    t->total_col = 2;
    for (size_t r = 0; r <= 2; r++)
        for (size_t c = 0; c <= 2; c++)
            table_count(t, r, c, 0);
    for (int p = 0; p <= upto; p++)
        for (int cell = 0; cell < 4; cell++)
            for (int i = 0; i < entered[p][cell]; i++) {
                char key[32];
                snprintf(key, sizeof key, "h%d%d-%d", p, cell, i);
                size_t r = (size_t)cell / 2, c = (size_t)cell % 2;
                table_unit(t, r, c, key);
                table_cell(t, r, c)->v += 1;
                table_cell(t, r, 2)->v += 1;
                table_cell(t, 2, c)->v += 1;
                table_cell(t, 2, 2)->v += 1;
            }
    return t;
}

/* A report of one such table, last day through. */
static struct report *report_at(const int entered[][4], int upto, const char *through)
{
    struct report *rep = report_new("shis-manad", through, "Serien");
    rep->through = strdup(through);
    report_add(rep, table_at(entered, upto, "inflyttade_stadsdel"));
    return rep;
}

/* Registers rep's table as earlier publication `label` of s, as the register keeps it. */
static void publish(struct series *s, const struct report *rep, const char *label)
{
    const struct table *t = rep->tables[0];
    size_t pub = series_add_pub(s, (long long)s->npubs + 1, label, rep->through);
    for (size_t r = 0; r < t->nrows; r++)
        for (size_t c = 0; c < t->ncols; c++) {
            struct series_count *x = series_add_count(s, pub, t->name, t->rows[r], t->cols[c],
                                                      table_cell(t, r, c)->kind == CELL_PROTECTED);
            for (size_t e = 0; e < t->units->n; e++)
                if (series_unit_in(t, e, r, c))
                    series_count_add_unit(s, x, t->units->text.buf + t->units->key[e]);
        }
}

static int hidden(const struct table *t, size_t r, size_t c)
{
    return table_cell(t, r, c)->kind == CELL_PROTECTED;
}

/* Whether the intruder sees cell (r, c) of publication q: mode 1 hides the last one's, mode 2 its breakdown. */
static int seen(struct table *const *pubs, int np, int q, size_t r, size_t c, int mode)
{
    if (q == np - 1 && (mode == 1 || (mode == 2 && r != 2)))
        return 0;
    return !hidden(pubs[q], r, c);
}

/*
 * The intruder: unknowns n[cell][p], households of inner cell `cell` that
 * entered at publication p (0..np-1).  Publication q's cell (r, c) is the
 * sum over its inner cells of n[..][p] for p ≤ q.  For every hidden count
 * of any publication (k < 9 np) and every inner cell's count of one
 * publication alone whose true value is 1 or 2, vals[k] gets the whole
 * values it can take (0 where k is no such count).
 */
static void intruder_modes(struct table *const *pubs, int np, const int entered[][4], int mode,
                           long *vals)
{
    glp_term_out(GLP_OFF);
    glp_prob *lp = glp_create_prob();
    int nv = 4 * np;
    glp_add_cols(lp, nv);
    for (int j = 1; j <= nv; j++)
        glp_set_col_bnds(lp, j, GLP_LO, 0, 0);
    int ia[1 + 4096], ja[1 + 4096], nz = 0;
    double ar[1 + 4096];
    for (int q = 0; q < np; q++)
        for (size_t r = 0; r <= 2; r++)
            for (size_t c = 0; c <= 2; c++) {
                if (!seen(pubs, np, q, r, c, mode))
                    continue;
                int row = glp_add_rows(lp, 1);
                double v = table_cell(pubs[q], r, c)->v;
                glp_set_row_bnds(lp, row, GLP_FX, v, v);
                for (int cell = 0; cell < 4; cell++) {
                    if ((r != 2 && (size_t)cell / 2 != r) || (c != 2 && (size_t)cell % 2 != c))
                        continue;
                    for (int p = 0; p <= q; p++) {
                        ++nz;
                        ia[nz] = row, ja[nz] = 1 + cell * np + p, ar[nz] = 1;
                    }
                }
            }
    glp_load_matrix(lp, nz, ia, ja, ar);
    double coef[64];
    for (int k = 0; k < 9 * np + 4 * np; k++) {
        vals[k] = 0;
        memset(coef, 0, sizeof coef);
        if (k < 9 * np) {     /* a hidden count of publication q */
            int q = k / 9;
            size_t r = (size_t)(k % 9) / 3, c = (size_t)(k % 9) % 3;
            if (!hidden(pubs[q], r, c))
                continue;
            for (int cell = 0; cell < 4; cell++)
                if ((r == 2 || (size_t)cell / 2 == r) && (c == 2 || (size_t)cell % 2 == c))
                    for (int p = 0; p <= q; p++)
                        coef[cell * np + p] = 1;
        } else {   /* an inner cell's entries at publication p alone */
            int cell = (k - 9 * np) / np, p = (k - 9 * np) % np;
            if (p == 0 || entered[p][cell] < 1 || entered[p][cell] > 2)
                continue;
            coef[cell * np + p] = 1;
        }
        for (int j = 1; j <= nv; j++)
            glp_set_obj_coef(lp, j, coef[j - 1]);
        glp_smcp parm;
        glp_init_smcp(&parm);
        parm.msg_lev = GLP_MSG_OFF;
        glp_set_obj_dir(lp, GLP_MIN);
        glp_simplex(lp, &parm);
        double lo = glp_get_obj_val(lp);
        glp_set_obj_dir(lp, GLP_MAX);
        glp_simplex(lp, &parm);
        double hi = glp_get_status(lp) == GLP_UNBND ? 1e9 : glp_get_obj_val(lp);
        vals[k] = (long)(floor(hi + 1e-6) - ceil(lo - 1e-6)) + 1;
    }
    glp_delete_prob(lp);
}

/*
 * The fewest values the series leaves any count, beyond what is not the
 * last publication's to protect: what the earlier ones give away without
 * it (mode 1), and what the city-wide totals give away with all of its
 * breakdown hidden (mode 2).  Returns 1000 when nothing is narrowed.
 */
static long intruder(struct table *const *pubs, int np, const int entered[][4])
{
    long now[64], without[64], pinned[64], fewest = 1000;
    intruder_modes(pubs, np, entered, 0, now);
    intruder_modes(pubs, np, entered, 1, without);
    intruder_modes(pubs, np, entered, 2, pinned);
    for (int k = 0; k < 9 * np + 4 * np; k++) {
        long excused = without[k] < pinned[k] ? without[k] : pinned[k];
        if (now[k] && now[k] < 3 && now[k] < excused) {
            if (getenv("SERIES_TEST_DEBUG"))
                printf("    weak: k %d, %ld values (without it %ld, pinned %ld)\n", k, now[k],
                       without[k], pinned[k]);
            if (now[k] < fewest)
                fewest = now[k];
        }
    }
    return fewest;
}

/* The table of a report, protected alone (0) or with the series s. */
static int protect(struct report *rep, struct series *s)
{
    struct strbuf err = STRBUF_INIT;
    int rc = s ? series_suppress_report(rep, 3, s, &err) : suppress_report(rep, 3, &err);
    if (rc)
        printf("    %s\n", err.buf);
    sb_free(&err);
    return rc;
}

/* August and September side by side: one household more in a.x, three in b.x. */
static const int two_months[][4] = { { 5, 6, 7, 8 }, { 1, 0, 3, 0 } };

TEST(series_months_that_differ_by_one)
{
    struct report *aug = report_at(two_months, 0, "2021-08-31");
    CHECK_INT(protect(aug, NULL), 0);
    /* Alone, September hides nothing: side by side it gives a.x's September away. */
    struct report *alone = report_at(two_months, 1, "2021-09-30");
    CHECK_INT(protect(alone, NULL), 0);
    struct table *pair[] = { aug->tables[0], alone->tables[0] };
    CHECK(!hidden(alone->tables[0], 0, 0));
    CHECK_INT(intruder(pair, 2, two_months), 1);    /* 6 against 5 */
    struct series s;
    series_init(&s);
    publish(&s, aug, "shis-manad 2021-08 (nr 1)");
    struct report *sep = report_at(two_months, 1, "2021-09-30");
    CHECK_INT(protect(sep, &s), 0);
    struct table *t = sep->tables[0];
    CHECK(hidden(t, 0, 0));                         /* the cell that moved */
    CHECK(!hidden(t, 2, 0) && !hidden(t, 2, 2));    /* city-wide totals */
    pair[1] = t;
    CHECK(intruder(pair, 2, two_months) >= 3);
    CHECK(t->audit.series_hidden > 0);
    int noted = 0;
    for (size_t i = 0; i < t->nnotes; i++)
        noted |= strstr(t->notes[i], "shis-manad 2021-08 (nr 1)") != NULL;
    CHECK(noted);
    CHECK(sep->series && sep->series->nrows == 1);
    series_free(&s);
    report_free(aug);
    report_free(alone);
    report_free(sep);
}

/* A tertial and the month's mailing count the same placements: the same cells by name. */
TEST(series_tertial_and_mailing_count_the_same_placements)
{
    static const int v[][4] = { { 9, 4, 6, 5 }, { 0, 2, 0, 0 } };
    struct report *t2 = report_at(v, 0, "2021-08-31");
    free(t2->name);
    t2->name = strdup("tertial");
    CHECK_INT(protect(t2, NULL), 0);
    struct series s;
    series_init(&s);
    publish(&s, t2, "tertial 2021-T2 (nr 1)");
    struct report *sep = report_at(v, 1, "2021-09-30");
    CHECK_INT(protect(sep, &s), 0);
    CHECK(hidden(sep->tables[0], 0, 1));            /* a.y gained two */
    struct table *pair[] = { t2->tables[0], sep->tables[0] };
    CHECK(intruder(pair, 2, v) >= 3);
    series_free(&s);
    report_free(t2);
    report_free(sep);
}

/* January and March shown, February hidden between them: March − January is two. */
TEST(series_hidden_month_between_shown_ones)
{
    static const int v[][4] = { { 3, 4, 5, 6 }, { 0, 1, 1, 0 }, { 2, 0, 0, 3 } };
    struct report *jan = report_at(v, 0, "2021-01-31"), *feb = report_at(v, 1, "2021-02-28");
    CHECK_INT(protect(jan, NULL), 0);
    for (size_t r = 0; r < 2; r++)
        for (size_t c = 0; c < 2; c++)
            cell_hide(table_cell(feb->tables[0], r, c));
    struct series s;
    series_init(&s);
    publish(&s, jan, "shis-manad 2021-01 (nr 1)");
    publish(&s, feb, "shis-manad 2021-02 (nr 2)");
    struct report *mar = report_at(v, 2, "2021-03-31");
    CHECK_INT(protect(mar, &s), 0);
    CHECK(hidden(mar->tables[0], 0, 0));            /* 5 against January's 3 */
    struct table *three[] = { jan->tables[0], feb->tables[0], mar->tables[0] };
    CHECK(intruder(three, 3, v) >= 3);
    series_free(&s);
    report_free(jan);
    report_free(feb);
    report_free(mar);
}

/* A revision re-published for the same day: one household moved from a.x to b.x. */
TEST(series_revision_republished)
{
    static const int v[][4] = { { 6, 5, 7, 4 } };
    struct report *first = report_at(v, 0, "2021-09-30");
    CHECK_INT(protect(first, NULL), 0);
    struct series s;
    series_init(&s);
    publish(&s, first, "shis-manad 2021-09 (nr 1)");
    struct report *again = report_at(v, 0, "2021-09-30");
    struct table *t = again->tables[0];
    /* The revision: h00-0 now sits in b.x. */
    for (size_t e = 0; e < t->units->n; e++)
        if (strcmp(t->units->text.buf + t->units->key[e], "h00-0") == 0)
            t->units->r[e] = 1;
    table_cell(t, 0, 0)->v -= 1, table_cell(t, 1, 0)->v += 1;
    table_cell(t, 0, 2)->v -= 1, table_cell(t, 1, 2)->v += 1;
    CHECK_INT(protect(again, &s), 0);
    /* 6 → 5 and 7 → 8 would say which household moved where. */
    CHECK(hidden(t, 0, 0) && hidden(t, 1, 0));
    series_free(&s);
    report_free(first);
    report_free(again);
}

/* Two earlier publications already give a.x away together: the new report adds nothing, and says so. */
TEST(series_earlier_publication_gave_it_away)
{
    static const int v[][4] = { { 1, 2, 8, 9 } };
    struct report *p1 = report_at(v, 0, "2021-09-30"), *p2 = report_at(v, 0, "2021-09-30");
    CHECK_INT(protect(p1, NULL), 0);
    CHECK(hidden(p1->tables[0], 0, 0));
    /* p2 was sent unprotected (before the register): a.y shown. */
    struct series s;
    series_init(&s);
    publish(&s, p1, "shis-manad 2021-09 (nr 1)");
    publish(&s, p2, "shis-manad 2021-09 (nr 2)");
    struct report *now = report_at(v, 0, "2021-09-30");
    CHECK_INT(protect(now, &s), 0);
    int said = 0;
    for (size_t i = 0; i < now->tables[0]->nnotes; i++)
        said |= strstr(now->tables[0]->notes[i], "Redan publicerat") != NULL;
    CHECK(said);
    series_free(&s);
    report_free(p1);
    report_free(p2);
    report_free(now);
}

/* The units a table names must be what it counts, or nothing is written. */
TEST(series_units_must_match_the_counts)
{
    static const int v[][4] = { { 3, 4, 5, 6 } };
    struct report *rep = report_at(v, 0, "2021-09-30");
    struct strbuf err = STRBUF_INIT;
    CHECK_INT(series_check_units(rep, &err), 0);
    table_cell(rep->tables[0], 1, 1)->v += 1;
    table_cell(rep->tables[0], 1, 2)->v += 1;
    CHECK_INT(series_check_units(rep, &err), -1);
    CHECK(strstr(err.buf, "inflyttade_stadsdel, b / y räknar 7 men raderna bakom den är 6") != NULL);
    sb_free(&err);
    report_free(rep);
}

/* A table of table_at's shape with the counts of t and no rows named yet. */
static struct table *counts_of(const struct table *t)
{
    struct table *u = table_new("inflyttade_stadsdel", "Inflyttade per stadsdel");
    table_set_cols(u, 3, (const char *[]){ "x", "y", "Totalt" });
    table_add_row(u, "a");
    table_add_row(u, "b");
    table_add_row(u, "Totalt");
    u->total_row = 2;
    u->total_col = 2;
    for (size_t r = 0; r <= 2; r++)
        for (size_t c = 0; c <= 2; c++)
            table_count(u, r, c, table_cell(t, r, c)->v);
    return u;
}

/* Fingerprints of a count's rows: the same rows in any order alike; rows traded between cells not. */
TEST(series_prints_name_the_rows)
{
    static const int v[][4] = { { 3, 4, 5, 0 } };
    struct report *a = report_at(v, 0, "2021-09-30");
    struct table *t = a->tables[0];
    /* The same households entered the other way round. */
    struct table *u = counts_of(t);
    for (size_t e = t->units->n; e-- > 0;)
        table_unit(u, t->units->r[e], t->units->c[e], t->units->text.buf + t->units->key[e]);
    const char *pa = series_prints(t), *pu = series_prints(u);
    CHECK(memcmp(pa, pu, 9 * SERIES_PRINT_LEN) == 0);
    CHECK_STR(pa + (1 * 3 + 1) * SERIES_PRINT_LEN, "00000000000000000000000000000000");   /* b / y: no one */
    CHECK_INT((int)strlen(pa + (0 * 3 + 0) * SERIES_PRINT_LEN), 32);
    /* One household of a / x and one of a / y trade places: every count stays, two prints move. */
    struct table *w = counts_of(t);
    for (size_t e = 0; e < t->units->n; e++) {
        const char *k = t->units->text.buf + t->units->key[e];
        size_t c = t->units->c[e];
        if (strcmp(k, "h00-0") == 0 || strcmp(k, "h01-0") == 0)
            c = 1 - c;
        table_unit(w, t->units->r[e], c, k);
    }
    const char *pw = series_prints(w);
    CHECK(strcmp(pw + 0 * SERIES_PRINT_LEN, pa + 0 * SERIES_PRINT_LEN) != 0);
    CHECK(strcmp(pw + 1 * SERIES_PRINT_LEN, pa + 1 * SERIES_PRINT_LEN) != 0);
    CHECK_STR(pw + 2 * SERIES_PRINT_LEN, pa + 2 * SERIES_PRINT_LEN);     /* the row's total: the same rows */
    CHECK_STR(pw + (2 * 3 + 2) * SERIES_PRINT_LEN, pa + (2 * 3 + 2) * SERIES_PRINT_LEN);
    table_free(u);
    table_free(w);
    report_free(a);
}

/* A register that says the report was published already, and how: hidden that way, nothing else asked. */
static int fake_same(void *ctx, const struct report *rep, struct strbuf *label, struct strbuf *prior,
                     char **hidden, struct strbuf *err)
{
    (void)err;
    (void)prior;
    if (*(int *)ctx) {
        sb_adds(label, "shis-manad 2021-09 (nr 4)");
        hidden[0][0 * rep->tables[0]->ncols + 0] = 1;     /* a / x, as the report alone hides it */
        hidden[0][1 * rep->tables[0]->ncols + 0] = 1;     /* b / x: hidden there for the series */
        hidden[0][0 * rep->tables[0]->ncols + 1] = 1;     /* a / y */
        hidden[0][1 * rep->tables[0]->ncols + 1] = 1;     /* b / y */
    }
    return 0;
}

static int loads;
static int fake_load(void *ctx, struct series *s, struct strbuf *err)
{
    (void)ctx;
    (void)s;
    (void)err;
    loads++;
    return 0;
}

TEST(series_published_again_adds_nothing)
{
    static const int v[][4] = { { 1, 4, 5, 6 } };
    int yes = 1;
    struct series s;
    series_init(&s);
    s.same = fake_same;
    s.load = fake_load;
    s.register_ctx = &yes;
    loads = 0;
    struct report *rep = report_at(v, 0, "2021-09-30");
    CHECK_INT(protect(rep, &s), 0);
    struct table *t = rep->tables[0];
    CHECK(hidden(t, 0, 0) && hidden(t, 1, 0) && hidden(t, 0, 1) && hidden(t, 1, 1));
    CHECK(!hidden(t, 2, 0) && !hidden(t, 0, 2) && !hidden(t, 2, 2));
    CHECK_INT(loads, 0);
    int said = 0;
    for (size_t i = 0; i < t->nnotes; i++)
        said |= strstr(t->notes[i], "har redan publicerats i shis-manad 2021-09 (nr 4), med samma värde") != NULL;
    CHECK(said);
    report_free(rep);
    /* Not published before: the register is read, and the series audited. */
    yes = 0;
    rep = report_at(v, 0, "2021-09-30");
    CHECK_INT(protect(rep, &s), 0);
    CHECK_INT(loads, 1);
    CHECK(hidden(rep->tables[0], 0, 0));
    for (size_t i = 0; i < rep->tables[0]->nnotes; i++)
        CHECK(strstr(rep->tables[0]->notes[i], "har redan publicerats") == NULL);
    report_free(rep);
    series_free(&s);
}

const struct test series_tests[] = {
    TEST_ENTRY(series_prints_name_the_rows), TEST_ENTRY(series_published_again_adds_nothing),
    TEST_ENTRY(series_months_that_differ_by_one),
    TEST_ENTRY(series_tertial_and_mailing_count_the_same_placements),
    TEST_ENTRY(series_hidden_month_between_shown_ones), TEST_ENTRY(series_revision_republished),
    TEST_ENTRY(series_earlier_publication_gave_it_away), TEST_ENTRY(series_units_must_match_the_counts),
    TEST_END,
};
