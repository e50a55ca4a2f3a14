/* cmd_format.c - `shale format`: rewrite schema files in Prisma's layout.
 *
 * Files are rewritten in place atomically, and only when their text changes, so
 * make and editors see no spurious modification. A file with syntax errors is
 * never rewritten: its errors are reported and the file is left alone. Reading
 * stdin (`-`) is the editor filter: the formatted text goes to stdout; lines that
 * do not parse are kept verbatim in it (as `prisma format` keeps them) and reported
 * on stderr, and only a file whose block structure is broken (a missing `}`) gives
 * no output.
 */
#include "cli.h"

#include "compiler/format.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

static void usage(FILE *to)
{
    fputs("usage: shale format [--check] [--schema PATH] [FILE...]\n"
          "       shale format -            (stdin to stdout)\n"
          "\n"
          "Formats schema files the way `prisma format` does: aligned columns, block\n"
          "attributes last, comments kept. Files are rewritten in place (atomically, and\n"
          "only if they change); a file with syntax errors is not rewritten.\n"
          "\n"
          "  --schema PATH  a .prisma file or a folder of them (default: ./schema.prisma,\n"
          "                 then ./prisma/schema.prisma); FILE arguments take precedence\n"
          "  --check        change nothing; exit 1 and name each file that would change\n"
          "\n"
          "Exit status: 0 formatted (or already formatted), 1 syntax errors or --check\n"
          "found changes, 2 usage or I/O error.\n",
          to);
}

/* Formats one parsed source. Returns 0 with *out filled, or a SHALE_E* code. */
static int format_source(shale_compilation *c, uint32_t id, shale_buf *out)
{
    return shale_format_file(out, c->asts[id]);
}

/* Errors reported in this file; a folder's clean files are still formatted when
 * another file of it has errors. */
static size_t file_errors(const shale_compilation *c, uint32_t id)
{
    size_t n = 0;
    for (const shale_diag *d = c->diags.head; d; d = d->next)
        if (d->severity == SHALE_SEV_ERROR && d->span.file == id) n++;
    return n;
}

static int format_stdin(bool check)
{
    shale_compilation *c = NULL;
    if (shale_compilation_new(&c) < 0) return SHALE_EXIT_USAGE;
    uint32_t id = 0;
    int rc = shale_compilation_add_file(c, "-", &id);
    if (rc == SHALE_OK) rc = shale_compilation_parse(c);
    if (rc < 0) {
        shale_cli_print_diagnostics(c, SHALE_OUT_TEXT);
        if (rc == SHALE_ENOMEM) fprintf(stderr, "shale: error: out of memory\n");
        shale_compilation_free(c);
        return SHALE_EXIT_USAGE;
    }
    shale_cli_print_diagnostics(c, SHALE_OUT_TEXT);
    shale_buf out = SHALE_BUF_INIT;
    rc = format_source(c, id, &out);
    int code = SHALE_EXIT_OK;
    if (rc == SHALE_EINVAL) {
        fprintf(stderr, "shale format: error: <stdin> was not formatted: a block is not closed\n");
        code = SHALE_EXIT_INVALID;
    } else if (rc < 0) {
        fprintf(stderr, "shale: error: out of memory\n");
        code = SHALE_EXIT_USAGE;
    } else if (check) {
        shale_source *src = &c->sources[id];
        if (out.len != src->len || memcmp(out.ptr, src->text, out.len) != 0) {
            fprintf(stderr, "<stdin> is not formatted\n");
            code = SHALE_EXIT_INVALID;
        }
    } else {
        fwrite(out.ptr, 1, out.len, stdout);
        if (fflush(stdout) != 0) code = SHALE_EXIT_USAGE;
    }
    shale_buf_free(&out);
    shale_compilation_free(c);
    return code;
}

int shale_cmd_format(int argc, char **argv)
{
    static const struct option opts[] = {
        {"schema", required_argument, NULL, 's'},
        {"check", no_argument, NULL, 'c'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *schema = NULL;
    bool check = false;
    int ch;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
        switch (ch) {
        case 's': schema = optarg; break;
        case 'c': check = true; break;
        case 'h': usage(stdout); return SHALE_EXIT_OK;
        default:
            fprintf(stderr, "shale format: error: unknown or incomplete option `%s`\n", argv[optind - 1]);
            usage(stderr);
            return SHALE_EXIT_USAGE;
        }
    }
    if (optind < argc && strcmp(argv[optind], "-") == 0) {
        if (optind + 1 != argc || schema) {
            fprintf(stderr, "shale format: error: `-` (stdin) cannot be combined with files or --schema\n");
            return SHALE_EXIT_USAGE;
        }
        return format_stdin(check);
    }

    shale_compilation *c = NULL;
    if (shale_compilation_new(&c) < 0) return SHALE_EXIT_USAGE;
    int rc = SHALE_OK;
    if (optind < argc) {
        for (int i = optind; i < argc && rc == SHALE_OK; i++) rc = shale_compilation_add_schema_path(c, argv[i]);
    } else {
        const char *path = shale_cli_find_schema(schema);
        if (!path) {
            shale_compilation_free(c);
            return SHALE_EXIT_USAGE;
        }
        rc = shale_compilation_add_schema_path(c, path);
    }
    if (rc == SHALE_OK) rc = shale_compilation_parse(c);
    shale_cli_print_diagnostics(c, SHALE_OUT_TEXT);
    if (rc < 0) {
        if (rc == SHALE_ENOMEM) fprintf(stderr, "shale: error: out of memory\n");
        shale_compilation_free(c);
        return SHALE_EXIT_USAGE;
    }

    int code = SHALE_EXIT_OK;
    for (uint32_t id = 0; id < c->n_sources; id++) {
        shale_source *src = &c->sources[id];
        if (file_errors(c, id)) {
            /* Diagnostics were printed above; say which files were left alone. */
            fprintf(stderr, "shale format: %s was not rewritten because of syntax errors\n", src->path);
            code = SHALE_EXIT_INVALID;
            continue;
        }
        shale_buf out = SHALE_BUF_INIT;
        rc = format_source(c, id, &out);
        if (rc < 0) {
            fprintf(stderr, "shale: error: out of memory formatting %s\n", src->path);
            shale_buf_free(&out);
            code = SHALE_EXIT_USAGE;
            continue;
        }
        bool same = out.len == src->len && memcmp(out.ptr, src->text, out.len) == 0;
        if (check) {
            if (!same) {
                fprintf(stderr, "%s is not formatted\n", src->path);
                code = SHALE_EXIT_INVALID;
            }
        } else if (!same) {
            if (shale_cli_write_atomic(src->path, out.ptr, out.len) < 0) {
                fprintf(stderr, "shale format: error: could not write %s: %s (the file is unchanged)\n", src->path,
                        strerror(errno));
                code = SHALE_EXIT_USAGE;
            } else {
                printf("Formatted %s\n", src->path);
            }
        }
        shale_buf_free(&out);
    }
    shale_compilation_free(c);
    return code;
}
