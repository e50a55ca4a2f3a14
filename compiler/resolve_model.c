/* resolve_model.c - a model's fields (types, field attributes) and its block
 * attributes (@@id, @@unique, @@index, @@map, @@schema, @@ignore). Relations are
 * paired afterwards in resolve_relation.c. */
#include "ir.h"
#include "resolve_int.h"
#include "sql_literal.h"

#include <jansson.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *alloc0(rctx *r, size_t size)
{
    void *p = size ? shale_arena_alloc(r->arena, size) : NULL;
    if (size && !p) r->oom = true;
    return p;
}

static const char *noun(const shale_model *m) { return m->is_view ? "view" : "model"; }

/* ---- native types ------------------------------------------------------------------ */

typedef struct native_spec {
    const char *name;
    shale_scalar scalar;
    uint8_t max_args;          /* optional arguments */
    shale_ir_type_kind ir_kind; /* the column type the lowering gives it */
} native_spec;

static const native_spec natives[] = {
    {"Text", SHALE_SCALAR_STRING, 0, SHALE_IR_TYPE_TEXT},
    {"VarChar", SHALE_SCALAR_STRING, 1, SHALE_IR_TYPE_VARCHAR},
    {"Char", SHALE_SCALAR_STRING, 1, SHALE_IR_TYPE_CHAR},
    {"Uuid", SHALE_SCALAR_STRING, 0, SHALE_IR_TYPE_UUID},
    {"Xml", SHALE_SCALAR_STRING, 0, SHALE_IR_TYPE_XML},
    {"Inet", SHALE_SCALAR_STRING, 0, SHALE_IR_TYPE_INET},
    {"Citext", SHALE_SCALAR_STRING, 0, SHALE_IR_TYPE_CITEXT},
    {"Bit", SHALE_SCALAR_STRING, 1, SHALE_IR_TYPE_BIT},
    {"VarBit", SHALE_SCALAR_STRING, 1, SHALE_IR_TYPE_VARBIT},
    {"Integer", SHALE_SCALAR_INT, 0, SHALE_IR_TYPE_INTEGER},
    {"SmallInt", SHALE_SCALAR_INT, 0, SHALE_IR_TYPE_SMALLINT},
    {"Oid", SHALE_SCALAR_INT, 0, SHALE_IR_TYPE_OID},
    {"BigInt", SHALE_SCALAR_BIGINT, 0, SHALE_IR_TYPE_BIGINT},
    {"DoublePrecision", SHALE_SCALAR_FLOAT, 0, SHALE_IR_TYPE_DOUBLE},
    {"Real", SHALE_SCALAR_FLOAT, 0, SHALE_IR_TYPE_REAL},
    {"Decimal", SHALE_SCALAR_DECIMAL, 2, SHALE_IR_TYPE_DECIMAL},
    {"Money", SHALE_SCALAR_DECIMAL, 0, SHALE_IR_TYPE_MONEY},
    {"Timestamp", SHALE_SCALAR_DATETIME, 1, SHALE_IR_TYPE_TIMESTAMP},
    {"Timestamptz", SHALE_SCALAR_DATETIME, 1, SHALE_IR_TYPE_TIMESTAMPTZ},
    {"Date", SHALE_SCALAR_DATETIME, 0, SHALE_IR_TYPE_DATE},
    {"Time", SHALE_SCALAR_DATETIME, 1, SHALE_IR_TYPE_TIME},
    {"Timetz", SHALE_SCALAR_DATETIME, 1, SHALE_IR_TYPE_TIMETZ},
    {"Json", SHALE_SCALAR_JSON, 0, SHALE_IR_TYPE_JSON},
    {"JsonB", SHALE_SCALAR_JSON, 0, SHALE_IR_TYPE_JSONB},
    {"ByteA", SHALE_SCALAR_BYTES, 0, SHALE_IR_TYPE_BYTEA},
    {"Boolean", SHALE_SCALAR_BOOLEAN, 0, SHALE_IR_TYPE_BOOLEAN},
};
#define N_NATIVES (sizeof natives / sizeof *natives)

static const native_spec *find_native(shale_str name)
{
    for (size_t i = 0; i < N_NATIVES; i++)
        if (shale_str_eq(name, natives[i].name)) return &natives[i];
    return NULL;
}

static void resolve_native(rctx *r, const shale_ast_file *f, shale_field *fd, const shale_ast_attr *a,
                           shale_str type_name)
{
    const native_spec *ns = find_native(type_name);
    if (!ns) {
        const char *names[N_NATIVES];
        for (size_t i = 0; i < N_NATIVES; i++) names[i] = natives[i].name;
        shale_diag *d =
            rerr(r, SHALE_E_NATIVE_TYPE, shale_ast_attr_span(f, a),
                 "Native type %.*s is not supported for postgresql connector.", (int)type_name.len, type_name.ptr);
        const char *near = closest_name(type_name, names, N_NATIVES);
        if (near)
            shale_diag_set_help(r->diags, d, "did you mean `@%.*s.%s`?",
                                (int)(shale_ast_attr_name(a).len - type_name.len - 1), shale_ast_attr_name(a).ptr,
                                near);
        return;
    }
    uint32_t n = a->args ? a->args->count : 0;
    if (n > ns->max_args) {
        if (ns->max_args == 0)
            rerr(r, SHALE_E_NATIVE_TYPE, shale_ast_attr_span(f, a),
                 "Native type %s takes 0 arguments, but received %u.", ns->name, n);
        else
            rerr(r, SHALE_E_NATIVE_TYPE, shale_ast_attr_span(f, a),
                 "Native type %s takes %u optional arguments, but received %u.", ns->name, ns->max_args, n);
        return;
    }
    if (fd->kind == SHALE_FIELD_SCALAR && fd->scalar != ns->scalar) {
        rerr(r, SHALE_E_NATIVE_TYPE, shale_ast_attr_span(f, a),
             "Native type %s is not compatible with declared field type %s, expected field type %s.", ns->name,
             shale_scalar_name(fd->scalar), shale_scalar_name(ns->scalar));
        return;
    }
    fd->native.name = ns->name;
    fd->native_ir_kind = (uint8_t)ns->ir_kind;
    uint32_t i = 0;
    for (const shale_ast_arg *arg = a->args ? a->args->items : NULL; arg && arg < a->args->items + a->args->count;
         arg++, i++) {
        const shale_ast_expr *v = arg->value;
        if (!v) continue;
        shale_str t = expr_text(f, v);
        char buf[32];
        bool ok = v->kind == SHALE_EXPR_NUMBER && t.len < sizeof buf && !memchr(t.ptr, '.', t.len);
        long long x = 0;
        if (ok) {
            memcpy(buf, t.ptr, t.len);
            buf[t.len] = '\0';
            errno = 0;
            x = strtoll(buf, NULL, 10);
            ok = errno == 0 && x >= 0 && x <= 0x7fffffff;
        }
        if (!ok) {
            if (v->kind == SHALE_EXPR_NUMBER && t.len && t.ptr[0] == '-')
                rerr(r, SHALE_E_NATIVE_TYPE, shale_ast_expr_span(f, v), "Expected a nonnegative integer, but found (%.*s).",
                     (int)t.len, t.ptr);
            else
                rerr(r, SHALE_E_NATIVE_TYPE, shale_ast_expr_span(f, v),
                     "Invalid argument for type %s: %.*s. Allowed values: a number.", ns->name, (int)t.len, t.ptr);
            return;
        }
        fd->native.args[i] = (int32_t)x;
    }
    fd->native_n_args = (uint8_t)n;
    if (strcmp(ns->name, "Decimal") == 0 && n == 1) {
        shale_str t = expr_text(f, a->args->items[0].value);
        rerr(r, SHALE_E_NATIVE_TYPE, shale_ast_attr_span(f, a), "Expected two nonnegative integers, but found (%.*s).",
             (int)t.len, t.ptr);
        return;
    }
    /* Argument ranges (the postgres connector's checks). */
    const char *nm = ns->name;
    const int32_t *v = fd->native.args;
    if (strcmp(nm, "Decimal") == 0 && n >= 1) {
        if (v[0] < 1 || v[0] > 1000)
            rerr(r, SHALE_E_NATIVE_TYPE, shale_ast_attr_span(f, a),
                 "Argument M is out of range for native type `Decimal(%lld,%lld)` of Postgres: Precision must be positive "
                 "with a maximum value of 1000.",
                 (long long)v[0], (long long)(n > 1 ? v[1] : 0));
        else if (n == 2 && v[1] > v[0])
            rerr(r, SHALE_E_NATIVE_TYPE, shale_ast_attr_span(f, a),
                 "Argument M is out of range for native type `Decimal(%lld,%lld)` of Postgres: Scale can not be larger than "
                 "precision.",
                 (long long)v[0], (long long)v[1]);
    } else if ((strcmp(nm, "Timestamp") == 0 || strcmp(nm, "Timestamptz") == 0 || strcmp(nm, "Time") == 0 ||
                strcmp(nm, "Timetz") == 0) &&
               n == 1 && v[0] > 6) {
        rerr(r, SHALE_E_NATIVE_TYPE, shale_ast_attr_span(f, a),
             "Argument M is out of range for native type `%s(%lld)` of Postgres: M can range from 0 to 6.", nm,
             (long long)v[0]);
    } else if ((strcmp(nm, "Bit") == 0 || strcmp(nm, "VarBit") == 0 || strcmp(nm, "VarChar") == 0 ||
                strcmp(nm, "Char") == 0) &&
               n == 1 && v[0] == 0) {
        rerr(r, SHALE_E_NATIVE_TYPE, shale_ast_attr_span(f, a),
             "Argument M is out of range for native type `%s(0)` of Postgres: M must be a positive integer.", nm);
    }
}

/* ---- @default --------------------------------------------------------------------- */

static bool int_arg(const shale_ast_file *f, const shale_ast_expr *fn, long long *out, bool *present)
{
    *present = false;
    const shale_ast_args *a = fn->u.args;
    if (!a || a->count == 0) return true;
    if (a->count != 1 || a->items[0].name_len || !a->items[0].value ||
        a->items[0].value->kind != SHALE_EXPR_NUMBER)
        return false;
    shale_str t = expr_text(f, a->items[0].value);
    if (t.len == 0 || t.len > 18 || memchr(t.ptr, '.', t.len)) return false;
    char buf[24];
    memcpy(buf, t.ptr, t.len);
    buf[t.len] = '\0';
    *out = strtoll(buf, NULL, 10);
    *present = true;
    return true;
}

static const char *const default_functions[] = {"autoincrement", "now", "uuid", "cuid", "nanoid", "ulid", "dbgenerated"};

/* DateTime, Json and Bytes defaults are strings that must parse as their type: the
 * renderer writes them in PostgreSQL's form (sql_literal.c). Prisma's messages. */
static bool check_string_value(rctx *r, const shale_ast_file *f, const shale_field *fd, const shale_ast_expr *v,
                               shale_str val)
{
    shale_buf scratch = SHALE_BUF_INIT;
    bool ok = true;
    const char *what = NULL, *detail = NULL;
    char json_detail[200];
    if (fd->scalar == SHALE_SCALAR_DATETIME) {
        ok = shale_sql_put_datetime(&scratch, val);
        what = "rfc3339 datetime";
        detail = "input contains invalid characters";
    } else if (fd->scalar == SHALE_SCALAR_BYTES) {
        ok = shale_sql_put_bytes(&scratch, val);
        what = "base64";
        detail = "Could not convert from `base64 encoded bytes` to `PrismaValue::Bytes`";
    } else if (fd->scalar == SHALE_SCALAR_JSON) {
        json_error_t err;
        json_t *j = json_loadb(val.ptr, val.len, JSON_DECODE_ANY, &err);
        ok = j != NULL;
        json_decref(j);
        what = "JSON";
        snprintf(json_detail, sizeof json_detail, "%s at line %d column %d", err.text, err.line, err.column);
        detail = json_detail;
    }
    shale_buf_free(&scratch);
    if (ok) return true;
    rerr(r, SHALE_E_DEFAULT, shale_ast_expr_span(f, v),
         "Error parsing attribute \"@default\": Parse error: \"%.*s\" is not a valid %s string. (%s)", (int)val.len,
         val.ptr, what, detail);
    return false;
}

/* Prisma's words for a literal of the wrong kind: the field's type and the raw text. */
static void default_type_error(rctx *r, const shale_ast_file *f, const shale_field *fd, const shale_ast_attr *a,
                               const shale_ast_expr *v)
{
    shale_str t = expr_text(f, v);
    rerr(r, SHALE_E_DEFAULT, shale_ast_attr_span(f, a),
         "Error parsing attribute \"@default\": Expected a %s value, but found `%.*s`.", shale_scalar_name(fd->scalar),
         (int)t.len, t.ptr);
}

/* A literal (non-function) default for a scalar or enum type; `a` is the @default. */
static bool default_literal(rctx *r, const shale_ast_file *f, const shale_field *fd, const shale_ast_attr *a,
                            const shale_ast_expr *v, shale_default *out)
{
    if (fd->kind == SHALE_FIELD_ENUM) {
        if (v->kind != SHALE_EXPR_CONSTANT) {
            expect_error(r, f, "@default", v, "constant");
            return false;
        }
        const shale_enum *e = &r->s->enums[fd->type_index];
        for (uint32_t i = 0; i < e->n_values; i++)
            if (e->values[i].name.len == shale_ast_expr_text(v).len &&
                memcmp(e->values[i].name.ptr, shale_ast_expr_text(v).ptr, shale_ast_expr_text(v).len) == 0) {
                out->kind = SHALE_DEFAULT_ENUM;
                out->value = shale_ast_expr_text(v);
                return true;
            }
        rerr(r, SHALE_E_DEFAULT, shale_ast_attr_span(f, a),
             "Error parsing attribute \"@default\": The defined default value `%.*s` is not a valid value of the enum "
             "specified for the field.",
             (int)shale_ast_expr_text(v).len, shale_ast_expr_text(v).ptr);
        return false;
    }
    if (fd->kind != SHALE_FIELD_SCALAR) return false;
    switch (fd->scalar) {
    case SHALE_SCALAR_STRING:
    case SHALE_SCALAR_JSON:
    case SHALE_SCALAR_BYTES:
    case SHALE_SCALAR_DATETIME:
        if (v->kind != SHALE_EXPR_STRING) {
            default_type_error(r, f, fd, a, v);
            return false;
        }
        out->kind = SHALE_DEFAULT_STRING;
        out->value = decode_string(r, shale_ast_expr_text(v));
        return check_string_value(r, f, fd, v, out->value);
    case SHALE_SCALAR_BOOLEAN:
        if (v->kind != SHALE_EXPR_CONSTANT) {
            default_type_error(r, f, fd, a, v);
            return false;
        }
        if (!(shale_str_eq(shale_ast_expr_text(v), "true") || shale_str_eq(shale_ast_expr_text(v), "false"))) {
            rerr(r, SHALE_E_DEFAULT, shale_ast_expr_span(f, v),
                 "Error parsing attribute \"@default\": A boolean literal must be `true` or `false`.");
            return false;
        }
        out->kind = SHALE_DEFAULT_BOOLEAN;
        out->value = shale_ast_expr_text(v);
        return true;
    case SHALE_SCALAR_INT:
    case SHALE_SCALAR_BIGINT:
    case SHALE_SCALAR_FLOAT:
    case SHALE_SCALAR_DECIMAL:
        /* Prisma takes a Decimal as a string too (exact digits): "5.60". */
        if (fd->scalar == SHALE_SCALAR_DECIMAL && v->kind == SHALE_EXPR_STRING) {
            shale_str t = decode_string(r, shale_ast_expr_text(v));
            size_t i = t.len && (t.ptr[0] == '-' || t.ptr[0] == '+') ? 1 : 0;
            bool digits = i < t.len, dot = false;
            for (; i < t.len && digits; i++) {
                if (t.ptr[i] == '.' && !dot) dot = true;
                else if (t.ptr[i] < '0' || t.ptr[i] > '9') digits = false;
            }
            if (!digits) {
                rerr(r, SHALE_E_DEFAULT, shale_ast_expr_span(f, v),
                     "Error parsing attribute \"@default\": Parse error: \"%.*s\" is not a valid decimal. (invalid "
                     "decimal)",
                     (int)t.len, t.ptr);
                return false;
            }
            out->kind = SHALE_DEFAULT_NUMBER;
            out->value = t;
            return true;
        }
        if (v->kind != SHALE_EXPR_NUMBER) {
            default_type_error(r, f, fd, a, v);
            return false;
        }
        if ((fd->scalar == SHALE_SCALAR_INT || fd->scalar == SHALE_SCALAR_BIGINT) &&
            !memchr(shale_ast_expr_text(v).ptr, '.', shale_ast_expr_text(v).len)) {
            char buf[32];
            bool fits = shale_ast_expr_text(v).len < sizeof buf;
            if (fits) {
                memcpy(buf, shale_ast_expr_text(v).ptr, shale_ast_expr_text(v).len);
                buf[shale_ast_expr_text(v).len] = '\0';
                errno = 0;
                long long x = strtoll(buf, NULL, 10);
                fits = errno == 0 && (fd->scalar == SHALE_SCALAR_BIGINT || (x >= INT32_MIN && x <= INT32_MAX));
            }
            if (!fits) {
                rerr(r, SHALE_E_DEFAULT, shale_ast_expr_span(f, v),
                     "Error parsing attribute \"@default\": Parse error: \"%.*s\" is not a valid integer. (number too "
                     "large to fit in target type)",
                     (int)shale_ast_expr_text(v).len, shale_ast_expr_text(v).ptr);
                return false;
            }
        }
        if ((fd->scalar == SHALE_SCALAR_INT || fd->scalar == SHALE_SCALAR_BIGINT) &&
            memchr(shale_ast_expr_text(v).ptr, '.', shale_ast_expr_text(v).len)) {
            rerr(r, SHALE_E_DEFAULT, shale_ast_expr_span(f, v),
                 "Error parsing attribute \"@default\": Parse error: \"%.*s\" is not a valid integer. (invalid digit "
                 "found in string)",
                 (int)shale_ast_expr_text(v).len, shale_ast_expr_text(v).ptr);
            return false;
        }
        out->kind = SHALE_DEFAULT_NUMBER;
        out->value = shale_ast_expr_text(v);
        return true;
    case SHALE_SCALAR_COUNT: break;
    }
    return false;
}

/* Only fields with a default carry one: it is allocated apart to keep fields small,
 * and shared with every equal default made before (not lists: their items differ). */
static void set_default(rctx *r, shale_field *fd, const shale_default *d)
{
    shale_symtab *made = d->kind == SHALE_DEFAULT_LIST ? NULL : &r->defaults[d->kind];
    const shale_default *same = made ? shale_symtab_get(made, d->value) : NULL;
    if (same && same->version == d->version) {
        fd->def = same;
        return;
    }
    shale_default *p = alloc0(r, sizeof *p);
    if (!p) return;
    *p = *d;
    fd->def = p;
    if (made && !same && shale_symtab_put(made, d->value, p, NULL) < 0) r->oom = true;
}

static void resolve_default(rctx *r, const shale_ast_file *f, shale_field *fd, const shale_ast_attr *a)
{
    static const char *const names[] = {"value", "map", NULL};
    static const arg_spec spec = {"value", names};
    const shale_ast_expr *val[2];
    if (!bind_args(r, f, a, "@default", &spec, val, NULL)) return;
    if (!val[0]) {
        rerr(r, SHALE_E_ARGUMENT, shale_ast_attr_span(f, a),
             "Error parsing attribute \"@default\": Argument \"value\" is missing.");
        return;
    }
    shale_default d = {0};
    if (val[1]) {
        /* Named defaults exist on SQL Server only. */
        rerr(r, SHALE_E_DEFAULT, shale_ast_attr_span(f, a),
             "Error parsing attribute \"@default\": You defined a database name for the default value of a field on the "
             "model. This is not supported by the provider.");
        return;
    }
    const shale_ast_expr *v = val[0];
    if (fd->kind == SHALE_FIELD_RELATION) {
        rerr(r, SHALE_E_DEFAULT, shale_ast_attr_span(f, a),
             "Error parsing attribute \"@default\": Cannot set a default value on a relation field.");
        return;
    }
    if (v->kind == SHALE_EXPR_FUNCTION) {
        shale_str fn = shale_ast_expr_text(v);
        if (shale_str_eq(fn, "dbgenerated")) {
            const shale_ast_args *fa = v->u.args;
            if (fa && fa->count > 0) {
                const shale_ast_expr *s = fa->items[0].value;
                if (fa->count != 1 || !s || s->kind != SHALE_EXPR_STRING) {
                    rerr(r, SHALE_E_DEFAULT, shale_ast_expr_span(f, v),
                         "Error parsing attribute \"@default\": `dbgenerated()` takes a single String argument");
                    return;
                }
                d.value = decode_string(r, shale_ast_expr_text(s));
                if (d.value.len == 0) {
                    rerr(r, SHALE_E_DEFAULT, shale_ast_expr_span(f, v),
                         "Error parsing attribute \"@default\": dbgenerated() takes either no argument, or a single "
                         "nonempty string argument.");
                    return;
                }
            }
            d.kind = SHALE_DEFAULT_DBGENERATED;
            set_default(r, fd, &d);
            return;
        }
        if (fd->kind == SHALE_FIELD_UNSUPPORTED) {
            rerr(r, SHALE_E_DEFAULT, shale_ast_attr_span(f, a),
                 "Error parsing attribute \"@default\": Only @default(dbgenerated(\"...\")) can be used for Unsupported "
                 "types.");
            return;
        }
        bool is_string = fd->kind == SHALE_FIELD_SCALAR && fd->scalar == SHALE_SCALAR_STRING;
        const char *type_name = fd->kind == SHALE_FIELD_ENUM ? r->s->enums[fd->type_index].name.ptr : NULL;
        int type_len = fd->kind == SHALE_FIELD_ENUM ? (int)r->s->enums[fd->type_index].name.len : 0;
        if (fd->kind == SHALE_FIELD_SCALAR) {
            type_name = shale_scalar_name(fd->scalar);
            type_len = (int)strlen(type_name);
        }
        long long n = 0;
        bool present = false;
        bool args_ok = int_arg(f, v, &n, &present);
#define WRONG_TYPE()                                                                                                   \
    rerr(r, SHALE_E_DEFAULT, shale_ast_attr_span(f, a),                                                                \
         "Error parsing attribute \"@default\": The function `%.*s()` cannot be used on fields of type `%.*s`.",       \
         (int)fn.len, fn.ptr, type_len, type_name)
        if (shale_str_eq(fn, "autoincrement")) {
            if (!(fd->kind == SHALE_FIELD_SCALAR && (fd->scalar == SHALE_SCALAR_INT || fd->scalar == SHALE_SCALAR_BIGINT ||
                                                     fd->scalar == SHALE_SCALAR_DECIMAL))) {
                WRONG_TYPE();
                return;
            }
            if (v->u.args && v->u.args->count) {
                rerr(r, SHALE_E_DEFAULT, shale_ast_expr_span(f, v),
                     "Error parsing attribute \"@default\": `autoincrement()` takes no arguments.");
                return;
            }
            d.kind = SHALE_DEFAULT_AUTOINCREMENT;
        } else if (shale_str_eq(fn, "now")) {
            if (!(fd->kind == SHALE_FIELD_SCALAR && fd->scalar == SHALE_SCALAR_DATETIME)) {
                WRONG_TYPE();
                return;
            }
            if (v->u.args && v->u.args->count) {
                rerr(r, SHALE_E_DEFAULT, shale_ast_attr_span(f, a),
                     "Error parsing attribute \"@default\": The `now` function does not take any argument. Consider "
                     "changing this default to `now()`.");
                return;
            }
            d.kind = SHALE_DEFAULT_NOW;
        } else if (shale_str_eq(fn, "uuid") || shale_str_eq(fn, "cuid") || shale_str_eq(fn, "nanoid") ||
                   shale_str_eq(fn, "ulid")) {
            if (!is_string) {
                WRONG_TYPE();
                return;
            }
            if (shale_str_eq(fn, "ulid")) {
                d.kind = SHALE_DEFAULT_ULID;
            } else if (!args_ok) {
                rerr(r, SHALE_E_DEFAULT, shale_ast_expr_span(f, v),
                     "Error parsing attribute \"@default\": `%.*s()` takes a single Int argument.", (int)fn.len, fn.ptr);
                return;
            } else if (shale_str_eq(fn, "uuid")) {
                if (present && n != 4 && n != 7) {
                    rerr(r, SHALE_E_DEFAULT, shale_ast_expr_span(f, v),
                         "Error parsing attribute \"@default\": `uuid()` takes either no argument, or a single integer "
                         "argument which is either 4 or 7.");
                    return;
                }
                d.kind = SHALE_DEFAULT_UUID;
                d.version = present ? (uint32_t)n : 4;
            } else if (shale_str_eq(fn, "cuid")) {
                if (present && n != 1 && n != 2) {
                    rerr(r, SHALE_E_DEFAULT, shale_ast_expr_span(f, v),
                         "Error parsing attribute \"@default\": `cuid()` takes either no argument, or a single integer "
                         "argument which is either 1 or 2.");
                    return;
                }
                d.kind = SHALE_DEFAULT_CUID;
                d.version = present ? (uint32_t)n : 1;
            } else {
                if (present && (n < 2 || n > 255)) {
                    rerr(r, SHALE_E_DEFAULT, shale_ast_expr_span(f, v),
                         "Error parsing attribute \"@default\": `nanoid()` takes either no argument, or a single integer "
                         "argument between 2 and 255.");
                    return;
                }
                d.kind = SHALE_DEFAULT_NANOID;
                d.version = present ? (uint32_t)n : 0;
            }
        } else {
            shale_diag *dg = rerr(r, SHALE_E_DEFAULT, shale_ast_expr_span(f, v),
                                  "Error parsing attribute \"@default\": Unknown function in @default(): `%.*s` is not "
                                  "known. You can read about the available functions here: "
                                  "https://pris.ly/d/attribute-functions",
                                  (int)fn.len, fn.ptr);
            const char *near = closest_name(fn, default_functions, sizeof default_functions / sizeof *default_functions);
            if (near) shale_diag_set_help(r->diags, dg, "did you mean `%s()`?", near);
            return;
        }
#undef WRONG_TYPE
        if (fd->arity == SHALE_ARITY_LIST && d.kind != SHALE_DEFAULT_DBGENERATED) {
            rerr(r, SHALE_E_DEFAULT, shale_ast_attr_span(f, a),
                 "Error parsing attribute \"@default\": The function `%.*s()` cannot be used on list fields.", (int)fn.len,
                 fn.ptr);
            return;
        }
        set_default(r, fd, &d);
        return;
    }
    if (fd->kind == SHALE_FIELD_UNSUPPORTED) {
        rerr(r, SHALE_E_DEFAULT, shale_ast_attr_span(f, a),
             "Error parsing attribute \"@default\": Only @default(dbgenerated(\"...\")) can be used for Unsupported types.");
        return;
    }
    if (fd->arity == SHALE_ARITY_LIST) {
        if (v->kind != SHALE_EXPR_ARRAY) {
            expect_error(r, f, "@default", v, "array");
            return;
        }
        d.kind = SHALE_DEFAULT_LIST;
        d.items = alloc0(r, shale_ast_expr_count(v) * sizeof *d.items);
        for (const shale_ast_expr *it = v->u.items; it; it = it->next) {
            if (it->kind == SHALE_EXPR_FUNCTION || it->kind == SHALE_EXPR_ARRAY) {
                expect_error(r, f, "@default", it, "literal");
                return;
            }
            if (!default_literal(r, f, fd, a, it, &d.items[d.n_items])) return;
            d.n_items++;
        }
        set_default(r, fd, &d);
        return;
    }
    if (v->kind == SHALE_EXPR_ARRAY) {
        rerr(r, SHALE_E_DEFAULT, shale_ast_expr_span(f, v),
             "Error parsing attribute \"@default\": The default value of a non-list field cannot be a list.");
        return;
    }
    if (default_literal(r, f, fd, a, v, &d)) set_default(r, fd, &d);
}

/* ---- field attributes -------------------------------------------------------------- */

static const char *const field_attr_names[] = {"id", "unique", "default", "map", "updatedAt", "ignore", "relation"};
enum { FA_ID, FA_UNIQUE, FA_DEFAULT, FA_MAP, FA_UPDATED_AT, FA_IGNORE, FA_RELATION }; /* indexes in it */

/* m->indexes was sized in resolve_model_fields for every @id, @unique and block
 * index attribute of the model, so adding never copies. */
static void add_index(rctx *r, shale_model *m, shale_index *ix, const shale_index_args *args)
{
    if (args->name.ptr || args->name.len || args->map.ptr || args->map.len || args->where.ptr || args->where.len) {
        shale_index_args *kept = alloc0(r, sizeof *kept);
        if (!kept) return;
        *kept = *args;
        ix->args = kept;
    }
    if (m->n_indexes < m->cap_indexes) m->indexes[m->n_indexes++] = *ix;
}

/* A partial index condition (preview feature partialIndexes): `where: raw("SQL")`. */
static bool partial_condition(rctx *r, const shale_ast_file *f, const char *shown, const shale_ast_expr *w,
                              shale_str *out)
{
    if (!r->feature_partial_indexes) {
        rerr(r, SHALE_E_INDEX, shale_ast_expr_span(f, w),
             "Error parsing attribute \"%s\": The `where` argument needs the `partialIndexes` preview feature.", shown);
        return false;
    }
    if (!(w->kind == SHALE_EXPR_FUNCTION && shale_str_eq(shale_ast_expr_text(w), "raw") && w->u.args &&
          w->u.args->count == 1 && w->u.args->items[0].value && w->u.args->items[0].value->kind == SHALE_EXPR_STRING)) {
        rerr(r, SHALE_E_INDEX, shale_ast_expr_span(f, w),
             "Error parsing attribute \"%s\": shale supports a partial index condition written as `where: "
             "raw(\"SQL\")`.",
             shown);
        return false;
    }
    *out = decode_string(r, shale_ast_expr_text(w->u.args->items[0].value));
    return true;
}

/* A `map:` constraint name: a non-empty string. */
static bool map_arg(rctx *r, const shale_ast_file *f, const char *shown, const shale_ast_expr *e, shale_str *out)
{
    if (!arg_string(r, f, shown, e, out)) return false;
    if (out->len) return true;
    rerr(r, SHALE_E_ARGUMENT, shale_ast_expr_span(f, e),
         "Error parsing attribute \"%s\": The `map` argument cannot be an empty string.", shown);
    return false;
}

/* Records a field-level @id or @unique as an index of the model. */
static void add_field_index(rctx *r, const shale_ast_file *f, shale_model *m, uint32_t fi, const shale_ast_attr *a,
                            shale_index_kind kind)
{
    const char *shown = kind == SHALE_INDEX_PRIMARY ? "@id" : "@unique";
    static const char *const names[] = {"map", "sort", "length", "clustered", "where", NULL};
    static const arg_spec spec = {NULL, names};
    const shale_ast_expr *val[5];
    if (!bind_args(r, f, a, shown, &spec, val, NULL)) return;
    shale_index ix = {0};
    shale_index_args ixa = {{NULL, 0}, {NULL, 0}, {NULL, 0}};
    ix.kind = kind;
    ix.from_field = true;
    ix.attr = a;
    ix.fields = alloc0(r, sizeof *ix.fields);
    if (!ix.fields) return;
    ix.fields[0].field = fi;
    ix.n_fields = 1;
    if (val[0] && !map_arg(r, f, shown, val[0], &ixa.map)) return;
    if (val[1] && kind == SHALE_INDEX_PRIMARY) {
        rerr(r, SHALE_E_INDEX, shale_ast_attr_span(f, a),
             "Error parsing attribute \"@id\": The sort argument is not supported in the primary key with the current "
             "connector");
        return;
    }
    if (val[1]) {
        if (val[1]->kind == SHALE_EXPR_CONSTANT && shale_str_eq(shale_ast_expr_text(val[1]), "Asc"))
            ix.fields[0].sort = SHALE_SORT_ASC;
        else if (val[1]->kind == SHALE_EXPR_CONSTANT && shale_str_eq(shale_ast_expr_text(val[1]), "Desc"))
            ix.fields[0].sort = SHALE_SORT_DESC;
        else {
            rerr(r, SHALE_E_ARGUMENT, shale_ast_expr_span(f, val[1]), "Unexpected token. Expected one of: Asc, Desc");
            return;
        }
    }
    if (val[2]) {
        rerr(r, SHALE_E_INDEX, shale_ast_attr_span(f, a),
             "Error parsing attribute \"%s\": The length argument is not supported in an index definition with the "
             "current connector",
             shown);
        return;
    }
    if (val[3]) {
        rerr(r, SHALE_E_INDEX, shale_ast_attr_span(f, a),
             "Error parsing attribute \"%s\": Defining clustering is not supported in the current connector.", shown);
        return;
    }
    if (val[4] && (kind == SHALE_INDEX_PRIMARY || !partial_condition(r, f, shown, val[4], &ixa.where))) {
        if (kind == SHALE_INDEX_PRIMARY)
            rerr(r, SHALE_E_ARGUMENT, shale_ast_expr_span(f, val[4]), "Error parsing attribute \"@id\": No such argument.");
        return;
    }
    add_index(r, m, &ix, &ixa);
}

static void field_attrs(rctx *r, const shale_ast_file *f, shale_model *m, uint32_t fi)
{
    shale_field *fd = &m->fields[fi];
    const shale_ast_field *af = fd->ast;
    const shale_ast_attr *seen[7] = {0};
    bool reported[7] = {0};
    const shale_ast_attr *native_seen = NULL;
    shale_str ds = r->s->datasource ? r->s->datasource->name : (shale_str){"db", 2};
    for (const shale_ast_attr *a = af->attrs.head; a; a = a->next) {
        const char *dot = memchr(shale_ast_attr_name(a).ptr, '.', shale_ast_attr_name(a).len);
        if (dot) {
            shale_str prefix = {shale_ast_attr_name(a).ptr, (size_t)(dot - shale_ast_attr_name(a).ptr)};
            shale_str tname = {dot + 1, shale_ast_attr_name(a).len - prefix.len - 1};
            if (!r->s->datasource || prefix.len != ds.len || memcmp(prefix.ptr, ds.ptr, ds.len) != 0) {
                rerr(r, SHALE_E_NATIVE_TYPE, shale_ast_attr_span(f, a),
                     "The prefix %.*s is invalid. It must be equal to the name of an existing datasource e.g. %.*s. Did "
                     "you mean to use %.*s.%.*s?",
                     (int)prefix.len, prefix.ptr, (int)ds.len, ds.ptr, (int)ds.len, ds.ptr, (int)tname.len, tname.ptr);
                continue;
            }
            if (native_seen) {
                rerr(r, SHALE_E_ATTRIBUTE, shale_ast_attr_span(f, a), "Attribute \"@%.*s\" can only be defined once.",
                     (int)prefix.len, prefix.ptr);
                continue;
            }
            native_seen = a;
            if (fd->kind != SHALE_FIELD_SCALAR) {
                if (fd->kind == SHALE_FIELD_ENUM || fd->kind == SHALE_FIELD_RELATION || fd->kind == SHALE_FIELD_UNSUPPORTED)
                    rerr(r, SHALE_E_NATIVE_TYPE, shale_ast_attr_span(f, a),
                         "Native types can only be used on fields of a built-in scalar type, not on `%.*s`.",
                         (int)shale_ast_type_name(f, &af->type).len, shale_ast_type_name(f, &af->type).ptr);
                continue;
            }
            resolve_native(r, f, fd, a, tname);
            continue;
        }
        size_t k = 0, nk = sizeof field_attr_names / sizeof *field_attr_names;
        while (k < nk && !shale_str_eq(shale_ast_attr_name(a), field_attr_names[k])) k++;
        if (k == nk) {
            shale_diag *d = rerr(r, SHALE_E_UNKNOWN_ATTR, shale_ast_attr_span(f, a), "Attribute not known: \"@%.*s\".",
                                 (int)shale_ast_attr_name(a).len, shale_ast_attr_name(a).ptr);
            const char *near = closest_name(shale_ast_attr_name(a), field_attr_names, nk);
            if (near) shale_diag_set_help(r->diags, d, "did you mean `@%s`?", near);
            continue;
        }
        if (seen[k]) {
            char shown[16];
            snprintf(shown, sizeof shown, "@%s", field_attr_names[k]);
            repeated_attr(r, f, shown, seen[k], a, &reported[k]);
            continue;
        }
        seen[k] = a;
        const char *an = field_attr_names[k];
        if (k == FA_RELATION) {
            if (fd->kind != SHALE_FIELD_RELATION && fd->kind != SHALE_FIELD_UNRESOLVED)
                rerr(r, SHALE_E_RELATION, shale_ast_attr_span(f, a),
                     "Error parsing attribute \"@relation\": Invalid field type, not a relation.");
            if (fd->kind == SHALE_FIELD_RELATION) fd->relation_attr = a; /* for shale_field_attr() */
            continue; /* read by resolve_relation.c */
        }
        if (fd->kind == SHALE_FIELD_RELATION && k != FA_IGNORE) {
            if (k == FA_MAP)
                rerr(r, SHALE_E_ATTRIBUTE, shale_ast_attr_span(f, a),
                     "Error parsing attribute \"@map\": The attribute `@map` cannot be used on relation fields.");
            else if (k == FA_DEFAULT)
                rerr(r, SHALE_E_DEFAULT, shale_ast_attr_span(f, a),
                     "Error parsing attribute \"@default\": Cannot set a default value on a relation field.");
            else
                rerr(r, SHALE_E_ATTRIBUTE, shale_ast_attr_span(f, a),
                     "Error parsing attribute \"@%s\": The field `%.*s` is a relation field and cannot be marked with "
                     "`@%s`. Only scalar fields can be made unique.",
                     an, (int)shale_field_name(fd).len, shale_field_name(fd).ptr, an);
            continue;
        }
        if (k == FA_MAP) {
            static const char *const names[] = {"name", NULL};
            static const arg_spec spec = {"name", names};
            const shale_ast_expr *val[1];
            if (!bind_args(r, f, a, "@map", &spec, val, NULL)) continue;
            if (!val[0]) {
                rerr(r, SHALE_E_ARGUMENT, shale_ast_attr_span(f, a),
                     "Error parsing attribute \"@map\": Argument \"name\" is missing.");
                continue;
            }
            shale_str *map = alloc0(r, sizeof *map); /* few fields have one */
            if (!map) continue;
            *map = shale_field_name(fd);
            arg_string(r, f, "@map", val[0], map);
            fd->map = map;
        } else if (k == FA_IGNORE) {
            if (a->args && a->args->count) {
                rerr(r, SHALE_E_ARGUMENT, shale_ast_arg_span(f, &a->args->items[0]),
                     "Error parsing attribute \"@ignore\": No such argument.");
                continue;
            }
            if (fd->kind == SHALE_FIELD_UNSUPPORTED) {
                rerr(r, SHALE_E_ATTRIBUTE, shale_ast_attr_span(f, a),
                     "Error parsing attribute \"@ignore\": Fields of type `Unsupported` cannot take an `@ignore` "
                     "attribute. They are already treated as ignored by the client due to their type.");
                continue;
            }
            fd->ignored = true;
        } else if (k == FA_UPDATED_AT) {
            if (a->args && a->args->count) {
                rerr(r, SHALE_E_ARGUMENT, shale_ast_arg_span(f, &a->args->items[0]),
                     "Error parsing attribute \"@updatedAt\": No such argument.");
                continue;
            }
            if (!(fd->kind == SHALE_FIELD_SCALAR && fd->scalar == SHALE_SCALAR_DATETIME)) {
                rerr(r, SHALE_E_ATTRIBUTE, shale_ast_attr_span(f, a),
                     "Error parsing attribute \"@updatedAt\": Fields that are marked with @updatedAt must be of type "
                     "DateTime.");
                continue;
            }
            if (fd->arity == SHALE_ARITY_LIST) {
                rerr(r, SHALE_E_ATTRIBUTE, shale_ast_attr_span(f, a),
                     "Error parsing attribute \"@updatedAt\": Fields that are marked with @updatedAt cannot be lists.");
                continue;
            }
            fd->updated_at = true;
        } else if (k == FA_DEFAULT) {
            resolve_default(r, f, fd, a);
        } else if (k == FA_ID) {
            if (m->is_view) {
                rerr(r, SHALE_E_ID, shale_ast_attr_span(f, a), "Error validating: Views cannot have primary keys.");
                continue;
            }
            add_field_index(r, f, m, fi, a, SHALE_INDEX_PRIMARY);
        } else if (k == FA_UNIQUE) {
            add_field_index(r, f, m, fi, a, SHALE_INDEX_UNIQUE);
        }
    }
}

/* ---- fields --------------------------------------------------------------------------- */

const shale_ast_attr *shale_field_attr(const shale_field *f, const char *name)
{
    /* A relation field's @relation was kept when its attributes were read: the whole-
     * schema passes ask for it, and the field's tree is cold by then. */
    if (f->kind == SHALE_FIELD_RELATION && strcmp(name, "relation") == 0) return f->relation_attr;
    for (const shale_ast_attr *a = f->ast->attrs.head; a; a = a->next)
        if (shale_str_eq(shale_ast_attr_name(a), name)) return a;
    return NULL;
}

static const char *const scalar_list[] = {"String", "Boolean", "Int", "BigInt", "Float", "Decimal", "DateTime", "Json", "Bytes"};

/* The scalar named `tn`, or SHALE_SCALAR_COUNT: by length first, as every field's type
 * is looked up here. */
static int scalar_index(shale_str tn)
{
    int a = SHALE_SCALAR_COUNT, b = SHALE_SCALAR_COUNT;
    switch (tn.len) {
    case 3: a = SHALE_SCALAR_INT; break;
    case 4: a = SHALE_SCALAR_JSON; break;
    case 5: a = SHALE_SCALAR_FLOAT, b = SHALE_SCALAR_BYTES; break;
    case 6: a = SHALE_SCALAR_STRING, b = SHALE_SCALAR_BIGINT; break;
    case 7: a = SHALE_SCALAR_BOOLEAN, b = SHALE_SCALAR_DECIMAL; break;
    case 8: a = SHALE_SCALAR_DATETIME; break;
    default: return SHALE_SCALAR_COUNT;
    }
    if (memcmp(tn.ptr, scalar_list[a], tn.len) == 0) return a;
    if (b < SHALE_SCALAR_COUNT && memcmp(tn.ptr, scalar_list[b], tn.len) == 0) return b;
    return SHALE_SCALAR_COUNT;
}

void resolve_model_fields(rctx *r, uint32_t mi)
{
    shale_model *m = &r->s->models[mi];
    const shale_ast_file *f = r->model_files[mi];
    uint32_t n = 0, n_ix = 0, n_block_ix = 0;
    r->first_block_attr[mi] = NULL;
    for (const shale_ast_member *mb = m->ast->members; mb; mb = mb->next) {
        if (mb->kind == SHALE_MEMBER_FIELD && shale_ast_field_has_type(&mb->u.field)) {
            n++;
            for (const shale_ast_attr *a = mb->u.field.attrs.head; a; a = a->next)
                if (shale_str_eq(shale_ast_attr_name(a), "id") || shale_str_eq(shale_ast_attr_name(a), "unique"))
                    n_ix++;
        } else if (mb->kind == SHALE_MEMBER_BLOCK_ATTR) {
            if (!n_block_ix++) r->first_block_attr[mi] = mb;
        }
    }
    n_ix += n_block_ix;
    m->fields = alloc0(r, n * sizeof *m->fields);
    m->indexes = alloc0(r, n_ix * sizeof *m->indexes);
    m->cap_indexes = m->indexes ? n_ix : 0;
    if ((n && !m->fields) || (n_ix && !m->indexes)) return;
    shale_symtab *names = &r->scratch;
    shale_symtab_clear(names);
    for (const shale_ast_member *mb = m->ast->members; mb; mb = mb->next) {
        if (mb->kind != SHALE_MEMBER_FIELD || !shale_ast_field_has_type(&mb->u.field)) continue;
        const shale_ast_field *af = &mb->u.field;
        void *prev = NULL;
        int put = shale_symtab_put(names, shale_ast_field_name(f, af), (void *)af, &prev);
        if (put < 0) r->oom = true;
        if (put == 1) {
            shale_diag *d = rerr(r, SHALE_E_DUPLICATE, rspan(f, shale_ast_field_name(f, af)),
                                 "Field \"%.*s\" is already defined on %s \"%.*s\".", (int)shale_ast_field_name(f, af).len,
                                 shale_ast_field_name(f, af).ptr, noun(m), (int)m->name.len, m->name.ptr);
            shale_diag_add_note(r->diags, d, rspan(f, shale_ast_field_name(f, ((const shale_ast_field *)prev))),
                                "the first definition is here");
            continue;
        }
        check_name_chars(r, rspan(f, shale_ast_field_name(f, af)), shale_ast_field_name(f, af),
                         m->is_view ? "field" : "Field");
        shale_field *fd = &m->fields[m->n_fields++];
        fd->ast = af;
        fd->name_ptr = shale_ast_field_name(f, af).ptr;
        fd->name_len = af->name_len;
        fd->arity = (shale_arity)af->type.arity;
        fd->relation = SHALE_NONE;
        fd->type_index = SHALE_NONE;
        if (af->type.unsupported) {
            fd->kind = SHALE_FIELD_UNSUPPORTED;
            shale_str arg = shale_ast_unsupported_arg(f, &af->type);
            if (arg.len) fd->unsupported = decode_string(r, arg);
            /* A type Prisma knows natively should be written as one. */
            size_t nl = 0;
            while (nl < fd->unsupported.len && fd->unsupported.ptr[nl] != '(') nl++;
            shale_str base = {fd->unsupported.ptr, nl};
            const native_spec *ns = find_native(base);
            if (ns) {
                shale_str ds = r->s->datasource ? r->s->datasource->name : (shale_str){"db", 2};
                rerr(r, SHALE_E_UNSUPPORTED, shale_ast_type_span(f, &af->type),
                     "Error validating: The type `Unsupported(\"%.*s\")` you specified in the type definition for the "
                     "field `%.*s` is supported as a native type by Prisma. Please use the native type notation `%s "
                     "@%.*s.%.*s` for full support.",
                     (int)fd->unsupported.len, fd->unsupported.ptr, (int)shale_ast_field_name(f, af).len,
                     shale_ast_field_name(f, af).ptr, shale_scalar_name(ns->scalar), (int)ds.len, ds.ptr,
                     (int)fd->unsupported.len, fd->unsupported.ptr);
            }
            continue;
        }
        shale_str tn = shale_ast_type_name(f, &af->type);
        int si = scalar_index(tn);
        if (si < SHALE_SCALAR_COUNT) {
            fd->kind = SHALE_FIELD_SCALAR;
            fd->scalar = (shale_scalar)si;
            continue;
        }
        const top_ref *ref = shale_symtab_get(&r->types, tn);
        if (ref && (ref->kind == TOP_MODEL || ref->kind == TOP_VIEW)) {
            fd->kind = SHALE_FIELD_RELATION;
            fd->type_index = ref->index;
        } else if (ref && ref->kind == TOP_ENUM) {
            fd->kind = SHALE_FIELD_ENUM;
            fd->type_index = ref->index;
        } else {
            fd->kind = SHALE_FIELD_UNRESOLVED;
            if (ref) continue; /* a composite type: reported at its declaration */
            /* A type that differs only in case: Prisma says so in the message itself. */
            const char *same_but_case = NULL;
            for (int i = 0; i < SHALE_SCALAR_COUNT && !same_but_case; i++)
                if (str_eq_nocase(tn, scalar_list[i])) same_but_case = scalar_list[i];
            if (same_but_case) {
                rerr(r, SHALE_E_UNKNOWN_TYPE, rspan(f, tn),
                     "Type \"%.*s\" is neither a built-in type, nor refers to another model, composite type, or enum. "
                     "Did you mean \"%s\"?",
                     (int)tn.len, tn.ptr, same_but_case);
                continue;
            }
            shale_diag *d = rerr(r, SHALE_E_UNKNOWN_TYPE, rspan(f, tn),
                                 "Type \"%.*s\" is neither a built-in type, nor refers to another model, composite type, "
                                 "or enum.",
                                 (int)tn.len, tn.ptr);
            /* Suggest a scalar, model or enum with a similar name. */
            size_t nc = SHALE_SCALAR_COUNT + r->s->n_models + r->s->n_enums;
            const char **cands = alloc0(r, nc * sizeof *cands);
            if (cands) {
                size_t k = 0;
                for (int i = 0; i < SHALE_SCALAR_COUNT; i++) cands[k++] = scalar_list[i];
                for (uint32_t i = 0; i < r->s->n_models; i++) {
                    char *s = shale_arena_strndup(r->arena, r->s->models[i].name.ptr, r->s->models[i].name.len);
                    if (s) cands[k++] = s;
                }
                for (uint32_t i = 0; i < r->s->n_enums; i++) {
                    char *s = shale_arena_strndup(r->arena, r->s->enums[i].name.ptr, r->s->enums[i].name.len);
                    if (s) cands[k++] = s;
                }
                const char *near = closest_name(tn, cands, k);
                if (near) shale_diag_set_help(r->diags, d, "did you mean `%s`?", near);
            }
        }
    }
    for (uint32_t i = 0; i < m->n_fields; i++) field_attrs(r, f, m, i);
}

/* ---- block attributes ------------------------------------------------------------------ */

static bool find_field(const shale_model *m, shale_str name, uint32_t *out)
{
    for (uint32_t i = 0; i < m->n_fields; i++)
        if (shale_field_name(&m->fields[i]).len == name.len &&
            memcmp(shale_field_name(&m->fields[i]).ptr, name.ptr, name.len) == 0) {
            *out = i;
            return true;
        }
    return false;
}

/* A `fields` list: `[a, b(sort: Desc, ops: X)]` or a bare `a`. */
static bool index_fields(rctx *r, const shale_ast_file *f, shale_model *m, const char *shown, const shale_ast_expr *list,
                         shale_index *ix)
{
    const shale_ast_expr *items = list;
    uint32_t n = 1;
    if (list->kind == SHALE_EXPR_ARRAY) {
        items = list->u.items;
        n = shale_ast_expr_count(list);
    }
    ix->fields = alloc0(r, n * sizeof *ix->fields);
    if (n && !ix->fields) return false;
    bool ok = true;
    for (const shale_ast_expr *it = items; it; it = list->kind == SHALE_EXPR_ARRAY ? it->next : NULL) {
        shale_index_field xf = {0};
        shale_str name = shale_ast_expr_text(it);
        if (it->kind == SHALE_EXPR_FUNCTION) {
            for (const shale_ast_arg *arg = it->u.args ? it->u.args->items : NULL;
                 arg && arg < it->u.args->items + it->u.args->count; arg++) {
                const shale_ast_expr *v = arg->value;
                if (!v) continue;
                if (shale_str_eq(shale_ast_arg_name(f, arg), "sort")) {
                    if (v->kind == SHALE_EXPR_CONSTANT && shale_str_eq(shale_ast_expr_text(v), "Asc"))
                        xf.sort = SHALE_SORT_ASC;
                    else if (v->kind == SHALE_EXPR_CONSTANT && shale_str_eq(shale_ast_expr_text(v), "Desc"))
                        xf.sort = SHALE_SORT_DESC;
                    else {
                        rerr(r, SHALE_E_ARGUMENT, shale_ast_expr_span(f, v), "Unexpected token. Expected one of: Asc, Desc");
                        ok = false;
                    }
                } else if (shale_str_eq(shale_ast_arg_name(f, arg), "length")) {
                    rerr(r, SHALE_E_INDEX, shale_ast_attr_span(f, ix->attr),
                         "Error parsing attribute \"%s\": The length argument is not supported in an index definition with "
                         "the current connector",
                         shown);
                    ok = false;
                } else if (shale_str_eq(shale_ast_arg_name(f, arg), "ops")) {
                    /* Constants are checked against the known classes in validate_index.c. */
                    bool raw = v->kind == SHALE_EXPR_FUNCTION && shale_str_eq(shale_ast_expr_text(v), "raw");
                    uint32_t nargs = raw && v->u.args ? v->u.args->count : 0;
                    const shale_ast_expr *s = nargs == 1 ? v->u.args->items[0].value : NULL;
                    shale_str *ops = NULL;
                    if (v->kind == SHALE_EXPR_CONSTANT || (s && s->kind == SHALE_EXPR_STRING)) {
                        ops = alloc0(r, sizeof *ops);
                        if (!ops) return false;
                        xf.ops = ops;
                    }
                    if (v->kind == SHALE_EXPR_CONSTANT) *ops = shale_ast_expr_text(v);
                    else if (s && s->kind == SHALE_EXPR_STRING) {
                        *ops = decode_string(r, shale_ast_expr_text(s));
                        xf.ops_raw = true;
                    } else {
                        /* Prisma's parser errors: on raw(...) for its arguments, else on `ops: x`. */
                        if (raw && nargs != 1)
                            rerr(r, SHALE_E_ARGUMENT, shale_ast_expr_span(f, v),
                                 "Unexpected token. Expected one of: Wrong number of arguments. Expected: 1, got: %u",
                                 nargs);
                        else if (raw)
                            rerr(r, SHALE_E_ARGUMENT, shale_ast_expr_span(f, v),
                                 "Unexpected token. Expected one of: Invalid parameter type: expected string");
                        else
                            rerr(r, SHALE_E_ARGUMENT, shale_ast_arg_span(f, arg),
                                 "Unexpected token. Expected one of: operator class");
                        ok = false;
                    }
                }
            }
        } else if (it->kind != SHALE_EXPR_CONSTANT) {
            expect_error(r, f, shown, it, "constant literal");
            ok = false;
            continue;
        }
        if (!find_field(m, name, &xf.field)) {
            rerr(r, SHALE_E_INDEX, shale_ast_attr_span(f, ix->attr),
                 "Error validating model \"%.*s\": The %s definition refers to the unknown fields: %.*s.", (int)m->name.len,
                 m->name.ptr,
                 ix->kind == SHALE_INDEX_PRIMARY ? "id" : ix->kind == SHALE_INDEX_UNIQUE ? "unique index" : "index",
                 (int)name.len, name.ptr);
            ok = false;
            continue;
        }
        const shale_field *fd = &m->fields[xf.field];
        if (fd->kind == SHALE_FIELD_RELATION) {
            rerr(r, SHALE_E_INDEX, shale_ast_attr_span(f, ix->attr),
                 "Error validating model \"%.*s\": The %s definition refers to the relation fields %.*s. %s definitions "
                 "must reference only scalar fields.",
                 (int)m->name.len, m->name.ptr,
                 ix->kind == SHALE_INDEX_PRIMARY ? "id" : ix->kind == SHALE_INDEX_UNIQUE ? "unique index" : "index",
                 (int)name.len, name.ptr,
                 ix->kind == SHALE_INDEX_PRIMARY ? "ID" : ix->kind == SHALE_INDEX_UNIQUE ? "Unique index" : "Index");
            ok = false;
            continue;
        }
        ix->fields[ix->n_fields++] = xf;
    }
    return ok;
}



static void block_index(rctx *r, const shale_ast_file *f, shale_model *m, const shale_ast_attr *a, shale_index_kind kind)
{
    const char *shown = kind == SHALE_INDEX_PRIMARY ? "@@id" : kind == SHALE_INDEX_UNIQUE ? "@@unique" : "@@index";
    static const char *const names[] = {"fields", "name", "map", "clustered", "type", "where", NULL};
    static const arg_spec spec = {"fields", names};
    const shale_ast_expr *val[6];
    if (!bind_args(r, f, a, shown, &spec, val, NULL)) return;
    if (!val[0]) {
        rerr(r, SHALE_E_ARGUMENT, shale_ast_attr_span(f, a),
             "Error parsing attribute \"%s\": Argument \"fields\" is missing.", shown);
        return;
    }
    shale_index ix = {0};
    shale_index_args ixa = {{NULL, 0}, {NULL, 0}, {NULL, 0}};
    ix.kind = kind;
    ix.attr = a;
    if (kind != SHALE_INDEX_NORMAL && val[4]) {
        rerr(r, SHALE_E_ARGUMENT, shale_ast_expr_span(f, val[4]), "Error parsing attribute \"%s\": No such argument.", shown);
        return;
    }
    if (val[5]) {
        if (!partial_condition(r, f, shown, val[5], &ixa.where)) return;
    }
    if (val[3]) {
        rerr(r, SHALE_E_INDEX, shale_ast_attr_span(f, a),
             "Error parsing attribute \"%s\": Defining clustering is not supported in the current connector.", shown);
        return;
    }
    if (!index_fields(r, f, m, shown, val[0], &ix)) return;
    if (kind != SHALE_INDEX_PRIMARY && ix.n_fields == 0) {
        rerr(r, SHALE_E_INDEX, shale_ast_expr_span(f, val[0]),
             "Error parsing attribute \"%s\": The list of fields in an index cannot be empty. Please specify at least one "
             "field.",
             shown);
        return;
    }
    for (uint32_t i = 0; i < ix.n_fields; i++)
        for (uint32_t j = 0; j < i; j++)
            if (ix.fields[i].field == ix.fields[j].field) {
                shale_str fname = shale_field_name(&m->fields[ix.fields[i].field]);
                rerr(r, SHALE_E_INDEX, shale_ast_attr_span(f, a),
                     "Error validating model \"%.*s\": The %s definition refers to the field %.*s multiple times.",
                     (int)m->name.len, m->name.ptr,
                     kind == SHALE_INDEX_PRIMARY  ? "id"
                     : kind == SHALE_INDEX_UNIQUE ? "unique index"
                                                  : "index",
                     (int)fname.len, fname.ptr);
                return;
            }
    if (kind == SHALE_INDEX_PRIMARY) {
        for (uint32_t i = 0; i < ix.n_fields; i++)
            if (ix.fields[i].sort != SHALE_SORT_NONE) {
                rerr(r, SHALE_E_INDEX, shale_ast_attr_span(f, a),
                     "Error parsing attribute \"@@id\": The sort argument is not supported in the primary key with the "
                     "current connector");
                return;
            }
    }
    /* `ops` outside @@index is reported with the other operator class rules
     * (validate_index.c); Prisma accepts and ignores it on @@id. */
    if (kind == SHALE_INDEX_PRIMARY && ix.n_fields == 0) {
        rerr(r, SHALE_E_ID, shale_ast_attr_span(f, a),
             "Error validating model \"%.*s\": The list of fields in an `@@id()` attribute cannot be empty. Please "
             "specify at least one field.",
             (int)m->name.len, m->name.ptr);
        return;
    }
    if (val[1]) {
        if (kind == SHALE_INDEX_NORMAL) {
            /* `name:` is the old spelling of `map:` on @@index. */
            if (val[2]) {
                rerr(r, SHALE_E_ARGUMENT, shale_ast_attr_span(f, a),
                     "Error parsing attribute \"@@index\": The `@@index` attribute accepts the `name` argument as an "
                     "alias for the `map` argument for legacy reasons. It does not accept both though. Please use the "
                     "`map` argument to specify the database name of the index.");
                return;
            }
            arg_string(r, f, shown, val[1], &ixa.map);
        } else {
            if (!arg_string(r, f, shown, val[1], &ixa.name)) return;
            if (!ixa.name.len) {
                rerr(r, SHALE_E_ARGUMENT, shale_ast_expr_span(f, val[1]),
                     "Error parsing attribute \"%s\": The `name` argument cannot be an empty string.",
                     kind == SHALE_INDEX_PRIMARY ? "@id" : "@unique");
                return;
            }
            for (size_t i = 0; i < ixa.name.len; i++) {
                char c = ixa.name.ptr[i];
                if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                    rerr(r, SHALE_E_ARGUMENT, shale_ast_attr_span(f, a),
                         "Error validating model \"%.*s\": The `name` property within the `%s` attribute only allows for "
                         "the following characters: `_a-zA-Z0-9`.",
                         (int)m->name.len, m->name.ptr, shown);
                    return;
                }
            }
        }
    }
    if (val[2] && !map_arg(r, f, shown, val[2], &ixa.map)) return;
    if (val[4]) {
        static const char *const methods[] = {"BTree", "Hash", "Gist", "Gin", "SpGist", "Brin"};
        const shale_ast_expr *t = val[4];
        int k = 0;
        if (t->kind == SHALE_EXPR_CONSTANT)
            while (k < 6 && !shale_str_eq(shale_ast_expr_text(t), methods[k])) k++;
        if (t->kind != SHALE_EXPR_CONSTANT || k == 6) {
            shale_str tx = expr_text(f, t);
            rerr(r, SHALE_E_INDEX, shale_ast_expr_span(f, t),
                 "Error parsing attribute \"@@index\": Unknown index type: %.*s.", (int)tx.len, tx.ptr);
            return;
        }
        ix.method = (shale_index_method)(SHALE_METHOD_BTREE + k);
    }
    add_index(r, m, &ix, &ixa);
}

void resolve_model_attrs(rctx *r, uint32_t mi)
{
    shale_model *m = &r->s->models[mi];
    const shale_ast_file *f = r->model_files[mi];
    const shale_ast_attr *seen_map = NULL, *seen_schema = NULL, *seen_ignore = NULL, *seen_id = NULL;
    bool rep_map = false, rep_schema = false, rep_ignore = false, rep_id = false;
    static const char *const block_attr_names[] = {"id", "unique", "index", "map", "schema", "ignore", "fulltext"};
    for (const shale_ast_member *mb = r->first_block_attr[mi]; mb; mb = mb->next) {
        if (mb->kind != SHALE_MEMBER_BLOCK_ATTR) continue;
        const shale_ast_attr *a = &mb->u.block_attr.attr;
        if (shale_str_eq(shale_ast_attr_name(a), "id")) {
            if (seen_id) {
                repeated_attr(r, f, "@id", seen_id, a, &rep_id);
                continue;
            }
            seen_id = a;
            if (m->is_view) {
                rerr(r, SHALE_E_ID, shale_ast_attr_span(f, a), "Error validating: Views cannot have primary keys.");
                continue;
            }
            block_index(r, f, m, a, SHALE_INDEX_PRIMARY);
        } else if (shale_str_eq(shale_ast_attr_name(a), "unique")) {
            block_index(r, f, m, a, SHALE_INDEX_UNIQUE);
        } else if (shale_str_eq(shale_ast_attr_name(a), "index")) {
            block_index(r, f, m, a, SHALE_INDEX_NORMAL);
        } else if (shale_str_eq(shale_ast_attr_name(a), "map") || shale_str_eq(shale_ast_attr_name(a), "schema")) {
            bool is_map = shale_ast_attr_name(a).len == 3;
            const shale_ast_attr **seen = is_map ? &seen_map : &seen_schema;
            if (!is_map) m->schema_attr = a;
            if (*seen) {
                repeated_attr(r, f, is_map ? "@map" : "@schema", *seen, a, is_map ? &rep_map : &rep_schema);
                continue;
            }
            *seen = a;
            static const char *const names[] = {"name", NULL};
            static const arg_spec spec = {"name", names};
            const shale_ast_expr *val[1];
            const char *shown = is_map ? "@@map" : "@@schema";
            if (!bind_args(r, f, a, shown, &spec, val, NULL)) continue;
            if (!val[0]) {
                rerr(r, SHALE_E_ARGUMENT, shale_ast_attr_span(f, a),
                     "Error parsing attribute \"%s\": Argument \"name\" is missing.", shown);
                continue;
            }
            arg_string(r, f, shown, val[0], is_map ? &m->db_name : &m->schema_name);
        } else if (shale_str_eq(shale_ast_attr_name(a), "ignore")) {
            if (seen_ignore) {
                repeated_attr(r, f, "@ignore", seen_ignore, a, &rep_ignore);
                continue;
            }
            seen_ignore = a;
            if (a->args && a->args->count) {
                rerr(r, SHALE_E_ARGUMENT, shale_ast_arg_span(f, &a->args->items[0]),
                     "Error parsing attribute \"@@ignore\": No such argument.");
                continue;
            }
            m->ignored = true;
        } else if (shale_str_eq(shale_ast_attr_name(a), "fulltext")) {
            rerr(r, SHALE_E_INDEX, shale_ast_attr_span(f, a),
                 "Error parsing attribute \"@@fulltext\": Defining fulltext indexes is not supported with the current "
                 "connector.");
        } else {
            shale_diag *d = rerr(r, SHALE_E_UNKNOWN_ATTR, shale_ast_attr_span(f, a), "Attribute not known: \"@%.*s\".",
                                 (int)shale_ast_attr_name(a).len, shale_ast_attr_name(a).ptr);
            const char *near = closest_name(shale_ast_attr_name(a), block_attr_names, 7);
            if (near) shale_diag_set_help(r->diags, d, "did you mean `@@%s`?", near);
        }
    }
    /* Fields ignored inside an ignored model say the same thing twice. */
    if (m->ignored)
        for (uint32_t i = 0; i < m->n_fields; i++)
            if (m->fields[i].ignored)
                for (const shale_ast_attr *a = m->fields[i].ast->attrs.head; a; a = a->next)
                    if (shale_str_eq(shale_ast_attr_name(a), "ignore"))
                        rerr(r, SHALE_E_ATTRIBUTE, shale_ast_attr_span(f, a),
                             "Error parsing attribute \"@ignore\": Fields on an already ignored Model do not need an "
                             "`@ignore` annotation.");
}
