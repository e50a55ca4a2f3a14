/* constraint_names.h - Prisma's default names for PostgreSQL constraints and indexes.
 *
 * The lowering calls these when a key, index or relation has no `map:` name; the names
 * must match Prisma's byte for byte because they end up in migrations and the differ
 * pairs objects by them. Inputs are database names (after @map/@@map).
 *
 *   primary key   {table}_pkey           table cut to 58 bytes
 *   unique        {table}_{cols}_key     "{table}_{cols}" cut to 59 bytes
 *   index         {table}_{cols}_idx     "{table}_{cols}" cut to 59 bytes
 *   foreign key   {table}_{cols}_fkey    "{table}_{cols}" cut to 58 bytes
 *
 * so that the whole name fits PostgreSQL's 63-byte identifiers; a cut backs off to a
 * UTF-8 character boundary. Implicit many-to-many join tables follow different rules
 * (see the m2m functions), measured against Prisma 7's engine.
 *
 * Memory: every name is allocated from the given arena, NUL-terminated, and valid
 * until that arena is freed. Inputs are only read.
 */
#ifndef SHALE_COMPILER_CONSTRAINT_NAMES_H
#define SHALE_COMPILER_CONSTRAINT_NAMES_H

#include "arena.h"
#include "common.h"

#include <stdint.h>

/* PostgreSQL's NAMEDATALEN - 1: longer identifiers are silently truncated by the server. */
#define SHALE_PG_MAX_IDENT 63

typedef enum shale_cname_kind {
    SHALE_CNAME_PKEY, /* columns are ignored */
    SHALE_CNAME_KEY,
    SHALE_CNAME_IDX,
    SHALE_CNAME_FKEY,
} shale_cname_kind;

/* The largest n <= max (and <= len) such that s[0..n) ends on a UTF-8 character
 * boundary. */
size_t shale_utf8_floor(const char *s, size_t len, size_t max);

/* The default name of a key, index or foreign key of `table` over `cols` (the
 * referencing columns for a foreign key).
 * Returns: 0 or SHALE_ENOMEM; *out is borrowed from `a`. */
int shale_constraint_name(shale_str *out, shale_arena *a, shale_cname_kind kind, shale_str table,
                          const shale_str *cols, uint32_t n_cols);

/* The join table of an implicit many-to-many relation: "_" + relation name (explicit,
 * or "{A}To{B}"), cut to 63 *characters* - not bytes: Prisma counts chars here, so a
 * non-ASCII name can exceed 63 bytes (PostgreSQL then truncates it itself).
 * Returns: 0 or SHALE_ENOMEM; *out is borrowed from `a`. */
int shale_constraint_name_m2m_table(shale_str *out, shale_arena *a, shale_str relation_name);

/* "{join table}_AB_pkey" and "{join table}_B_index": the table part cut to 55
 * characters (again characters, not bytes).
 * Returns: 0 or SHALE_ENOMEM; *out is borrowed from `a`. */
int shale_constraint_name_m2m_pkey(shale_str *out, shale_arena *a, shale_str join_table);
int shale_constraint_name_m2m_b_index(shale_str *out, shale_arena *a, shale_str join_table);

/* "{join table}_A_fkey" / "_B_fkey" (side 'A' or 'B'): the table part cut to 56
 * bytes. Prisma slices bytes here and panics when byte 56 falls inside a character;
 * shale backs off to the character boundary instead.
 * Returns: 0 or SHALE_ENOMEM; *out is borrowed from `a`. */
int shale_constraint_name_m2m_fkey(shale_str *out, shale_arena *a, shale_str join_table, char side);

#endif
