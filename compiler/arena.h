/* arena.h - bump allocator that owns everything one compilation builds.
 *
 * The AST, diagnostics text and (later) the resolved schema and IR are allocated
 * here and released together by shale_arena_free(); nothing inside is freed one
 * object at a time (house style rule 8).
 */
#ifndef SHALE_COMPILER_ARENA_H
#define SHALE_COMPILER_ARENA_H

#include <stdarg.h>
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

/* Empties the arena for reuse, keeping its newest chunk: the pages a pass of scratch
 * work faulted in serve the next pass instead of fresh ones (a page the kernel has to
 * find and zero costs far more than clearing it again). Everything allocated before is
 * gone; the memory handed out next is zeroed as always. */
void shale_arena_rewind(shale_arena *a);

/* Alignment of every allocation: enough for pointers, 64-bit integers and doubles.
 * Types with a stricter alignment (long double, SIMD vectors) must not live here. */
#define SHALE_ARENA_ALIGN 8

/* The out-of-line part of shale_arena_alloc(): a new chunk, a size of 0, or a size
 * too large to serve. Same contract. */
void *shale_arena__alloc_slow(shale_arena *a, size_t size);

/* Returns zeroed memory of `size` bytes aligned to SHALE_ARENA_ALIGN, or NULL when out
 * of memory.
 * Returns: borrowed from the arena, valid until shale_arena_free(). */
static inline void *shale_arena_alloc(shale_arena *a, size_t size)
{
    /* Inline when the current chunk has room: the tree of a large schema is millions
     * of small nodes. `size - 1` sends a size of 0 to the slow path. */
    if (a->cur && size - 1 < (size_t)(a->end - a->cur)) {
        size_t need = (size + SHALE_ARENA_ALIGN - 1) & ~(size_t)(SHALE_ARENA_ALIGN - 1);
        if (need <= (size_t)(a->end - a->cur)) {
            void *p = a->cur;
            a->cur += need;
            return p;
        }
    }
    return shale_arena__alloc_slow(a, size);
}

/* A hint that about `bytes` more will be allocated soon (the parser's estimate of a
 * file's tree): when the current chunk is too small for them, the next chunk is made
 * that large at once, so a large tree lands in one chunk of 2 MiB pages, faulted in as
 * it fills, instead of a chain of doubling chunks. Allocation works the same without
 * it. Returns: 0, or -1 when the chunk could not be had (nothing changes then). */
int shale_arena_reserve(shale_arena *a, size_t bytes);

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
/* The same with a va_list (for printf-like wrappers); `ap` is consumed. */
char *shale_arena_vprintf(shale_arena *a, const char *fmt, va_list ap);

#endif
