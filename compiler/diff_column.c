/* diff_column.c - how one column changes: the cast a type change needs and whether two
 * defaults are the same. Both follow Prisma's schema engine rule for rule (its
 * PostgreSQL differ's cast table and its default comparison), because the verdicts
 * decide the SQL: a type change with no cast becomes DROP COLUMN + ADD COLUMN, a
 * default that "changed" becomes SET DEFAULT. Where Prisma's rule looks odd (the
 * unsupported-type case below) it is kept: the SQL must be byte-identical. */
#include "diff.h"

#include <jansson.h>
#include <string.h>

/* ---- casts ---------------------------------------------------------------------------- */

/* A type's optional argument, as Prisma models it: VARCHAR and VARCHAR(n) differ. */
static bool has_arg(const shale_ir_type *t) { return t->n_args > 0; }
static uint32_t arg(const shale_ir_type *t) { return t->args[0]; }

static bool is_stringy(uint8_t k) { return k == SHALE_IR_TYPE_VARCHAR || k == SHALE_IR_TYPE_CHAR; }

/* VARCHAR(n)/CHAR(n) from a number of at most `digits` characters: CHAR without a
 * length is one character, VARCHAR without one unlimited. */
static shale_cast number_to_string(const shale_ir_type *n, uint32_t min_len)
{
    if (has_arg(n)) return arg(n) < min_len ? SHALE_CAST_RISKY : SHALE_CAST_SAFE;
    return n->kind == SHALE_IR_TYPE_CHAR ? SHALE_CAST_RISKY : SHALE_CAST_SAFE;
}

static shale_cast from_integer(const shale_ir_type *p, const shale_ir_type *n, uint32_t rank, uint32_t digits,
                               uint32_t str_len)
{
    /* rank: 0 SMALLINT, 1 INTEGER, 2 BIGINT */
    switch (n->kind) {
    case SHALE_IR_TYPE_SMALLINT: return rank > 0 ? SHALE_CAST_RISKY : SHALE_CAST_NONE;
    case SHALE_IR_TYPE_INTEGER: return rank > 1 ? SHALE_CAST_RISKY : SHALE_CAST_SAFE;
    case SHALE_IR_TYPE_BIGINT: return SHALE_CAST_SAFE;
    case SHALE_IR_TYPE_DECIMAL:
        if (n->n_args == 2 && (int64_t)n->args[0] - (int64_t)n->args[1] < (int64_t)digits) return SHALE_CAST_RISKY;
        return SHALE_CAST_SAFE;
    case SHALE_IR_TYPE_REAL:
    case SHALE_IR_TYPE_DOUBLE:
    case SHALE_IR_TYPE_TEXT: return SHALE_CAST_SAFE;
    case SHALE_IR_TYPE_VARCHAR:
    case SHALE_IR_TYPE_CHAR: return number_to_string(n, str_len);
    default: (void)p; return SHALE_CAST_NOT_CASTABLE;
    }
}

static shale_cast from_decimal(const shale_ir_type *p, const shale_ir_type *n)
{
    bool pa = p->n_args == 2;
    int64_t pp = pa ? p->args[0] : 0, ps = pa ? p->args[1] : 0;
    switch (n->kind) {
    case SHALE_IR_TYPE_SMALLINT:
    case SHALE_IR_TYPE_INTEGER:
    case SHALE_IR_TYPE_BIGINT: {
        int64_t max = n->kind == SHALE_IR_TYPE_SMALLINT ? 2 : n->kind == SHALE_IR_TYPE_INTEGER ? 9 : 18;
        if (!pa || ps > 0 || pp > max) return SHALE_CAST_RISKY;
        return SHALE_CAST_SAFE;
    }
    case SHALE_IR_TYPE_DECIMAL: {
        bool na = n->n_args == 2;
        int64_t np = na ? n->args[0] : 0, ns = na ? n->args[1] : 0;
        if (pa && !na) return SHALE_CAST_SAFE;
        if (!pa && na) return (np < 131072 || ns < 16383) ? SHALE_CAST_RISKY : SHALE_CAST_SAFE;
        if (pa && na && (pp - ps > np - ns || ps > ns)) return SHALE_CAST_RISKY;
        return SHALE_CAST_SAFE;
    }
    case SHALE_IR_TYPE_REAL:
    case SHALE_IR_TYPE_DOUBLE: return SHALE_CAST_RISKY;
    case SHALE_IR_TYPE_VARCHAR:
    case SHALE_IR_TYPE_CHAR:
        if (has_arg(n)) {
            int64_t len = arg(n);
            if (pa && ps == 0 && pp + 1 > len) return SHALE_CAST_RISKY;
            if (pa && ps > 0 && pp + 2 > len) return SHALE_CAST_RISKY;
            if (!pa && len < 131073) return SHALE_CAST_RISKY;
            return SHALE_CAST_SAFE;
        }
        return n->kind == SHALE_IR_TYPE_CHAR ? SHALE_CAST_RISKY : SHALE_CAST_SAFE;
    case SHALE_IR_TYPE_TEXT: return SHALE_CAST_SAFE;
    default: return SHALE_CAST_NOT_CASTABLE;
    }
}

static shale_cast from_float(const shale_ir_type *p, const shale_ir_type *n)
{
    bool dbl = p->kind == SHALE_IR_TYPE_DOUBLE;
    switch (n->kind) {
    case SHALE_IR_TYPE_SMALLINT:
    case SHALE_IR_TYPE_INTEGER:
    case SHALE_IR_TYPE_BIGINT:
    case SHALE_IR_TYPE_DECIMAL: return SHALE_CAST_RISKY;
    case SHALE_IR_TYPE_REAL: return dbl ? SHALE_CAST_RISKY : SHALE_CAST_SAFE;
    case SHALE_IR_TYPE_DOUBLE:
    case SHALE_IR_TYPE_TEXT: return SHALE_CAST_SAFE;
    case SHALE_IR_TYPE_VARCHAR:
    case SHALE_IR_TYPE_CHAR: return number_to_string(n, dbl ? 317 : 47);
    default: return SHALE_CAST_NOT_CASTABLE;
    }
}

/* VARCHAR/CHAR to VARCHAR/CHAR. */
static shale_cast string_to_string(const shale_ir_type *p, const shale_ir_type *n)
{
    bool to_char = n->kind == SHALE_IR_TYPE_CHAR;
    if (p->kind == SHALE_IR_TYPE_CHAR && !has_arg(p)) return SHALE_CAST_SAFE;
    if (!has_arg(p) && !has_arg(n)) return to_char ? SHALE_CAST_RISKY : SHALE_CAST_SAFE;
    if (!has_arg(p)) return SHALE_CAST_RISKY;
    if (!has_arg(n)) {
        if (arg(p) == 1) return SHALE_CAST_SAFE;
        return to_char ? SHALE_CAST_RISKY : SHALE_CAST_SAFE;
    }
    return arg(p) > arg(n) ? SHALE_CAST_RISKY : SHALE_CAST_SAFE;
}

/* TEXT or VARCHAR without a length: anything with a text form goes there safely. */
static bool is_unbounded_text(const shale_ir_type *n)
{
    return n->kind == SHALE_IR_TYPE_TEXT || (n->kind == SHALE_IR_TYPE_VARCHAR && !has_arg(n));
}

/* Date and time types: same family with the same (or an unsaid) precision is no
 * change at all; the rest of the family converts. */
static shale_cast from_datetime(const shale_ir_type *p, const shale_ir_type *n, uint32_t str_len)
{
    if (is_unbounded_text(n)) return SHALE_CAST_SAFE;
    if (is_stringy(n->kind) && has_arg(n) && arg(n) > str_len) return SHALE_CAST_SAFE;
    if (n->kind == p->kind && p->kind != SHALE_IR_TYPE_DATE) {
        if (!has_arg(n)) return SHALE_CAST_NONE;
        if (!has_arg(p) || arg(p) == arg(n)) return SHALE_CAST_NONE;
    }
    switch (p->kind) {
    case SHALE_IR_TYPE_TIMESTAMP:
    case SHALE_IR_TYPE_TIMESTAMPTZ:
        switch (n->kind) {
        case SHALE_IR_TYPE_TIMESTAMP:
        case SHALE_IR_TYPE_TIMESTAMPTZ:
        case SHALE_IR_TYPE_DATE:
        case SHALE_IR_TYPE_TIME:
        case SHALE_IR_TYPE_TIMETZ: return SHALE_CAST_SAFE;
        default: return SHALE_CAST_NOT_CASTABLE;
        }
    case SHALE_IR_TYPE_DATE:
        return n->kind == SHALE_IR_TYPE_TIMESTAMP || n->kind == SHALE_IR_TYPE_TIMESTAMPTZ ? SHALE_CAST_SAFE
                                                                                           : SHALE_CAST_NOT_CASTABLE;
    case SHALE_IR_TYPE_TIME: return n->kind == SHALE_IR_TYPE_TIMETZ ? SHALE_CAST_SAFE : SHALE_CAST_NOT_CASTABLE;
    default: /* TIMETZ */
        return n->kind == SHALE_IR_TYPE_TIMETZ || n->kind == SHALE_IR_TYPE_TIME ? SHALE_CAST_SAFE
                                                                                 : SHALE_CAST_NOT_CASTABLE;
    }
}

static shale_cast from_bits(const shale_ir_type *p, const shale_ir_type *n)
{
    bool bit = p->kind == SHALE_IR_TYPE_BIT;
    if (bit && !has_arg(p)) {
        return n->kind == SHALE_IR_TYPE_TEXT || is_stringy(n->kind) || n->kind == SHALE_IR_TYPE_VARBIT
                   ? SHALE_CAST_SAFE
                   : SHALE_CAST_NOT_CASTABLE;
    }
    if (bit) {
        uint32_t len = arg(p);
        if (is_unbounded_text(n) || (n->kind == SHALE_IR_TYPE_VARBIT && !has_arg(n))) return SHALE_CAST_SAFE;
        if ((n->kind == SHALE_IR_TYPE_VARCHAR || n->kind == SHALE_IR_TYPE_VARBIT || n->kind == SHALE_IR_TYPE_CHAR) &&
            has_arg(n) && arg(n) >= len)
            return SHALE_CAST_SAFE;
        return SHALE_CAST_NOT_CASTABLE;
    }
    if (!has_arg(p)) { /* VARBIT */
        if (is_unbounded_text(n)) return SHALE_CAST_SAFE;
        if (is_stringy(n->kind) || n->kind == SHALE_IR_TYPE_BIT) return SHALE_CAST_RISKY;
        return SHALE_CAST_NOT_CASTABLE;
    }
    uint32_t len = arg(p); /* VARBIT(n) */
    if (is_unbounded_text(n) || (n->kind == SHALE_IR_TYPE_VARBIT && !has_arg(n))) return SHALE_CAST_SAFE;
    if (n->kind == SHALE_IR_TYPE_VARBIT && arg(n) > len) return SHALE_CAST_SAFE;
    if (is_stringy(n->kind) && has_arg(n) && arg(n) >= len) return SHALE_CAST_SAFE;
    if (n->kind == SHALE_IR_TYPE_BIT && (!has_arg(n) || arg(n) <= len)) return SHALE_CAST_RISKY;
    if (is_stringy(n->kind)) return SHALE_CAST_RISKY;
    return SHALE_CAST_NOT_CASTABLE;
}

static bool same_type(const shale_ir_type *p, const shale_ir_type *n)
{
    if (p->kind != n->kind || p->n_args != n->n_args) return false;
    for (uint32_t i = 0; i < p->n_args; i++)
        if (p->args[i] != n->args[i]) return false;
    return true;
}

/* Prisma's table of native type changes (its postgres schema differ). */
static shale_cast native_cast(const shale_ir_type *p, const shale_ir_type *n)
{
    if (same_type(p, n)) return SHALE_CAST_NONE;
    uint8_t nk = n->kind;
    switch (p->kind) {
    case SHALE_IR_TYPE_INET:
        return nk == SHALE_IR_TYPE_CITEXT || nk == SHALE_IR_TYPE_TEXT || nk == SHALE_IR_TYPE_VARCHAR
                   ? SHALE_CAST_SAFE
                   : SHALE_CAST_NOT_CASTABLE;
    case SHALE_IR_TYPE_MONEY:
        return nk == SHALE_IR_TYPE_CITEXT || nk == SHALE_IR_TYPE_TEXT || nk == SHALE_IR_TYPE_VARCHAR
                   ? SHALE_CAST_SAFE
                   : SHALE_CAST_RISKY;
    case SHALE_IR_TYPE_CITEXT:
        return nk == SHALE_IR_TYPE_TEXT || nk == SHALE_IR_TYPE_VARCHAR ? SHALE_CAST_SAFE : SHALE_CAST_RISKY;
    case SHALE_IR_TYPE_OID:
        return nk == SHALE_IR_TYPE_TEXT || nk == SHALE_IR_TYPE_VARCHAR || nk == SHALE_IR_TYPE_BIGINT ||
                       nk == SHALE_IR_TYPE_INTEGER
                   ? SHALE_CAST_SAFE
                   : SHALE_CAST_NOT_CASTABLE;
    case SHALE_IR_TYPE_SMALLINT: return from_integer(p, n, 0, 3, 4);
    case SHALE_IR_TYPE_INTEGER: return from_integer(p, n, 1, 10, 11);
    case SHALE_IR_TYPE_BIGINT: return from_integer(p, n, 2, 19, 20);
    case SHALE_IR_TYPE_DECIMAL: return from_decimal(p, n);
    case SHALE_IR_TYPE_REAL:
    case SHALE_IR_TYPE_DOUBLE: return from_float(p, n);
    case SHALE_IR_TYPE_VARCHAR:
        if (nk == SHALE_IR_TYPE_TEXT) return SHALE_CAST_SAFE;
        return is_stringy(nk) ? string_to_string(p, n) : SHALE_CAST_NOT_CASTABLE;
    case SHALE_IR_TYPE_CHAR:
        if (nk == SHALE_IR_TYPE_TEXT) return SHALE_CAST_SAFE;
        return is_stringy(nk) ? string_to_string(p, n) : SHALE_CAST_NOT_CASTABLE;
    case SHALE_IR_TYPE_TEXT:
        if (nk == SHALE_IR_TYPE_TEXT || (nk == SHALE_IR_TYPE_VARCHAR && !has_arg(n)) || nk == SHALE_IR_TYPE_CITEXT)
            return SHALE_CAST_SAFE;
        return is_stringy(nk) ? SHALE_CAST_RISKY : SHALE_CAST_NOT_CASTABLE;
    case SHALE_IR_TYPE_BYTEA:
        if (is_unbounded_text(n)) return SHALE_CAST_SAFE;
        return is_stringy(nk) && has_arg(n) && arg(n) > 2 ? SHALE_CAST_RISKY : SHALE_CAST_NOT_CASTABLE;
    case SHALE_IR_TYPE_TIMESTAMP: return from_datetime(p, n, 22);
    case SHALE_IR_TYPE_TIMESTAMPTZ: return from_datetime(p, n, 27);
    case SHALE_IR_TYPE_DATE: return from_datetime(p, n, 27);
    case SHALE_IR_TYPE_TIME: return from_datetime(p, n, 13);
    case SHALE_IR_TYPE_TIMETZ: return from_datetime(p, n, 18);
    case SHALE_IR_TYPE_BOOLEAN:
        if (nk == SHALE_IR_TYPE_TEXT || nk == SHALE_IR_TYPE_VARCHAR) return SHALE_CAST_SAFE;
        if (nk == SHALE_IR_TYPE_CHAR && has_arg(n) && arg(n) > 4) return SHALE_CAST_SAFE;
        if (nk == SHALE_IR_TYPE_CHAR && has_arg(n) && arg(n) > 3) return SHALE_CAST_RISKY;
        return SHALE_CAST_NOT_CASTABLE;
    case SHALE_IR_TYPE_BIT:
    case SHALE_IR_TYPE_VARBIT: return from_bits(p, n);
    case SHALE_IR_TYPE_UUID:
        if (is_unbounded_text(n)) return SHALE_CAST_SAFE;
        return is_stringy(nk) && has_arg(n) && arg(n) > 31 ? SHALE_CAST_SAFE : SHALE_CAST_NOT_CASTABLE;
    case SHALE_IR_TYPE_XML:
        if (is_unbounded_text(n)) return SHALE_CAST_SAFE;
        return is_stringy(nk) ? SHALE_CAST_RISKY : SHALE_CAST_NOT_CASTABLE;
    case SHALE_IR_TYPE_JSON:
    case SHALE_IR_TYPE_JSONB:
        if (is_unbounded_text(n) || nk == SHALE_IR_TYPE_JSON || nk == SHALE_IR_TYPE_JSONB) return SHALE_CAST_SAFE;
        return is_stringy(nk) ? SHALE_CAST_RISKY : SHALE_CAST_NOT_CASTABLE;
    default: return SHALE_CAST_NOT_CASTABLE;
    }
}

static bool same_enum(const shale_ir *pir, const shale_ir_type *p, const shale_ir *nir, const shale_ir_type *n)
{
    const shale_ir_enum *pe = &pir->enums[p->enum_index], *ne = &nir->enums[n->enum_index];
    return shale_str_same(pe->name, ne->name) &&
           shale_str_same(pir->namespaces[pe->namespace_index].name, nir->namespaces[ne->namespace_index].name);
}

shale_cast shale_diff_cast(const shale_ir *pir, const shale_ir_column *prev, const shale_ir *nir,
                           const shale_ir_column *next)
{
    const shale_ir_type *p = &prev->type, *n = &next->type;
    bool pe = p->kind == SHALE_IR_TYPE_ENUM, ne = n->kind == SHALE_IR_TYPE_ENUM;
    if (pe && ne) return same_enum(pir, p, nir, n) ? SHALE_CAST_NONE : SHALE_CAST_NOT_CASTABLE;
    if (pe || ne) return SHALE_CAST_NOT_CASTABLE;

    bool p_list = prev->arity == SHALE_IR_LIST, n_list = next->arity == SHALE_IR_LIST;
    bool pu = p->kind == SHALE_IR_TYPE_UNSUPPORTED, nu = n->kind == SHALE_IR_TYPE_UNSUPPORTED;
    if (p_list && !n_list) {
        /* A list becomes text when it goes to a text type (its array literal form). */
        if (n->kind == SHALE_IR_TYPE_TEXT || (n->kind == SHALE_IR_TYPE_VARCHAR && !has_arg(n)))
            return SHALE_CAST_SAFE;
        if (is_stringy(n->kind)) return SHALE_CAST_RISKY;
    }
    if (p_list != n_list) return SHALE_CAST_NOT_CASTABLE;
    if (!pu && !nu) return native_cast(p, n);
    /* Prisma compares the previous column's full type with itself here (a known slip
     * in its differ), so a change between two unsupported types is no change. */
    if (pu && nu) return SHALE_CAST_NONE;
    return SHALE_CAST_RISKY;
}

/* ---- defaults ------------------------------------------------------------------------- */

static bool is_value(uint8_t k)
{
    return k == SHALE_IR_DEFAULT_STRING || k == SHALE_IR_DEFAULT_ENUM || k == SHALE_IR_DEFAULT_JSON ||
           k == SHALE_IR_DEFAULT_DATETIME || k == SHALE_IR_DEFAULT_NUMBER || k == SHALE_IR_DEFAULT_BOOLEAN ||
           k == SHALE_IR_DEFAULT_BYTES || k == SHALE_IR_DEFAULT_LIST;
}

/* Unparsable JSON counts as equal, as in Prisma. */
static bool json_same(shale_str a, shale_str b)
{
    json_t *ja = json_loadb(a.ptr ? a.ptr : "", a.len, JSON_DECODE_ANY, NULL);
    json_t *jb = ja ? json_loadb(b.ptr ? b.ptr : "", b.len, JSON_DECODE_ANY, NULL) : NULL;
    bool same = !ja || !jb || json_equal(ja, jb);
    json_decref(ja);
    json_decref(jb);
    return same;
}

/* A number's text without sign, leading zeros and trailing fraction zeros, so that
 * 1.50 and 1.5, 007 and 7 compare equal (Prisma compares parsed numbers). */
static void number_parts(shale_str s, bool *neg, shale_str *intpart, shale_str *frac, bool *plain)
{
    size_t i = 0;
    *neg = false;
    *plain = true;
    if (i < s.len && (s.ptr[i] == '-' || s.ptr[i] == '+')) *neg = s.ptr[i++] == '-';
    while (i + 1 < s.len && s.ptr[i] == '0' && s.ptr[i + 1] != '.') i++;
    size_t start = i;
    while (i < s.len && s.ptr[i] >= '0' && s.ptr[i] <= '9') i++;
    *intpart = (shale_str){s.ptr + start, i - start};
    *frac = (shale_str){s.ptr + i, 0};
    if (i < s.len && s.ptr[i] == '.') {
        size_t f = ++i;
        while (i < s.len && s.ptr[i] >= '0' && s.ptr[i] <= '9') i++;
        size_t e = i;
        while (e > f && s.ptr[e - 1] == '0') e--;
        *frac = (shale_str){s.ptr + f, e - f};
    }
    if (i != s.len) *plain = false; /* exponents and the like: compare as text */
}

static bool numbers_same(shale_str a, shale_str b)
{
    bool na, nb, pa, pb;
    shale_str ia, fa, ib, fb;
    number_parts(a, &na, &ia, &fa, &pa);
    number_parts(b, &nb, &ib, &fb, &pb);
    if (!pa || !pb) return shale_str_same(a, b);
    bool zero_a = (ia.len == 0 || (ia.len == 1 && ia.ptr[0] == '0')) && fa.len == 0;
    bool zero_b = (ib.len == 0 || (ib.len == 1 && ib.ptr[0] == '0')) && fb.len == 0;
    if (zero_a || zero_b) return zero_a && zero_b;
    return na == nb && shale_str_same(ia, ib) && shale_str_same(fa, fb);
}

/* Two values (not lists) compared as Prisma's PrismaValue equality does. */
static bool values_same(const shale_ir_default *a, const shale_ir_default *b)
{
    uint8_t ka = a->kind, kb = b->kind;
    if (ka == SHALE_IR_DEFAULT_DATETIME || kb == SHALE_IR_DEFAULT_DATETIME) return true; /* never diffed */
    bool sa = ka == SHALE_IR_DEFAULT_STRING || ka == SHALE_IR_DEFAULT_ENUM;
    bool sb = kb == SHALE_IR_DEFAULT_STRING || kb == SHALE_IR_DEFAULT_ENUM;
    if ((ka == SHALE_IR_DEFAULT_JSON && (kb == SHALE_IR_DEFAULT_JSON || kb == SHALE_IR_DEFAULT_STRING)) ||
        (kb == SHALE_IR_DEFAULT_JSON && ka == SHALE_IR_DEFAULT_STRING))
        return json_same(a->text, b->text);
    if (sa && sb) return shale_str_same(a->text, b->text);
    if (ka != kb) return false;
    if (ka == SHALE_IR_DEFAULT_NUMBER) return numbers_same(a->text, b->text);
    return shale_str_same(a->text, b->text);
}

static bool lists_same(const shale_ir_default *a, const shale_ir_default *b)
{
    if (a->n_items != b->n_items) return false;
    for (uint32_t i = 0; i < a->n_items; i++)
        if (!values_same(&a->items[i], &b->items[i])) return false;
    return true;
}

static bool is_datetime_column(const shale_ir_column *c)
{
    uint8_t k = c->type.kind;
    return k == SHALE_IR_TYPE_TIMESTAMP || k == SHALE_IR_TYPE_TIMESTAMPTZ || k == SHALE_IR_TYPE_DATE ||
           k == SHALE_IR_TYPE_TIME || k == SHALE_IR_TYPE_TIMETZ;
}

static bool same_nocase(shale_str a, shale_str b)
{
    if (a.len != b.len) return false;
    for (size_t i = 0; i < a.len; i++) {
        char x = a.ptr[i], y = b.ptr[i];
        if (x >= 'A' && x <= 'Z') x = (char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = (char)(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

const shale_ir_default *shale_diff_column_default(const shale_ir_column *col)
{
    static const shale_ir_default serial = {SHALE_IR_DEFAULT_SEQUENCE, 0, {"", 0}, NULL};
    return col->def || !col->autoincrement ? col->def : &serial;
}

/* The arms of Prisma's comparison, in its order (the first that applies decides). */
bool shale_diff_defaults_match(const shale_ir_column *prev, const shale_ir_column *next)
{
    const shale_ir_default *p = shale_diff_column_default(prev), *n = shale_diff_column_default(next);
    int pk = p ? p->kind : -1, nk = n ? n->kind : -1;
    const int DBG = SHALE_IR_DEFAULT_DBGENERATED, SEQ = SHALE_IR_DEFAULT_SEQUENCE, NOW = SHALE_IR_DEFAULT_NOW,
              LIST = SHALE_IR_DEFAULT_LIST;
    bool pv = p && is_value((uint8_t)pk), nv = n && is_value((uint8_t)nk);
    bool n_dbg_none = nk == DBG && n->text.len == 0;

    if (((pk == DBG && nk == LIST) || (pk == LIST && nk == DBG)) && (is_datetime_column(prev) || is_datetime_column(next)))
        return true;
    if (pk == LIST && nk == LIST) return lists_same(p, n);
    if (pv && nv && pk != LIST && nk != LIST) return values_same(p, n);
    if (pv && nv) return false; /* a list against a single value */
    if (pv && (nk == NOW || !n)) return false;
    if (pk == NOW) {
        if (nk == NOW) return true;
        if (!n || nv) return false;
    }
    if (pk == DBG && (nv || nk == NOW || !n)) return false;
    if (n_dbg_none) return true;
    if (pk == SEQ && !n) return true;
    if (pk == SEQ && (nv || nk == NOW)) return false;
    if (!p && !n) return true;
    if (!p && (nv || nk == NOW)) return false;
    if (pk == DBG && nk == DBG) return p->text.len && same_nocase(p->text, n->text);
    if (nk == DBG) return false;
    return true; /* a sequence on the next side */
}
