/* args.c - attribute arguments: binding them to parameters the way Prisma does, and
 * decoding their values (strings, kinds for messages), plus the resolver's shared
 * reporting helpers. */
#include "resolve_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static shale_diag *vreport(rctx *r, shale_severity sev, const char *code, shale_span span, const char *fmt,
                           va_list ap)
{
    char small[512];
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(small, sizeof small, fmt, copy);
    va_end(copy);
    if (n < 0) return NULL;
    if ((size_t)n < sizeof small) return shale_diag_report(r->diags, sev, code, span, "%s", small);
    char *big = shale_arena_alloc(r->arena, (size_t)n + 1);
    if (!big) return NULL;
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    return shale_diag_report(r->diags, sev, code, span, "%s", big);
}

shale_diag *rerr(rctx *r, const char *code, shale_span span, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    shale_diag *d = vreport(r, SHALE_SEV_ERROR, code, span, fmt, ap);
    va_end(ap);
    return d;
}

shale_diag *rwarn(rctx *r, const char *code, shale_span span, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    shale_diag *d = vreport(r, SHALE_SEV_WARNING, code, span, fmt, ap);
    va_end(ap);
    return d;
}

void repeated_attr(rctx *r, const shale_ast_file *f, const char *shown, const shale_ast_attr *first,
                   const shale_ast_attr *a, bool *reported)
{
    if (!*reported)
        rerr(r, SHALE_E_ATTRIBUTE, shale_ast_attr_span(f, first), "Attribute \"%s\" can only be defined once.", shown);
    *reported = true;
    rerr(r, SHALE_E_ATTRIBUTE, shale_ast_attr_span(f, a), "Attribute \"%s\" can only be defined once.", shown);
}

shale_span rspan(const shale_ast_file *f, shale_str s) { return shale_ast_span(f, s); }

shale_str expr_text(const shale_ast_file *f, const shale_ast_expr *e)
{
    shale_span sp = shale_ast_expr_span(f, e);
    shale_str s = {f->text + sp.start, sp.end - sp.start};
    return s;
}

const char *expr_kind_word(const shale_ast_expr *e)
{
    switch (e->kind) {
    case SHALE_EXPR_STRING: return "string";
    case SHALE_EXPR_NUMBER: return "numeric";
    case SHALE_EXPR_CONSTANT: return "literal";
    case SHALE_EXPR_FUNCTION: return "functional";
    case SHALE_EXPR_ARRAY: return "array";
    }
    return "unknown";
}

void expect_error(rctx *r, const shale_ast_file *f, const char *attr_shown, const shale_ast_expr *e,
                  const char *want)
{
    /* Prisma prints a string value with its quotes stripped. */
    shale_str t = e->kind == SHALE_EXPR_STRING ? decode_string(r, shale_ast_expr_text(e)) : expr_text(f, e);
    if (attr_shown)
        rerr(r, SHALE_E_ARGUMENT, shale_ast_expr_span(f, e),
             "Error parsing attribute \"%s\": Expected a %s value, but received %s value `%.*s`.", attr_shown, want,
             expr_kind_word(e), (int)t.len, t.ptr);
    else
        rerr(r, SHALE_E_ARGUMENT, shale_ast_expr_span(f, e), "Expected a %s value, but received %s value `%.*s`.",
             want, expr_kind_word(e), (int)t.len, t.ptr);
}

/* Appends the UTF-8 encoding of code point `cp`. */
static size_t put_utf8(char *o, uint32_t cp)
{
    if (cp < 0x80) { o[0] = (char)cp; return 1; }
    if (cp < 0x800) { o[0] = (char)(0xC0 | (cp >> 6)); o[1] = (char)(0x80 | (cp & 0x3F)); return 2; }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12)); o[1] = (char)(0x80 | ((cp >> 6) & 0x3F)); o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18)); o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static bool hex4(const char *p, const char *end, uint32_t *out)
{
    if (end - p < 4) return false;
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) {
        int h = hexval(p[i]);
        if (h < 0) return false;
        v = v * 16 + (uint32_t)h;
    }
    *out = v;
    return true;
}

/* JSON string rules, as Prisma's grammar uses; the parser already reported bad escapes,
 * which are kept verbatim here. */
shale_str decode_string(rctx *r, shale_str raw)
{
    shale_str out = {"", 0};
    if (raw.len < 2) return out;
    const char *p = raw.ptr + 1, *end = raw.ptr + raw.len - 1;
    if (!memchr(p, '\\', (size_t)(end - p))) {
        out.ptr = p;
        out.len = (size_t)(end - p);
        return out;
    }
    char *o = shale_arena_alloc(r->arena, raw.len + 1);
    if (!o) {
        r->oom = true;
        return out;
    }
    size_t n = 0;
    while (p < end) {
        if (*p != '\\' || p + 1 >= end) { o[n++] = *p++; continue; }
        char c = p[1];
        p += 2;
        switch (c) {
        case 'n': o[n++] = '\n'; break;
        case 't': o[n++] = '\t'; break;
        case 'r': o[n++] = '\r'; break;
        case 'b': o[n++] = '\b'; break;
        case 'f': o[n++] = '\f'; break;
        case '"': case '\\': case '/': o[n++] = c; break;
        case 'u': {
            uint32_t cp;
            if (!hex4(p, end, &cp)) { o[n++] = '\\'; o[n++] = 'u'; break; }
            p += 4;
            uint32_t lo;
            if (cp >= 0xD800 && cp < 0xDC00 && end - p >= 6 && p[0] == '\\' && p[1] == 'u' && hex4(p + 2, end, &lo) &&
                lo >= 0xDC00 && lo < 0xE000) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                p += 6;
            }
            n += put_utf8(o + n, cp);
            break;
        }
        default: o[n++] = '\\'; o[n++] = c; break;
        }
    }
    o[n] = '\0';
    out.ptr = o;
    out.len = n;
    return out;
}

bool arg_string(rctx *r, const shale_ast_file *f, const char *attr_shown, const shale_ast_expr *e, shale_str *out)
{
    if (e->kind != SHALE_EXPR_STRING) {
        expect_error(r, f, attr_shown, e, "string");
        return false;
    }
    *out = decode_string(r, shale_ast_expr_text(e));
    return true;
}

bool bind_args(rctx *r, const shale_ast_file *f, const shale_ast_attr *a, const char *shown_name,
               const arg_spec *spec, const shale_ast_expr **out, const shale_ast_arg **out_args)
{
    size_t n = 0;
    while (spec->names[n]) n++;
    for (size_t i = 0; i < n; i++) {
        out[i] = NULL;
        if (out_args) out_args[i] = NULL;
    }
    if (!a->args) return true;
    bool ok = true;
    const shale_ast_arg *unnamed = NULL;
    if (a->args->trailing_comma) {
        shale_span sp = {f->file_id, a->args->trailing_comma, a->args->trailing_comma + 1};
        rerr(r, SHALE_E_ARGUMENT, sp,
             "Error parsing attribute \"%s\": Trailing commas are not valid in attribute arguments, please remove "
             "the comma.",
             shown_name);
        ok = false;
    }
    for (const shale_ast_arg *arg = a->args->items; arg < a->args->items + a->args->count; arg++) {
        const char *pname = NULL;
        if (arg->name_len == 0) {
            if (unnamed) {
                shale_str x = expr_text(f, unnamed->value), y = expr_text(f, arg->value);
                rerr(r, SHALE_E_ARGUMENT, shale_ast_arg_span(f, arg),
                     "Error parsing attribute \"%s\": You provided multiple unnamed arguments. This is not possible. "
                     "Did you forget the brackets? Did you mean `[%.*s, %.*s]`?",
                     shown_name, (int)x.len, x.ptr, (int)y.len, y.ptr);
                ok = false;
                continue;
            }
            unnamed = arg;
            if (!spec->positional) {
                rerr(r, SHALE_E_ARGUMENT, shale_ast_arg_span(f, arg),
                     "Error parsing attribute \"%s\": No such argument.", shown_name);
                ok = false;
                continue;
            }
            pname = spec->positional;
        }
        size_t i = 0;
        if (pname) {
            for (; i < n; i++)
                if (strcmp(spec->names[i], pname) == 0) break;
        } else {
            for (; i < n; i++)
                if (shale_str_eq(shale_ast_arg_name(f, arg), spec->names[i])) break;
        }
        if (i == n) {
            rerr(r, SHALE_E_ARGUMENT, shale_ast_arg_span(f, arg), "Error parsing attribute \"%s\": No such argument.",
                 shown_name);
            ok = false;
            continue;
        }
        if (!arg->value) {
            rerr(r, SHALE_E_ARGUMENT, shale_ast_arg_span(f, arg),
                 "Error parsing attribute \"%s\": The `%s` argument is missing a value.", shown_name, spec->names[i]);
            ok = false;
            continue;
        }
        if (out[i]) {
            bool prev_unnamed = unnamed && unnamed != arg && unnamed->value == out[i];
            if (prev_unnamed)
                rerr(r, SHALE_E_ARGUMENT, shale_ast_arg_span(f, arg),
                     "Error parsing attribute \"%s\": Argument \"%s\" is already specified as unnamed argument.",
                     shown_name, spec->names[i]);
            else
                rerr(r, SHALE_E_ARGUMENT, shale_ast_arg_span(f, arg),
                     "Error parsing attribute \"%s\": Argument \"%s\" is already specified.", shown_name,
                     spec->names[i]);
            ok = false;
            continue;
        }
        out[i] = arg->value;
        if (out_args) out_args[i] = arg;
    }
    return ok;
}

/* Damerau-free Levenshtein distance, case-insensitive, capped for short names. */
static size_t distance(shale_str a, const char *b)
{
    size_t bl = strlen(b);
    if (a.len > 64 || bl > 64) return SIZE_MAX;
    size_t row[65];
    for (size_t j = 0; j <= bl; j++) row[j] = j;
    for (size_t i = 1; i <= a.len; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= bl; j++) {
            char ca = a.ptr[i - 1], cb = b[j - 1];
            if (ca >= 'A' && ca <= 'Z') ca = (char)(ca - 'A' + 'a');
            if (cb >= 'A' && cb <= 'Z') cb = (char)(cb - 'A' + 'a');
            size_t best = diag + (ca != cb);
            if (row[j] + 1 < best) best = row[j] + 1;
            if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
            diag = row[j];
            row[j] = best;
        }
    }
    return row[bl];
}

const char *closest_name(shale_str name, const char *const *cands, size_t n)
{
    const char *best = NULL;
    size_t best_d = SIZE_MAX;
    for (size_t i = 0; i < n; i++) {
        size_t d = distance(name, cands[i]);
        if (d < best_d) {
            best_d = d;
            best = cands[i];
        }
    }
    /* Close enough to be a typo: a third of the name, at least one edit. */
    size_t limit = name.len / 3 > 0 ? name.len / 3 : 1;
    return best && best_d > 0 && best_d <= limit ? best : NULL;
}

bool str_eq_nocase(shale_str a, const char *b)
{
    size_t i = 0;
    for (; i < a.len && b[i]; i++) {
        char x = a.ptr[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = (char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = (char)(y - 'A' + 'a');
        if (x != y) return false;
    }
    return i == a.len && !b[i];
}

bool check_name_chars(rctx *r, shale_span span, shale_str name, const char *noun)
{
    if (name.len && name.ptr[0] >= '0' && name.ptr[0] <= '9') {
        rerr(r, SHALE_E_NAME, span, "Error validating: The name of a %s must not start with a number.", noun);
        return false;
    }
    if (memchr(name.ptr, '-', name.len)) {
        rerr(r, SHALE_E_NAME, span, "Error validating: The character `-` is not allowed in %s names.", noun);
        return false;
    }
    return true;
}
