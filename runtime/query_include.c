/* query_include.c - relation loading for `include`: one query per included relation
 * for the whole batch of parent rows, never one per row (Prisma's default strategy).
 * Single-column keys use `WHERE key = ANY($1::type[])`, composite keys
 * `WHERE (a, b) IN (SELECT * FROM unnest($1::ta[], $2::tb[]))`, m:n relations go
 * through the join table. Children are matched to parents by the text of their key
 * values and live in the parents' arena. Nested includes (a relation's `_include`
 * pointer) load the children's relations the same way: one query per relation and level.
 */
#include "runtime/runtime_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct keyset {
    shale_buf text;   /* every key's text */
    size_t *off, *len; /* per parent; off SIZE_MAX: NULL key, no related rows */
    int *slot;        /* hash table of parent indexes, -1 empty */
    int *next;        /* parents with the same key */
    size_t cap;
} keyset;

static void keyset_free(keyset *k)
{
    shale_buf_free(&k->text);
    free(k->off);
    free(k->len);
    free(k->slot);
    free(k->next);
}

/* Appends the key of `row` (fields `idx` of model m) to b, each part length-prefixed.
 * Returns 1 when a part is NULL (no key), 0, or a negative code. */
static int row_key(shale_buf *b, const shale_model_desc *m, const unsigned short *idx, size_t n, const char *row)
{
    for (size_t i = 0; i < n; i++) {
        const shale_field_desc *f = &m->fields[idx[i]];
        bool is_null;
        const void *v = shale_param__value(f, row + f->row_offset, (f->flags & SHALE_F_NULLABLE) != 0, &is_null);
        if (is_null) return 1;
        size_t at = b->len;
        shale_buf_put(b, "00000000:", 9);
        int rc = shale_param__encode(b, f, v);
        if (rc < 0) return rc;
        if (b->oom) return SHALE_ENOMEM;
        char num[10];
        snprintf(num, sizeof num, "%08zx", (b->len - at - 9) & 0xffffffffu);
        memcpy(b->ptr + at, num, 8);
    }
    return 0;
}

/* The first parent whose key is text[0..n), or -1. */
static int lookup(const keyset *k, const char *s, size_t n)
{
    size_t j = (size_t)shale_client__hash(s, n) & (k->cap - 1);
    for (;; j = (j + 1) & (k->cap - 1)) {
        int p = k->slot[j];
        if (p < 0) return -1;
        if (k->len[p] == n && memcmp(k->text.ptr + k->off[p], s, n) == 0) return p;
    }
}

/* Keys of all parents; the hash table holds the first parent of each distinct key. */
static int keyset_build(keyset *k, const shale_model_desc *m, const shale_relation_desc *r, const char *rows,
                        size_t n, size_t *n_distinct)
{
    *n_distinct = 0;
    k->cap = 16;
    while (k->cap < 2 * n) k->cap *= 2;
    k->off = malloc(n * sizeof *k->off);
    k->len = malloc(n * sizeof *k->len);
    k->next = malloc(n * sizeof *k->next);
    k->slot = malloc(k->cap * sizeof *k->slot);
    if (!k->off || !k->len || !k->next || !k->slot) return SHALE_ENOMEM;
    memset(k->slot, 0xff, k->cap * sizeof *k->slot);
    for (size_t i = 0; i < n; i++) {
        size_t at = k->text.len;
        k->next[i] = -1;
        int rc = row_key(&k->text, m, r->local_fields, r->n_keys, rows + i * m->row_size);
        if (rc < 0) return rc;
        if (rc == 1) {
            k->text.len = at;
            k->off[i] = SIZE_MAX;
            continue;
        }
        k->off[i] = at;
        k->len[i] = k->text.len - at;
        size_t j = (size_t)shale_client__hash(k->text.ptr + at, k->len[i]) & (k->cap - 1);
        for (;; j = (j + 1) & (k->cap - 1)) {
            int p = k->slot[j];
            if (p < 0) {
                k->slot[j] = (int)i;
                (*n_distinct)++;
                break;
            }
            if (k->len[p] == k->len[i] && memcmp(k->text.ptr + k->off[p], k->text.ptr + at, k->len[i]) == 0) {
                /* Same key: chain after the first parent. */
                k->next[i] = k->next[p];
                k->next[p] = (int)i;
                break;
            }
        }
    }
    return k->text.oom ? SHALE_ENOMEM : 0;
}

/* One array parameter with part `part` of every distinct key. */
static int key_param(shale_client *c, const shale_model_desc *m, const shale_relation_desc *r, const keyset *k,
                     const char *rows, size_t n, size_t part, int *out_n)
{
    const shale_field_desc *f = &m->fields[r->local_fields[part]];
    int num = shale_params__begin(&c->params);
    if (!num) return SHALE_ENOMEM;
    shale_buf *t = &c->params.text;
    shale_buf_putc(t, '{');
    bool first = true;
    for (size_t j = 0; j < k->cap; j++) {
        int p = k->slot[j];
        if (p < 0) continue;
        bool is_null;
        const char *row = rows + (size_t)p * m->row_size;
        const void *v = shale_param__value(f, row + f->row_offset, (f->flags & SHALE_F_NULLABLE) != 0, &is_null);
        if (!first) shale_buf_putc(t, ',');
        first = false;
        size_t at = c->scratch.len = 0;
        int rc = shale_param__encode(&c->scratch, f, v);
        if (rc < 0) return rc;
        if (c->scratch.oom) return SHALE_ENOMEM;
        shale_param__array_elem(t, c->scratch.ptr + at, c->scratch.len - at);
    }
    (void)n;
    shale_buf_putc(t, '}');
    shale_params__end(&c->params);
    *out_n = num;
    return 0;
}

static void target_column(shale_buf *b, const char *alias, const shale_field_desc *f)
{
    shale_buf_puts(b, alias);
    shale_buf_putc(b, '.');
    shale_sql__ident(b, f->column);
}

/* The query for relation r: children of every parent with a key. */
static int build_query(shale_client *c, const shale_model_desc *m, const shale_relation_desc *r, const keyset *k,
                       const char *rows, size_t n)
{
    const shale_model_desc *t = r->target;
    shale_buf *b = &c->sql;
    b->len = 0;
    b->oom = false;
    shale_params__reset(&c->params);
    int rc, num;
    shale_buf_puts(b, "SELECT ");
    if (r->join_table) {
        shale_buf_puts(b, "\"j\".");
        shale_sql__ident(b, r->join_local_column);
        shale_buf_puts(b, ", ");
    }
    shale_sql__select_list(b, t, "\"t\"");
    shale_buf_puts(b, " FROM ");
    shale_buf_puts(b, t->table);
    shale_buf_puts(b, " AS \"t\"");
    if (r->join_table) {
        /* m:n: local and target keys are the primary keys of both sides. */
        if (r->n_keys != 1) return SHALE_EINVAL;
        shale_buf_puts(b, " JOIN ");
        shale_buf_puts(b, r->join_table);
        shale_buf_puts(b, " AS \"j\" ON \"j\".");
        shale_sql__ident(b, r->join_target_column);
        shale_buf_puts(b, " = ");
        target_column(b, "\"t\"", &t->fields[r->target_fields[0]]);
        shale_buf_puts(b, " WHERE \"j\".");
        shale_sql__ident(b, r->join_local_column);
        if ((rc = key_param(c, m, r, k, rows, n, 0, &num)) < 0) return rc;
        shale_buf_printf(b, " = ANY($%d::%s[])", num, m->fields[r->local_fields[0]].sql_type);
    } else if (r->n_keys == 1) {
        shale_buf_puts(b, " WHERE ");
        target_column(b, "\"t\"", &t->fields[r->target_fields[0]]);
        if ((rc = key_param(c, m, r, k, rows, n, 0, &num)) < 0) return rc;
        shale_buf_printf(b, " = ANY($%d::%s[])", num, t->fields[r->target_fields[0]].sql_type);
    } else {
        shale_buf_puts(b, " WHERE (");
        for (size_t i = 0; i < r->n_keys; i++) {
            if (i) shale_buf_puts(b, ", ");
            target_column(b, "\"t\"", &t->fields[r->target_fields[i]]);
        }
        shale_buf_puts(b, ") IN (SELECT * FROM unnest(");
        for (size_t i = 0; i < r->n_keys; i++) {
            if ((rc = key_param(c, m, r, k, rows, n, i, &num)) < 0) return rc;
            shale_buf_printf(b, "%s$%d::%s[]", i ? ", " : "", num, t->fields[r->target_fields[i]].sql_type);
        }
        shale_buf_puts(b, "))");
    }
    /* A stable order of the children: the target's primary key. */
    if (t->n_uniques) {
        const shale_unique_desc *pk = &t->uniques[0];
        for (size_t i = 0; i < pk->n_fields; i++) {
            shale_buf_puts(b, i ? ", " : " ORDER BY ");
            target_column(b, "\"t\"", &t->fields[pk->fields[i]]);
        }
    }
    return b->oom || c->params.text.oom ? SHALE_ENOMEM : 0;
}

/* The key text of child row i (its target fields, or for m:n column 0 of the result). */
static int child_key(shale_client *c, const shale_relation_desc *r, const PGresult *res, int i, const char *child,
                     shale_arena *a, const shale_model_desc *m)
{
    shale_buf *b = &c->scratch;
    b->len = 0;
    if (!r->join_table) return row_key(b, r->target, r->target_fields, r->n_keys, child);
    /* m:n: decode the join column as the local key's type, then encode it as a parent's. */
    const shale_field_desc *f = &m->fields[r->local_fields[0]];
    union {
        max_align_t align;
        char bytes[64];
    } v;
    memset(&v, 0, sizeof v);
    int rc = shale_decode__scalar(f, PQgetvalue(res, i, 0), (size_t)PQgetlength(res, i, 0), a, &v);
    if (rc < 0) return rc;
    shale_buf_put(b, "00000000:", 9);
    if ((rc = shale_param__encode_scalar(b, f, &v)) < 0) return rc;
    if (b->oom) return SHALE_ENOMEM;
    char num[10];
    snprintf(num, sizeof num, "%08zx", (b->len - 9) & 0xffffffffu);
    memcpy(b->ptr, num, 8);
    return 0;
}

static int load_level(shale_client *c, const shale_model_desc *m, void *rows, size_t n, const void *include,
                      shale_arena *a, shale_error *err, int depth);

/* Loads relation r for all n parents; `nested` (the target's include, may be NULL) is
 * loaded for all the children at once before they are attached, so each level costs
 * one query per relation whatever the number of rows. */
static int load_relation(shale_client *c, const shale_model_desc *m, const shale_relation_desc *r, char *rows,
                         size_t n, const void *nested, shale_arena *a, shale_error *err, int depth)
{
    const shale_model_desc *t = r->target;
    keyset k;
    memset(&k, 0, sizeof k);
    size_t n_keys = 0;
    int *count = NULL;
    PGresult *res = NULL;
    int rc = keyset_build(&k, m, r, rows, n, &n_keys);
    if (rc == 0 && n_keys > 0) rc = build_query(c, m, r, &k, rows, n);
    if (rc == 0 && n_keys > 0) rc = shale_client__exec(c, c->sql.ptr, &c->params, &res, err);
    else if (rc < 0) rc = shale_client__fail(c, err, rc, "%s.%s: cannot build the include query", m->name, r->name);
    if (rc < 0) goto done;

    size_t nc = res ? (size_t)PQntuples(res) : 0;
    int col0 = r->join_table ? 1 : 0;
    char *children = shale_arena__alloc(a, nc ? nc * t->row_size : 1, 16);
    int *owner = calloc(nc ? nc : 1, sizeof *owner); /* first parent of each child, -1 none */
    count = calloc(n, sizeof *count);
    if (!children || !owner || !count) {
        free(owner);
        rc = shale_client__fail(c, err, SHALE_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < nc && rc == 0; i++)
        rc = shale_decode__row(t, res, (int)i, col0, children + i * t->row_size, a, err);
    /* The children's own relations, before rows are copied into the parents' lists:
     * the copies then carry them. (This reuses c->sql and c->params; `res` and the
     * keyset are this level's own.) */
    if (rc == 0 && nested && nc) rc = load_level(c, t, children, nc, nested, a, err, depth + 1);
    for (size_t i = 0; i < nc && rc == 0; i++) {
        char *child = children + i * t->row_size;
        rc = child_key(c, r, res, (int)i, child, a, m);
        if (rc == 1) {
            owner[i] = -1;
            rc = 0;
            continue;
        }
        if (rc < 0) break;
        owner[i] = lookup(&k, c->scratch.ptr, c->scratch.len);
        for (int p = owner[i]; p >= 0; p = k.next[p]) {
            if (r->to_many) count[p]++;
            else memcpy(rows + (size_t)p * m->row_size + r->row_offset, &child, sizeof child);
        }
    }
    if (rc < 0) {
        free(owner);
        if (rc == SHALE_ENOMEM) rc = shale_client__fail(c, err, rc, "out of memory");
        goto done;
    }
    if (r->to_many) {
        /* Every parent gets a list, possibly empty; children are copied in order. */
        shale_list **lists = malloc(n * sizeof *lists);
        if (!lists) {
            free(owner);
            rc = shale_client__fail(c, err, SHALE_ENOMEM, "out of memory");
            goto done;
        }
        for (size_t p = 0; p < n && rc == 0; p++) {
            lists[p] = shale_arena__alloc(a, sizeof(shale_list), 16);
            if (lists[p] && count[p])
                lists[p]->items = shale_arena__alloc(a, (size_t)count[p] * t->row_size, 16);
            if (!lists[p] || (count[p] && !lists[p]->items)) rc = SHALE_ENOMEM;
            else memcpy(rows + p * m->row_size + r->row_offset, &lists[p], sizeof lists[p]);
        }
        for (size_t i = 0; i < nc && rc == 0; i++) {
            for (int p = owner[i]; p >= 0; p = k.next[p]) {
                shale_list *l = lists[p];
                memcpy((char *)l->items + l->len * t->row_size, children + i * t->row_size, t->row_size);
                l->len++;
            }
        }
        free(lists);
        if (rc < 0) rc = shale_client__fail(c, err, rc, "out of memory");
    }
    free(owner);
done:
    PQclear(res);
    free(count);
    keyset_free(&k);
    return rc;
}

/* Nested includes deeper than this are refused (a cycle of include structs pointing at
 * each other would otherwise never end). */
#define MAX_INCLUDE_DEPTH 32

static int load_level(shale_client *c, const shale_model_desc *m, void *rows, size_t n, const void *include,
                      shale_arena *a, shale_error *err, int depth)
{
    if (!include || n == 0) return 0;
    if (depth > MAX_INCLUDE_DEPTH)
        return shale_client__fail(c, err, SHALE_EINVAL, "%s: includes nest more than %d levels deep (a cycle?)",
                                  m->name, MAX_INCLUDE_DEPTH);
    const char *inc = include;
    for (size_t i = 0; i < m->n_relations; i++) {
        const shale_relation_desc *r = &m->relations[i];
        const void *nested = NULL;
        if (r->include_nested_offset != SHALE_NO_OFFSET) memcpy(&nested, inc + r->include_nested_offset, sizeof nested);
        bool on = r->include_offset != SHALE_NO_OFFSET && *(const bool *)(const void *)(inc + r->include_offset);
        if (!on && !nested) continue;
        int rc = load_relation(c, m, r, rows, n, nested, a, err, depth);
        if (rc < 0) return rc;
    }
    return 0;
}

int shale_include__load(shale_client *c, const shale_model_desc *m, void *rows, size_t n, const void *include,
                        shale_arena *a, shale_error *err)
{
    return load_level(c, m, rows, n, include, a, err, 0);
}
