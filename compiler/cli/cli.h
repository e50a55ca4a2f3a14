/* cli.h - the `shale` command line: shared helpers of the subcommands. The CLI is
 * the only place that prints, reads the environment or picks exit codes. */
#ifndef SHALE_CLI_CLI_H
#define SHALE_CLI_CLI_H

#include "compiler/compilation.h"

#include <stdbool.h>

/* Exit codes of every command. */
enum { SHALE_EXIT_OK = 0, SHALE_EXIT_INVALID = 1, SHALE_EXIT_USAGE = 2 };

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

int shale_cmd_validate(int argc, char **argv);
int shale_cmd_migrate(int argc, char **argv);
int shale_cmd_format(int argc, char **argv);

#endif
