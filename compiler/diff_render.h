/* diff_render.h - a diff as PostgreSQL migration SQL, byte for byte what Prisma's
 * engine writes for the same pair of states (`prisma migrate diff --script`):
 * `-- <Step>` comment headers, one blank line between steps, each statement ending
 * with ";\n"; no steps at all give "-- This is an empty migration.\n".
 *
 * Memory: output is appended to a caller-owned shale_buf (shale_buf_free()); an
 * allocation failure sets out->oom. Nothing is retained.
 */
#ifndef SHALE_COMPILER_DIFF_RENDER_H
#define SHALE_COMPILER_DIFF_RENDER_H

#include "runtime/buf.h"
#include "diff.h"

/* Returns: 0 or SHALE_ENOMEM (out->oom is set, the text is truncated). */
int shale_diff_render_script(shale_buf *out, const shale_diff *d);

/* The script that creates everything in `ir` from an empty database, as `prisma
 * migrate diff --from-empty --to-schema ... --script` prints it: the diff from an
 * empty state, so it is the same code path as every other migration.
 * Returns: 0, SHALE_EINVAL when shale_ir_check() rejects the IR (nothing written), or
 * SHALE_ENOMEM (out->oom is set). */
int shale_diff_render_create(shale_buf *out, const shale_ir *ir);

#endif
