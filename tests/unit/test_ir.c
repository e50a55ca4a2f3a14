/* test_ir.c - unit tests of the relational IR (ir.c), Prisma's default constraint
 * names (constraint_names.c) and the creation script renderer (sql_render.c).
 *
 * Each render case builds by hand the IR that lowering tests/golden/ir/<case>.prisma
 * should produce and compares shale_diff_render_create() byte for byte with
 * <case>.sql, which is Prisma's own output:
 *     node ../shared/oracle/diff.mjs --offline empty <case>.prisma > <case>.sql
 * The golden folder is found through $SRCDIR (set by `make check`) or this file's path.
 */
#include "compiler/arena.h"
#include "runtime/buf.h"
#include "compiler/constraint_names.h"
#include "compiler/ir.h"
#include "compiler/diff_render.h"
#include "compiler/sql_render.h"
#include "tap.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- helpers: one IR at a time, built in a shared arena ------------------------- */

static shale_arena arena;
static shale_ir ir;
static int build_errors; /* any builder that failed during the current case */

static shale_str S(const char *s) { return (shale_str){s, strlen(s)}; }

/* dst = prefix + n times c + suffix. */
static char *fill(char *dst, const char *prefix, char c, size_t n, const char *suffix)
{
    size_t k = strlen(prefix);
    memcpy(dst, prefix, k);
    memset(dst + k, c, n);
    memcpy(dst + k + n, suffix, strlen(suffix) + 1);
    return dst;
}

static void begin(void)
{
    shale_arena_init(&arena);
    shale_ir_init(&ir, &arena);
    build_errors = 0;
}

static void ok(int rc)
{
    if (rc < 0) build_errors++;
}

static uint32_t ns(const char *name)
{
    uint32_t i = 0;
    ok(shale_ir_namespace_get(&i, &ir, S(name)));
    return i;
}

static uint32_t table(uint32_t n, const char *name)
{
    uint32_t i = 0;
    ok(shale_ir_add_table(&i, &ir, n, S(name)));
    return i;
}

static uint32_t enum_(uint32_t n, const char *name, uint32_t n_values, ...)
{
    shale_str v[16];
    va_list ap;
    va_start(ap, n_values);
    for (uint32_t k = 0; k < n_values; k++) v[k] = S(va_arg(ap, const char *));
    va_end(ap);
    uint32_t i = 0;
    ok(shale_ir_add_enum(&i, &ir, n, S(name), v, n_values));
    return i;
}

static shale_ir_type ty(shale_ir_type_kind k) { return (shale_ir_type){.kind = (uint8_t)k}; }
static shale_ir_type ty1(shale_ir_type_kind k, uint32_t a)
{
    return (shale_ir_type){.kind = (uint8_t)k, .n_args = 1, .args = {a, 0}};
}
static shale_ir_type ty2(shale_ir_type_kind k, uint32_t a, uint32_t b)
{
    return (shale_ir_type){.kind = (uint8_t)k, .n_args = 2, .args = {a, b}};
}
static shale_ir_type tenum(uint32_t e) { return (shale_ir_type){.kind = SHALE_IR_TYPE_ENUM, .enum_index = e}; }
static shale_ir_type traw(const char *raw) { return (shale_ir_type){.kind = SHALE_IR_TYPE_UNSUPPORTED, .raw = S(raw)}; }

enum { REQ = SHALE_IR_REQUIRED, OPT = SHALE_IR_NULLABLE, LIST = SHALE_IR_LIST };

static uint32_t column(uint32_t t, const char *name, shale_ir_type type, int arity, bool autoinc,
                       const shale_ir_default *def)
{
    shale_ir_column c = {.name = S(name), .type = type, .arity = (uint8_t)arity, .autoincrement = autoinc, .def = def};
    uint32_t i = 0;
    ok(shale_ir_add_column(&i, &ir, t, &c));
    return i;
}

static uint32_t col(uint32_t t, const char *name, shale_ir_type type, int arity)
{
    return column(t, name, type, arity, false, NULL);
}

static const shale_ir_default *dflt(shale_ir_default_kind k, const char *text)
{
    const shale_ir_default *d = NULL;
    ok(shale_ir_default_make(&d, &ir, k, S(text)));
    return d;
}

/* A list default of n scalar items of one kind. */
static const shale_ir_default *dlist(shale_ir_default_kind k, uint32_t n, ...)
{
    shale_ir_default items[16];
    va_list ap;
    va_start(ap, n);
    for (uint32_t i = 0; i < n; i++) items[i] = (shale_ir_default){.kind = (uint8_t)k, .text = S(va_arg(ap, const char *))};
    va_end(ap);
    const shale_ir_default *d = NULL;
    ok(shale_ir_default_make_list(&d, &ir, items, n));
    return d;
}

/* Default names through constraint_names.c, so the goldens check it too. */
static shale_str cname(shale_cname_kind k, uint32_t t, uint32_t n_cols, ...)
{
    shale_str cols[8];
    va_list ap;
    va_start(ap, n_cols);
    for (uint32_t i = 0; i < n_cols; i++) cols[i] = ir.tables[t].columns[va_arg(ap, uint32_t)].name;
    va_end(ap);
    shale_str out = {NULL, 0};
    ok(shale_constraint_name(&out, &arena, k, ir.tables[t].name, cols, n_cols));
    return out;
}

static shale_ir_index_column ic(uint32_t c, int sort, const char *ops)
{
    return (shale_ir_index_column){c, (uint8_t)sort, S(ops ? ops : "")};
}

#define NONE SHALE_IR_SORT_NONE
#define ASC SHALE_IR_SORT_ASC
#define DESC SHALE_IR_SORT_DESC
#define COLS(...) (shale_ir_index_column[]){__VA_ARGS__}, (uint32_t)(sizeof((shale_ir_index_column[]){__VA_ARGS__}) / sizeof(shale_ir_index_column))

static void pk_named(uint32_t t, shale_str name, const shale_ir_index_column *cols, uint32_t n)
{
    ok(shale_ir_set_primary_key(&ir, t, name, cols, n));
}

/* Primary key with Prisma's default name over plain columns. */
static void pk(uint32_t t, uint32_t n, ...)
{
    shale_ir_index_column cols[8];
    va_list ap;
    va_start(ap, n);
    for (uint32_t i = 0; i < n; i++) cols[i] = ic(va_arg(ap, uint32_t), NONE, NULL);
    va_end(ap);
    pk_named(t, cname(SHALE_CNAME_PKEY, t, 0), cols, n);
}

static void index_(uint32_t t, shale_str name, bool unique, int method, const char *where,
                   const shale_ir_index_column *cols, uint32_t n)
{
    shale_ir_index ix = {.name = name, .unique = unique, .method = (uint8_t)method, .where = S(where ? where : "")};
    ix.columns = (shale_ir_index_column *)cols;
    ix.n_columns = n;
    ok(shale_ir_add_index(NULL, &ir, t, &ix));
}

static void fk_(uint32_t t, shale_str name, uint32_t ref, int on_delete, int on_update, uint32_t n, const uint32_t *cols,
                const uint32_t *refs)
{
    shale_ir_foreign_key fk = {.name = name, .ref_table = ref, .n_columns = n,
                               .on_delete = (uint8_t)on_delete, .on_update = (uint8_t)on_update};
    fk.columns = (uint32_t *)cols;
    fk.ref_columns = (uint32_t *)refs;
    ok(shale_ir_add_foreign_key(NULL, &ir, t, &fk));
}

/* Single-column foreign key named by default. */
static void fk1(uint32_t t, uint32_t c, uint32_t ref, uint32_t ref_col, int on_delete, int on_update)
{
    fk_(t, cname(SHALE_CNAME_FKEY, t, 1, c), ref, on_delete, on_update, 1, &c, &ref_col);
}

/* An implicit m:n join table between tables a and b (single-column ids), named and
 * shaped through the m2m functions. */
static void join_table(uint32_t n, const char *relation, uint32_t a, uint32_t a_id, uint32_t b, uint32_t b_id)
{
    shale_str name = {NULL, 0};
    ok(shale_constraint_name_m2m_table(&name, &arena, S(relation)));
    uint32_t t = 0;
    ok(shale_ir_add_table(&t, &ir, n, name));
    uint32_t ca = col(t, "A", ir.tables[a].columns[a_id].type, REQ);
    uint32_t cb = col(t, "B", ir.tables[b].columns[b_id].type, REQ);
    shale_str pk_name = {NULL, 0}, ix_name = {NULL, 0}, fa = {NULL, 0}, fb = {NULL, 0};
    ok(shale_constraint_name_m2m_pkey(&pk_name, &arena, name));
    ok(shale_constraint_name_m2m_b_index(&ix_name, &arena, name));
    ok(shale_constraint_name_m2m_fkey(&fa, &arena, name, 'A'));
    ok(shale_constraint_name_m2m_fkey(&fb, &arena, name, 'B'));
    pk_named(t, pk_name, COLS(ic(ca, NONE, NULL), ic(cb, NONE, NULL)));
    index_(t, ix_name, false, SHALE_IR_BTREE, NULL, COLS(ic(cb, NONE, NULL)));
    fk_(t, fa, a, SHALE_IR_CASCADE, SHALE_IR_CASCADE, 1, &ca, &a_id);
    fk_(t, fb, b, SHALE_IR_CASCADE, SHALE_IR_CASCADE, 1, &cb, &b_id);
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    shale_buf b = SHALE_BUF_INIT;
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) shale_buf_put(&b, chunk, n);
    fclose(f);
    return shale_buf_detach(&b, len);
}

static char *golden(const char *name, size_t *len)
{
    char path[4096];
    const char *src = getenv("SRCDIR");
    if (src) {
        snprintf(path, sizeof path, "%s/tests/golden/ir/%s.sql", src, name);
        char *p = read_file(path, len);
        if (p) return p;
    }
    /* __FILE__ is .../tests/unit/test_ir.c, relative to the build folder or absolute. */
    const char *file = __FILE__;
    const char *cut = strstr(file, "tests/unit/test_ir.c");
    int prefix = cut ? (int)(cut - file) : 0;
    snprintf(path, sizeof path, "%.*stests/golden/ir/%s.sql", prefix, file, name);
    return read_file(path, len);
}

/* Renders the current IR and compares it with the golden file; prints the first
 * difference when they disagree. Releases the case's arena. */
static void expect_golden(const char *name)
{
    CHECK(build_errors == 0, "%s: IR builds (%d builder errors)", name, build_errors);
    CHECK(shale_ir_check(&ir) == 0, "%s: IR passes shale_ir_check", name);
    size_t elen = 0;
    char *exp = golden(name, &elen);
    shale_buf out = SHALE_BUF_INIT;
    int rc = shale_diff_render_create(&out, &ir);
    const char *got = out.ptr ? out.ptr : "";
    bool same = exp && rc == 0 && out.len == elen && memcmp(got, exp, elen) == 0;
    CHECK(same, "%s: creation script matches Prisma's byte for byte", name);
    if (!exp) {
        printf("# cannot read tests/golden/ir/%s.sql (set SRCDIR to the source tree)\n", name);
    } else if (!same) {
        size_t i = 0;
        while (i < out.len && i < elen && got[i] == exp[i]) i++;
        size_t from = i > 60 ? i - 60 : 0;
        printf("# first difference at byte %zu (rc %d)\n# expected: ...%.*s\n# got:      ...%.*s\n", i, rc,
               (int)(elen - from < 160 ? elen - from : 160), exp + from,
               (int)(out.len - from < 160 ? out.len - from : 160), got + from);
    }
    free(exp);
    shale_buf_free(&out);
    shale_arena_free(&arena);
}

/* ---- render cases ---------------------------------------------------------------- */

static void case_simple(void)
{
    begin();
    uint32_t p = ns("public");
    uint32_t u = table(p, "User");
    uint32_t u_id = column(u, "id", ty(SHALE_IR_TYPE_INTEGER), REQ, true, NULL);
    uint32_t u_email = col(u, "email", ty(SHALE_IR_TYPE_TEXT), REQ);
    col(u, "name", ty(SHALE_IR_TYPE_TEXT), OPT);
    col(u, "tags", ty(SHALE_IR_TYPE_TEXT), LIST);
    column(u, "createdAt", ty1(SHALE_IR_TYPE_TIMESTAMP, 3), REQ, false, dflt(SHALE_IR_DEFAULT_NOW, ""));
    pk(u, 1, u_id);
    uint32_t po = table(p, "Post");
    uint32_t p_id = column(po, "id", ty(SHALE_IR_TYPE_INTEGER), REQ, true, NULL);
    uint32_t p_title = col(po, "title", ty1(SHALE_IR_TYPE_VARCHAR, 200), REQ);
    column(po, "published", ty(SHALE_IR_TYPE_BOOLEAN), REQ, false, dflt(SHALE_IR_DEFAULT_BOOLEAN, "false"));
    uint32_t p_author = col(po, "authorId", ty(SHALE_IR_TYPE_INTEGER), REQ);
    pk(po, 1, p_id);
    index_(u, cname(SHALE_CNAME_KEY, u, 1, u_email), true, SHALE_IR_BTREE, NULL, COLS(ic(u_email, NONE, NULL)));
    index_(po, cname(SHALE_CNAME_IDX, po, 2, p_author, p_title), false, SHALE_IR_BTREE, NULL,
           COLS(ic(p_author, NONE, NULL), ic(p_title, NONE, NULL)));
    fk1(po, p_author, u, u_id, SHALE_IR_RESTRICT, SHALE_IR_CASCADE);
    expect_golden("simple");
}

static void case_enums_defaults(void)
{
    begin();
    uint32_t p = ns("public");
    uint32_t role = enum_(p, "Role", 3, "USER", "admin", "SUPER_USER");
    uint32_t mood = enum_(p, "Mood", 2, "HAPPY", "SAD");
    uint32_t t = table(p, "Account");
    uint32_t id = column(t, "id", ty(SHALE_IR_TYPE_BIGINT), REQ, true, NULL);
    column(t, "role", tenum(role), REQ, false, dflt(SHALE_IR_DEFAULT_ENUM, "USER"));
    column(t, "roles", tenum(role), LIST, false, dlist(SHALE_IR_DEFAULT_ENUM, 2, "USER", "admin"));
    col(t, "mood", tenum(mood), OPT);
    column(t, "s", ty(SHALE_IR_TYPE_TEXT), REQ, false, dflt(SHALE_IR_DEFAULT_STRING, "it's"));
    column(t, "sl", ty(SHALE_IR_TYPE_TEXT), LIST, false, dlist(SHALE_IR_DEFAULT_STRING, 2, "a", "b'c"));
    column(t, "se", ty(SHALE_IR_TYPE_TEXT), LIST, false, dlist(SHALE_IR_DEFAULT_STRING, 0));
    column(t, "i", ty(SHALE_IR_TYPE_INTEGER), REQ, false, dflt(SHALE_IR_DEFAULT_NUMBER, "-7"));
    column(t, "il", ty(SHALE_IR_TYPE_INTEGER), LIST, false, dlist(SHALE_IR_DEFAULT_NUMBER, 3, "1", "2", "3"));
    column(t, "f", ty(SHALE_IR_TYPE_DOUBLE), REQ, false, dflt(SHALE_IR_DEFAULT_NUMBER, "1.50"));
    column(t, "d", ty2(SHALE_IR_TYPE_DECIMAL, 65, 30), REQ, false, dflt(SHALE_IR_DEFAULT_NUMBER, "5.6"));
    column(t, "b", ty(SHALE_IR_TYPE_BOOLEAN), REQ, false, dflt(SHALE_IR_DEFAULT_BOOLEAN, "true"));
    column(t, "bl", ty(SHALE_IR_TYPE_BOOLEAN), LIST, false, dlist(SHALE_IR_DEFAULT_BOOLEAN, 2, "true", "false"));
    column(t, "j", ty(SHALE_IR_TYPE_JSONB), REQ, false, dflt(SHALE_IR_DEFAULT_JSON, "{\"a\": 1, \"b\": \"it's\"}"));
    column(t, "jl", ty(SHALE_IR_TYPE_JSONB), LIST, false, dlist(SHALE_IR_DEFAULT_JSON, 2, "{}", "[1]"));
    column(t, "by", ty(SHALE_IR_TYPE_BYTEA), REQ, false, dflt(SHALE_IR_DEFAULT_BYTES, "hello"));
    column(t, "dt", ty1(SHALE_IR_TYPE_TIMESTAMP, 3), REQ, false,
           dflt(SHALE_IR_DEFAULT_DATETIME, "2020-01-02 03:04:05.678 +00:00"));
    column(t, "dtl", ty1(SHALE_IR_TYPE_TIMESTAMP, 3), LIST, false,
           dlist(SHALE_IR_DEFAULT_DATETIME, 1, "2020-01-02 03:04:05 +02:00"));
    column(t, "n", ty1(SHALE_IR_TYPE_TIMESTAMP, 3), REQ, false, dflt(SHALE_IR_DEFAULT_NOW, ""));
    col(t, "u", ty(SHALE_IR_TYPE_TEXT), REQ); /* uuid(): generated by the client, no DB default */
    column(t, "g", ty(SHALE_IR_TYPE_UUID), REQ, false, dflt(SHALE_IR_DEFAULT_DBGENERATED, "gen_random_uuid()"));
    column(t, "g2", ty(SHALE_IR_TYPE_INTEGER), REQ, false, dflt(SHALE_IR_DEFAULT_DBGENERATED, ""));
    column(t, "small", ty(SHALE_IR_TYPE_SMALLINT), REQ, true, NULL);
    column(t, "pt", traw("point"), OPT, false, dflt(SHALE_IR_DEFAULT_DBGENERATED, "point(1,2)"));
    pk(t, 1, id);
    expect_golden("enums_defaults");
}

static void case_indexes(void)
{
    begin();
    uint32_t p = ns("public");
    uint32_t t = table(p, "Item");
    uint32_t a = col(t, "a", ty(SHALE_IR_TYPE_INTEGER), REQ);
    uint32_t b = col(t, "b", ty(SHALE_IR_TYPE_TEXT), REQ);
    uint32_t c = col(t, "c", ty(SHALE_IR_TYPE_TEXT), REQ);
    uint32_t d = col(t, "d", ty(SHALE_IR_TYPE_JSONB), REQ);
    uint32_t e = col(t, "e", ty(SHALE_IR_TYPE_INET), REQ);
    uint32_t f = col(t, "f", ty(SHALE_IR_TYPE_INTEGER), LIST);
    uint32_t g = col(t, "g", ty1(SHALE_IR_TYPE_TIMESTAMP, 3), REQ);
    uint32_t h = col(t, "h", ty(SHALE_IR_TYPE_TEXT), REQ);
    uint32_t k = col(t, "k", ty(SHALE_IR_TYPE_TEXT), REQ);
    pk(t, 2, a, b);
    uint32_t o = table(p, "Other");
    uint32_t o_id = col(o, "id", ty(SHALE_IR_TYPE_INTEGER), REQ);
    uint32_t q = col(o, "q", ty(SHALE_IR_TYPE_INTEGER), REQ);
    uint32_t r = col(o, "r", ty(SHALE_IR_TYPE_INTEGER), REQ);
    pk_named(o, S("other_primary"), COLS(ic(o_id, NONE, NULL)));

    index_(t, cname(SHALE_CNAME_KEY, t, 1, c), true, SHALE_IR_BTREE, NULL, COLS(ic(c, DESC, NULL)));
    index_(t, cname(SHALE_CNAME_IDX, t, 1, h), false, SHALE_IR_HASH, NULL, COLS(ic(h, NONE, NULL)));
    index_(t, cname(SHALE_CNAME_IDX, t, 1, d), false, SHALE_IR_GIN, NULL, COLS(ic(d, NONE, "jsonb_path_ops")));
    index_(t, cname(SHALE_CNAME_IDX, t, 1, e), false, SHALE_IR_GIST, NULL, COLS(ic(e, NONE, "inet_ops")));
    index_(t, cname(SHALE_CNAME_IDX, t, 1, f), false, SHALE_IR_GIN, NULL, COLS(ic(f, NONE, NULL)));
    index_(t, S("item_g_brin"), false, SHALE_IR_BRIN, NULL, COLS(ic(g, DESC, "timestamp_minmax_ops")));
    index_(t, cname(SHALE_CNAME_IDX, t, 1, k), false, SHALE_IR_SPGIST, NULL, COLS(ic(k, NONE, "text_ops")));
    index_(t, S("custom_name"), false, SHALE_IR_BTREE, NULL, COLS(ic(g, DESC, NULL), ic(h, ASC, NULL)));
    index_(t, cname(SHALE_CNAME_IDX, t, 1, b), false, SHALE_IR_BTREE, "a > 0", COLS(ic(b, NONE, "text_pattern_ops")));
    index_(t, cname(SHALE_CNAME_KEY, t, 2, b, a), true, SHALE_IR_BTREE, NULL, COLS(ic(b, NONE, NULL), ic(a, DESC, NULL)));
    index_(t, cname(SHALE_CNAME_KEY, t, 1, h), true, SHALE_IR_BTREE, "(k <> '')", COLS(ic(h, NONE, NULL)));
    index_(o, S("q_uniq"), true, SHALE_IR_BTREE, NULL, COLS(ic(q, NONE, NULL)));
    index_(o, cname(SHALE_CNAME_IDX, o, 1, r), false, SHALE_IR_BTREE, NULL, COLS(ic(r, NONE, NULL)));
    expect_golden("indexes");
}

static void case_foreign_keys(void)
{
    begin();
    uint32_t p = ns("public");
    uint32_t post = table(p, "Post");
    uint32_t post_id = col(post, "id", ty(SHALE_IR_TYPE_INTEGER), REQ);
    uint32_t author = col(post, "authorId", ty(SHALE_IR_TYPE_INTEGER), REQ);
    uint32_t editor = col(post, "editorId", ty(SHALE_IR_TYPE_INTEGER), OPT);
    uint32_t cat_a = col(post, "catA", ty(SHALE_IR_TYPE_INTEGER), REQ);
    uint32_t cat_b = col(post, "catB", ty(SHALE_IR_TYPE_TEXT), REQ);
    pk(post, 1, post_id);
    uint32_t user = table(p, "User");
    uint32_t user_id = col(user, "id", ty(SHALE_IR_TYPE_INTEGER), REQ);
    uint32_t boss = col(user, "bossId", ty(SHALE_IR_TYPE_INTEGER), OPT);
    pk(user, 1, user_id);
    uint32_t cat = table(p, "Cat");
    uint32_t ca = col(cat, "a", ty(SHALE_IR_TYPE_INTEGER), REQ);
    uint32_t cb = col(cat, "b", ty(SHALE_IR_TYPE_TEXT), REQ);
    pk(cat, 2, ca, cb);
    uint32_t prof = table(p, "Profile");
    uint32_t prof_id = col(prof, "id", ty(SHALE_IR_TYPE_INTEGER), REQ);
    uint32_t prof_user = col(prof, "userId", ty(SHALE_IR_TYPE_INTEGER), REQ);
    pk(prof, 1, prof_id);
    index_(prof, cname(SHALE_CNAME_KEY, prof, 1, prof_user), true, SHALE_IR_BTREE, NULL, COLS(ic(prof_user, NONE, NULL)));

    fk1(post, author, user, user_id, SHALE_IR_CASCADE, SHALE_IR_NO_ACTION);
    uint32_t cols[] = {cat_a, cat_b}, refs[] = {ca, cb};
    fk_(post, cname(SHALE_CNAME_FKEY, post, 2, cat_a, cat_b), cat, SHALE_IR_RESTRICT, SHALE_IR_CASCADE, 2, cols, refs);
    fk1(post, editor, user, user_id, SHALE_IR_SET_NULL, SHALE_IR_CASCADE);
    fk1(user, boss, user, user_id, SHALE_IR_SET_DEFAULT, SHALE_IR_RESTRICT);
    fk_(prof, S("profile_owner"), user, SHALE_IR_SET_NULL, SHALE_IR_SET_NULL, 1, &prof_user, &user_id);
    expect_golden("foreign_keys");
}

static void case_many_to_many(void)
{
    begin();
    uint32_t p = ns("public");
    uint32_t post = table(p, "Post");
    uint32_t post_id = column(post, "id", ty(SHALE_IR_TYPE_INTEGER), REQ, true, NULL);
    uint32_t author = col(post, "authorId", ty(SHALE_IR_TYPE_INTEGER), REQ);
    pk(post, 1, post_id);
    uint32_t cat = table(p, "Category");
    uint32_t cat_id = col(cat, "id", ty(SHALE_IR_TYPE_UUID), REQ);
    pk(cat, 1, cat_id);
    uint32_t tag = table(p, "Tag");
    uint32_t tag_id = col(tag, "id", ty(SHALE_IR_TYPE_BIGINT), REQ);
    pk(tag, 1, tag_id);
    uint32_t user = table(p, "User");
    uint32_t user_id = col(user, "id", ty(SHALE_IR_TYPE_INTEGER), REQ);
    pk(user, 1, user_id);
    fk1(post, author, user, user_id, SHALE_IR_RESTRICT, SHALE_IR_CASCADE);
    /* Join tables in relation order (Post.tags is the first relation field whose
     * model sorts first), and column A's type is Post.id's INTEGER, not SERIAL. */
    join_table(p, "PostTags", post, post_id, tag, tag_id);
    join_table(p, "CategoryToPost", cat, cat_id, post, post_id);
    expect_golden("many_to_many");
}

static void case_multi_schema(void)
{
    begin();
    /* Namespaces in the datasource's order; the renderer sorts the CreateSchema steps
     * and skips "unused", which holds nothing. */
    uint32_t zeta = ns("zeta"), alpha = ns("alpha"), pub = ns("public");
    ns("unused");
    uint32_t mood = enum_(zeta, "Mood", 2, "HAPPY", "SAD");
    uint32_t kind = enum_(pub, "Kind", 1, "K");
    uint32_t user = table(alpha, "User");
    uint32_t user_id = column(user, "id", ty(SHALE_IR_TYPE_INTEGER), REQ, true, NULL);
    uint32_t user_mood = column(user, "mood", tenum(mood), REQ, false, dflt(SHALE_IR_DEFAULT_ENUM, "HAPPY"));
    column(user, "moods", tenum(mood), LIST, false, dlist(SHALE_IR_DEFAULT_ENUM, 1, "SAD"));
    col(user, "kind", tenum(kind), OPT);
    pk(user, 1, user_id);
    uint32_t post = table(zeta, "Post");
    uint32_t post_id = col(post, "id", ty(SHALE_IR_TYPE_INTEGER), REQ);
    uint32_t post_user = col(post, "userId", ty(SHALE_IR_TYPE_INTEGER), REQ);
    pk(post, 1, post_id);
    uint32_t tag = table(pub, "Tag");
    uint32_t tag_id = col(tag, "id", ty(SHALE_IR_TYPE_INTEGER), REQ);
    pk(tag, 1, tag_id);
    index_(user, cname(SHALE_CNAME_KEY, user, 2, user_mood, user_id), true, SHALE_IR_BTREE, NULL,
           COLS(ic(user_mood, NONE, NULL), ic(user_id, NONE, NULL)));
    index_(post, cname(SHALE_CNAME_IDX, post, 1, post_user), false, SHALE_IR_HASH, NULL, COLS(ic(post_user, NONE, NULL)));
    fk1(post, post_user, user, user_id, SHALE_IR_RESTRICT, SHALE_IR_CASCADE);
    join_table(pub, "TagToUser", tag, tag_id, user, user_id); /* in model A's (Tag's) schema */
    expect_golden("multi_schema");
}

static void case_long_names(void)
{
    begin();
    uint32_t p = ns("public");
    /* The same names as long_names.prisma, built by length so the counts are plain. */
    char t58[80], tmb[80], c59[80], cmb[80], fc[80], rel[80];
    fill(t58, "T", 'a', 57, "");           /* 58 bytes: pkey exactly 63 */
    fill(tmb, "T", 'a', 56, "\xc3\xa9zz");  /* é at bytes 57-58: pkey 62 */
    fill(c59, "", 'c', 37, "");            /* "Ubb.._ccc" is 59 bytes: key/idx 63 */
    fill(cmb, "", 'c', 36, "\xc3\xa9" "dd"); /* é at bytes 58-59 of the stem */
    fill(fc, "", 'd', 38, "");             /* "Fbb.._ddd" is 60 bytes: cut to 58 */
    fill(rel, "", 'R', 53, "\xc3\xa9xxxx"); /* 55 characters, 56 bytes before _AB_pkey */
    uint32_t first = table(p, t58);
    pk(first, 1, col(first, "id", ty(SHALE_IR_TYPE_INTEGER), REQ));
    uint32_t second = table(p, tmb);
    pk(second, 1, col(second, "id", ty(SHALE_IR_TYPE_INTEGER), REQ));
    uint32_t third = table(p, "Ubbbbbbbbbbbbbbbbbbbb");
    uint32_t third_id = col(third, "id", ty(SHALE_IR_TYPE_INTEGER), REQ);
    uint32_t x = col(third, c59, ty(SHALE_IR_TYPE_INTEGER), REQ);
    uint32_t y = col(third, cmb, ty(SHALE_IR_TYPE_INTEGER), REQ);
    pk(third, 1, third_id);
    uint32_t parent = table(p, "Parent");
    uint32_t parent_id = col(parent, "id", ty(SHALE_IR_TYPE_INTEGER), REQ);
    pk(parent, 1, parent_id);
    uint32_t fourth = table(p, "Fbbbbbbbbbbbbbbbbbbbb");
    uint32_t fourth_id = col(fourth, "id", ty(SHALE_IR_TYPE_INTEGER), REQ);
    uint32_t z = col(fourth, fc, ty(SHALE_IR_TYPE_INTEGER), REQ);
    pk(fourth, 1, fourth_id);
    uint32_t aa = table(p, "Aa");
    uint32_t aa_id = col(aa, "id", ty(SHALE_IR_TYPE_INTEGER), REQ);
    pk(aa, 1, aa_id);
    index_(third, cname(SHALE_CNAME_KEY, third, 1, x), true, SHALE_IR_BTREE, NULL, COLS(ic(x, NONE, NULL)));
    index_(third, cname(SHALE_CNAME_IDX, third, 1, y), false, SHALE_IR_BTREE, NULL, COLS(ic(y, NONE, NULL)));
    index_(third, cname(SHALE_CNAME_KEY, third, 1, y), true, SHALE_IR_BTREE, NULL, COLS(ic(y, NONE, NULL)));
    fk1(third, x, parent, parent_id, SHALE_IR_RESTRICT, SHALE_IR_CASCADE);
    fk1(fourth, z, parent, parent_id, SHALE_IR_RESTRICT, SHALE_IR_CASCADE);
    join_table(p, rel, aa, aa_id, parent, parent_id);
    expect_golden("long_names");
}

static void case_native_types(void)
{
    begin();
    uint32_t p = ns("public");
    uint32_t t = table(p, "T");
    uint32_t id = column(t, "id", ty(SHALE_IR_TYPE_SMALLINT), REQ, true, NULL);
    col(t, "a", ty(SHALE_IR_TYPE_TEXT), REQ);
    col(t, "b", ty1(SHALE_IR_TYPE_VARCHAR, 255), REQ);
    col(t, "b0", ty(SHALE_IR_TYPE_VARCHAR), OPT);
    col(t, "c", ty1(SHALE_IR_TYPE_CHAR, 3), REQ);
    col(t, "u", ty(SHALE_IR_TYPE_UUID), REQ);
    col(t, "x", ty(SHALE_IR_TYPE_XML), REQ);
    col(t, "ine", ty(SHALE_IR_TYPE_INET), REQ);
    col(t, "ci", ty(SHALE_IR_TYPE_CITEXT), REQ);
    col(t, "bit", ty1(SHALE_IR_TYPE_BIT, 4), REQ);
    col(t, "vb", ty(SHALE_IR_TYPE_VARBIT), REQ);
    col(t, "i", ty(SHALE_IR_TYPE_INTEGER), REQ);
    col(t, "o", ty(SHALE_IR_TYPE_OID), REQ);
    col(t, "bg", ty(SHALE_IR_TYPE_BIGINT), REQ);
    col(t, "dp", ty(SHALE_IR_TYPE_DOUBLE), REQ);
    col(t, "r", ty(SHALE_IR_TYPE_REAL), REQ);
    col(t, "dec", ty2(SHALE_IR_TYPE_DECIMAL, 10, 2), REQ);
    col(t, "dd", ty2(SHALE_IR_TYPE_DECIMAL, 65, 30), REQ);
    col(t, "m", ty(SHALE_IR_TYPE_MONEY), REQ);
    col(t, "ts", ty1(SHALE_IR_TYPE_TIMESTAMP, 6), REQ);
    col(t, "tz", ty(SHALE_IR_TYPE_TIMESTAMPTZ), REQ);
    col(t, "dt", ty(SHALE_IR_TYPE_DATE), REQ);
    col(t, "tm", ty1(SHALE_IR_TYPE_TIME, 2), REQ);
    col(t, "ttz", ty1(SHALE_IR_TYPE_TIMETZ, 4), REQ);
    col(t, "js", ty(SHALE_IR_TYPE_JSON), REQ);
    col(t, "jb", ty(SHALE_IR_TYPE_JSONB), REQ);
    col(t, "by", ty(SHALE_IR_TYPE_BYTEA), REQ);
    col(t, "bo", ty(SHALE_IR_TYPE_BOOLEAN), REQ);
    col(t, "decl", ty2(SHALE_IR_TYPE_DECIMAL, 10, 2), LIST);
    col(t, "uns", traw("circle"), LIST);
    column(t, "n", ty(SHALE_IR_TYPE_INTEGER), REQ, true, NULL);
    pk(t, 1, id);
    expect_golden("native_types");
}

static void case_odd_names(void)
{
    begin();
    uint32_t p = ns("public");
    uint32_t e = enum_(p, "en\"um", 3, "it's", "q\"x", "sp ace");
    uint32_t t = table(p, "ta\"ble x");
    uint32_t id = col(t, "i\"d", ty(SHALE_IR_TYPE_INTEGER), REQ);
    column(t, "e", tenum(e), REQ, false, dflt(SHALE_IR_DEFAULT_ENUM, "it's"));
    column(t, "el", tenum(e), LIST, false, dlist(SHALE_IR_DEFAULT_ENUM, 2, "it's", "q\"x"));
    column(t, "c'ol", ty(SHALE_IR_TYPE_TEXT), REQ, false, dflt(SHALE_IR_DEFAULT_STRING, "q\"uote\\back\nnew"));
    uint32_t u = col(t, "\xc3\xbcn\xc3\xaf", ty(SHALE_IR_TYPE_TEXT), REQ);
    pk(t, 1, id);
    index_(t, cname(SHALE_CNAME_KEY, t, 1, u), true, SHALE_IR_BTREE, NULL, COLS(ic(u, NONE, NULL)));
    expect_golden("odd_names");
}

static void case_empty(void)
{
    begin();
    ns("public"); /* a namespace alone creates nothing */
    shale_buf out = SHALE_BUF_INIT;
    int rc = shale_diff_render_create(&out, &ir);
    CHECK(rc == 0 && out.ptr && strcmp(out.ptr, "-- This is an empty migration.\n") == 0,
          "empty IR renders Prisma's empty-migration line");
    shale_buf_free(&out);
    shale_arena_free(&arena);
}

/* ---- single statements and building rules ---------------------------------------- */

static void test_statements(void)
{
    begin();
    uint32_t p = ns("public"), s = ns("s");
    uint32_t e = enum_(s, "E", 1, "A");
    uint32_t t = table(s, "T");
    uint32_t a = col(t, "a", tenum(e), LIST);
    uint32_t b = column(t, "b", ty(SHALE_IR_TYPE_BIGINT), REQ, true, dflt(SHALE_IR_DEFAULT_SEQUENCE, "t_b_seq"));
    uint32_t u = table(p, "U");
    uint32_t u_id = col(u, "id", ty(SHALE_IR_TYPE_BIGINT), REQ);
    shale_buf out = SHALE_BUF_INIT;
    shale_sql_render_column(&out, &ir, &ir.tables[t].columns[a]);
    CHECK(out.ptr && strcmp(out.ptr, "    \"a\" \"s\".\"E\"[]") == 0, "list of a qualified enum: %s", out.ptr);
    out.len = 0;
    shale_sql_render_column(&out, &ir, &ir.tables[t].columns[b]);
    CHECK(strcmp(out.ptr, "    \"b\" BIGSERIAL NOT NULL") == 0, "autoincrement BIGINT hides its sequence default");
    out.len = 0;
    index_(t, S("T_a_idx"), false, SHALE_IR_GIN, "  x > 0  ", COLS(ic(a, NONE, NULL)));
    shale_sql_render_create_index(&out, &ir, t, 0);
    CHECK(strcmp(out.ptr, "CREATE INDEX \"T_a_idx\" ON \"s\".\"T\" USING GIN (\"a\") WHERE (  x > 0  )") == 0,
          "index on a qualified table, method, predicate wrapped: %s", out.ptr);
    out.len = 0;
    fk_(t, S("T_b_fkey"), u, SHALE_IR_NO_ACTION, SHALE_IR_NO_ACTION, 1, &b, &u_id);
    shale_sql_render_add_foreign_key(&out, &ir, t, 0);
    CHECK(strcmp(out.ptr, "ALTER TABLE \"s\".\"T\" ADD CONSTRAINT \"T_b_fkey\" FOREIGN KEY (\"b\") REFERENCES "
                          "\"U\"(\"id\") ON DELETE NO ACTION ON UPDATE NO ACTION") == 0,
          "foreign key across namespaces: %s", out.ptr);
    out.len = 0;
    shale_sql_render_step_header(&out, "CreateTable", false);
    CHECK(strcmp(out.ptr, "\n-- CreateTable\n") == 0, "step header after another step");
    shale_buf_free(&out);
    CHECK(build_errors == 0, "statement IR builds");

    /* Builders refuse bad references and duplicates. */
    uint32_t dummy;
    CHECK(shale_ir_add_table(&dummy, &ir, s, S("T")) == SHALE_EINVAL, "duplicate table name in a namespace");
    CHECK(shale_ir_add_table(&dummy, &ir, p, S("T")) == 0, "same table name in another namespace");
    CHECK(shale_ir_add_enum(&dummy, &ir, s, S("E"), NULL, 0) == SHALE_EINVAL, "duplicate enum name");
    CHECK(shale_ir_add_table(&dummy, &ir, 99, S("X")) == SHALE_EINVAL, "table in an unknown namespace");
    shale_ir_column bad = {.name = S("x"), .type = tenum(42)};
    CHECK(shale_ir_add_column(NULL, &ir, t, &bad) == SHALE_EINVAL, "column of an unknown enum");
    shale_ir_index_column badc = ic(7, NONE, NULL);
    CHECK(shale_ir_set_primary_key(&ir, t, S("pk"), &badc, 1) == SHALE_EINVAL, "key over an unknown column");
    uint32_t far = 7;
    shale_ir_foreign_key badfk = {.name = S("f"), .columns = &b, .ref_table = 99, .ref_columns = &far, .n_columns = 1};
    CHECK(shale_ir_add_foreign_key(NULL, &ir, t, &badfk) == 0 && shale_ir_check(&ir) == SHALE_EINVAL,
          "a dangling foreign key is caught by shale_ir_check");
    shale_buf o2 = SHALE_BUF_INIT;
    CHECK(shale_diff_render_create(&o2, &ir) == SHALE_EINVAL && o2.len == 0, "render refuses an IR that fails the check");
    shale_buf_free(&o2);
    shale_arena_free(&arena);
}

static void test_lookup_and_sort(void)
{
    begin();
    uint32_t z = ns("z"), a = ns("a");
    uint32_t e2 = enum_(z, "E2", 1, "X");
    uint32_t e1 = enum_(a, "E1", 1, "Y");
    uint32_t tz = table(z, "B");
    uint32_t tz_id = col(tz, "id", ty(SHALE_IR_TYPE_INTEGER), REQ);
    col(tz, "e", tenum(e2), REQ);
    uint32_t ta = table(a, "C");
    uint32_t ta_id = col(ta, "id", ty(SHALE_IR_TYPE_INTEGER), REQ);
    col(ta, "e", tenum(e1), REQ);
    uint32_t tb = table(a, "A");
    uint32_t tb_ref = col(tb, "ref", ty(SHALE_IR_TYPE_INTEGER), REQ);
    index_(tb, S("zz"), false, SHALE_IR_BTREE, NULL, COLS(ic(tb_ref, NONE, NULL)));
    index_(tb, S("aa"), true, SHALE_IR_BTREE, NULL, COLS(ic(tb_ref, NONE, NULL)));
    fk_(tb, S("f2"), tz, SHALE_IR_CASCADE, SHALE_IR_CASCADE, 1, &tb_ref, &tz_id);
    fk_(tb, S("f1"), ta, SHALE_IR_RESTRICT, SHALE_IR_CASCADE, 1, &tb_ref, &ta_id);

    CHECK(shale_ir_find_namespace(&ir, S("a")) == a && shale_ir_find_namespace(&ir, S("q")) == SHALE_IR_NONE,
          "find namespace");
    CHECK(shale_ir_find_table(&ir, a, S("C")) == ta && shale_ir_find_table(&ir, z, S("C")) == SHALE_IR_NONE,
          "find table within its namespace");
    CHECK(shale_ir_find_enum(&ir, z, S("E2")) == e2, "find enum");
    CHECK(shale_ir_find_column(&ir.tables[tb], S("ref")) == tb_ref &&
              shale_ir_find_index(&ir.tables[tb], S("aa")) == 1 &&
              shale_ir_find_foreign_key(&ir.tables[tb], S("f1")) == 1,
          "find column, index and foreign key");

    CHECK(shale_ir_sort(&ir) == 0, "sort succeeds");
    CHECK(shale_str_eq(ir.namespaces[0].name, "a") && shale_str_eq(ir.namespaces[1].name, "z"), "namespaces by name");
    CHECK(shale_str_eq(ir.tables[0].name, "A") && shale_str_eq(ir.tables[1].name, "C") &&
              shale_str_eq(ir.tables[2].name, "B"),
          "tables by (namespace, name)");
    CHECK(shale_str_eq(ir.enums[0].name, "E1") && ir.enums[0].namespace_index == 0, "enums by (namespace, name)");
    const shale_ir_table *A = &ir.tables[0];
    CHECK(shale_str_eq(A->indexes[0].name, "aa") && shale_str_eq(A->fks[0].name, "f1"), "indexes and fks by name");
    CHECK(A->fks[0].ref_table == 1 && A->fks[1].ref_table == 2, "foreign keys remapped to the new table order");
    CHECK(ir.tables[1].columns[1].type.enum_index == 0 && ir.tables[2].columns[1].type.enum_index == 1,
          "enum columns remapped");
    CHECK(shale_ir_find_table(&ir, 0, S("C")) == 1 && shale_ir_find_table(&ir, 1, S("B")) == 2 &&
              shale_ir_find_enum(&ir, 1, S("E2")) == 1,
          "lookups follow the new order");
    CHECK(shale_ir_check(&ir) == 0 && build_errors == 0, "sorted IR is consistent");
    shale_arena_free(&arena);
}

/* ---- constraint names ------------------------------------------------------------- */

static bool name_is(shale_str got, const char *want) { return got.ptr && shale_str_eq(got, want) && strlen(got.ptr) == got.len; }

static char *rep(char *dst, char c, size_t n)
{
    memset(dst, c, n);
    dst[n] = '\0';
    return dst;
}

static void test_constraint_names(void)
{
    shale_arena a;
    shale_arena_init(&a);
    shale_str out;
    char t[128], want[128], col[128];

    CHECK(shale_utf8_floor("abc", 3, 5) == 3 && shale_utf8_floor("abc", 3, 2) == 2, "utf8 floor on ASCII");
    CHECK(shale_utf8_floor("a\xc3\xa9z", 4, 2) == 1 && shale_utf8_floor("a\xc3\xa9z", 4, 3) == 3,
          "utf8 floor backs off a 2-byte character");
    CHECK(shale_utf8_floor("a\xe2\x82\xac", 4, 2) == 1 && shale_utf8_floor("a\xe2\x82\xac", 4, 3) == 1 &&
              shale_utf8_floor("\xf0\x9f\x98\x80!", 5, 4) == 4,
          "utf8 floor backs off 3- and 4-byte characters");

    shale_constraint_name(&out, &a, SHALE_CNAME_PKEY, S("User"), NULL, 0);
    CHECK(name_is(out, "User_pkey"), "pkey");
    shale_str cols2[] = {S("authorId"), S("createdAt")};
    shale_constraint_name(&out, &a, SHALE_CNAME_IDX, S("Post"), cols2, 2);
    CHECK(name_is(out, "Post_authorId_createdAt_idx"), "idx over two columns");
    shale_constraint_name(&out, &a, SHALE_CNAME_KEY, S("users"), (shale_str[]){S("e_mail")}, 1);
    CHECK(name_is(out, "users_e_mail_key"), "key");
    shale_constraint_name(&out, &a, SHALE_CNAME_FKEY, S("Post"), (shale_str[]){S("authorId")}, 1);
    CHECK(name_is(out, "Post_authorId_fkey"), "fkey");

    /* Primary key: table cut to 58 bytes, so names of 62/63 bytes stay, longer ones
     * come out at exactly 63. */
    fill(t, "T", 'a', 56, ""); /* 57 */
    shale_constraint_name(&out, &a, SHALE_CNAME_PKEY, S(t), NULL, 0);
    CHECK(out.len == 62, "pkey of a 57-byte table is 62 bytes");
    fill(t, "T", 'a', 57, ""); /* 58 */
    shale_constraint_name(&out, &a, SHALE_CNAME_PKEY, S(t), NULL, 0);
    CHECK(out.len == 63 && memcmp(out.ptr, t, 58) == 0, "pkey of a 58-byte table is 63 bytes");
    fill(t, "T", 'a', 58, ""); /* 59: the 64-byte name is cut */
    shale_constraint_name(&out, &a, SHALE_CNAME_PKEY, S(t), NULL, 0);
    snprintf(want, sizeof want, "%.58s_pkey", t);
    CHECK(name_is(out, want), "pkey of a 59-byte table is cut to 63 bytes");
    fill(t, "T", 'a', 56, "\xc3\xa9zz"); /* é at bytes 57-58 */
    shale_constraint_name(&out, &a, SHALE_CNAME_PKEY, S(t), NULL, 0);
    snprintf(want, sizeof want, "%.57s_pkey", t);
    CHECK(name_is(out, want), "pkey cut inside a 2-byte character backs off (62 bytes)");
    fill(t, "T", 'a', 55, "\xc3\xa9zz"); /* é at bytes 56-57 */
    shale_constraint_name(&out, &a, SHALE_CNAME_PKEY, S(t), NULL, 0);
    snprintf(want, sizeof want, "%.58s_pkey", t);
    CHECK(name_is(out, want), "pkey keeps a character ending exactly at the cut");
    fill(t, "T", 'a', 55, "\xe2\x82\xaczzz"); /* € at bytes 56-58 */
    shale_constraint_name(&out, &a, SHALE_CNAME_PKEY, S(t), NULL, 0);
    snprintf(want, sizeof want, "%.56s_pkey", t);
    CHECK(name_is(out, want) && out.len == 61, "pkey cut inside a 3-byte character (61 bytes)");

    /* key/idx: "{table}_{cols}" cut to 59; fkey: to 58. */
    fill(t, "U", 'b', 20, "");
    shale_str c1[1];
    c1[0] = S(rep(col, 'c', 37)); /* stem 59 */
    shale_constraint_name(&out, &a, SHALE_CNAME_KEY, S(t), c1, 1);
    CHECK(out.len == 63 && out.ptr[58] == 'c' && shale_str_eq((shale_str){out.ptr + 59, 4}, "_key"),
          "key with a 59-byte stem is 63 bytes");
    c1[0] = S(rep(col, 'c', 36)); /* stem 58 */
    shale_constraint_name(&out, &a, SHALE_CNAME_IDX, S(t), c1, 1);
    CHECK(out.len == 62, "idx with a 58-byte stem is 62 bytes");
    c1[0] = S(rep(col, 'c', 40)); /* stem 62 */
    shale_constraint_name(&out, &a, SHALE_CNAME_IDX, S(t), c1, 1);
    CHECK(out.len == 63 && shale_str_eq((shale_str){out.ptr + 59, 4}, "_idx"), "idx with a 62-byte stem is cut to 63");
    fill(col, "", 'c', 36, "\xc3\xa9" "dd"); /* é at 58-59 */
    c1[0] = S(col);
    shale_constraint_name(&out, &a, SHALE_CNAME_KEY, S(t), c1, 1);
    CHECK(out.len == 62 && shale_str_eq((shale_str){out.ptr + 58, 4}, "_key"), "key cut inside a character (62 bytes)");
    shale_str many[] = {S("alpha"), S("beta"), S("gamma"), S("delta"), S("epsilon"), S("zeta"), S("eta"), S("theta"),
                       S("iota"), S("kappa")};
    shale_constraint_name(&out, &a, SHALE_CNAME_IDX, S("SomeTable"), many, 10);
    snprintf(want, sizeof want, "%.59s_idx", "SomeTable_alpha_beta_gamma_delta_epsilon_zeta_eta_theta_iota_kappa");
    CHECK(name_is(out, want), "a short table with many columns is cut in the column part");

    fill(t, "F", 'b', 20, "");
    c1[0] = S(rep(col, 'd', 36)); /* stem 58 */
    shale_constraint_name(&out, &a, SHALE_CNAME_FKEY, S(t), c1, 1);
    CHECK(out.len == 63, "fkey with a 58-byte stem is 63 bytes");
    c1[0] = S(rep(col, 'd', 35)); /* stem 57 */
    shale_constraint_name(&out, &a, SHALE_CNAME_FKEY, S(t), c1, 1);
    CHECK(out.len == 62, "fkey with a 57-byte stem is 62 bytes");
    c1[0] = S(rep(col, 'd', 37)); /* stem 59 */
    shale_constraint_name(&out, &a, SHALE_CNAME_FKEY, S(t), c1, 1);
    CHECK(out.len == 63 && shale_str_eq((shale_str){out.ptr + 58, 5}, "_fkey"), "fkey with a 59-byte stem is cut to 63");
    fill(col, "", 'd', 35, "\xc3\xa9" "dd"); /* é at 57-58 */
    c1[0] = S(col);
    shale_constraint_name(&out, &a, SHALE_CNAME_FKEY, S(t), c1, 1);
    CHECK(out.len == 62, "fkey cut inside a character (62 bytes)");

    /* Implicit m:n: table "_" + name cut to 63 characters; _AB_pkey/_B_index keep 55
     * characters of the table; _A_fkey keeps 56 bytes. */
    shale_constraint_name_m2m_table(&out, &a, S("CategoryToPost"));
    CHECK(name_is(out, "_CategoryToPost"), "m2m table");
    shale_constraint_name_m2m_pkey(&out, &a, S("_CategoryToPost"));
    CHECK(name_is(out, "_CategoryToPost_AB_pkey"), "m2m pkey");
    shale_constraint_name_m2m_b_index(&out, &a, S("_CategoryToPost"));
    CHECK(name_is(out, "_CategoryToPost_B_index"), "m2m B index");
    shale_constraint_name_m2m_fkey(&out, &a, S("_CategoryToPost"), 'B');
    CHECK(name_is(out, "_CategoryToPost_B_fkey"), "m2m B fkey");
    shale_constraint_name_m2m_table(&out, &a, S(rep(col, 'R', 69)));
    CHECK(out.len == 63, "m2m table cut to 63");
    fill(t, "", 'R', 61, "\xc3\xa9xxxx");
    shale_constraint_name_m2m_table(&out, &a, S(t));
    CHECK(out.len == 64 && memcmp(out.ptr + 62, "\xc3\xa9", 2) == 0, "m2m table counts characters: 63 chars, 64 bytes");
    fill(t, "_", 'R', 54, ""); /* 55 */
    shale_constraint_name_m2m_pkey(&out, &a, S(t));
    CHECK(out.len == 63, "m2m pkey of a 55-char table is 63 bytes");
    fill(t, "_", 'R', 56, ""); /* 57 */
    shale_constraint_name_m2m_b_index(&out, &a, S(t));
    CHECK(out.len == 63 && shale_str_eq((shale_str){out.ptr + 55, 8}, "_B_index"), "m2m B index cut to 55 chars");
    shale_constraint_name_m2m_fkey(&out, &a, S(t), 'A');
    CHECK(out.len == 63 && shale_str_eq((shale_str){out.ptr + 56, 7}, "_A_fkey"), "m2m fkey cut to 56 bytes");
    fill(t, "_", 'R', 53, "\xc3\xa9xxxx"); /* é at bytes 54-55 */
    shale_constraint_name_m2m_pkey(&out, &a, S(t));
    CHECK(out.len == 64, "m2m pkey keeps 55 characters even when they are 56 bytes (64 total)");
    shale_constraint_name_m2m_fkey(&out, &a, S(t), 'A');
    CHECK(out.len == 63, "m2m fkey with a character ending at byte 56");
    fill(t, "_", 'R', 54, "\xc3\xa9xxxx"); /* é at bytes 55-56: Prisma panics */
    shale_constraint_name_m2m_fkey(&out, &a, S(t), 'B');
    CHECK(out.len == 62 && shale_str_eq((shale_str){out.ptr + 55, 7}, "_B_fkey"),
          "m2m fkey backs off where Prisma would panic");
    shale_arena_free(&a);
}

/* ---- size: a 10,000-table IR ------------------------------------------------------ */

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void test_large(void)
{
    enum { N = 10000 };
    static char names[N][16];
    double t0 = now_ms();
    begin();
    uint32_t p = ns("public");
    ok(shale_ir_reserve(&ir, 1, 0, N));
    for (uint32_t i = 0; i < N; i++) {
        snprintf(names[i], sizeof names[i], "Model%u", (unsigned)i);
        uint32_t t = table(p, names[i]);
        ok(shale_ir_table_reserve(&ir, t, 6, 2, 1));
        uint32_t id = column(t, "id", ty(SHALE_IR_TYPE_INTEGER), REQ, true, NULL);
        uint32_t email = col(t, "email", ty(SHALE_IR_TYPE_TEXT), REQ);
        col(t, "name", ty(SHALE_IR_TYPE_TEXT), OPT);
        column(t, "createdAt", ty1(SHALE_IR_TYPE_TIMESTAMP, 3), REQ, false, dflt(SHALE_IR_DEFAULT_NOW, ""));
        uint32_t parent = col(t, "parentId", ty(SHALE_IR_TYPE_INTEGER), OPT);
        pk(t, 1, id);
        index_(t, cname(SHALE_CNAME_KEY, t, 1, email), true, SHALE_IR_BTREE, NULL, COLS(ic(email, NONE, NULL)));
        index_(t, cname(SHALE_CNAME_IDX, t, 1, parent), false, SHALE_IR_BTREE, NULL, COLS(ic(parent, NONE, NULL)));
        if (i) fk1(t, parent, i - 1, 0, SHALE_IR_SET_NULL, SHALE_IR_CASCADE);
    }
    double t1 = now_ms();
    uint32_t hit = shale_ir_find_table(&ir, p, S("Model9999"));
    shale_buf out = SHALE_BUF_INIT;
    int rc = shale_diff_render_create(&out, &ir);
    double t2 = now_ms();
    CHECK(build_errors == 0 && hit == N - 1, "10,000-table IR builds");
    CHECK(rc == 0 && out.len > 0, "10,000-table IR renders (%zu bytes)", out.len);
    printf("# 10,000 tables: build %.1f ms, render %.1f ms, arena %zu KiB\n", t1 - t0, t2 - t1, arena.total / 1024);
    CHECK(shale_ir_sort(&ir) == 0 && shale_ir_check(&ir) == 0, "10,000-table IR sorts");
    shale_buf_free(&out);
    shale_arena_free(&arena);
}

int main(void)
{
    case_simple();
    case_enums_defaults();
    case_indexes();
    case_foreign_keys();
    case_many_to_many();
    case_multi_schema();
    case_long_names();
    case_native_types();
    case_odd_names();
    case_empty();
    test_statements();
    test_lookup_and_sort();
    test_constraint_names();
    test_large();
    return TAP_DONE();
}
