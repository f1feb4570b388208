/*
 * pseudonym.h: personnummer replaced by keyed pseudonyms (doc/exports.md
 * section 8).  A pseudonym is HMAC-SHA256 of the twelve-digit number under
 * a 32-byte secret key kept in a file outside the database (64 hex digits,
 * mode 0600).  The database stores only the pseudonyms and an identifier
 * of the key (an HMAC of a fixed text), so that a missing or different key
 * is refused instead of starting pseudonyms that cannot be linked to the
 * earlier ones.
 *
 *   struct pseudo *p;
 *   if (pseudo_open(db, "fotstat.db.key", &p, &created, &err)) ...
 *   char hex[PSEUDO_HEX];
 *   pseudo_make(p, "191212121212", hex);
 *   pseudo_free(p);
 */
#ifndef FOTSTAT_PSEUDONYM_H
#define FOTSTAT_PSEUDONYM_H

#include <sqlite3.h>

#include "common/strbuf.h"

#define PSEUDO_HEX 65   /* a pseudonym in hex, with its NUL */

struct pseudo;

/*
 * Reads the key at key_path, or creates it (random, mode 0600) when it
 * does not exist and the database holds no pseudonyms yet, and checks it
 * against the key identifier in the database, recording it there on first
 * use (inside the caller's transaction).  *created tells whether the key
 * file was made now.  Returns 0, or -1 with a Swedish message in err.
 */
int pseudo_open(sqlite3 *db, const char *key_path, struct pseudo **out, int *created,
                struct strbuf *err);

/* Writes the pseudonym of canon (twelve digits) as 64 hex digits to hex. */
void pseudo_make(const struct pseudo *p, const char *canon, char hex[PSEUDO_HEX]);

/* Wipes the key from memory and frees it; accepts NULL. */
void pseudo_free(struct pseudo *p);

#endif
