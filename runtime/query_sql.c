/* query_sql.c - the SQL the runtime sends, built from the model descriptors: select
 * lists, WHERE from the filter structs (every filter kind, AND/OR/NOT nesting), unique
 * criteria, ORDER BY and LIMIT/OFFSET (relation filters: query_where_rel.c). Identifiers are always double-quoted; every
 * value is a $n parameter cast to the column's type ($1::timestamp(3),
 * $2::"public"."Role"), so equal shapes give equal SQL text and share one prepared
 * statement.
 */
#include "runtime/runtime_int.h"

#include <string.h>

#define MAX_DEPTH SHALE_SQL_MAX_DEPTH

static void column(shale_buf *b, const char *alias, const shale_field_desc *f)
{
    if (alias) {
        shale_buf_puts(b, alias);
        shale_buf_putc(b, '.');
    }
    shale_sql__ident(b, f->column);
}

void shale_sql__select_list(shale_buf *b, const shale_model_desc *m, const char *alias)
{
    for (size_t i = 0; i < m->n_fields; i++) {
        if (i) shale_buf_puts(b, ", ");
        column(b, alias, &m->fields[i]);
    }
}

/* The column as text for LIKE and lower(): a cast unless its type is text already
 * (String @db.Uuid and the like have no LIKE operator). */
static void column_text(shale_buf *b, const char *alias, const shale_field_desc *f)
{
    const char *t = f->sql_type ? f->sql_type : "text";
    bool text = strcmp(t, "text") == 0 || strncmp(t, "varchar", 7) == 0 || strncmp(t, "character", 9) == 0 ||
                strncmp(t, "char", 4) == 0 || strcmp(t, "citext") == 0;
    if (!text) shale_buf_putc(b, '(');
    column(b, alias, f);
    if (!text) shale_buf_puts(b, ")::text");
}

/* "$n::type" (with `suffix`, e.g. "[]") for value v of field f (or of a list view of it). */
static int param_cast(shale_buf *b, shale_params *p, const shale_field_desc *f, const void *v, const char *suffix)
{
    int n = shale_params__begin(p);
    if (!n) return SHALE_ENOMEM;
    int rc = shale_param__encode(&p->text, f, v);
    if (rc < 0) {
        p->bad = f->name;
        return rc;
    }
    shale_params__end(p);
    shale_buf_printf(b, "$%d::%s%s", n, f->sql_type, suffix);
    return 0;
}

int shale_sql__param(shale_buf *b, shale_params *p, const shale_field_desc *f, const void *v)
{
    return param_cast(b, p, f, v, "");
}

/* A parameter holding n values of f's scalar type as an array, cast to type[]. */
static int param_array(shale_buf *b, shale_params *p, const shale_field_desc *f, const void *items, size_t n)
{
    if (n && !items) return SHALE_EINVAL;
    shale_field_desc lf = *f;
    lf.flags |= SHALE_F_LIST;
    shale_str_list l = {n, (const char *const *)items};
    return param_cast(b, p, &lf, &l, "[]");
}

/* The element type of a list column: "text[]" -> "text". */
static int param_elem_array(shale_buf *b, shale_params *p, const shale_field_desc *f, const void *elem)
{
    shale_str_list l = {1, (const char *const *)elem};
    return param_cast(b, p, f, &l, "");
}

typedef struct cond {
    shale_buf *b;
    shale_params *p;
    bool any;
} cond;

static void next(cond *c)
{
    if (c->any) shale_buf_puts(c->b, " AND ");
    c->any = true;
}

static void null_test(cond *c, const char *alias, const shale_field_desc *f, shale_null_test t)
{
    if (t == SHALE_NULL_ANY) return;
    next(c);
    column(c->b, alias, f);
    shale_buf_puts(c->b, t == SHALE_IS_NULL ? " IS NULL" : " IS NOT NULL");
}

/* col OP $n::type, with lower() on both sides when insensitive. */
static int compare(cond *c, const char *alias, const shale_field_desc *f, const char *op, const void *v, bool ci)
{
    next(c);
    if (ci) {
        shale_buf_puts(c->b, "lower(");
        column_text(c->b, alias, f);
    } else {
        column(c->b, alias, f);
    }
    shale_buf_puts(c->b, ci ? ") " : " ");
    shale_buf_puts(c->b, op);
    shale_buf_puts(c->b, ci ? " lower(" : " ");
    shale_field_desc tf = *f;
    if (ci) tf.sql_type = "text"; /* lower() wants text on both sides */
    int rc = shale_sql__param(c->b, c->p, &tf, v);
    if (ci) shale_buf_putc(c->b, ')');
    return rc;
}

/* in / not in: col = ANY($n::type[]); an empty `in` matches nothing. */
static int in_list(cond *c, const char *alias, const shale_field_desc *f, const void *items, size_t n, bool has,
                   bool negate, bool ci)
{
    if (!has && !items) return 0;
    if (!negate && n == 0) {
        next(c);
        shale_buf_puts(c->b, "FALSE");
        return 0;
    }
    if (negate && n == 0) return 0; /* not in [] holds for every row */
    next(c);
    if (negate) shale_buf_puts(c->b, "NOT (");
    if (ci) {
        shale_buf_puts(c->b, "lower(");
        column_text(c->b, alias, f);
    } else {
        column(c->b, alias, f);
    }
    shale_buf_puts(c->b, ci ? ") = ANY(SELECT lower(x) FROM unnest(" : " = ANY(");
    shale_field_desc tf = *f;
    if (ci) tf.sql_type = "text";
    int rc = param_array(c->b, c->p, &tf, items, n);
    shale_buf_puts(c->b, ci ? ") x)" : ")");
    if (negate) shale_buf_putc(c->b, ')');
    return rc;
}

/* contains / starts_with / ends_with: LIKE with %, _ and \ escaped. */
static int like(cond *c, const char *alias, const shale_field_desc *f, const char *s, bool lead, bool trail, bool ci)
{
    if (!s) return 0;
    next(c);
    column_text(c->b, alias, f);
    shale_buf_puts(c->b, ci ? " ILIKE " : " LIKE ");
    int n = shale_params__begin(c->p);
    if (!n) return SHALE_ENOMEM;
    if (lead) shale_buf_putc(&c->p->text, '%');
    for (const char *q = s; *q; q++) {
        if (*q == '%' || *q == '_' || *q == '\\') shale_buf_putc(&c->p->text, '\\');
        shale_buf_putc(&c->p->text, *q);
    }
    if (trail) shale_buf_putc(&c->p->text, '%');
    shale_params__end(c->p);
    shale_buf_printf(c->b, "$%d::text", n);
    return 0;
}

static int str_filter(cond *c, const char *alias, const shale_field_desc *f, const shale_str_filter *x)
{
    bool ci = x->insensitive;
    int rc = 0;
    if (x->equals && (rc = compare(c, alias, f, "=", &x->equals, ci)) < 0) return rc;
    if (x->not_equals && (rc = compare(c, alias, f, "<>", &x->not_equals, ci)) < 0) return rc;
    if ((rc = in_list(c, alias, f, x->in, x->n_in, x->has_in, false, ci)) < 0) return rc;
    if ((rc = in_list(c, alias, f, x->not_in, x->n_not_in, false, true, ci)) < 0) return rc;
    if (x->lt && (rc = compare(c, alias, f, "<", &x->lt, ci)) < 0) return rc;
    if (x->lte && (rc = compare(c, alias, f, "<=", &x->lte, ci)) < 0) return rc;
    if (x->gt && (rc = compare(c, alias, f, ">", &x->gt, ci)) < 0) return rc;
    if (x->gte && (rc = compare(c, alias, f, ">=", &x->gte, ci)) < 0) return rc;
    if ((rc = like(c, alias, f, x->contains, true, true, ci)) < 0) return rc;
    if ((rc = like(c, alias, f, x->starts_with, false, true, ci)) < 0) return rc;
    if ((rc = like(c, alias, f, x->ends_with, true, false, ci)) < 0) return rc;
    null_test(c, alias, f, x->null_test);
    return 0;
}

static int decimal_filter(cond *c, const char *alias, const shale_field_desc *f, const shale_decimal_filter *x)
{
    int rc = 0;
    if (x->equals && (rc = compare(c, alias, f, "=", &x->equals, false)) < 0) return rc;
    if (x->not_equals && (rc = compare(c, alias, f, "<>", &x->not_equals, false)) < 0) return rc;
    if ((rc = in_list(c, alias, f, x->in, x->n_in, x->has_in, false, false)) < 0) return rc;
    if ((rc = in_list(c, alias, f, x->not_in, x->n_not_in, false, true, false)) < 0) return rc;
    if (x->lt && (rc = compare(c, alias, f, "<", &x->lt, false)) < 0) return rc;
    if (x->lte && (rc = compare(c, alias, f, "<=", &x->lte, false)) < 0) return rc;
    if (x->gt && (rc = compare(c, alias, f, ">", &x->gt, false)) < 0) return rc;
    if (x->gte && (rc = compare(c, alias, f, ">=", &x->gte, false)) < 0) return rc;
    null_test(c, alias, f, x->null_test);
    return 0;
}

/* The comparison filters share one layout; only the value types differ. */
#define CMP_FILTER(fn, ftype)                                                                                     \
    static int fn(cond *c, const char *alias, const shale_field_desc *f, const ftype *x)                           \
    {                                                                                                              \
        int rc = 0;                                                                                                \
        if (x->equals.has && (rc = compare(c, alias, f, "=", &x->equals.v, false)) < 0) return rc;                 \
        if (x->not_equals.has && (rc = compare(c, alias, f, "<>", &x->not_equals.v, false)) < 0) return rc;       \
        if ((rc = in_list(c, alias, f, x->in, x->n_in, x->has_in, false, false)) < 0) return rc;                   \
        if ((rc = in_list(c, alias, f, x->not_in, x->n_not_in, false, true, false)) < 0) return rc;                \
        if (x->lt.has && (rc = compare(c, alias, f, "<", &x->lt.v, false)) < 0) return rc;                         \
        if (x->lte.has && (rc = compare(c, alias, f, "<=", &x->lte.v, false)) < 0) return rc;                      \
        if (x->gt.has && (rc = compare(c, alias, f, ">", &x->gt.v, false)) < 0) return rc;                         \
        if (x->gte.has && (rc = compare(c, alias, f, ">=", &x->gte.v, false)) < 0) return rc;                      \
        null_test(c, alias, f, x->null_test);                                                                      \
        return 0;                                                                                                  \
    }
CMP_FILTER(i32_filter, shale_i32_filter)
CMP_FILTER(i64_filter, shale_i64_filter)
CMP_FILTER(f64_filter, shale_f64_filter)
CMP_FILTER(datetime_filter, shale_datetime_filter)

static int enum_filter(cond *c, const char *alias, const shale_field_desc *f, const shale_enum_filter *x)
{
    int rc = 0;
    if (x->equals && (rc = compare(c, alias, f, "=", &x->equals, false)) < 0) return rc;
    if (x->not_equals && (rc = compare(c, alias, f, "<>", &x->not_equals, false)) < 0) return rc;
    if ((rc = in_list(c, alias, f, x->in, x->n_in, x->has_in, false, false)) < 0) return rc;
    if ((rc = in_list(c, alias, f, x->not_in, x->n_not_in, false, true, false)) < 0) return rc;
    null_test(c, alias, f, x->null_test);
    return 0;
}

static int json_cmp(cond *c, const char *alias, const shale_field_desc *f, const char *op, const char *text)
{
    next(c);
    shale_buf_putc(c->b, '(');
    column(c->b, alias, f);
    shale_buf_printf(c->b, ")::jsonb %s ", op);
    int n = shale_params__add_text(c->p, text);
    if (!n) return SHALE_ENOMEM;
    shale_buf_printf(c->b, "$%d::jsonb", n);
    return 0;
}

static int list_filter(cond *c, const char *alias, const shale_field_desc *f, const shale_list_filter *x)
{
    int rc;
    if (x->has) {
        next(c);
        column(c->b, alias, f);
        shale_buf_puts(c->b, " @> ");
        if ((rc = param_elem_array(c->b, c->p, f, x->has)) < 0) return rc;
    }
    if (x->is_empty.has) {
        next(c);
        shale_buf_puts(c->b, x->is_empty.v ? "coalesce(cardinality(" : "cardinality(");
        column(c->b, alias, f);
        shale_buf_puts(c->b, x->is_empty.v ? "), 0) = 0" : ") > 0");
    }
    return 0;
}

static int field_filter(cond *c, const char *alias, const shale_field_desc *f, const char *w)
{
    if (f->flags & SHALE_F_LIST) return list_filter(c, alias, f, (const shale_list_filter *)(const void *)w);
    switch (f->type) {
    case SHALE_T_STRING: return str_filter(c, alias, f, (const shale_str_filter *)(const void *)w);
    case SHALE_T_INT: return i32_filter(c, alias, f, (const shale_i32_filter *)(const void *)w);
    case SHALE_T_BIGINT: return i64_filter(c, alias, f, (const shale_i64_filter *)(const void *)w);
    case SHALE_T_FLOAT: return f64_filter(c, alias, f, (const shale_f64_filter *)(const void *)w);
    case SHALE_T_DATETIME: return datetime_filter(c, alias, f, (const shale_datetime_filter *)(const void *)w);
    case SHALE_T_DECIMAL: return decimal_filter(c, alias, f, (const shale_decimal_filter *)(const void *)w);
    case SHALE_T_ENUM: return enum_filter(c, alias, f, (const shale_enum_filter *)(const void *)w);
    case SHALE_T_BOOL: {
        const shale_bool_filter *x = (const void *)w;
        int rc = 0;
        if (x->equals.has && (rc = compare(c, alias, f, "=", &x->equals.v, false)) < 0) return rc;
        if (x->not_equals.has && (rc = compare(c, alias, f, "<>", &x->not_equals.v, false)) < 0) return rc;
        null_test(c, alias, f, x->null_test);
        return 0;
    }
    case SHALE_T_JSON: {
        const shale_json_filter *x = (const void *)w;
        int rc = 0;
        if (x->equals && (rc = json_cmp(c, alias, f, "=", x->equals)) < 0) return rc;
        if (x->not_equals && (rc = json_cmp(c, alias, f, "<>", x->not_equals)) < 0) return rc;
        null_test(c, alias, f, x->null_test);
        return 0;
    }
    case SHALE_T_BYTES: {
        const shale_bytes_filter *x = (const void *)w;
        int rc = 0;
        if (x->equals.has && (rc = compare(c, alias, f, "=", &x->equals.v, false)) < 0) return rc;
        if (x->not_equals.has && (rc = compare(c, alias, f, "<>", &x->not_equals.v, false)) < 0) return rc;
        null_test(c, alias, f, x->null_test);
        return 0;
    }
    default: return SHALE_EINVAL;
    }
}

static int where_rec(shale_buf *b, shale_params *p, const shale_model_desc *m, const char *w, const char *alias,
                     int depth);

/* The AND/OR/NOT array at `arr_off` / `n_off` of where struct w. */
static int nested(cond *c, const shale_model_desc *m, const char *w, size_t arr_off, size_t n_off, const char *join,
                  bool negate, bool empty_true, const char *alias, int depth)
{
    if (arr_off == SHALE_NO_OFFSET) return 0;
    const char *arr;
    size_t n;
    memcpy(&arr, w + arr_off, sizeof arr);
    memcpy(&n, w + n_off, sizeof n);
    if (!arr) return 0;
    next(c);
    if (n == 0) {
        /* Prisma: AND: [] and NOT: [] hold for every row, OR: [] for none. */
        shale_buf_puts(c->b, empty_true ? "TRUE" : "FALSE");
        return 0;
    }
    shale_buf_putc(c->b, '(');
    for (size_t i = 0; i < n; i++) {
        if (i) shale_buf_puts(c->b, join);
        shale_buf_puts(c->b, negate ? "NOT (" : "(");
        int rc = where_rec(c->b, c->p, m, arr + i * m->where_size, alias, depth + 1);
        if (rc < 0) return rc;
        shale_buf_putc(c->b, ')');
    }
    shale_buf_putc(c->b, ')');
    return 0;
}

static int where_rec(shale_buf *b, shale_params *p, const shale_model_desc *m, const char *w, const char *alias,
                     int depth)
{
    if (depth > MAX_DEPTH) return SHALE_EINVAL;
    cond c = {b, p, false};
    int rc;
    for (size_t i = 0; i < m->n_fields; i++) {
        const shale_field_desc *f = &m->fields[i];
        if (f->where_offset == SHALE_NO_OFFSET) continue;
        if ((rc = field_filter(&c, alias, f, w + f->where_offset)) < 0) return rc;
    }
    if ((rc = shale_sql__relation_filters(b, p, m, w, alias, depth, &c.any)) < 0) return rc;
    if ((rc = nested(&c, m, w, m->where_and_offset, m->where_n_and_offset, " AND ", false, true, alias, depth)) < 0)
        return rc;
    if ((rc = nested(&c, m, w, m->where_or_offset, m->where_n_or_offset, " OR ", false, false, alias, depth)) < 0)
        return rc;
    if ((rc = nested(&c, m, w, m->where_not_offset, m->where_n_not_offset, " AND ", true, true, alias, depth)) < 0)
        return rc;
    if (!c.any) shale_buf_puts(b, "TRUE");
    return 0;
}

int shale_sql__where(shale_buf *b, shale_params *p, const shale_model_desc *m, const void *where, const char *alias)
{
    return shale_sql__where_depth(b, p, m, where, alias, 0);
}

int shale_sql__where_depth(shale_buf *b, shale_params *p, const shale_model_desc *m, const void *where,
                           const char *alias, int depth)
{
    if (!where) {
        shale_buf_puts(b, "TRUE");
        return 0;
    }
    return where_rec(b, p, m, where, alias, depth);
}

int shale_sql__order_page(shale_buf *b, shale_params *p, const shale_model_desc *m, const shale_find_args *args)
{
    if (!args) return 0;
    if (args->n_order_by && !args->order_by) return SHALE_EINVAL;
    for (size_t i = 0; i < args->n_order_by; i++) {
        const shale_order_by *o = &args->order_by[i];
        if (o->field < 0 || (size_t)o->field >= m->n_fields || (o->dir != SHALE_ASC && o->dir != SHALE_DESC))
            return SHALE_EINVAL;
        shale_buf_puts(b, i ? ", " : " ORDER BY ");
        shale_sql__ident(b, m->fields[o->field].column);
        shale_buf_puts(b, o->dir == SHALE_DESC ? " DESC" : " ASC");
    }
    if (args->take < 0 || args->skip < 0) return SHALE_EINVAL;
    char num[24];
    if (args->take > 0) {
        snprintf(num, sizeof num, "%lld", (long long)args->take);
        int n = shale_params__add_text(p, num);
        if (!n) return SHALE_ENOMEM;
        shale_buf_printf(b, " LIMIT $%d::bigint", n);
    }
    if (args->skip > 0) {
        snprintf(num, sizeof num, "%lld", (long long)args->skip);
        int n = shale_params__add_text(p, num);
        if (!n) return SHALE_ENOMEM;
        shale_buf_printf(b, " OFFSET $%d::bigint", n);
    }
    return 0;
}

static bool criterion_set(const shale_unique_desc *u, const char *w)
{
    if (u->has_offset == SHALE_NO_OFFSET) {
        const void *ptr;
        memcpy(&ptr, w + u->value_offsets[0], sizeof ptr);
        return ptr != NULL;
    }
    return *(const bool *)(w + u->has_offset);
}

int shale_sql__unique_pick(const shale_model_desc *m, const void *where_unique)
{
    if (!where_unique) return -1;
    int pick = -1;
    for (size_t i = 0; i < m->n_uniques; i++) {
        if (!criterion_set(&m->uniques[i], where_unique)) continue;
        if (pick >= 0) return -1;
        pick = (int)i;
    }
    return pick;
}

int shale_sql__unique_cond(shale_buf *b, shale_params *p, const shale_model_desc *m, int u, const void *where_unique,
                           const char *alias)
{
    const shale_unique_desc *ud = &m->uniques[u];
    const char *w = where_unique;
    for (size_t i = 0; i < ud->n_fields; i++) {
        const shale_field_desc *f = &m->fields[ud->fields[i]];
        if (i) shale_buf_puts(b, " AND ");
        column(b, alias, f);
        shale_buf_puts(b, " = ");
        int rc = shale_sql__param(b, p, f, w + ud->value_offsets[i]);
        if (rc < 0) return rc;
    }
    return 0;
}
