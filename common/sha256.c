/*
 * sha256.c: SHA-256 (FIPS 180-4) and HMAC (RFC 2104), portable and SHA-NI (sha256.h).
 */
#include "common/sha256.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#if defined(__x86_64__) && defined(__GNUC__)
#include <cpuid.h>
#include <immintrin.h>
#define HAVE_SHANI_CODE 1
#endif

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static const uint32_t IV[8] = {
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};

static uint32_t ror(uint32_t x, int n)
{
    return (x >> n) | (x << (32 - n));
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Compresses n 64-byte blocks into h, in portable C. */
static void blocks_portable(uint32_t h[8], const unsigned char *p, size_t n)
{
    for (; n--; p += 64) {
        uint32_t w[64], a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6],
                 hh = h[7];
        for (int i = 0; i < 16; i++)
            w[i] = be32(p + 4 * i);
        for (int i = 16; i < 64; i++) {
            uint32_t s0 = ror(w[i - 15], 7) ^ ror(w[i - 15], 18) ^ (w[i - 15] >> 3);
            uint32_t s1 = ror(w[i - 2], 17) ^ ror(w[i - 2], 19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }
        for (int i = 0; i < 64; i++) {
            uint32_t t1 = hh + (ror(e, 6) ^ ror(e, 11) ^ ror(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
            uint32_t t2 = (ror(a, 2) ^ ror(a, 13) ^ ror(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
            hh = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + t2;
        }
        h[0] += a;
        h[1] += b;
        h[2] += c;
        h[3] += d;
        h[4] += e;
        h[5] += f;
        h[6] += g;
        h[7] += hh;
    }
}

#ifdef HAVE_SHANI_CODE
/*
 * The same with SHA-NI.  The instructions keep the state as two vectors,
 * ABEF and CDGH; each sha256rnds2 does two rounds, and sha256msg1/msg2
 * extend the message schedule four words at a time.
 */
__attribute__((target("sha,sse4.1,ssse3")))
static void blocks_shani(uint32_t h[8], const unsigned char *p, size_t n)
{
    const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
    __m128i t = _mm_loadu_si128((const __m128i *)&h[0]);      /* A B C D */
    __m128i s1 = _mm_loadu_si128((const __m128i *)&h[4]);     /* E F G H */
    t = _mm_shuffle_epi32(t, 0xB1);                           /* B A D C */
    s1 = _mm_shuffle_epi32(s1, 0x1B);                         /* H G F E */
    __m128i s0 = _mm_alignr_epi8(t, s1, 8);                   /* ABEF */
    s1 = _mm_blend_epi16(s1, t, 0xF0);                        /* CDGH */
    for (; n--; p += 64) {
        __m128i save0 = s0, save1 = s1, w[16];
        for (int i = 0; i < 4; i++)
            w[i] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 16 * i)), bswap);
        for (int i = 4; i < 16; i++)
            w[i] = _mm_sha256msg2_epu32(
                _mm_add_epi32(_mm_sha256msg1_epu32(w[i - 4], w[i - 3]),
                              _mm_alignr_epi8(w[i - 1], w[i - 2], 4)),
                w[i - 1]);
        for (int i = 0; i < 16; i++) {
            __m128i m = _mm_add_epi32(w[i], _mm_loadu_si128((const __m128i *)&K[4 * i]));
            s1 = _mm_sha256rnds2_epu32(s1, s0, m);
            s0 = _mm_sha256rnds2_epu32(s0, s1, _mm_shuffle_epi32(m, 0x0E));
        }
        s0 = _mm_add_epi32(s0, save0);
        s1 = _mm_add_epi32(s1, save1);
    }
    t = _mm_shuffle_epi32(s0, 0x1B);                          /* F E B A */
    s1 = _mm_shuffle_epi32(s1, 0xB1);                         /* D C H G */
    s0 = _mm_blend_epi16(t, s1, 0xF0);                        /* D C B A */
    s1 = _mm_alignr_epi8(s1, t, 8);                           /* H G F E */
    _mm_storeu_si128((__m128i *)&h[0], s0);
    _mm_storeu_si128((__m128i *)&h[4], s1);
}

static int cpu_has_shani(void)
{
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_SSE4_1) || !(c & bit_SSSE3))
        return 0;
    return __get_cpuid_count(7, 0, &a, &b, &c, &d) && (b & (1u << 29));
}
#endif

typedef void blocks_fn(uint32_t h[8], const unsigned char *p, size_t n);
static blocks_fn *blocks;

static void choose(void)
{
    blocks = blocks_portable;
#ifdef HAVE_SHANI_CODE
    if (cpu_has_shani())
        blocks = blocks_shani;
#endif
}

#ifdef TESTING
void sha256_force_portable(int on)
{
    choose();
    if (on)
        blocks = blocks_portable;
}
#endif

const char *sha256_impl(void)
{
    if (!blocks)
        choose();
    return blocks == blocks_portable ? "portabel" : "SHA-NI";
}

void sha256_init(struct sha256 *s)
{
    if (!blocks)
        choose();
    memcpy(s->h, IV, sizeof IV);
    s->bytes = 0;
    s->nbuf = 0;
}

void sha256_update(struct sha256 *s, const void *data, size_t n)
{
    const unsigned char *p = data;
    s->bytes += n;
    if (s->nbuf) {
        size_t k = 64 - s->nbuf < n ? 64 - s->nbuf : n;
        memcpy(s->buf + s->nbuf, p, k);
        s->nbuf += k;
        p += k;
        n -= k;
        if (s->nbuf < 64)
            return;
        blocks(s->h, s->buf, 1);
        s->nbuf = 0;
    }
    if (n >= 64) {
        blocks(s->h, p, n / 64);
        p += n / 64 * 64;
        n %= 64;
    }
    memcpy(s->buf, p, n);
    s->nbuf = n;
}

void sha256_final(struct sha256 *s, unsigned char out[SHA256_BYTES])
{
    uint64_t bits = s->bytes * 8;
    unsigned char pad[72] = { 0x80 };
    size_t npad = (s->nbuf < 56 ? 56 : 120) - s->nbuf;
    for (int i = 0; i < 8; i++)
        pad[npad + (size_t)i] = (unsigned char)(bits >> (56 - 8 * i));
    sha256_update(s, pad, npad + 8);
    for (int i = 0; i < 8; i++) {
        out[4 * i] = (unsigned char)(s->h[i] >> 24);
        out[4 * i + 1] = (unsigned char)(s->h[i] >> 16);
        out[4 * i + 2] = (unsigned char)(s->h[i] >> 8);
        out[4 * i + 3] = (unsigned char)s->h[i];
    }
    memset(s, 0, sizeof *s);
}

int sha256_file(const char *path, char hex[2 * SHA256_BYTES + 1], long long *size)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    struct sha256 s;
    unsigned char buf[1 << 16], digest[SHA256_BYTES];
    size_t n;
    *size = 0;
    sha256_init(&s);
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        sha256_update(&s, buf, n);
        *size += (long long)n;
    }
    int bad = ferror(f);
    int e = errno;
    fclose(f);
    if (bad) {
        errno = e;
        return -1;
    }
    sha256_final(&s, digest);
    sha256_hex(digest, hex);
    return 0;
}

void sha256_hex(const unsigned char digest[SHA256_BYTES], char hex[2 * SHA256_BYTES + 1])
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < SHA256_BYTES; i++) {
        hex[2 * i] = digits[digest[i] >> 4];
        hex[2 * i + 1] = digits[digest[i] & 15];
    }
    hex[2 * SHA256_BYTES] = '\0';
}

void hmac_sha256_key(struct hmac_sha256_key *k, const unsigned char *key, size_t len)
{
    unsigned char block[64] = { 0 }, pad[64];
    struct sha256 s;
    if (len > 64) {
        sha256_init(&s);
        sha256_update(&s, key, len);
        sha256_final(&s, block);
    } else {
        memcpy(block, key, len);
    }
    if (!blocks)
        choose();
    for (int i = 0; i < 64; i++)
        pad[i] = block[i] ^ 0x36;
    memcpy(k->inner, IV, sizeof IV);
    blocks(k->inner, pad, 1);
    for (int i = 0; i < 64; i++)
        pad[i] = block[i] ^ 0x5c;
    memcpy(k->outer, IV, sizeof IV);
    blocks(k->outer, pad, 1);
    memset(block, 0, sizeof block);
    memset(pad, 0, sizeof pad);
}

void hmac_sha256(const struct hmac_sha256_key *k, const void *msg, size_t len,
                 unsigned char out[SHA256_BYTES])
{
    struct sha256 s;
    unsigned char inner[SHA256_BYTES];
    memcpy(s.h, k->inner, sizeof s.h);
    s.bytes = 64;
    s.nbuf = 0;
    sha256_update(&s, msg, len);
    sha256_final(&s, inner);
    memcpy(s.h, k->outer, sizeof s.h);
    s.bytes = 64;
    s.nbuf = 0;
    sha256_update(&s, inner, sizeof inner);
    sha256_final(&s, out);
    memset(inner, 0, sizeof inner);
}
