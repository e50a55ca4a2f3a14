/* migrations.h - a migrations folder as Prisma lays it out:
 *
 *     migrations/
 *       migration_lock.toml          provider = "postgresql"
 *       20240115120000_init/migration.sql
 *       20240116093005_add_posts/migration.sql
 *
 * Migrations are the sub-folders, applied in byte order of their names; each one's
 * checksum is the SHA-256 of its migration.sql (lower-case hex), as Prisma records it
 * in `_prisma_migrations`. The whole folder is read and checked before anything is
 * applied, so a broken folder (a sub-folder without migration.sql, an unreadable or
 * empty file, a lock file for another provider) is reported and nothing runs.
 *
 * Memory: a shale_migrations owns everything in it; release with shale_migrations_free().
 */
#ifndef SHALE_RUNTIME_MIGRATIONS_H
#define SHALE_RUNTIME_MIGRATIONS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct shale_migration {
    char *name;        /* the folder name, e.g. "20240115120000_init" */
    char *path;        /* its migration.sql */
    char *sql;         /* the file's bytes, NUL-terminated */
    size_t len;
    char checksum[65]; /* SHA-256 of the bytes, lower-case hex */
} shale_migration;

typedef struct shale_migrations {
    char *dir;
    shale_migration *items; /* by name */
    size_t n;
    char *lock_provider;    /* from migration_lock.toml; NULL when the file is absent */
} shale_migrations;

/* Reads `dir`. A folder that does not exist reads as no migrations when `may_be_missing`.
 * Returns: 0, or SHALE_EIO / SHALE_EINVAL / SHALE_ENOMEM with *err (malloc'd, caller
 * frees) naming the file and the problem; *out is then empty. */
int shale_migrations_read(const char *dir, bool may_be_missing, shale_migrations *out, char **err);

void shale_migrations_free(shale_migrations *m);

/* SHA-256 of `len` bytes as 64 lower-case hex digits and a NUL (OpenSSL's digest).
 * Returns: 0, or -1 when the digest is not available. */
int shale_sha256_hex(const void *data, size_t len, char out[65]);

/* Whether a recorded checksum matches the file as Prisma decides: the file as it is,
 * with CRLF turned into LF, or LF into CRLF (files that went through a Windows
 * checkout), also in the old form without zero padding of each byte. */
bool shale_checksum_matches(const shale_migration *m, const char *recorded);

#endif
