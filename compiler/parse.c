/* parse.c - the parser driver: pulls tokens from the re2c lexer, fills in the
 * per-line facts the grammar actions need, guards against pathological nesting and
 * feeds the Lemon parser. Prisma's grammar ends every construct at a newline, so the
 * driver makes sure the last line has one and then sends END, which also lets the
 * grammar keep (and report) a block the file never closed. */
#include "parse.h"

#include "diag_codes.h"
#include "parse_int.h"
#include "parser.h"

#include <stdlib.h>

const char *shale_parse__token_name(int kind)
{
    switch (kind) {
    case TK_END: return "end of file";
    case TK_NEWLINE: return "end of line";
    case TK_COMMENT: return "comment";
    case TK_STRING: return "string";
    case TK_NUMBER: return "number";
    case TK_IDENT: return "name";
    case TK_PATH: return "dotted name";
    case TK_UNSUPPORTED: return "type";
    case TK_MODEL:
    case TK_VIEW:
    case TK_TYPE:
    case TK_ENUM:
    case TK_DATASOURCE:
    case TK_GENERATOR: return "keyword";
    case TK_INVALID: return "character";
    default: return "token";
    }
}

void shale_parse__syntax_error(shale_parse_ctx *ctx, int kind, shale_tok tok)
{
    /* Only the first problem of a line is kept; the line is reported once, when the
     * grammar's `error NEWLINE` rule closes it. */
    if (ctx->has_line_error) return;
    /* `@name` is one token, but only its `@` can be unexpected: a name always follows. */
    if (kind == TK_ATNAME || kind == TK_ATATNAME) {
        tok.end = tok.start + (kind == TK_ATNAME ? 1 : 2);
        kind = kind == TK_ATNAME ? TK_AT : TK_ATAT;
    }
    ctx->has_line_error = true;
    ctx->line_error_tok = tok;
    ctx->line_error_kind = kind;
    ctx->line_error_msg = NULL;
}

const shale_line_info *shale_parse__line_info(const shale_parse_ctx *ctx, shale_tok nl)
{
    return ctx->lines[0].nl_start == nl.start ? &ctx->lines[0] : &ctx->lines[1];
}

/* Records the line that the NEWLINE `nl` ends, before the parser sees `nl`. */
static void end_line(shale_parse_ctx *ctx, shale_tok nl, bool has_lbrace)
{
    shale_line_info *li = &ctx->lines[ctx->line_slot];
    ctx->line_slot ^= 1;
    li->nl_start = nl.start;
    /* A newline that starts a line is an empty line: it spans itself. */
    li->start = ctx->at_line_start ? nl.start : ctx->line_start;
    li->first_kind = ctx->at_line_start ? TK_NEWLINE : ctx->line_first_kind;
    li->has_lbrace = has_lbrace;
    ctx->at_line_start = true;
}

void shale_parse__stack_overflow(shale_parse_ctx *ctx)
{
    /* Unreachable with the nesting guard below, but never silent. */
    ctx->failed = true;
}

void shale_parse__failed(shale_parse_ctx *ctx) { ctx->failed = true; }

int shale_parse(shale_ast_file **out, shale_arena *arena, shale_diag_sink *diags, shale_source *src,
                uint32_t file_id)
{
    *out = NULL;
    /* The tree of a large schema takes about five bytes per byte of text (the bench's
     * 10,000 models: 29 MB for 5.7 MB), the resolved schema and the IR built from it
     * about two and a half each. Room for all of them at once puts a whole compilation
     * in one chunk of 2 MiB pages: a chain of chunks leaves each one's tail unused and
     * rounds each one's last page up. Only what is used is ever touched; the hint
     * failing changes nothing. */
    if (src->len >= SHALE_PARSE_RESERVE_FROM) shale_arena_reserve(arena, src->len * 11);
    shale_ast_file *file = shale_arena_alloc(arena, sizeof *file);
    if (!file) return SHALE_ENOMEM;
    file->file_id = file_id;
    file->text = src->text;

    shale_parse_ctx ctx = {0};
    ctx.arena = arena;
    ctx.diags = diags;
    ctx.src = src;
    ctx.text = src->text;
    ctx.file_id = file_id;
    ctx.file = file;
    ctx.at_line_start = true;

    void *parser = shale_parser_Alloc(malloc, &ctx);
    if (!parser) return SHALE_ENOMEM;

    shale_lexer lx;
    shale_lexer_init(&lx, src->text, (uint32_t)src->len);
    int last = TK_NEWLINE;
    int depth = 0;          /* ( and [ open on this line */
    bool skipping = false;  /* the rest of this line is dropped after a nesting overflow */
    bool has_lbrace = false;

    for (;;) {
        shale_tok tok;
        int kind = shale_lex(&lx, &tok);
        if (kind == TK_END) {
            if (last != TK_NEWLINE) {
                /* A missing final newline is fine: supply one (zero-width). */
                shale_tok nl = {tok.start, tok.start};
                end_line(&ctx, nl, has_lbrace);
                shale_parser_(parser, TK_NEWLINE, nl);
            }
            shale_parser_(parser, TK_END, tok);
            shale_parser_(parser, 0, tok);
            break;
        }
        if (kind == TK_NEWLINE) {
            end_line(&ctx, tok, has_lbrace);
            depth = 0;
            skipping = false;
            has_lbrace = false;
        } else {
            if (ctx.at_line_start) {
                ctx.line_start = tok.start;
                ctx.line_first_kind = kind;
                ctx.at_line_start = false;
            }
            if (skipping) continue;
            if (kind == TK_LPAREN || kind == TK_LBRACKET || kind == TK_UNSUPPORTED) {
                if (++depth > SHALE_PARSE_MAX_NESTING) {
                    /* Deep nesting is never meaningful in a schema; refuse it here so the
                     * parser stack (and every recursive walk after it) stays small. The
                     * line becomes an invalid line like any other. */
                    if (!ctx.has_line_error) {
                        ctx.has_line_error = true;
                        ctx.line_error_tok = tok;
                        ctx.line_error_kind = kind;
                        ctx.line_error_msg = "brackets are nested more than 128 levels deep here";
                    }
                    skipping = true;
                    kind = TK_INVALID;
                }
            } else if (kind == TK_RPAREN || kind == TK_RBRACKET) {
                if (depth > 0) depth--;
            } else if (kind == TK_LBRACE) {
                has_lbrace = true;
            }
        }
        last = kind;
        shale_parser_(parser, kind, tok);
        if (ctx.failed) break;
    }
    shale_parser_Free(parser, free);
    free(ctx.arg_stack);

    if (ctx.failed && !ctx.oom) {
        shale_diag_report(diags, SHALE_SEV_ERROR, SHALE_E_PARSER_LIMIT, shale_ast__span(&ctx, 0, 0),
                          "the parser could not continue past this point");
        file->n_syntax_errors++;
        file->structural_error = true;
    }
    if (ctx.oom || diags->oom) return SHALE_ENOMEM;
    *out = file;
    return SHALE_OK;
}
