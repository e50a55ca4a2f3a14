/* symtab.c - string-keyed hash table (see symtab.h). */
#include "symtab.h"

#include <stdlib.h>
#include <string.h>

void shale_symtab_init(shale_symtab *t, shale_arena *arena)
{
    memset(t, 0, sizeof *t);
    t->arena = arena;
}

void shale_symtab_free(shale_symtab *t)
{
    if (!t->arena) free(t->slots);
    t->slots = NULL;
    t->cap = t->count = 0;
}

void shale_symtab_clear(shale_symtab *t)
{
    if (t->count) memset(t->slots, 0, t->cap * sizeof *t->slots);
    t->count = 0;
}

static size_t hash(shale_str s)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < s.len; i++) {
        h ^= (unsigned char)s.ptr[i];
        h *= 1099511628211ull;
    }
    return (size_t)h;
}

void *shale_symtab_get(const shale_symtab *t, shale_str key)
{
    if (!t->cap) return NULL;
    for (size_t i = hash(key) & (t->cap - 1);; i = (i + 1) & (t->cap - 1)) {
        const shale_symtab_slot *s = &t->slots[i];
        if (!s->key.ptr) return NULL;
        if (shale_str_same(s->key, key)) return s->value;
    }
}

static void insert(shale_symtab_slot *slots, size_t cap, shale_str key, void *value)
{
    size_t i = hash(key) & (cap - 1);
    while (slots[i].key.ptr) i = (i + 1) & (cap - 1);
    slots[i].key = key;
    slots[i].value = value;
}

/* Moves the keys into a slot array of `cap` (a power of two). */
static int rehash(shale_symtab *t, size_t cap)
{
    shale_symtab_slot *slots = t->arena ? shale_arena_alloc(t->arena, cap * sizeof *slots) : calloc(cap, sizeof *slots);
    if (!slots) return SHALE_ENOMEM;
    for (size_t i = 0; i < t->cap; i++)
        if (t->slots[i].key.ptr) insert(slots, cap, t->slots[i].key, t->slots[i].value);
    if (!t->arena) free(t->slots);
    t->slots = slots;
    t->cap = cap;
    return 0;
}

int shale_symtab_reserve(shale_symtab *t, size_t n)
{
    size_t cap = t->cap ? t->cap : 16;
    while (n * 4 > cap * 3) {
        if (cap > SIZE_MAX / 2 / sizeof(shale_symtab_slot)) return SHALE_ENOMEM;
        cap *= 2;
    }
    return cap == t->cap ? 0 : rehash(t, cap);
}

int shale_symtab_put(shale_symtab *t, shale_str key, void *value, void **existing)
{
    if (!key.ptr) key.ptr = ""; /* a NULL pointer marks an empty slot */
    if (t->cap) {
        for (size_t i = hash(key) & (t->cap - 1);; i = (i + 1) & (t->cap - 1)) {
            shale_symtab_slot *s = &t->slots[i];
            if (!s->key.ptr) break;
            if (shale_str_same(s->key, key)) {
                if (existing) *existing = s->value;
                return 1;
            }
        }
    }
    if ((t->count + 1) * 4 > t->cap * 3 && rehash(t, t->cap ? t->cap * 2 : 16) < 0) /* load under 3/4 */
        return SHALE_ENOMEM;
    insert(t->slots, t->cap, key, value);
    t->count++;
    return 0;
}
