/* diff.c - pairing two IRs and computing the ordered steps (see diff.h).
 *
 * The walk mirrors Prisma's schema engine so that the same steps come out in the same
 * order: created namespaces, created tables (with their indexes and foreign keys),
 * dropped tables (with their foreign keys), dropped and created indexes of kept
 * tables, then per kept table its foreign keys, index renames and column changes,
 * and the enums. A stable sort by (kind, key) then gives the final order; each key
 * is the position of the object in its IR, which is Prisma's object id order. */
#include "diff.h"

#include <stdlib.h>
#include <string.h>

typedef struct key_step {
    shale_step step;
    uint32_t k1, k2, k3, seq;
} key_step;

typedef struct dctx {
    shale_arena *arena;
    const shale_ir *p, *n;
    shale_diff *d;
    key_step *steps;
    uint32_t n_steps, cap_steps;
    shale_table_change *changes;
    uint32_t n_changes, cap_changes;
    uint32_t *values;
    uint32_t n_values, cap_values;
    int rc;
    /* Scratch for the table pair being compared: prev column -> next column, and the
     * change bits and cast of each paired prev column. */
    uint32_t *col_next;
    uint8_t *col_changes, *col_cast;
    uint32_t cap_cols;
} dctx;

const char *shale_step_name(uint8_t kind)
{
    static const char *const names[] = {
        [SHALE_STEP_CREATE_SCHEMA] = "CreateSchema",
        [SHALE_STEP_CREATE_EXTENSION] = "CreateExtension",
        [SHALE_STEP_CREATE_ENUM] = "CreateEnum",
        [SHALE_STEP_ALTER_ENUM] = "AlterEnum",
        [SHALE_STEP_DROP_FOREIGN_KEY] = "DropForeignKey",
        [SHALE_STEP_DROP_INDEX] = "DropIndex",
        [SHALE_STEP_ALTER_TABLE] = "AlterTable",
        [SHALE_STEP_DROP_TABLE] = "DropTable",
        [SHALE_STEP_DROP_ENUM] = "DropEnum",
        [SHALE_STEP_CREATE_TABLE] = "CreateTable",
        [SHALE_STEP_CREATE_INDEX] = "CreateIndex",
        [SHALE_STEP_RENAME_FOREIGN_KEY] = "RenameForeignKey",
        [SHALE_STEP_ADD_FOREIGN_KEY] = "AddForeignKey",
        [SHALE_STEP_RENAME_INDEX] = "RenameIndex",
    };
    return kind < sizeof names / sizeof names[0] ? names[kind] : "Unknown";
}

/* ---- growing arrays (the arena keeps abandoned copies; they are small) ------------- */

static void *grow(dctx *c, void *ptr, uint32_t *cap, uint32_t need, size_t size)
{
    if (need <= *cap) return ptr;
    uint32_t ncap = *cap ? *cap * 2 : 16;
    while (ncap < need) ncap *= 2;
    void *np = shale_arena_alloc(c->arena, (size_t)ncap * size);
    if (!np) {
        c->rc = SHALE_ENOMEM;
        return NULL;
    }
    if (*cap) memcpy(np, ptr, (size_t)*cap * size);
    *cap = ncap;
    return np;
}

static shale_step *push_step(dctx *c, uint8_t kind, uint32_t k1, uint32_t k2, uint32_t k3)
{
    key_step *s = grow(c, c->steps, &c->cap_steps, c->n_steps + 1, sizeof *s);
    if (!s) return NULL;
    c->steps = s;
    key_step *ks = &c->steps[c->n_steps];
    memset(ks, 0, sizeof *ks);
    ks->step.kind = kind;
    ks->step.prev_table = ks->step.next_table = ks->step.prev_obj = ks->step.next_obj = SHALE_IR_NONE;
    ks->k1 = k1;
    ks->k2 = k2;
    ks->k3 = k3;
    ks->seq = c->n_steps++;
    return &ks->step;
}

static void push_change(dctx *c, uint8_t kind, uint32_t prev_col, uint32_t next_col, uint8_t changes, uint8_t cast)
{
    shale_table_change *a = grow(c, c->changes, &c->cap_changes, c->n_changes + 1, sizeof *a);
    if (!a) return;
    c->changes = a;
    shale_table_change *tc = &c->changes[c->n_changes++];
    memset(tc, 0, sizeof *tc);
    tc->kind = kind;
    tc->prev_column = prev_col;
    tc->next_column = next_col;
    tc->changes = changes;
    tc->cast = cast;
}

static void push_value(dctx *c, uint32_t v)
{
    uint32_t *a = grow(c, c->values, &c->cap_values, c->n_values + 1, sizeof *a);
    if (!a) return;
    c->values = a;
    c->values[c->n_values++] = v;
}

/* ---- pairing --------------------------------------------------------------------------- */

/* Tables the differ never touches: Prisma's history table and PostGIS's own. */
static bool table_ignored(shale_str name)
{
    static const char *const ignored[] = {"spatial_ref_sys", "geometry_columns", "geography_columns",
                                          "raster_columns", "raster_overviews"};
    if (name.len == 18 && memcmp(name.ptr, "_prisma_migrations", 18) == 0) return true;
    for (size_t i = 0; i < sizeof ignored / sizeof ignored[0]; i++) {
        size_t len = strlen(ignored[i]);
        if (name.len != len) continue;
        size_t k = 0;
        while (k < len && (name.ptr[k] | 0x20) == ignored[i][k]) k++;
        if (k == len) return true;
    }
    return false;
}

static shale_str ns_name(const shale_ir *ir, uint32_t ns) { return ir->namespaces[ns].name; }

static uint32_t find_table_in(const shale_ir *ir, shale_str ns, shale_str name)
{
    uint32_t n = shale_ir_find_namespace(ir, ns);
    return n == SHALE_IR_NONE ? SHALE_IR_NONE : shale_ir_find_table(ir, n, name);
}

static uint32_t find_enum_in(const shale_ir *ir, shale_str ns, shale_str name)
{
    uint32_t n = shale_ir_find_namespace(ir, ns);
    return n == SHALE_IR_NONE ? SHALE_IR_NONE : shale_ir_find_enum(ir, n, name);
}

/* ---- created and dropped tables -------------------------------------------------- */

static void created_tables(dctx *c)
{
    for (uint32_t t = 0; t < c->n->n_tables; t++) {
        if (c->d->prev_of_next_table[t] != SHALE_IR_NONE || table_ignored(c->n->tables[t].name)) continue;
        shale_step *s = push_step(c, SHALE_STEP_CREATE_TABLE, t, 0, 0);
        if (s) s->next_table = t;
        const shale_ir_table *nt = &c->n->tables[t];
        for (uint32_t i = 0; i < nt->n_indexes; i++) {
            /* Indexes of new tables sort before those of kept tables (k1 = 0). */
            s = push_step(c, SHALE_STEP_CREATE_INDEX, 0, t, i);
            if (s) s->next_table = t, s->next_obj = i;
        }
        for (uint32_t f = 0; f < nt->n_fks; f++) {
            s = push_step(c, SHALE_STEP_ADD_FOREIGN_KEY, t, f, 0);
            if (s) s->next_table = t, s->next_obj = f;
        }
    }
}

static void dropped_tables(dctx *c)
{
    for (uint32_t t = 0; t < c->p->n_tables; t++) {
        if (c->d->next_of_prev_table[t] != SHALE_IR_NONE || table_ignored(c->p->tables[t].name)) continue;
        shale_step *s = push_step(c, SHALE_STEP_DROP_TABLE, t, 0, 0);
        if (s) s->prev_table = t;
        for (uint32_t f = 0; f < c->p->tables[t].n_fks; f++) {
            s = push_step(c, SHALE_STEP_DROP_FOREIGN_KEY, t, f, 0);
            if (s) s->prev_table = t, s->prev_obj = f;
        }
    }
}

/* ---- kept tables ------------------------------------------------------------------- */

typedef struct pair {
    dctx *c;
    uint32_t pt, nt;
    const shale_ir_table *p, *n;
} pair;

static bool columns_ready(dctx *c, uint32_t n)
{
    if (n <= c->cap_cols) return true;
    uint32_t cap = c->cap_cols;
    uint32_t *cn = grow(c, c->col_next, &cap, n, sizeof *cn);
    if (!cn) return false;
    cap = c->cap_cols;
    uint8_t *cc = grow(c, c->col_changes, &cap, n, 1);
    if (!cc) return false;
    cap = c->cap_cols;
    uint8_t *ck = grow(c, c->col_cast, &cap, n, 1);
    if (!ck) return false;
    c->col_next = cn, c->col_changes = cc, c->col_cast = ck, c->cap_cols = cap;
    return true;
}

static void pair_columns(pair *t)
{
    dctx *c = t->c;
    for (uint32_t i = 0; i < t->p->n_columns; i++) {
        const shale_ir_column *pc = &t->p->columns[i];
        uint32_t j = shale_ir_find_column(t->n, pc->name);
        c->col_next[i] = j;
        c->col_changes[i] = 0;
        c->col_cast[i] = SHALE_CAST_NONE;
        if (j == SHALE_IR_NONE) continue;
        const shale_ir_column *nc = &t->n->columns[j];
        uint8_t bits = 0;
        shale_cast cast = shale_diff_cast(c->p, pc, c->n, nc);
        if (pc->arity != nc->arity) bits |= SHALE_COLUMN_ARITY;
        if (!shale_diff_defaults_match(pc, nc)) bits |= SHALE_COLUMN_DEFAULT;
        if (cast != SHALE_CAST_NONE) bits |= SHALE_COLUMN_TYPE;
        if (pc->autoincrement != nc->autoincrement) bits |= SHALE_COLUMN_AUTOINCREMENT;
        c->col_changes[i] = bits;
        c->col_cast[i] = (uint8_t)cast;
    }
}

static bool sort_same(uint8_t a, uint8_t b)
{
    if (a == SHALE_IR_SORT_NONE) a = SHALE_IR_SORT_ASC;
    if (b == SHALE_IR_SORT_NONE) b = SHALE_IR_SORT_ASC;
    return a == b;
}

/* Two indexes are the same index when only their names may differ. */
static bool indexes_match(const pair *t, const shale_ir_index *a, const shale_ir_index *b)
{
    if (a->n_columns != b->n_columns || a->unique != b->unique || a->method != b->method) return false;
    if (!shale_str_same(a->where, b->where)) return false;
    for (uint32_t i = 0; i < a->n_columns; i++) {
        const shale_ir_index_column *x = &a->columns[i], *y = &b->columns[i];
        if (!shale_str_same(t->p->columns[x->column].name, t->n->columns[y->column].name)) return false;
        if (!sort_same(x->sort, y->sort) || !shale_str_same(x->opclass, y->opclass)) return false;
    }
    return true;
}

static bool same_index_columns(const shale_ir_table *t, const shale_ir_index *a, const shale_ir_index *b)
{
    if (a->n_columns != b->n_columns || a->unique != b->unique) return false;
    for (uint32_t i = 0; i < a->n_columns; i++)
        if (!shale_str_same(t->columns[a->columns[i].column].name, t->columns[b->columns[i].column].name))
            return false;
    return true;
}

/* The next index a prev index is renamed to or kept as: only when no other prev
 * index has the same columns (renaming among look-alikes is guesswork). */
static uint32_t index_partner(const pair *t, uint32_t pi)
{
    const shale_ir_index *a = &t->p->indexes[pi];
    for (uint32_t k = 0; k < t->p->n_indexes; k++)
        if (k != pi && same_index_columns(t->p, a, &t->p->indexes[k])) return SHALE_IR_NONE;
    for (uint32_t j = 0; j < t->n->n_indexes; j++)
        if (indexes_match(t, a, &t->n->indexes[j])) return j;
    return SHALE_IR_NONE;
}

static void index_steps(pair *t)
{
    dctx *c = t->c;
    for (uint32_t i = 0; i < t->p->n_indexes; i++) {
        bool kept = false;
        for (uint32_t j = 0; j < t->n->n_indexes && !kept; j++) kept = indexes_match(t, &t->p->indexes[i], &t->n->indexes[j]);
        if (kept) continue;
        shale_step *s = push_step(c, SHALE_STEP_DROP_INDEX, t->pt, i, 0);
        if (s) s->prev_table = t->pt, s->prev_obj = i;
    }
    for (uint32_t j = 0; j < t->n->n_indexes; j++) {
        bool kept = false;
        for (uint32_t i = 0; i < t->p->n_indexes && !kept; i++) kept = indexes_match(t, &t->p->indexes[i], &t->n->indexes[j]);
        if (kept) continue;
        shale_step *s = push_step(c, SHALE_STEP_CREATE_INDEX, t->pt + 1, t->nt, j);
        if (s) s->prev_table = t->pt, s->next_table = t->nt, s->next_obj = j;
    }
    /* A column dropped and re-added loses its indexes with it: put back every kept
     * index that covers one. */
    for (uint32_t i = 0; i < t->p->n_indexes; i++) {
        uint32_t j = index_partner(t, i);
        if (j == SHALE_IR_NONE) continue;
        const shale_ir_index *nx = &t->n->indexes[j];
        bool hit = false;
        for (uint32_t k = 0; k < nx->n_columns && !hit; k++) {
            uint32_t pc = shale_ir_find_column(t->p, t->n->columns[nx->columns[k].column].name);
            hit = pc != SHALE_IR_NONE && c->col_cast[pc] == SHALE_CAST_NOT_CASTABLE;
        }
        if (!hit) continue;
        shale_step *s = push_step(c, SHALE_STEP_CREATE_INDEX, t->pt + 1, t->nt, j);
        if (s) s->prev_table = t->pt, s->next_table = t->nt, s->next_obj = j, s->recreated = true;
    }
}

static bool fks_match(const pair *t, const shale_ir_foreign_key *a, const shale_ir_foreign_key *b)
{
    const dctx *c = t->c;
    if (!shale_str_same(c->p->tables[a->ref_table].name, c->n->tables[b->ref_table].name)) return false;
    if (a->n_columns != b->n_columns || a->on_delete != b->on_delete || a->on_update != b->on_update) return false;
    const shale_ir_table *pr = &c->p->tables[a->ref_table], *nr = &c->n->tables[b->ref_table];
    for (uint32_t i = 0; i < a->n_columns; i++) {
        const shale_ir_column *pc = &t->p->columns[a->columns[i]], *nc = &t->n->columns[b->columns[i]];
        if (!shale_str_same(pc->name, nc->name)) return false;
        if (c->col_changes[a->columns[i]] & SHALE_COLUMN_TYPE) return false;
        if (!shale_str_same(pr->columns[a->ref_columns[i]].name, nr->columns[b->ref_columns[i]].name)) return false;
    }
    return true;
}

/* The join table of an implicit many-to-many relation: exactly columns A and B. Its
 * foreign keys are never renamed (older Prisma versions named them differently). */
static bool is_join_table(const shale_ir_table *t)
{
    return t->n_columns == 2 && shale_ir_find_column(t, (shale_str){"A", 1}) != SHALE_IR_NONE &&
           shale_ir_find_column(t, (shale_str){"B", 1}) != SHALE_IR_NONE;
}

static void fk_steps(pair *t)
{
    dctx *c = t->c;
    for (uint32_t j = 0; j < t->n->n_fks; j++) {
        bool kept = false;
        for (uint32_t i = 0; i < t->p->n_fks && !kept; i++) kept = fks_match(t, &t->p->fks[i], &t->n->fks[j]);
        if (kept) continue;
        shale_step *s = push_step(c, SHALE_STEP_ADD_FOREIGN_KEY, t->nt, j, 0);
        if (s) s->next_table = t->nt, s->next_obj = j;
    }
    for (uint32_t i = 0; i < t->p->n_fks; i++) {
        bool kept = false;
        for (uint32_t j = 0; j < t->n->n_fks && !kept; j++) kept = fks_match(t, &t->p->fks[i], &t->n->fks[j]);
        if (kept) continue;
        shale_step *s = push_step(c, SHALE_STEP_DROP_FOREIGN_KEY, t->pt, i, 0);
        if (s) s->prev_table = t->pt, s->prev_obj = i;
    }
    /* Pairs, each next key taken once; a pair whose names differ is renamed. */
    uint64_t seen_small = 0;
    bool *seen = t->n->n_fks > 64 ? shale_arena_alloc(c->arena, t->n->n_fks) : NULL;
    if (t->n->n_fks > 64 && !seen) {
        c->rc = SHALE_ENOMEM;
        return;
    }
    if (seen) memset(seen, 0, t->n->n_fks);
    for (uint32_t i = 0; i < t->p->n_fks; i++) {
        for (uint32_t j = 0; j < t->n->n_fks; j++) {
            bool taken = seen ? seen[j] : (seen_small >> j) & 1;
            if (taken || !fks_match(t, &t->p->fks[i], &t->n->fks[j])) continue;
            if (seen) seen[j] = true;
            else seen_small |= (uint64_t)1 << j;
            if (!shale_str_same(t->p->fks[i].name, t->n->fks[j].name) &&
                !(is_join_table(t->p) && is_join_table(t->n))) {
                shale_step *s = push_step(c, SHALE_STEP_RENAME_FOREIGN_KEY, t->pt, i, 0);
                if (s) s->prev_table = t->pt, s->prev_obj = i, s->next_table = t->nt, s->next_obj = j;
            }
            break;
        }
    }
}

/* The primary key changes when its columns, their order or sort, or the type of one
 * of them changes. */
static bool primary_key_changed(const pair *t)
{
    const shale_ir_primary_key *a = &t->p->pk, *b = &t->n->pk;
    if (!a->n_columns || !b->n_columns) return false;
    if (a->n_columns != b->n_columns) return true;
    for (uint32_t i = 0; i < a->n_columns; i++) {
        if (!shale_str_same(t->p->columns[a->columns[i].column].name, t->n->columns[b->columns[i].column].name))
            return true;
        if (!sort_same(a->columns[i].sort, b->columns[i].sort)) return true;
        if (t->c->col_changes[a->columns[i].column] & SHALE_COLUMN_TYPE) return true;
    }
    return false;
}

/* Columns of `t` (by index) that `keep` selects, sorted by name as Prisma lists
 * added and dropped columns. */
static uint32_t *columns_by_name(dctx *c, const shale_ir_table *t, const uint32_t *list, uint32_t n)
{
    uint32_t *out = shale_arena_alloc(c->arena, ((size_t)n + 1) * sizeof *out);
    if (!out) {
        c->rc = SHALE_ENOMEM;
        return NULL;
    }
    memcpy(out, list, (size_t)n * sizeof *out);
    if (shale_ir_sort_columns_by_name(t, out, n) < 0) {
        c->rc = SHALE_ENOMEM;
        return NULL;
    }
    return out;
}

static void table_changes(pair *t)
{
    dctx *c = t->c;
    uint32_t first = c->n_changes;
    bool pk_changed = primary_key_changed(t);
    const shale_ir_primary_key *ppk = &t->p->pk, *npk = &t->n->pk;
    if ((ppk->n_columns && !npk->n_columns) || pk_changed) push_change(c, SHALE_TC_DROP_PRIMARY_KEY, 0, 0, 0, 0);
    if (ppk->n_columns && npk->n_columns && !shale_str_same(ppk->name, npk->name))
        push_change(c, SHALE_TC_RENAME_PRIMARY_KEY, 0, 0, 0, 0);

    /* Dropped, then added columns, each by name. */
    uint32_t *tmp = shale_arena_alloc(c->arena, ((size_t)t->p->n_columns + t->n->n_columns + 1) * sizeof *tmp);
    if (!tmp) {
        c->rc = SHALE_ENOMEM;
        return;
    }
    uint32_t n = 0;
    for (uint32_t i = 0; i < t->p->n_columns; i++)
        if (c->col_next[i] == SHALE_IR_NONE) tmp[n++] = i;
    uint32_t *dropped = columns_by_name(c, t->p, tmp, n);
    for (uint32_t i = 0; dropped && i < n; i++) push_change(c, SHALE_TC_DROP_COLUMN, dropped[i], SHALE_IR_NONE, 0, 0);
    n = 0;
    for (uint32_t j = 0; j < t->n->n_columns; j++)
        if (shale_ir_find_column(t->p, t->n->columns[j].name) == SHALE_IR_NONE) tmp[n++] = j;
    uint32_t *added = columns_by_name(c, t->n, tmp, n);
    for (uint32_t i = 0; added && i < n; i++) {
        push_change(c, SHALE_TC_ADD_COLUMN, SHALE_IR_NONE, added[i], 0, 0);
        if (c->rc == SHALE_OK) c->changes[c->n_changes - 1].client_default = t->n->columns[added[i]].client_default;
    }
    /* Changed columns, in prev column order. */
    for (uint32_t i = 0; i < t->p->n_columns; i++) {
        if (c->col_next[i] == SHALE_IR_NONE || !c->col_changes[i]) continue;
        uint8_t kind = c->col_cast[i] == SHALE_CAST_NOT_CASTABLE ? SHALE_TC_RECREATE_COLUMN : SHALE_TC_ALTER_COLUMN;
        push_change(c, kind, i, c->col_next[i], c->col_changes[i], c->col_cast[i]);
    }
    if ((!ppk->n_columns && npk->n_columns) || pk_changed) push_change(c, SHALE_TC_ADD_PRIMARY_KEY, 0, 0, 0, 0);
    if (c->rc != SHALE_OK || c->n_changes == first) return;
    shale_step *s = push_step(c, SHALE_STEP_ALTER_TABLE, t->pt, t->nt, 0);
    if (s) s->prev_table = t->pt, s->next_table = t->nt, s->first = first, s->count = c->n_changes - first;
}

static void index_renames(pair *t)
{
    for (uint32_t i = 0; i < t->p->n_indexes; i++) {
        uint32_t j = index_partner(t, i);
        if (j == SHALE_IR_NONE || shale_str_same(t->p->indexes[i].name, t->n->indexes[j].name)) continue;
        shale_step *s = push_step(t->c, SHALE_STEP_RENAME_INDEX, t->pt, i, 0);
        if (s) s->prev_table = t->pt, s->prev_obj = i, s->next_table = t->nt, s->next_obj = j;
    }
}

static void kept_tables(dctx *c)
{
    for (uint32_t pt = 0; pt < c->p->n_tables && c->rc == SHALE_OK; pt++) {
        uint32_t nt = c->d->next_of_prev_table[pt];
        if (nt == SHALE_IR_NONE || table_ignored(c->p->tables[pt].name)) continue;
        pair t = {c, pt, nt, &c->p->tables[pt], &c->n->tables[nt]};
        if (!columns_ready(c, t.p->n_columns)) return;
        pair_columns(&t);
        index_steps(&t);
        fk_steps(&t);
        index_renames(&t);
        table_changes(&t);
    }
}

/* ---- enums, namespaces, extensions ------------------------------------------------ */

static bool has_value(const shale_ir_enum *e, shale_str v)
{
    for (uint32_t i = 0; i < e->n_values; i++)
        if (shale_str_same(e->values[i], v)) return true;
    return false;
}

static void enum_steps(dctx *c)
{
    for (uint32_t pe = 0; pe < c->p->n_enums; pe++) {
        const shale_ir_enum *a = &c->p->enums[pe];
        uint32_t ne = find_enum_in(c->n, ns_name(c->p, a->namespace_index), a->name);
        if (ne == SHALE_IR_NONE) {
            shale_step *s = push_step(c, SHALE_STEP_DROP_ENUM, pe, 0, 0);
            if (s) s->prev_obj = pe;
            continue;
        }
        const shale_ir_enum *b = &c->n->enums[ne];
        uint32_t first = c->n_values;
        for (uint32_t i = 0; i < b->n_values; i++)
            if (!has_value(a, b->values[i])) push_value(c, i);
        uint32_t first2 = c->n_values;
        for (uint32_t i = 0; i < a->n_values; i++)
            if (!has_value(b, a->values[i])) push_value(c, i);
        if (c->n_values == first) continue;
        shale_step *s = push_step(c, SHALE_STEP_ALTER_ENUM, pe, ne, 0);
        if (s) {
            s->prev_obj = pe, s->next_obj = ne;
            s->first = first, s->count = first2 - first, s->first2 = first2, s->count2 = c->n_values - first2;
        }
    }
    for (uint32_t ne = 0; ne < c->n->n_enums; ne++) {
        const shale_ir_enum *b = &c->n->enums[ne];
        if (find_enum_in(c->p, ns_name(c->n, b->namespace_index), b->name) != SHALE_IR_NONE) continue;
        shale_step *s = push_step(c, SHALE_STEP_CREATE_ENUM, ne, 0, 0);
        if (s) s->next_obj = ne;
    }
}

/* A namespace of next that prev lacks is created when something lives in it: a
 * table (of either side) or an enum being created. */
static void namespace_steps(dctx *c)
{
    uint32_t rank = 0;
    /* By name: CreateSchema steps come out in byte order of the names. */
    uint32_t *order = shale_arena_alloc(c->arena, ((size_t)c->n->n_namespaces + 1) * sizeof *order);
    if (!order) {
        c->rc = SHALE_ENOMEM;
        return;
    }
    for (uint32_t i = 0; i < c->n->n_namespaces; i++) {
        uint32_t j = i;
        while (j > 0 && shale_ir_namespace_cmp(c->n, order[j - 1], i) > 0) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = i;
    }
    for (uint32_t k = 0; k < c->n->n_namespaces; k++) {
        uint32_t ns = order[k];
        shale_str name = ns_name(c->n, ns);
        if (shale_ir_find_namespace(c->p, name) != SHALE_IR_NONE) continue;
        bool used = false;
        for (uint32_t t = 0; t < c->n->n_tables && !used; t++)
            used = c->n->tables[t].namespace_index == ns && !table_ignored(c->n->tables[t].name);
        for (uint32_t t = 0; t < c->p->n_tables && !used; t++)
            used = shale_str_same(ns_name(c->p, c->p->tables[t].namespace_index), name);
        for (uint32_t e = 0; e < c->n->n_enums && !used; e++)
            used = c->n->enums[e].namespace_index == ns &&
                   find_enum_in(c->p, name, c->n->enums[e].name) == SHALE_IR_NONE;
        if (!used) continue;
        shale_step *s = push_step(c, SHALE_STEP_CREATE_SCHEMA, rank++, 0, 0);
        if (s) s->next_obj = ns;
    }
}

/* Extensions are only ever created: one the database has and the schema does not
 * name is left alone, as in Prisma. */
static void extension_steps(dctx *c)
{
    for (uint32_t i = 0; i < c->n->n_extensions; i++) {
        bool had = false;
        for (uint32_t k = 0; k < c->p->n_extensions && !had; k++)
            had = shale_str_same(c->p->extensions[k], c->n->extensions[i]);
        if (had) continue;
        shale_step *s = push_step(c, SHALE_STEP_CREATE_EXTENSION, i, 0, 0);
        if (s) s->next_obj = i;
    }
}

/* ---- order ------------------------------------------------------------------------ */

static int cmp_steps(const void *x, const void *y)
{
    const key_step *a = x, *b = y;
    if (a->step.kind != b->step.kind) return a->step.kind < b->step.kind ? -1 : 1;
    if (a->k1 != b->k1) return a->k1 < b->k1 ? -1 : 1;
    if (a->k2 != b->k2) return a->k2 < b->k2 ? -1 : 1;
    if (a->k3 != b->k3) return a->k3 < b->k3 ? -1 : 1;
    if (a->step.recreated != b->step.recreated) return a->step.recreated ? 1 : -1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static bool change_touches(const shale_diff *d, const shale_step *at, const shale_ir_index *ix, const shale_ir_table *pt)
{
    for (uint32_t k = 0; k < at->count; k++) {
        const shale_table_change *tc = &d->changes[at->first + k];
        if (tc->kind != SHALE_TC_DROP_COLUMN && tc->kind != SHALE_TC_RECREATE_COLUMN) continue;
        for (uint32_t i = 0; i < ix->n_columns; i++)
            if (ix->columns[i].column == tc->prev_column) return true;
        (void)pt;
    }
    return false;
}

/* Prisma's one exception to the sort: a unique index dropped from a table that had
 * no primary key moves after the ALTER TABLE that adds a primary key on the same
 * columns, so the rows are never without a uniqueness guarantee. */
static void move_unique_drops(shale_diff *d)
{
    for (uint32_t i = 0; i < d->n_steps; i++) {
        shale_step s = d->steps[i];
        if (s.kind != SHALE_STEP_DROP_INDEX) continue;
        const shale_ir_table *pt = &d->prev->tables[s.prev_table];
        const shale_ir_index *ix = &pt->indexes[s.prev_obj];
        if (!ix->unique || pt->pk.n_columns) continue;
        for (uint32_t j = i + 1; j < d->n_steps; j++) {
            const shale_step *at = &d->steps[j];
            if (at->kind != SHALE_STEP_ALTER_TABLE || at->prev_table != s.prev_table) continue;
            bool adds_pk = false;
            for (uint32_t k = 0; k < at->count; k++) adds_pk |= d->changes[at->first + k].kind == SHALE_TC_ADD_PRIMARY_KEY;
            if (!adds_pk || change_touches(d, at, ix, pt)) continue;
            const shale_ir_table *nt = &d->next->tables[at->next_table];
            if (nt->pk.n_columns != ix->n_columns) continue;
            bool same = true;
            for (uint32_t k = 0; k < ix->n_columns && same; k++)
                same = shale_str_same(pt->columns[ix->columns[k].column].name, nt->columns[nt->pk.columns[k].column].name);
            if (!same) continue;
            memmove(&d->steps[i], &d->steps[i + 1], (size_t)(j - i) * sizeof *d->steps);
            d->steps[j] = s;
            i--; /* the step now at i has not been looked at */
            break;
        }
    }
}

/* ---- entry ------------------------------------------------------------------------- */

int shale_diff_compute(shale_diff **out, const shale_ir *prev, const shale_ir *next, shale_arena *arena)
{
    *out = NULL;
    if (shale_ir_check(prev) < 0 || shale_ir_check(next) < 0) return SHALE_EINVAL;
    dctx c = {0};
    c.arena = arena;
    c.p = prev;
    c.n = next;
    c.rc = SHALE_OK;
    shale_diff *d = shale_arena_alloc(arena, sizeof *d);
    if (!d) return SHALE_ENOMEM;
    memset(d, 0, sizeof *d);
    d->prev = prev;
    d->next = next;
    c.d = d;
    d->next_of_prev_table = shale_arena_alloc(arena, ((size_t)prev->n_tables + 1) * sizeof(uint32_t));
    d->prev_of_next_table = shale_arena_alloc(arena, ((size_t)next->n_tables + 1) * sizeof(uint32_t));
    if (!d->next_of_prev_table || !d->prev_of_next_table) return SHALE_ENOMEM;
    for (uint32_t t = 0; t < next->n_tables; t++) d->prev_of_next_table[t] = SHALE_IR_NONE;
    for (uint32_t t = 0; t < prev->n_tables; t++) {
        const shale_ir_table *pt = &prev->tables[t];
        uint32_t nt = find_table_in(next, ns_name(prev, pt->namespace_index), pt->name);
        d->next_of_prev_table[t] = nt;
        if (nt != SHALE_IR_NONE) d->prev_of_next_table[nt] = t;
    }

    extension_steps(&c);
    namespace_steps(&c);
    created_tables(&c);
    dropped_tables(&c);
    kept_tables(&c);
    enum_steps(&c);
    if (c.rc != SHALE_OK) return c.rc;

    if (c.n_steps) qsort(c.steps, c.n_steps, sizeof *c.steps, cmp_steps);
    d->steps = shale_arena_alloc(arena, ((size_t)c.n_steps + 1) * sizeof *d->steps);
    if (!d->steps) return SHALE_ENOMEM;
    for (uint32_t i = 0; i < c.n_steps; i++) d->steps[i] = c.steps[i].step;
    d->n_steps = c.n_steps;
    d->changes = c.changes;
    d->n_changes = c.n_changes;
    d->values = c.values;
    move_unique_drops(d);
    *out = d;
    return SHALE_OK;
}
