/* resolve.c - the resolver's driver: top-level names, the datasource and generators,
 * enums; then it runs the model, relation and whole-schema passes (see resolve_int.h).
 * Messages follow Prisma's validator word for word where Prisma has one. */
#include "resolve_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *const scalar_names[SHALE_SCALAR_COUNT] = {"String", "Boolean", "Int",  "BigInt", "Float",
                                                             "Decimal", "DateTime", "Json", "Bytes"};

const char *shale_scalar_name(shale_scalar s) { return (unsigned)s < SHALE_SCALAR_COUNT ? scalar_names[s] : "?"; }

shale_str shale_model_schema(const shale_model *m)
{
    if (m->schema_name.len) return m->schema_name;
    shale_str pub = {"public", 6};
    return pub;
}

static const char *top_noun(top_kind k)
{
    switch (k) {
    case TOP_MODEL: return "model";
    case TOP_VIEW: return "view";
    case TOP_ENUM: return "enum";
    case TOP_COMPOSITE: return "composite type";
    case TOP_DATASOURCE: return "datasource";
    case TOP_GENERATOR: return "generator";
    }
    return "block";
}

static bool is_scalar_name(shale_str n)
{
    for (int i = 0; i < SHALE_SCALAR_COUNT; i++)
        if (shale_str_eq(n, scalar_names[i])) return true;
    return false;
}

static void *alloc_array(rctx *r, size_t n, size_t size)
{
    if (n == 0) return NULL;
    void *p = shale_arena_alloc(r->arena, n * size);
    if (!p) r->oom = true;
    return p;
}

bool shale_schema_reserved_name(shale_str n)
{
    static const char *const reserved[] = {
        "PrismaClient", "async",   "await",    "break",  "case",     "catch",      "class",      "const",
        "continue",     "debugger", "default", "delete", "do",       "else",       "enum",       "export",
        "extends",      "false",   "finally",  "for",    "function", "if",         "implements", "import",
        "in",           "instanceof", "interface", "let", "new",     "null",       "package",    "private",
        "protected",    "public",  "return",   "super",  "switch",   "this",       "throw",      "true",
        "try",          "typeof",  "using",    "var",    "void",     "while",      "with",       "yield"};
    for (size_t i = 0; i < sizeof reserved / sizeof *reserved; i++)
        if (shale_str_eq(n, reserved[i])) return true;
    return false;
}

/* ---- top-level names ------------------------------------------------------------ */

static void declare(rctx *r, top_kind kind, uint32_t index, const shale_ast_block *b, const shale_ast_file *f)
{
    top_ref *ref = shale_arena_alloc(r->arena, sizeof *ref);
    if (!ref) {
        r->oom = true;
        return;
    }
    ref->kind = kind;
    ref->index = index;
    ref->block = b;
    ref->file = f;
    if (kind == TOP_MODEL || kind == TOP_ENUM) {
        check_name_chars(r, b->name_span, b->name, kind == TOP_MODEL ? "Model" : "Enum");
        if (shale_schema_reserved_name(b->name)) {
            if (kind == TOP_MODEL)
                rerr(r, SHALE_E_NAME, b->name_span,
                     "Error validating model \"%.*s\": The model name `%.*s` is invalid. It is a reserved name. Please "
                     "change it. Read more at https://pris.ly/d/naming-models",
                     (int)b->name.len, b->name.ptr, (int)b->name.len, b->name.ptr);
            else
                rerr(r, SHALE_E_NAME, b->name_span,
                     "Error validating enum `%.*s`: The enum name `%.*s` is invalid. It is a reserved name. Please change "
                     "it. Read more at "
                     "https://www.prisma.io/docs/reference/tools-and-interfaces/prisma-schema/data-model#naming-enums",
                     (int)b->name.len, b->name.ptr, (int)b->name.len, b->name.ptr);
        }
    }
    if (kind != TOP_GENERATOR && kind != TOP_DATASOURCE && is_scalar_name(b->name)) {
        rerr(r, SHALE_E_NAME, b->name_span, "\"%.*s\" is a reserved scalar type name and cannot be used.",
             (int)b->name.len, b->name.ptr);
        return;
    }
    shale_symtab *t = kind == TOP_GENERATOR ? &r->blocks : &r->types;
    void *prev = NULL;
    int rc = shale_symtab_put(t, b->name, ref, &prev);
    if (rc < 0) {
        r->oom = true;
        return;
    }
    if (rc == 1) {
        const top_ref *p = prev;
        shale_diag *d = rerr(r, SHALE_E_DUPLICATE, b->name_span,
                             "The %s \"%.*s\" cannot be defined because a %s with that name already exists.",
                             top_noun(kind), (int)b->name.len, b->name.ptr, top_noun(p->kind));
        shale_diag_add_note(r->diags, d, p->block->name_span, "the first definition is here");
    }
}

/* ---- datasource ----------------------------------------------------------------- */

static const char *const datasource_keys[] = {"provider", "url", "directUrl", "shadowDatabaseUrl", "relationMode",
                                              "schemas", "extensions", "referentialIntegrity"};

static bool kv_string(rctx *r, const shale_ast_file *f, const shale_ast_kv *kv, shale_str *out)
{
    if (!kv->value) return false;
    return arg_string(r, f, NULL, kv->value, out);
}

/* A connection URL: a string, or env("VAR") (PSL.md §9: shale accepts them). */
static void check_url(rctx *r, const shale_ast_file *f, const shale_ast_kv *kv)
{
    const shale_ast_expr *v = kv->value;
    if (!v) return;
    if (v->kind == SHALE_EXPR_STRING) return;
    if (v->kind == SHALE_EXPR_FUNCTION && shale_str_eq(shale_ast_expr_text(v), "env")) {
        const shale_ast_args *a = v->u.args;
        if (!a || a->count != 1 || a->items[0].name_len || !a->items[0].value ||
            a->items[0].value->kind != SHALE_EXPR_STRING)
            rerr(r, SHALE_E_DATASOURCE, shale_ast_expr_span(f, v),
                 "The env function expects a singular, unnamed, string argument.");
        return;
    }
    expect_error(r, f, NULL, v, "string");
}

/* One entry of `extensions = [...]`: a name, or name(map:, schema:, version:). */
static void check_extension(rctx *r, const shale_ast_file *f, const shale_ast_expr *e)
{
    if (e->kind != SHALE_EXPR_CONSTANT && e->kind != SHALE_EXPR_FUNCTION) {
        expect_error(r, f, NULL, e, "constant or function");
        return;
    }
    const char *dash = memchr(shale_ast_expr_text(e).ptr, '-', shale_ast_expr_text(e).len);
    if (dash) {
        rerr(r, SHALE_E_DATASOURCE, shale_ast_expr_span(f, e),
             "Error validating: The character `-` is not allowed in extension names.");
        return;
    }
    if (e->kind != SHALE_EXPR_FUNCTION || !e->u.args) return;
    static const char *const names[] = {"map", "schema", "version"};
    bool seen_arg[3] = {false, false, false};
    for (const shale_ast_arg *a = e->u.args->items; a < e->u.args->items + e->u.args->count; a++) {
        if (!a->name_len) {
            rerr(r, SHALE_E_DATASOURCE, shale_ast_arg_span(f, a), "Error validating: The argument must have a name");
            continue;
        }
        int k = 0;
        while (k < 3 && !shale_str_eq(shale_ast_arg_name(f, a), names[k])) k++;
        if (k == 3) {
            rerr(r, SHALE_E_DATASOURCE, shale_ast_arg_span(f, a), "Argument not known: \"%.*s\".",
                 (int)shale_ast_arg_name(f, a).len, shale_ast_arg_name(f, a).ptr);
            continue;
        }
        if (seen_arg[k]) {
            rerr(r, SHALE_E_DATASOURCE, shale_ast_arg_span(f, a),
                 "Error validating: The argument `%s` can only be defined once", names[k]);
            continue;
        }
        seen_arg[k] = true;
        if (a->value && a->value->kind != SHALE_EXPR_STRING) {
            expect_error(r, f, NULL, a->value, "string");
            rerr(r, SHALE_E_DATASOURCE, shale_ast_expr_span(f, a->value),
                 "Error validating: The `%s` argument must be a string literal", names[k]);
        }
    }
}

static void resolve_datasource(rctx *r, const shale_ast_block *b, const shale_ast_file *f, bool first)
{
    if (!first) {
        rerr(r, SHALE_E_DATASOURCE, b->name_span,
             "You defined more than one datasource. This is not allowed yet because support for multiple databases "
             "has not been implemented yet.");
        return;
    }
    shale_datasource *ds = shale_arena_alloc(r->arena, sizeof *ds);
    if (!ds) {
        r->oom = true;
        return;
    }
    ds->name = b->name;
    ds->ast = b;
    r->s->datasource = ds;
    shale_symtab seen;
    shale_symtab_init(&seen, r->arena);
    bool has_provider = false;
    for (const shale_ast_member *m = b->members; m; m = m->next) {
        if (m->kind != SHALE_MEMBER_KV || !m->u.kv.value) continue;
        const shale_ast_kv *kv = &m->u.kv;
        shale_span ks = rspan(f, kv->key);
        void *prev = NULL;
        if (shale_symtab_put(&seen, kv->key, (void *)kv, &prev) == 1) {
            rerr(r, SHALE_E_DUPLICATE, ks, "Key \"%.*s\" is already defined in datasource \"%.*s\".", (int)kv->key.len,
                 kv->key.ptr, (int)b->name.len, b->name.ptr);
            continue;
        }
        size_t k = 0, nk = sizeof datasource_keys / sizeof *datasource_keys;
        while (k < nk && !shale_str_eq(kv->key, datasource_keys[k])) k++;
        if (k == nk) {
            shale_diag *d = rerr(r, SHALE_E_DATASOURCE, ks, "Property not known: \"%.*s\".", (int)kv->key.len, kv->key.ptr);
            const char *near = closest_name(kv->key, datasource_keys, nk);
            if (near) shale_diag_set_help(r->diags, d, "did you mean `%s`?", near);
            continue;
        }
        const shale_ast_expr *v = kv->value;
        if (shale_str_eq(kv->key, "provider")) {
            has_provider = true;
            shale_str p;
            if (!kv_string(r, f, kv, &p)) continue;
            ds->provider = p;
            if (shale_str_eq(p, "postgresql") || shale_str_eq(p, "postgres")) continue;
            static const char *const others[] = {"mysql", "sqlite", "sqlserver", "mongodb", "cockroachdb"};
            bool known = false;
            for (size_t i = 0; i < 5; i++) known |= shale_str_eq(p, others[i]);
            if (known)
                rerr(r, SHALE_E_UNSUPPORTED, shale_ast_expr_span(f, v),
                     "The provider \"%.*s\" is not supported by shale, which targets PostgreSQL only: use "
                     "\"postgresql\".",
                     (int)p.len, p.ptr);
            else
                rerr(r, SHALE_E_DATASOURCE, shale_ast_expr_span(f, v), "Datasource provider not known: \"%.*s\".",
                     (int)p.len, p.ptr);
        } else if (shale_str_eq(kv->key, "url") || shale_str_eq(kv->key, "directUrl") ||
                   shale_str_eq(kv->key, "shadowDatabaseUrl")) {
            check_url(r, f, kv);
        } else if (shale_str_eq(kv->key, "relationMode") || shale_str_eq(kv->key, "referentialIntegrity")) {
            if (kv->key.len != 12)
                rwarn(r, SHALE_W_CONFIG, rspan(f, kv->key),
                      "The `referentialIntegrity` attribute is deprecated. Please use `relationMode` instead. Learn more "
                      "at https://pris.ly/d/relation-mode");
            shale_str mode;
            if (!kv_string(r, f, kv, &mode)) continue;
            if (shale_str_eq(mode, "prisma")) ds->relation_mode_prisma = true;
            else if (!shale_str_eq(mode, "foreignKeys"))
                rerr(r, SHALE_E_DATASOURCE, shale_ast_expr_span(f, v),
                     "Invalid relation mode setting: \"%.*s\". Supported values: \"prisma\", \"foreignKeys\"",
                     (int)mode.len, mode.ptr);
        } else if (shale_str_eq(kv->key, "schemas")) {
            if (v->kind != SHALE_EXPR_ARRAY) {
                expect_error(r, f, NULL, v, "array");
                continue;
            }
            if (shale_ast_expr_count(v) == 0) {
                rerr(r, SHALE_E_SCHEMA, shale_ast_expr_span(f, v), "If provided, the schemas array can not be empty.");
                continue;
            }
            ds->schemas = alloc_array(r, shale_ast_expr_count(v), sizeof *ds->schemas);
            if (!ds->schemas) continue;
            shale_symtab schema_names;
            shale_symtab_init(&schema_names, r->arena);
            for (const shale_ast_expr *it = v->u.items; it; it = it->next) {
                shale_str sn;
                if (!arg_string(r, f, NULL, it, &sn)) continue;
                if (shale_symtab_put(&schema_names, sn, (void *)it, NULL) == 1) {
                    rerr(r, SHALE_E_SCHEMA, shale_ast_expr_span(f, it), "Duplicated schema names are not allowed");
                    continue;
                }
                ds->schemas[ds->n_schemas++] = sn;
            }
        } else if (shale_str_eq(kv->key, "extensions")) {
            if (!r->feature_extensions) {
                rerr(r, SHALE_E_DATASOURCE, ks,
                     "The `extensions` property is only available with the `postgresqlExtensions` preview feature.");
                continue;
            }
            /* `postgis`, `[a, b(map: "x", schema: "s", version: "1")]` */
            const shale_ast_expr *items = v->kind == SHALE_EXPR_ARRAY ? v->u.items : v;
            uint32_t n = v->kind == SHALE_EXPR_ARRAY ? shale_ast_expr_count(v) : 1;
            ds->extensions = alloc_array(r, n, sizeof *ds->extensions);
            for (const shale_ast_expr *it = items; it; it = v->kind == SHALE_EXPR_ARRAY ? it->next : NULL) {
                check_extension(r, f, it);
                if (ds->extensions && (it->kind == SHALE_EXPR_CONSTANT || it->kind == SHALE_EXPR_FUNCTION))
                    ds->extensions[ds->n_extensions++] = shale_ast_expr_text(it);
                if (it->kind == SHALE_EXPR_FUNCTION && it->u.args && it->u.args->count) ds->extension_args = true;
            }
        }
    }
    if (!has_provider)
        rerr(r, SHALE_E_DATASOURCE, b->name_span, "Argument \"provider\" is missing in data source block \"%.*s\".",
             (int)b->name.len, b->name.ptr);
}

/* ---- generators ----------------------------------------------------------------- */

static const char *const preview_features[] = {
    "fullTextSearchPostgres", "nativeDistinct", "partialIndexes",        "postgresqlExtensions", "relationJoins",
    "schemaEngineDriverAdapters", "shardKeys", "strictUndefinedChecks", "typedSql",             "views"};

/* Features Prisma once had and now accepts with a warning: they were stabilised or
 * dropped (psl-core preview_features.rs, "stabilized"/"deprecated"/"hidden"). */
static const char *const old_features[] = {
    "metrics",          "aggregateApi",           "atomicNumberOperations", "clientExtensions",      "cockroachdb",
    "connectOrCreate",  "createMany",             "dataProxy",             "deno",
    "distinct",         "driverAdapters",         "extendedIndexes",       "extendedWhereUnique",
    "fieldReference",   "filterJson",             "filteredRelationCount", "fullTextIndex",
    "fullTextSearch",   "groupBy",                "improvedQueryRaw",
    "interactiveTransactions", "jsonProtocol",    "microsoftSqlServer",    "middlewares",
    "mongoDb",          "multiSchema",            "nApi",                  "namedConstraints",
    "nativeTypes",      "omitApi",                "orderByAggregateGroup", "orderByNulls",
    "orderByRelation",  "prismaSchemaFolder",     "queryCompiler",         "reactNative",
    "referentialActions", "referentialIntegrity", "selectRelationCount",   "tracing",
    "transactionApi",   "uncheckedScalarInputs"};


static void resolve_generator(rctx *r, const shale_ast_block *b, const shale_ast_file *f)
{
    bool has_provider = false;
    shale_symtab seen;
    shale_symtab_init(&seen, r->arena);
    for (const shale_ast_member *m = b->members; m; m = m->next) {
        if (m->kind != SHALE_MEMBER_KV || !m->u.kv.value) continue;
        const shale_ast_kv *kv = &m->u.kv;
        if (shale_symtab_put(&seen, kv->key, (void *)kv, NULL) == 1) {
            rerr(r, SHALE_E_DUPLICATE, rspan(f, kv->key), "Key \"%.*s\" is already defined in generator \"%.*s\".",
                 (int)kv->key.len, kv->key.ptr, (int)b->name.len, b->name.ptr);
            continue;
        }
        if (shale_str_eq(kv->key, "provider")) {
            has_provider = true;
            const shale_ast_expr *v = kv->value;
            if (v->kind == SHALE_EXPR_FUNCTION && shale_str_eq(shale_ast_expr_text(v), "env")) check_url(r, f, kv);
            else if (v->kind != SHALE_EXPR_STRING) expect_error(r, f, NULL, v, "string");
        } else if (shale_str_eq(kv->key, "previewFeatures")) {
            const shale_ast_expr *v = kv->value;
            if (v->kind != SHALE_EXPR_ARRAY) {
                expect_error(r, f, NULL, v, "array");
                continue;
            }
            size_t np = sizeof preview_features / sizeof *preview_features;
            for (const shale_ast_expr *it = v->u.items; it; it = it->next) {
                shale_str feat;
                if (!arg_string(r, f, NULL, it, &feat)) continue;
                size_t i = 0;
                while (i < np && !str_eq_nocase(feat, preview_features[i])) i++;
                if (i < np) {
                    if (str_eq_nocase(feat, "views")) r->feature_views = true;
                    if (str_eq_nocase(feat, "postgresqlExtensions")) r->feature_extensions = true;
                    if (str_eq_nocase(feat, "partialIndexes")) r->feature_partial_indexes = true;
                    continue;
                }
                size_t no = sizeof old_features / sizeof *old_features;
                for (i = 0; i < no && !str_eq_nocase(feat, old_features[i]); i++) {}
                if (i < no) {
                    if (str_eq_nocase(feat, "metrics"))
                        /* Deprecated in the PSL corpus (2025); Prisma 7.10 no longer knows it. */
                        rwarn(r, SHALE_W_CONFIG, shale_ast_expr_span(f, it),
                              "Preview feature \"metrics\" is deprecated. It will be removed in a future version of "
                              "Prisma.");
                    else if (str_eq_nocase(feat, "fullTextSearch"))
                        rwarn(r, SHALE_W_CONFIG, shale_ast_expr_span(f, it),
                              "On `provider = \"postgresql\"`, preview feature \"fullTextSearch\" has been renamed to "
                              "\"fullTextSearchPostgres\". Learn more at https://pris.ly/d/fts-postgres.");
                    else
                        rwarn(r, SHALE_W_CONFIG, shale_ast_expr_span(f, it),
                              "Preview feature \"%.*s\" is deprecated. The functionality can be used without specifying "
                              "it as a preview feature.",
                              (int)feat.len, feat.ptr);
                    continue;
                }
                shale_diag *d = rerr(r, SHALE_E_GENERATOR, shale_ast_expr_span(f, it),
                                     "The preview feature \"%.*s\" is not known. Expected one of: "
                                     "fullTextSearchPostgres, nativeDistinct, partialIndexes, postgresqlExtensions, "
                                     "relationJoins, schemaEngineDriverAdapters, shardKeys, strictUndefinedChecks, "
                                     "typedSql, views",
                                     (int)feat.len, feat.ptr);
                const char *near = closest_name(feat, preview_features, np);
                if (near) shale_diag_set_help(r->diags, d, "did you mean `%s`?", near);
            }
        }
    }
    if (!has_provider)
        rerr(r, SHALE_E_GENERATOR, b->name_span, "Argument \"provider\" is missing in generator block \"%.*s\".",
             (int)b->name.len, b->name.ptr);
}

/* ---- enums ---------------------------------------------------------------------- */

static void resolve_enum(rctx *r, uint32_t ei)
{
    shale_enum *e = &r->s->enums[ei];
    const shale_ast_block *b = e->ast;
    const shale_ast_file *f = r->enum_files[ei];
    uint32_t n = 0;
    for (const shale_ast_member *m = b->members; m; m = m->next)
        if (m->kind == SHALE_MEMBER_ENUM_VALUE) n++;
    e->values = alloc_array(r, n, sizeof *e->values);
    shale_symtab *value_names = &r->scratch;
    shale_symtab_clear(value_names);
    static const char *const map_names[] = {"name", NULL};
    static const arg_spec map_spec = {"name", map_names};
    const shale_ast_attr *seen_map = NULL, *seen_schema = NULL;
    bool rep_map = false, rep_schema = false;
    for (const shale_ast_member *m = b->members; m; m = m->next) {
        if (m->kind == SHALE_MEMBER_ENUM_VALUE && e->values) {
            const shale_ast_enum_value *v = &m->u.value;
            shale_enum_value *ev = &e->values[e->n_values];
            ev->name = ev->db_name = v->name;
            check_name_chars(r, rspan(f, v->name), v->name, "Enum Value");
            ev->ast = v;
            int put = shale_symtab_put(value_names, v->name, ev, NULL);
            if (put < 0) r->oom = true;
            if (put == 1) {
                rerr(r, SHALE_E_DUPLICATE, rspan(f, v->name), "Value \"%.*s\" is already defined on enum \"%.*s\".",
                     (int)v->name.len, v->name.ptr, (int)e->name.len, e->name.ptr);
                continue;
            }
            const shale_ast_attr *mapped = NULL;
            bool map_reported = false;
            for (const shale_ast_attr *a = v->attrs.head; a; a = a->next) {
                if (shale_str_eq(shale_ast_attr_name(a), "map")) {
                    if (mapped) {
                        repeated_attr(r, f, "@map", mapped, a, &map_reported);
                        continue;
                    }
                    mapped = a;
                    const shale_ast_expr *val[1];
                    if (!bind_args(r, f, a, "@map", &map_spec, val, NULL)) continue;
                    if (!val[0]) {
                        rerr(r, SHALE_E_ARGUMENT, shale_ast_attr_span(f, a),
                             "Error parsing attribute \"@map\": Argument \"name\" is missing.");
                        continue;
                    }
                    arg_string(r, f, "@map", val[0], &ev->db_name);
                } else {
                    rerr(r, SHALE_E_UNKNOWN_ATTR, shale_ast_attr_span(f, a), "Attribute not known: \"@%.*s\".",
                         (int)shale_ast_attr_name(a).len, shale_ast_attr_name(a).ptr);
                }
            }
            e->n_values++;
        } else if (m->kind == SHALE_MEMBER_BLOCK_ATTR) {
            const shale_ast_attr *a = &m->u.block_attr.attr;
            const shale_ast_expr *val[1];
            if (shale_str_eq(shale_ast_attr_name(a), "map") || shale_str_eq(shale_ast_attr_name(a), "schema")) {
                bool is_map = shale_ast_attr_name(a).len == 3;
                const shale_ast_attr **seen = is_map ? &seen_map : &seen_schema;
                bool *rep = is_map ? &rep_map : &rep_schema;
                if (!is_map) e->schema_attr = a;
                if (*seen) {
                    repeated_attr(r, f, is_map ? "@map" : "@schema", *seen, a, rep);
                    continue;
                }
                *seen = a;
                shale_str *dst = is_map ? &e->db_name : &e->schema_name;
                const char *shown = is_map ? "@@map" : "@@schema";
                if (!bind_args(r, f, a, shown, &map_spec, val, NULL)) continue;
                if (!val[0]) {
                    rerr(r, SHALE_E_ARGUMENT, shale_ast_attr_span(f, a),
                         "Error parsing attribute \"%s\": Argument \"name\" is missing.", shown);
                    continue;
                }
                arg_string(r, f, shown, val[0], dst);
            } else {
                rerr(r, SHALE_E_UNKNOWN_ATTR, shale_ast_attr_span(f, a), "Attribute not known: \"@@%.*s\".",
                     (int)shale_ast_attr_name(a).len, shale_ast_attr_name(a).ptr);
            }
        }
    }
    if (e->n_values == 0)
        rerr(r, SHALE_E_ENUM, b->name_span, "Error validating enum `%.*s`: An enum must have at least one value.",
             (int)e->name.len, e->name.ptr);
}

/* ---- views and names ------------------------------------------------------------- */

static void check_view(rctx *r, uint32_t mi)
{
    const shale_model *m = &r->s->models[mi];
    const shale_ast_block *b = m->ast;
    shale_span whole = b->name_span;
    if (!m->is_view) return;
    if (!r->feature_views) {
        rerr(r, SHALE_E_UNSUPPORTED, whole,
             "Error validating: View definitions are only available with the `views` preview feature.");
        return;
    }
    check_name_chars(r, whole, b->name, "view");
}

/* ---- driver ---------------------------------------------------------------------- */

/* A block and the file it is in. */
typedef struct block_ref {
    const shale_ast_block *block;
    const shale_ast_file *file;
} block_ref;

static int resolve_all(rctx *r, shale_compilation *c);
static int run_passes(rctx *r, const block_ref *blocks, size_t nb, uint32_t n_models, uint32_t n_enums);

int shale_schema_resolve(shale_compilation *c, shale_schema **out)
{
    *out = NULL;
    rctx r = {0};
    r.c = c;
    r.arena = &c->arena;
    r.diags = &c->diags;
    shale_symtab_init(&r.scratch, NULL);
    shale_arena_init(&r.tmp);
    int rc = resolve_all(&r, c);
    shale_symtab_free(&r.scratch);
    shale_arena_free(&r.tmp);
    if (rc == SHALE_OK) *out = r.s;
    return rc;
}

/* The passes, in the order their diagnostics are reported. */
static int resolve_all(rctx *r, shale_compilation *c)
{
    r->s = shale_arena_alloc(r->arena, sizeof *r->s);
    if (!r->s) return SHALE_ENOMEM;
    r->s->comp = c;
    shale_symtab_init(&r->types, r->arena);
    shale_symtab_init(&r->blocks, r->arena);
    for (size_t k = 0; k < sizeof r->defaults / sizeof *r->defaults; k++) shale_symtab_init(&r->defaults[k], r->arena);

    /* Count, then fill: models and enums are arrays in declaration order. The blocks
     * are found in one walk of each file's list (a large schema's blocks lie far apart,
     * so each step is a cache miss) and filled from an array of them. */
    size_t cap = 16;
    for (size_t i = 0; i < c->n_sources; i++)
        if (c->asts[i]) cap += c->asts[i]->n_blocks;
    block_ref *blocks = malloc(cap * sizeof *blocks);
    if (!blocks) return SHALE_ENOMEM;
    uint32_t n_models = 0, n_enums = 0;
    size_t nb = 0;
    for (size_t i = 0; i < c->n_sources; i++) {
        if (!c->asts[i]) continue;
        for (const shale_ast_top *t = c->asts[i]->items; t; t = t->next) {
            if (t->kind != SHALE_TOP_BLOCK) continue;
            if (nb == cap) { /* n_blocks counts them all: never, but never overrun either */
                block_ref *more = realloc(blocks, 2 * cap * sizeof *blocks);
                if (!more) {
                    free(blocks);
                    return SHALE_ENOMEM;
                }
                blocks = more;
                cap *= 2;
            }
            shale_block_kind k = t->u.block.kind;
            if (k == SHALE_BLOCK_MODEL || k == SHALE_BLOCK_VIEW) n_models++;
            else if (k == SHALE_BLOCK_ENUM) n_enums++;
            blocks[nb].block = &t->u.block;
            blocks[nb++].file = c->asts[i];
        }
    }
    int rc = run_passes(r, blocks, nb, n_models, n_enums);
    free(blocks);
    return rc;
}

/* Asks for [from, to), at most `cap` bytes of it. */
static void prefetch_range(const void *from, const void *to, size_t cap)
{
    uintptr_t p = (uintptr_t)from, end = (uintptr_t)to;
    if (end < p || end - p > cap) end = p + cap;
    for (; p < end; p += 64) PREFETCH((const void *)p);
}

/* Asks for model `mi`'s tree and text: the parser made both in one stretch each, up to
 * where the next model's begin (a large schema's are far larger than the caches). */
static void prefetch_model_source(const rctx *r, uint32_t mi)
{
    const shale_ast_block *b = r->s->models[mi].ast, *next = mi + 1 < r->s->n_models ? r->s->models[mi + 1].ast : NULL;
    prefetch_range(b, next, 8192);
    prefetch_range(b->name.ptr, next ? next->name.ptr : NULL, 2048);
}

/* Declares every block and resolves the datasource and generators, then runs the
 * passes, in the order their diagnostics are reported. */
static int run_passes(rctx *r, const block_ref *blocks, size_t nb, uint32_t n_models, uint32_t n_enums)
{
    r->s->models = alloc_array(r, n_models, sizeof *r->s->models);
    r->model_files = alloc_array(r, n_models, sizeof *r->model_files);
    r->first_block_attr = alloc_array(r, n_models, sizeof *r->first_block_attr);
    r->s->enums = alloc_array(r, n_enums, sizeof *r->s->enums);
    r->enum_files = alloc_array(r, n_enums, sizeof *r->enum_files);
    if (r->oom || shale_symtab_reserve(&r->types, (size_t)n_models + n_enums) < 0) return SHALE_ENOMEM;

    bool seen_datasource = false;
    const shale_ast_block *first_ds = NULL;
    const shale_ast_file *first_ds_file = NULL;
    uint32_t n_composites = 0;
    for (size_t i = 0; i < nb; i++) {
        const shale_ast_file *f = blocks[i].file;
        const shale_ast_block *b = blocks[i].block;
        if (i + 16 < nb) PREFETCH(blocks[i + 16].block);
        if (i + 8 < nb) PREFETCH(blocks[i + 8].block->name.ptr); /* its name is checked */
        switch (b->kind) {
        case SHALE_BLOCK_MODEL:
        case SHALE_BLOCK_VIEW: {
            shale_model *m = &r->s->models[r->s->n_models];
            m->name = m->db_name = b->name;
            m->ast = b;
            m->primary = SHALE_NONE;
            m->is_view = b->kind == SHALE_BLOCK_VIEW;
            r->model_files[r->s->n_models] = f;
            declare(r, m->is_view ? TOP_VIEW : TOP_MODEL, r->s->n_models++, b, f);
            break;
        }
        case SHALE_BLOCK_ENUM: {
            shale_enum *e = &r->s->enums[r->s->n_enums];
            e->name = e->db_name = b->name;
            e->ast = b;
            r->enum_files[r->s->n_enums] = f;
            declare(r, TOP_ENUM, r->s->n_enums++, b, f);
            break;
        }
        case SHALE_BLOCK_TYPE:
            declare(r, TOP_COMPOSITE, n_composites++, b, f);
            rerr(r, SHALE_E_UNSUPPORTED, b->keyword_span,
                 "Composite types are not supported on PostgreSQL: `type %.*s` needs the MongoDB provider. Use a "
                 "model with a relation, or a Json field.",
                 (int)b->name.len, b->name.ptr);
            break;
        case SHALE_BLOCK_DATASOURCE:
            /* Resolved after the generators: `extensions` depends on their
             * preview features. */
            if (!seen_datasource) {
                first_ds = b;
                first_ds_file = f;
            } else {
                resolve_datasource(r, b, f, false);
            }
            seen_datasource = true;
            break;
        case SHALE_BLOCK_GENERATOR:
            declare(r, TOP_GENERATOR, 0, b, f);
            resolve_generator(r, b, f);
            break;
        }
    }
    if (first_ds) resolve_datasource(r, first_ds, first_ds_file, true);
    for (uint32_t i = 0; i < r->s->n_models; i++) check_view(r, i);
    for (uint32_t i = 0; i < r->s->n_enums; i++) resolve_enum(r, i);
    for (uint32_t i = 0; i < r->s->n_models; i++) {
        if (i + 2 < r->s->n_models) prefetch_model_source(r, i + 2);
        resolve_model_fields(r, i);
    }
    /* Each model's block attributes were found by the field pass, which has gone
     * through every other model since. */
    for (uint32_t i = 0; i < r->s->n_models; i++) {
        if (i + 4 < r->s->n_models) PREFETCH(r->first_block_attr[i + 4]);
        const shale_ast_member *ahead = i + 2 < r->s->n_models ? r->first_block_attr[i + 2] : NULL;
        if (ahead) {
            PREFETCH(ahead->next);
            PREFETCH(ahead->u.block_attr.attr.name_ptr);
        }
        resolve_model_attrs(r, i);
    }
    resolve_relations(r);
    check_models(r);
    return r->oom || r->diags->oom ? SHALE_ENOMEM : SHALE_OK;
}
