/* arena.h - bump allocator that owns everything one compilation builds.
 *
 * The AST, diagnostics text and (later) the resolved schema and IR are allocated
 * here and released together by shale_arena_free(); nothing inside is freed one
 * object at a time (house style rule 8).
 */
#ifndef SHALE_COMPILER_ARENA_H
#define SHALE_COMPILER_ARENA_H

#include <stddef.h>

typedef struct shale_arena_chunk shale_arena_chunk;

typedef struct shale_arena {
    shale_arena_chunk *head; /* newest chunk first */
    char *cur;               /* next free byte in head */
    char *end;               /* one past the last byte of head */
    size_t total;            /* bytes obtained from malloc, for statistics */
} shale_arena;

/* Initialises an empty arena; no memory is taken until the first allocation. */
void shale_arena_init(shale_arena *a);

/* Releases every chunk. The arena can be reused after this call. */
void shale_arena_free(shale_arena *a);

/* Alignment of every allocation: enough for pointers, 64-bit integers and doubles.
 * Types with a stricter alignment (long double, SIMD vectors) must not live here. */
#define SHALE_ARENA_ALIGN 8

/* Returns zeroed memory of `size` bytes aligned to SHALE_ARENA_ALIGN, or NULL when out
 * of memory.
 * Returns: borrowed from the arena, valid until shale_arena_free(). */
void *shale_arena_alloc(shale_arena *a, size_t size);

/* Copies `len` bytes and appends a NUL.
 * Returns: borrowed from the arena, valid until shale_arena_free(); NULL when out of memory. */
char *shale_arena_strndup(shale_arena *a, const char *s, size_t len);

/* printf into the arena.
 * Returns: borrowed from the arena, valid until shale_arena_free(); NULL when out of memory. */
char *shale_arena_printf(shale_arena *a, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

#endif
