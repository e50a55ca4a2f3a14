/* introspect_int.h - what the files of introspection share (introspect.c reads the
 * catalog, introspect_default.c parses column defaults). Not for use elsewhere. */
#ifndef SHALE_COMPILER_INTROSPECT_INT_H
#define SHALE_COMPILER_INTROSPECT_INT_H

#include "common.h"
#include "ir.h"

/* Sets col->def (and col->autoincrement for a sequence) from `expr`, the text
 * pg_get_expr() gives for the column's default; col->type and col->arity must be set.
 * `expr` is borrowed by the IR (the default's text may point into it), so it must be
 * a copy in the IR's arena. Returns: 0 or SHALE_ENOMEM. */
int shale_introspect__default(shale_ir *ir, shale_ir_column *col, shale_str expr);

#endif
