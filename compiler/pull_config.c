/* pull_config.c - what `db pull` takes from an existing schema file (pull.h): its
 * datasource and generator blocks, kept verbatim, and the settings in them that change
 * what is pulled (the native type prefix, `schemas`, `relationMode`, the partialIndexes
 * preview feature). The file is parsed, not resolved: a schema whose models are broken
 * can still be pulled over. */
#include "pull.h"

#include "compilation.h"

#include <stdlib.h>
#include <string.h>

/* A string literal's value: quotes off, the escapes PSL strings have undone. */
static shale_str unquote(shale_arena *a, shale_str raw)
{
    shale_str out = {"", 0};
    if (raw.len < 2 || raw.ptr[0] != '"') return out;
    char *p = shale_arena_alloc(a, raw.len);
    if (!p) return out;
    size_t n = 0;
    for (size_t i = 1; i + 1 < raw.len; i++) {
        char ch = raw.ptr[i];
        if (ch == '\\' && i + 2 < raw.len) {
            ch = raw.ptr[++i];
            if (ch == 'n') ch = '\n';
            else if (ch == 't') ch = '\t';
            else if (ch == 'r') ch = '\r';
        }
        p[n++] = ch;
    }
    out.ptr = p;
    out.len = n;
    return out;
}

static bool eq_nocase(shale_str s, const char *lit)
{
    size_t n = strlen(lit);
    if (s.len != n) return false;
    for (size_t i = 0; i < n; i++) {
        char x = s.ptr[i], y = lit[i];
        if (x >= 'A' && x <= 'Z') x = (char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = (char)(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

static void read_datasource(shale_pull_config *out, shale_arena *a, const shale_ast_block *b, bool *oom)
{
    for (const shale_ast_member *m = b->members; m; m = m->next) {
        if (m->kind != SHALE_MEMBER_KV || !m->u.kv.value) continue;
        const shale_ast_kv *kv = &m->u.kv;
        const shale_ast_expr *v = kv->value;
        if (shale_str_eq(kv->key, "relationMode") && v->kind == SHALE_EXPR_STRING) {
            shale_str mode = unquote(a, shale_ast_expr_text(v));
            out->relation_mode_prisma = shale_str_eq(mode, "prisma");
        } else if (shale_str_eq(kv->key, "schemas") && v->kind == SHALE_EXPR_ARRAY) {
            uint32_t n = shale_ast_expr_count(v);
            shale_str *names = shale_arena_alloc(a, ((size_t)n + 1) * sizeof *names);
            if (!names) {
                *oom = true;
                return;
            }
            uint32_t k = 0;
            for (const shale_ast_expr *it = v->u.items; it; it = it->next)
                if (it->kind == SHALE_EXPR_STRING) names[k++] = unquote(a, shale_ast_expr_text(it));
            out->schemas = names;
            out->n_schemas = k;
        }
    }
}

static void read_generator(shale_pull_config *out, shale_arena *a, const shale_ast_block *b)
{
    for (const shale_ast_member *m = b->members; m; m = m->next) {
        if (m->kind != SHALE_MEMBER_KV || !m->u.kv.value || !shale_str_eq(m->u.kv.key, "previewFeatures")) continue;
        const shale_ast_expr *v = m->u.kv.value;
        for (const shale_ast_expr *it = v->kind == SHALE_EXPR_ARRAY ? v->u.items : NULL; it; it = it->next)
            if (it->kind == SHALE_EXPR_STRING && eq_nocase(unquote(a, shale_ast_expr_text(it)), "partialIndexes"))
                out->partial_indexes = true;
    }
}

int shale_pull_config_read(shale_pull_config *out, shale_arena *arena, const char *path, const char *text, size_t len,
                           char **err)
{
    memset(out, 0, sizeof *out);
    out->datasource = (shale_str){"db", 2};
    *err = NULL;
    shale_compilation *c = NULL;
    uint32_t id = 0;
    int rc = shale_compilation_new(&c);
    if (rc == SHALE_OK) rc = shale_compilation_add_source(c, path, text, len, &id);
    if (rc == SHALE_OK) rc = shale_compilation_parse(c);
    if (rc == SHALE_EINVAL) *err = shale_strfmt("%s: the file is too large", path);
    if (rc != SHALE_OK) {
        shale_compilation_free(c);
        return rc == SHALE_EINVAL ? SHALE_EINVAL : SHALE_ENOMEM;
    }
    const shale_ast_file *f = c->asts[id];
    if (f->structural_error) {
        *err = shale_strfmt("%s: a block is not closed, so its datasource cannot be kept (run `shale validate`)", path);
        shale_compilation_free(c);
        return SHALE_EINVAL;
    }
    shale_buf kept = SHALE_BUF_INIT;
    bool oom = false;
    for (const shale_ast_top *t = f->items; t; t = t->next) {
        if (t->kind != SHALE_TOP_BLOCK) continue;
        const shale_ast_block *b = &t->u.block;
        switch (b->kind) {
        case SHALE_BLOCK_MODEL:
        case SHALE_BLOCK_VIEW:
        case SHALE_BLOCK_TYPE: out->n_models++; continue;
        case SHALE_BLOCK_ENUM: out->n_enums++; continue;
        case SHALE_BLOCK_DATASOURCE:
            /* Prisma allows one datasource; a second is an error validation reports. */
            if (out->has_datasource) break;
            out->has_datasource = true;
            out->datasource.ptr = shale_arena_strndup(arena, b->name.ptr, b->name.len);
            out->datasource.len = b->name.len;
            if (!out->datasource.ptr) oom = true;
            read_datasource(out, arena, b, &oom);
            break;
        case SHALE_BLOCK_GENERATOR: read_generator(out, arena, b); break;
        }
        if (kept.len) shale_buf_putc(&kept, '\n');
        shale_buf_put(&kept, f->text + t->span.start, t->span.end - t->span.start);
        shale_buf_putc(&kept, '\n');
    }
    if (kept.len) {
        char *p = shale_arena_strndup(arena, kept.ptr, kept.len);
        if (!p) oom = true;
        out->text = (shale_str){p, kept.len};
    }
    if (kept.oom) oom = true;
    shale_buf_free(&kept);
    shale_compilation_free(c);
    return oom ? SHALE_ENOMEM : SHALE_OK;
}
