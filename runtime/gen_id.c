/* gen_id.c - the client-side id defaults Prisma's client fills in (uuid(), uuid(7),
 * cuid(), cuid(2), nanoid(n), ulid()), so a row created through shale looks like one
 * created through Prisma. Randomness comes from OpenSSL's RAND_bytes; the state that
 * makes uuid v7 and ulid monotonic and cuid's counter lives in the client.
 */
#include "runtime/runtime_int.h"

#include <openssl/evp.h>
#include <openssl/rand.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int rnd(void *p, size_t n) { return RAND_bytes(p, (int)n) == 1 ? 0 : SHALE_ENOMEM; }

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void put_uuid(shale_buf *out, const uint8_t b[16])
{
    static const char hex[] = "0123456789abcdef";
    char s[36];
    size_t k = 0;
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10) s[k++] = '-';
        s[k++] = hex[b[i] >> 4];
        s[k++] = hex[b[i] & 15];
    }
    shale_buf_put(out, s, sizeof s);
}

static int uuid4(shale_buf *out)
{
    uint8_t b[16];
    if (rnd(b, sizeof b) < 0) return SHALE_ENOMEM;
    b[6] = (uint8_t)((b[6] & 0x0f) | 0x40);
    b[8] = (uint8_t)((b[8] & 0x3f) | 0x80);
    put_uuid(out, b);
    return 0;
}

/* RFC 9562 section 6.2 method 1: 12-bit counter in rand_a, seeded randomly with its top
 * bit clear each new millisecond; on overflow the timestamp moves ahead by one. */
static int uuid7(shale_gen_state *st, shale_buf *out)
{
    uint8_t b[16];
    if (rnd(b, sizeof b) < 0) return SHALE_ENOMEM;
    int64_t ms = now_ms();
    if (ms > st->uuid7_ms) {
        st->uuid7_ms = ms;
        st->uuid7_seq = ((unsigned)b[6] << 8 | b[7]) & 0x7ff;
    } else if (++st->uuid7_seq > 0xfff) {
        st->uuid7_ms++;
        st->uuid7_seq = ((unsigned)b[6] << 8 | b[7]) & 0x7ff;
    }
    uint64_t t = (uint64_t)st->uuid7_ms;
    for (int i = 0; i < 6; i++) b[i] = (uint8_t)(t >> (40 - 8 * i));
    b[6] = (uint8_t)(0x70 | (st->uuid7_seq >> 8));
    b[7] = (uint8_t)(st->uuid7_seq & 0xff);
    b[8] = (uint8_t)((b[8] & 0x3f) | 0x80);
    put_uuid(out, b);
    return 0;
}

static const char b36[] = "0123456789abcdefghijklmnopqrstuvwxyz";

/* v, in base 36, left-padded with '0' (or cut to its last `width` digits). */
static void put_b36(shale_buf *out, uint64_t v, int width)
{
    char s[16];
    for (int i = width - 1; i >= 0; i--) {
        s[i] = b36[v % 36];
        v /= 36;
    }
    shale_buf_put(out, s, (size_t)width);
}

static int seed(shale_gen_state *st)
{
    if (st->seeded) return 0;
    uint8_t r[4];
    if (rnd(r, sizeof r) < 0) return SHALE_ENOMEM;
    st->cuid_count = ((unsigned)r[0] << 16 | (unsigned)r[1] << 8 | r[2]) % 1679616; /* 36^4 */
    /* cuid v1's fingerprint: two digits from the pid, two from the host name. */
    char host[256] = "";
    gethostname(host, sizeof host - 1);
    unsigned hsum = (unsigned)strlen(host) + 36;
    for (const char *h = host; *h; h++) hsum += (unsigned char)*h;
    shale_buf fp = SHALE_BUF_INIT;
    put_b36(&fp, (uint64_t)getpid(), 2);
    put_b36(&fp, hsum, 2);
    if (fp.oom) return SHALE_ENOMEM;
    memcpy(st->fingerprint, fp.ptr, 4);
    st->fingerprint[4] = '\0';
    shale_buf_free(&fp);
    st->seeded = true;
    return 0;
}

/* cuid v1: 'c', timestamp (8), counter (4), fingerprint (4), random (8) = 25 chars. */
static int cuid(shale_gen_state *st, shale_buf *out)
{
    uint8_t r[8];
    if (seed(st) < 0 || rnd(r, sizeof r) < 0) return SHALE_ENOMEM;
    shale_buf_putc(out, 'c');
    put_b36(out, (uint64_t)now_ms(), 8);
    put_b36(out, st->cuid_count, 4);
    st->cuid_count = (st->cuid_count + 1) % 1679616;
    shale_buf_put(out, st->fingerprint, 4);
    uint64_t a = (uint64_t)r[0] << 24 | (uint64_t)r[1] << 16 | (uint64_t)r[2] << 8 | r[3];
    uint64_t b = (uint64_t)r[4] << 24 | (uint64_t)r[5] << 16 | (uint64_t)r[6] << 8 | r[7];
    put_b36(out, a % 1679616, 4);
    put_b36(out, b % 1679616, 4);
    return 0;
}

/* cuid2 (@paralleldrive/cuid2, length 24): a random letter, then base 36 digits of
 * SHA3-512(time, salt, counter, fingerprint). */
static int cuid2(shale_gen_state *st, shale_buf *out)
{
    uint8_t r[33];
    if (seed(st) < 0 || rnd(r, sizeof r) < 0) return SHALE_ENOMEM;
    char in[128];
    int n = snprintf(in, sizeof in, "%llx", (unsigned long long)now_ms());
    for (int i = 1; i < 33 && n < (int)sizeof in - 8; i++) in[n++] = b36[r[i] % 36];
    n += snprintf(in + n, sizeof in - (size_t)n, "%x%s", st->cuid_count++, st->fingerprint);
    uint8_t h[64];
    unsigned hl = 0;
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    if (!ctx) return SHALE_ENOMEM;
    int ok = EVP_DigestInit_ex(ctx, EVP_sha3_512(), NULL) == 1 && EVP_DigestUpdate(ctx, in, (size_t)n) == 1 &&
             EVP_DigestFinal_ex(ctx, h, &hl) == 1;
    EVP_MD_CTX_free(ctx);
    if (!ok) return SHALE_ENOMEM;
    shale_buf_putc(out, (char)('a' + r[0] % 26));
    /* 23 base-36 digits from the digest, 8 bytes (~12 digits) at a time. */
    for (int part = 0; part < 2; part++) {
        uint64_t v = 0;
        for (int i = 0; i < 8; i++) v = v << 8 | h[part * 8 + i];
        put_b36(out, v, part == 0 ? 12 : 11);
    }
    return 0;
}

static int nanoid(unsigned len, shale_buf *out)
{
    static const char alphabet[] = "useandom-26T198340PX75pxJACKVERYMINDBUSHWOLF_GQZbfghjklqvwyzrict";
    uint8_t r[256];
    if (len == 0) len = 21;
    if (len > sizeof r) return SHALE_EINVAL;
    if (rnd(r, len) < 0) return SHALE_ENOMEM;
    for (unsigned i = 0; i < len; i++) shale_buf_putc(out, alphabet[r[i] & 63]);
    return 0;
}

/* ulid: 48-bit milliseconds (10 chars) and 80 random bits (16 chars) in Crockford base
 * 32; within one millisecond the random part counts up, so ids sort in creation order. */
static int ulid(shale_gen_state *st, shale_buf *out)
{
    static const char cb32[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    int64_t ms = now_ms();
    if (ms > st->ulid_ms) {
        st->ulid_ms = ms;
        if (rnd(st->ulid_rand, sizeof st->ulid_rand) < 0) return SHALE_ENOMEM;
        st->ulid_rand[0] &= 0x7f; /* headroom for counting up */
    } else {
        int i = 9;
        while (i >= 0 && ++st->ulid_rand[i] == 0) i--;
        if (i < 0) st->ulid_ms++;
    }
    char s[26];
    uint64_t t = (uint64_t)st->ulid_ms;
    for (int i = 9; i >= 0; i--) {
        s[i] = cb32[t & 31];
        t >>= 5;
    }
    /* 80 bits = 16 groups of 5, most significant first. */
    for (int g = 0; g < 16; g++) {
        unsigned v = 0;
        for (int k = 0; k < 5; k++) {
            int bit = g * 5 + k;
            v = v << 1 | ((st->ulid_rand[bit / 8] >> (7 - bit % 8)) & 1);
        }
        s[10 + g] = cb32[v];
    }
    shale_buf_put(out, s, sizeof s);
    return 0;
}

int shale_gen__id(shale_gen_state *st, int gen, unsigned arg, shale_buf *out)
{
    switch (gen) {
    case SHALE_GEN_UUID4: return uuid4(out);
    case SHALE_GEN_UUID7: return uuid7(st, out);
    case SHALE_GEN_CUID: return cuid(st, out);
    case SHALE_GEN_CUID2: return cuid2(st, out);
    case SHALE_GEN_NANOID: return nanoid(arg, out);
    case SHALE_GEN_ULID: return ulid(st, out);
    default: return SHALE_EINVAL;
    }
}
