/* client.c - the shale_client: one libpq connection opened from a Prisma URL (through
 * pg_conn.c), the session settings decoding relies on (UTC, ISO dates, hex bytea,
 * round-trip floats, the URL's schema as search_path), the statement cache (each
 * distinct SQL text PQprepare'd once per connection and then run with PQexecPrepared)
 * and the mapping of PostgreSQL errors to SHALE_E* codes.
 */
#include "runtime/pg_conn.h"
#include "runtime/runtime_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *shale_code_name(int code)
{
    switch (code) {
    case SHALE_OK: return "ok";
    case SHALE_ENOMEM: return "out of memory";
    case SHALE_EIO: return "input/output error";
    case SHALE_EINVAL: return "invalid argument";
    case SHALE_ENOTFOUND: return "record not found";
    case SHALE_ENOENT: return "not found";
    case SHALE_ECONN: return "connection error";
    case SHALE_ETOOL: return "tool failed";
    case SHALE_EUNIQUE: return "unique violation";
    case SHALE_EFOREIGN: return "foreign key violation";
    case SHALE_ENOTNULL: return "not-null violation";
    case SHALE_ECHECK: return "check violation";
    case SHALE_ESERIALIZE: return "serialization failure";
    case SHALE_EDB: return "database error";
    default: return "unknown error";
    }
}

static void copy_field(char *dst, size_t size, const char *src)
{
    snprintf(dst, size, "%s", src ? src : "");
}

int shale_client__fail(shale_client *c, shale_error *err, int code, const char *fmt, ...)
{
    shale_error e = SHALE_ERROR_INIT;
    e.code = code;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(e.message, sizeof e.message, fmt, ap);
    va_end(ap);
    /* A long message (a failed migration's statement and PostgreSQL's words) is cut at
     * the struct's size, on a UTF-8 character boundary. */
    if (n >= (int)sizeof e.message) {
        size_t k = sizeof e.message - 1;
        while (k > 0 && ((unsigned char)e.message[k] & 0xC0) == 0x80) k--;
        e.message[k] = '\0';
    }
    if (c) c->last = e;
    if (err) *err = e;
    return code;
}

/* libpq's messages on one line: newlines and tabs become single spaces, trailing
 * ones go. */
static void trim(char *s)
{
    char *o = s;
    for (const char *p = s; *p; p++) {
        char ch = *p == '\n' || *p == '\r' || *p == '\t' ? ' ' : *p;
        if (ch == ' ' && (o == s || o[-1] == ' ')) continue;
        *o++ = ch;
    }
    while (o > s && o[-1] == ' ') o--;
    *o = '\0';
}

int shale_client__fail_result(shale_client *c, const PGresult *res, shale_error *err)
{
    shale_error e = SHALE_ERROR_INIT;
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    bool lost = c && c->conn && PQstatus(c->conn) == CONNECTION_BAD;
    copy_field(e.sqlstate, sizeof e.sqlstate, state);
    copy_field(e.constraint, sizeof e.constraint, res ? PQresultErrorField(res, PG_DIAG_CONSTRAINT_NAME) : NULL);
    copy_field(e.column, sizeof e.column, res ? PQresultErrorField(res, PG_DIAG_COLUMN_NAME) : NULL);
    const char *primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    if (!primary && res) primary = PQresultErrorMessage(res);
    if ((!primary || !*primary) && c && c->conn) primary = PQerrorMessage(c->conn);
    copy_field(e.message, sizeof e.message, primary && *primary ? primary : "no result from the server");
    trim(e.message);

    if (!state || !*state) e.code = lost || !res ? SHALE_ECONN : SHALE_EDB;
    else if (strcmp(state, "23505") == 0) e.code = SHALE_EUNIQUE;
    else if (strcmp(state, "23503") == 0) e.code = SHALE_EFOREIGN;
    else if (strcmp(state, "23502") == 0) e.code = SHALE_ENOTNULL;
    else if (strcmp(state, "23514") == 0) e.code = SHALE_ECHECK;
    else if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0) e.code = SHALE_ESERIALIZE;
    else if (lost || strncmp(state, "08", 2) == 0 || strcmp(state, "57P01") == 0 || strcmp(state, "57P02") == 0 ||
             strcmp(state, "57P03") == 0)
        e.code = SHALE_ECONN;
    else e.code = SHALE_EDB;

    if (e.code == SHALE_EUNIQUE) {
        /* Prisma's P2002 names the fields: take them from "Key (a, b)=(...) already
         * exists." (the values stay out of the message). */
        const char *detail = PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL);
        const char *k = detail ? strstr(detail, "Key (") : NULL;
        const char *end = k ? strstr(k, ")=(") : NULL;
        if (k && end)
            snprintf(e.message, sizeof e.message, "unique constraint failed on (%.*s)%s%s%s", (int)(end - k - 5), k + 5,
                     e.constraint[0] ? " (constraint \"" : "", e.constraint, e.constraint[0] ? "\")" : "");
        else
            snprintf(e.message, sizeof e.message, "unique constraint failed%s%s%s",
                     e.constraint[0] ? " (constraint \"" : "", e.constraint, e.constraint[0] ? "\")" : "");
    } else if (e.code == SHALE_ECONN) {
        char msg[sizeof e.message];
        snprintf(msg, sizeof msg, "connection to the database lost: %.200s", e.message);
        memcpy(e.message, msg, sizeof msg);
    }
    if (e.code == SHALE_ECONN && c) c->tx_depth = 0;
    if (c) c->last = e;
    if (err) *err = e;
    return e.code;
}

void shale_sql__ident(shale_buf *b, const char *name)
{
    shale_buf_putc(b, '"');
    for (const char *p = name; *p; p++) {
        if (*p == '"') shale_buf_putc(b, '"');
        shale_buf_putc(b, *p);
    }
    shale_buf_putc(b, '"');
}

int shale_client_open(shale_client **out, const char *url, const shale_client_options *opts, shale_error *err)
{
    *out = NULL;
    if (opts && opts->version != SHALE_CLIENT_OPTIONS_VERSION)
        return shale_client__fail(NULL, err, SHALE_EINVAL, "unsupported shale_client_options version %u",
                                  opts->version);
    shale_client *c = calloc(1, sizeof *c);
    if (!c) return shale_client__fail(NULL, err, SHALE_ENOMEM, "out of memory");
    char *msg = NULL, *schema = NULL;
    int rc = shale_pg_connect(url, &c->conn, &msg);
    if (rc < 0) {
        shale_client__fail(NULL, err, rc, "%s", msg ? msg : "out of memory");
        free(msg);
        free(c);
        return rc;
    }
    c->no_prepare = opts && opts->no_prepare;
    if (shale_pg_url_schema(url, &schema) < 0) {
        shale_client_close(c);
        return shale_client__fail(NULL, err, SHALE_ENOMEM, "out of memory");
    }
    /* Decoding relies on these: timestamps in UTC and ISO form, bytea in hex, floats
     * printed exactly (PostgreSQL 12+ does by default; older ones need 3). */
    shale_buf_puts(&c->scratch, "");
    shale_sql__ident(&c->scratch, schema);
    c->schema = schema;
    shale_params__reset(&c->params);
    shale_params__add_text(&c->params, c->scratch.ptr ? c->scratch.ptr : "\"public\"");
    /* Without opts->application_name, the URL's (or libpq's fallback "shale") stays. */
    if (opts && opts->application_name) shale_params__add_text(&c->params, opts->application_name);
    else shale_params__add_null(&c->params);
    c->scratch.len = 0;
    rc = c->params.text.oom ? SHALE_ENOMEM : 0;
    if (rc == 0) {
        const char *sql = "SELECT set_config('search_path', $1, false), set_config('application_name', coalesce($2, current_setting('application_name')), false), "
                          "set_config('TimeZone', 'UTC', false), set_config('DateStyle', 'ISO, YMD', false), "
                          "set_config('bytea_output', 'hex', false), set_config('extra_float_digits', '3', false), "
                          "set_config('IntervalStyle', 'postgres', false)";
        bool np = c->no_prepare;
        c->no_prepare = true; /* not worth a prepared statement */
        rc = shale_client__exec(c, sql, &c->params, NULL, err);
        c->no_prepare = np;
    }
    if (rc < 0) {
        shale_client_close(c);
        return rc;
    }
    c->n_exec = 0;
    *out = c;
    return 0;
}

void shale_client_close(shale_client *c)
{
    if (!c) return;
    if (c->conn) PQfinish(c->conn); /* an open transaction is rolled back by the server */
    for (size_t i = 0; i < c->cap_stmts; i++) free(c->stmts[i].sql);
    free(c->stmts);
    shale_buf_free(&c->sql);
    shale_buf_free(&c->scratch);
    shale_params__free(&c->params);
    free(c->schema);
    free(c);
}

struct pg_conn *shale_client_pgconn(shale_client *c) { return c ? c->conn : NULL; }

uint64_t shale_client__n_exec(const shale_client *c) { return c->n_exec; }

/* FNV-1a, 64 bits: SQL texts and keys are short, and the tables are per call or per
 * connection. */
uint64_t shale_client__hash(const char *s, size_t n)
{
    uint64_t h = UINT64_C(1469598103934665603);
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= UINT64_C(1099511628211);
    }
    return h;
}

static int cache_grow(shale_client *c)
{
    size_t cap = c->cap_stmts ? c->cap_stmts * 2 : 64;
    shale_stmt *t = calloc(cap, sizeof *t);
    if (!t) return SHALE_ENOMEM;
    for (size_t i = 0; i < c->cap_stmts; i++) {
        shale_stmt *s = &c->stmts[i];
        if (!s->sql) continue;
        size_t j = (size_t)s->hash & (cap - 1);
        while (t[j].sql) j = (j + 1) & (cap - 1);
        t[j] = *s;
    }
    free(c->stmts);
    c->stmts = t;
    c->cap_stmts = cap;
    return 0;
}

/* The cached statement for `sql`, or a new slot (sql NULL) to fill. */
static shale_stmt *cache_find(shale_client *c, const char *sql, size_t len, uint64_t h)
{
    size_t j = (size_t)h & (c->cap_stmts - 1);
    for (;;) {
        shale_stmt *s = &c->stmts[j];
        if (!s->sql) return s;
        if (s->hash == h && s->len == len && memcmp(s->sql, sql, len) == 0) return s;
        j = (j + 1) & (c->cap_stmts - 1);
    }
}

int shale_client__exec(shale_client *c, const char *sql, shale_params *p, PGresult **out, shale_error *err)
{
    if (out) *out = NULL;
    if (!c->conn || PQstatus(c->conn) != CONNECTION_OK) {
        c->tx_depth = 0;
        return shale_client__fail(c, err, SHALE_ECONN, "connection to the database lost");
    }
    int n = 0;
    const char *const *vals = NULL;
    if (p) {
        if (p->text.oom) return shale_client__fail(c, err, SHALE_ENOMEM, "out of memory");
        for (size_t i = 0; i < p->n; i++) p->vals[i] = p->off[i] == SIZE_MAX ? NULL : p->text.ptr + p->off[i];
        n = (int)p->n;
        vals = p->vals;
    }
    PGresult *res;
    if (c->no_prepare) {
        res = PQexecParams(c->conn, sql, n, NULL, vals, NULL, NULL, 0);
    } else {
        if (c->n_stmts * 2 >= c->cap_stmts && cache_grow(c) < 0)
            return shale_client__fail(c, err, SHALE_ENOMEM, "out of memory");
        size_t len = strlen(sql);
        uint64_t h = shale_client__hash(sql, len);
        shale_stmt *s = cache_find(c, sql, len, h);
        char name[32];
        if (!s->sql) {
            char *copy = malloc(len + 1);
            if (!copy) return shale_client__fail(c, err, SHALE_ENOMEM, "out of memory");
            memcpy(copy, sql, len + 1);
            unsigned id = ++c->next_stmt;
            snprintf(name, sizeof name, "shale_%u", id);
            PGresult *pr = PQprepare(c->conn, name, sql, 0, NULL);
            if (!pr || PQresultStatus(pr) != PGRES_COMMAND_OK) {
                int rc = shale_client__fail_result(c, pr, err);
                PQclear(pr);
                free(copy);
                return rc;
            }
            PQclear(pr);
            s->sql = copy;
            s->len = len;
            s->hash = h;
            s->id = id;
            c->n_stmts++;
        } else {
            snprintf(name, sizeof name, "shale_%u", s->id);
        }
        res = PQexecPrepared(c->conn, name, n, vals, NULL, NULL, 0);
        const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
        if (state && c->tx_depth == 0 &&
            (strcmp(state, "26000") == 0 || strcmp(state, "0A000") == 0)) {
            /* The statement is gone (DEALLOCATE / DISCARD ALL behind our back) or its
             * result type changed (a migration altered the table): prepare it again
             * under a new name and retry once. Inside a transaction the failure has
             * already aborted it, so the caller sees the error instead. */
            PQclear(res);
            c->n_exec++;
            char dealloc[48];
            snprintf(dealloc, sizeof dealloc, "DEALLOCATE %s", name);
            PQclear(PQexec(c->conn, dealloc)); /* fails harmlessly when it is gone */
            s->id = ++c->next_stmt;
            snprintf(name, sizeof name, "shale_%u", s->id);
            PGresult *pr = PQprepare(c->conn, name, sql, 0, NULL);
            if (!pr || PQresultStatus(pr) != PGRES_COMMAND_OK) {
                int rc = shale_client__fail_result(c, pr, err);
                PQclear(pr);
                return rc;
            }
            PQclear(pr);
            res = PQexecPrepared(c->conn, name, n, vals, NULL, NULL, 0);
        }
    }
    c->n_exec++;
    ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
        int rc = shale_client__fail_result(c, res, err);
        PQclear(res);
        return rc;
    }
    if (out) *out = res;
    else PQclear(res);
    return 0;
}

int shale_client__simple(shale_client *c, const char *sql, shale_error *err)
{
    if (!c->conn || PQstatus(c->conn) != CONNECTION_OK) {
        c->tx_depth = 0;
        return shale_client__fail(c, err, SHALE_ECONN, "connection to the database lost");
    }
    PGresult *res = PQexec(c->conn, sql);
    c->n_exec++;
    int rc = 0;
    if (!res || PQresultStatus(res) != PGRES_COMMAND_OK) rc = shale_client__fail_result(c, res, err);
    PQclear(res);
    return rc;
}
