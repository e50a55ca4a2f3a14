/* runtime_int.h - what the files of libshale's query runtime share and the public
 * headers do not show: the client struct (connection, statement cache, reused SQL and
 * parameter buffers, id generator state), the result arena, the parameter encoder, the
 * SQL builder and the row decoder. Semi-private: `shale_<module>__<verb>()`. The unit
 * and runtime tests include it to reach the encoders and the statement counter.
 */
#ifndef SHALE_RUNTIME_RUNTIME_INT_H
#define SHALE_RUNTIME_RUNTIME_INT_H

#include "runtime/buf.h"
#include "runtime/shale.h"
#include "runtime/shale_model.h"

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- result arena (result.c) --------------------------------------------------------
 * One owner, one free call: the arena's header sits just before the root object, so
 * shale_result_free(root) finds and releases every chunk. */
typedef struct shale_arena shale_arena;

/* A new arena whose root object (root_size bytes, zeroed, 16-aligned) is returned;
 * `hint` is the expected size of everything else. Returns NULL when out of memory. */
void *shale_arena__new(shale_arena **out, size_t root_size, size_t hint);
/* Zeroed memory in the arena. Returns NULL when out of memory. */
void *shale_arena__alloc(shale_arena *a, size_t size, size_t align);
/* A NUL-terminated copy of s[0..n) in the arena. Returns NULL when out of memory. */
char *shale_arena__strndup(shale_arena *a, const char *s, size_t n);

/* ---- parameters (query_param.c) ----------------------------------------------------- */

/* The $n values of one statement, as text, in one reused buffer. */
typedef struct shale_params {
    shale_buf text;      /* every value, each NUL-terminated */
    size_t n, cap;
    size_t *off;         /* offset of value i in text, SIZE_MAX = SQL NULL */
    const char **vals;   /* filled from off[] just before executing */
    const char *bad;     /* the field whose value could not be encoded, for messages */
} shale_params;

void shale_params__reset(shale_params *p);
void shale_params__free(shale_params *p);
/* Adds a NULL parameter. Returns its number ($n) or 0 when out of memory. */
int shale_params__add_null(shale_params *p);
/* Starts a value: append its text to p->text, then call shale_params__end().
 * Returns its number ($n) or 0 when out of memory. */
int shale_params__begin(shale_params *p);
void shale_params__end(shale_params *p);
/* Adds a C string as one parameter. Returns its number or 0. */
int shale_params__add_text(shale_params *p, const char *s);

/* Appends the text form of one value of field f (`v` points at the bare C value:
 * const char *, int32_t, ..., shale_bytes, int for enums, shale_<t>_list for lists).
 * Returns 0 or SHALE_EINVAL (an enum value outside the enum, a NULL string in a
 * required field). */
int shale_param__encode(shale_buf *b, const shale_field_desc *f, const void *v);
/* The same for a single element of the field's base type (lists: one element). */
int shale_param__encode_scalar(shale_buf *b, const shale_field_desc *f, const void *v);
/* `data[0..len)` as PostgreSQL bytea hex text (\x...). */
void shale_param__hex(shale_buf *b, const uint8_t *data, size_t len);
/* A double with round-trip precision ("%.17g"), Infinity, -Infinity, NaN. */
void shale_param__double(shale_buf *b, double v);
/* Appends one array element, double-quoted with " and \ escaped. */
void shale_param__array_elem(shale_buf *b, const char *s, size_t n);

/* Where the bare value of field f sits in a struct whose nullable value types are the
 * shale_opt_* wrappers (`opt` true: rows, optional create members); *is_null is set for
 * NULL/absent. Returns a pointer to the bare value. */
const void *shale_param__value(const shale_field_desc *f, const void *base, bool opt, bool *is_null);

/* ---- decoding (query_decode.c) --------------------------------------------------------- */

/* Splits PostgreSQL array text ("{a,\"b c\",NULL}") into elements in `a`: *out gets
 * *n pointers, NULL for SQL NULL elements. Returns 0, SHALE_EINVAL (malformed, or more
 * than one dimension) or SHALE_ENOMEM. */
int shale_decode__array(const char *text, shale_arena *a, char ***out, size_t *n);
/* Decodes bytea hex text into the arena. Returns 0, SHALE_EINVAL or SHALE_ENOMEM. */
int shale_decode__bytea(const char *text, size_t len, shale_arena *a, shale_bytes *out);
/* Decodes one value of f's scalar type from text s[0..len) into dst (the bare C value).
 * Returns 0, SHALE_EINVAL or SHALE_ENOMEM. */
int shale_decode__scalar(const shale_field_desc *f, const char *s, size_t len, shale_arena *a, void *dst);
/* Fills the row struct `row` from row `r` of `res`, model fields from column `col0` on.
 * Returns 0, SHALE_EINVAL (text that is not the field's type) or SHALE_ENOMEM. */
int shale_decode__row(const shale_model_desc *m, const PGresult *res, int r, int col0, void *row,
                      shale_arena *a, shale_error *err);
/* Bytes to reserve for decoding `res` (strings, lists, rows). */
size_t shale_decode__estimate(const PGresult *res, size_t row_size);

/* ---- id generators (gen_id.c) ----------------------------------------------------------- */

typedef struct shale_gen_state {
    int64_t uuid7_ms;     /* last timestamp and counter: uuid v7 is monotonic per client */
    unsigned uuid7_seq;
    int64_t ulid_ms;
    uint8_t ulid_rand[10];
    unsigned cuid_count;
    bool seeded;
    char fingerprint[5];  /* cuid v1 */
} shale_gen_state;

/* Appends a new id of kind `gen` (uuid4, uuid7, cuid, cuid2, nanoid(arg), ulid).
 * Returns 0, SHALE_EINVAL (not an id generator) or SHALE_ENOMEM (no randomness). */
int shale_gen__id(shale_gen_state *st, int gen, unsigned arg, shale_buf *out);

/* ---- client (client.c) --------------------------------------------------------------- */

typedef struct shale_stmt {
    char *sql;        /* NULL: empty slot */
    size_t len;
    uint64_t hash;
    unsigned id;      /* statement name "shale_<id>" */
} shale_stmt;

struct shale_client {
    PGconn *conn;
    bool no_prepare;
    unsigned tx_depth;
    shale_stmt *stmts;    /* open addressing, cap a power of two */
    size_t n_stmts, cap_stmts;
    unsigned next_stmt;
    shale_buf sql;        /* the statement being built */
    shale_params params;  /* and its parameters */
    shale_buf scratch;    /* keys and other short-lived text */
    shale_gen_state gen;
    shale_error last;     /* the last failure, for shale_transaction() */
    uint64_t n_exec;      /* statements sent (tests count queries with it) */
    char *schema;         /* the URL's schema (?schema=, else "public"): the search path,
                             and where shale_migrate_deploy() keeps the history */
};

/* Runs `sql` with `p` (may be NULL) through the statement cache (prepared once per
 * connection unless no_prepare). Returns 0 with *out (caller PQclear()s; may be NULL
 * when out is NULL), or the mapped error with err filled. */
int shale_client__exec(shale_client *c, const char *sql, shale_params *p, PGresult **out,
                       shale_error *err);
/* A simple statement without parameters or caching (BEGIN, SAVEPOINT ...). */
int shale_client__simple(shale_client *c, const char *sql, shale_error *err);
/* Maps a failed PGresult (or a NULL one) to a SHALE_E* code and fills err and c->last. */
int shale_client__fail_result(shale_client *c, const PGresult *res, shale_error *err);
/* Refuses a descriptor of another layout than SHALE_MODEL_ABI (generated code older or
 * newer than this library). Returns: 0 or SHALE_EINVAL with err filled. */
int shale_q__check_model(shale_client *c, const shale_model_desc *m, shale_error *err);
/* Fills err and c->last with code and a formatted message. Returns code. */
int shale_client__fail(shale_client *c, shale_error *err, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
/* Appends "name" with embedded quotes doubled. */
void shale_sql__ident(shale_buf *b, const char *name);

/* Statements sent on this connection so far. */
/* FNV-1a over `n` bytes: the statement cache's and the include loader's key hash. */
uint64_t shale_client__hash(const char *s, size_t n);
uint64_t shale_client__n_exec(const shale_client *c);

/* ---- SQL building (query_sql.c) --------------------------------------------------------- */

/* Appends the select list of m's fields, each prefixed with `alias.` when alias given. */
void shale_sql__select_list(shale_buf *b, const shale_model_desc *m, const char *alias);
/* Appends the conditions of `where` (a generated <model>_where) to b as one boolean
 * expression ("TRUE" when empty), parameters to p. Returns 0 or SHALE_EINVAL. */
int shale_sql__where(shale_buf *b, shale_params *p, const shale_model_desc *m, const void *where,
                     const char *alias);
/* How deeply filters may nest (AND/OR/NOT and relation filters together). */
#define SHALE_SQL_MAX_DEPTH 64
/* shale_sql__where at nesting `depth` (relation filters recurse through it). */
int shale_sql__where_depth(shale_buf *b, shale_params *p, const shale_model_desc *m, const void *where,
                           const char *alias, int depth);
/* Appends the relation filters given in `where` (some/every/none, is/is_not) as
 * correlated EXISTS subqueries on the relation's keys, each preceded by " AND " when
 * *any (then set). `alias` qualifies the outer row's columns (NULL: m->table).
 * Returns 0, SHALE_EINVAL (too deep, a bad descriptor) or SHALE_ENOMEM. */
int shale_sql__relation_filters(shale_buf *b, shale_params *p, const shale_model_desc *m, const char *where,
                                const char *alias, int depth, bool *any);
/* Appends the ORDER BY / LIMIT / OFFSET of args. Returns 0 or SHALE_EINVAL. */
int shale_sql__order_page(shale_buf *b, shale_params *p, const shale_model_desc *m,
                          const shale_find_args *args);
/* Which criterion of where_unique is set: its index, or -1 (none or several). */
int shale_sql__unique_pick(const shale_model_desc *m, const void *where_unique);
/* Appends "col1" = $1::t AND ... for criterion u. Returns 0 or SHALE_EINVAL. */
int shale_sql__unique_cond(shale_buf *b, shale_params *p, const shale_model_desc *m, int u,
                           const void *where_unique, const char *alias);
/* Appends a parameter reference "$n::sql_type" for field f with value v (bare). */
int shale_sql__param(shale_buf *b, shale_params *p, const shale_field_desc *f, const void *v);

/* ---- includes (query_include.c) ------------------------------------------------------- */

/* Loads the relations `include` asks for, one query per relation for all `n` rows
 * (`rows` is an array of m->row_size structs in arena `a`), and attaches them; nested
 * includes likewise, one query per relation per level. Returns 0 or a SHALE_E* code
 * (SHALE_EINVAL: includes nested over 32 levels deep) with err filled. */
int shale_include__load(shale_client *c, const shale_model_desc *m, void *rows, size_t n,
                        const void *include, shale_arena *a, shale_error *err);

/* ---- shared by query.c and copy.c --------------------------------------------------------- */

/* Whether create input `in` gives field f; sets *v to its bare value when it does. */
bool shale_q__create_given(const shale_field_desc *f, const void *in, const void **v);
/* Appends the client-side value of a left-out field f (gen id, now, @updatedAt) as
 * text; returns 1 when it did, 0 when the field has none, or a negative code. */
int shale_q__client_default(shale_client *c, const shale_field_desc *f, shale_datetime now,
                            shale_buf *out);

#endif
