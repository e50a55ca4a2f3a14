/* arena.c - chunked bump allocator (see arena.h). Chunks grow geometrically so a
 * 10,000-model schema costs a few dozen mallocs, not millions. */
#include "arena.h"

#include <stdalign.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct shale_arena_chunk {
    shale_arena_chunk *next;
    size_t size;
    alignas(max_align_t) char data[];
};

#define ARENA_MIN_CHUNK ((size_t)64 * 1024)
#define ARENA_MAX_CHUNK ((size_t)32 * 1024 * 1024)

void shale_arena_init(shale_arena *a) { memset(a, 0, sizeof *a); }

void shale_arena_free(shale_arena *a)
{
    shale_arena_chunk *c = a->head;
    while (c) {
        shale_arena_chunk *next = c->next;
        free(c);
        c = next;
    }
    shale_arena_init(a);
}

static int arena_grow(shale_arena *a, size_t need)
{
    size_t size = a->head ? a->head->size * 2 : ARENA_MIN_CHUNK;
    if (size > ARENA_MAX_CHUNK) size = ARENA_MAX_CHUNK;
    if (size < need) size = need;
    /* calloc: large chunks come straight from mmap as zero pages, so handing out
     * zeroed memory costs no memset (the arena never reuses memory). */
    shale_arena_chunk *c = calloc(1, sizeof *c + size);
    if (!c) return -1;
    c->next = a->head;
    c->size = size;
    a->head = c;
    a->cur = c->data;
    a->end = c->data + size;
    a->total += size;
    return 0;
}

void *shale_arena_alloc(shale_arena *a, size_t size)
{
    const size_t align = alignof(max_align_t);
    if (size == 0) size = 1;
    if (size > SIZE_MAX - align) return NULL;
    size = (size + align - 1) & ~(align - 1);
    if (!a->cur || (size_t)(a->end - a->cur) < size) {
        if (arena_grow(a, size) < 0) return NULL;
    }
    void *p = a->cur;
    a->cur += size;
    return p;
}

char *shale_arena_strndup(shale_arena *a, const char *s, size_t len)
{
    if (len == SIZE_MAX) return NULL;
    char *p = shale_arena_alloc(a, len + 1);
    if (!p) return NULL;
    if (len) memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *shale_arena_printf(shale_arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) return NULL;
    char *p = shale_arena_alloc(a, (size_t)n + 1);
    if (!p) return NULL;
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}
