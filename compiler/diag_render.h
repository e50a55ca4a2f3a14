/* diag_render.h - turns diagnostics into text for people (file:line:col, the source
 * line and a caret underline, optional colour) or into one JSON document for
 * editors and CI. Only the CLI calls these (house style rule 5). */
#ifndef SHALE_COMPILER_DIAG_RENDER_H
#define SHALE_COMPILER_DIAG_RENDER_H

#include "runtime/buf.h"
#include "compilation.h"

/* Appends every diagnostic of `c` in human form. Returns: 0 or SHALE_ENOMEM. */
int shale_diag_render_text(shale_buf *out, shale_compilation *c, bool color);

/* Appends one JSON document: {"diagnostics": [...], "errors": N, "warnings": N}.
 * Each diagnostic has file, severity, code, message, start and end ({line, column,
 * offset}; columns count Unicode code points from 1), notes and help.
 * Returns: 0 or SHALE_ENOMEM. */
int shale_diag_render_json(shale_buf *out, shale_compilation *c);

#endif
