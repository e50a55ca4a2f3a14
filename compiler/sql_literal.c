/* sql_literal.c - PostgreSQL literals for default values (see sql_literal.h). */
#include "sql_literal.h"

#include <string.h>

void shale_sql_put_string(shale_buf *out, shale_str text)
{
    shale_buf_putc(out, '\'');
    size_t from = 0;
    for (size_t i = 0; i < text.len; i++) {
        if (text.ptr[i] != '\'') continue;
        shale_buf_put(out, text.ptr + from, i + 1 - from);
        shale_buf_putc(out, '\'');
        from = i + 1;
    }
    shale_buf_put(out, text.ptr + from, text.len - from);
    shale_buf_putc(out, '\'');
}

static bool digits(const char *p, size_t n, int *out)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9') return false;
        v = v * 10 + (p[i] - '0');
    }
    *out = v;
    return true;
}

static int days_in_month(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return d[m - 1];
}

bool shale_datetime_normalize(shale_buf *out, shale_str t)
{
    /* YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM) */
    const char *p = t.ptr;
    size_t n = t.len;
    int y, mo, d, h, mi, s;
    if (n < 20 || !digits(p, 4, &y) || p[4] != '-' || !digits(p + 5, 2, &mo) || p[7] != '-' ||
        !digits(p + 8, 2, &d) || (p[10] != 'T' && p[10] != 't' && p[10] != ' ') || !digits(p + 11, 2, &h) ||
        p[13] != ':' || !digits(p + 14, 2, &mi) || p[16] != ':' || !digits(p + 17, 2, &s))
        return false;
    if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59 || s > 60) return false;
    size_t i = 19;
    char frac[10] = "000000000";
    size_t nf = 0;
    if (i < n && p[i] == '.') {
        i++;
        size_t start = i;
        while (i < n && p[i] >= '0' && p[i] <= '9') {
            if (nf < 9) frac[nf++] = p[i];
            i++;
        }
        if (i == start) return false;
    }
    char zone[7];
    if (i < n && (p[i] == 'Z' || p[i] == 'z')) {
        memcpy(zone, "+00:00", 7);
        i++;
    } else if (i + 6 == n && (p[i] == '+' || p[i] == '-')) {
        int zh, zm;
        if (!digits(p + i + 1, 2, &zh) || p[i + 3] != ':' || !digits(p + i + 4, 2, &zm) || zh > 23 || zm > 59)
            return false;
        memcpy(zone, p + i, 6);
        zone[6] = '\0';
        i += 6;
    } else {
        return false;
    }
    if (i != n) return false;
    /* chrono's `%.f`: the shortest of 3, 6 or 9 digits that keeps the nanoseconds. */
    size_t keep = 0;
    if (strcmp(frac, "000000000") != 0) {
        keep = 9;
        if (memcmp(frac + 6, "000", 3) == 0) keep = 6;
        if (keep == 6 && memcmp(frac + 3, "000", 3) == 0) keep = 3;
    }
    shale_buf_printf(out, "%.10s %.8s", p, p + 11);
    if (keep) shale_buf_printf(out, ".%.*s", (int)keep, frac);
    shale_buf_printf(out, " %s", zone);
    return true;
}

bool shale_sql_put_datetime(shale_buf *out, shale_str t)
{
    shale_buf tmp = SHALE_BUF_INIT;
    bool ok = shale_datetime_normalize(&tmp, t);
    if (ok) {
        shale_str v = {tmp.ptr, tmp.len};
        shale_sql_put_string(out, v);
    }
    shale_buf_free(&tmp);
    return ok;
}

static int b64(char c)
{
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

bool shale_base64_decode(shale_buf *out, shale_str t)
{
    if (t.len % 4) return false;
    /* Validate first, so nothing is written for bad input. */
    for (size_t i = 0; i < t.len; i++) {
        bool pad = t.ptr[i] == '=' && i >= t.len - 2 && (i == t.len - 1 || t.ptr[t.len - 1] == '=');
        if (b64(t.ptr[i]) < 0 && !pad) return false;
    }
    for (size_t i = 0; i < t.len; i += 4) {
        int v[4];
        int n = 0;
        for (int k = 0; k < 4; k++) {
            v[k] = t.ptr[i + k] == '=' ? 0 : b64(t.ptr[i + k]);
            if (t.ptr[i + k] != '=') n++;
        }
        unsigned triple = (unsigned)(v[0] << 18 | v[1] << 12 | v[2] << 6 | v[3]);
        char bytes[3] = {(char)(triple >> 16), (char)(triple >> 8), (char)triple};
        shale_buf_put(out, bytes, (size_t)(n - 1));
    }
    return true;
}

bool shale_sql_put_bytes(shale_buf *out, shale_str t)
{
    shale_buf raw = SHALE_BUF_INIT;
    bool ok = shale_base64_decode(&raw, t);
    if (ok) {
        static const char hex[] = "0123456789abcdef";
        shale_buf_puts(out, "'\\x");
        for (size_t i = 0; i < raw.len; i++) {
            unsigned char c = (unsigned char)raw.ptr[i];
            shale_buf_putc(out, hex[c >> 4]);
            shale_buf_putc(out, hex[c & 15]);
        }
        shale_buf_putc(out, '\'');
    }
    shale_buf_free(&raw);
    return ok;
}
