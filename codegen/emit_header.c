/* emit_header.c - the generated header: enums with their name/parse helpers, and per
 * model the row struct, its list, the create/update inputs, the filters, the unique
 * criteria, the include flags, the field numbers and the find_many arguments, then
 * the prototypes of the typed operations (emit_funcs.c). */
#include "codegen_int.h"

#include <stdlib.h>
#include <string.h>

/* ---- aligned members: `    type name;   /" comment "/` ------------------------------ */

#define COMMENT_COL 44 /* trailing comments start here unless a declaration is longer */

typedef struct member {
    const char *doc_pre;    /* a block comment line(s) above, already rendered, or NULL */
    shale_buf decl;         /* "const char *name;" */
    shale_buf comment;      /* text of the trailing comment, may be empty */
} member;

typedef struct members {
    member *items;
    size_t n, cap;
    bool oom;
} members;

static member *add(members *ms)
{
    if (ms->n == ms->cap) {
        size_t cap = ms->cap ? ms->cap * 2 : 16;
        member *p = realloc(ms->items, cap * sizeof *p);
        if (!p) {
            ms->oom = true;
            return NULL;
        }
        ms->items = p;
        ms->cap = cap;
    }
    member *m = &ms->items[ms->n++];
    memset(m, 0, sizeof *m);
    return m;
}

/* `type name;` with the space dropped after a `*`. */
static void decl(shale_buf *b, const char *type, const char *name)
{
    size_t n = strlen(type);
    shale_buf_printf(b, "%s%s%s;", type, n && type[n - 1] == '*' ? "" : " ", name);
}

/* Writes the members (indented by `indent`) and releases them. */
static void flush(cg *g, shale_buf *out, members *ms, const char *indent)
{
    size_t width = 0, ind = strlen(indent);
    for (size_t i = 0; i < ms->n; i++)
        if (ms->items[i].comment.len && ms->items[i].decl.len + ind > width) width = ms->items[i].decl.len + ind;
    size_t col = width + 1 > COMMENT_COL ? width + 1 : COMMENT_COL;
    for (size_t i = 0; i < ms->n; i++) {
        member *m = &ms->items[i];
        if (m->doc_pre) shale_buf_puts(out, m->doc_pre);
        shale_buf_puts(out, indent);
        shale_buf_put(out, m->decl.ptr ? m->decl.ptr : "", m->decl.len);
        if (m->comment.len) {
            shale_buf_fill(out, ' ', col - m->decl.len - ind);
            shale_buf_puts(out, "/* ");
            shale_buf_put(out, m->comment.ptr, m->comment.len);
            shale_buf_puts(out, " */");
        }
        shale_buf_putc(out, '\n');
        if (m->decl.oom || m->comment.oom) g->rc = SHALE_ENOMEM;
        shale_buf_free(&m->decl);
        shale_buf_free(&m->comment);
    }
    if (ms->oom) g->rc = SHALE_ENOMEM;
    free(ms->items);
    memset(ms, 0, sizeof *ms);
}

static const char *doc_text(cg *g, const shale_ast_comment *doc, const char *indent)
{
    shale_buf b = SHALE_BUF_INIT;
    cg_put_doc(&b, doc, indent);
    if (!b.len) return NULL;
    const char *s = b.oom ? NULL : shale_arena_strndup(g->arena, b.ptr, b.len);
    if (!s) g->rc = SHALE_ENOMEM;
    shale_buf_free(&b);
    return s;
}

/* ---- enums ---------------------------------------------------------------------------- */

static void emit_enum(cg *g, shale_buf *h, const cg_enum *ce)
{
    const shale_enum *e = ce->e;
    cg_put_doc(h, e->ast->doc, "");
    shale_buf_printf(h, "typedef enum %s {\n", ce->snake);
    members ms = {0};
    for (uint32_t k = 0; k < e->n_values; k++) {
        member *m = add(&ms);
        if (!m) break;
        m->doc_pre = doc_text(g, e->values[k].ast ? e->values[k].ast->doc : NULL, "    ");
        shale_buf_printf(&m->decl, "%s_%s%s,", ce->upper, ce->values_upper[k], k == 0 ? " = 1" : "");
        if (!shale_str_same(e->values[k].db_name, e->values[k].name)) {
            shale_buf_puts(&m->comment, "@map: ");
            cg_put_comment_text(&m->comment, e->values[k].db_name);
        }
    }
    flush(g, h, &ms, "    ");
    shale_buf_printf(h, "} %s;\n", ce->snake);
    shale_buf_printf(h, "_Static_assert(sizeof(%s) == sizeof(int), \"%s must be int-sized (shale_set_enum)\");\n",
                     ce->snake, ce->snake);
    shale_buf_printf(h,
                     "/* The database value (\"%.*s\"), or NULL for 0 and values not in the enum. Returns: static "
                     "text. */\n",
                     (int)e->values[0].db_name.len, e->values[0].db_name.ptr);
    shale_buf_printf(h, "const char *%s_name(%s value);\n", ce->snake, ce->snake);
    shale_buf_printf(h, "/* The C value of a database value, or 0 when `text` is none of them (or NULL). */\n");
    shale_buf_printf(h, "%s %s_parse(const char *text);\n\n", ce->snake, ce->snake);
}

/* ---- model structs ---------------------------------------------------------------------- */

static void row_struct(cg *g, shale_buf *h, const cg_model *cm)
{
    const shale_model *m = cm->m;
    cg_put_doc(h, m->ast->doc, "");
    shale_buf_printf(h, "struct %s {\n", cm->snake);
    members ms = {0};
    /* Members in schema order, scalars and relations interleaved as written. */
    uint32_t ri = 0;
    for (uint32_t k = 0; k < m->n_fields; k++) {
        const shale_field *f = &m->fields[k];
        if (cm->field_of[k] != SHALE_NONE) {
            const cg_field *cf = &cm->fields[cm->field_of[k]];
            member *mb = add(&ms);
            if (!mb) break;
            mb->doc_pre = doc_text(g, shale_ast_field_doc(f->ast), "    ");
            decl(&mb->decl, cg_row_type(g, cf), cf->member);
            cg_put_field_source(&mb->comment, g, m, f);
        } else if (ri < cm->n_rels && cm->rels[ri].f == f) {
            const cg_rel *r = &cm->rels[ri++];
            const cg_model *tm = &g->models[r->target];
            member *mb = add(&ms);
            if (!mb) break;
            mb->doc_pre = doc_text(g, shale_ast_field_doc(f->ast), "    ");
            shale_buf t = SHALE_BUF_INIT;
            shale_buf_printf(&t, "%s%s *", tm->snake, r->to_many ? "_list" : "");
            decl(&mb->decl, t.ptr ? t.ptr : "", r->member);
            shale_buf_free(&t);
            cg_put_field_source(&mb->comment, g, m, f);
            shale_buf_puts(&mb->comment, r->to_many ? ": NULL unless included" : ": NULL unless included (or none)");
        }
    }
    flush(g, h, &ms, "    ");
    shale_buf_puts(h, "};\n");
    for (const cg_skip *s = cm->skips; s; s = s->next) {
        shale_buf_puts(h, "/* ");
        shale_str t = {s->text, strlen(s->text)};
        cg_put_comment_text(h, t);
        shale_buf_puts(h, " */\n");
    }
    shale_buf_putc(h, '\n');
}

static void create_comment(shale_buf *b, const cg_field *cf)
{
    if (!(cf->flags & SHALE_F_OPTIONAL_IN_CREATE)) shale_buf_puts(b, "required");
    else if (cf->gen == SHALE_GEN_NOW || (cf->flags & SHALE_F_UPDATED_AT)) shale_buf_puts(b, "optional: now when left out");
    else if (cf->gen) shale_buf_puts(b, "optional: generated when left out");
    else if (cf->flags & SHALE_F_DB_DEFAULT) shale_buf_puts(b, "optional: the database default when left out");
    else if (cf->flags & SHALE_F_LIST) shale_buf_puts(b, "optional: items NULL = left out");
    else shale_buf_puts(b, "optional: NULL when left out");
}

static void unused_member(shale_buf *h, const char *why)
{
    shale_buf_printf(h, "    char unused_; /* %s: C has no empty structs */\n", why);
}

/* A relation's member of the where struct: a struct of pointers to the target's where
 * (shale_rel_many_filter / shale_rel_one_filter in shale_model.h). */
static void relation_filter(cg *g, shale_buf *h, const cg_rel *r)
{
    const cg_model *tm = &g->models[r->target];
    shale_buf_puts(h, "    struct {\n");
    if (r->to_many)
        shale_buf_printf(h, "        const %s_where *some, *every, *none;\n", tm->snake);
    else
        shale_buf_printf(h, "        const %s_where *is, *is_not;\n", tm->snake);
    members ms = {0};
    member *mb = add(&ms);
    if (mb) {
        shale_buf_printf(&mb->decl, "} %s;", r->member);
        shale_str tname = tm->m->name;
        const char *arity = r->to_many ? "[]" : r->f->arity == SHALE_ARITY_OPTIONAL ? "?" : "";
        shale_buf_printf(&mb->comment, "%.*s%s: %s", (int)tname.len, tname.ptr, arity,
                         r->to_many ? "some / every / none match (NULL: not given)"
                                    : "is / is_not match (NULL: not given)");
    }
    flush(g, h, &ms, "    ");
}

static void where_struct(cg *g, shale_buf *h, const cg_model *cm)
{
    members ms = {0};
    shale_buf_printf(h, "/* A filter: every test given must hold; all zero matches every row.%s */\n",
                     cm->n_rels ? " Relation members\n * test the related rows with the target's filter (EXISTS)." : "");
    shale_buf_printf(h, "struct %s_where {\n", cm->snake);
    /* Schema order, scalars and relations interleaved as in the row. */
    uint32_t ri = 0;
    for (uint32_t k = 0; k < cm->m->n_fields; k++) {
        const shale_field *f = &cm->m->fields[k];
        if (cm->field_of[k] != SHALE_NONE) {
            const cg_field *cf = &cm->fields[cm->field_of[k]];
            member *mb = add(&ms);
            if (!mb) break;
            decl(&mb->decl, cg_filter_type(cf), cf->member);
        } else if (ri < cm->n_rels && cm->rels[ri].f == f) {
            flush(g, h, &ms, "    ");
            relation_filter(g, h, &cm->rels[ri++]);
        }
    }
    static const char *const logic[][2] = {
        {"AND", "all of these hold"}, {"OR", "at least one holds (n_OR 0: no row)"}, {"NOT", "none holds"}};
    for (size_t i = 0; i < 3; i++) {
        member *mb = add(&ms);
        if (!mb) break;
        shale_buf_printf(&mb->decl, "const %s_where *%s;", cm->snake, logic[i][0]);
        shale_buf_puts(&mb->comment, logic[i][1]);
        mb = add(&ms);
        if (!mb) break;
        shale_buf_printf(&mb->decl, "size_t n_%s;", logic[i][0]);
    }
    flush(g, h, &ms, "    ");
    shale_buf_puts(h, "};\n\n");
}

static void input_structs(cg *g, shale_buf *h, const cg_model *cm)
{
    members ms = {0};
    if (cm->is_view) {
        where_struct(g, h, cm);
        return;
    }
    shale_buf_printf(h, "/* A row to insert. Optional fields left out (NULL, 0, `has` false) get their default. */\n");
    shale_buf_printf(h, "typedef struct %s_create_input {\n", cm->snake);
    for (uint32_t i = 0; i < cm->n_fields; i++) {
        member *mb = add(&ms);
        if (!mb) break;
        decl(&mb->decl, cg_create_type(g, &cm->fields[i]), cm->fields[i].member);
        create_comment(&mb->comment, &cm->fields[i]);
    }
    if (!cm->n_fields) unused_member(h, "no fields");
    flush(g, h, &ms, "    ");
    shale_buf_printf(h, "} %s_create_input;\n\n", cm->snake);

    shale_buf_printf(h, "/* Changes: each field is SHALE_KEEP (zero), SHALE_SET_NULL or SHALE_SET with a value. */\n");
    shale_buf_printf(h, "typedef struct %s_update_input {\n", cm->snake);
    for (uint32_t i = 0; i < cm->n_fields; i++) {
        member *mb = add(&ms);
        if (!mb) break;
        decl(&mb->decl, cg_update_type(&cm->fields[i]), cm->fields[i].member);
    }
    if (!cm->n_fields) unused_member(h, "no fields");
    flush(g, h, &ms, "    ");
    shale_buf_printf(h, "} %s_update_input;\n\n", cm->snake);
    where_struct(g, h, cm);
}

static void include_struct(cg *g, shale_buf *h, const cg_model *cm)
{
    if (cm->n_rels) {
        shale_buf_printf(h, "/* Relations to load with the rows: one extra query per relation and level for all\n"
                            " * the rows. `<field>_include` also loads the related rows' own relations (and\n"
                            " * implies `<field>`). */\n");
    } else {
        shale_buf_printf(h, "/* Relations to load with the rows (none). */\n");
    }
    shale_buf_printf(h, "struct %s_include {\n", cm->snake);
    for (uint32_t i = 0; i < cm->n_rels; i++) {
        const cg_rel *r = &cm->rels[i];
        shale_buf_printf(h, "    bool %s;\n", r->member);
        shale_buf_printf(h, "    const %s_include *%s;\n", g->models[r->target].snake, r->include_member);
    }
    if (!cm->n_rels) unused_member(h, "no relations");
    shale_buf_puts(h, "};\n\n");
}

static void unique_struct(cg *g, shale_buf *h, const cg_model *cm)
{
    const shale_model *m = cm->m;
    if (cm->is_view && !cm->n_uniques) {
        include_struct(g, h, cm);
        return;
    }
    shale_buf_printf(h, "/* One row by a unique criterion: set exactly one member (a pointer, or `has`). */\n");
    shale_buf_printf(h, "typedef struct %s_where_unique {\n", cm->snake);
    members ms = {0};
    for (uint32_t u = 0; u < cm->n_uniques; u++) {
        const cg_unique *cu = &cm->uniques[u];
        const cg_field *f0 = &cm->fields[cu->fields[0]];
        if (cu->bare) {
            member *mb = add(&ms);
            if (!mb) break;
            decl(&mb->decl, cg_value_type(g, f0), cu->member);
            cg_put_field_source(&mb->comment, g, m, f0->f);
            continue;
        }
        flush(g, h, &ms, "    ");
        shale_buf_puts(h, "    struct {\n");
        member *mb = add(&ms);
        if (!mb) break;
        shale_buf_puts(&mb->decl, "bool has;");
        for (uint32_t k = 0; k < cu->n_fields; k++) {
            const cg_field *cf = &cm->fields[cu->fields[k]];
            mb = add(&ms);
            if (!mb) break;
            decl(&mb->decl, cg_value_type(g, cf), cf->member);
        }
        flush(g, h, &ms, "        ");
        shale_buf_printf(h, "    } %s;\n", cu->member);
    }
    flush(g, h, &ms, "    ");
    if (!cm->n_uniques) unused_member(h, "no unique criteria");
    shale_buf_printf(h, "} %s_where_unique;\n\n", cm->snake);
    include_struct(g, h, cm);
}

static void args_structs(cg *g, shale_buf *h, const cg_model *cm)
{
    (void)g;
    shale_buf_printf(h, "/* Fields to order by, as shale_order_by.field. */\n");
    shale_buf_printf(h, "typedef enum %s_field {\n", cm->snake);
    for (uint32_t i = 0; i < cm->n_fields; i++)
        shale_buf_printf(h, "    %s_FIELD_%s = %u,\n", cm->upper, cm->fields[i].upper, (unsigned)i);
    if (!cm->n_fields) shale_buf_printf(h, "    %s_FIELD_NONE_ = -1\n", cm->upper);
    shale_buf_printf(h, "} %s_field;\n", cm->snake);
    shale_buf_printf(h, "typedef shale_order_by %s_order_by;\n\n", cm->snake);
    shale_buf_printf(h, "/* find_many and find_first: start from %s_FIND_MANY_ARGS_INIT. */\n", cm->upper);
    shale_buf_printf(h, "typedef struct %s_find_many_args {\n", cm->snake);
    shale_buf_printf(h, "    %s_where where;\n", cm->snake);
    shale_buf_printf(h, "    const %s_order_by *order_by;\n", cm->snake);
    shale_buf_printf(h, "    size_t n_order_by;\n");
    shale_buf_printf(h, "    int64_t skip;\n");
    shale_buf_printf(h, "    int64_t take; /* 0: no limit */\n");
    shale_buf_printf(h, "    %s_include include;\n", cm->snake);
    shale_buf_printf(h, "} %s_find_many_args;\n", cm->snake);
    shale_buf_printf(h, "#define %s_FIND_MANY_ARGS_INIT {.take = 0}\n\n", cm->upper);
}

void cg_emit_header(cg *g, shale_buf *h)
{
    const shale_schema *s = g->s;
    shale_buf_printf(h,
                     "/* %s.h - generated by `shale generate` from %s; do not edit.\n"
                     " *\n"
                     " * The schema's models as C structs and typed queries on libshale (`pkg-config --cflags\n"
                     " * --libs shale`). Every function returns 0 or a negative SHALE_E* code and fills `err`\n"
                     " * (may be NULL). Results are one allocation each, strings and included relations\n"
                     " * inside: release them with the model's _free() / _list_free(). Inputs are borrowed\n"
                     " * for the call only.\n"
                     " */\n",
                     g->p, g->source_name);
    shale_buf_printf(h, "#ifndef %s_H\n#define %s_H\n\n", g->P, g->P);
    shale_buf_puts(h, "#include <shale.h>\n\n#include <stdbool.h>\n#include <stddef.h>\n#include <stdint.h>\n\n");
    shale_buf_puts(h, "#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n");
    if (s->n_enums) shale_buf_puts(h, "/* ---- enums (0 means unset / NULL) ---- */\n\n");
    for (uint32_t i = 0; i < s->n_enums; i++) emit_enum(g, h, &g->enums[i]);

    bool any = false;
    for (uint32_t i = 0; i < s->n_models; i++) any = any || g->models[i].generated;
    if (any) shale_buf_puts(h, "/* ---- rows and lists ---- */\n\n");
    for (uint32_t i = 0; i < s->n_models; i++) {
        const cg_model *cm = &g->models[i];
        if (!cm->generated) continue;
        shale_buf_printf(h, "typedef struct %s %s;\n", cm->snake, cm->snake);
        shale_buf_printf(h, "typedef struct %s_list {\n    size_t len;\n    %s *items;\n} %s_list;\n", cm->snake,
                         cm->snake, cm->snake);
        shale_buf_printf(h, "typedef struct %s_where %s_where;\n", cm->snake, cm->snake);
        shale_buf_printf(h, "typedef struct %s_include %s_include;\n", cm->snake, cm->snake);
    }
    for (uint32_t i = 0; i < s->n_models; i++) {
        const shale_model *m = &s->models[i];
        if (m->ignored)
            shale_buf_printf(h, "\n/* %s `%.*s` is @@ignore'd: left out */\n", m->is_view ? "view" : "model",
                             (int)m->name.len, m->name.ptr);
    }
    for (uint32_t i = 0; i < s->n_models; i++) {
        const cg_model *cm = &g->models[i];
        if (!cm->generated) continue;
        shale_buf_printf(h, "\n/* ---- %s %.*s (%s ", cm->is_view ? "view" : "model", (int)cm->m->name.len,
                         cm->m->name.ptr, cm->is_view ? "view" : "table");
        shale_str t = {cm->table, strlen(cm->table)};
        cg_put_comment_text(h, t);
        shale_buf_puts(h, cm->is_view ? "; read-only: it must exist in the database) ---- */\n\n" : ") ---- */\n\n");
        row_struct(g, h, cm);
        input_structs(g, h, cm);
        unique_struct(g, h, cm);
        args_structs(g, h, cm);
        cg_emit_funcs(g, h, i, true);
    }
    shale_buf_puts(h, "\n#ifdef __cplusplus\n}\n#endif\n\n");
    shale_buf_printf(h, "#endif\n");
}
