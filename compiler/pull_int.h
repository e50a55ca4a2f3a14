/* pull_int.h - what the files of `db pull` share (pull.c names and lays out the models,
 * pull_field.c spells types, defaults and operator classes, pull_config.c reads an
 * existing schema's configuration). Not for use elsewhere. */
#ifndef SHALE_COMPILER_PULL_INT_H
#define SHALE_COMPILER_PULL_INT_H

#include "runtime/buf.h"
#include "common.h"
#include "ir.h"

/* `s` as a PSL string literal (JSON string rules, as Prisma's string_literal()). */
void shale_pull__string(shale_buf *b, shale_str s);

/* The Prisma scalar type of a column type ("String", "DateTime"...), or NULL for enum and
 * Unsupported columns. */
const char *shale_pull__scalar(const shale_ir_type *t);

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

#endif
