/* history.h - the migration history in the database: Prisma's `_prisma_migrations`
 * table (same columns, same checksums, same advisory lock), so shale and Prisma can
 * take turns on one database and each sees the other's history.
 *
 * A row is applied when finished_at is set and rolled_back_at is not; failed when
 * neither is set; rolled back when rolled_back_at is set (it then no longer counts).
 *
 * Memory: a shale_history owns its rows (shale_history_free()); error messages are
 * malloc'd and freed by the caller. Nothing here keeps the connection.
 */
#ifndef SHALE_RUNTIME_HISTORY_H
#define SHALE_RUNTIME_HISTORY_H

#include "migrations.h"

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>

/* Prisma's advisory lock key: the same, so a shale and a Prisma deploy never interleave. */
#define SHALE_MIGRATE_LOCK_KEY 72707369

typedef struct shale_history_row {
    char *id, *checksum, *name, *logs; /* logs NULL when the column is NULL */
    char *started_at;                  /* as PostgreSQL prints it */
    bool finished, rolled_back;
    int applied_steps;
} shale_history_row;

typedef struct shale_history {
    bool exists; /* the table is there */
    shale_history_row *rows; /* by started_at */
    size_t n;
} shale_history;

/* Takes the migration lock for this session, waiting up to `timeout_ms`.
 * Returns: 0, or SHALE_EIO with *err (a timeout says another deploy holds it). */
int shale_history_lock(PGconn *conn, int timeout_ms, char **err);
void shale_history_unlock(PGconn *conn);

/* Reads the history; a missing table is an empty history with exists == false.
 * Returns: 0, SHALE_EIO with *err, or SHALE_ENOMEM. */
int shale_history_read(PGconn *conn, shale_history *out, char **err);
void shale_history_free(shale_history *h);

/* Creates the table if it is missing (Prisma's DDL, in the connection's schema). */
int shale_history_create(PGconn *conn, char **err);

/* The applied or failed (not rolled back) row of migration `name`, or NULL. */
const shale_history_row *shale_history_find(const shale_history *h, const char *name);

/* What the folder and the history say together. */
typedef enum shale_migration_status {
    SHALE_MIGRATION_PENDING,
    SHALE_MIGRATION_APPLIED,
    SHALE_MIGRATION_MODIFIED, /* applied, but the file changed since */
    SHALE_MIGRATION_FAILED,
} shale_migration_status;

shale_migration_status shale_history_status(const shale_history *h, const shale_migration *m);

/* The INSERT of a migration's history row, ready to send (deploy pipelines it with the
 * migration's statements). `params` point into the struct itself and into `m`/`logs`:
 * valid while those are and the struct is not moved. */
typedef struct shale_history_insert {
    const char *sql;
    const char *params[5];
    char id[37];
    char steps[16];
} shale_history_insert;

/* Fills `q` for a row that is applied (finished at the time of the insert, `steps`
 * applied steps) or failed (with `logs`, may be NULL).
 * Returns: 0, or SHALE_EIO when there are no random bytes for the id (*err says so). */
int shale_history_insert_init(shale_history_insert *q, const shale_migration *m, bool applied, int steps,
                              const char *logs, char **err);

/* Inserts a row for a migration as shale_history_insert_init() describes. Runs in
 * whatever transaction the connection is in. */
int shale_history_record(PGconn *conn, const shale_migration *m, bool applied, int steps, const char *logs,
                         char **err);

/* Marks the failed row(s) of `name` rolled back. */
int shale_history_mark_rolled_back(PGconn *conn, const char *name, char **err);

#endif
