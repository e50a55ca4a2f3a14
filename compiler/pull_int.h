/* pull_int.h - what the files of `db pull` share (pull.c names and lays out the models,
 * pull_field.c spells types, defaults and operator classes, pull_config.c reads an
 * existing schema's configuration, pull_merge.c matches an existing schema to the
 * database for re-introspection). Not for use elsewhere. */
#ifndef SHALE_COMPILER_PULL_INT_H
#define SHALE_COMPILER_PULL_INT_H

#include "runtime/buf.h"
#include "common.h"
#include "ir.h"
#include "schema.h"

/* `s` as a PSL string literal (JSON string rules, as Prisma's string_literal()). */
void shale_pull__string(shale_buf *b, shale_str s);


/* Appends " @<prefix>.<Native>(<args>)" when the type is not its scalar's default type
 * (TEXT for String, TIMESTAMP(3) for DateTime...). Nothing for enums and Unsupported. */
void shale_pull__native(shale_buf *b, const shale_ir_type *t, shale_str prefix);

/* Appends " @default(...)" for the column's default, autoincrement() included; nothing
 * when it has none. `enum_names` are the PSL names of the values of the column's enum,
 * parallel to the IR enum's values (NULL for other columns). */
void shale_pull__default(shale_buf *b, const shale_ir_column *col, const shale_ir_enum *e, const shale_str *enum_names);

/* Appends the `ops:` value of an operator class PostgreSQL names `sql`: Prisma's name
 * when it has one ("JsonbPathOps"), else raw("..."). */
void shale_pull__ops(shale_buf *b, shale_str sql);

/* Appends `map: "..."` (", map: ..." unless *first), and clears *first. */
void shale_pull__map_arg(shale_buf *b, bool *first, shale_str map);

/* Appends the fields of a key or index, `names` per column: [a, b(sort: Desc, ops: X)]. */
void shale_pull__index_fields(shale_buf *b, const shale_ir_index_column *cols, uint32_t n, const shale_str *names);

/* Prisma's name of an index method ("Gin"), NULL for BTree (not written). */
const char *shale_pull__method(uint8_t m);

/* Appends `where: raw("...")` (", where: ..." unless first) for a partial index. */
void shale_pull__where(shale_buf *b, const shale_ir_index *ix, bool first);

/* Prisma's name of a referential action ("SetNull"). */
const char *shale_pull__action(uint8_t a);

/* ---- re-introspection (pull_merge.c) ---- */

/* The existing schema matched to an introspected IR by database names. Every array is
 * from the arena given to shale_pull__match(); SHALE_NONE means "not in the old schema". */
typedef struct shale_pull__prev {
    const shale_schema *s;
    uint32_t *model;     /* per IR table: its old model */
    uint32_t *table;     /* per old model: its IR table */
    uint32_t **field;    /* per table, per column: the old model's field */
    uint32_t *m2m;       /* per table: the old m:n relation whose join table it is */
    uint32_t **relation; /* per table, per foreign key: the old relation it is */
    uint32_t *enum_;     /* per IR enum: its old enum */
    uint32_t **value;    /* per IR enum, per value: the old enum's value */
} shale_pull__prev;

/* Matches `s` (a resolved schema without errors) to `ir`. Returns: 0 or SHALE_ENOMEM. */
int shale_pull__match(shale_pull__prev *out, shale_arena *a, const shale_ir *ir, const shale_schema *s);

/* Appends the `///` lines of a comment block (`above`) and a trailing comment, as
 * "<indent>/// text\n" each; other comments are left out, as Prisma does. */
void shale_pull__doc(shale_buf *b, const char *indent, const shale_ast_comment *above,
                     const shale_ast_comment *trailing);
bool shale_pull__has_doc(const shale_ast_comment *above, const shale_ast_comment *trailing);
/* The block has a `///` line whose text is `line`. */
bool shale_pull__doc_has_line(const shale_ast_comment *above, const char *line);

/* Prisma keeps an old @map/@@map even when it names what the name already says. */
bool shale_pull__attrs_have(const shale_ast_attrs *attrs, const char *name);
bool shale_pull__block_has_map(const shale_ast_block *b);

/* Appends " @default(uuid())" (cuid, nanoid, ulid) for a default made by the client. */
void shale_pull__client_default(shale_buf *b, const shale_default *d);

/* Appends `, name: "..."`: the client name old model `om` (may be NULL) gives the
 * compound id or unique (`kind`: SHALE_INDEX_*) called `db_name` in the database. */
void shale_pull__client_name(shale_buf *b, const shale_model *om, uint8_t kind, shale_str db_name);

/* The order to write table tb's indexes in (`out`, tb->n_indexes entries; `placed` is
 * zeroed scratch of as many): the ones old model `om` (may be NULL) has, in its order,
 * then the others in the IR's. */
void shale_pull__index_order(uint32_t *out, bool *placed, const shale_ir_table *tb, const shale_model *om);

/* relationMode = "prisma": old relation r can be written again (both models are still
 * tables and have all its columns; `fields` are the field names per table and column). */
bool shale_pull__emulated_ok(const shale_pull__prev *p, const shale_ir *ir, uint32_t r, shale_str *const *fields);

/* Appends old relation field f of old model `model` as `name`, its type named after
 * `model_names` (per table), its @relation as written. */
void shale_pull__emulated_field(shale_buf *b, const shale_pull__prev *p, const shale_ir *ir, uint32_t model,
                                uint32_t f, shale_str name, const shale_str *model_names, shale_str *const *fields);

#endif
