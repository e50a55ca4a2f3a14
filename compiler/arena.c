/* arena.c - chunked bump allocator (see arena.h). Chunks grow geometrically so a
 * 10,000-model schema costs a few dozen mallocs, not millions. */
#define _DEFAULT_SOURCE 1 /* MAP_ANONYMOUS, MADV_HUGEPAGE */
#include "arena.h"

#include <stdalign.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

struct shale_arena_chunk {
    shale_arena_chunk *next;
    size_t size;
    size_t mapped; /* bytes mmap'd for this chunk, 0 when it came from calloc */
    alignas(max_align_t) char data[];
};

#define ARENA_MIN_CHUNK ((size_t)64 * 1024)
#define ARENA_MAX_CHUNK ((size_t)32 * 1024 * 1024)
#define HUGE_CHUNK ((size_t)2 * 1024 * 1024)

void shale_arena_init(shale_arena *a) { memset(a, 0, sizeof *a); }

static void free_chunks(shale_arena_chunk *c)
{
    while (c) {
        shale_arena_chunk *next = c->next;
        if (c->mapped) munmap(c, c->mapped);
        else free(c);
        c = next;
    }
}

void shale_arena_free(shale_arena *a)
{
    free_chunks(a->head);
    shale_arena_init(a);
}

void shale_arena_rewind(shale_arena *a)
{
    shale_arena_chunk *c = a->head;
    if (!c) return;
    free_chunks(c->next);
    c->next = NULL;
    memset(c->data, 0, (size_t)(a->cur - c->data)); /* handed out zeroed, as new memory is */
    a->cur = c->data;
    a->total = c->size;
}

static int arena_grow(shale_arena *a, size_t need)
{
    size_t size = a->head ? a->head->size * 2 : ARENA_MIN_CHUNK;
    if (size > ARENA_MAX_CHUNK) size = ARENA_MAX_CHUNK;
    if (size < need) size = need;
    if (size > SIZE_MAX / 2) return -1;
    /* calloc: large chunks come straight from mmap as zero pages, so handing out
     * zeroed memory costs no memset (the arena never reuses memory). */
    shale_arena_chunk *c;
    size_t mapped = 0;
#if defined(MADV_HUGEPAGE)
    if (size >= HUGE_CHUNK) {
        /* Big chunks: ask for 2 MiB pages so filling one costs a few page faults instead of
         * one per 4 KiB (page faults dominated the parse of large files). */
        mapped = (sizeof *c + size + HUGE_CHUNK - 1) & ~(HUGE_CHUNK - 1);
        size_t span = mapped + HUGE_CHUNK;
        char *p = mmap(NULL, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) return -1;
        char *aligned = (char *)(((uintptr_t)p + HUGE_CHUNK - 1) & ~(uintptr_t)(HUGE_CHUNK - 1));
        if (aligned > p) munmap(p, (size_t)(aligned - p));
        if (aligned + mapped < p + span) munmap(aligned + mapped, (size_t)(p + span - (aligned + mapped)));
        madvise(aligned, mapped, MADV_HUGEPAGE);
        c = (shale_arena_chunk *)aligned;
        size = mapped - sizeof *c;
    } else
#endif
    {
        c = calloc(1, sizeof *c + size);
        if (!c) return -1;
    }
    c->mapped = mapped;
    c->next = a->head;
    c->size = size;
    a->head = c;
    a->cur = c->data;
    a->end = c->data + size;
    a->total += size;
    return 0;
}

int shale_arena_reserve(shale_arena *a, size_t bytes)
{
    if (a->cur && (size_t)(a->end - a->cur) >= bytes) return 0;
    return arena_grow(a, bytes);
}

void *shale_arena__alloc_slow(shale_arena *a, size_t size)
{
    /* 8, not alignof(max_align_t) (16 on x86-64): the compiler's nodes hold pointers,
     * 64-bit integers and doubles at most, and rounding each small node up to 16 bytes
     * cost a tenth of the memory of a large schema's AST. */
    const size_t align = SHALE_ARENA_ALIGN;
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

char *shale_arena_vprintf(shale_arena *a, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    /* Printed straight into the current chunk when it fits: one formatting pass, not
     * a measuring pass and a writing pass. */
    size_t room = a->cur ? (size_t)(a->end - a->cur) : 0;
    int n = vsnprintf(a->cur, room, fmt, ap);
    char *p = NULL;
    if (n >= 0 && (size_t)n < room) {
        p = a->cur;
        size_t need = ((size_t)n + 1 + SHALE_ARENA_ALIGN - 1) & ~(size_t)(SHALE_ARENA_ALIGN - 1);
        a->cur += need <= room ? need : room;
    } else if (n >= 0 && (p = shale_arena_alloc(a, (size_t)n + 1)) != NULL) {
        vsnprintf(p, (size_t)n + 1, fmt, ap2);
    }
    va_end(ap2);
    return p;
}

char *shale_arena_printf(shale_arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = shale_arena_vprintf(a, fmt, ap);
    va_end(ap);
    return p;
}
