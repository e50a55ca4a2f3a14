/* query_decode.c - text-format PGresult rows into the generated structs, at the
 * offsets the model descriptor gives: every scalar type, nullable fields (NULL
 * pointers or shale_opt_* with has false), scalar lists (PostgreSQL array text with
 * quoting and NULL), bytea hex. Everything is copied into the result's arena; nothing
 * points into the PGresult, which the caller clears.
 */
#include "runtime/runtime_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

size_t shale_decode__estimate(const PGresult *res, size_t row_size)
{
    int nr = PQntuples(res), nf = PQnfields(res);
    size_t total = (size_t)nr * (row_size + 16);
    for (int r = 0; r < nr; r++)
        for (int f = 0; f < nf; f++) total += (size_t)PQgetlength(res, r, f) + 1;
    return total + 64;
}

int shale_decode__array(const char *text, shale_arena *a, char ***out, size_t *n)
{
    *out = NULL;
    *n = 0;
    const char *p = text;
    /* Arrays with explicit bounds ("[0:1]={...}") come from non-default lower bounds. */
    if (*p == '[') {
        p = strchr(p, '=');
        if (!p) return SHALE_EINVAL;
        p++;
    }
    if (*p != '{') return SHALE_EINVAL;
    size_t len = strlen(p);
    /* At most one element per byte; elements are copied into one block. */
    size_t cap = 0;
    for (const char *q = p; *q; q++)
        if (*q == ',') cap++;
    cap++;
    char **items = shale_arena__alloc(a, cap * sizeof *items, sizeof(void *));
    char *store = shale_arena__alloc(a, len + 1, 1);
    if (!items || !store) return SHALE_ENOMEM;
    p++;
    size_t k = 0;
    if (*p == '}') {
        if (p[1]) return SHALE_EINVAL;
        *out = items;
        return 0;
    }
    for (;;) {
        while (*p == ' ') p++;
        if (*p == '{') return SHALE_EINVAL; /* more than one dimension */
        if (k >= cap) return SHALE_EINVAL;
        if (*p == '"') {
            p++;
            char *d = store;
            for (;;) {
                if (!*p) return SHALE_EINVAL;
                if (*p == '"') break;
                if (*p == '\\') {
                    p++;
                    if (!*p) return SHALE_EINVAL;
                }
                *d++ = *p++;
            }
            p++;
            *d++ = '\0';
            items[k++] = store;
            store = d;
        } else {
            const char *s = p;
            while (*p && *p != ',' && *p != '}') {
                if (*p == '"' || *p == '{') return SHALE_EINVAL;
                p++;
            }
            const char *e = p;
            while (e > s && e[-1] == ' ') e--;
            if (e == s) return SHALE_EINVAL;
            if (e - s == 4 && (s[0] == 'N' || s[0] == 'n') && (s[1] == 'U' || s[1] == 'u') &&
                (s[2] == 'L' || s[2] == 'l') && (s[3] == 'L' || s[3] == 'l')) {
                items[k++] = NULL;
            } else {
                memcpy(store, s, (size_t)(e - s));
                store[e - s] = '\0';
                items[k++] = store;
                store += e - s + 1;
            }
        }
        while (*p == ' ') p++;
        if (*p == ',') {
            p++;
            continue;
        }
        if (*p == '}' && p[1] == '\0') break;
        return SHALE_EINVAL;
    }
    *out = items;
    *n = k;
    return 0;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

int shale_decode__bytea(const char *text, size_t len, shale_arena *a, shale_bytes *out)
{
    out->data = NULL;
    out->len = 0;
    if (len < 2 || text[0] != '\\' || text[1] != 'x' || (len - 2) % 2) return SHALE_EINVAL;
    size_t n = (len - 2) / 2;
    uint8_t *d = shale_arena__alloc(a, n ? n : 1, 1);
    if (!d) return SHALE_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        int hi = hexval(text[2 + 2 * i]), lo = hexval(text[3 + 2 * i]);
        if (hi < 0 || lo < 0) return SHALE_EINVAL;
        d[i] = (uint8_t)(hi << 4 | lo);
    }
    out->data = d;
    out->len = n;
    return 0;
}

int shale_decode__scalar(const shale_field_desc *f, const char *s, size_t len, shale_arena *a, void *dst)
{
    char *end;
    switch (f->type) {
    case SHALE_T_STRING:
    case SHALE_T_DECIMAL:
    case SHALE_T_JSON: {
        char *d = shale_arena__strndup(a, s, len);
        if (!d) return SHALE_ENOMEM;
        memcpy(dst, &d, sizeof d);
        return 0;
    }
    case SHALE_T_INT: {
        errno = 0;
        long v = strtol(s, &end, 10);
        if (errno || end == s || *end || v < INT32_MIN || v > INT32_MAX) return SHALE_EINVAL;
        int32_t x = (int32_t)v;
        memcpy(dst, &x, sizeof x);
        return 0;
    }
    case SHALE_T_BIGINT: {
        errno = 0;
        long long v = strtoll(s, &end, 10);
        if (errno || end == s || *end) return SHALE_EINVAL;
        int64_t x = v;
        memcpy(dst, &x, sizeof x);
        return 0;
    }
    case SHALE_T_FLOAT: {
        double v = strtod(s, &end); /* accepts Infinity, -Infinity and NaN */
        if (end == s || *end) return SHALE_EINVAL;
        memcpy(dst, &v, sizeof v);
        return 0;
    }
    case SHALE_T_BOOL: {
        bool v = s[0] == 't';
        if ((s[0] != 't' && s[0] != 'f') || s[1]) return SHALE_EINVAL;
        memcpy(dst, &v, sizeof v);
        return 0;
    }
    case SHALE_T_DATETIME: {
        shale_datetime t;
        if (strcmp(s, "infinity") == 0) t.usec = INT64_MAX;
        else if (strcmp(s, "-infinity") == 0) t.usec = INT64_MIN;
        else if (len >= 3 && s[2] == ':') {
            /* time / timetz columns (@db.Time): the time of 1970-01-01, as Prisma. */
            char buf[64];
            if (len > 40) return SHALE_EINVAL;
            memcpy(buf, "1970-01-01T", 11);
            memcpy(buf + 11, s, len + 1);
            if (shale_datetime_parse(&t, buf) < 0) return SHALE_EINVAL;
        } else if (shale_datetime_parse(&t, s) < 0) return SHALE_EINVAL;
        memcpy(dst, &t, sizeof t);
        return 0;
    }
    case SHALE_T_BYTES: {
        shale_bytes b;
        int rc = shale_decode__bytea(s, len, a, &b);
        if (rc < 0) return rc;
        memcpy(dst, &b, sizeof b);
        return 0;
    }
    case SHALE_T_ENUM: {
        int v = shale_enum_parse(f->enum_desc, s);
        if (!v) return SHALE_EINVAL;
        memcpy(dst, &v, sizeof v);
        return 0;
    }
    default: return SHALE_EINVAL;
    }
}

static size_t elem_size(int type)
{
    switch (type) {
    case SHALE_T_INT: return sizeof(int32_t);
    case SHALE_T_BIGINT: return sizeof(int64_t);
    case SHALE_T_FLOAT: return sizeof(double);
    case SHALE_T_BOOL: return sizeof(bool);
    case SHALE_T_DATETIME: return sizeof(shale_datetime);
    case SHALE_T_BYTES: return sizeof(shale_bytes);
    case SHALE_T_ENUM: return sizeof(int);
    default: return sizeof(const char *);
    }
}

static int list(const shale_field_desc *f, const char *s, shale_arena *a, void *dst)
{
    char **el;
    size_t n;
    int rc = shale_decode__array(s, a, &el, &n);
    if (rc < 0) return rc;
    shale_str_list l = {n, NULL};
    if (f->type == SHALE_T_STRING || f->type == SHALE_T_DECIMAL || f->type == SHALE_T_JSON) {
        l.items = (const char *const *)el; /* NULL elements stay NULL */
    } else {
        size_t es = elem_size(f->type);
        char *items = shale_arena__alloc(a, n ? n * es : 1, 16);
        if (!items) return SHALE_ENOMEM;
        for (size_t i = 0; i < n; i++) {
            if (!el[i]) return SHALE_EINVAL; /* no NULL elements in an Int[] */
            rc = shale_decode__scalar(f, el[i], strlen(el[i]), a, items + i * es);
            if (rc < 0) return rc;
        }
        l.items = (const char *const *)(void *)items;
    }
    memcpy(dst, &l, sizeof l);
    return 0;
}

/* Where the value of a nullable value type sits inside its shale_opt_* wrapper. */
static size_t opt_value_offset(int type)
{
    switch (type) {
    case SHALE_T_INT: return offsetof(shale_opt_i32, v);
    case SHALE_T_BIGINT: return offsetof(shale_opt_i64, v);
    case SHALE_T_FLOAT: return offsetof(shale_opt_f64, v);
    case SHALE_T_BOOL: return offsetof(shale_opt_bool, v);
    case SHALE_T_DATETIME: return offsetof(shale_opt_datetime, v);
    case SHALE_T_BYTES: return offsetof(shale_opt_bytes, v);
    default: return 0; /* pointer types and enums: no wrapper */
    }
}

int shale_decode__row(const shale_model_desc *m, const PGresult *res, int r, int col0, void *row, shale_arena *a,
                      shale_error *err)
{
    char *base = row;
    for (size_t i = 0; i < m->n_fields; i++) {
        const shale_field_desc *f = &m->fields[i];
        int col = col0 + (int)i;
        if (f->row_offset == SHALE_NO_OFFSET) continue;
        char *dst = base + f->row_offset;
        if (PQgetisnull(res, r, col)) continue; /* the row is zeroed: NULL, has=false, 0, empty list */
        const char *s = PQgetvalue(res, r, col);
        size_t len = (size_t)PQgetlength(res, r, col);
        int rc;
        if (f->flags & SHALE_F_LIST) {
            rc = list(f, s, a, dst);
        } else {
            size_t off = 0;
            if (f->flags & SHALE_F_NULLABLE) {
                off = opt_value_offset(f->type);
                if (off) *(bool *)dst = true;
            }
            rc = shale_decode__scalar(f, s, len, a, dst + off);
        }
        if (rc == SHALE_ENOMEM) return shale_client__fail(NULL, err, rc, "out of memory");
        if (rc < 0)
            return shale_client__fail(NULL, err, rc, "%s.%s: cannot read the value \"%.60s\" as the field's type",
                                      m->name, f->name, s);
    }
    return 0;
}
