/* cmd_db_push.c - `shale db push` (make the database match the schema, without
 * migration files) and `shale db execute` (run an SQL script). Both run their SQL in
 * one transaction: a failure changes nothing. */
#include "cli.h"
#include "runtime/deploy.h"
#include "compiler/diff.h"
#include "compiler/diff_check.h"
#include "compiler/diff_count.h"
#include "compiler/diff_render.h"
#include "runtime/history.h"
#include "compiler/lower.h"
#include "compiler/schema.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* Runs `sql` in one transaction; prints the error. Returns 0 or -1. */
static int run_sql(const char *cmd, PGconn *conn, const char *what, char *sql, size_t len)
{
    shale_migration m = {0};
    m.name = (char *)what;
    m.path = (char *)what;
    m.sql = sql;
    m.len = len;
    char *err = NULL;
    if (shale_deploy_run_script(conn, &m, &err) != 0) {
        fprintf(stderr, "%s: error: %s\nNothing was changed: the transaction was rolled back.\n", cmd,
                err ? err : "failed");
        free(err);
        return -1;
    }
    return 0;
}

int shale_cmd_db_push(int argc, char **argv)
{
    static const struct option lo[] = {
        {"schema", required_argument, NULL, 's'},   {"url", required_argument, NULL, 'u'},
        {"accept-data-loss", no_argument, NULL, 'a'}, {"force-reset", no_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},           {NULL, 0, NULL, 0},
    };
    const char *cmd = "shale db push", *schema_opt = NULL, *url_opt = NULL;
    bool accept = false, force_reset = false;
    int ch;
    opterr = 0;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "+h", lo, NULL)) != -1) {
        switch (ch) {
        case 's': schema_opt = optarg; break;
        case 'u': url_opt = optarg; break;
        case 'a': accept = true; break;
        case 'f': force_reset = true; break;
        case 'h':
            puts("usage: shale db push [--schema PATH] [--url URL] [--accept-data-loss] [--force-reset]\n"
                 "\n"
                 "Makes the database match the schema directly, without migration files (for prototyping).\n"
                 "Steps that lose data need --accept-data-loss (or a yes on the terminal); steps that\n"
                 "cannot run on the existing rows need --force-reset, which empties the schema first.");
            return SHALE_EXIT_OK;
        default: fprintf(stderr, "%s: error: unknown or incomplete option `%s`\n", cmd, argv[optind - 1]); return SHALE_EXIT_USAGE;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "%s: error: unexpected argument `%s`\n", cmd, argv[optind]);
        return SHALE_EXIT_USAGE;
    }
    const char *path = shale_cli_find_schema(schema_opt);
    if (!path) return SHALE_EXIT_INVALID;
    shale_compilation *c = NULL;
    shale_ir *next = shale_cli_lower_schema(cmd, path, "the database was not changed", &c, NULL);
    PGconn *conn = NULL;
    char *schema = NULL, *err = NULL;
    int status = SHALE_EXIT_INVALID;
    shale_arena arena;
    shale_arena_init(&arena);
    shale_buf sql = SHALE_BUF_INIT;
    if (!next || shale_cli_open_db(cmd, url_opt, path, &conn, &schema) != 0) goto done;
    if (shale_history_lock(conn, 10000, &err) != 0) {
        fprintf(stderr, "%s: error: %s\n", cmd, err);
        goto done;
    }
    if (force_reset) {
        if (shale_cli_reset_schema(cmd, conn, schema) != 0) goto done;
        fprintf(stderr, "The schema \"%s\" was reset.\n", schema);
    }
    shale_ir *prev = NULL;
    shale_diff *d = NULL;
    if (shale_cli_introspect(cmd, conn, schema, &arena, &prev) != 0) goto done;
    /* Both sides in the URL's schema, so tables pair and names are written the same way. */
    if (shale_cli_use_schema(next, schema) != 0) goto done;
    if (shale_diff_compute(&d, prev, next, &arena) != 0) {
        fprintf(stderr, "%s: error: out of memory\n", cmd);
        goto done;
    }
    if (!d->n_steps) {
        printf("The database is already in sync with the schema.\n");
        status = SHALE_EXIT_OK;
        goto done;
    }
    size_t n_warn = 0, n_unexec = 0;
    if (shale_cli_live_checks(cmd, conn, d, &arena, &n_warn, &n_unexec) != 0) goto done;
    if (n_unexec) {
        fprintf(stderr, "%s: error: %zu step%s cannot run on the rows the database has; nothing was changed. "
                        "Use --force-reset to empty the schema \"%s\" first (all its data is lost), or make the "
                        "change in steps (for example add the column as optional, fill it, then make it required).\n",
                cmd, n_unexec, n_unexec == 1 ? "" : "s", schema);
        goto done;
    }
    if (n_warn && !accept && !shale_cli_confirm("These changes can lose data. Apply them?")) {
        fprintf(stderr, "%s: error: the changes above can lose data; nothing was changed. Run again with "
                        "--accept-data-loss to apply them.\n",
                cmd);
        goto done;
    }
    if (shale_diff_render_script(&sql, d) != 0) goto done;
    if (run_sql(cmd, conn, "db push", sql.ptr, sql.len) != 0) goto done;
    printf("Your database is now in sync with the schema (%u step%s).\n", d->n_steps, d->n_steps == 1 ? "" : "s");
    status = SHALE_EXIT_OK;
done:
    if (conn) shale_history_unlock(conn), PQfinish(conn);
    free(schema);
    free(err);
    shale_buf_free(&sql);
    shale_arena_free(&arena);
    shale_compilation_free(c);
    return status;
}

static char *read_stream(FILE *f, size_t *len)
{
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap + 1);
    while (buf) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap) break;
        cap *= 2;
        char *nb = realloc(buf, cap + 1);
        if (!nb) free(buf);
        buf = nb;
    }
    if (buf) buf[n] = '\0', *len = n;
    return buf;
}

int shale_cmd_db_execute(int argc, char **argv)
{
    static const struct option lo[] = {
        {"file", required_argument, NULL, 'f'}, {"stdin", no_argument, NULL, 'i'},
        {"url", required_argument, NULL, 'u'},  {"schema", required_argument, NULL, 's'},
        {"help", no_argument, NULL, 'h'},       {NULL, 0, NULL, 0},
    };
    const char *cmd = "shale db execute", *file = NULL, *url_opt = NULL, *schema_opt = NULL;
    bool use_stdin = false;
    int ch;
    opterr = 0;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "+h", lo, NULL)) != -1) {
        switch (ch) {
        case 'f': file = optarg; break;
        case 'i': use_stdin = true; break;
        case 'u': url_opt = optarg; break;
        case 's': schema_opt = optarg; break;
        case 'h':
            puts("usage: shale db execute (--file PATH | --stdin) [--url URL] [--schema PATH]\n"
                 "\n"
                 "Runs an SQL script on the database in one transaction: if a statement fails, nothing\n"
                 "of the script stays, and the error names the statement's line.");
            return SHALE_EXIT_OK;
        default: fprintf(stderr, "%s: error: unknown or incomplete option `%s`\n", cmd, argv[optind - 1]); return SHALE_EXIT_USAGE;
        }
    }
    if ((file != NULL) == use_stdin || optind < argc) {
        fprintf(stderr, "%s: error: give exactly one of --file PATH and --stdin\n", cmd);
        return SHALE_EXIT_USAGE;
    }
    size_t len = 0;
    FILE *f = file ? fopen(file, "rb") : stdin;
    if (!f) {
        fprintf(stderr, "%s: error: %s: cannot open: %s\n", cmd, file, strerror(errno));
        return SHALE_EXIT_INVALID;
    }
    char *sql = read_stream(f, &len);
    if (file) fclose(f);
    if (!sql) {
        fprintf(stderr, "%s: error: out of memory\n", cmd);
        return SHALE_EXIT_INVALID;
    }
    const char *schema_path = schema_opt ? schema_opt : shale_cli_find_schema_quiet();
    PGconn *conn = NULL;
    int status = SHALE_EXIT_INVALID;
    if (shale_cli_open_db(cmd, url_opt, schema_path, &conn, NULL) == 0 &&
        run_sql(cmd, conn, file ? file : "<stdin>", sql, len) == 0) {
        printf("Script executed successfully.\n");
        status = SHALE_EXIT_OK;
    }
    if (conn) PQfinish(conn);
    free(sql);
    return status;
}
