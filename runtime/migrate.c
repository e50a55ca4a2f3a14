/* migrate.c - shale_migrate_deploy(): a program brings its database up to date at
 * start-up with the very code `shale migrate deploy` runs (deploy.c), on the program's
 * own client connection. Only the wording of the outcome is this file's: the result of
 * deploy.c becomes a return code and a shale_error. */
#include "runtime/shale.h"

#include "runtime/buf.h"
#include "runtime/deploy.h"
#include "runtime/migrations.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fail(shale_error *err, int code, const char *message)
{
    if (err) {
        memset(err, 0, sizeof *err);
        err->code = code;
        /* Long messages (a failed migration's statement and PostgreSQL's words) are cut
         * at the struct's size, on a UTF-8 character boundary. */
        size_t n = strlen(message ? message : "");
        if (n >= sizeof err->message) {
            n = sizeof err->message - 1;
            while (n > 0 && ((unsigned char)message[n] & 0xC0) == 0x80) n--;
        }
        if (n) memcpy(err->message, message, n);
        err->message[n] = '\0';
    }
    return code;
}

/* The history table lives in the connection's schema (the URL's ?schema=, as with
 * Prisma); a schema named there that does not exist yet is created, as Prisma's engine
 * does before it writes its history. */
static int ensure_schema(PGconn *conn, shale_error *err)
{
    PGresult *r = PQexec(conn, "SELECT current_schema() IS NULL, split_part(current_setting('search_path'), ',', 1)");
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
        char *m = shale_strfmt("reading the connection's schema: %s", PQresultErrorMessage(r));
        PQclear(r);
        int rc = fail(err, PQstatus(conn) == CONNECTION_OK ? SHALE_EDB : SHALE_ECONN, m ? m : "out of memory");
        free(m);
        return rc;
    }
    bool missing = strcmp(PQgetvalue(r, 0, 0), "t") == 0;
    char *first = strdup(PQgetvalue(r, 0, 1));
    PQclear(r);
    if (!first) return fail(err, SHALE_ENOMEM, "out of memory");
    if (!missing) {
        free(first);
        return SHALE_OK;
    }
    /* search_path holds identifiers as SQL writes them: "My Schema" or app. */
    char *name = first;
    while (*name == ' ') name++;
    size_t len = strlen(name);
    while (len && name[len - 1] == ' ') name[--len] = '\0';
    if (len >= 2 && name[0] == '"' && name[len - 1] == '"') {
        name[len - 1] = '\0';
        name++;
        char *w = name;
        for (char *p = name; *p; p++) {
            *w++ = *p;
            if (p[0] == '"' && p[1] == '"') p++;
        }
        *w = '\0';
    }
    int rc = SHALE_OK;
    if (*name && strcmp(name, "$user") != 0) {
        char *ident = PQescapeIdentifier(conn, name, strlen(name));
        char *sql = ident ? shale_strfmt("CREATE SCHEMA IF NOT EXISTS %s", ident) : NULL;
        PQfreemem(ident);
        if (!sql) {
            rc = fail(err, SHALE_ENOMEM, "out of memory");
        } else {
            r = PQexec(conn, sql);
            if (PQresultStatus(r) != PGRES_COMMAND_OK) {
                char *m = shale_strfmt("creating the schema \"%s\": %s", name, PQresultErrorMessage(r));
                rc = fail(err, PQstatus(conn) == CONNECTION_OK ? SHALE_EDB : SHALE_ECONN, m ? m : "out of memory");
                free(m);
            }
            PQclear(r);
            free(sql);
        }
    }
    free(first);
    return rc;
}

int shale_migrate_deploy(shale_client *c, const char *dir, shale_migrate_report *report, shale_error *err)
{
    if (report) memset(report, 0, sizeof *report);
    if (!c || !dir) return fail(err, SHALE_EINVAL, "shale_migrate_deploy: no client or no migrations folder");
    if (shale_tx_depth(c) > 0)
        return fail(err, SHALE_EINVAL,
                    "shale_migrate_deploy: called inside a transaction; each migration needs a transaction of its own");
    PGconn *conn = (PGconn *)shale_client_pgconn(c);
    if (!conn || PQstatus(conn) != CONNECTION_OK) return fail(err, SHALE_ECONN, "the connection to the database is lost");

    shale_migrations m;
    char *msg = NULL;
    int rc = shale_migrations_read(dir, false, &m, &msg);
    if (rc != SHALE_OK) {
        rc = fail(err, rc == SHALE_ENOMEM ? SHALE_ENOMEM : SHALE_EINVAL, msg ? msg : "cannot read the migrations folder");
        free(msg);
        return rc;
    }
    rc = ensure_schema(conn, err);
    if (rc != SHALE_OK) {
        shale_migrations_free(&m);
        return rc;
    }
    shale_deploy_result res;
    rc = shale_deploy(conn, &m, NULL, NULL, &res);
    if (report) {
        report->n_applied = res.n_applied;
        if (res.n_applied) snprintf(report->last, sizeof report->last, "%s", res.applied[res.n_applied - 1]);
    }
    if (rc != SHALE_OK) {
        /* deploy.c's codes: a failed migration (res.failed) is the database's error;
         * a lost connection is SHALE_ECONN; what stopped the run before anything ran
         * (a failed migration to resolve, a modified one, a broken folder) is EINVAL. */
        int code = rc == SHALE_ENOMEM           ? SHALE_ENOMEM
                   : PQstatus(conn) != CONNECTION_OK ? SHALE_ECONN
                   : res.failed                 ? SHALE_EDB
                   : rc == SHALE_EIO            ? SHALE_EDB
                                                : SHALE_EINVAL;
        rc = fail(err, code, res.error ? res.error : "migrate deploy failed");
    }
    shale_deploy_result_free(&res);
    shale_migrations_free(&m);
    return rc;
}
