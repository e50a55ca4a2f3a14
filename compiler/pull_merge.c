/* pull_merge.c - re-introspection: what `db pull` keeps of the existing schema when it
 * merges the database into it (Prisma's default, `db pull` without --force). The old
 * schema's models, fields, enums, enum values, m:n relations and foreign-key relations
 * are matched to the introspected IR by database names; pull.c then keeps their names,
 * documentation, @ignore/@@ignore, client-side defaults, compound key names and (with
 * relationMode = "prisma") the relations themselves. Facts checked against Prisma's
 * engine: tests/golden/repull.
 */
#include "pull_int.h"

#include <string.h>

static void *zalloc(shale_arena *a, size_t n, bool *oom)
{
    void *p = shale_arena_alloc(a, n ? n : 1);
    if (!p) {
        *oom = true;
        return NULL;
    }
    memset(p, 0, n ? n : 1);
    return p;
}

static uint32_t *nones(shale_arena *a, size_t n, bool *oom)
{
    uint32_t *p = zalloc(a, (n + 1) * sizeof *p, oom);
    if (p)
        for (size_t i = 0; i < n; i++) p[i] = SHALE_NONE;
    return p;
}

/* A model or enum of the old schema lives in namespace `ns`: its @@schema, or any when
 * it has none (a single-schema datasource: every table is in the one introspected). */
static bool same_schema(shale_str written, shale_str ns) { return !written.len || shale_str_same(written, ns); }

/* The field of old model m whose column is `col` (scalar, enum or Unsupported). */
static uint32_t find_column_field(const shale_model *m, shale_str col)
{
    for (uint32_t f = 0; f < m->n_fields; f++)
        if (m->fields[f].kind != SHALE_FIELD_RELATION && shale_str_same(shale_field_db_name(&m->fields[f]), col))
            return f;
    return SHALE_NONE;
}

/* Old relation r is foreign key k of table t: same tables, same columns in order. */
static bool relation_is_fk(const shale_pull__prev *p, const shale_ir *ir, const shale_relation *r, uint32_t t,
                           const shale_ir_foreign_key *fk)
{
    if (r->kind == SHALE_REL_MANY_TO_MANY || r->n_fields != fk->n_columns) return false;
    if (r->from_model != p->model[t] || r->to_model != p->model[fk->ref_table]) return false;
    const shale_model *from = &p->s->models[r->from_model], *to = &p->s->models[r->to_model];
    const shale_ir_table *tb = &ir->tables[t], *rt = &ir->tables[fk->ref_table];
    for (uint32_t i = 0; i < fk->n_columns; i++) {
        if (!shale_str_same(shale_field_db_name(&from->fields[r->fields[i]]), tb->columns[fk->columns[i]].name) ||
            !shale_str_same(shale_field_db_name(&to->fields[r->references[i]]), rt->columns[fk->ref_columns[i]].name))
            return false;
    }
    return true;
}

int shale_pull__match(shale_pull__prev *out, shale_arena *a, const shale_ir *ir, const shale_schema *s)
{
    bool oom = false;
    memset(out, 0, sizeof *out);
    out->s = s;
    out->model = nones(a, ir->n_tables, &oom);
    out->m2m = nones(a, ir->n_tables, &oom);
    out->field = zalloc(a, ((size_t)ir->n_tables + 1) * sizeof *out->field, &oom);
    out->relation = zalloc(a, ((size_t)ir->n_tables + 1) * sizeof *out->relation, &oom);
    out->table = nones(a, s->n_models, &oom);
    out->enum_ = nones(a, ir->n_enums, &oom);
    out->value = zalloc(a, ((size_t)ir->n_enums + 1) * sizeof *out->value, &oom);
    bool *used = zalloc(a, (size_t)s->n_relations + 1, &oom);
    if (oom) return SHALE_ENOMEM;

    for (uint32_t t = 0; t < ir->n_tables; t++) {
        const shale_ir_table *tb = &ir->tables[t];
        shale_str ns = ir->namespaces[tb->namespace_index].name;
        for (uint32_t m = 0; m < s->n_models; m++) {
            const shale_model *md = &s->models[m];
            if (md->is_view || out->table[m] != SHALE_NONE || !shale_str_same(md->db_name, tb->name) ||
                !same_schema(md->schema_name, ns))
                continue;
            out->model[t] = m;
            out->table[m] = t;
            break;
        }
        out->field[t] = nones(a, tb->n_columns, &oom);
        out->relation[t] = nones(a, tb->n_fks, &oom);
        if (oom) return SHALE_ENOMEM;
        if (out->model[t] != SHALE_NONE) {
            const shale_model *md = &s->models[out->model[t]];
            for (uint32_t c = 0; c < tb->n_columns; c++) out->field[t][c] = find_column_field(md, tb->columns[c].name);
        }
        /* An implicit m:n relation's join table is `_` and the relation's name. */
        if (tb->name.len > 1 && tb->name.ptr[0] == '_') {
            shale_str rel = {tb->name.ptr + 1, tb->name.len - 1};
            for (uint32_t r = 0; r < s->n_relations; r++) {
                const shale_relation *rl = &s->relations[r];
                if (rl->kind != SHALE_REL_MANY_TO_MANY || used[r] || !shale_str_same(rl->name, rel) ||
                    !same_schema(s->models[rl->from_model].schema_name, ns))
                    continue;
                out->m2m[t] = r;
                used[r] = true;
                break;
            }
        }
    }
    for (uint32_t t = 0; t < ir->n_tables; t++) {
        const shale_ir_table *tb = &ir->tables[t];
        if (out->model[t] == SHALE_NONE) continue;
        for (uint32_t k = 0; k < tb->n_fks; k++) {
            if (out->model[tb->fks[k].ref_table] == SHALE_NONE) continue;
            for (uint32_t r = 0; r < s->n_relations; r++) {
                if (used[r] || !relation_is_fk(out, ir, &s->relations[r], t, &tb->fks[k])) continue;
                out->relation[t][k] = r;
                used[r] = true;
                break;
            }
        }
    }
    for (uint32_t e = 0; e < ir->n_enums; e++) {
        const shale_ir_enum *en = &ir->enums[e];
        shale_str ns = ir->namespaces[en->namespace_index].name;
        out->value[e] = nones(a, en->n_values, &oom);
        if (oom) return SHALE_ENOMEM;
        for (uint32_t o = 0; o < s->n_enums && out->enum_[e] == SHALE_NONE; o++) {
            const shale_enum *oe = &s->enums[o];
            bool taken = false;
            for (uint32_t j = 0; j < e && !taken; j++) taken = out->enum_[j] == o;
            if (!taken && shale_str_same(oe->db_name, en->name) && same_schema(oe->schema_name, ns)) out->enum_[e] = o;
        }
        if (out->enum_[e] == SHALE_NONE) continue;
        const shale_enum *oe = &s->enums[out->enum_[e]];
        for (uint32_t v = 0; v < en->n_values; v++)
            for (uint32_t o = 0; o < oe->n_values && out->value[e][v] == SHALE_NONE; o++)
                if (shale_str_same(oe->values[o].db_name, en->values[v])) out->value[e][v] = o;
    }
    return SHALE_OK;
}

bool shale_pull__attrs_have(const shale_ast_attrs *attrs, const char *name)
{
    for (const shale_ast_attr *a = attrs->head; a; a = a->next)
        if (shale_str_eq(shale_ast_attr_name(a), name)) return true;
    return false;
}

bool shale_pull__block_has_map(const shale_ast_block *b)
{
    for (const shale_ast_member *m = b->members; m; m = m->next)
        if (m->kind == SHALE_MEMBER_BLOCK_ATTR && shale_str_eq(shale_ast_attr_name(&m->u.block_attr.attr), "map"))
            return true;
    return false;
}

/* One documentation comment's text: after the slashes, without surrounding blanks. */
static shale_str doc_text(const shale_ast_comment *c)
{
    shale_str t = c->text;
    while (t.len && t.ptr[0] == '/') t.ptr++, t.len--;
    while (t.len && (t.ptr[0] == ' ' || t.ptr[0] == '\t')) t.ptr++, t.len--;
    while (t.len && (t.ptr[t.len - 1] == ' ' || t.ptr[t.len - 1] == '\t' || t.ptr[t.len - 1] == '\r')) t.len--;
    return t;
}

static void put_doc_line(shale_buf *b, const char *indent, shale_str text)
{
    shale_buf_printf(b, "%s///%s%.*s\n", indent, text.len ? " " : "", (int)text.len, text.ptr);
}

bool shale_pull__has_doc(const shale_ast_comment *above, const shale_ast_comment *trailing)
{
    for (; above; above = above->next)
        if (above->kind == SHALE_COMMENT_DOC) return true;
    return trailing && trailing->kind == SHALE_COMMENT_DOC;
}

/* Prisma keeps `///` comments only: the ones right above, then one after the line. */
void shale_pull__doc(shale_buf *b, const char *indent, const shale_ast_comment *above,
                     const shale_ast_comment *trailing)
{
    for (; above; above = above->next)
        if (above->kind == SHALE_COMMENT_DOC) put_doc_line(b, indent, doc_text(above));
    if (trailing && trailing->kind == SHALE_COMMENT_DOC) put_doc_line(b, indent, doc_text(trailing));
}

bool shale_pull__doc_has_line(const shale_ast_comment *above, const char *line)
{
    for (; above; above = above->next)
        if (above->kind == SHALE_COMMENT_DOC && shale_str_eq(doc_text(above), line)) return true;
    return false;
}

void shale_pull__client_default(shale_buf *b, const shale_default *d)
{
    if (!d) return;
    switch (d->kind) {
    case SHALE_DEFAULT_UUID: shale_buf_puts(b, d->version == 7 ? " @default(uuid(7))" : " @default(uuid())"); break;
    case SHALE_DEFAULT_CUID: shale_buf_puts(b, d->version == 2 ? " @default(cuid(2))" : " @default(cuid())"); break;
    case SHALE_DEFAULT_NANOID:
        if (d->version) shale_buf_printf(b, " @default(nanoid(%u))", (unsigned)d->version);
        else shale_buf_puts(b, " @default(nanoid())");
        break;
    case SHALE_DEFAULT_ULID: shale_buf_puts(b, " @default(ulid())"); break;
    default: break;
    }
}

void shale_pull__client_name(shale_buf *b, const shale_model *om, uint8_t kind, shale_str db_name)
{
    for (uint32_t i = 0; om && i < om->n_indexes; i++) {
        const shale_index *ix = &om->indexes[i];
        if (ix->kind != kind || !shale_index_name(ix).len || !ix->db_name.ptr || !shale_str_same(ix->db_name, db_name))
            continue;
        shale_buf_puts(b, ", name: ");
        shale_pull__string(b, shale_index_name(ix));
        return;
    }
}

void shale_pull__index_order(uint32_t *out, bool *placed, const shale_ir_table *tb, const shale_model *om)
{
    uint32_t n = 0;
    for (uint32_t o = 0; om && o < om->n_indexes; o++) {
        const shale_index *oix = &om->indexes[o];
        if (oix->kind == SHALE_INDEX_PRIMARY || !oix->db_name.ptr) continue;
        for (uint32_t i = 0; i < tb->n_indexes; i++)
            if (!placed[i] && shale_str_same(tb->indexes[i].name, oix->db_name)) {
                placed[i] = true;
                out[n++] = i;
                break;
            }
    }
    for (uint32_t i = 0; i < tb->n_indexes; i++)
        if (!placed[i]) out[n++] = i;
}

static const char *action_word(uint8_t a)
{
    switch (a) {
    case SHALE_ACTION_CASCADE: return "Cascade";
    case SHALE_ACTION_RESTRICT: return "Restrict";
    case SHALE_ACTION_NO_ACTION: return "NoAction";
    case SHALE_ACTION_SET_NULL: return "SetNull";
    case SHALE_ACTION_SET_DEFAULT: return "SetDefault";
    default: return NULL;
    }
}

/* The new field names of old model m's fields `idx` in table t, or false when a column
 * is gone from the table. */
static bool column_names(const shale_ir *ir, uint32_t t, const shale_model *m,
                         const uint32_t *idx, uint32_t n, shale_str *const *fields, shale_buf *b)
{
    for (uint32_t i = 0; i < n; i++) {
        uint32_t c = shale_ir_find_column(&ir->tables[t], shale_field_db_name(&m->fields[idx[i]]));
        if (c == SHALE_IR_NONE || !fields[t][c].len) return false;
        if (b) shale_buf_printf(b, "%s%.*s", i ? ", " : "", (int)fields[t][c].len, fields[t][c].ptr);
    }
    return true;
}

bool shale_pull__emulated_ok(const shale_pull__prev *p, const shale_ir *ir, uint32_t r, shale_str *const *fields)
{
    const shale_relation *rl = &p->s->relations[r];
    if (rl->to_field == SHALE_NONE) return false;
    uint32_t ft = p->table[rl->from_model], tt = p->table[rl->to_model];
    if (ft == SHALE_NONE || tt == SHALE_NONE) return false;
    /* An implicit m:n relation is copied too (its join table also shows as a model). */
    if (rl->kind == SHALE_REL_MANY_TO_MANY) return true;
    if (!rl->n_fields) return false;
    return column_names(ir, ft, &p->s->models[rl->from_model], rl->fields, rl->n_fields, fields, NULL) &&
           column_names(ir, tt, &p->s->models[rl->to_model], rl->references, rl->n_fields, fields, NULL);
}

void shale_pull__emulated_field(shale_buf *b, const shale_pull__prev *p, const shale_ir *ir, uint32_t model,
                                uint32_t f, shale_str name, const shale_str *model_names, shale_str *const *fields)
{
    const shale_model *m = &p->s->models[model];
    const shale_field *fd = &m->fields[f];
    const shale_relation *rl = &p->s->relations[fd->relation];
    bool forward = rl->kind != SHALE_REL_MANY_TO_MANY && rl->from_model == model && rl->from_field == f;
    shale_str type = model_names[p->table[fd->type_index]];
    shale_buf_printf(b, "  %.*s %.*s%s", (int)name.len, name.ptr, (int)type.len, type.ptr,
                     fd->arity == SHALE_ARITY_LIST ? "[]" : fd->arity == SHALE_ARITY_OPTIONAL ? "?" : "");
    if (!forward) {
        if (rl->named) {
            shale_buf_puts(b, " @relation(");
            shale_pull__string(b, rl->name);
            shale_buf_putc(b, ')');
        }
        shale_buf_putc(b, '\n');
        return;
    }
    shale_buf_puts(b, " @relation(");
    if (rl->named) {
        shale_pull__string(b, rl->name);
        shale_buf_puts(b, ", ");
    }
    shale_buf_puts(b, "fields: [");
    column_names(ir, p->table[rl->from_model], m, rl->fields, rl->n_fields, fields, b);
    shale_buf_puts(b, "], references: [");
    column_names(ir, p->table[rl->to_model], &p->s->models[rl->to_model], rl->references, rl->n_fields, fields,
                 b);
    shale_buf_putc(b, ']');
    const char *del = action_word(rl->on_delete), *upd = action_word(rl->on_update);
    if (del) shale_buf_printf(b, ", onDelete: %s", del);
    if (upd) shale_buf_printf(b, ", onUpdate: %s", upd);
    if (rl->map.len) {
        shale_buf_puts(b, ", map: ");
        shale_pull__string(b, rl->map);
    }
    shale_buf_puts(b, ")\n");
}
