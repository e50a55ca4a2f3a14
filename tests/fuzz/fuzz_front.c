/* fuzz_front.c - libFuzzer target for the front end: lexer + parser + resolver
 * (semantic checks, on input without syntax errors) + diagnostics rendering +
 * formatter, and for a schema that validates: the lowering, the creation script
 * (the differ from an empty state) and the C code generator. Any input must be handled without a crash, a leak or a
 * hang, and on input that parses cleanly formatting must reach a fixed point: the
 * formatted text parses cleanly and formatting it again changes nothing, checked from
 * the second pass on. (Prisma's own first pass is not always a fixed point, e.g. for
 * `}model B {` on one line, and shale matches Prisma byte for byte; see the note on
 * idempotence in format.c.) Built by tests/fuzz/run-fuzz.sh. */
#include "codegen/codegen.h"
#include "compiler/compilation.h"
#include "compiler/diag_render.h"
#include "compiler/diff_render.h"
#include "compiler/format.h"
#include "compiler/lower.h"
#include "compiler/schema.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

/* What a valid schema goes on to: its IR, its creation script, its C code. */
static void generate(shale_compilation *c, const shale_schema *schema)
{
    shale_ir *ir = NULL;
    if (shale_lower(schema, &c->arena, &ir) != 0 || !ir) return;
    shale_buf sql = SHALE_BUF_INIT, h = SHALE_BUF_INIT, src = SHALE_BUF_INIT;
    shale_diff_render_create(&sql, ir);
    shale_codegen_options opts = {"db", "fuzz.prisma"};
    shale_codegen_emit(schema, ir, &opts, &h, &src);
    shale_buf_free(&sql);
    shale_buf_free(&h);
    shale_buf_free(&src);
}

static void format_once(const char *text, size_t len, shale_buf *out, size_t *errors, bool *structural)
{
    shale_compilation *c = NULL;
    if (shale_compilation_new(&c) < 0) return;
    if (shale_compilation_add_source(c, "fuzz.prisma", text, len, NULL) == 0 && shale_compilation_parse(c) == 0) {
        /* Syntax errors decide the fixed-point check; semantic ones do not. */
        size_t syntax_errors = c->diags.n_errors;
        shale_schema *schema = NULL;
        if (syntax_errors == 0) shale_schema_resolve(c, &schema);
        if (schema && c->diags.n_errors == 0) generate(c, schema);
        shale_buf diag = SHALE_BUF_INIT;
        shale_diag_render_text(&diag, c, true);
        shale_diag_render_json(&diag, c);
        shale_buf_free(&diag);
        *errors = syntax_errors;
        *structural = c->asts[0]->structural_error;
        if (!*structural) shale_format_file(out, c->asts[0]);
    }
    shale_compilation_free(c);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    shale_buf pass[3] = {SHALE_BUF_INIT, SHALE_BUF_INIT, SHALE_BUF_INIT};
    size_t errors = 0;
    bool structural = false;
    format_once((const char *)data, size, &pass[0], &errors, &structural);
    for (int i = 1; i < 3 && !structural && errors == 0 && pass[i - 1].ptr; i++) {
        format_once(pass[i - 1].ptr, pass[i - 1].len, &pass[i], &errors, &structural);
        if (errors || structural) {
            fprintf(stderr, "formatted text no longer parses cleanly (pass %d)\n", i + 1);
            abort();
        }
    }
    if (pass[2].ptr && (pass[1].len != pass[2].len || memcmp(pass[1].ptr, pass[2].ptr, pass[1].len) != 0)) {
        fprintf(stderr, "formatting does not reach a fixed point\n");
        abort();
    }
    for (int i = 0; i < 3; i++) shale_buf_free(&pass[i]);
    return 0;
}
