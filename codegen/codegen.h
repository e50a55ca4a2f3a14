/* codegen.h - `shale generate`: the typed schema and its IR in, one C header and one
 * C source out (the API of ../shared/design/STYLE.md Part 3). The generated code
 * describes each model with the static tables of runtime/shale_model.h and calls the
 * runtime's generic shale_q_* operations through thin typed wrappers.
 *
 * Pipeline: compilation -> parse -> resolve -> lower -> shale_codegen_find() reads the
 * `generator` blocks -> shale_codegen_emit() -> the CLI writes the files.
 *
 * Memory: everything returned is borrowed from the compilation's arena (valid until
 * shale_compilation_free()); text is appended to caller-owned shale_bufs.
 */
#ifndef SHALE_CODEGEN_CODEGEN_H
#define SHALE_CODEGEN_CODEGEN_H

#include "compiler/ir.h"
#include "compiler/schema.h"
#include "runtime/buf.h"

/* Diagnostic codes of the generator (E2xxx: code generation). */
#define SHALE_E_CODEGEN_CONFIG "E2001" /* a shale-c generator block: bad provider, output or prefix */
#define SHALE_E_CODEGEN_NAME   "E2002" /* two schema names become the same C name, or one cannot be C */
#define SHALE_E_CODEGEN_NONE   "E2003" /* no shale-c generator and no --out */

/* The provider of the generator blocks shale-c answers to. */
#define SHALE_CODEGEN_PROVIDER "shale-c"
#define SHALE_CODEGEN_DEFAULT_PREFIX "db"

/* One `generator NAME { provider = "shale-c" ... }` block. */
typedef struct shale_codegen_target {
    shale_str name;       /* the block's name */
    shale_span span;      /* the block's name, for diagnostics */
    const char *output;   /* `output` resolved against the folder of the file holding the
                             block ("../gen" beside /p/schema.prisma: "/p/../gen"); NULL
                             when the block has none */
    const char *prefix;   /* `prefix`, NULL when not given */
    shale_span prefix_span;
} shale_codegen_target;

/* The shale-c generator blocks of the compilation's files, in source order; blocks
 * with other providers are ignored. Problems (a value that is not a string, an
 * unknown key is fine: Prisma passes keys through) go to c->diags.
 * Returns: 0 or SHALE_ENOMEM; *out borrowed from c's arena. */
int shale_codegen_find(shale_compilation *c, shale_codegen_target **out, size_t *n_out);

/* True when `prefix` can prefix C names: [a-z][a-z0-9_]*, at most 32 bytes. */
bool shale_codegen_prefix_ok(const char *prefix);

typedef struct shale_codegen_options {
    const char *prefix;      /* "db" */
    const char *source_name; /* for the "generated from" line: the schema's file name */
} shale_codegen_options;

/* The header (<prefix>.h) into `h` and the source (<prefix>.c, which includes
 * "<prefix>.h") into `c`. `ir` is shale_lower()'s IR of `s` (column types and table
 * names come from it). Names that cannot be C, or that two schema names share after
 * snake-casing, are reported to s->comp->diags.
 * Returns: 0, SHALE_EINVAL (errors reported; the buffers hold nothing useful) or
 * SHALE_ENOMEM. */
int shale_codegen_emit(const shale_schema *s, const shale_ir *ir, const shale_codegen_options *opts, shale_buf *h,
                       shale_buf *c);

#endif
