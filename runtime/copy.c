/* copy.c - create_many through COPY ... FROM STDIN in text format, the fastest way
 * to load rows over libpq. Rows that leave different database-defaulted fields out
 * cannot share a column list, so rows are grouped by the set of columns they give and
 * each group is one COPY (inside one transaction or savepoint when there are several).
 * Client-side defaults (ids, now, @updatedAt) are generated per row.
 */
#include "runtime/runtime_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FLUSH_AT 65536

/* Appends s[0..n) escaped for COPY's text format. */
static void copy_escape(shale_buf *b, const char *s, size_t n)
{
    size_t start = 0;
    for (size_t i = 0; i < n; i++) {
        const char *rep = NULL;
        switch (s[i]) {
        case '\\': rep = "\\\\"; break;
        case '\n': rep = "\\n"; break;
        case '\r': rep = "\\r"; break;
        case '\t': rep = "\\t"; break;
        default: continue;
        }
        shale_buf_put(b, s + start, i - start);
        shale_buf_puts(b, rep);
        start = i + 1;
    }
    shale_buf_put(b, s + start, n - start);
}

/* Which columns row `in` gives: 1 for a value (given or generated here), 0 for left to
 * the database. */
static void row_mask(const shale_model_desc *m, const char *in, char *mask)
{
    for (size_t i = 0; i < m->n_fields; i++) {
        const shale_field_desc *f = &m->fields[i];
        const void *v;
        mask[i] = shale_q__create_given(f, in, &v) || f->gen != SHALE_GEN_NONE || (f->flags & SHALE_F_UPDATED_AT);
    }
}

/* Ends a COPY: sends the end (or an abort with `why`) and reads the command's result. */
static int copy_end(shale_client *c, const char *why, int64_t *rows, shale_error *err)
{
    int rc = 0;
    if (PQputCopyEnd(c->conn, why) != 1) rc = shale_client__fail_result(c, NULL, err);
    PGresult *res;
    while ((res = PQgetResult(c->conn)) != NULL) {
        if (rc == 0) {
            if (PQresultStatus(res) != PGRES_COMMAND_OK) rc = shale_client__fail_result(c, res, err);
            else if (rows) *rows += strtoll(PQcmdTuples(res), NULL, 10);
        }
        PQclear(res);
    }
    return rc;
}

static int flush(shale_client *c, shale_error *err)
{
    if (c->sql.oom) return SHALE_ENOMEM;
    if (c->sql.len && PQputCopyData(c->conn, c->sql.ptr, (int)c->sql.len) != 1)
        return shale_client__fail_result(c, NULL, err);
    c->sql.len = 0;
    return 0;
}

/* Rows that give no column at all: n rows of defaults in one statement. */
static int insert_defaults(shale_client *c, const shale_model_desc *m, size_t n, int64_t *rows, shale_error *err)
{
    c->sql.len = 0;
    shale_params__reset(&c->params);
    shale_buf_puts(&c->sql, "INSERT INTO ");
    shale_buf_puts(&c->sql, m->table);
    shale_buf_puts(&c->sql, " SELECT FROM generate_series(1, $1::bigint)");
    char num[24];
    snprintf(num, sizeof num, "%zu", n);
    shale_params__add_text(&c->params, num);
    if (c->sql.oom || c->params.text.oom) return shale_client__fail(c, err, SHALE_ENOMEM, "out of memory");
    PGresult *res;
    int rc = shale_client__exec(c, c->sql.ptr, &c->params, &res, err);
    if (rc < 0) return rc;
    *rows += strtoll(PQcmdTuples(res), NULL, 10);
    PQclear(res);
    return 0;
}

/* One COPY for the rows whose mask is `mask`. */
static int copy_group(shale_client *c, const shale_model_desc *m, const char *inputs, size_t n, size_t stride,
                      const char *masks, const char *mask, int64_t *rows, shale_error *err)
{
    size_t nf = m->n_fields, nrows = 0;
    bool any = false;
    for (size_t i = 0; i < nf; i++) any |= mask[i] != 0;
    if (!any) {
        for (size_t r = 0; r < n; r++) nrows += memcmp(masks + r * nf, mask, nf) == 0;
        return insert_defaults(c, m, nrows, rows, err);
    }
    shale_buf *b = &c->sql;
    b->len = 0;
    shale_buf_puts(b, "COPY ");
    shale_buf_puts(b, m->table);
    shale_buf_puts(b, " (");
    bool first = true;
    for (size_t i = 0; i < nf; i++) {
        if (!mask[i]) continue;
        if (!first) shale_buf_puts(b, ", ");
        first = false;
        shale_sql__ident(b, m->fields[i].column);
    }
    shale_buf_puts(b, ") FROM STDIN");
    if (b->oom) return shale_client__fail(c, err, SHALE_ENOMEM, "out of memory");
    if (!c->conn || PQstatus(c->conn) != CONNECTION_OK)
        return shale_client__fail(c, err, SHALE_ECONN, "connection to the database lost");
    PGresult *res = PQexec(c->conn, b->ptr);
    c->n_exec++;
    if (!res || PQresultStatus(res) != PGRES_COPY_IN) {
        int rc = shale_client__fail_result(c, res, err);
        PQclear(res);
        return rc;
    }
    PQclear(res);
    b->len = 0;
    shale_datetime now = shale_datetime_now();
    int rc = 0;
    const shale_field_desc *bad = NULL;
    size_t bad_row = 0;
    for (size_t r = 0; r < n && rc == 0; r++) {
        if (memcmp(masks + r * nf, mask, nf) != 0) continue;
        const char *in = inputs + r * stride;
        first = true;
        for (size_t i = 0; i < nf && rc == 0; i++) {
            if (!mask[i]) continue;
            const shale_field_desc *f = &m->fields[i];
            if (!first) shale_buf_putc(b, '\t');
            first = false;
            shale_buf *s = &c->scratch;
            s->len = 0;
            const void *v;
            if (shale_q__create_given(f, in, &v)) {
                rc = shale_param__encode(s, f, v);
                if (rc < 0) {
                    bad = f;
                    bad_row = r;
                }
            } else if (shale_q__client_default(c, f, now, s) < 0) {
                rc = SHALE_ENOMEM;
            }
            if (rc == 0 && s->oom) rc = SHALE_ENOMEM;
            if (rc == 0) copy_escape(b, s->ptr ? s->ptr : "", s->len);
        }
        shale_buf_putc(b, '\n');
        if (rc == 0 && b->len >= FLUSH_AT) rc = flush(c, err);
    }
    if (rc == 0) rc = flush(c, err);
    if (rc == 0) return copy_end(c, NULL, rows, err);
    /* Abort the COPY so the connection is usable again; report our own error. */
    shale_error ignored = SHALE_ERROR_INIT;
    shale_error keep = c->last;
    copy_end(c, "shale: create_many aborted", NULL, &ignored);
    c->last = keep;
    if (rc == SHALE_EINVAL)
        return shale_client__fail(c, err, rc,
                                  "invalid value for %s.%s in row %zu: a required value is missing or an enum value "
                                  "is outside its enum",
                                  m->name, bad ? bad->name : "?", bad_row);
    if (rc == SHALE_ENOMEM) return shale_client__fail(c, err, rc, "out of memory");
    return rc;
}

int shale_q_create_many(int64_t *out_rows, shale_client *c, const shale_model_desc *m, const void *inputs, size_t n,
                        size_t stride, shale_error *err)
{
    *out_rows = 0;
    int abi_rc = shale_q__check_model(c, m, err);
    if (abi_rc < 0) return abi_rc;
    if (n == 0) return 0;
    if (!inputs || stride == 0) return shale_client__fail(c, err, SHALE_EINVAL, "no inputs for %s", m->name);
    size_t nf = m->n_fields ? m->n_fields : 1;
    char *masks = malloc(n * nf);
    char *groups = malloc(n * nf); /* distinct masks, in order of first appearance */
    if (!masks || !groups) {
        free(masks);
        free(groups);
        return shale_client__fail(c, err, SHALE_ENOMEM, "out of memory");
    }
    size_t ng = 0;
    for (size_t r = 0; r < n; r++) {
        char *mask = masks + r * nf;
        row_mask(m, (const char *)inputs + r * stride, mask);
        size_t g = 0;
        while (g < ng && memcmp(groups + g * nf, mask, nf) != 0) g++;
        if (g == ng) memcpy(groups + ng++ * nf, mask, nf);
    }
    int rc = 0;
    bool tx = false;
    if (ng > 1) {
        rc = shale_tx_begin(c, NULL, err);
        tx = rc == 0;
    }
    int64_t rows = 0;
    for (size_t g = 0; g < ng && rc == 0; g++)
        rc = copy_group(c, m, inputs, n, stride, masks, groups + g * nf, &rows, err);
    if (tx && rc == 0) rc = shale_tx_commit(c, err);
    else if (tx && c->tx_depth > 0) {
        shale_error ignored = SHALE_ERROR_INIT;
        shale_error keep = c->last;
        shale_tx_rollback(c, &ignored);
        c->last = keep;
    }
    free(masks);
    free(groups);
    if (rc == 0) *out_rows = rows;
    return rc;
}
