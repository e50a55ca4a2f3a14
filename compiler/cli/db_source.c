/* db_source.c - schema states that live in a database, for the commands that compare
 * states: a live database (introspected), and a migrations folder replayed into a
 * shadow database and introspected there. Errors are printed here, prefixed with the
 * command's name. */
#include "cli.h"
#include "runtime/deploy.h"
#include "compiler/diff_check.h"
#include "compiler/diff_count.h"
#include "compiler/introspect.h"
#include "runtime/migrations.h"
#include "runtime/pg_conn.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int shale_cli_connect(const char *cmd, const char *url, PGconn **conn, char **schema)
{
    char *err = NULL;
    *conn = NULL;
    if (schema) *schema = NULL;
    if (shale_pg_connect(url, conn, &err) != 0) {
        fprintf(stderr, "%s: error: %s\n", cmd, err ? err : "cannot connect");
        free(err);
        return -1;
    }
    char *s = NULL;
    if (shale_pg_url_schema(url, &s) != 0) {
        fprintf(stderr, "%s: error: out of memory\n", cmd);
        PQfinish(*conn);
        *conn = NULL;
        return -1;
    }
    /* Notices (CREATE ... IF NOT EXISTS skipping) are not for the person at the terminal. */
    PQclear(PQexec(*conn, "SET client_min_messages = warning"));
    /* The engine works in the URL's schema (?schema=, default public), as Prisma's. */
    char *ident = PQescapeIdentifier(*conn, s, strlen(s));
    char *sql = ident ? malloc(strlen(ident) + 24) : NULL;
    if (sql) {
        sprintf(sql, "SET search_path TO %s", ident);
        PQclear(PQexec(*conn, sql));
    }
    free(sql);
    PQfreemem(ident);
    if (schema) *schema = s;
    else free(s);
    return 0;
}

int shale_cli_introspect(const char *cmd, PGconn *conn, const char *schema, shale_arena *arena, shale_ir **out)
{
    char *err = NULL;
    shale_str ns = {schema, strlen(schema)};
    if (shale_introspect(conn, &ns, 1, ns, arena, out, &err) != 0) {
        fprintf(stderr, "%s: error: reading the database's schema: %s\n", cmd, err ? err : "out of memory");
        free(err);
        return -1;
    }
    return 0;
}

int shale_cli_reset_schema(const char *cmd, PGconn *conn, const char *schema)
{
    char *ident = PQescapeIdentifier(conn, schema, strlen(schema));
    char *sql = ident ? malloc(2 * strlen(ident) + 64) : NULL;
    int rc = -1;
    if (sql) {
        sprintf(sql, "DROP SCHEMA IF EXISTS %s CASCADE; CREATE SCHEMA %s", ident, ident);
        PGresult *r = PQexec(conn, sql);
        if (PQresultStatus(r) == PGRES_COMMAND_OK) rc = 0;
        else fprintf(stderr, "%s: error: resetting the schema \"%s\": %s", cmd, schema, PQresultErrorMessage(r));
        PQclear(r);
    }
    free(sql);
    PQfreemem(ident);
    return rc;
}

int shale_cli_replay_into(const char *cmd, const shale_migrations *m, PGconn *conn, const char *schema,
                          shale_arena *arena, shale_ir **out)
{
    /* The shadow database is shale's to wipe: start from an empty schema. */
    if (shale_cli_reset_schema(cmd, conn, schema) != 0) return -1;
    char *err = NULL;
    for (size_t i = 0; i < m->n; i++) {
        if (shale_deploy_run_script(conn, &m->items[i], &err) != 0) {
            fprintf(stderr, "%s: error: migration `%s` failed to apply cleanly to the shadow database:\n%s\n", cmd,
                    m->items[i].name, err ? err : "");
            free(err);
            return -1;
        }
    }
    return shale_cli_introspect(cmd, conn, schema, arena, out);
}

int shale_cli_replay(const char *cmd, const char *dir, const char *shadow_url, shale_arena *arena, shale_ir **out)
{
    shale_migrations m;
    char *err = NULL;
    if (shale_migrations_read(dir, false, &m, &err) != 0) {
        fprintf(stderr, "%s: error: %s\n", cmd, err ? err : "cannot read the migrations folder");
        free(err);
        return -1;
    }
    PGconn *conn = NULL;
    char *schema = NULL;
    int rc = shale_cli_connect(cmd, shadow_url, &conn, &schema);
    if (rc == 0) rc = shale_cli_replay_into(cmd, &m, conn, schema, arena, out);
    free(schema);
    if (conn) PQfinish(conn);
    shale_migrations_free(&m);
    return rc;
}

int shale_cli_open_db(const char *cmd, const char *url_opt, const char *schema_path, PGconn **conn, char **schema)
{
    char *url = NULL, *source = NULL, *err = NULL;
    *conn = NULL;
    if (shale_pg_find_url(url_opt, schema_path, &url, &source, &err) != 0) {
        fprintf(stderr, "%s: error: %s\n", cmd, err ? err : "no database URL");
        free(err);
        return -1;
    }
    int rc = shale_cli_connect(cmd, url, conn, schema);
    if (rc == 0) {
        char *shown = shale_pg_redact_url(url);
        fprintf(stderr, "Database: %s, schema \"%s\" (URL from %s)\n", shown ? shown : "?",
                schema && *schema ? *schema : "public", source ? source : "?");
        free(shown);
    }
    free(url);
    free(source);
    return rc;
}

bool shale_cli_confirm(const char *question)
{
    if (!isatty(STDIN_FILENO) || !isatty(STDERR_FILENO)) return false;
    fprintf(stderr, "%s [y/N] ", question);
    fflush(stderr);
    char line[16];
    if (!fgets(line, sizeof line, stdin)) return false;
    return line[0] == 'y' || line[0] == 'Y';
}

const char *shale_cli_find_schema_quiet(void)
{
    static const char *const places[] = {"schema.prisma", "prisma/schema.prisma"};
    for (size_t i = 0; i < 2; i++)
        if (access(places[i], R_OK) == 0) return places[i];
    return NULL;
}

int shale_cli_live_checks(const char *cmd, PGconn *conn, const shale_diff *d, shale_arena *arena, size_t *n_warn,
                          size_t *n_unexec)
{
    shale_check *checks = NULL;
    uint32_t n = 0;
    *n_warn = *n_unexec = 0;
    int64_t *rows = NULL, *values = NULL;
    char *err = NULL;
    if (shale_diff_checks(d, arena, &checks, &n) != 0 ||
        !(rows = shale_arena_alloc(arena, ((size_t)n + 1) * sizeof *rows)) ||
        !(values = shale_arena_alloc(arena, ((size_t)n + 1) * sizeof *values))) {
        fprintf(stderr, "%s: error: out of memory\n", cmd);
        return -1;
    }
    if (shale_diff_count(conn, d, checks, n, rows, values, &err) != 0) {
        fprintf(stderr, "%s: error: %s\n", cmd, err ? err : "counting rows failed");
        free(err);
        return -1;
    }
    shale_buf msg = SHALE_BUF_INIT;
    for (uint32_t i = 0; i < n; i++) {
        msg.len = 0;
        if (!shale_check_message(&msg, d, &checks[i], rows[i], values[i])) continue;
        bool unexec = shale_check_is_unexecutable(checks[i].kind);
        if (*n_warn + *n_unexec == 0) fprintf(stderr, "What these changes do to the rows the database has:\n");
        fprintf(stderr, "  %s %.*s\n", unexec ? "• cannot run:" : "•", (int)msg.len, msg.ptr);
        if (unexec) ++*n_unexec;
        else ++*n_warn;
    }
    shale_buf_free(&msg);
    return 0;
}

int shale_cli_use_schema(shale_ir *ir, const char *schema)
{
    /* A single-schema project lives wherever the URL says (?schema=): its lowered IR
     * calls that namespace "public", so it is renamed to compare with the database's. */
    if (!schema || strcmp(schema, "public") == 0 || ir->n_namespaces != 1 ||
        !shale_str_same(ir->namespaces[0].name, (shale_str){"public", 6}))
        return 0;
    size_t n = strlen(schema);
    char *copy = shale_arena_strndup(ir->arena, schema, n);
    if (!copy) return -1;
    ir->namespaces[0].name = (shale_str){copy, n};
    ir->default_namespace = ir->namespaces[0].name;
    return 0;
}

int shale_cli_ensure_schema(const char *cmd, PGconn *conn, const char *schema)
{
    /* As Prisma's engine does before it writes its history: a URL naming a schema that
     * does not exist yet (?schema=app on a new database) gets it. */
    if (!schema) return 0;
    char *ident = PQescapeIdentifier(conn, schema, strlen(schema));
    char *sql = ident ? malloc(strlen(ident) + 40) : NULL;
    int rc = -1;
    if (sql) {
        sprintf(sql, "CREATE SCHEMA IF NOT EXISTS %s", ident);
        PGresult *r = PQexec(conn, sql);
        if (PQresultStatus(r) == PGRES_COMMAND_OK) rc = 0;
        else fprintf(stderr, "%s: error: creating the schema \"%s\": %s", cmd, schema, PQresultErrorMessage(r));
        PQclear(r);
    }
    free(sql);
    PQfreemem(ident);
    return rc;
}

char *shale_cli_migrations_dir(const char *opt, const char *schema)
{
    if (opt) return strdup(opt);
    const char *slash = schema ? strrchr(schema, '/') : NULL;
    if (!slash) return strdup("migrations");
    size_t n = (size_t)(slash - schema);
    char *d = malloc(n + sizeof "/migrations");
    if (d) memcpy(d, schema, n), memcpy(d + n, "/migrations", sizeof "/migrations");
    return d;
}
