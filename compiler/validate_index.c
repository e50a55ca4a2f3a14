/* validate_index.c - PostgreSQL's rules for index types and operator classes.
 *
 * Runs with the whole-model checks (check_models in resolve_check.c), once every index
 * of the model is resolved. It ports Prisma's PostgreSQL connector validations and the
 * index rules around them: known `ops:` names, which operator class goes with which
 * index type and column type, Xml columns, single-column SP-GiST, no sort on Hash, and
 * `ops` only in @@index. Messages are Prisma's, word for word. */
#include "resolve_int.h"

#include <string.h>

/* Index types as bits, so an operator class can list the ones it works with. */
enum { ALGO_BTREE = 1, ALGO_HASH = 2, ALGO_GIST = 4, ALGO_GIN = 8, ALGO_SPGIST = 16, ALGO_BRIN = 32 };

/* The operator classes with special rules; the rest are BRIN classes handled by the
 * table alone. Keep these first, in this order. */
enum { OP_INET, OP_JSONB, OP_JSONB_PATH, OP_ARRAY, OP_TEXT };

typedef struct opclass {
    const char *name;       /* as written after `ops:` */
    const char *sql;        /* PostgreSQL's name, as the SQL renders it */
    uint8_t algos;          /* ALGO_* it may be used with */
    const char *native[2];  /* BRIN: the native types it supports (NULL-padded) */
    shale_scalar scalar;    /* BRIN: the type it accepts on a field without @db, else COUNT */
} opclass;

#define NONE_SCALAR SHALE_SCALAR_COUNT
#define BRIN1(n, sql, nt) {n, sql, ALGO_BRIN, {nt, NULL}, NONE_SCALAR}
#define BRIN2(n, sql, nt, s) {n, sql, ALGO_BRIN, {nt, NULL}, s}

static const opclass opclasses[] = {
    {"InetOps", "inet_ops", ALGO_GIST | ALGO_SPGIST, {NULL, NULL}, NONE_SCALAR},
    {"JsonbOps", "jsonb_ops", ALGO_GIN, {NULL, NULL}, NONE_SCALAR},
    {"JsonbPathOps", "jsonb_path_ops", ALGO_GIN, {NULL, NULL}, NONE_SCALAR},
    {"ArrayOps", "array_ops", ALGO_GIN, {NULL, NULL}, NONE_SCALAR},
    {"TextOps", "text_ops", ALGO_SPGIST, {NULL, NULL}, NONE_SCALAR},
    BRIN1("BitMinMaxOps", "bit_minmax_ops", "Bit"),
    BRIN1("VarBitMinMaxOps", "varbit_minmax_ops", "VarBit"),
    BRIN1("BpcharBloomOps", "bpchar_bloom_ops", "Char"),
    BRIN1("BpcharMinMaxOps", "bpchar_minmax_ops", "Char"),
    BRIN2("ByteaBloomOps", "bytea_bloom_ops", "ByteA", SHALE_SCALAR_BYTES),
    BRIN2("ByteaMinMaxOps", "bytea_minmax_ops", "ByteA", SHALE_SCALAR_BYTES),
    BRIN1("DateBloomOps", "date_bloom_ops", "Date"),
    BRIN1("DateMinMaxOps", "date_minmax_ops", "Date"),
    BRIN1("DateMinMaxMultiOps", "date_minmax_multi_ops", "Date"),
    BRIN1("Float4BloomOps", "float4_bloom_ops", "Real"),
    BRIN1("Float4MinMaxOps", "float4_minmax_ops", "Real"),
    BRIN1("Float4MinMaxMultiOps", "float4_minmax_multi_ops", "Real"),
    BRIN2("Float8BloomOps", "float8_bloom_ops", "DoublePrecision", SHALE_SCALAR_FLOAT),
    BRIN2("Float8MinMaxOps", "float8_minmax_ops", "DoublePrecision", SHALE_SCALAR_FLOAT),
    BRIN2("Float8MinMaxMultiOps", "float8_minmax_multi_ops", "DoublePrecision", SHALE_SCALAR_FLOAT),
    BRIN1("InetInclusionOps", "inet_inclusion_ops", "Inet"),
    BRIN1("InetBloomOps", "inet_bloom_ops", "Inet"),
    BRIN1("InetMinMaxOps", "inet_minmax_ops", "Inet"),
    BRIN1("InetMinMaxMultiOps", "inet_minmax_multi_ops", "Inet"),
    BRIN1("Int2BloomOps", "int2_bloom_ops", "SmallInt"),
    BRIN1("Int2MinMaxOps", "int2_minmax_ops", "SmallInt"),
    BRIN1("Int2MinMaxMultiOps", "int2_minmax_multi_ops", "SmallInt"),
    BRIN2("Int4BloomOps", "int4_bloom_ops", "Integer", SHALE_SCALAR_INT),
    BRIN2("Int4MinMaxOps", "int4_minmax_ops", "Integer", SHALE_SCALAR_INT),
    BRIN2("Int4MinMaxMultiOps", "int4_minmax_multi_ops", "Integer", SHALE_SCALAR_INT),
    BRIN2("Int8BloomOps", "int8_bloom_ops", "BigInt", SHALE_SCALAR_BIGINT),
    BRIN2("Int8MinMaxOps", "int8_minmax_ops", "BigInt", SHALE_SCALAR_BIGINT),
    BRIN2("Int8MinMaxMultiOps", "int8_minmax_multi_ops", "BigInt", SHALE_SCALAR_BIGINT),
    BRIN2("NumericBloomOps", "numeric_bloom_ops", "Decimal", SHALE_SCALAR_DECIMAL),
    BRIN2("NumericMinMaxOps", "numeric_minmax_ops", "Decimal", SHALE_SCALAR_DECIMAL),
    BRIN2("NumericMinMaxMultiOps", "numeric_minmax_multi_ops", "Decimal", SHALE_SCALAR_DECIMAL),
    BRIN1("OidBloomOps", "oid_bloom_ops", "Oid"),
    BRIN1("OidMinMaxOps", "oid_minmax_ops", "Oid"),
    BRIN1("OidMinMaxMultiOps", "oid_minmax_multi_ops", "Oid"),
    {"TextBloomOps", "text_bloom_ops", ALGO_BRIN, {"Text", "VarChar"}, SHALE_SCALAR_STRING},
    {"TextMinMaxOps", "text_minmax_ops", ALGO_BRIN, {"Text", "VarChar"}, SHALE_SCALAR_STRING},
    BRIN2("TimestampBloomOps", "timestamp_bloom_ops", "Timestamp", SHALE_SCALAR_DATETIME),
    BRIN2("TimestampMinMaxOps", "timestamp_minmax_ops", "Timestamp", SHALE_SCALAR_DATETIME),
    BRIN2("TimestampMinMaxMultiOps", "timestamp_minmax_multi_ops", "Timestamp", SHALE_SCALAR_DATETIME),
    BRIN1("TimestampTzBloomOps", "timestamptz_bloom_ops", "Timestamptz"),
    BRIN1("TimestampTzMinMaxOps", "timestamptz_minmax_ops", "Timestamptz"),
    BRIN1("TimestampTzMinMaxMultiOps", "timestamptz_minmax_multi_ops", "Timestamptz"),
    BRIN1("TimeBloomOps", "time_bloom_ops", "Time"),
    BRIN1("TimeMinMaxOps", "time_minmax_ops", "Time"),
    BRIN1("TimeMinMaxMultiOps", "time_minmax_multi_ops", "Time"),
    BRIN1("TimeTzBloomOps", "timetz_bloom_ops", "Timetz"),
    BRIN1("TimeTzMinMaxOps", "timetz_minmax_ops", "Timetz"),
    BRIN1("TimeTzMinMaxMultiOps", "timetz_minmax_multi_ops", "Timetz"),
    BRIN1("UuidBloomOps", "uuid_bloom_ops", "Uuid"),
    BRIN1("UuidMinMaxOps", "uuid_minmax_ops", "Uuid"),
    BRIN1("UuidMinMaxMultiOps", "uuid_minmax_multi_ops", "Uuid"),
};
#define N_OPCLASSES (sizeof opclasses / sizeof *opclasses)

/* Native types a BRIN index handles without an explicit operator class. */
static const char *const brin_defaults[] = {
    "Bit",     "VarBit", "Char",  "Date", "Real",    "DoublePrecision", "Inet",        "SmallInt", "Integer", "BigInt",
    "Decimal", "Oid",    "ByteA", "Text", "VarChar", "Timestamp",       "Timestamptz", "Time",     "Timetz",  "Uuid",
};

static const opclass *find_opclass(shale_str name)
{
    for (size_t i = 0; i < N_OPCLASSES; i++)
        if (shale_str_eq(name, opclasses[i].name)) return &opclasses[i];
    return NULL;
}

const char *shale_opclass_sql(shale_str name)
{
    const opclass *op = find_opclass(name);
    return op ? op->sql : NULL;
}

static bool is_op(const opclass *op, int which) { return op == &opclasses[which]; }

/* The name Prisma prints. Its Display impl spells UuidMinMaxMultiOps as BitMinMaxOps
 * (a copy-paste slip upstream); the messages follow it so they match Prisma's. */
static const char *op_shown(const opclass *op)
{
    return strcmp(op->name, "UuidMinMaxMultiOps") == 0 ? "BitMinMaxOps" : op->name;
}

static const char *algo_name(shale_index_method m)
{
    switch (m) {
    case SHALE_METHOD_HASH: return "Hash";
    case SHALE_METHOD_GIST: return "Gist";
    case SHALE_METHOD_GIN: return "Gin";
    case SHALE_METHOD_SPGIST: return "SpGist";
    case SHALE_METHOD_BRIN: return "Brin";
    default: return "BTree";
    }
}

static unsigned algo_bit(shale_index_method m)
{
    switch (m) {
    case SHALE_METHOD_HASH: return ALGO_HASH;
    case SHALE_METHOD_GIST: return ALGO_GIST;
    case SHALE_METHOD_GIN: return ALGO_GIN;
    case SHALE_METHOD_SPGIST: return ALGO_SPGIST;
    case SHALE_METHOD_BRIN: return ALGO_BRIN;
    default: return ALGO_BTREE;
    }
}

static const char *attr_name(const shale_index *ix)
{
    if (ix->kind == SHALE_INDEX_NORMAL) return "@@index";
    return ix->from_field ? "@unique" : "@@unique";
}

static bool is_scalar(const shale_field *fd, shale_scalar s)
{
    return fd->kind == SHALE_FIELD_SCALAR && fd->scalar == s;
}

/* IndexAlgorithm::supports_field_type upstream: BRIN takes every scalar but Boolean
 * and Json. */
static bool brin_scalar(const shale_field *fd)
{
    return fd->kind == SHALE_FIELD_SCALAR && fd->scalar != SHALE_SCALAR_BOOLEAN && fd->scalar != SHALE_SCALAR_JSON;
}

/* The field's native type, len 0 when it has none (only a scalar can have one: the
 * union in shale_field holds something else for other kinds). */
static shale_str native_of(const shale_field *fd)
{
    shale_str s = {"", 0};
    if (fd->kind == SHALE_FIELD_SCALAR && fd->native.name) {
        s.ptr = fd->native.name;
        s.len = strlen(s.ptr);
    }
    return s;
}

static bool native_is(const shale_field *fd, const char *name) { return shale_str_eq(native_of(fd), name); }

static bool native_in(const shale_field *fd, const char *const *names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (names[i] && native_is(fd, names[i])) return true;
    return false;
}

/* Prisma's span of a field: from its name to the end of its line, trailing comment and
 * newline included. */
static shale_span field_line_span(const shale_ast_file *f, const shale_field *fd)
{
    shale_span s = shale_ast_span(f, shale_field_name(fd));
    const shale_ast_field *af = fd->ast;
    if (shale_ast_field_has_type(af) && shale_ast_type_span(f, &af->type).end > s.end)
        s.end = shale_ast_type_span(f, &af->type).end;
    for (const shale_ast_attr *a = af->attrs.head; a; a = a->next)
        if (shale_ast_attr_span(f, a).end > s.end) s.end = shale_ast_attr_span(f, a).end;
    if (shale_ast_field_trailing(af)) {
        shale_span c = shale_ast_span(f, shale_ast_field_trailing(af)->text);
        if (c.end > s.end) s.end = c.end;
    }
    const char *t = f->text;
    while (t[s.end] == ' ' || t[s.end] == '\t') s.end++;
    if (t[s.end] == '\r' && t[s.end + 1] == '\n') s.end += 2;
    else if (t[s.end] == '\n') s.end++;
    return s;
}

/* Errors on the whole index attribute, in Prisma's attribute-validation wording. */
#define IX_ERR(r, ix, fmt, ...)                                                                                        \
    rerr((r), SHALE_E_INDEX, shale_ast_attr_span(f, (ix)->attr), "Error parsing attribute \"%s\": " fmt,               \
         attr_name(ix), __VA_ARGS__)
#define IX_ERR0(r, ix, msg)                                                                                            \
    rerr((r), SHALE_E_INDEX, shale_ast_attr_span(f, (ix)->attr), "Error parsing attribute \"%s\": " msg, attr_name(ix))

/* Prisma's catch-all for a field an index type cannot take (`err_f` upstream). */
static void type_mismatch(rctx *r, const shale_ast_file *f, const shale_index *ix, const shale_field *fd,
                          const opclass *op)
{
    const char *algo = algo_name(ix->method);
    int nl = (int)shale_field_name(fd).len;
    shale_str nt = native_of(fd);
    if (nt.len && op) {
        IX_ERR(r, ix, "The given operator class `%s` does not support native type `%.*s` of field `%.*s`.",
               op_shown(op), (int)nt.len, nt.ptr, nl, shale_field_name(fd).ptr);
    } else if (nt.len) {
        IX_ERR(r, ix, "The %s index field type `%.*s` has no default operator class.", algo, (int)nt.len, nt.ptr);
    } else if (op) {
        IX_ERR(r, ix, "The given operator class `%s` expects the field `%.*s` to define a valid native type.",
               op_shown(op), nl, shale_field_name(fd).ptr);
    } else {
        /* Unsupported("...") columns are the user's call. */
        bool ok = fd->kind == SHALE_FIELD_UNSUPPORTED;
        switch (ix->method) {
        case SHALE_METHOD_GIST:
        case SHALE_METHOD_SPGIST: ok = ok || is_scalar(fd, SHALE_SCALAR_STRING); break;
        case SHALE_METHOD_GIN: ok = ok || is_scalar(fd, SHALE_SCALAR_JSON) || fd->arity == SHALE_ARITY_LIST; break;
        case SHALE_METHOD_BRIN: ok = ok || brin_scalar(fd); break;
        default: ok = true; break;
        }
        if (!ok)
            IX_ERR(r, ix, "The %s index type does not support the type of the field `%.*s`.", algo, nl,
                   shale_field_name(fd).ptr);
    }
}

/* An operator class for one Prisma type, on a field without @db of another type. */
static void wrong_scalar(rctx *r, const shale_ast_file *f, const shale_index *ix, const shale_field *fd,
                         const opclass *op, const char *type)
{
    IX_ERR(r, ix, "The given operator class `%s` points to the field `%.*s` that is not of %s type.", op_shown(op),
           (int)shale_field_name(fd).len, shale_field_name(fd).ptr, type);
}

static void check_gin(rctx *r, const shale_ast_file *f, const shale_index *ix, const shale_field *fd, const opclass *op)
{
    bool list = fd->arity == SHALE_ARITY_LIST, json = is_scalar(fd, SHALE_SCALAR_JSON);
    bool jsonb_op = is_op(op, OP_JSONB) || is_op(op, OP_JSONB_PATH);
    if (!op && !native_of(fd).len && json) return;
    if (!op && list) return;
    if (native_is(fd, "JsonB") && (!op || jsonb_op)) return;
    if (!native_of(fd).len && jsonb_op) {
        if (!json) wrong_scalar(r, f, ix, fd, op, "Json");
        return;
    }
    if (is_op(op, OP_ARRAY)) {
        if (!list)
            IX_ERR(r, ix, "The given operator class `ArrayOps` expects the type of field `%.*s` to be an array.",
                   (int)shale_field_name(fd).len, shale_field_name(fd).ptr);
        return;
    }
    type_mismatch(r, f, ix, fd, op);
}

static void check_spgist(rctx *r, const shale_ast_file *f, const shale_index *ix, const shale_field *fd,
                         const opclass *op)
{
    static const char *const text_natives[] = {"Text", "VarChar", "Char"};
    bool string = is_scalar(fd, SHALE_SCALAR_STRING);
    if (native_is(fd, "Inet") && (!op || is_op(op, OP_INET))) return;
    if (!native_of(fd).len && !op && string) return;
    if (!native_of(fd).len && is_op(op, OP_TEXT)) {
        if (!string) wrong_scalar(r, f, ix, fd, op, "String");
        return;
    }
    if (native_in(fd, text_natives, 3) && (!op || is_op(op, OP_TEXT))) return;
    type_mismatch(r, f, ix, fd, op);
}

static void check_brin(rctx *r, const shale_ast_file *f, const shale_index *ix, const shale_field *fd,
                       const opclass *op)
{
    size_t n_defaults = sizeof brin_defaults / sizeof *brin_defaults;
    if (native_of(fd).len) {
        if (op ? native_in(fd, op->native, 2) : native_in(fd, brin_defaults, n_defaults)) return;
    } else if (!op) {
        if (brin_scalar(fd)) return;
    } else if (op->scalar != NONE_SCALAR) {
        if (!is_scalar(fd, op->scalar)) wrong_scalar(r, f, ix, fd, op, shale_scalar_name(op->scalar));
        return;
    }
    type_mismatch(r, f, ix, fd, op);
}

/* generalized_index_validations upstream, for one field of a non-primary index. */
static void check_field(rctx *r, const shale_ast_file *f, const shale_model *m, const shale_index *ix,
                        const shale_index_field *xf)
{
    if (xf->ops_raw) return; /* raw("...") goes to PostgreSQL as written */
    const shale_field *fd = &m->fields[xf->field];
    if (fd->kind == SHALE_FIELD_UNRESOLVED) return;
    const opclass *op = shale_index_field_ops(xf).len ? find_opclass(shale_index_field_ops(xf)) : NULL;
    if (op && !(op->algos & algo_bit(ix->method))) {
        IX_ERR(r, ix, "The given operator class `%s` is not supported with the `%s` index type.", op_shown(op),
               algo_name(ix->method));
        return;
    }
    switch (ix->method) {
    case SHALE_METHOD_GIST:
        if (!(native_is(fd, "Inet") && is_op(op, OP_INET))) type_mismatch(r, f, ix, fd, op);
        break;
    case SHALE_METHOD_GIN: check_gin(r, f, ix, fd, op); break;
    case SHALE_METHOD_SPGIST: check_spgist(r, f, ix, fd, op); break;
    case SHALE_METHOD_BRIN: check_brin(r, f, ix, fd, op); break;
    default: break; /* BTree and Hash take any column and no named class */
    }
}

/* An `ops:` constant that names no operator class. Prisma rejects it while reading the
 * attribute, at the constant. Returns false when there was one. */
static bool check_ops_names(rctx *r, const shale_ast_file *f, const shale_index *ix)
{
    bool ok = true;
    for (uint32_t j = 0; j < ix->n_fields; j++) {
        const shale_index_field *xf = &ix->fields[j];
        shale_str ops = shale_index_field_ops(xf);
        if (!ops.len || xf->ops_raw || find_opclass(ops)) continue;
        rerr(r, SHALE_E_INDEX, rspan(f, ops), "Unexpected token. Expected one of: Invalid operator class: %.*s",
             (int)ops.len, ops.ptr);
        ok = false;
    }
    return ok;
}

/* Prisma walks a model's indexes as it read them: attributes on fields first, then
 * @@id, every @@index, every @@unique. Its messages come in that order. */
static int prisma_rank(const shale_index *ix)
{
    if (ix->from_field) return 0;
    return ix->kind == SHALE_INDEX_PRIMARY ? 1 : ix->kind == SHALE_INDEX_NORMAL ? 2 : 3;
}

/* Index arithmetic, not pointers: a model without indexes has indexes == NULL. */
#define FOR_EACH_INDEX(m, ix)                                                                                          \
    for (int rank_ = 0; rank_ < 4; rank_++)                                                                          \
        for (uint32_t i_ = 0; i_ < (m)->n_indexes; i_++)                                                              \
            for (const shale_index *ix = &(m)->indexes[i_]; ix && prisma_rank(ix) == rank_; ix = NULL)

/* One index for the connector's checks (postgres validations.rs). */
static void check_connector(rctx *r, const shale_ast_file *f, const shale_model *m, const shale_index *ix)
{
    for (uint32_t j = 0; j < ix->n_fields; j++) {
        const shale_field *fd = &m->fields[ix->fields[j].field];
        if (!native_is(fd, "Xml")) continue;
        if (ix->kind == SHALE_INDEX_UNIQUE)
            rerr(r, SHALE_E_INDEX, field_line_span(f, fd), "Native type `Xml` cannot be unique in Postgres.");
        else
            rerr(r, SHALE_E_INDEX, field_line_span(f, fd),
                 "You cannot define an index on fields with native type `Xml` of Postgres.");
        break;
    }
    for (uint32_t j = 0; j < ix->n_fields; j++) check_field(r, f, m, ix, &ix->fields[j]);
    if (ix->method == SHALE_METHOD_SPGIST && ix->n_fields != 1)
        IX_ERR0(r, ix, "SpGist does not support multi-column indices.");
}

/* One index for the connector-independent rules about index types and `ops`. */
static void check_generic(rctx *r, const shale_ast_file *f, const shale_index *ix)
{
    bool sorted = false, has_ops = false;
    for (uint32_t j = 0; j < ix->n_fields; j++) {
        sorted |= ix->fields[j].sort != SHALE_SORT_NONE;
        has_ops |= shale_index_field_ops(&ix->fields[j]).len > 0 || ix->fields[j].ops_raw;
    }
    if (ix->method == SHALE_METHOD_HASH && sorted) IX_ERR0(r, ix, "Hash type does not support sort option.");
    if (ix->kind != SHALE_INDEX_NORMAL && has_ops)
        IX_ERR0(r, ix, "Operator classes can only be defined to fields in an @@index attribute.");
}

void check_index_types(rctx *r, uint32_t mi)
{
    const shale_model *m = &r->s->models[mi];
    const shale_ast_file *f = r->model_files[mi];
    bool names_ok = true;
    FOR_EACH_INDEX(m, ix) names_ok &= check_ops_names(r, f, ix);
    /* The rest belongs to Prisma's validation pass, which does not run once reading the
     * attributes failed, and which checks views differently. The primary key is not
     * one of the model's indexes there: `ops` on @@id is accepted and ignored. */
    if (!names_ok || m->is_view) return;
    /* The connector's checks come first, for the whole model. */
    FOR_EACH_INDEX(m, ix) if (ix->kind != SHALE_INDEX_PRIMARY) check_connector(r, f, m, ix);
    FOR_EACH_INDEX(m, ix) if (ix->kind != SHALE_INDEX_PRIMARY) check_generic(r, f, ix);
}
