/* sql_split.h - a migration script cut into its statements, the way PostgreSQL's own
 * lexer would cut it: semicolons inside string literals ('...', E'...', $tag$...$tag$),
 * quoted identifiers, -- and nested block comments, and parentheses do not end a
 * statement. The migration engine runs a script one statement at a time so that an
 * error names the statement and its line in migration.sql, and so that statements
 * which cannot run inside a transaction are found before anything runs.
 *
 * Memory: statements point into the caller's text (offsets and lengths); the array is
 * heap memory the caller frees with free().
 */
#ifndef SHALE_RUNTIME_SQL_SPLIT_H
#define SHALE_RUNTIME_SQL_SPLIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum shale_stmt_kind {
    SHALE_STMT_PLAIN,          /* runs inside the migration's transaction */
    SHALE_STMT_TRANSACTION,    /* BEGIN, START TRANSACTION, COMMIT, END: the migration is one
                                  transaction already, so these are skipped */
    SHALE_STMT_ROLLBACK,       /* ROLLBACK / ABORT: would undo the migration half-way */
    SHALE_STMT_NO_TRANSACTION, /* cannot run in a transaction block (CREATE INDEX CONCURRENTLY,
                                  VACUUM, CREATE DATABASE, ...) */
} shale_stmt_kind;

typedef struct shale_stmt {
    size_t offset, len; /* the statement without its ";" and without leading blanks/comments */
    uint32_t line;      /* 1-based line of its first character */
    uint8_t kind;       /* shale_stmt_kind */
} shale_stmt;

/* Splits `text`. Statements that hold only blanks and comments are left out.
 * *unterminated is set when the text ends inside a string, quoted identifier or
 * comment (the last statement then runs to the end, and PostgreSQL will report it).
 * Returns: 0 or SHALE_ENOMEM; *out (free()) holds *n statements. */
int shale_sql_split(const char *text, size_t len, shale_stmt **out, size_t *n, bool *unterminated);

/* A short name for what a statement does, for messages: its first two or three words
 * in upper case ("CREATE INDEX CONCURRENTLY", "ALTER TABLE"). Writes at most cap-1
 * bytes and a NUL. */
void shale_sql_stmt_head(const char *text, const shale_stmt *s, char *buf, size_t cap);

#endif
