/*
 * suppress.c: primary and complementary suppression, audited (suppress.h).
 */
#include "report/suppress.h"
#include "common/util.h"
#include "report/audit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The tables audited together, and which of them are protected. */
struct group {
    struct table **t;
    size_t n;
};

static int hidden(const struct table *t, size_t r, size_t c)
{
    return table_cell(t, r, c)->kind == CELL_PROTECTED;
}

/* A count that may be hidden as a complement: never a zero, never a city-wide total. */
static int eligible(const struct table *t, size_t r, size_t c)
{
    return t->protect && (int)r != t->total_row && audit_is_count(t, r, c) &&
           !hidden(t, r, c) && table_cell(t, r, c)->v > 0;
}

void suppress_sync_shares(struct table *t)
{
    for (size_t r = 0; r < t->nrows; r++) {
        int row_hides = 0;
        for (size_t c = 0; c < t->ncols; c++)
            row_hides |= hidden(t, r, c) && cell_figure(table_cell(t, r, c)) == CELL_COUNT;
        for (size_t c = 0; c < t->ncols; c++) {
            struct cell *x = table_cell(t, r, c);
            if (cell_figure(x) != CELL_SHARE)
                continue;
            /* A share without its references goes with any hidden count of its row. */
            int hide = x->has_ref ? hidden(t, (size_t)x->num_r, (size_t)x->num_c) ||
                                        hidden(t, (size_t)x->den_r, (size_t)x->den_c)
                                  : row_hides;
            if (hide)
                cell_hide(x);
            else
                cell_show(x);
        }
    }
}

static void sync(struct audit_model *m, const struct group *g)
{
    for (size_t i = 0; i < g->n; i++)
        if (g->t[i]->protect)
            suppress_sync_shares(g->t[i]);
    audit_model_sync(m);
}

/*
 * The hidden count of the group's protected tables with the fewest possible
 * values: returns that number (AUDIT_UNBOUNDED if nothing is hidden) and
 * its place, or -1 if the solver failed.  Stops at the first count below
 * `enough` when that is given (> 0).
 */
static long weakest(struct audit_model *m, const struct group *g, long enough, size_t *wt,
                    size_t *wr, size_t *wc)
{
    long best = AUDIT_UNBOUNDED;
    for (size_t ti = 0; ti < g->n; ti++) {
        const struct table *t = g->t[ti];
        if (!t->protect)
            continue;
        for (size_t r = 0; r < t->nrows; r++)
            for (size_t c = 0; c < t->ncols; c++) {
                if (!hidden(t, r, c) || !audit_is_count(t, r, c))
                    continue;
                long v;
                if (audit_model_values(m, ti, r, c, &v, NULL, NULL))
                    return -1;
                if (v < best) {
                    best = v;
                    *wt = ti, *wr = r, *wc = c;
                    if (enough > 0 && best < enough)
                        return best;
                }
            }
    }
    return best;
}

/* A set of cells to hide together: one cell, or the other three corners of a rectangle. */
struct move {
    size_t r[3], c[3];
    int n;          /* cells */
    int totals;     /* of them in the total column: a stadsdel's total, shown if at all possible */
    double value;   /* the counts hidden: information lost */
};

static int move_cmp(const void *a, const void *b)
{
    const struct move *x = a, *y = b;
    if (x->totals != y->totals)
        return x->totals - y->totals;
    if (x->value != y->value)
        return x->value < y->value ? -1 : 1;
    return x->n - y->n;
}

/* Adds the move made of the cells not yet hidden among cells[], if they may all be hidden. */
static void add_move(struct move **mv, size_t *n, size_t *cap, const struct table *t,
                     const size_t *rs, const size_t *cs, int k)
{
    struct move m = { { 0 }, { 0 }, 0, 0, 0 };
    for (int i = 0; i < k; i++) {
        if (hidden(t, rs[i], cs[i]))
            continue;
        if (!eligible(t, rs[i], cs[i]))
            return;
        m.r[m.n] = rs[i];
        m.c[m.n] = cs[i];
        m.n++;
        m.totals += (int)cs[i] == t->total_col;
        m.value += table_cell(t, rs[i], cs[i])->v;
    }
    if (m.n == 0)
        return;
    *mv = xgrow(*mv, cap, *n, sizeof **mv, 64);
    (*mv)[(*n)++] = m;
}

/* The ways to give hidden cell (r, c) of t company: its row, its column, a rectangle. */
static struct move *moves_for(const struct table *t, size_t r, size_t c, size_t *n)
{
    struct move *mv = NULL;
    size_t cap = 0;
    *n = 0;
    for (size_t c2 = 0; c2 < t->ncols; c2++)
        if (c2 != c)
            add_move(&mv, n, &cap, t, (size_t[]){ r }, (size_t[]){ c2 }, 1);
    for (size_t r2 = 0; r2 < t->nrows; r2++) {
        if (r2 == r || (int)r2 == t->total_row)
            continue;
        add_move(&mv, n, &cap, t, (size_t[]){ r2 }, (size_t[]){ c }, 1);
        for (size_t c2 = 0; c2 < t->ncols; c2++)
            if (c2 != c)
                add_move(&mv, n, &cap, t, (size_t[]){ r, r2, r2 }, (size_t[]){ c2, c, c2 }, 3);
    }
    if (*n)
        qsort(mv, *n, sizeof *mv, move_cmp);
    return mv;
}

static void apply(struct table *t, const struct move *mv, int hide)
{
    for (int i = 0; i < mv->n; i++) {
        struct cell *x = table_cell(t, mv->r[i], mv->c[i]);
        if (hide)
            cell_hide(x);
        else
            cell_show(x);
    }
}

/* The cheapest eligible cell of any protected table of the group, as a last resort. */
static int any_cell(const struct group *g, struct table **tt, struct move *out)
{
    int found = 0;
    for (size_t ti = 0; ti < g->n; ti++) {
        struct table *t = g->t[ti];
        for (size_t r = 0; r < t->nrows; r++)
            for (size_t c = 0; c < t->ncols; c++) {
                if (!eligible(t, r, c))
                    continue;
                struct move m = { { r }, { c }, 1, (int)c == t->total_col, table_cell(t, r, c)->v };
                if (!found || move_cmp(&m, out) < 0) {
                    *out = m;
                    *tt = t;
                    found = 1;
                }
            }
    }
    return found;
}

/*
 * Hides complements until every hidden count has at least `limit` possible
 * values.  Returns 0, -1 when no more cells can be hidden (*wt says which
 * table failed), or -2 when the solver failed.
 */
static int complement(struct audit_model *m, const struct group *g, int limit, size_t *wt)
{
    for (;;) {
        size_t ti = 0, r = 0, c = 0;
        sync(m, g);
        long worst = weakest(m, g, limit, &ti, &r, &c);
        *wt = ti;
        if (worst < 0)
            return -2;
        if (worst >= limit)
            return 0;
        struct table *t = g->t[ti];
        size_t nmv;
        struct move *mv = moves_for(t, r, c, &nmv);
        long best_v = worst;
        size_t best = nmv;
        for (size_t i = 0; i < nmv; i++) {
            long v;
            apply(t, &mv[i], 1);
            sync(m, g);
            int bad = audit_model_values(m, ti, r, c, &v, NULL, NULL);
            apply(t, &mv[i], 0);
            if (bad) {
                free(mv);
                return -2;
            }
            if (v > best_v) {
                best_v = v;
                best = i;
                if (v >= limit)
                    break;    /* the moves are sorted by cost: this is the cheapest that does it */
            }
        }
        struct move chosen = { { 0 }, { 0 }, 0, 0, 0 };
        struct table *ct = t;
        if (best < nmv)
            chosen = mv[best];
        else if (nmv)
            chosen = mv[0];   /* nothing helps alone: take the cheapest and look again */
        else if (!any_cell(g, &ct, &chosen)) {
            free(mv);
            return -1;
        }
        apply(ct, &chosen, 1);
        free(mv);
    }
}

struct hidden_cell {
    struct table *t;
    size_t r, c;
};

static int prune_cmp(const void *a, const void *b)
{
    const struct hidden_cell *x = a, *y = b;
    int tx = (int)x->c == x->t->total_col, ty = (int)y->c == y->t->total_col;
    if (tx != ty)
        return ty - tx;   /* totals first: show them again if at all possible */
    double vx = table_cell(x->t, x->r, x->c)->v, vy = table_cell(y->t, y->r, y->c)->v;
    return vx > vy ? -1 : vx < vy;
}

/* Shows again each complement the audit can do without, the costliest first; -2 if the solver failed. */
static int prune(struct audit_model *m, const struct group *g, int limit)
{
    struct hidden_cell *hc = NULL;
    size_t n = 0, cap = 0;
    for (size_t ti = 0; ti < g->n; ti++) {
        struct table *t = g->t[ti];
        if (!t->protect)
            continue;
        for (size_t r = 0; r < t->nrows; r++)
            for (size_t c = 0; c < t->ncols; c++) {
                const struct cell *x = table_cell(t, r, c);
                if (!hidden(t, r, c) || x->primary || !audit_is_count(t, r, c))
                    continue;
                hc = xgrow(hc, &cap, n, sizeof *hc, 16);
                hc[n++] = (struct hidden_cell){ t, r, c };
            }
    }
    if (n)
        qsort(hc, n, sizeof *hc, prune_cmp);
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        struct cell *x = table_cell(hc[i].t, hc[i].r, hc[i].c);
        size_t a, b, c;
        cell_show(x);
        sync(m, g);
        long w = weakest(m, g, limit, &a, &b, &c);
        if (w < 0)
            rc = -2;
        if (w < limit)
            cell_hide(x);
    }
    sync(m, g);
    free(hc);
    return rc;
}

/* Records what the audit found for each protected table of the group; -2 if the solver failed. */
static int record(struct audit_model *m, const struct group *g)
{
    for (size_t ti = 0; ti < g->n; ti++) {
        struct table *t = g->t[ti];
        if (!t->protect)
            continue;
        struct table_audit *a = &t->audit;
        int shown = a->exempt, series = a->series_hidden;
        memset(a, 0, sizeof *a);
        a->done = 1;
        a->exempt = shown;
        a->series_hidden = series;
        a->min_values = AUDIT_UNBOUNDED;
        for (size_t r = 0; r < t->nrows; r++)
            for (size_t c = 0; c < t->ncols; c++) {
                if (!hidden(t, r, c))
                    continue;
                if (!audit_is_count(t, r, c)) {
                    a->hidden_shares += cell_figure(table_cell(t, r, c)) == CELL_SHARE;
                    continue;
                }
                long v;
                if (audit_model_values(m, ti, r, c, &v, NULL, NULL))
                    return -2;
                a->hidden++;
                if (v < a->min_values)
                    a->min_values = v;
            }
    }
    return 0;
}

/* The primary rule: counts from 1 to limit-1 outside the city-wide totals. */
static void primary(struct table *t, int limit)
{
    for (size_t r = 0; r < t->nrows; r++)
        for (size_t c = 0; c < t->ncols; c++) {
            struct cell *x = table_cell(t, r, c);
            if ((int)r == t->total_row || !audit_is_count(t, r, c) || x->kind != CELL_COUNT)
                continue;
            if (x->v >= 1 && x->v <= limit - 1) {
                cell_hide(x);
                x->primary = 1;
            }
        }
    suppress_sync_shares(t);
}

/* Runs complement, then prune; the first failure's code. */
static int protect_with(struct audit_model *m, const struct group *g, int limit, size_t *failed)
{
    int rc = complement(m, g, limit, failed);
    return rc ? rc : prune(m, g, limit);
}

/*
 * Shows again each small count that no protection can hide: with every
 * other count that may be hidden hidden, the city-wide totals (never
 * hidden) and the tables that are not protected still pin it down, so
 * publishing it tells nothing they do not (one beställare for the whole
 * city, say).  Returns 0, or -2 if the solver failed.
 */
static int exempt(const struct group *g, int limit, struct strbuf *err)
{
    struct audit_model *m = audit_model_new(g->t, g->n, err);
    if (!m)
        return -1;
    int rc = 0;
    for (size_t ti = 0; ti < g->n; ti++)
        for (size_t i = 0; g->t[ti]->protect && i < g->t[ti]->nrows * g->t[ti]->ncols; i++) {
            size_t r = i / g->t[ti]->ncols, c = i % g->t[ti]->ncols;
            if (eligible(g->t[ti], r, c)) {
                cell_hide(table_cell(g->t[ti], r, c));
                table_cell(g->t[ti], r, c)->exempt = -1;   /* hidden for this test only */
            }
        }
    sync(m, g);
    for (size_t ti = 0; ti < g->n && rc == 0; ti++) {
        struct table *t = g->t[ti];
        for (size_t r = 0; t->protect && r < t->nrows && rc == 0; r++)
            for (size_t c = 0; c < t->ncols; c++) {
                struct cell *x = table_cell(t, r, c);
                long v;
                if (!x->primary || !audit_is_count(t, r, c))
                    continue;
                if (audit_model_values(m, ti, r, c, &v, NULL, NULL)) {
                    rc = -2;
                    break;
                }
                if (v < limit)
                    x->exempt = 1;
            }
    }
    for (size_t ti = 0; ti < g->n; ti++)
        for (size_t i = 0; i < g->t[ti]->nrows * g->t[ti]->ncols; i++) {
            struct cell *x = &g->t[ti]->cells[i];
            if (x->exempt) {
                cell_show(x);
                g->t[ti]->audit.exempt += x->exempt > 0;
                x->exempt = x->exempt > 0;
            }
        }
    audit_model_free(m);
    return rc;
}

/* Protects one group: on each table alone first (fast), then on the group as a whole. */
static int protect_group(const struct group *g, int limit, struct strbuf *err)
{
    size_t failed = 0;
    int rc = exempt(g, limit, err);
    for (size_t ti = 0; ti < g->n && rc == 0; ti++) {
        if (!g->t[ti]->protect)
            continue;
        struct group one = { &g->t[ti], 1 };
        size_t w;
        struct audit_model *m = audit_model_new(one.t, 1, err);
        rc = m ? protect_with(m, &one, limit, &w) : -1;
        failed = ti;
        audit_model_free(m);
    }
    struct audit_model *m = NULL;
    if (rc == 0) {
        size_t a, b, c;
        m = audit_model_new(g->t, g->n, err);
        if (!m)
            rc = -1;
        else if (g->n > 1 && weakest(m, g, limit, &a, &b, &c) < limit)
            rc = protect_with(m, g, limit, &failed);
        if (rc == 0 && m)
            rc = record(m, g);
    }
    audit_model_free(m);
    const struct table *t = g->t[failed];
    if (rc == -2)
        sb_printf(err, "internt fel: granskningen av tabellen %s (\"%s\") gick inte att lösa; "
                  "tabellerna som granskas tillsammans med den stämmer inte med varandra",
                  t->name, t->title);
    else if (rc && !err->len)
        sb_printf(err, "tabellen %s (\"%s\") kan inte skyddas: ett dolt antal kan räknas fram till "
                  "färre än %d möjliga värden ur de tal rapporten publicerar, och inga fler celler "
                  "kan döljas; ingenting skrevs", t->name, t->title, limit);
    return rc ? -1 : 0;
}

static void add_notes(struct table *t, int limit)
{
    struct strbuf sb = STRBUF_INIT;
    sb_printf(&sb, "Skydd för små tal: antal från 1 till %d visas som \"..\", och fler celler döljs "
                   "så att inget dolt antal kan räknas fram ur det rapporten publicerar. "
                   "Totaler för hela staden döljs aldrig.", limit - 1);
    table_add_note(t, sb.buf);
    sb_reset(&sb);
    const struct table_audit *a = &t->audit;
    if (a->hidden == 0)
        sb_adds(&sb, "Granskad med linjärprogrammering (GLPK): inga antal behövde döljas.");
    else if (a->min_values == AUDIT_UNBOUNDED)
        sb_printf(&sb, "Granskad med linjärprogrammering (GLPK): %d dolda antal; inget av dem "
                       "har någon övre gräns i de publicerade talen.", a->hidden);
    else
        sb_printf(&sb, "Granskad med linjärprogrammering (GLPK): %d dolda antal; de publicerade "
                       "talen lämnar minst %ld möjliga värden för vart och ett (kravet är %d).",
                  a->hidden, a->min_values, limit);
    table_add_note(t, sb.buf);
    if (a->exempt) {
        sb_reset(&sb);
        sb_printf(&sb, "%d antal under %d visas ändå: totalerna för hela staden begränsar dem redan "
                       "till färre än %d möjliga värden (till exempel när en enda beställare står för "
                       "hela stadens antal), så att dölja dem skyddar ingen.", a->exempt, limit, limit);
        table_add_note(t, sb.buf);
    }
    sb_free(&sb);
}

/*
 * Runs fn on each group of tables audited together (a protected table and
 * every table counting the same population), until one fails.
 */
static int each_group(struct table *const *tables, size_t n, int limit,
                      int (*fn)(const struct group *g, int limit, struct strbuf *err),
                      struct strbuf *err)
{
    struct group g = { xcalloc(n ? n : 1, sizeof *g.t), 0 };
    int rc = 0;
    for (size_t i = 0; i < n; i++)
        tables[i]->audit.done = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        struct table *t = tables[i];
        if (!t->protect || t->audit.done)
            continue;
        g.n = 0;
        if (!t->link.population) {
            g.t[g.n++] = t;
        } else {
            for (size_t j = 0; j < n; j++)
                if (tables[j]->link.population &&
                    strcmp(tables[j]->link.population, t->link.population) == 0)
                    g.t[g.n++] = tables[j];
        }
        rc = fn(&g, limit, err);
    }
    free(g.t);
    return rc;
}

/*
 * Audits a group again after the series of publications hid more of it
 * (series.h), recording what the audit finds; the series' audit already
 * protects every count, so a weak one here is a fault of the program.
 */
static int audit_again(const struct group *g, int limit, struct strbuf *err)
{
    struct audit_model *m = audit_model_new(g->t, g->n, err);
    if (!m)
        return -1;
    sync(m, g);
    size_t a, b, c;
    long w = weakest(m, g, 0, &a, &b, &c);
    int rc = w < 0 || record(m, g) ? -2 : 0;
    audit_model_free(m);
    if (rc == 0 && w < limit) {
        sb_printf(err, "internt fel: tabellen %s är inte skyddad efter granskningen av serien av "
                  "publiceringar; ingenting skrevs", g->t[a]->name);
        return -1;
    }
    if (rc)
        sb_adds(err, "internt fel: granskningen av skyddet (GLPK) gick inte att lösa");
    return rc ? -1 : 0;
}

/* Protects the tables without their notes: the primary rule, then each group. */
static int protect_tables(struct table *const *tables, size_t n, int limit, struct strbuf *err)
{
    for (size_t i = 0; i < n; i++)
        if (tables[i]->protect)
            primary(tables[i], limit);
    return each_group(tables, n, limit, protect_group, err);
}

/* The notes of protection turned off. */
static void notes_off(struct table *const *tables, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (tables[i]->protect)
            table_add_note(tables[i], "Skydd för små tal är avstängt (--suppress 0): tabellen "
                                      "kan visa enskilda hushåll och ska inte publiceras.");
}

int suppress_tables(struct table *const *tables, size_t n, int limit, struct strbuf *err)
{
    if (limit <= 1) {
        notes_off(tables, n);
        return 0;
    }
    int rc = protect_tables(tables, n, limit, err);
    for (size_t i = 0; i < n && rc == 0; i++)
        if (tables[i]->protect)
            add_notes(tables[i], limit);
    return rc;
}

/* "Om rapporten": one row per protected table with what the audit found. */
static struct table *audit_table(const struct report *rep, int limit)
{
    static const char *const cols[] = {
        "Dolda antal", "Dolda andelar", "Färsta möjliga värden för ett dolt antal",
        "Krav (minst)", "Små antal som framgår av stadens totaler", "Granskad tillsammans med",
        "Dolda för serien av publiceringar",
    };
    struct table *a = table_new("granskning", "Granskning av skyddet för små tal");
    table_set_cols(a, 7, cols);
    table_set_stub(a, "Tabell");
    a->workbook_only = 1;
    for (size_t i = 0; i < rep->ntables; i++) {
        const struct table *t = rep->tables[i];
        if (!t->protect)
            continue;
        int r = table_add_row(a, t->sheet ? t->sheet : t->name);
        if (limit <= 1) {
            table_text(a, (size_t)r, 5, "skyddet avstängt (--suppress 0)");
            continue;
        }
        table_count(a, (size_t)r, 0, t->audit.hidden);
        table_count(a, (size_t)r, 1, t->audit.hidden_shares);
        if (t->audit.hidden && t->audit.min_values != AUDIT_UNBOUNDED)
            table_count(a, (size_t)r, 2, t->audit.min_values);
        table_count(a, (size_t)r, 3, limit);
        table_count(a, (size_t)r, 4, t->audit.exempt);
        struct strbuf with = STRBUF_INIT;
        for (size_t j = 0; j < rep->ntables; j++) {
            const struct table *u = rep->tables[j];
            if (j != i && t->link.population && u->link.population &&
                strcmp(t->link.population, u->link.population) == 0)
                sb_printf(&with, "%s%s", with.len ? ", " : "", u->sheet ? u->sheet : u->name);
        }
        table_text(a, (size_t)r, 5, with.len ? with.buf : "ensam");
        sb_free(&with);
        if (t->units)
            table_count(a, (size_t)r, 6, t->audit.series_hidden);
    }
    return a;
}

int suppress_report_begin(struct report *rep, int limit, struct strbuf *err)
{
    rep->suppress = limit;
    if (limit <= 1) {
        notes_off(rep->tables, rep->ntables);
        return 0;
    }
    int rc = protect_tables(rep->tables, rep->ntables, limit, err);
    profile_phase("skyddet: rapporten ensam");
    return rc;
}

int suppress_report_again(struct report *rep, int limit, struct strbuf *err)
{
    return each_group(rep->tables, rep->ntables, limit, audit_again, err);
}

void suppress_report_notes(struct report *rep, int limit)
{
    for (size_t i = 0; i < rep->ntables && limit > 1; i++)
        if (rep->tables[i]->protect)
            add_notes(rep->tables[i], limit);
}

void suppress_report_end(struct report *rep, int limit)
{
    table_free(rep->audit);
    rep->audit = audit_table(rep, limit);
}

int suppress_report(struct report *rep, int limit, struct strbuf *err)
{
    if (suppress_report_begin(rep, limit, err))
        return -1;
    suppress_report_notes(rep, limit);
    suppress_report_end(rep, limit);
    return 0;
}
