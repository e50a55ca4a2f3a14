/* sql_render.h - PostgreSQL text for IR objects, byte for byte as Prisma writes it.
 *
 * The last stage of the pipeline: the differ decides *what* to run and in which order;
 * these functions only decide how each statement is spelled. The single-statement
 * renderers write one statement without the trailing ";" (diff_render.c adds ";\n"
 * and the `-- <Step>` comment headers and assembles scripts, the creation script
 * included).
 *
 * Memory: output is appended to a caller-owned shale_buf (released with
 * shale_buf_free()); an allocation failure sets out->oom and the text is truncated.
 * Nothing is retained from the IR.
 */
#ifndef SHALE_COMPILER_SQL_RENDER_H
#define SHALE_COMPILER_SQL_RENDER_H

#include "runtime/buf.h"
#include "ir.h"

#include <stdbool.h>

/* "name" with double quotes, exactly as Prisma quotes: an embedded `"` is NOT doubled
 * (Prisma's output for such names is invalid SQL; shale mirrors it for byte
 * compatibility, see sql_render.c). */
void shale_pg_quote_ident(shale_buf *out, shale_str name);

/* A table or enum name, qualified as "ns"."name" unless `ns` is the IR's default
 * namespace. */
void shale_sql_render_qualified(shale_buf *out, const shale_ir *ir, uint32_t ns, shale_str name);

/* The column's type as used in a column definition or a cast: `TEXT`, `VARCHAR(255)`,
 * `"Role"[]`, `SERIAL` for an autoincrement INTEGER, ... */
void shale_sql_render_column_type(shale_buf *out, const shale_ir *ir, const shale_ir_column *col);

/* The default expression without the DEFAULT keyword; writes nothing when the column
 * has no default that PostgreSQL sees (none, autoincrement, dbgenerated(), sequence).
 * Returns: whether anything was written. */
bool shale_sql_render_default(shale_buf *out, const shale_ir *ir, const shale_ir_column *col);

/* One column definition with its 4-space indent: `    "name" TYPE NOT NULL DEFAULT x`
 * (ALTER TABLE's `ADD COLUMN ` prefix + this gives Prisma's five spaces). */
void shale_sql_render_column(shale_buf *out, const shale_ir *ir, const shale_ir_column *col);

/* Single statements, without the trailing ";". */
void shale_sql_render_create_schema(shale_buf *out, const shale_ir *ir, uint32_t ns);
void shale_sql_render_create_enum(shale_buf *out, const shale_ir *ir, uint32_t enum_index);
void shale_sql_render_create_table(shale_buf *out, const shale_ir *ir, uint32_t table);
void shale_sql_render_create_index(shale_buf *out, const shale_ir *ir, uint32_t table, uint32_t index);
void shale_sql_render_add_foreign_key(shale_buf *out, const shale_ir *ir, uint32_t table, uint32_t fk);

/* Starts a step of a migration script: a blank line unless `first`, then
 * `-- <kind>\n`. Each statement of the step is then written followed by ";\n". */
void shale_sql_render_step_header(shale_buf *out, const char *kind, bool first);

#endif
