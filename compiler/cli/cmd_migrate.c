/* cmd_migrate.c - `shale migrate diff`: the SQL (or a summary) that takes one schema
 * state to another. A state is empty, a schema, a live database or a migrations
 * folder (replayed in a shadow database). The script on stdout is exactly Prisma's; the data-loss warnings, which
 * Prisma's script does not carry, go to stderr for the person reading. */
#include "cli.h"
#include "runtime/buf.h"
#include "compiler/diff.h"
#include "compiler/diff_check.h"
#include "compiler/diff_count.h"
#include "compiler/diff_hints.h"
#include "compiler/diff_render.h"
#include "compiler/diff_summary.h"
#include "compiler/lower.h"
#include "compiler/schema.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void diff_usage(FILE *to)
{
    fputs("usage: shale migrate diff (--from-empty | --from-schema PATH | --from-url URL | --from-migrations DIR)\n"
          "                          (--to-empty | --to-schema PATH | --to-url URL) [--shadow-database-url URL]\n"
          "                          [--script] [--exit-code] [-o FILE]\n"
          "\n"
          "Prints what it takes to go from one schema state to another: with --script, the\n"
          "PostgreSQL SQL (the same bytes `prisma migrate diff --script` prints); without it,\n"
          "a summary of the added, changed and removed tables, columns, indexes and enums.\n"
          "Steps that can lose data or fail on existing rows are listed on stderr\n"
          "(`warning:` data may be lost; `note:` the step fails if the table has rows), and\n"
          "likely renames get a `hint:` with the statement that would keep the data.\n"
          "\n"
          "  --from-empty          start from an empty database\n"
          "  --from-schema PATH    start from this schema (a .prisma file or a folder)\n"
          "  --to-empty            end at an empty database\n"
          "  --to-schema PATH      end at this schema\n"
          "  --from-url URL        start from this database (read from its catalog; the\n"
          "                        warnings then carry its row counts)\n"
          "  --to-url URL          end at this database\n"
          "  --from-migrations DIR start from what this migrations folder builds, replayed in\n"
          "                        the shadow database given by --shadow-database-url\n"
          "  --shadow-database-url URL  a scratch database whose schema shale may drop\n"
          "  --script              print SQL instead of a summary\n"
          "  --exit-code           exit 0 when there is no difference, 2 when there is one\n"
          "  -o, --output FILE     write to FILE instead of stdout\n"
          "\n"

          "Exit status: 0 done, 1 invalid schema or error, 2 usage error; with --exit-code:\n"
          "0 no difference, 2 a difference, 1 any error.\n",
          to);
}

static int write_output(const char *path, const shale_buf *b)
{
    if (!path) {
        if (b->len && fwrite(b->ptr, 1, b->len, stdout) != b->len) return -1;
        return fflush(stdout);
    }
    return shale_cli_write_atomic(path, b->ptr ? b->ptr : "", b->len);
}

/* One side of the comparison: a schema (its compilation owns the IR), a database or
 * a replayed migrations folder (the state's arena owns the IR), or nothing. */
typedef struct state {
    shale_compilation *c;
    shale_ir *ir;  /* NULL: the empty state */
    PGconn *conn;  /* a live database, kept open to count rows for the warnings */
    shale_arena arena;
    bool arena_used;
} state;

static void state_free(state *st)
{
    shale_compilation_free(st->c);
    if (st->conn) PQfinish(st->conn);
    if (st->arena_used) shale_arena_free(&st->arena);
}

static bool load_url(state *st, const char *url)
{
    char *schema = NULL;
    shale_arena_init(&st->arena);
    st->arena_used = true;
    if (shale_cli_connect("shale migrate diff", url, &st->conn, &schema) != 0) return false;
    bool ok = shale_cli_introspect("shale migrate diff", st->conn, schema, &st->arena, &st->ir) == 0;
    free(schema);
    return ok;
}

static bool load_migrations(state *st, const char *dir, const char *shadow_url)
{
    if (!shadow_url) {
        fprintf(stderr, "shale migrate diff: error: --from-migrations replays the folder in a shadow database: give "
                        "its URL with --shadow-database-url (everything in its schema is dropped)\n");
        return false;
    }
    shale_arena_init(&st->arena);
    st->arena_used = true;
    return shale_cli_replay("shale migrate diff", dir, shadow_url, &st->arena, &st->ir) == 0;
}

static bool load_state(state *st, const char *path)
{
    if (!path) return true;
    st->ir = shale_cli_lower_schema("shale migrate diff", path, "nothing was compared", &st->c, NULL);
    return st->ir != NULL;
}

/* The empty state: no namespace at all. As the target it has no default namespace
 * either, so what is dropped is named with its schema (DROP TABLE "public"."A"), as
 * Prisma writes it. */
static shale_ir *empty_ir(shale_arena *arena, bool as_target)
{
    shale_ir *ir = shale_arena_alloc(arena, sizeof *ir);
    if (!ir) return NULL;
    shale_ir_init(ir, arena);
    if (as_target) ir->default_namespace = (shale_str){"", 0};
    return ir;
}

/* Data-loss warnings, then unexecutable steps, one line each on stderr; with the
 * database the diff starts from, they carry its row counts. */
static int print_checks(const shale_diff *d, shale_arena *arena, PGconn *counts_from, const shale_buf *script)
{
    shale_check *checks = NULL;
    uint32_t n = 0;
    if (shale_diff_checks(d, arena, &checks, &n) < 0) return SHALE_ENOMEM;
    int64_t *rows = shale_arena_alloc(arena, ((size_t)n + 1) * sizeof *rows);
    int64_t *values = shale_arena_alloc(arena, ((size_t)n + 1) * sizeof *values);
    if (!rows || !values) return SHALE_ENOMEM;
    for (uint32_t i = 0; i < n; i++) rows[i] = values[i] = SHALE_COUNT_UNKNOWN;
    char *cerr = NULL;
    if (counts_from && shale_diff_count(counts_from, d, checks, n, rows, values, &cerr) != 0) {
        fprintf(stderr, "shale migrate diff: note: the warnings give no row counts: %s\n", cerr ? cerr : "");
        free(cerr);
        for (uint32_t i = 0; i < n; i++) rows[i] = values[i] = SHALE_COUNT_UNKNOWN;
    }
    shale_buf msg = SHALE_BUF_INIT;
    for (int unexec = 0; unexec < 2; unexec++) {
        for (uint32_t i = 0; i < n; i++) {
            if (shale_check_is_unexecutable(checks[i].kind) != (unexec == 1)) continue;
            msg.len = 0;
            if (!shale_check_message(&msg, d, &checks[i], rows[i], values[i])) continue;
            fprintf(stderr, "%s: %.*s\n", unexec ? "note" : "warning", (int)msg.len, msg.ptr ? msg.ptr : "");
        }
    }
    /* Then shale's own advice: likely renames, which the script turns into data loss,
     * and statements of the script that PostgreSQL will reject. */
    msg.len = 0;
    if (shale_diff_rename_hints(&msg, d)) fputs(msg.ptr, stderr);
    msg.len = 0;
    if (script && shale_diff_cautions(&msg, d, script->ptr, script->len)) fputs(msg.ptr, stderr);
    bool oom = msg.oom;
    shale_buf_free(&msg);
    return oom ? SHALE_ENOMEM : SHALE_OK;
}

static int diff_states(const state *from, const state *to, shale_arena *arena, bool script, bool exit_code_flag,
                       const char *output)
{
    const shale_ir *prev = from->ir ? from->ir : empty_ir(arena, false);
    const shale_ir *next = to->ir ? to->ir : empty_ir(arena, true);
    shale_diff *d = NULL;
    shale_buf out = SHALE_BUF_INIT;
    int rc = prev && next ? shale_diff_compute(&d, prev, next, arena) : SHALE_ENOMEM;
    if (rc == SHALE_OK) rc = script ? shale_diff_render_script(&out, d) : shale_diff_render_summary(&out, d);
    if (rc == SHALE_OK) rc = print_checks(d, arena, from->conn, script ? &out : NULL);
    int status = SHALE_EXIT_OK;
    if (rc < 0) {
        fprintf(stderr, "shale migrate diff: error: %s\n",
                rc == SHALE_ENOMEM ? "out of memory" : "internal error: the lowered schemas are inconsistent");
        status = SHALE_EXIT_INVALID;
    } else if (write_output(output, &out) < 0) {
        fprintf(stderr, "shale migrate diff: error: could not write %s: %s\n", output ? output : "stdout",
                strerror(errno));
        status = SHALE_EXIT_INVALID;
    } else if (exit_code_flag && d->n_steps) {
        status = 2; /* Prisma's --exit-code: 2 means "there is a difference" */
    }
    shale_buf_free(&out);
    return status;
}

static int migrate_diff(int argc, char **argv)
{
    static const struct option opts[] = {
        {"from-empty", no_argument, NULL, 'E'},
        {"to-empty", no_argument, NULL, 'e'},
        {"from-schema", required_argument, NULL, 'F'},
        {"to-schema", required_argument, NULL, 'T'},
        {"from-schema-datamodel", required_argument, NULL, 'F'},
        {"to-schema-datamodel", required_argument, NULL, 'T'},
        {"from-migrations", required_argument, NULL, 'm'},
        {"from-url", required_argument, NULL, 'u'},
        {"to-url", required_argument, NULL, 'U'},
        {"shadow-database-url", required_argument, NULL, 'S'},
        {"script", no_argument, NULL, 's'},
        {"exit-code", no_argument, NULL, 'x'},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    bool from_empty = false, to_empty = false, script = false, exit_code_flag = false;
    /* With --exit-code, 2 means "there is a difference", so every error exits 1 then,
     * as Prisma's does; it is looked for first so that option errors follow it too. */
    for (int i = 1; i < argc; i++) exit_code_flag |= strcmp(argv[i], "--exit-code") == 0;
    const int usage_exit = exit_code_flag ? SHALE_EXIT_INVALID : SHALE_EXIT_USAGE;
    const char *from_schema = NULL, *to_schema = NULL, *output = NULL;
    const char *from_url = NULL, *to_url = NULL, *from_migrations = NULL, *shadow_url = NULL;
    int ch;
    opterr = 0;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "+ho:", opts, NULL)) != -1) {
        switch (ch) {
        case 'E': from_empty = true; break;
        case 'e': to_empty = true; break;
        case 'F': from_schema = optarg; break;
        case 'T': to_schema = optarg; break;
        case 's': script = true; break;
        case 'x': exit_code_flag = true; break;
        case 'o': output = optarg; break;
        case 'h': diff_usage(stdout); return SHALE_EXIT_OK;
        case 'm': from_migrations = optarg; break;
        case 'u': from_url = optarg; break;
        case 'U': to_url = optarg; break;
        case 'S': shadow_url = optarg; break;
        default:
            fprintf(stderr, "shale migrate diff: error: unknown or incomplete option `%s`\n", argv[optind - 1]);
            diff_usage(stderr);
            return usage_exit;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "shale migrate diff: error: unexpected argument `%s`\n", argv[optind]);
        return usage_exit;
    }
    int n_from = !!from_empty + !!from_schema + !!from_url + !!from_migrations, n_to = !!to_empty + !!to_schema + !!to_url;
    if (n_from != 1 || n_to != 1) {
        fprintf(stderr, "shale migrate diff: error: give exactly one source (--from-empty, --from-schema PATH, "
                        "--from-url URL or --from-migrations DIR) and one target (--to-empty, --to-schema PATH or "
                        "--to-url URL)\n");
        return usage_exit;
    }
    /* Both states are loaded before either is judged, so an invalid source and an
     * invalid target show their diagnostics in the same run. */
    state from = {0}, to = {0};
    bool from_ok = from_url ? load_url(&from, from_url)
                   : from_migrations ? load_migrations(&from, from_migrations, shadow_url)
                                     : load_state(&from, from_schema);
    bool to_ok = to_url ? load_url(&to, to_url) : load_state(&to, to_schema);
    int status = SHALE_EXIT_INVALID;
    shale_arena arena;
    shale_arena_init(&arena);
    if (from_ok && to_ok) status = diff_states(&from, &to, &arena, script, exit_code_flag, output);
    shale_arena_free(&arena);
    state_free(&from);
    state_free(&to);
    return status;
}

static void usage(FILE *to)
{
    fputs("usage: shale migrate <subcommand> [options]\n"
          "\n"
          "Subcommands:\n"
          "  dev      develop: apply pending migrations, check drift, write and apply the next one\n"
          "  diff     print the SQL (or a summary) that takes one schema state to another\n"
          "  deploy   apply the pending migrations of the migrations folder to the database\n"
          "  status   compare the migrations folder with the database's migration history\n"
          "  resolve  record a failed migration as rolled back, or a migration as applied\n"
          "  reset    empty the database's schema and apply every migration again\n"
          "\n"
          "Run `shale migrate <subcommand> --help` for its options.\n",
          to);
}

int shale_cmd_migrate(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return SHALE_EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        usage(stdout);
        return SHALE_EXIT_OK;
    }
    if (strcmp(argv[1], "diff") == 0) return migrate_diff(argc - 1, argv + 1);
    if (strcmp(argv[1], "deploy") == 0) return shale_cmd_migrate_deploy(argc - 1, argv + 1);
    if (strcmp(argv[1], "status") == 0) return shale_cmd_migrate_status(argc - 1, argv + 1);
    if (strcmp(argv[1], "resolve") == 0) return shale_cmd_migrate_resolve(argc - 1, argv + 1);
    if (strcmp(argv[1], "dev") == 0) return shale_cmd_migrate_dev(argc - 1, argv + 1);
    if (strcmp(argv[1], "reset") == 0) return shale_cmd_migrate_reset(argc - 1, argv + 1);
    fprintf(stderr, "shale migrate: error: unknown subcommand `%s`\n", argv[1]);
    usage(stderr);
    return SHALE_EXIT_USAGE;
}
