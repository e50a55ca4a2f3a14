/* migrate.c - shale_migrate_deploy(): a program brings its database up to date at
 * start-up with the very code `shale migrate deploy` runs (deploy.c), on the program's
 * own client connection. Only the wording of the outcome is this file's: the result of
 * deploy.c becomes a return code and a shale_error. */
#include "runtime/shale.h"

#include "runtime/buf.h"
#include "runtime/deploy.h"
#include "runtime/migrations.h"
#include "runtime/runtime_int.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The history table lives in the URL's schema (?schema=, as with Prisma; the client's
 * search path); a schema named there that does not exist yet is created, as Prisma's
 * engine does before it writes its history. */
static int ensure_schema(shale_client *c, shale_error *err)
{
    PGconn *conn = c->conn;
    /* Asked first: CREATE SCHEMA IF NOT EXISTS on an existing one makes the server send
     * a notice, which libpq prints on the program's stderr. */
    const char *params[1] = {c->schema};
    PGresult *r = PQexecParams(conn, "SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = $1", 1, NULL, params,
                               NULL, NULL, 0);
    bool exists = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1;
    PQclear(r);
    if (exists) return SHALE_OK;
    char *ident = PQescapeIdentifier(conn, c->schema, strlen(c->schema));
    char *sql = ident ? shale_strfmt("CREATE SCHEMA IF NOT EXISTS %s", ident) : NULL;
    PQfreemem(ident);
    if (!sql) return shale_client__fail(c, err, SHALE_ENOMEM, "out of memory");
    r = PQexec(conn, sql);
    free(sql);
    int rc = SHALE_OK;
    if (PQresultStatus(r) != PGRES_COMMAND_OK) {
        char *m = shale_strfmt("creating the schema \"%s\": %s", c->schema, PQresultErrorMessage(r));
        rc = shale_client__fail(c, err, PQstatus(conn) == CONNECTION_OK ? SHALE_EDB : SHALE_ECONN, "%s",
                                m ? m : "out of memory");
        free(m);
    }
    PQclear(r);
    return rc;
}

int shale_migrate_deploy(shale_client *c, const char *dir, shale_migrate_report *report, shale_error *err)
{
    if (report) memset(report, 0, sizeof *report);
    if (!c || !dir)
        return shale_client__fail(c, err, SHALE_EINVAL, "shale_migrate_deploy: no client or no migrations folder");
    if (shale_tx_depth(c) > 0)
        return shale_client__fail(c, err, SHALE_EINVAL,
                    "shale_migrate_deploy: called inside a transaction; each migration needs a transaction of its own");
    PGconn *conn = c->conn;
    if (!conn || PQstatus(conn) != CONNECTION_OK)
        return shale_client__fail(c, err, SHALE_ECONN, "the connection to the database is lost");

    shale_migrations m;
    char *msg = NULL;
    int rc = shale_migrations_read(dir, false, &m, &msg);
    if (rc != SHALE_OK) {
        rc = shale_client__fail(c, err, rc == SHALE_ENOMEM ? SHALE_ENOMEM : SHALE_EINVAL, "%s",
                                msg ? msg : "cannot read the migrations folder");
        free(msg);
        return rc;
    }
    rc = ensure_schema(c, err);
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
        rc = shale_client__fail(c, err, code, "%s", res.error ? res.error : "migrate deploy failed");
    }
    shale_deploy_result_free(&res);
    shale_migrations_free(&m);
    return rc;
}
