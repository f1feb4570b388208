/*
 * arsmal_pass.c: one pass over a period's contracts and one over its
 * offers, counting everything the årsmål tables show (arsmal_pass.h).
 */
#include "transform/arsmal_pass.h"
#include "common/db.h"
#include "common/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SQL ARSMAL_SQL

int pass_layout(sqlite3 *db, struct layout *l, struct strbuf *err)
{
    memset(l, 0, sizeof *l);
    l->total = -1;
    sqlite3_stmt *st = db_prepare(db, SQL, "layout");
    int rc;
    while ((rc = db_step(st)) == SQLITE_ROW) {
        const char *label = db_col_text(st, 0);
        if (l->n == MAXROWS || strlen(label) >= sizeof l->label[0]) {
            sqlite3_finalize(st);
            sb_printf(err, "referensdatan har fler än %d rader i Tabell 1 eller en rad med mer "
                           "än %zu byte (ref_arsmal_kategori)", MAXROWS, sizeof l->label[0] - 1);
            return -1;
        }
        memcpy(l->label[l->n], label, strlen(label) + 1);
        l->all[l->n] = sqlite3_column_int(st, 1);
        if (l->all[l->n] && l->total < 0)
            l->total = (int)l->n;
        if (sqlite3_column_int(st, 2)) {
            l->cat[l->ncat] = (int)l->n;
            l->catlabel[l->ncat++] = l->label[l->n];
        }
        l->n++;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return db_error(db, err);
    if (l->total < 0 || l->ncat == 0) {
        sb_adds(err, "referensdatan saknar årsmålskategorierna (ref_arsmal_kategori)");
        return -1;
    }
    return 0;
}

static int row_of(const struct layout *l, const char *label)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->label[i], label) == 0)
            return (int)i;
    return -1;
}

static void bind_period(sqlite3_stmt *st, const struct period *p)
{
    sqlite3_reset(st);
    db_bind_text(st, ":from", p->from);
    db_bind_text(st, ":through", p->through);
}

/* Adds n förmedlade of a boendeform of KATEGORI and Tabell 1 row RAD to f. */
static void figures_add(const struct layout *l, struct figures *f, const char *kategori,
                        const char *rad, long n)
{
    for (size_t r = 0; r < l->n; r++)
        if (l->all[r] || strcmp(l->label[r], kategori) == 0 || strcmp(l->label[r], rad) == 0)
            f->n[r] += n;
}

/* The targets of p's year, into f. */
static int load_targets(sqlite3 *db, const struct layout *l, const struct period *p,
                        struct figures *f, struct strbuf *err)
{
    sqlite3_stmt *st = db_prepare(db, SQL, "targets");
    db_bind_int(st, ":year", p->year);
    int rc;
    while ((rc = db_step(st)) == SQLITE_ROW) {
        int r = row_of(l, db_col_text(st, 0));
        if (r >= 0) {
            f->mal[r] = sqlite3_column_int(st, 1);
            f->has_mal[r] = 1;
        }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : db_error(db, err);
}


void pass_free(struct pass *ps)
{
    for (size_t i = 0; i < ps->nforms; i++) {
        free(ps->forms[i].label);
        free(ps->forms[i].kategori);
        free(ps->forms[i].rad);
    }
    free(ps->forms);
    ranks_free(&ps->form_rank);
    ranks_free(&ps->org_rank);
    ranks_free(&ps->nej_rank);
    tally_free(&ps->bestallare);
    tally_free(&ps->hyresvard);
    tally_free(&ps->answers);
    tally_free(&ps->nej);
    tally_free(&ps->svar_bestallare);
    free(ps->contract_units);
    free(ps->offer_units);
    sb_free(&ps->unit_text);
    table_free(ps->underlag);
    file_set_free(&ps->files);
    free(ps->bf);
    free(ps->bf_targets);
    memset(ps, 0, sizeof *ps);
}

static int cmp_form(const void *a, const void *b)
{
    return strcmp(((const struct form *)a)->label, ((const struct form *)b)->label);
}

/* The form of that label in ps->forms (sorted by label), or NULL. */
static struct form *find_form(const struct pass *ps, const char *label)
{
    struct form key = { .label = (char *)label };
    return ps->nforms ? bsearch(&key, ps->forms, ps->nforms, sizeof key, cmp_form) : NULL;
}

struct form *pass_form(struct pass *ps, const char *label, struct strbuf *err)
{
    struct form *f = find_form(ps, label);
    if (!f)
        sb_printf(err, "boendeformen \"%s\" saknas i referensdatan (ref_bf_boendeform)", label);
    return f;
}

int pass_figures(const struct pass *ps, sqlite3 *db, const struct layout *l,
                 const struct period *p, struct figures *f, struct strbuf *err)
{
    memset(f, 0, sizeof *f);
    long *n = xcalloc(ps->nforms ? ps->nforms : 1, sizeof *n);    /* per form of ps->forms */
    sqlite3_stmt *st = db_prepare(db, SQL, "per_form");
    bind_period(st, p);
    int rc;
    while ((rc = db_step(st)) == SQLITE_ROW) {
        const struct form *form = find_form(ps, db_col_text(st, 0));
        if (form)       /* a form the reference data lacks is not counted, as a join would not */
            n[form - ps->forms]++;
    }
    sqlite3_finalize(st);
    for (size_t i = 0; rc == SQLITE_DONE && i < ps->nforms; i++)
        if (n[i])
            figures_add(l, f, ps->forms[i].kategori, ps->forms[i].rad, n[i]);
    free(n);
    if (rc != SQLITE_DONE)
        return db_error(db, err);
    return load_targets(db, l, p, f, err);
}

static int load_forms(struct pass *ps, sqlite3 *db, const struct layout *l, struct strbuf *err)
{
    sqlite3_stmt *st = db_prepare(db, SQL, "forms");
    size_t cap = 0;
    int rc;
    while ((rc = db_step(st)) == SQLITE_ROW) {
        ps->forms = xgrow(ps->forms, &cap, ps->nforms, sizeof *ps->forms, 8);
        struct form *f = &ps->forms[ps->nforms++];
        *f = (struct form){ xstrdup(db_col_text(st, 0)), xstrdup(db_col_text(st, 2)),
                            xstrdup(db_col_text(st, 3)), -1, 0 };
        for (size_t k = 0; k < l->ncat; k++)
            if (strcmp(f->kategori, l->catlabel[k]) == 0)
                f->cat = (int)k;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return db_error(db, err);
    if (ps->nforms)
        qsort(ps->forms, ps->nforms, sizeof *ps->forms, cmp_form);
    return ranks_load(&ps->form_rank, db_prepare(db, SQL, "forms"), err) ||
           ranks_load(&ps->org_rank, db_prepare(db, SQL, "organisations"), err) ||
           ranks_load(&ps->nej_rank, db_prepare(db, SQL, "nej_orsaker"), err) ? -1 : 0;
}

/*
 * Source files' names by id, each read once: rows come in contract-date
 * order, which is file by file only while the files cover separate dates,
 * and re-exports overlap.  Ids are small rowids, so an array by id holds
 * them; an id at or above FILE_SET_MAX_ID (sources.h: a hand-edited
 * database) is read again each time into a slot of its own.
 */
struct file_names {
    sqlite3_stmt *st;
    char **name;        /* name[id], or NULL when not read yet */
    size_t cap;
    char *other;        /* the last id at or above FILE_SET_MAX_ID */
};

static const char *file_name(struct file_names *fn, sqlite3_int64 id)
{
    if (id < 0)
        return "";
    char **slot = &fn->other;
    if (id < FILE_SET_MAX_ID) {
        if ((size_t)id >= fn->cap)
            fn->name = xgrow_zeroed(fn->name, &fn->cap, (size_t)id, sizeof *fn->name, 16);
        slot = &fn->name[id];
    }
    if (!*slot || slot == &fn->other) {
        free(*slot);
        db_bind_int(fn->st, ":id", id);
        *slot = xstrdup(db_step(fn->st) == SQLITE_ROW ? db_col_text(fn->st, 0) : "");
        sqlite3_reset(fn->st);
    }
    return *slot;
}

static void file_names_free(struct file_names *fn)
{
    sqlite3_finalize(fn->st);
    for (size_t i = 0; i < fn->cap; i++)
        free(fn->name[i]);
    free(fn->name);
    free(fn->other);
}

static int read_contracts(struct pass *ps, sqlite3 *db, const struct layout *l,
                          const struct period *p, int underlag, struct strbuf *err)
{
    static const char *const cols[] = {
        "Kontraktsdatum", "Boendeform", "Beställare", "Hyresvärd", "Källfil", "Rad i källfilen",
    };
    struct table *t = NULL;
    struct file_names fn = { NULL, NULL, 0, NULL };
    if (underlag) {
        t = ps->underlag =
            period_table("underlag", "Underlag: varje förmedlad lägenhet som räknas,", p, "Underlag");
        table_set_cols(t, 6, cols);
        table_set_stub(t, "Ärendenummer");
        t->workbook_only = 1;
        t->internal = 1;
        fn.st = db_prepare(db, SQL, "file_name");
    }
    sqlite3_stmt *st = db_prepare(db, SQL, "contracts");
    bind_period(st, p);
    int rc;
    while ((rc = db_step(st)) == SQLITE_ROW) {
        const char *datum = db_col_text(st, 0);
        struct form *f = pass_form(ps, db_col_text(st, 1), err);
        if (!f)
            break;
        f->n++;
        int m = atoi(datum + 5);
        if (f->cat >= 0 && m >= 1 && m <= 12)
            ps->month[m][f->cat]++;
        const char *bestallare = tally_add(&ps->bestallare, db_col_text(st, 2), f->kategori, 1),
                   *hyresvard = tally_add(&ps->hyresvard, db_col_text(st, 3), f->kategori, 1);
        sqlite3_int64 id = sqlite3_column_int64(st, 5);
        file_set_add(&ps->files, id);
        if (ps->units) {
            ps->contract_units = xgrow(ps->contract_units, &ps->capcontract_units, ps->ncontract_units,
                                       sizeof *ps->contract_units, 1024);
            ps->contract_units[ps->ncontract_units++] = (struct contract_unit){
                .f = f, .bestallare = bestallare, .hyresvard = hyresvard,
                .key = pass_text(ps, db_col_text(st, 4)), .month = m,
            };
        }
        if (t) {
            int r = table_add_row(t, db_col_text(st, 4));
            for (int k = 0; k < 4; k++)
                table_text(t, (size_t)r, (size_t)k, db_col_text(st, k));
            table_text(t, (size_t)r, 4, file_name(&fn, id));
            table_count(t, (size_t)r, 5, sqlite3_column_int64(st, 6));
        }
    }
    sqlite3_finalize(st);
    file_names_free(&fn);
    if (rc == SQLITE_ROW)
        return -1;
    if (rc != SQLITE_DONE)
        return db_error(db, err);
    for (size_t i = 0; i < ps->nforms; i++)
        if (ps->forms[i].n)
            figures_add(l, &ps->cur, ps->forms[i].kategori, ps->forms[i].rad, ps->forms[i].n);
    return load_targets(db, l, p, &ps->cur, err);
}

size_t pass_text(struct pass *ps, const char *s)
{
    size_t at = ps->unit_text.len;
    sb_add(&ps->unit_text, s, strlen(s) + 1);
    return at;
}

static int read_offers(struct pass *ps, sqlite3 *db, const struct period *p, struct strbuf *err)
{
    sqlite3_stmt *st = db_prepare(db, SQL, ps->units ? "offers_units" : "offers");
    bind_period(st, p);
    int rc;
    while ((rc = db_step(st)) == SQLITE_ROW) {
        struct form *f = pass_form(ps, db_col_text(st, 0), err);
        if (!f)
            break;
        const char *svar = db_col_text(st, 1);
        tally_add(&ps->answers, f->label, svar, 1);
        tally_add(&ps->svar_bestallare, db_col_text(st, 2), svar, 1);
        if (strcmp(svar, "Nej") == 0)
            tally_add(&ps->nej, db_col_text(st, 3), f->kategori, 1);
        file_set_add(&ps->files, sqlite3_column_int64(st, 4));
        if (ps->units) {
            ps->offer_units = xgrow(ps->offer_units, &ps->capoffer_units, ps->noffer_units, sizeof *ps->offer_units, 1024);
            struct offer_unit *u = &ps->offer_units[ps->noffer_units++];
            u->f = f;
            u->key = pass_text(ps, db_col_text(st, 5));
            u->svar = pass_text(ps, svar);
            u->bestallare = pass_text(ps, db_col_text(st, 2));
            u->nej = pass_text(ps, db_col_text(st, 3));
        }
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW)
        return -1;
    return rc == SQLITE_DONE ? 0 : db_error(db, err);
}

int pass_read(struct pass *ps, sqlite3 *db, const struct layout *l, const struct period *p,
              int units, int underlag, struct strbuf *err)
{
    memset(ps, 0, sizeof *ps);
    ps->units = units;
    if (load_forms(ps, db, l, err) || read_contracts(ps, db, l, p, underlag, err) ||
        read_offers(ps, db, p, err))
        return -1;
    struct strbuf sb = STRBUF_INIT;
    sources_cite_set(&sb, db, "bostadsformedling", &ps->files, "inga filer");
    ps->bf = xstrdup(sb.buf);
    sqlite3_stmt *st = db_prepare(db, SQL, "target_files");
    db_bind_int(st, ":year", p->year);
    sources_cite(&sb, db, "arsmal", st, "inget årsmål inläst");
    ps->bf_targets = sb_detach(&sb);
    return 0;
}
