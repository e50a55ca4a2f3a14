/* test_runtime_migrate.c - shale_migrate_deploy(), libshale's start-up call, against the
 * test PostgreSQL (SHALE_TEST_DATABASE_URL, set by tests/run.sh): pending migrations
 * are applied and recorded, a rerun applies nothing, a failing migration is rolled back
 * and recorded and then blocks the next call, a ?schema= URL gets its schema, and bad
 * calls (inside a transaction, no folder) are refused. Without a server it fails, as
 * house style rule 21 asks: a missing server is not a skip. */
#include "runtime/shale.h"
#include "tap.h"

#include <libpq-fe.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *base_url;
static char tmpdir[64];

/* base_url with its database replaced by `db` and `query` appended ("" for none). */
static void url_for(char *out, size_t n, const char *db, const char *query)
{
    const char *q = strchr(base_url, '?');
    size_t end = q ? (size_t)(q - base_url) : strlen(base_url);
    size_t slash = end;
    while (slash > 0 && base_url[slash - 1] != '/') slash--;
    snprintf(out, n, "%.*s%s%s", (int)slash, base_url, db, query);
}

static long query_long(PGconn *c, const char *sql)
{
    PGresult *r = PQexec(c, sql);
    long v = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) ? atol(PQgetvalue(r, 0, 0)) : -1;
    if (PQresultStatus(r) != PGRES_TUPLES_OK) printf("# %s: %s", sql, PQresultErrorMessage(r));
    PQclear(r);
    return v;
}

static bool exec_ok(PGconn *c, const char *sql)
{
    PGresult *r = PQexec(c, sql);
    bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    if (!ok) printf("# %s: %s", sql, PQresultErrorMessage(r));
    PQclear(r);
    return ok;
}

static void write_file(const char *dir, const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f) return;
    fputs(text, f);
    fclose(f);
}

static void add_migration(const char *folder, const char *name, const char *sql)
{
    char dir[512];
    snprintf(dir, sizeof dir, "%s/%s", folder, name);
    mkdir(dir, 0755);
    write_file(dir, "migration.sql", sql);
}

int main(void)
{
    base_url = getenv("SHALE_TEST_DATABASE_URL");
    if (!base_url || !*base_url) {
        CHECK(false, "SHALE_TEST_DATABASE_URL names the test server (tests/run.sh sets it)");
        return TAP_DONE();
    }
    PGconn *admin = PQconnectdb(base_url);
    if (PQstatus(admin) != CONNECTION_OK) {
        CHECK(false, "connect to the test server: %s", PQerrorMessage(admin));
        PQfinish(admin);
        return TAP_DONE();
    }
    char db[64], sql[256], url[512];
    snprintf(db, sizeof db, "shale_rt_migrate_%ld", (long)getpid());
    snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS \"%s\"", db);
    exec_ok(admin, sql);
    snprintf(sql, sizeof sql, "CREATE DATABASE \"%s\"", db);
    CHECK(exec_ok(admin, sql), "a fresh database");

    snprintf(tmpdir, sizeof tmpdir, "/tmp/shale-rt-migrate-XXXXXX");
    CHECK(mkdtemp(tmpdir) != NULL, "a temporary migrations folder");
    char folder[128];
    snprintf(folder, sizeof folder, "%s/migrations", tmpdir);
    mkdir(folder, 0755);
    write_file(folder, "migration_lock.toml", "provider = \"postgresql\"\n");
    add_migration(folder, "20240101000000_init",
                  "-- CreateTable\nCREATE TABLE \"User\" (\n    \"id\" SERIAL NOT NULL,\n    \"email\" TEXT NOT NULL,\n"
                  "    CONSTRAINT \"User_pkey\" PRIMARY KEY (\"id\")\n);\n");
    add_migration(folder, "20240102000000_email_key",
                  "-- CreateIndex\nCREATE UNIQUE INDEX \"User_email_key\" ON \"User\"(\"email\");\n");

    url_for(url, sizeof url, db, "");
    shale_error err = SHALE_ERROR_INIT;
    shale_client *c = NULL;
    int rc = shale_client_open(&c, url, NULL, &err);
    CHECK(rc == 0 && c, "open a client (%d: %s)", rc, err.message);
    if (!c) goto out;
    PGconn *pg = shale_client_pgconn(c);

    shale_migrate_report rep;
    rc = shale_migrate_deploy(c, folder, &rep, &err);
    CHECK(rc == 0, "pending migrations are applied (%d: %s)", rc, err.message);
    CHECK(rep.n_applied == 2 && strcmp(rep.last, "20240102000000_email_key") == 0, "the report names 2 applied, the last "
          "one by name (%zu, %s)", rep.n_applied, rep.last);
    CHECK(query_long(pg, "SELECT count(*) FROM _prisma_migrations WHERE finished_at IS NOT NULL") == 2,
          "both are recorded in _prisma_migrations");
    CHECK(query_long(pg, "SELECT count(*) FROM pg_indexes WHERE indexname = 'User_email_key'") == 1,
          "the second migration's index exists");

    rc = shale_migrate_deploy(c, folder, &rep, &err);
    CHECK(rc == 0 && rep.n_applied == 0, "a second call applies nothing (%d, %zu)", rc, rep.n_applied);

    add_migration(folder, "20240103000000_broken",
                  "-- AlterTable\nALTER TABLE \"User\" ADD COLUMN \"name\" TEXT;\n\n-- CreateTable\n"
                  "CREATE TABLE \"Post\" (\"id\" INTEGER REFERENCES \"Nope\"(\"id\"));\n");
    memset(&err, 0, sizeof err);
    rc = shale_migrate_deploy(c, folder, &rep, &err);
    CHECK(rc == SHALE_EDB, "a failing migration returns SHALE_EDB (%d)", rc);
    CHECK(err.code == SHALE_EDB && strstr(err.message, "20240103000000_broken/migration.sql:5") != NULL,
          "the message names the file and line of the failing statement: %s", err.message);
    CHECK(strstr(err.message, "Nope") != NULL, "and PostgreSQL's reason");
    CHECK(query_long(pg, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'User' AND "
                         "column_name = 'name'") == 0,
          "the failed migration's first statement is rolled back");
    CHECK(query_long(pg, "SELECT count(*) FROM _prisma_migrations WHERE migration_name = '20240103000000_broken' AND "
                         "finished_at IS NULL AND logs LIKE '%Nope%'") == 1,
          "the failure is recorded with its log");
    rc = shale_migrate_deploy(c, folder, &rep, &err);
    CHECK(rc == SHALE_EINVAL && strstr(err.message, "`20240103000000_broken`") != NULL &&
              strstr(err.message, "migrate resolve --rolled-back 20240103000000_broken") != NULL,
          "the next call is refused until the failure is resolved, and says how (%d: %s)", rc, err.message);

    CHECK(shale_tx_begin(c, NULL, &err) == 0, "begin a transaction");
    rc = shale_migrate_deploy(c, folder, &rep, &err);
    CHECK(rc == SHALE_EINVAL, "shale_migrate_deploy inside a transaction is refused (%d)", rc);
    CHECK(shale_tx_rollback(c, &err) == 0, "roll it back");

    char missing[300];
    snprintf(missing, sizeof missing, "%s/does-not-exist", tmpdir);
    rc = shale_migrate_deploy(c, missing, &rep, &err);
    CHECK(rc == SHALE_EINVAL && strstr(err.message, "does-not-exist") != NULL,
          "a missing folder is refused, naming it (%d: %s)", rc, err.message);
    shale_client_close(c);
    c = NULL;

    /* ?schema=app: the schema is created and the history lives in it. */
    char folder2[128];
    snprintf(folder2, sizeof folder2, "%s/m2", tmpdir);
    mkdir(folder2, 0755);
    add_migration(folder2, "20240101000000_init", "CREATE TABLE \"Thing\" (\"id\" INTEGER PRIMARY KEY);\n");
    url_for(url, sizeof url, db, "?schema=app");
    rc = shale_client_open(&c, url, NULL, &err);
    CHECK(rc == 0, "open a client on ?schema=app (%d: %s)", rc, err.message);
    if (!c) goto out;
    rc = shale_migrate_deploy(c, folder2, &rep, &err);
    CHECK(rc == 0 && rep.n_applied == 1, "deploy into a schema that did not exist (%d: %s)", rc, err.message);
    pg = shale_client_pgconn(c);
    CHECK(query_long(pg, "SELECT count(*) FROM pg_tables WHERE schemaname = 'app' AND tablename IN ('Thing', "
                         "'_prisma_migrations')") == 2,
          "the table and the history are in schema app");
    shale_client_close(c);
    c = NULL;

out:
    shale_client_close(c);
    snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS \"%s\"", db);
    exec_ok(admin, sql);
    PQfinish(admin);
    char cmd[320];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0) printf("# could not remove %s\n", tmpdir);
    return TAP_DONE();
}
