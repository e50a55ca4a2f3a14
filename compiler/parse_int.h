/* parse_int.h - the state shared by the parser driver (parse.c), the Lemon actions
 * (grammar/parser.y) and the AST constructors they call (ast_build.c). Internal to
 * the parser; other modules use parse.h and ast.h. */
#ifndef SHALE_COMPILER_PARSE_INT_H
#define SHALE_COMPILER_PARSE_INT_H

#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "grammar/lexer.h"
#include "source.h"

/* Deepest nesting of ( and [ accepted on one line; deeper input is reported, not parsed. */
#define SHALE_PARSE_MAX_NESTING 128

/* Files from this size up get their tree's room reserved in the arena at once. */
#define SHALE_PARSE_RESERVE_FROM ((size_t)256 * 1024)

typedef struct shale_ast_expr_list {
    shale_ast_expr *head, *tail;
    uint32_t count;
} shale_ast_expr_list;

typedef struct shale_ast_comment_list {
    shale_ast_comment *head, *tail;
} shale_ast_comment_list;

/* What the driver knew about a line when it sent the line's NEWLINE. The Lemon
 * actions that close a line read it; Lemon reduces a line only once the next token
 * has been read, which may be the next line's NEWLINE, so two lines are kept. */
typedef struct shale_line_info {
    uint32_t nl_start;   /* where the line's NEWLINE token starts: which line this is */
    uint32_t start;      /* where the line's first token starts */
    int first_kind;      /* that token's kind */
    bool has_lbrace;     /* the line holds a `{` */
} shale_line_info;

typedef struct shale_parse_ctx {
    shale_arena *arena;
    shale_diag_sink *diags;
    shale_source *src;
    const char *text;
    uint32_t file_id;
    shale_ast_file *file;

    /* The line being parsed: where its first token starts and what that token is. */
    uint32_t line_start;
    int line_first_kind;
    bool at_line_start;
    /* The last two lines sent, see shale_line_info. */
    shale_line_info lines[2];
    unsigned line_slot;

    /* Why the current line failed to parse, set by the first syntax error on it. */
    bool has_line_error;
    shale_tok line_error_tok;
    int line_error_kind;
    const char *line_error_msg; /* set instead of the token when the driver knows better */

    /* Last comment of the newest comment-line item, so a run of comment lines is
     * joined in constant time per line. */
    shale_ast_comment *comment_tail;

    /* The innermost block that is open, for "expected `}`" messages. */
    shale_ast_top *open_block;

    /* A type node already copied into its field, reused by the next type_name(). */
    shale_ast_type *spare_type;
    /* An array's item list once the array node has taken its items, reused likewise. */
    shale_ast_expr_list *spare_expr_list;

    /* The arguments of the lists being parsed, innermost last: a list is copied into
     * its node when its `)` is read. A list inside an argument is closed before that
     * argument is pushed, so each open list's arguments are one run at the top.
     * Emptied when a line turns out invalid (no list spans lines). */
    shale_ast_arg *arg_stack;
    uint32_t arg_top, arg_cap;

    bool oom;
    bool failed; /* the parser gave up (stack overflow); the tree is incomplete */
} shale_parse_ctx;

/* Lemon-generated entry points (grammar/parser.c). */
void *shale_parser_Alloc(void *(*malloc_fn)(size_t), shale_parse_ctx *ctx);
void shale_parser_Free(void *parser, void (*free_fn)(void *));
void shale_parser_(void *parser, int kind, shale_tok tok);

/* Hooks called from the grammar's %syntax_error / %stack_overflow / %parse_failure. */
void shale_parse__syntax_error(shale_parse_ctx *ctx, int kind, shale_tok tok);
void shale_parse__stack_overflow(shale_parse_ctx *ctx);
void shale_parse__failed(shale_parse_ctx *ctx);

/* The facts about the line that the NEWLINE token `nl` ends. */
const shale_line_info *shale_parse__line_info(const shale_parse_ctx *ctx, shale_tok nl);

/* Human name of a token, for messages ("`}`", "end of line"). */
const char *shale_parse__token_name(int kind);

/* ---- AST constructors (ast_build.c). Each returns NULL when out of memory or when
 * a required input is NULL, and sets ctx->oom in the first case. ------------- */

shale_span shale_ast__span(const shale_parse_ctx *ctx, uint32_t start, uint32_t end);

void shale_ast__top_add(shale_parse_ctx *ctx, shale_ast_top *top);
shale_ast_top *shale_ast__top_empty(shale_parse_ctx *ctx, shale_tok nl);
shale_ast_top *shale_ast__top_comments(shale_parse_ctx *ctx, shale_ast_comment_list *c, shale_tok nl);
shale_ast_top *shale_ast__top_invalid(shale_parse_ctx *ctx, shale_tok nl);

shale_ast_top *shale_ast__block_open(shale_parse_ctx *ctx, shale_block_kind kind, shale_tok kw,
                                     shale_tok name, shale_tok lbrace);
shale_ast_top *shale_ast__block_close(shale_parse_ctx *ctx, shale_ast_top *b, shale_tok rbrace);
void shale_ast__block_unclosed(shale_parse_ctx *ctx, shale_ast_top *b);
void shale_ast__member_add(shale_parse_ctx *ctx, shale_ast_top *b, shale_ast_member *m);

shale_ast_top *shale_ast__arbitrary_open(shale_parse_ctx *ctx, shale_tok name, shale_tok lbrace);
shale_ast_top *shale_ast__arbitrary_close(shale_parse_ctx *ctx, shale_ast_top *b, shale_tok rbrace);
shale_ast_top *shale_ast__alias_new(shale_parse_ctx *ctx, shale_tok kw, shale_tok name, shale_ast_type *base);
shale_ast_top *shale_ast__alias_attr(shale_parse_ctx *ctx, shale_ast_top *alias, shale_ast_attr *attr);
shale_ast_top *shale_ast__alias_finish(shale_parse_ctx *ctx, shale_ast_top *alias);

shale_ast_member *shale_ast__member_finish(shale_parse_ctx *ctx, shale_ast_member *m,
                                           const shale_tok *comment, shale_tok nl);
shale_ast_member *shale_ast__member_comments(shale_parse_ctx *ctx, shale_ast_comment_list *c, shale_tok nl);
shale_ast_member *shale_ast__member_empty(shale_parse_ctx *ctx, shale_tok nl);
shale_ast_member *shale_ast__member_invalid(shale_parse_ctx *ctx, shale_tok nl);

shale_ast_member *shale_ast__field_new(shale_parse_ctx *ctx, shale_tok name);
/* A field with a plain type: `name Type`, with `?` or `[]` ending at `last`. */
shale_ast_member *shale_ast__field_plain(shale_parse_ctx *ctx, shale_tok name, shale_tok type, shale_arity arity,
                                         shale_tok last);
shale_ast_member *shale_ast__field_colon(shale_parse_ctx *ctx, shale_ast_member *f, shale_tok colon);
shale_ast_member *shale_ast__field_type(shale_parse_ctx *ctx, shale_ast_member *f, shale_ast_type *t);
shale_ast_member *shale_ast__field_attr(shale_parse_ctx *ctx, shale_ast_member *f, shale_ast_attr *a);
shale_ast_member *shale_ast__enum_value_new(shale_parse_ctx *ctx, shale_tok name);
shale_ast_member *shale_ast__enum_value_attr(shale_parse_ctx *ctx, shale_ast_member *v, shale_ast_attr *a);
shale_ast_member *shale_ast__kv(shale_parse_ctx *ctx, shale_tok key, shale_tok eq, shale_ast_expr *value);
shale_ast_member *shale_ast__block_attr(shale_parse_ctx *ctx, shale_tok atat, shale_tok path,
                                        shale_ast_args *args);

shale_ast_type *shale_ast__type_name(shale_parse_ctx *ctx, shale_tok name);
shale_ast_type *shale_ast__type_unsupported(shale_parse_ctx *ctx, shale_tok kw, shale_tok str, shale_tok rparen);
shale_ast_type *shale_ast__type_arity(shale_parse_ctx *ctx, shale_ast_type *t, shale_arity arity,
                                      shale_type_syntax syntax, shale_tok last);
shale_ast_type *shale_ast__type_legacy_list(shale_parse_ctx *ctx, shale_tok lbracket, shale_ast_type *t,
                                            shale_tok rbracket);

shale_ast_comment *shale_ast__comment(shale_parse_ctx *ctx, shale_tok tok);
shale_ast_comment_list *shale_ast__comment_line(shale_parse_ctx *ctx, shale_ast_comment_list *line, shale_tok tok);
shale_ast_attr *shale_ast__attr(shale_parse_ctx *ctx, shale_tok at, shale_tok path, shale_ast_args *args);

/* An open argument list is the position of its first argument on ctx->arg_stack. */
uint32_t shale_ast__args_start(shale_parse_ctx *ctx);
uint32_t shale_ast__args_push(shale_parse_ctx *ctx, uint32_t list, shale_ast_arg arg);
/* A list that starts with the positional `first`, then `second`. */
uint32_t shale_ast__args_two(shale_parse_ctx *ctx, shale_ast_expr *first, shale_ast_arg second);
/* The node of the open list `list`, which leaves the stack. */
shale_ast_args *shale_ast__args_close(shale_parse_ctx *ctx, uint32_t list, shale_tok lparen,
                                      const shale_tok *trailing_comma, shale_tok rparen);
/* `( value )`: an argument list of one positional argument, closed. */
shale_ast_args *shale_ast__args_one(shale_parse_ctx *ctx, shale_tok lparen, shale_ast_expr *value,
                                    const shale_tok *trailing_comma, shale_tok rparen);
/* An argument; a NULL value for a positional one (out of memory) fails its list. */
shale_ast_arg shale_ast__arg_named(shale_parse_ctx *ctx, shale_tok name, shale_tok colon, shale_ast_expr *value);
shale_ast_arg shale_ast__arg_positional(shale_parse_ctx *ctx, shale_ast_expr *value);

shale_ast_expr *shale_ast__expr_token(shale_parse_ctx *ctx, shale_expr_kind kind, shale_tok tok);
shale_ast_expr *shale_ast__expr_call(shale_parse_ctx *ctx, shale_tok path, shale_ast_args *args);
shale_ast_expr *shale_ast__expr_array(shale_parse_ctx *ctx, shale_tok open, shale_ast_expr_list *items,
                                      shale_tok close);
shale_ast_expr_list *shale_ast__expr_list_add(shale_parse_ctx *ctx, shale_ast_expr_list *list,
                                              shale_ast_expr *item);

#endif
