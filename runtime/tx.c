/* tx.c - transactions on a shale_client: BEGIN at depth 0, SAVEPOINT below it, so
 * nested transactions compose and a nested rollback undoes only its own part; and the
 * callback form shale_transaction(), which reruns the whole function when PostgreSQL
 * reports a serialization failure or deadlock (40001 / 40P01).
 */
#include "runtime/runtime_int.h"

#include <stdio.h>
#include <string.h>

int shale_tx_begin(shale_client *c, const shale_tx_options *opts, shale_error *err)
{
    if (!c) return shale_client__fail(NULL, err, SHALE_EINVAL, "no client");
    if (opts && opts->version != SHALE_TX_OPTIONS_VERSION)
        return shale_client__fail(c, err, SHALE_EINVAL, "unsupported shale_tx_options version %u", opts->version);
    char sql[96];
    if (c->tx_depth == 0) {
        static const char *const iso[] = {"", " ISOLATION LEVEL READ COMMITTED", " ISOLATION LEVEL REPEATABLE READ",
                                          " ISOLATION LEVEL SERIALIZABLE"};
        unsigned i = opts ? (unsigned)opts->isolation : 0;
        if (i > SHALE_ISO_SERIALIZABLE)
            return shale_client__fail(c, err, SHALE_EINVAL, "unknown isolation level %u", i);
        snprintf(sql, sizeof sql, "BEGIN%s%s", iso[i], opts && opts->read_only ? " READ ONLY" : "");
    } else {
        snprintf(sql, sizeof sql, "SAVEPOINT shale_sp_%u", c->tx_depth);
    }
    int rc = shale_client__simple(c, sql, err);
    if (rc == 0) c->tx_depth++;
    return rc;
}

int shale_tx_commit(shale_client *c, shale_error *err)
{
    if (!c || c->tx_depth == 0) return shale_client__fail(c, err, SHALE_EINVAL, "no transaction to commit");
    unsigned d = --c->tx_depth;
    if (d > 0) {
        char sql[64];
        snprintf(sql, sizeof sql, "RELEASE SAVEPOINT shale_sp_%u", d);
        int rc = shale_client__simple(c, sql, err);
        if (rc < 0 && c->tx_depth == d && PQstatus(c->conn) == CONNECTION_OK) {
            /* The enclosing transaction failed: undo this level so the caller's
             * rollback of the outer levels still matches. */
            char undo[96];
            snprintf(undo, sizeof undo, "ROLLBACK TO SAVEPOINT shale_sp_%u; RELEASE SAVEPOINT shale_sp_%u", d, d);
            shale_error ignored = SHALE_ERROR_INIT;
            shale_error keep = c->last;
            shale_client__simple(c, undo, &ignored);
            c->last = keep;
        }
        return rc;
    }
    if (!c->conn || PQstatus(c->conn) != CONNECTION_OK)
        return shale_client__fail(c, err, SHALE_ECONN, "connection to the database lost");
    PGresult *res = PQexec(c->conn, "COMMIT");
    c->n_exec++;
    int rc = 0;
    if (!res || PQresultStatus(res) != PGRES_COMMAND_OK) rc = shale_client__fail_result(c, res, err);
    else if (strcmp(PQcmdStatus(res), "ROLLBACK") == 0)
        /* COMMIT of a transaction that had failed: the server rolls it back and says so
         * only in the command tag. */
        rc = shale_client__fail(c, err, SHALE_EDB,
                                "the transaction was rolled back: a statement in it had failed");
    PQclear(res);
    return rc;
}

int shale_tx_rollback(shale_client *c, shale_error *err)
{
    if (!c || c->tx_depth == 0) return shale_client__fail(c, err, SHALE_EINVAL, "no transaction to roll back");
    unsigned d = --c->tx_depth;
    if (d == 0) return shale_client__simple(c, "ROLLBACK", err);
    char sql[96];
    snprintf(sql, sizeof sql, "ROLLBACK TO SAVEPOINT shale_sp_%u; RELEASE SAVEPOINT shale_sp_%u", d, d);
    return shale_client__simple(c, sql, err);
}

unsigned shale_tx_depth(const shale_client *c) { return c ? c->tx_depth : 0; }

int shale_transaction(shale_client *c, const shale_tx_options *opts, int (*fn)(shale_client *c, void *payload),
                      void *payload, shale_error *err)
{
    if (!c || !fn) return shale_client__fail(c, err, SHALE_EINVAL, "no client or function");
    bool outer = c->tx_depth == 0;
    unsigned retries = opts && outer ? opts->max_retries : 0;
    for (unsigned attempt = 0;; attempt++) {
        int rc = shale_tx_begin(c, opts, err);
        if (rc < 0) return rc;
        c->last = (shale_error)SHALE_ERROR_INIT;
        rc = fn(c, payload);
        if (rc == 0) {
            rc = shale_tx_commit(c, err);
            if (rc == 0) return 0;
        } else {
            /* fn's failure is what the caller sees; the rollback's own error only when
             * the connection is gone. */
            shale_error fe = c->last;
            if (fe.code != rc) {
                fe = (shale_error)SHALE_ERROR_INIT;
                fe.code = rc;
                snprintf(fe.message, sizeof fe.message, "the transaction function failed: %s", shale_code_name(rc));
            }
            if (c->tx_depth > 0) {
                shale_error ignored = SHALE_ERROR_INIT;
                shale_tx_rollback(c, &ignored);
            }
            c->last = fe;
            if (err) *err = fe;
        }
        if (rc != SHALE_ESERIALIZE || !outer || attempt >= retries) return rc;
    }
}
