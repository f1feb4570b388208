/*
 * kinds.h: the five export kinds of doc/exports.md as data: their columns, the
 * type and rules of each, their keys, and the cross-field rules.
 *
 * The ingest (ingest.c) is generic: it recognises a kind from the header,
 * checks each cell against its colspec, then the kind's row rule, and
 * binds the values to the statements in the kind's .sql file.
 */
#ifndef FOTSTAT_KINDS_H
#define FOTSTAT_KINDS_H

#include <stddef.h>
#include <stdint.h>

#include "common/strbuf.h"
#include "ingest/codes.h"

struct sqlite3;

enum coltype {
    COL_TEXT,    /* free text, trimmed */
    COL_DATE,    /* date, stored 'YYYY-MM-DD' */
    COL_MONTH,   /* 'YYYY-MM' */
    COL_ROUND,   /* survey round: year or month; binds :omgang and :omgang_manad */
    COL_YEAR,    /* integer year 1900..2199 */
    COL_INT,     /* integer within [min, max] */
    COL_DEC,     /* decimal within (min, max) or [min, max] by flags */
    COL_YESNO,   /* Ja/Nej, stored 1/0 */
    COL_CODE,    /* one label of code list `list` */
    COL_PNR,     /* personnummer: checked, then bound as its pseudonym (pseudonym.h) */
};

enum {
    COLF_REQUIRED = 1,   /* an empty cell rejects the row */
    COLF_KEY      = 2,   /* part of the kind's key */
    COLF_MIN      = 4,   /* min applies */
    COLF_MAX      = 8,   /* max applies */
    COLF_MIN_EXCL = 16,  /* min is exclusive (yta > 0) */
    COLF_MAX_EXCL = 32,  /* max is exclusive (yta < 300) */
};

struct colspec {
    const char *name;    /* header name as in doc/exports.md, e.g. "Ärendenummer" */
    const char *param;   /* SQL parameter it binds, e.g. ":arendenummer" */
    enum coltype type;
    unsigned flags;      /* COLF_* */
    const char *list;    /* COL_CODE: the code list (see reference.sql) */
    double min, max;     /* bounds where the flags say so */
};

/* A parsed cell.  Text points into the row's storage or into the code lists. */
#define PNR_BUF 65       /* a Personnummer's buffer: its pseudonym in hex, with the NUL */

struct value {
    int present;         /* 0: the cell was empty or the column absent */
    unsigned len;        /* bytes of the text SQLite is given (text, label, date, month, the
                            pseudonym), so that neither thread measures it again */
    const char *text;    /* COL_TEXT, COL_CODE: the trimmed text or canonical label */
    char date[11];       /* COL_DATE: 'YYYY-MM-DD'; COL_MONTH/COL_ROUND: 'YYYY-MM' or "" */
    int64_t i;           /* COL_INT, COL_YEAR, COL_YESNO, COL_ROUND (year) */
    double d;            /* COL_DEC */
    char *pnr;           /* COL_PNR: PNR_BUF bytes the caller gives (a row's own buffer, so that
                            a value of the other columns is 56 bytes, not 120): the twelve-digit
                            number, then its pseudonym; wiped after use */
};

/* Where a row broke a rule: the column (NULL for the whole row) and why, in Swedish. */
struct rowerr {
    const char *column;
    struct strbuf msg;
};

struct kind {
    const char *name;             /* 'bf-formedlingar', as in ref_kind */
    const char *table;            /* fact table, for status */
    const struct colspec *cols;   /* the columns, required first */
    size_t ncols;
    const char *sqlfile;          /* holds statements 'insert', 'replace' and 'first_line' */
    /* Cross-field rules over v[] (indexed like cols); returns 0 or -1 with err. */
    int (*check)(const struct value *v, struct rowerr *err);
    /* Run once the rows are in and the indexes built, in the file's
     * transaction (or NULL): 0, or -1 with the reason in err. */
    int (*after)(struct sqlite3 *db, int64_t file_id, struct strbuf *err);
};

extern const struct kind *const kinds[];
extern const size_t nkinds;

/*
 * Parses one cell for column c into *v.  Returns 0, or -1 with the reason
 * in err (err->column set to c->name).  An empty cell is present = 0;
 * whether that is allowed is the caller's (COLF_REQUIRED) concern.
 */
int cell_parse(const struct colspec *c, const char *cell, struct codes *codes,
               struct value *v, struct rowerr *err);

/* The value shown in a message: at most 40 bytes, cut on a character boundary. */
void quote_value(struct strbuf *sb, const char *cell);

#endif
