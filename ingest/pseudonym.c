/*
 * pseudonym.c: the key file and HMAC-SHA256 pseudonyms (pseudonym.h).
 */
#include "ingest/pseudonym.h"
#include "common/db.h"
#include "common/sha256.h"
#include "common/util.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define KEY_BYTES crypto_auth_hmacsha256_KEYBYTES
#define SQL "ingest/sql/pseudonym.sql"

struct pseudo {
    unsigned char key[KEY_BYTES];
    struct hmac_sha256_key hk;   /* the key's HMAC states, made once: two compressions a number */
};

/* What the identifier is the HMAC of: names the key without revealing it. */
static const char key_id_text[] = "fotstat: pseudonymnyckelns id";

_Static_assert(PSEUDO_HEX == 2 * SHA256_BYTES + 1, "a pseudonym is a digest in hex");

/* HMAC-SHA256 of msg under the key, as lower-case hex. */
static void hmac_hex(const struct hmac_sha256_key *k, const void *msg, size_t len,
                     char hex[PSEUDO_HEX])
{
    unsigned char mac[SHA256_BYTES];
    hmac_sha256(k, msg, len, mac);
    sha256_hex(mac, hex);    /* the pseudonym itself, stored as it is: no secret to time */
    sodium_memzero(mac, sizeof mac);
}

/* Reads the key file: 64 hex digits, blanks around them allowed.  0, -1 (err), or 1 if missing. */
static int read_key(const char *path, unsigned char key[KEY_BYTES], struct strbuf *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT)
            return 1;
        sb_printf(err, "kan inte läsa nyckelfilen \"%s\": %s", path, errno_sv(errno));
        return -1;
    }
    char buf[256];
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n < 0) {
        sb_printf(err, "kan inte läsa nyckelfilen \"%s\": %s", path, errno_sv(errno));
        return -1;
    }
    buf[n] = '\0';
    size_t len = 0;
    int rc = sodium_hex2bin(key, KEY_BYTES, buf, (size_t)n, " \t\r\n", &len, NULL);
    sodium_memzero(buf, sizeof buf);
    if (rc != 0 || len != KEY_BYTES) {
        sb_printf(err, "nyckelfilen \"%s\" är trasig: den ska innehålla 64 hexadecimala siffror", path);
        return -1;
    }
    return 0;
}

/* Makes a new random key in a file only the user can read. */
static int create_key(const char *path, unsigned char key[KEY_BYTES], struct strbuf *err)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        sb_printf(err, "kan inte skapa nyckelfilen \"%s\": %s", path, errno_sv(errno));
        return -1;
    }
    char hex[2 * KEY_BYTES + 2];
    randombytes_buf(key, KEY_BYTES);
    sodium_bin2hex(hex, sizeof hex - 1, key, KEY_BYTES);
    strcat(hex, "\n");
    int ok = fchmod(fd, 0600) == 0 && write(fd, hex, strlen(hex)) == (ssize_t)strlen(hex) &&
             fsync(fd) == 0;
    int saved = errno;
    sodium_memzero(hex, sizeof hex);
    if (close(fd) != 0 || !ok) {
        sb_printf(err, "kan inte skriva nyckelfilen \"%s\": %s", path, errno_sv(ok ? errno : saved));
        unlink(path);
        return -1;
    }
    return 0;
}

int pseudo_open(sqlite3 *db, const char *key_path, struct pseudo **out, int *created,
                struct strbuf *err)
{
    *out = NULL;
    *created = 0;
    char stored[PSEUDO_HEX] = "", id[PSEUDO_HEX];
    sqlite3_stmt *st = db_prepare(db, SQL, "key_id");
    if (db_step(st) == SQLITE_ROW)
        snprintf(stored, sizeof stored, "%s", db_col_text(st, 0));
    sqlite3_finalize(st);
    struct pseudo *p = xmalloc(sizeof *p);
    int rc = read_key(key_path, p->key, err);
    if (rc == 1 && stored[0]) {
        sb_printf(err, "databasen innehåller pseudonymer, men nyckeln de gjordes med saknas (\"%s\"); "
                  "lägg tillbaka nyckelfilen eller ange den med FOTSTAT_KEY_FILE. En ny nyckel skulle "
                  "ge pseudonymer som inte går att koppla till de gamla, så ingen skapas", key_path);
        rc = -1;
    } else if (rc == 1) {
        rc = create_key(key_path, p->key, err);
        *created = rc == 0;
    }
    if (rc == 0) {
        hmac_sha256_key(&p->hk, p->key, KEY_BYTES);
        hmac_hex(&p->hk, key_id_text, sizeof key_id_text - 1, id);
        if (stored[0] && strcmp(stored, id) != 0) {
            sb_printf(err, "nyckelfilen \"%s\" är inte den nyckel databasens pseudonymer gjordes med; "
                      "använd den rätta nyckelfilen (FOTSTAT_KEY_FILE)", key_path);
            rc = -1;
        } else if (!stored[0]) {
            st = db_prepare(db, SQL, "set_key_id");
            db_bind_text(st, ":key_id", id);
            if (db_step(st) != SQLITE_DONE) {
                sb_printf(err, "databasfel: %s", db_errmsg_sv(db));
                rc = -1;
            }
            sqlite3_finalize(st);
        }
    }
    if (rc) {
        pseudo_free(p);
        return -1;
    }
    *out = p;
    return 0;
}

void pseudo_make(const struct pseudo *p, const char *canon, char hex[PSEUDO_HEX])
{
    hmac_hex(&p->hk, canon, strlen(canon), hex);
}

void pseudo_free(struct pseudo *p)
{
    if (!p)
        return;
    sodium_memzero(p, sizeof *p);
    free(p);
}
