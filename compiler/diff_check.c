/* diff_check.c - warnings and unexecutable steps of a diff (see diff_check.h). The
 * rules and every message template are Prisma's (its SQL destructive-change checker
 * and the PostgreSQL flavour of it); tests/golden/diff holds the engine's own output
 * for each. */
#include "diff_check.h"

#include <string.h>

bool shale_check_is_unexecutable(uint8_t kind) { return kind >= SHALE_CHECK_ADDED_REQUIRED; }

typedef struct cctx {
    shale_arena *arena;
    shale_check *items;
    uint32_t n, cap;
    int rc;
} cctx;

static void add(cctx *c, uint8_t kind, uint32_t step, uint32_t table, uint32_t column, uint32_t obj)
{
    if (c->rc) return;
    if (c->n == c->cap) {
        uint32_t cap = c->cap ? c->cap * 2 : 16;
        shale_check *a = shale_arena_alloc(c->arena, (size_t)cap * sizeof *a);
        if (!a) {
            c->rc = SHALE_ENOMEM;
            return;
        }
        if (c->n) memcpy(a, c->items, (size_t)c->n * sizeof *a);
        c->items = a;
        c->cap = cap;
    }
    c->items[c->n++] = (shale_check){kind, step, table, column, obj};
}

static void alter_table_checks(cctx *c, const shale_diff *d, uint32_t si)
{
    const shale_step *s = &d->steps[si];
    const shale_ir_table *pt = &d->prev->tables[s->prev_table], *nt = &d->next->tables[s->next_table];
    for (uint32_t i = 0; i < s->count; i++) {
        uint32_t ci = s->first + i;
        const shale_table_change *tc = &d->changes[ci];
        const shale_ir_column *pc = tc->prev_column != SHALE_IR_NONE ? &pt->columns[tc->prev_column] : NULL;
        const shale_ir_column *nc = tc->next_column != SHALE_IR_NONE ? &nt->columns[tc->next_column] : NULL;
        switch (tc->kind) {
        case SHALE_TC_DROP_COLUMN: add(c, SHALE_CHECK_COLUMN_DROP, si, s->prev_table, tc->prev_column, ci); break;
        case SHALE_TC_ADD_COLUMN:
            /* An autoincrement column has its sequence as default (SERIAL), as in Prisma. */
            if (nc->arity == SHALE_IR_REQUIRED && !shale_diff_column_default(nc))
                add(c, tc->client_default ? SHALE_CHECK_ADDED_REQUIRED_CLIENT_DEFAULT : SHALE_CHECK_ADDED_REQUIRED, si,
                    s->next_table, tc->next_column, ci);
            break;
        case SHALE_TC_DROP_PRIMARY_KEY: add(c, SHALE_CHECK_PRIMARY_KEY_CHANGE, si, s->prev_table, SHALE_IR_NONE, ci); break;
        case SHALE_TC_ALTER_COLUMN:
            if ((tc->changes & SHALE_COLUMN_ARITY) && pc->arity == SHALE_IR_NULLABLE && nc->arity == SHALE_IR_REQUIRED)
                add(c, SHALE_CHECK_MADE_REQUIRED, si, s->prev_table, tc->prev_column, ci);
            if ((tc->changes & SHALE_COLUMN_ARITY) && pc->arity != SHALE_IR_LIST && nc->arity == SHALE_IR_LIST)
                add(c, SHALE_CHECK_MADE_LIST, si, s->prev_table, tc->prev_column, ci);
            if (tc->cast == SHALE_CAST_RISKY) add(c, SHALE_CHECK_RISKY_CAST, si, s->prev_table, tc->prev_column, ci);
            if (tc->cast == SHALE_CAST_NOT_CASTABLE)
                add(c, SHALE_CHECK_NOT_CASTABLE, si, s->prev_table, tc->prev_column, ci);
            break;
        case SHALE_TC_RECREATE_COLUMN:
            if ((tc->changes & SHALE_COLUMN_ARITY) && pc->arity == SHALE_IR_NULLABLE && nc->arity == SHALE_IR_REQUIRED &&
                !shale_diff_column_default(nc))
                add(c, SHALE_CHECK_ADDED_REQUIRED, si, s->prev_table, tc->prev_column, ci);
            else if (nc->arity == SHALE_IR_REQUIRED && !shale_diff_column_default(nc))
                add(c, SHALE_CHECK_RECREATE_REQUIRED, si, s->prev_table, tc->prev_column, ci);
            else
                add(c, SHALE_CHECK_RECREATE_COLUMN, si, s->prev_table, tc->prev_column, ci);
            break;
        default: break;
        }
    }
}

int shale_diff_checks(const shale_diff *d, shale_arena *arena, shale_check **out, uint32_t *n)
{
    cctx c = {arena, NULL, 0, 0, SHALE_OK};
    for (uint32_t si = 0; si < d->n_steps; si++) {
        const shale_step *s = &d->steps[si];
        switch (s->kind) {
        case SHALE_STEP_ALTER_TABLE: alter_table_checks(&c, d, si); break;
        case SHALE_STEP_DROP_TABLE: add(&c, SHALE_CHECK_TABLE_DROP, si, s->prev_table, SHALE_IR_NONE, 0); break;
        case SHALE_STEP_CREATE_INDEX:
            /* A unique index on a table that exists may meet duplicates; one put back
             * after its column was re-created held before. */
            if (s->prev_table != SHALE_IR_NONE && !s->recreated &&
                d->next->tables[s->next_table].indexes[s->next_obj].unique)
                add(&c, SHALE_CHECK_UNIQUE_ADDITION, si, s->next_table, SHALE_IR_NONE, s->next_obj);
            break;
        case SHALE_STEP_ALTER_ENUM:
            if (s->count2) add(&c, SHALE_CHECK_ENUM_VALUE_REMOVAL, si, SHALE_IR_NONE, SHALE_IR_NONE, 0);
            break;
        default: break;
        }
    }
    *out = c.items;
    *n = c.rc ? 0 : c.n;
    return c.rc;
}

static bool next_side(uint8_t kind)
{
    return kind == SHALE_CHECK_UNIQUE_ADDITION || kind == SHALE_CHECK_ADDED_REQUIRED ||
           kind == SHALE_CHECK_ADDED_REQUIRED_CLIENT_DEFAULT;
}

void shale_check_subject(const shale_diff *d, const shale_check *c, bool *next, uint32_t *table, uint32_t *column)
{
    *next = next_side(c->kind);
    /* ADDED_REQUIRED from a re-created column names the prev column. */
    if (c->kind == SHALE_CHECK_ADDED_REQUIRED && d->steps[c->step].kind == SHALE_STEP_ALTER_TABLE &&
        d->changes[c->obj].kind == SHALE_TC_RECREATE_COLUMN)
        *next = false;
    *table = c->table;
    switch (c->kind) {
    case SHALE_CHECK_COLUMN_DROP:
    case SHALE_CHECK_RISKY_CAST:
    case SHALE_CHECK_NOT_CASTABLE:
    case SHALE_CHECK_RECREATE_COLUMN:
    case SHALE_CHECK_MADE_REQUIRED:
    case SHALE_CHECK_MADE_LIST: *column = c->column; break;
    default: *column = SHALE_IR_NONE; break;
    }
    if (c->kind == SHALE_CHECK_ENUM_VALUE_REMOVAL || c->kind == SHALE_CHECK_UNIQUE_ADDITION) *table = SHALE_IR_NONE;
}

static void put(shale_buf *out, shale_str s) { shale_buf_put(out, s.ptr, s.len); }

/* A column type as Prisma's messages name it: the native type's schema-language
 * spelling with its arguments ("VarChar(10)", "Decimal(10,2)", "Timestamp(3)"). */
static void type_name(shale_buf *out, const shale_ir *ir, const shale_ir_column *col)
{
    static const char *const names[] = {
        [SHALE_IR_TYPE_TEXT] = "Text",         [SHALE_IR_TYPE_VARCHAR] = "VarChar",
        [SHALE_IR_TYPE_CHAR] = "Char",         [SHALE_IR_TYPE_UUID] = "Uuid",
        [SHALE_IR_TYPE_XML] = "Xml",           [SHALE_IR_TYPE_INET] = "Inet",
        [SHALE_IR_TYPE_CITEXT] = "Citext",     [SHALE_IR_TYPE_BIT] = "Bit",
        [SHALE_IR_TYPE_VARBIT] = "VarBit",     [SHALE_IR_TYPE_INTEGER] = "Integer",
        [SHALE_IR_TYPE_SMALLINT] = "SmallInt", [SHALE_IR_TYPE_OID] = "Oid",
        [SHALE_IR_TYPE_BIGINT] = "BigInt",     [SHALE_IR_TYPE_DOUBLE] = "DoublePrecision",
        [SHALE_IR_TYPE_REAL] = "Real",         [SHALE_IR_TYPE_DECIMAL] = "Decimal",
        [SHALE_IR_TYPE_MONEY] = "Money",       [SHALE_IR_TYPE_TIMESTAMP] = "Timestamp",
        [SHALE_IR_TYPE_TIMESTAMPTZ] = "Timestamptz", [SHALE_IR_TYPE_DATE] = "Date",
        [SHALE_IR_TYPE_TIME] = "Time",         [SHALE_IR_TYPE_TIMETZ] = "Timetz",
        [SHALE_IR_TYPE_JSON] = "Json",         [SHALE_IR_TYPE_JSONB] = "JsonB",
        [SHALE_IR_TYPE_BYTEA] = "ByteA",       [SHALE_IR_TYPE_BOOLEAN] = "Boolean",
    };
    const shale_ir_type *t = &col->type;
    if (t->kind == SHALE_IR_TYPE_ENUM) {
        /* No native type: Prisma prints its type family. */
        shale_buf_puts(out, "Enum(\"");
        put(out, ir->enums[t->enum_index].name);
        shale_buf_puts(out, "\")");
        return;
    }
    if (t->kind == SHALE_IR_TYPE_UNSUPPORTED) {
        shale_buf_puts(out, "Unsupported(\"");
        put(out, t->raw);
        shale_buf_puts(out, "\")");
        return;
    }
    shale_buf_puts(out, names[t->kind]);
    for (uint32_t i = 0; i < t->n_args; i++) shale_buf_printf(out, "%c%u", i ? ',' : '(', (unsigned)t->args[i]);
    if (t->n_args) shale_buf_putc(out, ')');
}

static void ticked(shale_buf *out, shale_str s)
{
    shale_buf_putc(out, '`');
    put(out, s);
    shale_buf_putc(out, '`');
}

static void cast_types(shale_buf *out, const shale_diff *d, const shale_check *c)
{
    const shale_table_change *tc = &d->changes[c->obj];
    const shale_step *s = &d->steps[c->step];
    shale_buf_puts(out, "The data in that column will be cast from `");
    type_name(out, d->prev, &d->prev->tables[s->prev_table].columns[tc->prev_column]);
    shale_buf_puts(out, "` to `");
    type_name(out, d->next, &d->next->tables[s->next_table].columns[tc->next_column]);
    shale_buf_puts(out, "`.");
}

bool shale_check_message(shale_buf *out, const shale_diff *d, const shale_check *c, int64_t rows, int64_t values)
{
    bool next;
    uint32_t table, column;
    shale_check_subject(d, c, &next, &table, &column);
    const shale_ir *ir = next ? d->next : d->prev;
    shale_str tname = table != SHALE_IR_NONE ? ir->tables[table].name : (shale_str){"", 0};
    shale_str cname = {"", 0};
    if (c->column != SHALE_IR_NONE && table != SHALE_IR_NONE) cname = ir->tables[table].columns[c->column].name;
    const bool known_rows = rows != SHALE_COUNT_UNKNOWN, known_values = values != SHALE_COUNT_UNKNOWN;

    switch (c->kind) {
    case SHALE_CHECK_TABLE_DROP:
        if (rows == 0) return false;
        shale_buf_puts(out, "You are about to drop the ");
        ticked(out, tname);
        if (known_rows) shale_buf_printf(out, " table, which is not empty (%lld rows).", (long long)rows);
        else shale_buf_puts(out, " table. If the table is not empty, all the data it contains will be lost.");
        return true;
    case SHALE_CHECK_COLUMN_DROP:
        if (rows == 0 || values == 0) return false;
        shale_buf_puts(out, "You are about to drop the column ");
        ticked(out, cname);
        shale_buf_puts(out, " on the ");
        ticked(out, tname);
        if (known_values) shale_buf_printf(out, " table, which still contains %lld non-null values.", (long long)values);
        else shale_buf_puts(out, " table. All the data in the column will be lost.");
        return true;
    case SHALE_CHECK_RISKY_CAST:
    case SHALE_CHECK_NOT_CASTABLE:
        if (rows == 0 || values == 0) return false;
        shale_buf_puts(out, "You are about to alter the column ");
        ticked(out, cname);
        shale_buf_puts(out, " on the ");
        ticked(out, tname);
        if (known_values) shale_buf_printf(out, " table, which contains %lld non-null values. ", (long long)values);
        else if (c->kind == SHALE_CHECK_RISKY_CAST) shale_buf_puts(out, " table. The data in that column could be lost. ");
        else shale_buf_puts(out, " table. ");
        cast_types(out, d, c);
        if (c->kind == SHALE_CHECK_NOT_CASTABLE)
            shale_buf_puts(out, " This cast may fail. Please make sure the data in the column can be cast.");
        return true;
    case SHALE_CHECK_RECREATE_COLUMN:
        if (rows == 0 || values == 0) return false;
        shale_buf_puts(out, "The ");
        ticked(out, cname);
        shale_buf_puts(out, " column on the ");
        ticked(out, tname);
        shale_buf_puts(out, known_values ? " table would be dropped and recreated. This will lead to data loss."
                                         : " table would be dropped and recreated. This will lead to data loss if "
                                           "there is data in the column.");
        return true;
    case SHALE_CHECK_PRIMARY_KEY_CHANGE:
        if (rows == 0) return false;
        shale_buf_puts(out, "The primary key for the ");
        ticked(out, tname);
        shale_buf_puts(out, " table will be changed. If it partially fails, the table could be left without primary "
                            "key constraint.");
        return true;
    case SHALE_CHECK_UNIQUE_ADDITION: {
        const shale_ir_table *t = &d->next->tables[c->table];
        const shale_ir_index *ix = &t->indexes[c->obj];
        shale_buf_puts(out, "A unique constraint covering the columns `[");
        for (uint32_t i = 0; i < ix->n_columns; i++) {
            if (i) shale_buf_putc(out, ',');
            put(out, t->columns[ix->columns[i].column].name);
        }
        shale_buf_puts(out, "]` on the table ");
        ticked(out, t->name);
        shale_buf_puts(out, " will be added. If there are existing duplicate values, this will fail.");
        return true;
    }
    case SHALE_CHECK_ENUM_VALUE_REMOVAL: {
        const shale_step *s = &d->steps[c->step];
        const shale_ir_enum *pe = &d->prev->enums[s->prev_obj];
        shale_buf_puts(out, "The values [");
        for (uint32_t i = 0; i < s->count2; i++) {
            if (i) shale_buf_putc(out, ',');
            put(out, pe->values[d->values[s->first2 + i]]);
        }
        shale_buf_puts(out, "] on the enum ");
        ticked(out, d->next->enums[s->next_obj].name);
        shale_buf_puts(out, " will be removed. If these variants are still used in the database, this will fail.");
        return true;
    }
    case SHALE_CHECK_ADDED_REQUIRED:
    case SHALE_CHECK_ADDED_REQUIRED_CLIENT_DEFAULT:
        if (rows == 0) return false;
        if (c->kind == SHALE_CHECK_ADDED_REQUIRED) {
            shale_buf_puts(out, "Added the required column ");
            ticked(out, cname);
            shale_buf_puts(out, " to the ");
            ticked(out, tname);
            shale_buf_puts(out, " table without a default value. ");
        } else {
            shale_buf_puts(out, "The required column ");
            ticked(out, cname);
            shale_buf_puts(out, " was added to the ");
            ticked(out, tname);
            shale_buf_puts(out, " table with a prisma-level default value. ");
        }
        if (known_rows)
            shale_buf_printf(out, "There are %lld rows in this table, it is not possible to execute this step.",
                             (long long)rows);
        else shale_buf_puts(out, "This is not possible if the table is not empty.");
        if (c->kind == SHALE_CHECK_ADDED_REQUIRED_CLIENT_DEFAULT)
            shale_buf_puts(out, " Please add this column as optional, then populate it before making it required.");
        return true;
    case SHALE_CHECK_MADE_REQUIRED:
        if (rows == 0) return false;
        if (known_rows && known_values && rows - values == 0) return false;
        shale_buf_puts(out, "Made the column ");
        ticked(out, cname);
        shale_buf_puts(out, " on table ");
        ticked(out, tname);
        if (known_rows && known_values)
            shale_buf_printf(out, " required, but there are %lld existing NULL values.", (long long)(rows - values));
        else shale_buf_puts(out, " required. This step will fail if there are existing NULL values in that column.");
        return true;
    case SHALE_CHECK_MADE_LIST:
        if (rows == 0 || values == 0) return false;
        shale_buf_puts(out, "Changed the column ");
        ticked(out, cname);
        shale_buf_puts(out, " on the ");
        ticked(out, tname);
        shale_buf_puts(out, " table from a scalar field to a list field. ");
        if (known_values)
            shale_buf_printf(out, "There are %lld existing non-null values in that column, this step cannot be executed.",
                             (long long)values);
        else shale_buf_puts(out, "If there are non-null values in that column, this step will fail.");
        return true;
    case SHALE_CHECK_RECREATE_REQUIRED:
        if (rows == 0) return false;
        shale_buf_puts(out, "Changed the type of ");
        ticked(out, cname);
        shale_buf_puts(out, " on the ");
        ticked(out, tname);
        shale_buf_puts(out, known_rows ? " table. No cast exists, the column would be dropped and recreated, which "
                                         "cannot be done since the column is required and there is data in the table."
                                       : " table. No cast exists, the column would be dropped and recreated, which "
                                         "cannot be done if there is data, since the column is required.");
        return true;
    default: return false;
    }
}

void shale_diff_render_warnings_header(shale_buf *out, const shale_diff *d, const shale_check *checks, uint32_t n)
{
    if (!n) return;
    shale_buf_puts(out, "/*\n  Warnings:\n\n");
    for (int unexec = 0; unexec < 2; unexec++) {
        for (uint32_t i = 0; i < n; i++) {
            if (shale_check_is_unexecutable(checks[i].kind) != (unexec == 1)) continue;
            size_t mark = out->len;
            shale_buf_puts(out, "  - ");
            if (shale_check_message(out, d, &checks[i], SHALE_COUNT_UNKNOWN, SHALE_COUNT_UNKNOWN))
                shale_buf_putc(out, '\n');
            else out->len = mark;
        }
    }
    shale_buf_puts(out, "\n*/\n");
}
