/*
 * ingest.c: files into the database, one transaction each (ingest.h).
 */
#include "ingest/ingest.h"
#include "common/db.h"
#include "common/sha256.h"
#include "common/strbuf.h"
#include "common/util.h"
#include "ingest/batchq.h"
#include "ingest/codes.h"
#include "ingest/kinds.h"
#include "ingest/parse.h"
#include "ingest/pseudonym.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#define CHUNK 65536

/* What the first pass learns about a file. */
struct scan {
    char sha256[65];        /* hex digest */
    long long size;         /* bytes */
    int is_utf8;            /* valid UTF-8 throughout */
    int bom;                /* starts with the UTF-8 BOM */
    long nul_line;          /* line of the first NUL byte, 0 if none */
    long lines;             /* physical lines counted (up to the NUL, if any) */
    unsigned char head[4096]; /* first bytes, for the delimiter */
    size_t nhead;
};

/* Where a statement takes each column's value. */
struct params {
    int *col;                     /* col[i]: parameter index of k->cols[i] */
    int round_month;              /* :omgang_manad for COL_ROUND, or 0 */
    int file, line;
};

/*
 * Rows travel from the parsing thread to the loading thread in batches.
 * An item is a row to load (reason NULL) or a rejected row with its
 * message; its values, and the text they point to, live in the batch.
 */
#define BATCH_ROWS 128
#define BATCH_TEXT (CSVR_MAX_RECORD + 65536)   /* a whole record and its message */
#define NBATCHES 4

struct item {
    long line;
    const char *column;     /* a rejected row: the column, or NULL for the whole row */
    const char *reason;     /* a rejected row: why, in Swedish; NULL for a row to load */
};

struct batch {
    size_t n;                     /* items filled */
    struct item item[BATCH_ROWS];
    struct value *vals;           /* BATCH_ROWS rows of the kind's columns */
    char *text;                   /* BATCH_TEXT bytes: the items' strings */
    size_t used;
};

/* The state of loading one file, shared with the record callback. */
struct load {
    sqlite3 *db;
    const struct ingest_opts *o;
    struct codes *codes;
    const char *path;             /* as named by the user, for messages */
    const struct scan *scan;
    struct ingest_result *r;
    const struct kind *k;         /* NULL until the header is read */
    int *map;                     /* map[i]: field index of k->cols[i], or -1 */
    struct params ins, rep;       /* parameter indexes of the insert and replace statements */
    size_t nheader;               /* fields in the header */
    sqlite3_stmt *insert, *replace, *first_line, *reject;
    sqlite3_int64 file_id;
    struct value *vals;           /* the row being checked: a slot of cur */
    struct rowerr err;
    atomic_int fatal;             /* the file cannot be loaded; message already given */
    struct pseudo *pseudo;        /* the key, when the file has a Personnummer column */
    int pnr_col;                  /* index in k->cols of Personnummer when the header has it, or -1 */
    int pnr_field;                /* its header field, or -1 */
    long shown;                   /* rejected-row messages given */
    char **bulk_sql;              /* CREATE INDEX statements to run after the rows, or NULL */
    size_t nbulk;
    /* The two threads: this one parses into cur; the loader writes what full brings. */
    struct batch batches[NBATCHES];
    struct batch *cur;            /* being filled, or NULL */
    struct batchq *full, *empty;  /* to the loader; back from it */
    pthread_t loader;
    int threaded;                 /* the loader runs (else batches load in this thread) */
};

/*
 * A file at least this many lines long, and at least half the size of what
 * its table holds, is loaded with the table's secondary indexes dropped and
 * built again after the rows: one sort per index instead of a b-tree
 * descent per row and index, which scatters writes over the whole index
 * once it outgrows the page cache.  Smaller files keep the indexes, so a
 * month's export into ten years of history costs the month, not the years.
 */
#define BULK_MIN_LINES 20000

/* A progress line on a terminal: shown after a second, then five times a second. */
struct progress {
    FILE *tty;
    const char *path;
    long long size;          /* bytes in the file */
    double start, next;      /* seconds (monotonic) */
    int shown;               /* the line is on the screen */
};

/* The one being shown, so that a message first erases it (ingest is one file at a time). */
static struct progress *on_screen;

/* Messages come from both threads of an ingest, the progress line from one. */
static pthread_mutex_t out_lock = PTHREAD_MUTEX_INITIALIZER;

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void progress_erase(void)
{
    if (on_screen && on_screen->shown) {
        fputs("\r\033[K", on_screen->tty);
        fflush(on_screen->tty);
        on_screen->shown = 0;
    }
}

static void progress_start(struct progress *p, FILE *tty, const char *path, long long size)
{
    memset(p, 0, sizeof *p);
    if (!tty)
        return;
    p->tty = tty;
    p->path = path;
    p->size = size;
    p->start = now_s();
    p->next = p->start + 1.0;
    on_screen = p;
}

static void progress_update(struct progress *p, long long bytes, long rows)
{
    if (!p->tty)
        return;
    double t = now_s();
    if (t < p->next)
        return;
    p->next = t + 0.2;
    pthread_mutex_lock(&out_lock);
    fprintf(p->tty, "\r\033[K%s: %ld rader, %.0f MB/s, %d %%", p->path, rows,
            (double)bytes / 1e6 / (t - p->start), (int)(100.0 * (double)bytes / (double)p->size));
    fflush(p->tty);
    p->shown = 1;
    pthread_mutex_unlock(&out_lock);
}

static void progress_end(struct progress *p)
{
    pthread_mutex_lock(&out_lock);
    if (on_screen == p)
        progress_erase();
    on_screen = NULL;
    pthread_mutex_unlock(&out_lock);
}

static void say(const struct ingest_opts *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void say(const struct ingest_opts *o, const char *fmt, ...)
{
    struct strbuf sb = STRBUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(&sb, fmt, ap);
    va_end(ap);
    pthread_mutex_lock(&out_lock);
    progress_erase();
    if (o->msg)
        o->msg(o->msg_ctx, sb.buf);
    pthread_mutex_unlock(&out_lock);
    sb_free(&sb);
}

/* Pass one: digest, encoding, text or not.  Returns 0 or -1 (message given). */
static int scan_file(FILE *f, const char *path, const struct ingest_opts *o, struct scan *s)
{
    struct sha256 h;
    struct utf8_check u = UTF8_CHECK_INIT;
    unsigned char buf[CHUNK], digest[SHA256_BYTES];
    long line = 1;
    size_t n;
    memset(s, 0, sizeof *s);
    sha256_init(&h);
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        sha256_update(&h, buf, n);
        utf8_check_feed(&u, buf, n);
        if (s->nhead < sizeof s->head) {
            size_t k = sizeof s->head - s->nhead < n ? sizeof s->head - s->nhead : n;
            memcpy(s->head + s->nhead, buf, k);
            s->nhead += k;
        }
        /* Lines: for the NUL's message, and the progress's and bulk load's estimate of rows. */
        if (!s->nul_line) {
            const unsigned char *nul = memchr(buf, '\0', n);
            for (const unsigned char *p = buf, *end = nul ? nul : buf + n;
                 (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
                line++;
            if (nul)
                s->nul_line = line;
        }
        s->size += (long long)n;
    }
    s->lines = line;
    if (ferror(f)) {
        say(o, "%s: kan inte läsa filen: %s", path, errno_sv(errno));
        return -1;
    }
    sha256_final(&h, digest);
    sodium_bin2hex(s->sha256, sizeof s->sha256, digest, sizeof digest);
    s->is_utf8 = utf8_check_ok(&u);
    s->bom = s->nhead >= 3 && s->head[0] == 0xEF && s->head[1] == 0xBB && s->head[2] == 0xBF;
    if (s->size == 0) {
        say(o, "%s: filen är tom", path);
        return -1;
    }
    if (s->nul_line) {
        say(o, "%s:%ld: filen är inte text (innehåller NUL-tecken)", path, s->nul_line);
        return -1;
    }
    return 0;
}

static long max_msgs(const struct ingest_opts *o)
{
    return o->max_row_msgs > 0 ? o->max_row_msgs : 100;
}

/* Records a rejected row and shows its message (up to the limit). */
static int reject_row(struct load *L, long line, const char *column, const char *reason)
{
    sqlite3_stmt *st = L->reject;
    sqlite3_reset(st);
    db_bind_int(st, ":file_id", L->file_id);
    db_bind_int(st, ":line", line);
    db_bind_text(st, ":column_name", column);
    db_bind_text(st, ":reason", reason);
    if (db_step(st) != SQLITE_DONE) {
        say(L->o, "%s: databasfel: %s", L->path, db_errmsg_sv(L->db));
        L->fatal = 1;
        return -1;
    }
    L->r->rows_rejected++;
    if (L->shown++ < max_msgs(L->o)) {
        if (column)
            say(L->o, "%s:%ld: %s: %s", L->path, line, column, reason);
        else
            say(L->o, "%s:%ld: %s", L->path, line, reason);
    }
    return 0;
}

/* The index of the header field named `name` (matched by fold_key), or -1. */
static int header_index(char *const *fields, size_t n, const char *name)
{
    char want[64], got[64];
    fold_key(name, want, sizeof want);
    for (size_t i = 0; i < n; i++) {
        fold_key(fields[i], got, sizeof got);
        if (strcmp(got, want) == 0)
            return (int)i;
    }
    return -1;
}

/* Finds the kind whose required columns the header has; gives a message if none. */
static const struct kind *match_kind(struct load *L, char *const *fields, size_t n)
{
    const struct kind *best = NULL, *full = NULL;
    size_t best_hits = 0, full_cols = 0;
    int ambiguous = 0;
    for (size_t k = 0; k < nkinds; k++) {
        const struct kind *kd = kinds[k];
        size_t req = 0, hits = 0, cols = 0;
        for (size_t c = 0; c < kd->ncols; c++) {
            int found = header_index(fields, n, kd->cols[c].name) >= 0;
            cols += (size_t)found;
            if (kd->cols[c].flags & COLF_REQUIRED) {
                req++;
                hits += (size_t)found;
            }
        }
        if (hits == req) {
            if (full && cols == full_cols)
                ambiguous = 1;
            if (!full || cols > full_cols) {
                full = kd;
                full_cols = cols;
                ambiguous = 0;
            }
        } else if (hits > best_hits) {
            best = kd;
            best_hits = hits;
        }
    }
    if (full && !ambiguous)
        return full;
    if (full) {
        say(L->o, "%s:1: rubriken passar flera exportsorter lika väl; ta bort kolumner som inte hör till filen",
            L->path);
        return NULL;
    }
    if (!best || best_hits < 2) {
        say(L->o, "%s:1: rubriken passar ingen känd exportsort (bf-formedlingar, shis-placeringar, "
            "shis-bestand, kartlaggning, arsmal); kontrollera att första raden är rubrikraden "
            "och avgränsaren är ; , eller TAB", L->path);
        return NULL;
    }
    struct strbuf miss = STRBUF_INIT;
    for (size_t c = 0; c < best->ncols; c++) {
        if (!(best->cols[c].flags & COLF_REQUIRED))
            continue;
        if (header_index(fields, n, best->cols[c].name) < 0)
            sb_printf(&miss, "%s\"%s\"", miss.len ? ", " : "", best->cols[c].name);
    }
    say(L->o, "%s:1: rubriken liknar %s men saknar obligatorisk kolumn %s", L->path, best->name, miss.buf);
    sb_free(&miss);
    return NULL;
}

static int param(const struct kind *k, sqlite3_stmt *st, const char *name)
{
    int i = sqlite3_bind_parameter_index(st, name);
    if (i == 0) {
        fprintf(stderr, "fotstat: internal error: %s lacks %s\n", k->sqlfile, name);
        abort();
    }
    return i;
}

/* Finds where statement st takes each of kind k's columns. */
static void params_find(struct params *p, const struct kind *k, sqlite3_stmt *st)
{
    p->col = xmalloc(k->ncols * sizeof *p->col);
    p->round_month = 0;
    for (size_t c = 0; c < k->ncols; c++) {
        p->col[c] = param(k, st, k->cols[c].param);
        if (k->cols[c].type == COL_ROUND)
            p->round_month = param(k, st, ":omgang_manad");
    }
    p->file = param(k, st, ":file_id");
    p->line = param(k, st, ":line");
}

/* Drops the table's secondary indexes if the file is large; bulk_end builds them again. */
static int bulk_begin(struct load *L)
{
    long long before = 0;
    if (L->scan->lines < BULK_MIN_LINES)
        return 0;
    sqlite3_stmt *st = db_prepare(L->db, "ingest/sql/bulk.sql", "rows_before");
    db_bind_text(st, ":kind", L->k->name);
    if (db_step(st) == SQLITE_ROW)
        before = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    if (L->scan->lines * 2 < before)
        return 0;
    /* Read them all first: the schema cannot change under a running SELECT of it. */
    char **drop = NULL;
    size_t ndrop = 0;
    st = db_prepare(L->db, "ingest/sql/bulk.sql", "indexes");
    db_bind_text(st, ":table", L->k->table);
    while (db_step(st) == SQLITE_ROW) {
        L->bulk_sql = xrealloc(L->bulk_sql, (L->nbulk + 1) * sizeof *L->bulk_sql);
        drop = xrealloc(drop, (ndrop + 1) * sizeof *drop);
        L->bulk_sql[L->nbulk++] = xstrdup(db_col_text(st, 0));
        drop[ndrop++] = xstrdup(db_col_text(st, 1));
    }
    int rc = sqlite3_finalize(st);
    for (size_t i = 0; i < ndrop; i++) {
        if (rc == SQLITE_OK)
            rc = sqlite3_exec(L->db, drop[i], NULL, NULL, NULL);
        free(drop[i]);
    }
    free(drop);
    if (rc != SQLITE_OK) {
        say(L->o, "%s: databasfel: %s", L->path, db_errmsg_sv(L->db));
        return -1;
    }
    return 0;
}

/* Builds the indexes bulk_begin dropped, in the same transaction. */
static int bulk_end(struct load *L)
{
    db_sorting(L->db, 1);
    for (size_t i = 0; i < L->nbulk; i++)
        if (sqlite3_exec(L->db, L->bulk_sql[i], NULL, NULL, NULL) != SQLITE_OK) {
            say(L->o, "%s: databasfel: %s", L->path, db_errmsg_sv(L->db));
            db_sorting(L->db, 0);
            return -1;
        }
    db_sorting(L->db, 0);
    return 0;
}

/* The kind's work after the rows (struct kind's after), in the transaction. */
static int after_load(struct load *L)
{
    if (!L->k || !L->k->after)
        return 0;
    struct strbuf err = STRBUF_INIT;
    int rc = L->k->after(L->db, L->file_id, &err);
    if (rc)
        say(L->o, "%s: %s", L->path, err.buf);
    sb_free(&err);
    return rc;
}

/* The header: kind, column map, the source_file row, the statements. */
static int on_header(struct load *L, long line, size_t n, char *const *fields)
{
    (void)line;
    for (size_t i = 0; i < n; i++) {
        char key[64];
        fold_key(fields[i], key, sizeof key);
        for (size_t j = 0; j < i; j++) {
            char other[64];
            fold_key(fields[j], other, sizeof other);
            if (*key && strcmp(key, other) == 0) {
                say(L->o, "%s:1: kolumnen \"%s\" finns två gånger i rubriken", L->path, fields[i]);
                return -1;
            }
        }
    }
    const struct kind *k = match_kind(L, fields, n);
    if (!k)
        return -1;
    L->k = k;
    L->r->kind = k->name;
    L->nheader = n;
    L->map = xmalloc(k->ncols * sizeof *L->map);
    for (size_t b = 0; b < NBATCHES; b++) {
        L->batches[b].vals = xcalloc(BATCH_ROWS * k->ncols, sizeof *L->batches[b].vals);
        L->batches[b].text = xmalloc(BATCH_TEXT);
    }
    struct strbuf unknown = STRBUF_INIT;
    for (size_t c = 0; c < k->ncols; c++)
        L->map[c] = header_index(fields, n, k->cols[c].name);
    for (size_t i = 0; i < n; i++) {
        int known = 0;
        for (size_t c = 0; c < k->ncols; c++)
            known |= L->map[c] == (int)i;
        if (!known) {
            sb_adds(&unknown, unknown.len ? ", " : "");
            quote_value(&unknown, fields[i]);
        }
    }
    if (unknown.len)
        say(L->o, "%s:1: varning: okända kolumner ignoreras: %s", L->path, unknown.buf);
    sb_free(&unknown);

    sqlite3_stmt *st = db_prepare(L->db, "ingest/sql/source_file.sql", "insert");
    const char *slash = strrchr(L->path, '/');
    db_bind_text(st, ":name", slash ? slash + 1 : L->path);
    db_bind_text(st, ":kind", k->name);
    db_bind_text(st, ":sha256", L->scan->sha256);
    db_bind_int(st, ":size_bytes", L->scan->size);
    db_bind_text(st, ":encoding", csv_encoding_name(L->r->encoding));
    db_bind_text(st, ":delimiter", csv_delim_name(L->r->delim));
    int rc = db_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        say(L->o, "%s: databasfel: %s", L->path, db_errmsg_sv(L->db));
        return -1;
    }
    L->file_id = sqlite3_last_insert_rowid(L->db);
    L->insert = db_prepare(L->db, k->sqlfile, "insert");
    L->replace = db_prepare(L->db, k->sqlfile, "replace");
    L->first_line = db_prepare(L->db, k->sqlfile, "first_line");
    L->reject = db_prepare(L->db, "ingest/sql/source_file.sql", "reject");
    params_find(&L->ins, k, L->insert);
    params_find(&L->rep, k, L->replace);
    if (bulk_begin(L))
        return -1;
    L->pnr_col = L->pnr_field = -1;
    for (size_t c = 0; c < k->ncols; c++)
        if (k->cols[c].type == COL_PNR && L->map[c] >= 0) {
            L->pnr_col = (int)c;
            L->pnr_field = L->map[c];
        }
    if (L->pnr_field >= 0) {
        struct strbuf err = STRBUF_INIT;
        int created = 0;
        if (!L->o->key_file)
            sb_adds(&err, "ingen nyckelfil för pseudonymer är angiven");
        if (!L->o->key_file || pseudo_open(L->db, L->o->key_file, &L->pseudo, &created, &err)) {
            say(L->o, "%s:1: Personnummer: %s", L->path, err.buf);
            sb_free(&err);
            return -1;
        }
        sb_free(&err);
        if (created)
            say(L->o, "%s: skapade nyckeln för pseudonymer i \"%s\" (bara du kan läsa den); spara "
                "en kopia säkert, för utan den går nya personnummer inte att koppla till de gamla",
                L->path, L->o->key_file);
    }
    return 0;
}

/* Binds column c's value to statement st at parameter index i. */
static void bind_value(sqlite3_stmt *st, int i, const struct colspec *c, const struct value *v)
{
    if (!v->present) {
        sqlite3_bind_null(st, i);
        return;
    }
    switch (c->type) {
    case COL_TEXT:
    case COL_CODE:
        sqlite3_bind_text(st, i, v->text, -1, SQLITE_STATIC);
        break;
    case COL_DATE:
    case COL_MONTH:
        sqlite3_bind_text(st, i, v->date, -1, SQLITE_STATIC);
        break;
    case COL_PNR:
        sqlite3_bind_text(st, i, v->pnr, -1, SQLITE_STATIC);   /* the pseudonym by now */
        break;
    case COL_ROUND:
    case COL_YEAR:
    case COL_INT:
    case COL_YESNO:
        sqlite3_bind_int64(st, i, v->i);
        break;
    case COL_DEC:
        sqlite3_bind_double(st, i, v->d);
        break;
    }
}

/* The value of column c as shown in a message. */
static const char *value_text(const struct colspec *c, const struct value *v, char buf[32])
{
    switch (c->type) {
    case COL_TEXT:
    case COL_CODE:
        return v->text;
    case COL_DATE:
    case COL_MONTH:
        return v->date;
    case COL_PNR:
        return "";
    default:
        snprintf(buf, 32, "%lld", (long long)v->i);
        return buf;
    }
}

/* The line this file already loaded the key of v on, or 0 if it has not. */
static long first_line(struct load *L, const struct value *v)
{
    const struct kind *k = L->k;
    sqlite3_stmt *st = L->first_line;
    sqlite3_reset(st);
    for (size_t c = 0; c < k->ncols; c++)
        if (k->cols[c].flags & COLF_KEY)
            bind_value(st, sqlite3_bind_parameter_index(st, k->cols[c].param), &k->cols[c], &v[c]);
    db_bind_int(st, ":file_id", L->file_id);
    long first = db_step(st) == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    return first;
}

/* A repeated key within the file (values v), first on line first: name it and that line. */
static int reject_repeat(struct load *L, long line, long first, const struct value *v)
{
    const struct kind *k = L->k;
    struct strbuf msg = STRBUF_INIT;
    const char *first_col = NULL;
    for (size_t c = 0; c < k->ncols; c++) {
        if (!(k->cols[c].flags & COLF_KEY))
            continue;
        if (!first_col)
            first_col = k->cols[c].name;
        char num[32];
        sb_printf(&msg, "%s%s ", msg.len ? " och " : "", k->cols[c].name);
        quote_value(&msg, value_text(&k->cols[c], &v[c], num));
    }
    sb_printf(&msg, " finns redan på rad %ld i samma fil; upprepningen avvisas", first);
    int rc = reject_row(L, line, first_col, msg.buf);
    sb_free(&msg);
    return rc;
}

/* The number is not kept a moment longer than it takes to check it. */
static void wipe_pnr_field(const struct load *L, size_t n, char *const *fields)
{
    if (L->pnr_field >= 0 && (size_t)L->pnr_field < n)
        sodium_memzero(fields[L->pnr_field], strlen(fields[L->pnr_field]));
}

/* Binds the row's values v to st and runs it; returns SQLite's extended code. */
static int bind_step(struct load *L, sqlite3_stmt *st, const struct params *p, long line,
                     const struct value *v)
{
    const struct kind *k = L->k;
    for (size_t c = 0; c < k->ncols; c++) {
        bind_value(st, p->col[c], &k->cols[c], &v[c]);
        if (k->cols[c].type == COL_ROUND) {
            if (v[c].date[0])
                sqlite3_bind_text(st, p->round_month, v[c].date, -1, SQLITE_STATIC);
            else
                sqlite3_bind_null(st, p->round_month);
        }
    }
    sqlite3_bind_int64(st, p->file, L->file_id);
    sqlite3_bind_int64(st, p->line, line);
    int rc = db_step(st);
    if (rc != SQLITE_DONE)
        rc = sqlite3_extended_errcode(L->db);
    sqlite3_reset(st);      /* ready for the next row; changes() and the error stay */
    return rc;
}

/* The loader's part of one item: the row loaded, or its rejection recorded. */
static void load_item(struct load *L, const struct item *it, const struct value *v)
{
    if (it->reason) {
        if (reject_row(L, it->line, it->column, it->reason))
            L->fatal = 1;
        return;
    }
    long *counter = &L->r->rows_added;
    int rc = bind_step(L, L->insert, &L->ins, it->line, v);
    if (rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
        /*
         * The key is loaded: replace it if a value differs (the trigger of
         * migration 007 keeps the row replaced).  Nothing changed means a
         * repeat within this file, or the same row sent again.
         */
        rc = bind_step(L, L->replace, &L->rep, it->line, v);
        counter = &L->r->rows_replaced;
        if (rc == SQLITE_DONE && sqlite3_changes(L->db) == 0) {
            long first = first_line(L, v);
            if (first) {
                if (reject_repeat(L, it->line, first, v))
                    L->fatal = 1;
                return;
            }
            counter = &L->r->rows_unchanged;
        }
    }
    if (rc != SQLITE_DONE) {
        say(L->o, "%s:%ld: databasfel: %s", L->path, it->line, db_errmsg_sv(L->db));
        L->fatal = 1;
        return;
    }
    (*counter)++;
    L->r->rows_loaded++;
}

/* Loads a batch's items in order, then empties it; after a fatal error it only empties. */
static void load_batch(struct load *L, struct batch *b)
{
    for (size_t i = 0; i < b->n && !L->fatal; i++)
        load_item(L, &b->item[i], b->vals + i * L->k->ncols);
    b->n = 0;
    b->used = 0;
}

/* The loading thread: every batch the parser hands over, until it closes the queue. */
static void *loader_main(void *arg)
{
    struct load *L = arg;
    struct batch *b;
    while ((b = batchq_pop(L->full)) != NULL) {
        load_batch(L, b);
        batchq_push(L->empty, b);
    }
    return NULL;
}

/*
 * Starts the loading thread once the header is read.  Without a thread
 * (it cannot be made) batches are loaded here, one at a time: slower,
 * never different.
 */
static void pipeline_start(struct load *L)
{
    L->cur = &L->batches[0];
    L->full = batchq_new(NBATCHES);
    L->empty = batchq_new(NBATCHES);
    if (L->full && L->empty && pthread_create(&L->loader, NULL, loader_main, L) == 0) {
        L->threaded = 1;
        for (size_t b = 1; b < NBATCHES; b++)
            batchq_push(L->empty, &L->batches[b]);
    }
}

/* Hands the current batch to the loader and takes an empty one. */
static void pipeline_handoff(struct load *L)
{
    if (!L->threaded) {
        load_batch(L, L->cur);
        return;
    }
    batchq_push(L->full, L->cur);
    L->cur = batchq_pop(L->empty);
}

/* Hands over the last batch and waits until every row is loaded. */
static void pipeline_end(struct load *L)
{
    if (!L->cur)
        return;
    if (L->cur->n)
        pipeline_handoff(L);
    if (L->threaded) {
        batchq_close(L->full);
        pthread_join(L->loader, NULL);
        L->threaded = 0;
    }
    L->cur = NULL;
}

/* Copies s into the current batch's text; the caller made room. */
static const char *batch_copy(struct batch *b, const char *s, size_t n)
{
    char *d = b->text + b->used;
    memcpy(d, s, n);
    d[n] = '\0';
    b->used += n + 1;
    return d;
}

/*
 * Files the row just checked into vals as the current batch's next item:
 * its text values (and the reason, for a rejected row) are copied into the
 * batch, which is handed over first if they would not fit.
 */
static void batch_add(struct load *L, long line, const char *column, const char *reason)
{
    const struct kind *k = L->k;
    struct batch *b = L->cur;
    size_t need = reason ? strlen(reason) + 1 : 0;
    for (size_t c = 0; c < k->ncols && !reason; c++)
        if (k->cols[c].type == COL_TEXT && L->vals[c].present)
            need += strlen(L->vals[c].text) + 1;
    if (need > BATCH_TEXT - b->used && b->n) {
        /* Full: the row moves to the first slot of the next batch. */
        struct value *row = L->vals;
        pipeline_handoff(L);
        b = L->cur;
        memcpy(b->vals, row, k->ncols * sizeof *row);
        sodium_memzero(row, k->ncols * sizeof *row);
        L->vals = b->vals;
    }
    struct item *it = &b->item[b->n];
    it->line = line;
    it->column = column;
    it->reason = NULL;
    if (reason) {
        size_t n = strlen(reason);
        if (n >= BATCH_TEXT)     /* cannot happen: messages quote at most 40 bytes of a cell */
            n = BATCH_TEXT - 1;
        it->reason = batch_copy(b, reason, n);
    } else {
        for (size_t c = 0; c < k->ncols; c++)
            if (k->cols[c].type == COL_TEXT && L->vals[c].present)
                L->vals[c].text = batch_copy(b, L->vals[c].text, strlen(L->vals[c].text));
    }
    if (++b->n == BATCH_ROWS)
        pipeline_handoff(L);
}

/* The next row's values go to the current batch's next slot. */
static void next_slot(struct load *L)
{
    L->vals = L->cur->vals + L->cur->n * L->k->ncols;
}

static int on_record(void *ctx, long line, size_t n, char *const *fields, const size_t *lens)
{
    struct load *L = ctx;
    if (L->fatal)
        return 1;
    int blank = 1;
    for (size_t i = 0; i < n; i++) {
        cell_trim_in_place(fields[i], lens[i]);
        if (fields[i][0])
            blank = 0;
    }
    if (!L->k) {
        if (on_header(L, line, n, fields)) {
            L->fatal = 1;
            return 1;
        }
        pipeline_start(L);
        return 0;
    }
    if (blank)
        return 0;     /* a line of empty cells (Excel's ;;;;) holds no row */
    L->r->rows_read++;
    const struct kind *k = L->k;
    next_slot(L);
    if (n != L->nheader) {
        wipe_pnr_field(L, n, fields);
        struct strbuf m = STRBUF_INIT;
        sb_printf(&m, "raden har %zu fält men rubriken har %zu", n, L->nheader);
        batch_add(L, line, NULL, m.buf);
        sb_free(&m);
        return 0;
    }
    sb_reset(&L->err.msg);
    L->err.column = NULL;
    int bad = 0;
    for (size_t c = 0; c < k->ncols && !bad; c++) {
        const char *cell = L->map[c] >= 0 ? fields[L->map[c]] : NULL;
        if (cell_parse(&k->cols[c], cell, L->codes, &L->vals[c], &L->err))
            bad = 1;
        else if (!L->vals[c].present && (k->cols[c].flags & COLF_REQUIRED)) {
            L->err.column = k->cols[c].name;
            sb_adds(&L->err.msg, "värde saknas");
            bad = 1;
        }
    }
    wipe_pnr_field(L, n, fields);
    if (!bad && k->check && k->check(L->vals, &L->err))
        bad = 1;
    if (L->pnr_col >= 0 && L->vals[L->pnr_col].present) {
        /* Checked: the number becomes its pseudonym, and nothing else of it is kept. */
        struct value *v = &L->vals[L->pnr_col];
        char hex[PSEUDO_HEX];
        if (!bad)
            pseudo_make(L->pseudo, v->pnr, hex);
        sodium_memzero(v->pnr, sizeof v->pnr);
        if (!bad)
            memcpy(v->pnr, hex, sizeof hex);
    }
    if (bad)
        batch_add(L, line, L->err.column, L->err.msg.buf);
    else
        batch_add(L, line, NULL, NULL);
    return 0;
}

/* A record over CSVR_MAX_RECORD bytes, dropped by the reader: that row is rejected. */
static int on_overlong(void *ctx, long line)
{
    struct load *L = ctx;
    if (L->fatal)
        return 1;
    if (!L->k) {
        say(L->o, "%s:%ld: rubrikraden är längre än %u byte", L->path, line, CSVR_MAX_RECORD);
        L->fatal = 1;
        return 1;
    }
    L->r->rows_read++;
    next_slot(L);
    struct strbuf m = STRBUF_INIT;
    sb_printf(&m, "raden är längre än %u byte och läses inte in", CSVR_MAX_RECORD);
    batch_add(L, line, NULL, m.buf);
    sb_free(&m);
    return 0;
}

/* Frees what the header set up; safe to call twice. */
static void load_free(struct load *L)
{
    pipeline_end(L);
    batchq_free(L->full);
    batchq_free(L->empty);
    L->full = L->empty = NULL;
    sqlite3_finalize(L->insert);
    sqlite3_finalize(L->replace);
    sqlite3_finalize(L->first_line);
    sqlite3_finalize(L->reject);
    L->insert = L->replace = L->first_line = L->reject = NULL;
    free(L->map);
    free(L->ins.col);
    free(L->rep.col);
    L->ins.col = L->rep.col = NULL;
    for (size_t b = 0; b < NBATCHES; b++) {
        if (L->batches[b].vals && L->k)
            sodium_memzero(L->batches[b].vals, BATCH_ROWS * L->k->ncols * sizeof *L->batches[b].vals);
        free(L->batches[b].vals);
        free(L->batches[b].text);
        L->batches[b].vals = NULL;
        L->batches[b].text = NULL;
    }
    pseudo_free(L->pseudo);
    L->pseudo = NULL;
    L->map = NULL;
    L->vals = NULL;
    for (size_t i = 0; i < L->nbulk; i++)
        free(L->bulk_sql[i]);
    free(L->bulk_sql);
    L->bulk_sql = NULL;
    L->nbulk = 0;
}

/* Pass two, inside the transaction.  Returns 0 if the file may be committed. */
static int parse_file(struct load *L, FILE *f)
{
    struct csv_dialect d = { L->r->encoding, L->r->delim };
    struct csvr *rd = csvr_new(&d, on_record, L);
    unsigned char buf[CHUNK];
    if (rd)
        csvr_on_overlong(rd, on_overlong);
    size_t n;
    long long done = 0;
    enum csvr_status st = CSVR_OK;
    struct progress pr;
    if (!rd) {
        say(L->o, "%s: slut på minne", L->path);
        return -1;
    }
    progress_start(&pr, L->o->progress, L->path, L->scan->size);
    while (st == CSVR_OK && (n = fread(buf, 1, sizeof buf, f)) > 0) {
        st = csvr_feed(rd, buf, n);
        done += (long long)n;
        progress_update(&pr, done, L->r->rows_read);
    }
    int read_error = st == CSVR_OK && ferror(f);
    int read_errno = errno;
    if (st == CSVR_OK && !read_error && !L->fatal)
        st = csvr_finish(rd);
    long line = csvr_line(rd);
    csvr_free(rd);
    pipeline_end(L);          /* every row handed over is loaded or rejected: one thread from here */
    progress_end(&pr);
    if (read_error) {
        say(L->o, "%s: kan inte läsa filen: %s", L->path, errno_sv(read_errno));
        return -1;
    }
    switch (st) {
    case CSVR_OK:
    case CSVR_ESTOPPED:
        break;
    case CSVR_EQUOTE:
        say(L->o, "%s:%ld: trasig citering: ett citattecken (\") står fel eller saknar sin avslutning",
            L->path, line);
        return -1;
    case CSVR_ETOOLONG:
        say(L->o, "%s:%ld: raden är längre än %u byte med ett citattecken öppet; troligen saknas ett avslutande citattecken",
            L->path, line, CSVR_MAX_RECORD);
        return -1;
    case CSVR_ENOMEM:
        say(L->o, "%s: slut på minne", L->path);
        return -1;
    }
    if (L->fatal)
        return -1;
    if (!L->k) {
        say(L->o, "%s: filen saknar rubrikrad", L->path);
        return -1;
    }
    return 0;
}

/* True, said and marked in r, if a file of these bytes is already loaded. */
static int loaded_before(sqlite3 *db, const char *path, const struct ingest_opts *o,
                         const char *sha256, struct ingest_result *r)
{
    sqlite3_stmt *st = db_prepare(db, "ingest/sql/source_file.sql", "find_sha");
    db_bind_text(st, ":sha256", sha256);
    int found = db_step(st) == SQLITE_ROW;
    if (found) {
        say(o, "%s: samma innehåll som %s (%s), inläst %s; ingenting ändras", path,
            db_col_text(st, 0), db_col_text(st, 1), db_col_text(st, 2));
        r->already_loaded = 1;
        r->status = INGEST_OK;
    }
    sqlite3_finalize(st);
    return found;
}

int ingest_file(sqlite3 *db, const char *path, const struct ingest_opts *o,
                struct ingest_result *r)
{
    struct scan scan;
    struct load L;
    struct strbuf err = STRBUF_INIT;
    int fk_off = 0;
    memset(r, 0, sizeof *r);
    memset(&L, 0, sizeof L);
    r->status = INGEST_FAILED;

    FILE *f = fopen(path, "rb");
    struct stat sbuf;
    if (!f) {
        say(o, "%s: kan inte öppna: %s", path, errno_sv(errno));
        return r->status;
    }
    if (fstat(fileno(f), &sbuf) == 0 && S_ISDIR(sbuf.st_mode)) {
        say(o, "%s: kan inte öppna: %s", path, errno_sv(EISDIR));
        fclose(f);
        return r->status;
    }
    if (scan_file(f, path, o, &scan))
        goto done;

    if (loaded_before(db, path, o, scan.sha256, r))
        goto done;

    r->encoding = scan.is_utf8 ? (scan.bom ? CSV_UTF8_BOM : CSV_UTF8) : CSV_CP1252;
    r->delim = csv_sniff_delim(scan.head, scan.nhead);
    L.db = db;
    L.o = o;
    L.path = path;
    L.scan = &scan;
    L.r = r;
    sb_init(&L.err.msg);
    /*
     * The ingest keeps the references itself (bulk.sql says how), so SQLite
     * need not look each one up again; the switch only works outside a
     * transaction, and is turned back on at done.
     */
    if (db_exec(db, "ingest/sql/bulk.sql", "references_by_ingest", &err)) {
        say(o, "%s: %s", path, err.buf);
        goto done;
    }
    fk_off = 1;
    if (db_begin(db, &err)) {
        say(o, "%s: %s", path, err.buf);
        goto done;
    }
    /* Again inside the transaction: another run may have loaded the same bytes meanwhile. */
    if (loaded_before(db, path, o, scan.sha256, r)) {
        db_rollback(db);
        goto done;
    }
    L.codes = codes_load(db);       /* in the transaction: the lists the rows are checked against */
    if (!L.codes) {
        say(o, "%s: databasfel: %s", path, db_errmsg_sv(db));
        db_rollback(db);
        goto done;
    }
    rewind(f);
    int ok = parse_file(&L, f) == 0;
    if (ok && o->strict && r->rows_rejected) {
        say(o, "%s: --strict: %ld rader avvisades, så ingenting ur filen lästes in",
            path, r->rows_rejected);
        ok = 0;
    }
    if (ok)
        ok = bulk_end(&L) == 0;
    if (ok)
        ok = after_load(&L) == 0;
    if (ok) {
        sqlite3_stmt *st = db_prepare(db, "ingest/sql/source_file.sql", "counts");
        db_bind_int(st, ":rows_read", r->rows_read);
        db_bind_int(st, ":rows_loaded", r->rows_loaded);
        db_bind_int(st, ":rows_added", r->rows_added);
        db_bind_int(st, ":rows_replaced", r->rows_replaced);
        db_bind_int(st, ":rows_unchanged", r->rows_unchanged);
        db_bind_int(st, ":rows_rejected", r->rows_rejected);
        db_bind_int(st, ":file_id", L.file_id);
        ok = db_step(st) == SQLITE_DONE;
        sqlite3_finalize(st);
        load_free(&L);
        ok = ok && db_commit(db, &err) == 0;
        if (!ok)
            say(o, "%s: databasfel: %s", path, err.len ? err.buf : db_errmsg_sv(db));
    }
    if (!ok) {
        db_rollback(db);
        r->rows_loaded = r->rows_added = r->rows_replaced = r->rows_unchanged = 0;
        goto done;
    }
    r->status = r->rows_rejected ? INGEST_REJECTED : INGEST_OK;
done:
    if (L.shown > max_msgs(o))
        say(o, "%s: ytterligare %ld avvisade rader visas inte", path, L.shown - max_msgs(o));
    load_free(&L);
    sb_free(&L.err.msg);
    codes_free(L.codes);
    /* The file's outcome stands: only later writes of this run would go unchecked. */
    sb_reset(&err);
    if (fk_off && db_exec(db, "ingest/sql/bulk.sql", "references_by_sqlite", &err))
        say(o, "%s: %s", path, err.buf);
    sb_free(&err);
    fclose(f);
    return r->status;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* True if name ends in ".csv", any case. */
static int is_csv(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && strcasecmp(name + n - 4, ".csv") == 0;
}

/* Loads one file and says what came of it. */
static int ingest_one(sqlite3 *db, const char *path, const struct ingest_opts *o)
{
    struct ingest_result r;
    int rc = ingest_file(db, path, o, &r);
    if (r.already_loaded)
        return rc;
    if (rc == INGEST_FAILED)
        say(o, "%s: ingenting lästes in", path);
    else
        say(o, "%s: %s, %s, avgränsare %s: %ld rader lästa, %ld inlästa, %ld avvisade "
            "(%ld nya, %ld ersatte en tidigare rad, %ld oförändrade)",
            path, r.kind, csv_encoding_name(r.encoding), csv_delim_name(r.delim),
            r.rows_read, r.rows_loaded, r.rows_rejected, r.rows_added, r.rows_replaced,
            r.rows_unchanged);
    return rc;
}

int ingest_paths(sqlite3 *db, char *const *paths, int n, const struct ingest_opts *o)
{
    int worst = INGEST_OK;
    for (int i = 0; i < n; i++) {
        struct stat sb;
        if (stat(paths[i], &sb) != 0 || !S_ISDIR(sb.st_mode)) {
            int rc = ingest_one(db, paths[i], o);
            worst = rc > worst ? rc : worst;
            continue;
        }
        DIR *dir = opendir(paths[i]);
        if (!dir) {
            say(o, "%s: kan inte öppna mappen: %s", paths[i], errno_sv(errno));
            worst = INGEST_FAILED;
            continue;
        }
        char **names = NULL;
        size_t nn = 0, cap = 0;
        struct dirent *de;
        while ((de = readdir(dir)) != NULL) {
            if (de->d_name[0] == '.' || !is_csv(de->d_name))
                continue;
            if (nn == cap) {
                cap = cap ? 2 * cap : 16;
                names = xrealloc(names, cap * sizeof *names);
            }
            struct strbuf p = STRBUF_INIT;
            sb_printf(&p, "%s%s%s", paths[i],
                      paths[i][strlen(paths[i]) - 1] == '/' ? "" : "/", de->d_name);
            names[nn++] = sb_detach(&p);
        }
        closedir(dir);
        if (nn == 0)
            say(o, "%s: mappen innehåller inga .csv-filer", paths[i]);
        if (nn)      /* qsort of a null array is undefined, even of none */
            qsort(names, nn, sizeof *names, cmp_str);
        for (size_t j = 0; j < nn; j++) {
            int rc = ingest_one(db, names[j], o);
            worst = rc > worst ? rc : worst;
            free(names[j]);
        }
        free(names);
    }
    return worst;
}
