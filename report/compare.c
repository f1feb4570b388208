/*
 * compare.c: the figures that changed between two runs of a report (compare.h).
 */
#include "report/compare.h"
#include "common/strbuf.h"

#include <math.h>
#include <string.h>

/* A figure as published: its kind (CELL_MISSING if none) and value as shown. */
struct fig {
    enum cell_kind kind;
    double v;
};

static struct fig figure(const struct table *t, const char *row, const char *col)
{
    struct fig f = { CELL_MISSING, 0 };
    if (!t)
        return f;
    int r = table_find_row(t, row), c = table_find_col(t, col);
    if (r < 0 || c < 0)
        return f;
    const struct cell *x = table_cell(t, (size_t)r, (size_t)c);
    if (x->kind == CELL_COUNT || x->kind == CELL_AMOUNT || x->kind == CELL_PROTECTED) {
        f.kind = x->kind;
        f.v = x->v;
    } else if (x->kind == CELL_SHARE) {
        f.kind = x->kind;
        f.v = share_round(x->v);    /* as it is shown: one decimal */
    }
    return f;
}

static int same(struct fig a, struct fig b)
{
    if (a.kind != b.kind)
        return 0;
    if (a.kind == CELL_PROTECTED || a.kind == CELL_MISSING)
        return 1;               /* hidden both times: nothing to say, and nothing may be said */
    return fabs(a.v - b.v) < 1e-9;
}

/* Puts figure f in cell (r, c), hidden if hide. */
static void put(struct table *t, size_t r, size_t c, struct fig f, int hide)
{
    if (f.kind == CELL_MISSING)
        return;
    if (f.kind == CELL_SHARE)
        table_share(t, r, c, f.v);
    else if (f.kind == CELL_AMOUNT)
        table_amount(t, r, c, f.v);
    else
        table_count(t, r, c, (long long)llround(f.v));
    if (hide || f.kind == CELL_PROTECTED) {
        struct cell *x = table_cell(t, r, c);
        x->kind = CELL_COUNT;
        x->v = 0;               /* a hidden figure's value is not carried into this table */
        cell_hide(x);
    }
}

/* Adds to out the figures of table name that differ between b (before) and a (after). */
static void compare_one(struct table *out, const struct table *b, const struct table *a)
{
    const struct table *order[2] = { a, b };   /* rows and columns of now, then those gone */
    for (int pass = 0; pass < 2; pass++) {
        const struct table *t = order[pass];
        if (!t)
            continue;
        for (size_t r = 0; r < t->nrows; r++)
            for (size_t c = 0; c < t->ncols; c++) {
                if (pass == 1 && a && table_find_row(a, t->rows[r]) >= 0 &&
                    table_find_col(a, t->cols[c]) >= 0)
                    continue;   /* seen in the first pass */
                struct fig fb = figure(b, t->rows[r], t->cols[c]);
                struct fig fa = figure(a, t->rows[r], t->cols[c]);
                if (same(fb, fa))
                    continue;
                struct strbuf label = STRBUF_INIT;
                sb_printf(&label, "%s / %s / %s", t->name, t->rows[r], t->cols[c]);
                size_t row = (size_t)table_add_row(out, label.buf);
                sb_free(&label);
                int hidden = fb.kind == CELL_PROTECTED || fa.kind == CELL_PROTECTED;
                put(out, row, 0, fb, 0);
                put(out, row, 1, fa, 0);
                if (hidden) {
                    struct fig h = { CELL_PROTECTED, 0 };
                    put(out, row, 2, h, 1);
                } else if (fb.kind != CELL_MISSING && fa.kind != CELL_MISSING) {
                    struct fig d = { fa.kind, fa.v - fb.v };
                    put(out, row, 2, d, 0);
                }
            }
    }
}

struct table *compare_table(const struct report *before, const struct report *after,
                            const char *before_label, const char *after_label)
{
    static const char *const cols[] = { "Före", "Efter", "Ändring" };
    struct strbuf title = STRBUF_INIT;
    sb_printf(&title, "Ändrade tal: enligt exporterna inlästa till och med %s jämfört med %s",
              before_label, after_label);
    struct table *out = table_new("andringar", title.buf);
    sb_free(&title);
    table_set_stub(out, "Tabell / rad / kolumn");
    table_set_cols(out, 3, cols);
    table_set_sheet(out, "Ändringar");
    for (size_t i = 0; i < after->ntables; i++) {
        const struct table *a = after->tables[i];
        if (!a->workbook_only && !a->internal)
            compare_one(out, report_table(before, a->name), a);
    }
    for (size_t i = 0; i < before->ntables; i++) {
        const struct table *b = before->tables[i];
        if (!b->workbook_only && !b->internal && !report_table(after, b->name))
            compare_one(out, b, NULL);
    }
    table_add_note(out, "Ett tal som skyddet döljer i någon av körningarna visas som \"..\", och "
                        "likaså dess ändring.");
    if (out->nrows == 0) {
        table_free(out);
        return NULL;
    }
    return out;
}
