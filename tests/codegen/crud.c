/* crud.c - the code `shale generate` makes for app.prisma, against a real database
 * (tests/codegen.sh creates it and passes its URL): every operation, filters, order,
 * paging, include, create_many, transactions and the typed errors; relation filters
 * (1:n, self-relation, m:n), nested includes and a view's read-only helpers. Prints one
 * "ok - ..." / "not ok - ..." line per check; exits 1 when one failed. */
#include "app.h"

#include <libpq-fe.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failed;

static void check(bool cond, const char *what, const shale_error *err)
{
    if (cond) {
        printf("ok - %s\n", what);
        return;
    }
    failed = 1;
    printf("not ok - %s\n", what);
    if (err && err->code) printf("#   error %d [%s]: %s\n", err->code, err->sqlstate, err->message);
}

static int add_post_in_tx(shale_client *c, void *payload)
{
    const char *author = payload;
    app_post_create_input in = {.title = "in a transaction", .author_id = author};
    app_post *p = NULL;
    int rc = app_post_create(&p, c, &in, NULL);
    app_post_free(p);
    return rc < 0 ? rc : -1; /* roll back: the post must not stay */
}

static bool sql(shale_client *c, const char *text)
{
    PGresult *r = PQexec(shale_client_pgconn(c), text);
    bool ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
    if (!ok) printf("#   %s: %s", text, PQerrorMessage(shale_client_pgconn(c)));
    PQclear(r);
    return ok;
}

static int64_t count_users(shale_client *c, const app_user_where *w, shale_error *err)
{
    int64_t n = -1;
    app_user_count(&n, c, w, err);
    return n;
}

/* At this point: ada (posts Alpha, Gamma; both published), bob (no posts), cy. */
static void relations_and_views(shale_client *c, const app_user *ada, const app_user *bob)
{
    shale_error err = SHALE_ERROR_INIT;
    app_user_update_input inv = {.invited_by_id = SHALE_SET_VALUE(ada->id)};
    app_user_where_unique bw = {.id = bob->id};
    app_user *b2 = NULL;
    int rc = app_user_update(&b2, c, &bw, &inv, &err);
    check(rc == 0 && b2 && b2->invited_by_id && strcmp(b2->invited_by_id, ada->id) == 0, "bob invited by ada", &err);
    app_user_free(b2);
    app_label *l1 = NULL, *l2 = NULL;
    app_label_create(&l1, c, &(app_label_create_input){.name = "lang"}, &err);
    app_label_create(&l2, c, &(app_label_create_input){.name = "db"}, &err);
    /* _LabelToPost: A = Label, B = Post. Alpha gets both labels, Gamma "db". */
    check(l1 && l2 &&
              sql(c, "INSERT INTO \"_LabelToPost\" (\"A\", \"B\") SELECT l.id, p.id FROM \"Label\" l, \"Post\" p "
                     "WHERE p.title = 'Alpha' OR (p.title = 'Gamma' AND l.name = 'db')"),
          "labels attached", &err);

    /* to-many: some / none / every */
    app_post_where pub = {.published = {.equals = SHALE_SOME_BOOL(true)}};
    app_post_where any_post = {0};
    app_user_where w = {0};
    w.posts.some = &pub;
    check(count_users(c, &w, &err) == 1, "posts.some: users with a published post", &err);
    w = (app_user_where){0};
    w.posts.none = &any_post;
    check(count_users(c, &w, &err) == 2, "posts.none {}: users without posts", &err);
    w = (app_user_where){0};
    w.posts.every = &pub;
    check(count_users(c, &w, &err) == 3, "posts.every: vacuously true without posts", &err);

    /* self-relation, both sides; to-one is / is_not */
    app_user_where any_user = {0};
    app_user_where is_ada = {.email = {.equals = "ada@example.com"}};
    w = (app_user_where){0};
    w.invited.some = &any_user;
    app_user_list *ul = NULL;
    rc = app_user_find_many(&ul, c, &(app_user_find_many_args){.where = w}, &err);
    check(rc == 0 && ul && ul->len == 1 && strcmp(ul->items[0].id, ada->id) == 0, "self-relation: invited.some",
          &err);
    app_user_list_free(ul);
    w = (app_user_where){0};
    w.invited_by.is = &is_ada;
    check(count_users(c, &w, &err) == 1, "self-relation: invited_by.is", &err);
    w = (app_user_where){0};
    w.invited_by.is_not = &any_user;
    check(count_users(c, &w, &err) == 2, "invited_by.is_not {}: users nobody invited", &err);

    /* m:n both ways, nested two levels */
    app_label_where db = {.name = {.equals = "db"}};
    app_post_where pw = {0};
    pw.labels.some = &db;
    int64_t n = -1;
    app_post_count(&n, c, &pw, &err);
    check(n == 2, "m:n: labels.some", &err);
    pw = (app_post_where){0};
    pw.labels.every = &db;
    app_post_count(&n, c, &pw, &err);
    check(n == 1, "m:n: labels.every", &err);
    app_post_where gamma = {.title = {.equals = "Gamma"}};
    app_label_where lw = {0};
    lw.posts.none = &gamma;
    app_label_count(&n, c, &lw, &err);
    check(n == 1, "m:n the other way: posts.none", &err);
    app_post_where labelled_lang = {0};
    labelled_lang.labels.some = &(app_label_where){.name = {.equals = "lang"}};
    w = (app_user_where){0};
    w.posts.some = &labelled_lang;
    check(count_users(c, &w, &err) == 1, "nested: users with a post labelled lang", &err);

    /* nested include: users -> posts -> (labels, author -> invited) */
    app_user_include author_inc = {.invited = true};
    app_post_include post_inc = {.labels = true, .author_include = &author_inc};
    app_user_find_many_args uq = APP_USER_FIND_MANY_ARGS_INIT;
    uq.where.email.equals = "ada@example.com";
    uq.include.posts_include = &post_inc;
    rc = app_user_find_many(&ul, c, &uq, &err);
    const app_post_list *ps = rc == 0 && ul && ul->len == 1 ? ul->items[0].posts : NULL;
    check(ps && ps->len == 2, "nested include: ada's posts", &err);
    bool ok = ps && ps->len == 2;
    for (size_t i = 0; ok && i < ps->len; i++) {
        const app_post *p = &ps->items[i];
        ok = p->labels && p->labels->len == (strcmp(p->title, "Alpha") == 0 ? 2u : 1u) && p->author &&
             strcmp(p->author->id, ada->id) == 0 && p->author->invited && p->author->invited->len == 1 &&
             strcmp(p->author->invited->items[0].id, bob->id) == 0;
    }
    check(ok, "nested include: each post's labels, its author and whom the author invited", &err);
    app_user_list_free(ul);

    /* the view: read-only helpers on a real CREATE VIEW */
    check(sql(c, "CREATE VIEW \"AuthorStats\" AS SELECT \"authorId\", count(*)::int AS posts, "
                 "sum(views)::bigint AS views FROM \"Post\" GROUP BY \"authorId\""),
          "CREATE VIEW AuthorStats", NULL);
    app_author_stats *st = NULL;
    app_author_stats_where_unique sw = {.author_id = ada->id};
    rc = app_author_stats_find_unique(&st, c, &sw, NULL, &err);
    check(rc == 0 && st && st->posts == 2 && st->views == 7, "view: find_unique by its @unique", &err);
    app_author_stats_free(st);
    app_author_stats_where vw = {.posts = {.gte = SHALE_SOME_I32(1)}};
    app_author_stats_count(&n, c, &vw, &err);
    check(n == 1, "view: count with a filter", &err);
    app_author_stats_find_many_args va = APP_AUTHOR_STATS_FIND_MANY_ARGS_INIT;
    va.order_by = (const app_author_stats_order_by[]){{APP_AUTHOR_STATS_FIELD_VIEWS, SHALE_DESC}};
    va.n_order_by = 1;
    app_author_stats_list *vl = NULL;
    rc = app_author_stats_find_many(&vl, c, &va, &err);
    check(rc == 0 && vl && vl->len == 1 && strcmp(vl->items[0].author_id, ada->id) == 0, "view: find_many", &err);
    app_author_stats_list_free(vl);
    st = NULL;
    rc = app_author_stats_find_first(&st, c, NULL, &err);
    check(rc == 0 && st && st->posts == 2, "view: find_first", &err);
    app_author_stats_free(st);
    app_label_free(l1);
    app_label_free(l2);
}

int main(int argc, char **argv)
{
    const char *url = argc > 1 ? argv[1] : getenv("DATABASE_URL");
    shale_error err = SHALE_ERROR_INIT;
    shale_client *c = NULL;
    if (shale_client_open(&c, url, NULL, &err) < 0) {
        printf("not ok - connect: %s\n", err.message);
        return 1;
    }

    /* create: uuid() filled by the client, database defaults read back */
    app_user *ada = NULL;
    app_user_create_input ui = {.email = "ada@example.com", .name = "Ada", .age = SHALE_SOME_I32(36)};
    int rc = app_user_create(&ada, c, &ui, &err);
    check(rc == 0 && ada && ada->id && strlen(ada->id) == 36, "create fills a uuid id", &err);
    check(ada && ada->role == APP_ROLE_USER && ada->age.has && ada->age.v == 36 && ada->created_at.usec > 0,
          "create reads back defaults (role, createdAt)", &err);

    /* unique violation */
    app_user *dup = NULL;
    shale_error uerr = SHALE_ERROR_INIT;
    rc = app_user_create(&dup, c, &ui, &uerr);
    check(rc == SHALE_EUNIQUE && dup == NULL && strcmp(uerr.sqlstate, "23505") == 0, "duplicate email: SHALE_EUNIQUE",
          &uerr);
    check(strcmp(uerr.constraint, "User_email_key") == 0, "the unique violation names User_email_key", &uerr);

    app_user *bob = NULL;
    app_user_create_input bi = {.email = "bob@example.com", .role = APP_ROLE_ADMIN};
    rc = app_user_create(&bob, c, &bi, &err);
    check(rc == 0 && bob && bob->role == APP_ROLE_ADMIN && bob->name == NULL && !bob->age.has,
          "create with an @map'ed enum value and NULLs", &err);

    /* find_unique */
    app_user *found = NULL;
    app_user_where_unique wu = {.email = "ada@example.com"};
    rc = app_user_find_unique(&found, c, &wu, NULL, &err);
    check(rc == 0 && found && strcmp(found->id, ada->id) == 0 && strcmp(found->name, "Ada") == 0,
          "find_unique by email", &err);
    app_user_free(found);
    found = NULL;
    app_user_where_unique none = {.email = "nobody@example.com"};
    rc = app_user_find_unique(&found, c, &none, NULL, &err);
    check(rc == 0 && found == NULL, "find_unique without a match: NULL and 0", &err);
    app_user_where_unique two = {.id = ada->id, .email = "ada@example.com"};
    rc = app_user_find_unique(&found, c, &two, NULL, NULL);
    check(rc == SHALE_EINVAL, "find_unique with two criteria: SHALE_EINVAL", NULL);

    /* update */
    app_user *upd = NULL;
    app_user_update_input ud = {.name = SHALE_SET_VALUE("Ada L."), .age = {SHALE_SET_NULL, 0}};
    app_user_where_unique by_id = {.id = ada->id};
    rc = app_user_update(&upd, c, &by_id, &ud, &err);
    check(rc == 0 && upd && strcmp(upd->name, "Ada L.") == 0 && !upd->age.has, "update sets a value and a NULL",
          &err);
    app_user_free(upd);
    upd = NULL;
    rc = app_user_update(&upd, c, &none, &ud, NULL);
    check(rc == SHALE_ENOTFOUND && upd == NULL, "update without a match: SHALE_ENOTFOUND", NULL);

    /* upsert: insert, then update */
    app_user *up = NULL;
    app_user_where_unique cw = {.email = "cy@example.com"};
    app_user_create_input ci = {.email = "cy@example.com", .name = "Cy"};
    app_user_update_input cu = {.name = SHALE_SET_VALUE("Cy (updated)")};
    rc = app_user_upsert(&up, c, &cw, &ci, &cu, &err);
    check(rc == 0 && up && strcmp(up->name, "Cy") == 0, "upsert inserts", &err);
    app_user_free(up);
    up = NULL;
    rc = app_user_upsert(&up, c, &cw, &ci, &cu, &err);
    check(rc == 0 && up && strcmp(up->name, "Cy (updated)") == 0, "upsert updates", &err);
    app_user_free(up);

    /* create_many (COPY) */
    const char *tags[] = {"c", "sql"};
    app_post_create_input posts[] = {
        {.title = "Alpha", .author_id = ada->id, .published = SHALE_SOME_BOOL(true), .tags = {2, tags}},
        {.title = "Beta", .author_id = ada->id},
        {.title = "Gamma", .author_id = ada->id, .published = SHALE_SOME_BOOL(true), .views = SHALE_SOME_I64(7)},
        {.title = "Delta", .author_id = bob->id, .published = SHALE_SOME_BOOL(true)},
    };
    int64_t n = 0;
    rc = app_post_create_many(&n, c, posts, 4, &err);
    check(rc == 0 && n == 4, "create_many inserts 4 rows", &err);

    /* count and filters */
    app_post_where pub = {.published = {.equals = SHALE_SOME_BOOL(true)}};
    rc = app_post_count(&n, c, &pub, &err);
    check(rc == 0 && n == 3, "count with a bool filter", &err);
    app_post_where ors[] = {{.title = {.starts_with = "Al"}}, {.views = {.gt = SHALE_SOME_I64(5)}}};
    app_post_where either = {.OR = ors, .n_OR = 2};
    rc = app_post_count(&n, c, &either, &err);
    check(rc == 0 && n == 2, "count with OR (starts_with, gt)", &err);
    const char *in_titles[] = {"Beta", "Delta", "Omega"};
    app_post_where in = {.title = {.in = in_titles, .n_in = 3, .has_in = true}};
    rc = app_post_count(&n, c, &in, &err);
    check(rc == 0 && n == 2, "count with in", &err);
    app_post_where has_tag = {.tags = {.has = &tags[1]}};
    rc = app_post_count(&n, c, &has_tag, &err);
    check(rc == 0 && n == 1, "list filter has", &err);
    app_user_where insens = {.email = {.contains = "ADA", .insensitive = true}};
    app_user_count(&n, c, &insens, &err);
    check(n == 1, "insensitive contains", &err);
    app_user_where nulls = {.name = {.null_test = SHALE_IS_NULL}};
    app_user_count(&n, c, &nulls, &err);
    check(n == 1, "null test", &err);

    /* find_many: order, skip, take, include */
    app_post_find_many_args q = APP_POST_FIND_MANY_ARGS_INIT;
    q.order_by = (const app_post_order_by[]){{APP_POST_FIELD_TITLE, SHALE_DESC}};
    q.n_order_by = 1;
    q.skip = 1;
    q.take = 2;
    q.include.author = true;
    app_post_list *list = NULL;
    rc = app_post_find_many(&list, c, &q, &err);
    check(rc == 0 && list && list->len == 2 && strcmp(list->items[0].title, "Delta") == 0 &&
              strcmp(list->items[1].title, "Beta") == 0,
          "find_many orders, skips and takes", &err);
    check(list && list->len == 2 && list->items[0].author && strcmp(list->items[0].author->email, "bob@example.com") == 0 &&
              list->items[1].author && strcmp(list->items[1].author->id, ada->id) == 0,
          "find_many includes the author", &err);
    app_post_list_free(list);

    app_user_find_many_args uq = APP_USER_FIND_MANY_ARGS_INIT;
    uq.where.email = (shale_str_filter){.equals = "ada@example.com"};
    uq.include.posts = true;
    app_user_list *users = NULL;
    rc = app_user_find_many(&users, c, &uq, &err);
    check(rc == 0 && users && users->len == 1 && users->items[0].posts && users->items[0].posts->len == 3,
          "include a to-many relation", &err);
    check(users && users->len == 1 && users->items[0].posts && users->items[0].posts->len == 3 &&
              users->items[0].posts->items[0].tags.len + users->items[0].posts->items[1].tags.len +
                      users->items[0].posts->items[2].tags.len == 2,
          "scalar lists read back", &err);
    app_user_list_free(users);

    app_post *first = NULL;
    app_post_find_many_args fq = APP_POST_FIND_MANY_ARGS_INIT;
    fq.order_by = (const app_post_order_by[]){{APP_POST_FIELD_VIEWS, SHALE_DESC}};
    fq.n_order_by = 1;
    rc = app_post_find_first(&first, c, &fq, &err);
    check(rc == 0 && first && strcmp(first->title, "Gamma") == 0 && first->views == 7 && first->updated_at.usec > 0,
          "find_first with order (BigInt, @updatedAt set)", &err);

    /* compound unique */
    app_post *byc = NULL;
    app_post_where_unique cwu = {.author_id_title = {true, ada->id, "Beta"}};
    rc = app_post_find_unique(&byc, c, &cwu, NULL, &err);
    check(rc == 0 && byc && strcmp(byc->title, "Beta") == 0, "find_unique by a compound unique", &err);

    /* update_many */
    app_post_update_input pu = {.published = SHALE_SET_VALUE(true)};
    app_post_where unpub = {.published = {.equals = SHALE_SOME_BOOL(false)}};
    rc = app_post_update_many(&n, c, &unpub, &pu, &err);
    check(rc == 0 && n == 1, "update_many", &err);

    /* transactions */
    shale_error terr = SHALE_ERROR_INIT;
    rc = shale_transaction(c, NULL, add_post_in_tx, (void *)ada->id, &terr);
    app_post_count(&n, c, NULL, &err);
    check(rc != 0 && n == 4, "shale_transaction rolls back when fn fails", &err);
    rc = shale_tx_begin(c, NULL, &err);
    app_post_create_input tin = {.title = "committed", .author_id = bob->id};
    app_post *tp = NULL;
    if (rc == 0) rc = app_post_create(&tp, c, &tin, &err);
    if (rc == 0) rc = shale_tx_commit(c, &err);
    app_post_free(tp);
    app_post_count(&n, c, NULL, &err);
    check(rc == 0 && n == 5, "begin/create/commit keeps the row", &err);

    /* delete */
    app_post *gone = NULL;
    rc = app_post_delete(&gone, c, &cwu, &err);
    check(rc == 0 && gone && strcmp(gone->title, "Beta") == 0, "delete returns the row", &err);
    app_post_free(gone);
    rc = app_post_delete(NULL, c, &cwu, NULL);
    check(rc == SHALE_ENOTFOUND, "delete without a match: SHALE_ENOTFOUND", NULL);
    app_post_where bobs = {.author_id = {.equals = bob->id}};
    rc = app_post_delete_many(&n, c, &bobs, &err);
    check(rc == 0 && n == 2, "delete_many", &err);

    /* enums */
    check(strcmp(app_role_name(APP_ROLE_ADMIN), "admin") == 0 && app_role_parse("admin") == APP_ROLE_ADMIN &&
              app_role_parse("nope") == 0 && app_role_name((app_role)0) == NULL,
          "enum name and parse", NULL);

    relations_and_views(c, ada, bob);

    app_post_free(byc);
    app_post_free(first);
    app_user_free(ada);
    app_user_free(bob);
    shale_client_close(c);
    return failed;
}
