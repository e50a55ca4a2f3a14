/* test_query.c - libshale's query runtime against a real PostgreSQL: the shale_q_*
 * operations on the hand-written model of test_model.h (create with defaults,
 * find_unique per criterion, every filter kind, AND/OR/NOT, order and paging, update,
 * upsert, delete, count, includes loaded in one query per relation, create_many over
 * COPY), transactions with savepoints and retries, and the error mapping (unique, FK,
 * not-null, check, not found, lost connection, bad URL, unreachable server).
 * Usage: test_query URL (a fresh, empty database). Prints TAP. */
#include "runtime/pg_conn.h"
#include "runtime/runtime_int.h"
#include "test_model.h"
#include "tests/unit/tap.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *url;
static shale_client *c;

static bool same(const char *a, const char *b) { return a && b && strcmp(a, b) == 0; }

static void raw(PGconn *conn, const char *sql)
{
    PGresult *r = PQexec(conn, sql);
    if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK) {
        printf("# %s: %s", sql, PQerrorMessage(conn));
        exit(2);
    }
    PQclear(r);
}

static char *scalar_query(const char *sql)
{
    static char buf[256];
    PGresult *r = PQexec(shale_client_pgconn(c), sql);
    snprintf(buf, sizeof buf, "%s", PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) ? PQgetvalue(r, 0, 0) : "?");
    PQclear(r);
    return buf;
}

static t_user *user_by_email(const char *email)
{
    t_user_where_unique w = {.email = email};
    void *u = NULL;
    shale_error err = SHALE_ERROR_INIT;
    if (shale_q_find_unique(&u, c, &t_user_desc, &w, NULL, &err) < 0) printf("# find %s: %s\n", email, err.message);
    return u;
}

static void test_open(void)
{
    shale_error err = SHALE_ERROR_INIT;
    shale_client *x = NULL;
    int rc = shale_client_open(&x, "mysql://u@h/db", NULL, &err);
    CHECK(rc == SHALE_EINVAL && !x && err.code == SHALE_EINVAL, "a non-PostgreSQL URL is SHALE_EINVAL (%d)", rc);
    rc = shale_client_open(&x, "postgresql://bob:s3cr3tpw@127.0.0.1:1/db", NULL, &err);
    CHECK(rc == SHALE_ECONN && !x, "an unreachable server is SHALE_ECONN (%d)", rc);
    CHECK(strstr(err.message, "127.0.0.1") && !strstr(err.message, "s3cr3tpw"),
          "the message names the server, not the password: %s", err.message);
    shale_client_options o = SHALE_CLIENT_OPTIONS_INIT;
    o.version = 99;
    CHECK(shale_client_open(&x, url, &o, &err) == SHALE_EINVAL, "unknown options version refused");
    o = (shale_client_options)SHALE_CLIENT_OPTIONS_INIT;
    o.application_name = "shale-test";
    rc = shale_client_open(&c, url, &o, &err);
    CHECK(rc == 0 && c, "opens the test database (%s)", err.message);
    if (rc) exit(1);
    CHECK(same(scalar_query("SHOW application_name"), "shale-test"), "application_name set");
    CHECK(same(scalar_query("SHOW TimeZone"), "UTC"), "session time zone is UTC");
    CHECK(shale_client_pgconn(c) != NULL && shale_tx_depth(c) == 0, "pgconn and depth 0");
    raw(shale_client_pgconn(c), t_schema_sql);
}

static t_user *create_full(void)
{
    static const char *tags[] = {"a,b", "q\"uote", "back\\slash", "{brace}", "tab\there", "NULL"};
    static const int32_t nums[] = {1, -2, 2147483647};
    static const int roles[] = {T_ROLE_ADMIN, T_ROLE_GUEST};
    t_user_create_input in = {0};
    in.id = "user-full";
    in.email = "full@example.com";
    in.name = "Fülle \"Full\" O'Brien";
    in.age = SHALE_SOME_I32(42);
    in.balance = SHALE_SOME_I64(INT64_C(9007199254740993));
    in.score = SHALE_SOME_F64(0.1);
    in.price = (shale_decimal){"12.50"};
    in.active = SHALE_SOME_BOOL(false);
    in.role = T_ROLE_ADMIN;
    in.meta = (shale_json){"{\"a\": [1, 2], \"b\": null}"};
    in.avatar = (shale_opt_bytes){true, {(const uint8_t *)"\x00\x01\xff", 3}};
    in.birthday = SHALE_SOME_DATETIME(((shale_datetime){-86400000000 * 365}));
    in.code = "my-code";
    in.ext_id = "E0E0E0E0-0000-4000-8000-0000000000AB";
    in.alarm = SHALE_SOME_DATETIME(((shale_datetime){INT64_C(1714547700500000)})); /* 2024-05-01T07:15:00.5Z */
    in.tags = (shale_str_list){6, tags};
    in.nums = (shale_i32_list){3, nums};
    in.roles = (shale_enum_list){2, roles};
    void *out = NULL;
    shale_error err = SHALE_ERROR_INIT;
    int rc = shale_q_create(&out, c, &t_user_desc, &in, &err);
    CHECK(rc == 0 && out, "create with every field given (%s)", err.message);
    return out;
}

static void test_create(void)
{
    shale_error err = SHALE_ERROR_INIT;
    t_user_create_input in = {.email = "min@example.com"};
    t_user *u = NULL;
    shale_datetime before = shale_datetime_now();
    int rc = shale_q_create((void **)&u, c, &t_user_desc, &in, &err);
    CHECK(rc == 0 && u, "create with only the required field (%s)", err.message);
    if (!u) return;
    CHECK(u->id && strlen(u->id) == 36 && u->id[14] == '4', "id filled by uuid() (%s)", u->id);
    CHECK(u->code && strlen(u->code) == 25 && u->code[0] == 'c', "code filled by cuid() (%s)", u->code);
    CHECK(same(u->email, "min@example.com"), "email");
    CHECK(u->name == NULL && !u->age.has && !u->price.text && !u->meta.text && !u->avatar.has && !u->birthday.has,
          "nullable fields left out are NULL");
    CHECK(u->balance == 0 && u->score == 1.5 && u->active && u->role == T_ROLE_USER,
          "database defaults apply (balance 0, score 1.5, active, USER)");
    CHECK(llabs(u->created_at.usec - before.usec) < 5000000, "createdAt defaulted by the database");
    CHECK(u->updated_at.usec >= before.usec - 1000 && llabs(u->updated_at.usec - before.usec) < 5000000,
          "@updatedAt filled on create");
    CHECK(u->tags.len == 0 && u->nums.len == 0 && u->roles.len == 0 && u->posts == NULL,
          "lists left out are empty; relations not included are NULL");
    shale_result_free(u);

    t_user *f = create_full();
    if (!f) return;
    CHECK(same(f->id, "user-full") && same(f->code, "my-code"), "given id and code kept");
    CHECK(same(f->name, "Fülle \"Full\" O'Brien"), "string with quotes and UTF-8");
    CHECK(f->age.has && f->age.v == 42, "Int?");
    CHECK(f->balance == INT64_C(9007199254740993), "BigInt beyond 2^53");
    CHECK(f->score == 0.1, "Float round-trips exactly");
    CHECK(f->price.text && strncmp(f->price.text, "12.5", 4) == 0, "Decimal as text (%s)", f->price.text);
    CHECK(!f->active && f->role == T_ROLE_ADMIN, "Boolean false and enum ADMIN");
    CHECK(same(f->meta.text, "{\"a\": [1, 2], \"b\": null}"), "Json (%s)", f->meta.text);
    CHECK(f->avatar.has && f->avatar.v.len == 3 && memcmp(f->avatar.v.data, "\x00\x01\xff", 3) == 0,
          "Bytes with a zero byte");
    CHECK(f->birthday.has && f->birthday.v.usec == -86400000000 * 365, "DateTime before 1970");
    CHECK(f->tags.len == 6 && same(f->tags.items[0], "a,b") && same(f->tags.items[1], "q\"uote") &&
              same(f->tags.items[2], "back\\slash") && same(f->tags.items[3], "{brace}") &&
              same(f->tags.items[4], "tab\there") && same(f->tags.items[5], "NULL"),
          "String[] with commas, quotes, backslashes, braces, tabs, the word NULL");
    CHECK(f->nums.len == 3 && f->nums.items[1] == -2 && f->nums.items[2] == 2147483647, "Int[]");
    CHECK(f->roles.len == 2 && f->roles.items[0] == T_ROLE_ADMIN && f->roles.items[1] == T_ROLE_GUEST, "Role[]");
    CHECK(same(f->ext_id, "e0e0e0e0-0000-4000-8000-0000000000ab"), "String @db.Uuid");
    CHECK(f->alarm.has && f->alarm.v.usec == INT64_C(26100500000), "DateTime @db.Time keeps the time of day on 1970-01-01");
    shale_result_free(f);
    int64_t n = -1;
    t_user_where uw = {0};
    uw.ext_id.contains = "0000AB";
    uw.ext_id.insensitive = true;
    CHECK(shale_q_count(&n, c, &t_user_desc, &uw, &err) == 0 && n == 1, "contains on a uuid column (%s)", err.message);
    /* Code generated for another descriptor layout is refused before anything is sent. */
    shale_model_desc stale = t_user_desc;
    stale.abi = SHALE_MODEL_ABI - 1;
    n = -1;
    CHECK(shale_q_count(&n, c, &stale, NULL, &err) == SHALE_EINVAL && n == 0 &&
              strstr(err.message, "shale generate") != NULL,
          "a descriptor of another layout is refused: %s", err.message);
    uw = (t_user_where){0};
    uw.ext_id.equals = "E0E0E0E0-0000-4000-8000-0000000000AB";
    CHECK(shale_q_count(&n, c, &t_user_desc, &uw, &err) == 0 && n == 1, "equals on a uuid column");
    uw.ext_id.insensitive = true;
    CHECK(shale_q_count(&n, c, &t_user_desc, &uw, &err) == 0 && n == 1, "insensitive equals on a uuid column (%s)",
          err.message);
    uw = (t_user_where){0};
    uw.alarm.gt = SHALE_SOME_DATETIME(((shale_datetime){INT64_C(7) * 3600000000}));
    uw.alarm.lt = SHALE_SOME_DATETIME(((shale_datetime){INT64_C(8) * 3600000000}));
    CHECK(shale_q_count(&n, c, &t_user_desc, &uw, &err) == 0 && n == 1, "time-of-day filter (%s)", err.message);

    /* Bad inputs never reach the server. */
    t_user_create_input bad = {.email = NULL};
    rc = shale_q_create((void **)&u, c, &t_user_desc, &bad, &err);
    CHECK(rc == SHALE_EINVAL && !u && strstr(err.message, "User.email"),
          "a missing required string is SHALE_EINVAL naming the field (%s)", err.message);
    bad.email = "x@example.com";
    bad.role = 9;
    rc = shale_q_create((void **)&u, c, &t_user_desc, &bad, &err);
    CHECK(rc == SHALE_EINVAL && err.code == SHALE_EINVAL, "an enum value outside the enum is SHALE_EINVAL");
    CHECK(shale_q_create((void **)&u, c, &t_user_desc, NULL, &err) == SHALE_EINVAL, "no input is SHALE_EINVAL");
}

static int32_t make_post(const char *author, const char *title, const char *slug, int views, bool published)
{
    t_post_create_input in = {.title = title, .slug = slug, .author_id = author};
    in.views = SHALE_SOME_I32(views);
    in.published = SHALE_SOME_BOOL(published);
    t_post *p = NULL;
    shale_error err = SHALE_ERROR_INIT;
    if (shale_q_create((void **)&p, c, &t_post_desc, &in, &err) < 0) {
        printf("# create post %s: %s\n", title, err.message);
        return 0;
    }
    int32_t id = p->id;
    shale_result_free(p);
    return id;
}

static void test_find_unique(void)
{
    shale_error err = SHALE_ERROR_INIT;
    t_user *u = NULL;
    t_user_where_unique w = {.id = "user-full"};
    int rc = shale_q_find_unique((void **)&u, c, &t_user_desc, &w, NULL, &err);
    CHECK(rc == 0 && u && same(u->email, "full@example.com"), "find_unique by id");
    shale_result_free(u);
    w = (t_user_where_unique){.email = "min@example.com"};
    rc = shale_q_find_unique((void **)&u, c, &t_user_desc, &w, NULL, &err);
    CHECK(rc == 0 && u && same(u->email, "min@example.com"), "find_unique by email");
    shale_result_free(u);
    w = (t_user_where_unique){.email = "nobody@example.com"};
    u = (void *)1;
    rc = shale_q_find_unique((void **)&u, c, &t_user_desc, &w, NULL, &err);
    CHECK(rc == 0 && u == NULL, "find_unique without a match: 0 and NULL");
    w = (t_user_where_unique){0};
    rc = shale_q_find_unique((void **)&u, c, &t_user_desc, &w, NULL, &err);
    CHECK(rc == SHALE_EINVAL && err.code == SHALE_EINVAL, "no criterion set: SHALE_EINVAL");
    w = (t_user_where_unique){.id = "user-full", .email = "full@example.com"};
    rc = shale_q_find_unique((void **)&u, c, &t_user_desc, &w, NULL, &err);
    CHECK(rc == SHALE_EINVAL, "two criteria set: SHALE_EINVAL");

    int32_t id = make_post("user-full", "Hello", "hello", 10, true);
    CHECK(id > 0, "create post (autoincrement id %d)", id);
    t_post_where_unique pw = {0};
    pw.author_id_slug.has = true;
    pw.author_id_slug.author_id = "user-full";
    pw.author_id_slug.slug = "hello";
    t_post *p = NULL;
    rc = shale_q_find_unique((void **)&p, c, &t_post_desc, &pw, NULL, &err);
    CHECK(rc == 0 && p && p->id == id && same(p->title, "Hello") && !p->rating.has,
          "find_unique by the composite unique (authorId, slug)");
    shale_result_free(p);
    pw = (t_post_where_unique){0};
    pw.id.has = true;
    pw.id.id = id;
    rc = shale_q_find_unique((void **)&p, c, &t_post_desc, &pw, NULL, &err);
    CHECK(rc == 0 && p && same(p->slug, "hello"), "find_unique by the Int id");
    shale_result_free(p);
}

/* Users for the filter tests: f0..f9 with age i, name "Name i" (f3: NULL), ... */
static void seed_filter_users(void)
{
    static const char *tags_a[] = {"red", "blue"};
    for (int i = 0; i < 10; i++) {
        char email[64], name[32], id[16], price[16];
        snprintf(email, sizeof email, "f%d@filter.test", i);
        snprintf(name, sizeof name, i == 5 ? "100%%_done\\%d" : "Name %d", i);
        snprintf(id, sizeof id, "f%d", i);
        snprintf(price, sizeof price, "%d.25", i);
        t_user_create_input in = {.id = id, .email = email, .name = i == 3 ? NULL : name};
        if (i != 7) in.age = SHALE_SOME_I32(i * 10);
        in.active = SHALE_SOME_BOOL(i % 2 == 0);
        in.role = i < 3 ? T_ROLE_ADMIN : i < 6 ? T_ROLE_GUEST : T_ROLE_USER;
        in.score = SHALE_SOME_F64(i * 0.5);
        in.price = (shale_decimal){price};
        in.balance = SHALE_SOME_I64(i * INT64_C(1000000000000));
        in.created_at = SHALE_SOME_DATETIME(((shale_datetime){INT64_C(1700000000000000) + i * INT64_C(86400000000)}));
        if (i == 4) in.meta = (shale_json){"{\"k\": 1}"};
        if (i == 6) in.avatar = (shale_opt_bytes){true, {(const uint8_t *)"\x06", 1}};
        if (i < 2) in.tags = (shale_str_list){2, tags_a};
        if (i == 2) in.tags = (shale_str_list){0, tags_a}; /* an empty list, not left out */
        void *u = NULL;
        shale_error err = SHALE_ERROR_INIT;
        if (shale_q_create(&u, c, &t_user_desc, &in, &err) < 0) printf("# seed %d: %s\n", i, err.message);
        shale_result_free(u);
    }
}

/* The ids of the users matching `w` among the filter users, sorted, as "f1,f4". */
static const char *match(const t_user_where *w)
{
    static char out[256];
    t_user_where all = {0};
    all.email.ends_with = "@filter.test";
    t_user_where both[2];
    both[0] = all;
    both[1] = *w;
    t_user_where top = {0};
    top.AND = both;
    top.n_AND = 2;
    shale_order_by ob = {T_USER_FIELD_ID, SHALE_ASC};
    shale_find_args a = {&top, &ob, 1, 0, 0, NULL};
    shale_list *l = NULL;
    shale_error err = SHALE_ERROR_INIT;
    if (shale_q_find_many(&l, c, &t_user_desc, &a, &err) < 0) {
        snprintf(out, sizeof out, "error %d: %.200s", err.code, err.message);
        return out;
    }
    out[0] = '\0';
    const t_user *u = l->items;
    for (size_t i = 0; i < l->len; i++) {
        if (i) strcat(out, ",");
        strcat(out, u[i].id);
    }
    shale_result_free(l);
    return out;
}

#define MATCH(setup, expect, name)                     \
    do {                                               \
        t_user_where w = {0};                          \
        setup;                                         \
        const char *got = match(&w);                   \
        CHECK(same(got, expect), "%s: %s", name, got); \
    } while (0)

static void test_filters(void)
{
    seed_filter_users();
    static const char *in2[] = {"f1@filter.test", "f8@filter.test", "nobody"};
    static const int32_t ages[] = {20, 40, 999};
    static const int roles[] = {T_ROLE_ADMIN, T_ROLE_USER};
    static const char *const red = "red";
    MATCH(w.email.equals = "f2@filter.test", "f2", "string equals");
    MATCH((w.email.equals = "F2@FILTER.TEST", w.email.insensitive = true), "f2", "equals, insensitive");
    MATCH(w.email.equals = "F2@FILTER.TEST", "", "equals is case-sensitive by default");
    MATCH(w.name.not_equals = "Name 1", "f0,f2,f4,f5,f6,f7,f8,f9", "not equals leaves NULL out as SQL does");
    MATCH((w.email.in = in2, w.email.n_in = 3, w.email.has_in = true), "f1,f8", "in");
    MATCH((w.email.in = in2, w.email.n_in = 0, w.email.has_in = true), "", "empty in matches nothing");
    MATCH((w.email.not_in = in2, w.email.n_not_in = 2), "f0,f2,f3,f4,f5,f6,f7,f9", "not in");
    MATCH(w.name.contains = "%_done", "f5", "contains with % and _ taken literally");
    MATCH(w.name.contains = "_", "f5", "contains _ alone is literal");
    MATCH(w.name.contains = "\\", "f5", "contains a backslash");
    MATCH((w.name.starts_with = "name 1", w.name.insensitive = true), "f1", "starts_with, insensitive (ILIKE)");
    MATCH(w.name.ends_with = " 9", "f9", "ends_with");
    MATCH((w.name.gte = "Name 8"), "f8,f9", "string gte");
    MATCH(w.name.null_test = SHALE_IS_NULL, "f3", "String? is null");
    MATCH((w.age.gt = SHALE_SOME_I32(50), w.age.lte = SHALE_SOME_I32(80)), "f6,f8", "int gt and lte together");
    MATCH(w.age.equals = SHALE_SOME_I32(0), "f0", "int equals 0 (given, not unset)");
    MATCH((w.age.in = ages, w.age.n_in = 3, w.age.has_in = true), "f2,f4", "int in");
    MATCH(w.age.null_test = SHALE_IS_NULL, "f7", "Int? is null");
    MATCH((w.age.not_equals = SHALE_SOME_I32(10), w.age.lt = SHALE_SOME_I32(30)), "f0,f2", "int not equals");
    MATCH(w.balance.gte = SHALE_SOME_I64(INT64_C(8000000000000)), "f8,f9", "bigint gte");
    MATCH(w.score.lt = SHALE_SOME_F64(1.0), "f0,f1", "float lt");
    MATCH(w.price.gt = "7.3", "f8,f9", "decimal compares numerically");
    MATCH(w.price.equals = "3.250", "f3", "decimal equals across scales");
    MATCH(w.active.equals = SHALE_SOME_BOOL(false), "f1,f3,f5,f7,f9", "bool equals false");
    MATCH(w.role.equals = T_ROLE_GUEST, "f3,f4,f5", "enum equals");
    MATCH((w.role.in = roles, w.role.n_in = 2, w.role.has_in = true), "f0,f1,f2,f6,f7,f8,f9", "enum in");
    MATCH(w.role.not_equals = T_ROLE_USER, "f0,f1,f2,f3,f4,f5", "enum not equals");
    MATCH(w.created_at.gte = SHALE_SOME_DATETIME(((shale_datetime){INT64_C(1700000000000000) + 8 * INT64_C(86400000000)})),
          "f8,f9", "datetime gte");
    MATCH(w.meta.equals = "{ \"k\" :1 }", "f4", "json equals compares parsed values");
    MATCH(w.meta.null_test = SHALE_IS_NOT_NULL, "f4", "Json? is not null");
    MATCH(w.avatar.equals = ((shale_opt_bytes){true, {(const uint8_t *)"\x06", 1}}), "f6", "bytes equals");
    MATCH(w.tags.has = &red, "f0,f1", "list has");
    MATCH(w.tags.is_empty = SHALE_SOME_BOOL(true), "f2,f3,f4,f5,f6,f7,f8,f9", "list is empty (empty or NULL)");
    MATCH(w.tags.is_empty = SHALE_SOME_BOOL(false), "f0,f1", "list is not empty");
    t_user_where a1 = {0}, a2 = {0};
    a1.age.lt = SHALE_SOME_I32(30);
    a2.active.equals = SHALE_SOME_BOOL(true);
    t_user_where pair[2] = {a1, a2};
    MATCH((w.AND = pair, w.n_AND = 2), "f0,f2", "AND");
    MATCH((w.OR = pair, w.n_OR = 2), "f0,f1,f2,f4,f6,f8", "OR");
    MATCH((w.NOT = pair, w.n_NOT = 2), "f3,f5,f9", "NOT (neither; NULL age is not 'not < 30', as in SQL)");
    MATCH((w.OR = pair, w.n_OR = 0), "", "OR of nothing matches nothing");
    MATCH((w.AND = pair, w.n_AND = 0), "f0,f1,f2,f3,f4,f5,f6,f7,f8,f9", "AND of nothing matches all");
    t_user_where inner = {0};
    inner.OR = pair;
    inner.n_OR = 2;
    MATCH((w.NOT = &inner, w.n_NOT = 1, w.age.null_test = SHALE_IS_NOT_NULL), "f3,f5,f9", "NOT of a nested OR");
    static const char *const none_in[] = {"x"};
    MATCH((w.email.in = none_in, w.email.n_in = 1, w.email.has_in = true, w.email.insensitive = true), "",
          "in, insensitive, no match");
    static const char *const up_in[] = {"F3@FILTER.TEST"};
    MATCH((w.email.in = up_in, w.email.n_in = 1, w.email.has_in = true, w.email.insensitive = true), "f3",
          "in, insensitive");

    /* Order, skip and take. */
    t_user_where fw = {0};
    fw.email.ends_with = "@filter.test";
    shale_order_by ob[2] = {{T_USER_FIELD_ROLE, SHALE_DESC}, {T_USER_FIELD_AGE, SHALE_ASC}};
    shale_find_args a = {&fw, ob, 2, 2, 3, NULL};
    shale_list *l = NULL;
    shale_error err = SHALE_ERROR_INIT;
    int rc = shale_q_find_many(&l, c, &t_user_desc, &a, &err);
    /* Enums sort in declaration order. role DESC: GUEST(3,4,5) ADMIN(0,1,2) USER(6,8,9,7)
     * -> skip 2, take 3 */
    const t_user *u = l ? l->items : NULL;
    CHECK(rc == 0 && l && l->len == 3 && same(u[0].id, "f5") && same(u[1].id, "f0") && same(u[2].id, "f1"),
          "order by role desc, age asc; skip 2 take 3");
    shale_result_free(l);
    a.take = -1;
    CHECK(shale_q_find_many(&l, c, &t_user_desc, &a, &err) == SHALE_EINVAL && !l, "negative take: SHALE_EINVAL");
    a.take = 0;
    ob[0].field = 99;
    CHECK(shale_q_find_many(&l, c, &t_user_desc, &a, &err) == SHALE_EINVAL, "unknown order field: SHALE_EINVAL");
    shale_order_by by_age = {T_USER_FIELD_AGE, SHALE_DESC};
    shale_find_args fa = {&fw, &by_age, 1, 1, 0, NULL};
    t_user *first = NULL;
    rc = shale_q_find_first((void **)&first, c, &t_user_desc, &fa, &err);
    CHECK(rc == 0 && first && same(first->id, "f9"), "find_first: age desc (NULL first), skip 1 -> f9 (%s)",
          first ? first->id : "none");
    shale_result_free(first);
    t_user_where nobody = {0};
    nobody.email.equals = "nobody";
    fa.where = &nobody;
    first = (void *)1;
    CHECK(shale_q_find_first((void **)&first, c, &t_user_desc, &fa, &err) == 0 && !first, "find_first: none");
    int64_t n = -1;
    rc = shale_q_count(&n, c, &t_user_desc, &fw, &err);
    CHECK(rc == 0 && n == 10, "count with a filter (%lld)", (long long)n);
    rc = shale_q_count(&n, c, &t_user_desc, NULL, &err);
    CHECK(rc == 0 && n == 12, "count all (%lld)", (long long)n);
    shale_find_args all = {NULL, NULL, 0, 0, 0, NULL};
    rc = shale_q_find_many(&l, c, &t_user_desc, &all, &err);
    CHECK(rc == 0 && l && l->len == 12, "find_many without arguments");
    shale_result_free(l);
}

static void test_update(void)
{
    shale_error err = SHALE_ERROR_INIT;
    t_user *before = user_by_email("f1@filter.test"), *u = NULL;
    t_user_where_unique w = {.email = "f1@filter.test"};
    t_user_update_input d = {0};
    d.name = (shale_set_str)SHALE_SET_VALUE("Renamed");
    d.age.op = SHALE_SET_NULL;
    d.nums = (shale_set_i32_list){SHALE_SET, {2, (const int32_t[]){7, 8}}};
    int rc = shale_q_update((void **)&u, c, &t_user_desc, &w, &d, &err);
    CHECK(rc == 0 && u && same(u->name, "Renamed") && !u->age.has && u->nums.len == 2 && u->nums.items[1] == 8,
          "update sets a value, NULL and a list");
    CHECK(u && before && u->score == before->score && u->role == before->role && same(u->code, before->code) &&
              u->created_at.usec == before->created_at.usec,
          "update leaves the other fields alone");
    CHECK(u && before && u->updated_at.usec > before->updated_at.usec, "@updatedAt moves on update");
    shale_result_free(u);
    shale_result_free(before);
    w = (t_user_where_unique){.email = "gone@example.com"};
    rc = shale_q_update((void **)&u, c, &t_user_desc, &w, &d, &err);
    CHECK(rc == SHALE_ENOTFOUND && !u && err.code == SHALE_ENOTFOUND, "update of no row: SHALE_ENOTFOUND (%s)",
          err.message);
    t_user_update_input keep = {0};
    w = (t_user_where_unique){.email = "f2@filter.test"};
    rc = shale_q_update((void **)&u, c, &t_user_desc, &w, NULL, &err);
    CHECK(rc == 0 && u && same(u->id, "f2"), "update with nothing set still returns the row");
    shale_result_free(u);
    (void)keep;

    t_user_where many = {0};
    many.role.equals = T_ROLE_GUEST;
    t_user_update_input md = {0};
    md.score = (shale_set_f64)SHALE_SET_VALUE(99.5);
    int64_t n = -1;
    rc = shale_q_update_many(&n, c, &t_user_desc, &many, &md, &err);
    CHECK(rc == 0 && n == 3, "update_many counts rows (%lld)", (long long)n);
    t_user_where s = {0};
    s.score.equals = SHALE_SOME_F64(99.5);
    rc = shale_q_count(&n, c, &t_user_desc, &s, &err);
    CHECK(rc == 0 && n == 3, "update_many changed them");
}

static void test_upsert(void)
{
    shale_error err = SHALE_ERROR_INIT;
    t_user_where_unique w = {.email = "up@example.com"};
    t_user_create_input cr = {.email = "up@example.com", .name = "created"};
    t_user_update_input up = {0};
    up.name = (shale_set_str)SHALE_SET_VALUE("updated");
    t_user *u = NULL;
    int rc = shale_q_upsert((void **)&u, c, &t_user_desc, &w, &cr, &up, &err);
    CHECK(rc == 0 && u && same(u->name, "created") && strlen(u->id) == 36, "upsert inserts when missing (%s)",
          err.message);
    char id[64];
    snprintf(id, sizeof id, "%s", u ? u->id : "");
    shale_result_free(u);
    rc = shale_q_upsert((void **)&u, c, &t_user_desc, &w, &cr, &up, &err);
    CHECK(rc == 0 && u && same(u->name, "updated") && same(u->id, id), "upsert updates when present");
    shale_result_free(u);
    rc = shale_q_upsert((void **)&u, c, &t_user_desc, &w, &cr, NULL, &err);
    CHECK(rc == 0 && u && same(u->name, "updated"), "upsert with an empty update returns the row");
    shale_result_free(u);
    t_user_where_unique none = {0};
    CHECK(shale_q_upsert((void **)&u, c, &t_user_desc, &none, &cr, &up, &err) == SHALE_EINVAL,
          "upsert without a criterion: SHALE_EINVAL");
}

static void test_delete(void)
{
    shale_error err = SHALE_ERROR_INIT;
    t_user_where_unique w = {.email = "up@example.com"};
    t_user *u = NULL;
    int rc = shale_q_delete((void **)&u, c, &t_user_desc, &w, &err);
    CHECK(rc == 0 && u && same(u->name, "updated"), "delete returns the deleted row");
    shale_result_free(u);
    rc = shale_q_delete((void **)&u, c, &t_user_desc, &w, &err);
    CHECK(rc == SHALE_ENOTFOUND && !u, "delete of no row: SHALE_ENOTFOUND");
    w = (t_user_where_unique){.email = "min@example.com"};
    rc = shale_q_delete(NULL, c, &t_user_desc, &w, &err);
    CHECK(rc == 0, "delete without out");
    t_user_where dw = {0};
    dw.email.starts_with = "f9";
    int64_t n = -1;
    rc = shale_q_delete_many(&n, c, &t_user_desc, &dw, &err);
    CHECK(rc == 0 && n == 1, "delete_many (%lld)", (long long)n);
}

static void test_include(void)
{
    shale_error err = SHALE_ERROR_INIT;
    /* Posts for f0..f4 (f0: 3, f1: 1, f2..f4: none), comments on two of them, tags. */
    make_post("f0", "A", "a", 1, true);
    make_post("f0", "B", "b", 2, false);
    int32_t pc = make_post("f0", "C", "c", 3, true);
    int32_t pd = make_post("f1", "D", "d", 4, true);
    PGconn *pg = shale_client_pgconn(c);
    raw(pg, "INSERT INTO \"Tag\" (name) VALUES ('x'), ('y'), ('z')");
    char sql[256];
    snprintf(sql, sizeof sql,
             "INSERT INTO \"_PostToTag\" SELECT %d, id FROM \"Tag\" WHERE name IN ('x','y') UNION ALL "
             "SELECT %d, id FROM \"Tag\" WHERE name = 'y'",
             pc, pd);
    raw(pg, sql);
    t_comment_create_input cin[3] = {{.body = "c1", .post_author_id = "f0", .post_slug = "c"},
                                     {.body = "c2", .post_author_id = "f0", .post_slug = "c"},
                                     {.body = "d1", .post_author_id = "f1", .post_slug = "d"}};
    int64_t rows = 0;
    int rc = shale_q_create_many(&rows, c, &t_comment_desc, cin, 3, sizeof cin[0], &err);
    CHECK(rc == 0 && rows == 3, "create_many of 3 comments (%s)", err.message);

    t_user_where w = {0};
    w.email.ends_with = "@filter.test";
    shale_order_by ob = {T_USER_FIELD_ID, SHALE_ASC};
    t_user_include inc = {.posts = true};
    shale_find_args a = {&w, &ob, 1, 0, 5, &inc};
    shale_list *l = NULL;
    uint64_t n0 = shale_client__n_exec(c);
    rc = shale_q_find_many(&l, c, &t_user_desc, &a, &err);
    uint64_t used = shale_client__n_exec(c) - n0;
    CHECK(rc == 0 && l && l->len == 5, "find_many users with posts (%s)", err.message);
    CHECK(used == 2, "one query for the users, one for all their posts (%llu)", (unsigned long long)used);
    if (rc == 0 && l->len == 5) {
        t_user *u = l->items;
        CHECK(u[0].posts && u[0].posts->len == 3 && same(u[0].posts->items[0].title, "A") &&
                  same(u[0].posts->items[2].title, "C"),
              "f0 has its three posts in id order");
        CHECK(u[1].posts && u[1].posts->len == 1 && same(u[1].posts->items[0].title, "D"), "f1 has one post");
        CHECK(u[2].posts && u[2].posts->len == 0 && u[4].posts && u[4].posts->len == 0,
              "users without posts get an empty list");
        CHECK(u[0].posts->items[0].author == NULL, "nested relations are not loaded");
    }
    shale_result_free(l);

    /* To-one, m:n and composite-key includes at once: one query each. */
    t_post_where pw = {0};
    pw.author_id.in = (const char *const[]){"f0", "f1"};
    pw.author_id.n_in = 2;
    pw.author_id.has_in = true;
    shale_order_by pob = {T_POST_FIELD_ID, SHALE_ASC};
    t_post_include pinc = {.author = true, .tags = true, .comments = true};
    shale_find_args pa = {&pw, &pob, 1, 0, 0, &pinc};
    n0 = shale_client__n_exec(c);
    rc = shale_q_find_many(&l, c, &t_post_desc, &pa, &err);
    used = shale_client__n_exec(c) - n0;
    CHECK(rc == 0 && l && l->len == 4, "find_many posts with author, tags and comments (%s)", err.message);
    CHECK(used == 4, "four queries: posts, authors, tags, comments (%llu)", (unsigned long long)used);
    if (rc == 0 && l->len == 4) {
        t_post *p = l->items;
        CHECK(p[0].author && same(p[0].author->id, "f0") && p[3].author && same(p[3].author->id, "f1"),
              "to-one author attached");
        CHECK(p[0].author == p[1].author, "posts of one author share the author row");
        CHECK(p[2].tags && p[2].tags->len == 2 && same(p[2].tags->items[0].name, "x") &&
                  same(p[2].tags->items[1].name, "y"),
              "m:n: post C has tags x and y");
        CHECK(p[3].tags && p[3].tags->len == 1 && same(p[3].tags->items[0].name, "y") && p[0].tags &&
                  p[0].tags->len == 0,
              "m:n: post D has y, post A none");
        CHECK(p[2].comments && p[2].comments->len == 2 && same(p[2].comments->items[1].body, "c2") &&
                  p[3].comments && p[3].comments->len == 1 && p[0].comments && p[0].comments->len == 0,
              "composite-key to-many: comments by (authorId, slug)");
    }
    shale_result_free(l);

    /* m:n the other way, and a composite-key to-one. */
    t_tag_where_unique tw = {.name = "y"};
    t_tag_include tinc = {.posts = true};
    t_tag *t = NULL;
    rc = shale_q_find_unique((void **)&t, c, &t_tag_desc, &tw, &tinc, &err);
    CHECK(rc == 0 && t && t->posts && t->posts->len == 2 && t->posts->items[0].id == pc &&
              t->posts->items[1].id == pd,
          "find_unique tag y with its two posts (%s)", err.message);
    shale_result_free(t);
    t_comment_include cinc = {.post = true};
    shale_find_args ca = {NULL, NULL, 0, 0, 0, &cinc};
    rc = shale_q_find_many(&l, c, &t_comment_desc, &ca, &err);
    t_comment *cm = l ? l->items : NULL;
    CHECK(rc == 0 && l && l->len == 3 && cm[0].post && cm[0].post->id == pc && cm[2].post && cm[2].post->id == pd,
          "composite-key to-one: comment.post");
    shale_result_free(l);
}

static void test_create_many(void)
{
    shale_error err = SHALE_ERROR_INIT;
    enum { N = 10000 };
    t_post_create_input *in = calloc(N, sizeof *in);
    char (*slugs)[32] = calloc(N, sizeof *slugs);
    for (int i = 0; i < N; i++) {
        snprintf(slugs[i], sizeof slugs[i], "bulk-%d", i);
        in[i].slug = slugs[i];
        in[i].author_id = "f2";
        in[i].title = i % 3 == 0 ? "tab\there, new\nline, back\\slash, \\N" : "plain";
        if (i % 2) in[i].views = SHALE_SOME_I32(i); /* two groups: with and without views */
        if (i % 5 == 0) in[i].rating = SHALE_SOME_F64(i / 7.0);
    }
    int64_t rows = 0;
    uint64_t n0 = shale_client__n_exec(c);
    int rc = shale_q_create_many(&rows, c, &t_post_desc, in, N, sizeof *in, &err);
    CHECK(rc == 0 && rows == N, "create_many of 10,000 posts over COPY (%lld, %s)", (long long)rows, err.message);
    CHECK(shale_client__n_exec(c) - n0 <= 8, "a handful of statements, not one per row (%llu)",
          (unsigned long long)(shale_client__n_exec(c) - n0));
    t_post_where w = {0};
    w.author_id.equals = "f2";
    int64_t n = 0;
    shale_q_count(&n, c, &t_post_desc, &w, &err);
    CHECK(n == N, "all rows arrived (%lld)", (long long)n);
    t_post_where_unique pw = {0};
    pw.author_id_slug.has = true;
    pw.author_id_slug.author_id = "f2";
    pw.author_id_slug.slug = "bulk-15";
    t_post *p = NULL;
    shale_q_find_unique((void **)&p, c, &t_post_desc, &pw, NULL, &err);
    CHECK(p && same(p->title, "tab\there, new\nline, back\\slash, \\N") && p->views == 15 && p->rating.has &&
              p->rating.v == 15 / 7.0,
          "COPY escaping of tabs, newlines, backslashes; doubles exact");
    shale_result_free(p);
    pw.author_id_slug.slug = "bulk-4";
    shale_q_find_unique((void **)&p, c, &t_post_desc, &pw, NULL, &err);
    CHECK(p && p->views == 0 && !p->rating.has && !p->published, "left-out fields take database defaults");
    shale_result_free(p);

    /* Client-side defaults per row. */
    t_user_create_input us[3] = {{.email = "cm1@x"}, {.email = "cm2@x"}, {.email = "cm3@x"}};
    rc = shale_q_create_many(&rows, c, &t_user_desc, us, 3, sizeof us[0], &err);
    CHECK(rc == 0 && rows == 3, "create_many users");
    CHECK(same(scalar_query("SELECT count(DISTINCT id) || '/' || count(DISTINCT code) FROM \"User\" WHERE email LIKE "
                            "'cm_@x' AND length(id) = 36"),
              "3/3"),
          "a uuid and a cuid per row");
    /* A unique violation in the middle aborts the whole batch. */
    in[1].slug = "bulk-0";
    int64_t before = 0;
    shale_q_count(&before, c, &t_post_desc, NULL, &err);
    rc = shale_q_create_many(&rows, c, &t_post_desc, in, 50, sizeof *in, &err);
    shale_q_count(&n, c, &t_post_desc, NULL, &err);
    CHECK(rc == SHALE_EUNIQUE && n == before, "create_many duplicate: SHALE_EUNIQUE, nothing inserted (%d, %s)", rc,
          err.message);
    in[0].slug = "fresh-0";
    in[1].slug = "fresh-1";
    in[2].slug = "fresh-2";
    in[1].title = NULL;
    rc = shale_q_create_many(&rows, c, &t_post_desc, in, 3, sizeof *in, &err);
    shale_q_count(&n, c, &t_post_desc, NULL, &err);
    CHECK(rc == SHALE_EINVAL && shale_tx_depth(c) == 0 && n == before,
          "create_many with a missing title: SHALE_EINVAL, nothing inserted (%d)", rc);
    CHECK(strstr(err.message, "Post.title in row 1") != NULL, "the message names the field and row: %s", err.message);
    rc = shale_q_create_many(&rows, c, &t_post_desc, in, 0, sizeof *in, &err);
    CHECK(rc == 0 && rows == 0, "create_many of nothing");
    free(in);
    free(slugs);
}

static int tx_count(const char *email)
{
    t_user *u = user_by_email(email);
    shale_result_free(u);
    return u != NULL;
}

static void test_transactions(void)
{
    shale_error err = SHALE_ERROR_INIT;
    void *u = NULL;
    CHECK(shale_tx_begin(c, NULL, &err) == 0 && shale_tx_depth(c) == 1, "begin");
    t_user_create_input a = {.email = "tx-outer@x"};
    shale_q_create(&u, c, &t_user_desc, &a, &err);
    shale_result_free(u);
    CHECK(shale_tx_begin(c, NULL, &err) == 0 && shale_tx_depth(c) == 2, "nested begin (savepoint)");
    t_user_create_input b = {.email = "tx-inner@x"};
    shale_q_create(&u, c, &t_user_desc, &b, &err);
    shale_result_free(u);
    CHECK(tx_count("tx-inner@x") == 1, "inner row visible inside");
    CHECK(shale_tx_rollback(c, &err) == 0 && shale_tx_depth(c) == 1, "inner rollback");
    CHECK(shale_tx_begin(c, NULL, &err) == 0 && shale_tx_depth(c) == 2, "second savepoint");
    t_user_create_input d = {.email = "tx-inner2@x"};
    shale_q_create(&u, c, &t_user_desc, &d, &err);
    shale_result_free(u);
    CHECK(shale_tx_commit(c, &err) == 0 && shale_tx_depth(c) == 1, "inner commit (release)");
    CHECK(shale_tx_commit(c, &err) == 0 && shale_tx_depth(c) == 0, "outer commit");
    CHECK(tx_count("tx-outer@x") && !tx_count("tx-inner@x") && tx_count("tx-inner2@x"),
          "the rolled-back savepoint's row is gone, the others stay");
    CHECK(shale_tx_commit(c, &err) == SHALE_EINVAL, "commit outside a transaction: SHALE_EINVAL");
    shale_client *byurl = NULL;
    char u2[512];
    snprintf(u2, sizeof u2, "%s%sapplication_name=from-url", url, strchr(url, '?') ? "&" : "?");
    if (shale_client_open(&byurl, u2, NULL, &err) == 0) {
        PGresult *r = PQexec(shale_client_pgconn(byurl), "SHOW application_name");
        CHECK(same(PQgetvalue(r, 0, 0), "from-url"), "the URL's application_name is kept without the option");
        PQclear(r);
    } else {
        CHECK(false, "open with application_name in the URL: %s", err.message);
    }
    shale_client_close(byurl);
    byurl = NULL;
    snprintf(u2, sizeof u2, "%s%sschema=my%%20%%22schema", url, strchr(url, '?') ? "&" : "?");
    if (shale_client_open(&byurl, u2, NULL, &err) == 0) {
        PGresult *r = PQexec(shale_client_pgconn(byurl), "SHOW search_path");
        CHECK(same(PQgetvalue(r, 0, 0), "\"my \"\"schema\""), "?schema= sets the search_path, quoted (%s)",
              PQgetvalue(r, 0, 0));
        PQclear(r);
    } else {
        CHECK(false, "open with ?schema=: %s", err.message);
    }
    shale_client_close(byurl);
    CHECK(shale_tx_rollback(c, &err) == SHALE_EINVAL, "rollback outside a transaction: SHALE_EINVAL");

    shale_tx_options o = SHALE_TX_OPTIONS_INIT;
    o.isolation = SHALE_ISO_SERIALIZABLE;
    o.read_only = true;
    shale_tx_begin(c, &o, &err);
    CHECK(same(scalar_query("SHOW transaction_isolation"), "serializable"), "isolation level applied");
    t_user_create_input e = {.email = "ro@x"};
    int rc = shale_q_create(&u, c, &t_user_desc, &e, &err);
    CHECK(rc == SHALE_EDB && same(err.sqlstate, "25006"), "read only transaction refuses writes (%s)", err.sqlstate);
    rc = shale_tx_commit(c, &err);
    CHECK(rc == SHALE_EDB && shale_tx_depth(c) == 0, "commit of a failed transaction reports it");
    shale_tx_begin(c, NULL, &err);
    shale_q_create(&u, c, &t_user_desc, &e, &err);
    shale_result_free(u);
    shale_tx_rollback(c, &err);
    CHECK(!tx_count("ro@x") && shale_tx_depth(c) == 0, "rollback undoes");
}

typedef struct retry_ctx {
    int calls;
    PGconn *other;
} retry_ctx;

/* Reads a row, lets another connection change it, then writes it: under REPEATABLE
 * READ the first attempt fails with 40001 and the retry succeeds. */
static int bump(shale_client *cl, void *payload)
{
    retry_ctx *r = payload;
    r->calls++;
    shale_error err = SHALE_ERROR_INIT;
    int64_t n;
    t_user_where w = {0};
    w.email.equals = "f4@filter.test";
    int rc = shale_q_count(&n, cl, &t_user_desc, &w, &err);
    if (rc < 0) return rc;
    if (r->calls == 1) raw(r->other, "UPDATE \"User\" SET balance = balance + 1 WHERE email = 'f4@filter.test'");
    t_user_update_input d = {0};
    d.balance = (shale_set_i64)SHALE_SET_VALUE(777);
    return shale_q_update_many(&n, cl, &t_user_desc, &w, &d, &err);
}

static int fail_fn(shale_client *cl, void *payload)
{
    (void)payload;
    void *u = NULL;
    t_user_create_input dup = {.email = "f0@filter.test"};
    return shale_q_create(&u, cl, &t_user_desc, &dup, NULL);
}

static void test_retry(void)
{
    shale_error err = SHALE_ERROR_INIT;
    char *msg = NULL;
    retry_ctx r = {0, NULL};
    if (shale_pg_connect(url, &r.other, &msg) < 0) {
        printf("# %s\n", msg);
        exit(2);
    }
    shale_tx_options o = SHALE_TX_OPTIONS_INIT;
    o.isolation = SHALE_ISO_REPEATABLE_READ;
    o.max_retries = 0;
    int rc = shale_transaction(c, &o, bump, &r, &err);
    CHECK(rc == SHALE_ESERIALIZE && r.calls == 1 && same(err.sqlstate, "40001") && shale_tx_depth(c) == 0,
          "a serialization failure without retries is SHALE_ESERIALIZE (%d, %s)", rc, err.sqlstate);
    r.calls = 0;
    o.max_retries = 3;
    err = (shale_error)SHALE_ERROR_INIT;
    rc = shale_transaction(c, &o, bump, &r, &err);
    CHECK(rc == 0 && r.calls == 2, "shale_transaction retries after 40001 and commits (%d calls, %s)", r.calls,
          err.message);
    CHECK(same(scalar_query("SELECT balance FROM \"User\" WHERE email = 'f4@filter.test'"), "777"),
          "the retried write landed");
    rc = shale_transaction(c, &o, fail_fn, NULL, &err);
    CHECK(rc == SHALE_EUNIQUE && err.code == SHALE_EUNIQUE && same(err.constraint, "User_email_key") &&
              shale_tx_depth(c) == 0,
          "a failing function rolls back and its error comes back (%s)", err.message);
    PQfinish(r.other);
}

/* Savepoints around failures: the enclosing transaction goes on. */
static void test_nested_failures(void)
{
    shale_error err = SHALE_ERROR_INIT;
    void *u = NULL;
    shale_tx_begin(c, NULL, &err);
    int rc = shale_transaction(c, NULL, fail_fn, NULL, &err);
    CHECK(rc == SHALE_EUNIQUE && shale_tx_depth(c) == 1, "a nested shale_transaction that fails rolls back its "
                                                         "savepoint only (%d, depth %u)", rc, shale_tx_depth(c));
    t_user_create_input a = {.email = "nested-after@x"};
    rc = shale_q_create(&u, c, &t_user_desc, &a, &err);
    shale_result_free(u);
    CHECK(rc == 0, "the outer transaction is still usable (%s)", err.message);
    shale_tx_begin(c, NULL, &err);
    t_user_create_input dup = {.email = "f0@filter.test"};
    rc = shale_q_create(&u, c, &t_user_desc, &dup, &err);
    CHECK(rc == SHALE_EUNIQUE, "a failing statement inside a savepoint");
    rc = shale_tx_commit(c, &err);
    CHECK(rc == SHALE_EDB && same(err.sqlstate, "25P02") && shale_tx_depth(c) == 1,
          "committing the failed savepoint reports it and undoes it (%s)", err.sqlstate);
    CHECK(shale_tx_commit(c, &err) == 0 && shale_tx_depth(c) == 0, "the outer transaction commits");
    CHECK(tx_count("nested-after@x"), "with its own row");

    /* 40P01 (deadlock) maps to SHALE_ESERIALIZE as 40001 does. */
    rc = shale_client__exec(c, "DO $$ BEGIN RAISE EXCEPTION 'forced' USING ERRCODE = '40P01'; END $$", NULL, NULL,
                            &err);
    CHECK(rc == SHALE_ESERIALIZE && same(err.sqlstate, "40P01"), "deadlock: SHALE_ESERIALIZE");
    rc = shale_client__exec(c, "DO $$ BEGIN RAISE EXCEPTION 'forced' USING ERRCODE = '22012'; END $$", NULL, NULL,
                            &err);
    CHECK(rc == SHALE_EDB && same(err.sqlstate, "22012") && same(err.message, "forced"),
          "any other SQLSTATE: SHALE_EDB with PostgreSQL's message");
}

static int deadlock_once(shale_client *cl, void *payload)
{
    int *calls = payload;
    if ((*calls)++ == 0)
        return shale_client__exec(cl, "DO $$ BEGIN RAISE EXCEPTION 'forced' USING ERRCODE = '40P01'; END $$", NULL,
                                  NULL, NULL);
    void *u = NULL;
    t_user_create_input a = {.email = "after-deadlock@x"};
    int rc = shale_q_create(&u, cl, &t_user_desc, &a, NULL);
    shale_result_free(u);
    return rc;
}

static void test_deadlock_retry(void)
{
    shale_error err = SHALE_ERROR_INIT;
    int calls = 0;
    shale_tx_options o = SHALE_TX_OPTIONS_INIT;
    o.max_retries = 1;
    int rc = shale_transaction(c, &o, deadlock_once, &calls, &err);
    CHECK(rc == 0 && calls == 2 && tx_count("after-deadlock@x"), "shale_transaction retries after 40P01");
}

/* A value the generated enum does not know (the database is ahead of the code). */
static void test_unknown_enum(void)
{
    shale_error err = SHALE_ERROR_INIT;
    raw(shale_client_pgconn(c), "ALTER TYPE \"Role\" ADD VALUE 'SUPER'");
    raw(shale_client_pgconn(c), "UPDATE \"User\" SET role = 'SUPER' WHERE email = 'f8@filter.test'");
    t_user *u = NULL;
    t_user_where_unique w = {.email = "f8@filter.test"};
    int rc = shale_q_find_unique((void **)&u, c, &t_user_desc, &w, NULL, &err);
    CHECK(rc == SHALE_EINVAL && !u && strstr(err.message, "User.role") && strstr(err.message, "SUPER"),
          "an unknown enum value read back: SHALE_EINVAL naming the field (%s)", err.message);
    shale_list *l = NULL;
    shale_find_args a = {NULL, NULL, 0, 0, 0, NULL};
    rc = shale_q_find_many(&l, c, &t_user_desc, &a, &err);
    CHECK(rc == SHALE_EINVAL && !l, "find_many frees its partial result on a decoding error");
    raw(shale_client_pgconn(c), "UPDATE \"User\" SET role = 'USER' WHERE email = 'f8@filter.test'");
}

static void test_errors(void)
{
    shale_error err = SHALE_ERROR_INIT;
    void *u = NULL;
    t_user_create_input dup = {.email = "f0@filter.test"};
    int rc = shale_q_create(&u, c, &t_user_desc, &dup, &err);
    CHECK(rc == SHALE_EUNIQUE && err.code == SHALE_EUNIQUE && same(err.sqlstate, "23505") &&
              same(err.constraint, "User_email_key"),
          "unique violation: code, SQLSTATE 23505, constraint name");
    CHECK(strstr(err.message, "unique constraint failed on (email)") != NULL, "message names the field: %s",
          err.message);
    t_post_create_input p = {.title = "t", .slug = "s", .author_id = "no-such-user"};
    rc = shale_q_create(&u, c, &t_post_desc, &p, &err);
    CHECK(rc == SHALE_EFOREIGN && same(err.sqlstate, "23503") && same(err.constraint, "Post_authorId_fkey"),
          "foreign key violation (%s)", err.constraint);
    t_post_where_unique pw = {0};
    pw.author_id_slug.has = true;
    pw.author_id_slug.author_id = "user-full";
    pw.author_id_slug.slug = "hello";
    t_post_update_input d = {0};
    d.title.op = SHALE_SET_NULL;
    rc = shale_q_update(&u, c, &t_post_desc, &pw, &d, &err);
    CHECK(rc == SHALE_ENOTNULL && same(err.sqlstate, "23502") && same(err.column, "title"),
          "not-null violation names the column (%s)", err.column);
    d = (t_post_update_input){0};
    d.views = (shale_set_i32)SHALE_SET_VALUE(-1);
    rc = shale_q_update(&u, c, &t_post_desc, &pw, &d, &err);
    CHECK(rc == SHALE_ECHECK && same(err.constraint, "Post_views_check"), "check violation");
    t_user_where_unique wu = {.id = "user-full"};
    rc = shale_q_delete(&u, c, &t_user_desc, &wu, &err);
    CHECK(rc == SHALE_EFOREIGN, "delete restricted by a foreign key: SHALE_EFOREIGN");
    CHECK(shale_q_delete(&u, c, &t_user_desc, &wu, NULL) == SHALE_EFOREIGN, "err may be NULL");
    CHECK(same(shale_code_name(SHALE_EUNIQUE), "unique violation") && same(shale_code_name(SHALE_ENOTFOUND),
                                                                           "record not found") &&
              same(shale_code_name(12345), "unknown error"),
          "shale_code_name");
    /* The client still works after all those errors. */
    t_user *f = user_by_email("full@example.com");
    CHECK(f != NULL, "the client is usable after errors");
    shale_result_free(f);
}

static void test_no_prepare(void)
{
    shale_client_options o = SHALE_CLIENT_OPTIONS_INIT;
    o.no_prepare = true;
    shale_client *np = NULL;
    shale_error err = SHALE_ERROR_INIT;
    int rc = shale_client_open(&np, url, &o, &err);
    t_user_where_unique w = {.email = "full@example.com"};
    t_user *u = NULL;
    if (rc == 0) rc = shale_q_find_unique((void **)&u, np, &t_user_desc, &w, NULL, &err);
    CHECK(rc == 0 && u && same(u->id, "user-full"), "no_prepare client works");
    shale_result_free(u);
    PGresult *r = PQexec(shale_client_pgconn(np), "SELECT count(*) FROM pg_prepared_statements");
    CHECK(same(PQgetvalue(r, 0, 0), "0"), "no_prepare prepares nothing");
    PQclear(r);
    r = PQexec(shale_client_pgconn(c), "SELECT count(*) > 0 FROM pg_prepared_statements");
    CHECK(same(PQgetvalue(r, 0, 0), "t"), "the default client prepares its statements");
    PQclear(r);
    shale_client_close(np);
    shale_client_close(NULL);
}

/* Prepared statements that vanish or go stale are prepared again, once. */
static void test_stale_statements(void)
{
    shale_error err = SHALE_ERROR_INIT;
    t_tag_where_unique w = {.name = "x"};
    t_tag *t = NULL;
    int rc = shale_q_find_unique((void **)&t, c, &t_tag_desc, &w, NULL, &err);
    CHECK(rc == 0 && t, "find tag x");
    shale_result_free(t);
    raw(shale_client_pgconn(c), "DEALLOCATE ALL");
    rc = shale_q_find_unique((void **)&t, c, &t_tag_desc, &w, NULL, &err);
    CHECK(rc == 0 && t && same(t->name, "x"), "after DEALLOCATE ALL the statement is prepared again (%s)", err.message);
    shale_result_free(t);
    raw(shale_client_pgconn(c), "ALTER TABLE \"Tag\" ALTER COLUMN \"name\" TYPE varchar(50)");
    rc = shale_q_find_unique((void **)&t, c, &t_tag_desc, &w, NULL, &err);
    CHECK(rc == 0 && t && same(t->name, "x"), "after a column type change the statement is prepared again (%s)",
          err.message);
    shale_result_free(t);
}

static void test_connection_lost(void)
{
    shale_error err = SHALE_ERROR_INIT;
    char *msg = NULL;
    PGconn *other;
    if (shale_pg_connect(url, &other, &msg) < 0) exit(2);
    shale_tx_begin(c, NULL, &err);
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT pg_terminate_backend(%d)", PQbackendPID(shale_client_pgconn(c)));
    raw(other, sql);
    PQfinish(other);
    t_user *u = NULL;
    t_user_where_unique w = {.email = "full@example.com"};
    int rc = shale_q_find_unique((void **)&u, c, &t_user_desc, &w, NULL, &err);
    CHECK(rc == SHALE_ECONN && err.code == SHALE_ECONN && !u, "a terminated backend is SHALE_ECONN (%d: %s)", rc,
          err.message);
    CHECK(shale_tx_depth(c) == 0, "the transaction is gone with the connection");
    rc = shale_q_find_unique((void **)&u, c, &t_user_desc, &w, NULL, &err);
    CHECK(rc == SHALE_ECONN, "later calls keep failing with SHALE_ECONN");
    CHECK(shale_tx_begin(c, NULL, &err) == SHALE_ECONN, "begin on a lost connection: SHALE_ECONN");
}

int main(int argc, char **argv)
{
    url = argc > 1 ? argv[1] : getenv("SHALE_TEST_RT_URL");
    if (!url) {
        fprintf(stderr, "usage: test_query URL\n");
        return 2;
    }
    test_open();
    test_create();
    test_find_unique();
    test_filters();
    test_update();
    test_upsert();
    test_delete();
    test_include();
    test_create_many();
    test_transactions();
    test_retry();
    test_errors();
    test_nested_failures();
    test_deadlock_retry();
    test_unknown_enum();
    test_no_prepare();
    test_stale_statements();
    test_connection_lost();
    shale_client_close(c);
    return TAP_DONE();
}
