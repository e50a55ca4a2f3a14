/* diff_hints.h - what shale tells a person about a diff beyond Prisma's warnings:
 * likely renames. The differ (like Prisma's) has no rename detection, so renaming a
 * column or a table drops it and creates a new one, losing its data; when a dropped
 * and an added object look alike, a hint shows the statement that would keep the
 * data. Hints never change the script. Cautions name the statements of Prisma's
 * script that PostgreSQL rejects.
 *
 * Memory: lines are appended to a caller-owned shale_buf; sets out->oom on failure.
 */
#ifndef SHALE_COMPILER_DIFF_HINTS_H
#define SHALE_COMPILER_DIFF_HINTS_H

#include "runtime/buf.h"
#include "diff.h"

/* Appends one line per hint, each "hint: ...\n". Returns: the number of hints. */
uint32_t shale_diff_rename_hints(shale_buf *out, const shale_diff *d);

/* Steps of `script` (the diff rendered) that PostgreSQL is known to reject: Prisma
 * writes the same bytes, and shale keeps them so the two tools' migrations compare,
 * but says so and how to edit the migration. One "caution: ...\n" line each.
 * Returns: the number of lines. */
uint32_t shale_diff_cautions(shale_buf *out, const shale_diff *d, const char *script, size_t len);

#endif
