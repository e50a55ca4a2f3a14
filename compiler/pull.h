/* pull.h - `db pull`: an introspected database (ir.h, from introspect.h) written back as
 * a Prisma schema, the way `prisma db pull` writes one: a model per table in table
 * order, enums after the models, Prisma's type mapping with `@db.*` only where the
 * column's type is not the scalar's default, defaults, keys and indexes with `map:`
 * only for names that are not Prisma's defaults, relation fields on both sides of every
 * foreign key with Prisma's naming rules, implicit many-to-many join tables turned back
 * into list fields. The text is run through the formatter (format.h), so it is laid out
 * exactly as `prisma format` lays it out. Facts: ../shared/design/MIGRATE-DETAIL.md
 * section 7, checked against Prisma's engine (tests/pull.sh says where shale differs).
 *
 * Re-introspection: given the existing schema (resolved, without errors), the database is
 * merged into it as `prisma db pull` does without --force. Matched by database names, the
 * old schema's model, enum, field, enum value and relation field names are kept (so
 * @map/@@map survive), and so are relation names, @ignore/@@ignore, `///` documentation
 * of models, scalar fields, enums and values, client-side defaults the database cannot
 * hold (uuid(), cuid(), nanoid(), ulid(), @updatedAt), `name:` of compound ids and
 * uniques, the model and enum order (new ones are appended in table order) and, with
 * relationMode = "prisma", the relations (there are no foreign keys to find them by).
 * Without it, names come from the database alone, as with `prisma db pull --force`; the
 * existing schema's datasource and generator blocks are kept either way.
 *
 * Memory: output goes to caller-owned buffers (shale_buf_free()); everything else is
 * said per function.
 */
#ifndef SHALE_COMPILER_PULL_H
#define SHALE_COMPILER_PULL_H

#include "arena.h"
#include "runtime/buf.h"
#include "common.h"
#include "ir.h"

#include <stdbool.h>
#include <stdint.h>

struct shale_schema;

/* What `db pull` keeps of, and learns from, an existing schema file. */
typedef struct shale_pull_config {
    /* The file's datasource and generator blocks, verbatim and in file order, with an
     * empty line between them; len 0 when the file has none. */
    shale_str text;
    bool has_datasource;        /* text holds a datasource block */
    shale_str datasource;       /* its name: the prefix of native types ("db" when none) */
    const shale_str *schemas;   /* its `schemas = [...]` (multi-schema), in written order */
    uint32_t n_schemas;
    bool relation_mode_prisma;  /* relationMode = "prisma": foreign keys make no relations */
    bool partial_indexes;       /* a generator enables the partialIndexes preview feature */
    uint32_t n_models, n_enums; /* model/view/type blocks and enum blocks in the file */
} shale_pull_config;

/* Reads the configuration of an existing schema file's text (`len` bytes, need not be
 * NUL-terminated); `path` names it in messages. Syntax errors outside the datasource and
 * generator blocks do not matter: only a file whose blocks cannot be told apart (a block
 * left open) is refused.
 * Errors: SHALE_EINVAL with *err (malloc'd, caller frees with free()) saying why, or
 * SHALE_ENOMEM; *err is NULL on success.
 * Returns: 0 with *out filled; its text, names and schema list are copies in `arena`,
 * valid until the arena is freed. */
int shale_pull_config_read(shale_pull_config *out, shale_arena *arena, const char *path, const char *text, size_t len,
                           char **err);

typedef struct shale_pull_options {
    unsigned version; /* SHALE_PULL_OPTIONS_VERSION */
    /* The existing schema's configuration (borrowed, read during the call), or NULL:
     * then the schema gets `datasource db { provider = "postgresql" }`. With
     * `schemas`, every model and enum gets its `@@schema`. */
    const shale_pull_config *config;
    /* The existing schema, resolved without errors (borrowed, read during the call), to
     * merge the database into; NULL: names come from the database alone (--force). */
    const struct shale_schema *previous;
} shale_pull_options;

#define SHALE_PULL_OPTIONS_VERSION 1
#define SHALE_PULL_OPTIONS_INIT {SHALE_PULL_OPTIONS_VERSION, NULL, NULL}

/* What a pull produced, for the caller's messages. */
typedef struct shale_pull_result {
    uint32_t n_models;   /* models written (join tables of implicit m:n relations are not models) */
    uint32_t n_enums;
    uint32_t n_warnings; /* lines appended to `warnings` */
} shale_pull_result;

/* Appends the schema for `ir` (an introspected IR: names are database names) to `out`,
 * formatted. When `warnings` is not NULL, one line per thing the user should know
 * (renamed models and enums, tables without a unique identifier, `where:` without the
 * partialIndexes preview feature...) is appended to it, each ending with "\n".
 * `result` may be NULL.
 * Errors: SHALE_ENOTFOUND when the IR has no table and no enum (an empty database:
 * nothing is written); SHALE_EINVAL when the IR fails shale_ir_check(), or when the
 * text written does not parse (a bug; nothing is written); SHALE_ENOMEM.
 * Returns: 0. Nothing is retained: `ir` and `opts` are only read during the call. */
int shale_pull_render(shale_buf *out, const shale_ir *ir, const shale_pull_options *opts, shale_buf *warnings,
                      shale_pull_result *result);

#endif
