/* ast.h - the syntax tree of a Prisma schema file, as the parser builds it.
 *
 * It keeps everything the formatter needs to reproduce Prisma's layout (comments,
 * empty-line runs, invalid lines kept verbatim, legacy syntax) and a byte span on
 * every node, so every later diagnostic can point at the exact text. All nodes are
 * allocated from the compilation's arena; lists are singly linked in source order.
 * Text is never copied: every shale_str points into the source buffer, so a name's
 * span is computed from its text (shale_ast_span) rather than stored beside it: the
 * AST of a large schema is a dozen times the size of its text, and most of it was
 * such duplicates.
 */
#ifndef SHALE_COMPILER_AST_H
#define SHALE_COMPILER_AST_H

#include "common.h"

typedef struct shale_ast_expr shale_ast_expr;

/* ---- comments ------------------------------------------------------------ */

typedef enum shale_comment_kind {
    SHALE_COMMENT_LINE,  /* // text   (not documentation) */
    SHALE_COMMENT_DOC,   /* /// text  (documentation) */
    SHALE_COMMENT_BLOCK, /* slash-star ... star-slash, may span lines (documentation) */
} shale_comment_kind;

typedef struct shale_ast_comment {
    struct shale_ast_comment *next;
    shale_str text; /* the whole comment token, from the slashes to the end of its text */
    shale_comment_kind kind;
} shale_ast_comment;

/* ---- expressions --------------------------------------------------------- */

typedef struct shale_ast_arg {
    struct shale_ast_arg *next;
    shale_str name; /* len 0 (ptr at the value) for a positional argument */
    shale_ast_expr *value; /* NULL for an empty argument `name:` (kept for editors) */
    shale_span span;
} shale_ast_arg;

typedef struct shale_ast_args {
    shale_ast_arg *head, *tail;
    uint32_t count;
    uint32_t trailing_comma; /* byte offset of a trailing `,`, 0 when there is none */
    shale_span span;         /* ( ... ) */
} shale_ast_args;

typedef enum shale_expr_kind {
    SHALE_EXPR_STRING,   /* "text" - raw text keeps quotes and escapes */
    SHALE_EXPR_NUMBER,   /* -12.5 */
    SHALE_EXPR_CONSTANT, /* a path: true, Cascade, db.Uuid, a field name */
    SHALE_EXPR_FUNCTION, /* path(args) */
    SHALE_EXPR_ARRAY,    /* [a, b] */
} shale_expr_kind;

/* The expression's span is shale_ast_expr_span(): its text, and for a function the
 * argument list after the name. */
struct shale_ast_expr {
    shale_ast_expr *next; /* next item in an array */
    shale_str text;       /* raw text (string, number, constant), function name, or the
                             whole `[...]` of an array */
    union {
        shale_ast_args *args;  /* SHALE_EXPR_FUNCTION */
        shale_ast_expr *items; /* SHALE_EXPR_ARRAY, linked through next */
    } u;
    uint32_t n_items;     /* SHALE_EXPR_ARRAY */
    shale_expr_kind kind;
};

/* ---- attributes ---------------------------------------------------------- */

typedef struct shale_ast_attr {
    struct shale_ast_attr *next;
    shale_str name; /* path without @ or @@: "id", "db.VarChar" */
    shale_ast_args *args; /* NULL when written without parentheses */
    shale_span span;      /* from @ to the closing ) */
} shale_ast_attr;

typedef struct shale_ast_attrs {
    shale_ast_attr *head, *tail;
    uint32_t count;
} shale_ast_attrs;

/* ---- fields and types ---------------------------------------------------- */

typedef enum shale_arity {
    SHALE_ARITY_REQUIRED,
    SHALE_ARITY_OPTIONAL,      /* T? */
    SHALE_ARITY_LIST,          /* T[] */
    SHALE_ARITY_OPTIONAL_LIST, /* T[]? - not supported, kept for the error and the formatter */
} shale_arity;

typedef enum shale_type_syntax {
    SHALE_TYPE_PLAIN,         /* T, T?, T[] */
    SHALE_TYPE_LEGACY_BANG,   /* T!  (Prisma 1) */
    SHALE_TYPE_LEGACY_LIST,   /* [T] (Prisma 1) */
} shale_type_syntax;

/* Every field holds one, so it stays small: the string inside `Unsupported("...")` is
 * found in `name` by shale_ast_unsupported_arg() rather than kept as a node. */
typedef struct shale_ast_type {
    shale_str name;                  /* identifier, or the whole `Unsupported("...")` text */
    shale_span span;                 /* the whole type including ?, [], ! */
    uint8_t arity;                   /* shale_arity */
    uint8_t syntax;                  /* shale_type_syntax */
    bool unsupported;
} shale_ast_type;

typedef struct shale_ast_field {
    shale_str name;
    uint32_t legacy_colon; /* byte offset of the `:` in `name: Type`, 0 when absent */
    bool has_type;         /* false: `name @attr` or a lone name */
    shale_ast_type type;
    shale_ast_attrs attrs;
    shale_ast_comment *trailing_comment; /* NULL if none */
    shale_ast_comment *doc;              /* comment block right above, NULL if none */
} shale_ast_field;

typedef struct shale_ast_enum_value {
    shale_str name;
    shale_ast_attrs attrs;
    shale_ast_comment *trailing_comment;
    shale_ast_comment *doc;
} shale_ast_enum_value;

typedef struct shale_ast_kv { /* key = value in datasource and generator blocks */
    shale_str key;
    shale_ast_expr *value; /* NULL for `key =` with no value */
    shale_ast_comment *trailing_comment;
} shale_ast_kv;

typedef struct shale_ast_block_attr {
    shale_ast_attr attr;
    shale_ast_comment *trailing_comment;
} shale_ast_block_attr;

/* ---- block members ------------------------------------------------------- */

typedef enum shale_member_kind {
    SHALE_MEMBER_FIELD,
    SHALE_MEMBER_ENUM_VALUE,
    SHALE_MEMBER_KV,
    SHALE_MEMBER_BLOCK_ATTR,
    SHALE_MEMBER_COMMENTS, /* a run of comment-only lines with no empty line between */
    SHALE_MEMBER_EMPTY,    /* a run of one or more empty lines */
    SHALE_MEMBER_INVALID,  /* a line that is not valid here, kept verbatim */
} shale_member_kind;

/* Allocated short: only the union arm of its kind exists (see member_size in
 * ast_build.c), so never copy a member by value. */
typedef struct shale_ast_member {
    struct shale_ast_member *next;
    shale_member_kind kind;
    shale_span span; /* the line(s), including the line terminator */
    union {
        shale_ast_field field;
        shale_ast_enum_value value;
        shale_ast_kv kv;
        shale_ast_block_attr block_attr;
        shale_ast_comment *comments; /* SHALE_MEMBER_COMMENTS */
        shale_str invalid_text;      /* SHALE_MEMBER_INVALID: line text, terminator included */
    } u;
} shale_ast_member;

/* ---- top-level items ----------------------------------------------------- */

typedef enum shale_block_kind {
    SHALE_BLOCK_MODEL,
    SHALE_BLOCK_VIEW,
    SHALE_BLOCK_TYPE, /* composite type */
    SHALE_BLOCK_ENUM,
    SHALE_BLOCK_DATASOURCE,
    SHALE_BLOCK_GENERATOR,
} shale_block_kind;

typedef struct shale_ast_block {
    shale_block_kind kind;
    shale_str keyword;
    shale_span keyword_span;
    shale_str name;
    shale_span name_span;
    shale_span open_span; /* `{` and the rest of its line (Prisma ignores that text) */
    shale_ast_member *members, *members_tail;
    bool closed;           /* false: the file ended before `}` (an error was reported) */
    shale_ast_comment *doc; /* comment block right above the keyword, NULL if none */
} shale_ast_block;

typedef enum shale_top_kind {
    SHALE_TOP_BLOCK,
    SHALE_TOP_COMMENTS,
    SHALE_TOP_EMPTY,
    SHALE_TOP_INVALID,         /* a line that starts no known construct, kept verbatim */
    SHALE_TOP_TYPE_ALIAS,      /* type A = B @attr (always an error), kept verbatim */
    SHALE_TOP_ARBITRARY_BLOCK, /* name { ... } with no keyword (always an error), kept verbatim */
} shale_top_kind;

/* Allocated short like a member: only the union arm of its kind exists (see top_size
 * in ast_build.c), so never copy a top-level item by value. */
typedef struct shale_ast_top {
    struct shale_ast_top *next;
    shale_top_kind kind;
    shale_span span; /* for INVALID the line terminator is included, as Prisma keeps it */
    union {
        shale_ast_block block;
        shale_ast_comment *comments;
        shale_str verbatim; /* INVALID, TYPE_ALIAS, ARBITRARY_BLOCK */
    } u;
} shale_ast_top;

typedef struct shale_ast_file {
    uint32_t file_id;
    const char *text; /* the source buffer every shale_str of this tree points into */
    shale_ast_top *items, *items_tail;
    uint32_t n_blocks;
    uint32_t n_syntax_errors; /* errors the parser reported for this file */
    bool structural_error;    /* an unclosed block or a nesting overflow: layout unknown */
} shale_ast_file;

/* The span of text that points into `file`'s source buffer (a name, a comment...). */
static inline shale_span shale_ast_span(const shale_ast_file *file, shale_str text)
{
    shale_span s;
    s.file = file->file_id;
    s.start = (uint32_t)(text.ptr - file->text);
    s.end = s.start + (uint32_t)text.len;
    return s;
}

/* The string literal of an `Unsupported("...")` type, quotes and escapes as written; len 0
 * for other types. The grammar allows only blanks around it inside the parentheses,
 * so it runs from the first `"` of the type's text to the last. */
static inline shale_str shale_ast_unsupported_arg(const shale_ast_type *t)
{
    shale_str s = {t->name.ptr, 0};
    if (!t->unsupported) return s;
    size_t first = 0, last = t->name.len;
    while (first < t->name.len && t->name.ptr[first] != '"') first++;
    while (last > first + 1 && t->name.ptr[last - 1] != '"') last--;
    if (last <= first + 1) return s;
    s.ptr = t->name.ptr + first;
    s.len = last - first;
    return s;
}

/* The span of an expression: its text, through the closing `)` for a function. */
static inline shale_span shale_ast_expr_span(const shale_ast_file *file, const shale_ast_expr *e)
{
    shale_span s = shale_ast_span(file, e->text);
    if (e->kind == SHALE_EXPR_FUNCTION && e->u.args) s.end = e->u.args->span.end;
    return s;
}

#endif
