/* codegen_int.h - what the generator's files share: the plan (every model, field,
 * unique criterion, relation and enum with its C names, C types and SQL text, built
 * once by plan.c) and the emitters that turn it into the header and the source.
 * Output order is schema order everywhere, so the same schema gives the same bytes. */
#ifndef SHALE_CODEGEN_CODEGEN_INT_H
#define SHALE_CODEGEN_CODEGEN_INT_H

#include "codegen.h"
#include "runtime/shale_model.h"
#include "compiler/symtab.h"

/* A scalar or enum field: one entry of the model's field descriptor array. */
typedef struct cg_field {
    const shale_field *f;
    const char *member; /* C member name: snake_case, keyword-escaped ("created_by_id") */
    const char *upper;  /* FIELD enum suffix ("CREATED_BY_ID") */
    const char *column; /* the column's name, unquoted */
    const char *sql_type; /* the column's type for casts ("TEXT", "\"Role\"[]") */
    unsigned type;      /* shale_type */
    unsigned flags;     /* SHALE_F_* */
    unsigned gen, gen_arg; /* shale_gen */
    uint32_t enum_index; /* SHALE_T_ENUM: in the schema's enums */
} cg_field;

/* A unique criterion: a member of <m>_where_unique. */
typedef struct cg_unique {
    const char *member;
    uint32_t n_fields;
    uint32_t *fields; /* indexes into the model's cg fields */
    bool bare;        /* one field of a pointer type: the bare member, no `has` */
} cg_unique;

typedef struct cg_rel {
    const shale_field *f;
    const char *member;
    const char *include_member; /* "<member>_include": the nested include pointer */
    uint32_t target;  /* model index */
    bool to_many;
    uint32_t n_keys;
    uint32_t *local, *remote; /* cg field indexes in this model and in the target */
    const char *join_table;   /* m:n: quoted, qualified SQL name; NULL otherwise */
    const char *join_local, *join_remote; /* "A" / "B" */
} cg_rel;

/* Something of the schema left out of the generated code, said in a comment. */
typedef struct cg_skip {
    struct cg_skip *next;
    const char *text;
} cg_skip;

typedef struct cg_model {
    const shale_model *m;
    bool generated;     /* false: @@ignore'd (a comment says so) */
    bool is_view;       /* a `view` block: read-only helpers, no create/update inputs */
    const char *snake;  /* "match_set" */
    const char *upper;  /* "MATCH_SET" */
    const char *table;  /* quoted, qualified SQL name */
    cg_field *fields;
    uint32_t n_fields;
    uint32_t *field_of; /* schema field index -> cg field index, SHALE_NONE if none */
    cg_unique *uniques;
    uint32_t n_uniques;
    cg_rel *rels;
    uint32_t n_rels;
    cg_skip *skips, *skips_tail;
    shale_symtab row_scope; /* member names of the row struct (arena table) */
} cg_model;

typedef struct cg_enum {
    const shale_enum *e;
    const char *snake, *upper;
    const char **values_upper; /* per value: the constant's suffix */
    const char *sql_type;
    uint32_t ir_index;  /* in the IR's enums (SHALE_IR_NONE when missing) */
} cg_enum;

typedef struct cg {
    const shale_schema *s;
    const shale_ir *ir;
    shale_arena *arena;
    shale_diag_sink *diags;
    const char *p, *P;      /* the prefix, lower and upper case */
    const char *source_name;
    cg_model *models;
    cg_enum *enums;
    shale_symtab globals;   /* C names at file scope -> the span that made them */
    int rc;                 /* first error: SHALE_ENOMEM, or SHALE_EINVAL after a diagnostic */
} cg;

/* ---- names.c ---- */
/* `name` in snake_case ("MatchSet" -> "match_set", "HTTPCode" -> "http_code").
 * Returns: from the arena; NULL when out of memory (g->rc set). */
char *cg_snake(cg *g, shale_str name);
/* `s` in upper case, from the arena. */
char *cg_upper(cg *g, const char *s);
/* A member name: snake_case, with a trailing `_` when it is a C keyword. */
char *cg_member(cg *g, shale_str name);
/* True when the bytes are a C identifier's: [A-Za-z_][A-Za-z0-9_]*. */
bool cg_is_ident(shale_str name);
/* Claims a file-scope C name for the schema object at `span` (`what` names it for
 * the message: "model `User`"); reports E2002 when another object has it. */
void cg_claim(cg *g, const char *cname, shale_span span, const char *what);
/* Claims a member name within one struct (`scope` a heap symtab the caller clears). */
void cg_claim_member(cg *g, shale_symtab *scope, const char *member, shale_span span, const char *what,
                     const char *in);
/* printf into the arena; NULL when out of memory (g->rc set). */
char *cg_fmt(cg *g, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* ---- text.c: C text helpers ---- */
/* A C string literal of `s` (quotes, escapes; `?` escaped against trigraphs). */
void cg_put_cstr(shale_buf *b, shale_str s);
void cg_put_cstrz(shale_buf *b, const char *s);
/* A comment's text made safe inside a block comment on one line: runs of white
 * space become one space, and `*` `/` cannot close it. */
void cg_put_comment_text(shale_buf *b, shale_str s);
/* The `///` documentation above a field or block as a block comment, indented. */
void cg_put_doc(shale_buf *b, const shale_ast_comment *doc, const char *indent);
/* The schema text of a field: its type and attributes ("String? @unique @map(\"e\")"). */
void cg_put_field_source(shale_buf *b, const cg *g, const shale_model *m, const shale_field *f);

/* ---- types.c: C type names per field ---- */
/* The member types of field `cf` in the row, create input, update input and where. */
const char *cg_row_type(const cg *g, const cg_field *cf);
const char *cg_create_type(const cg *g, const cg_field *cf);
const char *cg_update_type(const cg_field *cf);
const char *cg_filter_type(const cg_field *cf);
/* The bare (not optional) type of a field's value, for where_unique. */
const char *cg_value_type(const cg *g, const cg_field *cf);
/* The column type of a view's field, for casts: a view has no table in the IR, so the
 * field's type is lowered here as compiler/lower.c lowers a model's (native type
 * attribute, else Prisma's default for the scalar; enums by the IR's enum). */
shale_ir_type cg_view_column_type(const cg *g, const shale_field *f);

/* ---- plan.c ---- */
int cg_plan(cg *g);

/* ---- emit_header.c, emit_desc.c, emit_funcs.c ---- */
void cg_emit_header(cg *g, shale_buf *h);
void cg_emit_descriptors(cg *g, shale_buf *c);
/* Prototypes (`decl` true) or definitions of the typed wrappers of model `mi`. */
void cg_emit_funcs(cg *g, shale_buf *b, uint32_t mi, bool decl);

#endif
