/* codegen.c - shale_codegen_emit(): plans the output (plan.c), then writes the header
 * and the source. Nothing is written when the plan found an error, so a schema whose
 * names cannot be C never gives half a file. */
#include "codegen_int.h"

int shale_codegen_emit(const shale_schema *s, const shale_ir *ir, const shale_codegen_options *opts, shale_buf *h,
                       shale_buf *c)
{
    cg g = {0};
    g.s = s;
    g.ir = ir;
    g.arena = &s->comp->arena;
    g.diags = &s->comp->diags;
    g.p = opts && opts->prefix ? opts->prefix : SHALE_CODEGEN_DEFAULT_PREFIX;
    g.source_name = opts && opts->source_name ? opts->source_name : "schema.prisma";
    if (!shale_codegen_prefix_ok(g.p)) return SHALE_EINVAL;
    g.P = cg_upper(&g, g.p);
    if (!g.P) return SHALE_ENOMEM;
    int rc = cg_plan(&g);
    if (rc != SHALE_OK) return rc;
    cg_emit_header(&g, h);
    cg_emit_descriptors(&g, c);
    if (g.rc != SHALE_OK) return g.rc;
    return h->oom || c->oom ? SHALE_ENOMEM : SHALE_OK;
}
