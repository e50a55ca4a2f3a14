/* cmd_migrate.c - `shale migrate diff`: the SQL that takes one schema state to
 * another. Today the source can be empty and the target a schema (the creation
 * script); comparing two non-empty states needs the differ, and database or
 * migrations-folder sources need the migration engine: both are refused with a
 * clear message until they exist. */
#include "cli.h"
#include "compiler/buf.h"
#include "compiler/lower.h"
#include "compiler/schema.h"
#include "compiler/sql_render.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void diff_usage(FILE *to)
{
    fputs("usage: shale migrate diff --from-empty --to-schema PATH [--script] [--exit-code] [-o FILE]\n"
          "\n"
          "Prints what it takes to go from one schema state to another: with --script, the\n"
          "PostgreSQL SQL (the same bytes `prisma migrate diff --script` prints); without it,\n"
          "a summary of the added tables, enums, indexes and foreign keys.\n"
          "\n"
          "  --from-empty          start from an empty database\n"
          "  --to-schema PATH      end at this schema (a .prisma file or a folder)\n"
          "  --script              print SQL instead of a summary\n"
          "  --exit-code           exit 0 when there is no difference, 2 when there is one\n"
          "  -o, --output FILE     write to FILE instead of stdout\n"
          "\n"
          "Not available yet: --from-schema and --to-empty (they need the differ), and\n"
          "--from-migrations, --from-url, --to-url, --shadow-database-url (they need the\n"
          "migration engine).\n"
          "\n"
          "Exit status: 0 done, 1 invalid schema or error, 2 usage error; with --exit-code:\n"
          "0 no difference, 2 a difference, 1 any error.\n",
          to);
}

/* Prisma's human summary of a creation script: schemas, enums, tables, then per
 * table (sorted by name) its indexes and foreign keys. */
static void put_name(shale_buf *out, shale_str s) { shale_buf_put(out, s.ptr, s.len); }

static int cmp_table_name(const void *a, const void *b)
{
    return shale_str_cmp((*(const shale_ir_table *const *)a)->name, (*(const shale_ir_table *const *)b)->name);
}

static void render_summary(shale_buf *out, const shale_ir *ir)
{
    if (ir->n_namespaces) {
        shale_buf_puts(out, "\n[+] Added Schemas\n");
        for (uint32_t i = 0; i < ir->n_namespaces; i++) {
            shale_buf_puts(out, "  - ");
            put_name(out, ir->namespaces[i].name);
            shale_buf_putc(out, '\n');
        }
    }
    if (ir->n_enums) {
        shale_buf_puts(out, "\n[+] Added enums\n");
        for (uint32_t i = 0; i < ir->n_enums; i++) {
            shale_buf_puts(out, "  - ");
            put_name(out, ir->enums[i].name);
            shale_buf_putc(out, '\n');
        }
    }
    if (ir->n_tables) {
        shale_buf_puts(out, "\n[+] Added tables\n");
        for (uint32_t i = 0; i < ir->n_tables; i++) {
            shale_buf_puts(out, "  - ");
            put_name(out, ir->tables[i].name);
            shale_buf_putc(out, '\n');
        }
    }
    /* Then each table that gained indexes or foreign keys, by name. */
    const shale_ir_table **sorted = ir->n_tables ? calloc(ir->n_tables, sizeof *sorted) : NULL;
    if (ir->n_tables && !sorted) {
        out->oom = true;
        return;
    }
    for (uint32_t i = 0; i < ir->n_tables; i++) sorted[i] = &ir->tables[i];
    if (ir->n_tables) qsort(sorted, ir->n_tables, sizeof *sorted, cmp_table_name);
    for (uint32_t i = 0; i < ir->n_tables; i++) {
        const shale_ir_table *t = sorted[i];
        if (!t->n_indexes && !t->n_fks) continue;
        shale_buf_puts(out, "\n[*] Changed the `");
        put_name(out, t->name);
        shale_buf_puts(out, "` table\n");
        for (uint32_t k = 0; k < t->n_indexes; k++) {
            const shale_ir_index *ix = &t->indexes[k];
            shale_buf_printf(out, "  [+] Added %sindex on columns (", ix->unique ? "unique " : "");
            for (uint32_t c = 0; c < ix->n_columns; c++) {
                if (c) shale_buf_puts(out, ", ");
                put_name(out, t->columns[ix->columns[c].column].name);
            }
            shale_buf_puts(out, ")\n");
        }
        for (uint32_t k = 0; k < t->n_fks; k++) {
            const shale_ir_foreign_key *fk = &t->fks[k];
            shale_buf_puts(out, "  [+] Added foreign key on columns (");
            for (uint32_t c = 0; c < fk->n_columns; c++) {
                if (c) shale_buf_puts(out, ", ");
                put_name(out, t->columns[fk->columns[c]].name);
            }
            shale_buf_puts(out, ")\n");
        }
    }
    free(sorted);
}

static int write_output(const char *path, const shale_buf *b)
{
    if (!path) {
        if (b->len && fwrite(b->ptr, 1, b->len, stdout) != b->len) return -1;
        return fflush(stdout);
    }
    return shale_cli_write_atomic(path, b->ptr ? b->ptr : "", b->len);
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
        case 'm':
        case 'u':
        case 'U':
        case 'S':
            fprintf(stderr,
                    "shale migrate diff: error: `%s` needs the migration engine, which shale does not have yet; "
                    "compare schema files instead (--from-empty --to-schema PATH)\n",
                    argv[optind - 1]);
            return usage_exit;
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
    if ((from_empty ? 1 : 0) + (from_schema ? 1 : 0) != 1 || (to_empty ? 1 : 0) + (to_schema ? 1 : 0) != 1) {
        fprintf(stderr, "shale migrate diff: error: give exactly one source (--from-empty or --from-schema PATH) and "
                        "one target (--to-empty or --to-schema PATH)\n");
        return usage_exit;
    }
    if (from_schema || to_empty) {
        fprintf(stderr, "shale migrate diff: error: comparing two schema states needs the differ, which shale does not "
                        "have yet; only --from-empty --to-schema PATH (the creation script) works today\n");
        return usage_exit;
    }

    shale_compilation *c = NULL;
    shale_schema *schema = NULL;
    bool io_error = false;
    if (shale_cli_load_schema(to_schema, &c, &schema, &io_error) != SHALE_EXIT_OK) return SHALE_EXIT_INVALID;
    if (io_error || c->diags.n_errors || !schema) {
        shale_cli_print_diagnostics(c, SHALE_OUT_TEXT);
        fprintf(stderr, "shale migrate diff: error: `%s` is not a valid schema; nothing was compared\n", to_schema);
        shale_compilation_free(c);
        return SHALE_EXIT_INVALID;
    }
    if (c->diags.n_warnings) shale_cli_print_diagnostics(c, SHALE_OUT_TEXT);
    shale_ir *ir = NULL;
    shale_buf out = SHALE_BUF_INIT;
    int rc = shale_lower(schema, &c->arena, &ir);
    bool empty = rc == SHALE_OK && ir->n_tables == 0 && ir->n_enums == 0 && ir->n_namespaces == 0 &&
                 ir->n_extensions == 0;
    if (rc == SHALE_OK) {
        if (script) rc = shale_sql_render_create(&out, ir);
        else if (empty) shale_buf_puts(&out, "No difference detected.\n");
        else render_summary(&out, ir);
        if (out.oom) rc = SHALE_ENOMEM;
    }
    if (rc < 0) {
        fprintf(stderr, "shale migrate diff: error: %s\n",
                rc == SHALE_ENOMEM ? "out of memory"
                                   : "this schema uses something the creation script cannot express yet (extensions "
                                     "with map/schema/version arguments)");
        shale_buf_free(&out);
        shale_compilation_free(c);
        return SHALE_EXIT_INVALID;
    }
    int status = SHALE_EXIT_OK;
    if (write_output(output, &out) < 0) {
        fprintf(stderr, "shale migrate diff: error: could not write %s: %s\n", output ? output : "stdout",
                strerror(errno));
        status = SHALE_EXIT_INVALID;
    } else if (exit_code_flag && !empty) {
        status = 2; /* Prisma's --exit-code: 2 means "there is a difference" */
    }
    shale_buf_free(&out);
    shale_compilation_free(c);
    return status;
}

static void usage(FILE *to)
{
    fputs("usage: shale migrate <subcommand> [options]\n"
          "\n"
          "Subcommands:\n"
          "  diff    print the SQL (or a summary) that takes one schema state to another\n"
          "\n"
          "Run `shale migrate diff --help` for its options.\n",
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
    fprintf(stderr, "shale migrate: error: unknown subcommand `%s`\n", argv[1]);
    usage(stderr);
    return SHALE_EXIT_USAGE;
}
