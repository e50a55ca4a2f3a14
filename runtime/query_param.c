/* query_param.c - C values to the text form of $n parameters (and of COPY fields):
 * integers, doubles with round-trip precision, booleans, ISO timestamps, bytea as \x
 * hex, decimal and json text, enums by their database value, and lists as PostgreSQL
 * array literals with every element quoted. The SQL itself casts each parameter to the
 * column's type, so the text never needs a type OID.
 */
#include "runtime/runtime_int.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void shale_params__reset(shale_params *p)
{
    p->n = 0;
    p->text.len = 0;
    p->text.oom = false;
    p->bad = NULL;
}

void shale_params__free(shale_params *p)
{
    shale_buf_free(&p->text);
    free(p->off);
    free(p->vals);
    p->off = NULL;
    p->vals = NULL;
    p->n = p->cap = 0;
}

static int grow(shale_params *p)
{
    if (p->n < p->cap) return 0;
    size_t cap = p->cap ? p->cap * 2 : 16;
    if (cap > 65535) cap = 65535 + 1; /* PostgreSQL's limit on parameters */
    if (p->n >= cap) return -1;
    size_t *off = realloc(p->off, cap * sizeof *off);
    if (!off) return -1;
    p->off = off;
    const char **vals = realloc(p->vals, cap * sizeof *vals);
    if (!vals) return -1;
    p->vals = vals;
    p->cap = cap;
    return 0;
}

int shale_params__add_null(shale_params *p)
{
    if (grow(p) < 0) return 0;
    p->off[p->n++] = SIZE_MAX;
    return (int)p->n;
}

int shale_params__begin(shale_params *p)
{
    if (grow(p) < 0) return 0;
    p->off[p->n++] = p->text.len;
    return (int)p->n;
}

void shale_params__end(shale_params *p) { shale_buf_put(&p->text, "", 1); }

int shale_params__add_text(shale_params *p, const char *s)
{
    int n = shale_params__begin(p);
    if (n) {
        shale_buf_puts(&p->text, s);
        shale_params__end(p);
    }
    return n;
}

void shale_param__hex(shale_buf *b, const uint8_t *data, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    if (len > (SIZE_MAX - 3) / 2 || shale_buf_reserve(b, 2 + 2 * len) < 0) return;
    char *o = b->ptr + b->len;
    *o++ = '\\';
    *o++ = 'x';
    for (size_t i = 0; i < len; i++) {
        *o++ = hex[data[i] >> 4];
        *o++ = hex[data[i] & 15];
    }
    b->len += 2 + 2 * len;
    b->ptr[b->len] = '\0';
}

void shale_param__double(shale_buf *b, double v)
{
    if (isnan(v)) shale_buf_puts(b, "NaN");
    else if (isinf(v)) shale_buf_puts(b, v < 0 ? "-Infinity" : "Infinity");
    else shale_buf_printf(b, "%.17g", v);
}

void shale_param__array_elem(shale_buf *b, const char *s, size_t n)
{
    shale_buf_putc(b, '"');
    size_t start = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"' || s[i] == '\\') {
            shale_buf_put(b, s + start, i - start);
            shale_buf_putc(b, '\\');
            start = i;
        }
    }
    shale_buf_put(b, s + start, n - start);
    shale_buf_putc(b, '"');
}

int shale_param__encode_scalar(shale_buf *b, const shale_field_desc *f, const void *v)
{
    char tmp[48];
    switch (f->type) {
    case SHALE_T_STRING:
    case SHALE_T_DECIMAL: /* shale_decimal and shale_json are one pointer */
    case SHALE_T_JSON: {
        const char *s;
        memcpy(&s, v, sizeof s);
        if (!s) return SHALE_EINVAL;
        shale_buf_puts(b, s);
        return 0;
    }
    case SHALE_T_INT: {
        int32_t x;
        memcpy(&x, v, sizeof x);
        shale_buf_printf(b, "%" PRId32, x);
        return 0;
    }
    case SHALE_T_BIGINT: {
        int64_t x;
        memcpy(&x, v, sizeof x);
        shale_buf_printf(b, "%" PRId64, x);
        return 0;
    }
    case SHALE_T_FLOAT: {
        double x;
        memcpy(&x, v, sizeof x);
        shale_param__double(b, x);
        return 0;
    }
    case SHALE_T_BOOL: shale_buf_puts(b, *(const bool *)v ? "true" : "false"); return 0;
    case SHALE_T_DATETIME: {
        shale_datetime t;
        memcpy(&t, v, sizeof t);
        shale_datetime_format(tmp, sizeof tmp, t);
        /* time and timetz columns (@db.Time, @db.Timetz) take only the time of day,
         * which PostgreSQL's time input refuses next to a date and a Z. */
        const char *st = f->sql_type ? f->sql_type : "";
        char *tpos = strchr(tmp, 'T');
        if (strncmp(st, "time", 4) == 0 && strncmp(st, "timestamp", 9) != 0 && tpos) {
            size_t n = strlen(tpos + 1) - 1; /* without the Z */
            shale_buf_put(b, tpos + 1, n);
            if (strncmp(st, "timetz", 6) == 0 || strstr(st, "with time zone")) shale_buf_puts(b, "+00");
            return 0;
        }
        shale_buf_puts(b, tmp);
        return 0;
    }
    case SHALE_T_BYTES: {
        shale_bytes x;
        memcpy(&x, v, sizeof x);
        if (!x.data && x.len) return SHALE_EINVAL;
        shale_param__hex(b, x.data, x.len);
        return 0;
    }
    case SHALE_T_ENUM: {
        int x;
        memcpy(&x, v, sizeof x);
        const char *name = shale_enum_name(f->enum_desc, x);
        if (!name) return SHALE_EINVAL;
        shale_buf_puts(b, name);
        return 0;
    }
    default: return SHALE_EINVAL;
    }
}

/* The size of one element of a list of f's type. */
static size_t elem_size(const shale_field_desc *f)
{
    switch (f->type) {
    case SHALE_T_STRING: return sizeof(const char *);
    case SHALE_T_INT: return sizeof(int32_t);
    case SHALE_T_BIGINT: return sizeof(int64_t);
    case SHALE_T_FLOAT: return sizeof(double);
    case SHALE_T_DECIMAL: return sizeof(shale_decimal);
    case SHALE_T_BOOL: return sizeof(bool);
    case SHALE_T_DATETIME: return sizeof(shale_datetime);
    case SHALE_T_JSON: return sizeof(shale_json);
    case SHALE_T_BYTES: return sizeof(shale_bytes);
    case SHALE_T_ENUM: return sizeof(int);
    default: return 0;
    }
}

int shale_param__encode(shale_buf *b, const shale_field_desc *f, const void *v)
{
    if (!(f->flags & SHALE_F_LIST)) return shale_param__encode_scalar(b, f, v);
    /* Every shale_<t>_list is {size_t len; const T *items;}. */
    shale_str_list l;
    memcpy(&l, v, sizeof l);
    const char *items = (const char *)l.items;
    size_t es = elem_size(f);
    if (!items && l.len) return SHALE_EINVAL;
    shale_buf_putc(b, '{');
    for (size_t i = 0; i < l.len; i++) {
        if (i) shale_buf_putc(b, ',');
        const void *e = items + i * es;
        if (f->type == SHALE_T_STRING || f->type == SHALE_T_DECIMAL || f->type == SHALE_T_JSON) {
            const char *s;
            memcpy(&s, e, sizeof s);
            if (!s) {
                shale_buf_puts(b, "NULL");
                continue;
            }
            shale_param__array_elem(b, s, strlen(s));
            continue;
        }
        /* Encode the element alone, then quote it. */
        size_t at = b->len;
        int rc = shale_param__encode_scalar(b, f, e);
        if (rc < 0) return rc;
        if (b->oom) return SHALE_ENOMEM;
        size_t n = b->len - at;
        char small[64], *copy = n < sizeof small ? small : malloc(n + 1);
        if (!copy) return SHALE_ENOMEM;
        memcpy(copy, b->ptr + at, n);
        b->len = at;
        shale_param__array_elem(b, copy, n);
        if (copy != small) free(copy);
    }
    shale_buf_putc(b, '}');
    return b->oom ? SHALE_ENOMEM : 0;
}

const void *shale_param__value(const shale_field_desc *f, const void *base, bool opt, bool *is_null)
{
    const char *p = base;
    *is_null = false;
    if (f->flags & SHALE_F_LIST) {
        shale_str_list l;
        memcpy(&l, p, sizeof l);
        *is_null = opt && !l.items && l.len == 0;
        return p;
    }
    switch (f->type) {
    case SHALE_T_STRING:
    case SHALE_T_DECIMAL:
    case SHALE_T_JSON: {
        const char *s;
        memcpy(&s, p, sizeof s);
        *is_null = s == NULL;
        return p;
    }
    case SHALE_T_ENUM: {
        int x;
        memcpy(&x, p, sizeof x);
        *is_null = x == 0;
        return p;
    }
    default: break;
    }
    if (!opt) return p;
    *is_null = !*(const bool *)p;
    switch (f->type) {
    case SHALE_T_INT: return p + offsetof(shale_opt_i32, v);
    case SHALE_T_BIGINT: return p + offsetof(shale_opt_i64, v);
    case SHALE_T_FLOAT: return p + offsetof(shale_opt_f64, v);
    case SHALE_T_BOOL: return p + offsetof(shale_opt_bool, v);
    case SHALE_T_DATETIME: return p + offsetof(shale_opt_datetime, v);
    case SHALE_T_BYTES: return p + offsetof(shale_opt_bytes, v);
    default: return p;
    }
}
