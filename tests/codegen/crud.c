/* crud.c - the code `shale generate` makes for app.prisma, against a real database
 * (tests/codegen.sh creates it and passes its URL): every operation, filters, order,
 * paging, include, create_many, transactions and the typed errors. Prints one
 * "ok - ..." / "not ok - ..." line per check; exits 1 when one failed. */
#include "app.h"

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

    app_post_free(byc);
    app_post_free(first);
    app_user_free(ada);
    app_user_free(bob);
    shale_client_close(c);
    return failed;
}
