/* ast.h - the syntax tree of a Prisma schema file, as the parser builds it.
 *
 * It keeps everything the formatter needs to reproduce Prisma's layout (comments,
 * empty-line runs, invalid lines kept verbatim, legacy syntax) and a byte span on
 * every node, so every later diagnostic can point at the exact text. All nodes are
 * allocated from the compilation's arena; lists are singly linked in source order,
 * but for an argument list, an array after its node. Text is never copied: every
 * shale_str points into the source buffer, so a name's span is computed from its text
 * (shale_ast_span) rather than stored beside it: the AST of a large schema is a dozen
 * times the size of its text, and most of it was such duplicates. The nodes a large
 * schema has by the hundred thousand (fields, attributes, arguments, expressions)
 * keep their text as a pointer and a 32-bit length beside another 32-bit member, or
 * as offsets that the file completes (a field's and its type's names, an argument's
 * name), and spans as offsets: read them with the shale_ast_*_name/_text/_span()
 * functions below. A 16-byte shale_str or a 12-byte shale_span would pad each such
 * node by 8 bytes.
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

/* One argument of a list: read its name with shale_ast_arg_name() (len 0, at the
 * value, when positional) and its span with shale_ast_arg_span(). */
typedef struct shale_ast_arg {
    shale_ast_expr *value; /* NULL for an empty argument `name:` (kept for editors);
                              never NULL for a positional one */
    uint32_t start;        /* byte offset of its name, or of its value when positional */
    uint32_t name_len;     /* 0 for a positional argument */
} shale_ast_arg;

/* An argument list keeps its arguments in an array after it, not as linked nodes:
 * most lists have one argument, and a link and a head pointer were a third of it. */
typedef struct shale_ast_args {
    uint32_t count;
    uint32_t trailing_comma; /* byte offset of a trailing `,`, 0 when there is none */
    uint32_t start, end;     /* ( ... ): byte offsets in the file */
    shale_ast_arg items[];   /* `count` of them, in source order */
} shale_ast_args;

typedef enum shale_expr_kind {
    SHALE_EXPR_STRING,   /* "text" - raw text keeps quotes and escapes */
    SHALE_EXPR_NUMBER,   /* -12.5 */
    SHALE_EXPR_CONSTANT, /* a path: true, Cascade, db.Uuid, a field name */
    SHALE_EXPR_FUNCTION, /* path(args) */
    SHALE_EXPR_ARRAY,    /* [a, b] */
} shale_expr_kind;

/* The expression's span is shale_ast_expr_span(): its text, and for a function the
 * argument list after the name. A string, number or constant (most expressions) is
 * allocated without `u`, which only functions and arrays have: read `u` after checking
 * `kind`, and never copy an expression by value. */
struct shale_ast_expr {
    shale_ast_expr *next; /* next item in an array */
    const char *text_ptr; /* shale_ast_expr_text(): raw text (string, number, constant),
                             function name, or the whole `[...]` of an array */
    uint32_t text_len;
    uint8_t kind; /* shale_expr_kind */
    union {
        shale_ast_args *args;  /* SHALE_EXPR_FUNCTION */
        shale_ast_expr *items; /* SHALE_EXPR_ARRAY, linked through next (count:
                                  shale_ast_expr_count()) */
    } u;
};

/* ---- attributes ---------------------------------------------------------- */

typedef struct shale_ast_attr {
    struct shale_ast_attr *next;
    const char *name_ptr; /* shale_ast_attr_name(): the path without @ or @@: "id", "db.VarChar" */
    shale_ast_args *args; /* NULL when written without parentheses */
    uint32_t name_len;
    uint32_t start; /* the @ or @@; shale_ast_attr_span() runs to the closing ) */
} shale_ast_attr;

typedef struct shale_ast_attrs {
    shale_ast_attr *head; /* linked through next, in source order */
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

/* Every field holds one, so it stays small: its name (shale_ast_type_name()) is found
 * from `start`, and the string inside `Unsupported("...")` in that name by
 * shale_ast_unsupported_arg(), rather than kept. */
typedef struct shale_ast_type {
    uint32_t start, end;  /* the whole type including ?, [], !: shale_ast_type_span() */
    uint32_t name_len;    /* of the identifier, or of the whole `Unsupported("...")` text;
                             0 in a field with no type */
    uint8_t arity;        /* shale_arity */
    uint8_t syntax;       /* shale_type_syntax */
    bool unsupported;
} shale_ast_type;

/* The comments of a field, which few fields have, and the legacy `:` of `name: Type`,
 * which fewer have. */
typedef struct shale_ast_field_comments {
    shale_ast_comment *trailing; /* NULL if none */
    shale_ast_comment *doc;      /* comment block right above, NULL if none */
    uint32_t legacy_colon;       /* byte offset of the `:`, 0 when absent */
} shale_ast_field_comments;

/* A large schema has over a hundred thousand: 48 bytes. The name is an offset in the
 * file (shale_ast_field_name()); what few fields have sits behind `comments`. */
typedef struct shale_ast_field {
    shale_ast_type type;   /* zero when the field has none (shale_ast_field_has_type()) */
    shale_ast_attrs attrs;
    shale_ast_field_comments *comments; /* NULL when it has none of them: read
                                           shale_ast_field_trailing(), _doc(), _legacy_colon() */
    uint32_t name_start;
    uint32_t name_len;
} shale_ast_field;

/* The comment after the field on its line, or NULL. */
static inline const shale_ast_comment *shale_ast_field_trailing(const shale_ast_field *f)
{
    return f->comments ? f->comments->trailing : NULL;
}

/* The comment block right above the field, or NULL. */
static inline const shale_ast_comment *shale_ast_field_doc(const shale_ast_field *f)
{
    return f->comments ? f->comments->doc : NULL;
}

/* The byte offset of the `:` in `name: Type` (Prisma 1 syntax, an error), 0 when absent. */
static inline uint32_t shale_ast_field_legacy_colon(const shale_ast_field *f)
{
    return f->comments ? f->comments->legacy_colon : 0;
}

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

static inline shale_str shale_ast__str(const char *ptr, uint32_t len)
{
    shale_str s = {ptr, len};
    return s;
}

/* The text of the nodes that keep it as a pointer and a 32-bit length. */
static inline shale_str shale_ast_expr_text(const shale_ast_expr *e)
{
    return shale_ast__str(e->text_ptr, e->text_len);
}

static inline shale_str shale_ast_arg_name(const shale_ast_file *file, const shale_ast_arg *a)
{
    return shale_ast__str(file->text + a->start, a->name_len);
}

static inline shale_str shale_ast_attr_name(const shale_ast_attr *a)
{
    return shale_ast__str(a->name_ptr, a->name_len);
}

/* Where the name of a `[T]` type starts, after the `[` and any blanks (rare: out of line). */
uint32_t shale_ast__legacy_list_name(const shale_ast_file *file, const shale_ast_type *t);

/* The type's name: it starts the type, but for the `[` of a legacy list. */
static inline shale_str shale_ast_type_name(const shale_ast_file *file, const shale_ast_type *t)
{
    uint32_t start = t->syntax == SHALE_TYPE_LEGACY_LIST ? shale_ast__legacy_list_name(file, t) : t->start;
    return shale_ast__str(file->text + start, t->name_len);
}

static inline shale_str shale_ast_field_name(const shale_ast_file *file, const shale_ast_field *f)
{
    return shale_ast__str(file->text + f->name_start, f->name_len);
}

/* false: `name @attr` or a lone name. */
static inline bool shale_ast_field_has_type(const shale_ast_field *f) { return f->type.name_len != 0; }

/* The items of an array expression (0 for other kinds). */
static inline uint32_t shale_ast_expr_count(const shale_ast_expr *e)
{
    uint32_t n = 0;
    if (e->kind == SHALE_EXPR_ARRAY)
        for (const shale_ast_expr *it = e->u.items; it; it = it->next) n++;
    return n;
}

/* The span of an attribute: from its @ or @@ to its closing ), or the end of its name. */
static inline shale_span shale_ast_attr_span(const shale_ast_file *file, const shale_ast_attr *a)
{
    shale_span s = {file->file_id, a->start,
                    a->args ? a->args->end : (uint32_t)(a->name_ptr - file->text) + a->name_len};
    return s;
}

/* The span of a type, including ?, [] and !. */
static inline shale_span shale_ast_type_span(const shale_ast_file *file, const shale_ast_type *t)
{
    shale_span s = {file->file_id, t->start, t->end};
    return s;
}

/* The string literal of an `Unsupported("...")` type, quotes and escapes as written; len 0
 * for other types. The grammar allows only blanks around it inside the parentheses,
 * so it runs from the first `"` of the type's text to the last. */
static inline shale_str shale_ast_unsupported_arg(const shale_ast_file *file, const shale_ast_type *t)
{
    shale_str name = shale_ast_type_name(file, t), s = {name.ptr, 0};
    if (!t->unsupported) return s;
    size_t first = 0, last = name.len;
    while (first < name.len && name.ptr[first] != '"') first++;
    while (last > first + 1 && name.ptr[last - 1] != '"') last--;
    if (last <= first + 1) return s;
    s.ptr = name.ptr + first;
    s.len = last - first;
    return s;
}

/* The span of an expression: its text, through the closing `)` for a function. */
static inline shale_span shale_ast_expr_span(const shale_ast_file *file, const shale_ast_expr *e)
{
    shale_span s = shale_ast_span(file, shale_ast_expr_text(e));
    if (e->kind == SHALE_EXPR_FUNCTION && e->u.args) s.end = e->u.args->end;
    return s;
}

/* The span of an argument: from its name (or its value) to the end of its value, or
 * of the `:` of an empty argument (only blanks can stand between the name and it). */
static inline shale_span shale_ast_arg_span(const shale_ast_file *file, const shale_ast_arg *a)
{
    shale_span s = {file->file_id, a->start, 0};
    if (a->value) {
        s.end = shale_ast_expr_span(file, a->value).end;
    } else {
        s.end = a->start + a->name_len;
        while (file->text[s.end] != ':') s.end++;
        s.end++;
    }
    return s;
}

#endif
