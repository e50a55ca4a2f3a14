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

/* Eight bytes at a time, then a final mix so the low bits (the slot index) depend
 * on every byte: names are hashed by the hundred thousand (every field of every
 * model), and byte-at-a-time FNV-1a cost a multiply per byte. */
static size_t hash(shale_str s)
{
    const unsigned char *p = (const unsigned char *)s.ptr;
    size_t n = s.len;
    uint64_t h = 0x9E3779B97F4A7C15ull ^ (uint64_t)n, w = 0;
    if (n >= 8) {
        for (; n > 8; p += 8, n -= 8) {
            memcpy(&w, p, 8);
            h = (h ^ w) * 0xFF51AFD7ED558CCDull;
            h ^= h >> 32;
        }
        memcpy(&w, p + n - 8, 8); /* the last eight bytes, overlapping the previous word */
    } else if (n >= 4) {
        uint32_t lo, hi;
        memcpy(&lo, p, 4);
        memcpy(&hi, p + n - 4, 4);
        w = lo | (uint64_t)hi << 32;
    } else if (n) {
        w = p[0] | (uint64_t)p[n / 2] << 8 | (uint64_t)p[n - 1] << 16;
    }
    h = (h ^ w) * 0xC4CEB9FE1A85EC53ull;
    h ^= h >> 33;
    h *= 0xFF51AFD7ED558CCDull;
    h ^= h >> 29;
    return (size_t)h;
}

/* The slot holds `key`: same hash, length and text. */
static bool slot_is(const shale_symtab_slot *s, uint32_t h, shale_str key)
{
    return s->hash == h && s->len == key.len && (key.len == 0 || memcmp(s->key, key.ptr, key.len) == 0);
}

void *shale_symtab_get(const shale_symtab *t, shale_str key)
{
    if (!t->cap) return NULL;
    uint32_t h = (uint32_t)hash(key);
    for (size_t i = h & (t->cap - 1);; i = (i + 1) & (t->cap - 1)) {
        const shale_symtab_slot *s = &t->slots[i];
        if (!s->key) return NULL;
        if (slot_is(s, h, key)) return s->value;
    }
}

void shale_symtab_prefetch(const shale_symtab *t, shale_str key)
{
#if defined(__GNUC__)
    if (t->cap) __builtin_prefetch(&t->slots[(uint32_t)hash(key) & (t->cap - 1)]);
#else
    (void)t;
    (void)key;
#endif
}

static void insert(shale_symtab_slot *slots, size_t cap, const char *key, uint32_t len, void *value, uint32_t h)
{
    size_t i = h & (cap - 1);
    while (slots[i].key) i = (i + 1) & (cap - 1);
    slots[i].key = key;
    slots[i].len = len;
    slots[i].value = value;
    slots[i].hash = h;
}

/* Moves the keys into a slot array of `cap` (a power of two). */
static int rehash(shale_symtab *t, size_t cap)
{
    shale_symtab_slot *slots = t->arena ? shale_arena_alloc(t->arena, cap * sizeof *slots) : calloc(cap, sizeof *slots);
    if (!slots) return SHALE_ENOMEM;
    for (size_t i = 0; i < t->cap; i++)
        if (t->slots[i].key) insert(slots, cap, t->slots[i].key, t->slots[i].len, t->slots[i].value, t->slots[i].hash);
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
    if (key.len > UINT32_MAX) return SHALE_ENOMEM;
    uint32_t h = (uint32_t)hash(key);
    if (t->cap) {
        for (size_t i = h & (t->cap - 1);; i = (i + 1) & (t->cap - 1)) {
            shale_symtab_slot *s = &t->slots[i];
            if (!s->key) break;
            if (slot_is(s, h, key)) {
                if (existing) *existing = s->value;
                return 1;
            }
        }
    }
    if ((t->count + 1) * 4 > t->cap * 3 && rehash(t, t->cap ? t->cap * 2 : 16) < 0) /* load under 3/4 */
        return SHALE_ENOMEM;
    insert(t->slots, t->cap, key.ptr, (uint32_t)key.len, value, h);
    t->count++;
    return 0;
}
