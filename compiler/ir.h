/* ir.h - the relational IR: what PostgreSQL `CREATE` statements would build.
 *
 * Namespaces (PostgreSQL schemas), enum types, and tables with their columns, primary
 * key, indexes and foreign keys. It is the only thing the differ reads, and it is filled
 * either by lowering a typed schema or by introspecting a database, so nothing here
 * refers to the schema language: names are database names, types are PostgreSQL types.
 *
 * Order is meaning: every array is kept in the order its objects were added, and the
 * SQL renderer emits steps in that order (Prisma orders steps by object id, i.e. load
 * order). The lowering adds objects in Prisma's order; shale_ir_sort() gives the
 * canonical introspection order instead.
 *
 * References between objects are uint32_t indexes (SHALE_IR_NONE for "none"): a
 * column's enum in ir->enums, a foreign key's referenced table in ir->tables, and
 * key/index/foreign-key columns in their table's columns.
 *
 * Memory: the IR and everything in it live in the arena given to shale_ir_init() and
 * are valid until that arena is freed. Text (shale_str) is borrowed, never copied: it
 * must outlive the IR (source text, or arena copies made by the caller). Adding an
 * object may move its array, so a pointer to an element (`&ir->tables[i]`) is valid
 * only until the next add to the same array; keep indexes instead.
 */
#ifndef SHALE_COMPILER_IR_H
#define SHALE_COMPILER_IR_H

#include "arena.h"
#include "common.h"
#include "symtab.h"

#include <stdbool.h>
#include <stdint.h>

#define SHALE_IR_NONE UINT32_MAX

/* PostgreSQL type families. Arguments live in shale_ir_type.args; a type written
 * without arguments (`VARCHAR`, `TIMESTAMP`) has n_args == 0. */
typedef enum shale_ir_type_kind {
    SHALE_IR_TYPE_TEXT,
    SHALE_IR_TYPE_VARCHAR,     /* (n) */
    SHALE_IR_TYPE_CHAR,        /* (n) */
    SHALE_IR_TYPE_UUID,
    SHALE_IR_TYPE_XML,
    SHALE_IR_TYPE_INET,
    SHALE_IR_TYPE_CITEXT,
    SHALE_IR_TYPE_BIT,         /* (n) */
    SHALE_IR_TYPE_VARBIT,      /* (n) */
    SHALE_IR_TYPE_INTEGER,     /* SERIAL when autoincrement */
    SHALE_IR_TYPE_SMALLINT,    /* SMALLSERIAL when autoincrement */
    SHALE_IR_TYPE_OID,
    SHALE_IR_TYPE_BIGINT,      /* BIGSERIAL when autoincrement */
    SHALE_IR_TYPE_DOUBLE,      /* DOUBLE PRECISION */
    SHALE_IR_TYPE_REAL,
    SHALE_IR_TYPE_DECIMAL,     /* (p,s) */
    SHALE_IR_TYPE_MONEY,
    SHALE_IR_TYPE_TIMESTAMP,   /* (p) */
    SHALE_IR_TYPE_TIMESTAMPTZ, /* (p) */
    SHALE_IR_TYPE_DATE,
    SHALE_IR_TYPE_TIME,        /* (p) */
    SHALE_IR_TYPE_TIMETZ,      /* (p) */
    SHALE_IR_TYPE_JSON,
    SHALE_IR_TYPE_JSONB,
    SHALE_IR_TYPE_BYTEA,
    SHALE_IR_TYPE_BOOLEAN,
    SHALE_IR_TYPE_ENUM,        /* enum_index */
    SHALE_IR_TYPE_UNSUPPORTED, /* raw: the type text, rendered verbatim */
} shale_ir_type_kind;

/* `raw` shares its bytes with the others (every column holds a type): read it only
 * for SHALE_IR_TYPE_UNSUPPORTED, enum_index only for SHALE_IR_TYPE_ENUM, args only up
 * to n_args (an unsupported type has none), and set `raw` after the others. */
typedef struct shale_ir_type {
    uint8_t kind;    /* shale_ir_type_kind */
    uint8_t n_args;  /* 0..2 */
    union {
        struct {
            uint32_t args[2];
            uint32_t enum_index; /* SHALE_IR_TYPE_ENUM: index in ir->enums */
        };
        shale_str raw; /* SHALE_IR_TYPE_UNSUPPORTED */
    };
} shale_ir_type;

typedef enum shale_ir_arity {
    SHALE_IR_REQUIRED, /* NOT NULL */
    SHALE_IR_NULLABLE,
    SHALE_IR_LIST,     /* TYPE[]; never NOT NULL */
} shale_ir_arity;

/* A column default, typed so the differ can compare values the way Prisma does (JSON
 * structurally, numbers numerically, DateTime values never) and the renderer can
 * quote them. Every `text` is the value itself, unquoted and unescaped. */
typedef enum shale_ir_default_kind {
    SHALE_IR_DEFAULT_STRING,   /* 'text' with ' doubled */
    SHALE_IR_DEFAULT_ENUM,     /* the value's database name; rendered like a string */
    SHALE_IR_DEFAULT_JSON,     /* the JSON text; rendered like a string */
    SHALE_IR_DEFAULT_DATETIME, /* rendered like a string; Prisma's form is
                                  "2020-01-02 03:04:05.678 +00:00" */
    SHALE_IR_DEFAULT_NUMBER,   /* the number as text, rendered bare ("-7", "1.50") */
    SHALE_IR_DEFAULT_BOOLEAN,  /* "true" or "false", rendered bare */
    SHALE_IR_DEFAULT_BYTES,    /* raw bytes (any value, len counts), rendered '\x<hex>' */
    SHALE_IR_DEFAULT_LIST,     /* items; ARRAY[...]::<column type> */
    SHALE_IR_DEFAULT_NOW,      /* CURRENT_TIMESTAMP */
    SHALE_IR_DEFAULT_DBGENERATED, /* SQL expression verbatim; empty text: no DEFAULT */
    SHALE_IR_DEFAULT_SEQUENCE, /* nextval(text) seen by introspection; rendered as nothing
                                  (the column is autoincrement instead) */
} shale_ir_default_kind;

typedef struct shale_ir_default {
    uint8_t kind; /* shale_ir_default_kind */
    uint32_t n_items;
    shale_str text;
    const struct shale_ir_default *items; /* SHALE_IR_DEFAULT_LIST */
} shale_ir_default;

/* A large schema has over a hundred thousand: the one-byte members come last, where
 * they fill the tail after `span` (64 bytes). */
typedef struct shale_ir_column {
    shale_str name;
    shale_ir_type type;
    const shale_ir_default *def; /* NULL: no default */
    shale_span span;    /* the field that made it; zero when introspected */
    uint8_t arity;      /* shale_ir_arity */
    bool autoincrement; /* backed by a sequence: SERIAL types, no DEFAULT rendered */
    /* The default is made by the client (uuid(), cuid(), nanoid(), ulid()), so the
     * database has none; the differ still needs to know one exists. */
    bool client_default;
} shale_ir_column;

typedef enum shale_ir_sort_order { SHALE_IR_SORT_NONE, SHALE_IR_SORT_ASC, SHALE_IR_SORT_DESC } shale_ir_sort_order;

/* A column of a primary key or an index. NONE means "not said", which PostgreSQL
 * treats as ASC but Prisma renders as nothing. */
typedef struct shale_ir_index_column {
    uint32_t column; /* index in the table's columns */
    uint8_t sort;    /* shale_ir_sort_order */
    shale_str opclass; /* SQL operator class ("jsonb_path_ops"); len 0: the default */
} shale_ir_index_column;

typedef enum shale_ir_index_method {
    SHALE_IR_BTREE, /* the default; rendered without USING */
    SHALE_IR_HASH,
    SHALE_IR_GIST,
    SHALE_IR_GIN,
    SHALE_IR_SPGIST,
    SHALE_IR_BRIN,
} shale_ir_index_method;

/* The primary key: n_columns == 0 when the table has none. Column sorts are kept for
 * the differ but PostgreSQL's PRIMARY KEY clause does not take them. */
typedef struct shale_ir_primary_key {
    shale_str name;
    shale_ir_index_column *columns;
    uint32_t n_columns;
    shale_span span;
} shale_ir_primary_key;

/* A unique or plain index. Unique constraints are unique indexes, as in Prisma. */
typedef struct shale_ir_index {
    shale_str name;
    shale_ir_index_column *columns;
    shale_str where; /* predicate of a partial index; len 0: none */
    shale_span span;
    uint32_t n_columns;
    bool unique;
    uint8_t method; /* shale_ir_index_method */
} shale_ir_index;

typedef enum shale_ir_action {
    SHALE_IR_NO_ACTION, /* PostgreSQL's own default, hence 0 */
    SHALE_IR_RESTRICT,
    SHALE_IR_CASCADE,
    SHALE_IR_SET_NULL,
    SHALE_IR_SET_DEFAULT,
} shale_ir_action;

typedef struct shale_ir_foreign_key {
    shale_str name;
    uint32_t *columns;     /* in the owning table */
    uint32_t ref_table;    /* in ir->tables */
    uint32_t *ref_columns; /* in the referenced table, parallel to columns */
    uint32_t n_columns;
    uint8_t on_delete, on_update; /* shale_ir_action */
    shale_span span;
} shale_ir_foreign_key;

typedef struct shale_ir_table {
    shale_str name;
    uint32_t namespace_index; /* in ir->namespaces */
    shale_ir_column *columns;
    uint32_t n_columns, cap_columns;
    shale_ir_primary_key pk;
    shale_ir_index *indexes;
    uint32_t n_indexes, cap_indexes;
    shale_ir_foreign_key *fks;
    uint32_t n_fks, cap_fks;
    shale_span span;
} shale_ir_table;

typedef struct shale_ir_enum {
    shale_str name;
    uint32_t namespace_index;
    shale_str *values; /* database names, in declaration order */
    uint32_t n_values;
    shale_span span;
} shale_ir_enum;

/* A PostgreSQL schema. Name lookups of tables and enums go through its tables. */
typedef struct shale_ir_namespace {
    shale_str name;
    shale_symtab tables; /* name -> table index + 1 */
    shale_symtab enums;  /* name -> enum index + 1 */
} shale_ir_namespace;

typedef struct shale_ir {
    shale_arena *arena;
    /* Objects in this namespace are rendered unqualified ("public" unless the
     * connection says otherwise), as Prisma does. */
    shale_str default_namespace;
    shale_ir_namespace *namespaces;
    uint32_t n_namespaces, cap_namespaces;
    shale_ir_enum *enums;
    uint32_t n_enums, cap_enums;
    shale_ir_table *tables;
    uint32_t n_tables, cap_tables;
    /* PostgreSQL extensions the schema needs (CREATE EXTENSION IF NOT EXISTS), by name. */
    const shale_str *extensions;
    uint32_t n_extensions;
} shale_ir;

/* ---- construction ---------------------------------------------------------------- */

/* An empty IR allocating from `arena`, with "public" as the default namespace. */
void shale_ir_init(shale_ir *ir, shale_arena *arena);

/* Sizes the top-level arrays up front so adding that many objects moves nothing (the
 * lowering knows its counts; growing an arena array abandons the old copy).
 * Returns: 0 or SHALE_ENOMEM. */
int shale_ir_reserve(shale_ir *ir, uint32_t n_namespaces, uint32_t n_enums, uint32_t n_tables);

/* The index of namespace `name`, added (at the end) if absent.
 * Returns: 0 or SHALE_ENOMEM. */
int shale_ir_namespace_get(uint32_t *out, shale_ir *ir, shale_str name);

/* Adds an enum; `values` (database names) are copied as views into the arena.
 * Returns: 0, SHALE_ENOMEM, or SHALE_EINVAL when `ns` is out of range or the
 * namespace already has an enum of that name. *out is the enum's index. */
int shale_ir_add_enum(uint32_t *out, shale_ir *ir, uint32_t ns, shale_str name, const shale_str *values,
                      uint32_t n_values);

/* Adds an empty table (no columns, no primary key).
 * Returns: 0, SHALE_ENOMEM, or SHALE_EINVAL when `ns` is out of range or the namespace
 * already has a table of that name. *out is the table's index. */
int shale_ir_add_table(uint32_t *out, shale_ir *ir, uint32_t ns, shale_str name);

/* Sizes a table's arrays up front. Returns: 0 or SHALE_ENOMEM. */
int shale_ir_table_reserve(shale_ir *ir, uint32_t table, uint32_t n_columns, uint32_t n_indexes,
                           uint32_t n_fks);

/* Appends a copy of *col to the table (col->def is borrowed, see shale_ir_default_make).
 * Returns: 0, SHALE_ENOMEM, or SHALE_EINVAL for a bad table or enum reference.
 * *out (may be NULL) is the column's index. */
int shale_ir_add_column(uint32_t *out, shale_ir *ir, uint32_t table, const shale_ir_column *col);

/* Sets the table's primary key; the column array is copied.
 * Returns: 0, SHALE_ENOMEM, or SHALE_EINVAL for a column index out of range. */
int shale_ir_set_primary_key(shale_ir *ir, uint32_t table, shale_str name, const shale_ir_index_column *cols,
                             uint32_t n_cols);

/* Appends a copy of *ix (its column array is copied too).
 * Returns: 0, SHALE_ENOMEM, or SHALE_EINVAL for a column index out of range. */
int shale_ir_add_index(uint32_t *out, shale_ir *ir, uint32_t table, const shale_ir_index *ix);

/* Appends a copy of *fk (column arrays copied). The referenced table may be added
 * later; shale_ir_check() verifies the reference once everything is built.
 * Returns: 0, SHALE_ENOMEM, or SHALE_EINVAL for a column index out of range. */
int shale_ir_add_foreign_key(uint32_t *out, shale_ir *ir, uint32_t table, const shale_ir_foreign_key *fk);

/* A scalar default of `kind` (not LIST) holding `text` (borrowed).
 * Returns: 0 or SHALE_ENOMEM; *out is borrowed from the IR's arena. */
int shale_ir_default_make(const shale_ir_default **out, shale_ir *ir, shale_ir_default_kind kind, shale_str text);

/* A list default; the `items` array is copied (their text stays borrowed).
 * Returns: 0 or SHALE_ENOMEM; *out is borrowed from the IR's arena. */
int shale_ir_default_make_list(const shale_ir_default **out, shale_ir *ir, const shale_ir_default *items,
                               uint32_t n_items);

/* Checks every cross reference (namespaces, enums, referenced tables and columns, key
 * column counts). The builders check what they can; this is the rest, for IRs filled
 * by hand or by introspection. Returns: 0, or SHALE_EINVAL at the first bad reference. */
int shale_ir_check(const shale_ir *ir);

/* ---- lookup ---------------------------------------------------------------------- */

/* Index of the namespace, table, enum, column, index or foreign key with that exact
 * (byte-equal) name, or SHALE_IR_NONE. Tables and enums are hashed; the others are
 * short linear scans. */
uint32_t shale_ir_find_namespace(const shale_ir *ir, shale_str name);
uint32_t shale_ir_find_table(const shale_ir *ir, uint32_t ns, shale_str name);
uint32_t shale_ir_find_enum(const shale_ir *ir, uint32_t ns, shale_str name);
uint32_t shale_ir_find_column(const shale_ir_table *t, shale_str name);

/* Sorts `n` column indexes of `t` by the columns' names (byte order; equal names keep
 * their order), as Prisma lists added and dropped columns.
 * Returns: 0, or SHALE_ENOMEM (idx is then unchanged). */
int shale_ir_sort_columns_by_name(const shale_ir_table *t, uint32_t *idx, uint32_t n);

/* The Prisma scalar a column type of kind `kind` maps to ("String" for TEXT, VARCHAR,
 * UUID, ...; "DateTime" for DATE, TIME, TIMESTAMP...), or NULL for enums and Unsupported.
 * Returns: static text. */
const char *shale_ir_type_scalar(uint8_t kind);
uint32_t shale_ir_find_index(const shale_ir_table *t, shale_str name);
uint32_t shale_ir_find_foreign_key(const shale_ir_table *t, shale_str name);

/* ---- order ----------------------------------------------------------------------- */

/* Byte-order name comparison of two namespaces, as strcmp. */
int shale_ir_namespace_cmp(const shale_ir *ir, uint32_t a, uint32_t b);

/* Sorts into the canonical order that does not depend on how the IR was filled:
 * namespaces by name; enums and tables by (namespace name, name); each table's
 * indexes and foreign keys by name. Columns keep their positions (they are ordinal).
 * All cross references are remapped and the lookup tables rebuilt.
 * Returns: 0 or SHALE_ENOMEM (the IR is unchanged then). */
int shale_ir_sort(shale_ir *ir);

#endif
