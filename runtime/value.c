/* value.c - the value types of generated structs that need code: DateTime (µs since
 * the Unix epoch, UTC) to and from ISO 8601 / PostgreSQL text, and enums between their
 * C values (1-based) and database values. Calendar arithmetic is proleptic Gregorian
 * (Howard Hinnant's days_from_civil), as PostgreSQL's.
 */
#include "runtime/runtime_int.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#define USEC_PER_DAY INT64_C(86400000000)

static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (int64_t)yoe + era * 400 + (*m <= 2);
}

static bool leap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static unsigned month_days(int64_t y, unsigned m)
{
    static const unsigned char n[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : n[m - 1];
}

shale_datetime shale_datetime_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    shale_datetime t = {(int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000};
    return t;
}

char *shale_datetime_format(char *out, size_t size, shale_datetime t)
{
    int64_t days = t.usec / USEC_PER_DAY, rem = t.usec % USEC_PER_DAY;
    if (rem < 0) {
        rem += USEC_PER_DAY;
        days--;
    }
    int64_t y;
    unsigned mo, d;
    civil_from_days(days, &y, &mo, &d);
    int64_t secs = rem / 1000000, us = rem % 1000000;
    char frac[16];
    if (us % 1000 == 0) snprintf(frac, sizeof frac, ".%03d", (int)(us / 1000));
    else snprintf(frac, sizeof frac, ".%06d", (int)us);
    if (size == 0) return out;
    snprintf(out, size, "%s%04lld-%02u-%02uT%02d:%02d:%02d%sZ", y < 0 ? "-" : "", (long long)(y < 0 ? -y : y),
             mo, d, (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60), frac);
    return out;
}

/* Reads exactly `n` digits. */
static bool digits(const char **p, int n, int64_t *out)
{
    int64_t v = 0;
    for (int i = 0; i < n; i++) {
        char ch = (*p)[i];
        if (ch < '0' || ch > '9') return false;
        v = v * 10 + (ch - '0');
    }
    *p += n;
    *out = v;
    return true;
}

int shale_datetime_parse(shale_datetime *out, const char *text)
{
    if (!text) return SHALE_EINVAL;
    const char *p = text;
    bool neg_year = false;
    if (*p == '-' || *p == '+') neg_year = *p++ == '-';
    /* Years have at least 4 digits; PostgreSQL prints more past 9999. */
    int64_t y = 0, mo, d, h = 0, mi = 0, s = 0, usec = 0;
    int nd = 0;
    while (p[nd] >= '0' && p[nd] <= '9') nd++;
    if (nd < 4 || nd > 9 || !digits(&p, nd, &y)) return SHALE_EINVAL;
    if (*p++ != '-' || !digits(&p, 2, &mo) || *p++ != '-' || !digits(&p, 2, &d)) return SHALE_EINVAL;
    if (neg_year) y = -y;
    if (mo < 1 || mo > 12 || d < 1 || d > month_days(y, (unsigned)mo)) return SHALE_EINVAL;
    if (*p == 'T' || *p == 't' || *p == ' ') {
        p++;
        if (!digits(&p, 2, &h) || *p++ != ':' || !digits(&p, 2, &mi)) return SHALE_EINVAL;
        if (*p == ':') {
            p++;
            if (!digits(&p, 2, &s)) return SHALE_EINVAL;
            if (*p == '.' || *p == ',') {
                p++;
                int n = 0;
                int64_t scale = 100000;
                while (*p >= '0' && *p <= '9') {
                    /* Digits past microseconds are dropped (PostgreSQL rounds; text it
                     * prints never has them). */
                    if (n < 6) usec += (*p - '0') * scale;
                    scale /= 10;
                    p++;
                    n++;
                }
                if (n == 0) return SHALE_EINVAL;
            }
        }
        if (h > 24 || mi > 59 || s > 60 || (h == 24 && (mi || s || usec))) return SHALE_EINVAL;
    }
    int64_t off = 0; /* seconds east of UTC */
    if (*p == 'Z' || *p == 'z') {
        p++;
    } else if (*p == '+' || *p == '-') {
        int sign = *p++ == '-' ? -1 : 1;
        int64_t oh, om = 0, os = 0;
        if (!digits(&p, 2, &oh)) return SHALE_EINVAL;
        if (*p == ':') p++;
        if (*p >= '0' && *p <= '9') {
            if (!digits(&p, 2, &om)) return SHALE_EINVAL;
            if (*p == ':') {
                p++;
                if (!digits(&p, 2, &os)) return SHALE_EINVAL;
            }
        }
        if (oh > 15 || om > 59 || os > 59) return SHALE_EINVAL;
        off = sign * (oh * 3600 + om * 60 + os);
    }
    if (strcmp(p, " BC") == 0) {
        if (neg_year || y == 0) return SHALE_EINVAL;
        y = 1 - y; /* 1 BC is year 0 */
        if (mo == 2 && d == 29 && !leap(y)) return SHALE_EINVAL;
        p += 3;
    }
    if (*p) return SHALE_EINVAL;
    int64_t days = days_from_civil(y, (unsigned)mo, (unsigned)d);
    if (days > INT64_MAX / USEC_PER_DAY - 1 || days < INT64_MIN / USEC_PER_DAY + 1) return SHALE_EINVAL;
    out->usec = days * USEC_PER_DAY + ((h * 60 + mi) * 60 + s - off) * 1000000 + usec;
    return 0;
}

const char *shale_enum_name(const shale_enum_desc *e, int value)
{
    if (!e || value < 1 || (size_t)value > e->n_values) return NULL;
    return e->db_values[value - 1];
}

int shale_enum_parse(const shale_enum_desc *e, const char *text)
{
    if (!e || !text) return 0;
    for (size_t i = 0; i < e->n_values; i++)
        if (strcmp(e->db_values[i], text) == 0) return (int)i + 1;
    return 0;
}
