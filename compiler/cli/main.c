/* main.c - `shale`: dispatches to the subcommands. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION "0.0.0"
#endif

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} command;

static const command commands[] = {
    {"validate", shale_cmd_validate, "check a schema and report every problem"},
    {"format", shale_cmd_format, "format schema files the way `prisma format` does"},
    {"migrate", shale_cmd_migrate, "migrations: `migrate dev`, `diff`, `deploy`, `status`, `resolve`, `reset`"},
    {"generate", shale_cmd_generate, "C structs and typed queries for the models (generator \"shale-c\")"},
    {"db", shale_cmd_db, "the database: `db start|stop|status` (a development server), `db push`, `db pull`, `db execute`"},
};

static void usage(FILE *to)
{
    fputs("usage: shale <command> [options]\n"
          "\n"
          "shale compiles Prisma-compatible schemas for C programs on PostgreSQL.\n"
          "\n"
          "Commands:\n",
          to);
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        fprintf(to, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fputs("\n"
          "Run `shale <command> --help` for a command's options.\n"
          "  --help      show this help\n"
          "  --version   show the version\n",
          to);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return SHALE_EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        usage(stdout);
        return SHALE_EXIT_OK;
    }
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
        printf("shale %s\n", PACKAGE_VERSION);
        return SHALE_EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (strcmp(cmd, commands[i].name) == 0) return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "shale: error: unknown command `%s`\n\n", cmd);
    usage(stderr);
    return SHALE_EXIT_USAGE;
}
