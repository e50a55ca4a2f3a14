/* bench_client.c - `make bench-client`: the same workload through the C helpers that
 * `shale generate` makes for bench/client/schema.prisma and through hand-written libpq
 * prepared statements decoding into a plain struct, as a careful C programmer would
 * write them. Issue 6's targets: generated within 10% of hand-written; create_many (COPY)
 * at least 5x faster than row-by-row inserts.
 *
 * usage: bench_client URL [SCALE]   (the database must hold the table "Item" of the
 * schema, empty; SCALE 1 = 20,000 lookups, 5,000 inserts, 2,000 pages, 100,000 bulk rows)
 */
#include "bc.h" /* generated into the build folder by `shale generate` */

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die(const char *what, const char *why)
{
    fprintf(stderr, "bench_client: %s: %s\n", what, why);
    exit(1);
}

static void check_gen(int rc, const shale_error *err, const char *what)
{
    if (rc < 0) {
        fprintf(stderr, "bench_client: %s: %s (%s)\n", what, err->message, shale_code_name(rc));
        exit(1);
    }
}

static void exec_or_die(PGconn *c, const char *sql)
{
    PGresult *r = PQexec(c, sql);
    if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK)
        die(sql, PQresultErrorMessage(r));
    PQclear(r);
}

/* ---- the hand-written side ------------------------------------------------------- */

typedef struct item {
    int32_t id;
    char *name;
    int32_t qty;
    double price;
    int64_t created_usec;
} item;

static int64_t days_from_civil(int y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = (unsigned)(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (int64_t)era * 146097 + (int64_t)doe - 719468;
}

/* "2024-05-01 12:30:00.123" -> microseconds since the epoch. */
static int64_t parse_ts(const char *s)
{
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0, n = 0;
    sscanf(s, "%d-%d-%d %d:%d:%d%n", &y, &mo, &d, &h, &mi, &sec, &n);
    int64_t usec = 0;
    if (s[n] == '.') {
        int digits = 0;
        for (const char *p = s + n + 1; *p >= '0' && *p <= '9' && digits < 6; p++, digits++) usec = usec * 10 + (*p - '0');
        for (; digits < 6; digits++) usec *= 10;
    }
    return ((days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400) + h * 3600 + mi * 60 + sec) * 1000000 + usec;
}

static void decode_item(const PGresult *r, int row, item *out)
{
    out->id = (int32_t)atol(PQgetvalue(r, row, 0));
    out->name = strdup(PQgetvalue(r, row, 1));
    out->qty = (int32_t)atol(PQgetvalue(r, row, 2));
    out->price = strtod(PQgetvalue(r, row, 3), NULL);
    out->created_usec = parse_ts(PQgetvalue(r, row, 4));
}

static void prepare(PGconn *c, const char *name, const char *sql, int n)
{
    PGresult *r = PQprepare(c, name, sql, n, NULL);
    if (PQresultStatus(r) != PGRES_COMMAND_OK) die(sql, PQresultErrorMessage(r));
    PQclear(r);
}

static void hand_prepare(PGconn *c)
{
    prepare(c, "get", "SELECT \"id\", \"name\", \"qty\", \"price\", \"createdAt\" FROM \"Item\" WHERE \"id\" = $1::integer", 1);
    prepare(c, "ins",
            "INSERT INTO \"Item\" (\"name\", \"qty\", \"price\") VALUES ($1::text, $2::integer, $3::double precision) "
            "RETURNING \"id\", \"name\", \"qty\", \"price\", \"createdAt\"",
            3);
    prepare(c, "page",
            "SELECT \"id\", \"name\", \"qty\", \"price\", \"createdAt\" FROM \"Item\" WHERE \"id\" > $1::integer "
            "ORDER BY \"id\" ASC LIMIT 100",
            1);
}

static void hand_get(PGconn *c, int32_t id)
{
    char idt[16];
    snprintf(idt, sizeof idt, "%d", id);
    const char *p[1] = {idt};
    PGresult *r = PQexecPrepared(c, "get", 1, p, NULL, NULL, 0);
    if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1) die("hand get", PQresultErrorMessage(r));
    item it;
    decode_item(r, 0, &it);
    PQclear(r);
    free(it.name);
}

static void hand_insert(PGconn *c, int i)
{
    char name[32], qty[16], price[32];
    snprintf(name, sizeof name, "item %d", i);
    snprintf(qty, sizeof qty, "%d", i % 100);
    snprintf(price, sizeof price, "%.17g", i * 0.25);
    const char *p[3] = {name, qty, price};
    PGresult *r = PQexecPrepared(c, "ins", 3, p, NULL, NULL, 0);
    if (PQresultStatus(r) != PGRES_TUPLES_OK) die("hand insert", PQresultErrorMessage(r));
    item it;
    decode_item(r, 0, &it);
    PQclear(r);
    free(it.name);
}

static void hand_page(PGconn *c, int32_t after)
{
    char idt[16];
    snprintf(idt, sizeof idt, "%d", after);
    const char *p[1] = {idt};
    PGresult *r = PQexecPrepared(c, "page", 1, p, NULL, NULL, 0);
    if (PQresultStatus(r) != PGRES_TUPLES_OK) die("hand page", PQresultErrorMessage(r));
    int n = PQntuples(r);
    item *items = malloc((size_t)(n ? n : 1) * sizeof *items);
    for (int i = 0; i < n; i++) decode_item(r, i, &items[i]);
    PQclear(r);
    for (int i = 0; i < n; i++) free(items[i].name);
    free(items);
}

/* ---- the generated side ------------------------------------------------------------ */

static void gen_get(shale_client *c, int32_t id)
{
    shale_error err = SHALE_ERROR_INIT;
    bc_item_where_unique w;
    memset(&w, 0, sizeof w);
    w.id.has = true;
    w.id.id = id;
    bc_item *it = NULL;
    check_gen(bc_item_find_unique(&it, c, &w, NULL, &err), &err, "find_unique");
    if (!it) die("find_unique", "no row");
    bc_item_free(it);
}

static void gen_insert(shale_client *c, int i)
{
    shale_error err = SHALE_ERROR_INIT;
    char name[32];
    snprintf(name, sizeof name, "item %d", i);
    bc_item_create_input in;
    memset(&in, 0, sizeof in);
    in.name = name;
    in.qty = i % 100;
    in.price = i * 0.25;
    bc_item *it = NULL;
    check_gen(bc_item_create(&it, c, &in, &err), &err, "create");
    bc_item_free(it);
}

static void gen_page(shale_client *c, int32_t after)
{
    shale_error err = SHALE_ERROR_INIT;
    bc_item_find_many_args a = BC_ITEM_FIND_MANY_ARGS_INIT;
    a.where.id.gt = SHALE_SOME_I32(after);
    shale_order_by ob = {BC_ITEM_FIELD_ID, SHALE_ASC};
    a.order_by = &ob;
    a.n_order_by = 1;
    a.take = 100;
    bc_item_list *l = NULL;
    check_gen(bc_item_find_many(&l, c, &a, &err), &err, "find_many");
    bc_item_list_free(l);
}

/* ---- the runs ------------------------------------------------------------------------ */

/* The best of `runs` runs of each side, the two sides taking turns (hand, generated,
 * hand, ...) so that neither gets a warmer cache or a smaller table. */
static void best_of(int runs, double (*hand)(void *), double (*gen)(void *), void *ctx, double *hand_best,
                    double *gen_best)
{
    *hand_best = *gen_best = 1e30;
    for (int i = 0; i < runs; i++) {
        double t = hand(ctx);
        if (t < *hand_best) *hand_best = t;
        t = gen(ctx);
        if (t < *gen_best) *gen_best = t;
    }
}

typedef struct ctx {
    PGconn *pg;
    shale_client *sc;
    int n;
    int32_t max_id;
    int seq;
} ctx;

static double run_hand_get(void *p)
{
    ctx *x = p;
    double t = now_s();
    for (int i = 0; i < x->n; i++) hand_get(x->pg, 1 + (int32_t)((i * 7919) % x->max_id));
    return now_s() - t;
}
static double run_gen_get(void *p)
{
    ctx *x = p;
    double t = now_s();
    for (int i = 0; i < x->n; i++) gen_get(x->sc, 1 + (int32_t)((i * 7919) % x->max_id));
    return now_s() - t;
}
static double run_hand_insert(void *p)
{
    ctx *x = p;
    double t = now_s();
    for (int i = 0; i < x->n; i++) hand_insert(x->pg, x->seq++);
    return now_s() - t;
}
static double run_gen_insert(void *p)
{
    ctx *x = p;
    double t = now_s();
    for (int i = 0; i < x->n; i++) gen_insert(x->sc, x->seq++);
    return now_s() - t;
}
static double run_hand_page(void *p)
{
    ctx *x = p;
    double t = now_s();
    for (int i = 0; i < x->n; i++) hand_page(x->pg, (int32_t)((i * 104729) % (x->max_id - 100)));
    return now_s() - t;
}
static double run_gen_page(void *p)
{
    ctx *x = p;
    double t = now_s();
    for (int i = 0; i < x->n; i++) gen_page(x->sc, (int32_t)((i * 104729) % (x->max_id - 100)));
    return now_s() - t;
}

static void report(const char *what, int n, double hand, double gen)
{
    printf("%-34s %9.1f us %9.1f us %+7.1f%%\n", what, hand / n * 1e6, gen / n * 1e6, (gen / hand - 1) * 100);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_client URL [SCALE]\n");
        return 2;
    }
    double scale = argc > 2 ? atof(argv[2]) : 1.0;
    if (scale <= 0) scale = 1.0;
    PGconn *pg = PQconnectdb(argv[1]);
    if (PQstatus(pg) != CONNECTION_OK) die("connect", PQerrorMessage(pg));
    shale_client *sc = NULL;
    shale_error err = SHALE_ERROR_INIT;
    check_gen(shale_client_open(&sc, argv[1], NULL, &err), &err, "shale_client_open");
    hand_prepare(pg);

    const int runs = 5;
    ctx x = {pg, sc, 0, 0, 0};
    /* 10,000 rows to look up and page through. */
    exec_or_die(pg, "INSERT INTO \"Item\" (\"name\", \"qty\", \"price\") SELECT 'seed ' || g, g % 100, g * 0.5 "
                    "FROM generate_series(1, 10000) g");
    x.max_id = 10000;

    printf("%-34s %12s %12s %8s\n", "per operation (best of 5, alternating)", "hand libpq", "generated", "diff");
    x.n = (int)(20000 * scale);
    double h, g;
    best_of(runs, run_hand_get, run_gen_get, &x, &h, &g);
    report("find_unique by id", x.n, h, g);

    x.n = (int)(5000 * scale);
    best_of(runs, run_hand_insert, run_gen_insert, &x, &h, &g);
    report("create one row (RETURNING *)", x.n, h, g);

    x.n = (int)(2000 * scale);
    best_of(runs, run_hand_page, run_gen_page, &x, &h, &g);
    report("find_many 100 rows", x.n, h, g);

    /* Bulk: row-by-row prepared inserts in one transaction against create_many (COPY). */
    int bulk = (int)(100000 * scale);
    if (bulk < 1) bulk = 1;
    exec_or_die(pg, "TRUNCATE \"Item\"");
    double t = now_s();
    exec_or_die(pg, "BEGIN");
    for (int i = 0; i < bulk; i++) hand_insert(pg, i);
    exec_or_die(pg, "COMMIT");
    double rowwise = now_s() - t;
    exec_or_die(pg, "TRUNCATE \"Item\"");

    size_t n_bulk = (size_t)bulk;
    bc_item_create_input *in = calloc(n_bulk, sizeof *in);
    char (*names)[24] = calloc(n_bulk, sizeof *names);
    if (!in || !names) die("bulk", "out of memory");
    for (int i = 0; i < bulk; i++) {
        snprintf(names[i], sizeof names[i], "item %d", i);
        in[i].name = names[i];
        in[i].qty = i % 100;
        in[i].price = i * 0.25;
    }
    int64_t rows = 0;
    t = now_s();
    check_gen(bc_item_create_many(&rows, sc, in, n_bulk, &err), &err, "create_many");
    double copy = now_s() - t;
    if (rows != bulk) die("create_many", "wrong row count");
    printf("%-34s %9.3f s  %9.3f s  %6.1fx faster\n", "bulk insert: row by row vs COPY", rowwise, copy, rowwise / copy);
    printf("(%d rows: %.0f rows/s row by row, %.0f rows/s create_many)\n", bulk, bulk / rowwise, bulk / copy);
    free(in);
    free(names);
    shale_client_close(sc);
    PQfinish(pg);
    return 0;
}
