/* format.h - `shale format`: lays a parsed schema file out the way `prisma format`
 * does, byte for byte (psl/schema-ast/src/reformat.rs): aligned columns, block
 * attributes last after one empty line, comments kept, one empty line between
 * blocks. Lines that did not parse are kept verbatim, as Prisma keeps them. */
#ifndef SHALE_COMPILER_FORMAT_H
#define SHALE_COMPILER_FORMAT_H

#include "ast.h"
#include "runtime/buf.h"

/* Appends the formatted text of `file` to `out`. The file must not have a structural
 * error (file->structural_error): without its `}` the layout of a block is unknown,
 * and the caller reports that instead of formatting.
 * Returns: 0, SHALE_EINVAL for a structural error, or SHALE_ENOMEM. */
int shale_format_file(shale_buf *out, const shale_ast_file *file);

#endif
