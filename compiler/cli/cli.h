/* cli.h - the `shale` command line: shared helpers of the subcommands. The CLI is
 * the only place that prints, reads the environment or picks exit codes. */
#ifndef SHALE_CLI_CLI_H
#define SHALE_CLI_CLI_H

#include "compiler/compilation.h"

#include <stdbool.h>

/* Exit codes of every command. */
/* SHALE_EXIT_CANCELED: the user ended a prompt (end of input), as Prisma's 130 (the
 * shell's code for a program ended by Ctrl-C). */
enum { SHALE_EXIT_OK = 0, SHALE_EXIT_INVALID = 1, SHALE_EXIT_USAGE = 2, SHALE_EXIT_CANCELED = 130 };

typedef enum { SHALE_OUT_TEXT, SHALE_OUT_JSON } shale_out_format;

/* Where the schema is: `opt` if given, else ./schema.prisma, else
 * ./prisma/schema.prisma. Returns: the path (borrowed: `opt` or a static string),
 * or NULL after printing why none was found. */
const char *shale_cli_find_schema(const char *opt);

/* True when diagnostics on stderr should be coloured: a terminal, and neither
 * NO_COLOR nor TERM=dumb set. */
bool shale_cli_color(void);

/* Prints the compilation's diagnostics to stderr (text) or stdout (JSON). */
void shale_cli_print_diagnostics(shale_compilation *c, shale_out_format fmt);

/* Parses "text"/"json" for --format; prints an error and returns -1 otherwise. */
int shale_cli_parse_format(const char *cmd, const char *arg, shale_out_format *out);

/* Writes `len` bytes to `path` atomically: a temporary file in the same folder, then
 * rename(2), keeping the original file's permissions. Returns 0, or -1 with errno. */
int shale_cli_write_atomic(const char *path, const char *data, size_t len);

struct shale_schema;

/* Loads, parses and resolves the schema at `path` (a file or a folder). Semantic
 * checks run only on a schema without syntax errors (they would echo them).
 * Returns: SHALE_EXIT_OK with *out_c (free with shale_compilation_free) and *out_s
 * (borrowed from it; NULL when not resolved) set; SHALE_EXIT_USAGE after printing an
 * out-of-memory message (then *out_c is NULL). The caller reads c->diags for errors
 * and an I/O failure (`*io_error` true: the path could not be read). */
int shale_cli_load_schema(const char *path, shale_compilation **out_c, struct shale_schema **out_s, bool *io_error);

/* Database states (db_source.c); each prints its errors prefixed with `cmd` and
 * returns 0 or -1. */
#include "compiler/arena.h"
#include "compiler/ir.h"

/* The relational IR of the schema at `path`, for a command that turns it into SQL or
 * code: loads and checks it (printing its diagnostics, warnings included) and lowers
 * it. On a problem prints why, prefixed with `cmd`, then "<what_unchanged>" (e.g.
 * "nothing was compared"), and returns NULL. *out_c is set whenever it was created
 * (caller frees with shale_compilation_free(), also after a NULL return); *out_s (may be
 * NULL) gets the resolved schema. Returns: borrowed from *out_c's arena. */
shale_ir *shale_cli_lower_schema(const char *cmd, const char *path, const char *what_unchanged,
                                 shale_compilation **out_c, struct shale_schema **out_s);
#include <libpq-fe.h>
/* Connects to `url` and sets the search path to its schema (?schema=, default public);
 * *schema (may be NULL) gets that schema's name (caller frees). */
int shale_cli_connect(const char *cmd, const char *url, PGconn **conn, char **schema);
/* The IR of `schema` in the connected database, from `arena`. */
int shale_cli_introspect(const char *cmd, PGconn *conn, const char *schema, shale_arena *arena, shale_ir **out);
/* The IR a migrations folder builds: every migration applied in order to the shadow
 * database at `shadow_url` (its schema is dropped and re-created first), then read back. */
int shale_cli_replay(const char *cmd, const char *dir, const char *shadow_url, shale_arena *arena, shale_ir **out);
struct shale_migrations;
/* The same on an open connection to a shadow database, from a folder already read. */
int shale_cli_replay_into(const char *cmd, const struct shale_migrations *m, PGconn *conn, const char *schema,
                          shale_arena *arena, shale_ir **out);
/* Drops the schema with everything in it and creates it again, empty. */
int shale_cli_reset_schema(const char *cmd, PGconn *conn, const char *schema);
/* Finds the URL (--url, DATABASE_URL, .env beside the schema), connects, says on
 * stderr which database it is (never its password). */
int shale_cli_open_db(const char *cmd, const char *url_opt, const char *schema_path, PGconn **conn, char **schema);
/* Asks a yes/no question on the terminal; false without a terminal (scripts and CI
 * must pass the flag that says yes). */
bool shale_cli_confirm(const char *question);
struct shale_diff;
/* The destructive-change checks of `d` with the database's row counts, printed on
 * stderr one per line; *n_warn and *n_unexec count the ones that apply. */
int shale_cli_live_checks(const char *cmd, PGconn *conn, const struct shale_diff *d, shale_arena *arena, size_t *n_warn,
                          size_t *n_unexec);
/* The migrations folder: `opt` (--migrations), else `migrations` beside the schema file
 * (or in the current folder). Returns: caller frees; NULL when out of memory. */
char *shale_cli_migrations_dir(const char *opt, const char *schema);
/* CREATE SCHEMA IF NOT EXISTS `schema` (commands that write to the database). */
int shale_cli_ensure_schema(const char *cmd, PGconn *conn, const char *schema);
/* Makes a single-schema IR (namespace "public") live in `schema`, the URL's ?schema=.
 * Returns 0 or -1 (out of memory). */
int shale_cli_use_schema(shale_ir *ir, const char *schema);
/* ./schema.prisma or ./prisma/schema.prisma when one exists, else NULL (says nothing). */
const char *shale_cli_find_schema_quiet(void);
/* `shale db push` and `shale db execute` (cmd_db_push.c); argv[0] is the subcommand. */
int shale_cmd_db_push(int argc, char **argv);
/* `shale db pull` (cmd_db_pull.c): the database's schema written as a schema file. */
int shale_cmd_db_pull(int argc, char **argv);
int shale_cmd_db_execute(int argc, char **argv);

int shale_cmd_validate(int argc, char **argv);
int shale_cmd_migrate(int argc, char **argv);
/* `shale migrate deploy|status|resolve` (cmd_migrate_db.c); argv[0] is the subcommand. */
int shale_cmd_migrate_deploy(int argc, char **argv);
int shale_cmd_migrate_status(int argc, char **argv);
int shale_cmd_migrate_resolve(int argc, char **argv);
/* `shale migrate dev|reset` (cmd_migrate_dev.c). */
int shale_cmd_migrate_dev(int argc, char **argv);
int shale_cmd_migrate_reset(int argc, char **argv);
int shale_cmd_format(int argc, char **argv);
int shale_cmd_db(int argc, char **argv);
/* `shale generate` (cmd_generate.c): C code for the models (codegen/). */
int shale_cmd_generate(int argc, char **argv);

#endif
