/* cmd_generate.c - `shale generate`: C structs and typed queries for a schema's
 * models (codegen/). Reads the schema's `generator ... { provider = "shale-c" }`
 * blocks for where to write and which prefix to use; --out and --prefix override
 * them. A file whose content would not change is left alone (its mtime too), so
 * make(1) does not rebuild what includes it. Exit 0 done, 1 invalid schema or error,
 * 2 usage. */
#include "cli.h"
#include "codegen/codegen.h"
#include "compiler/lower.h"
#include "compiler/schema.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void usage(FILE *to)
{
    fputs("usage: shale generate [--schema PATH] [--out DIR] [--prefix PREFIX]\n"
          "\n"
          "Writes C code for the schema's models: PREFIX.h (structs, filters, typed query\n"
          "functions) and PREFIX.c, to link with libshale (`pkg-config --cflags --libs shale`).\n"
          "The schema says where, in a generator block:\n"
          "\n"
          "  generator c {\n"
          "    provider = \"shale-c\"\n"
          "    output   = \"../gen\"   // relative to the schema file\n"
          "    prefix   = \"db\"       // the default: db.h, db.c, db_user, DB_USER_FIELD_ID\n"
          "  }\n"
          "\n"
          "Files whose content is unchanged are not rewritten.\n"
          "\n"
          "  --schema PATH    a .prisma file, or a folder whose .prisma files form one\n"
          "                   schema (default: ./schema.prisma, then ./prisma/schema.prisma)\n"
          "  --out DIR        write to DIR instead of the generator's output\n"
          "  --prefix PREFIX  the prefix of file and C names instead of the generator's\n"
          "\n"
          "Exit status: 0 done, 1 invalid schema or error, 2 usage error.\n",
          to);
}

/* mkdir -p: every missing folder of `dir`. Returns 0, or -1 with errno. */
static int make_dirs(const char *dir)
{
    size_t n = strlen(dir);
    char *p = malloc(n + 1);
    if (!p) return -1;
    memcpy(p, dir, n + 1);
    int rc = 0;
    for (size_t i = 1; i <= n && rc == 0; i++) {
        if (p[i] != '/' && p[i] != '\0') continue;
        char keep = p[i];
        p[i] = '\0';
        struct stat st;
        if (stat(p, &st) != 0) {
            if (mkdir(p, 0777) != 0 && errno != EEXIST) rc = -1;
        } else if (!S_ISDIR(st.st_mode)) {
            errno = ENOTDIR;
            rc = -1;
        }
        p[i] = keep;
    }
    int e = errno;
    free(p);
    errno = e;
    return rc;
}

/* True when `path` holds exactly `len` bytes `data`. */
static bool same_content(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return false;
    bool same = true;
    char buf[8192];
    size_t off = 0, got;
    while (same && (got = fread(buf, 1, sizeof buf, f)) > 0) {
        if (off + got > len || memcmp(buf, data + off, got) != 0) same = false;
        off += got;
    }
    same = same && !ferror(f) && off == len;
    fclose(f);
    return same;
}

static int write_one(const char *dir, const char *prefix, const char *ext, const shale_buf *b)
{
    size_t n = strlen(dir) + strlen(prefix) + strlen(ext) + 2;
    char *path = malloc(n);
    if (!path) {
        fprintf(stderr, "shale generate: error: out of memory\n");
        return -1;
    }
    snprintf(path, n, "%s/%s%s", dir, prefix, ext);
    const char *data = b->ptr ? b->ptr : "";
    int rc = 0;
    if (same_content(path, data, b->len)) {
        printf("unchanged %s\n", path);
    } else if (shale_cli_write_atomic(path, data, b->len) != 0) {
        fprintf(stderr, "shale generate: error: cannot write `%s`: %s\n", path, strerror(errno));
        rc = -1;
    } else {
        printf("wrote %s\n", path);
    }
    free(path);
    return rc;
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s && s[1] ? s + 1 : path;
}

/* One header and source into `dir`. */
static int generate(shale_schema *s, shale_ir *ir, const char *dir, const char *prefix, const char *schema_path)
{
    shale_buf h = SHALE_BUF_INIT, c = SHALE_BUF_INIT;
    shale_codegen_options o = {prefix, base_name(schema_path)};
    int rc = shale_codegen_emit(s, ir, &o, &h, &c);
    int out = SHALE_EXIT_INVALID;
    if (rc == SHALE_ENOMEM) {
        fprintf(stderr, "shale generate: error: out of memory\n");
    } else if (rc < 0) {
        shale_cli_print_diagnostics(s->comp, SHALE_OUT_TEXT);
        fprintf(stderr, "shale generate: error: nothing was generated\n");
    } else if (make_dirs(dir) != 0) {
        fprintf(stderr, "shale generate: error: cannot create the output folder `%s`: %s\n", dir, strerror(errno));
    } else if (write_one(dir, prefix, ".h", &h) == 0 && write_one(dir, prefix, ".c", &c) == 0) {
        out = SHALE_EXIT_OK;
    }
    shale_buf_free(&h);
    shale_buf_free(&c);
    return out;
}

int shale_cmd_generate(int argc, char **argv)
{
    static const struct option opts[] = {
        {"schema", required_argument, NULL, 's'},
        {"out", required_argument, NULL, 'o'},
        {"prefix", required_argument, NULL, 'p'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *schema = NULL, *out_dir = NULL, *prefix = NULL;
    int ch;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, "+ho:", opts, NULL)) != -1) {
        switch (ch) {
        case 's': schema = optarg; break;
        case 'o': out_dir = optarg; break;
        case 'p': prefix = optarg; break;
        case 'h': usage(stdout); return SHALE_EXIT_OK;
        default:
            fprintf(stderr, "shale generate: error: unknown or incomplete option `%s`\n", argv[optind - 1]);
            usage(stderr);
            return SHALE_EXIT_USAGE;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "shale generate: error: unexpected argument `%s` (use --schema PATH)\n", argv[optind]);
        return SHALE_EXIT_USAGE;
    }
    if (out_dir && !*out_dir) {
        fprintf(stderr, "shale generate: error: --out needs a folder\n");
        return SHALE_EXIT_USAGE;
    }
    if (prefix && !shale_codegen_prefix_ok(prefix)) {
        fprintf(stderr,
                "shale generate: error: the prefix `%s` cannot start C names: use lower-case letters, digits and "
                "`_`, starting with a letter (at most 32)\n",
                prefix);
        return SHALE_EXIT_USAGE;
    }
    const char *path = shale_cli_find_schema(schema);
    if (!path) return SHALE_EXIT_USAGE;

    shale_compilation *c = NULL;
    shale_schema *s = NULL;
    bool io_error = false;
    if (shale_cli_load_schema(path, &c, &s, &io_error) != SHALE_EXIT_OK) return SHALE_EXIT_USAGE;
    int exit_code = SHALE_EXIT_INVALID;
    shale_codegen_target *targets = NULL;
    size_t n_targets = 0;
    shale_ir *ir = NULL;
    if (io_error || c->diags.n_errors || !s) {
        shale_cli_print_diagnostics(c, SHALE_OUT_TEXT);
        fprintf(stderr, "shale generate: error: `%s` is not a valid schema; nothing was generated\n", path);
        goto done;
    }
    if (shale_codegen_find(c, &targets, &n_targets) < 0) {
        fprintf(stderr, "shale generate: error: out of memory\n");
        goto done;
    }
    if (n_targets == 0 && !out_dir) {
        shale_span top = {0, 0, 0};
        shale_diag *d = shale_diag_report(&c->diags, SHALE_SEV_ERROR, SHALE_E_CODEGEN_NONE, top,
                                          "the schema has no generator with provider = \"%s\"",
                                          SHALE_CODEGEN_PROVIDER);
        shale_diag_set_help(&c->diags, d,
                            "add `generator c { provider = \"%s\" output = \"./gen\" }`, or pass --out DIR",
                            SHALE_CODEGEN_PROVIDER);
    }
    for (size_t i = 0; !out_dir && i < n_targets; i++)
        if (!targets[i].output) {
            shale_diag *d = shale_diag_report(&c->diags, SHALE_SEV_ERROR, SHALE_E_CODEGEN_CONFIG, targets[i].span,
                                              "generator `%.*s` has no `output`", (int)targets[i].name.len,
                                              targets[i].name.ptr);
            shale_diag_set_help(&c->diags, d, "add `output = \"./gen\"` (relative to the schema file), or pass --out DIR");
        }
    if (c->diags.n_errors) {
        shale_cli_print_diagnostics(c, SHALE_OUT_TEXT);
        fprintf(stderr, "shale generate: error: nothing was generated\n");
        goto done;
    }
    if (c->diags.n_warnings) shale_cli_print_diagnostics(c, SHALE_OUT_TEXT);
    int rc = shale_lower(s, &c->arena, &ir);
    if (rc < 0) {
        fprintf(stderr, "shale generate: error: %s: %s\n", path,
                rc == SHALE_ENOMEM ? "out of memory" : "this schema uses something shale cannot lower yet");
        goto done;
    }
    exit_code = SHALE_EXIT_OK;
    if (out_dir) {
        const char *p = prefix ? prefix : n_targets && targets[0].prefix ? targets[0].prefix
                                                                           : SHALE_CODEGEN_DEFAULT_PREFIX;
        exit_code = generate(s, ir, out_dir, p, path);
    } else {
        for (size_t i = 0; i < n_targets && exit_code == SHALE_EXIT_OK; i++) {
            const char *p = prefix ? prefix : targets[i].prefix ? targets[i].prefix : SHALE_CODEGEN_DEFAULT_PREFIX;
            exit_code = generate(s, ir, targets[i].output, p, path);
        }
    }
done:
    shale_compilation_free(c);
    return exit_code;
}
