/* diff_hints.c - rename hints (see diff_hints.h). A dropped column and an added one
 * in the same table with the same type and nullability, or a dropped table and a
 * created one with the same columns, are paired in order, each object at most once;
 * ambiguity only makes a hint less likely to be right, never wrong SQL, since the
 * hint is advice for editing the migration by hand. */
#include "diff_hints.h"

#include "sql_render.h"

#include <stdlib.h>
#include <string.h>

static bool same_type(const shale_ir *pi, const shale_ir_column *a, const shale_ir *ni, const shale_ir_column *b)
{
    if (a->arity != b->arity || a->type.kind != b->type.kind || a->type.n_args != b->type.n_args) return false;
    for (uint32_t i = 0; i < a->type.n_args; i++)
        if (a->type.args[i] != b->type.args[i]) return false;
    if (a->type.kind == SHALE_IR_TYPE_ENUM)
        return shale_str_same(pi->enums[a->type.enum_index].name, ni->enums[b->type.enum_index].name);
    if (a->type.kind == SHALE_IR_TYPE_UNSUPPORTED) return shale_str_same(a->type.raw, b->type.raw);
    return true;
}

static uint32_t column_hints(shale_buf *out, const shale_diff *d, const shale_step *s)
{
    const shale_ir_table *pt = &d->prev->tables[s->prev_table], *nt = &d->next->tables[s->next_table];
    uint32_t n = 0;
    bool *taken = calloc((size_t)nt->n_columns + 1, 1);
    if (!taken) {
        out->oom = true;
        return 0;
    }
    for (uint32_t i = 0; i < s->count; i++) {
        const shale_table_change *drop = &d->changes[s->first + i];
        if (drop->kind != SHALE_TC_DROP_COLUMN) continue;
        const shale_ir_column *pc = &pt->columns[drop->prev_column];
        for (uint32_t k = 0; k < s->count; k++) {
            const shale_table_change *add = &d->changes[s->first + k];
            if (add->kind != SHALE_TC_ADD_COLUMN || taken[add->next_column]) continue;
            const shale_ir_column *nc = &nt->columns[add->next_column];
            if (!same_type(d->prev, pc, d->next, nc)) continue;
            taken[add->next_column] = true;
            shale_buf_puts(out, "hint: column `");
            shale_buf_put(out, pc->name.ptr, pc->name.len);
            shale_buf_puts(out, "` of table `");
            shale_buf_put(out, pt->name.ptr, pt->name.len);
            shale_buf_puts(out, "` is dropped and `");
            shale_buf_put(out, nc->name.ptr, nc->name.len);
            shale_buf_puts(out, "` of the same type is added; if this is a rename, use ALTER TABLE ");
            shale_sql_render_qualified(out, d->next, nt->namespace_index, nt->name);
            shale_buf_puts(out, " RENAME COLUMN ");
            shale_pg_quote_ident(out, pc->name);
            shale_buf_puts(out, " TO ");
            shale_pg_quote_ident(out, nc->name);
            shale_buf_puts(out, " instead to keep the data\n");
            n++;
            break;
        }
    }
    free(taken);
    return n;
}

static bool same_columns(const shale_diff *d, const shale_ir_table *a, const shale_ir_table *b)
{
    if (a->n_columns != b->n_columns) return false;
    for (uint32_t i = 0; i < a->n_columns; i++)
        if (!shale_str_same(a->columns[i].name, b->columns[i].name) ||
            !same_type(d->prev, &a->columns[i], d->next, &b->columns[i]))
            return false;
    return true;
}

static uint32_t table_hints(shale_buf *out, const shale_diff *d)
{
    uint32_t n = 0;
    bool *taken = calloc((size_t)d->next->n_tables + 1, 1);
    if (!taken) {
        out->oom = true;
        return 0;
    }
    for (uint32_t i = 0; i < d->n_steps; i++) {
        if (d->steps[i].kind != SHALE_STEP_DROP_TABLE) continue;
        const shale_ir_table *pt = &d->prev->tables[d->steps[i].prev_table];
        for (uint32_t k = 0; k < d->n_steps; k++) {
            const shale_step *c = &d->steps[k];
            if (c->kind != SHALE_STEP_CREATE_TABLE || taken[c->next_table]) continue;
            const shale_ir_table *nt = &d->next->tables[c->next_table];
            if (!same_columns(d, pt, nt)) continue;
            taken[c->next_table] = true;
            shale_buf_puts(out, "hint: table `");
            shale_buf_put(out, pt->name.ptr, pt->name.len);
            shale_buf_puts(out, "` is dropped and `");
            shale_buf_put(out, nt->name.ptr, nt->name.len);
            shale_buf_puts(out, "` with the same columns is created; if this is a rename, use ALTER TABLE ");
            shale_sql_render_qualified(out, d->prev, pt->namespace_index, pt->name);
            shale_buf_puts(out, " RENAME TO ");
            shale_pg_quote_ident(out, nt->name);
            shale_buf_puts(out, " instead (and rename its constraints and indexes) to keep the data\n");
            n++;
            break;
        }
    }
    free(taken);
    return n;
}

uint32_t shale_diff_rename_hints(shale_buf *out, const shale_diff *d)
{
    uint32_t n = table_hints(out, d);
    for (uint32_t i = 0; i < d->n_steps; i++)
        if (d->steps[i].kind == SHALE_STEP_ALTER_TABLE) n += column_hints(out, d, &d->steps[i]);
    return n;
}

static const char *find(const char *hay, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= len; i++)
        if (memcmp(hay + i, needle, n) == 0) return hay + i;
    return NULL;
}

/* An enum swap (a value removed) converts every column of the type, also one this
 * migration adds later (Prisma's script, prisma/prisma#24292). */
static uint32_t enum_swap_cautions(shale_buf *out, const shale_diff *d)
{
    uint32_t n = 0;
    for (uint32_t i = 0; i < d->n_steps; i++) {
        const shale_step *s = &d->steps[i];
        if (s->kind != SHALE_STEP_ALTER_ENUM || !s->count2) continue;
        bool late = false;
        for (uint32_t k = 0; k < d->n_steps && !late; k++) {
            const shale_step *t = &d->steps[k];
            if (t->kind == SHALE_STEP_CREATE_TABLE) {
                const shale_ir_table *nt = &d->next->tables[t->next_table];
                for (uint32_t c = 0; c < nt->n_columns && !late; c++)
                    late = nt->columns[c].type.kind == SHALE_IR_TYPE_ENUM && nt->columns[c].type.enum_index == s->next_obj;
            } else if (t->kind == SHALE_STEP_ALTER_TABLE) {
                for (uint32_t c = 0; c < t->count && !late; c++) {
                    const shale_table_change *tc = &d->changes[t->first + c];
                    if (tc->kind != SHALE_TC_ADD_COLUMN && tc->kind != SHALE_TC_RECREATE_COLUMN) continue;
                    const shale_ir_column *col = &d->next->tables[t->next_table].columns[tc->next_column];
                    late = col->type.kind == SHALE_IR_TYPE_ENUM && col->type.enum_index == s->next_obj;
                }
            }
        }
        if (!late) continue;
        shale_str name = d->next->enums[s->next_obj].name;
        shale_buf_puts(out, "caution: the AlterEnum step converts columns of `");
        shale_buf_put(out, name.ptr, name.len);
        shale_buf_puts(out, "` that later steps of this script create, so PostgreSQL will reject it (column does "
                            "not exist); split the change into two migrations: first the new columns, then the "
                            "removed values\n");
        n++;
    }
    return n;
}

uint32_t shale_diff_cautions(shale_buf *out, const shale_diff *d, const char *script, size_t len)
{
    uint32_t n = 0;
    if (script && find(script, len, "\nDROP SEQUENCE \"\";")) {
        shale_buf_puts(out, "caution: the script drops a sequence with an empty name (DROP SEQUENCE \"\"), which "
                            "PostgreSQL rejects; delete that line (the column's own sequence stays, owned by the column)\n");
        n++;
    }
    static const char *const serials[] = {"SET DATA TYPE SMALLSERIAL", "SET DATA TYPE SERIAL", "SET DATA TYPE BIGSERIAL"};
    for (size_t i = 0; script && i < 3; i++) {
        if (!find(script, len, serials[i])) continue;
        shale_buf_printf(out, "caution: the script changes an autoincrement column with `%s`, which PostgreSQL "
                              "rejects (it is not a type); write SET DATA TYPE %s instead\n",
                         serials[i], i == 0 ? "SMALLINT" : i == 1 ? "INTEGER" : "BIGINT");
        n++;
    }
    return n + enum_swap_cautions(out, d);
}
