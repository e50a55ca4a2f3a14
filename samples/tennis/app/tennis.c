/* tennis.c - the score tracker on the code `shale generate` makes from
 * ../schema.prisma (gen/db.h, gen/db.c): an umpire records a match point by point;
 * each finished set is stored together with the match's new score in one
 * transaction, so a reader never sees a set without the score that follows it.
 * Finally the public matches are listed with their sets.
 *
 * Given the migrations folder, it first brings the database up to date itself, as a
 * server does at start-up (shale_migrate_deploy(): the same code as `shale migrate
 * deploy`, the same history table and lock).
 *
 *   shale generate --schema ../schema.prisma
 *   cc -std=c11 -Igen tennis.c gen/db.c $(pkg-config --cflags --libs shale) -o tennis
 *   DATABASE_URL=postgresql://... ./tennis [../migrations]
 */
#include "db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The live state of a match the umpire is scoring. */
typedef struct game_state {
    db_match *match;
    int points[2], games[2];
    int set_number;
} game_state;

static void fail(const char *what, const shale_error *err)
{
    fprintf(stderr, "tennis: %s: error %d (%s) [%s]: %s\n", what, err->code, shale_code_name(err->code),
            err->sqlstate, err->message);
}

/* The score as the schema documents it: {"points": [p1, p2], "games": [p1, p2]}. */
static void score_json(char *out, size_t size, const game_state *g)
{
    snprintf(out, size, "{\"points\": [%d, %d], \"games\": [%d, %d]}", g->points[0], g->points[1], g->games[0],
             g->games[1]);
}

typedef struct set_done {
    game_state *g;
    int winner; /* 0 or 1 */
} set_done;

/* Stores the finished set and resets the live score: both or neither. */
static int store_set(shale_client *c, void *payload)
{
    set_done *d = payload;
    game_state *g = d->g;
    shale_error err = SHALE_ERROR_INIT;
    db_set_create_input si = {.match_id = g->match->id, .set_number = g->set_number,
                              .player1_games = g->games[0], .player2_games = g->games[1]};
    db_set *set = NULL;
    int rc = db_set_create(&set, c, &si, &err);
    db_set_free(set);
    if (rc < 0) {
        fail("store the set", &err);
        return rc;
    }
    g->games[0] = g->games[1] = 0;
    g->set_number++;
    char score[96];
    score_json(score, sizeof score, g);
    db_match_update_input mu = {.score = SHALE_SET_VALUE((shale_json){score}),
                                .current_set = SHALE_SET_VALUE(g->set_number)};
    db_match_where_unique w = {.id = g->match->id};
    db_match *m = NULL;
    rc = db_match_update(&m, c, &w, &mu, &err);
    if (rc < 0) fail("update the score", &err);
    db_match_free(m);
    return rc;
}

/* One point to player `p` (0 or 1); games and sets follow the usual rules (no
 * tie-break: a set is won by two games from 6 on). */
static int point(shale_client *c, game_state *g, int p)
{
    int o = 1 - p;
    shale_error err = SHALE_ERROR_INIT;
    g->points[p]++;
    if (g->points[p] >= 4 && g->points[p] - g->points[o] >= 2) {
        g->points[0] = g->points[1] = 0;
        g->games[p]++;
        if (g->games[p] >= 6 && g->games[p] - g->games[o] >= 2) {
            set_done d = {g, p};
            return shale_transaction(c, NULL, store_set, &d, &err);
        }
    }
    char score[96];
    score_json(score, sizeof score, g);
    db_match_update_input mu = {.score = SHALE_SET_VALUE((shale_json){score})};
    db_match_where_unique w = {.id = g->match->id};
    db_match *m = NULL;
    int rc = db_match_update(&m, c, &w, &mu, &err);
    if (rc < 0) fail("record a point", &err);
    db_match_free(m);
    return rc;
}

/* Player `p` wins a game at love. */
static int game(shale_client *c, game_state *g, int p)
{
    for (int i = 0; i < 4; i++) {
        int rc = point(c, g, p);
        if (rc < 0) return rc;
    }
    return 0;
}

/* Plays a set ending a-b (a != b, the winner's games 6 or 7). */
static int play_set(shale_client *c, game_state *g, int a, int b)
{
    int winner = a > b ? 0 : 1, lose = a > b ? b : a, win = a > b ? a : b;
    for (int i = 0; i < lose; i++) {
        int rc = game(c, g, winner);
        if (rc == 0) rc = game(c, g, 1 - winner);
        if (rc < 0) return rc;
    }
    for (int i = lose; i < win; i++) {
        int rc = game(c, g, winner);
        if (rc < 0) return rc;
    }
    return 0;
}

static int by_set_number(const void *a, const void *b)
{
    const db_set *x = a, *y = b;
    return (x->set_number > y->set_number) - (x->set_number < y->set_number);
}

int main(int argc, char **argv)
{
    shale_error err = SHALE_ERROR_INIT;
    shale_client *c = NULL;
    db_user *umpire = NULL;
    db_match *other = NULL;
    db_match_list *list = NULL;
    game_state g = {NULL, {0, 0}, {0, 0}, 1};
    int rc = 1;
    if (shale_client_open(&c, getenv("DATABASE_URL"), NULL, &err) < 0) {
        fail("connect", &err);
        return 1;
    }
    if (argc > 1) {
        shale_migrate_report rep;
        if (shale_migrate_deploy(c, argv[1], &rep, &err) < 0) {
            fail("bring the database up to date", &err);
            shale_client_close(c);
            return 1;
        }
        printf("migrations: %zu applied%s%s\n", rep.n_applied, rep.n_applied ? ", the last " : "", rep.last);
    }
    db_user_create_input ui = {.username = "umpire", .email = "umpire@example.com"};
    if (db_user_create(&umpire, c, &ui, &err) < 0) {
        fail("create the user", &err);
        goto out;
    }
    const char *start = "{\"points\": [0, 0], \"games\": [0, 0]}";
    db_match_create_input mi = {.created_by_id = umpire->id, .player1_name = "Ann", .player2_name = "Bo",
                                .score = {start}, .is_public = SHALE_SOME_BOOL(true)};
    db_match_create_input pi = {.created_by_id = umpire->id, .player1_name = "Cy", .player2_name = "Di",
                                .score = {start}};
    if (db_match_create(&g.match, c, &mi, &err) < 0 || db_match_create(&other, c, &pi, &err) < 0) {
        fail("create the matches", &err);
        goto out;
    }
    if (play_set(c, &g, 6, 4) < 0 || play_set(c, &g, 3, 6) < 0 || play_set(c, &g, 7, 5) < 0) goto out;
    db_match_update_input done = {.is_complete = SHALE_SET_VALUE(true), .winner = SHALE_SET_VALUE(DB_PLAYER_PLAYER1)};
    db_match_where_unique w = {.id = g.match->id};
    db_match *m = NULL;
    if (db_match_update(&m, c, &w, &done, &err) < 0) {
        fail("finish the match", &err);
        goto out;
    }
    db_match_free(m);

    db_match_find_many_args q = DB_MATCH_FIND_MANY_ARGS_INIT;
    q.where.is_public.equals = SHALE_SOME_BOOL(true);
    q.order_by = (const db_match_order_by[]){{DB_MATCH_FIELD_CREATED_AT, SHALE_ASC}};
    q.n_order_by = 1;
    q.include.sets = true;
    q.include.created_by = true;
    if (db_match_find_many(&list, c, &q, &err) < 0) {
        fail("list the public matches", &err);
        goto out;
    }
    for (size_t i = 0; i < list->len; i++) {
        db_match *mt = &list->items[i];
        const char *winner = mt->winner == DB_PLAYER_PLAYER1 ? mt->player1_name
                             : mt->winner == DB_PLAYER_PLAYER2 ? mt->player2_name
                                                               : "nobody yet";
        printf("%s vs %s (won by %s, umpire %s):", mt->player1_name, mt->player2_name, winner,
               mt->created_by ? mt->created_by->username : "?");
        qsort(mt->sets->items, mt->sets->len, sizeof *mt->sets->items, by_set_number);
        for (size_t k = 0; k < mt->sets->len; k++)
            printf(" %d-%d", mt->sets->items[k].player1_games, mt->sets->items[k].player2_games);
        printf("\n");
    }
    rc = 0;
out:
    db_match_list_free(list);
    db_match_free(g.match);
    db_match_free(other);
    db_user_free(umpire);
    shale_client_close(c);
    return rc;
}
