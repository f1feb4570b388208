/*
 * suppress.c: primary and secondary small-count protection (suppress.h).
 */
#include "report/suppress.h"

#include <stdio.h>

static int is_total_row(const struct table *t, size_t r) { return (int)r == t->total_row; }
static int is_total_col(const struct table *t, size_t c) { return (int)c == t->total_col; }

/* Hides the smallest visible count in row r (dr = 0) or column c (dr = 1) besides the totals. */
static int hide_another(struct table *t, size_t fixed, int by_col)
{
    size_t n = by_col ? t->nrows : t->ncols;
    struct cell *best = NULL;
    for (size_t i = 0; i < n; i++) {
        size_t r = by_col ? i : fixed, c = by_col ? fixed : i;
        if (is_total_row(t, r) || is_total_col(t, c))
            continue;
        struct cell *x = table_cell(t, r, c);
        if (x->kind == CELL_COUNT && (!best || x->v < best->v))
            best = x;
    }
    if (!best)
        return 0;
    best->kind = CELL_PROTECTED;
    return 1;
}

/* Counts hidden cells in row r (by_col = 0) or column c, totals left out. */
static int hidden_in(const struct table *t, size_t fixed, int by_col)
{
    size_t n = by_col ? t->nrows : t->ncols;
    int k = 0;
    for (size_t i = 0; i < n; i++) {
        size_t r = by_col ? i : fixed, c = by_col ? fixed : i;
        if (!is_total_row(t, r) && !is_total_col(t, c) &&
            table_cell(t, r, c)->kind == CELL_PROTECTED)
            k++;
    }
    return k;
}

int suppress_table(struct table *t, int n)
{
    if (!t->protect)
        return 0;
    if (n <= 1) {
        table_add_note(t, "Skydd för små tal är avstängt (--suppress 0): tabellen kan visa "
                          "enskilda hushåll och ska inte publiceras.");
        return 0;
    }
    int hidden = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        for (size_t c = 0; c < t->ncols; c++) {
            struct cell *x = table_cell(t, r, c);
            if (is_total_row(t, r) || is_total_col(t, c) || x->kind != CELL_COUNT)
                continue;
            if (x->v >= 1 && x->v <= n - 1) {
                x->kind = CELL_PROTECTED;
                hidden++;
            }
        }
    }
    for (int changed = hidden > 0; changed;) {
        changed = 0;
        if (t->total_col >= 0)
            for (size_t r = 0; r < t->nrows; r++)
                if (!is_total_row(t, r) && hidden_in(t, r, 0) == 1 && hide_another(t, r, 0))
                    changed = 1, hidden++;
        if (t->total_row >= 0)
            for (size_t c = 0; c < t->ncols; c++)
                if (!is_total_col(t, c) && hidden_in(t, c, 1) == 1 && hide_another(t, c, 1))
                    changed = 1, hidden++;
    }
    /* A share next to a hidden count would give the count away. */
    for (size_t r = 0; r < t->nrows; r++) {
        if (is_total_row(t, r) || hidden_in(t, r, 0) == 0)
            continue;
        for (size_t c = 0; c < t->ncols; c++)
            if (table_cell(t, r, c)->kind == CELL_SHARE)
                table_cell(t, r, c)->kind = CELL_PROTECTED;
    }
    char note[200];
    snprintf(note, sizeof note,
             "Skydd för små tal: antal från 1 till %d visas som \"..\", liksom ytterligare "
             "en cell där en dold cell annars kunde räknas fram ur summan. "
             "Totaler för hela staden döljs aldrig.", n - 1);
    table_add_note(t, note);
    return hidden;
}

void suppress_report(struct report *rep, int n)
{
    for (size_t i = 0; i < rep->ntables; i++)
        suppress_table(rep->tables[i], n);
}
