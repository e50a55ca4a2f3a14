/* diff_count.c - counting rows for the destructive-change checks (see diff_count.h).
 * The queries are Prisma's: SELECT COUNT(*) FROM "ns"."t" [WHERE "c" IS NOT NULL]. */
#include "diff_count.h"

#include "runtime/buf.h"
#include "sql_render.h"

#include <stdlib.h>
#include <string.h>

static int count(PGconn *conn, const shale_ir *ir, uint32_t table, uint32_t column, int64_t *out, char **err)
{
    const shale_ir_table *t = &ir->tables[table];
    shale_buf q = SHALE_BUF_INIT;
    shale_buf_puts(&q, "SELECT COUNT(*) FROM ");
    shale_pg_quote_ident(&q, ir->namespaces[t->namespace_index].name);
    shale_buf_putc(&q, '.');
    shale_pg_quote_ident(&q, t->name);
    if (column != SHALE_IR_NONE) {
        shale_buf_puts(&q, " WHERE ");
        shale_pg_quote_ident(&q, t->columns[column].name);
        shale_buf_puts(&q, " IS NOT NULL");
    }
    if (q.oom) {
        shale_buf_free(&q);
        return SHALE_ENOMEM;
    }
    PGresult *r = PQexec(conn, q.ptr);
    int rc = SHALE_OK;
    if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1) {
        *out = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
    } else {
        const char *msg = PQresultErrorMessage(r);
        size_t n = q.len + strlen(msg) + 32;
        *err = malloc(n);
        if (*err) snprintf(*err, n, "counting rows (%s): %s", q.ptr, msg);
        rc = SHALE_EIO;
    }
    PQclear(r);
    shale_buf_free(&q);
    return rc;
}

int shale_diff_count(PGconn *conn, const shale_diff *d, const shale_check *checks, uint32_t n, int64_t *rows,
                     int64_t *values, char **err)
{
    *err = NULL;
    for (uint32_t i = 0; i < n; i++) {
        rows[i] = values[i] = SHALE_COUNT_UNKNOWN;
        bool next;
        uint32_t table, column;
        shale_check_subject(d, &checks[i], &next, &table, &column);
        if (table == SHALE_IR_NONE) continue;
        const shale_ir *ir = next ? d->next : d->prev;
        /* The same table (and column) asked for before: reuse its counts. */
        bool have_rows = false, have_values = column == SHALE_IR_NONE;
        for (uint32_t k = 0; k < i; k++) {
            bool nk;
            uint32_t tk, ck;
            shale_check_subject(d, &checks[k], &nk, &tk, &ck);
            if (tk != table || nk != next) continue;
            rows[i] = rows[k], have_rows = true;
            if (!have_values && ck == column && values[k] != SHALE_COUNT_UNKNOWN) values[i] = values[k], have_values = true;
        }
        if (!have_rows && count(conn, ir, table, SHALE_IR_NONE, &rows[i], err) != SHALE_OK) return SHALE_EIO;
        if (!have_values && count(conn, ir, table, column, &values[i], err) != SHALE_OK) return SHALE_EIO;
    }
    return SHALE_OK;
}
