/* ast_build.c - the constructors the Lemon actions call (grammar/parser.y).
 *
 * Each takes tokens and finished children and returns an arena node. Members and
 * top-level items are only linked into their parent once their whole line has
 * parsed, so Lemon's error recovery, which pops half-built lines, never leaves a
 * partial node in the tree. Line-level syntax errors are reported here, when the
 * `error NEWLINE` rule turns a line into a verbatim INVALID item.
 */
#include "diag_codes.h"
#include "parse_int.h"
#include "parser.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

static void *node(shale_parse_ctx *ctx, size_t size)
{
    void *p = shale_arena_alloc(ctx->arena, size);
    if (!p) ctx->oom = true;
    return p;
}

shale_span shale_ast__span(const shale_parse_ctx *ctx, uint32_t start, uint32_t end)
{
    shale_span s = {ctx->file_id, start, end};
    return s;
}

static shale_span tok_span(const shale_parse_ctx *ctx, shale_tok t) { return shale_ast__span(ctx, t.start, t.end); }

static shale_str tok_str(const shale_parse_ctx *ctx, shale_tok t)
{
    shale_str s = {ctx->text + t.start, t.end - t.start};
    return s;
}

static const char *block_noun(shale_block_kind k)
{
    switch (k) {
    case SHALE_BLOCK_MODEL: return "model";
    case SHALE_BLOCK_VIEW: return "view";
    case SHALE_BLOCK_TYPE: return "type";
    case SHALE_BLOCK_ENUM: return "enum";
    case SHALE_BLOCK_DATASOURCE: return "datasource";
    case SHALE_BLOCK_GENERATOR: return "generator";
    }
    return "block";
}

static void position_of(shale_parse_ctx *ctx, uint32_t offset, shale_position *pos)
{
    if (shale_source_position(ctx->src, offset, pos) < 0) {
        ctx->oom = true;
        pos->line = pos->column = 0;
    }
}

/* ---- strings --------------------------------------------------------------- */

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static long read_u16(const char *s, const char *end)
{
    if (end - s < 4) return -1;
    long v = 0;
    for (int i = 0; i < 4; i++) {
        int h = hexval(s[i]);
        if (h < 0) return -1;
        v = v * 16 + h;
    }
    return v;
}

/* Prisma checks escapes when it parses a string literal (JSON rules); so do we, with
 * its wording. The lexer has already made sure the literal is closed. */
static void check_string_escapes(shale_parse_ctx *ctx, shale_tok t)
{
    const char *s = ctx->text + t.start + 1, *end = ctx->text + t.end - 1;
    while (s < end) {
        if (*s != '\\') {
            s++;
            continue;
        }
        const char *esc = s;
        char c = s[1];
        if (strchr("\"\\/bfnrt", c)) {
            s += 2;
            continue;
        }
        if (c == 'u') {
            long hi = read_u16(s + 2, end);
            bool ok = hi >= 0;
            s += 2;
            if (ok) s += 4;
            if (ok && hi >= 0xD800 && hi <= 0xDBFF) {
                long lo = (end - s >= 6 && s[0] == '\\' && s[1] == 'u') ? read_u16(s + 2, end) : -1;
                ok = lo >= 0xDC00 && lo <= 0xDFFF;
                if (ok) s += 6;
            } else if (ok && hi >= 0xDC00 && hi <= 0xDFFF) {
                ok = false;
            }
            if (!ok)
                shale_diag_report(ctx->diags, SHALE_SEV_ERROR, SHALE_E_UNICODE_ESCAPE,
                                  shale_ast__span(ctx, (uint32_t)(esc - ctx->text), (uint32_t)(s - ctx->text)),
                                  "Invalid unicode escape sequence.");
            continue;
        }
        /* The escaped character may be several bytes long; the span covers all of it. */
        const char *after = s + 2;
        while (after < end && ((unsigned char)*after & 0xC0) == 0x80) after++;
        shale_diag_report(ctx->diags, SHALE_SEV_ERROR, SHALE_E_STRING_ESCAPE,
                          shale_ast__span(ctx, (uint32_t)(esc - ctx->text), (uint32_t)(after - ctx->text)),
                          "Unknown escape sequence. If the value is a windows-style path, `\\` must be "
                          "escaped as `\\\\`.");
        s = after;
    }
}

/* ---- top level ------------------------------------------------------------- */

/* Byte offsets of text in the source buffer, for spans computed from strings. */
static uint32_t str_start(const shale_parse_ctx *ctx, shale_str s) { return (uint32_t)(s.ptr - ctx->text); }
static uint32_t str_end(const shale_parse_ctx *ctx, shale_str s) { return str_start(ctx, s) + (uint32_t)s.len; }
static shale_span str_span(shale_parse_ctx *ctx, shale_str s) { return shale_ast__span(ctx, str_start(ctx, s), str_end(ctx, s)); }

/* A top-level item takes only the bytes its kind uses, as members do (member_size):
 * empty-line and comment items, a third of a large schema's items, need a few bytes
 * of the union sized for a block. Top-level items are never copied by value. */
static size_t top_size(shale_top_kind kind)
{
    size_t arm;
    switch (kind) {
    case SHALE_TOP_BLOCK: arm = sizeof(shale_ast_block); break;
    case SHALE_TOP_COMMENTS: arm = sizeof(shale_ast_comment *); break;
    case SHALE_TOP_INVALID:
    case SHALE_TOP_TYPE_ALIAS:
    case SHALE_TOP_ARBITRARY_BLOCK: arm = sizeof(shale_str); break;
    case SHALE_TOP_EMPTY: default: arm = 0; break;
    }
    return offsetof(shale_ast_top, u) + arm;
}

static shale_ast_top *top_new(shale_parse_ctx *ctx, shale_top_kind kind, uint32_t start, uint32_t end)
{
    shale_ast_top *t = node(ctx, top_size(kind));
    if (!t) return NULL;
    t->kind = kind;
    t->span = shale_ast__span(ctx, start, end);
    return t;
}

/* Appends the comments of a new comment line to the run the previous item holds;
 * ctx->comment_tail is that run's last comment. */
static void join_comments(shale_parse_ctx *ctx, shale_ast_comment *line)
{
    ctx->comment_tail->next = line;
    while (line->next) line = line->next;
    ctx->comment_tail = line;
}

static void start_comments(shale_parse_ctx *ctx, shale_ast_comment_list *line) { ctx->comment_tail = line->tail; }

void shale_ast__top_add(shale_parse_ctx *ctx, shale_ast_top *top)
{
    if (!top) return;
    shale_ast_file *f = ctx->file;
    shale_ast_top *last = f->items_tail;
    /* Runs of empty lines and of comment lines are one item each, as in Prisma's
     * grammar (empty_lines, comment_block); the formatter relies on it. */
    if (last && last->kind == top->kind && (top->kind == SHALE_TOP_EMPTY || top->kind == SHALE_TOP_COMMENTS)) {
        if (top->kind == SHALE_TOP_COMMENTS) join_comments(ctx, top->u.comments);
        last->span.end = top->span.end;
        return;
    }
    if (top->kind == SHALE_TOP_BLOCK) {
        f->n_blocks++;
        if (last && last->kind == SHALE_TOP_COMMENTS) top->u.block.doc = last->u.comments;
    }
    if (last) last->next = top;
    else f->items = top;
    f->items_tail = top;
}

shale_ast_top *shale_ast__top_empty(shale_parse_ctx *ctx, shale_tok nl)
{
    return top_new(ctx, SHALE_TOP_EMPTY, nl.start, nl.end);
}

/* Prisma's comment_block takes at most one newline right after each comment, with
 * no blanks before it. A `//` comment runs to the end of its line, but a block
 * comment can be followed by blanks: then the run ends there and the newline starts
 * an empty_lines item, which the formatter prints as an empty line. */
static bool comments_end_before_blanks(const shale_parse_ctx *ctx, const shale_ast_comment_list *c, shale_tok nl)
{
    return c->tail->kind == SHALE_COMMENT_BLOCK && nl.start > str_end(ctx, c->tail->text);
}

shale_ast_top *shale_ast__top_comments(shale_parse_ctx *ctx, shale_ast_comment_list *c, shale_tok nl)
{
    if (!c) return NULL;
    bool then_empty = comments_end_before_blanks(ctx, c, nl);
    shale_ast_top *t = top_new(ctx, SHALE_TOP_COMMENTS, str_start(ctx, c->head->text), then_empty ? str_end(ctx, c->tail->text) : nl.end);
    if (!t) return NULL;
    t->u.comments = c->head;
    /* A new run starts unless top_add joins this line to the previous one; either way
     * the run's tail is this line's last comment afterwards. */
    if (!(ctx->file->items_tail && ctx->file->items_tail->kind == SHALE_TOP_COMMENTS)) start_comments(ctx, c);
    if (!then_empty) return t;
    shale_ast__top_add(ctx, t);
    return shale_ast__top_empty(ctx, nl);
}

/* The detail of a line-level syntax error: what the parser tripped on. */
static void add_line_error_note(shale_parse_ctx *ctx, shale_diag *d)
{
    if (!ctx->has_line_error) return;
    ctx->has_line_error = false;
    shale_span at = tok_span(ctx, ctx->line_error_tok);
    if (ctx->line_error_msg) {
        shale_diag_add_note(ctx->diags, d, at, "%s", ctx->line_error_msg);
        return;
    }
    int k = ctx->line_error_kind;
    if (k == TK_INVALID) {
        switch (shale_lex_invalid_kind(ctx->text, ctx->line_error_tok)) {
        case SHALE_INVALID_STRING:
            shale_diag_add_note(ctx->diags, d, at, "this string literal has no closing `\"` on its line");
            return;
        case SHALE_INVALID_STRING_CONTROL:
            at.start = at.end;
            at.end = at.start + 1;
            shale_diag_add_note(ctx->diags, d, at,
                                "a string cannot hold a raw control character such as a tab; write `\\t` instead");
            return;
        case SHALE_INVALID_COMMENT:
            shale_diag_add_note(ctx->diags, d, at, "this comment has no closing `*/`");
            return;
        case SHALE_INVALID_NUL:
            shale_diag_add_note(ctx->diags, d, at, "a NUL byte is not allowed in a schema file");
            return;
        case SHALE_INVALID_CHAR:
            break;
        }
    }
    if (k == TK_NEWLINE) {
        at.end = at.start; /* point at the end of the line, not at the next line */
        shale_diag_add_note(ctx->diags, d, at, "the line ends too early here");
        return;
    }
    shale_str text = tok_str(ctx, ctx->line_error_tok);
    if (text.len > 40 || k == TK_LBRACE) text.len = k == TK_LBRACE ? 1 : 40;
    shale_diag_add_note(ctx->diags, d, at, "unexpected %s `%.*s` here", shale_parse__token_name(k),
                        (int)text.len, text.ptr);
}

/* Where an invalid line's own text starts. Usually its first token; but a line can
 * begin with something that parsed (a block's `}`, a block comment) and only then go
 * wrong, and that part is already an item of its own: the invalid text starts after
 * it, at the next token, as Prisma's CATCH_ALL does after its implicit whitespace. */
static uint32_t invalid_start(const shale_parse_ctx *ctx, shale_tok nl, shale_span prev)
{
    uint32_t start = shale_parse__line_info(ctx, nl)->start;
    if (prev.end <= start || prev.end > nl.start) return start;
    shale_lexer lx;
    shale_lexer_init(&lx, ctx->text, (uint32_t)ctx->src->len);
    lx.cursor = lx.base + prev.end;
    shale_tok tok;
    shale_lex(&lx, &tok); /* skips the blanks first */
    return tok.start < nl.start ? tok.start : nl.start;
}

shale_ast_top *shale_ast__top_invalid(shale_parse_ctx *ctx, shale_tok nl)
{
    ctx->arg_top = 0; /* the argument lists the line left open */
    const shale_line_info *li = shale_parse__line_info(ctx, nl);
    shale_ast_top *prev = ctx->file->items_tail;
    uint32_t start = prev ? invalid_start(ctx, nl, prev->span) : li->start;
    shale_ast_top *t = top_new(ctx, SHALE_TOP_INVALID, start, nl.end);
    if (!t) return NULL;
    t->u.verbatim.ptr = ctx->text + start;
    t->u.verbatim.len = nl.end - start;
    shale_span line = shale_ast__span(ctx, start, nl.start);
    shale_diag *d;
    int first = start == li->start ? li->first_kind : TK_INVALID;
    if (first == TK_RBRACE) {
        d = shale_diag_report(ctx->diags, SHALE_SEV_ERROR, SHALE_E_TOP_LINE, line,
                              "This line is invalid. It does not start with any known Prisma schema keyword.");
        shale_diag_add_note(ctx->diags, d, shale_ast__span(ctx, li->start, li->start + 1),
                            "this `}` closes no block");
        ctx->has_line_error = false;
    } else {
        d = shale_diag_report(ctx->diags, SHALE_SEV_ERROR, SHALE_E_TOP_LINE, line,
                              "This line is invalid. It does not start with any known Prisma schema keyword.");
        add_line_error_note(ctx, d);
    }
    ctx->file->n_syntax_errors++;
    return t;
}

/* ---- blocks ---------------------------------------------------------------- */

shale_ast_top *shale_ast__block_open(shale_parse_ctx *ctx, shale_block_kind kind, shale_tok kw,
                                     shale_tok name, shale_tok lbrace)
{
    shale_ast_top *t = top_new(ctx, SHALE_TOP_BLOCK, kw.start, lbrace.end);
    if (!t) return NULL;
    shale_ast_block *b = &t->u.block;
    b->kind = kind;
    b->keyword = tok_str(ctx, kw);
    b->keyword_span = tok_span(ctx, kw);
    b->name = tok_str(ctx, name);
    b->name_span = tok_span(ctx, name);
    b->open_span = tok_span(ctx, lbrace);
    ctx->open_block = t;
    return t;
}

shale_ast_top *shale_ast__block_close(shale_parse_ctx *ctx, shale_ast_top *b, shale_tok rbrace)
{
    ctx->open_block = NULL;
    if (!b) return NULL;
    b->span.end = rbrace.end;
    b->u.block.closed = true;
    return b;
}

void shale_ast__block_unclosed(shale_parse_ctx *ctx, shale_ast_top *b)
{
    ctx->open_block = NULL;
    if (!b) return;
    shale_position pos;
    position_of(ctx, b->span.start, &pos);
    /* Point at the end of the last line, not at the empty line after it. */
    uint32_t eof = (uint32_t)ctx->src->len;
    if (eof > 0 && ctx->text[eof - 1] == '\n') eof--;
    if (eof > 0 && ctx->text[eof - 1] == '\r') eof--;
    const char *noun = b->kind == SHALE_TOP_BLOCK ? block_noun(b->u.block.kind) : "block";
    shale_str name = b->kind == SHALE_TOP_BLOCK ? b->u.block.name : b->u.verbatim;
    if (b->kind != SHALE_TOP_BLOCK) name.len = 0;
    shale_diag *d = shale_diag_report(ctx->diags, SHALE_SEV_ERROR, SHALE_E_UNCLOSED, shale_ast__span(ctx, eof, eof),
                                      "expected `}` to close %s `%.*s` opened at %u:%u", noun, (int)name.len,
                                      name.ptr, pos.line, pos.column);
    shale_diag_add_note(ctx->diags, d, shale_ast__span(ctx, b->span.start, b->kind == SHALE_TOP_BLOCK ? b->u.block.open_span.start + 1 : b->span.start + 1),
                        "the %s starts here", noun);
    shale_diag_set_help(ctx->diags, d, "add a line with `}` where the %s ends", noun);
    b->span.end = eof;
    ctx->file->n_syntax_errors++;
    ctx->file->structural_error = true;
    shale_ast__top_add(ctx, b);
}

static void member_checks(shale_parse_ctx *ctx, shale_ast_block *b, shale_ast_member *m)
{
    if (m->kind == SHALE_MEMBER_KV && !m->u.kv.value) {
        /* Prisma's wording; we point at the key rather than the whole block. Its
         * formatter prints such a line as the bare key, so this must be an error. */
        shale_ast_kv *kv = &m->u.kv;
        shale_diag *d = shale_diag_report(ctx->diags, SHALE_SEV_ERROR, SHALE_E_KEY_NO_VALUE, str_span(ctx, kv->key),
                                          "Property %.*s in %s %.*s needs to be assigned a value", (int)kv->key.len,
                                          kv->key.ptr, block_noun(b->kind), (int)b->name.len, b->name.ptr);
        shale_diag_set_help(ctx->diags, d, "write a value after the `=`, or remove the line");
        ctx->file->n_syntax_errors++;
        return;
    }
    if (m->kind != SHALE_MEMBER_FIELD) return;
    shale_ast_field *f = &m->u.field;
    const char *noun = block_noun(b->kind);
    uint32_t colon = shale_ast_field_legacy_colon(f);
    if (colon)
        shale_diag_report(ctx->diags, SHALE_SEV_ERROR, SHALE_E_LEGACY_COLON, shale_ast__span(ctx, colon, colon + 1),
                          "Field declarations don't require a `:`.");
    if (!shale_ast_field_has_type(f)) {
        shale_diag *d = shale_diag_report(ctx->diags, SHALE_SEV_ERROR, SHALE_E_FIELD_NO_TYPE, m->span,
                                          "Error validating %s \"%.*s\": This field declaration is invalid. It is "
                                          "either missing a name or a type.",
                                          noun, (int)b->name.len, b->name.ptr);
        shale_diag_set_help(ctx->diags, d, "write the type after the name, e.g. `%.*s String`",
                            (int)f->name_len, ctx->text + f->name_start);
        ctx->file->n_syntax_errors++;
        return;
    }
    switch (f->type.syntax) {
    case SHALE_TYPE_LEGACY_BANG:
        shale_diag_report(ctx->diags, SHALE_SEV_ERROR, SHALE_E_LEGACY_BANG, shale_ast_type_span(ctx->file, &f->type),
                          "Fields are required by default, `!` is no longer required.");
        ctx->file->n_syntax_errors++;
        break;
    case SHALE_TYPE_LEGACY_LIST:
        shale_diag_report(ctx->diags, SHALE_SEV_ERROR, SHALE_E_LEGACY_LIST, shale_ast_type_span(ctx->file, &f->type),
                          "To specify a list, please use `%.*s[]` instead of `[%.*s]`.", (int)f->type.name_len,
                          shale_ast_type_name(ctx->file, &f->type).ptr, (int)f->type.name_len,
                          shale_ast_type_name(ctx->file, &f->type).ptr);
        ctx->file->n_syntax_errors++;
        break;
    case SHALE_TYPE_PLAIN:
        break;
    }
    if (f->type.arity == SHALE_ARITY_OPTIONAL_LIST) {
        shale_diag_report(ctx->diags, SHALE_SEV_ERROR, SHALE_E_OPTIONAL_LIST, shale_ast_type_span(ctx->file, &f->type),
                          "Optional lists are not supported. Use either `Type[]` or `Type?`.");
        ctx->file->n_syntax_errors++;
    }
    if (colon) ctx->file->n_syntax_errors++;
}

/* A field's comments (and legacy colon) live in their own small node, made when the
 * first one is found: most fields have none, and two NULL pointers in every field cost
 * a large schema a megabyte. Returns false when out of memory. */
static bool field_comments(shale_parse_ctx *ctx, shale_ast_field *f)
{
    if (!f->comments) f->comments = node(ctx, sizeof *f->comments);
    return f->comments != NULL;
}

void shale_ast__member_add(shale_parse_ctx *ctx, shale_ast_top *t, shale_ast_member *m)
{
    if (!t || !m) return;
    shale_ast_block *b = &t->u.block;
    shale_ast_member *last = b->members_tail;
    if (last && last->kind == m->kind && (m->kind == SHALE_MEMBER_EMPTY || m->kind == SHALE_MEMBER_COMMENTS)) {
        if (m->kind == SHALE_MEMBER_COMMENTS) join_comments(ctx, m->u.comments);
        last->span.end = m->span.end;
        return;
    }
    if (last && last->kind == SHALE_MEMBER_COMMENTS) {
        if (m->kind == SHALE_MEMBER_FIELD && field_comments(ctx, &m->u.field))
            m->u.field.comments->doc = last->u.comments;
        else if (m->kind == SHALE_MEMBER_ENUM_VALUE) m->u.value.doc = last->u.comments;
    }
    member_checks(ctx, b, m);
    if (last) last->next = m;
    else b->members = m;
    b->members_tail = m;
    t->span.end = m->span.end;
}

/* ---- verbatim constructs ----------------------------------------------------- */

shale_ast_top *shale_ast__arbitrary_open(shale_parse_ctx *ctx, shale_tok name, shale_tok lbrace)
{
    shale_ast_top *t = top_new(ctx, SHALE_TOP_ARBITRARY_BLOCK, name.start, lbrace.end);
    if (!t) return NULL;
    ctx->open_block = t;
    shale_diag *d = shale_diag_report(ctx->diags, SHALE_SEV_ERROR, SHALE_E_BLOCK_KEYWORD, tok_span(ctx, name),
                                      "This block is invalid. It does not start with any known Prisma schema "
                                      "keyword. Valid keywords include 'model', 'enum', 'type', 'datasource' "
                                      "and 'generator'.");
    shale_diag_set_help(ctx->diags, d, "write `model %.*s {` to declare a model", (int)(name.end - name.start),
                        ctx->text + name.start);
    ctx->file->n_syntax_errors++;
    return t;
}

shale_ast_top *shale_ast__arbitrary_close(shale_parse_ctx *ctx, shale_ast_top *b, shale_tok rbrace)
{
    ctx->open_block = NULL;
    if (!b) return NULL;
    b->span.end = rbrace.end;
    b->u.verbatim.ptr = ctx->text + b->span.start;
    b->u.verbatim.len = b->span.end - b->span.start;
    return b;
}

/* The formatter copies a type alias as Prisma's parser matched it, and that match
 * takes the blanks after the base type and after an attribute with no arguments
 * along (its grammar skips whitespace before an optional part that then matches
 * nothing): `type A = String @id // c` keeps the space before the comment, and
 * `type A = String junk` the one before the junk. */
static void alias_verbatim(shale_parse_ctx *ctx, shale_ast_top *alias, bool with_blanks)
{
    uint32_t end = alias->span.end;
    if (with_blanks) {
        shale_lexer lx;
        shale_lexer_init(&lx, ctx->text, (uint32_t)ctx->src->len);
        lx.cursor = lx.base + end;
        shale_tok tok;
        shale_lex(&lx, &tok);
        end = tok.start; /* where the blanks after `end` stop */
    }
    alias->u.verbatim.ptr = ctx->text + alias->span.start;
    alias->u.verbatim.len = end - alias->span.start;
}

shale_ast_top *shale_ast__alias_new(shale_parse_ctx *ctx, shale_tok kw, shale_tok name, shale_ast_type *base)
{
    (void)name;
    if (!base) return NULL;
    shale_ast_top *t = top_new(ctx, SHALE_TOP_TYPE_ALIAS, kw.start, base->end);
    if (t) alias_verbatim(ctx, t, true);
    return t;
}

shale_ast_top *shale_ast__alias_attr(shale_parse_ctx *ctx, shale_ast_top *alias, shale_ast_attr *attr)
{
    if (!alias || !attr) return NULL;
    alias->span.end = shale_ast_attr_span(ctx->file, attr).end;
    alias_verbatim(ctx, alias, !attr->args);
    return alias;
}

shale_ast_top *shale_ast__alias_finish(shale_parse_ctx *ctx, shale_ast_top *alias)
{
    if (!alias) return NULL;
    shale_diag *d = shale_diag_report(ctx->diags, SHALE_SEV_ERROR, SHALE_E_TYPE_ALIAS, alias->span,
                                      "Invalid type definition. Please check the documentation in "
                                      "https://pris.ly/d/composite-types");
    shale_diag_set_help(ctx->diags, d, "type aliases are not supported; write the type and its attributes on "
                                       "each field");
    ctx->file->n_syntax_errors++;
    return alias;
}

/* ---- members ------------------------------------------------------------------ */

/* Attributes are pushed in front while their line parses and put back in source order
 * by shale_ast__member_finish (attrs_reverse): no tail pointer in every list. */
static void attrs_append(shale_ast_attrs *list, shale_ast_attr *a)
{
    a->next = list->head;
    list->head = a;
}

static void attrs_reverse(shale_ast_attrs *list)
{
    shale_ast_attr *done = NULL;
    for (shale_ast_attr *a = list->head, *next; a; a = next) {
        next = a->next;
        a->next = done;
        done = a;
    }
    list->head = done;
}

/* A member takes only the bytes its kind uses: the union is sized for a field, and
 * most members of a large schema that are not fields (empty lines, comments) need
 * none of it. Members are never copied by value, so the short allocation is safe. */
static size_t member_size(shale_member_kind kind)
{
    size_t arm;
    switch (kind) {
    case SHALE_MEMBER_FIELD: arm = sizeof(shale_ast_field); break;
    case SHALE_MEMBER_ENUM_VALUE: arm = sizeof(shale_ast_enum_value); break;
    case SHALE_MEMBER_KV: arm = sizeof(shale_ast_kv); break;
    case SHALE_MEMBER_BLOCK_ATTR: arm = sizeof(shale_ast_block_attr); break;
    case SHALE_MEMBER_COMMENTS: arm = sizeof(shale_ast_comment *); break;
    case SHALE_MEMBER_INVALID: arm = sizeof(shale_str); break;
    case SHALE_MEMBER_EMPTY: default: arm = 0; break;
    }
    return offsetof(shale_ast_member, u) + arm;
}

static shale_ast_member *member_new(shale_parse_ctx *ctx, shale_member_kind kind, uint32_t start, uint32_t end)
{
    shale_ast_member *m = node(ctx, member_size(kind));
    if (!m) return NULL;
    m->kind = kind;
    m->span = shale_ast__span(ctx, start, end);
    return m;
}

shale_ast_member *shale_ast__member_finish(shale_parse_ctx *ctx, shale_ast_member *m, const shale_tok *comment,
                                           shale_tok nl)
{
    if (!m) return NULL;
    shale_ast_comment *c = NULL;
    if (comment) {
        c = shale_ast__comment(ctx, *comment);
        if (!c) return NULL;
    }
    switch (m->kind) {
    case SHALE_MEMBER_FIELD:
        if (c && field_comments(ctx, &m->u.field)) m->u.field.comments->trailing = c;
        attrs_reverse(&m->u.field.attrs);
        break;
    case SHALE_MEMBER_ENUM_VALUE:
        m->u.value.trailing_comment = c;
        attrs_reverse(&m->u.value.attrs);
        break;
    case SHALE_MEMBER_KV: m->u.kv.trailing_comment = c; break;
    case SHALE_MEMBER_BLOCK_ATTR: m->u.block_attr.trailing_comment = c; break;
    default: break;
    }
    m->span.end = nl.end;
    return m;
}

shale_ast_member *shale_ast__member_comments(shale_parse_ctx *ctx, shale_ast_comment_list *c, shale_tok nl)
{
    if (!c) return NULL;
    bool then_empty = comments_end_before_blanks(ctx, c, nl); /* see top_comments */
    shale_ast_member *m =
        member_new(ctx, SHALE_MEMBER_COMMENTS, str_start(ctx, c->head->text), then_empty ? str_end(ctx, c->tail->text) : nl.end);
    if (!m) return NULL;
    m->u.comments = c->head;
    shale_ast_top *open = ctx->open_block;
    shale_ast_member *last = open && open->kind == SHALE_TOP_BLOCK ? open->u.block.members_tail : NULL;
    if (!(last && last->kind == SHALE_MEMBER_COMMENTS)) start_comments(ctx, c);
    if (!then_empty || !open) return m;
    shale_ast__member_add(ctx, open, m);
    return shale_ast__member_empty(ctx, nl);
}

shale_ast_member *shale_ast__member_empty(shale_parse_ctx *ctx, shale_tok nl)
{
    return member_new(ctx, SHALE_MEMBER_EMPTY, nl.start, nl.end);
}

shale_ast_member *shale_ast__member_invalid(shale_parse_ctx *ctx, shale_tok nl)
{
    ctx->arg_top = 0; /* the argument lists the line left open */
    shale_ast_top *open = ctx->open_block;
    shale_ast_member *prev = open && open->kind == SHALE_TOP_BLOCK ? open->u.block.members_tail : NULL;
    const shale_line_info *li = shale_parse__line_info(ctx, nl);
    uint32_t start = prev ? invalid_start(ctx, nl, prev->span) : li->start;
    shale_ast_member *m = member_new(ctx, SHALE_MEMBER_INVALID, start, nl.end);
    if (!m) return NULL;
    m->u.invalid_text.ptr = ctx->text + start;
    m->u.invalid_text.len = nl.end - start;
    shale_span line = shale_ast__span(ctx, start, nl.start);
    shale_block_kind kind = open && open->kind == SHALE_TOP_BLOCK ? open->u.block.kind : SHALE_BLOCK_MODEL;
    int first = start == li->start ? li->first_kind : TK_INVALID;
    bool starts_block = (first == TK_MODEL || first == TK_VIEW || first == TK_TYPE || first == TK_ENUM ||
                         first == TK_DATASOURCE || first == TK_GENERATOR) && li->has_lbrace;
    shale_diag *d;
    ctx->file->n_syntax_errors++;
    if (starts_block && open && open->kind == SHALE_TOP_BLOCK) {
        /* The usual cause: the previous block lost its `}`, so this block's header
         * was read as a line of it. Say so instead of "not a valid field". */
        shale_position pos;
        position_of(ctx, open->span.start, &pos);
        d = shale_diag_report(ctx->diags, SHALE_SEV_ERROR, SHALE_E_UNCLOSED, line,
                              "expected `}` to close %s `%.*s` opened at %u:%u", block_noun(kind),
                              (int)open->u.block.name.len, open->u.block.name.ptr, pos.line, pos.column);
        shale_diag_add_note(ctx->diags, d, shale_ast__span(ctx, open->span.start, open->u.block.open_span.start + 1),
                            "the %s starts here", block_noun(kind));
        shale_diag_set_help(ctx->diags, d, "add a line with `}` before this line");
        ctx->has_line_error = false;
        return m;
    }
    const char *code = SHALE_E_MODEL_LINE, *msg = "This line is not a valid field or attribute definition.";
    if (kind == SHALE_BLOCK_ENUM) {
        code = SHALE_E_ENUM_LINE;
        msg = "This line is not an enum value definition.";
    } else if (kind == SHALE_BLOCK_DATASOURCE) {
        code = SHALE_E_CONFIG_LINE;
        msg = "This line is not a valid definition within a datasource.";
    } else if (kind == SHALE_BLOCK_GENERATOR) {
        code = SHALE_E_CONFIG_LINE;
        msg = "This line is not a valid definition within a generator.";
    }
    d = shale_diag_report(ctx->diags, SHALE_SEV_ERROR, code, line, "%s", msg);
    add_line_error_note(ctx, d);
    return m;
}

shale_ast_member *shale_ast__field_new(shale_parse_ctx *ctx, shale_tok name)
{
    shale_ast_member *m = member_new(ctx, SHALE_MEMBER_FIELD, name.start, name.end);
    if (!m) return NULL;
    m->u.field.name_start = name.start;
    m->u.field.name_len = name.end - name.start;
    return m;
}

shale_ast_member *shale_ast__field_plain(shale_parse_ctx *ctx, shale_tok name, shale_tok type, shale_arity arity,
                                         shale_tok last)
{
    shale_ast_member *m = shale_ast__field_new(ctx, name);
    if (!m) return NULL;
    /* Filled in place: no type node to build and copy (shale_ast__field_type). */
    shale_ast_type *t = &m->u.field.type;
    t->name_len = type.end - type.start;
    t->start = type.start;
    t->end = last.end;
    t->arity = (uint8_t)arity;
    return m;
}

shale_ast_member *shale_ast__field_colon(shale_parse_ctx *ctx, shale_ast_member *f, shale_tok colon)
{
    if (!f || !field_comments(ctx, &f->u.field)) return NULL;
    f->u.field.comments->legacy_colon = colon.start; /* never 0: the field's name comes first */
    return f;
}

shale_ast_member *shale_ast__field_type(shale_parse_ctx *ctx, shale_ast_member *f, shale_ast_type *t)
{
    if (!f || !t) return NULL;
    f->u.field.type = *t; /* a type always has a name: shale_ast_field_has_type() */
    ctx->spare_type = t; /* copied: its memory can hold the next field's type */
    return f;
}

shale_ast_member *shale_ast__field_attr(shale_parse_ctx *ctx, shale_ast_member *f, shale_ast_attr *a)
{
    (void)ctx;
    if (!f || !a) return NULL;
    attrs_append(&f->u.field.attrs, a);
    return f;
}

shale_ast_member *shale_ast__enum_value_new(shale_parse_ctx *ctx, shale_tok name)
{
    shale_ast_member *m = member_new(ctx, SHALE_MEMBER_ENUM_VALUE, name.start, name.end);
    if (!m) return NULL;
    m->u.value.name = tok_str(ctx, name);
    return m;
}

shale_ast_member *shale_ast__enum_value_attr(shale_parse_ctx *ctx, shale_ast_member *v, shale_ast_attr *a)
{
    (void)ctx;
    if (!v || !a) return NULL;
    attrs_append(&v->u.value.attrs, a);
    return v;
}

shale_ast_member *shale_ast__kv(shale_parse_ctx *ctx, shale_tok key, shale_tok eq, shale_ast_expr *value)
{
    (void)eq;
    shale_ast_member *m = member_new(ctx, SHALE_MEMBER_KV, key.start, key.end);
    if (!m) return NULL;
    m->u.kv.key = tok_str(ctx, key);
    m->u.kv.value = value;
    return m;
}

shale_ast_member *shale_ast__block_attr(shale_parse_ctx *ctx, shale_tok atat, shale_tok path, shale_ast_args *args)
{
    shale_ast_member *m = member_new(ctx, SHALE_MEMBER_BLOCK_ATTR, atat.start, args ? args->end : path.end);
    if (!m) return NULL;
    shale_ast_attr *a = &m->u.block_attr.attr;
    a->name_ptr = ctx->text + path.start;
    a->name_len = path.end - path.start;
    a->args = args;
    a->start = atat.start;
    return m;
}

/* ---- types ------------------------------------------------------------------- */

/* The bytes of a blank (grammar/lexer.re's ws: a tab or a Unicode space separator)
 * at s, or 0. */
static size_t blank_len(const unsigned char *s)
{
    if (s[0] == ' ' || s[0] == '\t') return 1;
    if (s[0] == 0xC2 && s[1] == 0xA0) return 2;                                /* U+00A0 */
    if (s[0] == 0xE1 && s[1] == 0x9A && s[2] == 0x80) return 3;                /* U+1680 */
    if (s[0] == 0xE2 && s[1] == 0x80 && (s[2] <= 0x8A || s[2] == 0xAF)) return 3; /* U+2000-200A, U+202F */
    if (s[0] == 0xE2 && s[1] == 0x81 && s[2] == 0x9F) return 3;                /* U+205F */
    if (s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80) return 3;                /* U+3000 */
    return 0;
}

uint32_t shale_ast__legacy_list_name(const shale_ast_file *file, const shale_ast_type *t)
{
    /* Only blanks can stand between the `[` and the name (LBRACKET tbase RBRACKET). */
    const unsigned char *s = (const unsigned char *)file->text + t->start + 1;
    for (size_t n; (n = blank_len(s)) != 0;) s += n;
    return (uint32_t)(s - (const unsigned char *)file->text);
}

shale_ast_type *shale_ast__type_name(shale_parse_ctx *ctx, shale_tok name)
{
    shale_ast_type *t = ctx->spare_type;
    if (t) {
        ctx->spare_type = NULL;
        memset(t, 0, sizeof *t);
    } else {
        t = node(ctx, sizeof *t);
        if (!t) return NULL;
    }
    t->name_len = name.end - name.start;
    t->start = name.start;
    t->end = name.end;
    return t;
}

shale_ast_type *shale_ast__type_unsupported(shale_parse_ctx *ctx, shale_tok kw, shale_tok str, shale_tok rparen)
{
    shale_ast_type *t = node(ctx, sizeof *t);
    if (!t) return NULL;
    t->unsupported = true;
    check_string_escapes(ctx, str); /* the string itself is found again from the name */
    t->name_len = rparen.end - kw.start;
    t->start = kw.start;
    t->end = rparen.end;
    return t;
}

shale_ast_type *shale_ast__type_arity(shale_parse_ctx *ctx, shale_ast_type *t, shale_arity arity,
                                      shale_type_syntax syntax, shale_tok last)
{
    (void)ctx;
    if (!t) return NULL;
    t->arity = arity;
    t->syntax = syntax;
    t->end = last.end;
    return t;
}

shale_ast_type *shale_ast__type_legacy_list(shale_parse_ctx *ctx, shale_tok lbracket, shale_ast_type *t,
                                            shale_tok rbracket)
{
    (void)ctx;
    if (!t) return NULL;
    t->arity = SHALE_ARITY_LIST;
    t->syntax = SHALE_TYPE_LEGACY_LIST;
    t->start = lbracket.start;
    t->end = rbracket.end;
    return t;
}

/* ---- comments, attributes, arguments, expressions ------------------------------ */

shale_ast_comment *shale_ast__comment(shale_parse_ctx *ctx, shale_tok tok)
{
    shale_ast_comment *c = node(ctx, sizeof *c);
    if (!c) return NULL;
    c->text = tok_str(ctx, tok);
    const char *s = c->text.ptr;
    if (s[1] == '*') c->kind = SHALE_COMMENT_BLOCK;
    else if (c->text.len >= 3 && s[2] == '/') c->kind = SHALE_COMMENT_DOC;
    else c->kind = SHALE_COMMENT_LINE;
    return c;
}

shale_ast_comment_list *shale_ast__comment_line(shale_parse_ctx *ctx, shale_ast_comment_list *line, shale_tok tok)
{
    shale_ast_comment *c = shale_ast__comment(ctx, tok);
    if (!c) return NULL;
    if (!line) {
        line = node(ctx, sizeof *line);
        if (!line) return NULL;
        line->head = c;
    } else {
        line->tail->next = c;
    }
    line->tail = c;
    return line;
}

shale_ast_attr *shale_ast__attr(shale_parse_ctx *ctx, shale_tok at, shale_tok path, shale_ast_args *args)
{
    shale_ast_attr *a = node(ctx, sizeof *a);
    if (!a) return NULL;
    a->name_ptr = ctx->text + path.start;
    a->name_len = path.end - path.start;
    a->args = args;
    a->start = at.start; /* shale_ast_attr_span() finds the end */
    return a;
}

uint32_t shale_ast__args_start(shale_parse_ctx *ctx) { return ctx->arg_top; }

uint32_t shale_ast__args_push(shale_parse_ctx *ctx, uint32_t list, shale_ast_arg arg)
{
    if (ctx->arg_top == ctx->arg_cap) {
        uint32_t cap = ctx->arg_cap ? ctx->arg_cap * 2 : 64;
        shale_ast_arg *p = realloc(ctx->arg_stack, cap * sizeof *p);
        if (!p) {
            ctx->oom = true;
            return list;
        }
        ctx->arg_stack = p;
        ctx->arg_cap = cap;
    }
    ctx->arg_stack[ctx->arg_top++] = arg;
    return list;
}

uint32_t shale_ast__args_two(shale_parse_ctx *ctx, shale_ast_expr *first, shale_ast_arg second)
{
    uint32_t list = shale_ast__args_push(ctx, shale_ast__args_start(ctx), shale_ast__arg_positional(ctx, first));
    return shale_ast__args_push(ctx, list, second);
}

/* A positional argument without a value stands for one that could not be built. */
static bool arg_failed(const shale_ast_arg *a) { return !a->value && !a->name_len; }

static shale_ast_args *args_node(shale_parse_ctx *ctx, const shale_ast_arg *items, uint32_t n, shale_tok lparen,
                                 const shale_tok *trailing_comma, shale_tok rparen)
{
    for (uint32_t i = 0; i < n; i++)
        if (arg_failed(&items[i])) return NULL;
    shale_ast_args *args = node(ctx, sizeof *args + n * sizeof *items);
    if (!args) return NULL;
    args->count = n;
    if (n) memcpy(args->items, items, n * sizeof *items);
    args->start = lparen.start;
    args->end = rparen.end;
    if (trailing_comma) args->trailing_comma = trailing_comma->start; /* never 0: `(` comes first */
    return args;
}

shale_ast_args *shale_ast__args_close(shale_parse_ctx *ctx, uint32_t list, shale_tok lparen,
                                      const shale_tok *trailing_comma, shale_tok rparen)
{
    /* After an out-of-memory push the stack may hold fewer than the list had. */
    if (list > ctx->arg_top) list = ctx->arg_top;
    uint32_t n = ctx->arg_top - list;
    /* No pointer arithmetic on the stack before its first push (NULL). */
    shale_ast_args *args = args_node(ctx, n ? ctx->arg_stack + list : NULL, n, lparen, trailing_comma, rparen);
    ctx->arg_top = list;
    return args;
}

shale_ast_args *shale_ast__args_one(shale_parse_ctx *ctx, shale_tok lparen, shale_ast_expr *value,
                                    const shale_tok *trailing_comma, shale_tok rparen)
{
    shale_ast_arg a = shale_ast__arg_positional(ctx, value);
    return args_node(ctx, &a, 1, lparen, trailing_comma, rparen);
}

shale_ast_arg shale_ast__arg_named(shale_parse_ctx *ctx, shale_tok name, shale_tok colon, shale_ast_expr *value)
{
    (void)ctx;
    (void)colon; /* shale_ast_arg_span() finds it again when there is no value */
    shale_ast_arg a = {value, name.start, name.end - name.start};
    return a;
}

shale_ast_arg shale_ast__arg_positional(shale_parse_ctx *ctx, shale_ast_expr *value)
{
    shale_ast_arg a = {value, value ? (uint32_t)(value->text_ptr - ctx->text) : 0, 0};
    return a;
}

shale_ast_expr *shale_ast__expr_token(shale_parse_ctx *ctx, shale_expr_kind kind, shale_tok tok)
{
    shale_ast_expr *e = node(ctx, offsetof(shale_ast_expr, u)); /* no `u` (see ast.h) */
    if (!e) return NULL;
    e->kind = (uint8_t)kind;
    e->text_ptr = ctx->text + tok.start;
    e->text_len = tok.end - tok.start;
    if (kind == SHALE_EXPR_STRING) check_string_escapes(ctx, tok);
    return e;
}

shale_ast_expr *shale_ast__expr_call(shale_parse_ctx *ctx, shale_tok path, shale_ast_args *args)
{
    if (!args) return NULL;
    shale_ast_expr *e = node(ctx, sizeof *e);
    if (!e) return NULL;
    e->kind = SHALE_EXPR_FUNCTION;
    e->text_ptr = ctx->text + path.start;
    e->text_len = path.end - path.start;
    e->u.args = args;
    return e;
}

shale_ast_expr *shale_ast__expr_array(shale_parse_ctx *ctx, shale_tok open, shale_ast_expr_list *items,
                                      shale_tok close)
{
    shale_ast_expr *e = node(ctx, sizeof *e);
    if (!e) return NULL;
    e->kind = SHALE_EXPR_ARRAY;
    e->text_ptr = ctx->text + open.start;
    e->text_len = close.end - open.start;
    if (items) {
        e->u.items = items->head;
        ctx->spare_expr_list = items; /* only the parser used it: the next list can */
    }
    return e;
}

shale_ast_expr_list *shale_ast__expr_list_add(shale_parse_ctx *ctx, shale_ast_expr_list *list, shale_ast_expr *item)
{
    if (!item) return NULL;
    if (!list && ctx->spare_expr_list) {
        list = ctx->spare_expr_list;
        ctx->spare_expr_list = NULL;
        memset(list, 0, sizeof *list);
    } else if (!list) {
        list = node(ctx, sizeof *list);
        if (!list) return NULL;
    }
    if (list->tail) list->tail->next = item;
    else list->head = item;
    list->tail = item;
    list->count++;
    return list;
}
