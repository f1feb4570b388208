/*
 * fuzz_row.c: libFuzzer harness for row validation of every export kind
 * (kinds.h): each cell parsed by its column's rule, then the kind's row rule.
 *
 * The input's first byte picks the kind; the rest, split at '\n', are the
 * cells in column order.  Never a crash; a refused cell names its column
 * and says why; an accepted one holds a value of its type.  As in the
 * ingest, the row rule runs only on a row whose required cells are there.
 */
#include "common/db.h"
#include "ingest/codes.h"
#include "ingest/kinds.h"
#include "common/date.h"
#include "ingest/parse.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct codes *codes;
static sqlite3 *db;     /* kept open, and reachable, for the run's whole life */

static void setup(void)
{
    struct strbuf err = STRBUF_INIT;
    if (db_open(":memory:", &db, &err) != 0 || !(codes = codes_load(db)))
        abort();
    sb_free(&err);
}

/* An accepted value must be a value of its column's type, its text as long as its len says. */
static void check_value(const struct colspec *c, const struct value *v)
{
    char tmp[11];
    if (!v->present)
        return;
    switch (c->type) {
    case COL_DATE:
        if (parse_date(v->date, tmp) != 0 || strcmp(tmp, v->date) != 0 || v->len != strlen(v->date))
            abort();
        break;
    case COL_MONTH:
        if (parse_month(v->date, tmp) != 0 || v->len != strlen(v->date))
            abort();
        break;
    case COL_INT:
    case COL_YEAR:
        if (((c->flags & COLF_MIN) && (double)v->i < c->min) || ((c->flags & COLF_MAX) && (double)v->i > c->max))
            abort();
        break;
    case COL_DEC:
        if (v->d != v->d)
            abort();            /* never NaN */
        break;
    case COL_YESNO:
        if (v->i != 0 && v->i != 1)
            abort();
        break;
    case COL_CODE:
    case COL_TEXT:
        if (!v->text || v->len != strlen(v->text))
            abort();            /* the loader gives SQLite len bytes of it */
        break;
    case COL_ROUND:
        if (v->len != strlen(v->date))
            abort();
        break;
    case COL_PNR:
        break;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!codes)
        setup();
    if (size < 1)
        return 0;
    const struct kind *k = kinds[data[0] % nkinds];
    char *buf = malloc(size);
    memcpy(buf, data + 1, size - 1);
    buf[size - 1] = '\0';
    struct value *vals = calloc(k->ncols, sizeof *vals);
    char pnr[PNR_BUF];           /* the Personnummer column's buffer, as a batch slot gives it */
    for (size_t c = 0; c < k->ncols; c++)
        if (k->cols[c].type == COL_PNR)
            vals[c].pnr = pnr;
    struct rowerr err = { NULL, STRBUF_INIT };
    char *cell = buf;
    int bad = 0;
    for (size_t c = 0; c < k->ncols && !bad; c++) {
        char *next = NULL;
        if (cell) {
            next = strchr(cell, '\n');
            if (next)
                *next++ = '\0';
        }
        /* A cell past the input is an absent column, as in a header without it. */
        if (cell_parse(&k->cols[c], cell, codes, &vals[c], &err) != 0) {
            if (!err.column || strcmp(err.column, k->cols[c].name) != 0 || err.msg.len == 0)
                abort();
            bad = 1;
        } else if (!vals[c].present && (k->cols[c].flags & COLF_REQUIRED)) {
            bad = 1;            /* as the ingest: a required cell missing refuses the row first */
        } else {
            check_value(&k->cols[c], &vals[c]);
        }
        cell = next;
    }
    if (!bad && k->check) {
        sb_reset(&err.msg);
        if (k->check(vals, &err) != 0 && err.msg.len == 0)
            abort();
    }
    sb_free(&err.msg);
    free(vals);
    free(buf);
    return 0;
}
