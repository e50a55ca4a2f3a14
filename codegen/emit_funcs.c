/* emit_funcs.c - the typed operations of each model: prototypes for the header and
 * definitions for the source. Each is a thin call of the matching shale_q_* of
 * runtime/shale_model.h with the model's descriptor; results come back through a
 * `void *` so no pointer is written through a type it does not have. Views get the
 * read-only ones: find_unique (when they have a unique criterion), find_first,
 * find_many and count. */
#include "codegen_int.h"

#include <string.h>

/* `int <model>_<name>(params)`, wrapped at 100 columns with the parameters aligned
 * after the `(` (parameters are separated by ", "). */
static void proto(shale_buf *b, const cg_model *cm, const char *name, const char *params, bool decl)
{
    size_t start = b->len;
    shale_buf_printf(b, "int %s_%s(", cm->snake, name);
    size_t indent = b->len - start, col = indent;
    const char *p = params;
    while (*p) {
        const char *end = strstr(p, ", ");
        size_t n = end ? (size_t)(end - p) : strlen(p);
        size_t need = n + (end ? 1 : 2); /* "," or ");" */
        if (p != params && col + 1 + need > 100) {
            shale_buf_putc(b, '\n');
            shale_buf_fill(b, ' ', indent);
            col = indent;
        } else if (p != params) {
            shale_buf_putc(b, ' ');
            col++;
        }
        shale_buf_put(b, p, n);
        col += n;
        if (end) {
            shale_buf_putc(b, ',');
            col++;
            p = end + 2;
        } else {
            p += n;
        }
    }
    shale_buf_puts(b, decl ? ");\n" : ")\n");
}

/* Writes the prototype (decl) or the definition of one operation. */
static void fn(cg *g, shale_buf *b, const cg_model *cm, bool decl, const char *name, const char *doc,
               const char *params, const char *body)
{
    (void)g;
    if (decl) shale_buf_printf(b, "/* %s */\n", doc);
    proto(b, cm, name, params, decl);
    if (!decl) shale_buf_printf(b, "{\n%s}\n\n", body);
}

/* The body of an operation returning one row: the runtime's void * lands in *out.
 * `call` is a format with one %s, the descriptor. */
static const char *row_body(cg *g, const char *call, const char *desc)
{
    const char *c = cg_fmt(g, call, desc);
    return cg_fmt(g, "    void *row = NULL;\n    int rc = %s;\n    *out = row;\n    return rc;\n", c ? c : "");
}

/* create and create_many: models only. */
static void create_funcs(cg *g, shale_buf *b, const cg_model *cm, bool decl, const char *m, const char *d)
{
    fn(g, b, cm, decl, "create",
       "Inserts a row. *out: the row as stored. Errors: SHALE_EUNIQUE, SHALE_EFOREIGN, SHALE_ENOTNULL.",
       cg_fmt(g, "%s **out, shale_client *c, const %s_create_input *in, shale_error *err", m, m),
       row_body(g, "shale_q_create(&row, c, %s, in, err)", d));
    fn(g, b, cm, decl, "create_many", "Inserts n rows with one COPY. *out_rows: the rows inserted.",
       cg_fmt(g, "int64_t *out_rows, shale_client *c, const %s_create_input *rows, size_t n, shale_error *err", m),
       cg_fmt(g, "    return shale_q_create_many(out_rows, c, %s, rows, n, sizeof *rows, err);\n", d));
}

static void write_funcs(cg *g, shale_buf *b, const cg_model *cm, bool decl, const char *m, const char *d);

void cg_emit_funcs(cg *g, shale_buf *b, uint32_t mi, bool decl)
{
    const cg_model *cm = &g->models[mi];
    const char *m = cm->snake;
    const char *d = cg_fmt(g, "&%s_model_", m);
    if (!d) return;
    if (!cm->is_view) create_funcs(g, b, cm, decl, m, d);
    /* A view without a unique criterion has no where_unique. */
    if (!cm->is_view || cm->n_uniques)
        fn(g, b, cm, decl, "find_unique",
           "*out: the row, or NULL (and 0 returned) when none matches. `inc` may be NULL.",
           cg_fmt(g,
                  "%s **out, shale_client *c, const %s_where_unique *where, const %s_include *inc, shale_error *err",
                  m, m, m),
           row_body(g, "shale_q_find_unique(&row, c, %s, where, inc, err)", d));
    const char *args =
        cg_fmt(g,
               "    shale_find_args fa = {NULL, NULL, 0, 0, 0, NULL};\n"
               "    if (args) {\n"
               "        fa.where = &args->where;\n"
               "        fa.order_by = args->order_by;\n"
               "        fa.n_order_by = args->n_order_by;\n"
               "        fa.skip = args->skip;\n"
               "        fa.take = args->take;\n"
               "        fa.include = &args->include;\n"
               "    }\n");
    fn(g, b, cm, decl, "find_first",
       "*out: the first row of find_many's result, or NULL (and 0 returned). `args` may be NULL.",
       cg_fmt(g, "%s **out, shale_client *c, const %s_find_many_args *args, shale_error *err", m, m),
       cg_fmt(g, "%s    void *row = NULL;\n    int rc = shale_q_find_first(&row, c, %s, &fa, err);\n    *out = row;\n    return rc;\n",
              args, d));
    fn(g, b, cm, decl, "find_many",
       "*out: the matching rows, maybe none (free with _list_free()). `args` NULL: every row.",
       cg_fmt(g, "%s_list **out, shale_client *c, const %s_find_many_args *args, shale_error *err", m, m),
       cg_fmt(g,
              "%s    shale_list *list = NULL;\n    int rc = shale_q_find_many(&list, c, %s, &fa, err);\n"
              "    *out = (%s_list *)(void *)list; /* the same layout (shale_model.h) */\n    return rc;\n",
              args, d, m));
    fn(g, b, cm, decl, "count", "*out: the number of rows `where` matches (NULL: all).",
       cg_fmt(g, "int64_t *out, shale_client *c, const %s_where *where, shale_error *err", m),
       cg_fmt(g, "    return shale_q_count(out, c, %s, where, err);\n", d));
    if (!cm->is_view) write_funcs(g, b, cm, decl, m, d);
    if (decl) {
        shale_buf_printf(b, "/* Release a row or a list and everything in it. Accept NULL. */\n");
        shale_buf_printf(b, "void %s_free(%s *row);\n", m, m);
        shale_buf_printf(b, "void %s_list_free(%s_list *list);\n", m, m);
    } else {
        shale_buf_printf(b, "void %s_free(%s *row)\n{\n    shale_result_free(row);\n}\n\n", m, m);
        shale_buf_printf(b, "void %s_list_free(%s_list *list)\n{\n    shale_result_free(list);\n}\n\n", m, m);
    }
}

/* update, update_many, upsert, delete, delete_many: models only. */
static void write_funcs(cg *g, shale_buf *b, const cg_model *cm, bool decl, const char *m, const char *d)
{
    fn(g, b, cm, decl, "update", "Changes one row. *out: the row after the change. SHALE_ENOTFOUND when none matches.",
       cg_fmt(g,
              "%s **out, shale_client *c, const %s_where_unique *where, const %s_update_input *data, "
              "shale_error *err",
              m, m, m),
       row_body(g, "shale_q_update(&row, c, %s, where, data, err)", d));
    fn(g, b, cm, decl, "update_many", "Changes every row `where` matches. *out_rows: how many.",
       cg_fmt(g, "int64_t *out_rows, shale_client *c, const %s_where *where, const %s_update_input *data, shale_error *err",
              m, m),
       cg_fmt(g, "    return shale_q_update_many(out_rows, c, %s, where, data, err);\n", d));
    fn(g, b, cm, decl, "upsert",
       "Updates the row `where` names, or inserts `create` if none (INSERT ... ON CONFLICT).",
       cg_fmt(g,
              "%s **out, shale_client *c, const %s_where_unique *where, const %s_create_input *create, "
              "const %s_update_input *update, shale_error *err",
              m, m, m, m),
       row_body(g, "shale_q_upsert(&row, c, %s, where, create, update, err)", d));
    fn(g, b, cm, decl, "delete",
       "Deletes one row. *out (`out` may be NULL): the deleted row. SHALE_ENOTFOUND when none matches.",
       cg_fmt(g, "%s **out, shale_client *c, const %s_where_unique *where, shale_error *err", m, m),
       cg_fmt(g,
              "    void *row = NULL;\n    int rc = shale_q_delete(out ? &row : NULL, c, %s, where, err);\n"
              "    if (out) *out = row;\n    return rc;\n",
              d));
    fn(g, b, cm, decl, "delete_many", "Deletes every row `where` matches (NULL: all). *out_rows: how many.",
       cg_fmt(g, "int64_t *out_rows, shale_client *c, const %s_where *where, shale_error *err", m),
       cg_fmt(g, "    return shale_q_delete_many(out_rows, c, %s, where, err);\n", d));
}
