/* plan.c - decides everything the emitters print: which models, fields, unique
 * criteria and relations are generated, their C names (checked for collisions), C
 * types, flags, client-side defaults and the SQL text of tables, columns and casts
 * (taken from the lowered IR through sql_render.c, so there is one type renderer). */
#include "codegen_int.h"

#include "compiler/constraint_names.h"
#include "compiler/diag_codes.h"
#include "compiler/sql_render.h"

#include <string.h>

static shale_span name_span(const cg *g, const shale_model *m, shale_str text)
{
    return shale_ast_span(g->s->comp->asts[m->ast->name_span.file], text);
}

static const char *buf_text(cg *g, shale_buf *b)
{
    const char *out = b->oom ? NULL : shale_arena_strndup(g->arena, b->ptr ? b->ptr : "", b->len);
    if (!out) g->rc = SHALE_ENOMEM;
    shale_buf_free(b);
    return out;
}

static void skip(cg *g, cg_model *cm, const char *text)
{
    cg_skip *s = shale_arena_alloc(g->arena, sizeof *s);
    if (!s || !text) {
        g->rc = SHALE_ENOMEM;
        return;
    }
    s->text = text;
    if (cm->skips_tail) cm->skips_tail->next = s;
    else cm->skips = s;
    cm->skips_tail = s;
}

/* A schema name that must become part of C names: report it when it cannot. */
static bool check_ident(cg *g, shale_str name, shale_span span, const char *what)
{
    if (cg_is_ident(name)) return true;
    shale_diag_report(g->diags, SHALE_SEV_ERROR, SHALE_E_CODEGEN_NAME, span,
                      "%s `%.*s` cannot be part of a C name: only ASCII letters, digits and `_` can", what,
                      (int)name.len, name.ptr);
    if (g->rc == SHALE_OK) g->rc = SHALE_EINVAL;
    return false;
}

static void plan_enums(cg *g)
{
    const shale_schema *s = g->s;
    for (uint32_t i = 0; i < s->n_enums && g->rc != SHALE_ENOMEM; i++) {
        const shale_enum *e = &s->enums[i];
        cg_enum *ce = &g->enums[i];
        ce->e = e;
        shale_span sp = e->ast->name_span;
        if (!check_ident(g, e->name, sp, "enum")) continue;
        char *base = cg_snake(g, e->name);
        ce->snake = cg_fmt(g, "%s_%s", g->p, base ? base : "");
        ce->upper = cg_upper(g, ce->snake ? ce->snake : "");
        const char *what = cg_fmt(g, "enum `%.*s`", (int)e->name.len, e->name.ptr);
        cg_claim(g, ce->snake, sp, what);
        cg_claim(g, cg_fmt(g, "%s_name", ce->snake), sp, what);
        cg_claim(g, cg_fmt(g, "%s_parse", ce->snake), sp, what);
        cg_claim(g, cg_fmt(g, "%s_enum_", ce->snake), sp, what);
        ce->values_upper = shale_arena_alloc(g->arena, (e->n_values + 1) * sizeof *ce->values_upper);
        if (!ce->values_upper) {
            g->rc = SHALE_ENOMEM;
            return;
        }
        const shale_ast_file *file = g->s->comp->asts[sp.file];
        for (uint32_t k = 0; k < e->n_values; k++) {
            shale_span vs = shale_ast_span(file, e->values[k].name);
            if (!check_ident(g, e->values[k].name, vs, "enum value")) continue;
            char *v = cg_snake(g, e->values[k].name);
            ce->values_upper[k] = v ? cg_upper(g, v) : NULL;
            cg_claim(g, cg_fmt(g, "%s_%s", ce->upper, ce->values_upper[k] ? ce->values_upper[k] : ""), vs,
                     cg_fmt(g, "value `%.*s` of enum `%.*s`", (int)e->values[k].name.len, e->values[k].name.ptr,
                            (int)e->name.len, e->name.ptr));
        }
        shale_str ns_name = e->schema_name.len ? e->schema_name : (shale_str){"public", 6};
        uint32_t ns = shale_ir_find_namespace(g->ir, ns_name);
        uint32_t ei = ns == SHALE_IR_NONE ? SHALE_IR_NONE : shale_ir_find_enum(g->ir, ns, e->db_name);
        ce->ir_index = ei;
        if (ei == SHALE_IR_NONE) {
            g->rc = SHALE_EINVAL;
            continue;
        }
        shale_buf b = SHALE_BUF_INIT;
        shale_sql_render_qualified(&b, g->ir, ns, e->db_name);
        ce->sql_type = buf_text(g, &b);
    }
}

static bool in_primary_key(const shale_model *m, uint32_t field)
{
    if (m->primary == SHALE_NONE) return false;
    const shale_index *ix = &m->indexes[m->primary];
    for (uint32_t i = 0; i < ix->n_fields; i++)
        if (ix->fields[i].field == field) return true;
    return false;
}

static unsigned scalar_type(shale_scalar sc)
{
    switch (sc) {
    case SHALE_SCALAR_STRING: return SHALE_T_STRING;
    case SHALE_SCALAR_BOOLEAN: return SHALE_T_BOOL;
    case SHALE_SCALAR_INT: return SHALE_T_INT;
    case SHALE_SCALAR_BIGINT: return SHALE_T_BIGINT;
    case SHALE_SCALAR_FLOAT: return SHALE_T_FLOAT;
    case SHALE_SCALAR_DECIMAL: return SHALE_T_DECIMAL;
    case SHALE_SCALAR_DATETIME: return SHALE_T_DATETIME;
    case SHALE_SCALAR_JSON: return SHALE_T_JSON;
    case SHALE_SCALAR_BYTES: return SHALE_T_BYTES;
    case SHALE_SCALAR_COUNT: break;
    }
    return SHALE_T_STRING;
}

/* Client-side defaults: the runtime fills them when the create input leaves the
 * field out, as Prisma's client does (the column has no database default). */
static void client_default(cg_field *cf, const shale_field *f, const shale_ir_column *col)
{
    const shale_default *d = f->def;
    if (!d) return;
    switch (d->kind) {
    case SHALE_DEFAULT_UUID: cf->gen = d->version == 7 ? SHALE_GEN_UUID7 : SHALE_GEN_UUID4; break;
    case SHALE_DEFAULT_CUID: cf->gen = d->version == 2 ? SHALE_GEN_CUID2 : SHALE_GEN_CUID; break;
    case SHALE_DEFAULT_NANOID:
        cf->gen = SHALE_GEN_NANOID;
        cf->gen_arg = d->version;
        break;
    case SHALE_DEFAULT_ULID: cf->gen = SHALE_GEN_ULID; break;
    case SHALE_DEFAULT_NOW:
        if (!col->def) cf->gen = SHALE_GEN_NOW;
        break;
    default: break;
    }
}

static void plan_field(cg *g, cg_model *cm, uint32_t k, const shale_ir_table *t, shale_symtab *row_scope,
                       const char *in)
{
    const shale_model *m = cm->m;
    const shale_field *f = &m->fields[k];
    shale_str fname = shale_field_name(f);
    shale_span sp = name_span(g, m, fname);
    if (!check_ident(g, fname, sp, "field")) return;
    shale_ir_column view_col = {0};
    const shale_ir_column *col = &view_col;
    if (t) {
        uint32_t ci = shale_ir_find_column(t, shale_field_db_name(f));
        if (ci == SHALE_IR_NONE) {
            g->rc = SHALE_EINVAL; /* the lowering made every column: a bug */
            return;
        }
        col = &t->columns[ci];
    } else {
        /* A view: no table in the IR; its columns have no defaults we could know. */
        view_col.name = shale_field_db_name(f);
        view_col.type = cg_view_column_type(g, f);
        view_col.arity = f->arity == SHALE_ARITY_LIST       ? SHALE_IR_LIST
                         : f->arity == SHALE_ARITY_OPTIONAL ? SHALE_IR_NULLABLE
                                                            : SHALE_IR_REQUIRED;
    }
    cg_field *cf = &cm->fields[cm->n_fields];
    cf->f = f;
    cf->member = cg_member(g, fname);
    char *snake = cg_snake(g, fname);
    cf->upper = snake ? cg_upper(g, snake) : NULL;
    cf->column = shale_arena_strndup(g->arena, shale_field_db_name(f).ptr, shale_field_db_name(f).len);
    /* A cast names the type, not the SERIAL pseudo-type that creates a sequence. */
    shale_ir_column plain = *col;
    plain.autoincrement = false;
    shale_buf b = SHALE_BUF_INIT;
    shale_sql_render_column_type(&b, g->ir, &plain);
    cf->sql_type = buf_text(g, &b);
    if (f->kind == SHALE_FIELD_ENUM) {
        cf->type = SHALE_T_ENUM;
        cf->enum_index = f->type_index;
    } else {
        cf->type = scalar_type((shale_scalar)f->scalar);
    }
    if (f->arity == SHALE_ARITY_OPTIONAL) cf->flags |= SHALE_F_NULLABLE;
    if (f->arity == SHALE_ARITY_LIST) cf->flags |= SHALE_F_LIST;
    if (in_primary_key(m, k)) cf->flags |= SHALE_F_ID;
    if (col->autoincrement || col->def) cf->flags |= SHALE_F_DB_DEFAULT;
    if (f->updated_at) cf->flags |= SHALE_F_UPDATED_AT;
    if ((cf->flags & (SHALE_F_NULLABLE | SHALE_F_LIST | SHALE_F_UPDATED_AT)) || f->def)
        cf->flags |= SHALE_F_OPTIONAL_IN_CREATE;
    client_default(cf, f, col);
    if (!cf->member || !cf->column || !cf->upper) {
        g->rc = SHALE_ENOMEM;
        return;
    }
    const char *what = cg_fmt(g, "field `%.*s`", (int)fname.len, fname.ptr);
    cg_claim_member(g, row_scope, cf->member, sp, what, in);
    cg_claim(g, cg_fmt(g, "%s_FIELD_%s", cm->upper, cf->upper), sp,
             cg_fmt(g, "field `%.*s` of model `%.*s`", (int)fname.len, fname.ptr, (int)m->name.len, m->name.ptr));
    cm->field_of[k] = cm->n_fields++;
}

static bool same_fields(const cg_unique *a, const uint32_t *fields, uint32_t n)
{
    if (a->n_fields != n) return false;
    for (uint32_t i = 0; i < n; i++)
        if (a->fields[i] != fields[i]) return false;
    return true;
}

static void plan_uniques(cg *g, cg_model *cm)
{
    const shale_model *m = cm->m;
    shale_symtab scope;
    shale_symtab_init(&scope, NULL);
    const char *in = cg_fmt(g, "%s_where_unique", cm->snake);
    cm->uniques = shale_arena_alloc(g->arena, (m->n_indexes + 1) * sizeof *cm->uniques);
    if (!cm->uniques) {
        g->rc = SHALE_ENOMEM;
        return;
    }
    for (uint32_t i = 0; i < m->n_indexes && g->rc != SHALE_ENOMEM; i++) {
        const shale_index *ix = &m->indexes[i];
        /* A partial unique index does not make a row unique by its columns. */
        if (ix->kind == SHALE_INDEX_NORMAL || shale_index_where(ix).len) continue;
        uint32_t *fields = shale_arena_alloc(g->arena, (ix->n_fields + 1) * sizeof *fields);
        if (!fields) {
            g->rc = SHALE_ENOMEM;
            break;
        }
        bool ok = ix->n_fields > 0;
        for (uint32_t k = 0; k < ix->n_fields; k++) {
            fields[k] = cm->field_of[ix->fields[k].field];
            if (fields[k] == SHALE_NONE) ok = false;
        }
        if (!ok) continue;
        bool dup = false;
        for (uint32_t u = 0; u < cm->n_uniques; u++) dup = dup || same_fields(&cm->uniques[u], fields, ix->n_fields);
        if (dup) continue; /* @id and @unique on one field: one criterion */
        cg_unique *cu = &cm->uniques[cm->n_uniques++];
        cu->n_fields = ix->n_fields;
        cu->fields = fields;
        const cg_field *f0 = &cm->fields[fields[0]];
        cu->bare = ix->n_fields == 1 && !(f0->flags & SHALE_F_LIST) &&
                   (f0->type == SHALE_T_STRING || f0->type == SHALE_T_DECIMAL || f0->type == SHALE_T_JSON);
        for (uint32_t k = 0; !cu->bare && k < ix->n_fields; k++)
            if (strcmp(cm->fields[fields[k]].member, "has") == 0) {
                /* The criterion's struct begins with `bool has`. */
                shale_diag_report(g->diags, SHALE_SEV_ERROR, SHALE_E_CODEGEN_NAME,
                                  name_span(g, m, shale_field_name(cm->fields[fields[k]].f)),
                                  "a field named `has` cannot be part of a unique criterion in C: its struct "
                                  "begins with `bool has`; rename the field (@map keeps the column)");
                if (g->rc == SHALE_OK) g->rc = SHALE_EINVAL;
            }
        /* Prisma's name: name: if given, else the field names joined by `_`. */
        shale_str client = shale_index_name(ix);
        shale_buf b = SHALE_BUF_INIT;
        if (client.len) shale_buf_put(&b, client.ptr, client.len);
        for (uint32_t k = 0; !client.len && k < ix->n_fields; k++) {
            shale_str fn = shale_field_name(&m->fields[ix->fields[k].field]);
            if (k) shale_buf_putc(&b, '_');
            shale_buf_put(&b, fn.ptr, fn.len);
        }
        const char *joined = buf_text(g, &b);
        if (!joined) break;
        shale_str js = {joined, strlen(joined)};
        shale_span sp = ix->attr ? shale_ast_attr_span(g->s->comp->asts[m->ast->name_span.file], ix->attr)
                                 : m->ast->name_span;
        if (!check_ident(g, js, sp, "unique criterion")) continue;
        cu->member = cg_member(g, js);
        cg_claim_member(g, &scope, cu->member, sp, cg_fmt(g, "unique criterion `%s`", joined), in);
    }
    shale_symtab_free(&scope);
}

/* The key of a 1:1 or 1:n relation from either side, or an m:n join table's. */
static void plan_relation(cg *g, cg_model *cm, uint32_t mi, uint32_t k, shale_symtab *row_scope, const char *in)
{
    const shale_model *m = cm->m;
    const shale_field *f = &m->fields[k];
    shale_str fname = shale_field_name(f);
    const char *fn = cg_fmt(g, "%.*s", (int)fname.len, fname.ptr);
    if (f->relation == SHALE_NONE) return;
    const shale_relation *rel = &g->s->relations[f->relation];
    bool is_from = rel->from_model == mi && rel->from_field == k;
    uint32_t target = is_from ? rel->to_model : rel->from_model;
    cg_model *tm = &g->models[target];
    if (rel->ignored || f->ignored || !tm->generated) {
        skip(g, cm, cg_fmt(g, "relation field `%s` is left out: it or its model is @ignore'd", fn));
        return;
    }
    if (cm->is_view || tm->is_view) {
        skip(g, cm, cg_fmt(g, "relation field `%s` is left out: relations of views are not generated", fn));
        return;
    }
    cg_rel *r = &cm->rels[cm->n_rels];
    memset(r, 0, sizeof *r);
    r->f = f;
    r->target = target;
    r->to_many = f->arity == SHALE_ARITY_LIST;
    if (rel->kind == SHALE_REL_MANY_TO_MANY) {
        const shale_model *tmm = tm->m;
        if (m->primary == SHALE_NONE || tmm->primary == SHALE_NONE) return;
        r->n_keys = 1;
        r->local = shale_arena_alloc(g->arena, sizeof *r->local);
        r->remote = shale_arena_alloc(g->arena, sizeof *r->remote);
        if (!r->local || !r->remote) {
            g->rc = SHALE_ENOMEM;
            return;
        }
        r->local[0] = cm->field_of[m->indexes[m->primary].fields[0].field];
        r->remote[0] = tm->field_of[tmm->indexes[tmm->primary].fields[0].field];
        /* Column A holds the keys of the relation's `from` side (lower.c). */
        r->join_local = is_from ? "A" : "B";
        r->join_remote = is_from ? "B" : "A";
        shale_str jt;
        if (shale_constraint_name_m2m_table(&jt, g->arena, rel->name) < 0) {
            g->rc = SHALE_ENOMEM;
            return;
        }
        const shale_model *am = &g->s->models[rel->from_model];
        uint32_t ns = shale_ir_find_namespace(g->ir, shale_model_schema(am));
        shale_buf b = SHALE_BUF_INIT;
        shale_sql_render_qualified(&b, g->ir, ns, jt);
        r->join_table = buf_text(g, &b);
    } else {
        r->n_keys = rel->n_fields;
        r->local = shale_arena_alloc(g->arena, (rel->n_fields + 1) * sizeof *r->local);
        r->remote = shale_arena_alloc(g->arena, (rel->n_fields + 1) * sizeof *r->remote);
        if (!r->local || !r->remote) {
            g->rc = SHALE_ENOMEM;
            return;
        }
        for (uint32_t i = 0; i < rel->n_fields; i++) {
            /* The referencing side holds `fields`; the other side is referenced. */
            r->local[i] = cm->field_of[is_from ? rel->fields[i] : rel->references[i]];
            r->remote[i] = tm->field_of[is_from ? rel->references[i] : rel->fields[i]];
        }
    }
    for (uint32_t i = 0; i < r->n_keys; i++)
        if (r->local[i] == SHALE_NONE || r->remote[i] == SHALE_NONE) {
            skip(g, cm, cg_fmt(g, "relation field `%s` is left out: a key field is @ignore'd", fn));
            return;
        }
    shale_span sp = name_span(g, m, fname);
    if (!check_ident(g, fname, sp, "field")) return;
    r->member = cg_member(g, fname);
    r->include_member = cg_fmt(g, "%s_include", r->member ? r->member : "");
    cg_claim_member(g, row_scope, r->member, sp, cg_fmt(g, "field `%s`", fn), in);
    cm->n_rels++;
}

static void plan_model(cg *g, uint32_t mi)
{
    cg_model *cm = &g->models[mi];
    const shale_model *m = cm->m;
    const char *what = cg_fmt(g, "model `%.*s`", (int)m->name.len, m->name.ptr);
    shale_span sp = m->ast->name_span;
    static const char *const types[] = {"", "_list", "_create_input", "_update_input", "_where", "_where_unique",
                                        "_include", "_field", "_order_by", "_find_many_args", "_create",
                                        "_create_many", "_find_unique", "_find_first", "_find_many", "_count",
                                        "_update", "_update_many", "_upsert", "_delete", "_delete_many", "_free",
                                        "_list_free", "_fields_", "_uniques_", "_relations_", "_model_"};
    for (size_t i = 0; i < sizeof types / sizeof *types; i++)
        cg_claim(g, cg_fmt(g, "%s%s", cm->snake, types[i]), sp, what);
    cg_claim(g, cg_fmt(g, "%s_FIND_MANY_ARGS_INIT", cm->upper), sp, what);

    uint32_t ns = shale_ir_find_namespace(g->ir, shale_model_schema(m));
    uint32_t ti = ns == SHALE_IR_NONE ? SHALE_IR_NONE : shale_ir_find_table(g->ir, ns, m->db_name);
    if (ti == SHALE_IR_NONE && !cm->is_view) {
        g->rc = SHALE_EINVAL;
        return;
    }
    const shale_ir_table *table = cm->is_view ? NULL : &g->ir->tables[ti];
    shale_buf b = SHALE_BUF_INIT;
    shale_sql_render_qualified(&b, g->ir, ns, m->db_name);
    cm->table = buf_text(g, &b);
    cm->fields = shale_arena_alloc(g->arena, (m->n_fields + 1) * sizeof *cm->fields);
    cm->rels = shale_arena_alloc(g->arena, (m->n_fields + 1) * sizeof *cm->rels);
    if (!cm->fields || !cm->rels) {
        g->rc = SHALE_ENOMEM;
        return;
    }
    /* The row's members: scalars now, relation fields once every model is planned. */
    shale_symtab_init(&cm->row_scope, g->arena);
    const char *in = cg_fmt(g, "struct %s", cm->snake);
    for (uint32_t k = 0; k < m->n_fields && g->rc != SHALE_ENOMEM; k++) {
        const shale_field *f = &m->fields[k];
        shale_str fname = shale_field_name(f);
        if (f->kind == SHALE_FIELD_RELATION) continue;
        if (f->ignored)
            skip(g, cm, cg_fmt(g, "field `%.*s` is @ignore'd: left out", (int)fname.len, fname.ptr));
        else if (f->kind == SHALE_FIELD_UNSUPPORTED)
            skip(g, cm,
                 cg_fmt(g, "field `%.*s` (Unsupported(%.*s)) is left out: it has no C type", (int)fname.len,
                        fname.ptr, (int)f->unsupported.len, f->unsupported.ptr));
        else if (f->kind == SHALE_FIELD_SCALAR || f->kind == SHALE_FIELD_ENUM)
            plan_field(g, cm, k, table, &cm->row_scope, in);
    }
}

static void plan_model_links(cg *g, uint32_t mi)
{
    cg_model *cm = &g->models[mi];
    const shale_model *m = cm->m;
    plan_uniques(g, cm);
    const char *in = cg_fmt(g, "struct %s", cm->snake);
    for (uint32_t k = 0; k < m->n_fields && g->rc != SHALE_ENOMEM; k++)
        if (m->fields[k].kind == SHALE_FIELD_RELATION) plan_relation(g, cm, mi, k, &cm->row_scope, in);
    /* `<model>_include` holds `bool <rel>;` and `const <target>_include *<rel>_include;`:
     * a relation named `postsInclude` would take the second name of `posts`. */
    shale_symtab scope;
    shale_symtab_init(&scope, NULL);
    const char *inc = cg_fmt(g, "%s_include", cm->snake);
    for (uint32_t i = 0; i < cm->n_rels && g->rc != SHALE_ENOMEM; i++) {
        const cg_rel *r = &cm->rels[i];
        shale_str fname = shale_field_name(r->f);
        shale_span sp = name_span(g, m, fname);
        const char *what = cg_fmt(g, "field `%.*s`", (int)fname.len, fname.ptr);
        cg_claim_member(g, &scope, r->member, sp, what, inc);
        cg_claim_member(g, &scope, r->include_member, sp, cg_fmt(g, "the nested include of %s", what), inc);
    }
    shale_symtab_free(&scope);
}

int cg_plan(cg *g)
{
    const shale_schema *s = g->s;
    g->models = shale_arena_alloc(g->arena, (s->n_models + 1) * sizeof *g->models);
    g->enums = shale_arena_alloc(g->arena, (s->n_enums + 1) * sizeof *g->enums);
    if (!g->models || !g->enums) return SHALE_ENOMEM;
    shale_symtab_init(&g->globals, g->arena);
    cg_claim(g, cg_fmt(g, "%s_H", g->P), (shale_span){0, 0, 0}, "the header's include guard");
    plan_enums(g);
    for (uint32_t i = 0; i < s->n_models && g->rc != SHALE_ENOMEM; i++) {
        cg_model *cm = &g->models[i];
        const shale_model *m = &s->models[i];
        cm->m = m;
        cm->generated = !m->ignored;
        cm->is_view = m->is_view;
        cm->field_of = shale_arena_alloc(g->arena, (m->n_fields + 1) * sizeof *cm->field_of);
        if (!cm->field_of) return SHALE_ENOMEM;
        for (uint32_t k = 0; k < m->n_fields; k++) cm->field_of[k] = SHALE_NONE;
        if (!cm->generated) continue;
        if (!check_ident(g, m->name, m->ast->name_span, "model")) {
            cm->generated = false;
            continue;
        }
        char *base = cg_snake(g, m->name);
        cm->snake = cg_fmt(g, "%s_%s", g->p, base ? base : "");
        cm->upper = cm->snake ? cg_upper(g, cm->snake) : NULL;
        if (!cm->snake || !cm->upper) return SHALE_ENOMEM;
        plan_model(g, i);
    }
    for (uint32_t i = 0; i < s->n_models && g->rc != SHALE_ENOMEM; i++)
        if (g->models[i].generated) plan_model_links(g, i);
    return g->rc;
}
