/* devdb.h - a development PostgreSQL cluster for a project, without Docker: `shale db
 * start|stop|status`. The cluster lives in <project>/.shale/pg (data/ is PGDATA; `port`
 * remembers the private port chosen on first start; server.log is the server's log; the
 * Unix socket sits in the folder too). The server listens on 127.0.0.1 only, with trust
 * authentication, and serves a database named "shale" to the user "postgres".
 *
 * PostgreSQL refuses to run as root: as root, initdb and pg_ctl run as the owner of the
 * cluster folder, which is the `postgres` user for a new cluster. Library code: errors
 * come back as codes and messages, nothing is printed.
 */
#ifndef SHALE_COMPILER_DEVDB_H
#define SHALE_COMPILER_DEVDB_H

#include <stdbool.h>

/* The database `shale db start` creates and its URL names. */
#define SHALE_DEVDB_DATABASE "shale"

/* What is known about a project's cluster. Every string is owned by the struct:
 * release them with shale_devdb_free(). */
typedef struct shale_devdb {
    char *dir;      /* absolute path of the cluster folder, <project>/.shale/pg */
    char *data_dir; /* dir + "/data" */
    char *bin_dir;  /* folder of initdb and pg_ctl; NULL when not needed (status) */
    char *version;  /* the cluster's PostgreSQL major version (data/PG_VERSION); NULL when not created */
    char *url;      /* postgresql://postgres@127.0.0.1:PORT/shale; NULL while no port is chosen */
    int port;       /* 0 while no port is chosen */
    long pid;       /* the postmaster's pid when running, else 0 */
    bool created;   /* data/ holds a cluster */
    bool running;   /* a server is running on data/ */
    bool initialized_now; /* start: initdb ran during this call */
    bool was_running;     /* start/stop: the server was already running before the call */
} shale_devdb;

#define SHALE_DEVDB_INIT {NULL, NULL, NULL, NULL, NULL, 0, 0, false, false, false, false}

/* Releases the strings of `db` and resets it to SHALE_DEVDB_INIT; accepts an empty one. */
void shale_devdb_free(shale_devdb *db);

/* Looks at the cluster of `project_dir` (NULL: the current directory) without changing
 * anything. A missing cluster is not an error (created and running false).
 * Errors: SHALE_EIO (the project folder or the cluster folder cannot be read),
 * SHALE_ENOMEM; *err then holds a message (caller frees with free()).
 * Returns: 0 with *out filled; free it with shale_devdb_free() in every case. */
int shale_devdb_status(shale_devdb *out, const char *project_dir, char **err);

/* Starts the cluster of `project_dir` (NULL: the current directory): creates
 * .shale/pg (and .shale/.gitignore) and runs initdb on first use (UTF8, locale C, trust
 * authentication), picks and records a free port once, runs pg_ctl start -w, then
 * creates the "shale" database when it is missing. Already running is fine
 * (out->was_running). Server programs come from $PG_BIN, else the newest
 * /usr/lib/postgresql/VERSION/bin (the cluster's own version first), else PATH.
 * Errors: SHALE_ENOENT (no server programs, or no `postgres` user as root),
 * SHALE_ETOOL (initdb or pg_ctl failed: *err holds its output and the log's last lines),
 * SHALE_EIO (files or folders), SHALE_ECONN (the started server refused the
 * connection that creates the database), SHALE_ENOMEM; *err then holds a message
 * (caller frees with free()).
 * Returns: 0 with *out describing the running server; free it with shale_devdb_free()
 * in every case. */
int shale_devdb_start(shale_devdb *out, const char *project_dir, char **err);

/* Stops the cluster of `project_dir` (NULL: the current directory) with pg_ctl stop -m
 * fast. Not running, or not created, is fine (out->was_running false).
 * Errors: as shale_devdb_start().
 * Returns: 0 with *out; free it with shale_devdb_free() in every case. */
int shale_devdb_stop(shale_devdb *out, const char *project_dir, char **err);

#endif
