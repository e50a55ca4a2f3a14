/* cmd_db.c - `shale db start|stop|status`: the project's development PostgreSQL
 * cluster in .shale/pg (compiler/devdb.c does the work). Exit 0 ok, 1 error, 2 usage. */
#include "cli.h"
#include "compiler/common.h"
#include "compiler/devdb.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *to)
{
    fputs("usage: shale db start|stop|status [--dir DIR]\n"
          "       shale db push|pull|execute [options]\n"
          "\n"
          "A PostgreSQL server for development, without Docker, in DIR/.shale/pg (initdb on\n"
          "the first start; the server programs come from $PG_BIN, /usr/lib/postgresql or PATH).\n"
          "It listens on 127.0.0.1 only, on a port chosen once for the project, with trust\n"
          "authentication: for development only.\n"
          "\n"
          "  start   start the server (creating it if needed); prints DATABASE_URL=\"...\" on\n"
          "          stdout, so `eval \"export $(shale db start)\"` sets it in a shell\n"
          "  stop    stop the server (the data stays in .shale/pg)\n"
          "  status  say whether it runs, its data folder and its URL\n"
          "\n"
          "  push     make the database match the schema without migration files (`db push --help`)\n"
          "  pull     write the schema the database has into the schema file (`db pull --help`)\n"
          "  execute  run an SQL script on the database in one transaction (`db execute --help`)\n"
          "\n"
          "  --dir DIR   the project folder that holds .shale/ (default: the current directory)\n"
          "\n"
          "Exit status: 0 ok, 1 error, 2 usage error.\n",
          to);
}

static int report(const char *sub, int rc, char *err)
{
    if (rc == SHALE_ENOMEM || !err) fprintf(stderr, "shale db %s: error: out of memory\n", sub);
    else fprintf(stderr, "shale db %s: error: %s\n", sub, err);
    free(err);
    return SHALE_EXIT_INVALID;
}

static void print_url(const shale_devdb *db)
{
    if (db->url) printf("DATABASE_URL=\"%s\"\n", db->url);
}

static int db_start(const char *dir)
{
    shale_devdb db = SHALE_DEVDB_INIT;
    char *err = NULL;
    int rc = shale_devdb_start(&db, dir, &err);
    if (rc < 0) {
        shale_devdb_free(&db);
        return report("start", rc, err);
    }
    /* Only the URL goes to stdout; the rest is for the person at the terminal. */
    if (db.initialized_now) fprintf(stderr, "Created a PostgreSQL %s cluster in %s.\n", db.version, db.data_dir);
    if (db.was_running)
        fprintf(stderr, "The development database is already running (PostgreSQL %s, port %d).\n", db.version,
                db.port);
    else
        fprintf(stderr, "Started PostgreSQL %s on 127.0.0.1:%d (log: %s/server.log).\n", db.version, db.port, db.dir);
    print_url(&db);
    shale_devdb_free(&db);
    return SHALE_EXIT_OK;
}

static int db_stop(const char *dir)
{
    shale_devdb db = SHALE_DEVDB_INIT;
    char *err = NULL;
    int rc = shale_devdb_stop(&db, dir, &err);
    if (rc < 0) {
        shale_devdb_free(&db);
        return report("stop", rc, err);
    }
    if (!db.created) printf("There is no development database in %s.\n", db.dir);
    else if (db.was_running) printf("Stopped the development database (its data stays in %s).\n", db.data_dir);
    else printf("The development database is not running.\n");
    shale_devdb_free(&db);
    return SHALE_EXIT_OK;
}

static int db_status(const char *dir)
{
    shale_devdb db = SHALE_DEVDB_INIT;
    char *err = NULL;
    int rc = shale_devdb_status(&db, dir, &err);
    if (rc < 0) {
        shale_devdb_free(&db);
        return report("status", rc, err);
    }
    if (!db.created) {
        printf("There is no development database in %s (`shale db start` creates one).\n", db.dir);
    } else {
        if (db.running) printf("The development database is running (PostgreSQL %s, pid %ld).\n", db.version, db.pid);
        else printf("The development database is not running (`shale db start` starts it).\n");
        printf("data folder: %s\n", db.data_dir);
        print_url(&db);
    }
    shale_devdb_free(&db);
    return SHALE_EXIT_OK;
}

int shale_cmd_db(int argc, char **argv)
{
    static const struct option opts[] = {
        {"dir", required_argument, NULL, 'd'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    if (argc < 2) {
        fprintf(stderr, "shale db: error: missing subcommand (start, stop, status, push or execute)\n");
        usage(stderr);
        return SHALE_EXIT_USAGE;
    }
    const char *sub = argv[1];
    if (strcmp(sub, "--help") == 0 || strcmp(sub, "-h") == 0 || strcmp(sub, "help") == 0) {
        usage(stdout);
        return SHALE_EXIT_OK;
    }
    /* push and execute talk to the project's database, with options of their own. */
    if (strcmp(sub, "push") == 0) return shale_cmd_db_push(argc - 1, argv + 1);
    if (strcmp(sub, "pull") == 0) return shale_cmd_db_pull(argc - 1, argv + 1);
    if (strcmp(sub, "execute") == 0) return shale_cmd_db_execute(argc - 1, argv + 1);
    const char *dir = NULL;
    int ch;
    opterr = 0;
    optind = 1;
    /* Options follow the subcommand: getopt sees argv from "start" on. */
    while ((ch = getopt_long(argc - 1, argv + 1, "+h", opts, NULL)) != -1) {
        switch (ch) {
        case 'd': dir = optarg; break;
        case 'h': usage(stdout); return SHALE_EXIT_OK;
        default:
            fprintf(stderr, "shale db: error: unknown or incomplete option `%s`\n", argv[optind]);
            usage(stderr);
            return SHALE_EXIT_USAGE;
        }
    }
    if (optind < argc - 1) {
        fprintf(stderr, "shale db: error: unexpected argument `%s`\n", argv[optind + 1]);
        return SHALE_EXIT_USAGE;
    }
    if (strcmp(sub, "start") == 0) return db_start(dir);
    if (strcmp(sub, "stop") == 0) return db_stop(dir);
    if (strcmp(sub, "status") == 0) return db_status(dir);
    fprintf(stderr, "shale db: error: unknown subcommand `%s` (start, stop, status, push or execute)\n", sub);
    usage(stderr);
    return SHALE_EXIT_USAGE;
}
