/*
 * table.c: the table model (table.h).
 */
#include "report/table.h"
#include "common/util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct table *table_new(const char *name, const char *title)
{
    struct table *t = xcalloc(1, sizeof *t);
    t->name = xstrdup(name);
    t->title = xstrdup(title);
    t->total_row = -1;
    t->total_col = -1;
    return t;
}

void table_free(struct table *t)
{
    if (!t)
        return;
    for (size_t r = 0; r < t->nrows; r++) {
        free(t->rows[r]);
        for (size_t c = 0; c < t->ncols; c++)
            free(t->cells[r * t->ncols + c].text);
    }
    for (size_t c = 0; c < t->ncols; c++)
        free(t->cols[c]);
    for (size_t i = 0; i < t->nnotes; i++)
        free(t->notes[i]);
    free(t->rows);
    strindex_free(&t->row_index);
    free(t->cols);
    free(t->cells);
    free(t->notes);
    free(t->name);
    free(t->title);
    free(t->sheet);
    free(t->stub);
    free(t->source);
    free(t->chart.name);
    free(t->chart.ylabel);
    free(t->chart.cols);
    free(t->chart.rows);
    free(t->link.population);
    free(t->link.rdim);
    free(t->link.cdim);
    if (t->units) {
        free(t->units->r);
        free(t->units->c);
        free(t->units->key);
        sb_free(&t->units->text);
        free(t->units->prints);
        free(t->units);
    }
    free(t);
}

void table_unit(struct table *t, size_t r, size_t c, const char *key)
{
    struct table_units *u = t->units;
    if (!u)
        u = t->units = xcalloc(1, sizeof *u);
    if (u->n == u->cap) {
        u->cap = grow_cap(u->cap, u->n, sizeof *u->key, 256);
        u->r = xrealloc(u->r, u->cap * sizeof *u->r);
        u->c = xrealloc(u->c, u->cap * sizeof *u->c);
        u->key = xrealloc(u->key, u->cap * sizeof *u->key);
    }
    u->r[u->n] = r;
    u->c[u->n] = c;
    u->key[u->n] = sb_add_str0(&u->text, key);
    u->n++;
    free(u->prints);
    u->prints = NULL;
}

int table_unit_at(struct table *t, const char *row, const char *col, const char *key)
{
    int r = table_find_row(t, row), c = table_find_col(t, col);
    if (r < 0 || c < 0)
        return -1;
    table_unit(t, (size_t)r, (size_t)c, key);
    return 0;
}

void table_set_cols(struct table *t, size_t n, const char *const *labels)
{
    /* Columns are set once, before any row. */
    if (t->ncols || t->nrows)
        abort();
    t->cols = xcalloc(n, sizeof *t->cols);
    for (size_t c = 0; c < n; c++)
        t->cols[c] = xstrdup(labels[c]);
    t->ncols = n;
}

int table_add_row(struct table *t, const char *label)
{
    if (t->nrows == t->caprows) {
        t->caprows = grow_cap(t->caprows, t->nrows, (t->ncols ? t->ncols : 1) * sizeof *t->cells, 16);
        t->rows = xrealloc(t->rows, t->caprows * sizeof *t->rows);
        t->cells = xrealloc(t->cells, t->caprows * (t->ncols ? t->ncols : 1) * sizeof *t->cells);
    }
    t->rows[t->nrows] = xstrdup(label);
    memset(t->cells + t->nrows * t->ncols, 0, t->ncols * sizeof *t->cells);
    return (int)t->nrows++;
}

struct cell *table_cell(const struct table *t, size_t r, size_t c)
{
    if (r >= t->nrows || c >= t->ncols)
        abort();
    return &t->cells[r * t->ncols + c];
}

static void set(struct table *t, size_t r, size_t c, enum cell_kind k, double v)
{
    struct cell *x = table_cell(t, r, c);
    free(x->text);
    x->text = NULL;
    x->kind = k;
    x->v = v;
    x->orig = k;
    x->primary = 0;
    x->has_ref = 0;
}

void table_count(struct table *t, size_t r, size_t c, long long v)
{
    set(t, r, c, CELL_COUNT, (double)v);
}

void table_share(struct table *t, size_t r, size_t c, double pct)
{
    set(t, r, c, CELL_SHARE, share_round(pct));
}

void table_amount(struct table *t, size_t r, size_t c, double v)
{
    set(t, r, c, CELL_AMOUNT, v);
}

void table_text(struct table *t, size_t r, size_t c, const char *s)
{
    set(t, r, c, CELL_TEXT, 0);
    table_cell(t, r, c)->text = xstrdup(s ? s : "");
}

void table_share_of(struct table *t, size_t r, size_t c, double pct, size_t nr, size_t nc,
                    size_t dr, size_t dc)
{
    table_cell(t, nr, nc);   /* both must lie in the table */
    table_cell(t, dr, dc);
    table_share(t, r, c, pct);
    struct cell *x = table_cell(t, r, c);
    x->has_ref = 1;
    x->num_r = (int)nr;
    x->num_c = (int)nc;
    x->den_r = (int)dr;
    x->den_c = (int)dc;
}

void cell_hide(struct cell *x)
{
    if (x->kind == CELL_PROTECTED)
        return;
    x->orig = x->kind;
    x->kind = CELL_PROTECTED;
}

void cell_show(struct cell *x)
{
    if (x->kind == CELL_PROTECTED)
        x->kind = x->orig;
    x->primary = 0;
}

enum cell_kind cell_figure(const struct cell *x)
{
    return x->kind == CELL_PROTECTED ? x->orig : x->kind;
}

static void replace(char **dst, const char *s)
{
    free(*dst);
    *dst = s ? xstrdup(s) : NULL;
}

void table_link(struct table *t, const char *population, const char *rdim, const char *cdim)
{
    replace(&t->link.population, population);
    replace(&t->link.rdim, rdim);
    replace(&t->link.cdim, cdim);
}

void table_link_skip(struct table *t, size_t c)
{
    if (c >= 64)
        abort();
    t->link.skip |= 1ULL << c;
}

void table_set_sheet(struct table *t, const char *sheet) { replace(&t->sheet, sheet); }

struct table *table_frame(struct table *t, const char *sheet, const char *stub, size_t ncols,
                          const char *const *cols)
{
    if (sheet)
        table_set_sheet(t, sheet);
    if (stub)
        table_set_stub(t, stub);
    if (ncols)
        table_set_cols(t, ncols, cols);
    return t;
}
void table_set_stub(struct table *t, const char *stub) { replace(&t->stub, stub); }
void table_set_source(struct table *t, const char *source) { replace(&t->source, source); }

void table_add_note(struct table *t, const char *note)
{
    t->notes = xrealloc(t->notes, (t->nnotes + 1) * sizeof *t->notes);
    t->notes[t->nnotes++] = xstrdup(note);
}

void table_set_chart(struct table *t, enum chart_kind kind, const char *name, const char *ylabel,
                     size_t nrows, const int *rows, size_t ncols, const int *cols)
{
    free(t->chart.rows);
    t->chart.rows = xmalloc(nrows * sizeof *rows);
    memcpy(t->chart.rows, rows, nrows * sizeof *rows);
    t->chart.kind = kind;
    replace(&t->chart.name, name);
    replace(&t->chart.ylabel, ylabel);
    free(t->chart.cols);
    t->chart.cols = xmalloc(ncols * sizeof *cols);
    memcpy(t->chart.cols, cols, ncols * sizeof *cols);
    t->chart.ncols = ncols;
    t->chart.nrows = nrows;
}

struct report *report_new(const char *name, const char *period, const char *title)
{
    struct report *rep = xcalloc(1, sizeof *rep);
    rep->name = xstrdup(name);
    rep->period = xstrdup(period);
    rep->title = xstrdup(title);
    return rep;
}

void report_add(struct report *rep, struct table *t)
{
    rep->tables = xrealloc(rep->tables, (rep->ntables + 1) * sizeof *rep->tables);
    rep->tables[rep->ntables++] = t;
}

struct table *report_table(const struct report *rep, const char *name)
{
    for (size_t i = 0; i < rep->ntables; i++)
        if (strcmp(rep->tables[i]->name, name) == 0)
            return rep->tables[i];
    return NULL;
}

/*
 * Row labels are looked up once per counted row when a report names the
 * rows behind its counts (a hyresvärd among hundreds, for every contract):
 * past a few rows, through a hash of them, rebuilt when rows were added.
 * The index is a cache; the table's content is unchanged (hence the cast).
 */
#define ROW_INDEX_FROM 16

int table_find_row(const struct table *t, const char *label)
{
    if (t->nrows < ROW_INDEX_FROM) {
        for (size_t r = 0; r < t->nrows; r++)
            if (strcmp(t->rows[r], label) == 0)
                return (int)r;
        return -1;
    }
    struct table *w = (struct table *)t;
    while (w->row_index.n < w->nrows)
        strindex_insert(&w->row_index, w->rows, (uint32_t)w->row_index.n);
    /* The first row with the label, as the linear search finds it. */
    uint32_t r;
    return strindex_first(&w->row_index, w->rows, label, &r, NULL) ? (int)r : -1;
}

int table_find_col(const struct table *t, const char *label)
{
    for (size_t c = 0; c < t->ncols; c++)
        if (strcmp(t->cols[c], label) == 0)
            return (int)c;
    return -1;
}

int report_figure(const struct report *rep, const char *table, const char *row, const char *col,
                  double *v)
{
    const struct table *t = report_table(rep, table);
    int r = t ? table_find_row(t, row) : -1, c = t ? table_find_col(t, col) : -1;
    if (r < 0 || c < 0)
        return -1;
    const struct cell *x = table_cell(t, (size_t)r, (size_t)c);
    if (x->kind != CELL_COUNT && x->kind != CELL_SHARE)
        return -1;
    *v = x->v;
    return 0;
}

void report_free(struct report *rep)
{
    if (!rep)
        return;
    for (size_t i = 0; i < rep->ntables; i++)
        table_free(rep->tables[i]);
    free(rep->tables);
    table_free(rep->sources);
    table_free(rep->audit);
    table_free(rep->series);
    free(rep->through);
    free(rep->as_of);
    free(rep->made_at);
    free(rep->summary);
    free(rep->organisation);
    free(rep->period_label);
    free(rep->name);
    free(rep->period);
    free(rep->title);
    free(rep);
}

double share_round(double pct)
{
    return round(pct * 10.0) / 10.0;
}

long long report_stamp(struct report *rep)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    char *end = NULL;
    long long t = sde && *sde ? strtoll(sde, &end, 10) : -1;
    if (!sde || !*sde || *end || t < 0)
        t = (long long)time(NULL);
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    char buf[64];
    strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm);
    free(rep->made_at);
    rep->made_at = xstrdup(buf);
    return t;
}
