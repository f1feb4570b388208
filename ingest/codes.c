/*
 * codes.c: in-memory code lists for validation (codes.h).
 */
#include "ingest/codes.h"
#include "common/db.h"
#include "common/strbuf.h"
#include "common/util.h"
#include "ingest/parse.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct code {
    size_t order;    /* position in the query's order: breaks ties as a linear search would */
    char *list;      /* list name, e.g. "hushallstyp" */
    char *key;       /* fold_key of the label or alias */
    char *label;     /* canonical label */
    int is_alias;    /* 1 for an alias: left out of the allowed list */
};

/*
 * The cells of a column repeat a handful of spellings, so codes_match
 * remembers the last answers by the cell's exact bytes: a repeated cell
 * costs a hash and two compares instead of folding and a search.
 */
#define MEMO_SLOTS 256
#define MEMO_CELL 48
struct memo {
    const char *list;        /* the list, by its address (codes.h); NULL in an unused slot */
    char cell[MEMO_CELL];    /* the cell exactly as given */
    const char *label;       /* codes_match's answer, NULL included */
};

struct codes {
    struct memo memo[MEMO_SLOTS];
    struct code *v;          /* sorted by list, key, order: codes_match searches by halves */
    size_t *by_order;        /* by_order[i]: index in v of the i-th code as the query gave them */
    size_t n, cap;
    struct strbuf allowed;   /* scratch for codes_allowed */
    char *allowed_list;      /* the list allowed currently describes */
};

static int cmp_list_key(const struct code *e, const char *list, const char *key)
{
    int d = strcmp(e->list, list);
    return d ? d : strcmp(e->key, key);
}

static int cmp_code(const void *a, const void *b)
{
    const struct code *x = a, *y = b;
    int d = cmp_list_key(x, y->list, y->key);
    return d ? d : (x->order > y->order) - (x->order < y->order);
}

struct codes *codes_load(sqlite3 *db)
{
    struct codes *c = xcalloc(1, sizeof *c);
    sb_init(&c->allowed);
    sqlite3_stmt *st = db_prepare(db, "ingest/sql/codes.sql", "labels");
    int rc;
    while ((rc = db_step(st)) == SQLITE_ROW) {
        c->v = xgrow(c->v, &c->cap, c->n, sizeof *c->v, 128);
        struct code *e = &c->v[c->n++];
        const char *label = db_col_text(st, 1);
        int alias = sqlite3_column_type(st, 2) != SQLITE_NULL;
        char key[256];
        fold_key(alias ? db_col_text(st, 2) : label, key, sizeof key);
        e->list = xstrdup(db_col_text(st, 0));
        e->key = xstrdup(key);
        e->label = xstrdup(label);
        e->is_alias = alias;
        e->order = c->n - 1;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        codes_free(c);
        return NULL;
    }
    qsort(c->v, c->n, sizeof *c->v, cmp_code);
    c->by_order = xmalloc((c->n ? c->n : 1) * sizeof *c->by_order);
    for (size_t i = 0; i < c->n; i++)
        c->by_order[c->v[i].order] = i;
    return c;
}

void codes_free(struct codes *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n; i++) {
        free(c->v[i].list);
        free(c->v[i].key);
        free(c->v[i].label);
    }
    free(c->v);
    free(c->by_order);
    free(c->allowed_list);
    sb_free(&c->allowed);
    free(c);
}

/* codes_match without the memo. */
static const char *match_search(const struct codes *c, const char *list, const char *cell)
{
    char key[256];
    fold_key(cell, key, sizeof key);
    size_t lo = 0, hi = c->n;          /* the first entry not below (list, key) */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cmp_list_key(&c->v[mid], list, key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < c->n && cmp_list_key(&c->v[lo], list, key) == 0 ? c->v[lo].label : NULL;
}

const char *codes_match(struct codes *c, const char *list, const char *cell)
{
    /* FNV-1a over the cell, begun from the list's address: the list is one of a kind's few. */
    uint32_t h = 2166136261u ^ (uint32_t)((uintptr_t)list >> 3) * 2654435761u;
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)cell; *p; p++, n++)
        h = (h ^ *p) * 16777619u;
    if (n >= MEMO_CELL)
        return match_search(c, list, cell);
    struct memo *m = &c->memo[h % MEMO_SLOTS];
    if (m->list == list && memcmp(m->cell, cell, n + 1) == 0)
        return m->label;
    m->label = match_search(c, list, cell);
    m->list = list;
    memcpy(m->cell, cell, n + 1);
    return m->label;
}

const char *codes_allowed(struct codes *c, const char *list)
{
    struct codes *m = c;
    if (m->allowed_list && strcmp(m->allowed_list, list) == 0)
        return m->allowed.buf;
    sb_reset(&m->allowed);
    free(m->allowed_list);
    m->allowed_list = xstrdup(list);
    for (size_t o = 0; o < c->n; o++) {
        const struct code *e = &c->v[c->by_order[o]];
        if (e->is_alias || strcmp(e->list, list) != 0)
            continue;
        sb_printf(&m->allowed, "%s\"%s\"", m->allowed.len ? ", " : "", e->label);
    }
    return m->allowed.buf;
}
