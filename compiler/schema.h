/* schema.h - the typed schema: the AST after name resolution and validation.
 *
 * Every field knows its scalar, enum or model type, its attributes in decoded form
 * (database name, native type, default, id/unique membership) and, for a relation
 * field, the relation it belongs to. Every relation knows both sides, which side
 * holds the foreign key and its referential actions. The lowering (lower.c) reads
 * only this; so will the code generator.
 *
 * Memory: everything is allocated from the compilation's arena and borrows text from
 * its sources; it is valid until shale_compilation_free(). Arrays are (pointer,
 * count) pairs; indexes into them are uint32_t.
 */
#ifndef SHALE_COMPILER_SCHEMA_H
#define SHALE_COMPILER_SCHEMA_H

#include "ast.h"
#include "compilation.h"

#define SHALE_NONE UINT32_MAX /* "no index" in the uint32_t references below */

typedef enum shale_scalar {
    SHALE_SCALAR_STRING,
    SHALE_SCALAR_BOOLEAN,
    SHALE_SCALAR_INT,
    SHALE_SCALAR_BIGINT,
    SHALE_SCALAR_FLOAT,
    SHALE_SCALAR_DECIMAL,
    SHALE_SCALAR_DATETIME,
    SHALE_SCALAR_JSON,
    SHALE_SCALAR_BYTES,
    SHALE_SCALAR_COUNT
} shale_scalar;

/* The scalar's name as written in a schema ("String", ...). */
const char *shale_scalar_name(shale_scalar s);

/* A name Prisma's generated client reserves (parser-database reserved_model_names.rs):
 * no model or enum may be called so ("PrismaClient", JavaScript keywords). */
bool shale_schema_reserved_name(shale_str n);

typedef enum shale_field_kind {
    SHALE_FIELD_SCALAR,
    SHALE_FIELD_ENUM,
    SHALE_FIELD_RELATION,    /* type is a model */
    SHALE_FIELD_UNSUPPORTED, /* Unsupported("...") */
    SHALE_FIELD_UNRESOLVED,  /* unknown type (an error was reported) */
} shale_field_kind;

/* A native type attribute `@db.VarChar(200)`: the name after the prefix and up to two
 * numeric arguments (Decimal takes two); their count and the IR type it lowers to are
 * shale_field's native_n_args and native_ir_kind (kept apart so a field packs tight). */
typedef struct shale_native_type {
    const char *name; /* "VarChar" (static text); NULL when the field has none */
    int32_t args[2];
} shale_native_type;

typedef enum shale_default_kind {
    SHALE_DEFAULT_NONE,
    SHALE_DEFAULT_STRING,  /* value: the decoded string */
    SHALE_DEFAULT_NUMBER,  /* value: the number as written */
    SHALE_DEFAULT_BOOLEAN, /* value: "true" or "false" */
    SHALE_DEFAULT_ENUM,    /* value: the enum value's name (the lowering maps it) */
    SHALE_DEFAULT_LIST,    /* items */
    SHALE_DEFAULT_AUTOINCREMENT,
    SHALE_DEFAULT_NOW,
    SHALE_DEFAULT_DBGENERATED, /* value: the SQL expression; len 0 for dbgenerated() */
    SHALE_DEFAULT_UUID,        /* version: 4 or 7 */
    SHALE_DEFAULT_CUID,        /* version: 1 or 2 */
    SHALE_DEFAULT_NANOID,      /* version: the length, 0 for the default */
    SHALE_DEFAULT_ULID,
} shale_default_kind;

/* Equal defaults other than lists are one shared, read-only copy (most fields with a
 * default have autoincrement(), now(), false or 0); the @default attribute is read
 * from the field's AST. */
typedef struct shale_default {
    shale_str value;
    struct shale_default *items; /* SHALE_DEFAULT_LIST */
    uint32_t n_items;
    uint32_t version;
    uint8_t kind;                /* shale_default_kind */
} shale_default;

/* A large schema has over a hundred thousand fields: keep this small (72 bytes). Its
 * attributes other than @relation are read from `ast` when needed (shale_field_attr). */
typedef struct shale_field {
    const shale_str *map; /* @map's name, NULL without one: read shale_field_db_name() */
    const shale_ast_field *ast;
    const char *name_ptr; /* the field's name (a copy of the AST's view: the checks and
                             the lowering read names of every field, and the AST node
                             is cold by then): read shale_field_name() */
    const shale_default *def; /* NULL when the field has no @default */
    union {
        shale_native_type native; /* SHALE_FIELD_SCALAR only: read it for no other kind */
        shale_str unsupported;    /* SHALE_FIELD_UNSUPPORTED: the decoded type text */
        const shale_ast_attr *relation_attr; /* SHALE_FIELD_RELATION: its first @relation, or
                                                NULL (shale_field_attr() reads it) */
    };
    uint32_t type_index;    /* enum (SHALE_FIELD_ENUM) or model (SHALE_FIELD_RELATION) */
    uint32_t relation;      /* SHALE_FIELD_RELATION: index in schema->relations, or SHALE_NONE */
    uint32_t name_len;      /* of name_ptr */
    uint8_t kind;           /* shale_field_kind */
    uint8_t arity;          /* shale_arity */
    uint8_t scalar;         /* shale_scalar, for SHALE_FIELD_SCALAR */
    uint8_t native_n_args;  /* arguments of the native type */
    uint8_t native_ir_kind; /* the shale_ir_type_kind the native type lowers to (ir.h) */
    bool updated_at;
    bool ignored;
} shale_field;

/* The field's name as written. */
static inline shale_str shale_field_name(const shale_field *f) { return shale_ast__str(f->name_ptr, f->name_len); }

/* The field's name in the database: @map, else its name. */
static inline shale_str shale_field_db_name(const shale_field *f) { return f->map ? *f->map : shale_field_name(f); }

/* The first attribute of field `f` named `name` ("relation"), or NULL. */
const shale_ast_attr *shale_field_attr(const shale_field *f, const char *name);

typedef enum shale_sort { SHALE_SORT_NONE, SHALE_SORT_ASC, SHALE_SORT_DESC } shale_sort;

typedef enum shale_index_kind { SHALE_INDEX_PRIMARY, SHALE_INDEX_UNIQUE, SHALE_INDEX_NORMAL } shale_index_kind;

typedef enum shale_index_method {
    SHALE_METHOD_DEFAULT, /* not written: BTree */
    SHALE_METHOD_BTREE,
    SHALE_METHOD_HASH,
    SHALE_METHOD_GIST,
    SHALE_METHOD_GIN,
    SHALE_METHOD_SPGIST,
    SHALE_METHOD_BRIN,
} shale_index_method;

typedef struct shale_index_field {
    const shale_str *ops; /* operator class, NULL for none (few fields have one): read
                             shale_index_field_ops(); raw("...") keeps the decoded text */
    uint32_t field;       /* index in the model's fields */
    uint8_t sort;         /* shale_sort */
    bool ops_raw;
} shale_index_field;

/* The operator class of an index field, len 0 for none. */
static inline shale_str shale_index_field_ops(const shale_index_field *xf)
{
    shale_str none = {NULL, 0};
    return xf->ops ? *xf->ops : none;
}

/* The arguments of an index that few indexes have. */
typedef struct shale_index_args {
    shale_str name;  /* name: argument (client name), len 0 when absent */
    shale_str map;   /* map: argument, len 0 when absent */
    shale_str where; /* partial index condition (SQL), len 0 when none */
} shale_index_args;

/* @id/@@id, @unique/@@unique and @@index. A large schema has tens of thousands: the
 * arguments most lack are behind `args` (read them with shale_index_name() etc.). */
typedef struct shale_index {
    shale_index_field *fields;
    const shale_index_args *args; /* NULL when none of name:, map:, where: was written */
    shale_str db_name; /* the name in the database: map, else Prisma's default; set by
                          the whole-schema checks for every index of a model (not a
                          view), ptr NULL before; the lowering uses it */
    const shale_ast_attr *attr;
    uint32_t n_fields;
    uint8_t kind;      /* shale_index_kind */
    uint8_t method;    /* shale_index_method */
    bool from_field;   /* written as @id/@unique on a field */
} shale_index;

static inline shale_str shale_index_name(const shale_index *ix)
{
    shale_str none = {NULL, 0};
    return ix->args ? ix->args->name : none;
}

static inline shale_str shale_index_map(const shale_index *ix)
{
    shale_str none = {NULL, 0};
    return ix->args ? ix->args->map : none;
}

static inline shale_str shale_index_where(const shale_index *ix)
{
    shale_str none = {NULL, 0};
    return ix->args ? ix->args->where : none;
}

typedef struct shale_model {
    shale_str name;
    shale_str db_name;     /* @@map, else name */
    shale_str schema_name; /* @@schema, len 0 when absent */
    const shale_ast_block *ast;
    const shale_ast_attr *schema_attr; /* the last @@schema (the checks point at it), or NULL */
    shale_field *fields;
    uint32_t n_fields;
    shale_index *indexes; /* primary key (if any) first, then in source order */
    uint32_t n_indexes, cap_indexes;
    uint32_t primary;     /* index of the primary key in indexes, or SHALE_NONE */
    bool ignored;
    bool is_view;
} shale_model;

typedef struct shale_enum_value {
    shale_str name;
    shale_str db_name;
    const shale_ast_enum_value *ast;
} shale_enum_value;

typedef struct shale_enum {
    shale_str name;
    shale_str db_name;
    shale_str schema_name;
    const shale_ast_block *ast;
    const shale_ast_attr *schema_attr; /* the last @@schema (the checks point at it), or NULL */
    shale_enum_value *values;
    uint32_t n_values;
} shale_enum;

typedef enum shale_action {
    SHALE_ACTION_NONE, /* not written: the default applies */
    SHALE_ACTION_CASCADE,
    SHALE_ACTION_RESTRICT,
    SHALE_ACTION_NO_ACTION,
    SHALE_ACTION_SET_NULL,
    SHALE_ACTION_SET_DEFAULT,
} shale_action;

typedef enum shale_relation_kind {
    SHALE_REL_ONE_TO_ONE,
    SHALE_REL_ONE_TO_MANY,
    SHALE_REL_MANY_TO_MANY, /* implicit: a join table */
} shale_relation_kind;

/* A relation between two relation fields. The referencing side (`from`) holds
 * `fields`/`references`; for m:n, `from` is the model whose name sorts first
 * (column A of the join table). */
typedef struct shale_relation {
    shale_str name;           /* explicit name, or the default "AToB" */
    shale_str map;            /* map: (the foreign key's name), len 0 when absent */
    uint32_t *fields;         /* in from_model */
    uint32_t *references;     /* in to_model */
    const shale_ast_attr *attr; /* the referencing field's @relation (1:1, 1:n), or NULL */
    uint32_t from_model, from_field;
    uint32_t to_model, to_field; /* to_field is SHALE_NONE when the back field is missing */
    uint32_t n_fields;
    uint8_t kind;                 /* shale_relation_kind */
    uint8_t on_delete, on_update; /* shale_action, as written */
    bool named;
    bool ignored;
} shale_relation;

typedef struct shale_datasource {
    shale_str name;
    shale_str provider;
    shale_str *schemas; /* schemas = [...] */
    uint32_t n_schemas;
    bool relation_mode_prisma;
    shale_str *extensions; /* extensions = [...] names (postgresqlExtensions) */
    uint32_t n_extensions;
    bool extension_args;   /* some extension has map/schema/version arguments */
    const shale_ast_block *ast;
} shale_datasource;

typedef struct shale_schema {
    shale_compilation *comp;
    shale_datasource *datasource; /* NULL when the schema has none */
    shale_model *models;
    uint32_t n_models;
    shale_enum *enums;
    uint32_t n_enums;
    shale_relation *relations;
    uint32_t n_relations;
} shale_schema;

/* PostgreSQL's name of a Prisma operator class ("JsonbPathOps" -> "jsonb_path_ops"), or
 * NULL for a name Prisma does not know (validate_index.c holds the table). */
const char *shale_opclass_sql(shale_str name);

/* Resolves and validates the parsed schema of `c` (call shale_compilation_parse
 * first). Every problem is reported to c->diags; the schema is built even when
 * there are errors, from what could be resolved.
 * Returns: 0 or SHALE_ENOMEM. *out is borrowed from c's arena. */
int shale_schema_resolve(shale_compilation *c, shale_schema **out);

/* The database name of a relation's default constraint names etc. use the effective
 * provider schema: `schema_name` of a model, or "public". */
shale_str shale_model_schema(const shale_model *m);

#endif
