/* introspect.c - a live database's catalog to the relational IR (see introspect.h).
 *
 * Seven fixed queries (namespaces, enums, tables, columns, indexes, foreign keys,
 * extensions), each filtered by `nspname = ANY($1)`, read in one snapshot; the rows are
 * matched to tables by oid through sorted arrays, so the cost is a few sorts and
 * binary searches whatever the number of tables. Types and defaults are turned into the
 * forms lower.c gives the same columns; the default parser follows the shapes
 * PostgreSQL's pg_get_expr() prints (facts in MIGRATE-DETAIL.md section 7.1).
 */
#include "introspect.h"
#include "introspect_int.h"

#include "runtime/buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TEXT_ARRAY_OID 1009 /* text[] */

/* An object's oid and its index in the IR (or in a table's columns). */
typedef struct oid_index {
    uint32_t oid;
    uint32_t index;
} oid_index;

typedef struct ictx {
    PGconn *conn;
    shale_arena *arena;
    shale_ir *ir;
    char **err;
    int rc;
    int version;         /* PQserverVersion() */
    const char *schemas; /* $1: the schema names as a text[] literal */
    oid_index *tables;   /* by oid */
    uint32_t n_tables;
    oid_index *enums; /* by oid */
    uint32_t n_enums;
    int16_t **attnums; /* per IR table: its columns' attnums, ascending */
} ictx;

/* ---- errors and results ---------------------------------------------------------------- */

static void set_err(ictx *c, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void set_err(ictx *c, const char *fmt, ...)
{
    if (!c->err || *c->err) return;
    va_list ap;
    va_start(ap, fmt);
    char *s = shale_vstrfmt(fmt, ap);
    va_end(ap);
    if (!s) return;
    /* PostgreSQL's messages end with a newline; the caller adds its own. */
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == ' ')) s[--n] = '\0';
    *c->err = s;
}

static void fail(ictx *c, int rc)
{
    if (c->rc == SHALE_OK) c->rc = rc;
}

/* Runs one catalog query with $1 = the schema list (when it takes one). NULL on
 * failure, with the error set. */
static PGresult *query(ictx *c, const char *what, const char *sql, bool with_schemas)
{
    const Oid types[1] = {TEXT_ARRAY_OID};
    const char *values[1] = {c->schemas};
    PGresult *r = PQexecParams(c->conn, sql, with_schemas ? 1 : 0, types, values, NULL, NULL, 0);
    if (r && PQresultStatus(r) == PGRES_TUPLES_OK) return r;
    const char *msg = r ? PQresultErrorMessage(r) : "";
    if (!*msg) msg = PQerrorMessage(c->conn);
    set_err(c, "introspection: the query for %s failed: %s", what, *msg ? msg : "no result from the server");
    fail(c, SHALE_EIO);
    PQclear(r);
    return NULL;
}

static bool command(ictx *c, const char *what, const char *sql)
{
    PGresult *r = PQexec(c->conn, sql);
    bool ok = r && PQresultStatus(r) == PGRES_COMMAND_OK;
    if (!ok) {
        const char *msg = r ? PQresultErrorMessage(r) : PQerrorMessage(c->conn);
        set_err(c, "introspection: %s failed: %s", what, msg);
        fail(c, SHALE_EIO);
    }
    PQclear(r);
    return ok;
}

/* A field as an arena copy (a NULL field is empty). */
static shale_str field(ictx *c, const PGresult *r, int row, int col)
{
    size_t len = (size_t)PQgetlength(r, row, col);
    char *p = shale_arena_strndup(c->arena, PQgetvalue(r, row, col), len);
    if (!p) {
        fail(c, SHALE_ENOMEM);
        return (shale_str){"", 0};
    }
    return (shale_str){p, len};
}

static uint32_t field_u32(const PGresult *r, int row, int col)
{
    return (uint32_t)strtoul(PQgetvalue(r, row, col), NULL, 10);
}

static long field_long(const PGresult *r, int row, int col) { return strtol(PQgetvalue(r, row, col), NULL, 10); }

static bool field_bool(const PGresult *r, int row, int col) { return PQgetvalue(r, row, col)[0] == 't'; }

/* ---- oid lookups --------------------------------------------------------------------------- */

static int cmp_oid_index(const void *a, const void *b)
{
    uint32_t x = ((const oid_index *)a)->oid, y = ((const oid_index *)b)->oid;
    return x < y ? -1 : x > y;
}

static uint32_t find_oid(const oid_index *arr, uint32_t n, uint32_t oid)
{
    uint32_t lo = 0, hi = n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (arr[mid].oid == oid) return arr[mid].index;
        if (arr[mid].oid < oid)
            lo = mid + 1;
        else
            hi = mid;
    }
    return SHALE_IR_NONE;
}

/* The column of table `t` with attribute number `attnum`, or SHALE_IR_NONE. */
static uint32_t find_column(const ictx *c, uint32_t t, long attnum)
{
    const int16_t *a = c->attnums[t];
    uint32_t lo = 0, hi = c->ir->tables[t].n_columns;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (a[mid] == attnum) return mid;
        if (a[mid] < attnum)
            lo = mid + 1;
        else
            hi = mid;
    }
    return SHALE_IR_NONE;
}

/* ---- namespaces, enums, tables ------------------------------------------------------------- */

static const char Q_NAMESPACES[] =
    "SELECT nspname FROM pg_catalog.pg_namespace WHERE nspname = ANY ($1::text[]) ORDER BY nspname";

static const char Q_ENUMS[] = "SELECT t.oid, n.nspname, t.typname, e.enumlabel\n"
                              "FROM pg_catalog.pg_type t\n"
                              "JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace\n"
                              "LEFT JOIN pg_catalog.pg_enum e ON e.enumtypid = t.oid\n"
                              "WHERE t.typtype = 'e' AND n.nspname = ANY ($1::text[])\n"
                              "ORDER BY n.nspname, t.typname, t.oid, e.enumsortorder";

static const char Q_TABLES[] =
    "SELECT c.oid, n.nspname, c.relname\n"
    "FROM pg_catalog.pg_class c\n"
    "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace\n"
    "WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname = ANY ($1::text[])\n"
    "ORDER BY n.nspname, c.relname";

static const char Q_EXTENSIONS[] =
    "SELECT extname FROM pg_catalog.pg_extension WHERE extname <> 'plpgsql' ORDER BY extname";

static void read_namespaces(ictx *c)
{
    PGresult *r = query(c, "schemas", Q_NAMESPACES, true);
    if (!r) return;
    for (int i = 0; i < PQntuples(r) && c->rc == SHALE_OK; i++) {
        uint32_t ns;
        shale_str name = field(c, r, i, 0);
        if (c->rc == SHALE_OK && shale_ir_namespace_get(&ns, c->ir, name) < 0) fail(c, SHALE_ENOMEM);
    }
    PQclear(r);
}

static void read_enums(ictx *c)
{
    PGresult *r = query(c, "enums", Q_ENUMS, true);
    if (!r) return;
    int n = PQntuples(r);
    c->enums = shale_arena_alloc(c->arena, ((size_t)n + 1) * sizeof *c->enums);
    shale_str *values = shale_arena_alloc(c->arena, ((size_t)n + 1) * sizeof *values);
    if (!c->enums || !values) fail(c, SHALE_ENOMEM);
    for (int i = 0; i < n && c->rc == SHALE_OK;) {
        uint32_t oid = field_u32(r, i, 0);
        int first = i;
        uint32_t n_values = 0;
        for (; i < n && field_u32(r, i, 0) == oid; i++)
            if (!PQgetisnull(r, i, 3)) values[n_values++] = field(c, r, i, 3);
        uint32_t ns =
            shale_ir_find_namespace(c->ir, (shale_str){PQgetvalue(r, first, 1), (size_t)PQgetlength(r, first, 1)});
        uint32_t e;
        if (c->rc != SHALE_OK || ns == SHALE_IR_NONE) continue;
        int rc = shale_ir_add_enum(&e, c->ir, ns, field(c, r, first, 2), values, n_values);
        if (rc == SHALE_ENOMEM)
            fail(c, rc);
        else if (rc == SHALE_OK)
            c->enums[c->n_enums++] = (oid_index){oid, e};
    }
    PQclear(r);
    if (c->rc == SHALE_OK) qsort(c->enums, c->n_enums, sizeof *c->enums, cmp_oid_index);
}

static void read_tables(ictx *c)
{
    PGresult *r = query(c, "tables", Q_TABLES, true);
    if (!r) return;
    int n = PQntuples(r);
    c->tables = shale_arena_alloc(c->arena, ((size_t)n + 1) * sizeof *c->tables);
    if (!c->tables || shale_ir_reserve(c->ir, c->ir->n_namespaces, c->ir->n_enums, (uint32_t)n) < 0)
        fail(c, SHALE_ENOMEM);
    for (int i = 0; i < n && c->rc == SHALE_OK; i++) {
        /* Prisma's history table is never part of a schema. */
        if (strcmp(PQgetvalue(r, i, 2), "_prisma_migrations") == 0) continue;
        uint32_t ns = shale_ir_find_namespace(c->ir, (shale_str){PQgetvalue(r, i, 1), (size_t)PQgetlength(r, i, 1)});
        uint32_t t;
        if (ns == SHALE_IR_NONE) continue;
        shale_str name = field(c, r, i, 2);
        if (c->rc != SHALE_OK) break;
        int rc = shale_ir_add_table(&t, c->ir, ns, name);
        if (rc == SHALE_ENOMEM)
            fail(c, rc);
        else if (rc == SHALE_OK)
            c->tables[c->n_tables++] = (oid_index){field_u32(r, i, 0), t};
    }
    PQclear(r);
    if (c->rc != SHALE_OK) return;
    qsort(c->tables, c->n_tables, sizeof *c->tables, cmp_oid_index);
    c->attnums = shale_arena_alloc(c->arena, ((size_t)c->ir->n_tables + 1) * sizeof *c->attnums);
    if (!c->attnums) fail(c, SHALE_ENOMEM);
}

static void read_extensions(ictx *c)
{
    PGresult *r = query(c, "extensions", Q_EXTENSIONS, false);
    if (!r) return;
    int n = PQntuples(r);
    shale_str *names = shale_arena_alloc(c->arena, ((size_t)n + 1) * sizeof *names);
    if (!names) fail(c, SHALE_ENOMEM);
    for (int i = 0; i < n && c->rc == SHALE_OK; i++) names[i] = field(c, r, i, 0);
    PQclear(r);
    if (c->rc != SHALE_OK) return;
    c->ir->extensions = names;
    c->ir->n_extensions = (uint32_t)n;
}

/* ---- column types ---------------------------------------------------------------------------- */

/* How a built-in type's typmod becomes the IR's arguments. */
enum { MOD_NONE, MOD_LENGTH, MOD_CHAR, MOD_BITS, MOD_BIT, MOD_PRECISION, MOD_NUMERIC };

static const struct {
    const char *name;
    uint8_t kind;
    uint8_t mod;
} builtin_types[] = {
    {"text", SHALE_IR_TYPE_TEXT, MOD_NONE},
    {"varchar", SHALE_IR_TYPE_VARCHAR, MOD_LENGTH},
    {"bpchar", SHALE_IR_TYPE_CHAR, MOD_CHAR},
    {"uuid", SHALE_IR_TYPE_UUID, MOD_NONE},
    {"xml", SHALE_IR_TYPE_XML, MOD_NONE},
    {"inet", SHALE_IR_TYPE_INET, MOD_NONE},
    {"bit", SHALE_IR_TYPE_BIT, MOD_BIT},
    {"varbit", SHALE_IR_TYPE_VARBIT, MOD_BITS},
    {"int4", SHALE_IR_TYPE_INTEGER, MOD_NONE},
    {"int2", SHALE_IR_TYPE_SMALLINT, MOD_NONE},
    {"oid", SHALE_IR_TYPE_OID, MOD_NONE},
    {"int8", SHALE_IR_TYPE_BIGINT, MOD_NONE},
    {"float8", SHALE_IR_TYPE_DOUBLE, MOD_NONE},
    {"float4", SHALE_IR_TYPE_REAL, MOD_NONE},
    {"numeric", SHALE_IR_TYPE_DECIMAL, MOD_NUMERIC},
    {"money", SHALE_IR_TYPE_MONEY, MOD_NONE},
    {"timestamp", SHALE_IR_TYPE_TIMESTAMP, MOD_PRECISION},
    {"timestamptz", SHALE_IR_TYPE_TIMESTAMPTZ, MOD_PRECISION},
    {"date", SHALE_IR_TYPE_DATE, MOD_NONE},
    {"time", SHALE_IR_TYPE_TIME, MOD_PRECISION},
    {"timetz", SHALE_IR_TYPE_TIMETZ, MOD_PRECISION},
    {"json", SHALE_IR_TYPE_JSON, MOD_NONE},
    {"jsonb", SHALE_IR_TYPE_JSONB, MOD_NONE},
    {"bytea", SHALE_IR_TYPE_BYTEA, MOD_NONE},
    {"bool", SHALE_IR_TYPE_BOOLEAN, MOD_NONE},
};

/* The IR type of a column whose (element) type is `typname` in schema `typnsp`, of
 * kind `typtype`, with the attribute's typmod. For a type the IR does not know the kind
 * is UNSUPPORTED and the caller fills in `raw`. */
static shale_ir_type column_type(const ictx *c, const char *typname, const char *typnsp, char typtype, uint32_t oid,
                                 long typmod)
{
    shale_ir_type t = {0};
    t.enum_index = SHALE_IR_NONE;
    t.kind = SHALE_IR_TYPE_UNSUPPORTED;
    if (typtype == 'e') {
        uint32_t e = find_oid(c->enums, c->n_enums, oid);
        if (e != SHALE_IR_NONE) {
            t.kind = SHALE_IR_TYPE_ENUM;
            t.enum_index = e;
        }
        return t;
    }
    if (typtype != 'b') return t;         /* domains, ranges, composites, pseudo-types */
    if (strcmp(typname, "citext") == 0) { /* an extension's type, in whatever schema */
        t.kind = SHALE_IR_TYPE_CITEXT;
        return t;
    }
    if (strcmp(typnsp, "pg_catalog") != 0) return t;
    for (size_t i = 0; i < sizeof builtin_types / sizeof *builtin_types; i++) {
        if (strcmp(typname, builtin_types[i].name) != 0) continue;
        shale_ir_type b = {0};
        b.kind = builtin_types[i].kind;
        b.enum_index = SHALE_IR_NONE;
        switch (builtin_types[i].mod) {
        case MOD_LENGTH:
        case MOD_CHAR:
            /* typmod = length + VARHDRSZ. CHAR(1) is what PostgreSQL makes of CHAR. */
            if (typmod >= 4 && !(builtin_types[i].mod == MOD_CHAR && typmod == 5)) {
                b.n_args = 1;
                b.args[0] = (uint32_t)(typmod - 4);
            }
            break;
        case MOD_BITS:
        case MOD_BIT:
            /* typmod = length; BIT alone is BIT(1). */
            if (typmod >= 0 && !(builtin_types[i].mod == MOD_BIT && typmod == 1)) {
                b.n_args = 1;
                b.args[0] = (uint32_t)typmod;
            }
            break;
        case MOD_PRECISION:
            if (typmod >= 0) {
                b.n_args = 1;
                b.args[0] = (uint32_t)typmod;
            }
            break;
        case MOD_NUMERIC:
            /* typmod = (precision << 16 | scale) + VARHDRSZ; the scale is an 11-bit
             * signed number since PostgreSQL 15. A negative scale has no IR form. */
            if (typmod >= 4) {
                long m = typmod - 4, p = (m >> 16) & 0xffff, s = m & 0x7ff;
                if (s & 0x400) return t;
                b.n_args = 2;
                b.args[0] = (uint32_t)p;
                b.args[1] = (uint32_t)s;
            }
            break;
        default: break;
        }
        return b;
    }
    return t;
}

/* ---- columns ----------------------------------------------------------------------------------- */

/* The element type of an array (typelem set, variable length) stands for the column's
 * type (et is t for other columns); format_type() of it is the raw text of an
 * unsupported type, the element's for a list as Unsupported("path")[] is lowered. */
static const char Q_COLUMNS[] =
    "SELECT a.attrelid, a.attnum, a.attname, a.attnotnull, a.atttypmod, a.attidentity, %s,\n"
    "       (t.typelem <> 0 AND t.typlen = -1) AS is_array, et.oid, et.typname, etn.nspname, et.typtype,\n"
    "       pg_catalog.format_type(et.oid, a.atttypmod),\n"
    "       pg_catalog.pg_get_expr(d.adbin, d.adrelid)\n"
    "FROM pg_catalog.pg_attribute a\n"
    "JOIN pg_catalog.pg_class c ON c.oid = a.attrelid\n"
    "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace\n"
    "JOIN pg_catalog.pg_type t ON t.oid = a.atttypid\n"
    "JOIN pg_catalog.pg_type et ON et.oid = CASE WHEN t.typelem <> 0 AND t.typlen = -1 THEN t.typelem ELSE t.oid END\n"
    "JOIN pg_catalog.pg_namespace etn ON etn.oid = et.typnamespace\n"
    "LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum\n"
    "WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname = ANY ($1::text[])\n"
    "  AND a.attnum > 0 AND NOT a.attisdropped\n"
    "ORDER BY a.attrelid, a.attnum";

enum {
    C_RELID,
    C_ATTNUM,
    C_NAME,
    C_NOTNULL,
    C_TYPMOD,
    C_IDENTITY,
    C_GENERATED,
    C_IS_ARRAY,
    C_ELEM_OID,
    C_ELEM_NAME,
    C_ELEM_NSP,
    C_ELEM_TYPTYPE,
    C_ELEM_FORMAT,
    C_DEFAULT,
};

static void read_columns(ictx *c)
{
    char sql[sizeof Q_COLUMNS + 32];
    /* attgenerated exists from PostgreSQL 12 on. */
    snprintf(sql, sizeof sql, Q_COLUMNS, c->version >= 120000 ? "a.attgenerated" : "''::\"char\"");
    PGresult *r = query(c, "columns", sql, true);
    if (!r) return;
    int n = PQntuples(r);
    for (int i = 0; i < n && c->rc == SHALE_OK;) {
        uint32_t relid = field_u32(r, i, C_RELID);
        int first = i;
        while (i < n && field_u32(r, i, C_RELID) == relid) i++;
        uint32_t t = find_oid(c->tables, c->n_tables, relid);
        if (t == SHALE_IR_NONE) continue;
        uint32_t count = (uint32_t)(i - first);
        c->attnums[t] = shale_arena_alloc(c->arena, count * sizeof **c->attnums);
        if (!c->attnums[t] || shale_ir_table_reserve(c->ir, t, count, 0, 0) < 0) {
            fail(c, SHALE_ENOMEM);
            break;
        }
        for (int row = first; row < i && c->rc == SHALE_OK; row++) {
            shale_ir_column col = {0};
            col.name = field(c, r, row, C_NAME);
            bool is_array = field_bool(r, row, C_IS_ARRAY);
            col.type = column_type(c, PQgetvalue(r, row, C_ELEM_NAME), PQgetvalue(r, row, C_ELEM_NSP),
                                   PQgetvalue(r, row, C_ELEM_TYPTYPE)[0], field_u32(r, row, C_ELEM_OID),
                                   field_long(r, row, C_TYPMOD));
            if (col.type.kind == SHALE_IR_TYPE_UNSUPPORTED) col.type.raw = field(c, r, row, C_ELEM_FORMAT);
            col.arity = is_array                        ? SHALE_IR_LIST
                        : field_bool(r, row, C_NOTNULL) ? SHALE_IR_REQUIRED
                                                        : SHALE_IR_NULLABLE;
            if (PQgetvalue(r, row, C_IDENTITY)[0]) {
                col.autoincrement = true; /* GENERATED ... AS IDENTITY: a sequence, as in Prisma */
            } else if (!PQgetisnull(r, row, C_DEFAULT) && !PQgetvalue(r, row, C_GENERATED)[0]) {
                /* A generated column's expression is not a default; the IR has no
                 * place for it. */
                if (shale_introspect__default(c->ir, &col, field(c, r, row, C_DEFAULT)) < 0) fail(c, SHALE_ENOMEM);
            }
            if (c->rc != SHALE_OK) break;
            c->attnums[t][c->ir->tables[t].n_columns] = (int16_t)field_long(r, row, C_ATTNUM);
            if (shale_ir_add_column(NULL, c->ir, t, &col) < 0) fail(c, SHALE_ENOMEM);
        }
    }
    PQclear(r);
}

/* ---- primary keys and indexes --------------------------------------------------------------------- */

/* One row per key column of every index (INCLUDE columns are not key columns);
 * exclusion constraints are not indexes to Prisma. */
static const char Q_INDEXES[] =
    "SELECT i.indexrelid, i.indrelid, ic.relname, i.indisprimary, i.indisunique, am.amname,\n"
    "       i.indexprs IS NOT NULL, pg_catalog.pg_get_expr(i.indpred, i.indrelid),\n"
    "       k.attnum, k.option, oc.opcname, oc.opcdefault\n"
    "FROM pg_catalog.pg_index i\n"
    "JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid\n"
    "JOIN pg_catalog.pg_class tc ON tc.oid = i.indrelid\n"
    "JOIN pg_catalog.pg_namespace n ON n.oid = tc.relnamespace\n"
    "JOIN pg_catalog.pg_am am ON am.oid = ic.relam\n"
    "CROSS JOIN LATERAL unnest(i.indkey::int2[], i.indclass::oid[], i.indoption::int2[])\n"
    "     WITH ORDINALITY AS k(attnum, opclass, option, pos)\n"
    "LEFT JOIN pg_catalog.pg_opclass oc ON oc.oid = k.opclass\n"
    "WHERE tc.relkind IN ('r', 'p') AND NOT tc.relispartition AND n.nspname = ANY ($1::text[])\n"
    "  AND NOT i.indisexclusion AND k.pos <= %s\n"
    "ORDER BY i.indrelid, ic.relname, i.indexrelid, k.pos";

enum {
    X_OID,
    X_RELID,
    X_NAME,
    X_PRIMARY,
    X_UNIQUE,
    X_METHOD,
    X_EXPRS,
    X_PRED,
    X_ATTNUM,
    X_OPTION,
    X_OPCLASS,
    X_OPCDEFAULT
};

static bool index_method(const char *am, uint8_t *out)
{
    static const struct {
        const char *name;
        uint8_t method;
    } methods[] = {{"btree", SHALE_IR_BTREE}, {"hash", SHALE_IR_HASH},     {"gist", SHALE_IR_GIST},
                   {"gin", SHALE_IR_GIN},     {"spgist", SHALE_IR_SPGIST}, {"brin", SHALE_IR_BRIN}};
    for (size_t i = 0; i < sizeof methods / sizeof *methods; i++)
        if (strcmp(am, methods[i].name) == 0) {
            *out = methods[i].method;
            return true;
        }
    return false;
}

/* The predicate without the parentheses pg_get_expr() puts around it: lowering keeps
 * `where: raw("x > 0")` as written and the renderer adds them back. */
static shale_str strip_parens(shale_str s)
{
    while (s.len >= 2 && s.ptr[0] == '(' && s.ptr[s.len - 1] == ')') {
        /* Only when the first parenthesis closes at the end: not "(a) AND (b)". */
        int level = 0;
        bool in_str = false, in_ident = false, whole = true;
        for (size_t i = 0; i < s.len && whole; i++) {
            char ch = s.ptr[i];
            if (in_str)
                in_str = ch != '\'';
            else if (in_ident)
                in_ident = ch != '"';
            else if (ch == '\'')
                in_str = true;
            else if (ch == '"')
                in_ident = true;
            else if (ch == '(')
                level++;
            else if (ch == ')' && --level == 0 && i + 1 < s.len)
                whole = false;
        }
        if (!whole) break;
        s.ptr++;
        s.len -= 2;
    }
    return s;
}

static void read_indexes(ictx *c)
{
    char sql[sizeof Q_INDEXES + 32];
    snprintf(sql, sizeof sql, Q_INDEXES, c->version >= 110000 ? "i.indnkeyatts" : "i.indnatts");
    PGresult *r = query(c, "indexes", sql, true);
    if (!r) return;
    int n = PQntuples(r);
    uint32_t cap = 0;
    shale_ir_index_column *cols = NULL;
    for (int i = 0; i < n && c->rc == SHALE_OK;) {
        uint32_t oid = field_u32(r, i, X_OID);
        int first = i;
        while (i < n && field_u32(r, i, X_OID) == oid) i++;
        uint32_t t = find_oid(c->tables, c->n_tables, field_u32(r, first, X_RELID));
        uint8_t method = SHALE_IR_BTREE;
        /* Expression indexes and unknown access methods have no IR form. */
        if (t == SHALE_IR_NONE || field_bool(r, first, X_EXPRS) ||
            !index_method(PQgetvalue(r, first, X_METHOD), &method))
            continue;
        uint32_t count = (uint32_t)(i - first);
        if (count > cap) {
            cap = count * 2;
            cols = shale_arena_alloc(c->arena, cap * sizeof *cols);
            if (!cols) {
                fail(c, SHALE_ENOMEM);
                break;
            }
        }
        bool ok = true;
        for (int row = first; row < i && ok; row++) {
            shale_ir_index_column *ic = &cols[row - first];
            memset(ic, 0, sizeof *ic);
            ic->column = find_column(c, t, field_long(r, row, X_ATTNUM));
            ok = ic->column != SHALE_IR_NONE;
            /* indoption bit 0: DESC. Ascending is left unsaid, as a schema without
             * sort: writes it (the differ takes the two as equal). */
            ic->sort = field_long(r, row, X_OPTION) & 1 ? SHALE_IR_SORT_DESC : SHALE_IR_SORT_NONE;
            /* Only a class the column would not get anyway, as a schema writes it. */
            if (!PQgetisnull(r, row, X_OPCLASS) && !field_bool(r, row, X_OPCDEFAULT))
                ic->opclass = field(c, r, row, X_OPCLASS);
        }
        if (!ok || c->rc != SHALE_OK) continue;
        shale_str name = field(c, r, first, X_NAME);
        if (field_bool(r, first, X_PRIMARY)) {
            if (shale_ir_set_primary_key(c->ir, t, name, cols, count) < 0) fail(c, SHALE_ENOMEM);
            continue;
        }
        shale_ir_index ix = {0};
        ix.name = name;
        ix.unique = field_bool(r, first, X_UNIQUE);
        ix.method = method;
        ix.columns = cols;
        ix.n_columns = count;
        if (!PQgetisnull(r, first, X_PRED)) ix.where = strip_parens(field(c, r, first, X_PRED));
        if (shale_ir_add_index(NULL, c->ir, t, &ix) < 0) fail(c, SHALE_ENOMEM);
    }
    PQclear(r);
}

/* ---- foreign keys ------------------------------------------------------------------------------------ */

/* conparentid: the copies PostgreSQL makes on partitions of a referenced partitioned
 * table are not constraints of their own. */
static const char Q_FOREIGN_KEYS[] =
    "SELECT con.oid, con.conrelid, con.conname, con.confrelid, con.confdeltype, con.confupdtype,\n"
    "       k.attnum, k.fattnum\n"
    "FROM pg_catalog.pg_constraint con\n"
    "JOIN pg_catalog.pg_class c ON c.oid = con.conrelid\n"
    "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace\n"
    "CROSS JOIN LATERAL unnest(con.conkey, con.confkey) WITH ORDINALITY AS k(attnum, fattnum, pos)\n"
    "WHERE con.contype = 'f' AND %s c.relkind IN ('r', 'p') AND NOT c.relispartition\n"
    "  AND n.nspname = ANY ($1::text[])\n"
    "ORDER BY con.conrelid, con.conname, con.oid, k.pos";

enum { F_OID, F_RELID, F_NAME, F_REFID, F_ON_DELETE, F_ON_UPDATE, F_ATTNUM, F_REF_ATTNUM };

static uint8_t action(char letter)
{
    switch (letter) {
    case 'r': return SHALE_IR_RESTRICT;
    case 'c': return SHALE_IR_CASCADE;
    case 'n': return SHALE_IR_SET_NULL;
    case 'd': return SHALE_IR_SET_DEFAULT;
    default: return SHALE_IR_NO_ACTION; /* 'a' */
    }
}

static void read_foreign_keys(ictx *c)
{
    char sql[sizeof Q_FOREIGN_KEYS + 32];
    snprintf(sql, sizeof sql, Q_FOREIGN_KEYS, c->version >= 110000 ? "con.conparentid = 0 AND" : "");
    PGresult *r = query(c, "foreign keys", sql, true);
    if (!r) return;
    int n = PQntuples(r);
    uint32_t cap = 0, *cols = NULL;
    for (int i = 0; i < n && c->rc == SHALE_OK;) {
        uint32_t oid = field_u32(r, i, F_OID);
        int first = i;
        while (i < n && field_u32(r, i, F_OID) == oid) i++;
        uint32_t t = find_oid(c->tables, c->n_tables, field_u32(r, first, F_RELID));
        uint32_t rt = find_oid(c->tables, c->n_tables, field_u32(r, first, F_REFID));
        /* A key to a table outside the requested schemas has nothing to point at. */
        if (t == SHALE_IR_NONE || rt == SHALE_IR_NONE) continue;
        uint32_t count = (uint32_t)(i - first);
        if (count > cap) {
            cap = count * 2;
            cols = shale_arena_alloc(c->arena, 2 * cap * sizeof *cols);
            if (!cols) {
                fail(c, SHALE_ENOMEM);
                break;
            }
        }
        bool ok = true;
        for (int row = first; row < i && ok; row++) {
            cols[row - first] = find_column(c, t, field_long(r, row, F_ATTNUM));
            cols[cap + row - first] = find_column(c, rt, field_long(r, row, F_REF_ATTNUM));
            ok = cols[row - first] != SHALE_IR_NONE && cols[cap + row - first] != SHALE_IR_NONE;
        }
        if (!ok) continue;
        shale_ir_foreign_key fk = {0};
        fk.name = field(c, r, first, F_NAME);
        fk.columns = cols;
        fk.ref_columns = cols + cap;
        fk.n_columns = count;
        fk.ref_table = rt;
        fk.on_delete = action(PQgetvalue(r, first, F_ON_DELETE)[0]);
        fk.on_update = action(PQgetvalue(r, first, F_ON_UPDATE)[0]);
        if (c->rc == SHALE_OK && shale_ir_add_foreign_key(NULL, c->ir, t, &fk) < 0) fail(c, SHALE_ENOMEM);
    }
    PQclear(r);
}

/* ---- entry ------------------------------------------------------------------------------------------- */

/* The schema names as a text[] literal: {"a","b"} with " and \ escaped. */
static char *schemas_literal(const shale_str *schemas, uint32_t n)
{
    shale_buf b = SHALE_BUF_INIT;
    shale_buf_putc(&b, '{');
    for (uint32_t i = 0; i < n; i++) {
        if (i) shale_buf_putc(&b, ',');
        shale_buf_putc(&b, '"');
        for (size_t k = 0; k < schemas[i].len; k++) {
            char ch = schemas[i].ptr[k];
            if (ch == '"' || ch == '\\') shale_buf_putc(&b, '\\');
            shale_buf_putc(&b, ch);
        }
        shale_buf_putc(&b, '"');
    }
    shale_buf_putc(&b, '}');
    return shale_buf_detach(&b, NULL);
}

int shale_introspect(PGconn *conn, const shale_str *schemas, uint32_t n_schemas, shale_str default_ns,
                     shale_arena *arena, shale_ir **out, char **err)
{
    *out = NULL;
    if (err) *err = NULL;
    ictx c = {0};
    c.conn = conn;
    c.arena = arena;
    c.err = err;
    c.rc = SHALE_OK;
    c.version = PQserverVersion(conn);
    char *param = schemas_literal(schemas, n_schemas);
    c.ir = shale_arena_alloc(arena, sizeof *c.ir);
    char *dns = shale_arena_strndup(arena, default_ns.ptr ? default_ns.ptr : "", default_ns.len);
    if (!param || !c.ir || !dns) {
        free(param);
        return SHALE_ENOMEM;
    }
    c.schemas = param;
    shale_ir_init(c.ir, arena);
    c.ir->default_namespace = (shale_str){dns, default_ns.len};

    /* One snapshot for every query, unless the caller has a transaction going. */
    bool own_tx = PQtransactionStatus(conn) == PQTRANS_IDLE;
    if (own_tx && !command(&c, "starting a read-only transaction", "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"))
        own_tx = false;
    if (c.rc == SHALE_OK) read_namespaces(&c);
    if (c.rc == SHALE_OK) read_enums(&c);
    if (c.rc == SHALE_OK) read_tables(&c);
    if (c.rc == SHALE_OK) read_columns(&c);
    if (c.rc == SHALE_OK) read_indexes(&c);
    if (c.rc == SHALE_OK) read_foreign_keys(&c);
    if (c.rc == SHALE_OK) read_extensions(&c);
    if (own_tx) {
        PGresult *r = PQexec(conn, c.rc == SHALE_OK ? "COMMIT" : "ROLLBACK");
        if (c.rc == SHALE_OK && (!r || PQresultStatus(r) != PGRES_COMMAND_OK)) {
            set_err(&c, "introspection: ending the read-only transaction failed: %s",
                    r ? PQresultErrorMessage(r) : PQerrorMessage(conn));
            fail(&c, SHALE_EIO);
        }
        PQclear(r);
    }
    free(param);
    if (c.rc == SHALE_OK && shale_ir_sort(c.ir) < 0) c.rc = SHALE_ENOMEM;
    if (c.rc != SHALE_OK) {
        if (c.rc != SHALE_EIO && err && *err) {
            free(*err);
            *err = NULL;
        }
        return c.rc;
    }
    *out = c.ir;
    return SHALE_OK;
}
