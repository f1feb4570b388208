/*
 * csvread.h: a streaming CSV reader over libcsv that knows physical lines.
 *
 * libcsv gives fields and records but no positions.  This reader feeds it
 * one physical line at a time and follows the quoting itself, so each
 * record is delivered with the physical line it starts on; a quoted field
 * that spans lines moves every later record down by its extra lines.
 * Input arrives in chunks of any size (the tests feed every size from 1
 * byte up); memory holds one record, never the file.
 *
 *   struct csvr *r = csvr_new(&dialect, on_record, ctx);
 *   while ((n = fread(buf, 1, sizeof buf, f)) > 0)
 *       if (csvr_feed(r, buf, n)) break;
 *   st = csvr_finish(r);   CSVR_OK, or what went wrong, as csvr_feed
 *   csvr_free(r);
 *
 * Encoding: Windows-1252 input is converted to UTF-8 before parsing; a
 * UTF-8 BOM is dropped.  Strict quoting: a stray or unterminated quote is
 * an error of the file (CSVR_EQUOTE), never silently repaired.
 */
#ifndef FOTSTAT_CSVREAD_H
#define FOTSTAT_CSVREAD_H

#include <stddef.h>

enum csv_encoding { CSV_UTF8, CSV_UTF8_BOM, CSV_CP1252 };

struct csv_dialect {
    enum csv_encoding encoding;
    char delim;                 /* ';', ',' or '\t' */
};

enum csvr_status {
    CSVR_OK = 0,
    CSVR_EQUOTE,        /* broken quoting at csvr_line() */
    CSVR_ETOOLONG,      /* a record over CSVR_MAX_RECORD bytes, or one with a quote open there */
    CSVR_ENOMEM,
    CSVR_ESTOPPED,      /* the record callback asked to stop */
};

/* The largest record accepted, in bytes of UTF-8: protects memory from a runaway quote. */
#define CSVR_MAX_RECORD (1u << 20)

/*
 * Called once per record.  fields[i] is NUL-terminated UTF-8 of length
 * lens[i]; both arrays and the strings are valid only during the call.
 * line is the physical line (from 1) the record starts on.  Return 0 to go
 * on, non-zero to stop the reader (csvr_feed then returns CSVR_ESTOPPED).
 */
typedef int (*csvr_record_fn)(void *ctx, long line, size_t nfields,
                              char *const *fields, const size_t *lens);

/*
 * Called for a record longer than CSVR_MAX_RECORD whose end is certain (no
 * quote was open where it passed the limit): its bytes were dropped, and
 * line is the physical line it starts on.  Return 0 to go on.
 */
typedef int (*csvr_overlong_fn)(void *ctx, long line);

struct csvr;

/* Returns a new reader; the caller frees it with csvr_free. */
struct csvr *csvr_new(const struct csv_dialect *d, csvr_record_fn fn, void *ctx);
/*
 * Over-long records with a certain end are dropped and reported to fn
 * instead of stopping the reader.  Without it, any over-long record is
 * CSVR_ETOOLONG.
 */
void csvr_on_overlong(struct csvr *r, csvr_overlong_fn fn);
/* Parses n more bytes.  Returns CSVR_OK or the (sticky) error. */
enum csvr_status csvr_feed(struct csvr *r, const void *buf, size_t n);
/* Ends the input: delivers a last record without a final newline. */
enum csvr_status csvr_finish(struct csvr *r);
/* The physical line being read: after an error, the line it was found on. */
long csvr_line(const struct csvr *r);
void csvr_free(struct csvr *r);

/*
 * Guesses the delimiter from the first physical line of head[0..n): the
 * most frequent of ';', TAB and ',' outside quotes (';' wins ties, as the
 * Swedish Excel default).  head may start with a BOM.
 */
char csv_sniff_delim(const unsigned char *head, size_t n);

/* The Swedish names used in messages and in source_file. */
const char *csv_encoding_name(enum csv_encoding e);
const char *csv_delim_name(char delim);

#endif
