/* lower.c - the typed schema to the relational IR (see lower.h). The facts here
 * (types, default forms, names, the order of objects) were checked against Prisma's
 * schema engine with ../shared/oracle/diff.mjs; tests/golden/create holds the proof. */
#include "lower.h"

#include "runtime/buf.h"
#include "constraint_names.h"
#include "sql_literal.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__GNUC__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif

/* Asks for `n` bytes from `p` (addresses as integers: a guess may pass an object's end). */
static void prefetch_range(const void *p, size_t n)
{
    for (uintptr_t a = (uintptr_t)p, end = a + n; p && a < end; a += 64) PREFETCH((const void *)a);
}

typedef struct lctx {
    const shale_schema *s;
    shale_ir *ir;
    shale_arena *arena;
    uint32_t *model_table; /* model index -> table index, SHALE_IR_NONE for views */
    uint32_t *enum_index;  /* schema enum index -> IR enum index */
    int rc;
    /* Scratch sized once for the widest model and index: the column of each field of
     * the model being lowered, and the columns and names of one key (the IR copies
     * what it keeps), so a 10,000-table schema does not leave dead copies behind. */
    uint32_t *colmap;
    uint32_t *fk_cols; /* a foreign key's columns, then its referenced columns */
    shale_ir_index_column *key_cols;
    shale_str *key_names;
    /* Defaults already made, one table per kind keyed by text: most columns share a
     * handful of values (now(), false, 0), and a default is read-only once made. */
    shale_symtab shared_defaults[SHALE_IR_DEFAULT_SEQUENCE + 1];
} lctx;

static void fail(lctx *l, int rc)
{
    if (l->rc == SHALE_OK) l->rc = rc;
}

static shale_str arena_str(lctx *l, const char *p, size_t n)
{
    shale_str out = {"", 0};
    char *c = shale_arena_strndup(l->arena, p, n);
    if (!c) {
        fail(l, SHALE_ENOMEM);
        return out;
    }
    out.ptr = c;
    out.len = n;
    return out;
}

/* ---- names ------------------------------------------------------------------------ */

static shale_str default_name(lctx *l, shale_cname_kind kind, shale_str table, const shale_str *cols, uint32_t n)
{
    shale_str out = {"", 0};
    if (shale_constraint_name(&out, l->arena, kind, table, cols, n) < 0) fail(l, SHALE_ENOMEM);
    return out;
}

/* ---- types ------------------------------------------------------------------------- */

shale_ir_type shale_lower_field_type(const shale_field *f, uint32_t enum_ir_index)
{
    shale_ir_type t = {0};
    t.enum_index = SHALE_IR_NONE;
    if (f->kind == SHALE_FIELD_ENUM) {
        t.kind = SHALE_IR_TYPE_ENUM;
        t.enum_index = enum_ir_index;
        return t;
    }
    if (f->kind == SHALE_FIELD_UNSUPPORTED) {
        t.kind = SHALE_IR_TYPE_UNSUPPORTED;
        t.raw = f->unsupported;
        return t;
    }
    if (f->native.name) { /* a scalar: enums and Unsupported returned above */
        t.kind = f->native_ir_kind;
        t.n_args = f->native_n_args;
        t.args[0] = (uint32_t)f->native.args[0];
        t.args[1] = (uint32_t)f->native.args[1];
        return t;
    }
    switch ((shale_scalar)f->scalar) {
    case SHALE_SCALAR_STRING: t.kind = SHALE_IR_TYPE_TEXT; break;
    case SHALE_SCALAR_BOOLEAN: t.kind = SHALE_IR_TYPE_BOOLEAN; break;
    case SHALE_SCALAR_INT: t.kind = SHALE_IR_TYPE_INTEGER; break;
    case SHALE_SCALAR_BIGINT: t.kind = SHALE_IR_TYPE_BIGINT; break;
    case SHALE_SCALAR_FLOAT: t.kind = SHALE_IR_TYPE_DOUBLE; break;
    case SHALE_SCALAR_DECIMAL:
        t.kind = SHALE_IR_TYPE_DECIMAL;
        t.n_args = 2;
        t.args[0] = 65;
        t.args[1] = 30;
        break;
    case SHALE_SCALAR_DATETIME:
        t.kind = SHALE_IR_TYPE_TIMESTAMP;
        t.n_args = 1;
        t.args[0] = 3;
        break;
    case SHALE_SCALAR_JSON: t.kind = SHALE_IR_TYPE_JSONB; break;
    case SHALE_SCALAR_BYTES: t.kind = SHALE_IR_TYPE_BYTEA; break;
    case SHALE_SCALAR_COUNT: break;
    }
    return t;
}

static shale_ir_type column_type(lctx *l, const shale_field *f)
{
    return shale_lower_field_type(f, f->kind == SHALE_FIELD_ENUM ? l->enum_index[f->type_index] : SHALE_IR_NONE);
}

/* ---- defaults ----------------------------------------------------------------------- */

/* One literal (a list item or a scalar default) in the IR's form. */
static bool literal_default(lctx *l, const shale_field *f, const shale_default *d, shale_ir_default *out)
{
    memset(out, 0, sizeof *out);
    switch (d->kind) {
    case SHALE_DEFAULT_NUMBER:
        out->kind = SHALE_IR_DEFAULT_NUMBER;
        out->text = d->value;
        if (f->scalar == SHALE_SCALAR_INT || f->scalar == SHALE_SCALAR_BIGINT) {
            /* Prisma parses integers and prints them back: 007 -> 7, -0 -> 0. */
            char buf[32];
            if (d->value.len < sizeof buf) {
                memcpy(buf, d->value.ptr, d->value.len);
                buf[d->value.len] = '\0';
                int n = snprintf(buf, sizeof buf, "%lld", strtoll(buf, NULL, 10));
                if ((size_t)n != d->value.len || memcmp(buf, d->value.ptr, d->value.len) != 0)
                    out->text = arena_str(l, buf, (size_t)n);
            }
        }
        return true;
    case SHALE_DEFAULT_BOOLEAN:
        out->kind = SHALE_IR_DEFAULT_BOOLEAN;
        out->text = d->value;
        return true;
    case SHALE_DEFAULT_ENUM: {
        const shale_enum *e = &l->s->enums[f->type_index];
        out->kind = SHALE_IR_DEFAULT_ENUM;
        out->text = d->value;
        for (uint32_t i = 0; i < e->n_values; i++)
            if (shale_str_same(e->values[i].name, d->value)) out->text = e->values[i].db_name;
        return true;
    }
    case SHALE_DEFAULT_STRING: {
        if (f->scalar == SHALE_SCALAR_DATETIME || f->scalar == SHALE_SCALAR_BYTES) {
            shale_buf b = SHALE_BUF_INIT;
            bool ok = f->scalar == SHALE_SCALAR_DATETIME ? shale_datetime_normalize(&b, d->value)
                                                         : shale_base64_decode(&b, d->value);
            out->kind = f->scalar == SHALE_SCALAR_DATETIME ? SHALE_IR_DEFAULT_DATETIME : SHALE_IR_DEFAULT_BYTES;
            if (ok) out->text = arena_str(l, b.ptr ? b.ptr : "", b.len);
            shale_buf_free(&b);
            if (!ok) fail(l, SHALE_EINVAL);
            return ok;
        }
        out->kind = f->scalar == SHALE_SCALAR_JSON ? SHALE_IR_DEFAULT_JSON : SHALE_IR_DEFAULT_STRING;
        out->text = d->value;
        return true;
    }
    default: return false;
    }
}

/* The default of `kind` with `text`, made once per lowering and shared after. */
static const shale_ir_default *shared_default(lctx *l, shale_ir_default_kind kind, shale_str text)
{
    shale_symtab *t = &l->shared_defaults[kind];
    const shale_ir_default *out = shale_symtab_get(t, text);
    if (out) return out;
    if (shale_ir_default_make(&out, l->ir, kind, text) < 0 || shale_symtab_put(t, text, (void *)out, NULL) < 0)
        fail(l, SHALE_ENOMEM);
    return out;
}

/* The column's default and autoincrement flag. Client-side generators (uuid(),
 * cuid(), nanoid(), ulid()) make no database default, as in Prisma. */
static const shale_ir_default *column_default(lctx *l, const shale_field *f, bool *autoincrement)
{
    *autoincrement = false;
    const shale_default *d = f->def;
    if (!d) return NULL;
    const shale_ir_default *out = NULL;
    shale_ir_default one;
    switch (d->kind) {
    case SHALE_DEFAULT_AUTOINCREMENT: *autoincrement = true; return NULL;
    case SHALE_DEFAULT_NOW: return shared_default(l, SHALE_IR_DEFAULT_NOW, (shale_str){"", 0});
    case SHALE_DEFAULT_DBGENERATED:
        /* dbgenerated() without an argument is kept (it renders as nothing): it tells
         * the differ that the database manages this default. */
        if (shale_ir_default_make(&out, l->ir, SHALE_IR_DEFAULT_DBGENERATED, d->value) < 0) fail(l, SHALE_ENOMEM);
        return out;
    case SHALE_DEFAULT_LIST: {
        shale_ir_default *items = d->n_items ? shale_arena_alloc(l->arena, d->n_items * sizeof *items) : NULL;
        if (d->n_items && !items) {
            fail(l, SHALE_ENOMEM);
            return NULL;
        }
        for (uint32_t i = 0; i < d->n_items; i++)
            if (!literal_default(l, f, &d->items[i], &items[i])) return NULL;
        if (shale_ir_default_make_list(&out, l->ir, items, d->n_items) < 0) fail(l, SHALE_ENOMEM);
        return out;
    }
    case SHALE_DEFAULT_UUID:
    case SHALE_DEFAULT_CUID:
    case SHALE_DEFAULT_NANOID:
    case SHALE_DEFAULT_ULID:
    case SHALE_DEFAULT_NONE: return NULL;
    default:
        if (!literal_default(l, f, d, &one)) return NULL;
        return shared_default(l, (shale_ir_default_kind)one.kind, one.text);
    }
}

/* ---- indexes --------------------------------------------------------------------------- */

/* The operator class as the SQL names it; raw("...") is verbatim. */
static shale_str opclass_sql(const shale_index_field *xf)
{
    shale_str ops = shale_index_field_ops(xf);
    if (xf->ops_raw || !ops.len) return ops;
    const char *sql = shale_opclass_sql(ops);
    if (!sql) return ops; /* unknown classes were reported by validation */
    shale_str out = {sql, strlen(sql)};
    return out;
}

static shale_ir_index_method ir_method(shale_index_method m)
{
    switch (m) {
    case SHALE_METHOD_HASH: return SHALE_IR_HASH;
    case SHALE_METHOD_GIST: return SHALE_IR_GIST;
    case SHALE_METHOD_GIN: return SHALE_IR_GIN;
    case SHALE_METHOD_SPGIST: return SHALE_IR_SPGIST;
    case SHALE_METHOD_BRIN: return SHALE_IR_BRIN;
    default: return SHALE_IR_BTREE;
    }
}

/* Column indexes of a model's fields in its table (relation fields have none), into
 * l->colmap. */
static const uint32_t *field_columns(lctx *l, const shale_model *m)
{
    uint32_t c = 0;
    for (uint32_t i = 0; i < m->n_fields; i++)
        l->colmap[i] = m->fields[i].kind == SHALE_FIELD_RELATION ? SHALE_IR_NONE : c++;
    return l->colmap;
}

/* The column of field `fi` of model `m`: the fields before it that are not relations. */
static uint32_t field_column(const shale_model *m, uint32_t fi)
{
    uint32_t c = 0;
    for (uint32_t i = 0; i < fi; i++) c += m->fields[i].kind != SHALE_FIELD_RELATION;
    return c;
}

/* The widest model and key, to size the scratch of lctx. */
static int alloc_scratch(lctx *l)
{
    uint32_t max_fields = 2; /* a join table's key */
    for (uint32_t mi = 0; mi < l->s->n_models; mi++) {
        const shale_model *m = &l->s->models[mi];
        if (m->n_fields > max_fields) max_fields = m->n_fields;
        for (uint32_t i = 0; i < m->n_indexes; i++)
            if (m->indexes[i].n_fields > max_fields) max_fields = m->indexes[i].n_fields;
    }
    for (uint32_t i = 0; i < l->s->n_relations; i++)
        if (l->s->relations[i].n_fields > max_fields) max_fields = l->s->relations[i].n_fields;
    l->colmap = shale_arena_alloc(l->arena, max_fields * sizeof *l->colmap);
    l->key_cols = shale_arena_alloc(l->arena, max_fields * sizeof *l->key_cols);
    l->key_names = shale_arena_alloc(l->arena, max_fields * sizeof *l->key_names);
    l->fk_cols = shale_arena_alloc(l->arena, 2 * max_fields * sizeof *l->fk_cols);
    for (size_t k = 0; k < sizeof l->shared_defaults / sizeof *l->shared_defaults; k++)
        shale_symtab_init(&l->shared_defaults[k], l->arena);
    return l->colmap && l->key_cols && l->key_names && l->fk_cols ? SHALE_OK : SHALE_ENOMEM;
}

/* Which pass of lower_indexes an index belongs to: Prisma's order is the primary key,
 * field-level @unique (field order), every @@index, then every @@unique (each in
 * source order). */
static int index_pass(const shale_index *ix)
{
    if (ix->kind == SHALE_INDEX_PRIMARY) return 0;
    if (ix->from_field) return 1;
    return ix->kind == SHALE_INDEX_NORMAL ? 2 : 3;
}

static void lower_index(lctx *l, const shale_model *m, uint32_t ti, const uint32_t *cols, const shale_index *ix)
{
    shale_str table = l->ir->tables[ti].name;
    shale_ir_index_column *ic = l->key_cols;
    shale_str *names = l->key_names;
    for (uint32_t k = 0; k < ix->n_fields; k++) {
        const shale_index_field *xf = &ix->fields[k];
        ic[k].column = cols[xf->field];
        ic[k].sort = xf->sort == SHALE_SORT_DESC ? SHALE_IR_SORT_DESC
                     : xf->sort == SHALE_SORT_ASC ? SHALE_IR_SORT_ASC
                                                  : SHALE_IR_SORT_NONE;
        ic[k].opclass = opclass_sql(xf);
        names[k] = shale_field_db_name(&m->fields[xf->field]);
    }
    if (ix->kind == SHALE_INDEX_PRIMARY) {
        /* The checks named every key of a table already (shale_index.db_name). */
        shale_str name = ix->db_name.ptr ? ix->db_name
                         : shale_index_map(ix).len   ? shale_index_map(ix)
                                         : default_name(l, SHALE_CNAME_PKEY, table, NULL, 0);
        if (shale_ir_set_primary_key(l->ir, ti, name, ic, ix->n_fields) < 0) fail(l, SHALE_EINVAL);
        return;
    }
    shale_ir_index out = {0};
    out.unique = ix->kind == SHALE_INDEX_UNIQUE;
    out.name = ix->db_name.ptr ? ix->db_name
               : shale_index_map(ix).len   ? shale_index_map(ix)
                               : default_name(l, out.unique ? SHALE_CNAME_KEY : SHALE_CNAME_IDX, table, names, ix->n_fields);
    out.method = (uint8_t)ir_method(ix->method);
    out.where = shale_index_where(ix);
    out.columns = ic;
    out.n_columns = ix->n_fields;
    out.span =
        ix->attr ? shale_ast_attr_span(l->s->comp->asts[m->ast->name_span.file], ix->attr) : (shale_span){0, 0, 0};
    if (shale_ir_add_index(NULL, l->ir, ti, &out) < 0) fail(l, SHALE_EINVAL);
}

static void lower_indexes(lctx *l, const shale_model *m, uint32_t ti, const uint32_t *cols)
{
    for (int pass = 0; pass < 4; pass++)
        for (uint32_t i = 0; i < m->n_indexes && l->rc == SHALE_OK; i++)
            if (index_pass(&m->indexes[i]) == pass) lower_index(l, m, ti, cols, &m->indexes[i]);
}

/* ---- relations -------------------------------------------------------------------------- */

static shale_ir_action ir_action(shale_action a, shale_ir_action dflt)
{
    switch (a) {
    case SHALE_ACTION_CASCADE: return SHALE_IR_CASCADE;
    case SHALE_ACTION_RESTRICT: return SHALE_IR_RESTRICT;
    case SHALE_ACTION_NO_ACTION: return SHALE_IR_NO_ACTION;
    case SHALE_ACTION_SET_NULL: return SHALE_IR_SET_NULL;
    case SHALE_ACTION_SET_DEFAULT: return SHALE_IR_SET_DEFAULT;
    case SHALE_ACTION_NONE: break;
    }
    return dflt;
}

static void lower_foreign_key(lctx *l, const shale_relation *rel)
{
    const shale_model *from = &l->s->models[rel->from_model];
    const shale_model *to = &l->s->models[rel->to_model];
    uint32_t ti = l->model_table[rel->from_model], ri = l->model_table[rel->to_model];
    if (ti == SHALE_IR_NONE || ri == SHALE_IR_NONE) return;
    uint32_t n = rel->n_fields;
    uint32_t *cols = l->fk_cols, *refs = l->fk_cols + n;
    shale_str *names = l->key_names;
    bool required = false;
    for (uint32_t i = 0; i < n; i++) {
        cols[i] = field_column(from, rel->fields[i]);
        refs[i] = field_column(to, rel->references[i]);
        names[i] = shale_field_db_name(&from->fields[rel->fields[i]]);
        required |= from->fields[rel->fields[i]].arity == SHALE_ARITY_REQUIRED;
    }
    shale_ir_foreign_key fk = {0};
    fk.name = rel->map.len ? rel->map : default_name(l, SHALE_CNAME_FKEY, l->ir->tables[ti].name, names, n);
    fk.columns = cols;
    fk.ref_table = ri;
    fk.ref_columns = refs;
    fk.n_columns = n;
    /* Prisma's defaults: Restrict when a referencing column is required, else SetNull;
     * updates cascade. */
    fk.on_delete = (uint8_t)ir_action(rel->on_delete, required ? SHALE_IR_RESTRICT : SHALE_IR_SET_NULL);
    fk.on_update = (uint8_t)ir_action(rel->on_update, SHALE_IR_CASCADE);
    fk.span =
        rel->attr ? shale_ast_attr_span(l->s->comp->asts[from->ast->name_span.file], rel->attr) : (shale_span){0, 0, 0};
    if (shale_ir_add_foreign_key(NULL, l->ir, ti, &fk) < 0) fail(l, SHALE_EINVAL);
}

/* The single-column primary key of a model in a many-to-many relation. */
static uint32_t id_field(const shale_model *m)
{
    if (m->primary == SHALE_NONE || m->indexes[m->primary].n_fields != 1) return SHALE_NONE;
    return m->indexes[m->primary].fields[0].field;
}

/* `_Name` with columns A and B pointing at the two ids, Prisma's key, index and
 * foreign keys (all cascading); relationMode = "prisma" keeps the table without them. */
static void lower_join_table(lctx *l, const shale_relation *rel, bool with_fks)
{
    const shale_model *ma = &l->s->models[rel->from_model], *mb = &l->s->models[rel->to_model];
    uint32_t fa = id_field(ma), fb = id_field(mb);
    uint32_t ta = l->model_table[rel->from_model], tb = l->model_table[rel->to_model];
    if (fa == SHALE_NONE || fb == SHALE_NONE || ta == SHALE_IR_NONE || tb == SHALE_IR_NONE) {
        fail(l, SHALE_EINVAL);
        return;
    }
    shale_str name;
    if (shale_constraint_name_m2m_table(&name, l->arena, rel->name) < 0) {
        fail(l, SHALE_ENOMEM);
        return;
    }
    uint32_t ti;
    if (shale_ir_add_table(&ti, l->ir, l->ir->tables[ta].namespace_index, name) < 0) {
        fail(l, SHALE_EINVAL);
        return;
    }
    if (shale_ir_table_reserve(l->ir, ti, 2, 1, 2) < 0) {
        fail(l, SHALE_ENOMEM);
        return;
    }
    const shale_field *ids[2] = {&ma->fields[fa], &mb->fields[fb]};
    static const char *const col_names[2] = {"A", "B"};
    for (int k = 0; k < 2; k++) {
        shale_ir_column c = {0};
        c.name.ptr = col_names[k];
        c.name.len = 1;
        c.type = column_type(l, ids[k]);
        c.arity = SHALE_IR_REQUIRED;
        if (shale_ir_add_column(NULL, l->ir, ti, &c) < 0) fail(l, SHALE_EINVAL);
    }
    shale_ir_index_column pk[2] = {{0, SHALE_IR_SORT_NONE, {"", 0}}, {1, SHALE_IR_SORT_NONE, {"", 0}}};
    shale_str pk_name = {"", 0}, ix_name = {"", 0};
    if (shale_constraint_name_m2m_pkey(&pk_name, l->arena, name) < 0 ||
        shale_constraint_name_m2m_b_index(&ix_name, l->arena, name) < 0) {
        fail(l, SHALE_ENOMEM);
        return;
    }
    if (shale_ir_set_primary_key(l->ir, ti, pk_name, pk, 2) < 0) fail(l, SHALE_EINVAL);
    shale_ir_index ix = {0};
    ix.name = ix_name;
    ix.columns = &pk[1];
    ix.n_columns = 1;
    if (shale_ir_add_index(NULL, l->ir, ti, &ix) < 0) fail(l, SHALE_EINVAL);
    const uint32_t targets[2] = {ta, tb};
    const uint32_t target_cols[2] = {field_column(ma, fa), field_column(mb, fb)};
    for (uint32_t k = 0; with_fks && k < 2; k++) {
        shale_ir_foreign_key fk = {0};
        uint32_t col = k;
        if (shale_constraint_name_m2m_fkey(&fk.name, l->arena, name, k ? 'B' : 'A') < 0) fail(l, SHALE_ENOMEM);
        fk.columns = &col;
        fk.ref_table = targets[k];
        fk.ref_columns = (uint32_t *)&target_cols[k];
        fk.n_columns = 1;
        fk.on_delete = SHALE_IR_CASCADE;
        fk.on_update = SHALE_IR_CASCADE;
        if (shale_ir_add_foreign_key(NULL, l->ir, ti, &fk) < 0) fail(l, SHALE_EINVAL);
    }
}


/* Join tables come in (model A, field A) order. */
static int cmp_m2m(const void *a, const void *b, void *ctx)
{
    const shale_relation *rels = ctx;
    const shale_relation *x = &rels[*(const uint32_t *)a], *y = &rels[*(const uint32_t *)b];
    if (x->from_model != y->from_model) return x->from_model < y->from_model ? -1 : 1;
    if (x->from_field != y->from_field) return x->from_field < y->from_field ? -1 : 1;
    return 0;
}

/* ---- driver ------------------------------------------------------------------------------ */

static int cmp_str_ptr(const void *a, const void *b)
{
    return shale_str_cmp(*(const shale_str *)a, *(const shale_str *)b);
}

int shale_lower(const shale_schema *s, shale_arena *arena, shale_ir **out)
{
    *out = NULL;
    shale_ir *ir = shale_arena_alloc(arena, sizeof *ir);
    if (!ir) return SHALE_ENOMEM;
    shale_ir_init(ir, arena);
    lctx l = {0};
    l.s = s;
    l.ir = ir;
    l.arena = arena;
    l.model_table = shale_arena_alloc(arena, (s->n_models + 1) * sizeof *l.model_table);
    l.enum_index = shale_arena_alloc(arena, (s->n_enums + 1) * sizeof *l.enum_index);
    if (!l.model_table || !l.enum_index || alloc_scratch(&l) < 0) return SHALE_ENOMEM;
    bool multi = s->datasource && s->datasource->n_schemas > 0;

    /* Namespaces: the schemas in use, by name ("public" alone without multi-schema). */
    uint32_t n_m2m = 0;
    for (uint32_t i = 0; i < s->n_relations; i++) n_m2m += s->relations[i].kind == SHALE_REL_MANY_TO_MANY;
    if (shale_ir_reserve(ir, multi ? s->datasource->n_schemas : 1, s->n_enums, s->n_models + n_m2m) < 0)
        return SHALE_ENOMEM;
    /* Namespaces: every schema of `schemas = [...]` (or "public" alone), by name,
     * whether or not something lives there: a namespace the previous state already
     * has is not created again by a migration (Prisma's rule). The creation script
     * only creates the ones in use. */
    {
        uint32_t n = multi ? s->datasource->n_schemas : 1;
        shale_str *names = shale_arena_alloc(arena, (n + 1) * sizeof *names);
        if (!names) return SHALE_ENOMEM;
        if (multi) memcpy(names, s->datasource->schemas, n * sizeof *names);
        else names[0] = (shale_str){"public", 6};
        qsort(names, n, sizeof *names, cmp_str_ptr);
        for (uint32_t i = 0; i < n; i++) {
            uint32_t ns;
            if ((i == 0 || !shale_str_same(names[i], names[i - 1])) && shale_ir_namespace_get(&ns, ir, names[i]) < 0)
                return SHALE_ENOMEM;
        }
        /* One namespace holds every table and enum: size its lookups once. */
        if (ir->n_namespaces == 1 && (shale_symtab_reserve(&ir->namespaces[0].tables, s->n_models + n_m2m) < 0 ||
                                      shale_symtab_reserve(&ir->namespaces[0].enums, s->n_enums) < 0))
            return SHALE_ENOMEM;
    }

    if (s->datasource && s->datasource->n_extensions) {
        /* Only plain names are lowered: Prisma's rendering of map/schema/version is not
         * reproduced yet, and guessing would print the wrong SQL. */
        if (s->datasource->extension_args) return SHALE_EINVAL;
        ir->extensions = s->datasource->extensions;
        ir->n_extensions = s->datasource->n_extensions;
    }
    for (uint32_t i = 0; i < s->n_enums && l.rc == SHALE_OK; i++) {
        const shale_enum *e = &s->enums[i];
        shale_str *values = shale_arena_alloc(arena, (e->n_values + 1) * sizeof *values);
        if (!values) return SHALE_ENOMEM;
        for (uint32_t k = 0; k < e->n_values; k++) values[k] = e->values[k].db_name;
        uint32_t ns;
        if (shale_ir_namespace_get(&ns, ir, e->schema_name.len ? e->schema_name : (shale_str){"public", 6}) < 0 ||
            shale_ir_add_enum(&l.enum_index[i], ir, ns, e->db_name, values, e->n_values) < 0)
            return SHALE_EINVAL;
    }

    /* The relations whose foreign key each table holds, in model and field order. */
    uint32_t *fk_rels = s->n_relations ? shale_arena_alloc(arena, s->n_relations * sizeof *fk_rels) : NULL;
    uint32_t n_fk_rels = 0;
    if (s->n_relations && !fk_rels) return SHALE_ENOMEM;
    for (uint32_t mi = 0; mi < s->n_models && l.rc == SHALE_OK; mi++) {
        const shale_model *m = &s->models[mi];
        /* A model's fields and keys, and the tree nodes its table reads (its name's
         * span, its keys' attributes for theirs), are cold: ask for those of the models
         * ahead, so they arrive while this one is lowered instead of one stall at a
         * time (arrays four ahead, then the nodes they point to two and one ahead). */
        if (mi + 4 < s->n_models) {
            const shale_model *far = &s->models[mi + 4];
            prefetch_range(far->fields, (size_t)far->n_fields * sizeof *far->fields);
            prefetch_range(far->indexes, (size_t)far->n_indexes * sizeof *far->indexes);
        }
        if (mi + 2 < s->n_models) {
            const shale_model *ahead = &s->models[mi + 2];
            PREFETCH(&ahead->ast->name_span);
            for (uint32_t i = 0; i < ahead->n_indexes; i++) PREFETCH(ahead->indexes[i].attr);
        }
        if (mi + 1 < s->n_models) {
            const shale_model *next = &s->models[mi + 1];
            for (uint32_t i = 0; i < next->n_indexes; i++)
                if (next->indexes[i].attr) PREFETCH(next->indexes[i].attr->args);
        }
        l.model_table[mi] = SHALE_IR_NONE;
        if (m->is_view) continue;
        uint32_t ns, ti;
        if (shale_ir_namespace_get(&ns, ir, shale_model_schema(m)) < 0 ||
            shale_ir_add_table(&ti, ir, ns, m->db_name) < 0)
            return SHALE_EINVAL;
        l.model_table[mi] = ti;
        ir->tables[ti].span = m->ast->name_span;
        uint32_t n_cols = 0, n_fks = 0;
        for (uint32_t k = 0; k < m->n_fields; k++) {
            const shale_field *f = &m->fields[k];
            if (f->kind != SHALE_FIELD_RELATION) n_cols++;
            else if (f->relation != SHALE_NONE && s->relations[f->relation].kind != SHALE_REL_MANY_TO_MANY &&
                     s->relations[f->relation].from_model == mi && s->relations[f->relation].from_field == k) {
                n_fks++;
                fk_rels[n_fk_rels++] = f->relation;
            }
        }
        if (shale_ir_table_reserve(ir, ti, n_cols, m->n_indexes, n_fks) < 0) return SHALE_ENOMEM;
        for (uint32_t k = 0; k < m->n_fields && l.rc == SHALE_OK; k++) {
            const shale_field *f = &m->fields[k];
            if (f->kind == SHALE_FIELD_RELATION) continue;
            shale_ir_column c = {0};
            c.name = shale_field_db_name(f);
            c.type = column_type(&l, f);
            c.arity = f->arity == SHALE_ARITY_LIST       ? SHALE_IR_LIST
                      : f->arity == SHALE_ARITY_OPTIONAL ? SHALE_IR_NULLABLE
                                                         : SHALE_IR_REQUIRED;
            c.def = column_default(&l, f, &c.autoincrement);
            c.client_default = f->def && (f->def->kind == SHALE_DEFAULT_UUID || f->def->kind == SHALE_DEFAULT_CUID ||
                                          f->def->kind == SHALE_DEFAULT_NANOID || f->def->kind == SHALE_DEFAULT_ULID);
            c.span = shale_ast_span(s->comp->asts[m->ast->name_span.file], shale_field_name(f));
            if (shale_ir_add_column(NULL, ir, ti, &c) < 0) fail(&l, SHALE_EINVAL);
        }
        lower_indexes(&l, m, ti, field_columns(&l, m));
    }

    /* Foreign keys: per table in model order, in relation-field order (views hold
     * none: they have no table). */
    bool fks = !(s->datasource && s->datasource->relation_mode_prisma);
    for (uint32_t i = 0; fks && i < n_fk_rels && l.rc == SHALE_OK; i++) {
        /* The relations and both models' fields are cold again: ask ahead. */
        if (i + 8 < n_fk_rels) PREFETCH(&s->relations[fk_rels[i + 8]]);
        if (i + 4 < n_fk_rels) {
            const shale_relation *rel = &s->relations[fk_rels[i + 4]];
            PREFETCH(rel->fields);
            PREFETCH(rel->references);
            PREFETCH(rel->attr);
            prefetch_range(s->models[rel->from_model].fields, 4 * 64);
            prefetch_range(s->models[rel->to_model].fields, 2 * 64);
        }
        lower_foreign_key(&l, &s->relations[fk_rels[i]]);
    }

    /* Join tables of implicit many-to-many relations, by (model A, field A). */
    if (n_m2m && l.rc == SHALE_OK) {
        uint32_t *order = shale_arena_alloc(arena, n_m2m * sizeof *order);
        if (!order) return SHALE_ENOMEM;
        uint32_t k = 0;
        for (uint32_t i = 0; i < s->n_relations; i++)
            if (s->relations[i].kind == SHALE_REL_MANY_TO_MANY) order[k++] = i;
        for (uint32_t i = 1; i < n_m2m; i++) /* insertion sort: stable, and lists are short */
            for (uint32_t j = i; j > 0 && cmp_m2m(&order[j - 1], &order[j], (void *)s->relations) > 0; j--) {
                uint32_t t = order[j];
                order[j] = order[j - 1];
                order[j - 1] = t;
            }
        for (uint32_t i = 0; i < n_m2m && l.rc == SHALE_OK; i++) {
            lower_join_table(&l, &s->relations[order[i]], fks);
        }
    }
    if (l.rc != SHALE_OK) return l.rc;
    *out = ir;
    return SHALE_OK;
}
