/* ir.c - building, looking up and ordering the relational IR (see ir.h).
 *
 * Arrays grow by doubling inside the arena (the old copy is abandoned to it), so the
 * builders are cheap enough for a 10,000-table schema; shale_ir_reserve() and
 * shale_ir_table_reserve() avoid even that when the counts are known.
 */
#include "ir.h"

#include <stdlib.h>
#include <string.h>

void shale_ir_init(shale_ir *ir, shale_arena *arena)
{
    memset(ir, 0, sizeof *ir);
    ir->arena = arena;
    ir->default_namespace = (shale_str){"public", 6};
}

/* Makes room for `need` elements of `size` bytes in *arr (capacity *cap): exactly
 * `need` when `exact` (a reserve with the final count: a 10,000-table schema's
 * columns rounded up to powers of two cost a third more), else by doubling. */
static int grow(shale_arena *a, void **arr, uint32_t *cap, uint32_t need, size_t size, bool exact)
{
    if (need <= *cap) return 0;
    if (need == SHALE_IR_NONE) return SHALE_ENOMEM; /* indexes must stay below NONE */
    uint32_t n = exact ? need : *cap ? *cap : 4;
    while (n < need) n = n > UINT32_MAX / 2 ? need : n * 2;
    if ((size_t)n > SIZE_MAX / size) return SHALE_ENOMEM;
    void *p = shale_arena_alloc(a, (size_t)n * size);
    if (!p) return SHALE_ENOMEM;
    if (*cap) memcpy(p, *arr, (size_t)*cap * size);
    *arr = p;
    *cap = n;
    return 0;
}

#define GROW(ir, arr, cap, need) grow((ir)->arena, (void **)&(arr), &(cap), (need), sizeof *(arr), false)
#define RESERVE(ir, arr, cap, need) grow((ir)->arena, (void **)&(arr), &(cap), (need), sizeof *(arr), true)

int shale_ir_reserve(shale_ir *ir, uint32_t n_namespaces, uint32_t n_enums, uint32_t n_tables)
{
    if (RESERVE(ir, ir->namespaces, ir->cap_namespaces, n_namespaces) < 0) return SHALE_ENOMEM;
    if (RESERVE(ir, ir->enums, ir->cap_enums, n_enums) < 0) return SHALE_ENOMEM;
    if (RESERVE(ir, ir->tables, ir->cap_tables, n_tables) < 0) return SHALE_ENOMEM;
    return 0;
}

uint32_t shale_ir_find_namespace(const shale_ir *ir, shale_str name)
{
    /* Linear: a schema has a handful of namespaces at most. */
    for (uint32_t i = 0; i < ir->n_namespaces; i++)
        if (shale_str_same(ir->namespaces[i].name, name)) return i;
    return SHALE_IR_NONE;
}

int shale_ir_namespace_get(uint32_t *out, shale_ir *ir, shale_str name)
{
    uint32_t i = shale_ir_find_namespace(ir, name);
    if (i == SHALE_IR_NONE) {
        if (GROW(ir, ir->namespaces, ir->cap_namespaces, ir->n_namespaces + 1) < 0) return SHALE_ENOMEM;
        i = ir->n_namespaces++;
        shale_ir_namespace *ns = &ir->namespaces[i];
        memset(ns, 0, sizeof *ns);
        ns->name = name;
        shale_symtab_init(&ns->tables, ir->arena);
        shale_symtab_init(&ns->enums, ir->arena);
    }
    *out = i;
    return 0;
}

/* Registers `index` under `name`: 0, 1 when the name is taken, or SHALE_ENOMEM. */
static int name_put(shale_symtab *t, shale_str name, uint32_t index)
{
    return shale_symtab_put(t, name, (void *)((uintptr_t)index + 1), NULL);
}

static uint32_t name_get(const shale_symtab *t, shale_str name)
{
    void *v = shale_symtab_get(t, name);
    return v ? (uint32_t)((uintptr_t)v - 1) : SHALE_IR_NONE;
}

int shale_ir_add_enum(uint32_t *out, shale_ir *ir, uint32_t ns, shale_str name, const shale_str *values,
                      uint32_t n_values)
{
    if (ns >= ir->n_namespaces) return SHALE_EINVAL;
    if (GROW(ir, ir->enums, ir->cap_enums, ir->n_enums + 1) < 0) return SHALE_ENOMEM;
    shale_str *copy = NULL;
    if (n_values) {
        copy = shale_arena_alloc(ir->arena, (size_t)n_values * sizeof *copy);
        if (!copy) return SHALE_ENOMEM;
        memcpy(copy, values, (size_t)n_values * sizeof *copy);
    }
    uint32_t i = ir->n_enums;
    int rc = name_put(&ir->namespaces[ns].enums, name, i);
    if (rc != 0) return rc < 0 ? rc : SHALE_EINVAL;
    shale_ir_enum *e = &ir->enums[i];
    memset(e, 0, sizeof *e);
    e->name = name;
    e->namespace_index = ns;
    e->values = copy;
    e->n_values = n_values;
    ir->n_enums++;
    *out = i;
    return 0;
}

int shale_ir_add_table(uint32_t *out, shale_ir *ir, uint32_t ns, shale_str name)
{
    if (ns >= ir->n_namespaces) return SHALE_EINVAL;
    if (GROW(ir, ir->tables, ir->cap_tables, ir->n_tables + 1) < 0) return SHALE_ENOMEM;
    uint32_t i = ir->n_tables;
    int rc = name_put(&ir->namespaces[ns].tables, name, i);
    if (rc != 0) return rc < 0 ? rc : SHALE_EINVAL;
    shale_ir_table *t = &ir->tables[i];
    memset(t, 0, sizeof *t);
    t->name = name;
    t->namespace_index = ns;
    ir->n_tables++;
    *out = i;
    return 0;
}

int shale_ir_table_reserve(shale_ir *ir, uint32_t table, uint32_t n_columns, uint32_t n_indexes, uint32_t n_fks)
{
    if (table >= ir->n_tables) return SHALE_EINVAL;
    shale_ir_table *t = &ir->tables[table];
    if (RESERVE(ir, t->columns, t->cap_columns, n_columns) < 0) return SHALE_ENOMEM;
    if (RESERVE(ir, t->indexes, t->cap_indexes, n_indexes) < 0) return SHALE_ENOMEM;
    if (RESERVE(ir, t->fks, t->cap_fks, n_fks) < 0) return SHALE_ENOMEM;
    return 0;
}

int shale_ir_add_column(uint32_t *out, shale_ir *ir, uint32_t table, const shale_ir_column *col)
{
    if (table >= ir->n_tables) return SHALE_EINVAL;
    if (col->type.kind == SHALE_IR_TYPE_ENUM && col->type.enum_index >= ir->n_enums) return SHALE_EINVAL;
    if (col->type.n_args > 2) return SHALE_EINVAL;
    shale_ir_table *t = &ir->tables[table];
    if (GROW(ir, t->columns, t->cap_columns, t->n_columns + 1) < 0) return SHALE_ENOMEM;
    t->columns[t->n_columns] = *col;
    if (out) *out = t->n_columns;
    t->n_columns++;
    return 0;
}

/* Copies an index-column array after checking its column references. */
static int copy_index_columns(shale_ir_index_column **out, shale_ir *ir, const shale_ir_table *t,
                              const shale_ir_index_column *cols, uint32_t n)
{
    *out = NULL;
    for (uint32_t i = 0; i < n; i++)
        if (cols[i].column >= t->n_columns) return SHALE_EINVAL;
    if (!n) return 0;
    shale_ir_index_column *p = shale_arena_alloc(ir->arena, (size_t)n * sizeof *p);
    if (!p) return SHALE_ENOMEM;
    memcpy(p, cols, (size_t)n * sizeof *p);
    *out = p;
    return 0;
}

int shale_ir_set_primary_key(shale_ir *ir, uint32_t table, shale_str name, const shale_ir_index_column *cols,
                             uint32_t n_cols)
{
    if (table >= ir->n_tables) return SHALE_EINVAL;
    shale_ir_table *t = &ir->tables[table];
    shale_ir_index_column *copy;
    int rc = copy_index_columns(&copy, ir, t, cols, n_cols);
    if (rc < 0) return rc;
    t->pk.name = name;
    t->pk.columns = copy;
    t->pk.n_columns = n_cols;
    return 0;
}

int shale_ir_add_index(uint32_t *out, shale_ir *ir, uint32_t table, const shale_ir_index *ix)
{
    if (table >= ir->n_tables) return SHALE_EINVAL;
    shale_ir_table *t = &ir->tables[table];
    shale_ir_index_column *copy;
    int rc = copy_index_columns(&copy, ir, t, ix->columns, ix->n_columns);
    if (rc < 0) return rc;
    if (GROW(ir, t->indexes, t->cap_indexes, t->n_indexes + 1) < 0) return SHALE_ENOMEM;
    shale_ir_index *dst = &t->indexes[t->n_indexes];
    *dst = *ix;
    dst->columns = copy;
    if (out) *out = t->n_indexes;
    t->n_indexes++;
    return 0;
}

static uint32_t *copy_u32(shale_arena *a, const uint32_t *v, uint32_t n)
{
    uint32_t *p = shale_arena_alloc(a, (size_t)n * sizeof *p);
    if (p && n) memcpy(p, v, (size_t)n * sizeof *p);
    return p;
}

int shale_ir_add_foreign_key(uint32_t *out, shale_ir *ir, uint32_t table, const shale_ir_foreign_key *fk)
{
    if (table >= ir->n_tables) return SHALE_EINVAL;
    shale_ir_table *t = &ir->tables[table];
    for (uint32_t i = 0; i < fk->n_columns; i++)
        if (fk->columns[i] >= t->n_columns) return SHALE_EINVAL;
    uint32_t *cols = copy_u32(ir->arena, fk->columns, fk->n_columns);
    uint32_t *refs = copy_u32(ir->arena, fk->ref_columns, fk->n_columns);
    if (!cols || !refs) return SHALE_ENOMEM;
    if (GROW(ir, t->fks, t->cap_fks, t->n_fks + 1) < 0) return SHALE_ENOMEM;
    shale_ir_foreign_key *dst = &t->fks[t->n_fks];
    *dst = *fk;
    dst->columns = cols;
    dst->ref_columns = refs;
    if (out) *out = t->n_fks;
    t->n_fks++;
    return 0;
}

int shale_ir_default_make(const shale_ir_default **out, shale_ir *ir, shale_ir_default_kind kind, shale_str text)
{
    shale_ir_default *d = shale_arena_alloc(ir->arena, sizeof *d);
    if (!d) return SHALE_ENOMEM;
    d->kind = (uint8_t)kind;
    d->text = text;
    *out = d;
    return 0;
}

int shale_ir_default_make_list(const shale_ir_default **out, shale_ir *ir, const shale_ir_default *items,
                               uint32_t n_items)
{
    shale_ir_default *d = shale_arena_alloc(ir->arena, sizeof *d);
    if (!d) return SHALE_ENOMEM;
    d->kind = SHALE_IR_DEFAULT_LIST;
    if (n_items) {
        shale_ir_default *copy = shale_arena_alloc(ir->arena, (size_t)n_items * sizeof *copy);
        if (!copy) return SHALE_ENOMEM;
        memcpy(copy, items, (size_t)n_items * sizeof *copy);
        d->items = copy;
        d->n_items = n_items;
    }
    *out = d;
    return 0;
}

static int check_index_columns(const shale_ir_table *t, const shale_ir_index_column *cols, uint32_t n)
{
    if (n && !cols) return SHALE_EINVAL;
    for (uint32_t i = 0; i < n; i++)
        if (cols[i].column >= t->n_columns) return SHALE_EINVAL;
    return 0;
}

int shale_ir_check(const shale_ir *ir)
{
    for (uint32_t i = 0; i < ir->n_enums; i++)
        if (ir->enums[i].namespace_index >= ir->n_namespaces) return SHALE_EINVAL;
    for (uint32_t ti = 0; ti < ir->n_tables; ti++) {
        const shale_ir_table *t = &ir->tables[ti];
        if (t->namespace_index >= ir->n_namespaces) return SHALE_EINVAL;
        for (uint32_t c = 0; c < t->n_columns; c++) {
            const shale_ir_type *ty = &t->columns[c].type;
            if (ty->kind > SHALE_IR_TYPE_UNSUPPORTED || ty->n_args > 2) return SHALE_EINVAL;
            if (ty->kind == SHALE_IR_TYPE_ENUM && ty->enum_index >= ir->n_enums) return SHALE_EINVAL;
        }
        if (check_index_columns(t, t->pk.columns, t->pk.n_columns) < 0) return SHALE_EINVAL;
        for (uint32_t x = 0; x < t->n_indexes; x++)
            if (check_index_columns(t, t->indexes[x].columns, t->indexes[x].n_columns) < 0) return SHALE_EINVAL;
        for (uint32_t f = 0; f < t->n_fks; f++) {
            const shale_ir_foreign_key *fk = &t->fks[f];
            if (fk->ref_table >= ir->n_tables || fk->n_columns == 0) return SHALE_EINVAL;
            const shale_ir_table *r = &ir->tables[fk->ref_table];
            for (uint32_t k = 0; k < fk->n_columns; k++)
                if (fk->columns[k] >= t->n_columns || fk->ref_columns[k] >= r->n_columns) return SHALE_EINVAL;
        }
    }
    return 0;
}

uint32_t shale_ir_find_table(const shale_ir *ir, uint32_t ns, shale_str name)
{
    if (ns >= ir->n_namespaces) return SHALE_IR_NONE;
    return name_get(&ir->namespaces[ns].tables, name);
}

uint32_t shale_ir_find_enum(const shale_ir *ir, uint32_t ns, shale_str name)
{
    if (ns >= ir->n_namespaces) return SHALE_IR_NONE;
    return name_get(&ir->namespaces[ns].enums, name);
}

uint32_t shale_ir_find_column(const shale_ir_table *t, shale_str name)
{
    for (uint32_t i = 0; i < t->n_columns; i++)
        if (shale_str_same(t->columns[i].name, name)) return i;
    return SHALE_IR_NONE;
}

uint32_t shale_ir_find_index(const shale_ir_table *t, shale_str name)
{
    for (uint32_t i = 0; i < t->n_indexes; i++)
        if (shale_str_same(t->indexes[i].name, name)) return i;
    return SHALE_IR_NONE;
}

uint32_t shale_ir_find_foreign_key(const shale_ir_table *t, shale_str name)
{
    for (uint32_t i = 0; i < t->n_fks; i++)
        if (shale_str_same(t->fks[i].name, name)) return i;
    return SHALE_IR_NONE;
}

int shale_ir_namespace_cmp(const shale_ir *ir, uint32_t a, uint32_t b)
{
    return shale_str_cmp(ir->namespaces[a].name, ir->namespaces[b].name);
}

/* ---- sorting ----------------------------------------------------------------------
 * qsort is not stable and C11 has no qsort_r, so each element is sorted as a small
 * key record that carries its own text and old position (the tie-break keeps equal
 * names, which only a broken IR has, in a fixed order). */

typedef struct sort_key {
    shale_str outer; /* namespace name, or empty */
    shale_str name;
    uint32_t old;
} sort_key;

static int sort_key_cmp(const void *pa, const void *pb)
{
    const sort_key *a = pa, *b = pb;
    int c = shale_str_cmp(a->outer, b->outer);
    if (!c) c = shale_str_cmp(a->name, b->name);
    if (!c) c = a->old < b->old ? -1 : a->old > b->old;
    return c;
}

/* Reorders `n` elements of `size` bytes in `arr` so that new position i holds old
 * element keys[i].old, using `tmp` (n * size bytes) as scratch. */
static void permute(void *arr, void *tmp, const sort_key *keys, uint32_t n, size_t size)
{
    if (!n) return;
    memcpy(tmp, arr, (size_t)n * size);
    for (uint32_t i = 0; i < n; i++)
        memcpy((char *)arr + (size_t)i * size, (const char *)tmp + (size_t)keys[i].old * size, size);
}

int shale_ir_sort(shale_ir *ir)
{
    /* Everything that can fail (scratch memory, the new lookup tables) happens before
     * the IR is touched, so an out-of-memory return leaves it as it was. */
    uint32_t max_inner = 0;
    for (uint32_t i = 0; i < ir->n_tables; i++) {
        if (ir->tables[i].n_indexes > max_inner) max_inner = ir->tables[i].n_indexes;
        if (ir->tables[i].n_fks > max_inner) max_inner = ir->tables[i].n_fks;
    }
    uint32_t n_keys = ir->n_namespaces;
    if (ir->n_enums > n_keys) n_keys = ir->n_enums;
    if (ir->n_tables > n_keys) n_keys = ir->n_tables;
    if (max_inner > n_keys) n_keys = max_inner;
    size_t elem = sizeof(shale_ir_table);
    if (sizeof(shale_ir_namespace) > elem) elem = sizeof(shale_ir_namespace);
    if (sizeof(shale_ir_index) > elem) elem = sizeof(shale_ir_index);
    if (sizeof(shale_ir_foreign_key) > elem) elem = sizeof(shale_ir_foreign_key);

    sort_key *keys = malloc(((size_t)n_keys + 1) * sizeof *keys);
    void *tmp = malloc(((size_t)n_keys + 1) * elem);
    uint32_t *ns_map = malloc(((size_t)ir->n_namespaces + 1) * sizeof *ns_map);
    uint32_t *enum_map = malloc(((size_t)ir->n_enums + 1) * sizeof *enum_map);
    uint32_t *table_map = malloc(((size_t)ir->n_tables + 1) * sizeof *table_map);
    shale_symtab *new_tabs = calloc((size_t)ir->n_namespaces * 2 + 1, sizeof *new_tabs);
    int rc = SHALE_ENOMEM;
    if (!keys || !tmp || !ns_map || !enum_map || !table_map || !new_tabs) goto out;

    /* The new positions of namespaces, enums and tables. */
    for (uint32_t i = 0; i < ir->n_namespaces; i++)
        keys[i] = (sort_key){{NULL, 0}, ir->namespaces[i].name, i};
    qsort(keys, ir->n_namespaces, sizeof *keys, sort_key_cmp);
    for (uint32_t i = 0; i < ir->n_namespaces; i++) ns_map[keys[i].old] = i;

    for (uint32_t i = 0; i < ir->n_enums; i++)
        keys[i] = (sort_key){ir->namespaces[ir->enums[i].namespace_index].name, ir->enums[i].name, i};
    qsort(keys, ir->n_enums, sizeof *keys, sort_key_cmp);
    for (uint32_t i = 0; i < ir->n_enums; i++) enum_map[keys[i].old] = i;

    for (uint32_t i = 0; i < ir->n_tables; i++)
        keys[i] = (sort_key){ir->namespaces[ir->tables[i].namespace_index].name, ir->tables[i].name, i};
    qsort(keys, ir->n_tables, sizeof *keys, sort_key_cmp);
    for (uint32_t i = 0; i < ir->n_tables; i++) table_map[keys[i].old] = i;

    /* Lookup tables keyed by the new indexes. */
    for (uint32_t i = 0; i < ir->n_namespaces * 2; i++) shale_symtab_init(&new_tabs[i], ir->arena);
    for (uint32_t i = 0; i < ir->n_tables; i++) {
        shale_symtab *st = &new_tabs[ns_map[ir->tables[i].namespace_index] * 2];
        if (name_put(st, ir->tables[i].name, table_map[i]) < 0) goto out;
    }
    for (uint32_t i = 0; i < ir->n_enums; i++) {
        shale_symtab *st = &new_tabs[ns_map[ir->enums[i].namespace_index] * 2 + 1];
        if (name_put(st, ir->enums[i].name, enum_map[i]) < 0) goto out;
    }

    /* Commit: nothing below can fail. Rebuild each key list from the maps (the
     * inverse permutation) and move the elements. */
    for (uint32_t i = 0; i < ir->n_tables; i++) keys[table_map[i]].old = i;
    permute(ir->tables, tmp, keys, ir->n_tables, sizeof *ir->tables);
    for (uint32_t i = 0; i < ir->n_enums; i++) keys[enum_map[i]].old = i;
    permute(ir->enums, tmp, keys, ir->n_enums, sizeof *ir->enums);
    for (uint32_t i = 0; i < ir->n_namespaces; i++) keys[ns_map[i]].old = i;
    permute(ir->namespaces, tmp, keys, ir->n_namespaces, sizeof *ir->namespaces);
    for (uint32_t i = 0; i < ir->n_namespaces; i++) {
        ir->namespaces[i].tables = new_tabs[i * 2];
        ir->namespaces[i].enums = new_tabs[i * 2 + 1];
    }
    for (uint32_t i = 0; i < ir->n_enums; i++)
        ir->enums[i].namespace_index = ns_map[ir->enums[i].namespace_index];

    for (uint32_t ti = 0; ti < ir->n_tables; ti++) {
        shale_ir_table *t = &ir->tables[ti];
        t->namespace_index = ns_map[t->namespace_index];
        for (uint32_t c = 0; c < t->n_columns; c++)
            if (t->columns[c].type.kind == SHALE_IR_TYPE_ENUM)
                t->columns[c].type.enum_index = enum_map[t->columns[c].type.enum_index];
        for (uint32_t f = 0; f < t->n_fks; f++) t->fks[f].ref_table = table_map[t->fks[f].ref_table];

        for (uint32_t x = 0; x < t->n_indexes; x++) keys[x] = (sort_key){{NULL, 0}, t->indexes[x].name, x};
        qsort(keys, t->n_indexes, sizeof *keys, sort_key_cmp);
        permute(t->indexes, tmp, keys, t->n_indexes, sizeof *t->indexes);
        for (uint32_t f = 0; f < t->n_fks; f++) keys[f] = (sort_key){{NULL, 0}, t->fks[f].name, f};
        qsort(keys, t->n_fks, sizeof *keys, sort_key_cmp);
        permute(t->fks, tmp, keys, t->n_fks, sizeof *t->fks);
    }
    rc = 0;
out:
    free(keys);
    free(tmp);
    free(ns_map);
    free(enum_map);
    free(table_map);
    free(new_tabs);
    return rc;
}

/* qsort has no context argument: the names travel with the indexes instead of through
 * a global. */
typedef struct named_column {
    shale_str name;
    uint32_t idx;
} named_column;

static int cmp_named_column(const void *x, const void *y)
{
    const named_column *a = x, *b = y;
    int c = shale_str_cmp(a->name, b->name);
    return c ? c : (a->idx > b->idx) - (a->idx < b->idx);
}

int shale_ir_sort_columns_by_name(const shale_ir_table *t, uint32_t *idx, uint32_t n)
{
    if (n < 2) return SHALE_OK;
    named_column *v = malloc((size_t)n * sizeof *v);
    if (!v) return SHALE_ENOMEM;
    for (uint32_t i = 0; i < n; i++) v[i] = (named_column){t->columns[idx[i]].name, idx[i]};
    qsort(v, n, sizeof *v, cmp_named_column);
    for (uint32_t i = 0; i < n; i++) idx[i] = v[i].idx;
    free(v);
    return SHALE_OK;
}

const char *shale_ir_type_scalar(uint8_t kind)
{
    switch ((shale_ir_type_kind)kind) {
    case SHALE_IR_TYPE_TEXT:
    case SHALE_IR_TYPE_VARCHAR:
    case SHALE_IR_TYPE_CHAR:
    case SHALE_IR_TYPE_UUID:
    case SHALE_IR_TYPE_XML:
    case SHALE_IR_TYPE_INET:
    case SHALE_IR_TYPE_CITEXT:
    case SHALE_IR_TYPE_BIT:
    case SHALE_IR_TYPE_VARBIT: return "String";
    case SHALE_IR_TYPE_INTEGER:
    case SHALE_IR_TYPE_SMALLINT:
    case SHALE_IR_TYPE_OID: return "Int";
    case SHALE_IR_TYPE_BIGINT: return "BigInt";
    case SHALE_IR_TYPE_DOUBLE:
    case SHALE_IR_TYPE_REAL: return "Float";
    case SHALE_IR_TYPE_DECIMAL:
    case SHALE_IR_TYPE_MONEY: return "Decimal";
    case SHALE_IR_TYPE_TIMESTAMP:
    case SHALE_IR_TYPE_TIMESTAMPTZ:
    case SHALE_IR_TYPE_DATE:
    case SHALE_IR_TYPE_TIME:
    case SHALE_IR_TYPE_TIMETZ: return "DateTime";
    case SHALE_IR_TYPE_JSON:
    case SHALE_IR_TYPE_JSONB: return "Json";
    case SHALE_IR_TYPE_BYTEA: return "Bytes";
    case SHALE_IR_TYPE_BOOLEAN: return "Boolean";
    case SHALE_IR_TYPE_ENUM:
    case SHALE_IR_TYPE_UNSUPPORTED: break;
    }
    return NULL;
}
