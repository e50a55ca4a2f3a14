/* cmd_db_pull.c - `shale db pull`: introspect the database and write the schema it has,
 * as `prisma db pull` does (compiler/pull.c does the work). The schema file keeps its
 * datasource and generator blocks. An existing file that validates is merged with the
 * database (re-introspection: its names, documentation, client-side defaults... are
 * kept); with --force the models and enums come from the database alone. A file that
 * does not validate cannot be merged: it is only overwritten with --force. */
#include "cli.h"
#include "compiler/introspect.h"
#include "compiler/pull.h"
#include "compiler/schema.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void usage(FILE *to)
{
    fputs("usage: shale db pull [--schema PATH] [--url URL] [--print] [--force]\n"
          "\n"
          "Reads the database's tables, enums, keys, indexes and foreign keys and writes them\n"
          "as a schema, the way `prisma db pull` does.\n"
          "\n"
          "  --schema PATH  the schema file to write (default: ./schema.prisma, then\n"
          "                 ./prisma/schema.prisma; ./schema.prisma when neither exists);\n"
          "                 its datasource and generator blocks are kept\n"
          "  --url URL      the database (default: DATABASE_URL, or .env beside the schema)\n"
          "  --print        print the schema on stdout and write nothing\n"
          "  --force        do not merge with the schema file's models and enums: names\n"
          "                 come from the database alone (without it, the names, @map,\n"
          "                 documentation, @ignore and client-side defaults of a file that\n"
          "                 validates are kept)\n"
          "\n"
          "Exit status: 0 written (or printed), 1 error, 2 usage error.\n",
          to);
}

/* The whole file at `path`: 0 with *out (caller frees), 1 when it does not exist, -1
 * after printing why it cannot be read. */
static int read_whole(const char *cmd, const char *path, char **out, size_t *len)
{
    struct stat st;
    *out = NULL;
    *len = 0;
    if (stat(path, &st) != 0) {
        if (errno == ENOENT) return 1;
        fprintf(stderr, "%s: error: %s: %s\n", cmd, path, strerror(errno));
        return -1;
    }
    if (S_ISDIR(st.st_mode)) {
        fprintf(stderr, "%s: error: %s is a folder; db pull writes one schema file: pass --schema FILE\n", cmd, path);
        return -1;
    }
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "%s: error: %s: %s\n", cmd, path, strerror(errno));
        return -1;
    }
    shale_buf b = SHALE_BUF_INIT;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) shale_buf_put(&b, chunk, n);
    bool bad = ferror(f) != 0;
    fclose(f);
    if (bad || b.oom) {
        fprintf(stderr, "%s: error: %s: %s\n", cmd, path, bad ? "read error" : "out of memory");
        shale_buf_free(&b);
        return -1;
    }
    *out = shale_buf_detach(&b, len);
    if (!*out) *out = calloc(1, 1);
    return *out ? 0 : -1;
}

int shale_cmd_db_pull(int argc, char **argv)
{
    static const struct option lo[] = {
        {"schema", required_argument, NULL, 's'}, {"url", required_argument, NULL, 'u'},
        {"print", no_argument, NULL, 'p'},        {"force", no_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0},
    };
    const char *cmd = "shale db pull", *schema_opt = NULL, *url_opt = NULL;
    bool print = false, force = false;
    int ch;
    opterr = 0;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "+h", lo, NULL)) != -1) {
        switch (ch) {
        case 's': schema_opt = optarg; break;
        case 'u': url_opt = optarg; break;
        case 'p': print = true; break;
        case 'f': force = true; break;
        case 'h': usage(stdout); return SHALE_EXIT_OK;
        default:
            fprintf(stderr, "%s: error: unknown or incomplete option `%s`\n", cmd, argv[optind - 1]);
            usage(stderr);
            return SHALE_EXIT_USAGE;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "%s: error: unexpected argument `%s`\n", cmd, argv[optind]);
        return SHALE_EXIT_USAGE;
    }
    const char *path = schema_opt ? schema_opt : shale_cli_find_schema_quiet();
    if (!path) path = "schema.prisma";

    int status = SHALE_EXIT_INVALID;
    char *existing = NULL, *err = NULL, *url_schema = NULL;
    size_t existing_len = 0;
    PGconn *conn = NULL;
    shale_arena arena;
    shale_arena_init(&arena);
    shale_buf out = SHALE_BUF_INIT, warnings = SHALE_BUF_INIT;
    shale_pull_config cfg;
    bool have_cfg = false;
    shale_compilation *comp = NULL;
    shale_schema *previous = NULL;

    int r = read_whole(cmd, path, &existing, &existing_len);
    if (r < 0) goto done;
    if (r == 0) {
        int rc = shale_pull_config_read(&cfg, &arena, path, existing, existing_len, &err);
        if (rc != SHALE_OK) {
            fprintf(stderr, "%s: error: %s\n", cmd, err ? err : "out of memory");
            goto done;
        }
        have_cfg = true;
        if (!force && cfg.n_models + cfg.n_enums > 0) {
            /* Re-introspection needs the file resolved without errors (Prisma refuses
             * one that does not validate). */
            bool io_error = false;
            shale_schema *s = NULL;
            if (shale_cli_load_schema(path, &comp, &s, &io_error) != SHALE_EXIT_OK) goto done;
            size_t n_err = comp->diags.n_errors;
            if (s && n_err == 0 && !io_error) {
                previous = s;
            } else {
                fprintf(stderr,
                        "%s: warning: %s does not validate (%zu error%s; `shale validate` shows them): its models "
                        "and enums cannot be merged with the database%s\n",
                        cmd, path, n_err, n_err == 1 ? "" : "s",
                        print ? "; printing what --force writes (names from the database alone)" : "");
                if (!print) {
                    fprintf(stderr,
                            "%s: error: %s already has %u model%s and %u enum%s: fix the errors, or run with --force "
                            "to overwrite the file (its datasource and generator blocks are kept; names chosen in it "
                            "are lost), or with --print to see the result.\n",
                            cmd, path, cfg.n_models, cfg.n_models == 1 ? "" : "s", cfg.n_enums,
                            cfg.n_enums == 1 ? "" : "s");
                    goto done;
                }
            }
        }
    }

    if (shale_cli_open_db(cmd, url_opt, path, &conn, &url_schema) != 0) goto done;
    shale_str dflt = {url_schema, strlen(url_schema)};
    const shale_str *schemas = have_cfg && cfg.n_schemas ? cfg.schemas : &dflt;
    uint32_t n_schemas = have_cfg && cfg.n_schemas ? cfg.n_schemas : 1;
    shale_ir *ir = NULL;
    if (shale_introspect(conn, schemas, n_schemas, dflt, &arena, &ir, &err) != 0) {
        fprintf(stderr, "%s: error: reading the database's schema: %s\n", cmd, err ? err : "out of memory");
        goto done;
    }

    shale_pull_options opts = SHALE_PULL_OPTIONS_INIT;
    opts.config = have_cfg ? &cfg : NULL;
    opts.previous = previous;
    shale_pull_result res;
    int rc = shale_pull_render(&out, ir, &opts, &warnings, &res);
    if (rc == SHALE_ENOTFOUND) {
        fprintf(stderr, "%s: error: the database schema is empty: ", cmd);
        for (uint32_t i = 0; i < n_schemas; i++)
            fprintf(stderr, "%s\"%.*s\"", i ? ", " : "", (int)schemas[i].len, schemas[i].ptr);
        fprintf(stderr, " %s no tables and no enums\n", n_schemas == 1 ? "has" : "have");
        goto done;
    }
    if (rc != SHALE_OK) {
        fprintf(stderr, "%s: error: %s\n", cmd,
                rc == SHALE_ENOMEM ? "out of memory"
                                   : "the schema written for this database does not parse (a bug in shale: please "
                                     "report it with the database's DDL)");
        goto done;
    }
    if (warnings.len) {
        fputs("Warnings:\n", stderr);
        for (size_t i = 0; i < warnings.len;) {
            const char *nl = memchr(warnings.ptr + i, '\n', warnings.len - i);
            size_t end = nl ? (size_t)(nl - warnings.ptr) : warnings.len;
            fprintf(stderr, "  - %.*s\n", (int)(end - i), warnings.ptr + i);
            i = end + 1;
        }
    }
    if (print) {
        fwrite(out.ptr, 1, out.len, stdout);
        if (fflush(stdout) != 0) goto done;
    } else {
        if (shale_cli_write_atomic(path, out.ptr, out.len) < 0) {
            fprintf(stderr, "%s: error: could not write %s: %s\n", cmd, path, strerror(errno));
            goto done;
        }
        printf("Introspected %u model%s and %u enum%s and wrote them into %s\n", res.n_models,
               res.n_models == 1 ? "" : "s", res.n_enums, res.n_enums == 1 ? "" : "s", path);
    }
    status = SHALE_EXIT_OK;
done:
    if (conn) PQfinish(conn);
    shale_compilation_free(comp);
    free(existing);
    free(err);
    free(url_schema);
    shale_buf_free(&out);
    shale_buf_free(&warnings);
    shale_arena_free(&arena);
    return status;
}
