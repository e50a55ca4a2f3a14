/* pull_field.c - the parts of a pulled field that come from a column's type and default:
 * the Prisma scalar, the `@db.*` attribute (only when the type is not the scalar's
 * default), `@default(...)` and operator class names; also the arguments of keys,
 * indexes and relations (fields, map:, type:, where:, referential actions). Part of
 * `db pull` (pull.h).
 *
 * Spelled so that the pulled schema lowers to the IR it was pulled from (tests/pull.sh
 * diffs the two), which is where shale parts from Prisma's text: CHAR and BIT keep no
 * length, and DateTime and BigInt[] defaults are written as values where Prisma writes
 * dbgenerated("'...'::timestamp without time zone") (shale's introspection reads them
 * as values, and a value does not diff equal to an expression). */
#include "pull_int.h"

#include "schema.h"
#include "sql_literal.h"

#include <stdio.h>
#include <string.h>

void shale_pull__string(shale_buf *b, shale_str s)
{
    shale_buf_putc(b, '"');
    size_t from = 0;
    for (size_t i = 0; i < s.len; i++) {
        unsigned char ch = (unsigned char)s.ptr[i];
        const char *esc = NULL;
        char u[8];
        switch (ch) {
        case '\t': esc = "\\t"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        case '"': esc = "\\\""; break;
        case '\\': esc = "\\\\"; break;
        default:
            if (ch < 0x20 || ch == 0x7f) { /* Rust's is_ascii_control() */
                snprintf(u, sizeof u, "\\u%04x", ch);
                esc = u;
            }
        }
        if (!esc) continue;
        shale_buf_put(b, s.ptr + from, i - from);
        shale_buf_puts(b, esc);
        from = i + 1;
    }
    shale_buf_put(b, s.ptr + from, s.len - from);
    shale_buf_putc(b, '"');
}

/* ---- types ------------------------------------------------------------------------------ */

void shale_pull__native(shale_buf *b, const shale_ir_type *t, shale_str prefix)
{
    const char *name = NULL;
    switch ((shale_ir_type_kind)t->kind) {
    case SHALE_IR_TYPE_VARCHAR: name = "VarChar"; break;
    case SHALE_IR_TYPE_CHAR: name = "Char"; break;
    case SHALE_IR_TYPE_UUID: name = "Uuid"; break;
    case SHALE_IR_TYPE_XML: name = "Xml"; break;
    case SHALE_IR_TYPE_INET: name = "Inet"; break;
    case SHALE_IR_TYPE_CITEXT: name = "Citext"; break;
    case SHALE_IR_TYPE_BIT: name = "Bit"; break;
    case SHALE_IR_TYPE_VARBIT: name = "VarBit"; break;
    case SHALE_IR_TYPE_SMALLINT: name = "SmallInt"; break;
    case SHALE_IR_TYPE_OID: name = "Oid"; break;
    case SHALE_IR_TYPE_REAL: name = "Real"; break;
    case SHALE_IR_TYPE_DECIMAL:
        if (!(t->n_args == 2 && t->args[0] == 65 && t->args[1] == 30)) name = "Decimal";
        break;
    case SHALE_IR_TYPE_MONEY: name = "Money"; break;
    case SHALE_IR_TYPE_TIMESTAMP:
        if (!(t->n_args == 1 && t->args[0] == 3)) name = "Timestamp";
        break;
    case SHALE_IR_TYPE_TIMESTAMPTZ: name = "Timestamptz"; break;
    case SHALE_IR_TYPE_DATE: name = "Date"; break;
    case SHALE_IR_TYPE_TIME: name = "Time"; break;
    case SHALE_IR_TYPE_TIMETZ: name = "Timetz"; break;
    case SHALE_IR_TYPE_JSON: name = "Json"; break;
    default: break; /* TEXT, INTEGER, BIGINT, DOUBLE, JSONB, BYTEA, BOOLEAN: the defaults */
    }
    if (!name) return;
    shale_buf_printf(b, " @%.*s.%s", (int)prefix.len, prefix.ptr, name);
    /* A time type without a precision has PostgreSQL's default, 6, and Prisma writes it
     * (the differ takes the two spellings as the same type). Other types written without
     * their modifier stay that way: CHAR is CHAR(1), but `@db.Char(1)` and `@db.Char`
     * are different types to the differ, and the database's column is the latter. */
    bool timeish = t->kind == SHALE_IR_TYPE_TIMESTAMP || t->kind == SHALE_IR_TYPE_TIMESTAMPTZ ||
                   t->kind == SHALE_IR_TYPE_TIME || t->kind == SHALE_IR_TYPE_TIMETZ;
    if (t->n_args == 0 && timeish) shale_buf_puts(b, "(6)");
    if (t->n_args == 1) shale_buf_printf(b, "(%u)", (unsigned)t->args[0]);
    if (t->n_args == 2) shale_buf_printf(b, "(%u, %u)", (unsigned)t->args[0], (unsigned)t->args[1]);
}

/* ---- defaults ----------------------------------------------------------------------------- */

static bool digits(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] < '0' || p[i] > '9') return false;
    return true;
}

/* A date/time value as PostgreSQL prints it ("2020-01-01 10:11:12.5+02", "10:11:12",
 * "2020-01-01") as the RFC 3339 text a DateTime default takes. Times get the date
 * 1970-01-01, values without an offset the offset Z. False for what has no such form
 * (BC dates, infinity, years past 9999, offsets with seconds). */
static bool rfc3339(shale_buf *b, uint8_t kind, shale_str v)
{
    const char *p = v.ptr, *end = v.ptr + v.len;
    char date[11] = "1970-01-01";
    bool has_date = kind == SHALE_IR_TYPE_TIMESTAMP || kind == SHALE_IR_TYPE_TIMESTAMPTZ || kind == SHALE_IR_TYPE_DATE;
    if (has_date) {
        if (end - p < 10 || !digits(p, 4) || p[4] != '-' || !digits(p + 5, 2) || p[7] != '-' || !digits(p + 8, 2))
            return false;
        memcpy(date, p, 10);
        p += 10;
        if (kind == SHALE_IR_TYPE_DATE) {
            if (p != end) return false;
            shale_buf_printf(b, "%sT00:00:00Z", date);
            return true;
        }
        if (p == end || *p != ' ') return false;
        p++;
    }
    const char *time = p;
    if (end - p < 8 || !digits(p, 2) || p[2] != ':' || !digits(p + 3, 2) || p[5] != ':' || !digits(p + 6, 2))
        return false;
    p += 8;
    if (p < end && *p == '.') {
        const char *f = ++p;
        while (p < end && *p >= '0' && *p <= '9') p++;
        if (p == f) return false;
    }
    size_t time_len = (size_t)(p - time);
    char zone[7] = "Z";
    if (p < end) {
        /* +HH, +HH:MM (seconds in an offset have no RFC 3339 form) */
        if ((*p != '+' && *p != '-') || end - p < 3 || !digits(p + 1, 2)) return false;
        zone[0] = *p;
        memcpy(zone + 1, p + 1, 2);
        memcpy(zone + 3, ":00", 4);
        p += 3;
        if (p < end) {
            if (end - p != 3 || *p != ':' || !digits(p + 1, 2)) return false;
            memcpy(zone + 4, p + 1, 2);
            p += 3;
        }
    }
    shale_buf_printf(b, "%sT%.*s%s", date, (int)time_len, time, zone);
    return true;
}

/* PostgreSQL's name of a date/time type, as pg_get_expr() writes it in casts. */
static const char *datetime_sql(uint8_t kind)
{
    switch (kind) {
    case SHALE_IR_TYPE_TIMESTAMPTZ: return "timestamp with time zone";
    case SHALE_IR_TYPE_DATE: return "date";
    case SHALE_IR_TYPE_TIME: return "time without time zone";
    case SHALE_IR_TYPE_TIMETZ: return "time with time zone";
    default: return "timestamp without time zone";
    }
}

/* A number with an exponent (1.5e+20, as PostgreSQL prints large floats) in the plain
 * form PSL numbers have. False when it is already plain or too large to spell out. */
static bool plain_number(shale_buf *b, shale_str s)
{
    size_t e = 0;
    while (e < s.len && s.ptr[e] != 'e' && s.ptr[e] != 'E') e++;
    if (e == s.len) return false;
    long exp = 0;
    size_t i = e + 1;
    bool eneg = i < s.len && s.ptr[i] == '-';
    if (i < s.len && (s.ptr[i] == '-' || s.ptr[i] == '+')) i++;
    for (; i < s.len; i++) {
        if (s.ptr[i] < '0' || s.ptr[i] > '9' || exp > 400) return false;
        exp = exp * 10 + (s.ptr[i] - '0');
    }
    if (eneg) exp = -exp;
    /* The mantissa's digits and where its point sits. */
    char dig[64];
    size_t nd = 0, k = 0;
    bool neg = false;
    long point = -1;
    if (k < e && (s.ptr[k] == '-' || s.ptr[k] == '+')) neg = s.ptr[k++] == '-';
    for (; k < e; k++) {
        if (s.ptr[k] == '.') point = (long)nd;
        else if (nd < sizeof dig) dig[nd++] = s.ptr[k];
        else return false;
    }
    if (point < 0) point = (long)nd;
    point += exp;
    if (nd == 0) return false;
    if (neg) shale_buf_putc(b, '-');
    if (point <= 0) {
        shale_buf_puts(b, "0.");
        shale_buf_fill(b, '0', (size_t)-point);
        shale_buf_put(b, dig, nd);
    } else if ((size_t)point >= nd) {
        shale_buf_put(b, dig, nd);
        shale_buf_fill(b, '0', (size_t)point - nd);
    } else {
        shale_buf_put(b, dig, (size_t)point);
        shale_buf_putc(b, '.');
        shale_buf_put(b, dig + point, nd - (size_t)point);
    }
    return true;
}

static void base64(shale_buf *b, shale_str s)
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const unsigned char *p = (const unsigned char *)s.ptr;
    shale_buf_putc(b, '"');
    for (size_t i = 0; i < s.len; i += 3) {
        unsigned v = (unsigned)p[i] << 16;
        if (i + 1 < s.len) v |= (unsigned)p[i + 1] << 8;
        if (i + 2 < s.len) v |= p[i + 2];
        char q[4] = {alphabet[(v >> 18) & 63], alphabet[(v >> 12) & 63], alphabet[(v >> 6) & 63], alphabet[v & 63]};
        if (i + 1 >= s.len) q[2] = '=';
        if (i + 2 >= s.len) q[3] = '=';
        shale_buf_put(b, q, 4);
    }
    shale_buf_putc(b, '"');
}

/* One value (a scalar default or a list item) in PSL. */
static void value(shale_buf *b, const shale_ir_column *col, const shale_ir_default *d, const shale_ir_enum *e,
                  const shale_str *enum_names)
{
    switch ((shale_ir_default_kind)d->kind) {
    case SHALE_IR_DEFAULT_NUMBER:
        if (!plain_number(b, d->text)) shale_buf_put(b, d->text.ptr, d->text.len);
        return;
    case SHALE_IR_DEFAULT_BOOLEAN: shale_buf_put(b, d->text.ptr, d->text.len); return;
    case SHALE_IR_DEFAULT_ENUM:
        for (uint32_t i = 0; e && enum_names && i < e->n_values; i++)
            if (shale_str_same(e->values[i], d->text)) {
                shale_buf_put(b, enum_names[i].ptr, enum_names[i].len);
                return;
            }
        shale_buf_put(b, d->text.ptr, d->text.len);
        return;
    case SHALE_IR_DEFAULT_BYTES: base64(b, d->text); return;
    case SHALE_IR_DEFAULT_DATETIME: {
        shale_buf t = SHALE_BUF_INIT;
        if (rfc3339(&t, col->type.kind, d->text) && !t.oom) {
            shale_pull__string(b, (shale_str){t.ptr, t.len});
        } else {
            /* No RFC 3339 form: the expression PostgreSQL has, as Prisma writes it. */
            t.len = 0;
            shale_sql_put_string(&t, d->text);
            shale_buf_printf(&t, "::%s", datetime_sql(col->type.kind));
            shale_buf_puts(b, "dbgenerated(");
            shale_pull__string(b, (shale_str){t.ptr ? t.ptr : "", t.len});
            shale_buf_putc(b, ')');
        }
        if (t.oom) b->oom = true;
        shale_buf_free(&t);
        return;
    }
    case SHALE_IR_DEFAULT_STRING:
    case SHALE_IR_DEFAULT_JSON:
    default: shale_pull__string(b, d->text); return;
    }
}

void shale_pull__default(shale_buf *b, const shale_ir_column *col, const shale_ir_enum *e, const shale_str *enum_names)
{
    const shale_ir_default *d = col->def;
    if (col->autoincrement && !d) {
        shale_buf_puts(b, " @default(autoincrement())");
        return;
    }
    if (!d || d->kind == SHALE_IR_DEFAULT_SEQUENCE) return;
    shale_buf_puts(b, " @default(");
    switch ((shale_ir_default_kind)d->kind) {
    case SHALE_IR_DEFAULT_NOW: shale_buf_puts(b, "now()"); break;
    case SHALE_IR_DEFAULT_DBGENERATED:
        shale_buf_puts(b, "dbgenerated(");
        if (d->text.len) shale_pull__string(b, d->text);
        shale_buf_putc(b, ')');
        break;
    case SHALE_IR_DEFAULT_LIST:
        shale_buf_putc(b, '[');
        for (uint32_t i = 0; i < d->n_items; i++) {
            if (i) shale_buf_puts(b, ", ");
            value(b, col, &d->items[i], e, enum_names);
        }
        shale_buf_putc(b, ']');
        break;
    default: value(b, col, d, e, enum_names); break;
    }
    shale_buf_putc(b, ')');
}

/* ---- operator classes ------------------------------------------------------------------------ */

void shale_pull__ops(shale_buf *b, shale_str sql)
{
    /* Prisma's names are the SQL name's words capitalised ("jsonb_path_ops" ->
     * "JsonbPathOps"), with a few words spelled its own way. The guess is checked
     * against the validator's table, so only names Prisma knows are written bare. */
    static const struct {
        const char *word, *spelled;
    } words[] = {{"minmax", "MinMax"}, {"timestamptz", "TimestampTz"}, {"timetz", "TimeTz"}, {"varbit", "VarBit"}};
    char name[96];
    size_t n = 0;
    bool ok = sql.len < 64;
    for (size_t i = 0; ok && i < sql.len;) {
        size_t j = i;
        while (j < sql.len && sql.ptr[j] != '_') j++;
        size_t wl = j - i;
        const char *spelled = NULL;
        for (size_t k = 0; k < sizeof words / sizeof *words; k++)
            if (strlen(words[k].word) == wl && memcmp(words[k].word, sql.ptr + i, wl) == 0) spelled = words[k].spelled;
        if (wl == 0) ok = false;
        else if (spelled) {
            memcpy(name + n, spelled, strlen(spelled));
            n += strlen(spelled);
        } else {
            memcpy(name + n, sql.ptr + i, wl);
            if (name[n] >= 'a' && name[n] <= 'z') name[n] = (char)(name[n] - 'a' + 'A');
            n += wl;
        }
        i = j < sql.len ? j + 1 : j;
    }
    const char *known = ok ? shale_opclass_sql((shale_str){name, n}) : NULL;
    if (known && strlen(known) == sql.len && memcmp(known, sql.ptr, sql.len) == 0) {
        shale_buf_put(b, name, n);
        return;
    }
    shale_buf_puts(b, "raw(");
    shale_pull__string(b, sql);
    shale_buf_putc(b, ')');
}

/* ---- key, index and relation arguments ---- */

void shale_pull__map_arg(shale_buf *b, bool *first, shale_str map)
{
    shale_buf_puts(b, *first ? "map: " : ", map: ");
    shale_pull__string(b, map);
    *first = false;
}

/* The fields of an index: name(sort: Desc, ops: X). */
void shale_pull__index_fields(shale_buf *b, const shale_ir_index_column *cols, uint32_t n, const shale_str *names)
{
    shale_buf_putc(b, '[');
    for (uint32_t i = 0; i < n; i++) {
        if (i) shale_buf_puts(b, ", ");
        shale_buf_put(b, names[cols[i].column].ptr, names[cols[i].column].len);
        bool desc = cols[i].sort == SHALE_IR_SORT_DESC, ops = cols[i].opclass.len > 0;
        if (!desc && !ops) continue;
        shale_buf_putc(b, '(');
        if (desc) shale_buf_puts(b, "sort: Desc");
        if (ops) {
            shale_buf_puts(b, desc ? ", ops: " : "ops: ");
            shale_pull__ops(b, cols[i].opclass);
        }
        shale_buf_putc(b, ')');
    }
    shale_buf_putc(b, ']');
}

const char *shale_pull__method(uint8_t m)
{
    switch (m) {
    case SHALE_IR_HASH: return "Hash";
    case SHALE_IR_GIST: return "Gist";
    case SHALE_IR_GIN: return "Gin";
    case SHALE_IR_SPGIST: return "SpGist";
    case SHALE_IR_BRIN: return "Brin";
    default: return NULL;
    }
}

void shale_pull__where(shale_buf *b, const shale_ir_index *ix, bool first)
{
    if (!ix->where.len) return;
    shale_buf_puts(b, first ? "where: raw(" : ", where: raw(");
    shale_pull__string(b, ix->where);
    shale_buf_putc(b, ')');
}

const char *shale_pull__action(uint8_t a)
{
    switch (a) {
    case SHALE_IR_CASCADE: return "Cascade";
    case SHALE_IR_RESTRICT: return "Restrict";
    case SHALE_IR_SET_NULL: return "SetNull";
    case SHALE_IR_SET_DEFAULT: return "SetDefault";
    default: return "NoAction";
    }
}
