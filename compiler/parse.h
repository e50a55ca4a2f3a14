/* parse.h - from source text to AST: runs the re2c lexer and the Lemon parser over
 * one file and reports syntax errors to a diagnostics sink. */
#ifndef SHALE_COMPILER_PARSE_H
#define SHALE_COMPILER_PARSE_H

#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "source.h"

/* Parses `src` (file number `file_id` in spans) into *out. Syntax errors are reported
 * to `diags` and counted in (*out)->n_syntax_errors; they are not a failure.
 * Returns: 0, or SHALE_ENOMEM. *out is borrowed from `arena`, valid until it is freed. */
int shale_parse(shale_ast_file **out, shale_arena *arena, shale_diag_sink *diags, shale_source *src,
                uint32_t file_id);

#endif
