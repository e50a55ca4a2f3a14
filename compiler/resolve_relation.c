/* resolve_relation.c - relations: reads each relation field's @relation, pairs the two
 * sides, classifies the relation (1:1, 1:n, implicit m:n), picks the side that holds
 * the foreign key and checks fields/references, arity and referential actions. */
#include "resolve_int.h"

#include <stdint.h>
#include <string.h>

/* What a relation field's @relation says. */
typedef struct rel_side {
    uint32_t model, field;
    shale_str name; /* explicit name, len 0 when none */
    const shale_ast_expr *fields, *references, *on_delete, *on_update, *map;
    const shale_ast_attr *attr; /* the field's @relation, NULL when none */
    bool paired;
} rel_side;

static shale_span field_span(const shale_ast_file *f, const shale_field *fd)
{
    shale_span s = shale_ast_span(f, shale_field_name(fd));
    if (shale_ast_type_span(f, &fd->ast->type).end > s.end) s.end = shale_ast_type_span(f, &fd->ast->type).end;
    for (const shale_ast_attr *a = fd->ast->attrs.head; a; a = a->next)
        if (shale_ast_attr_span(f, a).end > s.end) s.end = shale_ast_attr_span(f, a).end;
    return s;
}

static const char *noun(const shale_model *m) { return m->is_view ? "view" : "model"; }

#define FIELD_ERR(r, mi, fi, fmt, ...)                                                                                 \
    rerr((r), SHALE_E_RELATION, field_span((r)->model_files[mi], &(r)->s->models[mi].fields[fi]),                      \
         "Error validating field `%.*s` in %s `%.*s`: " fmt,                                                           \
         (int)shale_field_name(&(r)->s->models[mi].fields[fi]).len,                                                    \
         shale_field_name(&(r)->s->models[mi].fields[fi]).ptr, noun(&(r)->s->models[mi]),                              \
         (int)(r)->s->models[mi].name.len, (r)->s->models[mi].name.ptr, __VA_ARGS__)

static void read_relation_attr(rctx *r, rel_side *s)
{
    const shale_field *fd = &r->s->models[s->model].fields[s->field];
    const shale_ast_attr *a = s->attr = shale_field_attr(fd, "relation");
    if (!a) return;
    static const char *const names[] = {"name", "fields", "references", "onDelete", "onUpdate", "map", NULL};
    static const arg_spec spec = {"name", names};
    const shale_ast_expr *val[6];
    const shale_ast_file *f = r->model_files[s->model];
    bind_args(r, f, a, "@relation", &spec, val, NULL);
    if (val[0] && arg_string(r, f, "@relation", val[0], &s->name) && !s->name.len)
        rerr(r, SHALE_E_RELATION, shale_ast_attr_span(f, a),
             "Error parsing attribute \"@relation\": A relation cannot have an empty name.");
    s->fields = val[1];
    s->references = val[2];
    s->on_delete = val[3];
    s->on_update = val[4];
    s->map = val[5];
}

/* Resolves a `fields`/`references` list against model `mi`; reports unknown names.
 * Returns the count, or -1 on error. */
static int field_list(rctx *r, uint32_t from_model, uint32_t from_field, const shale_ast_expr *list, uint32_t mi,
                      bool is_references, uint32_t **out)
{
    const shale_ast_file *f = r->model_files[from_model];
    const shale_model *m = &r->s->models[mi];
    const shale_ast_expr *items = list;
    uint32_t n = 1;
    if (list->kind == SHALE_EXPR_ARRAY) {
        items = list->u.items;
        n = shale_ast_expr_count(list);
    }
    *out = n ? shale_arena_alloc(r->arena, n * sizeof **out) : NULL;
    if (n && !*out) {
        r->oom = true;
        return -1;
    }
    char missing[512];
    size_t mlen = 0;
    uint32_t k = 0;
    bool bad = false;
    for (const shale_ast_expr *it = items; it; it = list->kind == SHALE_EXPR_ARRAY ? it->next : NULL) {
        if (it->kind != SHALE_EXPR_CONSTANT) {
            expect_error(r, f, "@relation", it, "constant literal");
            return -1;
        }
        uint32_t i = 0;
        while (i < m->n_fields && !shale_str_same(shale_field_name(&m->fields[i]), shale_ast_expr_text(it))) i++;
        if (i == m->n_fields || m->fields[i].kind == SHALE_FIELD_RELATION) {
            bad = true;
            if (mlen + shale_ast_expr_text(it).len + 3 < sizeof missing) {
                if (mlen) { memcpy(missing + mlen, ", ", 2); mlen += 2; }
                memcpy(missing + mlen, shale_ast_expr_text(it).ptr, shale_ast_expr_text(it).len);
                mlen += shale_ast_expr_text(it).len;
            }
            continue;
        }
        (*out)[k++] = i;
    }
    if (bad) {
        if (is_references)
            FIELD_ERR(r, from_model, from_field,
                      "The argument `references` must refer only to existing fields in the related model `%.*s`. The "
                      "following fields do not exist in the related model: %.*s",
                      (int)m->name.len, m->name.ptr, (int)mlen, missing);
        else
            FIELD_ERR(r, from_model, from_field,
                      "The argument fields must refer only to existing fields. The following fields do not exist in this "
                      "model: %.*s",
                      (int)mlen, missing);
        return -1;
    }
    return (int)k;
}

static shale_action parse_action(rctx *r, uint32_t mi, const shale_ast_expr *e, bool *ok)
{
    *ok = true;
    if (!e) return SHALE_ACTION_NONE;
    static const char *const names[] = {"Cascade", "Restrict", "NoAction", "SetNull", "SetDefault"};
    if (e->kind == SHALE_EXPR_CONSTANT)
        for (int i = 0; i < 5; i++)
            if (shale_str_eq(shale_ast_expr_text(e), names[i])) return (shale_action)(SHALE_ACTION_CASCADE + i);
    shale_str t = expr_text(r->model_files[mi], e);
    rerr(r, SHALE_E_RELATION, shale_ast_expr_span(r->model_files[mi], e),
         "Error validating: Invalid referential action: `%.*s`. Allowed values: (`Cascade`, `Restrict`, `NoAction`, "
         "`SetNull`, `SetDefault`)",
         (int)t.len, t.ptr);
    *ok = false;
    return SHALE_ACTION_NONE;
}

/* Is the set of fields `f[0..n)` of model `mi` exactly one of its unique criteria
 * (the primary key or a unique index)? Order does not matter on PostgreSQL. */
static bool is_unique_criteria(const shale_model *m, const uint32_t *f, uint32_t n, bool unique_only)
{
    for (uint32_t i = 0; i < m->n_indexes; i++) {
        const shale_index *ix = &m->indexes[i];
        if (ix->kind == SHALE_INDEX_NORMAL) continue;
        if (unique_only && ix->kind != SHALE_INDEX_UNIQUE) continue;
        if (ix->n_fields != n) continue;
        bool all = true;
        for (uint32_t j = 0; j < n && all; j++) {
            bool found = false;
            for (uint32_t k = 0; k < n; k++) found |= ix->fields[k].field == f[j];
            all = found;
        }
        if (all) return true;
    }
    return false;
}

static void names_list(const shale_model *m, const uint32_t *f, uint32_t n, char *buf, size_t cap, const char *sep)
{
    size_t len = 0;
    buf[0] = '\0';
    for (uint32_t i = 0; i < n; i++) {
        const shale_str nm = shale_field_name(&m->fields[f[i]]);
        size_t sl = strlen(sep);
        if (len + nm.len + sl + 1 >= cap) break;
        if (i) { memcpy(buf + len, sep, sl); len += sl; }
        memcpy(buf + len, nm.ptr, nm.len);
        len += nm.len;
        buf[len] = '\0';
    }
}

static bool same_type(const shale_field *a, const shale_field *b)
{
    if (a->kind != b->kind) return false;
    if (a->kind == SHALE_FIELD_SCALAR) return a->scalar == b->scalar;
    if (a->kind == SHALE_FIELD_ENUM) return a->type_index == b->type_index;
    if (a->kind == SHALE_FIELD_UNSUPPORTED) return shale_str_same(a->unsupported, b->unsupported);
    return false;
}

/* The forward side's checks; fills rel's fields/references/actions. */
static bool forward_checks(rctx *r, shale_relation *rel, const rel_side *fw, bool one_to_one)
{
    uint32_t am = fw->model, af = fw->field, bm = r->s->models[am].fields[af].type_index;
    const shale_model *A = &r->s->models[am], *B = &r->s->models[bm];
    const shale_field *F = &A->fields[af];
    int nf = field_list(r, am, af, fw->fields, am, false, &rel->fields);
    int nr = field_list(r, am, af, fw->references, bm, true, &rel->references);
    if (nf < 0 || nr < 0) return false;
    if (nf != nr) {
        FIELD_ERR(r, am, af, "%s", "You must specify the same number of fields in `fields` and `references`.");
        return false;
    }
    rel->n_fields = (uint32_t)nf;
    char buf[512];
    if (!is_unique_criteria(B, rel->references, rel->n_fields, false)) {
        names_list(B, rel->references, rel->n_fields, buf, sizeof buf, ", ");
        if (rel->n_fields == 1)
            FIELD_ERR(r, am, af,
                      "The argument `references` must refer to a unique criteria in the related model. Consider adding "
                      "an `@unique` attribute to the field `%s` in the model `%.*s`.",
                      buf, (int)B->name.len, B->name.ptr);
        else
            FIELD_ERR(r, am, af,
                      "The argument `references` must refer to a unique criteria in the related model. Consider adding "
                      "an `@@unique([%s])` attribute to the model `%.*s`.",
                      buf, (int)B->name.len, B->name.ptr);
        return false;
    }
    bool ok = true;
    for (uint32_t i = 0; i < rel->n_fields; i++) {
        const shale_field *x = &A->fields[rel->fields[i]], *y = &B->fields[rel->references[i]];
        if (!same_type(x, y)) {
            FIELD_ERR(r, am, af,
                      "The type of the field `%.*s` in the model `%.*s` is not matching the type of the referenced "
                      "field `%.*s` in model `%.*s`.",
                      (int)shale_field_name(x).len, shale_field_name(x).ptr, (int)A->name.len, A->name.ptr,
                      (int)shale_field_name(y).len, shale_field_name(y).ptr, (int)B->name.len, B->name.ptr);
            ok = false;
        }
    }
    bool any_optional = false, all_optional = true;
    for (uint32_t i = 0; i < rel->n_fields; i++) {
        bool opt = A->fields[rel->fields[i]].arity == SHALE_ARITY_OPTIONAL;
        any_optional |= opt;
        all_optional &= opt;
    }
    if (any_optional && F->arity == SHALE_ARITY_REQUIRED) {
        names_list(A, rel->fields, rel->n_fields, buf, sizeof buf, ", ");
        FIELD_ERR(r, am, af,
                  "The relation field `%.*s` uses the scalar fields %s. At least one of those fields is optional. Hence "
                  "the relation field must be optional as well.",
                  (int)shale_field_name(F).len, shale_field_name(F).ptr, buf);
        ok = false;
    }
    if (one_to_one && ok && !is_unique_criteria(A, rel->fields, rel->n_fields, true) &&
        !is_unique_criteria(A, rel->fields, rel->n_fields, false)) {
        names_list(A, rel->fields, rel->n_fields, buf, sizeof buf, ", ");
        if (rel->n_fields == 1)
            FIELD_ERR(r, am, af,
                      "A one-to-one relation must use unique fields on the defining side. Either add an `@unique` "
                      "attribute to the field `%s`, or change the relation to one-to-many.",
                      buf);
        else
            FIELD_ERR(r, am, af,
                      "A one-to-one relation must use unique fields on the defining side. Either add an `@@unique([%s])` "
                      "attribute to the model, or change the relation to one-to-many.",
                      buf);
        ok = false;
    }
    bool a1, a2;
    rel->on_delete = parse_action(r, am, fw->on_delete, &a1);
    rel->on_update = parse_action(r, am, fw->on_update, &a2);
    /* SetNull on a required column cannot run: the database refuses the NULL. */
    if (a1 && a2 && !all_optional) {
        const shale_ast_expr *ex[2] = {fw->on_delete, fw->on_update};
        shale_action ac[2] = {rel->on_delete, rel->on_update};
        const char *which[2] = {"onDelete", "onUpdate"};
        for (int i = 0; i < 2; i++)
            if (ac[i] == SHALE_ACTION_SET_NULL) {
                if (r->s->datasource && r->s->datasource->relation_mode_prisma)
                    rerr(r, SHALE_E_RELATION, shale_ast_expr_span(r->model_files[am], ex[i]),
                         "Error parsing attribute \"@relation\": The `%s` referential action of a relation must not be set "
                         "to `SetNull` when a referenced field is required.",
                         which[i]);
                else
                    rwarn(r, SHALE_W_RELATION, shale_ast_expr_span(r->model_files[am], ex[i]),
                          "The `%s` referential action of a relation should not be set to `SetNull` when a referenced "
                          "field is required. We recommend either to choose another referential action, or to make the "
                          "referenced fields optional. Read more at https://pris.ly/d/postgres-set-null",
                          which[i]);
            }
    }
    if (fw->map) arg_string(r, r->model_files[am], "@relation", fw->map, &rel->map);
    return ok && a1 && a2;
}

static void default_name(rctx *r, shale_relation *rel, const shale_model *a, const shale_model *b)
{
    const shale_model *x = a, *y = b;
    if (shale_str_cmp(a->name, b->name) > 0) {
        x = b;
        y = a;
    }
    /* "AToB", copied rather than printed: a large schema has one per relation. */
    size_t len = x->name.len + 2 + y->name.len;
    char *s = shale_arena_alloc(r->arena, len + 1);
    if (!s) {
        r->oom = true;
        return;
    }
    memcpy(s, x->name.ptr, x->name.len);
    memcpy(s + x->name.len, "To", 2);
    memcpy(s + x->name.len + 2, y->name.ptr, y->name.len);
    s[len] = '\0';
    rel->name.ptr = s;
    rel->name.len = len;
}


/* schema->relations was allocated for the worst case (one relation per relation
 * field) before pairing, so adding never copies. */
static void add_relation(rctx *r, const shale_relation *rel, rel_side *x, rel_side *y)
{
    r->s->relations[r->s->n_relations] = *rel;
    uint32_t idx = r->s->n_relations++;
    r->s->models[x->model].fields[x->field].relation = idx;
    if (y) r->s->models[y->model].fields[y->field].relation = idx;
}

static bool has_single_id(const shale_model *m)
{
    for (uint32_t i = 0; i < m->n_indexes; i++)
        if (m->indexes[i].kind == SHALE_INDEX_PRIMARY && m->indexes[i].n_fields == 1) return true;
    return false;
}

static void relate(rctx *r, rel_side *x, rel_side *y)
{
    const shale_model *XM = &r->s->models[x->model];
    const shale_field *XF = &XM->fields[x->field];
    shale_relation rel = {0};
    rel.to_field = SHALE_NONE;
    rel.named = x->name.len > 0;
    if (rel.named) rel.name = x->name;
    else default_name(r, &rel, XM, &r->s->models[XF->type_index]);
    if (!y) {
        /* No back field: Prisma's formatter would add it; validation wants it. */
        const shale_model *T = &r->s->models[XF->type_index];
        FIELD_ERR(
            r, x->model, x->field,
            "The relation field `%.*s` on model `%.*s` is missing an opposite relation field on the model `%.*s`. "
            "Either run `prisma format` or add it manually.",
            (int)shale_field_name(XF).len, shale_field_name(XF).ptr, (int)XM->name.len, XM->name.ptr, (int)T->name.len,
            T->name.ptr);
        return;
    }
    const shale_model *YM = &r->s->models[y->model];
    const shale_field *YF = &YM->fields[y->field];
    bool xl = XF->arity == SHALE_ARITY_LIST, yl = YF->arity == SHALE_ARITY_LIST;
    if (r->s->models[x->model].ignored != r->s->models[y->model].ignored) {
        rel_side *s = r->s->models[x->model].ignored ? y : x;
        const shale_field *sf = &r->s->models[s->model].fields[s->field];
        const shale_model *target = &r->s->models[sf->type_index];
        if (!sf->ignored) {
            FIELD_ERR(r, s->model, s->field,
                      "The relation field `%.*s` on Model `%.*s` must specify the `@ignore` attribute, because the model "
                      "%.*s it is pointing to is marked ignored.",
                      (int)shale_field_name(sf).len, shale_field_name(sf).ptr, (int)r->s->models[s->model].name.len,
                      r->s->models[s->model].name.ptr, (int)target->name.len, target->name.ptr);
            return;
        }
    }
    rel.ignored = XF->ignored || YF->ignored || XM->ignored || YM->ignored;
    if (xl && yl) {
        rel.kind = SHALE_REL_MANY_TO_MANY;
        const rel_side *sides[2] = {x, y};
        bool ok = true;
        for (int i = 0; i < 2; i++) {
            const rel_side *s = sides[i];
            const shale_model *M = &r->s->models[s->model];
            const shale_field *F = &M->fields[s->field];
            const shale_model *T = &r->s->models[F->type_index];
            if (s->references) {
                FIELD_ERR(r, s->model, s->field, "%s",
                          "Implicit many-to-many relation should not have references argument defined. Either remove "
                          "it, or change the relation to one-to-many.");
                ok = false;
            } else if (s->fields) {
                FIELD_ERR(r, s->model, s->field, "%s",
                          "Embedded many-to-many relations are not supported on Postgres. Please use the syntax defined "
                          "in https://pris.ly/d/relational-database-many-to-many");
                ok = false;
            }
            if (s->on_delete || s->on_update) {
                FIELD_ERR(r, s->model, s->field, "%s", "Referential actions on implicit many-to-many relations are not supported");
                ok = false;
            }
            if (!has_single_id(T)) {
                FIELD_ERR(
                    r, s->model, s->field,
                    "The relation field `%.*s` on %s `%.*s` references `%.*s` which does not have an `@id` field. "
                    "Models without `@id` cannot be part of a many to many relation. Use an explicit intermediate "
                    "Model to represent this relationship.",
                    (int)shale_field_name(F).len, shale_field_name(F).ptr, noun(M), (int)M->name.len, M->name.ptr,
                    (int)T->name.len, T->name.ptr);
                ok = false;
            }
        }
        if (!ok) return;
        /* Column A points at the model whose name sorts first (the field name for a
         * self-relation). */
        bool swap = x->model == y->model ? shale_str_cmp(shale_field_name(XF), shale_field_name(YF)) > 0
                                         : shale_str_cmp(XM->name, YM->name) > 0;
        const rel_side *a = swap ? y : x, *b = swap ? x : y;
        rel.from_model = a->model;
        rel.from_field = a->field;
        rel.to_model = b->model;
        rel.to_field = b->field;
        add_relation(r, &rel, x, y);
        return;
    }
    rel_side *fw = NULL, *back = NULL;
    if (xl || yl) {
        rel.kind = SHALE_REL_ONE_TO_MANY;
        fw = xl ? y : x;
        back = xl ? x : y;
    } else {
        rel.kind = SHALE_REL_ONE_TO_ONE;
        bool xf = x->fields || x->references, yf = y->fields || y->references;
        if (xf && yf) {
            const char *arg = x->fields && y->fields ? "fields" : "references";
            rerr(
                r, SHALE_E_RELATION, field_span(r->model_files[x->model], XF),
                "Error validating field `%.*s` in %s `%.*s`: The relation fields `%.*s` on Model `%.*s` and `%.*s` on "
                "Model `%.*s` both provide the `%s` argument in the @relation attribute. You have to provide it only on "
                "one of the two fields.",
                (int)shale_field_name(XF).len, shale_field_name(XF).ptr, noun(XM), (int)XM->name.len, XM->name.ptr,
                (int)shale_field_name(XF).len, shale_field_name(XF).ptr, (int)XM->name.len, XM->name.ptr,
                (int)shale_field_name(YF).len, shale_field_name(YF).ptr, (int)YM->name.len, YM->name.ptr, arg);
            return;
        }
        if (!xf && !yf) {
            rerr(r, SHALE_E_RELATION, field_span(r->model_files[x->model], XF),
                 "Error validating field `%.*s` in %s `%.*s`: The relation fields `%.*s` on Model `%.*s` and `%.*s` on "
                 "Model `%.*s` do not provide the `fields` argument in the @relation attribute. You have to provide it "
                 "on one of the two fields.",
                 (int)shale_field_name(XF).len, shale_field_name(XF).ptr, noun(XM), (int)XM->name.len, XM->name.ptr,
                 (int)shale_field_name(XF).len, shale_field_name(XF).ptr, (int)XM->name.len, XM->name.ptr,
                 (int)shale_field_name(YF).len, shale_field_name(YF).ptr, (int)YM->name.len, YM->name.ptr);
            return;
        }
        fw = xf ? x : y;
        back = xf ? y : x;
        const shale_field *BF = &r->s->models[back->model].fields[back->field];
        if (BF->arity == SHALE_ARITY_REQUIRED) {
            const shale_model *BM = &r->s->models[back->model];
            const shale_model *FM = &r->s->models[fw->model];
            FIELD_ERR(r, back->model, back->field,
                      "The relation field `%.*s` on Model `%.*s` is required. This is not valid because it's not "
                      "possible to enforce this constraint on the database level. Please change the field type from "
                      "`%.*s` to `%.*s?` to fix this.",
                      (int)shale_field_name(BF).len, shale_field_name(BF).ptr, (int)BM->name.len, BM->name.ptr,
                      (int)FM->name.len, FM->name.ptr, (int)FM->name.len, FM->name.ptr);
            return;
        }
    }
    const shale_model *FWM = &r->s->models[fw->model];
    const shale_field *FWF = &FWM->fields[fw->field];
    const shale_model *BKM = &r->s->models[back->model];
    const shale_field *BKF = &BKM->fields[back->field];
    if (back->fields || back->references) {
        FIELD_ERR(r, back->model, back->field,
                  "The relation field `%.*s` on Model `%.*s` must not specify the `fields` or `references` argument in "
                  "the @relation attribute. You must only specify it on the opposite field `%.*s` on model `%.*s`.",
                  (int)shale_field_name(BKF).len, shale_field_name(BKF).ptr, (int)BKM->name.len, BKM->name.ptr,
                  (int)shale_field_name(FWF).len, shale_field_name(FWF).ptr, (int)FWM->name.len, FWM->name.ptr);
        return;
    }
    if (back->on_delete || back->on_update) {
        FIELD_ERR(
            r, back->model, back->field,
            "The relation field `%.*s` on Model `%.*s` must not specify the `onDelete` or `onUpdate` argument in "
            "the @relation attribute. You must only specify it on the opposite field `%.*s` on model `%.*s`, or in "
            "case of a many to many relation, in an explicit join table.",
            (int)shale_field_name(BKF).len, shale_field_name(BKF).ptr, (int)BKM->name.len, BKM->name.ptr,
            (int)shale_field_name(FWF).len, shale_field_name(FWF).ptr, (int)FWM->name.len, FWM->name.ptr);
        return;
    }
    if (!fw->fields) {
        FIELD_ERR(r, fw->model, fw->field,
                  "The relation field `%.*s` on Model `%.*s` must specify the `fields` argument in the @relation "
                  "attribute. You can run `prisma format` to fix this automatically.",
                  (int)shale_field_name(FWF).len, shale_field_name(FWF).ptr, (int)FWM->name.len, FWM->name.ptr);
        return;
    }
    if (!fw->references) {
        FIELD_ERR(r, fw->model, fw->field,
                  "The relation field `%.*s` on Model `%.*s` must specify the `references` argument in the @relation "
                  "attribute.",
                  (int)shale_field_name(FWF).len, shale_field_name(FWF).ptr, (int)FWM->name.len, FWM->name.ptr);
        return;
    }
    rel.from_model = fw->model;
    rel.from_field = fw->field;
    rel.to_model = back->model;
    rel.to_field = back->field;
    rel.attr = fw->attr;
    if (!forward_checks(r, &rel, fw, rel.kind == SHALE_REL_ONE_TO_ONE)) return;
    add_relation(r, &rel, fw, back);
}

/* Reads the `n` relation fields into `sides` (first[mi] is model mi's first side),
 * pairs and relates them; relations go to r->s->relations (room for one per side). */
static void pair_sides(rctx *r, rel_side *sides, size_t n, uint32_t *first, bool *ambiguous);

void resolve_relations(rctx *r)
{
    size_t n = 0;
    for (uint32_t mi = 0; mi < r->s->n_models; mi++)
        for (uint32_t fi = 0; fi < r->s->models[mi].n_fields; fi++)
            if (r->s->models[mi].fields[fi].kind == SHALE_FIELD_RELATION) n++;
    if (!n) return;
    /* The sides and the worst case of one relation per side are scratch (r->tmp):
     * a 1:n relation has two sides, so only the relations made are kept in the arena. */
    shale_arena *tmp = &r->tmp;
    size_t need = n * (sizeof(rel_side) + sizeof(shale_relation) + sizeof(bool) + 3 * SHALE_ARENA_ALIGN) +
                  (r->s->n_models + 1) * sizeof(uint32_t);
    /* Room for the checks' scratch too: they reuse these pages (shale_arena_rewind). */
    size_t checks = check_models_scratch(r);
    shale_arena_reserve(tmp, need > checks ? need : checks);
    rel_side *sides = shale_arena_alloc(tmp, n * sizeof *sides);
    shale_relation *rels = shale_arena_alloc(tmp, n * sizeof *rels);
    /* Sides are stored model by model: first[mi]..first[mi + 1] are model mi's. */
    uint32_t *first = shale_arena_alloc(tmp, (r->s->n_models + 1) * sizeof *first);
    bool *ambiguous = shale_arena_alloc(tmp, n * sizeof *ambiguous);
    if (sides && rels && first && ambiguous) {
        r->s->relations = rels;
        pair_sides(r, sides, n, first, ambiguous);
        r->s->relations = NULL;
        shale_relation *kept = r->s->n_relations ? shale_arena_alloc(r->arena, r->s->n_relations * sizeof *kept) : NULL;
        if (kept) memcpy(kept, rels, r->s->n_relations * sizeof *kept);
        else if (r->s->n_relations) r->oom = true;
        r->s->relations = kept;
    } else {
        r->oom = true;
    }
    shale_arena_rewind(tmp);
}

static void pair_sides(rctx *r, rel_side *sides, size_t n, uint32_t *first, bool *ambiguous)
{
    size_t k = 0;
    for (uint32_t mi = 0; mi < r->s->n_models; mi++) {
        first[mi] = (uint32_t)k;
        for (uint32_t fi = 0; fi < r->s->models[mi].n_fields; fi++)
            if (r->s->models[mi].fields[fi].kind == SHALE_FIELD_RELATION) {
                sides[k].model = mi;
                sides[k].field = fi;
                k++;
            }
    }
    first[r->s->n_models] = (uint32_t)k;
    /* Each @relation's nodes and text were last seen in the field pass and are cold:
     * ask for those of the sides ahead (the attribute, then its arguments, which the
     * parser allocated just before it, and its text), so they arrive together instead
     * of one stall after another. */
    for (size_t i = 0; i < k; i++) {
        if (i + 24 < k) PREFETCH(&r->s->models[sides[i + 24].model].fields[sides[i + 24].field]);
        if (i + 12 < k) PREFETCH(r->s->models[sides[i + 12].model].fields[sides[i + 12].field].relation_attr);
        const shale_ast_attr *ahead =
            i + 6 < k ? r->s->models[sides[i + 6].model].fields[sides[i + 6].field].relation_attr : NULL;
        if (ahead && ahead->args) {
            /* Addresses as integers: the ranges are guesses, not objects. */
            uintptr_t text = (uintptr_t)ahead->name_ptr, p = (uintptr_t)ahead->args, end = (uintptr_t)ahead;
            PREFETCH((const void *)text);
            PREFETCH((const void *)(text + 64));
            for (int lines = 0; p < end && lines < 8; p += 64, lines++) PREFETCH((const void *)p);
        }
        read_relation_attr(r, &sides[i]);
    }
    /* Ambiguity: two fields of one model pointing at the same model under the same
     * relation name (a self-relation may hold two, its two sides, when named). */
    for (size_t i = 0; i < n; i++) {
        const shale_field *fi = &r->s->models[sides[i].model].fields[sides[i].field];
        for (size_t j = i + 1; j < first[sides[i].model + 1]; j++) {
            const shale_field *fj = &r->s->models[sides[j].model].fields[sides[j].field];
            if (fj->type_index != fi->type_index || !shale_str_same(sides[i].name, sides[j].name)) continue;
            bool self = fi->type_index == sides[i].model;
            if (self && sides[i].name.len) {
                /* Two fields of a named self-relation are its two sides; a third is one too many. */
                size_t count = 0;
                for (size_t q = first[sides[i].model]; q < first[sides[i].model + 1]; q++)
                    if (
                        r->s->models[sides[q].model].fields[sides[q].field].type_index == sides[i].model &&
                        shale_str_same(sides[q].name, sides[i].name))
                        count++;
                if (count <= 2) continue;
            }
            const shale_model *M = &r->s->models[sides[i].model];
            const shale_model *T = &r->s->models[fi->type_index];
            if (ambiguous[i] && ambiguous[j]) continue;
            if (self && !sides[i].name.len)
                FIELD_ERR(
                    r, sides[j].model, sides[j].field,
                    "Ambiguous self relation detected. The fields `%.*s` and `%.*s` in model `%.*s` both refer to "
                    "`%.*s`. If they are part of the same relation add the same relation name for them with "
                    "`@relation(<name>)`.",
                    (int)shale_field_name(fi).len, shale_field_name(fi).ptr, (int)shale_field_name(fj).len,
                    shale_field_name(fj).ptr, (int)M->name.len, M->name.ptr, (int)T->name.len, T->name.ptr);
            else
                FIELD_ERR(
                    r, sides[j].model, sides[j].field,
                    "Ambiguous relation detected. The fields `%.*s` and `%.*s` in model `%.*s` both refer to `%.*s`. "
                    "Please provide different relation names for them by adding `@relation(<name>).",
                    (int)shale_field_name(fi).len, shale_field_name(fi).ptr, (int)shale_field_name(fj).len,
                    shale_field_name(fj).ptr, (int)M->name.len, M->name.ptr, (int)T->name.len, T->name.ptr);
            ambiguous[i] = ambiguous[j] = true;
        }
    }
    /* Pair each side with the first unpaired field of the target model that points
     * back under the same name. */
    for (size_t i = 0; i < n; i++) {
        if (sides[i].paired || ambiguous[i]) continue;
        const shale_field *fi = &r->s->models[sides[i].model].fields[sides[i].field];
        rel_side *partner = NULL;
        uint32_t target = fi->type_index;
        for (size_t j = first[target]; j < first[target + 1] && !partner; j++) {
            if (j == i || sides[j].paired || ambiguous[j]) continue;
            const shale_field *fj = &r->s->models[sides[j].model].fields[sides[j].field];
            if (sides[j].model == fi->type_index && fj->type_index == sides[i].model && shale_str_same(sides[i].name, sides[j].name))
                partner = &sides[j];
        }
        sides[i].paired = true;
        if (partner) partner->paired = true;
        relate(r, &sides[i], partner);
    }
}
