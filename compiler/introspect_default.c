/* introspect_default.c - a column default as pg_get_expr() prints it, turned into the
 * form lowering gives the same @default (see introspect_int.h): literals with their
 * casts and parentheses peeled off, CURRENT_TIMESTAMP and now(), sequences, arrays in
 * both spellings (ARRAY[...] and '{...}'), and everything else kept verbatim as
 * dbgenerated, as Prisma's introspection does. Part of introspection (introspect.c).
 */
#include "introspect_int.h"

#include "runtime/buf.h"

#include <string.h>

typedef struct dctx {
    shale_arena *arena;
    shale_ir *ir;
    int rc;
} dctx;

static void fail(dctx *c, int rc)
{
    if (c->rc == SHALE_OK) c->rc = rc;
}

/* ---- tokens -------------------------------------------- */

typedef enum tok_kind {
    T_END,
    T_STRING,  /* 'text' */
    T_ESTRING, /* E'text' */
    T_QIDENT,  /* "name" */
    T_IDENT,
    T_NUMBER,
    T_CAST, /* :: */
    T_LPAREN,
    T_RPAREN,
    T_LBRACK,
    T_RBRACK,
    T_COMMA,
    T_DOT,
    T_MINUS,
    T_PLUS,
    T_OTHER,
} tok_kind;

typedef struct lexer {
    const char *p, *end;
    tok_kind kind;
    const char *tok; /* the current token's text */
    size_t len;
} lexer;

static bool is_ident_start(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_' || (unsigned char)ch >= 0x80;
}
static bool is_digit(char ch) { return ch >= '0' && ch <= '9'; }

static void lex_next(lexer *x)
{
    while (x->p < x->end && (*x->p == ' ' || *x->p == '\t' || *x->p == '\n' || *x->p == '\r')) x->p++;
    const char *s = x->p, *e = x->end;
    x->tok = s;
    if (s >= e) {
        x->kind = T_END;
        x->len = 0;
        return;
    }
    const char *q = s + 1;
    char ch = *s;
    if (ch == '\'' || ((ch == 'E' || ch == 'e') && q < e && *q == '\'')) {
        bool estr = ch != '\'';
        if (estr) q++;
        x->kind = estr ? T_ESTRING : T_STRING;
        for (;;) {
            if (q >= e) {
                x->kind = T_OTHER; /* unterminated */
                break;
            }
            if (estr && *q == '\\' && q + 1 < e) {
                q += 2;
                continue;
            }
            if (*q == '\'') {
                if (q + 1 < e && q[1] == '\'') {
                    q += 2;
                    continue;
                }
                q++;
                break;
            }
            q++;
        }
    } else if (ch == '"') {
        x->kind = T_QIDENT;
        for (;;) {
            if (q >= e) {
                x->kind = T_OTHER;
                break;
            }
            if (*q == '"') {
                if (q + 1 < e && q[1] == '"') {
                    q += 2;
                    continue;
                }
                q++;
                break;
            }
            q++;
        }
    } else if (is_ident_start(ch)) {
        x->kind = T_IDENT;
        while (q < e && (is_ident_start(*q) || is_digit(*q) || *q == '$')) q++;
    } else if (is_digit(ch)) {
        x->kind = T_NUMBER;
        while (q < e && is_digit(*q)) q++;
        if (q + 1 < e && *q == '.' && is_digit(q[1]))
            for (q++; q < e && is_digit(*q);) q++;
        if (q < e && (*q == 'e' || *q == 'E')) {
            const char *r = q + 1;
            if (r < e && (*r == '+' || *r == '-')) r++;
            if (r < e && is_digit(*r)) {
                while (r < e && is_digit(*r)) r++;
                q = r;
            }
        }
    } else if (ch == ':' && q < e && *q == ':') {
        x->kind = T_CAST;
        q++;
    } else {
        switch (ch) {
        case '(': x->kind = T_LPAREN; break;
        case ')': x->kind = T_RPAREN; break;
        case '[': x->kind = T_LBRACK; break;
        case ']': x->kind = T_RBRACK; break;
        case ',': x->kind = T_COMMA; break;
        case '.': x->kind = T_DOT; break;
        case '-': x->kind = T_MINUS; break;
        case '+': x->kind = T_PLUS; break;
        default: x->kind = T_OTHER; break;
        }
    }
    x->len = (size_t)(q - s);
    x->p = q;
}

/* A parsed literal expression: what a default is made of once casts and parentheses
 * are peeled off. */
typedef enum lit_kind { L_STRING, L_NUMBER, L_WORD, L_CALL, L_ARRAY } lit_kind;

typedef struct lit {
    uint8_t kind;      /* lit_kind */
    shale_str text;    /* STRING: the unescaped value; NUMBER: sign and digits; WORD, CALL: the name */
    struct lit *items; /* ARRAY: elements; CALL: arguments */
    uint32_t n_items;
} lit;

typedef struct parser {
    dctx *c;
    lexer x;
    int depth;
} parser;

static bool word_is(shale_str w, const char *lit_)
{
    size_t n = strlen(lit_);
    if (w.len != n) return false;
    for (size_t i = 0; i < n; i++) {
        char a = w.ptr[i];
        if (a >= 'A' && a <= 'Z') a = (char)(a - 'A' + 'a');
        if (a != lit_[i]) return false;
    }
    return true;
}

static int hex_value(char ch)
{
    if (ch >= '0' && ch <= '9') return ch - '0';
    if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
    return -1;
}

static void put_utf8(shale_buf *b, uint32_t cp)
{
    if (cp < 0x80)
        shale_buf_putc(b, (char)cp);
    else if (cp < 0x800) {
        shale_buf_putc(b, (char)(0xc0 | (cp >> 6)));
        shale_buf_putc(b, (char)(0x80 | (cp & 0x3f)));
    } else if (cp < 0x10000) {
        shale_buf_putc(b, (char)(0xe0 | (cp >> 12)));
        shale_buf_putc(b, (char)(0x80 | ((cp >> 6) & 0x3f)));
        shale_buf_putc(b, (char)(0x80 | (cp & 0x3f)));
    } else {
        shale_buf_putc(b, (char)(0xf0 | (cp >> 18)));
        shale_buf_putc(b, (char)(0x80 | ((cp >> 12) & 0x3f)));
        shale_buf_putc(b, (char)(0x80 | ((cp >> 6) & 0x3f)));
        shale_buf_putc(b, (char)(0x80 | (cp & 0x3f)));
    }
}

/* The value of a string token ('' is ', and in E'' strings the C-style escapes),
 * copied into the arena. */
static shale_str unescape(dctx *c, const char *tok, size_t len, bool estr)
{
    const char *s = tok + (estr ? 2 : 1), *e = tok + len - 1;
    shale_buf b = SHALE_BUF_INIT;
    shale_buf_reserve(&b, (size_t)(e - s));
    while (s < e) {
        char ch = *s++;
        if (ch == '\'' && s < e && *s == '\'') {
            s++;
            shale_buf_putc(&b, '\'');
        } else if (estr && ch == '\\' && s < e) {
            char k = *s++;
            switch (k) {
            case 'b': shale_buf_putc(&b, '\b'); break;
            case 'f': shale_buf_putc(&b, '\f'); break;
            case 'n': shale_buf_putc(&b, '\n'); break;
            case 'r': shale_buf_putc(&b, '\r'); break;
            case 't': shale_buf_putc(&b, '\t'); break;
            case 'x': {
                int v = 0, n = 0;
                while (n < 2 && s < e && hex_value(*s) >= 0) v = v * 16 + hex_value(*s++), n++;
                if (n)
                    shale_buf_putc(&b, (char)v);
                else
                    shale_buf_putc(&b, 'x');
                break;
            }
            case 'u':
            case 'U': {
                int want = k == 'u' ? 4 : 8, n = 0;
                uint32_t v = 0;
                while (n < want && s < e && hex_value(*s) >= 0) v = v * 16 + (uint32_t)hex_value(*s++), n++;
                put_utf8(&b, v);
                break;
            }
            default:
                if (k >= '0' && k <= '7') {
                    int v = k - '0', n = 1;
                    while (n < 3 && s < e && *s >= '0' && *s <= '7') v = v * 8 + (*s++ - '0'), n++;
                    shale_buf_putc(&b, (char)v);
                } else {
                    shale_buf_putc(&b, k);
                }
            }
        } else {
            shale_buf_putc(&b, ch);
        }
    }
    shale_str out = {"", 0};
    if (b.oom)
        fail(c, SHALE_ENOMEM);
    else if (b.len) {
        char *p = shale_arena_strndup(c->arena, b.ptr, b.len);
        if (!p)
            fail(c, SHALE_ENOMEM);
        else
            out = (shale_str){p, b.len};
    }
    shale_buf_free(&b);
    return out;
}

/* `::type`, any number of times: names, dots, a parenthesised modifier and [] in any
 * order ("timestamp(3) without time zone", zeta."Mood"[], character varying(10)[]). */
static bool skip_casts(parser *ps)
{
    lexer *x = &ps->x;
    while (x->kind == T_CAST) {
        lex_next(x);
        if (x->kind != T_IDENT && x->kind != T_QIDENT) return false;
        for (;;) {
            if (x->kind == T_IDENT || x->kind == T_QIDENT || x->kind == T_DOT) {
                lex_next(x);
            } else if (x->kind == T_LPAREN) {
                int level = 0;
                do {
                    if (x->kind == T_LPAREN)
                        level++;
                    else if (x->kind == T_RPAREN)
                        level--;
                    else if (x->kind == T_END)
                        return false;
                    lex_next(x);
                } while (level > 0);
            } else if (x->kind == T_LBRACK) {
                lex_next(x);
                if (x->kind != T_RBRACK) return false;
                lex_next(x);
            } else {
                break;
            }
        }
    }
    return true;
}

static bool parse_expr(parser *ps, lit *out);

/* A comma-separated list up to `close`, into out->items. */
static bool parse_list(parser *ps, lit *out, tok_kind close)
{
    lexer *x = &ps->x;
    uint32_t cap = 0;
    out->items = NULL;
    out->n_items = 0;
    if (x->kind == close) {
        lex_next(x);
        return true;
    }
    for (;;) {
        if (out->n_items == cap) {
            uint32_t ncap = cap ? cap * 2 : 4;
            lit *n = shale_arena_alloc(ps->c->arena, ncap * sizeof *n);
            if (!n) {
                fail(ps->c, SHALE_ENOMEM);
                return false;
            }
            if (cap) memcpy(n, out->items, cap * sizeof *n);
            out->items = n;
            cap = ncap;
        }
        if (!parse_expr(ps, &out->items[out->n_items])) return false;
        out->n_items++;
        if (x->kind == T_COMMA) {
            lex_next(x);
            continue;
        }
        if (x->kind != close) return false;
        lex_next(x);
        return true;
    }
}

static bool parse_expr(parser *ps, lit *out)
{
    lexer *x = &ps->x;
    memset(out, 0, sizeof *out);
    if (++ps->depth > 64) return false;
    bool ok = true;
    switch (x->kind) {
    case T_LPAREN:
        lex_next(x);
        ok = parse_expr(ps, out) && x->kind == T_RPAREN;
        if (ok) lex_next(x);
        break;
    case T_STRING:
    case T_ESTRING:
        out->kind = L_STRING;
        out->text = unescape(ps->c, x->tok, x->len, x->kind == T_ESTRING);
        lex_next(x);
        break;
    case T_MINUS:
    case T_PLUS:
    case T_NUMBER: {
        const char *start = x->tok;
        if (x->kind != T_NUMBER) lex_next(x);
        if (x->kind != T_NUMBER) {
            ok = false;
            break;
        }
        out->kind = L_NUMBER;
        out->text = (shale_str){start, (size_t)(x->tok + x->len - start)};
        if (start != x->tok && (x->tok != start + 1)) ok = false; /* "- 1" is not a literal */
        lex_next(x);
        break;
    }
    case T_IDENT: {
        shale_str name = {x->tok, x->len};
        lex_next(x);
        if (word_is(name, "array") && x->kind == T_LBRACK) {
            lex_next(x);
            out->kind = L_ARRAY;
            ok = parse_list(ps, out, T_RBRACK);
        } else if (x->kind == T_LPAREN) {
            lex_next(x);
            out->kind = L_CALL;
            out->text = name;
            ok = parse_list(ps, out, T_RPAREN);
        } else {
            out->kind = L_WORD;
            out->text = name;
        }
        break;
    }
    default: ok = false;
    }
    ps->depth--;
    return ok && skip_casts(ps);
}

/* `text` parsed as one literal expression with nothing after it. */
static bool parse_default(dctx *c, shale_str text, lit *out)
{
    parser ps = {c, {text.ptr, text.ptr + text.len, T_END, NULL, 0}, 0};
    lex_next(&ps.x);
    return parse_expr(&ps, out) && ps.x.kind == T_END;
}

/* A number as PostgreSQL writes one: sign, digits, fraction, exponent. */
static bool numeric_text(shale_str s)
{
    size_t i = 0;
    if (i < s.len && (s.ptr[i] == '-' || s.ptr[i] == '+')) i++;
    size_t d = i;
    while (i < s.len && is_digit(s.ptr[i])) i++;
    if (i == d) return false;
    if (i < s.len && s.ptr[i] == '.') {
        size_t f = ++i;
        while (i < s.len && is_digit(s.ptr[i])) i++;
        if (i == f) return false;
    }
    if (i < s.len && (s.ptr[i] == 'e' || s.ptr[i] == 'E')) {
        i++;
        if (i < s.len && (s.ptr[i] == '-' || s.ptr[i] == '+')) i++;
        size_t x = i;
        while (i < s.len && is_digit(s.ptr[i])) i++;
        if (i == x) return false;
    }
    return i == s.len;
}

static bool is_string_kind(uint8_t k)
{
    const char *scalar = shale_ir_type_scalar(k);
    return scalar && strcmp(scalar, "String") == 0;
}

static bool is_number_kind(uint8_t k)
{
    switch (k) {
    case SHALE_IR_TYPE_INTEGER:
    case SHALE_IR_TYPE_SMALLINT:
    case SHALE_IR_TYPE_OID:
    case SHALE_IR_TYPE_BIGINT:
    case SHALE_IR_TYPE_DOUBLE:
    case SHALE_IR_TYPE_REAL:
    case SHALE_IR_TYPE_DECIMAL:
    case SHALE_IR_TYPE_MONEY: return true;
    default: return false;
    }
}

static bool is_datetime_kind(uint8_t k)
{
    return k == SHALE_IR_TYPE_TIMESTAMP || k == SHALE_IR_TYPE_TIMESTAMPTZ || k == SHALE_IR_TYPE_DATE ||
           k == SHALE_IR_TYPE_TIME || k == SHALE_IR_TYPE_TIMETZ;
}

static bool is_serial_kind(uint8_t k)
{
    return k == SHALE_IR_TYPE_INTEGER || k == SHALE_IR_TYPE_SMALLINT || k == SHALE_IR_TYPE_BIGINT;
}

/* bytea's hex form \x0a1b to the bytes, in place (the text is an arena copy). */
static bool decode_bytea(shale_str s, shale_str *out)
{
    if (s.len < 2 || s.ptr[0] != '\\' || s.ptr[1] != 'x' || (s.len - 2) % 2) return false;
    char *dst = (char *)s.ptr;
    size_t n = 0;
    for (size_t i = 2; i < s.len; i += 2) {
        int hi = hex_value(s.ptr[i]), lo = hex_value(s.ptr[i + 1]);
        if (hi < 0 || lo < 0) return false;
        dst[n++] = (char)(hi * 16 + lo);
    }
    *out = (shale_str){s.ptr, n};
    return true;
}

/* One value (a scalar default or a list item) of a column of type kind `k`, in the
 * form lowering gives the same @default. False: not a value of that type. */
static bool value_default(uint8_t k, const lit *v, shale_ir_default *out)
{
    memset(out, 0, sizeof *out);
    if (v->kind == L_STRING) {
        out->text = v->text;
        if (is_string_kind(k))
            out->kind = SHALE_IR_DEFAULT_STRING;
        else if (k == SHALE_IR_TYPE_ENUM)
            out->kind = SHALE_IR_DEFAULT_ENUM;
        else if (k == SHALE_IR_TYPE_JSON || k == SHALE_IR_TYPE_JSONB)
            out->kind = SHALE_IR_DEFAULT_JSON;
        else if (is_datetime_kind(k))
            out->kind = SHALE_IR_DEFAULT_DATETIME;
        else if (is_number_kind(k) && numeric_text(v->text))
            out->kind = SHALE_IR_DEFAULT_NUMBER;
        else if (k == SHALE_IR_TYPE_BYTEA && decode_bytea(v->text, &out->text))
            out->kind = SHALE_IR_DEFAULT_BYTES;
        else if (k == SHALE_IR_TYPE_BOOLEAN && (word_is(v->text, "t") || word_is(v->text, "true"))) {
            out->kind = SHALE_IR_DEFAULT_BOOLEAN;
            out->text = (shale_str){"true", 4};
        } else if (k == SHALE_IR_TYPE_BOOLEAN && (word_is(v->text, "f") || word_is(v->text, "false"))) {
            out->kind = SHALE_IR_DEFAULT_BOOLEAN;
            out->text = (shale_str){"false", 5};
        } else
            return false;
        return true;
    }
    if (v->kind == L_NUMBER && is_number_kind(k)) {
        out->kind = SHALE_IR_DEFAULT_NUMBER;
        out->text = v->text;
        if (out->text.len && out->text.ptr[0] == '+') out->text.ptr++, out->text.len--;
        return true;
    }
    if (v->kind == L_WORD && k == SHALE_IR_TYPE_BOOLEAN && (word_is(v->text, "true") || word_is(v->text, "false"))) {
        out->kind = SHALE_IR_DEFAULT_BOOLEAN;
        out->text = word_is(v->text, "true") ? (shale_str){"true", 4} : (shale_str){"false", 5};
        return true;
    }
    return false;
}

/* The elements of an array literal's text, '{a,"b c"}', as string literals. */
static bool c_style_array(dctx *c, shale_str s, lit *out)
{
    memset(out, 0, sizeof *out);
    out->kind = L_ARRAY;
    size_t i = 0, n = s.len;
    const char *p = s.ptr;
    while (i < n && p[i] == ' ') i++;
    if (i >= n || p[i] != '{') return false;
    i++;
    /* At most one element per byte. */
    out->items = shale_arena_alloc(c->arena, (n + 1) * sizeof *out->items);
    if (!out->items) {
        fail(c, SHALE_ENOMEM);
        return false;
    }
    while (i < n && p[i] == ' ') i++;
    if (i < n && p[i] == '}') return i + 1 == n;
    for (;;) {
        while (i < n && p[i] == ' ') i++;
        if (i >= n) return false;
        char *buf = shale_arena_alloc(c->arena, n + 1);
        if (!buf) {
            fail(c, SHALE_ENOMEM);
            return false;
        }
        size_t len = 0;
        if (p[i] == '"') {
            for (i++; i < n && p[i] != '"'; i++) {
                if (p[i] == '\\' && i + 1 < n) i++;
                buf[len++] = p[i];
            }
            if (i >= n) return false;
            i++;
        } else {
            if (p[i] == '{') return false; /* nested arrays */
            size_t start = i;
            while (i < n && p[i] != ',' && p[i] != '}') {
                if (p[i] == '\\' && i + 1 < n) i++;
                buf[len++] = p[i++];
            }
            while (len && buf[len - 1] == ' ') len--;
            if (len == 4 && i - start == 4 && word_is((shale_str){buf, 4}, "null")) return false;
        }
        lit *item = &out->items[out->n_items++];
        memset(item, 0, sizeof *item);
        item->kind = L_STRING;
        item->text = (shale_str){buf, len};
        while (i < n && p[i] == ' ') i++;
        if (i < n && p[i] == ',') {
            i++;
            continue;
        }
        if (i < n && p[i] == '}') return i + 1 == n;
        return false;
    }
}

/* The column's default from pg_get_expr() text `expr`, as lowering would give it:
 * sets col->def and col->autoincrement. Anything that is not a literal of the column's
 * type, now() or a sequence stays an expression (DBGENERATED), as in Prisma. */
static void column_default(dctx *c, shale_ir_column *col, shale_str expr)
{
    lit v;
    uint8_t k = col->type.kind;
    const shale_ir_default *made = NULL;
    bool parsed = parse_default(c, expr, &v);
    if (c->rc != SHALE_OK) return;
    if (parsed && v.kind == L_WORD && word_is(v.text, "null")) return; /* DEFAULT NULL is no default */
    if (parsed && col->arity == SHALE_IR_LIST) {
        lit arr;
        const lit *a = v.kind == L_ARRAY ? &v : NULL;
        if (!a && v.kind == L_STRING && c_style_array(c, v.text, &arr)) a = &arr;
        if (c->rc != SHALE_OK) return;
        shale_ir_default *items = a && a->n_items ? shale_arena_alloc(c->arena, a->n_items * sizeof *items) : NULL;
        if (a && a->n_items && !items) {
            fail(c, SHALE_ENOMEM);
            return;
        }
        bool ok = a != NULL;
        for (uint32_t i = 0; ok && i < a->n_items; i++) ok = value_default(k, &a->items[i], &items[i]);
        if (ok) {
            if (shale_ir_default_make_list(&made, c->ir, items, a->n_items) < 0) fail(c, SHALE_ENOMEM);
            col->def = made;
            return;
        }
    } else if (parsed) {
        shale_ir_default one;
        bool is_now = (v.kind == L_WORD && word_is(v.text, "current_timestamp")) ||
                      (v.kind == L_CALL && v.n_items == 0 && word_is(v.text, "now"));
        if (is_now && is_datetime_kind(k)) {
            if (shale_ir_default_make(&made, c->ir, SHALE_IR_DEFAULT_NOW, (shale_str){"", 0}) < 0)
                fail(c, SHALE_ENOMEM);
            col->def = made;
            return;
        }
        if (v.kind == L_CALL && v.n_items == 1 && word_is(v.text, "nextval") && is_serial_kind(k)) {
            /* A sequence: lowering's @default(autoincrement()) (SERIAL) has no default. */
            col->autoincrement = true;
            return;
        }
        if (value_default(k, &v, &one)) {
            if (shale_ir_default_make(&made, c->ir, (shale_ir_default_kind)one.kind, one.text) < 0)
                fail(c, SHALE_ENOMEM);
            col->def = made;
            return;
        }
    }
    if (shale_ir_default_make(&made, c->ir, SHALE_IR_DEFAULT_DBGENERATED, expr) < 0) fail(c, SHALE_ENOMEM);
    col->def = made;
}

int shale_introspect__default(shale_ir *ir, shale_ir_column *col, shale_str expr)
{
    dctx c = {ir->arena, ir, SHALE_OK};
    column_default(&c, col, expr);
    return c.rc;
}
