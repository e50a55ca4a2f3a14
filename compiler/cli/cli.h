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

int shale_cmd_validate(int argc, char **argv);
int shale_cmd_format(int argc, char **argv);

#endif
