/* deploy.h - applying pending migrations to a database (`shale migrate deploy`, and
 * the same call a program makes at start-up to bring its database up to date).
 *
 * Guarantees:
 *  - one deploy at a time: Prisma's advisory lock is held for the whole run, so two
 *    shale deploys, or shale and Prisma, never interleave;
 *  - all or nothing per migration: each migration runs in one transaction together
 *    with its history row; on an error the transaction is rolled back (the database
 *    is exactly as before that migration), the failure is recorded with PostgreSQL's
 *    message, and the run stops; a deploy killed or cut off half-way leaves the
 *    migration unapplied and unrecorded;
 *  - nothing runs when the folder is broken, a migration is recorded as failed (it
 *    must be resolved first), an applied migration's file was changed, or a pending
 *    migration holds a statement that cannot run inside a transaction.
 *
 * Memory: results and messages are malloc'd and released with shale_deploy_result_free();
 * the connection stays the caller's.
 */
#ifndef SHALE_RUNTIME_DEPLOY_H
#define SHALE_RUNTIME_DEPLOY_H

#include "history.h"
#include "migrations.h"

#include <libpq-fe.h>

typedef struct shale_deploy_result {
    size_t n_applied;   /* migrations applied by this run */
    char **applied;     /* their names */
    /* When a migration failed: its name, the line of the failing statement in its
     * migration.sql (0 when unknown) and PostgreSQL's message. */
    char *failed;
    unsigned failed_line;
    char *error;        /* what went wrong, for a person (also set when nothing ran) */
} shale_deploy_result;

/* Called before each migration is applied (may be NULL). */
typedef void (*shale_deploy_progress)(void *ctx, const shale_migration *m);

/* Applies the pending migrations of `m` in order.
 * Returns: 0 (everything pending is applied), or SHALE_EIO / SHALE_EINVAL with
 * res->error set (res->failed when a migration's SQL failed). */
int shale_deploy(PGconn *conn, const shale_migrations *m, shale_deploy_progress progress, void *ctx,
                 shale_deploy_result *res);

void shale_deploy_result_free(shale_deploy_result *res);

/* Checks that every statement of `sql` can run in the migration's transaction; on a
 * problem *err names the file, line and statement. Returns: 0 or SHALE_EINVAL. */
int shale_deploy_check_script(const shale_migration *m, char **err);

/* Runs the statements of `m` in one transaction, without the history (replaying a
 * folder into a shadow database, `db execute`). On an error the transaction is rolled
 * back and *err names the file, line, statement and PostgreSQL's reason.
 * Returns: 0, SHALE_EIO or SHALE_ENOMEM. */
int shale_deploy_run_script(PGconn *conn, const shale_migration *m, char **err);

#endif
