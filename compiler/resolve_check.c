/* resolve_check.c - checks that need a whole model or the whole schema: primary keys
 * and unique criteria, database-name clashes, @@schema against the datasource, and
 * constraint names given with `map:`. */
#include "constraint_names.h"
#include "resolve_int.h"

#include <stdint.h>
#include <string.h>

#define MAX_IDENT 63 /* PostgreSQL's NAMEDATALEN - 1 */

static const char *noun(const shale_model *m) { return m->is_view ? "view" : "model"; }

static void check_ids(rctx *r, shale_model *m)
{
    const shale_ast_file *f = r->model_files[m - r->s->models];
    uint32_t n_field_ids = 0, n_block_ids = 0, first = SHALE_NONE;
    for (uint32_t i = 0; i < m->n_indexes; i++) {
        const shale_index *ix = &m->indexes[i];
        if (ix->kind != SHALE_INDEX_PRIMARY) continue;
        if (ix->from_field) n_field_ids++;
        else n_block_ids++;
        if (first == SHALE_NONE) first = i;
    }
    if (n_field_ids > 1) {
        rerr(r, SHALE_E_ID, m->ast->name_span,
             "Error validating model \"%.*s\": At most one field must be marked as the id field with the `@id` "
             "attribute.",
             (int)m->name.len, m->name.ptr);
        return;
    }
    if (n_field_ids && n_block_ids) {
        rerr(r, SHALE_E_ID, m->ast->name_span,
             "Error validating model \"%.*s\": Each model must have at most one id criteria. You can't have `@id` and "
             "`@@id` at the same time.",
             (int)m->name.len, m->name.ptr);
        return;
    }
    if (first == SHALE_NONE) return;
    const shale_index *pk = &m->indexes[first];
    for (uint32_t j = 0; j < pk->n_fields; j++) {
        const shale_field *fd = &m->fields[pk->fields[j].field];
        if (fd->arity == SHALE_ARITY_OPTIONAL) {
            if (pk->from_field)
                rerr(r, SHALE_E_ID, shale_ast_attr_span(f, pk->attr),
                     "Error parsing attribute \"@id\": Fields that are marked as id must be required.");
            else
                rerr(r, SHALE_E_ID, shale_ast_attr_span(f, pk->attr),
                     "Error validating model \"%.*s\": The id definition refers to the optional fields %.*s. ID "
                     "definitions must reference only required fields.",
                     (int)m->name.len, m->name.ptr, (int)shale_field_name(fd).len, shale_field_name(fd).ptr);
            return;
        }
        if (fd->arity == SHALE_ARITY_LIST || fd->kind == SHALE_FIELD_UNSUPPORTED) {
            rerr(
                r, SHALE_E_ID, shale_ast_attr_span(f, pk->attr),
                "Error validating model \"%.*s\": The id definition refers to the %s field `%.*s`, which cannot be part "
                "of a primary key.",
                (int)m->name.len, m->name.ptr, fd->arity == SHALE_ARITY_LIST ? "list" : "Unsupported",
                (int)shale_field_name(fd).len, shale_field_name(fd).ptr);
            return;
        }
    }
    /* The client name of a compound id/unique must not clash with a field. */
    (void)f;
    /* Keep the primary key first: the lowering renders it as the table's PK. */
    if (first != 0) {
        shale_index tmp = m->indexes[first];
        memmove(&m->indexes[1], &m->indexes[0], first * sizeof tmp);
        m->indexes[0] = tmp;
    }
    m->primary = 0;
}

static void check_criteria(rctx *r, const shale_model *m)
{
    if (m->ignored || m->is_view) return;
    for (uint32_t i = 0; i < m->n_indexes; i++) {
        const shale_index *ix = &m->indexes[i];
        if (ix->kind == SHALE_INDEX_NORMAL) continue;
        bool all_required = true;
        for (uint32_t j = 0; j < ix->n_fields; j++)
            all_required &= m->fields[ix->fields[j].field].arity == SHALE_ARITY_REQUIRED &&
                            m->fields[ix->fields[j].field].kind != SHALE_FIELD_UNSUPPORTED;
        if (all_required && ix->n_fields) return;
    }
    rerr(r, SHALE_E_ID, m->ast->name_span,
         "Error validating model \"%.*s\": Each model must have at least one unique criteria that has only required "
         "fields. Either mark a single field with `@id`, `@unique` or add a multi field criterion with `@@id([])` or "
         "`@@unique([])` to the model.",
         (int)m->name.len, m->name.ptr);
}

/* Compound id/unique client names are `a_b` unless named; a field of that name would
 * clash with the generated accessor. */
static void check_compound_names(rctx *r, const shale_model *m)
{
    const shale_ast_file *f = r->model_files[m - r->s->models];
    /* Custom names of compound ids and uniques must differ: each is an accessor. */
    for (uint32_t i = 0; i < m->n_indexes; i++) {
        const shale_index *a = &m->indexes[i];
        if (a->kind == SHALE_INDEX_NORMAL || !shale_index_name(a).len) continue;
        for (uint32_t j = 0; j < m->n_indexes; j++) {
            const shale_index *b = &m->indexes[j];
            if (j == i || b->kind == SHALE_INDEX_NORMAL || !shale_str_same(shale_index_name(a), shale_index_name(b)))
                continue;
            rerr(r, SHALE_E_NAME, shale_ast_attr_span(f, a->attr),
                 "Error parsing attribute \"%s\": The given custom name `%.*s` has to be unique on the model. Please "
                 "provide a different name for the `name` argument.",
                 a->kind == SHALE_INDEX_PRIMARY ? "@@id" : "@@unique", (int)shale_index_name(a).len,
                 shale_index_name(a).ptr);
            break;
        }
    }
    for (uint32_t i = 0; i < m->n_indexes; i++) {
        const shale_index *ix = &m->indexes[i];
        if (ix->kind == SHALE_INDEX_NORMAL || ix->from_field) continue;
        const char *attr = ix->kind == SHALE_INDEX_PRIMARY ? "@@id" : "@@unique";
        for (uint32_t k = 0; k < m->n_fields; k++) {
            shale_str fname = shale_field_name(&m->fields[k]);
            if (shale_index_name(ix).len) {
                if (shale_str_same(shale_index_name(ix), fname))
                    rerr(r, SHALE_E_NAME, shale_ast_attr_span(f, ix->attr),
                         "Error validating model \"%.*s\": The custom name `%.*s` specified for the `%s` attribute is "
                         "already used as a name for a field. Please choose a different name.",
                         (int)m->name.len, m->name.ptr, (int)shale_index_name(ix).len, shale_index_name(ix).ptr, attr);
                continue;
            }
            if (ix->n_fields < 2) continue;
            /* default name: field names joined by `_` */
            size_t len = 0;
            bool eq = true;
            for (uint32_t j = 0; j < ix->n_fields && eq; j++) {
                shale_str part = shale_field_name(&m->fields[ix->fields[j].field]);
                if (j) {
                    eq = len < fname.len && fname.ptr[len] == '_';
                    len++;
                }
                eq = eq && len + part.len <= fname.len && memcmp(fname.ptr + len, part.ptr, part.len) == 0;
                len += part.len;
            }
            if (eq && len == fname.len)
                rerr(r, SHALE_E_NAME, shale_ast_attr_span(f, ix->attr),
                     "Error validating model \"%.*s\": The field `%.*s` clashes with the `%s` name. Please resolve the "
                     "conflict by providing a custom id name: `%s([...], name: \"custom_name\")`",
                     (int)m->name.len, m->name.ptr, (int)fname.len, fname.ptr, attr, attr);
        }
    }
}

static void check_map_lengths(rctx *r, const shale_model *m)
{
    const shale_ast_file *f = r->model_files[m - r->s->models];
    for (uint32_t i = 0; i < m->n_indexes; i++) {
        const shale_index *ix = &m->indexes[i];
        if (shale_index_map(ix).len <= MAX_IDENT) continue;
        const char *attr = ix->from_field ? (ix->kind == SHALE_INDEX_PRIMARY ? "@id" : "@unique")
                                          : (ix->kind == SHALE_INDEX_PRIMARY ? "@@id"
                                             : ix->kind == SHALE_INDEX_UNIQUE ? "@@unique"
                                                                             : "@@index");
        rerr(r, SHALE_E_CONSTRAINT_NAME, shale_ast_attr_span(f, ix->attr),
             "Error parsing attribute \"%s\": The constraint name '%.*s' specified in the `map` argument for the `%s` "
             "constraint is too long for your chosen provider. The maximum allowed length is 63 bytes.",
             attr, (int)shale_index_map(ix).len, shale_index_map(ix).ptr, attr);
    }
    for (uint32_t i = 0; i < m->n_fields; i++) {
        const shale_field *fd = &m->fields[i];
        if (fd->kind == SHALE_FIELD_RELATION && fd->relation != SHALE_NONE) {
            const shale_relation *rel = &r->s->relations[fd->relation];
            const shale_ast_attr *ra = NULL;
            if (rel->from_model == (uint32_t)(m - r->s->models) && rel->from_field == i && rel->map.len > MAX_IDENT &&
                (ra = shale_field_attr(fd, "relation")) != NULL)
                rerr(r, SHALE_E_CONSTRAINT_NAME, shale_ast_attr_span(f, ra),
                     "Error parsing attribute \"@relation\": The constraint name '%.*s' specified in the `map` argument "
                     "for the `@relation` constraint is too long for your chosen provider. The maximum allowed length "
                     "is 63 bytes.",
                     (int)rel->map.len, rel->map.ptr);
        }
    }
}

static void check_field_db_names(rctx *r, const shale_model *m)
{
    /* Without @map the columns are the field names, which resolve_model_fields kept
     * unique: nothing to check, and no name to fetch from the tree. */
    uint32_t mapped = 0;
    while (mapped < m->n_fields && !m->fields[mapped].map) mapped++;
    if (mapped == m->n_fields) return;
    shale_symtab *cols = &r->scratch;
    shale_symtab_clear(cols);
    for (uint32_t i = 0; i < m->n_fields; i++) {
        const shale_field *fd = &m->fields[i];
        if (fd->kind == SHALE_FIELD_RELATION) continue;
        void *prev = NULL;
        int put = shale_symtab_put(cols, shale_field_db_name(fd), (void *)fd, &prev);
        if (put < 0) r->oom = true;
        if (put == 1) {
            const shale_field *p = prev;
            shale_diag *d =
                rerr(r, SHALE_E_NAME, shale_ast_span(r->model_files[m - r->s->models], shale_field_name(fd)),
                     "Error validating %s \"%.*s\": The fields `%.*s` and `%.*s` both map to the database "
                     "column `%.*s`.",
                     noun(m), (int)m->name.len, m->name.ptr, (int)shale_field_name(p).len, shale_field_name(p).ptr,
                     (int)shale_field_name(fd).len, shale_field_name(fd).ptr, (int)shale_field_db_name(fd).len,
                     shale_field_db_name(fd).ptr);
            shale_diag_add_note(r->diags, d, shale_ast_span(r->model_files[m - r->s->models], shale_field_name(p)),
                                "`%.*s` is here", (int)shale_field_name(p).len, shale_field_name(p).ptr);
        }
    }
}

/* ---- database names qualified by a schema ----------------------------------------------
 * Tables, enums and constraints must be unique per PostgreSQL schema. A table keyed by
 * the bare name holds the first holder of each name; holders in other schemas chain
 * from it. No "schema.name" key is printed, and it all lives in the scratch arena
 * r->tmp, freed after the checks. */

typedef struct qname {
    shale_str schema;
    const void *value;
    struct qname *other_schema; /* the next holder of this name in another schema */
    uint32_t model;             /* check_constraint_names: the index's model */
    bool reported;
} qname;

typedef struct qset {
    shale_symtab names; /* name -> the first qname */
    qname *entries;     /* room for every name put */
    size_t n;
} qset;

/* Room for `cap` names, in `tmp`. Returns: 0 or SHALE_ENOMEM. */
static int qset_init(qset *q, shale_arena *tmp, size_t cap)
{
    shale_symtab_init(&q->names, tmp);
    q->n = 0;
    q->entries = shale_arena_alloc(tmp, (cap ? cap : 1) * sizeof *q->entries);
    if (!q->entries || shale_symtab_reserve(&q->names, cap) < 0) return SHALE_ENOMEM;
    return 0;
}

/* Bytes qset_init() takes for `cap` names (slots at a load under 3/4, rounding
 * included), so the scratch arena can be reserved at once. */
static size_t qset_bytes(size_t cap)
{
    size_t slots = 16;
    while (cap * 4 > slots * 3) slots *= 2;
    return (cap + 1) * sizeof(qname) + slots * sizeof(shale_symtab_slot) + 2 * SHALE_ARENA_ALIGN;
}

/* Adds (schema, name) -> value. Returns: 0 when added, 1 when the pair was there
 * (*existing is its entry), SHALE_ENOMEM. At most `cap` pairs are ever added. */
static int qset_put(qset *q, shale_str schema, shale_str name, const void *value, qname **existing)
{
    qname *head = shale_symtab_get(&q->names, name);
    for (qname *e = head; e; e = e->other_schema)
        if (shale_str_same(e->schema, schema)) {
            *existing = e;
            return 1;
        }
    qname *e = &q->entries[q->n++];
    e->schema = schema;
    e->value = value;
    e->reported = false;
    e->other_schema = NULL;
    if (head) {
        e->other_schema = head->other_schema;
        head->other_schema = e;
        return 0;
    }
    return shale_symtab_put(&q->names, name, e, NULL) < 0 ? SHALE_ENOMEM : 0;
}

/* `attr` is the block's last @@schema (shale_model/shale_enum schema_attr). */
static void check_schema_attr(rctx *r, const shale_ast_file *f, shale_str schema_name, const shale_ast_attr *attr,
                              const shale_ast_block *b, const char *what)
{
    const shale_datasource *ds = r->s->datasource;
    if (!ds) return;
    if (!ds->n_schemas) {
        if (attr) rerr(r, SHALE_E_SCHEMA, shale_ast_attr_span(f, attr),
                       "This schema is not defined in the datasource. Read more on `@@schema` at "
                       "https://pris.ly/d/multi-schema");
        return;
    }
    if (!attr) {
        rerr(r, SHALE_E_SCHEMA, b->name_span, "Error validating %s \"%.*s\": This %s is missing an `@@schema` attribute.",
             what, (int)b->name.len, b->name.ptr, what);
        return;
    }
    if (!schema_name.len) return;
    for (uint32_t i = 0; i < ds->n_schemas; i++)
        if (shale_str_same(ds->schemas[i], schema_name)) return;
    rerr(r, SHALE_E_SCHEMA, shale_ast_attr_span(f, attr),
         "This schema is not defined in the datasource. Read more on `@@schema` at https://pris.ly/d/multi-schema");
}

/* The name an index or key will have in the database: its map:, else Prisma's
 * default. Thirty-two columns are enough: past them the stem is longer than the cut
 * (each column adds `_` and a byte at least), so the rest cannot change the name. */
static shale_str index_db_name(rctx *r, const shale_model *m, const shale_index *ix)
{
    if (shale_index_map(ix).len) return shale_index_map(ix);
    shale_str out = {"", 0};
    shale_str cols[32];
    uint32_t n = ix->n_fields < 32 ? ix->n_fields : 32;
    for (uint32_t i = 0; i < n; i++) cols[i] = shale_field_db_name(&m->fields[ix->fields[i].field]);
    shale_cname_kind kind = ix->kind == SHALE_INDEX_PRIMARY  ? SHALE_CNAME_PKEY
                            : ix->kind == SHALE_INDEX_UNIQUE ? SHALE_CNAME_KEY
                                                            : SHALE_CNAME_IDX;
    if (shale_constraint_name(&out, r->arena, kind, m->db_name, cols, n) < 0) r->oom = true;
    return out;
}

static const char *index_attr_name(const shale_index *ix)
{
    if (ix->from_field) return ix->kind == SHALE_INDEX_PRIMARY ? "@id" : "@unique";
    return ix->kind == SHALE_INDEX_PRIMARY ? "@@id" : ix->kind == SHALE_INDEX_UNIQUE ? "@@unique" : "@@index";
}

/* Asks for a model's field and index arrays, which the checks read next. */
static void prefetch_model(const shale_model *m)
{
    uintptr_t p = (uintptr_t)m->fields, end = p + (size_t)m->n_fields * sizeof *m->fields;
    for (; p < end; p += 64) PREFETCH((const void *)p);
    p = (uintptr_t)m->indexes;
    end = p + (size_t)m->n_indexes * sizeof *m->indexes;
    for (; p < end; p += 64) PREFETCH((const void *)p);
}

/* Names the keys of model `mi` (not a view) in their db_name, which the lowering names
 * them by, and asks for the slots their names will be looked up in: the set is larger
 * than the caches, and the names are made a model ahead of their lookups. */
static void name_keys(rctx *r, const qset *q, uint32_t mi)
{
    shale_model *m = &r->s->models[mi];
    if (m->is_view) return;
    for (uint32_t i = 0; i < m->n_indexes; i++) {
        shale_index *ix = &m->indexes[i];
        ix->db_name = index_db_name(r, m, ix);
        shale_symtab_prefetch(&q->names, ix->db_name);
    }
}

/* PostgreSQL keeps primary keys, unique constraints and indexes in one namespace per
 * schema: two with the same name cannot both be created. Every one of them is
 * reported, as Prisma does. */
static void check_constraint_names(rctx *r)
{
    size_t n = 0;
    for (uint32_t mi = 0; mi < r->s->n_models; mi++) n += r->s->models[mi].n_indexes;
    qset names;
    if (qset_init(&names, &r->tmp, n) < 0) {
        r->oom = true;
        return;
    }
    if (r->s->n_models) name_keys(r, &names, 0);
    for (uint32_t mi = 0; mi < r->s->n_models && !r->oom; mi++) {
        shale_model *m = &r->s->models[mi];
        if (mi + 4 < r->s->n_models) prefetch_model(&r->s->models[mi + 4]);
        if (mi + 1 < r->s->n_models) name_keys(r, &names, mi + 1);
        if (m->is_view) continue;
        for (uint32_t i = 0; i < m->n_indexes; i++) {
            shale_index *ix = &m->indexes[i];
            shale_str name = ix->db_name;
            qname *p = NULL;
            int put = qset_put(&names, shale_model_schema(m), name, ix, &p);
            if (put < 0) r->oom = true;
            if (put == 0) names.entries[names.n - 1].model = mi;
            if (put != 1) continue;
            qname e = {{NULL, 0}, ix, NULL, mi, false};
            const qname *both[2] = {p, &e};
            for (int k = 0; k < 2; k++) {
                if (both[k]->reported) continue;
                const shale_index *x = both[k]->value;
                rerr(r, SHALE_E_CONSTRAINT_NAME, shale_ast_attr_span(r->model_files[both[k]->model], x->attr),
                     "Error parsing attribute \"%s\": The given constraint name `%.*s` has to be unique in the following "
                     "namespace: global for primary key, indexes and unique constraints. Please provide a different name "
                     "using the `map` argument.",
                     index_attr_name(x), (int)name.len, name.ptr);
            }
            p->reported = true;
        }
    }
}

size_t check_models_scratch(const rctx *r)
{
    size_t n_indexes = 0;
    for (uint32_t i = 0; i < r->s->n_models; i++) n_indexes += r->s->models[i].n_indexes;
    return qset_bytes(r->s->n_models) + qset_bytes(r->s->n_enums) + qset_bytes(n_indexes);
}

void check_models(rctx *r)
{
    shale_arena_reserve(&r->tmp, check_models_scratch(r));
    qset tables, types;
    if (qset_init(&tables, &r->tmp, r->s->n_models) < 0 || qset_init(&types, &r->tmp, r->s->n_enums) < 0) r->oom = true;
    for (uint32_t i = 0; i < r->s->n_models && !r->oom; i++) {
        shale_model *m = &r->s->models[i];
        if (i + 2 < r->s->n_models) prefetch_model(&r->s->models[i + 2]);
        check_ids(r, m);
        check_criteria(r, m);
        check_compound_names(r, m);
        check_map_lengths(r, m);
        check_field_db_names(r, m);
        check_schema_attr(r, r->model_files[i], m->schema_name, m->schema_attr, m->ast, "model");
        check_index_types(r, i);
        qname *prev = NULL;
        int put = qset_put(&tables, shale_model_schema(m), m->db_name, m, &prev);
        if (put < 0) r->oom = true;
        if (put == 1) {
            const shale_model *p = prev->value;
            rerr(r, SHALE_E_NAME, m->ast->name_span,
                 "The model with database name \"%.*s\" could not be defined because another model or view with this "
                 "name exists: \"%.*s\"",
                 (int)m->db_name.len, m->db_name.ptr, (int)p->name.len, p->name.ptr);
        }
    }
    if (!r->oom) check_constraint_names(r);
    for (uint32_t i = 0; i < r->s->n_enums && !r->oom; i++) {
        const shale_enum *e = &r->s->enums[i];
        check_schema_attr(r, r->enum_files[i], e->schema_name, e->schema_attr, e->ast, "enum");
        shale_str schema = e->schema_name.len ? e->schema_name : (shale_str){"public", 6};
        qname *prev = NULL;
        int put = qset_put(&types, schema, e->db_name, e, &prev);
        if (put < 0) r->oom = true;
        if (put == 1) rerr(r, SHALE_E_NAME, e->ast->name_span, "An enum with the same database name is already defined.");
    }
    shale_arena_free(&r->tmp);
}
