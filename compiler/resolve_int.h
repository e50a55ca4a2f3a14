/* resolve_int.h - what the resolver's files share (not part of the public API).
 *
 * The resolver runs in passes over the parsed files (resolve.c drives them): top-level
 * names, the datasource and generators, enums, model fields and their attributes
 * (resolve_model.c), model attributes, relations (resolve_relation.c), and checks that
 * need everything (ids, criteria, names). Each pass reports through the compilation's
 * diagnostics sink and keeps going, so one run lists every problem.
 */
#ifndef SHALE_COMPILER_RESOLVE_INT_H
#define SHALE_COMPILER_RESOLVE_INT_H

#include "diag_codes.h"
#include "schema.h"
#include "symtab.h"

/* Asks for the cache line at `p` ahead of use (any address: a prefetch never faults).
 * The passes walk a tree and arrays far larger than the caches, one model at a time:
 * they ask for the next model's memory while working on this one. */
#if defined(__GNUC__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif

/* What a top-level name refers to. */
typedef enum top_kind { TOP_MODEL, TOP_VIEW, TOP_ENUM, TOP_COMPOSITE, TOP_DATASOURCE, TOP_GENERATOR } top_kind;

typedef struct top_ref {
    top_kind kind;
    uint32_t index; /* in schema->models / enums, or the composite's position */
    const shale_ast_block *block;
    const shale_ast_file *file;
} top_ref;

typedef struct rctx {
    shale_compilation *c;
    shale_arena *arena;
    shale_diag_sink *diags;
    shale_schema *s;
    shale_symtab types;    /* model, view, enum and composite names -> top_ref* */
    shale_symtab blocks;   /* generator names -> top_ref* */
    shale_symtab scratch;  /* heap table reused for one block's names at a time (cleared
                              before each use, freed at the end of the resolve) */
    shale_symtab defaults[SHALE_DEFAULT_ULID + 1]; /* made defaults by kind, keyed by value */
    shale_arena tmp;       /* scratch of the relation pass and the checks (relation
                              sides, name sets): reserved at its full size, so a large
                              schema's lands in one mapping, emptied between the two
                              (shale_arena_rewind: the checks reuse the pages the
                              relations faulted in) and given back to the system by
                              shale_arena_free() after the checks; heap memory freed to
                              malloc would stay in the process */
    const shale_ast_file **model_files; /* the file each model was declared in */
    const shale_ast_file **enum_files;
    /* Each model's first block attribute member (NULL: none), found by the field pass
     * so the attribute pass starts there instead of walking the fields again. */
    const shale_ast_member **first_block_attr;
    bool feature_views;      /* previewFeatures has "views" */
    bool feature_extensions; /* previewFeatures has "postgresqlExtensions" */
    bool feature_partial_indexes; /* previewFeatures has "partialIndexes" */
    bool oom;
} rctx;

/* Reports an error at `span` (printf-style message). Returns the diagnostic or NULL. */
shale_diag *rerr(rctx *r, const char *code, shale_span span, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
shale_diag *rwarn(rctx *r, const char *code, shale_span span, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* Reports `Attribute "@x" can only be defined once.` on `a` and, the first time,
 * on `first` too, as Prisma reports every occurrence. *reported tracks that. */
void repeated_attr(rctx *r, const shale_ast_file *f, const char *shown, const shale_ast_attr *first,
                   const shale_ast_attr *a, bool *reported);

/* Spans of AST pieces. */
shale_span rspan(const shale_ast_file *f, shale_str s);

/* ---- attribute arguments (args.c) ------------------------------------------------ */

/* The parameters an attribute takes: `positional` is the name an unnamed argument
 * binds to (NULL: none), `names` the accepted named ones (NULL-terminated). bind_args
 * fills out[i] for names[i] (NULL when absent) and reports unknown, repeated and
 * misplaced arguments in Prisma's words, prefixed by `Error parsing attribute "@x": `.
 * Returns false when the attribute is unusable (it was reported). */
typedef struct arg_spec {
    const char *positional;
    const char *const *names;
} arg_spec;

bool bind_args(rctx *r, const shale_ast_file *f, const shale_ast_attr *a, const char *shown_name,
               const arg_spec *spec, const shale_ast_expr **out, const shale_ast_arg **out_args);

/* Decodes a string literal's raw text (quotes and escapes) into the arena. */
shale_str decode_string(rctx *r, shale_str raw);

/* The kind word Prisma uses in "received X value": numeric, string, literal,
 * functional, array. */
const char *expr_kind_word(const shale_ast_expr *e);

/* Reports `Expected a {want} value, but received {kind} value `{text}`.` on `e`,
 * prefixed for the attribute. */
void expect_error(rctx *r, const shale_ast_file *f, const char *attr_shown, const shale_ast_expr *e,
                  const char *want);

/* An expression's full source text (for messages). */
shale_str expr_text(const shale_ast_file *f, const shale_ast_expr *e);

/* A string argument: decoded into *out, or an error. */
bool arg_string(rctx *r, const shale_ast_file *f, const char *attr_shown, const shale_ast_expr *e, shale_str *out);

/* Prisma's identifier rules: no leading digit, no `-` (the grammar allows both).
 * `noun` is Prisma's word: "Model", "Enum", "Field", "Enum Value", "view".
 * Returns false after reporting. */
bool check_name_chars(rctx *r, shale_span span, shale_str name, const char *noun);

/* ASCII case-insensitive equality of a view and a C string. */
bool str_eq_nocase(shale_str a, const char *b);

/* The closest of `n` candidates to `name` for a "did you mean" help (NULL if none
 * is close). */
const char *closest_name(shale_str name, const char *const *cands, size_t n);

/* ---- passes ------------------------------------------------------------------------ */
void resolve_model_fields(rctx *r, uint32_t mi);
void resolve_model_attrs(rctx *r, uint32_t mi);
void resolve_relations(rctx *r);
void check_models(rctx *r);
/* Bytes of r->tmp that check_models() takes, so the pass before can size it for both. */
size_t check_models_scratch(const rctx *r);
/* PostgreSQL index types and operator classes of model `mi` (validate_index.c). */
void check_index_types(rctx *r, uint32_t mi);

#endif
