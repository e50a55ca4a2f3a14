/* history.c - `_prisma_migrations` (see history.h). The DDL and the row lifecycle are
 * Prisma's (../shared/design/MIGRATE-DETAIL.md section 5), with one difference that
 * keeps the history truthful: shale writes a migration's row in the same transaction
 * as the migration, so a deploy killed half-way leaves neither the migration nor a
 * row, and a migration that fails is recorded as failed after its changes are rolled
 * back. */
#include "history.h"

#include "runtime/shale_code.h"

#include <openssl/rand.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static char *pg_error(const char *what, PGconn *conn, const PGresult *r)
{
    const char *msg = r ? PQresultErrorMessage(r) : PQerrorMessage(conn);
    if (!msg || !*msg) msg = PQerrorMessage(conn);
    size_t n = strlen(what) + strlen(msg) + 4;
    char *s = malloc(n);
    if (s) {
        snprintf(s, n, "%s: %s", what, msg);
        size_t l = strlen(s);
        while (l && (s[l - 1] == '\n' || s[l - 1] == ' ')) s[--l] = '\0';
    }
    return s;
}

static int exec_ok(PGconn *conn, const char *sql, const char *what, char **err)
{
    PGresult *r = PQexec(conn, sql);
    ExecStatusType st = PQresultStatus(r);
    int rc = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK ? SHALE_OK : SHALE_EIO;
    if (rc != SHALE_OK) *err = pg_error(what, conn, r);
    PQclear(r);
    return rc;
}

int shale_history_lock(PGconn *conn, int timeout_ms, char **err)
{
    /* Polls pg_try_advisory_lock: a plain pg_advisory_lock cannot time out without
     * changing the session's lock_timeout. */
    struct timespec start, now, pause = {0, 100 * 1000 * 1000};
    clock_gettime(CLOCK_MONOTONIC, &start);
    char sql[64];
    snprintf(sql, sizeof sql, "SELECT pg_try_advisory_lock(%d)", SHALE_MIGRATE_LOCK_KEY);
    for (;;) {
        PGresult *r = PQexec(conn, sql);
        if (PQresultStatus(r) != PGRES_TUPLES_OK) {
            *err = pg_error("taking the migration lock", conn, r);
            PQclear(r);
            return SHALE_EIO;
        }
        bool got = PQgetvalue(r, 0, 0)[0] == 't';
        PQclear(r);
        if (got) return SHALE_OK;
        clock_gettime(CLOCK_MONOTONIC, &now);
        long waited = (now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000;
        if (waited >= timeout_ms) {
            char buf[256];
            snprintf(buf, sizeof buf,
                     "timed out after %d ms waiting for the migration lock (pg_advisory_lock(%d)): another "
                     "`shale migrate` or `prisma migrate` is running on this database",
                     timeout_ms, SHALE_MIGRATE_LOCK_KEY);
            *err = strdup(buf);
            return SHALE_EIO;
        }
        nanosleep(&pause, NULL);
    }
}

void shale_history_unlock(PGconn *conn)
{
    char sql[64];
    snprintf(sql, sizeof sql, "SELECT pg_advisory_unlock(%d)", SHALE_MIGRATE_LOCK_KEY);
    PQclear(PQexec(conn, sql));
}

int shale_history_create(PGconn *conn, char **err)
{
    /* Prisma's DDL byte for byte (the column order and types are what it reads). */
    return exec_ok(conn,
                   "CREATE TABLE IF NOT EXISTS _prisma_migrations (\n"
                   "    id                      VARCHAR(36) PRIMARY KEY NOT NULL,\n"
                   "    checksum                VARCHAR(64) NOT NULL,\n"
                   "    finished_at             TIMESTAMPTZ,\n"
                   "    migration_name          VARCHAR(255) NOT NULL,\n"
                   "    logs                    TEXT,\n"
                   "    rolled_back_at          TIMESTAMPTZ,\n"
                   "    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),\n"
                   "    applied_steps_count     INTEGER NOT NULL DEFAULT 0\n"
                   ")",
                   "creating the migration history table _prisma_migrations", err);
}

void shale_history_free(shale_history *h)
{
    for (size_t i = 0; i < h->n; i++) {
        free(h->rows[i].id);
        free(h->rows[i].checksum);
        free(h->rows[i].name);
        free(h->rows[i].logs);
        free(h->rows[i].started_at);
    }
    free(h->rows);
    memset(h, 0, sizeof *h);
}

int shale_history_read(PGconn *conn, shale_history *out, char **err)
{
    memset(out, 0, sizeof *out);
    PGresult *r = PQexec(conn, "SELECT to_regclass('_prisma_migrations') IS NOT NULL");
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
        *err = pg_error("looking for the migration history table", conn, r);
        PQclear(r);
        return SHALE_EIO;
    }
    out->exists = PQgetvalue(r, 0, 0)[0] == 't';
    PQclear(r);
    if (!out->exists) return SHALE_OK;
    r = PQexec(conn, "SELECT id, checksum, migration_name, logs, started_at::text, finished_at IS NOT NULL, "
                     "rolled_back_at IS NOT NULL, applied_steps_count FROM _prisma_migrations ORDER BY started_at, id");
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
        *err = pg_error("reading the migration history (_prisma_migrations)", conn, r);
        PQclear(r);
        return SHALE_EIO;
    }
    int n = PQntuples(r);
    out->rows = calloc((size_t)n + 1, sizeof *out->rows);
    if (!out->rows) {
        PQclear(r);
        return SHALE_ENOMEM;
    }
    for (int i = 0; i < n; i++) {
        shale_history_row *row = &out->rows[i];
        row->id = strdup(PQgetvalue(r, i, 0));
        row->checksum = strdup(PQgetvalue(r, i, 1));
        row->name = strdup(PQgetvalue(r, i, 2));
        row->logs = PQgetisnull(r, i, 3) ? NULL : strdup(PQgetvalue(r, i, 3));
        row->started_at = strdup(PQgetvalue(r, i, 4));
        row->finished = PQgetvalue(r, i, 5)[0] == 't';
        row->rolled_back = PQgetvalue(r, i, 6)[0] == 't';
        row->applied_steps = atoi(PQgetvalue(r, i, 7));
        out->n++;
        if (!row->id || !row->checksum || !row->name || !row->started_at) {
            PQclear(r);
            shale_history_free(out);
            return SHALE_ENOMEM;
        }
    }
    PQclear(r);
    return SHALE_OK;
}

const shale_history_row *shale_history_find(const shale_history *h, const char *name)
{
    const shale_history_row *found = NULL;
    for (size_t i = 0; i < h->n; i++)
        if (!h->rows[i].rolled_back && strcmp(h->rows[i].name, name) == 0) found = &h->rows[i];
    return found; /* the latest */
}

shale_migration_status shale_history_status(const shale_history *h, const shale_migration *m)
{
    const shale_history_row *row = shale_history_find(h, m->name);
    if (!row) return SHALE_MIGRATION_PENDING;
    if (!row->finished) return SHALE_MIGRATION_FAILED;
    return shale_checksum_matches(m, row->checksum) ? SHALE_MIGRATION_APPLIED : SHALE_MIGRATION_MODIFIED;
}

/* A random (version 4) UUID, as Prisma's ids are. */
static int uuid4(char out[37])
{
    unsigned char b[16];
    if (RAND_bytes(b, sizeof b) != 1) return -1;
    b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
    b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
    snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1], b[2], b[3],
             b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
    return 0;
}

int shale_history_insert_init(shale_history_insert *q, const shale_migration *m, bool applied, int steps,
                              const char *logs, char **err)
{
    if (uuid4(q->id) != 0) {
        *err = strdup("no random bytes for the history row's id (OpenSSL RAND_bytes failed)");
        return SHALE_EIO;
    }
    snprintf(q->steps, sizeof q->steps, "%d", steps);
    q->params[0] = q->id;
    q->params[1] = m->checksum;
    q->params[2] = m->name;
    q->params[3] = logs;
    q->params[4] = q->steps;
    /* started_at is the transaction's start (now()), finished_at the moment of the
     * insert, which is the end of the migration's statements. */
    q->sql = applied ? "INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, logs, "
                       "started_at, applied_steps_count) VALUES ($1, $2, clock_timestamp(), $3, $4, now(), $5)"
                     : "INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, logs, "
                       "started_at, applied_steps_count) VALUES ($1, $2, NULL, $3, $4, now(), $5)";
    return SHALE_OK;
}

int shale_history_record(PGconn *conn, const shale_migration *m, bool applied, int steps, const char *logs,
                         char **err)
{
    shale_history_insert q;
    if (shale_history_insert_init(&q, m, applied, steps, logs, err) != SHALE_OK) return SHALE_EIO;
    PGresult *r = PQexecParams(conn, q.sql, 5, NULL, q.params, NULL, NULL, 0);
    int rc = PQresultStatus(r) == PGRES_COMMAND_OK ? SHALE_OK : SHALE_EIO;
    if (rc != SHALE_OK) *err = pg_error("recording the migration in _prisma_migrations", conn, r);
    PQclear(r);
    return rc;
}

int shale_history_mark_rolled_back(PGconn *conn, const char *name, char **err)
{
    const char *params[1] = {name};
    PGresult *r = PQexecParams(conn,
                               "UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = $1 AND "
                               "finished_at IS NULL AND rolled_back_at IS NULL",
                               1, NULL, params, NULL, NULL, 0);
    int rc = PQresultStatus(r) == PGRES_COMMAND_OK ? SHALE_OK : SHALE_EIO;
    if (rc != SHALE_OK) *err = pg_error("marking the migration rolled back", conn, r);
    PQclear(r);
    return rc;
}
