/*
 * sha256.h: SHA-256 and HMAC-SHA256, with the CPU's SHA extensions when it
 * has them.
 *
 * The ingest hashes every file it reads (equal bytes load once) and makes
 * a keyed pseudonym of every personnummer.  libsodium's SHA-256 is portable
 * C at about 500 MB/s; x86's SHA-NI instructions do the same work several
 * times faster, so this module uses them when the CPU reports them (CPUID)
 * and a portable implementation otherwise.  Both give the same digests
 * (tests/unit_sha256.c checks them against each other, libsodium and the
 * FIPS 180-2 vectors).
 *
 *   struct sha256 h;
 *   sha256_init(&h);
 *   sha256_update(&h, buf, n);        any number of times
 *   sha256_final(&h, digest);         32 bytes
 *
 *   struct hmac_sha256_key k;          the key's padded blocks, hashed once
 *   hmac_sha256_key(&k, key, 32);
 *   hmac_sha256(&k, msg, len, mac);    then two compressions per short message
 */
#ifndef FOTSTAT_SHA256_H
#define FOTSTAT_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_BYTES 32

struct sha256 {
    uint32_t h[8];
    uint64_t bytes;            /* message length so far */
    unsigned char buf[64];     /* a partial block */
    size_t nbuf;
};

void sha256_init(struct sha256 *s);
void sha256_update(struct sha256 *s, const void *data, size_t n);
void sha256_final(struct sha256 *s, unsigned char out[SHA256_BYTES]);

/*
 * A digest as 64 lower-case hex digits and NUL, a nibble at a time (the
 * digests are stored as they are: there is no secret to time, so not
 * libsodium's constant-time bin2hex, a seventh of a pseudonym's cost).
 */
void sha256_hex(const unsigned char digest[SHA256_BYTES], char hex[2 * SHA256_BYTES + 1]);

/*
 * The SHA-256 of the file at path as 64 hex digits and NUL in hex, its size
 * in *size.  Returns 0, or -1 with errno set when it cannot be read.
 */
int sha256_file(const char *path, char hex[2 * SHA256_BYTES + 1], long long *size);

/* The inner and outer states after the key's block: the key itself is not kept. */
struct hmac_sha256_key {
    uint32_t inner[8], outer[8];
};

void hmac_sha256_key(struct hmac_sha256_key *k, const unsigned char *key, size_t len);
void hmac_sha256(const struct hmac_sha256_key *k, const void *msg, size_t len,
                 unsigned char out[SHA256_BYTES]);

/* "SHA-NI" or "portabel": what this CPU uses, for --version and the benchmark. */
const char *sha256_impl(void);

#ifdef TESTING
/* Forces the portable code (1) or the CPU's (0, where it has it). */
void sha256_force_portable(int on);
#endif

#endif
