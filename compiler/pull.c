/* pull.c - `db pull`: an introspected IR written as a Prisma schema (see pull.h).
 *
 * Three passes over the IR: which tables are implicit many-to-many join tables (they
 * become list fields, not models), the PSL names of models, enums, fields and relations
 * (Prisma's introspection rules: sanitised names with @map/@@map, `Renamed` for reserved
 * names, `{namespace}_{name}` for duplicates, relation names only where two relations
 * join the same models), then the text, one model per table in table order and the enums
 * after them. The text is parsed and formatted (format.h) before it is handed out, so
 * this file writes fields one per line and leaves the alignment to the formatter.
 * Relation field order and naming follow Prisma's engine (sql-schema-connector
 * introspection: relation_names.rs, introspection_map.rs); tests/pull.sh compares.
 * Re-introspection (an existing schema given): pull_merge.c matches it to the IR, and
 * the names, documentation and attributes it keeps replace the database's here; the
 * models and enums it has come first, in its order.
 */
#include "pull.h"
#include "pull_int.h"

#include "compilation.h"
#include "constraint_names.h"
#include "format.h"
#include "schema.h"
#include "symtab.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A relation field's place: which model holds it and what it comes from. */
enum { REL_FORWARD, REL_BACK, REL_M2M_FORWARD, REL_M2M_BACK };

typedef struct relpos {
    uint32_t model; /* the table whose model holds the field */
    uint8_t kind;   /* REL_* */
    uint32_t table; /* inline: the table with the foreign key; m2m: the join table */
    uint32_t fk;    /* inline: that key; m2m: the join table's key to the field's type */
} relpos;

typedef struct ptable {
    shale_str name, map; /* model name; map.len > 0: @@map */
    shale_str rname;     /* the name relation and field names are made of: Prisma names
                            relations before it renames duplicates, so without that */
    bool join;           /* an implicit m:n join table: no model of its own */
    bool hidden;         /* a table Prisma never shows (legacy migration tables) */
    bool usable;         /* has a key of required, supported columns */
    uint32_t fk_a, fk_b; /* join: its keys on column A and on column B */
    shale_str rel, fwd, back; /* join: relation name and the two field names */
    shale_str *cols;     /* each column's sanitised name, as Prisma names relations with it
                            (len 0: no usable name, the field is commented out) */
    shale_str *fields;   /* each column's field name: cols de-duplicated, or the column's
                            own name for a commented-out field */
} ptable;

typedef struct pfk {
    bool dup; /* same columns as an earlier key of its table: Prisma makes no relation */
    shale_str rel, fwd, back;
} pfk;

typedef struct pctx {
    const shale_ir *ir;
    const shale_pull_config *cfg;
    shale_arena *a;
    shale_buf *warn;
    uint32_t n_warn;
    bool fks;   /* foreign keys make relations (not relationMode = "prisma") */
    bool multi; /* @@schema on models and enums */
    shale_str prefix;
    bool oom;
    ptable *t;
    pfk **fk;                    /* per table, per key */
    shale_str *enum_name, *enum_map;
    shale_str **value_name;      /* per enum, per value */
    bool **value_commented;
    shale_symtab ambiguous;      /* "lo,hi" table pairs with more than one relation */
    uint32_t *joins, n_joins;    /* the join tables, in table order */
    relpos *pos;                 /* relation fields, grouped by model */
    uint32_t *pos_first;         /* per table: its first relation field in pos (n+1 entries) */
    bool merge;                  /* re-introspection: prev is the existing schema matched */
    uint32_t n_copied;           /* relation fields copied from it (relationMode = "prisma") */
    shale_pull__prev prev;
    struct {
        shale_str *models;  /* per table: its model's name */
        shale_str **fields; /* per table, per column: its field's name */
    } names_flat;           /* the same names as t[], flat (for pull_merge.c) */
} pctx;

/* ---- small helpers ---------------------------------------------------------------------- */

static void warnf(pctx *c, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void warnf(pctx *c, const char *fmt, ...)
{
    c->n_warn++;
    if (!c->warn) return;
    va_list ap;
    va_start(ap, fmt);
    char small[512];
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    if ((size_t)n < sizeof small) {
        shale_buf_put(c->warn, small, (size_t)n);
    } else {
        char *big = malloc((size_t)n + 1);
        if (!big) {
            c->warn->oom = true;
            return;
        }
        va_start(ap, fmt);
        vsnprintf(big, (size_t)n + 1, fmt, ap);
        va_end(ap);
        shale_buf_put(c->warn, big, (size_t)n);
        free(big);
    }
    shale_buf_putc(c->warn, '\n');
}

static void *alloc(pctx *c, size_t n)
{
    void *p = shale_arena_alloc(c->a, n ? n : 1);
    if (!p) c->oom = true;
    return p;
}

/* printf into the scratch arena. */
static shale_str fmt(pctx *c, const char *f, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static shale_str fmt(pctx *c, const char *f, ...)
{
    va_list ap;
    va_start(ap, f);
    char *p = shale_arena_vprintf(c->a, f, ap);
    va_end(ap);
    if (!p) {
        c->oom = true;
        return (shale_str){"", 0};
    }
    return (shale_str){p, strlen(p)};
}

#define S(s) (int)(s).len, (s).ptr

/* Re-introspection: the old model of table t, enum e, field of column i (NULL: none). */
static const shale_model *old_model(const pctx *c, uint32_t t)
{
    return c->merge && c->prev.model[t] != SHALE_NONE ? &c->prev.s->models[c->prev.model[t]] : NULL;
}

static const shale_enum *old_enum(const pctx *c, uint32_t e)
{
    return c->merge && c->prev.enum_[e] != SHALE_NONE ? &c->prev.s->enums[c->prev.enum_[e]] : NULL;
}

static const shale_field *old_field(const pctx *c, uint32_t t, uint32_t i)
{
    const shale_model *m = old_model(c, t);
    return m && c->prev.field[t][i] != SHALE_NONE ? &m->fields[c->prev.field[t][i]] : NULL;
}

/* The name and @@map (len 0: none) of an old model or enum: an @@map written there is
 * kept even when it says what the name says. */
static void old_names(const shale_ast_block *ast, shale_str name, shale_str db, shale_str *out_name,
                      shale_str *out_map)
{
    *out_name = name;
    *out_map = shale_str_same(name, db) && !shale_pull__block_has_map(ast) ? (shale_str){"", 0} : db;
}

static bool is_letter(char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'); }
static bool is_ident_char(char ch) { return is_letter(ch) || (ch >= '0' && ch <= '9') || ch == '_'; }

/* Bytes of the UTF-8 character starting at s[i]. */
static size_t char_len(shale_str s, size_t i)
{
    size_t n = 1;
    while (i + n < s.len && ((unsigned char)s.ptr[i + n] & 0xC0) == 0x80) n++;
    return n;
}

/* Prisma's test: a name that does not start with an ASCII letter, or holds a character
 * outside [A-Za-z0-9_], is sanitised (and keeps its database name in @map). */
static bool needs_sanitation(shale_str s)
{
    if (s.len && !is_letter(s.ptr[0])) return true;
    for (size_t i = 0; i < s.len; i++)
        if (!is_ident_char(s.ptr[i])) return true;
    return false;
}

/* Leading characters that are not ASCII letters dropped, every other character outside
 * [A-Za-z0-9_] (a whole UTF-8 character) replaced with `_`, as Prisma's regexes do. */
static shale_str sanitize(pctx *c, shale_str s)
{
    if (!needs_sanitation(s)) return s;
    char *p = alloc(c, s.len + 1);
    if (!p) return (shale_str){"", 0};
    size_t i = 0, n = 0;
    while (i < s.len && !is_letter(s.ptr[i])) i += char_len(s, i);
    while (i < s.len) {
        if (is_ident_char(s.ptr[i])) {
            p[n++] = s.ptr[i++];
        } else {
            p[n++] = '_';
            i += char_len(s, i);
        }
    }
    return (shale_str){p, n};
}

/* Names a generated client reserves (shale_schema_reserved_name()) and the scalar type
 * names: Prisma renames a model or enum called that to `Renamed<Name>`. */
static bool is_reserved(shale_str n)
{
    if (shale_schema_reserved_name(n) || shale_str_eq(n, "Unsupported")) return true;
    for (int s = 0; s < SHALE_SCALAR_COUNT; s++)
        if (shale_str_eq(n, shale_scalar_name((shale_scalar)s))) return true;
    return false;
}

static const shale_ir_table *table(const pctx *c, uint32_t t) { return &c->ir->tables[t]; }

static shale_str ns_name(const pctx *c, uint32_t ns) { return c->ir->namespaces[ns].name; }

/* ---- join tables -------------------------------------------------------------------------- */

static bool col_is(const shale_ir_table *tb, uint32_t col, char letter)
{
    shale_str n = tb->columns[col].name;
    return n.len == 1 && (n.ptr[0] == letter || n.ptr[0] == letter - 'A' + 'a');
}

static bool index_is(const shale_ir_index_column *cols, uint32_t n, const shale_ir_table *tb, const char *letters)
{
    if (n != strlen(letters)) return false;
    for (uint32_t i = 0; i < n; i++)
        if (!col_is(tb, cols[i].column, letters[i])) return false;
    return true;
}

/* The single-column primary key of table t, or SHALE_IR_NONE. */
static uint32_t single_pk(const pctx *c, uint32_t t)
{
    const shale_ir_table *tb = table(c, t);
    return tb->pk.n_columns == 1 ? tb->pk.columns[0].column : SHALE_IR_NONE;
}

/* Prisma's test for an implicit m:n join table (introspection_helpers.rs): a name
 * starting with `_`, a unique index or primary key on (A, B), a plain index on (B), two
 * foreign keys, A's pointing at the table whose name sorts first. shale also wants what
 * lets the relation be written back as it was: exactly the columns A and B, each key
 * on one column referencing the single-column primary key of its table, and no key of
 * another table pointing at the join table. */
static bool is_join_table(const pctx *c, uint32_t t, const bool *referenced, uint32_t *fk_a, uint32_t *fk_b)
{
    const shale_ir_table *tb = table(c, t);
    if (!c->fks || tb->name.len < 2 || tb->name.ptr[0] != '_' || tb->n_fks != 2 || tb->n_columns != 2 ||
        referenced[t])
        return false;
    bool ab = index_is(tb->pk.columns, tb->pk.n_columns, tb, "AB"), b = false;
    for (uint32_t i = 0; i < tb->n_indexes; i++) {
        const shale_ir_index *ix = &tb->indexes[i];
        if (ix->unique && !ix->where.len && index_is(ix->columns, ix->n_columns, tb, "AB")) ab = true;
        if (!ix->unique && index_is(ix->columns, ix->n_columns, tb, "B")) b = true;
    }
    if (!ab || !b) return false;
    const shale_ir_foreign_key *k0 = &tb->fks[0], *k1 = &tb->fks[1];
    if (k0->n_columns != 1 || k1->n_columns != 1) return false;
    uint32_t a = col_is(tb, k0->columns[0], 'A') ? 0 : 1;
    const shale_ir_foreign_key *ka = &tb->fks[a], *kb = &tb->fks[1 - a];
    if (!col_is(tb, ka->columns[0], 'A') || !col_is(tb, kb->columns[0], 'B')) return false;
    if (shale_str_cmp(table(c, ka->ref_table)->name, table(c, kb->ref_table)->name) > 0) return false;
    for (uint32_t k = 0; k < 2; k++) {
        const shale_ir_foreign_key *fk = &tb->fks[k];
        if (tb->columns[fk->columns[0]].arity != SHALE_IR_REQUIRED || single_pk(c, fk->ref_table) != fk->ref_columns[0])
            return false;
    }
    *fk_a = a;
    *fk_b = 1 - a;
    return true;
}

static bool has_columns(const shale_ir_table *tb, const char *const *names)
{
    for (; *names; names++)
        if (shale_ir_find_column(tb, (shale_str){*names, strlen(*names)}) == SHALE_IR_NONE) return false;
    return true;
}

/* Tables Prisma never shows: its pre-2.0 migrations table and Prisma 1's _RelayId. */
static bool is_hidden(const shale_ir_table *tb)
{
    static const char *const old_migrations[] = {"revision", "name", "datamodel", "status", "applied",
                                                 "rolled_back", "datamodel_steps", "database_migration",
                                                 "errors", "started_at", "finished_at", NULL};
    static const char *const relay[] = {"id", NULL};
    if (shale_str_eq(tb->name, "_Migration")) return has_columns(tb, old_migrations);
    if (shale_str_eq(tb->name, "_RelayId") && has_columns(tb, relay)) {
        for (uint32_t i = 0; i < tb->n_columns; i++) {
            shale_str n = tb->columns[i].name;
            if (n.len == 21 && strncasecmp(n.ptr, "stablemodelidentifier", 21) == 0) return true;
        }
    }
    return false;
}

/* A unique index the schema will have: a partial one only with the partialIndexes
 * preview feature (see skip_partial). */
static bool is_written_unique(const pctx *c, const shale_ir_index *ix)
{
    return ix->unique && (!ix->where.len || (c->cfg && c->cfg->partial_indexes));
}

/* A key Prisma can identify rows by: the primary key or a unique index, all of whose
 * columns are required and of a supported type (and have a field: see key_indent). */
static bool has_usable_key(const pctx *c, uint32_t t)
{
    const shale_ir_table *tb = table(c, t);
    for (uint32_t i = 0; i <= tb->n_indexes; i++) {
        const shale_ir_index_column *cols = i < tb->n_indexes ? tb->indexes[i].columns : tb->pk.columns;
        uint32_t n = i < tb->n_indexes ? tb->indexes[i].n_columns : tb->pk.n_columns;
        if (n == 0 || (i < tb->n_indexes && !is_written_unique(c, &tb->indexes[i]))) continue;
        bool ok = true;
        for (uint32_t k = 0; k < n && ok; k++) {
            const shale_ir_column *col = &tb->columns[cols[k].column];
            ok = col->arity == SHALE_IR_REQUIRED && col->type.kind != SHALE_IR_TYPE_UNSUPPORTED &&
                 c->t[t].cols[cols[k].column].len > 0;
        }
        if (ok) return true;
    }
    return false;
}

/* A model Prisma marks @@ignore: it has columns but no usable key. */
static bool is_ignored(const pctx *c, uint32_t t) { return !c->t[t].usable && table(c, t)->n_columns > 0; }

/* Re-introspection: the old schema marks the model @@ignore (kept, as Prisma does). */
static bool old_ignored(const pctx *c, uint32_t t)
{
    const shale_model *m = old_model(c, t);
    return m && m->ignored;
}

/* ---- names ------------------------------------------------------------------------------- */

/* Model and enum names: Prisma counts every sanitised top-level name; a name used twice
 * (the same table name in two schemas) becomes `{schema}_{name}`. */
static void name_types(pctx *c, bool warn)
{
    const shale_ir *ir = c->ir;
    shale_symtab counts;
    shale_symtab_init(&counts, c->a);
    for (int pass = 0; pass < 2; pass++)
        for (uint32_t i = 0; i < (pass ? ir->n_enums : ir->n_tables); i++) {
            if (!pass && (c->t[i].join || c->t[i].hidden)) continue;
            /* A name kept from the old schema counts as that name (Prisma renames a new
             * table or enum that would take it). */
            const shale_model *km = pass ? NULL : old_model(c, i);
            const shale_enum *ke = pass ? old_enum(c, i) : NULL;
            shale_str key = km ? km->name : ke ? ke->name : sanitize(c, pass ? ir->enums[i].name : ir->tables[i].name);
            uintptr_t *n = shale_symtab_get(&counts, key);
            if (!n && (!(n = alloc(c, sizeof *n)) || shale_symtab_put(&counts, key, n, NULL) < 0)) {
                c->oom = true;
                return;
            }
            ++*n;
        }
    for (int pass = 0; pass < 2; pass++)
        for (uint32_t i = 0; i < (pass ? ir->n_enums : ir->n_tables); i++) {
            if (!pass && c->t[i].hidden) continue;
            shale_str db = pass ? ir->enums[i].name : ir->tables[i].name;
            uint32_t ns = pass ? ir->enums[i].namespace_index : ir->tables[i].namespace_index;
            /* (A name kept from the old schema is counted under that name, so this is
             * the count of the new name only for a table or enum it has not.) */
            const uintptr_t *n = shale_symtab_get(&counts, sanitize(c, db));
            shale_str name = db, map = {"", 0};
            const char *what = pass ? "enum" : "model";
            if (!pass) c->t[i].rname = is_reserved(db) ? fmt(c, "Renamed%.*s", S(db)) : sanitize(c, db);
            const shale_model *om = pass ? NULL : old_model(c, i);
            const shale_enum *oe = pass ? old_enum(c, i) : NULL;
            if (om) {
                old_names(om->ast, om->name, om->db_name, &name, &map);
            } else if (oe) {
                old_names(oe->ast, oe->name, oe->db_name, &name, &map);
            } else if (n && *n > 1) {
                name = sanitize(c, fmt(c, "%.*s_%.*s", S(ns_name(c, ns)), S(db)));
                map = db;
                if (warn)
                    warnf(c, "%s `%.*s` was renamed `%.*s`: another table or enum has the same name", what, S(db),
                          S(name));
            } else if (is_reserved(db)) {
                name = fmt(c, "Renamed%.*s", S(db));
                map = db;
                if (warn)
                    warnf(c, "%s `%.*s` was renamed `%.*s`: `%.*s` is a reserved name", what, S(db), S(name), S(db));
            } else if (needs_sanitation(db)) {
                name = sanitize(c, db);
                map = db;
            }
            if (!name.len) {
                /* Nothing of the name is a letter: Prisma writes an empty name, which
                 * does not parse. */
                shale_str x = sanitize(c, fmt(c, "x%.*s", S(db))); /* a letter first: nothing is dropped */
                name = fmt(c, "%s_%.*s", pass ? "Enum" : "Table", (int)x.len - 1, x.ptr + 1);
                map = db;
                if (warn) warnf(c, "%s `%.*s` was renamed `%.*s`: its name has no letter", what, S(db), S(name));
            }
            if (pass) {
                c->enum_name[i] = name;
                c->enum_map[i] = map;
            } else {
                c->t[i].name = name;
                c->t[i].map = map;
            }
        }
}

/* A new value of an old enum whose name is one the old schema gave another value
 * becomes `name_2`... (Prisma writes the clash, which does not validate). */
static void dedupe_values(pctx *c, uint32_t e)
{
    const shale_ir_enum *en = &c->ir->enums[e];
    for (uint32_t v = 0; v < en->n_values && !c->oom; v++) {
        if (c->prev.value[e][v] != SHALE_NONE || c->value_commented[e][v]) continue;
        shale_str base = c->value_name[e][v], name = base;
        for (unsigned k = 2;; k++) {
            bool taken = false;
            for (uint32_t o = 0; o < en->n_values && !taken; o++)
                taken = o != v && !c->value_commented[e][o] && shale_str_same(c->value_name[e][o], name);
            if (!taken) break;
            name = fmt(c, "%.*s_%u", S(base), k);
        }
        if (!shale_str_same(name, base)) {
            warnf(c, "enum `%.*s`: the value `%.*s` was renamed `%.*s`: the enum has another value of that name",
                  S(c->enum_name[e]), S(base), S(name));
            c->value_name[e][v] = name;
        }
    }
}

static void name_enum_values(pctx *c)
{
    for (uint32_t e = 0; e < c->ir->n_enums && !c->oom; e++) {
        const shale_ir_enum *en = &c->ir->enums[e];
        c->value_name[e] = alloc(c, (en->n_values + 1) * sizeof **c->value_name);
        c->value_commented[e] = alloc(c, (en->n_values + 1) * sizeof **c->value_commented);
        if (c->oom) return;
        for (uint32_t v = 0; v < en->n_values; v++) {
            shale_str db = en->values[v];
            shale_str name = db.len ? sanitize(c, db) : (shale_str){"EMPTY_ENUM_VALUE", 16};
            const shale_enum *oe = old_enum(c, e);
            if (oe && c->prev.value[e][v] != SHALE_NONE) name = oe->values[c->prev.value[e][v]].name;
            c->value_name[e][v] = name;
            if (!name.len) {
                /* Prisma comments out a value with nothing usable in its name. */
                c->value_name[e][v] = db;
                c->value_commented[e][v] = true;
                warnf(c, "enum `%.*s`: the value `%.*s` was commented out: its name has no letter",
                      S(c->enum_name[e]), S(db));
            }
        }
        if (old_enum(c, e)) dedupe_values(c, e);
    }
}

/* A field name not yet used in the model: `name`, else `name_2`, `name_3`... (Prisma
 * would write the clash, which does not validate). `used` holds the names taken. */
static shale_str unique_field(pctx *c, shale_symtab *used, shale_str name, uint32_t t)
{
    shale_str out = name;
    for (unsigned k = 2; shale_symtab_get(used, out); k++) out = fmt(c, "%.*s_%u", S(name), k);
    if (!shale_str_same(out, name))
        warnf(c, "model `%.*s`: the field `%.*s` was renamed `%.*s`: the model has another field of that name",
              S(c->t[t].name), S(name), S(out));
    if (shale_symtab_put(used, out, (void *)c, NULL) < 0) c->oom = true;
    return out;
}

static void name_columns(pctx *c)
{
    shale_symtab used;
    shale_symtab_init(&used, NULL);
    for (uint32_t t = 0; t < c->ir->n_tables && !c->oom; t++) {
        const shale_ir_table *tb = table(c, t);
        ptable *pt = &c->t[t];
        pt->cols = alloc(c, (tb->n_columns + 1) * sizeof *pt->cols);
        pt->fields = alloc(c, (tb->n_columns + 1) * sizeof *pt->fields);
        if (c->oom) break;
        shale_symtab_clear(&used);
        for (uint32_t i = 0; i < tb->n_columns; i++) {
            pt->cols[i] = sanitize(c, tb->columns[i].name);
            const shale_field *of = old_field(c, t, i);
            if (of && !pt->cols[i].len) pt->cols[i] = shale_field_name(of);
            shale_str want = of ? shale_field_name(of) : pt->cols[i];
            pt->fields[i] = pt->cols[i].len ? unique_field(c, &used, want, t) : tb->columns[i].name;
        }
    }
    shale_symtab_free(&used);
}

/* "lo,hi": the key of a pair of tables in the ambiguity set. */
static shale_str pair_key(pctx *c, uint32_t x, uint32_t y)
{
    return x < y ? fmt(c, "%u,%u", (unsigned)x, (unsigned)y) : fmt(c, "%u,%u", (unsigned)y, (unsigned)x);
}

static bool is_ambiguous(pctx *c, uint32_t x, uint32_t y)
{
    return shale_symtab_get(&c->ambiguous, pair_key(c, x, y)) != NULL;
}

static void set_ambiguous(pctx *c, uint32_t x, uint32_t y)
{
    if (shale_symtab_put(&c->ambiguous, pair_key(c, x, y), (void *)c, NULL) < 0) c->oom = true;
}

static bool same_columns(const shale_ir_foreign_key *a, const shale_ir_foreign_key *b)
{
    if (a->n_columns != b->n_columns) return false;
    for (uint32_t i = 0; i < a->n_columns; i++)
        if (a->columns[i] != b->columns[i]) return false;
    return true;
}

/* Relations are ambiguous between two models that more than one relation joins (inline
 * or m:n), or when a relation field would take the name of one of its own columns. */
static void find_ambiguous(pctx *c)
{
    const shale_ir *ir = c->ir;
    for (uint32_t t = 0; t < ir->n_tables && !c->oom; t++) {
        const shale_ir_table *tb = table(c, t);
        if (c->t[t].hidden) continue;
        if (c->t[t].join) {
            uint32_t x = tb->fks[0].ref_table, y = tb->fks[1].ref_table;
            if (is_ambiguous(c, x, y)) continue;
            bool amb = false;
            const uint32_t ends[2] = {x, y};
            for (int e = 0; e < 2 && !amb; e++)
                for (uint32_t k = 0; k < table(c, ends[e])->n_fks && !amb; k++) {
                    uint32_t r = table(c, ends[e])->fks[k].ref_table;
                    amb = (ends[e] == x && r == y) || (ends[e] == y && r == x);
                }
            for (uint32_t j = 0; j < c->n_joins && !amb; j++) {
                uint32_t o = c->joins[j];
                if (o == t) continue;
                uint32_t ox = table(c, o)->fks[0].ref_table, oy = table(c, o)->fks[1].ref_table;
                amb = (ox == x && oy == y) || (ox == y && oy == x);
            }
            if (amb) set_ambiguous(c, x, y);
            continue;
        }
        for (uint32_t k = 0; k < tb->n_fks && !c->oom; k++) {
            const shale_ir_foreign_key *fk = &tb->fks[k];
            uint32_t r = fk->ref_table;
            if (is_ambiguous(c, t, r)) continue;
            bool amb = false;
            const uint32_t ends[2] = {t, r};
            for (int e = 0; e < 2 && !amb; e++)
                for (uint32_t j = 0; j < table(c, ends[e])->n_fks && !amb; j++) {
                    const shale_ir_foreign_key *o = &table(c, ends[e])->fks[j];
                    if (ends[e] == t && (j == k || same_columns(fk, o))) continue; /* the same key */
                    amb = (ends[e] == t && o->ref_table == r) || (ends[e] == r && o->ref_table == t);
                }
            for (uint32_t i = 0; i < fk->n_columns && !amb; i++)
                amb = shale_str_same(c->t[t].cols[fk->columns[i]], c->t[r].rname);
            if (amb) set_ambiguous(c, t, r);
        }
    }
}

/* Relation and relation field names (relation_names.rs). */
static void name_relations(pctx *c)
{
    const shale_ir *ir = c->ir;
    for (uint32_t t = 0; t < ir->n_tables && !c->oom; t++) {
        const shale_ir_table *tb = table(c, t);
        ptable *pt = &c->t[t];
        if (pt->hidden) continue;
        if (pt->join) {
            uint32_t x = tb->fks[0].ref_table, y = tb->fks[1].ref_table;
            uint32_t lo = x < y ? x : y, hi = x < y ? y : x;
            bool self = x == y;
            shale_str found = {tb->name.ptr + 1, tb->name.len - 1}, suffix = {"", 0};
            if (is_ambiguous(c, x, y)) {
                pt->rel = found;
                suffix = tb->name;
            } else {
                /* Prisma leaves the name out when it is the default one in table order;
                 * shale's schema side derives it from the model names in name order, so
                 * it must be the default that way too. */
                shale_str a = c->t[lo].name, b = c->t[hi].name;
                shale_str by_table = fmt(c, "%.*sTo%.*s", S(c->t[lo].rname), S(c->t[hi].rname));
                shale_str by_name = fmt(c, "%.*sTo%.*s", S(shale_str_cmp(a, b) <= 0 ? a : b),
                                        S(shale_str_cmp(a, b) <= 0 ? b : a));
                bool dflt = !self && shale_str_same(found, by_table) && shale_str_same(found, by_name);
                pt->rel = dflt ? (shale_str){"", 0} : found;
            }
            pt->fwd = fmt(c, "%.*s%.*s%s", S(c->t[hi].rname), S(suffix), self ? "_A" : "");
            pt->back = fmt(c, "%.*s%.*s%s", S(c->t[lo].rname), S(suffix), self ? "_B" : "");
            const shale_relation *r =
                c->merge && c->prev.m2m[t] != SHALE_NONE ? &c->prev.s->relations[c->prev.m2m[t]] : NULL;
            uint32_t ma = r ? c->prev.model[tb->fks[pt->fk_a].ref_table] : SHALE_NONE;
            uint32_t mb = r ? c->prev.model[tb->fks[pt->fk_b].ref_table] : SHALE_NONE;
            if (r && ((ma == r->from_model && mb == r->to_model) || (ma == r->to_model && mb == r->from_model))) {
                /* Prisma keeps the relation's name, written even when it is the default. */
                const shale_model *from = &c->prev.s->models[r->from_model], *to = &c->prev.s->models[r->to_model];
                bool swap = ma != r->from_model;
                pt->rel = r->name;
                /* A self-relation's two fields cannot be told apart: Prisma names them anew. */
                if (r->to_field != SHALE_NONE && r->from_model != r->to_model) {
                    shale_str f = shale_field_name(&from->fields[r->from_field]);
                    shale_str g = shale_field_name(&to->fields[r->to_field]);
                    pt->fwd = swap ? g : f;
                    pt->back = swap ? f : g;
                }
            }
            continue;
        }
        for (uint32_t k = 0; k < tb->n_fks && !c->oom; k++) {
            const shale_ir_foreign_key *fk = &tb->fks[k];
            pfk *pf = &c->fk[t][k];
            for (uint32_t j = 0; j < k && !pf->dup; j++) {
                const shale_ir_foreign_key *o = &tb->fks[j];
                pf->dup = o->ref_table == fk->ref_table && same_columns(fk, o) &&
                          memcmp(o->ref_columns, fk->ref_columns, fk->n_columns * sizeof *fk->ref_columns) == 0;
            }
            /* A column without a usable name is commented out; a relation over it
             * could not name it, so there is none (the key is kept in the database). */
            for (uint32_t i = 0; i < fk->n_columns && !pf->dup; i++)
                pf->dup = !pt->cols[fk->columns[i]].len || !c->t[fk->ref_table].cols[fk->ref_columns[i]].len;
            if (pf->dup) continue;
            uint32_t r = fk->ref_table;
            bool self = r == t;
            shale_str from = pt->rname, to = c->t[r].rname;
            const char *other = self ? "other_" : "";
            if (!is_ambiguous(c, t, r)) {
                pf->rel = self ? fmt(c, "%.*sTo%.*s", S(from), S(to)) : (shale_str){"", 0};
                pf->fwd = to;
                pf->back = fmt(c, "%s%.*s", other, S(from));
            } else {
                shale_buf b = SHALE_BUF_INIT;
                shale_buf_printf(&b, "%.*s_", S(from));
                for (uint32_t i = 0; i < fk->n_columns; i++)
                    shale_buf_printf(&b, "%s%.*s", i ? "_" : "", S(pt->cols[fk->columns[i]]));
                shale_buf_printf(&b, "To%.*s", S(to));
                if (b.oom) c->oom = true;
                pf->rel = fmt(c, "%.*s", (int)b.len, b.ptr ? b.ptr : "");
                shale_buf_free(&b);
                pf->fwd = fmt(c, "%.*s_%.*s", S(to), S(pf->rel));
                pf->back = fmt(c, "%s%.*s_%.*s", other, S(from), S(pf->rel));
            }
            if (c->merge && c->prev.relation[t][k] != SHALE_NONE) {
                /* The relation the old schema had: its field names, and its name when
                 * one was written. */
                const shale_relation *orl = &c->prev.s->relations[c->prev.relation[t][k]];
                pf->fwd = shale_field_name(&c->prev.s->models[orl->from_model].fields[orl->from_field]);
                if (orl->to_field != SHALE_NONE)
                    pf->back = shale_field_name(&c->prev.s->models[orl->to_model].fields[orl->to_field]);
                pf->rel = orl->named ? orl->name : (shale_str){"", 0};
            }
        }
    }
}

/* Relation fields in Prisma's order: for each table in order, each of its keys gives the
 * forward field (in the table's model) and the back field (in the referenced model);
 * then each join table gives its two list fields. Grouped by model, stably. */
static void place_relations(pctx *c)
{
    const shale_ir *ir = c->ir;
    uint32_t n = 0;
    for (uint32_t t = 0; t < ir->n_tables; t++)
        if (!c->t[t].hidden) n += 2 * table(c, t)->n_fks;
    relpos *all = alloc(c, ((size_t)n + 1) * sizeof *all);
    c->pos = alloc(c, ((size_t)n + 1) * sizeof *c->pos);
    c->pos_first = alloc(c, ((size_t)ir->n_tables + 2) * sizeof *c->pos_first);
    if (c->oom) return;
    uint32_t k = 0;
    for (int m2m = 0; m2m < 2 && c->fks; m2m++)
        for (uint32_t t = 0; t < ir->n_tables; t++) {
            const shale_ir_table *tb = table(c, t);
            if (c->t[t].hidden || c->t[t].join != (m2m == 1)) continue;
            if (m2m) {
                const shale_ir_foreign_key *ka = &tb->fks[c->t[t].fk_a], *kb = &tb->fks[c->t[t].fk_b];
                all[k++] = (relpos){ka->ref_table, REL_M2M_FORWARD, t, c->t[t].fk_b};
                all[k++] = (relpos){kb->ref_table, REL_M2M_BACK, t, c->t[t].fk_a};
                continue;
            }
            for (uint32_t f = 0; f < tb->n_fks; f++) {
                if (c->fk[t][f].dup) continue;
                all[k++] = (relpos){t, REL_FORWARD, t, f};
                all[k++] = (relpos){tb->fks[f].ref_table, REL_BACK, t, f};
            }
        }
    memset(c->pos_first, 0, ((size_t)ir->n_tables + 2) * sizeof *c->pos_first);
    for (uint32_t i = 0; i < k; i++) c->pos_first[all[i].model + 1]++;
    for (uint32_t t = 0; t < ir->n_tables; t++) c->pos_first[t + 1] += c->pos_first[t];
    uint32_t *fill = alloc(c, ((size_t)ir->n_tables + 1) * sizeof *fill);
    if (!fill) return;
    memcpy(fill, c->pos_first, ir->n_tables * sizeof *fill);
    for (uint32_t i = 0; i < k; i++) c->pos[fill[all[i].model]++] = all[i];
}

/* ---- writing ------------------------------------------------------------------------------ */

static shale_str default_name(pctx *c, shale_cname_kind kind, const shale_ir_table *tb,
                              const shale_ir_index_column *icols, const uint32_t *cols, uint32_t n)
{
    shale_str *names = alloc(c, ((size_t)n + 1) * sizeof *names), out = {"", 0};
    if (!names) return out;
    for (uint32_t i = 0; i < n; i++) names[i] = tb->columns[icols ? icols[i].column : cols[i]].name;
    if (shale_constraint_name(&out, c->a, kind, tb->name, names, n) < 0) c->oom = true;
    return out;
}

/* "  " before a key or index, or "  // " when it has a column without a usable name
 * (commented out like the column's field, so that the schema still parses). */
static const char *key_indent(const ptable *pt, const shale_ir_index_column *cols, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        if (!pt->cols[cols[i].column].len) return "  // ";
    return "  ";
}

/* A partial index is written only with the partialIndexes preview feature, as Prisma
 * does: without it, `where:` does not validate. */
static bool skip_partial(pctx *c, uint32_t t, const shale_ir_index *ix)
{
    if (!ix->where.len || (c->cfg && c->cfg->partial_indexes)) return false;
    warnf(c, "model `%.*s`: the partial index `%.*s` was left out: add previewFeatures = [\"partialIndexes\"] to "
             "the generator block to keep it",
          S(c->t[t].name), S(ix->name));
    return true;
}

/* Some primary key or unique index of table t lies within the key's columns: the
 * relation is one-to-one, its back field optional rather than a list. */
static bool fk_is_unique(const pctx *c, uint32_t t, const shale_ir_foreign_key *fk)
{
    const shale_ir_table *tb = table(c, t);
    for (uint32_t i = 0; i <= tb->n_indexes; i++) {
        const shale_ir_index_column *cols = i < tb->n_indexes ? tb->indexes[i].columns : tb->pk.columns;
        uint32_t n = i < tb->n_indexes ? tb->indexes[i].n_columns : tb->pk.n_columns;
        if (n == 0 || (i < tb->n_indexes && !is_written_unique(c, &tb->indexes[i]))) continue;
        bool all = true;
        for (uint32_t k = 0; k < n && all; k++) {
            bool in = false;
            for (uint32_t j = 0; j < fk->n_columns && !in; j++) in = fk->columns[j] == cols[k].column;
            all = in;
        }
        if (all) return true;
    }
    return false;
}

static void put_relation_field(pctx *c, shale_buf *b, const relpos *p, shale_str name)
{
    const shale_ir_table *tb = table(c, p->table);
    shale_buf_printf(b, "  %.*s ", S(name));
    if (p->kind == REL_M2M_FORWARD || p->kind == REL_M2M_BACK) {
        const ptable *jt = &c->t[p->table];
        shale_buf_printf(b, "%.*s[]", S(c->t[tb->fks[p->fk].ref_table].name));
        if (jt->rel.len) {
            shale_buf_puts(b, " @relation(");
            shale_pull__string(b, jt->rel);
            shale_buf_putc(b, ')');
        }
        shale_buf_putc(b, '\n');
        return;
    }
    const shale_ir_foreign_key *fk = &tb->fks[p->fk];
    const pfk *pf = &c->fk[p->table][p->fk];
    bool forward = p->kind == REL_FORWARD;
    uint32_t holder = forward ? p->table : fk->ref_table;
    /* A relation field to an ignored model must be @ignore. Prisma forgets that for
     * models the old schema ignores (its schema then does not validate); shale does not. */
    bool ignore = (!c->t[p->table].usable || !c->t[fk->ref_table].usable || old_ignored(c, p->table) ||
                   old_ignored(c, fk->ref_table)) &&
                  !is_ignored(c, holder) && !old_ignored(c, holder);
    bool required = false;
    for (uint32_t i = 0; i < fk->n_columns; i++) required |= tb->columns[fk->columns[i]].arity == SHALE_IR_REQUIRED;
    bool optional = false;
    for (uint32_t i = 0; i < fk->n_columns; i++) optional |= tb->columns[fk->columns[i]].arity != SHALE_IR_REQUIRED;
    if (!forward) {
        bool one = fk_is_unique(c, p->table, fk);
        shale_buf_printf(b, "%.*s%s", S(c->t[p->table].name), one ? "?" : "[]");
        if (ignore) shale_buf_puts(b, " @ignore");
        if (pf->rel.len) {
            shale_buf_puts(b, " @relation(");
            shale_pull__string(b, pf->rel);
            shale_buf_putc(b, ')');
        }
        shale_buf_putc(b, '\n');
        return;
    }
    shale_buf_printf(b, "%.*s%s", S(c->t[fk->ref_table].name), optional ? "?" : "");
    if (ignore) shale_buf_puts(b, " @ignore");
    shale_buf_puts(b, " @relation(");
    if (pf->rel.len) {
        shale_pull__string(b, pf->rel);
        shale_buf_puts(b, ", ");
    }
    shale_buf_puts(b, "fields: [");
    for (uint32_t i = 0; i < fk->n_columns; i++)
        shale_buf_printf(b, "%s%.*s", i ? ", " : "", S(c->t[p->table].fields[fk->columns[i]]));
    shale_buf_puts(b, "], references: [");
    for (uint32_t i = 0; i < fk->n_columns; i++)
        shale_buf_printf(b, "%s%.*s", i ? ", " : "", S(c->t[fk->ref_table].fields[fk->ref_columns[i]]));
    shale_buf_putc(b, ']');
    /* Prisma's defaults: Restrict when a column is required, else SetNull; Cascade on
     * update. */
    bool dflt_delete = required ? fk->on_delete == SHALE_IR_RESTRICT : fk->on_delete == SHALE_IR_SET_NULL;
    if (!dflt_delete) shale_buf_printf(b, ", onDelete: %s", shale_pull__action(fk->on_delete));
    if (fk->on_update != SHALE_IR_CASCADE) shale_buf_printf(b, ", onUpdate: %s", shale_pull__action(fk->on_update));
    shale_str dflt = default_name(c, SHALE_CNAME_FKEY, tb, NULL, fk->columns, fk->n_columns);
    if (!shale_str_same(dflt, fk->name)) {
        shale_buf_puts(b, ", map: ");
        shale_pull__string(b, fk->name);
    }
    shale_buf_puts(b, ")\n");
}

static void put_model(pctx *c, shale_buf *b, uint32_t t)
{
    const shale_ir *ir = c->ir;
    const shale_ir_table *tb = table(c, t);
    ptable *pt = &c->t[t];
    if (tb->n_columns == 0) {
        /* As Prisma: a table without columns is written commented out. */
        shale_buf_printf(b, "/// We could not retrieve columns for the underlying table. Either it has none or you "
                            "are missing rights to see them. Please check your privileges.\n"
                            "// model %.*s {\n",
                         S(pt->name));
        if (pt->map.len) {
            shale_buf_puts(b, "// @@map(");
            shale_pull__string(b, pt->map);
            shale_buf_puts(b, ")\n");
        }
        shale_buf_puts(b, "// }\n\n");
        warnf(c, "model `%.*s` was commented out: the table has no columns", S(pt->name));
        return;
    }
    const shale_model *om = old_model(c, t);
    if (om) shale_pull__doc(b, "", om->ast->doc, NULL);
    if (pt->map.len && is_reserved(pt->map) && !om)
        shale_buf_printf(b,
                         "/// This model has been renamed to '%.*s' during introspection, because the original name "
                         "'%.*s' is reserved.\n",
                         S(pt->name), S(pt->map));
    if (!pt->usable) {
        static const char no_key[] = "The underlying table does not contain a valid unique identifier and can "
                                     "therefore currently not be handled by Prisma Client.";
        if (!om || !shale_pull__doc_has_line(om->ast->doc, no_key)) shale_buf_printf(b, "/// %s\n", no_key);
        warnf(c, "model `%.*s` is marked @@ignore: the table has no primary key or unique index of required, "
                 "supported columns",
              S(pt->name));
    }
    shale_buf_printf(b, "model %.*s {\n", S(pt->name));

    /* Field-level @unique: the first single-column unique index of each column. */
    uint32_t *field_unique = alloc(c, ((size_t)tb->n_columns + 1) * sizeof *field_unique);
    bool *ix_done = alloc(c, ((size_t)tb->n_indexes + 1) * sizeof *ix_done);
    if (c->oom) return;
    for (uint32_t i = 0; i < tb->n_columns; i++) field_unique[i] = SHALE_IR_NONE;
    for (uint32_t i = 0; i < tb->n_indexes; i++) {
        const shale_ir_index *ix = &tb->indexes[i];
        if (skip_partial(c, t, ix)) {
            ix_done[i] = true; /* left out */
            continue;
        }
        if (ix->unique && ix->n_columns == 1 && field_unique[ix->columns[0].column] == SHALE_IR_NONE) {
            field_unique[ix->columns[0].column] = i;
            ix_done[i] = true;
        }
    }
    shale_str prefix = c->prefix;
    for (uint32_t i = 0; i < tb->n_columns; i++) {
        const shale_ir_column *col = &tb->columns[i];
        shale_str name = pt->fields[i];
        bool commented = pt->cols[i].len == 0;
        const shale_field *of = old_field(c, t, i);
        if (of) shale_pull__doc(b, "  ", shale_ast_field_doc(of->ast), shale_ast_field_trailing(of->ast));
        if (commented) {
            shale_buf_puts(b, "  /// This field was commented out because of an invalid name. Please provide a valid "
                              "one that matches [a-zA-Z][a-zA-Z0-9_]*\n  // ");
            warnf(c, "model `%.*s`: the field for the column `%.*s` was commented out: its name has no letter",
                  S(pt->name), S(col->name));
        } else {
            shale_buf_puts(b, "  ");
        }
        shale_buf_put(b, name.ptr, name.len);
        shale_buf_putc(b, ' ');
        const shale_ir_enum *e = NULL;
        const shale_str *enum_values = NULL;
        if (col->type.kind == SHALE_IR_TYPE_ENUM) {
            e = &ir->enums[col->type.enum_index];
            enum_values = c->value_name[col->type.enum_index];
            shale_buf_put(b, c->enum_name[col->type.enum_index].ptr, c->enum_name[col->type.enum_index].len);
        } else if (col->type.kind == SHALE_IR_TYPE_UNSUPPORTED) {
            shale_buf_puts(b, "Unsupported(");
            shale_pull__string(b, col->type.raw);
            shale_buf_putc(b, ')');
        } else {
            shale_buf_puts(b, shale_ir_type_scalar(col->type.kind));
        }
        if (col->arity == SHALE_IR_LIST) shale_buf_puts(b, "[]");
        else if (col->arity == SHALE_IR_NULLABLE) shale_buf_putc(b, '?');
        if (tb->pk.n_columns == 1 && tb->pk.columns[0].column == i) {
            shale_str dflt = default_name(c, SHALE_CNAME_PKEY, tb, NULL, NULL, 0);
            shale_buf_puts(b, " @id");
            if (!shale_str_same(dflt, tb->pk.name)) {
                shale_buf_puts(b, "(map: ");
                shale_pull__string(b, tb->pk.name);
                shale_buf_putc(b, ')');
            }
        }
        if (field_unique[i] != SHALE_IR_NONE) {
            const shale_ir_index *ix = &tb->indexes[field_unique[i]];
            shale_str dflt = default_name(c, SHALE_CNAME_KEY, tb, ix->columns, NULL, 1);
            bool map = !shale_str_same(dflt, ix->name), desc = ix->columns[0].sort == SHALE_IR_SORT_DESC;
            shale_buf_puts(b, " @unique");
            if (map || desc || ix->where.len) {
                bool first = true;
                shale_buf_putc(b, '(');
                if (map) shale_pull__map_arg(b, &first, ix->name);
                if (desc) {
                    shale_buf_puts(b, first ? "sort: Desc" : ", sort: Desc");
                    first = false;
                }
                shale_pull__where(b, ix, first);
                shale_buf_putc(b, ')');
            }
        }
        shale_pull__default(b, col, e, enum_values);
        /* Defaults the client makes: kept when the database has none. */
        if (of && !col->def && !col->autoincrement) shale_pull__client_default(b, of->def);
        if (of && of->updated_at) shale_buf_puts(b, " @updatedAt");
        if (commented || !shale_str_same(name, col->name) || (of && of->map)) {
            shale_buf_puts(b, " @map(");
            shale_pull__string(b, col->name);
            shale_buf_putc(b, ')');
        }
        if (of && of->ignored) shale_buf_puts(b, " @ignore");
        shale_pull__native(b, &col->type, prefix);
        shale_buf_putc(b, '\n');
    }

    /* Relation fields take names the model's scalar fields do not have. */
    shale_symtab used;
    shale_symtab_init(&used, NULL);
    for (uint32_t i = 0; i < tb->n_columns; i++)
        if (pt->cols[i].len && shale_symtab_put(&used, pt->fields[i], (void *)c, NULL) < 0) c->oom = true;
    for (uint32_t i = c->pos_first[t]; i < c->pos_first[t + 1]; i++) {
        const relpos *p = &c->pos[i];
        shale_str name;
        switch (p->kind) {
        case REL_FORWARD: name = c->fk[p->table][p->fk].fwd; break;
        case REL_BACK: name = c->fk[p->table][p->fk].back; break;
        case REL_M2M_FORWARD: name = c->t[p->table].fwd; break;
        default: name = c->t[p->table].back; break;
        }
        put_relation_field(c, b, p, unique_field(c, &used, name, t));
    }
    /* relationMode = "prisma": the database has no foreign keys to find relations by, so
     * the old schema's are written again, in its field order. */
    for (uint32_t f = 0; om && !c->fks && f < om->n_fields && !c->oom; f++) {
        const shale_field *fd = &om->fields[f];
        if (fd->kind != SHALE_FIELD_RELATION || fd->relation == SHALE_NONE ||
            !shale_pull__emulated_ok(&c->prev, ir, fd->relation, c->names_flat.fields))
            continue;
        c->n_copied++;
        shale_pull__emulated_field(b, &c->prev, ir, c->prev.model[t], f,
                                   unique_field(c, &used, shale_field_name(fd), t), c->names_flat.models,
                                   c->names_flat.fields);
    }
    shale_symtab_free(&used);

    /* Block attributes right after the fields, as Prisma's renderer writes them: the
     * formatter puts them after one empty line (with the comments right above them, so
     * a commented-out last field moves down too, as in Prisma's output), kinds in
     * Prisma's order, indexes of a kind in the order written here (the IR's: by name). */
    if (tb->pk.n_columns > 1) {
        shale_buf_printf(b, "%s@@id(", key_indent(pt, tb->pk.columns, tb->pk.n_columns));
        shale_pull__index_fields(b, tb->pk.columns, tb->pk.n_columns, pt->fields);
        shale_pull__client_name(b, om, SHALE_INDEX_PRIMARY, tb->pk.name);
        shale_str dflt = default_name(c, SHALE_CNAME_PKEY, tb, NULL, NULL, 0);
        if (!shale_str_same(dflt, tb->pk.name)) {
            shale_buf_puts(b, ", map: ");
            shale_pull__string(b, tb->pk.name);
        }
        shale_buf_puts(b, ")\n");
    }
    /* Re-introspection keeps the old schema's order of the keys it has; new ones follow
     * (the formatter still groups them by kind). */
    uint32_t *ix_order = alloc(c, ((size_t)tb->n_indexes + 1) * sizeof *ix_order);
    bool *placed = alloc(c, ((size_t)tb->n_indexes + 1) * sizeof *placed);
    if (c->oom) return;
    shale_pull__index_order(ix_order, placed, tb, om);
    for (uint32_t k = 0; k < tb->n_indexes; k++) {
        uint32_t i = ix_order[k];
        const shale_ir_index *ix = &tb->indexes[i];
        if (ix_done[i]) continue;
        shale_buf_printf(b, "%s@@%s(", key_indent(pt, ix->columns, ix->n_columns), ix->unique ? "unique" : "index");
        shale_pull__index_fields(b, ix->columns, ix->n_columns, pt->fields);
        if (ix->unique) shale_pull__client_name(b, om, SHALE_INDEX_UNIQUE, ix->name);
        shale_str dflt = default_name(c, ix->unique ? SHALE_CNAME_KEY : SHALE_CNAME_IDX, tb, ix->columns, NULL,
                                      ix->n_columns);
        if (!shale_str_same(dflt, ix->name)) {
            shale_buf_puts(b, ", map: ");
            shale_pull__string(b, ix->name);
        }
        const char *method = shale_pull__method(ix->method);
        if (method) shale_buf_printf(b, ", type: %s", method);
        shale_pull__where(b, ix, false);
        shale_buf_puts(b, ")\n");
    }
    if (pt->map.len) {
        shale_buf_puts(b, "  @@map(");
        shale_pull__string(b, pt->map);
        shale_buf_puts(b, ")\n");
    }
    if (!pt->usable || old_ignored(c, t)) shale_buf_puts(b, "  @@ignore\n");
    if (c->multi) {
        shale_buf_puts(b, "  @@schema(");
        shale_pull__string(b, ns_name(c, tb->namespace_index));
        shale_buf_puts(b, ")\n");
    }
    shale_buf_puts(b, "}\n\n");
}

static void put_enum(pctx *c, shale_buf *b, uint32_t e)
{
    const shale_ir_enum *en = &c->ir->enums[e];
    const shale_enum *oe = old_enum(c, e);
    if (oe) shale_pull__doc(b, "", oe->ast->doc, NULL);
    shale_buf_printf(b, "enum %.*s {\n", S(c->enum_name[e]));
    for (uint32_t v = 0; v < en->n_values; v++) {
        shale_str name = c->value_name[e][v];
        bool old_map = false;
        if (oe && c->prev.value[e][v] != SHALE_NONE) {
            const shale_ast_enum_value *ov = oe->values[c->prev.value[e][v]].ast;
            shale_pull__doc(b, "  ", ov->doc, ov->trailing_comment);
            old_map = shale_pull__attrs_have(&ov->attrs, "map");
        }
        shale_buf_printf(b, "  %s%.*s", c->value_commented[e][v] ? "// " : "", S(name));
        if (!shale_str_same(name, en->values[v]) || !en->values[v].len || old_map) {
            shale_buf_puts(b, " @map(");
            shale_pull__string(b, en->values[v]);
            shale_buf_putc(b, ')');
        }
        shale_buf_putc(b, '\n');
    }
    if (c->enum_map[e].len) {
        shale_buf_puts(b, "  @@map(");
        shale_pull__string(b, c->enum_map[e]);
        shale_buf_puts(b, ")\n");
    }
    if (c->multi) {
        shale_buf_puts(b, "  @@schema(");
        shale_pull__string(b, ns_name(c, en->namespace_index));
        shale_buf_puts(b, ")\n");
    }
    shale_buf_puts(b, "}\n\n");
}

/* ---- entry -------------------------------------------------------------------------------- */

/* Parses `text` and appends its formatted form to `out`. */
static int format_text(shale_buf *out, const char *text, size_t len)
{
    shale_compilation *comp = NULL;
    uint32_t id = 0;
    int rc = shale_compilation_new(&comp);
    if (rc == SHALE_OK) rc = shale_compilation_add_source(comp, "schema.prisma", text, len, &id);
    if (rc == SHALE_OK) rc = shale_compilation_parse(comp);
    if (rc == SHALE_OK && (comp->asts[id]->n_syntax_errors || comp->asts[id]->structural_error)) rc = SHALE_EINVAL;
    if (rc == SHALE_OK) rc = shale_format_file(out, comp->asts[id]);
    shale_compilation_free(comp);
    return rc;
}

static int pull(pctx *c, shale_buf *text, shale_pull_result *res)
{
    const shale_ir *ir = c->ir;
    c->t = alloc(c, ((size_t)ir->n_tables + 1) * sizeof *c->t);
    c->fk = alloc(c, ((size_t)ir->n_tables + 1) * sizeof *c->fk);
    c->enum_name = alloc(c, ((size_t)ir->n_enums + 1) * sizeof *c->enum_name);
    c->enum_map = alloc(c, ((size_t)ir->n_enums + 1) * sizeof *c->enum_map);
    c->value_name = alloc(c, ((size_t)ir->n_enums + 1) * sizeof *c->value_name);
    c->value_commented = alloc(c, ((size_t)ir->n_enums + 1) * sizeof *c->value_commented);
    bool *referenced = alloc(c, ((size_t)ir->n_tables + 1) * sizeof *referenced);
    if (c->oom) return SHALE_ENOMEM;
    for (uint32_t t = 0; t < ir->n_tables; t++) {
        const shale_ir_table *tb = table(c, t);
        c->fk[t] = alloc(c, ((size_t)tb->n_fks + 1) * sizeof **c->fk);
        c->t[t].hidden = is_hidden(tb);
        for (uint32_t k = 0; k < tb->n_fks; k++)
            if (tb->fks[k].ref_table != t) referenced[tb->fks[k].ref_table] = true;
    }
    if (c->oom) return SHALE_ENOMEM;
    for (uint32_t t = 0; t < ir->n_tables; t++)
        c->t[t].join = !c->t[t].hidden && is_join_table(c, t, referenced, &c->t[t].fk_a, &c->t[t].fk_b);
    if (c->merge && shale_pull__match(&c->prev, c->a, ir, c->prev.s) != SHALE_OK) return SHALE_ENOMEM;
    name_types(c, false);
    /* shale's schema side makes A the key to the model whose name sorts first: a join
     * table whose models' names sort the other way would not come back the same, so it
     * stays a model (and the names are counted again with it). */
    for (uint32_t t = 0; t < ir->n_tables; t++) {
        if (!c->t[t].join) continue;
        const shale_ir_table *tb = table(c, t);
        uint32_t ra = tb->fks[c->t[t].fk_a].ref_table, rb = tb->fks[c->t[t].fk_b].ref_table;
        if (shale_str_cmp(c->t[ra].name, c->t[rb].name) > 0) c->t[t].join = false;
    }
    name_types(c, true); /* again: a table that stays a model counts among the names */
    /* relationMode = "prisma": the join table of an m:n relation the old schema has (no
     * foreign keys say what it is) is that relation's, copied in put_model(), not a
     * model. Prisma writes it as a model too: two definitions of one table, which the
     * lowering refuses. (No key of it is read: without foreign keys nothing needs one.) */
    for (uint32_t t = 0; c->merge && !c->fks && t < ir->n_tables; t++)
        if (c->prev.m2m[t] != SHALE_NONE && !c->t[t].hidden && table(c, t)->n_columns == 2) c->t[t].join = true;
    c->joins = alloc(c, ((size_t)ir->n_tables + 1) * sizeof *c->joins);
    for (uint32_t t = 0; c->joins && t < ir->n_tables; t++)
        if (c->t[t].join) c->joins[c->n_joins++] = t;
    name_enum_values(c);
    name_columns(c);
    c->names_flat.models = alloc(c, ((size_t)ir->n_tables + 1) * sizeof *c->names_flat.models);
    c->names_flat.fields = alloc(c, ((size_t)ir->n_tables + 1) * sizeof *c->names_flat.fields);
    for (uint32_t t = 0; t < ir->n_tables && !c->oom; t++) {
        c->names_flat.models[t] = c->t[t].name;
        c->names_flat.fields[t] = c->t[t].fields;
    }
    for (uint32_t t = 0; t < ir->n_tables && !c->oom; t++) c->t[t].usable = has_usable_key(c, t);
    shale_symtab_init(&c->ambiguous, c->a);
    if (c->fks) find_ambiguous(c);
    if (c->fks) name_relations(c);
    place_relations(c);
    if (c->oom) return SHALE_ENOMEM;

    uint32_t n_models = 0;
    for (uint32_t t = 0; t < ir->n_tables; t++) n_models += !c->t[t].join && !c->t[t].hidden;
    if (n_models == 0 && ir->n_enums == 0) return SHALE_ENOTFOUND;
    if (c->cfg && c->cfg->text.len) {
        shale_buf_put(text, c->cfg->text.ptr, c->cfg->text.len);
        if (!c->cfg->has_datasource) shale_buf_puts(text, "\ndatasource db {\n  provider = \"postgresql\"\n}\n");
    } else {
        shale_buf_puts(text, "datasource db {\n  provider = \"postgresql\"\n}\n");
    }
    shale_buf_putc(text, '\n');
    /* Re-introspection keeps the old schema's order; new models and enums follow. */
    uint32_t *order = alloc(c, ((size_t)ir->n_tables + ir->n_enums + 1) * sizeof *order), n = 0;
    if (c->oom) return SHALE_ENOMEM;
    for (uint32_t m = 0; c->merge && m < c->prev.s->n_models; m++) {
        uint32_t t = c->prev.table[m];
        if (t != SHALE_NONE && !c->t[t].join && !c->t[t].hidden) order[n++] = t;
    }
    for (uint32_t t = 0; t < ir->n_tables; t++)
        if (!c->t[t].join && !c->t[t].hidden && !old_model(c, t)) order[n++] = t;
    for (uint32_t i = 0; i < n && !c->oom; i++) put_model(c, text, order[i]);
    n = 0;
    for (uint32_t o = 0; c->merge && o < c->prev.s->n_enums; o++)
        for (uint32_t e = 0; e < ir->n_enums; e++)
            if (c->prev.enum_[e] == o) order[n++] = e;
    for (uint32_t e = 0; e < ir->n_enums; e++)
        if (!old_enum(c, e)) order[n++] = e;
    for (uint32_t i = 0; i < n && !c->oom; i++) put_enum(c, text, order[i]);
    if (c->n_copied)
        warnf(c, "%u relation field%s copied from the existing schema: with relationMode = \"prisma\" the database "
                 "has no foreign keys to find relations by; check them if their columns changed",
              (unsigned)c->n_copied, c->n_copied == 1 ? " was" : "s were");
    if (res) {
        res->n_models = n_models;
        res->n_enums = ir->n_enums;
        res->n_warnings = c->n_warn;
    }
    return c->oom || text->oom ? SHALE_ENOMEM : SHALE_OK;
}

int shale_pull_render(shale_buf *out, const shale_ir *ir, const shale_pull_options *opts, shale_buf *warnings,
                      shale_pull_result *result)
{
    if (result) memset(result, 0, sizeof *result);
    if (shale_ir_check(ir) != 0) return SHALE_EINVAL;
    shale_arena arena;
    shale_arena_init(&arena);
    pctx c = {0};
    c.ir = ir;
    c.cfg = opts ? opts->config : NULL;
    c.a = &arena;
    c.warn = warnings;
    c.fks = !(c.cfg && c.cfg->relation_mode_prisma);
    c.multi = c.cfg && c.cfg->n_schemas > 0;
    c.prefix = c.cfg && c.cfg->datasource.len ? c.cfg->datasource : (shale_str){"db", 2};
    c.merge = opts && opts->previous;
    c.prev.s = c.merge ? opts->previous : NULL;
    shale_buf text = SHALE_BUF_INIT;
    int rc = pull(&c, &text, result);
    if (rc == SHALE_OK) {
        size_t before = out->len;
        rc = format_text(out, text.ptr ? text.ptr : "", text.len);
        if (rc != SHALE_OK) out->len = before;
        if (rc == SHALE_OK && out->oom) rc = SHALE_ENOMEM;
    }
    shale_buf_free(&text);
    shale_arena_free(&arena);
    return rc;
}
