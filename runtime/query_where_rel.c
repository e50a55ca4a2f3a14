/* query_where_rel.c - relation filters in a `<model>_where` (Prisma's `some`, `every`,
 * `none` on to-many fields and `is`, `isNot` on to-one fields): each becomes a
 * correlated [NOT] EXISTS subquery on the relation's keys, through the join table for
 * m:n, with the target's own filter inside (built by query_sql.c, so relation filters
 * nest to any depth below SHALE_SQL_MAX_DEPTH). Values stay $n parameters.
 */
#include "runtime/runtime_int.h"

#include <stdio.h>
#include <string.h>

/* A qualified column: `q."col"`. */
static void qcol(shale_buf *b, const char *q, const char *col)
{
    shale_buf_puts(b, q);
    shale_buf_putc(b, '.');
    shale_sql__ident(b, col);
}

/* `[NOT ]EXISTS (SELECT 1 FROM <target> AS "rN" WHERE <keys> AND [NOT coalesce(](<filter>)[, FALSE)])`.
 * `outer` qualifies the outer row's columns; the inner alias is unique along the
 * nesting path (depth grows by one per level), so an inner filter's own subqueries
 * never capture it. */
static int exists(shale_buf *b, shale_params *p, const shale_model_desc *m, const shale_relation_desc *r,
                  const void *filter, const char *outer, bool negate, bool every, int depth)
{
    const shale_model_desc *t = r->target;
    if (!t || r->n_keys == 0 || (r->join_table && r->n_keys != 1)) return SHALE_EINVAL;
    char inner[24], join[24];
    snprintf(inner, sizeof inner, "\"r%d\"", depth + 1);
    snprintf(join, sizeof join, "\"j%d\"", depth + 1);
    shale_buf_puts(b, negate ? "NOT EXISTS (SELECT 1 FROM " : "EXISTS (SELECT 1 FROM ");
    if (r->join_table) {
        /* m:n: local and target keys are the primary keys of both sides. */
        shale_buf_puts(b, r->join_table);
        shale_buf_printf(b, " AS %s JOIN %s AS %s ON ", join, t->table, inner);
        qcol(b, inner, t->fields[r->target_fields[0]].column);
        shale_buf_puts(b, " = ");
        qcol(b, join, r->join_target_column);
        shale_buf_puts(b, " WHERE ");
        qcol(b, join, r->join_local_column);
        shale_buf_puts(b, " = ");
        qcol(b, outer, m->fields[r->local_fields[0]].column);
    } else {
        shale_buf_printf(b, "%s AS %s WHERE ", t->table, inner);
        for (size_t i = 0; i < r->n_keys; i++) {
            if (i) shale_buf_puts(b, " AND ");
            qcol(b, inner, t->fields[r->target_fields[i]].column);
            shale_buf_puts(b, " = ");
            qcol(b, outer, m->fields[r->local_fields[i]].column);
        }
    }
    /* every: no related row for which the filter is not TRUE (a NULL comparison does
     * not match, as in Prisma). */
    shale_buf_puts(b, every ? " AND NOT coalesce((" : " AND (");
    int rc = shale_sql__where_depth(b, p, t, filter, inner, depth + 1);
    if (rc < 0) return rc;
    shale_buf_puts(b, every ? "), FALSE))" : "))");
    return 0;
}

int shale_sql__relation_filters(shale_buf *b, shale_params *p, const shale_model_desc *m, const char *where,
                                const char *alias, int depth, bool *any)
{
    if (depth >= SHALE_SQL_MAX_DEPTH) return SHALE_EINVAL;
    const char *outer = alias ? alias : m->table;
    for (size_t i = 0; i < m->n_relations; i++) {
        const shale_relation_desc *r = &m->relations[i];
        if (r->where_offset == SHALE_NO_OFFSET) continue;
        /* Up to three tests per relation: (pointer, negate, every). */
        const void *tests[3] = {NULL, NULL, NULL};
        static const bool neg_many[3] = {false, true, true}, every_many[3] = {false, true, false};
        static const bool neg_one[3] = {false, true, false}, every_none[3] = {false, false, false};
        const bool *negs, *everys;
        if (r->to_many) {
            shale_rel_many_filter f;
            memcpy(&f, where + r->where_offset, sizeof f);
            tests[0] = f.some;
            tests[1] = f.every;
            tests[2] = f.none;
            negs = neg_many;
            everys = every_many;
        } else {
            shale_rel_one_filter f;
            memcpy(&f, where + r->where_offset, sizeof f);
            tests[0] = f.is;
            tests[1] = f.is_not;
            negs = neg_one;
            everys = every_none;
        }
        for (size_t k = 0; k < 3; k++) {
            if (!tests[k]) continue;
            if (*any) shale_buf_puts(b, " AND ");
            *any = true;
            int rc = exists(b, p, m, r, tests[k], outer, negs[k], everys[k], depth);
            if (rc < 0) return rc;
        }
    }
    return 0;
}
