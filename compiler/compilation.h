/* compilation.h - one run of the compiler over one schema (one or more files): owns
 * the source texts, the arena with everything built from them, and the diagnostics.
 * Stages (parse now; resolve, lower, diff later) hang their results off it. */
#ifndef SHALE_COMPILER_COMPILATION_H
#define SHALE_COMPILER_COMPILATION_H

#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "source.h"

typedef struct shale_compilation {
    shale_arena arena;
    shale_diag_sink diags;
    shale_source *sources; /* heap array, one per file, in load order */
    shale_ast_file **asts; /* parallel to sources; NULL until parsed */
    size_t n_sources, cap_sources;
} shale_compilation;

/* Returns: 0 or SHALE_ENOMEM; *out is freed by the caller with shale_compilation_free(). */
int shale_compilation_new(shale_compilation **out);

/* Frees the compilation and everything borrowed from it (sources, AST, diagnostics).
 * Accepts NULL. */
void shale_compilation_free(shale_compilation *c);

/* Adds a source from memory; the text is copied. `path` is used in diagnostics.
 * Returns: 0, SHALE_ENOMEM, or SHALE_EINVAL when the text is larger than
 * SHALE_SOURCE_MAX_BYTES. */
int shale_compilation_add_source(shale_compilation *c, const char *path, const char *text, size_t len,
                                 uint32_t *out_file_id);

/* Reads a file and adds it as a source. On SHALE_EIO, errno says why and an E0090
 * diagnostic names the file. Returns: 0, SHALE_EIO, SHALE_EINVAL (too large) or SHALE_ENOMEM. */
int shale_compilation_add_file(shale_compilation *c, const char *path, uint32_t *out_file_id);

/* Adds a schema: a file, or a folder whose `.prisma` files (searched recursively,
 * in sorted path order) form one schema, as in Prisma. A folder without any is an
 * error (E0092). Returns: 0, SHALE_EIO, SHALE_EINVAL, SHALE_ENOTFOUND or SHALE_ENOMEM. */
int shale_compilation_add_schema_path(shale_compilation *c, const char *path);

/* Parses every source not parsed yet. Syntax errors go to c->diags.
 * Returns: 0 or SHALE_ENOMEM. */
int shale_compilation_parse(shale_compilation *c);

/* The number of syntax errors in all parsed files. */
size_t shale_compilation_syntax_errors(const shale_compilation *c);

#endif
