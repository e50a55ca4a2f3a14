/* text.c - C text the emitters share: string literals, comments that cannot break
 * out of themselves, a field's schema text for the comment beside its member. */
#include "codegen_int.h"

#include <string.h>

void cg_put_cstr(shale_buf *b, shale_str s)
{
    shale_buf_putc(b, '"');
    for (size_t i = 0; i < s.len; i++) {
        unsigned char c = (unsigned char)s.ptr[i];
        switch (c) {
        case '"': shale_buf_puts(b, "\\\""); break;
        case '\\': shale_buf_puts(b, "\\\\"); break;
        case '?': shale_buf_puts(b, "\\?"); break; /* no trigraphs in -std=c11 */
        case '\n': shale_buf_puts(b, "\\n"); break;
        case '\t': shale_buf_puts(b, "\\t"); break;
        default:
            if (c < 0x20 || c == 0x7f) {
                /* Three octal digits: a hex escape would swallow following hex digits. */
                shale_buf_putc(b, '\\');
                shale_buf_putc(b, (char)('0' + (c >> 6)));
                shale_buf_putc(b, (char)('0' + ((c >> 3) & 7)));
                shale_buf_putc(b, (char)('0' + (c & 7)));
            } else {
                shale_buf_putc(b, (char)c);
            }
        }
    }
    shale_buf_putc(b, '"');
}

void cg_put_cstrz(shale_buf *b, const char *s)
{
    shale_str v = {s, strlen(s)};
    cg_put_cstr(b, v);
}

void cg_put_comment_text(shale_buf *b, shale_str s)
{
    bool space = false;
    char prev = 0;
    for (size_t i = 0; i < s.len; i++) {
        char c = s.ptr[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            space = true;
            continue;
        }
        if (space && b->len && prev) shale_buf_putc(b, ' ');
        space = false;
        /* `*` then `/` would end the comment, `/` then `*` warns (-Wcomment). */
        if ((c == '/' && prev == '*') || (c == '*' && prev == '/')) shale_buf_putc(b, ' ');
        shale_buf_putc(b, c);
        prev = c;
    }
}

void cg_put_doc(shale_buf *b, const shale_ast_comment *doc, const char *indent)
{
    bool any = false;
    for (const shale_ast_comment *c = doc; c; c = c->next)
        if (c->kind == SHALE_COMMENT_DOC) any = true;
    if (!any) return;
    shale_buf_printf(b, "%s/*", indent);
    bool first = true;
    for (const shale_ast_comment *c = doc; c; c = c->next) {
        if (c->kind != SHALE_COMMENT_DOC) continue;
        shale_str t = c->text;
        size_t skip = 0;
        while (skip < t.len && skip < 3 && t.ptr[skip] == '/') skip++;
        t.ptr += skip;
        t.len -= skip;
        while (t.len && (t.ptr[t.len - 1] == '\r' || t.ptr[t.len - 1] == ' ' || t.ptr[t.len - 1] == '\t')) t.len--;
        while (t.len && (t.ptr[0] == ' ' || t.ptr[0] == '\t')) {
            t.ptr++;
            t.len--;
        }
        if (!first) shale_buf_printf(b, "\n%s *", indent);
        if (t.len) {
            shale_buf_putc(b, ' ');
            cg_put_comment_text(b, t);
        }
        first = false;
    }
    shale_buf_puts(b, " */\n");
}

void cg_put_field_source(shale_buf *b, const cg *g, const shale_model *m, const shale_field *f)
{
    const shale_ast_file *file = g->s->comp->asts[m->ast->name_span.file];
    const shale_ast_type *t = &f->ast->type;
    if (shale_ast_field_has_type(f->ast)) {
        shale_str text = {file->text + t->start, t->end - t->start};
        cg_put_comment_text(b, text);
    }
    for (const shale_ast_attr *a = f->ast->attrs.head; a; a = a->next) {
        shale_span sp = shale_ast_attr_span(file, a);
        shale_str text = {file->text + sp.start, sp.end - sp.start};
        shale_buf_putc(b, ' ');
        cg_put_comment_text(b, text);
    }
}
