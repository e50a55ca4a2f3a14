/* diff_summary.c - the human summary of a diff (see diff_summary.h). Lines are
 * grouped as Prisma groups them: every step gets a (section, object name) key, the
 * keys are sorted with the step index last, and a header is written whenever the
 * key changes. The default descriptions imitate the Rust debug text Prisma prints
 * (`Some(Value(Int(1)))`), since people compare the two tools' outputs. */
#include "diff_summary.h"

#include <stdlib.h>
#include <string.h>

enum section {
    ADDED_SCHEMA,
    CREATED_EXTENSION,
    ADDED_ENUM,
    ADDED_TABLE,
    REMOVED_ENUM,
    REMOVED_TABLE,
    CHANGED_ENUM,
    CHANGED_TABLE,
};

typedef struct item {
    uint8_t section;
    shale_str name; /* the changed object's name; empty for list sections */
    uint32_t step;
} item;

static int cmp_items(const void *x, const void *y)
{
    const item *a = x, *b = y;
    if (a->section != b->section) return a->section < b->section ? -1 : 1;
    int c = shale_str_cmp(a->name, b->name);
    if (c) return c;
    return a->step < b->step ? -1 : a->step > b->step;
}

static void put(shale_buf *out, shale_str s) { shale_buf_put(out, s.ptr, s.len); }

static void debug_string(shale_buf *out, shale_str s)
{
    shale_buf_putc(out, '"');
    for (size_t i = 0; i < s.len; i++) {
        char c = s.ptr[i];
        if (c == '"' || c == '\\') shale_buf_putc(out, '\\'), shale_buf_putc(out, c);
        else if (c == '\n') shale_buf_puts(out, "\\n");
        else if (c == '\t') shale_buf_puts(out, "\\t");
        else shale_buf_putc(out, c);
    }
    shale_buf_putc(out, '"');
}

static void debug_value(shale_buf *out, const shale_ir_column *col, const shale_ir_default *d)
{
    switch (d->kind) {
    case SHALE_IR_DEFAULT_STRING: shale_buf_puts(out, "String("); debug_string(out, d->text); break;
    case SHALE_IR_DEFAULT_ENUM: shale_buf_puts(out, "Enum("); debug_string(out, d->text); break;
    case SHALE_IR_DEFAULT_JSON: shale_buf_puts(out, "Json("); debug_string(out, d->text); break;
    case SHALE_IR_DEFAULT_DATETIME:
        /* Rust's debug form of the value: "2024-01-02T03:04:05+00:00", from the
         * SQL form "2024-01-02 03:04:05 +00:00" the IR holds. */
        shale_buf_puts(out, "DateTime(");
        for (size_t i = 0, spaces = 0; i < d->text.len; i++) {
            if (d->text.ptr[i] != ' ') shale_buf_putc(out, d->text.ptr[i]);
            else if (spaces++ == 0) shale_buf_putc(out, 'T');
        }
        break;
    case SHALE_IR_DEFAULT_BOOLEAN: shale_buf_puts(out, "Boolean("); put(out, d->text); break;
    case SHALE_IR_DEFAULT_NUMBER:
        if (col->type.kind == SHALE_IR_TYPE_BIGINT) shale_buf_puts(out, "BigInt("), put(out, d->text);
        else if (col->type.kind == SHALE_IR_TYPE_INTEGER || col->type.kind == SHALE_IR_TYPE_SMALLINT)
            shale_buf_puts(out, "Int("), put(out, d->text);
        else shale_buf_puts(out, "Float(BigDecimal("), debug_string(out, d->text), shale_buf_putc(out, ')');
        break;
    case SHALE_IR_DEFAULT_BYTES:
        shale_buf_puts(out, "Bytes([");
        for (size_t i = 0; i < d->text.len; i++) shale_buf_printf(out, "%s%u", i ? ", " : "", (unsigned char)d->text.ptr[i]);
        shale_buf_putc(out, ']');
        break;
    case SHALE_IR_DEFAULT_LIST:
        shale_buf_puts(out, "List([");
        for (uint32_t i = 0; i < d->n_items; i++) {
            if (i) shale_buf_puts(out, ", ");
            debug_value(out, col, &d->items[i]);
        }
        shale_buf_putc(out, ']');
        break;
    default: break;
    }
    shale_buf_putc(out, ')');
}

static void debug_default(shale_buf *out, const shale_ir_column *col)
{
    const shale_ir_default *d = shale_diff_column_default(col);
    if (!d) {
        shale_buf_puts(out, "None");
        return;
    }
    shale_buf_puts(out, "Some(");
    switch (d->kind) {
    case SHALE_IR_DEFAULT_NOW: shale_buf_puts(out, "Now"); break;
    case SHALE_IR_DEFAULT_DBGENERATED:
        shale_buf_puts(out, "DbGenerated(");
        if (d->text.len) shale_buf_puts(out, "Some("), debug_string(out, d->text), shale_buf_putc(out, ')');
        else shale_buf_puts(out, "None");
        shale_buf_putc(out, ')');
        break;
    case SHALE_IR_DEFAULT_SEQUENCE: shale_buf_puts(out, "Sequence("); debug_string(out, d->text); shale_buf_putc(out, ')'); break;
    default: shale_buf_puts(out, "Value("); debug_value(out, col, d); shale_buf_putc(out, ')'); break;
    }
    shale_buf_putc(out, ')');
}

static const char *arity_name(uint8_t a) { return a == SHALE_IR_REQUIRED ? "Required" : a == SHALE_IR_NULLABLE ? "Nullable" : "List"; }

static void column_changes(shale_buf *out, const shale_ir_column *pc, const shale_ir_column *nc, uint8_t bits)
{
    bool any = false;
    shale_buf_putc(out, '(');
    if (bits & SHALE_COLUMN_ARITY) {
        shale_buf_printf(out, "changed from %s to %s", arity_name(pc->arity), arity_name(nc->arity));
        any = true;
    }
    if (bits & SHALE_COLUMN_DEFAULT) {
        shale_buf_puts(out, any ? ", default changed from `" : "default changed from `");
        debug_default(out, pc);
        shale_buf_puts(out, "` to `");
        debug_default(out, nc);
        shale_buf_putc(out, '`');
        any = true;
    }
    if (bits & SHALE_COLUMN_TYPE) {
        shale_buf_puts(out, any ? ", type changed" : "type changed");
        any = true;
    }
    if (bits & SHALE_COLUMN_AUTOINCREMENT) {
        if (any) shale_buf_puts(out, ", ");
        shale_buf_puts(out, pc->autoincrement ? "column is no longer autoincrementing" : "column became autoincrementing");
    }
    shale_buf_putc(out, ')');
}

static void column_names(shale_buf *out, const shale_ir_table *t, const uint32_t *cols, size_t stride, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        if (i) shale_buf_puts(out, ", ");
        put(out, t->columns[*(const uint32_t *)((const char *)cols + i * stride)].name);
    }
}

static void index_line(shale_buf *out, const char *what, const shale_ir_table *t, const shale_ir_index *ix)
{
    shale_buf_printf(out, "  [%s] %s %sindex on columns (", what[0] == 'A' ? "+" : "-", what, ix->unique ? "unique " : "");
    column_names(out, t, &ix->columns[0].column, sizeof ix->columns[0], ix->n_columns);
    shale_buf_puts(out, ")\n");
}

static void pk_columns(shale_buf *out, const shale_ir_table *t)
{
    column_names(out, t, t->pk.n_columns ? &t->pk.columns[0].column : NULL, sizeof t->pk.columns[0], t->pk.n_columns);
}

static void alter_table_lines(shale_buf *out, const shale_diff *d, const shale_step *s)
{
    const shale_ir_table *pt = &d->prev->tables[s->prev_table], *nt = &d->next->tables[s->next_table];
    for (uint32_t i = 0; i < s->count; i++) {
        const shale_table_change *tc = &d->changes[s->first + i];
        switch (tc->kind) {
        case SHALE_TC_ADD_COLUMN:
            shale_buf_puts(out, "  [+] Added column `");
            put(out, nt->columns[tc->next_column].name);
            shale_buf_puts(out, "`\n");
            break;
        case SHALE_TC_DROP_COLUMN:
            shale_buf_puts(out, "  [-] Removed column `");
            put(out, pt->columns[tc->prev_column].name);
            shale_buf_puts(out, "`\n");
            break;
        case SHALE_TC_ALTER_COLUMN:
        case SHALE_TC_RECREATE_COLUMN:
            shale_buf_puts(out, tc->kind == SHALE_TC_ALTER_COLUMN ? "  [*] Altered column `" : "  [*] Column `");
            put(out, nt->columns[tc->next_column].name);
            shale_buf_puts(out, tc->kind == SHALE_TC_ALTER_COLUMN ? "` " : "` would be dropped and recreated ");
            column_changes(out, &pt->columns[tc->prev_column], &nt->columns[tc->next_column], tc->changes);
            shale_buf_putc(out, '\n');
            break;
        case SHALE_TC_DROP_PRIMARY_KEY:
            shale_buf_puts(out, "  [-] Dropped the primary key on columns (");
            pk_columns(out, pt);
            shale_buf_puts(out, ")\n");
            break;
        case SHALE_TC_RENAME_PRIMARY_KEY:
            shale_buf_puts(out, "  [*] Renamed the primary key on columns (");
            pk_columns(out, pt);
            shale_buf_puts(out, ")\n");
            break;
        case SHALE_TC_ADD_PRIMARY_KEY:
            /* Prisma writes a stray ")" line here; kept so the summaries compare. */
            shale_buf_puts(out, "  [+] Added primary key on columns (");
            pk_columns(out, nt);
            shale_buf_puts(out, ")\n)\n");
            break;
        default: break;
        }
    }
}

static void step_lines(shale_buf *out, const shale_diff *d, const shale_step *s)
{
    const shale_ir *p = d->prev, *n = d->next;
    switch (s->kind) {
    case SHALE_STEP_CREATE_SCHEMA: shale_buf_puts(out, "  - "); put(out, n->namespaces[s->next_obj].name); shale_buf_putc(out, '\n'); break;
    case SHALE_STEP_CREATE_EXTENSION: shale_buf_puts(out, "  - "); put(out, n->extensions[s->next_obj]); shale_buf_putc(out, '\n'); break;
    case SHALE_STEP_CREATE_ENUM: shale_buf_puts(out, "  - "); put(out, n->enums[s->next_obj].name); shale_buf_putc(out, '\n'); break;
    case SHALE_STEP_DROP_ENUM: shale_buf_puts(out, "  - "); put(out, p->enums[s->prev_obj].name); shale_buf_putc(out, '\n'); break;
    case SHALE_STEP_CREATE_TABLE: shale_buf_puts(out, "  - "); put(out, n->tables[s->next_table].name); shale_buf_putc(out, '\n'); break;
    case SHALE_STEP_DROP_TABLE: shale_buf_puts(out, "  - "); put(out, p->tables[s->prev_table].name); shale_buf_putc(out, '\n'); break;
    case SHALE_STEP_ALTER_ENUM:
        for (uint32_t i = 0; i < s->count; i++) {
            shale_buf_puts(out, "  [+] Added variant `");
            put(out, n->enums[s->next_obj].values[d->values[s->first + i]]);
            shale_buf_puts(out, "`\n");
        }
        for (uint32_t i = 0; i < s->count2; i++) {
            shale_buf_puts(out, "  [-] Removed variant `");
            put(out, p->enums[s->prev_obj].values[d->values[s->first2 + i]]);
            shale_buf_puts(out, "`\n");
        }
        break;
    case SHALE_STEP_DROP_FOREIGN_KEY: {
        const shale_ir_table *t = &p->tables[s->prev_table];
        const shale_ir_foreign_key *fk = &t->fks[s->prev_obj];
        shale_buf_puts(out, "  [-] Removed foreign key on columns (");
        column_names(out, t, fk->columns, sizeof *fk->columns, fk->n_columns);
        shale_buf_puts(out, ")\n");
        break;
    }
    case SHALE_STEP_ADD_FOREIGN_KEY: {
        const shale_ir_table *t = &n->tables[s->next_table];
        const shale_ir_foreign_key *fk = &t->fks[s->next_obj];
        shale_buf_puts(out, "  [+] Added foreign key on columns (");
        column_names(out, t, fk->columns, sizeof *fk->columns, fk->n_columns);
        shale_buf_puts(out, ")\n");
        break;
    }
    case SHALE_STEP_DROP_INDEX:
        index_line(out, "Removed", &p->tables[s->prev_table], &p->tables[s->prev_table].indexes[s->prev_obj]);
        break;
    case SHALE_STEP_CREATE_INDEX:
        index_line(out, "Added", &n->tables[s->next_table], &n->tables[s->next_table].indexes[s->next_obj]);
        break;
    case SHALE_STEP_ALTER_TABLE: alter_table_lines(out, d, s); break;
    case SHALE_STEP_RENAME_FOREIGN_KEY:
        shale_buf_puts(out, "  [*] Renamed the foreign key \"");
        put(out, p->tables[s->prev_table].fks[s->prev_obj].name);
        shale_buf_puts(out, "\" to \"");
        put(out, n->tables[s->next_table].fks[s->next_obj].name);
        shale_buf_puts(out, "\"\n");
        break;
    case SHALE_STEP_RENAME_INDEX:
        shale_buf_puts(out, "  [*] Renamed index `");
        put(out, p->tables[s->prev_table].indexes[s->prev_obj].name);
        shale_buf_puts(out, "` to `");
        put(out, n->tables[s->next_table].indexes[s->next_obj].name);
        shale_buf_puts(out, "`\n");
        break;
    default: break;
    }
}

static item item_of(const shale_diff *d, uint32_t i)
{
    const shale_step *s = &d->steps[i];
    const shale_ir *p = d->prev, *n = d->next;
    shale_str none = {"", 0};
    switch (s->kind) {
    case SHALE_STEP_CREATE_SCHEMA: return (item){ADDED_SCHEMA, none, i};
    case SHALE_STEP_CREATE_EXTENSION: return (item){CREATED_EXTENSION, none, i};
    case SHALE_STEP_CREATE_ENUM: return (item){ADDED_ENUM, none, i};
    case SHALE_STEP_CREATE_TABLE: return (item){ADDED_TABLE, none, i};
    case SHALE_STEP_DROP_ENUM: return (item){REMOVED_ENUM, none, i};
    case SHALE_STEP_DROP_TABLE: return (item){REMOVED_TABLE, none, i};
    case SHALE_STEP_ALTER_ENUM: return (item){CHANGED_ENUM, p->enums[s->prev_obj].name, i};
    case SHALE_STEP_DROP_FOREIGN_KEY:
    case SHALE_STEP_DROP_INDEX:
    case SHALE_STEP_ALTER_TABLE:
    case SHALE_STEP_RENAME_INDEX: return (item){CHANGED_TABLE, p->tables[s->prev_table].name, i};
    default: return (item){CHANGED_TABLE, n->tables[s->next_table].name, i};
    }
}

int shale_diff_render_summary(shale_buf *out, const shale_diff *d)
{
    if (!d->n_steps) {
        shale_buf_puts(out, "No difference detected.\n");
        return out->oom ? SHALE_ENOMEM : SHALE_OK;
    }
    item *items = malloc((size_t)d->n_steps * sizeof *items);
    if (!items) {
        out->oom = true;
        return SHALE_ENOMEM;
    }
    for (uint32_t i = 0; i < d->n_steps; i++) items[i] = item_of(d, i);
    qsort(items, d->n_steps, sizeof *items, cmp_items);
    for (uint32_t i = 0; i < d->n_steps; i++) {
        const item *it = &items[i];
        if (i == 0 || it->section != items[i - 1].section || !shale_str_same(it->name, items[i - 1].name)) {
            switch (it->section) {
            case ADDED_SCHEMA: shale_buf_puts(out, "\n[+] Added Schemas\n"); break;
            case CREATED_EXTENSION: shale_buf_puts(out, "\n[+] Added extensions\n"); break;
            case ADDED_ENUM: shale_buf_puts(out, "\n[+] Added enums\n"); break;
            case ADDED_TABLE: shale_buf_puts(out, "\n[+] Added tables\n"); break;
            case REMOVED_ENUM: shale_buf_puts(out, "\n[-] Removed enums\n"); break;
            case REMOVED_TABLE: shale_buf_puts(out, "\n[-] Removed tables\n"); break;
            case CHANGED_ENUM:
            case CHANGED_TABLE:
                shale_buf_puts(out, "\n[*] Changed the `");
                put(out, it->name);
                shale_buf_puts(out, it->section == CHANGED_ENUM ? "` enum\n" : "` table\n");
                break;
            default: break;
            }
        }
        step_lines(out, d, &d->steps[it->step]);
    }
    free(items);
    return out->oom ? SHALE_ENOMEM : SHALE_OK;
}
