/* parser.y - Lemon grammar of the Prisma schema language. Edit this file, not the
 * generated parser.c.
 *
 * The language is line-oriented (psl/schema-ast's datamodel.pest): a field, an enum
 * value, a key = value pair or a block attribute each end with a NEWLINE token, and
 * `}` closes a block. A line that does not parse is not fatal: the `error NEWLINE`
 * rules turn it into an INVALID member kept verbatim, exactly where Prisma's grammar
 * falls back to its CATCH_ALL rules, so one run reports every bad line and the
 * formatter can keep them. Actions are one-line calls into compiler/ast_build.c
 * (house style rule 11); everything they build lives in the compilation's arena,
 * so no %destructor is needed.
 */
%name shale_parser_
%token_prefix TK_
%token_type {shale_tok}
%extra_context {shale_parse_ctx *ctx}
%stack_size 1000
%start_symbol schema

%include {
#include <assert.h>
#include "compiler/parse_int.h"

/* A comment run followed by more on its line has no NEWLINE token of its own; a
 * zero-width one at the end of its last comment stands in for it. */
static shale_tok comments_end(const shale_parse_ctx *ctx, const shale_ast_comment_list *c)
{
    shale_tok t = {0};
    if (c) t.start = t.end = (uint32_t)(c->tail->text.ptr - ctx->text) + (uint32_t)c->tail->text.len;
    return t;
}

/* The part of a token from `skip` bytes in: the name of an ATNAME or ATATNAME. */
static shale_tok tok_from(shale_tok t, uint32_t skip)
{
    t.start += skip;
    return t;
}
}

/* DIGITS is a kind of number as far as messages go ("unexpected number `2`"). */
%syntax_error { shale_parse__syntax_error(ctx, yymajor == TK_DIGITS ? TK_NUMBER : yymajor, yyminor); }
%stack_overflow { shale_parse__stack_overflow(ctx); }
%parse_failure { shale_parse__failed(ctx); }

/* Token order fixes the codes in parser.h. */
%token END NEWLINE COMMENT STRING NUMBER IDENT PATH UNSUPPORTED AT ATAT LPAREN RPAREN
       LISTMARK LBRACKET RBRACKET COMMA COLON EQUALS QUESTION BANG LBRACE RBRACE INVALID
       MODEL VIEW TYPE ENUM DATASOURCE GENERATOR DIGITS ATNAME ATATNAME.

/* A comment line may go on with something else after it (a field after a one-line
 * block comment): Prisma's comment_block does not need a newline after each comment.
 * Reducing the comments before a NEWLINE or another COMMENT would split one line in
 * two, so those two tokens are shifted: they bind tighter than the rules for a comment
 * run with no NEWLINE, which are marked CLINE. */
%nonassoc CLINE.
%nonassoc NEWLINE COMMENT.

/* Block keywords are ordinary names everywhere but at the start of a top-level line:
 * `type`, `model` and `view` are valid field names. A run of digits is a number where
 * an expression can stand (Prisma tries numeric_literal before path) and a name
 * everywhere else. */
%fallback IDENT MODEL VIEW TYPE ENUM DATASOURCE GENERATOR DIGITS.

%type top {shale_ast_top *}
%type mblock {shale_ast_top *}
%type eblock {shale_ast_top *}
%type cblock {shale_ast_top *}
%type ablock {shale_ast_top *}
%type alias {shale_ast_top *}
%type member {shale_ast_member *}
%type emember {shale_ast_member *}
%type cmember {shale_ast_member *}
%type field {shale_ast_member *}
%type evalue {shale_ast_member *}
%type kv {shale_ast_member *}
%type battr {shale_ast_member *}
%type cline {shale_ast_comment_list *}
%type ftype {shale_ast_type *}
%type xtype {shale_ast_type *}
%type tbase {shale_ast_type *}
%type ubase {shale_ast_type *}
%type attr {shale_ast_attr *}
%type args {shale_ast_args *}
%type arglist {uint32_t}
%type arg {shale_ast_arg}
%type expr {shale_ast_expr *}
%type exprlist {shale_ast_expr_list *}

/* ---- file ---------------------------------------------------------------- */

schema ::= tops END.
schema ::= tops mblock(B) END.                         { shale_ast__block_unclosed(ctx, B); }
schema ::= tops eblock(B) END.                         { shale_ast__block_unclosed(ctx, B); }
schema ::= tops cblock(B) END.                         { shale_ast__block_unclosed(ctx, B); }
schema ::= tops ablock(B) END.                         { shale_ast__block_unclosed(ctx, B); }

tops ::= .
tops ::= tops top(T).                                  { shale_ast__top_add(ctx, T); }
/* The commonest items, a model and an empty line, skip the `top` reduction. */
tops ::= tops mblock(B) RBRACE(R).                     { shale_ast__top_add(ctx, shale_ast__block_close(ctx, B, R)); }
tops ::= tops NEWLINE(N).                              { shale_ast__top_add(ctx, shale_ast__top_empty(ctx, N)); }

top(T) ::= eblock(B) RBRACE(R).                        { T = shale_ast__block_close(ctx, B, R); }
top(T) ::= cblock(B) RBRACE(R).                        { T = shale_ast__block_close(ctx, B, R); }
top(T) ::= ablock(B) RBRACE(R).                        { T = shale_ast__arbitrary_close(ctx, B, R); }
top(T) ::= alias(A).                                   { T = shale_ast__alias_finish(ctx, A); }
top(T) ::= cline(C) NEWLINE(N).                        { T = shale_ast__top_comments(ctx, C, N); }
top(T) ::= cline(C). [CLINE]                           { T = shale_ast__top_comments(ctx, C, comments_end(ctx, C)); }
top(T) ::= error NEWLINE(N).                           { T = shale_ast__top_invalid(ctx, N); yypParser->yyerrcnt = -1; }

/* The file ended inside a block (the schema rules above): reported, and the block is
 * kept. Those rules end in END on purpose: a rule `unclosed ::= mblock` would be the
 * only reduction of the state after a block's lines, so Lemon would make it that
 * state's default action, and a line starting with a token no member can start with
 * (`$`, a string) would close the block instead of becoming an invalid line. */

/* ---- model, view and composite type -------------------------------------- */

mblock(B) ::= MODEL(K) IDENT(N) LBRACE(L) NEWLINE.     { B = shale_ast__block_open(ctx, SHALE_BLOCK_MODEL, K, N, L); }
mblock(B) ::= VIEW(K) IDENT(N) LBRACE(L) NEWLINE.      { B = shale_ast__block_open(ctx, SHALE_BLOCK_VIEW, K, N, L); }
mblock(B) ::= TYPE(K) IDENT(N) LBRACE(L) NEWLINE.      { B = shale_ast__block_open(ctx, SHALE_BLOCK_TYPE, K, N, L); }
mblock(B) ::= mblock(A) member(M).                     { B = A; shale_ast__member_add(ctx, B, M); }
/* The commonest lines go straight into the block, a reduction fewer per line than
 * through `member`: the parser's table walks are most of its time (bench/README.md). */
mblock(B) ::= mblock(A) field(F) NEWLINE(N).           { B = A; shale_ast__member_add(ctx, B, shale_ast__member_finish(ctx, F, NULL, N)); }
mblock(B) ::= mblock(A) battr(M) NEWLINE(N).           { B = A; shale_ast__member_add(ctx, B, shale_ast__member_finish(ctx, M, NULL, N)); }

member(M) ::= field(F) COMMENT(C) NEWLINE(N).          { M = shale_ast__member_finish(ctx, F, &C, N); }
member(M) ::= battr(A) COMMENT(C) NEWLINE(N).          { M = shale_ast__member_finish(ctx, A, &C, N); }
member(M) ::= cline(C) NEWLINE(N).                     { M = shale_ast__member_comments(ctx, C, N); }
member(M) ::= cline(C). [CLINE]                        { M = shale_ast__member_comments(ctx, C, comments_end(ctx, C)); }
member(M) ::= NEWLINE(N).                              { M = shale_ast__member_empty(ctx, N); }
member(M) ::= error NEWLINE(N).                        { M = shale_ast__member_invalid(ctx, N); yypParser->yyerrcnt = -1; }

field(F) ::= IDENT(N).                                 { F = shale_ast__field_new(ctx, N); }
field(F) ::= IDENT(N) COLON(C).                        { F = shale_ast__field_colon(ctx, shale_ast__field_new(ctx, N), C); }
/* A plain type (`Int`, `Int?`, `Int[]`: nearly every field) is read by the field's own
 * rules, not through ftype and tbase: two reductions fewer per field. xtype has the rest. */
field(F) ::= IDENT(N) IDENT(T).                        { F = shale_ast__field_plain(ctx, N, T, SHALE_ARITY_REQUIRED, T); }
field(F) ::= IDENT(N) IDENT(T) QUESTION(E).            { F = shale_ast__field_plain(ctx, N, T, SHALE_ARITY_OPTIONAL, E); }
field(F) ::= IDENT(N) IDENT(T) LISTMARK(E).            { F = shale_ast__field_plain(ctx, N, T, SHALE_ARITY_LIST, E); }
field(F) ::= IDENT(N) xtype(T).                        { F = shale_ast__field_type(ctx, shale_ast__field_new(ctx, N), T); }
field(F) ::= IDENT(N) COLON(C) ftype(T).               { F = shale_ast__field_type(ctx, shale_ast__field_colon(ctx, shale_ast__field_new(ctx, N), C), T); }
/* A field's attributes are read by its own rules rather than through attr: one
 * reduction fewer per attribute. evalue and alias use attr. */
field(F) ::= field(A) ATNAME(S).                       { F = shale_ast__field_attr(ctx, A, shale_ast__attr(ctx, S, tok_from(S, 1), NULL)); }
field(F) ::= field(A) ATNAME(S) args(X).               { F = shale_ast__field_attr(ctx, A, shale_ast__attr(ctx, S, tok_from(S, 1), X)); }
field(F) ::= field(A) AT(S) IDENT(P).                  { F = shale_ast__field_attr(ctx, A, shale_ast__attr(ctx, S, P, NULL)); }
field(F) ::= field(A) AT(S) PATH(P).                   { F = shale_ast__field_attr(ctx, A, shale_ast__attr(ctx, S, P, NULL)); }
field(F) ::= field(A) AT(S) IDENT(P) args(X).          { F = shale_ast__field_attr(ctx, A, shale_ast__attr(ctx, S, P, X)); }
field(F) ::= field(A) AT(S) PATH(P) args(X).           { F = shale_ast__field_attr(ctx, A, shale_ast__attr(ctx, S, P, X)); }

ftype(T) ::= tbase(B).                                 { T = B; }
ftype(T) ::= tbase(B) QUESTION(E).                     { T = shale_ast__type_arity(ctx, B, SHALE_ARITY_OPTIONAL, SHALE_TYPE_PLAIN, E); }
ftype(T) ::= tbase(B) LISTMARK(E).                     { T = shale_ast__type_arity(ctx, B, SHALE_ARITY_LIST, SHALE_TYPE_PLAIN, E); }
ftype(T) ::= tbase(B) LISTMARK QUESTION(E).            { T = shale_ast__type_arity(ctx, B, SHALE_ARITY_OPTIONAL_LIST, SHALE_TYPE_PLAIN, E); }
ftype(T) ::= tbase(B) BANG(E).                         { T = shale_ast__type_arity(ctx, B, SHALE_ARITY_REQUIRED, SHALE_TYPE_LEGACY_BANG, E); }
ftype(T) ::= LBRACKET(S) tbase(B) RBRACKET(E).         { T = shale_ast__type_legacy_list(ctx, S, B, E); }

xtype(T) ::= IDENT(B) LISTMARK QUESTION(E).            { T = shale_ast__type_arity(ctx, shale_ast__type_name(ctx, B), SHALE_ARITY_OPTIONAL_LIST, SHALE_TYPE_PLAIN, E); }
xtype(T) ::= IDENT(B) BANG(E).                         { T = shale_ast__type_arity(ctx, shale_ast__type_name(ctx, B), SHALE_ARITY_REQUIRED, SHALE_TYPE_LEGACY_BANG, E); }
xtype(T) ::= ubase(B).                                 { T = B; }
xtype(T) ::= ubase(B) QUESTION(E).                     { T = shale_ast__type_arity(ctx, B, SHALE_ARITY_OPTIONAL, SHALE_TYPE_PLAIN, E); }
xtype(T) ::= ubase(B) LISTMARK(E).                     { T = shale_ast__type_arity(ctx, B, SHALE_ARITY_LIST, SHALE_TYPE_PLAIN, E); }
xtype(T) ::= ubase(B) LISTMARK QUESTION(E).            { T = shale_ast__type_arity(ctx, B, SHALE_ARITY_OPTIONAL_LIST, SHALE_TYPE_PLAIN, E); }
xtype(T) ::= ubase(B) BANG(E).                         { T = shale_ast__type_arity(ctx, B, SHALE_ARITY_REQUIRED, SHALE_TYPE_LEGACY_BANG, E); }
xtype(T) ::= LBRACKET(S) tbase(B) RBRACKET(E).         { T = shale_ast__type_legacy_list(ctx, S, B, E); }

tbase(T) ::= IDENT(N).                                 { T = shale_ast__type_name(ctx, N); }
tbase(T) ::= ubase(U).                                 { T = U; }
ubase(T) ::= UNSUPPORTED(U) STRING(S) RPAREN(R).       { T = shale_ast__type_unsupported(ctx, U, S, R); }

/* A path (`id`, `db.VarChar`) is an IDENT or a PATH token, written out in each rule
 * that takes one rather than reduced to a `path` symbol first. */
battr(M) ::= ATATNAME(A).                              { M = shale_ast__block_attr(ctx, A, tok_from(A, 2), NULL); }
battr(M) ::= ATATNAME(A) args(X).                      { M = shale_ast__block_attr(ctx, A, tok_from(A, 2), X); }
battr(M) ::= ATAT(A) IDENT(P).                         { M = shale_ast__block_attr(ctx, A, P, NULL); }
battr(M) ::= ATAT(A) PATH(P).                          { M = shale_ast__block_attr(ctx, A, P, NULL); }
battr(M) ::= ATAT(A) IDENT(P) args(X).                 { M = shale_ast__block_attr(ctx, A, P, X); }
battr(M) ::= ATAT(A) PATH(P) args(X).                  { M = shale_ast__block_attr(ctx, A, P, X); }

/* A type alias (`type Id = String @id`) is always an error; Prisma still parses it. */
alias(A) ::= TYPE(K) IDENT(N) EQUALS tbase(B).         { A = shale_ast__alias_new(ctx, K, N, B); }
alias(A) ::= alias(P) attr(X).                         { A = shale_ast__alias_attr(ctx, P, X); }

/* ---- enum ---------------------------------------------------------------- */

eblock(B) ::= ENUM(K) IDENT(N) LBRACE(L) NEWLINE.      { B = shale_ast__block_open(ctx, SHALE_BLOCK_ENUM, K, N, L); }
eblock(B) ::= eblock(A) emember(M).                    { B = A; shale_ast__member_add(ctx, B, M); }

emember(M) ::= evalue(V) NEWLINE(N).                   { M = shale_ast__member_finish(ctx, V, NULL, N); }
emember(M) ::= evalue(V) COMMENT(C) NEWLINE(N).        { M = shale_ast__member_finish(ctx, V, &C, N); }
emember(M) ::= battr(A) NEWLINE(N).                    { M = shale_ast__member_finish(ctx, A, NULL, N); }
emember(M) ::= battr(A) COMMENT(C) NEWLINE(N).         { M = shale_ast__member_finish(ctx, A, &C, N); }
emember(M) ::= cline(C) NEWLINE(N).                    { M = shale_ast__member_comments(ctx, C, N); }
emember(M) ::= cline(C). [CLINE]                       { M = shale_ast__member_comments(ctx, C, comments_end(ctx, C)); }
emember(M) ::= NEWLINE(N).                             { M = shale_ast__member_empty(ctx, N); }
emember(M) ::= error NEWLINE(N).                       { M = shale_ast__member_invalid(ctx, N); yypParser->yyerrcnt = -1; }

evalue(V) ::= IDENT(N).                                { V = shale_ast__enum_value_new(ctx, N); }
evalue(V) ::= evalue(A) attr(X).                       { V = shale_ast__enum_value_attr(ctx, A, X); }

/* ---- datasource and generator -------------------------------------------- */

cblock(B) ::= DATASOURCE(K) IDENT(N) LBRACE(L) NEWLINE. { B = shale_ast__block_open(ctx, SHALE_BLOCK_DATASOURCE, K, N, L); }
cblock(B) ::= GENERATOR(K) IDENT(N) LBRACE(L) NEWLINE.  { B = shale_ast__block_open(ctx, SHALE_BLOCK_GENERATOR, K, N, L); }
cblock(B) ::= cblock(A) cmember(M).                    { B = A; shale_ast__member_add(ctx, B, M); }

cmember(M) ::= kv(V) NEWLINE(N).                       { M = shale_ast__member_finish(ctx, V, NULL, N); }
cmember(M) ::= kv(V) COMMENT(C) NEWLINE(N).            { M = shale_ast__member_finish(ctx, V, &C, N); }
cmember(M) ::= cline(C) NEWLINE(N).                    { M = shale_ast__member_comments(ctx, C, N); }
cmember(M) ::= cline(C). [CLINE]                       { M = shale_ast__member_comments(ctx, C, comments_end(ctx, C)); }
cmember(M) ::= NEWLINE(N).                             { M = shale_ast__member_empty(ctx, N); }
cmember(M) ::= error NEWLINE(N).                       { M = shale_ast__member_invalid(ctx, N); yypParser->yyerrcnt = -1; }

kv(V) ::= IDENT(K) EQUALS(E).                          { V = shale_ast__kv(ctx, K, E, NULL); }
kv(V) ::= IDENT(K) EQUALS(E) expr(X).                  { V = shale_ast__kv(ctx, K, E, X); }

/* ---- a block with no keyword: always an error, kept verbatim ------------- */

ablock(B) ::= IDENT(N) LBRACE(L) NEWLINE.              { B = shale_ast__arbitrary_open(ctx, N, L); }
/* A keyword with no name (`model {`) is such a block too in Prisma's grammar: the
 * keyword is the identifier its arbitrary_block rule starts with. */
ablock(B) ::= MODEL(N) LBRACE(L) NEWLINE.              { B = shale_ast__arbitrary_open(ctx, N, L); }
ablock(B) ::= VIEW(N) LBRACE(L) NEWLINE.               { B = shale_ast__arbitrary_open(ctx, N, L); }
ablock(B) ::= TYPE(N) LBRACE(L) NEWLINE.               { B = shale_ast__arbitrary_open(ctx, N, L); }
ablock(B) ::= ENUM(N) LBRACE(L) NEWLINE.               { B = shale_ast__arbitrary_open(ctx, N, L); }
ablock(B) ::= DATASOURCE(N) LBRACE(L) NEWLINE.         { B = shale_ast__arbitrary_open(ctx, N, L); }
ablock(B) ::= GENERATOR(N) LBRACE(L) NEWLINE.          { B = shale_ast__arbitrary_open(ctx, N, L); }
ablock(B) ::= ablock(A) junk.                          { B = A; }

junk ::= NEWLINE.
junk ::= COMMENT.
junk ::= STRING.
junk ::= NUMBER.
junk ::= DIGITS.
junk ::= IDENT.
junk ::= PATH.
junk ::= UNSUPPORTED.
junk ::= AT.
junk ::= ATAT.
junk ::= ATNAME.
junk ::= ATATNAME.
junk ::= LPAREN.
junk ::= RPAREN.
junk ::= LISTMARK.
junk ::= LBRACKET.
junk ::= RBRACKET.
junk ::= COMMA.
junk ::= COLON.
junk ::= EQUALS.
junk ::= QUESTION.
junk ::= BANG.
junk ::= LBRACE.
junk ::= INVALID.

/* ---- comments, attributes, expressions ----------------------------------- */

cline(C) ::= COMMENT(T).                               { C = shale_ast__comment_line(ctx, NULL, T); }
cline(C) ::= cline(A) COMMENT(T).                      { C = shale_ast__comment_line(ctx, A, T); }

/* `@name` is usually one token (grammar/lexer.re); `@ name` is two. */
attr(A) ::= ATNAME(S).                                 { A = shale_ast__attr(ctx, S, tok_from(S, 1), NULL); }
attr(A) ::= ATNAME(S) args(X).                         { A = shale_ast__attr(ctx, S, tok_from(S, 1), X); }
attr(A) ::= AT(S) IDENT(P).                            { A = shale_ast__attr(ctx, S, P, NULL); }
attr(A) ::= AT(S) PATH(P).                             { A = shale_ast__attr(ctx, S, P, NULL); }
attr(A) ::= AT(S) IDENT(P) args(X).                    { A = shale_ast__attr(ctx, S, P, X); }
attr(A) ::= AT(S) PATH(P) args(X).                     { A = shale_ast__attr(ctx, S, P, X); }

/* One positional argument, the commonest list (`@default(now())`, `@db.VarChar(255)`),
 * has rules of its own; a longer list starts with a named argument or with a
 * positional one and a comma. */
args(A) ::= LPAREN(L) RPAREN(R).                       { A = shale_ast__args_close(ctx, shale_ast__args_start(ctx), L, NULL, R); }
args(A) ::= LPAREN(L) COMMA(C) RPAREN(R).              { A = shale_ast__args_close(ctx, shale_ast__args_start(ctx), L, &C, R); }
args(A) ::= LPAREN(L) expr(X) RPAREN(R).               { A = shale_ast__args_one(ctx, L, X, NULL, R); }
args(A) ::= LPAREN(L) expr(X) COMMA(C) RPAREN(R).      { A = shale_ast__args_one(ctx, L, X, &C, R); }
args(A) ::= LPAREN(L) arglist(X) RPAREN(R).            { A = shale_ast__args_close(ctx, X, L, NULL, R); }
args(A) ::= LPAREN(L) arglist(X) COMMA(C) RPAREN(R).   { A = shale_ast__args_close(ctx, X, L, &C, R); }

arglist(A) ::= IDENT(N) COLON(C) expr(X).              { A = shale_ast__args_push(ctx, shale_ast__args_start(ctx), shale_ast__arg_named(ctx, N, C, X)); }
arglist(A) ::= IDENT(N) COLON(C).                      { A = shale_ast__args_push(ctx, shale_ast__args_start(ctx), shale_ast__arg_named(ctx, N, C, NULL)); }
arglist(A) ::= expr(X) COMMA arg(Y).                   { A = shale_ast__args_two(ctx, X, Y); }
arglist(A) ::= arglist(B) COMMA arg(X).                { A = shale_ast__args_push(ctx, B, X); }

arg(A) ::= IDENT(N) COLON(C) expr(X).                  { A = shale_ast__arg_named(ctx, N, C, X); }
arg(A) ::= IDENT(N) COLON(C).                          { A = shale_ast__arg_named(ctx, N, C, NULL); }
arg(A) ::= expr(X).                                    { A = shale_ast__arg_positional(ctx, X); }

expr(E) ::= STRING(T).                                 { E = shale_ast__expr_token(ctx, SHALE_EXPR_STRING, T); }
expr(E) ::= NUMBER(T).                                 { E = shale_ast__expr_token(ctx, SHALE_EXPR_NUMBER, T); }
expr(E) ::= DIGITS(T).                                 { E = shale_ast__expr_token(ctx, SHALE_EXPR_NUMBER, T); }
expr(E) ::= DIGITS(T) args(X).                         { E = shale_ast__expr_call(ctx, T, X); }
expr(E) ::= IDENT(T).                                  { E = shale_ast__expr_token(ctx, SHALE_EXPR_CONSTANT, T); }
expr(E) ::= PATH(T).                                   { E = shale_ast__expr_token(ctx, SHALE_EXPR_CONSTANT, T); }
expr(E) ::= IDENT(T) args(X).                          { E = shale_ast__expr_call(ctx, T, X); }
expr(E) ::= PATH(T) args(X).                           { E = shale_ast__expr_call(ctx, T, X); }
expr(E) ::= LISTMARK(T).                               { E = shale_ast__expr_array(ctx, T, NULL, T); }
expr(E) ::= LBRACKET(S) RBRACKET(F).                   { E = shale_ast__expr_array(ctx, S, NULL, F); }
/* One item (`[id]`, the commonest array) has a rule of its own, as one argument does. */
expr(E) ::= LBRACKET(S) expr(X) RBRACKET(F).           { E = shale_ast__expr_array(ctx, S, shale_ast__expr_list_add(ctx, NULL, X), F); }
expr(E) ::= LBRACKET(S) exprlist(L) RBRACKET(F).       { E = shale_ast__expr_array(ctx, S, L, F); }

exprlist(L) ::= expr(X) COMMA expr(Y).                 { L = shale_ast__expr_list_add(ctx, shale_ast__expr_list_add(ctx, NULL, X), Y); }
exprlist(L) ::= exprlist(A) COMMA expr(X).             { L = shale_ast__expr_list_add(ctx, A, X); }
