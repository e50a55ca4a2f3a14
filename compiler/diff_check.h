/* diff_check.h - the destructive-change checker: which steps of a diff can lose data
 * (warnings) and which cannot run on a table that has rows (unexecutable steps), with
 * Prisma's exact wording so that a `migration.sql` header shale writes reads as the
 * one Prisma would write.
 *
 * A check names its objects; its message depends on what is known about the data:
 * without a database every count is unknown (SHALE_COUNT_UNKNOWN) and the message
 * speaks in general terms; with counts it gives them, and a check on an empty table
 * or column says nothing at all.
 *
 * Memory: the checks live in the arena given to shale_diff_checks() and borrow the
 * diff; messages are appended to caller-owned shale_bufs.
 */
#ifndef SHALE_COMPILER_DIFF_CHECK_H
#define SHALE_COMPILER_DIFF_CHECK_H

#include "runtime/buf.h"
#include "diff.h"

#include <stdint.h>

#define SHALE_COUNT_UNKNOWN (-1)

typedef enum shale_check_kind {
    /* warnings: data may be lost */
    SHALE_CHECK_TABLE_DROP,
    SHALE_CHECK_COLUMN_DROP,
    SHALE_CHECK_RISKY_CAST,
    SHALE_CHECK_NOT_CASTABLE,
    SHALE_CHECK_RECREATE_COLUMN,
    SHALE_CHECK_PRIMARY_KEY_CHANGE,
    SHALE_CHECK_UNIQUE_ADDITION,
    SHALE_CHECK_ENUM_VALUE_REMOVAL,
    /* unexecutable: the step fails when the table has rows */
    SHALE_CHECK_ADDED_REQUIRED,
    SHALE_CHECK_ADDED_REQUIRED_CLIENT_DEFAULT,
    SHALE_CHECK_MADE_REQUIRED,
    SHALE_CHECK_MADE_LIST,
    SHALE_CHECK_RECREATE_REQUIRED,
} shale_check_kind;

typedef struct shale_check {
    uint8_t kind;     /* shale_check_kind */
    uint32_t step;    /* index in the diff's steps */
    uint32_t table;   /* prev table, or next table for the ADDED_* and UNIQUE checks */
    uint32_t column;  /* prev column (next column for ADDED_*); SHALE_IR_NONE for table checks */
    uint32_t obj;     /* UNIQUE_ADDITION: the next index; casts: the table change */
} shale_check;

/* Whether `kind` is an unexecutable step rather than a warning. */
bool shale_check_is_unexecutable(uint8_t kind);

/* The checks of `d`, warnings and unexecutable steps mixed, in step order.
 * Returns: 0 or SHALE_ENOMEM. *out is borrowed from `arena` (NULL when *n is 0). */
int shale_diff_checks(const shale_diff *d, shale_arena *arena, shale_check **out, uint32_t *n);

/* The table a check counts rows in (`*next_side` tells which IR holds it) and the
 * column whose non-null values it counts (SHALE_IR_NONE: none needed). */
void shale_check_subject(const shale_diff *d, const shale_check *c, bool *next_side, uint32_t *table,
                         uint32_t *column);

/* Appends the check's message given the table's row count and the column's non-null
 * value count (each SHALE_COUNT_UNKNOWN when not known).
 * Returns: false when the counts show there is nothing to lose (nothing appended). */
bool shale_check_message(shale_buf *out, const shale_diff *d, const shale_check *c, int64_t rows, int64_t values);

/* The "Warnings:" comment block Prisma's `migrate dev` puts on top of a
 * migration.sql, count-free: warnings first, then unexecutable steps. Writes nothing
 * when there are no checks. */
void shale_diff_render_warnings_header(shale_buf *out, const shale_diff *d, const shale_check *checks, uint32_t n);

#endif
