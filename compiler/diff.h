/* diff.h - the differ: the ordered steps that take a database shaped like one IR
 * (`prev`) to the shape of another (`next`), as Prisma's schema engine computes them.
 *
 * The differ only decides *what* changes and in which order; diff_render.c spells the
 * steps as SQL, diff_check.c finds the ones that can lose data or fail on existing
 * rows, diff_summary.c describes them for a person. Pairing, change detection and the
 * order follow ../shared/design/MIGRATE-DETAIL.md section 1 (checked against Prisma's
 * engine with the cases in tests/golden/diff):
 *  - tables and enums pair by (namespace, name), columns by name; there is no rename
 *    detection, so a renamed table or column is a drop and a create;
 *  - indexes pair by shape (columns, sort orders, uniqueness, method, operator
 *    classes, predicate), so an index whose only change is its name is renamed;
 *  - foreign keys pair by shape too (columns, referenced table and columns, actions);
 *  - steps are sorted by kind in the order of shale_step_kind, then by the objects'
 *    positions in their IR, which is what makes the script run top to bottom.
 *
 * Memory: a shale_diff and its arrays live in the arena given to shale_diff_compute();
 * it borrows both IRs, which must outlive it.
 */
#ifndef SHALE_COMPILER_DIFF_H
#define SHALE_COMPILER_DIFF_H

#include "arena.h"
#include "ir.h"

#include <stdbool.h>
#include <stdint.h>

/* Step kinds, in the order the steps run (and Prisma sorts them). The name each one
 * has in a script's `-- <Kind>` comment is shale_step_name(). */
typedef enum shale_step_kind {
    SHALE_STEP_CREATE_SCHEMA,      /* next_obj: namespace in next */
    SHALE_STEP_CREATE_EXTENSION,   /* next_obj: extension in next */
    SHALE_STEP_CREATE_ENUM,        /* next_obj: enum in next */
    SHALE_STEP_ALTER_ENUM,         /* prev_obj/next_obj: the enum pair; values added and removed */
    SHALE_STEP_DROP_FOREIGN_KEY,   /* prev_table, prev_obj: the foreign key in prev */
    SHALE_STEP_DROP_INDEX,         /* prev_table, prev_obj */
    SHALE_STEP_ALTER_TABLE,        /* prev_table/next_table; changes[first .. first+count) */
    SHALE_STEP_DROP_TABLE,         /* prev_table */
    SHALE_STEP_DROP_ENUM,          /* prev_obj */
    SHALE_STEP_CREATE_TABLE,       /* next_table */
    SHALE_STEP_CREATE_INDEX,       /* next_table, next_obj; prev_table NONE for a new table */
    SHALE_STEP_RENAME_FOREIGN_KEY, /* prev_table/prev_obj -> next_table/next_obj */
    SHALE_STEP_ADD_FOREIGN_KEY,    /* next_table, next_obj */
    SHALE_STEP_RENAME_INDEX,       /* prev_table/prev_obj -> next_table/next_obj */
} shale_step_kind;

typedef struct shale_step {
    uint8_t kind;       /* shale_step_kind */
    bool recreated;     /* CREATE_INDEX: put back after a column of it was dropped and re-added */
    uint32_t prev_table, next_table; /* SHALE_IR_NONE when the step has none */
    uint32_t prev_obj, next_obj;     /* index, foreign key, enum, namespace or extension */
    /* ALTER_TABLE: its changes in shale_diff.changes. ALTER_ENUM: added values (indexes
     * in the next enum) at values[first .. first+count), removed ones (indexes in the
     * prev enum) at values[first2 .. first2+count2). */
    uint32_t first, count, first2, count2;
} shale_step;

/* What changes in one table of an ALTER_TABLE step, in the order of the clauses. */
typedef enum shale_table_change_kind {
    SHALE_TC_DROP_PRIMARY_KEY,
    SHALE_TC_RENAME_PRIMARY_KEY,
    SHALE_TC_DROP_COLUMN,       /* prev_column */
    SHALE_TC_ADD_COLUMN,        /* next_column */
    SHALE_TC_ALTER_COLUMN,      /* both */
    SHALE_TC_RECREATE_COLUMN,   /* both: no cast exists, so DROP COLUMN + ADD COLUMN */
    SHALE_TC_ADD_PRIMARY_KEY,
} shale_table_change_kind;

/* Bits of shale_table_change.changes, in the order their clauses are written. */
enum {
    SHALE_COLUMN_ARITY = 1,         /* required / nullable / list */
    SHALE_COLUMN_DEFAULT = 2,
    SHALE_COLUMN_TYPE = 4,
    SHALE_COLUMN_AUTOINCREMENT = 8,
};

/* How a type change treats the data already in the column. */
typedef enum shale_cast {
    SHALE_CAST_NONE,         /* the type does not change */
    SHALE_CAST_SAFE,         /* every value converts */
    SHALE_CAST_RISKY,        /* values may be cut or fail to convert */
    SHALE_CAST_NOT_CASTABLE, /* PostgreSQL has no cast: the column is dropped and re-added */
} shale_cast;

typedef struct shale_table_change {
    uint8_t kind;    /* shale_table_change_kind */
    uint8_t changes; /* SHALE_COLUMN_* bits (ALTER_COLUMN, RECREATE_COLUMN) */
    uint8_t cast;    /* shale_cast */
    bool client_default; /* ADD_COLUMN: the column has a default only the client fills in */
    uint32_t prev_column, next_column;
} shale_table_change;

typedef struct shale_diff {
    const shale_ir *prev, *next;
    shale_step *steps;
    uint32_t n_steps;
    shale_table_change *changes;
    uint32_t n_changes;
    uint32_t *values; /* ALTER_ENUM value lists */
    /* prev table -> its next table (SHALE_IR_NONE when dropped), and back. */
    uint32_t *next_of_prev_table, *prev_of_next_table;
} shale_diff;

/* Computes the steps from `prev` to `next` (either may be an empty IR). Both IRs must
 * pass shale_ir_check() and use the same default namespace.
 * Returns: 0, SHALE_ENOMEM, or SHALE_EINVAL for an IR that fails shale_ir_check().
 * *out is borrowed from `arena`. */
int shale_diff_compute(shale_diff **out, const shale_ir *prev, const shale_ir *next, shale_arena *arena);

/* The step's name in a migration script's comment header ("CreateTable"). */
const char *shale_step_name(uint8_t kind);

/* How PostgreSQL treats changing `prev`'s type to `next`'s (arity included), as
 * Prisma's engine classifies it. */
shale_cast shale_diff_cast(const shale_ir *pir, const shale_ir_column *prev, const shale_ir *nir,
                           const shale_ir_column *next);

/* The column's default as Prisma's differ sees it: an autoincrement column of a
 * schema has a sequence default with an empty name (which is why Prisma's script
 * for dropping autoincrement ends with DROP SEQUENCE ""). Borrowed, never NULL unless
 * the column has no default. */
const shale_ir_default *shale_diff_column_default(const shale_ir_column *col);

/* Whether two column defaults count as the same, by Prisma's rules (numbers compared
 * as numbers, JSON structurally, DateTime values never compared, dbgenerated() with
 * no argument on the next side matching anything, ...). */
bool shale_diff_defaults_match(const shale_ir_column *prev, const shale_ir_column *next);

#endif
