/* diff_summary.h - a diff described for a person, in the words and layout of Prisma's
 * `migrate diff` summary (and its drift report): sections for added and removed
 * enums and tables, then one section per changed enum and per changed table (by
 * name), each line one step; "No difference detected." when there is nothing.
 *
 * Memory: output is appended to a caller-owned shale_buf; sets out->oom on failure.
 */
#ifndef SHALE_COMPILER_DIFF_SUMMARY_H
#define SHALE_COMPILER_DIFF_SUMMARY_H

#include "runtime/buf.h"
#include "diff.h"

/* Returns: 0 or SHALE_ENOMEM. */
int shale_diff_render_summary(shale_buf *out, const shale_diff *d);

#endif
