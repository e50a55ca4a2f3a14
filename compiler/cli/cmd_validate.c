/* cmd_validate.c - `shale validate`: parse, resolve and check a schema and report
 * every problem. Exit 0 valid, 1 invalid, 2 usage/I/O. */
#include "cli.h"
#include "compiler/schema.h"

#include <getopt.h>
#include <stdio.h>

static void usage(FILE *to)
{
    fputs("usage: shale validate [--schema PATH] [--format text|json]\n"
          "\n"
          "Checks a schema and reports every problem found, as file:line:col with the\n"
          "source line and a caret, or as one JSON document with --format json.\n"
          "\n"
          "  --schema PATH    a .prisma file, or a folder whose .prisma files form one\n"
          "                   schema (default: ./schema.prisma, then ./prisma/schema.prisma)\n"
          "  --format FORMAT  text (default, on stderr) or json (on stdout)\n"
          "\n"
          "Exit status: 0 valid, 1 invalid schema, 2 usage or I/O error.\n",
          to);
}

int shale_cmd_validate(int argc, char **argv)
{
    static const struct option opts[] = {
        {"schema", required_argument, NULL, 's'},
        {"format", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *schema = NULL;
    shale_out_format fmt = SHALE_OUT_TEXT;
    int ch;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
        switch (ch) {
        case 's': schema = optarg; break;
        case 'f':
            if (shale_cli_parse_format("validate", optarg, &fmt) < 0) return SHALE_EXIT_USAGE;
            break;
        case 'h': usage(stdout); return SHALE_EXIT_OK;
        default:
            fprintf(stderr, "shale validate: error: unknown or incomplete option `%s`\n", argv[optind - 1]);
            usage(stderr);
            return SHALE_EXIT_USAGE;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "shale validate: error: unexpected argument `%s` (use --schema PATH)\n", argv[optind]);
        return SHALE_EXIT_USAGE;
    }
    const char *path = shale_cli_find_schema(schema);
    if (!path) return SHALE_EXIT_USAGE;

    shale_compilation *c = NULL;
    shale_schema *schema_ir = NULL;
    bool io_error = false;
    if (shale_cli_load_schema(path, &c, &schema_ir, &io_error) != SHALE_EXIT_OK) return SHALE_EXIT_USAGE;
    int exit_code = SHALE_EXIT_OK;
    if (io_error) exit_code = SHALE_EXIT_USAGE;
    else if (c->diags.n_errors) exit_code = SHALE_EXIT_INVALID;
    shale_cli_print_diagnostics(c, fmt);
    if (exit_code == SHALE_EXIT_OK && fmt == SHALE_OUT_TEXT)
        printf("The schema at %s is valid.\n", path);
    shale_compilation_free(c);
    return exit_code;
}
