/* format.c - the formatter (see format.h). A port of the layout rules of Prisma's
 * reformat.rs and renderer/table.rs, over our AST instead of pest pairs:
 *
 * - A block body is a table: each field, enum value or key = value is a row of
 *   cells; cells are padded to the widest cell of their column (byte length) + 1,
 *   the last cell of a row is not padded, a trailing comment follows after one space
 *   and takes no part in the widths. Comment lines are rows with no cells; invalid
 *   lines are "interleaved" rows printed as they are.
 * - An empty line inside a body starts a new table (and is printed once); empty
 *   lines at the start and end of a body, and before block attributes, go away.
 * - Block attributes are sorted (id, unique, default, updatedAt, index, fulltext,
 *   map, relation, ignore, then the rest in their order) and printed last, after one
 *   empty line; a comment right above one travels with it. Field attributes are
 *   sorted the same way; enum value attributes are not.
 * Quirks of the original are kept on purpose, so output stays identical; one is
 * that a first pass is not always a fixed point (`}model B {` on one line gains
 * its empty line only on the second pass), exactly as with `prisma format`.
 */
#include "format.h"

#include <stdlib.h>
#include <string.h>

enum { MAX_COLS = 3 };

typedef struct cell {
    size_t off, len; /* in fmt.cells */
} cell;

typedef struct row {
    bool interleaved;
    int ncols;
    cell cols[MAX_COLS];
    cell suffix;
} row;

typedef struct fmt {
    shale_buf *out;
    int indent;
    shale_buf cells; /* text of every cell of the current table */
    row *rows;
    size_t nrows, caprows;
    bool oom;
} fmt;

/* ---- output (Prisma's Renderer) -------------------------------------------- */

static void out_write(fmt *f, const char *s, size_t len)
{
    shale_buf *o = f->out;
    if (o->len == 0 || o->ptr[o->len - 1] == '\n') shale_buf_fill(o, ' ', (size_t)f->indent * 2);
    shale_buf_put(o, s, len);
}

static void out_end_line(fmt *f) { shale_buf_putc(f->out, '\n'); }

/* ---- the table -------------------------------------------------------------- */

static row *table_new_row(fmt *f)
{
    if (f->nrows == f->caprows) {
        size_t cap = f->caprows ? f->caprows * 2 : 64;
        row *r = realloc(f->rows, cap * sizeof *r);
        if (!r) {
            f->oom = true;
            return NULL;
        }
        f->rows = r;
        f->caprows = cap;
    }
    row *r = &f->rows[f->nrows++];
    memset(r, 0, sizeof *r);
    return r;
}

static row *current_row(fmt *f) { return f->nrows ? &f->rows[f->nrows - 1] : NULL; }

/* Text written between cell_begin and cell_end becomes one cell (or the suffix). */
static size_t cell_begin(fmt *f) { return f->cells.len; }

static void cell_end(fmt *f, cell *c, size_t begin)
{
    if (c->len == 0) c->off = begin;
    /* Appending to a cell is only ever done right after its previous text. */
    c->len += f->cells.len - begin;
}

static cell *column(fmt *f, int index)
{
    row *r = current_row(f);
    if (!r) return NULL;
    if (r->ncols < index + 1) r->ncols = index + 1;
    return &r->cols[index];
}

static void put(fmt *f, const char *s, size_t len) { shale_buf_put(&f->cells, s, len); }
static void puts_(fmt *f, const char *s) { shale_buf_puts(&f->cells, s); }
static void put_str(fmt *f, shale_str s) { put(f, s.ptr, s.len); }

static void write_cell(fmt *f, int index, const char *s, size_t len)
{
    size_t b = cell_begin(f);
    put(f, s, len);
    cell *c = column(f, index);
    if (c) cell_end(f, c, b);
}

static void append_suffix(fmt *f, const char *s, size_t len)
{
    row *r = current_row(f);
    if (!r || r->interleaved) return;
    size_t b = cell_begin(f);
    put(f, s, len);
    cell_end(f, &r->suffix, b);
}

static void table_interleave(fmt *f, const char *s, size_t len)
{
    row *r = table_new_row(f);
    if (!r) return;
    r->interleaved = true;
    size_t b = cell_begin(f);
    put(f, s, len);
    cell_end(f, &r->suffix, b);
}

static void table_render(fmt *f)
{
    size_t width[MAX_COLS] = {0};
    for (size_t i = 0; i < f->nrows; i++) {
        row *r = &f->rows[i];
        if (r->interleaved) continue;
        while (r->ncols > 0 && r->cols[r->ncols - 1].len == 0) r->ncols--;
        for (int c = 0; c < r->ncols; c++)
            if (r->cols[c].len > width[c]) width[c] = r->cols[c].len;
    }
    const char *text = f->cells.ptr;
    for (size_t i = 0; i < f->nrows; i++) {
        row *r = &f->rows[i];
        if (r->interleaved) {
            out_write(f, text + r->suffix.off, r->suffix.len);
        } else {
            for (int c = 0; c < r->ncols; c++) {
                out_write(f, text + r->cols[c].off, r->cols[c].len);
                if (c != r->ncols - 1) shale_buf_fill(f->out, ' ', width[c] - r->cols[c].len + 1);
            }
            if (r->suffix.len) {
                if (r->ncols) out_write(f, " ", 1);
                out_write(f, text + r->suffix.off, r->suffix.len);
            }
        }
        out_end_line(f);
    }
    f->nrows = 0;
    f->cells.len = 0;
}

/* ---- expressions ---------------------------------------------------------------- */

static void put_expr(fmt *f, const shale_ast_expr *e);

static void put_args(fmt *f, const shale_ast_args *a)
{
    puts_(f, "(");
    bool first = true;
    for (const shale_ast_arg *arg = a->head; arg; arg = arg->next) {
        if (!first) puts_(f, ", ");
        first = false;
        if (arg->name.len) {
            put_str(f, arg->name);
            puts_(f, ": ");
        }
        if (arg->value) put_expr(f, arg->value);
    }
    puts_(f, ")");
}

static void put_expr(fmt *f, const shale_ast_expr *e)
{
    switch (e->kind) {
    case SHALE_EXPR_STRING:
    case SHALE_EXPR_NUMBER:
    case SHALE_EXPR_CONSTANT:
        put_str(f, e->text);
        break;
    case SHALE_EXPR_FUNCTION:
        put_str(f, e->text);
        put_args(f, e->u.args);
        break;
    case SHALE_EXPR_ARRAY:
        puts_(f, "[");
        for (const shale_ast_expr *it = e->u.items; it; it = it->next) {
            if (it != e->u.items) puts_(f, ", ");
            put_expr(f, it);
        }
        puts_(f, "]");
        break;
    }
}

static void put_attr(fmt *f, const char *sigil, const shale_ast_attr *a)
{
    puts_(f, sigil);
    put_str(f, a->name);
    if (a->args) put_args(f, a->args);
}

/* Prisma's attribute order; anything else sorts after, keeping its place. Dispatches
 * on the length, so a name costs at most two memcmp calls. */
static int attr_rank(shale_str name)
{
#define RANK_IF(lit, r) \
    if (name.len == sizeof(lit) - 1 && memcmp(name.ptr, lit, sizeof(lit) - 1) == 0) return r
    switch (name.len) {
    case 2: RANK_IF("id", 0); break;
    case 3: RANK_IF("map", 6); break;
    case 5: RANK_IF("index", 4); break;
    case 6: RANK_IF("unique", 1); RANK_IF("ignore", 8); break;
    case 7: RANK_IF("default", 2); break;
    case 8: RANK_IF("fulltext", 5); RANK_IF("relation", 7); break;
    case 9: RANK_IF("updatedAt", 3); break;
    default: break;
    }
#undef RANK_IF
    return 9;
}

/* ---- comments ---------------------------------------------------------------------- */

static bool is_unicode_space(const unsigned char *s, size_t avail, size_t *len)
{
    unsigned char c = s[0];
    if (c == ' ' || (c >= '\t' && c <= '\r')) { *len = 1; return true; }
    if (avail >= 2 && c == 0xC2 && (s[1] == 0x85 || s[1] == 0xA0)) { *len = 2; return true; }
    if (avail >= 3 && c == 0xE1 && s[1] == 0x9A && s[2] == 0x80) { *len = 3; return true; }
    if (avail >= 3 && c == 0xE2 && s[1] == 0x80 &&
        (s[2] <= 0x8A || s[2] == 0xA8 || s[2] == 0xA9 || s[2] == 0xAF)) { *len = 3; return true; }
    if (avail >= 3 && c == 0xE2 && s[1] == 0x81 && s[2] == 0x9F) { *len = 3; return true; }
    if (avail >= 3 && c == 0xE3 && s[1] == 0x80 && s[2] == 0x80) { *len = 3; return true; }
    return false;
}

static shale_str trim_start(shale_str s)
{
    size_t n;
    while (s.len && is_unicode_space((const unsigned char *)s.ptr, s.len, &n)) {
        s.ptr += n;
        s.len -= n;
    }
    return s;
}

static shale_str trim_end(shale_str s)
{
    for (;;) {
        size_t back = 0, n;
        /* Step back over one UTF-8 character and test it. */
        for (size_t k = 1; k <= 3 && k <= s.len; k++) {
            const unsigned char *p = (const unsigned char *)s.ptr + s.len - k;
            if ((*p & 0xC0) != 0x80) {
                if (is_unicode_space(p, k, &n) && n == k) back = k;
                break;
            }
        }
        if (!back) return s;
        s.len -= back;
    }
}

/* Prisma rewrites a block comment as a canonical doc block: an opening line (slash and
 * two stars), " * text" for each non-empty line with any leading star dropped, and a
 * closing " * /" line (without the space).
 *
 * Deliberate difference: when a block comment follows another comment of the same run
 * with blanks before it, Prisma cuts its opening short and the comment grows by a line
 * on every run of `prisma format` (it never reaches a fixed point). shale cuts the
 * opening it parsed, so formatting twice changes nothing. */
static void comment_rows_block(fmt *f, shale_str text)
{
    table_new_row(f);
    append_suffix(f, "/**", 3);
    shale_str inner = {text.ptr + 2, text.len - 4};
    size_t i = 0;
    while (i <= inner.len) {
        size_t j = i;
        while (j < inner.len && inner.ptr[j] != '\n') j++;
        if (j == inner.len && i == inner.len) break; /* no empty line after a final \n */
        shale_str line = {inner.ptr + i, j - i};
        line = trim_end(trim_start(line));
        if (line.len && line.ptr[0] == '*') {
            line.ptr++;
            line.len--;
            line = trim_start(line);
        }
        if (line.len) {
            table_new_row(f);
            size_t b = cell_begin(f);
            puts_(f, " * ");
            put_str(f, line);
            row *r = current_row(f);
            if (r) cell_end(f, &r->suffix, b);
        }
        i = j + 1;
    }
    table_new_row(f);
    append_suffix(f, " */", 3);
}

static void comment_rows(fmt *f, const shale_ast_comment *c)
{
    for (; c; c = c->next) {
        if (c->kind == SHALE_COMMENT_BLOCK) {
            comment_rows_block(f, c->text);
        } else {
            table_new_row(f);
            append_suffix(f, c->text.ptr, c->text.len);
        }
    }
}

static void trailing_comment(fmt *f, const shale_ast_comment *c)
{
    if (c) append_suffix(f, c->text.ptr, c->text.len);
}

/* ---- rows for block members ---------------------------------------------------------- */

static void field_row(fmt *f, const shale_ast_field *fd)
{
    table_new_row(f);
    write_cell(f, 0, fd->name.ptr, fd->name.len);
    if (fd->has_type) {
        size_t b = cell_begin(f);
        put_str(f, fd->type.name);
        switch (fd->type.arity) {
        case SHALE_ARITY_OPTIONAL: puts_(f, "?"); break;
        case SHALE_ARITY_LIST: puts_(f, "[]"); break;
        case SHALE_ARITY_OPTIONAL_LIST: puts_(f, "[]?"); break;
        case SHALE_ARITY_REQUIRED: break;
        }
        cell *c = column(f, 1);
        if (c) cell_end(f, c, b);
    }
    trailing_comment(f, fd->trailing_comment);
    /* Attributes in Prisma's order: a stable sort by rank. When they are out of order,
     * one pass per rank present (the bit mask skips the ranks no attribute has). */
    size_t b = cell_begin(f);
    bool first = true;
    unsigned present = 0;
    bool sorted = true; /* ranks already in order (the usual case): one pass prints them */
    int prev = 0;
    for (const shale_ast_attr *a = fd->attrs.head; a; a = a->next) {
        int r = attr_rank(a->name);
        present |= 1u << r;
        if (r < prev) sorted = false;
        prev = r;
    }
    for (int rank = 0; rank <= 9; rank++) {
        if (!sorted && !(present & (1u << rank))) continue;
        for (const shale_ast_attr *a = fd->attrs.head; a; a = a->next) {
            if (!sorted && attr_rank(a->name) != rank) continue;
            if (!first) puts_(f, " ");
            first = false;
            put_attr(f, "@", a);
        }
        if (sorted) break;
    }
    cell *c = column(f, 2);
    if (c) cell_end(f, c, b);
}

static void enum_value_row(fmt *f, const shale_ast_enum_value *v)
{
    table_new_row(f);
    write_cell(f, 0, v->name.ptr, v->name.len);
    /* Prisma writes each attribute of an enum value into the same cell with no space
     * between them; kept for identical output. */
    for (const shale_ast_attr *a = v->attrs.head; a; a = a->next) {
        size_t b = cell_begin(f);
        put_attr(f, "@", a);
        cell *c = column(f, 1);
        if (c) cell_end(f, c, b);
    }
    trailing_comment(f, v->trailing_comment);
}

static void kv_row(fmt *f, const shale_ast_kv *kv)
{
    table_new_row(f);
    write_cell(f, 0, kv->key.ptr, kv->key.len);
    if (kv->value) {
        size_t b = cell_begin(f);
        puts_(f, "= ");
        put_expr(f, kv->value);
        cell *c = column(f, 1);
        if (c) cell_end(f, c, b);
    }
    trailing_comment(f, kv->trailing_comment);
}

static void block_attr_row(fmt *f, const shale_ast_block_attr *ba)
{
    table_new_row(f);
    size_t b = cell_begin(f);
    put_attr(f, "@@", &ba->attr);
    cell *c = column(f, 0);
    if (c) cell_end(f, c, b);
    trailing_comment(f, ba->trailing_comment);
}

static void reset_table_with_empty_row(fmt *f)
{
    table_render(f);
    table_new_row(f);
}

static void format_block(fmt *f, const shale_ast_block *blk)
{
    out_write(f, blk->keyword.ptr, blk->keyword.len);
    out_write(f, " ", 1);
    out_write(f, blk->name.ptr, blk->name.len);
    out_write(f, " {", 2);
    out_end_line(f);
    f->indent++;

    const shale_ast_member *m = blk->members;
    if (m && m->kind == SHALE_MEMBER_EMPTY) m = m->next;
    size_t n_attrs = 0;
    while (m) {
        bool ate_empty = false;
        if (m->kind == SHALE_MEMBER_EMPTY) {
            ate_empty = true;
            m = m->next;
            if (m && m->kind != SHALE_MEMBER_BLOCK_ATTR && m->kind != SHALE_MEMBER_COMMENTS)
                reset_table_with_empty_row(f);
        }
        if (!m) break;
        const shale_ast_member *next = m->next;
        switch (m->kind) {
        case SHALE_MEMBER_COMMENTS:
            if (next && next->kind == SHALE_MEMBER_BLOCK_ATTR) break; /* moves with the attribute */
            if (ate_empty) reset_table_with_empty_row(f);
            comment_rows(f, m->u.comments);
            break;
        case SHALE_MEMBER_FIELD: field_row(f, &m->u.field); break;
        case SHALE_MEMBER_KV: kv_row(f, &m->u.kv); break;
        case SHALE_MEMBER_ENUM_VALUE: enum_value_row(f, &m->u.value); break;
        case SHALE_MEMBER_BLOCK_ATTR: n_attrs++; break;
        case SHALE_MEMBER_INVALID: {
            shale_str t = m->u.invalid_text;
            while (t.len && t.ptr[t.len - 1] == '\n') t.len--;
            table_interleave(f, t.ptr, t.len);
            break;
        }
        case SHALE_MEMBER_EMPTY: break;
        }
        m = next;
    }
    table_render(f);

    if (n_attrs) {
        table_new_row(f);
        for (int rank = 0; rank <= 9; rank++) {
            const shale_ast_member *prev = NULL;
            for (m = blk->members; m; prev = m, m = m->next) {
                if (m->kind != SHALE_MEMBER_BLOCK_ATTR || attr_rank(m->u.block_attr.attr.name) != rank) continue;
                if (prev && prev->kind == SHALE_MEMBER_COMMENTS) comment_rows(f, prev->u.comments);
                block_attr_row(f, &m->u.block_attr);
            }
        }
        table_render(f);
    }
    f->indent--;
    out_write(f, "}", 1);
    out_end_line(f);
}

int shale_format_file(shale_buf *out, const shale_ast_file *file)
{
    if (file->structural_error) return SHALE_EINVAL;
    fmt f = {0};
    f.out = out;
    /* The output is about as long as the input: reserve it once instead of doubling. */
    if (file->items_tail) shale_buf_reserve(out, file->items_tail->span.end + file->items_tail->span.end / 8);
    const shale_ast_top *t = file->items;
    if (t && t->kind == SHALE_TOP_EMPTY) t = t->next;
    for (; t; t = t->next) {
        switch (t->kind) {
        case SHALE_TOP_BLOCK:
            format_block(&f, &t->u.block);
            break;
        case SHALE_TOP_COMMENTS:
            comment_rows(&f, t->u.comments);
            table_render(&f);
            break;
        case SHALE_TOP_EMPTY:
            if (t->next) out_end_line(&f);
            break;
        case SHALE_TOP_INVALID:
        case SHALE_TOP_TYPE_ALIAS:
        case SHALE_TOP_ARBITRARY_BLOCK:
            out_write(&f, t->u.verbatim.ptr, t->u.verbatim.len);
            break;
        }
    }
    if (out->len == 0 || out->ptr[out->len - 1] != '\n') shale_buf_putc(out, '\n');
    bool oom = f.oom || f.cells.oom || out->oom;
    shale_buf_free(&f.cells);
    free(f.rows);
    return oom ? SHALE_ENOMEM : SHALE_OK;
}
