/* test_relations.c - relation filters (some/every/none, is/is_not as correlated EXISTS
 * subqueries: 1:n both ways, m:n through the join table, composite keys, nested, inside
 * OR, in update_many/delete_many) and nested includes (one query per relation and
 * level for the whole batch) of libshale's query runtime, on the hand-written model of
 * test_model.h against a real PostgreSQL.
 * Usage: test_relations URL (a fresh, empty database). Prints TAP. */
#include "runtime/runtime_int.h"
#include "test_model.h"
#include "tests/unit/tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static shale_client *c;
static int32_t p1, p2, p3;

static bool same(const char *a, const char *b) { return a && b && strcmp(a, b) == 0; }

static void raw(const char *sql)
{
    PGresult *r = PQexec(shale_client_pgconn(c), sql);
    if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK) {
        printf("# %s: %s", sql, PQerrorMessage(shale_client_pgconn(c)));
        exit(2);
    }
    PQclear(r);
}

static int32_t post(const char *author, const char *title, const char *slug, int views, bool published)
{
    t_post_create_input in = {.title = title, .slug = slug, .author_id = author, .views = SHALE_SOME_I32(views),
                              .published = SHALE_SOME_BOOL(published)};
    t_post *p = NULL;
    shale_error err = SHALE_ERROR_INIT;
    if (shale_q_create((void **)&p, c, &t_post_desc, &in, &err) < 0 || !p) {
        printf("# create post %s: %s\n", title, err.message);
        exit(2);
    }
    int32_t id = p->id;
    shale_result_free(p);
    return id;
}

/* ada (30): A (published, 10 views, tags x y, comments good bad), B (draft);
 * bob (40): C (published, 5 views, tag y, comment good); cy: no posts. */
static void seed(void)
{
    raw(t_schema_sql);
    raw("INSERT INTO \"User\" (id, email, age, \"updatedAt\", code) VALUES "
        "('ada', 'ada@x.test', 30, now(), 'c1'), ('bob', 'bob@x.test', 40, now(), 'c2'), "
        "('cy', 'cy@x.test', NULL, now(), 'c3')");
    p1 = post("ada", "A", "a", 10, true);
    p2 = post("ada", "B", "b", 0, false);
    p3 = post("bob", "C", "c", 5, true);
    raw("INSERT INTO \"Tag\" (name) VALUES ('x'), ('y')");
    char sql[300];
    snprintf(sql, sizeof sql,
             "INSERT INTO \"_PostToTag\" SELECT %d, id FROM \"Tag\" UNION ALL SELECT %d, id FROM \"Tag\" "
             "WHERE name = 'y'",
             p1, p3);
    raw(sql);
    raw("INSERT INTO \"Comment\" (body, \"postAuthorId\", \"postSlug\") VALUES ('good', 'ada', 'a'), "
        "('bad', 'ada', 'a'), ('good', 'bob', 'c')");
}

static int64_t count(const shale_model_desc *m, const void *where, const char *what)
{
    int64_t n = -1;
    shale_error err = SHALE_ERROR_INIT;
    if (shale_q_count(&n, c, m, where, &err) < 0) printf("# %s: %s\n", what, err.message);
    return n;
}

/* The ids (users) or titles (posts) of a find_many, joined by spaces, in key order. */
static const char *names(const shale_model_desc *m, const void *where)
{
    static char out[128];
    out[0] = '\0';
    shale_order_by ob = {0, SHALE_ASC};
    shale_find_args a = {where, &ob, 1, 0, 0, NULL};
    shale_list *l = NULL;
    shale_error err = SHALE_ERROR_INIT;
    if (shale_q_find_many(&l, c, m, &a, &err) < 0) {
        snprintf(out, sizeof out, "error: %.100s", err.message);
        return out;
    }
    for (size_t i = 0; i < l->len; i++) {
        const char *s = m == &t_user_desc   ? ((t_user *)l->items)[i].id
                        : m == &t_post_desc ? ((t_post *)l->items)[i].title
                                            : ((t_tag *)l->items)[i].name;
        size_t at = strlen(out);
        snprintf(out + at, sizeof out - at, "%s%s", i ? " " : "", s);
    }
    shale_result_free(l);
    return out;
}

static void test_to_many(void)
{
    t_post_where pub = {.published = {.equals = SHALE_SOME_BOOL(true)}};
    t_post_where any = {0};
    t_user_where w = {0};
    w.posts.some = &pub;
    CHECK(same(names(&t_user_desc, &w), "ada bob"), "some: users with a published post (%s)", names(&t_user_desc, &w));
    CHECK(strstr(c->sql.ptr, "EXISTS (SELECT 1 FROM \"public\".\"Post\" AS \"r1\" WHERE \"r1\".\"authorId\" = "
                             "\"public\".\"User\".\"id\"") != NULL,
          "correlated EXISTS on the relation's keys: %s", c->sql.ptr);
    CHECK(strstr(c->sql.ptr, "\"r1\".\"published\" = $1::boolean") != NULL, "values stay parameters");
    w.posts.some = NULL;
    w.posts.none = &pub;
    CHECK(same(names(&t_user_desc, &w), "cy"), "none: users without a published post");
    w.posts.none = NULL;
    w.posts.every = &pub;
    CHECK(same(names(&t_user_desc, &w), "bob cy"), "every: bob, and cy without posts (%s)", names(&t_user_desc, &w));
    w.posts.every = NULL;
    w.posts.some = &any;
    CHECK(same(names(&t_user_desc, &w), "ada bob"), "some: {} = has a related row");
    w.posts.some = NULL;
    w.posts.none = &any;
    CHECK(count(&t_user_desc, &w, "none {}") == 1, "none: {} = has no related row");

    /* every with NULLs: a comparison with NULL does not match. */
    t_post_where rated = {.rating = {.gt = SHALE_SOME_F64(1)}};
    t_user_where ev = {0};
    ev.posts.every = &rated;
    CHECK(same(names(&t_user_desc, &ev), "cy"), "every: NULL ratings do not match (%s)", names(&t_user_desc, &ev));

    /* Several tests on one relation and scalar filters together. */
    t_post_where many_views = {.views = {.gt = SHALE_SOME_I32(8)}};
    t_user_where both = {.age = {.lt = SHALE_SOME_I32(100)}};
    both.posts.some = &pub;
    both.posts.none = &many_views;
    CHECK(same(names(&t_user_desc, &both), "bob"), "some + none + a scalar filter (%s)", names(&t_user_desc, &both));

    /* Inside OR. */
    t_user_where ors[2] = {{0}, {.age = {.equals = SHALE_SOME_I32(40)}}};
    ors[0].posts.some = &many_views;
    t_user_where either = {.OR = ors, .n_OR = 2};
    CHECK(same(names(&t_user_desc, &either), "ada bob"), "relation filters inside OR");
}

static void test_to_one_and_m2n(void)
{
    t_user_where ada = {.email = {.equals = "ada@x.test"}};
    t_post_where w = {0};
    w.author.is = &ada;
    CHECK(same(names(&t_post_desc, &w), "A B"), "is: posts by ada");
    w.author.is = NULL;
    w.author.is_not = &ada;
    CHECK(same(names(&t_post_desc, &w), "C"), "is_not: posts not by ada");

    t_tag_where y = {.name = {.equals = "y"}};
    t_tag_where any_tag = {0};
    t_post_where tw = {0};
    tw.tags.some = &y;
    CHECK(same(names(&t_post_desc, &tw), "A C"), "m:n some: posts tagged y (%s)", names(&t_post_desc, &tw));
    CHECK(strstr(c->sql.ptr, "FROM \"public\".\"_PostToTag\" AS \"j1\" JOIN \"public\".\"Tag\" AS \"r1\"") != NULL,
          "m:n goes through the join table: %s", c->sql.ptr);
    tw.tags.some = NULL;
    tw.tags.none = &any_tag;
    CHECK(same(names(&t_post_desc, &tw), "B"), "m:n none: {}: untagged posts");
    tw.tags.none = NULL;
    tw.tags.every = &y;
    CHECK(same(names(&t_post_desc, &tw), "B C"), "m:n every (%s)", names(&t_post_desc, &tw));

    t_post_where title_a = {.title = {.equals = "A"}};
    t_tag_where tg = {0};
    tg.posts.some = &title_a;
    CHECK(same(names(&t_tag_desc, &tg), "x y"), "m:n the other way: tags of post A");

    t_comment_where bad = {.body = {.equals = "bad"}};
    t_comment_where good = {.body = {.equals = "good"}};
    t_post_where cw = {0};
    cw.comments.some = &bad;
    CHECK(same(names(&t_post_desc, &cw), "A"), "composite-key to-many: some");
    cw.comments.some = NULL;
    cw.comments.every = &good;
    CHECK(same(names(&t_post_desc, &cw), "B C"), "composite-key to-many: every");
    t_post_where title_c = {.title = {.equals = "C"}};
    t_comment_where on_c = {0};
    on_c.post.is = &title_c;
    CHECK(count(&t_comment_desc, &on_c, "comment.post is") == 1, "composite-key to-one: is");

    /* Two levels: users with a post tagged x; three: tags with a post whose author has
     * a draft. */
    t_tag_where x = {.name = {.equals = "x"}};
    t_post_where tagged_x = {0};
    tagged_x.tags.some = &x;
    t_user_where uw = {0};
    uw.posts.some = &tagged_x;
    CHECK(same(names(&t_user_desc, &uw), "ada"), "nested: users with a post tagged x");
    CHECK(strstr(c->sql.ptr, "\"r2\".") != NULL, "inner subqueries get their own alias");
    t_post_where draft = {.published = {.equals = SHALE_SOME_BOOL(false)}};
    t_user_where has_draft = {0};
    has_draft.posts.some = &draft;
    t_post_where by_drafter = {0};
    by_drafter.author.is = &has_draft;
    t_tag_where tw3 = {0};
    tw3.posts.some = &by_drafter;
    CHECK(same(names(&t_tag_desc, &tw3), "x y"), "three levels deep");
}

static void test_writes_and_limits(void)
{
    shale_error err = SHALE_ERROR_INIT;
    t_post_where any = {0};
    t_user_where lonely = {0};
    lonely.posts.none = &any;
    t_user_update_input up = {.name = SHALE_SET_VALUE("lonely")};
    int64_t n = 0;
    int rc = shale_q_update_many(&n, c, &t_user_desc, &lonely, &up, &err);
    CHECK(rc == 0 && n == 1, "update_many with a relation filter (%s)", err.message);

    t_post_where title_c = {.title = {.equals = "C"}};
    t_comment_where on_c = {0};
    on_c.post.is = &title_c;
    rc = shale_q_delete_many(&n, c, &t_comment_desc, &on_c, &err);
    CHECK(rc == 0 && n == 1, "delete_many with a relation filter (%s)", err.message);

    /* A chain deeper than the limit: SHALE_EINVAL, nothing sent. */
    enum { DEPTH = 80 };
    static t_user_where uws[DEPTH];
    static t_post_where pws[DEPTH];
    for (int i = 0; i < DEPTH; i++) {
        memset(&uws[i], 0, sizeof uws[i]);
        memset(&pws[i], 0, sizeof pws[i]);
        uws[i].posts.some = &pws[i];
        if (i + 1 < DEPTH) pws[i].author.is = &uws[i + 1];
    }
    uint64_t n0 = shale_client__n_exec(c);
    rc = shale_q_count(&n, c, &t_user_desc, &uws[0], &err);
    CHECK(rc == SHALE_EINVAL && shale_client__n_exec(c) == n0, "relation filters nested too deeply: SHALE_EINVAL");
}

static void test_nested_include(void)
{
    shale_error err = SHALE_ERROR_INIT;
    t_post_include pinc = {.author = true, .tags = true, .comments = true};
    t_user_include uinc = {.posts_include = &pinc}; /* the pointer alone asks for posts */
    shale_order_by ob = {T_USER_FIELD_ID, SHALE_ASC};
    shale_find_args a = {NULL, &ob, 1, 0, 0, &uinc};
    shale_list *l = NULL;
    uint64_t n0 = shale_client__n_exec(c);
    int rc = shale_q_find_many(&l, c, &t_user_desc, &a, &err);
    uint64_t used = shale_client__n_exec(c) - n0;
    CHECK(rc == 0 && l && l->len == 3, "users with posts and the posts' author, tags, comments (%s)", err.message);
    CHECK(used == 5, "five queries: users, posts, authors, tags, comments (%llu)", (unsigned long long)used);
    if (rc == 0 && l->len == 3) {
        t_user *u = l->items;
        t_post *a0 = u[0].posts && u[0].posts->len == 2 ? &u[0].posts->items[0] : NULL;
        CHECK(a0 && same(a0->title, "A") && a0->author && same(a0->author->id, "ada"), "post A has its author");
        CHECK(a0 && a0->tags && a0->tags->len == 2 && same(a0->tags->items[1].name, "y"), "post A has tags x and y");
        CHECK(a0 && a0->comments && a0->comments->len == 2 && same(a0->comments->items[0].body, "good"),
              "post A has its comments");
        t_post *b = u[0].posts ? &u[0].posts->items[1] : NULL;
        CHECK(b && b->tags && b->tags->len == 0 && b->comments && b->comments->len == 0, "post B: empty lists");
        CHECK(u[1].posts && u[1].posts->len == 1 && u[1].posts->items[0].tags &&
                  u[1].posts->items[0].tags->len == 1 && u[2].posts && u[2].posts->len == 0,
              "bob's post has tag y; cy has no posts");
        CHECK(a0 && a0->author && a0->author->posts == NULL, "levels not asked for stay NULL");
    }
    shale_result_free(l);

    /* Four levels from tags: tag -> posts -> author -> posts. */
    t_user_include ainc = {.posts = true};
    t_post_include pinc2 = {.author_include = &ainc};
    t_tag_include tinc = {.posts = true, .posts_include = &pinc2};
    shale_order_by tob = {0, SHALE_ASC};
    shale_find_args ta = {NULL, &tob, 1, 0, 0, &tinc};
    n0 = shale_client__n_exec(c);
    rc = shale_q_find_many(&l, c, &t_tag_desc, &ta, &err);
    used = shale_client__n_exec(c) - n0;
    CHECK(rc == 0 && l && l->len == 2 && used == 4, "tags -> posts -> author -> posts: 4 queries (%llu, %s)",
          (unsigned long long)used, err.message);
    if (rc == 0 && l->len == 2) {
        t_tag *y = &((t_tag *)l->items)[1];
        t_post *py = y->posts && y->posts->len == 2 ? y->posts->items : NULL;
        CHECK(py && py[0].author && py[0].author->posts && py[0].author->posts->len == 2 && py[1].author &&
                  same(py[1].author->id, "bob") && py[1].author->posts && py[1].author->posts->len == 1,
              "each level attached (tag y: A by ada with 2 posts, C by bob with 1)");
    }
    shale_result_free(l);

    /* find_unique with a nested include; and parents without children send no query for
     * the next level. */
    t_post_include tags_only = {.tags = true};
    t_user_include u2 = {.posts = true, .posts_include = &tags_only};
    t_user_where_unique by_email = {.email = "ada@x.test"};
    t_user *u = NULL;
    n0 = shale_client__n_exec(c);
    rc = shale_q_find_unique((void **)&u, c, &t_user_desc, &by_email, &u2, &err);
    CHECK(rc == 0 && u && u->posts && u->posts->len == 2 && u->posts->items[0].tags &&
              u->posts->items[0].tags->len == 2 && shale_client__n_exec(c) - n0 == 3,
          "find_unique: user, posts, tags in 3 queries (%s)", err.message);
    shale_result_free(u);
    t_user_where_unique cy = {.email = "cy@x.test"};
    n0 = shale_client__n_exec(c);
    rc = shale_q_find_unique((void **)&u, c, &t_user_desc, &cy, &u2, &err);
    CHECK(rc == 0 && u && u->posts && u->posts->len == 0 && shale_client__n_exec(c) - n0 == 2,
          "no posts: no query for their tags");
    shale_result_free(u);

    /* A cycle of include structs is refused, not followed forever. */
    t_user_include cyc_u = {.posts = true};
    t_post_include cyc_p = {.author = true, .author_include = &cyc_u};
    cyc_u.posts_include = &cyc_p;
    shale_find_args ca = {NULL, NULL, 0, 0, 0, &cyc_u};
    l = NULL;
    rc = shale_q_find_many(&l, c, &t_user_desc, &ca, &err);
    CHECK(rc == SHALE_EINVAL && l == NULL && strstr(err.message, "nest") != NULL,
          "a cycle of includes: SHALE_EINVAL (%s)", err.message);
}

int main(int argc, char **argv)
{
    const char *url = argc > 1 ? argv[1] : getenv("SHALE_TEST_RT_URL");
    if (!url) {
        fprintf(stderr, "usage: test_relations URL\n");
        return 2;
    }
    shale_error err = SHALE_ERROR_INIT;
    if (shale_client_open(&c, url, NULL, &err) < 0) {
        printf("not ok 1 - connect: %s\n", err.message);
        return 1;
    }
    seed();
    test_to_many();
    test_to_one_and_m2n();
    test_nested_include();
    test_writes_and_limits();
    shale_client_close(c);
    return TAP_DONE();
}
