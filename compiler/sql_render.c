/* sql_render.c - PostgreSQL statements for IR objects (see sql_render.h).
 *
 * Every spelling here was taken from Prisma 7's schema engine (the oracle in
 * ../shared/oracle, `node diff.mjs --offline empty FILE.prisma`) with probe schemas
 * covering each construct; tests/golden/ir holds the ones the unit tests replay.
 * The comments record the quirks a reader would otherwise "fix".
 */
#include "sql_render.h"

#include <stdlib.h>
#include <string.h>

/* Prisma wraps names in double quotes and does not double an embedded `"`, so a name
 * like ta"ble renders as "ta"ble" - invalid SQL that Prisma emits all the same. We
 * mirror it: the output must be byte-identical to Prisma's for every schema Prisma
 * accepts, and no existing migration can contain such a name (it would not apply).
 * Doubling the quote here is the one-line fix if shale ever chooses correctness
 * over parity. */
void shale_pg_quote_ident(shale_buf *out, shale_str name)
{
    shale_buf_putc(out, '"');
    shale_buf_put(out, name.ptr, name.len);
    shale_buf_putc(out, '"');
}

/* A string literal with ' doubled (defaults). Backslashes and control characters go
 * through unchanged: Prisma writes standard-conforming literals, never E'...'. */
static void quote_literal(shale_buf *out, shale_str s)
{
    shale_buf_putc(out, '\'');
    size_t start = 0;
    for (size_t i = 0; i < s.len; i++) {
        if (s.ptr[i] == '\'') {
            shale_buf_put(out, s.ptr + start, i + 1 - start);
            shale_buf_putc(out, '\'');
            start = i + 1;
        }
    }
    shale_buf_put(out, s.ptr + start, s.len - start);
    shale_buf_putc(out, '\'');
}

void shale_sql_render_qualified(shale_buf *out, const shale_ir *ir, uint32_t ns, shale_str name)
{
    /* Prisma 7 qualifies only objects outside the connection's schema: with
     * `schemas = ["a", "public"]`, a model with @@schema("public") is still rendered
     * "T", while @@schema("a") gives "a"."T". */
    if (ns < ir->n_namespaces && !shale_str_same(ir->namespaces[ns].name, ir->default_namespace)) {
        shale_pg_quote_ident(out, ir->namespaces[ns].name);
        shale_buf_putc(out, '.');
    }
    shale_pg_quote_ident(out, name);
}

static void render_table_name(shale_buf *out, const shale_ir *ir, const shale_ir_table *t)
{
    shale_sql_render_qualified(out, ir, t->namespace_index, t->name);
}

static const char *const type_names[] = {
    [SHALE_IR_TYPE_TEXT] = "TEXT",
    [SHALE_IR_TYPE_VARCHAR] = "VARCHAR",
    [SHALE_IR_TYPE_CHAR] = "CHAR",
    [SHALE_IR_TYPE_UUID] = "UUID",
    [SHALE_IR_TYPE_XML] = "XML",
    [SHALE_IR_TYPE_INET] = "INET",
    [SHALE_IR_TYPE_CITEXT] = "CITEXT",
    [SHALE_IR_TYPE_BIT] = "BIT",
    [SHALE_IR_TYPE_VARBIT] = "VARBIT",
    [SHALE_IR_TYPE_INTEGER] = "INTEGER",
    [SHALE_IR_TYPE_SMALLINT] = "SMALLINT",
    [SHALE_IR_TYPE_OID] = "OID",
    [SHALE_IR_TYPE_BIGINT] = "BIGINT",
    [SHALE_IR_TYPE_DOUBLE] = "DOUBLE PRECISION",
    [SHALE_IR_TYPE_REAL] = "REAL",
    [SHALE_IR_TYPE_DECIMAL] = "DECIMAL",
    [SHALE_IR_TYPE_MONEY] = "MONEY",
    [SHALE_IR_TYPE_TIMESTAMP] = "TIMESTAMP",
    [SHALE_IR_TYPE_TIMESTAMPTZ] = "TIMESTAMPTZ",
    [SHALE_IR_TYPE_DATE] = "DATE",
    [SHALE_IR_TYPE_TIME] = "TIME",
    [SHALE_IR_TYPE_TIMETZ] = "TIMETZ",
    [SHALE_IR_TYPE_JSON] = "JSON",
    [SHALE_IR_TYPE_JSONB] = "JSONB",
    [SHALE_IR_TYPE_BYTEA] = "BYTEA",
    [SHALE_IR_TYPE_BOOLEAN] = "BOOLEAN",
};

void shale_sql_render_column_type(shale_buf *out, const shale_ir *ir, const shale_ir_column *col)
{
    const shale_ir_type *ty = &col->type;
    switch (ty->kind) {
    case SHALE_IR_TYPE_ENUM: {
        const shale_ir_enum *e = &ir->enums[ty->enum_index];
        shale_sql_render_qualified(out, ir, e->namespace_index, e->name);
        break;
    }
    case SHALE_IR_TYPE_UNSUPPORTED:
        /* Unsupported("circle") is written verbatim, unquoted, in the user's case. */
        shale_buf_put(out, ty->raw.ptr, ty->raw.len);
        break;
    default:
        /* The SERIAL pseudo-types carry the sequence; Prisma writes no DEFAULT then. */
        if (col->autoincrement && ty->kind == SHALE_IR_TYPE_INTEGER) shale_buf_puts(out, "SERIAL");
        else if (col->autoincrement && ty->kind == SHALE_IR_TYPE_SMALLINT) shale_buf_puts(out, "SMALLSERIAL");
        else if (col->autoincrement && ty->kind == SHALE_IR_TYPE_BIGINT) shale_buf_puts(out, "BIGSERIAL");
        else shale_buf_puts(out, type_names[ty->kind]);
        /* Arguments are joined by "," without a space: DECIMAL(10,2). */
        for (uint32_t i = 0; i < ty->n_args; i++) shale_buf_printf(out, "%c%u", i ? ',' : '(', (unsigned)ty->args[i]);
        if (ty->n_args) shale_buf_putc(out, ')');
        break;
    }
    if (col->arity == SHALE_IR_LIST) shale_buf_puts(out, "[]");
}

/* Whether `d` renders as some text at the top level of a DEFAULT clause. */
static bool default_visible(const shale_ir_column *col)
{
    const shale_ir_default *d = col->def;
    if (!d || col->autoincrement) return false;
    if (d->kind == SHALE_IR_DEFAULT_SEQUENCE) return false;
    /* dbgenerated() without an argument means "the database manages it". */
    if (d->kind == SHALE_IR_DEFAULT_DBGENERATED && d->text.len == 0) return false;
    return true;
}

static void render_value(shale_buf *out, const shale_ir *ir, const shale_ir_column *col, const shale_ir_default *d)
{
    static const char hex[] = "0123456789abcdef";
    switch (d->kind) {
    case SHALE_IR_DEFAULT_STRING:
    case SHALE_IR_DEFAULT_ENUM:
    case SHALE_IR_DEFAULT_JSON:
    case SHALE_IR_DEFAULT_DATETIME:
        quote_literal(out, d->text);
        break;
    case SHALE_IR_DEFAULT_NUMBER:
    case SHALE_IR_DEFAULT_BOOLEAN:
    case SHALE_IR_DEFAULT_DBGENERATED:
        shale_buf_put(out, d->text.ptr, d->text.len);
        break;
    case SHALE_IR_DEFAULT_BYTES:
        /* bytea's hex input format, lower case: '\x68656c6c6f'. */
        shale_buf_puts(out, "'\\x");
        for (size_t i = 0; i < d->text.len; i++) {
            unsigned char b = (unsigned char)d->text.ptr[i];
            shale_buf_putc(out, hex[b >> 4]);
            shale_buf_putc(out, hex[b & 15]);
        }
        shale_buf_putc(out, '\'');
        break;
    case SHALE_IR_DEFAULT_NOW:
        shale_buf_puts(out, "CURRENT_TIMESTAMP");
        break;
    case SHALE_IR_DEFAULT_LIST:
        /* ARRAY['a', 'b']::TEXT[]: items joined by ", ", then a cast to the column's
         * full type (also for enums: ::"ns"."Mood"[]); an empty list is ARRAY[]::T[]. */
        shale_buf_puts(out, "ARRAY[");
        for (uint32_t i = 0; i < d->n_items; i++) {
            if (i) shale_buf_puts(out, ", ");
            render_value(out, ir, col, &d->items[i]);
        }
        shale_buf_puts(out, "]::");
        shale_sql_render_column_type(out, ir, col);
        break;
    case SHALE_IR_DEFAULT_SEQUENCE:
    default:
        break;
    }
}

bool shale_sql_render_default(shale_buf *out, const shale_ir *ir, const shale_ir_column *col)
{
    if (!default_visible(col)) return false;
    render_value(out, ir, col, col->def);
    return true;
}

void shale_sql_render_column(shale_buf *out, const shale_ir *ir, const shale_ir_column *col)
{
    shale_buf_puts(out, "    ");
    shale_pg_quote_ident(out, col->name);
    shale_buf_putc(out, ' ');
    shale_sql_render_column_type(out, ir, col);
    /* Only required columns say NOT NULL; nullable ones and lists say nothing. */
    if (col->arity == SHALE_IR_REQUIRED) shale_buf_puts(out, " NOT NULL");
    if (default_visible(col)) {
        shale_buf_puts(out, " DEFAULT ");
        render_value(out, ir, col, col->def);
    }
}

void shale_sql_render_create_schema(shale_buf *out, const shale_ir *ir, uint32_t ns)
{
    shale_buf_puts(out, "CREATE SCHEMA IF NOT EXISTS ");
    shale_pg_quote_ident(out, ir->namespaces[ns].name);
}

void shale_sql_render_create_enum(shale_buf *out, const shale_ir *ir, uint32_t enum_index)
{
    const shale_ir_enum *e = &ir->enums[enum_index];
    shale_buf_puts(out, "CREATE TYPE ");
    shale_sql_render_qualified(out, ir, e->namespace_index, e->name);
    shale_buf_puts(out, " AS ENUM (");
    for (uint32_t i = 0; i < e->n_values; i++) {
        if (i) shale_buf_puts(out, ", ");
        /* Values are quoted but not escaped: @map("it's") gives 'it's', as in Prisma
         * (column defaults of the same value do get the quote doubled). */
        shale_buf_putc(out, '\'');
        shale_buf_put(out, e->values[i].ptr, e->values[i].len);
        shale_buf_putc(out, '\'');
    }
    shale_buf_putc(out, ')');
}

void shale_sql_render_create_table(shale_buf *out, const shale_ir *ir, uint32_t table)
{
    const shale_ir_table *t = &ir->tables[table];
    shale_buf_puts(out, "CREATE TABLE ");
    render_table_name(out, ir, t);
    shale_buf_puts(out, " (\n");
    for (uint32_t i = 0; i < t->n_columns; i++) {
        if (i) shale_buf_puts(out, ",\n");
        shale_sql_render_column(out, ir, &t->columns[i]);
    }
    if (t->pk.n_columns) {
        /* A blank line before the key, and its columns joined by "," with no space -
         * unlike every other column list Prisma writes. No sort orders here. */
        shale_buf_puts(out, ",\n\n    CONSTRAINT ");
        shale_pg_quote_ident(out, t->pk.name);
        shale_buf_puts(out, " PRIMARY KEY (");
        for (uint32_t i = 0; i < t->pk.n_columns; i++) {
            if (i) shale_buf_putc(out, ',');
            shale_pg_quote_ident(out, t->columns[t->pk.columns[i].column].name);
        }
        shale_buf_putc(out, ')');
    }
    shale_buf_puts(out, "\n)");
}

static const char *method_sql(uint8_t m)
{
    switch (m) {
    case SHALE_IR_HASH: return "HASH";
    case SHALE_IR_GIST: return "GIST";
    case SHALE_IR_GIN: return "GIN";
    case SHALE_IR_SPGIST: return "SPGIST";
    case SHALE_IR_BRIN: return "BRIN";
    default: return NULL;
    }
}

void shale_sql_render_create_index(shale_buf *out, const shale_ir *ir, uint32_t table, uint32_t index)
{
    const shale_ir_table *t = &ir->tables[table];
    const shale_ir_index *ix = &t->indexes[index];
    shale_buf_puts(out, ix->unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ");
    /* The index name is never qualified: an index lives in its table's schema. */
    shale_pg_quote_ident(out, ix->name);
    shale_buf_puts(out, " ON ");
    render_table_name(out, ir, t);
    /* BTree: the column list follows the table name with no space, "T"("a"); any
     * other method: "T" USING GIN ("a"). */
    const char *m = method_sql(ix->method);
    if (m) shale_buf_printf(out, " USING %s (", m);
    else shale_buf_putc(out, '(');
    for (uint32_t i = 0; i < ix->n_columns; i++) {
        const shale_ir_index_column *c = &ix->columns[i];
        if (i) shale_buf_puts(out, ", ");
        shale_pg_quote_ident(out, t->columns[c->column].name);
        /* Operator class first, then the order: "x" int4_minmax_ops DESC. An order
         * is written only when stated, so sort: Asc gives an explicit ASC. */
        if (c->opclass.len) {
            shale_buf_putc(out, ' ');
            shale_buf_put(out, c->opclass.ptr, c->opclass.len);
        }
        if (c->sort == SHALE_IR_SORT_ASC) shale_buf_puts(out, " ASC");
        else if (c->sort == SHALE_IR_SORT_DESC) shale_buf_puts(out, " DESC");
    }
    shale_buf_putc(out, ')');
    if (ix->where.len) {
        /* Prisma adds parentheses unless the predicate already starts with "(" and
         * ends with ")" - a purely textual test, so "(a) AND (b)" stays bare and
         * "  x > 0  " becomes "(  x > 0  )". */
        shale_buf_puts(out, " WHERE ");
        bool wrapped = ix->where.ptr[0] == '(' && ix->where.ptr[ix->where.len - 1] == ')';
        if (!wrapped) shale_buf_putc(out, '(');
        shale_buf_put(out, ix->where.ptr, ix->where.len);
        if (!wrapped) shale_buf_putc(out, ')');
    }
}

static const char *action_sql(uint8_t a)
{
    switch (a) {
    case SHALE_IR_RESTRICT: return "RESTRICT";
    case SHALE_IR_CASCADE: return "CASCADE";
    case SHALE_IR_SET_NULL: return "SET NULL";
    case SHALE_IR_SET_DEFAULT: return "SET DEFAULT";
    default: return "NO ACTION";
    }
}

static void column_list(shale_buf *out, const shale_ir_table *t, const uint32_t *cols, uint32_t n)
{
    shale_buf_putc(out, '(');
    for (uint32_t i = 0; i < n; i++) {
        if (i) shale_buf_puts(out, ", ");
        shale_pg_quote_ident(out, t->columns[cols[i]].name);
    }
    shale_buf_putc(out, ')');
}

void shale_sql_render_add_foreign_key(shale_buf *out, const shale_ir *ir, uint32_t table, uint32_t fk_index)
{
    const shale_ir_table *t = &ir->tables[table];
    const shale_ir_foreign_key *fk = &t->fks[fk_index];
    const shale_ir_table *r = &ir->tables[fk->ref_table];
    shale_buf_puts(out, "ALTER TABLE ");
    render_table_name(out, ir, t);
    shale_buf_puts(out, " ADD CONSTRAINT ");
    shale_pg_quote_ident(out, fk->name);
    shale_buf_puts(out, " FOREIGN KEY ");
    column_list(out, t, fk->columns, fk->n_columns);
    shale_buf_puts(out, " REFERENCES ");
    render_table_name(out, ir, r);
    column_list(out, r, fk->ref_columns, fk->n_columns);
    /* Both actions are always written, even PostgreSQL's defaults. */
    shale_buf_printf(out, " ON DELETE %s ON UPDATE %s", action_sql(fk->on_delete), action_sql(fk->on_update));
}

void shale_sql_render_step_header(shale_buf *out, const char *kind, bool first)
{
    if (!first) shale_buf_putc(out, '\n');
    shale_buf_puts(out, "-- ");
    shale_buf_puts(out, kind);
    shale_buf_putc(out, '\n');
}
