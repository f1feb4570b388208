/*
 * unit_sha256.c: SHA-256 and HMAC against FIPS 180-2 / RFC 4231 vectors and
 * libsodium, in both the CPU's and the portable implementation.
 */
#include "common/sha256.h"
#include "tests/unit.h"

#include <sodium.h>
#include <stdlib.h>

static void hex(const unsigned char *b, size_t n, char *out)
{
    for (size_t i = 0; i < n; i++)
        sprintf(out + 2 * i, "%02x", b[i]);
}

static void digest_hex(const void *msg, size_t n, size_t step, char out[65])
{
    struct sha256 s;
    unsigned char d[SHA256_BYTES];
    sha256_init(&s);
    for (size_t i = 0; i < n; i += step)
        sha256_update(&s, (const char *)msg + i, n - i < step ? n - i : step);
    sha256_final(&s, d);
    hex(d, sizeof d, out);
}

/* The same checks run twice: with SHA-NI where the CPU has it, then portable. */
static void vectors(void)
{
    char got[65];
    digest_hex("", 0, 1, got);
    CHECK_STR(got, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    digest_hex("abc", 3, 3, got);
    CHECK_STR(got, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    digest_hex(two, strlen(two), 7, got);
    CHECK_STR(got, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    char *million = malloc(1000000);
    memset(million, 'a', 1000000);
    digest_hex(million, 1000000, 4096, got);
    CHECK_STR(got, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    /* Every length around the block and padding edges, every way of feeding it, against libsodium. */
    for (size_t n = 0; n < 300; n++) {
        for (size_t i = 0; i < n; i++)
            million[i] = (char)(i * 31 + n);
        unsigned char want[SHA256_BYTES];
        char wanthex[65];
        crypto_hash_sha256(want, (const unsigned char *)million, n);
        hex(want, sizeof want, wanthex);
        for (size_t step = 1; step <= 129; step += 64) {
            digest_hex(million, n, step, got);
            if (strcmp(got, wanthex) != 0) {
                unit_fail(__FILE__, __LINE__, "length %zu step %zu: %s, want %s", n, step, got, wanthex);
                break;
            }
        }
    }
    free(million);

    /* RFC 4231 test case 2, and a 32-byte key as the pseudonyms use, against libsodium. */
    struct hmac_sha256_key k;
    unsigned char mac[SHA256_BYTES];
    hmac_sha256_key(&k, (const unsigned char *)"Jefe", 4);
    hmac_sha256(&k, "what do ya want for nothing?", 28, mac);
    hex(mac, sizeof mac, got);
    CHECK_STR(got, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    unsigned char key[32], want[32];
    for (int i = 0; i < 32; i++)
        key[i] = (unsigned char)(i * 7 + 1);
    hmac_sha256_key(&k, key, sizeof key);
    for (size_t n = 0; n < 140; n += 13) {
        char msg[140];
        for (size_t i = 0; i < n; i++)
            msg[i] = (char)('0' + i % 10);
        hmac_sha256(&k, msg, n, mac);
        crypto_auth_hmacsha256(want, (const unsigned char *)msg, n, key);
        CHECK(memcmp(mac, want, sizeof mac) == 0);
    }
}

TEST(sha256_cpu)
{
    sha256_force_portable(0);
    vectors();
}

TEST(sha256_portable)
{
    sha256_force_portable(1);
    CHECK_STR(sha256_impl(), "portabel");
    vectors();
    sha256_force_portable(0);
}

const struct test sha256_tests[] = {
    TEST_ENTRY(sha256_cpu),
    TEST_ENTRY(sha256_portable),
    TEST_END,
};
