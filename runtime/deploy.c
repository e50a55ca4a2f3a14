/* deploy.c - applying pending migrations (see deploy.h). Each migration's statements
 * are sent one at a time inside one transaction, so an error names its statement and
 * line; the script's own BEGIN/COMMIT (Prisma writes them around an enum swap) are
 * skipped, since the whole migration is one transaction already. */
#include "deploy.h"

#include "runtime/buf.h"
#include "runtime/shale_code.h"
#include "sql_split.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void shale_deploy_result_free(shale_deploy_result *res)
{
    for (size_t i = 0; i < res->n_applied; i++) free(res->applied[i]);
    free(res->applied);
    free(res->failed);
    free(res->error);
    memset(res, 0, sizeof *res);
}

int shale_deploy_check_script(const shale_migration *m, char **err)
{
    shale_stmt *st = NULL;
    size_t n = 0;
    *err = NULL;
    if (shale_sql_split(m->sql, m->len, &st, &n, NULL) < 0) {
        *err = strdup("out of memory");
        return SHALE_ENOMEM;
    }
    int rc = SHALE_OK;
    for (size_t i = 0; i < n && rc == SHALE_OK; i++) {
        char head[64];
        shale_sql_stmt_head(m->sql, &st[i], head, sizeof head);
        if (st[i].kind == SHALE_STMT_NO_TRANSACTION) {
            *err = shale_strfmt("%s:%u: `%s` cannot run inside a transaction, and shale applies each migration in one "
                          "transaction so that a failure leaves nothing half-done; put it in a migration of its own "
                          "without it, or run it by hand (`shale db execute`) and record the migration with "
                          "`shale migrate resolve --applied %s`",
                          m->path, st[i].line, head, m->name);
            rc = SHALE_EINVAL;
        } else if (st[i].kind == SHALE_STMT_ROLLBACK) {
            *err = shale_strfmt("%s:%u: `%s` would undo the migration half-way; shale applies each migration in one "
                          "transaction and rolls it back by itself when a statement fails",
                          m->path, st[i].line, head);
            rc = SHALE_EINVAL;
        }
    }
    free(st);
    return rc;
}

/* The line of a 1-based character position inside a statement. */
static unsigned error_line(const char *text, const shale_stmt *s, const char *position)
{
    unsigned line = s->line;
    long pos = position ? strtol(position, NULL, 10) : 0;
    long chars = 0;
    for (size_t i = 0; i < s->len && chars < pos - 1; i++) {
        unsigned char c = (unsigned char)text[s->offset + i];
        if ((c & 0xC0) != 0x80) chars++;
        if (c == '\n') line++;
    }
    return line;
}

/* PostgreSQL's error with its detail and hint, one per line. */
static char *describe_error(const PGresult *r, PGconn *conn)
{
    const char *primary = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    if (!primary) {
        const char *m = PQerrorMessage(conn);
        char *s = strdup(m && *m ? m : "unknown error");
        if (s) {
            size_t l = strlen(s);
            while (l && (s[l - 1] == '\n' || s[l - 1] == ' ')) s[--l] = '\0';
        }
        return s;
    }
    const char *code = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    const char *detail = PQresultErrorField(r, PG_DIAG_MESSAGE_DETAIL);
    const char *hint = PQresultErrorField(r, PG_DIAG_MESSAGE_HINT);
    return shale_strfmt("%s%s%s%s%s%s%s%s", primary, code ? " (SQLSTATE " : "", code ? code : "", code ? ")" : "",
                  detail ? "\nDETAIL: " : "", detail ? detail : "", hint ? "\nHINT: " : "", hint ? hint : "");
}

static bool exec_simple(PGconn *conn, const char *sql)
{
    PGresult *r = PQexec(conn, sql);
    bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    PQclear(r);
    return ok;
}

/* What went wrong in a script: the failing statement's line and head, and
 * PostgreSQL's words. */
typedef struct script_error {
    unsigned line;
    char head[64];
    char *why;      /* malloc'd */
    bool conn_lost; /* the connection is gone (the server rolls the transaction back) */
} script_error;

/* Runs the statements of `m` one by one on an open transaction, skipping its own
 * transaction control. Returns: 0, SHALE_ENOMEM, or SHALE_EIO with *e filled. */
static int run_statements(PGconn *conn, const shale_migration *m, script_error *e)
{
    shale_stmt *st = NULL;
    size_t n = 0;
    memset(e, 0, sizeof *e);
    if (shale_sql_split(m->sql, m->len, &st, &n, NULL) < 0) return SHALE_ENOMEM;
    int rc = SHALE_OK;
    for (size_t i = 0; i < n && rc == SHALE_OK; i++) {
        if (st[i].kind == SHALE_STMT_TRANSACTION) continue;
        char *sql = strndup(m->sql + st[i].offset, st[i].len);
        if (!sql) {
            rc = SHALE_ENOMEM;
            break;
        }
        PGresult *r = PQexec(conn, sql);
        free(sql);
        ExecStatusType status = PQresultStatus(r);
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
            shale_sql_stmt_head(m->sql, &st[i], e->head, sizeof e->head);
            e->line = error_line(m->sql, &st[i], r ? PQresultErrorField(r, PG_DIAG_STATEMENT_POSITION) : NULL);
            e->why = describe_error(r, conn);
            e->conn_lost = PQstatus(conn) != CONNECTION_OK;
            rc = SHALE_EIO;
        }
        PQclear(r);
    }
    free(st);
    return rc;
}

int shale_deploy_run_script(PGconn *conn, const shale_migration *m, char **err)
{
    *err = NULL;
    if (!exec_simple(conn, "BEGIN")) {
        *err = shale_strfmt("%s: could not start a transaction: %s", m->path, PQerrorMessage(conn));
        return SHALE_EIO;
    }
    script_error e;
    int rc = run_statements(conn, m, &e);
    if (rc == SHALE_OK && !exec_simple(conn, "COMMIT")) {
        *err = shale_strfmt("%s: COMMIT failed: %s", m->path, PQerrorMessage(conn));
        return SHALE_EIO;
    }
    if (rc != SHALE_OK) {
        if (!e.conn_lost) exec_simple(conn, "ROLLBACK");
        *err = rc == SHALE_ENOMEM ? strdup("out of memory")
                                  : shale_strfmt("%s:%u: `%s` failed:\n%s", m->path, e.line, e.head, e.why ? e.why : "");
        free(e.why);
    }
    return rc;
}

/* A failed statement: roll back, record the failure with its log, and say so. */
static int report_failure(PGconn *conn, const shale_migration *m, script_error *e, shale_deploy_result *res)
{
    res->failed = strdup(m->name);
    res->failed_line = e->line;
    if (e->conn_lost) {
        res->error = shale_strfmt("%s:%u: the connection to the database was lost while running `%s` (%s). The server "
                                  "rolls back the open transaction, so migration `%s` was not applied and nothing was "
                                  "recorded; run the deploy again when the database is back",
                                  m->path, e->line, e->head, e->why ? e->why : "", m->name);
        return SHALE_EIO;
    }
    exec_simple(conn, "ROLLBACK");
    char *logs = shale_strfmt("%s:%u: %s\n%s", m->path, e->line, e->head, e->why ? e->why : "");
    char *rec_err = NULL;
    bool recorded = shale_history_record(conn, m, false, 0, logs, &rec_err) == SHALE_OK;
    if (recorded)
        res->error = shale_strfmt("%s:%u: migration `%s` failed at `%s`:\n%s\nIts changes were rolled back: the "
                                  "database is as it was before this migration. The failure is recorded in "
                                  "_prisma_migrations; after fixing the migration, run `shale migrate resolve "
                                  "--rolled-back %s` and deploy again.",
                                  m->path, e->line, m->name, e->head, e->why ? e->why : "", m->name);
    else
        res->error = shale_strfmt("%s:%u: migration `%s` failed at `%s`:\n%s\nIts changes were rolled back; "
                                  "recording the failure failed too: %s",
                                  m->path, e->line, m->name, e->head, e->why ? e->why : "", rec_err ? rec_err : "");
    free(logs);
    free(rec_err);
    return SHALE_EIO;
}

/* What one query of a migration's pipeline is. */
enum { Q_BEGIN = -1, Q_HISTORY = -2, Q_COMMIT = -3 };

/* Sends BEGIN, the migration's statements, its history row and COMMIT as one libpq
 * pipeline: one round trip per migration instead of one per statement (the server's
 * own work is most of what is left). Results come back in order, so a failure is still
 * tied to its statement and line; after a failed query the server skips the rest up to
 * the sync, and the transaction is rolled back. Returns: 0 or an error with res filled. */
static int apply_one(PGconn *conn, const shale_migration *m, shale_deploy_result *res)
{
    shale_stmt *st = NULL;
    size_t n = 0;
    if (shale_sql_split(m->sql, m->len, &st, &n, NULL) < 0) {
        res->error = strdup("out of memory");
        return SHALE_ENOMEM;
    }
    char *rec_err = NULL;
    shale_history_insert hist;
    if (shale_history_insert_init(&hist, m, true, 1, NULL, &rec_err) != SHALE_OK) {
        free(st);
        res->error = rec_err;
        return SHALE_EIO;
    }
    /* The order of the queries sent: Q_* or a statement's index. */
    long *sent = malloc((n + 3) * sizeof *sent);
    if (!sent || !PQenterPipelineMode(conn)) {
        free(sent);
        free(st);
        res->error = sent ? shale_strfmt("could not start applying migration `%s`: %s", m->name, PQerrorMessage(conn))
                          : strdup("out of memory");
        return sent ? SHALE_EIO : SHALE_ENOMEM;
    }
    size_t n_sent = 0;
    bool send_ok = PQsendQueryParams(conn, "BEGIN", 0, NULL, NULL, NULL, NULL, 0) == 1;
    sent[n_sent++] = Q_BEGIN;
    for (size_t i = 0; i < n && send_ok; i++) {
        if (st[i].kind == SHALE_STMT_TRANSACTION) continue;
        char *sql = strndup(m->sql + st[i].offset, st[i].len);
        send_ok = sql && PQsendQueryParams(conn, sql, 0, NULL, NULL, NULL, NULL, 0) == 1;
        free(sql);
        sent[n_sent++] = (long)i;
    }
    if (send_ok) {
        send_ok = PQsendQueryParams(conn, hist.sql, 5, NULL, hist.params, NULL, NULL, 0) == 1;
        sent[n_sent++] = Q_HISTORY;
    }
    if (send_ok) {
        send_ok = PQsendQueryParams(conn, "COMMIT", 0, NULL, NULL, NULL, NULL, 0) == 1;
        sent[n_sent++] = Q_COMMIT;
    }
    if (send_ok) send_ok = PQpipelineSync(conn) == 1;

    /* Read every result up to the sync; remember the first failure. */
    long failed = 0;
    bool any_failed = false;
    script_error e;
    memset(&e, 0, sizeof e);
    for (size_t k = 0; k < n_sent && send_ok; k++) {
        PGresult *r = PQgetResult(conn);
        if (!r) {
            send_ok = false;
            break;
        }
        ExecStatusType status = PQresultStatus(r);
        if (!any_failed && status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_PIPELINE_ABORTED) {
            any_failed = true;
            failed = sent[k];
            if (failed >= 0) {
                const shale_stmt *s = &st[failed];
                shale_sql_stmt_head(m->sql, s, e.head, sizeof e.head);
                e.line = error_line(m->sql, s, PQresultErrorField(r, PG_DIAG_STATEMENT_POSITION));
            }
            e.why = describe_error(r, conn);
        }
        PQclear(r);
        while ((r = PQgetResult(conn)) != NULL) PQclear(r); /* the end of this query's results */
    }
    if (send_ok) {
        PGresult *r = PQgetResult(conn);
        send_ok = r && PQresultStatus(r) == PGRES_PIPELINE_SYNC;
        PQclear(r);
    }
    if (!send_ok || PQstatus(conn) != CONNECTION_OK) {
        /* The connection went away: the server rolls the open transaction back. */
        if (!any_failed) {
            any_failed = true;
            failed = Q_COMMIT;
            free(e.why);
            e.why = describe_error(NULL, conn);
        }
        e.conn_lost = true;
    }
    if (PQstatus(conn) == CONNECTION_OK) PQexitPipelineMode(conn);
    free(sent);

    int rc = SHALE_OK;
    if (any_failed && failed >= 0) {
        rc = report_failure(conn, m, &e, res);
    } else if (any_failed && failed == Q_BEGIN) {
        res->error = shale_strfmt("could not start the transaction for migration `%s`: %s", m->name, e.why ? e.why : "");
        rc = SHALE_EIO;
    } else if (any_failed && failed == Q_HISTORY) {
        if (PQstatus(conn) == CONNECTION_OK) exec_simple(conn, "ROLLBACK");
        res->error = shale_strfmt("migration `%s` ran, but recording it in _prisma_migrations failed: %s; it was rolled "
                                  "back", m->name, e.why ? e.why : "");
        rc = SHALE_EIO;
    } else if (any_failed) {
        if (PQstatus(conn) == CONNECTION_OK) exec_simple(conn, "ROLLBACK");
        res->error = shale_strfmt("committing migration `%s` failed: %s%s", m->name, e.why ? e.why : "",
                                  e.conn_lost ? "; the connection was lost during COMMIT, so whether it was applied is "
                                                "unknown: check with `shale migrate status`"
                                              : "");
        rc = SHALE_EIO;
    }
    free(e.why);
    free(st);
    return rc;
}

static int count_tables(PGconn *conn, long *n, char **err)
{
    PGresult *r = PQexec(conn, "SELECT count(*) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON "
                               "n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') "
                               "AND c.relname <> '_prisma_migrations'");
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
        *err = shale_strfmt("looking at the database's tables: %s", PQresultErrorMessage(r));
        PQclear(r);
        return SHALE_EIO;
    }
    *n = atol(PQgetvalue(r, 0, 0));
    PQclear(r);
    return SHALE_OK;
}

/* Everything that must hold before the first migration runs. */
static int preflight(PGconn *conn, const shale_migrations *m, const shale_history *h, shale_deploy_result *res)
{
    for (size_t i = 0; i < h->n; i++) {
        const shale_history_row *row = &h->rows[i];
        if (row->finished || row->rolled_back) continue;
        res->error = shale_strfmt("migration `%s` (started at %s) failed%s%s\nNo migration was applied. Fix the database "
                            "if the migration left something behind, then run `shale migrate resolve --rolled-back %s` "
                            "to deploy a corrected version, or `shale migrate resolve --applied %s` if you applied it "
                            "by hand",
                            row->name, row->started_at, row->logs && *row->logs ? " with:\n" : "",
                            row->logs ? row->logs : "", row->name, row->name);
        return SHALE_EINVAL;
    }
    bool any_row = false;
    for (size_t i = 0; i < h->n; i++) any_row |= !h->rows[i].rolled_back;
    if (!any_row && m->n) {
        long tables = 0;
        char *err = NULL;
        if (count_tables(conn, &tables, &err) != SHALE_OK) {
            res->error = err;
            return SHALE_EIO;
        }
        if (tables > 0) {
            res->error = shale_strfmt("the database schema is not empty (%ld tables) but has no migration history, so "
                                "shale cannot know which migrations it already has. If it was made by these "
                                "migrations, record them without running them: `shale migrate resolve --applied %s` "
                                "(for each one already there), then deploy",
                                tables, m->items[0].name);
            return SHALE_EINVAL;
        }
    }
    for (size_t i = 0; i < m->n; i++) {
        if (shale_history_status(h, &m->items[i]) != SHALE_MIGRATION_PENDING) continue;
        char *err = NULL;
        if (shale_deploy_check_script(&m->items[i], &err) != SHALE_OK) {
            res->error = err;
            return SHALE_EINVAL;
        }
    }
    return SHALE_OK;
}

int shale_deploy(PGconn *conn, const shale_migrations *m, shale_deploy_progress progress, void *ctx,
                 shale_deploy_result *res)
{
    memset(res, 0, sizeof *res);
    char *err = NULL;
    if (shale_history_lock(conn, 10000, &err) != SHALE_OK) {
        res->error = err;
        return SHALE_EIO;
    }
    shale_history h;
    int rc = shale_history_read(conn, &h, &err);
    if (rc != SHALE_OK) {
        res->error = err ? err : strdup("out of memory");
        shale_history_unlock(conn);
        return rc;
    }
    rc = preflight(conn, m, &h, res);
    if (rc == SHALE_OK && !h.exists && shale_history_create(conn, &err) != SHALE_OK) {
        res->error = err;
        rc = SHALE_EIO;
    }
    if (rc == SHALE_OK) res->applied = calloc(m->n + 1, sizeof *res->applied);
    if (rc == SHALE_OK && !res->applied) rc = SHALE_ENOMEM;
    for (size_t i = 0; i < m->n && rc == SHALE_OK; i++) {
        const shale_migration *mig = &m->items[i];
        if (shale_history_status(&h, mig) != SHALE_MIGRATION_PENDING) continue;
        if (progress) progress(ctx, mig);
        rc = apply_one(conn, mig, res);
        if (rc == SHALE_OK) res->applied[res->n_applied++] = strdup(mig->name);
    }
    shale_history_free(&h);
    if (PQstatus(conn) == CONNECTION_OK) shale_history_unlock(conn);
    if (rc == SHALE_ENOMEM && !res->error) res->error = strdup("out of memory");
    return rc;
}
