/* symtab.h - a string-keyed hash table for name lookups (models, enums, fields...).
 *
 * Open addressing with linear probing; keys are shale_str views that
 * must outlive the table (they point into the sources). The slots live in the arena
 * given to shale_symtab_init() (growing abandons the old slot array to it), or, with
 * a NULL arena, on the heap: a short-lived table (a model's field names) is then
 * released with shale_symtab_free() and costs nothing afterwards.
 */
#ifndef SHALE_COMPILER_SYMTAB_H
#define SHALE_COMPILER_SYMTAB_H

#include "arena.h"
#include "common.h"

/* 24 bytes, so more of a large table stays in cache: keys are shorter than 4 GiB
 * (a source is at most 1 GiB). */
typedef struct shale_symtab_slot {
    const char *key; /* NULL: an empty slot */
    uint32_t len;
    uint32_t hash;   /* of key: a probe compares text only when it matches (names of a
                        large schema often share their length, and their text is cold) */
    void *value;
} shale_symtab_slot;

typedef struct shale_symtab {
    shale_arena *arena;
    shale_symtab_slot *slots;
    size_t cap; /* a power of two, or 0 */
    size_t count;
} shale_symtab;

/* `arena` NULL: heap slots, freed by shale_symtab_free(). */
void shale_symtab_init(shale_symtab *t, shale_arena *arena);

/* Frees heap slots (no-op for an arena table). The table is empty afterwards. */
void shale_symtab_free(shale_symtab *t);

/* Empties the table but keeps its slots, so a heap table reused for many small sets
 * (each model's field names) allocates once. */
void shale_symtab_clear(shale_symtab *t);

/* Makes room for `n` keys in all, so filling a table whose size is known never
 * rehashes (an arena table would abandon each smaller slot array to the arena).
 * Returns: 0 or SHALE_ENOMEM. */
int shale_symtab_reserve(shale_symtab *t, size_t n);

/* The value stored under `key`, or NULL. */
void *shale_symtab_get(const shale_symtab *t, shale_str key);

/* Asks the cache for the slot a get or put of `key` starts at, so a caller that knows
 * its next keys ahead overlaps their misses on a large table. Changes nothing. */
void shale_symtab_prefetch(const shale_symtab *t, shale_str key);

/* Stores `value` under `key` unless the key is present. Returns: 0 when stored, 1 when
 * the key was already there (*existing, if given, is its value), SHALE_ENOMEM. */
int shale_symtab_put(shale_symtab *t, shale_str key, void *value, void **existing);

#endif
