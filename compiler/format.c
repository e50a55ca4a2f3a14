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

/* A block body is written in two passes over its members: the first only measures the
 * widths of the first two columns of each table (the last cell of a row is never
 * padded, and a field's attributes are always its last cell, so no other width is
 * ever used), the second writes the rows straight into the output. Nothing is
 * buffered per cell or per row. */
typedef struct fmt {
    char *w, *wend;      /* write cursor in out->ptr, and the end of the room after it */
    shale_buf *out;      /* out->len is behind the cursor until sync_out() */
    int indent;
    bool measuring;      /* first pass over a block body */
    bool has_block_attrs; /* found by the first pass */
    size_t width[2];     /* the current table's widths of columns 0 and 1 */
    size_t (*widths)[2]; /* every table of the block, filled by the first pass */
    size_t ntables, captables, table;
    bool oom;
    const shale_ast_file *file; /* the text argument names point into */
} fmt;

/* ---- output (Prisma's Renderer) -------------------------------------------- */

/* The output is written through a cursor into out's memory, checked against the end
 * of its room once per write; shale_buf_reserve keeps a byte free for the NUL, which
 * shale_format_file writes once at the end. */
static void sync_out(fmt *f) { f->out->len = (size_t)(f->w - f->out->ptr); }

/* Makes room for n more bytes. Returns false when out of memory (out->oom is set). */
static bool grow(fmt *f, size_t n)
{
    shale_buf *o = f->out;
    sync_out(f);
    if (shale_buf_reserve(o, n) < 0) return false;
    f->w = o->ptr + o->len;
    f->wend = o->ptr + o->cap - 1;
    return true;
}

static inline bool room(fmt *f, size_t n) { return (size_t)(f->wend - f->w) >= n || grow(f, n); }

static inline void emit(fmt *f, const char *s, size_t n)
{
    if (!n || !room(f, n)) return;
    memcpy(f->w, s, n);
    f->w += n;
}

#define EMIT_LIT(f, lit) emit(f, lit, sizeof(lit) - 1)

static inline void emit_str(fmt *f, shale_str s) { emit(f, s.ptr, s.len); }

static inline void emit_char(fmt *f, char c)
{
    if (!room(f, 1)) return;
    *f->w++ = c;
}

static inline void emit_fill(fmt *f, char c, size_t n)
{
    if (!room(f, n)) return;
    memset(f->w, c, n);
    f->w += n;
}

/* Every row that has any text starts with the indentation (Prisma's renderer writes
 * it before the first text of a line); an empty row is a bare newline. */
static inline void row_start(fmt *f) { emit_fill(f, ' ', (size_t)f->indent * 2); }

/* The spaces after a cell of `len` bytes in column `col` (widest cell + 1). */
static inline void pad(fmt *f, int col, size_t len)
{
    emit_fill(f, ' ', f->width[col] > len ? f->width[col] - len + 1 : 1);
}

static void row_suffix(fmt *f, const shale_ast_comment *trailing)
{
    if (trailing) {
        emit_char(f, ' ');
        emit_str(f, trailing->text);
    }
    emit_char(f, '\n');
}

/* ---- tables ----------------------------------------------------------------- */

/* Closes the current table: the first pass records its widths, the second moves on
 * to the next table's. */
static void table_end(fmt *f)
{
    if (f->measuring) {
        if (f->ntables == f->captables) {
            size_t cap = f->captables ? f->captables * 2 : 8;
            size_t(*w)[2] = realloc(f->widths, cap * sizeof *w);
            if (!w) {
                f->oom = true;
                return;
            }
            f->widths = w;
            f->captables = cap;
        }
        f->widths[f->ntables][0] = f->width[0];
        f->widths[f->ntables][1] = f->width[1];
        f->ntables++;
        f->width[0] = f->width[1] = 0;
    } else if (++f->table < f->ntables) {
        f->width[0] = f->widths[f->table][0];
        f->width[1] = f->widths[f->table][1];
    }
}

/* An empty line in a body: a new table that starts with an empty row. */
static void table_break(fmt *f)
{
    table_end(f);
    if (!f->measuring) emit_char(f, '\n');
}

static void measure(fmt *f, int col, size_t len)
{
    if (len > f->width[col]) f->width[col] = len;
}

/* ---- expressions ---------------------------------------------------------------- */

static void put_expr(fmt *f, const shale_ast_expr *e);

static void put_args(fmt *f, const shale_ast_args *a)
{
    emit_char(f, '(');
    for (const shale_ast_arg *arg = a->items; arg < a->items + a->count; arg++) {
        if (arg != a->items) EMIT_LIT(f, ", ");
        if (arg->name_len) {
            emit_str(f, shale_ast_arg_name(f->file, arg));
            EMIT_LIT(f, ": ");
        }
        if (arg->value) put_expr(f, arg->value);
    }
    emit_char(f, ')');
}

static void put_expr(fmt *f, const shale_ast_expr *e)
{
    switch (e->kind) {
    case SHALE_EXPR_STRING:
    case SHALE_EXPR_NUMBER:
    case SHALE_EXPR_CONSTANT:
        emit_str(f, shale_ast_expr_text(e));
        break;
    case SHALE_EXPR_FUNCTION:
        emit_str(f, shale_ast_expr_text(e));
        put_args(f, e->u.args);
        break;
    case SHALE_EXPR_ARRAY:
        emit_char(f, '[');
        for (const shale_ast_expr *it = e->u.items; it; it = it->next) {
            if (it != e->u.items) EMIT_LIT(f, ", ");
            put_expr(f, it);
        }
        emit_char(f, ']');
        break;
    }
}

static void put_attr(fmt *f, const shale_ast_attr *a)
{
    emit_str(f, shale_ast_attr_name(a));
    if (a->args) put_args(f, a->args);
}

/* Prisma's attribute order; anything else sorts after, keeping its place. Dispatches
 * on the length, so a name costs at most two compares of a few bytes. */
static int attr_rank(shale_str name)
{
#define RANK_IF(lit, r) \
    if (memcmp(name.ptr, lit, sizeof(lit) - 1) == 0) return r
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

/* A row of the table that is only text (a comment line). */
static void text_row(fmt *f, const char *s, size_t len)
{
    row_start(f);
    emit(f, s, len);
    emit_char(f, '\n');
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
    text_row(f, "/**", 3);
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
            row_start(f);
            EMIT_LIT(f, " * ");
            emit_str(f, line);
            emit_char(f, '\n');
        }
        i = j + 1;
    }
    text_row(f, " */", 3);
}

/* Comment lines are rows with no cells: they take no part in the widths. */
static void comment_rows(fmt *f, const shale_ast_comment *c)
{
    if (f->measuring) return;
    for (; c; c = c->next) {
        if (c->kind == SHALE_COMMENT_BLOCK) comment_rows_block(f, c->text);
        else text_row(f, c->text.ptr, c->text.len);
    }
}

/* ---- rows for block members ---------------------------------------------------------- */

static size_t arity_len(uint8_t arity)
{
    switch (arity) {
    case SHALE_ARITY_OPTIONAL: return 1;
    case SHALE_ARITY_LIST: return 2;
    case SHALE_ARITY_OPTIONAL_LIST: return 3;
    default: return 0;
    }
}

/* Attributes in Prisma's order: a stable sort by rank. When they are out of order,
 * one pass per rank present (the bit mask skips the ranks no attribute has). */
static void field_attrs(fmt *f, const shale_ast_attr *head)
{
    unsigned present = 0;
    bool sorted = true; /* ranks already in order (the usual case): one pass prints them */
    int prev = 0;
    for (const shale_ast_attr *a = head; a; a = a->next) {
        int r = attr_rank(shale_ast_attr_name(a));
        present |= 1u << r;
        if (r < prev) sorted = false;
        prev = r;
    }
    bool first = true;
    for (int rank = 0; rank <= 9; rank++) {
        if (!sorted && !(present & (1u << rank))) continue;
        for (const shale_ast_attr *a = head; a; a = a->next) {
            if (!sorted && attr_rank(shale_ast_attr_name(a)) != rank) continue;
            if (!first) emit_char(f, ' ');
            first = false;
            emit_char(f, '@');
            put_attr(f, a);
        }
        if (sorted) break;
    }
}

/* Cells: name, type (with ?, [] or []?), attributes. Empty cells at the end of a row
 * are dropped, so a field with no attributes has two cells, or one with no type. */
static void field_row(fmt *f, const shale_ast_field *fd)
{
    size_t type_len = shale_ast_field_has_type(fd) ? shale_ast_type_name(f->file, &fd->type).len + arity_len(fd->type.arity) : 0;
    int ncols = fd->attrs.head ? 3 : type_len ? 2 : 1;
    if (f->measuring) {
        measure(f, 0, shale_ast_field_name(f->file, fd).len);
        if (ncols >= 2) measure(f, 1, type_len);
        return;
    }
    row_start(f);
    emit_str(f, shale_ast_field_name(f->file, fd));
    if (ncols >= 2) {
        pad(f, 0, shale_ast_field_name(f->file, fd).len);
        if (shale_ast_field_has_type(fd)) {
            emit_str(f, shale_ast_type_name(f->file, &fd->type));
            switch (fd->type.arity) {
            case SHALE_ARITY_OPTIONAL: emit_char(f, '?'); break;
            case SHALE_ARITY_LIST: EMIT_LIT(f, "[]"); break;
            case SHALE_ARITY_OPTIONAL_LIST: EMIT_LIT(f, "[]?"); break;
            default: break;
            }
        }
    }
    if (ncols == 3) {
        pad(f, 1, type_len);
        field_attrs(f, fd->attrs.head);
    }
    row_suffix(f, shale_ast_field_trailing(fd));
}

static void enum_value_row(fmt *f, const shale_ast_enum_value *v)
{
    if (f->measuring) {
        measure(f, 0, v->name.len);
        return;
    }
    row_start(f);
    emit_str(f, v->name);
    if (v->attrs.head) pad(f, 0, v->name.len);
    /* Prisma writes each attribute of an enum value into the same cell with no space
     * between them; kept for identical output. */
    for (const shale_ast_attr *a = v->attrs.head; a; a = a->next) {
        emit_char(f, '@');
        put_attr(f, a);
    }
    row_suffix(f, v->trailing_comment);
}

static void kv_row(fmt *f, const shale_ast_kv *kv)
{
    if (f->measuring) {
        measure(f, 0, kv->key.len);
        return;
    }
    row_start(f);
    emit_str(f, kv->key);
    if (kv->value) {
        pad(f, 0, kv->key.len);
        EMIT_LIT(f, "= ");
        put_expr(f, kv->value);
    }
    row_suffix(f, kv->trailing_comment);
}

static void block_attr_row(fmt *f, const shale_ast_block_attr *ba)
{
    row_start(f);
    EMIT_LIT(f, "@@");
    put_attr(f, &ba->attr);
    row_suffix(f, ba->trailing_comment);
}

/* A line that is not valid here, printed as it is and left out of the widths. */
static void interleaved_row(fmt *f, shale_str t)
{
    if (f->measuring) return;
    while (t.len && t.ptr[t.len - 1] == '\n') t.len--;
    text_row(f, t.ptr, t.len);
}

/* The members other than block attributes, as tables separated by empty lines. */
static void body_rows(fmt *f, const shale_ast_block *blk)
{
    const shale_ast_member *m = blk->members;
    if (m && m->kind == SHALE_MEMBER_EMPTY) m = m->next;
    while (m) {
        bool ate_empty = false;
        if (m->kind == SHALE_MEMBER_EMPTY) {
            ate_empty = true;
            m = m->next;
            if (m && m->kind != SHALE_MEMBER_BLOCK_ATTR && m->kind != SHALE_MEMBER_COMMENTS) table_break(f);
        }
        if (!m) break;
        const shale_ast_member *next = m->next;
        switch (m->kind) {
        case SHALE_MEMBER_COMMENTS:
            if (next && next->kind == SHALE_MEMBER_BLOCK_ATTR) break; /* moves with the attribute */
            if (ate_empty) table_break(f);
            comment_rows(f, m->u.comments);
            break;
        case SHALE_MEMBER_FIELD: field_row(f, &m->u.field); break;
        case SHALE_MEMBER_KV: kv_row(f, &m->u.kv); break;
        case SHALE_MEMBER_ENUM_VALUE: enum_value_row(f, &m->u.value); break;
        case SHALE_MEMBER_BLOCK_ATTR: f->has_block_attrs = true; break;
        case SHALE_MEMBER_INVALID: interleaved_row(f, m->u.invalid_text); break;
        case SHALE_MEMBER_EMPTY: break;
        }
        m = next;
    }
    table_end(f);
}

/* Block attributes, sorted by rank (stable), each with the comment right above it.
 * One pass when they are already in order, else one per rank present. */
static void block_attr_rows(fmt *f, const shale_ast_block *blk)
{
    emit_char(f, '\n');
    unsigned present = 0;
    bool sorted = true;
    int prev_rank = 0;
    for (const shale_ast_member *m = blk->members; m; m = m->next) {
        if (m->kind != SHALE_MEMBER_BLOCK_ATTR) continue;
        int r = attr_rank(shale_ast_attr_name(&m->u.block_attr.attr));
        present |= 1u << r;
        if (r < prev_rank) sorted = false;
        prev_rank = r;
    }
    for (int rank = 0; rank <= 9; rank++) {
        if (!sorted && !(present & (1u << rank))) continue;
        const shale_ast_member *prev = NULL;
        for (const shale_ast_member *m = blk->members; m; prev = m, m = m->next) {
            if (m->kind != SHALE_MEMBER_BLOCK_ATTR ||
                (!sorted && attr_rank(shale_ast_attr_name(&m->u.block_attr.attr)) != rank))
                continue;
            if (prev && prev->kind == SHALE_MEMBER_COMMENTS) comment_rows(f, prev->u.comments);
            block_attr_row(f, &m->u.block_attr);
        }
        if (sorted) break;
    }
}

static void format_block(fmt *f, const shale_ast_block *blk)
{
    emit_str(f, blk->keyword);
    emit_char(f, ' ');
    emit_str(f, blk->name);
    EMIT_LIT(f, " {\n");
    f->indent++;
    f->has_block_attrs = false;
    f->measuring = true;
    f->ntables = 0;
    f->width[0] = f->width[1] = 0;
    body_rows(f, blk);
    f->measuring = false;
    f->table = 0;
    if (f->ntables) {
        f->width[0] = f->widths[0][0];
        f->width[1] = f->widths[0][1];
    }
    body_rows(f, blk);
    if (f->has_block_attrs) block_attr_rows(f, blk);
    f->indent--;
    EMIT_LIT(f, "}\n");
}

int shale_format_file(shale_buf *out, const shale_ast_file *file)
{
    if (file->structural_error) return SHALE_EINVAL;
    fmt f = {0};
    f.file = file;
    f.out = out;
    /* The output is about as long as the input: reserve it once instead of doubling. */
    size_t estimate = file->items_tail ? file->items_tail->span.end + file->items_tail->span.end / 8 : 0;
    if (shale_buf_reserve(out, estimate) < 0) return SHALE_ENOMEM;
    f.w = out->ptr + out->len;
    f.wend = out->ptr + out->cap - 1;
    const shale_ast_top *t = file->items;
    if (t && t->kind == SHALE_TOP_EMPTY) t = t->next;
    for (; t; t = t->next) {
        switch (t->kind) {
        case SHALE_TOP_BLOCK:
            format_block(&f, &t->u.block);
            break;
        case SHALE_TOP_COMMENTS:
            comment_rows(&f, t->u.comments);
            break;
        case SHALE_TOP_EMPTY:
            if (t->next) emit_char(&f, '\n');
            break;
        case SHALE_TOP_INVALID:
        case SHALE_TOP_TYPE_ALIAS:
        case SHALE_TOP_ARBITRARY_BLOCK:
            emit_str(&f, t->u.verbatim);
            break;
        }
    }
    if (f.w == out->ptr || f.w[-1] != '\n') emit_char(&f, '\n');
    sync_out(&f);
    out->ptr[out->len] = '\0';
    free(f.widths);
    return f.oom || out->oom ? SHALE_ENOMEM : SHALE_OK;
}
