/* introspect.h - introspection: a live PostgreSQL database's catalog read into the
 * relational IR (ir.h), the same IR lowering a schema produces, so that the differ can
 * compare a database with a schema (drift, `migrate diff --from-url`) or two databases.
 *
 * What is read, per requested schema (namespace): enums (values in enumsortorder),
 * tables (relkind r and p, partitions excluded, `_prisma_migrations` excluded), their
 * columns in attnum order with type, nullability and default, primary keys, indexes
 * (unique and plain, method, sort order, non-default operator classes, partial index
 * predicates) and foreign keys, and the database's extensions (all but plpgsql, which
 * every database has). What the IR cannot hold is left out without an error: CHECK and
 * EXCLUDE constraints, views, sequences' options, expression indexes and indexes of
 * other access methods, INCLUDE columns, NULLS FIRST/LAST, deferrability, comments,
 * generated columns' expressions, foreign keys to tables outside the requested
 * schemas; types the IR does not know are SHALE_IR_TYPE_UNSUPPORTED with format_type()'s
 * text. See ../shared/design/MIGRATE-DETAIL.md section 7 for the catalog.
 *
 * Types and defaults are spelled the way lowering spells them (lower.c), so a database
 * made by a schema's creation script diffs empty against that schema: a sequence
 * default (nextval) or an identity column is `autoincrement` with no default, literals
 * become typed defaults, anything else stays a DBGENERATED expression in PostgreSQL's
 * text (as Prisma keeps it). Where PostgreSQL keeps less than the schema says,
 * introspection gives the canonical form: CHAR(1) and BIT(1) come back without a length
 * (PostgreSQL's `CHAR` and `BIT` are those types), ascending index columns as
 * SHALE_IR_SORT_NONE, an operator class only when it is not the column's default.
 *
 * All queries are parameterised ($1 = the schema names as text[]), a fixed handful per
 * call whatever the number of tables. When the connection is idle they run in one
 * READ ONLY REPEATABLE READ transaction, so the picture is consistent; inside the
 * caller's transaction they run there.
 */
#ifndef SHALE_COMPILER_INTROSPECT_H
#define SHALE_COMPILER_INTROSPECT_H

#include "arena.h"
#include "common.h"
#include "ir.h"

#include <libpq-fe.h>
#include <stdint.h>

/* Reads the tables, columns, enums, primary keys, indexes and foreign keys of the
 * given schemas (namespaces) into a new IR whose default namespace is default_ns.
 * Every requested schema that exists becomes a namespace (duplicates are read once);
 * enums and tables are in shale_ir_sort() order. `schemas` and `default_ns` are
 * copied; the connection is only borrowed (it must be open and not in a failed
 * transaction) and is left as it was found.
 * Errors: SHALE_ENOMEM, or SHALE_EIO with *err (malloc'd, caller frees with free())
 * saying which query failed and PostgreSQL's message; *err is NULL otherwise (err may
 * be NULL when the caller does not want the message).
 * Returns: 0 with *out borrowed from `arena` (everything in the IR, text included, is
 * an arena copy), valid until the arena is freed; *out is NULL on failure. */
int shale_introspect(PGconn *conn, const shale_str *schemas, uint32_t n_schemas, shale_str default_ns,
                     shale_arena *arena, shale_ir **out, char **err);

#endif
