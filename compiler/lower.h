/* lower.h - lowering: the typed schema (schema.h) to the relational IR for PostgreSQL
 * (ir.h), the way Prisma's schema engine computes its target database: tables in
 * model order, columns in field order, Prisma's default types, defaults and
 * constraint names, implicit many-to-many join tables after the model tables.
 *
 * Memory: the IR is allocated from `arena` (the compilation's); its text borrows the
 * schema's sources or arena copies. Valid until the arena is freed.
 */
#ifndef SHALE_COMPILER_LOWER_H
#define SHALE_COMPILER_LOWER_H

#include "ir.h"
#include "schema.h"

/* Lowers a resolved schema that has no errors (lowering a schema with errors gives an
 * incomplete IR). Views are not lowered: they are not created by migrations.
 * Returns: 0, SHALE_ENOMEM, or SHALE_EINVAL when the schema is inconsistent (a bug or
 * an unchecked error). *out is borrowed from `arena`. */
int shale_lower(const shale_schema *s, shale_arena *arena, shale_ir **out);

/* The column type a scalar, enum or Unsupported field lowers to: its native type, else
 * its scalar's default (TEXT, INTEGER, TIMESTAMP(3), DECIMAL(65,30), ...); an enum field
 * gets `enum_ir_index`, the IR index of its enum. The code generator uses it for views,
 * which are not lowered. Raw text is borrowed from the schema. */
shale_ir_type shale_lower_field_type(const shale_field *f, uint32_t enum_ir_index);

#endif
