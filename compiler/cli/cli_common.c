/* cli_common.c - helpers every `shale` subcommand uses (see cli.h). */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"
#include "compiler/schema.h"

#include "compiler/diag_render.h"
#include "compiler/lower.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *shale_cli_find_schema(const char *opt)
{
    if (opt) return opt;
    static const char *const candidates[] = {"schema.prisma", "prisma/schema.prisma"};
    for (size_t i = 0; i < sizeof candidates / sizeof *candidates; i++) {
        struct stat st;
        if (stat(candidates[i], &st) == 0) return candidates[i];
    }
    fprintf(stderr, "shale: error: no schema found: pass --schema PATH, or create ./schema.prisma or "
                    "./prisma/schema.prisma\n");
    return NULL;
}

bool shale_cli_color(void)
{
    const char *no = getenv("NO_COLOR");
    if (no && *no) return false;
    const char *term = getenv("TERM");
    if (term && strcmp(term, "dumb") == 0) return false;
    return isatty(STDERR_FILENO);
}

void shale_cli_print_diagnostics(shale_compilation *c, shale_out_format fmt)
{
    shale_buf b = SHALE_BUF_INIT;
    int rc = fmt == SHALE_OUT_JSON ? shale_diag_render_json(&b, c) : shale_diag_render_text(&b, c, shale_cli_color());
    if (rc < 0) {
        fprintf(stderr, "shale: error: out of memory while printing diagnostics\n");
    } else {
        FILE *to = fmt == SHALE_OUT_JSON ? stdout : stderr;
        fwrite(b.ptr ? b.ptr : "", 1, b.len, to);
        fflush(to);
    }
    shale_buf_free(&b);
}

int shale_cli_parse_format(const char *cmd, const char *arg, shale_out_format *out)
{
    if (strcmp(arg, "text") == 0) *out = SHALE_OUT_TEXT;
    else if (strcmp(arg, "json") == 0) *out = SHALE_OUT_JSON;
    else {
        fprintf(stderr, "shale %s: error: --format takes `text` or `json`, not `%s`\n", cmd, arg);
        return -1;
    }
    return 0;
}

int shale_cli_write_atomic(const char *path, const char *data, size_t len)
{
    size_t n = strlen(path) + 16;
    char *tmp = malloc(n);
    if (!tmp) {
        errno = ENOMEM;
        return -1;
    }
    snprintf(tmp, n, "%s.XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        int e = errno;
        free(tmp);
        errno = e;
        return -1;
    }
    struct stat st;
    if (stat(path, &st) == 0) (void)fchmod(fd, st.st_mode & 07777);
    size_t off = 0;
    int e = 0;
    while (off < len) {
        ssize_t w = write(fd, data + off, len - off);
        if (w < 0) {
            if (errno == EINTR) continue;
            e = errno;
            break;
        }
        off += (size_t)w;
    }
    if (!e && fsync(fd) != 0) e = errno;
    if (close(fd) != 0 && !e) e = errno;
    if (!e && rename(tmp, path) != 0) e = errno;
    if (e) unlink(tmp);
    free(tmp);
    errno = e;
    return e ? -1 : 0;
}

int shale_cli_load_schema(const char *path, shale_compilation **out_c, struct shale_schema **out_s, bool *io_error)
{
    *out_c = NULL;
    *out_s = NULL;
    *io_error = false;
    shale_compilation *c = NULL;
    if (shale_compilation_new(&c) < 0) {
        fprintf(stderr, "shale: error: out of memory\n");
        return SHALE_EXIT_USAGE;
    }
    int rc = shale_compilation_add_schema_path(c, path);
    if (rc == SHALE_ENOMEM || (rc == SHALE_OK && shale_compilation_parse(c) < 0) ||
        (rc == SHALE_OK && shale_compilation_syntax_errors(c) == 0 && c->diags.n_errors == 0 &&
         shale_schema_resolve(c, out_s) < 0)) {
        fprintf(stderr, "shale: error: out of memory\n");
        shale_compilation_free(c);
        *out_s = NULL;
        return SHALE_EXIT_USAGE;
    }
    *io_error = rc < 0;
    *out_c = c;
    return SHALE_EXIT_OK;
}

shale_ir *shale_cli_lower_schema(const char *cmd, const char *path, const char *what_unchanged,
                                 shale_compilation **out_c, shale_schema **out_s)
{
    shale_schema *schema = NULL;
    bool io_error = false;
    if (out_s) *out_s = NULL;
    if (shale_cli_load_schema(path, out_c, &schema, &io_error) != SHALE_EXIT_OK) return NULL;
    shale_compilation *c = *out_c;
    if (io_error || c->diags.n_errors || !schema) {
        shale_cli_print_diagnostics(c, SHALE_OUT_TEXT);
        fprintf(stderr, "%s: error: `%s` is not a valid schema; %s\n", cmd, path, what_unchanged);
        return NULL;
    }
    if (c->diags.n_warnings) shale_cli_print_diagnostics(c, SHALE_OUT_TEXT);
    shale_ir *ir = NULL;
    int rc = shale_lower(schema, &c->arena, &ir);
    if (rc < 0) {
        /* The lowering refuses two things only: extension arguments it cannot render yet,
         * and two parts of the schema that need the same database object. */
        const char *why = rc == SHALE_ENOMEM ? "out of memory"
                          : schema->datasource && schema->datasource->extension_args
                              ? "extensions with map/schema/version arguments cannot be turned into SQL yet"
                              : "two parts of the schema need the same table, column, index or constraint "
                                "(for example a model mapped to the join table of an implicit many-to-many "
                                "relation); shale cannot turn that into SQL";
        fprintf(stderr, "%s: error: %s: %s; %s\n", cmd, path, why, what_unchanged);
        return NULL;
    }
    if (out_s) *out_s = schema;
    return ir;
}
