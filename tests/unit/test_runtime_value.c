/* test_runtime_value.c - unit tests of libshale's value layer without a server:
 * DateTime text in and out (round trips, bad input), enum names, the id generators
 * (format, length, uniqueness, uuid v7 and ulid order), parameter encoding (numbers,
 * bytea, array literals with quoting) and the PostgreSQL array text parser. */
#include "runtime/runtime_int.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>

static bool same(const char *a, const char *b) { return a && b && strcmp(a, b) == 0; }

static const char *fmt(int64_t usec)
{
    static char out[48];
    shale_datetime t = {usec};
    return shale_datetime_format(out, sizeof out, t);
}

static int64_t parse(const char *s, int *rc)
{
    shale_datetime t = {-1};
    *rc = shale_datetime_parse(&t, s);
    return t.usec;
}

static void test_datetime(void)
{
    int rc;
    CHECK(same(fmt(0), "1970-01-01T00:00:00.000Z"), "epoch formats with milliseconds");
    CHECK(same(fmt(1714566600123000), "2024-05-01T12:30:00.123Z"), "milliseconds (%s)", fmt(1714566600123000));
    CHECK(same(fmt(1714566600123456), "2024-05-01T12:30:00.123456Z"), "finer digits kept (%s)", fmt(1714566600123456));
    CHECK(same(fmt(-1), "1969-12-31T23:59:59.999999Z"), "before the epoch (%s)", fmt(-1));
    CHECK(same(fmt(951782400000000), "2000-02-29T00:00:00.000Z"), "leap day 2000");
    CHECK(parse("2024-05-01 12:30:00.123", &rc) == 1714566600123000 && rc == 0, "PostgreSQL text without zone is UTC");
    CHECK(parse("2024-05-01T12:30:00Z", &rc) == 1714566600000000 && rc == 0, "ISO with Z");
    CHECK(parse("2024-05-01T14:30:00+02:00", &rc) == 1714566600000000 && rc == 0, "offset +02:00");
    CHECK(parse("2024-05-01 07:30:00-05", &rc) == 1714566600000000 && rc == 0, "PostgreSQL offset -05");
    CHECK(parse("2024-05-01T12:30:00.123456+00", &rc) == 1714566600123456 && rc == 0, "microseconds");
    CHECK(parse("2024-05-01", &rc) == 1714521600000000 && rc == 0, "date only");
    CHECK(parse("0001-01-01 00:00:00 BC", &rc) == -62167219200000000 && rc == 0, "BC years (%d)", rc);
    CHECK(parse("12345-01-01 00:00:00", &rc) > 0 && rc == 0, "five-digit years");
    static const char *const bad[] = {"",
                                      "garbage",
                                      "2024-13-01",
                                      "2024-02-30",
                                      "2023-02-29",
                                      "2024-05-01T25:00:00",
                                      "2024-05-01T12:60:00",
                                      "2024-05-01T12:30:00.",
                                      "2024-05-01T12:30:00Zjunk",
                                      "2024-05-01 12:30:00+99",
                                      "24-05-01",
                                      "2024/05/01",
                                      "2024-05-01T1:30"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        CHECK(parse(bad[i], &rc) && rc == SHALE_EINVAL, "rejects \"%s\"", bad[i]);
    CHECK(shale_datetime_parse(&(shale_datetime){0}, NULL) == SHALE_EINVAL, "rejects NULL");
    /* Round trips over a wide range, both directions of the epoch. */
    bool ok = true;
    uint64_t x = 88172645463325252u;
    for (int i = 0; i < 20000 && ok; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        int64_t us = (int64_t)(x % 400000000000000000u) - 200000000000000000;
        if (i % 2) us -= us % 1000;
        int64_t back = parse(fmt(us), &rc);
        ok = rc == 0 && back == us;
        if (!ok) printf("# %lld -> %s -> %lld\n", (long long)us, fmt(us), (long long)back);
    }
    CHECK(ok, "20,000 random timestamps round-trip through text");
    shale_datetime now = shale_datetime_now();
    CHECK(now.usec > 1700000000000000, "now is after 2023");
}

static void test_enum(void)
{
    static const char *const vals[] = {"USER", "ADMIN", "with space"};
    shale_enum_desc e = {"\"public\".\"Role\"", 3, vals};
    CHECK(same(shale_enum_name(&e, 1), "USER") && same(shale_enum_name(&e, 3), "with space"), "enum names");
    CHECK(!shale_enum_name(&e, 0) && !shale_enum_name(&e, 4) && !shale_enum_name(&e, -1), "no name outside");
    CHECK(shale_enum_parse(&e, "ADMIN") == 2 && shale_enum_parse(&e, "with space") == 3, "enum parse");
    CHECK(shale_enum_parse(&e, "admin") == 0 && shale_enum_parse(&e, "") == 0 && shale_enum_parse(&e, NULL) == 0,
          "unknown, case-different and NULL parse to 0");
}

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static bool all_in(const char *s, const char *set)
{
    for (; *s; s++)
        if (!strchr(set, *s)) return false;
    return true;
}

/* 10,000 ids of one kind: format checked by `check`, all different. */
static void ids(const char *name, int gen, unsigned arg, size_t len, const char *alphabet, bool ordered)
{
    enum { N = 10000 };
    shale_gen_state st;
    memset(&st, 0, sizeof st);
    char **v = calloc(N, sizeof *v);
    bool fmt_ok = true, order_ok = true;
    for (int i = 0; i < N; i++) {
        shale_buf b = SHALE_BUF_INIT;
        int rc = shale_gen__id(&st, gen, arg, &b);
        v[i] = shale_buf_detach(&b, NULL);
        if (rc || !v[i] || strlen(v[i]) != len || !all_in(v[i], alphabet)) {
            if (fmt_ok) printf("# bad %s: %s\n", name, v[i] ? v[i] : "(null)");
            fmt_ok = false;
        }
        if (ordered && i && v[i] && v[i - 1] && strcmp(v[i - 1], v[i]) >= 0) order_ok = false;
    }
    CHECK(fmt_ok, "%s: %zu characters from its alphabet (e.g. %s)", name, len, v[0]);
    if (ordered) CHECK(order_ok, "%s: 10,000 ids in strictly increasing order", name);
    qsort(v, N, sizeof *v, cmp);
    bool uniq = true;
    for (int i = 1; i < N; i++) uniq &= strcmp(v[i - 1], v[i]) != 0;
    CHECK(uniq, "%s: 10,000 ids all different", name);
    if (gen == SHALE_GEN_UUID4 || gen == SHALE_GEN_UUID7) {
        bool shape = true;
        for (int i = 0; i < N; i++)
            shape &= v[i][8] == '-' && v[i][13] == '-' && v[i][18] == '-' && v[i][23] == '-' &&
                     v[i][14] == (gen == SHALE_GEN_UUID4 ? '4' : '7') && strchr("89ab", v[i][19]);
        CHECK(shape, "%s: dashes, version and variant nibbles", name);
    }
    if (gen == SHALE_GEN_CUID) {
        bool c = true;
        for (int i = 0; i < N; i++) c &= v[i][0] == 'c';
        CHECK(c, "cuid starts with 'c'");
    }
    if (gen == SHALE_GEN_CUID2) {
        bool c = true;
        for (int i = 0; i < N; i++) c &= v[i][0] >= 'a' && v[i][0] <= 'z';
        CHECK(c, "cuid2 starts with a letter");
    }
    for (int i = 0; i < N; i++) free(v[i]);
    free(v);
}

static void test_ids(void)
{
    const char *hexd = "0123456789abcdef-", *b36 = "0123456789abcdefghijklmnopqrstuvwxyz";
    const char *url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
    ids("uuid4", SHALE_GEN_UUID4, 0, 36, hexd, false);
    ids("uuid7", SHALE_GEN_UUID7, 0, 36, hexd, true);
    ids("cuid", SHALE_GEN_CUID, 0, 25, b36, false);
    ids("cuid2", SHALE_GEN_CUID2, 0, 24, b36, false);
    ids("nanoid", SHALE_GEN_NANOID, 0, 21, url, false);
    ids("nanoid(10)", SHALE_GEN_NANOID, 10, 10, url, false);
    ids("ulid", SHALE_GEN_ULID, 0, 26, "0123456789ABCDEFGHJKMNPQRSTVWXYZ", true);
    shale_gen_state st;
    memset(&st, 0, sizeof st);
    shale_buf b = SHALE_BUF_INIT;
    CHECK(shale_gen__id(&st, SHALE_GEN_NOW, 0, &b) == SHALE_EINVAL && b.len == 0, "now() is not an id generator");
    CHECK(shale_gen__id(&st, SHALE_GEN_NANOID, 1000, &b) == SHALE_EINVAL, "nanoid longer than 256 is refused");
    shale_buf_free(&b);
}

static const char *enc(const shale_field_desc *f, const void *v, int *rc)
{
    static shale_buf b = SHALE_BUF_INIT;
    b.len = 0;
    if (b.ptr) b.ptr[0] = '\0';
    if (!v) {
        shale_buf_free(&b);
        return NULL;
    }
    *rc = shale_param__encode(&b, f, v);
    return b.ptr ? b.ptr : "";
}

static void test_params(void)
{
    int rc = 0;
    shale_field_desc f = {"x", "x", "double precision", SHALE_T_FLOAT, 0, 0, 0, NULL, 0, 0, 0, 0};
    double d = 0.1;
    CHECK(same(enc(&f, &d, &rc), "0.10000000000000001"), "double with 17 digits (%s)", enc(&f, &d, &rc));
    d = 1.0 / 0.0;
    CHECK(same(enc(&f, &d, &rc), "Infinity"), "Infinity");
    d = -d;
    CHECK(same(enc(&f, &d, &rc), "-Infinity"), "-Infinity");
    d = 0.0 / 0.0;
    CHECK(same(enc(&f, &d, &rc), "NaN"), "NaN");
    f.type = SHALE_T_BIGINT;
    int64_t big = INT64_MIN;
    CHECK(same(enc(&f, &big, &rc), "-9223372036854775808"), "bigint minimum");
    f.type = SHALE_T_BOOL;
    bool t = true;
    CHECK(same(enc(&f, &t, &rc), "true"), "bool");
    f.type = SHALE_T_BYTES;
    shale_bytes by = {(const uint8_t *)"\x00\xff\x10", 3};
    CHECK(same(enc(&f, &by, &rc), "\\x00ff10"), "bytea hex");
    shale_bytes none = {NULL, 0};
    CHECK(same(enc(&f, &none, &rc), "\\x") && rc == 0, "empty bytea");
    f.type = SHALE_T_DATETIME;
    shale_datetime dt = {1714566600123000};
    CHECK(same(enc(&f, &dt, &rc), "2024-05-01T12:30:00.123Z"), "datetime ISO");
    f.sql_type = "time(3)";
    CHECK(same(enc(&f, &dt, &rc), "12:30:00.123"), "datetime for a time column (%s)", enc(&f, &dt, &rc));
    f.sql_type = "timetz(3)";
    CHECK(same(enc(&f, &dt, &rc), "12:30:00.123+00"), "datetime for a timetz column");
    f.sql_type = "timestamptz(3)";
    CHECK(same(enc(&f, &dt, &rc), "2024-05-01T12:30:00.123Z"), "datetime for a timestamptz column");
    f.sql_type = "text";
    f.type = SHALE_T_STRING;
    const char *nul = NULL;
    enc(&f, &nul, &rc);
    CHECK(rc == SHALE_EINVAL, "a NULL required string is refused");
    static const char *const vals[] = {"USER", "ADMIN"};
    shale_enum_desc e = {"\"public\".\"Role\"", 2, vals};
    f.type = SHALE_T_ENUM;
    f.enum_desc = &e;
    int ev = 2;
    CHECK(same(enc(&f, &ev, &rc), "ADMIN"), "enum by database value");
    ev = 7;
    enc(&f, &ev, &rc);
    CHECK(rc == SHALE_EINVAL, "enum value outside the enum is refused");
    /* Lists as array literals. */
    f.flags = SHALE_F_LIST;
    f.type = SHALE_T_STRING;
    const char *items[] = {"a", "b c", "q\"uote", "back\\slash", NULL, "{,}"};
    shale_str_list sl = {6, items};
    CHECK(same(enc(&f, &sl, &rc), "{\"a\",\"b c\",\"q\\\"uote\",\"back\\\\slash\",NULL,\"{,}\"}"),
          "string array literal with quoting (%s)", enc(&f, &sl, &rc));
    shale_str_list empty = {0, NULL};
    CHECK(same(enc(&f, &empty, &rc), "{}"), "empty array");
    f.type = SHALE_T_INT;
    int32_t ints[] = {1, -2, 2147483647};
    shale_i32_list il = {3, ints};
    CHECK(same(enc(&f, &il, &rc), "{\"1\",\"-2\",\"2147483647\"}"), "int array");
    f.type = SHALE_T_BYTES;
    shale_bytes bl[] = {{(const uint8_t *)"\x01", 1}};
    shale_bytes_list byl = {1, bl};
    CHECK(same(enc(&f, &byl, &rc), "{\"\\\\x01\"}"), "bytea array escapes the backslash (%s)", enc(&f, &byl, &rc));
    f.type = SHALE_T_ENUM;
    int ebad[] = {1, 3};
    shale_enum_list el = {2, ebad};
    enc(&f, &el, &rc);
    CHECK(rc == SHALE_EINVAL, "enum list with a bad value is refused");
    enc(NULL, NULL, &rc);
}

static void test_array_parse(void)
{
    shale_arena *a;
    void *root = shale_arena__new(&a, 8, 0);
    char **el;
    size_t n;
    int rc = shale_decode__array("{a,\"b c\",NULL,\"x\\\"y\",\"\\\\\",\"NULL\", z }", a, &el, &n);
    CHECK(rc == 0 && n == 7, "array with 7 elements (%d, %zu)", rc, n);
    if (rc == 0 && n == 7) {
        CHECK(same(el[0], "a") && same(el[1], "b c") && el[2] == NULL && same(el[3], "x\"y") && same(el[4], "\\") &&
                  same(el[5], "NULL") && same(el[6], "z"),
              "elements unquoted, NULL only when bare");
    }
    rc = shale_decode__array("{}", a, &el, &n);
    CHECK(rc == 0 && n == 0, "empty array");
    rc = shale_decode__array("[0:1]={1,2}", a, &el, &n);
    CHECK(rc == 0 && n == 2 && same(el[1], "2"), "explicit bounds");
    static const char *const bad[] = {"", "{", "{a", "{\"a}", "{{1,2}}", "a,b", "{a,}", "{a}x", "{,a}"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        CHECK(shale_decode__array(bad[i], a, &el, &n) == SHALE_EINVAL, "array text \"%s\" is refused", bad[i]);
    shale_bytes b;
    CHECK(shale_decode__bytea("\\x00ff", 6, a, &b) == 0 && b.len == 2 && b.data[1] == 0xff, "bytea hex decodes");
    CHECK(shale_decode__bytea("\\x0", 3, a, &b) == SHALE_EINVAL, "odd hex refused");
    CHECK(shale_decode__bytea("\\xzz", 4, a, &b) == SHALE_EINVAL, "bad hex digit refused");
    CHECK(shale_decode__bytea("abc", 3, a, &b) == SHALE_EINVAL, "escape format refused");
    /* Many allocations beyond the first chunk, all freed with the root. */
    bool ok = true;
    for (int i = 0; i < 1000; i++) ok &= shale_arena__strndup(a, "0123456789", 10) != NULL;
    ok &= shale_arena__alloc(a, 100000, 16) != NULL;
    CHECK(ok, "arena grows past its first chunk");
    shale_result_free(root);
    shale_result_free(NULL);
}

int main(void)
{
    test_datetime();
    test_enum();
    test_ids();
    test_params();
    test_array_parse();
    return TAP_DONE();
}
