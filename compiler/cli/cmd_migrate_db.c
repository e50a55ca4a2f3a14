/* cmd_migrate_db.c - the `shale migrate` subcommands that talk to a database:
 * deploy (apply pending migrations), status (compare the folder with the history)
 * and resolve (record a failed migration as rolled back, or a migration as applied
 * without running it). The work is done by compiler/deploy.c and history.c; this
 * file finds the folder and the URL, prints, and picks exit codes. */
#include "cli.h"
#include "runtime/deploy.h"
#include "runtime/history.h"
#include "runtime/migrations.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct target {
    const char *schema;    /* the schema file found, or NULL */
    char *migrations;      /* the folder */
    PGconn *conn;
} target;

static void target_free(target *t)
{
    free(t->migrations);
    if (t->conn) PQfinish(t->conn);
}

static int open_target(target *t, const char *cmd, const char *schema_opt, const char *migrations_opt,
                       const char *url_opt)
{
    memset(t, 0, sizeof *t);
    /* The schema is only where the folder and the .env are looked for; deploy does
     * not need it to be valid (Prisma's neither). */
    t->schema = schema_opt ? schema_opt : shale_cli_find_schema_quiet();
    t->migrations = shale_cli_migrations_dir(migrations_opt, t->schema);
    char prefix[64];
    snprintf(prefix, sizeof prefix, "shale migrate %s", cmd);
    char *db_schema = NULL;
    int rc = shale_cli_open_db(prefix, url_opt, t->schema, &t->conn, &db_schema);
    /* deploy and resolve write the history in the URL's schema: make sure it exists. */
    if (rc == 0 && strcmp(cmd, "status") != 0) rc = shale_cli_ensure_schema(prefix, t->conn, db_schema);
    free(db_schema);
    return rc == 0 ? SHALE_EXIT_OK : SHALE_EXIT_INVALID;
}

static void db_usage(FILE *to, const char *sub)
{
    fprintf(to,
            "usage: shale migrate %s [--schema PATH] [--migrations DIR] [--url URL]%s\n"
            "\n"
            "  --schema PATH       the schema; the migrations folder and .env are found beside it\n"
            "  --migrations DIR    the migrations folder (default: `migrations` beside the schema)\n"
            "  --url URL           the database (default: DATABASE_URL, then .env beside the schema)\n",
            sub, strcmp(sub, "resolve") == 0 ? " (--applied NAME | --rolled-back NAME)" : "");
}

typedef struct opts {
    const char *schema, *migrations, *url, *applied, *rolled_back;
} opts;

/* Returns -1 to go on, else the exit code. */
static int parse_opts(int argc, char **argv, const char *sub, opts *o)
{
    static const struct option lo[] = {
        {"schema", required_argument, NULL, 's'},   {"migrations", required_argument, NULL, 'm'},
        {"url", required_argument, NULL, 'u'},      {"applied", required_argument, NULL, 'a'},
        {"rolled-back", required_argument, NULL, 'r'}, {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    memset(o, 0, sizeof *o);
    int ch;
    opterr = 0;
    optind = 1;
    bool resolve = strcmp(sub, "resolve") == 0;
    while ((ch = getopt_long(argc, argv, "+h", lo, NULL)) != -1) {
        switch (ch) {
        case 's': o->schema = optarg; break;
        case 'm': o->migrations = optarg; break;
        case 'u': o->url = optarg; break;
        case 'a':
        case 'r':
            if (!resolve) goto bad;
            if (ch == 'a') o->applied = optarg;
            else o->rolled_back = optarg;
            break;
        case 'h': db_usage(stdout, sub); return SHALE_EXIT_OK;
        default:
        bad:
            fprintf(stderr, "shale migrate %s: error: unknown or incomplete option `%s`\n", sub, argv[optind - 1]);
            db_usage(stderr, sub);
            return SHALE_EXIT_USAGE;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "shale migrate %s: error: unexpected argument `%s`\n", sub, argv[optind]);
        return SHALE_EXIT_USAGE;
    }
    if (resolve && (o->applied != NULL) == (o->rolled_back != NULL)) {
        fprintf(stderr, "shale migrate resolve: error: give exactly one of --applied NAME and --rolled-back NAME\n");
        return SHALE_EXIT_USAGE;
    }
    return -1;
}

static bool read_folder(const target *t, const char *sub, bool may_be_missing, shale_migrations *m)
{
    char *err = NULL;
    if (shale_migrations_read(t->migrations, may_be_missing, m, &err) == 0) return true;
    fprintf(stderr, "shale migrate %s: error: %s\nNothing was applied.\n", sub, err ? err : "cannot read the folder");
    free(err);
    return false;
}

static void print_applying(void *ctx, const shale_migration *m)
{
    (void)ctx;
    printf("Applying migration `%s`\n", m->name);
    fflush(stdout);
}

int shale_cmd_migrate_deploy(int argc, char **argv)
{
    opts o;
    int rc = parse_opts(argc, argv, "deploy", &o);
    if (rc >= 0) return rc;
    target t;
    if ((rc = open_target(&t, "deploy", o.schema, o.migrations, o.url)) != SHALE_EXIT_OK) {
        target_free(&t);
        return rc;
    }
    shale_migrations m;
    if (!read_folder(&t, "deploy", false, &m)) {
        target_free(&t);
        return SHALE_EXIT_INVALID;
    }
    printf("%zu migration%s found in %s\n", m.n, m.n == 1 ? "" : "s", t.migrations);
    shale_deploy_result res;
    rc = shale_deploy(t.conn, &m, print_applying, NULL, &res);
    if (rc != 0) {
        fprintf(stderr, "shale migrate deploy: error: %s\n", res.error ? res.error : "failed");
        if (res.n_applied)
            fprintf(stderr, "%zu migration%s applied before the failure %s applied.\n", res.n_applied,
                    res.n_applied == 1 ? "" : "s", res.n_applied == 1 ? "stays" : "stay");
        rc = SHALE_EXIT_INVALID;
    } else if (res.n_applied == 0) {
        printf("No pending migrations to apply.\n");
    } else {
        printf("\nThe following migration%s been applied:\n\n", res.n_applied == 1 ? " has" : "s have");
        for (size_t i = 0; i < res.n_applied; i++) printf("  %s\n", res.applied[i]);
        printf("\nAll migrations have been successfully applied.\n");
    }
    shale_deploy_result_free(&res);
    shale_migrations_free(&m);
    target_free(&t);
    return rc;
}

/* The local migrations and the history side by side; exit 1 unless up to date. */
int shale_cmd_migrate_status(int argc, char **argv)
{
    opts o;
    int rc = parse_opts(argc, argv, "status", &o);
    if (rc >= 0) return rc;
    target t;
    if ((rc = open_target(&t, "status", o.schema, o.migrations, o.url)) != SHALE_EXIT_OK) {
        target_free(&t);
        return rc;
    }
    shale_migrations m;
    if (!read_folder(&t, "status", true, &m)) {
        target_free(&t);
        return SHALE_EXIT_INVALID;
    }
    shale_history h;
    char *err = NULL;
    if (shale_history_read(t.conn, &h, &err) != 0) {
        fprintf(stderr, "shale migrate status: error: %s\n", err ? err : "cannot read the history");
        free(err);
        shale_migrations_free(&m);
        target_free(&t);
        return SHALE_EXIT_INVALID;
    }
    printf("%zu migration%s found in %s\n", m.n, m.n == 1 ? "" : "s", t.migrations);
    size_t pending = 0, failed = 0, modified = 0, missing = 0;
    for (size_t i = 0; i < m.n; i++) {
        switch (shale_history_status(&h, &m.items[i])) {
        case SHALE_MIGRATION_PENDING: pending++; break;
        case SHALE_MIGRATION_FAILED: failed++; break;
        case SHALE_MIGRATION_MODIFIED: modified++; break;
        default: break;
        }
    }
    if (pending) {
        printf("\nFollowing migration%s not yet been applied:\n", pending == 1 ? " has" : "s have");
        for (size_t i = 0; i < m.n; i++)
            if (shale_history_status(&h, &m.items[i]) == SHALE_MIGRATION_PENDING) printf("  %s\n", m.items[i].name);
    }
    if (failed) {
        printf("\nFollowing migration%s failed:\n", failed == 1 ? " has" : "s have");
        for (size_t i = 0; i < m.n; i++) {
            if (shale_history_status(&h, &m.items[i]) != SHALE_MIGRATION_FAILED) continue;
            const shale_history_row *row = shale_history_find(&h, m.items[i].name);
            printf("  %s (started at %s)\n", m.items[i].name, row ? row->started_at : "?");
            if (row && row->logs) {
                for (const char *l = row->logs; *l;) {
                    const char *e = strchr(l, '\n');
                    int n = e ? (int)(e - l) : (int)strlen(l);
                    printf("    %.*s\n", n, l);
                    l += n + (e ? 1 : 0);
                }
            }
        }
    }
    if (modified) {
        printf("\n");
        for (size_t i = 0; i < m.n; i++)
            if (shale_history_status(&h, &m.items[i]) == SHALE_MIGRATION_MODIFIED)
                printf("The migration `%s` was modified after it was applied.\n", m.items[i].name);
    }
    for (size_t i = 0; i < h.n; i++) {
        if (h.rows[i].rolled_back) continue;
        bool local = false;
        for (size_t k = 0; k < m.n && !local; k++) local = strcmp(m.items[k].name, h.rows[i].name) == 0;
        if (local) continue;
        if (!missing++) printf("\nThe following migrations are applied to the database but missing from %s:\n", t.migrations);
        printf("  %s\n", h.rows[i].name);
    }
    bool ok = !pending && !failed && !modified && !missing;
    if (ok) printf("\nDatabase schema is up to date!\n");
    else if (pending && !failed)
        printf("\nTo apply %s, run `shale migrate deploy`.\n", pending == 1 ? "it" : "them");
    else if (failed)
        printf("\nResolve a failed migration with `shale migrate resolve --rolled-back NAME` (to deploy a corrected "
               "version) or `--applied NAME` (if you finished it by hand).\n");
    shale_history_free(&h);
    shale_migrations_free(&m);
    target_free(&t);
    return ok ? SHALE_EXIT_OK : SHALE_EXIT_INVALID;
}

int shale_cmd_migrate_resolve(int argc, char **argv)
{
    opts o;
    int rc = parse_opts(argc, argv, "resolve", &o);
    if (rc >= 0) return rc;
    target t;
    if ((rc = open_target(&t, "resolve", o.schema, o.migrations, o.url)) != SHALE_EXIT_OK) {
        target_free(&t);
        return rc;
    }
    shale_migrations m;
    if (!read_folder(&t, "resolve", false, &m)) {
        target_free(&t);
        return SHALE_EXIT_INVALID;
    }
    const char *name = o.applied ? o.applied : o.rolled_back;
    const shale_migration *mig = NULL;
    for (size_t i = 0; i < m.n && !mig; i++)
        if (strcmp(m.items[i].name, name) == 0) mig = &m.items[i];
    char *err = NULL;
    shale_history h = {0};
    rc = SHALE_EXIT_INVALID;
    if (!mig) {
        fprintf(stderr, "shale migrate resolve: error: there is no migration `%s` in %s\n", name, t.migrations);
    } else if (shale_history_lock(t.conn, 10000, &err) != 0 || shale_history_read(t.conn, &h, &err) != 0) {
        fprintf(stderr, "shale migrate resolve: error: %s\n", err ? err : "cannot read the history");
    } else {
        shale_migration_status st = shale_history_status(&h, mig);
        if (o.rolled_back) {
            if (st != SHALE_MIGRATION_FAILED)
                fprintf(stderr,
                        "shale migrate resolve: error: migration `%s` is not in a failed state (it is %s), so it "
                        "cannot be marked rolled back\n",
                        name, st == SHALE_MIGRATION_PENDING ? "not applied" : "applied");
            else if (shale_history_mark_rolled_back(t.conn, name, &err) != 0)
                fprintf(stderr, "shale migrate resolve: error: %s\n", err);
            else
                printf("Migration `%s` marked as rolled back; `shale migrate deploy` will run it again.\n", name), rc = 0;
        } else if (st == SHALE_MIGRATION_APPLIED || st == SHALE_MIGRATION_MODIFIED) {
            fprintf(stderr, "shale migrate resolve: error: migration `%s` is already recorded as applied\n", name);
        } else {
            /* A failed one is rolled back first, then recorded as applied (without
             * running it), in one transaction. */
            PGresult *r = PQexec(t.conn, "BEGIN");
            PQclear(r);
            bool ok = (h.exists || shale_history_create(t.conn, &err) == 0) &&
                      (st != SHALE_MIGRATION_FAILED || shale_history_mark_rolled_back(t.conn, name, &err) == 0) &&
                      shale_history_record(t.conn, mig, true, 0, NULL, &err) == 0;
            r = PQexec(t.conn, ok ? "COMMIT" : "ROLLBACK");
            ok = ok && PQresultStatus(r) == PGRES_COMMAND_OK;
            PQclear(r);
            if (ok) printf("Migration `%s` marked as applied (its SQL was not run).\n", name), rc = 0;
            else fprintf(stderr, "shale migrate resolve: error: %s\n", err ? err : PQerrorMessage(t.conn));
        }
        shale_history_unlock(t.conn);
    }
    free(err);
    shale_history_free(&h);
    shale_migrations_free(&m);
    target_free(&t);
    return rc;
}
