/* cmd_migrate_dev.c - `shale migrate dev` (develop against a local database: check the
 * history and drift, write the next migration from the schema, apply it) and
 * `shale migrate reset` (empty the schema and apply every migration again).
 *
 * migrate dev, step by step (Prisma's flow, ../shared/design/MIGRATE.md section 7):
 *  1. the schema is valid; the folder reads; the history has no failed or edited
 *     migration (those need `migrate resolve` or `migrate reset`);
 *  2. pending migrations are applied to the development database;
 *  3. the folder is replayed into a shadow database (a temporary database on the same
 *     server, or --shadow-database-url) and compared with the development database:
 *     a difference is drift, reported as a summary; on a terminal shale offers to
 *     reset, otherwise it stops;
 *  4. the shadow state is compared with the schema; the steps become
 *     migrations/<YYYYMMDDHHMMSS>_<name>/migration.sql with Prisma's warnings header;
 *     steps that lose data need a yes (or --accept-data-loss), steps that cannot run
 *     on the existing rows stop the command unless --create-only;
 *  5. unless --create-only, the new migration is applied like any other (deploy). */
#include "cli.h"
#include "runtime/deploy.h"
#include "compiler/diff.h"
#include "compiler/diff_check.h"
#include "compiler/diff_count.h"
#include "compiler/diff_hints.h"
#include "compiler/diff_render.h"
#include "compiler/diff_summary.h"
#include "runtime/history.h"
#include "compiler/lower.h"
#include "runtime/migrations.h"
#include "compiler/schema.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

typedef struct dev_opts {
    const char *schema, *url, *migrations, *name, *shadow_url;
    bool create_only, accept_data_loss, force;
} dev_opts;

static int parse(int argc, char **argv, const char *sub, dev_opts *o)
{
    static const struct option lo[] = {
        {"schema", required_argument, NULL, 's'},
        {"url", required_argument, NULL, 'u'},
        {"migrations", required_argument, NULL, 'm'},
        {"name", required_argument, NULL, 'n'},
        {"shadow-database-url", required_argument, NULL, 'S'},
        {"create-only", no_argument, NULL, 'c'},
        {"accept-data-loss", no_argument, NULL, 'a'},
        {"force", no_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    memset(o, 0, sizeof *o);
    bool dev = strcmp(sub, "dev") == 0;
    int ch;
    opterr = 0;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "+hn:f", lo, NULL)) != -1) {
        switch (ch) {
        case 's': o->schema = optarg; break;
        case 'u': o->url = optarg; break;
        case 'm': o->migrations = optarg; break;
        case 'n': o->name = optarg; break;
        case 'S': o->shadow_url = optarg; break;
        case 'c': o->create_only = true; break;
        case 'a': o->accept_data_loss = true; break;
        case 'f': o->force = true; break;
        case 'h':
            if (dev)
                puts("usage: shale migrate dev [--name NAME] [--create-only] [--accept-data-loss]\n"
                     "                         [--schema PATH] [--migrations DIR] [--url URL] [--shadow-database-url URL]\n"
                     "\n"
                     "Applies pending migrations to the development database, checks it for drift against the\n"
                     "migrations folder (replayed in a shadow database), writes the migration that takes it\n"
                     "to the schema (migrations/<timestamp>_<name>/migration.sql) and applies it.\n"
                     "--create-only writes the migration without applying it. Without --name it asks for\n"
                     "one on a terminal; in CI or without a terminal the name is empty (<timestamp>_).\n"
                     "\n"
                     "Exit status: 0 done, 1 error (nothing half-applied), 2 usage error, 130 the name\n"
                     "prompt was ended (nothing written).");
            else
                puts("usage: shale migrate reset [--force] [--schema PATH] [--migrations DIR] [--url URL]\n"
                     "\n"
                     "Drops everything in the database's schema and applies every migration again.\n"
                     "All data is lost: it asks first on a terminal, and needs --force otherwise.");
            return SHALE_EXIT_OK;
        default:
            fprintf(stderr, "shale migrate %s: error: unknown or incomplete option `%s`\n", sub, argv[optind - 1]);
            return SHALE_EXIT_USAGE;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "shale migrate %s: error: unexpected argument `%s`\n", sub, argv[optind]);
        return SHALE_EXIT_USAGE;
    }
    return -1;
}

static void print_applying(void *ctx, const shale_migration *m)
{
    (void)ctx;
    printf("Applying migration `%s`\n", m->name);
}

/* Applies the pending migrations; prints what happened. Returns 0 or -1. */
static int deploy(const char *cmd, PGconn *conn, const shale_migrations *m, size_t *applied)
{
    shale_deploy_result res;
    int rc = shale_deploy(conn, m, print_applying, NULL, &res);
    if (rc != 0) fprintf(stderr, "%s: error: %s\n", cmd, res.error ? res.error : "failed");
    if (applied) *applied = res.n_applied;
    shale_deploy_result_free(&res);
    return rc == 0 ? 0 : -1;
}

static int reset_and_deploy(const char *cmd, PGconn *conn, const char *schema, const shale_migrations *m)
{
    if (shale_cli_reset_schema(cmd, conn, schema) != 0) return -1;
    printf("The schema \"%s\" was reset.\n", schema);
    return deploy(cmd, conn, m, NULL);
}

int shale_cmd_migrate_reset(int argc, char **argv)
{
    const char *cmd = "shale migrate reset";
    dev_opts o;
    int rc = parse(argc, argv, "reset", &o);
    if (rc >= 0) return rc;
    const char *schema_path = o.schema ? o.schema : shale_cli_find_schema_quiet();
    char *dir = shale_cli_migrations_dir(o.migrations, schema_path), *schema = NULL, *err = NULL;
    shale_migrations m = {0};
    PGconn *conn = NULL;
    int status = SHALE_EXIT_INVALID;
    if (shale_migrations_read(dir, true, &m, &err) != 0) {
        fprintf(stderr, "%s: error: %s\nNothing was changed.\n", cmd, err ? err : "cannot read the folder");
    } else if (shale_cli_open_db(cmd, o.url, schema_path, &conn, &schema) == 0 &&
               shale_cli_ensure_schema(cmd, conn, schema) == 0) {
        if (!o.force && !shale_cli_confirm("Drop everything in the database's schema and apply all migrations again? "
                                           "All data will be lost.")) {
            fprintf(stderr, "%s: error: resetting loses all the data in the schema \"%s\"; run again with --force "
                            "to do it\n",
                    cmd, schema);
        } else if (shale_history_lock(conn, 10000, &err) != 0) {
            fprintf(stderr, "%s: error: %s\n", cmd, err);
        } else {
            if (reset_and_deploy(cmd, conn, schema, &m) == 0) {
                printf("Database reset: %zu migration%s applied.\n", m.n, m.n == 1 ? "" : "s");
                status = SHALE_EXIT_OK;
            }
            shale_history_unlock(conn);
        }
    }
    if (conn) PQfinish(conn);
    free(schema);
    free(err);
    free(dir);
    shale_migrations_free(&m);
    return status;
}

/* ---- shadow database ----------------------------------------------------------------- */

typedef struct shadow {
    PGconn *conn;
    char *schema;
    char dbname[64]; /* the temporary database shale made, to drop; empty otherwise */
} shadow;

/* A connection to the shadow database: --shadow-database-url, or a temporary database
 * made on the development server (dropped again by shadow_close). */
static int shadow_open(const char *cmd, shadow *sh, PGconn *dev, const char *url, const char *schema)
{
    memset(sh, 0, sizeof *sh);
    if (url) return shale_cli_connect(cmd, url, &sh->conn, &sh->schema);
    /* The replay happens in a schema of the development database's name. */
    sh->schema = strdup(schema);
    if (!sh->schema) return -1;
    unsigned char rnd[8];
    if (RAND_bytes(rnd, sizeof rnd) != 1) return -1;
    snprintf(sh->dbname, sizeof sh->dbname, "shale_shadow_%02x%02x%02x%02x%02x%02x%02x%02x", rnd[0], rnd[1], rnd[2],
             rnd[3], rnd[4], rnd[5], rnd[6], rnd[7]);
    char sql[128];
    snprintf(sql, sizeof sql, "CREATE DATABASE \"%s\"", sh->dbname);
    PGresult *r = PQexec(dev, sql);
    bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    if (!ok)
        fprintf(stderr,
                "%s: error: creating a shadow database on the development server failed: %s(the user needs the "
                "CREATEDB privilege; or give a scratch database with --shadow-database-url)\n",
                cmd, PQresultErrorMessage(r));
    PQclear(r);
    if (!ok) {
        sh->dbname[0] = '\0';
        return -1;
    }
    /* Same server and credentials, the new database. */
    const char *keys[] = {"host", "hostaddr", "port", "user", "password", "dbname", "sslmode", NULL};
    const char *vals[] = {PQhost(dev), NULL, PQport(dev), PQuser(dev), PQpass(dev), sh->dbname, NULL, NULL};
    sh->conn = PQconnectdbParams(keys, vals, 0);
    if (PQstatus(sh->conn) != CONNECTION_OK) {
        fprintf(stderr, "%s: error: connecting to the shadow database: %s", cmd, PQerrorMessage(sh->conn));
        return -1;
    }
    PQclear(PQexec(sh->conn, "SET client_min_messages = warning"));
    char *ident = PQescapeIdentifier(sh->conn, sh->schema, strlen(sh->schema));
    char *sql2 = ident ? malloc(strlen(ident) + 24) : NULL;
    if (sql2) {
        sprintf(sql2, "SET search_path TO %s", ident);
        PQclear(PQexec(sh->conn, sql2));
    }
    free(sql2);
    PQfreemem(ident);
    return 0;
}

static void shadow_close(shadow *sh, PGconn *dev)
{
    if (sh->conn) PQfinish(sh->conn);
    if (sh->dbname[0] && dev) {
        char sql[128];
        snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS \"%s\"", sh->dbname);
        PQclear(PQexec(dev, sql));
    }
    free(sh->schema);
    memset(sh, 0, sizeof *sh);
}

/* ---- writing the migration ------------------------------------------------------------- */

/* ---- the migration's name ------------------------------------------------------------- */

/* Prisma turns the name into a slug with @sindresorhus/slugify 1.1.2 (separator "_")
 * and keeps its first 200 characters. The passes below do what that library does to
 * ASCII text, in its order: "&" becomes " and " (and the two symbols it names, " love ",
 * " unicorn "); camel case is split by its four decamelize rules (ABC1 -> ABC 1,
 * abcDEF -> abc DEF, aB -> a B, ABCd -> AB Cd, each a global left-to-right pass); then
 * lower case, every run of characters other than [a-z0-9] one "_", none at either end.
 * "addUserID" -> "add_user_id", "HTMLParser" -> "html_parser", "v2 & more!" ->
 * "v2_and_more". Not done: the library's transliteration of other scripts and
 * accented letters (Prisma writes "cafe" for "café", shale "caf"): every non-ASCII
 * character is a separator here, as the ones without a transliteration are there.
 * Returns: caller frees with free(); NULL when out of memory. */
static bool up(char c) { return c >= 'A' && c <= 'Z'; }
static bool digit(char c) { return c >= '0' && c <= '9'; }
static bool lowdig(char c) { return (c >= 'a' && c <= 'z') || digit(c); }
static size_t run(const char *s, size_t i, bool (*in)(char))
{
    size_t j = i;
    while (s[j] && in(s[j])) j++;
    return j - i;
}

/* One decamelize rule over s; returns a new string (NULL when out of memory). */
static char *decamelize_pass(const char *s, int rule)
{
    size_t n = strlen(s);
    char *o = malloc(2 * n + 1), *w = o;
    if (!o) return NULL;
    for (size_t i = 0; i < n;) {
        size_t a, b;
        switch (rule) {
        case 1: /* ([A-Z]{2,})(\d+) */
            a = run(s, i, up), b = a ? run(s, i + a, digit) : 0;
            if (a >= 2 && b) {
                memcpy(w, s + i, a), w += a, *w++ = ' ', memcpy(w, s + i + a, b), w += b, i += a + b;
                continue;
            }
            break;
        case 2: /* ([a-z\d]+)([A-Z]{2,}) */
            a = run(s, i, lowdig), b = a ? run(s, i + a, up) : 0;
            if (a && b >= 2) {
                memcpy(w, s + i, a), w += a, *w++ = ' ', memcpy(w, s + i + a, b), w += b, i += a + b;
                continue;
            }
            break;
        case 3: /* ([a-z\d])([A-Z]) */
            a = lowdig(s[i]) && up(s[i + 1]);
            if (a) {
                *w++ = s[i], *w++ = ' ', *w++ = s[i + 1], i += 2;
                continue;
            }
            break;
        default: /* ([A-Z]+)([A-Z][a-z\d]+): the run's last capital starts the word */
            a = run(s, i, up), b = a ? run(s, i + a, lowdig) : 0;
            if (a >= 2 && b) {
                memcpy(w, s + i, a - 1), w += a - 1, *w++ = ' ', memcpy(w, s + i + a - 1, b + 1), w += b + 1;
                i += a + b;
                continue;
            }
            break;
        }
        /* No match here: nor anywhere inside the same run (a shorter run has the
         * same follower), so copy the run whole. */
        a = up(s[i]) ? run(s, i, up) : lowdig(s[i]) ? run(s, i, lowdig) : 1;
        if (rule == 3) a = 1;
        memcpy(w, s + i, a), w += a, i += a;
    }
    *w = '\0';
    return o;
}

static char *migration_slug(const char *name)
{
    static const struct { const char *from, *to; } repl[] = {
        {"&", " and "}, {"\xf0\x9f\xa6\x84", " unicorn "}, {"\xe2\x99\xa5", " love "}};
    size_t n = strlen(name);
    char *s = malloc(9 * n + 1), *w = s; /* " unicorn " is the longest growth */
    if (!s) return NULL;
    for (size_t i = 0; i < n;) {
        size_t k;
        for (k = 0; k < sizeof repl / sizeof repl[0]; k++) {
            size_t fl = strlen(repl[k].from);
            if (strncmp(name + i, repl[k].from, fl) == 0) {
                size_t tl = strlen(repl[k].to);
                memcpy(w, repl[k].to, tl), w += tl, i += fl;
                break;
            }
        }
        if (k == sizeof repl / sizeof repl[0]) *w++ = name[i++];
    }
    *w = '\0';
    for (int rule = 1; rule <= 4 && s; rule++) {
        char *next = decamelize_pass(s, rule);
        free(s);
        s = next;
    }
    if (!s) return NULL;
    w = s;
    for (const char *r = s; *r; r++) {
        char c = up(*r) ? (char)(*r - 'A' + 'a') : *r;
        if (lowdig(c)) *w++ = c;
        else if (w > s && w[-1] != '_') *w++ = '_';
    }
    if (w > s && w[-1] == '_') w--;
    /* Cut after the slug is made, as Prisma's substring(0, 200): it may end in "_". */
    if (w - s > 200) w = s + 200;
    *w = '\0';
    return s;
}

/* Prisma's CI test (@prisma/internals isCi): CI is not "false" and one of these is set. */
static bool in_ci(void)
{
    static const char *const vars[] = {"BUILD_ID",        "BUILD_NUMBER", "CI",      "CI_APP_ID",       "CI_BUILD_ID",
                                       "CI_BUILD_NUMBER", "CI_NAME",      "RUN_ID",  "CONTINUOUS_INTEGRATION",
                                       "TEAMCITY_VERSION"};
    const char *ci = getenv("CI");
    if (ci && strcmp(ci, "false") == 0) return false;
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v) return true;
    }
    return false;
}

/* The new migration's name, as Prisma's migrate dev gets it: --name; else, on a
 * terminal outside CI, the answer to "Enter a name for the new migration:"; else
 * none (the folder is then "<timestamp>_"). Returns 0 with *out (caller frees with
 * free()), 1 when the user ended the prompt (end of input), -1 when out of memory. */
static int migration_name(const char *given, char **out)
{
    *out = NULL;
    if (given) return (*out = migration_slug(given)) ? 0 : -1;
    if (!isatty(STDIN_FILENO) || in_ci()) return (*out = strdup("")) ? 0 : -1;
    fputs("Enter a name for the new migration: ", stderr);
    fflush(stderr);
    char *line = NULL;
    size_t cap = 0;
    ssize_t len = getline(&line, &cap, stdin);
    if (len < 0) {
        free(line);
        fputc('\n', stderr);
        return 1;
    }
    *out = migration_slug(line);
    free(line);
    return *out ? 0 : -1;
}

/* Seconds since the epoch of a folder name's UTC "YYYYMMDDHHMMSS" prefix; -1 when it
 * has none. Days from the civil date as in H. Hinnant's days_from_civil. */
static long long folder_time(const char *name)
{
    int f[6], w[6] = {4, 2, 2, 2, 2, 2};
    for (int k = 0, at = 0; k < 6; at += w[k++]) {
        f[k] = 0;
        for (int j = 0; j < w[k]; j++) {
            if (!digit(name[at + j])) return -1;
            f[k] = f[k] * 10 + (name[at + j] - '0');
        }
    }
    long long y = f[0] - (f[1] <= 2), era = y / 400;
    long long yoe = y - era * 400, doy = (153 * (f[1] + (f[1] > 2 ? -3 : 9)) + 2) / 5 + f[2] - 1;
    long long days = era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
    return ((days * 24 + f[3]) * 60 + f[4]) * 60 + f[5];
}

/* The folder: migrations/<YYYYMMDDHHMMSS>_<slug>, the time in UTC - but a second after
 * the newest migration folder when that is not older: folders replay in name order,
 * and two runs in one second would otherwise put "<ts>_add_name" before "<ts>_init". */
static char *new_folder(const char *dir, const char *slug)
{
    time_t now = time(NULL);
    DIR *d = opendir(dir);
    for (struct dirent *e; d && (e = readdir(d));) {
        long long t = folder_time(e->d_name);
        if (t >= (long long)now) now = (time_t)(t + 1);
    }
    if (d) closedir(d);
    struct tm tm;
    gmtime_r(&now, &tm);
    char ts[32];
    strftime(ts, sizeof ts, "%Y%m%d%H%M%S", &tm);
    size_t n = strlen(dir) + strlen(ts) + strlen(slug) + 8;
    char *path = malloc(n);
    if (path) snprintf(path, n, "%s/%s_%s", dir, ts, slug);
    return path;
}

static int write_migration(const char *cmd, const char *dir, const char *name, const shale_buf *text, char **out_path)
{
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "%s: error: %s: cannot create the migrations folder: %s\n", cmd, dir, strerror(errno));
        return -1;
    }
    char lock[4096];
    snprintf(lock, sizeof lock, "%s/migration_lock.toml", dir);
    struct stat st;
    if (stat(lock, &st) != 0) {
        const char *toml = "# Please do not edit this file manually\n"
                           "# It should be added in your version-control system (e.g., Git)\n"
                           "provider = \"postgresql\"\n";
        if (shale_cli_write_atomic(lock, toml, strlen(toml)) != 0) {
            fprintf(stderr, "%s: error: %s: cannot write: %s\n", cmd, lock, strerror(errno));
            return -1;
        }
    }
    char *folder = new_folder(dir, name);
    if (!folder || mkdir(folder, 0777) != 0) {
        fprintf(stderr, "%s: error: cannot create the migration's folder in %s: %s\n", cmd, dir, strerror(errno));
        free(folder);
        return -1;
    }
    size_t n = strlen(folder) + sizeof "/migration.sql";
    char *file = malloc(n);
    if (file) snprintf(file, n, "%s/migration.sql", folder);
    free(folder);
    if (!file || shale_cli_write_atomic(file, text->ptr ? text->ptr : "", text->len) != 0) {
        fprintf(stderr, "%s: error: cannot write the migration: %s\n", cmd, strerror(errno));
        free(file);
        return -1;
    }
    *out_path = file;
    return 0;
}

/* ---- migrate dev ---------------------------------------------------------------------- */

typedef struct dev {
    const char *cmd;
    dev_opts o;
    const char *schema_path;
    char *dir, *db_schema;
    shale_compilation *c;
    shale_ir *target;
    shale_migrations m;
    PGconn *conn;
    shadow sh;
    shale_arena arena;
} dev;

static shale_ir *load_schema(dev *v)
{
    return shale_cli_lower_schema(v->cmd, v->schema_path, "nothing was changed", &v->c, NULL);
}

/* Failed or edited migrations stop migrate dev before anything changes. */
static int check_history(dev *v)
{
    shale_history h;
    char *err = NULL;
    if (shale_history_read(v->conn, &h, &err) != 0) {
        fprintf(stderr, "%s: error: %s\n", v->cmd, err ? err : "cannot read the history");
        free(err);
        return -1;
    }
    int rc = 0;
    for (size_t i = 0; i < v->m.n; i++) {
        shale_migration_status st = shale_history_status(&h, &v->m.items[i]);
        if (st == SHALE_MIGRATION_MODIFIED) {
            fprintf(stderr, "%s: error: the migration `%s` was modified after it was applied. Restore the file, or "
                            "run `shale migrate reset` to apply the folder as it is now (the data is lost)\n",
                    v->cmd, v->m.items[i].name);
            rc = -1;
        }
    }
    for (size_t i = 0; i < h.n; i++) {
        if (h.rows[i].finished || h.rows[i].rolled_back) continue;
        fprintf(stderr, "%s: error: the migration `%s` failed (%s). Fix it, then run `shale migrate resolve "
                        "--rolled-back %s`, or `shale migrate reset`\n",
                v->cmd, h.rows[i].name, h.rows[i].logs ? h.rows[i].logs : "no log", h.rows[i].name);
        rc = -1;
    }
    shale_history_free(&h);
    return rc;
}

/* Drift: the development database is not what its migrations build. */
static int check_drift(dev *v, shale_ir *built)
{
    shale_ir *live = NULL;
    if (shale_cli_introspect(v->cmd, v->conn, v->db_schema, &v->arena, &live) != 0) return -1;
    shale_diff *d = NULL;
    if (shale_diff_compute(&d, built, live, &v->arena) != 0) return -1;
    if (!d->n_steps) return 0;
    shale_buf sum = SHALE_BUF_INIT;
    shale_diff_render_summary(&sum, d);
    fprintf(stderr, "Drift detected: the database's schema is not what the migrations build. It has, compared to "
                    "them:\n%.*s\n",
            (int)sum.len, sum.ptr ? sum.ptr : "");
    shale_buf_free(&sum);
    if (!shale_cli_confirm("Reset the schema (all data is lost) and apply the migrations again?")) {
        fprintf(stderr, "%s: error: drift; nothing was changed. Bring the changes into a migration (`shale migrate "
                        "diff --from-migrations ... --to-url ...` shows them) or run `shale migrate reset`\n",
                v->cmd);
        return -1;
    }
    return reset_and_deploy(v->cmd, v->conn, v->db_schema, &v->m);
}

static int create_migration(dev *v, shale_ir *built)
{
    shale_diff *d = NULL;
    if (shale_diff_compute(&d, built, v->target, &v->arena) != 0) return -1;
    if (!d->n_steps && !v->o.create_only) {
        printf("Already in sync: the migrations build the schema's database.\n");
        return 0;
    }
    shale_check *checks = NULL;
    uint32_t n = 0;
    if (shale_diff_checks(d, &v->arena, &checks, &n) != 0) return -1;
    /* The development database is now in the state the migrations build, so its rows
     * are what the new migration meets. */
    size_t n_warn = 0, n_unexec = 0;
    char *err = NULL;
    if (shale_cli_live_checks(v->cmd, v->conn, d, &v->arena, &n_warn, &n_unexec) != 0) return -1;
    if (n_unexec && !v->o.create_only) {
        fprintf(stderr, "%s: error: the migration has steps that cannot run on the database's rows (above); nothing "
                        "was written. Use --create-only to write it and edit it by hand, or change the schema in "
                        "steps.\n",
                v->cmd);
        return -1;
    }
    if (n_warn && !v->o.create_only && !v->o.accept_data_loss && !shale_cli_confirm("Apply a migration that loses data?")) {
        fprintf(stderr, "%s: error: the migration loses data (above); nothing was written. Run again with "
                        "--accept-data-loss, or --create-only to review it first.\n",
                v->cmd);
        return -1;
    }
    /* migration.sql: the count-free warnings header, then the script; an empty
     * migration has no newline at the end, as Prisma writes it. */
    shale_buf text = SHALE_BUF_INIT;
    shale_diff_render_warnings_header(&text, d, checks, n);
    shale_diff_render_script(&text, d);
    if (!d->n_steps && text.len && text.ptr[text.len - 1] == '\n') text.len--;
    shale_buf notes = SHALE_BUF_INIT;
    if (shale_diff_rename_hints(&notes, d) + shale_diff_cautions(&notes, d, text.ptr, text.len)) fputs(notes.ptr, stderr);
    shale_buf_free(&notes);
    char *path = NULL, *name = NULL;
    int rc = text.oom ? -1 : migration_name(v->o.name, &name);
    bool canceled = rc == 1;
    if (canceled) fprintf(stderr, "%s: Canceled by user; nothing was written.\n", v->cmd);
    else if (rc != 0) fprintf(stderr, "%s: error: out of memory\n", v->cmd);
    else rc = write_migration(v->cmd, v->dir, name, &text, &path);
    free(name);
    shale_buf_free(&text);
    if (canceled) return SHALE_EXIT_CANCELED;
    if (rc != 0) return -1;
    printf("Wrote %s\n", path);
    free(path);
    if (v->o.create_only) {
        printf("Not applied (--create-only): review it, then run `shale migrate dev` to apply it.\n");
        return 0;
    }
    shale_migrations_free(&v->m);
    if (shale_migrations_read(v->dir, false, &v->m, &err) != 0) {
        fprintf(stderr, "%s: error: %s\n", v->cmd, err ? err : "");
        free(err);
        return -1;
    }
    if (deploy(v->cmd, v->conn, &v->m, NULL) != 0) return -1;
    printf("Your database is now in sync with your schema.\n");
    return 0;
}

int shale_cmd_migrate_dev(int argc, char **argv)
{
    dev v;
    memset(&v, 0, sizeof v);
    v.cmd = "shale migrate dev";
    int rc = parse(argc, argv, "dev", &v.o);
    if (rc >= 0) return rc;
    shale_arena_init(&v.arena);
    int status = SHALE_EXIT_INVALID;
    char *err = NULL;
    bool locked = false;
    shale_ir *built = NULL;
    size_t applied = 0;
    v.schema_path = shale_cli_find_schema(v.o.schema);
    if (!v.schema_path || !(v.target = load_schema(&v))) goto done;
    v.dir = shale_cli_migrations_dir(v.o.migrations, v.schema_path);
    if (shale_migrations_read(v.dir, true, &v.m, &err) != 0) {
        fprintf(stderr, "%s: error: %s\nNothing was changed.\n", v.cmd, err ? err : "cannot read the folder");
        goto done;
    }
    if (shale_cli_open_db(v.cmd, v.o.url, v.schema_path, &v.conn, &v.db_schema) != 0 ||
        shale_cli_ensure_schema(v.cmd, v.conn, v.db_schema) != 0)
        goto done;
    if (shale_history_lock(v.conn, 10000, &err) != 0) {
        fprintf(stderr, "%s: error: %s\n", v.cmd, err);
        goto done;
    }
    locked = true;
    if (check_history(&v) != 0) goto done;
    if (deploy(v.cmd, v.conn, &v.m, &applied) != 0) goto done;
    if (shale_cli_use_schema(v.target, v.db_schema) != 0) goto done;
    if (shadow_open(v.cmd, &v.sh, v.conn, v.o.shadow_url, v.db_schema) != 0) goto done;
    if (shale_cli_replay_into(v.cmd, &v.m, v.sh.conn, v.sh.schema, &v.arena, &built) != 0) goto done;
    if (check_drift(&v, built) != 0) goto done;
    if ((rc = create_migration(&v, built)) != 0) {
        if (rc == SHALE_EXIT_CANCELED) status = SHALE_EXIT_CANCELED;
        goto done;
    }
    status = SHALE_EXIT_OK;
done:
    shadow_close(&v.sh, v.conn);
    if (locked) shale_history_unlock(v.conn);
    if (v.conn) PQfinish(v.conn);
    free(err);
    free(v.dir);
    free(v.db_schema);
    shale_migrations_free(&v.m);
    shale_compilation_free(v.c);
    shale_arena_free(&v.arena);
    return status;
}
