/* query.c - the generic operations behind the generated helpers (shale_q_*): create,
 * find_unique/first/many, count, update/update_many, upsert, delete/delete_many. Each
 * builds its SQL into the client's reused buffer (query_sql.c), runs it through the
 * statement cache (client.c), decodes rows into one arena per result
 * (query_decode.c, result.c) and loads included relations (query_include.c).
 * create fills client-side defaults (uuid(), cuid(), now() ...) and @updatedAt.
 */
#include "runtime/runtime_int.h"

#include <stdlib.h>
#include <string.h>

static void begin(shale_client *c)
{
    c->sql.len = 0;
    c->sql.oom = false;
    if (c->sql.ptr) c->sql.ptr[0] = '\0';
    shale_params__reset(&c->params);
}

/* Maps a building error (SHALE_EINVAL from an encoder, or an out-of-memory buffer). */
static int built(shale_client *c, int rc, const shale_model_desc *m, shale_error *err)
{
    if (rc == 0 && (c->sql.oom || c->params.text.oom)) rc = SHALE_ENOMEM;
    if (rc == SHALE_ENOMEM) return shale_client__fail(c, err, rc, "out of memory");
    if (rc < 0 && c->params.bad)
        return shale_client__fail(c, err, rc,
                                  "invalid value for %s.%s: a required value is missing or an enum value is outside "
                                  "its enum",
                                  m->name, c->params.bad);
    if (rc < 0)
        return shale_client__fail(c, err, rc,
                                  "invalid arguments for %s: a filter nests too deeply, or an order field, skip or "
                                  "take is out of range",
                                  m->name);
    return 0;
}

/* Starts `<head> <table>` and appends ` WHERE <filter>` when there is one: the shape of
 * find_many, count and delete_many. Returns: 0 or the filter's error. */
static int begin_filtered(shale_client *c, const char *head, const shale_model_desc *m, const void *where)
{
    shale_buf_puts(&c->sql, head);
    shale_buf_puts(&c->sql, m->table);
    if (!where) return 0;
    shale_buf_puts(&c->sql, " WHERE ");
    return shale_sql__where(&c->sql, &c->params, m, where, NULL);
}

static int exec(shale_client *c, PGresult **res, shale_error *err)
{
    return shale_client__exec(c, c->sql.ptr, &c->params, res, err);
}

bool shale_q__create_given(const shale_field_desc *f, const void *in, const void **v)
{
    if (f->create_offset == SHALE_NO_OFFSET || !in) return false;
    bool is_null;
    *v = shale_param__value(f, (const char *)in + f->create_offset, (f->flags & SHALE_F_OPTIONAL_IN_CREATE) != 0,
                            &is_null);
    return !is_null || !(f->flags & SHALE_F_OPTIONAL_IN_CREATE);
}

int shale_q__client_default(shale_client *c, const shale_field_desc *f, shale_datetime now, shale_buf *out)
{
    if (f->gen == SHALE_GEN_NOW || (f->gen == SHALE_GEN_NONE && (f->flags & SHALE_F_UPDATED_AT))) {
        char tmp[48];
        shale_buf_puts(out, shale_datetime_format(tmp, sizeof tmp, now));
        return 1;
    }
    if (f->gen == SHALE_GEN_NONE) return 0;
    int rc = shale_gen__id(&c->gen, f->gen, f->gen_arg, out);
    return rc < 0 ? rc : 1;
}

/* Decodes row 0 of res into a new result (NULL when there is none); clears res. */
static int one_row(void **out, shale_client *c, const shale_model_desc *m, PGresult *res, const void *include,
                   shale_error *err)
{
    *out = NULL;
    if (PQntuples(res) == 0) {
        PQclear(res);
        return 0;
    }
    shale_arena *a;
    void *row = shale_arena__new(&a, m->row_size, shale_decode__estimate(res, m->row_size));
    if (!row) {
        PQclear(res);
        return shale_client__fail(c, err, SHALE_ENOMEM, "out of memory");
    }
    int rc = shale_decode__row(m, res, 0, 0, row, a, err);
    PQclear(res);
    if (rc == 0 && include) rc = shale_include__load(c, m, row, 1, include, a, err);
    if (rc < 0) {
        if (c && err) c->last = *err;
        shale_result_free(row);
        return rc;
    }
    *out = row;
    return 0;
}

/* Runs the statement in c->sql and returns its first row as a result. */
static int run_row(void **out, shale_client *c, const shale_model_desc *m, const void *include, shale_error *err)
{
    PGresult *res;
    int rc = exec(c, &res, err);
    if (rc < 0) return rc;
    return one_row(out, c, m, res, include, err);
}

static int64_t affected(PGresult *res)
{
    const char *n = PQcmdTuples(res);
    return n && *n ? strtoll(n, NULL, 10) : 0;
}

/* " (cols) VALUES (params)" of a create input, or " DEFAULT VALUES". */
static int insert_values(shale_client *c, const shale_model_desc *m, const void *in, shale_datetime now)
{
    shale_buf *b = &c->sql;
    /* Values first into scratch as "$n::type" pieces, columns straight into the SQL. */
    shale_buf *vals = &c->scratch;
    vals->len = 0;
    bool any = false;
    shale_buf_puts(b, " (");
    for (size_t i = 0; i < m->n_fields; i++) {
        const shale_field_desc *f = &m->fields[i];
        const void *v;
        int rc;
        if (shale_q__create_given(f, in, &v)) {
            if (any) shale_buf_puts(vals, ", ");
            if ((rc = shale_sql__param(vals, &c->params, f, v)) < 0) return rc;
        } else {
            int n = shale_params__begin(&c->params);
            if (!n) return SHALE_ENOMEM;
            rc = shale_q__client_default(c, f, now, &c->params.text);
            if (rc < 0) return rc;
            if (rc == 0) { /* the database's default, or NULL */
                c->params.n--;
                c->params.text.len = c->params.off[c->params.n];
                continue;
            }
            shale_params__end(&c->params);
            if (any) shale_buf_puts(vals, ", ");
            shale_buf_printf(vals, "$%d::%s", n, f->sql_type);
        }
        if (any) shale_buf_puts(b, ", ");
        shale_sql__ident(b, f->column);
        any = true;
    }
    if (!any) {
        b->len -= 2;
        b->ptr[b->len] = '\0';
        shale_buf_puts(b, " DEFAULT VALUES");
        return 0;
    }
    shale_buf_puts(b, ") VALUES (");
    shale_buf_put(b, vals->ptr, vals->len);
    shale_buf_putc(b, ')');
    return vals->oom ? SHALE_ENOMEM : 0;
}

int shale_q__check_model(shale_client *c, const shale_model_desc *m, shale_error *err)
{
    if (m && m->abi == SHALE_MODEL_ABI) return 0;
    return shale_client__fail(c, err, SHALE_EINVAL,
                              "generated code does not match this libshale (descriptor layout %u, the library "
                              "reads %u): run `shale generate` again and rebuild",
                              m ? m->abi : 0u, (unsigned)SHALE_MODEL_ABI);
}

int shale_q_create(void **out, shale_client *c, const shale_model_desc *m, const void *in, shale_error *err)
{
    *out = NULL;
    int abi_rc = shale_q__check_model(c, m, err);
    if (abi_rc < 0) return abi_rc;
    if (!in) return shale_client__fail(c, err, SHALE_EINVAL, "no create input for %s", m->name);
    begin(c);
    shale_buf_puts(&c->sql, "INSERT INTO ");
    shale_buf_puts(&c->sql, m->table);
    int rc = insert_values(c, m, in, shale_datetime_now());
    shale_buf_puts(&c->sql, " RETURNING ");
    shale_sql__select_list(&c->sql, m, NULL);
    if ((rc = built(c, rc, m, err)) < 0) return rc;
    return run_row(out, c, m, NULL, err);
}

static int pick(shale_client *c, const shale_model_desc *m, const void *wu, shale_error *err)
{
    int u = shale_sql__unique_pick(m, wu);
    if (u < 0)
        return shale_client__fail(c, err, SHALE_EINVAL,
                                  "%s: exactly one unique criterion of the where_unique must be set", m->name);
    return u;
}

int shale_q_find_unique(void **out, shale_client *c, const shale_model_desc *m, const void *where_unique,
                        const void *include, shale_error *err)
{
    *out = NULL;
    int abi_rc = shale_q__check_model(c, m, err);
    if (abi_rc < 0) return abi_rc;
    int u = pick(c, m, where_unique, err);
    if (u < 0) return u;
    begin(c);
    shale_buf_puts(&c->sql, "SELECT ");
    shale_sql__select_list(&c->sql, m, NULL);
    shale_buf_puts(&c->sql, " FROM ");
    shale_buf_puts(&c->sql, m->table);
    shale_buf_puts(&c->sql, " WHERE ");
    int rc = shale_sql__unique_cond(&c->sql, &c->params, m, u, where_unique, NULL);
    if ((rc = built(c, rc, m, err)) < 0) return rc;
    return run_row(out, c, m, include, err);
}

static int select_many(shale_client *c, const shale_model_desc *m, const shale_find_args *args, PGresult **res,
                       shale_error *err)
{
    begin(c);
    shale_buf_puts(&c->sql, "SELECT ");
    shale_sql__select_list(&c->sql, m, NULL);
    int rc = begin_filtered(c, " FROM ", m, args ? args->where : NULL);
    if (rc == 0) rc = shale_sql__order_page(&c->sql, &c->params, m, args);
    if ((rc = built(c, rc, m, err)) < 0) return rc;
    return exec(c, res, err);
}

int shale_q_find_first(void **out, shale_client *c, const shale_model_desc *m, const shale_find_args *args,
                       shale_error *err)
{
    *out = NULL;
    int abi_rc = shale_q__check_model(c, m, err);
    if (abi_rc < 0) return abi_rc;
    shale_find_args a;
    memset(&a, 0, sizeof a);
    if (args) a = *args;
    a.take = 1;
    PGresult *res;
    int rc = select_many(c, m, &a, &res, err);
    if (rc < 0) return rc;
    return one_row(out, c, m, res, a.include, err);
}

int shale_q_find_many(shale_list **out, shale_client *c, const shale_model_desc *m, const shale_find_args *args,
                      shale_error *err)
{
    *out = NULL;
    int abi_rc = shale_q__check_model(c, m, err);
    if (abi_rc < 0) return abi_rc;
    PGresult *res;
    int rc = select_many(c, m, args, &res, err);
    if (rc < 0) return rc;
    size_t n = (size_t)PQntuples(res);
    shale_arena *a;
    shale_list *l = shale_arena__new(&a, sizeof *l, shale_decode__estimate(res, m->row_size) + 16);
    char *items = l ? shale_arena__alloc(a, n ? n * m->row_size : 1, 16) : NULL;
    if (!items) {
        PQclear(res);
        shale_result_free(l);
        return shale_client__fail(c, err, SHALE_ENOMEM, "out of memory");
    }
    l->len = n;
    l->items = items;
    for (size_t i = 0; i < n && rc == 0; i++) rc = shale_decode__row(m, res, (int)i, 0, items + i * m->row_size, a, err);
    PQclear(res);
    if (rc == 0 && args && args->include && n) rc = shale_include__load(c, m, items, n, args->include, a, err);
    if (rc < 0) {
        if (err) c->last = *err;
        shale_result_free(l);
        return rc;
    }
    *out = l;
    return 0;
}

int shale_q_count(int64_t *out, shale_client *c, const shale_model_desc *m, const void *where, shale_error *err)
{
    *out = 0;
    int abi_rc = shale_q__check_model(c, m, err);
    if (abi_rc < 0) return abi_rc;
    begin(c);
    int rc = begin_filtered(c, "SELECT count(*) FROM ", m, where);
    if ((rc = built(c, rc, m, err)) < 0) return rc;
    PGresult *res;
    if ((rc = exec(c, &res, err)) < 0) return rc;
    *out = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
    PQclear(res);
    return 0;
}

/* Where the value of a shale_set_* sits: after the op, at the value's alignment. */
static size_t set_value_offset(const shale_field_desc *f)
{
    if (f->flags & SHALE_F_LIST) return offsetof(shale_set_str_list, v);
    switch (f->type) {
    case SHALE_T_INT: return offsetof(shale_set_i32, v);
    case SHALE_T_BIGINT: return offsetof(shale_set_i64, v);
    case SHALE_T_FLOAT: return offsetof(shale_set_f64, v);
    case SHALE_T_BOOL: return offsetof(shale_set_bool, v);
    case SHALE_T_DATETIME: return offsetof(shale_set_datetime, v);
    case SHALE_T_BYTES: return offsetof(shale_set_bytes, v);
    case SHALE_T_ENUM: return offsetof(shale_set_enum, v);
    case SHALE_T_DECIMAL: return offsetof(shale_set_decimal, v);
    case SHALE_T_JSON: return offsetof(shale_set_json, v);
    default: return offsetof(shale_set_str, v);
    }
}

/* "col" = $n::t, ... for the fields `data` sets, plus @updatedAt. *any: something set. */
static int set_list(shale_client *c, const shale_model_desc *m, const void *data, shale_datetime now, bool *any)
{
    shale_buf *b = &c->sql;
    *any = false;
    for (size_t i = 0; i < m->n_fields; i++) {
        const shale_field_desc *f = &m->fields[i];
        shale_set_op op = SHALE_KEEP;
        const char *s = NULL;
        if (data && f->update_offset != SHALE_NO_OFFSET) {
            s = (const char *)data + f->update_offset;
            memcpy(&op, s, sizeof op);
        }
        if (op == SHALE_KEEP && !(f->flags & SHALE_F_UPDATED_AT)) continue;
        if (op != SHALE_KEEP && op != SHALE_SET && op != SHALE_SET_NULL) return SHALE_EINVAL;
        if (*any) shale_buf_puts(b, ", ");
        shale_sql__ident(b, f->column);
        shale_buf_puts(b, " = ");
        *any = true;
        if (op == SHALE_SET_NULL) {
            shale_buf_puts(b, "NULL");
        } else if (op == SHALE_SET) {
            int rc = shale_sql__param(b, &c->params, f, s + set_value_offset(f));
            if (rc < 0) return rc;
        } else {
            int rc = shale_sql__param(b, &c->params, f, &now);
            if (rc < 0) return rc;
        }
    }
    return 0;
}

int shale_q_update(void **out, shale_client *c, const shale_model_desc *m, const void *where_unique,
                   const void *data, shale_error *err)
{
    *out = NULL;
    int abi_rc = shale_q__check_model(c, m, err);
    if (abi_rc < 0) return abi_rc;
    int u = pick(c, m, where_unique, err);
    if (u < 0) return u;
    begin(c);
    shale_buf_puts(&c->sql, "UPDATE ");
    shale_buf_puts(&c->sql, m->table);
    shale_buf_puts(&c->sql, " SET ");
    bool any;
    int rc = set_list(c, m, data, shale_datetime_now(), &any);
    if (rc == 0 && !any) {
        /* Nothing to change: Prisma returns the row as it is. */
        rc = shale_q_find_unique(out, c, m, where_unique, NULL, err);
        if (rc == 0 && !*out) return shale_client__fail(c, err, SHALE_ENOTFOUND, "record to update not found (%s)", m->name);
        return rc;
    }
    shale_buf_puts(&c->sql, " WHERE ");
    if (rc == 0) rc = shale_sql__unique_cond(&c->sql, &c->params, m, u, where_unique, NULL);
    shale_buf_puts(&c->sql, " RETURNING ");
    shale_sql__select_list(&c->sql, m, NULL);
    if ((rc = built(c, rc, m, err)) < 0) return rc;
    if ((rc = run_row(out, c, m, NULL, err)) < 0) return rc;
    if (!*out) return shale_client__fail(c, err, SHALE_ENOTFOUND, "record to update not found (%s)", m->name);
    return 0;
}

int shale_q_update_many(int64_t *out_rows, shale_client *c, const shale_model_desc *m, const void *where,
                        const void *data, shale_error *err)
{
    *out_rows = 0;
    int abi_rc = shale_q__check_model(c, m, err);
    if (abi_rc < 0) return abi_rc;
    begin(c);
    shale_buf_puts(&c->sql, "UPDATE ");
    shale_buf_puts(&c->sql, m->table);
    shale_buf_puts(&c->sql, " SET ");
    bool any;
    int rc = set_list(c, m, data, shale_datetime_now(), &any);
    if (rc == 0 && !any) return shale_q_count(out_rows, c, m, where, err);
    if (rc == 0 && where) {
        shale_buf_puts(&c->sql, " WHERE ");
        rc = shale_sql__where(&c->sql, &c->params, m, where, NULL);
    }
    if ((rc = built(c, rc, m, err)) < 0) return rc;
    PGresult *res;
    if ((rc = exec(c, &res, err)) < 0) return rc;
    *out_rows = affected(res);
    PQclear(res);
    return 0;
}

int shale_q_upsert(void **out, shale_client *c, const shale_model_desc *m, const void *where_unique,
                   const void *create, const void *update, shale_error *err)
{
    *out = NULL;
    int abi_rc = shale_q__check_model(c, m, err);
    if (abi_rc < 0) return abi_rc;
    int u = pick(c, m, where_unique, err);
    if (u < 0) return u;
    if (!create) return shale_client__fail(c, err, SHALE_EINVAL, "no create input for %s", m->name);
    shale_datetime now = shale_datetime_now();
    begin(c);
    shale_buf_puts(&c->sql, "INSERT INTO ");
    shale_buf_puts(&c->sql, m->table);
    shale_buf_puts(&c->sql, " AS \"t0\"");
    int rc = insert_values(c, m, create, now);
    const shale_unique_desc *ud = &m->uniques[u];
    shale_buf_puts(&c->sql, " ON CONFLICT (");
    for (size_t i = 0; i < ud->n_fields; i++) {
        if (i) shale_buf_puts(&c->sql, ", ");
        shale_sql__ident(&c->sql, m->fields[ud->fields[i]].column);
    }
    shale_buf_puts(&c->sql, ") DO UPDATE SET ");
    bool any = false;
    if (rc == 0) rc = set_list(c, m, update, now, &any);
    if (rc == 0 && !any) {
        /* An empty update still has to name a column; this one keeps its value. */
        const char *col = m->fields[ud->fields[0]].column;
        shale_sql__ident(&c->sql, col);
        shale_buf_puts(&c->sql, " = \"t0\".");
        shale_sql__ident(&c->sql, col);
    }
    shale_buf_puts(&c->sql, " RETURNING ");
    shale_sql__select_list(&c->sql, m, NULL);
    if ((rc = built(c, rc, m, err)) < 0) return rc;
    return run_row(out, c, m, NULL, err);
}

int shale_q_delete(void **out, shale_client *c, const shale_model_desc *m, const void *where_unique,
                   shale_error *err)
{
    if (out) *out = NULL;
    int abi_rc = shale_q__check_model(c, m, err);
    if (abi_rc < 0) return abi_rc;
    int u = pick(c, m, where_unique, err);
    if (u < 0) return u;
    begin(c);
    shale_buf_puts(&c->sql, "DELETE FROM ");
    shale_buf_puts(&c->sql, m->table);
    shale_buf_puts(&c->sql, " WHERE ");
    int rc = shale_sql__unique_cond(&c->sql, &c->params, m, u, where_unique, NULL);
    if (out) {
        shale_buf_puts(&c->sql, " RETURNING ");
        shale_sql__select_list(&c->sql, m, NULL);
    }
    if ((rc = built(c, rc, m, err)) < 0) return rc;
    PGresult *res;
    if ((rc = exec(c, &res, err)) < 0) return rc;
    if (affected(res) == 0) {
        PQclear(res);
        return shale_client__fail(c, err, SHALE_ENOTFOUND, "record to delete does not exist (%s)", m->name);
    }
    if (!out) {
        PQclear(res);
        return 0;
    }
    return one_row(out, c, m, res, NULL, err);
}

int shale_q_delete_many(int64_t *out_rows, shale_client *c, const shale_model_desc *m, const void *where,
                        shale_error *err)
{
    *out_rows = 0;
    int abi_rc = shale_q__check_model(c, m, err);
    if (abi_rc < 0) return abi_rc;
    begin(c);
    int rc = begin_filtered(c, "DELETE FROM ", m, where);
    if ((rc = built(c, rc, m, err)) < 0) return rc;
    PGresult *res;
    if ((rc = exec(c, &res, err)) < 0) return rc;
    *out_rows = affected(res);
    PQclear(res);
    return 0;
}
