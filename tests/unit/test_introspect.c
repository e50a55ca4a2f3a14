/* test_introspect.c - introspection (compiler/introspect.c) against a real PostgreSQL.
 *
 * The round trip: for every tests/golden/{ir,create}/<case>.prisma, a fresh database is
 * made (CREATE DATABASE ... TEMPLATE template0) and <case>.sql, Prisma's creation
 * script for the schema, is run in it; the database is introspected and diffed against
 * the IR lowered from <case>.prisma, both ways, and both scripts must be
 * "-- This is an empty migration.\n". Then databases with what the IR cannot hold
 * (views, CHECK and EXCLUDE constraints, odd types, partitions, expression indexes,
 * ...) must introspect without error, defaults must parse into the lowering's forms,
 * and a failing query must come back as SHALE_EIO with PostgreSQL's message.
 *
 * Needs SHALE_TEST_DATABASE_URL (a server where the user may create databases), e.g.
 *     eval "$(tests/pg.sh start)"; tests/unit/test_introspect; tests/pg.sh stop
 * and skips without it. The golden folder is found through $SRCDIR or this file's path.
 */
#include "compiler/arena.h"
#include "runtime/buf.h"
#include "compiler/compilation.h"
#include "compiler/diff.h"
#include "compiler/diff_render.h"
#include "compiler/introspect.h"
#include "compiler/lower.h"
#include "compiler/schema.h"
#include "tap.h"

#include <dirent.h>
#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char EMPTY[] = "-- This is an empty migration.\n";

static const char *base_url;

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    shale_buf b = SHALE_BUF_INIT;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) shale_buf_put(&b, chunk, n);
    fclose(f);
    if (!b.ptr) shale_buf_put(&b, "", 0), shale_buf_putc(&b, '\0'), b.len = 0;
    return shale_buf_detach(&b, len);
}

/* The source tree's tests/golden folder. */
static void golden_dir(char *out, size_t n, const char *area)
{
    const char *src = getenv("SRCDIR");
    if (src) {
        snprintf(out, n, "%s/tests/golden/%s", src, area);
        return;
    }
    /* __FILE__ is .../tests/unit/test_introspect.c, relative to the build folder or absolute. */
    const char *file = __FILE__;
    const char *cut = strstr(file, "tests/unit/test_introspect.c");
    int prefix = cut ? (int)(cut - file) : 0;
    snprintf(out, n, "%.*stests/golden/%s", prefix, file, area);
}

/* ---- databases ------------------------------------------------------------------------ */

static PGconn *connect_to(const char *db)
{
    const char *keys[] = {"dbname", "dbname", "options", NULL};
    const char *vals[] = {base_url, db, "-c client_min_messages=warning", NULL};
    PGconn *c = PQconnectdbParams(keys, vals, 1);
    if (PQstatus(c) != CONNECTION_OK) {
        printf("# cannot connect to %s: %s", db ? db : "the server", PQerrorMessage(c));
        PQfinish(c);
        return NULL;
    }
    return c;
}

/* Runs `sql`; prints PostgreSQL's message and returns false on failure. */
static bool run(PGconn *c, const char *sql)
{
    PGresult *r = PQexec(c, sql);
    ExecStatusType st = PQresultStatus(r);
    bool ok = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK;
    if (!ok) printf("# SQL failed: %s", PQresultErrorMessage(r));
    PQclear(r);
    return ok;
}

static PGconn *admin;
static unsigned db_seq;

/* A fresh database and a connection to it; *name receives its name. */
static PGconn *fresh_db(char *name, size_t n)
{
    snprintf(name, n, "shale_introspect_%ld_%u", (long)getpid(), db_seq++);
    char sql[256];
    snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS \"%s\"", name);
    if (!run(admin, sql)) return NULL;
    snprintf(sql, sizeof sql, "CREATE DATABASE \"%s\" TEMPLATE template0", name);
    if (!run(admin, sql)) return NULL;
    return connect_to(name);
}

static void drop_db(PGconn *c, const char *name)
{
    PQfinish(c);
    char sql[256];
    snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS \"%s\"", name);
    run(admin, sql);
}

/* ---- schemas ---------------------------------------------------------------------------- */

typedef struct lowered {
    shale_compilation *comp;
    shale_ir *ir;
} lowered;

static bool lower_text(lowered *out, const char *name, const char *text, size_t len)
{
    shale_schema *schema = NULL;
    out->comp = NULL;
    out->ir = NULL;
    int rc = shale_compilation_new(&out->comp);
    if (rc == SHALE_OK) rc = shale_compilation_add_source(out->comp, name, text, len, NULL);
    if (rc == SHALE_OK) rc = shale_compilation_parse(out->comp);
    if (rc == SHALE_OK && (shale_compilation_syntax_errors(out->comp) || out->comp->diags.n_errors)) rc = 1;
    if (rc == SHALE_OK) rc = shale_schema_resolve(out->comp, &schema);
    if (rc == SHALE_OK && out->comp->diags.n_errors) rc = 1;
    if (rc == SHALE_OK) rc = shale_lower(schema, &out->comp->arena, &out->ir);
    return rc == SHALE_OK && out->ir;
}

/* The migration from `from` to `to` as a script; caller frees. */
static char *script(const shale_ir *from, const shale_ir *to)
{
    shale_arena a;
    shale_arena_init(&a);
    shale_diff *d = NULL;
    shale_buf out = SHALE_BUF_INIT;
    int rc = shale_diff_compute(&d, from, to, &a);
    if (rc == SHALE_OK)
        rc = shale_diff_render_script(&out, d);
    else
        shale_buf_printf(&out, "(shale_diff_compute failed: %d)\n", rc);
    shale_arena_free(&a);
    char *s = shale_buf_detach(&out, NULL);
    return s ? s : strdup("(out of memory)");
}

static void print_indented(const char *text)
{
    const char *p = text;
    while (*p) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        printf("#   %.*s\n", (int)n, p);
        p += n + (e ? 1 : 0);
    }
}

/* Cases whose creation script PostgreSQL rejects; tests/create.sh keeps the same list. */
static const char *known_invalid(const char *name)
{
    if (strcmp(name, "indexes") == 0) return "Prisma renders a sort order (DESC) on a BRIN index column";
    if (strcmp(name, "odd_names") == 0) return "Prisma does not double quotes inside quoted identifiers";
    return NULL;
}

/* Cases that do not diff empty for reasons outside introspection, with the direction
 * ("forward": database -> schema, "back": schema -> database). Prisma's engine prints
 * the same scripts for all but the operator classes (checked with
 * ../shared/oracle/diff.mjs postgresql://... <case>.prisma). A case listed here that
 * diffs empty fails, so the list shrinks when the cause is fixed. */
static const char *known_difference(const char *area, const char *name, bool forward)
{
    static const struct {
        const char *area, *name;
        int dir; /* 1 forward, 2 back, 3 both */
        const char *why;
    } known[] = {
        {"ir", "enums_defaults", 1,
         "dbgenerated(\"point(1,2)\") is not the text PostgreSQL keeps (point((1)::double precision, ...))"},
        {"ir", "enums_defaults", 2,
         "dbgenerated(\"point(1,2)\") is not the text PostgreSQL keeps; dbgenerated() without an argument "
         "matches only as the next state (Prisma's rule)"},
        {"ir", "long_names", 3,
         "PostgreSQL cuts names to 63 bytes (_AB_pkey -> _AB_pke); lowering and the differ keep them whole"},
        {"create", "client_side_defaults", 2,
         "dbgenerated() without an argument matches only as the next state (Prisma's rule)"},
        {"create", "default_literal_forms", 3, "dbgenerated(\"1 + 1\") is kept by PostgreSQL as (1 + 1)"},
        {"create", "index_methods_and_ops", 3,
         "ops: TextOps and TimestampTzMinMaxOps are the default classes, which the database does not tell apart "
         "from none; the IR has no is-default flag for an operator class"},
        {"create", "unsupported_fields", 3,
         "dbgenerated(\"point(0, 0)\") is kept by PostgreSQL as point((0)::double precision, ...)"},
    };
    for (size_t i = 0; i < sizeof known / sizeof *known; i++)
        if (strcmp(known[i].area, area) == 0 && strcmp(known[i].name, name) == 0 && (known[i].dir & (forward ? 1 : 2)))
            return known[i].why;
    return NULL;
}

/* Expects the script to be empty, or a known difference. */
static void expect_empty(const char *area, const char *name, bool forward, const char *got)
{
    const char *dir = forward ? "database -> schema" : "schema -> database";
    const char *why = known_difference(area, name, forward);
    bool empty = strcmp(got, EMPTY) == 0;
    if (why && !empty) {
        CHECK(1, "# SKIP %s/%s: %s diff: known difference: %s", area, name, dir, why);
    } else if (why) {
        CHECK(0, "%s/%s: %s diff is empty now: remove it from known_difference()", area, name, dir);
    } else {
        CHECK(empty, "%s/%s: %s diff is empty", area, name, dir);
        if (!empty) print_indented(got);
    }
}

static int cmp_names(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* One golden case: apply, introspect, diff both ways. */
static void round_trip(const char *area, const char *dir, const char *name)
{
    char path[8192];
    size_t plen = 0, slen = 0;
    char *sql = NULL, *prisma = NULL;
    if (snprintf(path, sizeof path, "%s/%s.sql", dir, name) < (int)sizeof path) sql = read_file(path, &slen);
    if (snprintf(path, sizeof path, "%s/%s.prisma", dir, name) < (int)sizeof path) prisma = read_file(path, &plen);
    const char *why = known_invalid(name);
    if (why) {
        CHECK(1, "# SKIP %s/%s: %s", area, name, why);
        free(prisma);
        free(sql);
        return;
    }
    lowered schema;
    bool ok = prisma && sql && lower_text(&schema, path, prisma, plen);
    CHECK(ok, "%s/%s: schema lowers", area, name);
    if (!ok) goto out_schema;

    char db[128];
    PGconn *c = fresh_db(db, sizeof db);
    /* A CITEXT column needs the extension, which the script creates only when the
     * schema lists it (postgresqlExtensions). */
    bool add_citext = strstr(sql, "CITEXT") && !strstr(sql, "CREATE EXTENSION IF NOT EXISTS \"citext\"");
    ok = c && (!add_citext || run(c, "CREATE EXTENSION citext")) && run(c, sql);
    CHECK(ok, "%s/%s: creation script runs", area, name);
    if (!ok) goto out_db;

    shale_str *names = calloc(schema.ir->n_namespaces + 1, sizeof *names);
    for (uint32_t i = 0; i < schema.ir->n_namespaces; i++) names[i] = schema.ir->namespaces[i].name;
    shale_arena arena;
    shale_arena_init(&arena);
    shale_ir *dbir = NULL;
    char *err = NULL;
    int rc = shale_introspect(c, names, schema.ir->n_namespaces, (shale_str){"public", 6}, &arena, &dbir, &err);
    CHECK(rc == 0 && dbir && !err, "%s/%s: introspects (%d%s%s)", area, name, rc, err ? ": " : "", err ? err : "");
    if (rc == 0 && dbir) {
        /* The extension this test added is not the schema's. */
        if (add_citext && dbir->n_extensions) {
            shale_str *keep = calloc(dbir->n_extensions, sizeof *keep);
            uint32_t n = 0;
            for (uint32_t i = 0; i < dbir->n_extensions; i++)
                if (!shale_str_eq(dbir->extensions[i], "citext")) keep[n++] = dbir->extensions[i];
            dbir->extensions = keep;
            dbir->n_extensions = n;
        }
        char *fwd = script(dbir, schema.ir);
        expect_empty(area, name, true, fwd);
        free(fwd);
        char *back = script(schema.ir, dbir);
        expect_empty(area, name, false, back);
        free(back);
        if (add_citext) free((void *)dbir->extensions);
    }
    free(err);
    free(names);
    shale_arena_free(&arena);
out_db:
    if (c) drop_db(c, db);
out_schema:
    shale_compilation_free(schema.comp);
    free(prisma);
    free(sql);
}

static void golden_cases(const char *area)
{
    char dir[4096];
    golden_dir(dir, sizeof dir, area);
    DIR *d = opendir(dir);
    CHECK(d != NULL, "golden folder %s is readable (set SRCDIR to the source tree)", dir);
    if (!d) return;
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len < 8 || strcmp(e->d_name + len - 7, ".prisma") != 0) continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            names = realloc(names, cap * sizeof *names);
        }
        names[n++] = strndup(e->d_name, len - 7);
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp_names);
    for (size_t i = 0; i < n; i++) {
        round_trip(area, dir, names[i]);
        free(names[i]);
    }
    free(names);
}

/* ---- what the IR cannot hold, and the forms of defaults ------------------------------------ */

static const shale_ir_table *table_named(const shale_ir *ir, const char *ns, const char *name)
{
    uint32_t n = shale_ir_find_namespace(ir, (shale_str){ns, strlen(ns)});
    uint32_t t = n == SHALE_IR_NONE ? SHALE_IR_NONE : shale_ir_find_table(ir, n, (shale_str){name, strlen(name)});
    return t == SHALE_IR_NONE ? NULL : &ir->tables[t];
}

static const shale_ir_column *column_named(const shale_ir_table *t, const char *name)
{
    uint32_t i = t ? shale_ir_find_column(t, (shale_str){name, strlen(name)}) : SHALE_IR_NONE;
    return i == SHALE_IR_NONE ? NULL : &t->columns[i];
}

static bool def_is(const shale_ir_column *col, shale_ir_default_kind kind, const char *text)
{
    return col && col->def && col->def->kind == kind && (!text || shale_str_eq(col->def->text, text));
}

static const char UNREPRESENTABLE[] =
    "CREATE SCHEMA other;\n"
    "CREATE TABLE other.outside (id int PRIMARY KEY);\n"
    "CREATE DOMAIN posint AS integer CHECK (VALUE > 0);\n"
    "CREATE TYPE pair AS (a int, b text);\n"
    "CREATE TYPE other.mood AS ENUM ('x');\n"
    "CREATE TABLE shapes (\n"
    "  id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,\n"
    "  p point NOT NULL,\n"
    "  b box,\n"
    "  ps point[],\n"
    "  grid integer[][],\n"
    "  d posint,\n"
    "  pr pair,\n"
    "  r int4range,\n"
    "  m other.mood,\n"
    "  n numeric(5, -2),\n"
    "  twice integer GENERATED ALWAYS AS (id * 2) STORED,\n"
    "  outside_id int REFERENCES other.outside(id),\n"
    "  \"dropped\" int,\n"
    "  price numeric CHECK (price > 0),\n"
    "  EXCLUDE USING gist (b WITH &&)\n"
    ");\n"
    "ALTER TABLE shapes DROP COLUMN \"dropped\";\n"
    "CREATE INDEX shapes_expr ON shapes ((id + 1));\n"
    "CREATE INDEX shapes_incl ON shapes (id) INCLUDE (price);\n"
    "CREATE INDEX shapes_nulls ON shapes (price DESC NULLS LAST);\n"
    "CREATE VIEW shape_view AS SELECT id, p FROM shapes;\n"
    "CREATE MATERIALIZED VIEW shape_mv AS SELECT id FROM shapes;\n"
    "CREATE SEQUENCE loose_seq;\n"
    "CREATE TABLE parted (id int NOT NULL, at date NOT NULL, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);\n"
    "CREATE TABLE parted_2020 PARTITION OF parted FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');\n"
    "CREATE TABLE refs_parted (id int PRIMARY KEY, pid int, pat date, FOREIGN KEY (pid, pat) REFERENCES parted);\n"
    "CREATE TABLE empty_table ();\n"
    "CREATE TABLE _prisma_migrations (id varchar(36) PRIMARY KEY);\n"
    "CREATE UNLOGGED TABLE unlogged (id int);\n";

static void test_unrepresentable(void)
{
    char db[128];
    PGconn *c = fresh_db(db, sizeof db);
    bool ok = c && run(c, UNREPRESENTABLE);
    CHECK(ok, "unrepresentable objects: the database is made");
    if (!ok) {
        if (c) drop_db(c, db);
        return;
    }
    shale_arena arena;
    shale_arena_init(&arena);
    shale_ir *ir = NULL;
    char *err = NULL;
    shale_str pub = {"public", 6};
    int rc = shale_introspect(c, &pub, 1, pub, &arena, &ir, &err);
    CHECK(rc == 0 && ir, "unrepresentable objects: introspect without error (%s)", err ? err : "ok");
    if (rc == 0 && ir) {
        CHECK(shale_ir_check(ir) == 0, "unrepresentable objects: the IR passes shale_ir_check");
        CHECK(ir->n_namespaces == 1 && ir->n_tables == 5,
              "tables: shapes, parted, refs_parted, empty_table, "
              "unlogged (no views, partitions or _prisma_migrations; got %u)",
              ir->n_tables);
        const shale_ir_table *t = table_named(ir, "public", "shapes");
        CHECK(t && t->n_columns == 13, "shapes: 13 columns, the dropped one skipped (%u)", t ? t->n_columns : 0);
        const shale_ir_column *col = column_named(t, "id");
        CHECK(col && col->autoincrement && !col->def && col->type.kind == SHALE_IR_TYPE_INTEGER,
              "an identity column is autoincrement");
        col = column_named(t, "p");
        CHECK(col && col->type.kind == SHALE_IR_TYPE_UNSUPPORTED && shale_str_eq(col->type.raw, "point") &&
                  col->arity == SHALE_IR_REQUIRED,
              "point is Unsupported(\"point\"), NOT NULL");
        col = column_named(t, "ps");
        CHECK(col && col->type.kind == SHALE_IR_TYPE_UNSUPPORTED && shale_str_eq(col->type.raw, "point") &&
                  col->arity == SHALE_IR_LIST,
              "point[] is a list of Unsupported(\"point\")");
        col = column_named(t, "grid");
        CHECK(col && col->type.kind == SHALE_IR_TYPE_INTEGER && col->arity == SHALE_IR_LIST, "integer[][] is Int[]");
        col = column_named(t, "d");
        CHECK(col && col->type.kind == SHALE_IR_TYPE_UNSUPPORTED && shale_str_eq(col->type.raw, "posint"),
              "a domain is unsupported");
        col = column_named(t, "m");
        CHECK(col && col->type.kind == SHALE_IR_TYPE_UNSUPPORTED && shale_str_eq(col->type.raw, "other.mood"),
              "an enum outside the requested schemas is unsupported");
        col = column_named(t, "n");
        CHECK(col && col->type.kind == SHALE_IR_TYPE_UNSUPPORTED, "numeric with a negative scale is unsupported");
        col = column_named(t, "twice");
        CHECK(col && !col->def && !col->autoincrement, "a generated column has no default");
        CHECK(t && t->n_fks == 0, "a foreign key to another schema is left out");
        CHECK(t && t->pk.n_columns == 1 && shale_str_eq(t->pk.name, "shapes_pkey"), "primary key shapes_pkey");
        bool expr = false, incl = false, nulls = false;
        for (uint32_t i = 0; t && i < t->n_indexes; i++) {
            expr |= shale_str_eq(t->indexes[i].name, "shapes_expr");
            nulls |=
                shale_str_eq(t->indexes[i].name, "shapes_nulls") && t->indexes[i].columns[0].sort == SHALE_IR_SORT_DESC;
            incl |= shale_str_eq(t->indexes[i].name, "shapes_incl") && t->indexes[i].n_columns == 1;
        }
        CHECK(t && !expr && incl && nulls && t->n_indexes == 2,
              "expression indexes and exclusion constraints are left out, INCLUDE columns too");
        const shale_ir_table *rp = table_named(ir, "public", "refs_parted");
        CHECK(rp && rp->n_fks == 1 && rp->fks[0].n_columns == 2, "a foreign key to a partitioned table is one key");
        const shale_ir_table *p = table_named(ir, "public", "parted");
        CHECK(p && p->pk.n_columns == 2, "a partitioned table keeps its primary key");
        CHECK(table_named(ir, "public", "empty_table") && table_named(ir, "public", "empty_table")->n_columns == 0,
              "a table without columns");
        char *s = script(ir, ir);
        CHECK(strcmp(s, EMPTY) == 0, "the IR diffs empty against itself");
        if (strcmp(s, EMPTY) != 0) print_indented(s);
        free(s);
    }
    free(err);
    shale_arena_free(&arena);

    /* A schema that does not exist is no namespace; an empty list reads nothing. */
    shale_arena_init(&arena);
    shale_str names[3] = {{"nope", 4}, {"public", 6}, {"public", 6}};
    rc = shale_introspect(c, names, 3, pub, &arena, &ir, NULL);
    CHECK(rc == 0 && ir->n_namespaces == 1 && ir->n_tables == 5, "missing and repeated schema names");
    rc = shale_introspect(c, NULL, 0, pub, &arena, &ir, NULL);
    CHECK(rc == 0 && ir->n_namespaces == 0 && ir->n_tables == 0, "no schemas");
    CHECK(PQtransactionStatus(c) == PQTRANS_IDLE, "the connection is left idle");
    shale_arena_free(&arena);
    drop_db(c, db);
}

static const char DEFAULTS[] = "CREATE TYPE \"Role\" AS ENUM ('admin', 'it''s');\n"
                               "CREATE TABLE d (\n"
                               "  s text DEFAULT 'it''s',\n"
                               "  e text DEFAULT E'a\\\\b\\nc',\n"
                               "  vc varchar(3) DEFAULT 'abc',\n"
                               "  i int DEFAULT -7,\n"
                               "  big bigint DEFAULT -9007199254740993,\n"
                               "  f double precision DEFAULT -2,\n"
                               "  dec numeric(10, 2) DEFAULT -1.50,\n"
                               "  dec2 numeric DEFAULT '5.60',\n"
                               "  b boolean DEFAULT false,\n"
                               "  j jsonb DEFAULT '{\"a\": 1}',\n"
                               "  by bytea DEFAULT '\\x6869',\n"
                               "  t timestamp(3) DEFAULT now(),\n"
                               "  tz timestamptz DEFAULT CURRENT_TIMESTAMP,\n"
                               "  lit timestamp DEFAULT '2020-01-02 03:04:05',\n"
                               "  r \"Role\" DEFAULT 'it''s',\n"
                               "  rs \"Role\"[] DEFAULT ARRAY['admin', 'it''s']::\"Role\"[],\n"
                               "  tags text[] DEFAULT '{a,\"b c\"}',\n"
                               "  empty text[] DEFAULT '{}',\n"
                               "  ints int[] DEFAULT ARRAY[1, -2],\n"
                               "  g uuid DEFAULT gen_random_uuid(),\n"
                               "  expr int DEFAULT 1 + 1,\n"
                               "  nul text DEFAULT NULL,\n"
                               "  ser serial,\n"
                               "  lower_t text DEFAULT lower('X')\n"
                               ");\n";

static void test_defaults(void)
{
    char db[128];
    PGconn *c = fresh_db(db, sizeof db);
    bool ok = c && run(c, "SET standard_conforming_strings = on") && run(c, DEFAULTS);
    CHECK(ok, "defaults: the table is made");
    if (!ok) {
        if (c) drop_db(c, db);
        return;
    }
    shale_arena arena;
    shale_arena_init(&arena);
    shale_ir *ir = NULL;
    shale_str pub = {"public", 6};
    int rc = shale_introspect(c, &pub, 1, pub, &arena, &ir, NULL);
    const shale_ir_table *t = rc == 0 ? table_named(ir, "public", "d") : NULL;
    CHECK(t != NULL, "defaults: introspected");
    if (t) {
        CHECK(def_is(column_named(t, "s"), SHALE_IR_DEFAULT_STRING, "it's"), "'it''s'::text is the string it's");
        CHECK(def_is(column_named(t, "e"), SHALE_IR_DEFAULT_STRING, "a\\b\nc"), "backslash and newline");
        CHECK(def_is(column_named(t, "vc"), SHALE_IR_DEFAULT_STRING, "abc"), "'abc'::character varying");
        CHECK(def_is(column_named(t, "i"), SHALE_IR_DEFAULT_NUMBER, "-7"), "'-7'::integer is -7");
        CHECK(def_is(column_named(t, "big"), SHALE_IR_DEFAULT_NUMBER, "-9007199254740993"), "a negative bigint");
        CHECK(def_is(column_named(t, "f"), SHALE_IR_DEFAULT_NUMBER, "-2"), "-2 on a double precision column");
        CHECK(def_is(column_named(t, "dec"), SHALE_IR_DEFAULT_NUMBER, "-1.50"), "(-1.50) is -1.50");
        CHECK(def_is(column_named(t, "dec2"), SHALE_IR_DEFAULT_NUMBER, "5.60"), "'5.60'::numeric");
        CHECK(def_is(column_named(t, "b"), SHALE_IR_DEFAULT_BOOLEAN, "false"), "false");
        CHECK(def_is(column_named(t, "j"), SHALE_IR_DEFAULT_JSON, "{\"a\": 1}"), "jsonb literal");
        const shale_ir_column *by = column_named(t, "by");
        CHECK(by && by->def && by->def->kind == SHALE_IR_DEFAULT_BYTES && by->def->text.len == 2 &&
                  memcmp(by->def->text.ptr, "hi", 2) == 0,
              "'\\x6869'::bytea is the bytes \"hi\"");
        CHECK(def_is(column_named(t, "t"), SHALE_IR_DEFAULT_NOW, NULL), "now()");
        CHECK(def_is(column_named(t, "tz"), SHALE_IR_DEFAULT_NOW, NULL), "CURRENT_TIMESTAMP");
        CHECK(def_is(column_named(t, "lit"), SHALE_IR_DEFAULT_DATETIME, "2020-01-02 03:04:05"), "a timestamp literal");
        CHECK(def_is(column_named(t, "r"), SHALE_IR_DEFAULT_ENUM, "it's"), "an enum value");
        const shale_ir_column *rs = column_named(t, "rs");
        CHECK(rs && rs->def && rs->def->kind == SHALE_IR_DEFAULT_LIST && rs->def->n_items == 2 &&
                  rs->def->items[1].kind == SHALE_IR_DEFAULT_ENUM && shale_str_eq(rs->def->items[1].text, "it's"),
              "an enum array");
        const shale_ir_column *tags = column_named(t, "tags");
        CHECK(tags && tags->def && tags->def->kind == SHALE_IR_DEFAULT_LIST && tags->def->n_items == 2 &&
                  shale_str_eq(tags->def->items[1].text, "b c"),
              "'{a,\"b c\"}'::text[]");
        const shale_ir_column *empty = column_named(t, "empty");
        CHECK(empty && empty->def && empty->def->kind == SHALE_IR_DEFAULT_LIST && empty->def->n_items == 0, "'{}'");
        const shale_ir_column *ints = column_named(t, "ints");
        CHECK(ints && ints->def && ints->def->kind == SHALE_IR_DEFAULT_LIST && ints->def->n_items == 2 &&
                  shale_str_eq(ints->def->items[1].text, "-2"),
              "ARRAY[1, '-2'::integer]");
        CHECK(def_is(column_named(t, "g"), SHALE_IR_DEFAULT_DBGENERATED, "gen_random_uuid()"), "a function");
        CHECK(def_is(column_named(t, "expr"), SHALE_IR_DEFAULT_DBGENERATED, "(1 + 1)"), "an expression, verbatim");
        CHECK(column_named(t, "nul") && !column_named(t, "nul")->def, "DEFAULT NULL is no default");
        const shale_ir_column *ser = column_named(t, "ser");
        CHECK(ser && ser->autoincrement && !ser->def && ser->arity == SHALE_IR_REQUIRED, "serial is autoincrement");
        CHECK(def_is(column_named(t, "lower_t"), SHALE_IR_DEFAULT_DBGENERATED, "lower('X'::text)"), "lower('X')");
        CHECK(ir->n_enums == 1 && ir->enums[0].n_values == 2 && shale_str_eq(ir->enums[0].values[1], "it's"),
              "enum values in order");
    }
    shale_arena_free(&arena);

    /* A failing query: the caller's transaction is aborted. */
    run(c, "BEGIN");
    PQclear(PQexec(c, "SELECT 1/0"));
    shale_arena_init(&arena);
    char *err = NULL;
    ir = NULL;
    rc = shale_introspect(c, &pub, 1, pub, &arena, &ir, &err);
    CHECK(rc == SHALE_EIO && !ir && err && strstr(err, "schemas") && strstr(err, "aborted"),
          "a failed query is SHALE_EIO with PostgreSQL's message (%s)", err ? err : "no message");
    free(err);
    shale_arena_free(&arena);
    run(c, "ROLLBACK");
    drop_db(c, db);
}

/* ---- size --------------------------------------------------------------------------------- */

/* N tables with an enum column, two indexes and a foreign key each: introspection must
 * stay a handful of queries. */
static void test_many_tables(int n)
{
    char db[128];
    PGconn *c = fresh_db(db, sizeof db);
    bool ok = c && run(c, "CREATE TYPE k AS ENUM ('a', 'b')");
    /* In batches: one transaction cannot hold the locks of thousands of new tables. */
    for (int from = 0; ok && from < n; from += 200) {
        shale_buf sql = SHALE_BUF_INIT;
        for (int i = from; i < n && i < from + 200; i++)
            shale_buf_printf(
                &sql,
                "CREATE TABLE t%d (id serial PRIMARY KEY, name varchar(40) NOT NULL UNIQUE, kind k DEFAULT "
                "'a', at timestamp(3) DEFAULT CURRENT_TIMESTAMP, parent int REFERENCES t%d(id) ON DELETE "
                "CASCADE);\nCREATE INDEX t%d_at_idx ON t%d (at DESC);\n",
                i, i ? i - 1 : 0, i, i);
        ok = !sql.oom && run(c, sql.ptr);
        shale_buf_free(&sql);
    }
    CHECK(ok, "%d tables are made", n);
    if (ok) {
        shale_arena arena;
        shale_arena_init(&arena);
        shale_ir *ir = NULL;
        shale_str pub = {"public", 6};
        double t0 = now_ms();
        int rc = shale_introspect(c, &pub, 1, pub, &arena, &ir, NULL);
        double ms = now_ms() - t0;
        CHECK(rc == 0 && ir && ir->n_tables == (uint32_t)n && ir->tables[0].n_indexes == 2 && ir->tables[0].n_fks == 1,
              "%d tables introspect (%.0f ms)", n, ms);
        shale_arena_free(&arena);
    }
    if (c) drop_db(c, db);
}

int main(void)
{
    base_url = getenv("SHALE_TEST_DATABASE_URL");
    if (!base_url || !*base_url) {
        CHECK(1, "# SKIP introspection: SHALE_TEST_DATABASE_URL is not set");
        return TAP_DONE();
    }
    admin = connect_to(NULL);
    CHECK(admin != NULL, "connects to SHALE_TEST_DATABASE_URL");
    if (!admin) return TAP_DONE();
    golden_cases("ir");
    golden_cases("create");
    test_unrepresentable();
    test_defaults();
    test_many_tables(1000);
    PQfinish(admin);
    return TAP_DONE();
}
