/* shale_model.h - the contract between code made by `shale generate` and libshale.
 *
 * Generated code describes each model with static const tables (columns, where they
 * sit in the generated structs, unique criteria, relations) and calls the generic
 * query functions below through thin typed wrappers. Users include the generated
 * header, never this one directly; it is installed because the generated code needs
 * it. The runtime builds parameterised SQL from these tables (identifiers quoted,
 * values always $n parameters), prepares each distinct statement once per client and
 * decodes rows into the generated structs.
 *
 * Memory: descriptors are static and borrowed. Results come back as one owner each:
 * release with shale_result_free(). Inputs are borrowed for the call only.
 */
#ifndef SHALE_RUNTIME_SHALE_MODEL_H
#define SHALE_RUNTIME_SHALE_MODEL_H

#include "shale.h"

#ifdef __cplusplus
extern "C" {
#endif

#define SHALE_NO_OFFSET ((size_t)-1)

/* The C representation of a field (in row, create input, update input and filter). */
typedef enum shale_type {
    SHALE_T_STRING = 1, /* const char *          | shale_set_str      | shale_str_filter      */
    SHALE_T_INT,        /* int32_t / shale_opt_i32 | shale_set_i32     | shale_i32_filter      */
    SHALE_T_BIGINT,     /* int64_t / shale_opt_i64 | shale_set_i64     | shale_i64_filter      */
    SHALE_T_FLOAT,      /* double / shale_opt_f64  | shale_set_f64     | shale_f64_filter      */
    SHALE_T_DECIMAL,    /* shale_decimal           | shale_set_decimal | shale_decimal_filter  */
    SHALE_T_BOOL,       /* bool / shale_opt_bool   | shale_set_bool    | shale_bool_filter     */
    SHALE_T_DATETIME,   /* shale_datetime / _opt_  | shale_set_datetime| shale_datetime_filter */
    SHALE_T_JSON,       /* shale_json              | shale_set_json    | shale_json_filter     */
    SHALE_T_BYTES,      /* shale_bytes / _opt_     | shale_set_bytes   | shale_bytes_filter    */
    SHALE_T_ENUM,       /* the C enum (int-sized)  | shale_set_enum    | shale_enum_filter     */
} shale_type;
/* A field with SHALE_F_LIST is a shale_<t>_list in rows and inputs (enum lists:
 * shale_enum_list), shale_set_<t>_list in updates, shale_list_filter in filters. A
 * nullable value-type field (Int?, Boolean?, DateTime?, Bytes?, ...) is the
 * shale_opt_* type in rows and create inputs; a required one is the bare type in rows.
 * In create inputs a field that may be left out (SHALE_F_OPTIONAL_IN_CREATE) is the
 * shale_opt_* type (pointer types: NULL = left out; enums: 0; lists: a NULL `items`
 * with len 0 = left out, so an empty list is given as a non-NULL `items` with len 0). */

enum {
    SHALE_F_NULLABLE = 1 << 0,           /* Type? */
    SHALE_F_LIST = 1 << 1,               /* Type[] */
    SHALE_F_ID = 1 << 2,                 /* part of the primary key */
    SHALE_F_DB_DEFAULT = 1 << 3,         /* the database fills it when left out */
    SHALE_F_UPDATED_AT = 1 << 4,         /* @updatedAt: set to now on create and update */
    SHALE_F_OPTIONAL_IN_CREATE = 1 << 5, /* may be left out of a create input */
};

/* Client-side defaults, filled by the runtime when the create input leaves them out,
 * as Prisma's client does. */
typedef enum shale_gen {
    SHALE_GEN_NONE = 0,
    SHALE_GEN_UUID4,
    SHALE_GEN_UUID7,
    SHALE_GEN_CUID,
    SHALE_GEN_CUID2,
    SHALE_GEN_NANOID, /* gen_arg: length (21 when 0) */
    SHALE_GEN_ULID,
    SHALE_GEN_NOW,    /* now() on a field whose column has no database default */
} shale_gen;

typedef struct shale_enum_desc {
    const char *sql_type;            /* quoted, schema-qualified: "\"public\".\"Role\"" */
    size_t n_values;
    const char *const *db_values;    /* value i (0-based) has the C value i + 1 */
} shale_enum_desc;

typedef struct shale_field_desc {
    const char *name;       /* the field's name in the schema (for messages) */
    const char *column;     /* the column's name, unquoted */
    const char *sql_type;   /* the column's type for casting parameters: "text",
                               "integer", "timestamp(3)", "\"public\".\"Role\"[]", ... */
    unsigned short type;    /* shale_type */
    unsigned short flags;   /* SHALE_F_* */
    unsigned short gen;     /* shale_gen */
    unsigned short gen_arg;
    const shale_enum_desc *enum_desc; /* SHALE_T_ENUM */
    size_t row_offset;      /* in the row struct */
    size_t create_offset;   /* in the create input */
    size_t update_offset;   /* in the update input (shale_set_*) */
    size_t where_offset;    /* in the where struct (filter) */
} shale_field_desc;

/* A unique criterion (@id, @@id, @unique, @@unique) as a member of the generated
 * `<model>_where_unique`. Single-field criteria on pointer types (String, Decimal,
 * Json) are the bare pointer (NULL = not given); every other criterion is a struct whose
 * first member is `bool has`, followed by one member per field, in order. */
typedef struct shale_unique_desc {
    const char *name;              /* member name in where_unique: "id", "match_id_set_number" */
    size_t n_fields;
    const unsigned short *fields;  /* indexes into the model's fields */
    size_t has_offset;             /* offset of `has`, SHALE_NO_OFFSET for a bare pointer */
    const size_t *value_offsets;   /* offset of each field's value in where_unique */
} shale_unique_desc;

typedef struct shale_model_desc shale_model_desc;

/* A relation field, as seen from the model that has it. Rows get a pointer member:
 * to-one `<target> *` (NULL when not included or no related row), to-many a
 * `<target>_list *` (NULL when not included, else a list, possibly empty). */
typedef struct shale_relation_desc {
    const char *name;                 /* the relation field's name */
    const shale_model_desc *target;
    bool to_many;
    /* The join condition: local.columns[i] = target.columns[i] (field indexes). For
     * m:n relations these are the primary keys of both sides and `join_table` is set. */
    size_t n_keys;
    const unsigned short *local_fields;
    const unsigned short *target_fields;
    const char *join_table;           /* quoted, schema-qualified "\"public\".\"_AToB\"", or NULL */
    const char *join_local_column;    /* "A" or "B": the column holding this side's key */
    const char *join_target_column;
    size_t row_offset;                /* the pointer member in the row struct */
    size_t include_offset;            /* the bool member in `<model>_include` */
    /* Relation filters and nested includes. Every descriptor must set both (0 is a valid
     * offset): SHALE_NO_OFFSET when the struct has no such member. */
    size_t where_offset;              /* the relation's filter in `<model>_where`: a
                                         shale_rel_many_filter (to-many) or a
                                         shale_rel_one_filter (to-one) layout */
    size_t include_nested_offset;     /* `const <target>_include *<name>_include` in
                                         `<model>_include`: the target's own relations */
} shale_relation_desc;

/* The layouts of a relation's member in `<model>_where`; the generated structs spell
 * the pointers with the target's where type (`struct { const db_post_where *some,
 * *every, *none; } posts;`). NULL = not given. Each given test must hold:
 *   some    at least one related row matches   (EXISTS)
 *   every   no related row fails to match      (NOT EXISTS ... NOT); true when none
 *   none    no related row matches             (NOT EXISTS)
 *   is      the related row exists and matches (EXISTS)
 *   is_not  no related row that matches        (NOT EXISTS); true when there is none
 * An all-zero target where matches every row, so `is = &(db_user_where){0}` asks for
 * "has a related row" and `is_not` the same for "has none" (Prisma's `isNot: {}`). */
typedef struct shale_rel_many_filter {
    const void *some, *every, *none;
} shale_rel_many_filter;
typedef struct shale_rel_one_filter {
    const void *is, *is_not;
} shale_rel_one_filter;

/* The layout of these descriptors. Generated code writes it first in every
 * shale_model_desc; the runtime refuses a descriptor of another layout with SHALE_EINVAL
 * ("regenerate"), and code generated for an older layout no longer compiles cleanly
 * against this header (its first initializer is the model's name, not a number: an
 * error for clang and gcc 14, a warning for older gcc). Bumped whenever a descriptor
 * struct changes. */
#define SHALE_MODEL_ABI 2

struct shale_model_desc {
    unsigned abi;            /* SHALE_MODEL_ABI */
    const char *name;        /* model name ("User") */
    const char *table;       /* quoted, schema-qualified: "\"public\".\"User\"" */
    size_t row_size;         /* sizeof the row struct */
    size_t n_fields;
    const shale_field_desc *fields; /* scalar and enum fields, in schema order */
    size_t n_uniques;
    const shale_unique_desc *uniques; /* primary key first */
    size_t n_relations;
    const shale_relation_desc *relations;
    /* The where struct: filters at each field's where_offset (and each relation's), then
     * AND/OR/NOT arrays: `const <model>_where *AND; size_t n_AND;` etc. */
    size_t where_size;
    size_t where_and_offset, where_n_and_offset;
    size_t where_or_offset, where_n_or_offset;
    size_t where_not_offset, where_n_not_offset;
};

/* A list result: the generated `<model>_list` has exactly this layout. */
typedef struct shale_list {
    size_t len;
    void *items; /* len rows of row_size bytes */
} shale_list;

/* The arguments of find_many/find_first (the generated `<model>_find_many_args` begins
 * with a `<model>_where where;` member; its other members are passed here). */
typedef struct shale_find_args {
    const void *where;             /* NULL = all rows */
    const shale_order_by *order_by;
    size_t n_order_by;             /* field = index into the model's fields */
    int64_t skip;
    int64_t take;                  /* 0 = no limit */
    const void *include;           /* `<model>_include` or NULL; a relation is loaded when
                                      its bool is true or its `_include` pointer is set,
                                      one query per relation and level for the batch */
} shale_find_args;

/* The generic operations behind the generated helpers. `m` is the model; `in`,
 * `where_unique`, `data`, `where` and `include` point at the generated structs.
 * Row results: *out is a row of m->row_size bytes, caller frees with
 * shale_result_free(). Errors as shale.h describes (unique violation: SHALE_EUNIQUE
 * with err->constraint; no row: SHALE_ENOTFOUND; two or zero criteria set in a
 * where_unique: SHALE_EINVAL). */
int shale_q_create(void **out, shale_client *c, const shale_model_desc *m, const void *in,
                   shale_error *err);
/* COPY ... FROM STDIN for `n` inputs laid out `stride` bytes apart (rows that leave
 * database defaults out are grouped so each group is one COPY). *out_rows: rows inserted. */
int shale_q_create_many(int64_t *out_rows, shale_client *c, const shale_model_desc *m,
                        const void *inputs, size_t n, size_t stride, shale_error *err);
/* *out = NULL (and 0 returned) when no row matches. */
int shale_q_find_unique(void **out, shale_client *c, const shale_model_desc *m,
                        const void *where_unique, const void *include, shale_error *err);
/* *out = NULL (and 0 returned) when no row matches. */
int shale_q_find_first(void **out, shale_client *c, const shale_model_desc *m,
                       const shale_find_args *args, shale_error *err);
int shale_q_find_many(shale_list **out, shale_client *c, const shale_model_desc *m,
                      const shale_find_args *args, shale_error *err);
int shale_q_count(int64_t *out, shale_client *c, const shale_model_desc *m, const void *where,
                  shale_error *err);
/* SHALE_ENOTFOUND when no row matches. */
int shale_q_update(void **out, shale_client *c, const shale_model_desc *m,
                   const void *where_unique, const void *data, shale_error *err);
int shale_q_update_many(int64_t *out_rows, shale_client *c, const shale_model_desc *m,
                        const void *where, const void *data, shale_error *err);
/* INSERT ... ON CONFLICT (criterion's columns) DO UPDATE ... RETURNING. */
int shale_q_upsert(void **out, shale_client *c, const shale_model_desc *m,
                   const void *where_unique, const void *create, const void *update,
                   shale_error *err);
/* SHALE_ENOTFOUND when no row matches. `out` may be NULL. */
int shale_q_delete(void **out, shale_client *c, const shale_model_desc *m,
                   const void *where_unique, shale_error *err);
int shale_q_delete_many(int64_t *out_rows, shale_client *c, const shale_model_desc *m,
                        const void *where, shale_error *err);

/* Enum helpers for the generated `<enum>_name()` / `<enum>_parse()`.
 * Returns: the database value (static) or NULL; the C value or 0. */
const char *shale_enum_name(const shale_enum_desc *e, int value);
int shale_enum_parse(const shale_enum_desc *e, const char *text);

#ifdef __cplusplus
}
#endif

#endif
