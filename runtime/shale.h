/* shale.h - libshale, the runtime library that code made by `shale generate` and the
 * programs using it link: a client (one libpq connection), transactions with nested
 * savepoints, typed errors, the value types of generated structs, and applying
 * pending migrations at start-up (the same implementation as `shale migrate deploy`).
 *
 * Conventions (../shared/design/STYLE.md): functions that can fail return 0 or a
 * negative SHALE_E* code and fill an optional shale_error; out-parameters come first.
 * Nothing here keeps a pointer to caller memory after a call returns. A shale_client
 * is one connection and is not thread-safe: use one per thread.
 */
#ifndef SHALE_RUNTIME_SHALE_H
#define SHALE_RUNTIME_SHALE_H

#include "shale_code.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- errors ------------------------------------------------------------------------ */

/* What went wrong, beyond the return code. `constraint` and `column` are set when
 * PostgreSQL names them (a unique violation names its index, e.g. "User_email_key").
 * Plain data: no free call; initialise with SHALE_ERROR_INIT. */
typedef struct shale_error {
    int code;            /* the SHALE_E* code the call returned */
    char sqlstate[6];    /* PostgreSQL's SQLSTATE ("23505"), "" when none */
    char message[1024];  /* for a person; never holds a password. Long enough for a
                            failed migration: file, line, statement and the reason */
    char constraint[64]; /* "" when none */
    char column[64];     /* "" when none */
} shale_error;

#define SHALE_ERROR_INIT {0, "", "", "", ""}

/* A short name for a code ("unique violation"). Returns: static text. */
const char *shale_code_name(int code);

/* ---- values ------------------------------------------------------------------------ */

/* DateTime: microseconds since 1970-01-01 00:00:00 UTC. Prisma stores timestamp(3)
 * (milliseconds); values read back carry what the column holds. */
typedef struct shale_datetime {
    int64_t usec;
} shale_datetime;

/* Decimal as exact decimal text ("12.50"); Json as raw JSON text. NULL text = SQL NULL
 * where the field is optional. */
typedef struct shale_decimal {
    const char *text;
} shale_decimal;
typedef struct shale_json {
    const char *text;
} shale_json;

typedef struct shale_bytes {
    const uint8_t *data;
    size_t len;
} shale_bytes;

/* Optional value types: `has` false means SQL NULL (in results) or "not given" (in
 * inputs). Strings, Decimal and Json use a NULL pointer instead; enums use 0. */
typedef struct shale_opt_i32 {
    bool has;
    int32_t v;
} shale_opt_i32;
typedef struct shale_opt_i64 {
    bool has;
    int64_t v;
} shale_opt_i64;
typedef struct shale_opt_f64 {
    bool has;
    double v;
} shale_opt_f64;
typedef struct shale_opt_bool {
    bool has;
    bool v;
} shale_opt_bool;
typedef struct shale_opt_datetime {
    bool has;
    shale_datetime v;
} shale_opt_datetime;
typedef struct shale_opt_bytes {
    bool has;
    shale_bytes v;
} shale_opt_bytes;

#define SHALE_SOME_I32(x) ((shale_opt_i32){true, (x)})
#define SHALE_SOME_I64(x) ((shale_opt_i64){true, (x)})
#define SHALE_SOME_F64(x) ((shale_opt_f64){true, (x)})
#define SHALE_SOME_BOOL(x) ((shale_opt_bool){true, (x)})
#define SHALE_SOME_DATETIME(x) ((shale_opt_datetime){true, (x)})

/* Scalar lists (String[], Int[], ...). In results `items` lives in the result's block. */
typedef struct shale_str_list {
    size_t len;
    const char *const *items;
} shale_str_list;
typedef struct shale_i32_list {
    size_t len;
    const int32_t *items;
} shale_i32_list;
typedef struct shale_i64_list {
    size_t len;
    const int64_t *items;
} shale_i64_list;
typedef struct shale_f64_list {
    size_t len;
    const double *items;
} shale_f64_list;
typedef struct shale_bool_list {
    size_t len;
    const bool *items;
} shale_bool_list;
typedef struct shale_datetime_list {
    size_t len;
    const shale_datetime *items;
} shale_datetime_list;
typedef struct shale_decimal_list {
    size_t len;
    const shale_decimal *items;
} shale_decimal_list;
typedef struct shale_json_list {
    size_t len;
    const shale_json *items;
} shale_json_list;
typedef struct shale_bytes_list {
    size_t len;
    const shale_bytes *items;
} shale_bytes_list;
/* Enum lists: C enum values (1-based, see shale_enum_desc in shale_model.h). */
typedef struct shale_enum_list {
    size_t len;
    const int *items;
} shale_enum_list;

/* The current time (CLOCK_REALTIME), as @updatedAt and now() fill it in the client. */
shale_datetime shale_datetime_now(void);

/* "2024-05-01T12:30:00.123Z" (ISO 8601, UTC, milliseconds unless the value has
 * finer digits) into `out`, which must hold at least 40 bytes. Returns: out. */
char *shale_datetime_format(char *out, size_t size, shale_datetime t);

/* Parses ISO 8601 / PostgreSQL timestamp text ("2024-05-01 12:30:00.123",
 * "2024-05-01T12:30:00Z", "...+02:00"); text without a zone is UTC.
 * Returns: 0 or SHALE_EINVAL. */
int shale_datetime_parse(shale_datetime *out, const char *text);

/* ---- update inputs ------------------------------------------------------------------ */

/* Three states for each field of an update: leave it, set it to NULL, set a value. */
typedef enum shale_set_op { SHALE_KEEP = 0, SHALE_SET_NULL, SHALE_SET } shale_set_op;

#define SHALE_DECLARE_SET(name, type) \
    typedef struct name {             \
        shale_set_op op;              \
        type v;                       \
    } name
SHALE_DECLARE_SET(shale_set_str, const char *);
SHALE_DECLARE_SET(shale_set_i32, int32_t);
SHALE_DECLARE_SET(shale_set_i64, int64_t);
SHALE_DECLARE_SET(shale_set_f64, double);
SHALE_DECLARE_SET(shale_set_bool, bool);
SHALE_DECLARE_SET(shale_set_datetime, shale_datetime);
SHALE_DECLARE_SET(shale_set_decimal, shale_decimal);
SHALE_DECLARE_SET(shale_set_json, shale_json);
SHALE_DECLARE_SET(shale_set_bytes, shale_bytes);
SHALE_DECLARE_SET(shale_set_enum, int);
SHALE_DECLARE_SET(shale_set_str_list, shale_str_list);
SHALE_DECLARE_SET(shale_set_i32_list, shale_i32_list);
SHALE_DECLARE_SET(shale_set_i64_list, shale_i64_list);
SHALE_DECLARE_SET(shale_set_f64_list, shale_f64_list);
SHALE_DECLARE_SET(shale_set_bool_list, shale_bool_list);
SHALE_DECLARE_SET(shale_set_datetime_list, shale_datetime_list);
SHALE_DECLARE_SET(shale_set_decimal_list, shale_decimal_list);
SHALE_DECLARE_SET(shale_set_json_list, shale_json_list);
SHALE_DECLARE_SET(shale_set_bytes_list, shale_bytes_list);
SHALE_DECLARE_SET(shale_set_enum_list, shale_enum_list);

#define SHALE_SET_VALUE(x) {SHALE_SET, (x)}

/* ---- filters (find_first, find_many, count, update_many, delete_many) --------------- */

/* Each field of a generated `<model>_where` is one of these; an all-zero filter matches
 * every row. Within one filter all the tests that are given must hold (AND). */
typedef enum shale_null_test { SHALE_NULL_ANY = 0, SHALE_IS_NULL, SHALE_IS_NOT_NULL } shale_null_test;

typedef struct shale_str_filter {
    const char *equals, *not_equals;
    const char *const *in;     /* n_in values; `in` with n_in 0 matches nothing */
    size_t n_in;
    bool has_in;               /* distinguishes "in: []" from no `in` */
    const char *const *not_in;
    size_t n_not_in;
    const char *lt, *lte, *gt, *gte;
    const char *contains, *starts_with, *ends_with; /* LIKE with %, _ and \ escaped */
    bool insensitive;          /* ILIKE / lower() comparisons (Prisma's mode: insensitive) */
    shale_null_test null_test;
} shale_str_filter;

#define SHALE_DECLARE_CMP_FILTER(name, opt, type) \
    typedef struct name {                         \
        opt equals, not_equals;                   \
        const type *in;                           \
        size_t n_in;                              \
        bool has_in;                              \
        const type *not_in;                       \
        size_t n_not_in;                          \
        opt lt, lte, gt, gte;                     \
        shale_null_test null_test;                \
    } name
SHALE_DECLARE_CMP_FILTER(shale_i32_filter, shale_opt_i32, int32_t);
SHALE_DECLARE_CMP_FILTER(shale_i64_filter, shale_opt_i64, int64_t);
SHALE_DECLARE_CMP_FILTER(shale_f64_filter, shale_opt_f64, double);
SHALE_DECLARE_CMP_FILTER(shale_datetime_filter, shale_opt_datetime, shale_datetime);

/* Decimal compares numerically (the text is cast to numeric); NULL text = not given. */
typedef struct shale_decimal_filter {
    const char *equals, *not_equals;
    const char *const *in;
    size_t n_in;
    bool has_in;
    const char *const *not_in;
    size_t n_not_in;
    const char *lt, *lte, *gt, *gte;
    shale_null_test null_test;
} shale_decimal_filter;

typedef struct shale_bool_filter {
    shale_opt_bool equals, not_equals;
    shale_null_test null_test;
} shale_bool_filter;

/* Enum values are the generated C values (0 = not given). */
typedef struct shale_enum_filter {
    int equals, not_equals;
    const int *in;
    size_t n_in;
    bool has_in;
    const int *not_in;
    size_t n_not_in;
    shale_null_test null_test;
} shale_enum_filter;

/* Json (jsonb equality on the parsed value) and Bytes. */
typedef struct shale_json_filter {
    const char *equals, *not_equals;
    shale_null_test null_test;
} shale_json_filter;
typedef struct shale_bytes_filter {
    shale_opt_bytes equals, not_equals;
    shale_null_test null_test;
} shale_bytes_filter;

/* Scalar lists: `has` (the list contains the value, given as a one-element list of the
 * field's type), `is_empty`. */
typedef struct shale_list_filter {
    const void *has; /* points at one element of the list's C type, NULL = not given */
    shale_opt_bool is_empty;
} shale_list_filter;

typedef enum shale_sort_dir { SHALE_ASC = 0, SHALE_DESC } shale_sort_dir;

/* One ordering term: `field` is the generated `<MODEL>_FIELD_<NAME>` value. */
typedef struct shale_order_by {
    int field;
    shale_sort_dir dir;
} shale_order_by;

/* ---- client ----------------------------------------------------------------------- */

typedef struct shale_client shale_client;

typedef struct shale_client_options {
    unsigned version;             /* SHALE_CLIENT_OPTIONS_VERSION */
    bool no_prepare;              /* true: never PQprepare (PgBouncer in transaction mode) */
    const char *application_name; /* NULL: "shale" */
} shale_client_options;

#define SHALE_CLIENT_OPTIONS_VERSION 1
#define SHALE_CLIENT_OPTIONS_INIT {SHALE_CLIENT_OPTIONS_VERSION, false, NULL}

/* Connects to `url` (postgresql://user:pass@host:port/db?schema=app&sslmode=...,
 * Prisma's URL; `schema` sets the search_path). `opts` may be NULL.
 * Returns: 0, SHALE_ECONN (message names host, port and database, not the password),
 * SHALE_EINVAL (bad URL) or SHALE_ENOMEM. *out: caller frees with shale_client_close(). */
int shale_client_open(shale_client **out, const char *url, const shale_client_options *opts,
                      shale_error *err);

/* Closes the connection (rolling back an open transaction). Accepts NULL. */
void shale_client_close(shale_client *c);

/* The libpq connection, for what the generated helpers do not cover.
 * Returns: borrowed from c, valid until shale_client_close(). */
struct pg_conn *shale_client_pgconn(shale_client *c);

/* ---- transactions ----------------------------------------------------------------- */

typedef enum shale_isolation {
    SHALE_ISO_DEFAULT = 0,
    SHALE_ISO_READ_COMMITTED,
    SHALE_ISO_REPEATABLE_READ,
    SHALE_ISO_SERIALIZABLE,
} shale_isolation;

typedef struct shale_tx_options {
    unsigned version;     /* SHALE_TX_OPTIONS_VERSION */
    shale_isolation isolation;
    bool read_only;
    unsigned max_retries; /* shale_transaction(): reruns on SQLSTATE 40001/40P01 */
} shale_tx_options;

#define SHALE_TX_OPTIONS_VERSION 1
#define SHALE_TX_OPTIONS_INIT {SHALE_TX_OPTIONS_VERSION, SHALE_ISO_DEFAULT, false, 0}

/* Starts a transaction, or inside one a savepoint (nested transactions). Every begin is
 * closed by exactly one commit or rollback; a nested rollback undoes only its part.
 * `opts` (may be NULL) applies to the outermost level only.
 * Returns: 0, SHALE_ECONN, SHALE_EDB or SHALE_EINVAL. */
int shale_tx_begin(shale_client *c, const shale_tx_options *opts, shale_error *err);
int shale_tx_commit(shale_client *c, shale_error *err);
int shale_tx_rollback(shale_client *c, shale_error *err);

/* Nesting depth: 0 outside a transaction. */
unsigned shale_tx_depth(const shale_client *c);

/* Runs fn(c, payload) in a transaction (a savepoint when nested): commits when fn
 * returns 0, rolls back otherwise and returns fn's code. At the outermost level a
 * serialization failure or deadlock (fn or the commit returning SHALE_ESERIALIZE) reruns
 * fn, up to opts->max_retries times. */
int shale_transaction(shale_client *c, const shale_tx_options *opts,
                      int (*fn)(shale_client *c, void *payload), void *payload, shale_error *err);

/* ---- results ---------------------------------------------------------------------- */

/* Releases a result returned by a generated helper (a row or a list and everything in
 * it: strings, bytes, lists, included relations). The generated `<model>_free()`
 * functions call this. Accepts NULL. */
void shale_result_free(void *result);

/* ---- migrations at start-up ------------------------------------------------------- */

typedef struct shale_migrate_report {
    size_t n_applied;  /* migrations applied by this call */
    char last[256];    /* name of the last one applied, "" when none */
} shale_migrate_report;

/* Applies the pending migrations of the folder `dir` (Prisma's layout) to the client's
 * database, exactly as `shale migrate deploy`: the same history table, advisory lock
 * and one transaction per migration. Must not be called inside a transaction.
 * `report` may be NULL. Returns: 0 (up to date), SHALE_EINVAL (folder broken, a failed
 * migration must be resolved first, an applied migration was modified; message says
 * which), SHALE_EDB (a migration failed: rolled back and recorded; message names the
 * file, line and PostgreSQL's reason), SHALE_ECONN or SHALE_ENOMEM. */
int shale_migrate_deploy(shale_client *c, const char *dir, shale_migrate_report *report,
                         shale_error *err);

#ifdef __cplusplus
}
#endif

#endif
