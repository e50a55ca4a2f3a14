/* symtab.h - a string-keyed hash table for name lookups (models, enums, fields...).
 *
 * Open addressing with linear probing and FNV-1a hashes; keys are shale_str views that
 * must outlive the table (they point into the sources). The slots live in the arena
 * given to shale_symtab_init(), so there is nothing to free: growing abandons the old
 * slot array to the arena, which is released with the compilation.
 */
#ifndef SHALE_COMPILER_SYMTAB_H
#define SHALE_COMPILER_SYMTAB_H

#include "arena.h"
#include "common.h"

typedef struct shale_symtab_slot {
    shale_str key;
    void *value;
} shale_symtab_slot;

typedef struct shale_symtab {
    shale_arena *arena;
    shale_symtab_slot *slots;
    size_t cap; /* a power of two, or 0 */
    size_t count;
} shale_symtab;

void shale_symtab_init(shale_symtab *t, shale_arena *arena);

/* The value stored under `key`, or NULL. */
void *shale_symtab_get(const shale_symtab *t, shale_str key);

/* Stores `value` under `key` unless the key is present. Returns: 0 when stored, 1 when
 * the key was already there (*existing, if given, is its value), SHALE_ENOMEM. */
int shale_symtab_put(shale_symtab *t, shale_str key, void *value, void **existing);

#endif
