/* config.c - the `generator` blocks shale-c answers to:
 *     generator c { provider = "shale-c"  output = "../gen"  prefix = "db" }
 * `output` is relative to the file that holds the block, as Prisma resolves it.
 * Blocks with other providers (prisma-client-js, ...) belong to other tools. */
#include "codegen.h"

#include "compiler/diag_codes.h"

#include <string.h>

/* The text of a string literal: quotes removed, the escapes of schema strings decoded
 * (a \uXXXX is kept as written: paths and prefixes do not need it). */
static char *decode(shale_arena *a, shale_str raw)
{
    if (raw.len >= 2 && raw.ptr[0] == '"' && raw.ptr[raw.len - 1] == '"') {
        raw.ptr++;
        raw.len -= 2;
    }
    char *out = shale_arena_alloc(a, raw.len + 1);
    if (!out) return NULL;
    size_t n = 0;
    for (size_t i = 0; i < raw.len; i++) {
        char c = raw.ptr[i];
        if (c == '\\' && i + 1 < raw.len) {
            c = raw.ptr[++i];
            if (c == 'n') c = '\n';
            else if (c == 't') c = '\t';
            else if (c == 'r') c = '\r';
        }
        out[n++] = c;
    }
    out[n] = '\0';
    return out;
}

bool shale_codegen_prefix_ok(const char *p)
{
    size_t n = strlen(p);
    if (n == 0 || n > 32 || !(p[0] >= 'a' && p[0] <= 'z')) return false;
    for (size_t i = 0; i < n; i++)
        if (!((p[i] >= 'a' && p[i] <= 'z') || (p[i] >= '0' && p[i] <= '9') || p[i] == '_')) return false;
    return true;
}

/* The string value of `kv`, or NULL after reporting that it is not one. */
static const char *string_value(shale_compilation *c, const shale_ast_file *f, const shale_ast_kv *kv, int *rc)
{
    if (!kv->value || kv->value->kind != SHALE_EXPR_STRING) {
        shale_span sp = kv->value ? shale_ast_expr_span(f, kv->value) : shale_ast_span(f, kv->key);
        shale_diag_report(&c->diags, SHALE_SEV_ERROR, SHALE_E_CODEGEN_CONFIG, sp,
                          "`%.*s` of a shale-c generator must be a string", (int)kv->key.len, kv->key.ptr);
        return NULL;
    }
    const char *v = decode(&c->arena, shale_ast_expr_text(kv->value));
    if (!v) *rc = SHALE_ENOMEM;
    return v;
}

static const char *resolve_output(shale_arena *a, const char *schema_path, const char *out)
{
    if (out[0] == '/') return out;
    const char *slash = strrchr(schema_path, '/');
    if (!slash) return out;
    return shale_arena_printf(a, "%.*s/%s", (int)(slash - schema_path), schema_path, out);
}

static void read_block(shale_compilation *c, const shale_ast_file *f, const shale_ast_block *b,
                       shale_codegen_target *t, bool *ours, int *rc)
{
    *ours = false;
    memset(t, 0, sizeof *t);
    t->name = b->name;
    t->span = b->name_span;
    for (const shale_ast_member *m = b->members; m; m = m->next) {
        if (m->kind != SHALE_MEMBER_KV || !shale_str_eq(m->u.kv.key, "provider")) continue;
        const shale_ast_expr *v = m->u.kv.value;
        if (v && v->kind == SHALE_EXPR_STRING) {
            char *p = decode(&c->arena, shale_ast_expr_text(v));
            if (!p) {
                *rc = SHALE_ENOMEM;
                return;
            }
            *ours = strcmp(p, SHALE_CODEGEN_PROVIDER) == 0;
        }
    }
    if (!*ours) return;
    for (const shale_ast_member *m = b->members; m; m = m->next) {
        if (m->kind != SHALE_MEMBER_KV) continue;
        const shale_ast_kv *kv = &m->u.kv;
        if (shale_str_eq(kv->key, "output")) {
            const char *v = string_value(c, f, kv, rc);
            if (v && !*v)
                shale_diag_report(&c->diags, SHALE_SEV_ERROR, SHALE_E_CODEGEN_CONFIG, shale_ast_expr_span(f, kv->value),
                                  "`output` of a shale-c generator must name a folder");
            else if (v) {
                t->output = resolve_output(&c->arena, c->sources[f->file_id].path, v);
                if (!t->output) *rc = SHALE_ENOMEM;
            }
        } else if (shale_str_eq(kv->key, "prefix")) {
            const char *v = string_value(c, f, kv, rc);
            if (!v) continue;
            t->prefix = v;
            t->prefix_span = shale_ast_expr_span(f, kv->value);
            if (!shale_codegen_prefix_ok(v))
                shale_diag_report(&c->diags, SHALE_SEV_ERROR, SHALE_E_CODEGEN_CONFIG, t->prefix_span,
                                  "the prefix `%s` cannot start C names: use lower-case letters, digits and `_`, "
                                  "starting with a letter (at most 32)",
                                  v);
        }
    }
}

int shale_codegen_find(shale_compilation *c, shale_codegen_target **out, size_t *n_out)
{
    *out = NULL;
    *n_out = 0;
    size_t n = 0;
    for (size_t i = 0; i < c->n_sources; i++)
        for (const shale_ast_top *t = c->asts[i] ? c->asts[i]->items : NULL; t; t = t->next)
            n += t->kind == SHALE_TOP_BLOCK && t->u.block.kind == SHALE_BLOCK_GENERATOR;
    shale_codegen_target *ts = shale_arena_alloc(&c->arena, (n + 1) * sizeof *ts);
    if (!ts) return SHALE_ENOMEM;
    int rc = SHALE_OK;
    size_t k = 0;
    for (size_t i = 0; i < c->n_sources; i++)
        for (const shale_ast_top *t = c->asts[i] ? c->asts[i]->items : NULL; t && rc == SHALE_OK; t = t->next) {
            if (t->kind != SHALE_TOP_BLOCK || t->u.block.kind != SHALE_BLOCK_GENERATOR) continue;
            bool ours = false;
            read_block(c, c->asts[i], &t->u.block, &ts[k], &ours, &rc);
            if (ours) k++;
        }
    if (rc != SHALE_OK) return rc;
    *out = ts;
    *n_out = k;
    return SHALE_OK;
}
