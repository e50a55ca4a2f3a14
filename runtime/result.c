/* result.c - the memory of query results: "one owner, one free call". Each result is
 * a small arena whose header sits just before the returned object (a row or a
 * shale_list); strings, bytes, lists and included children are carved from the same
 * arena, so shale_result_free(root) releases everything. The first chunk is sized from
 * the PGresult, so a point lookup costs one malloc.
 */
#include "runtime/runtime_int.h"

#include <stdlib.h>
#include <string.h>

#define ALIGN 16
#define ROUND(x) (((x) + (ALIGN - 1)) & ~(size_t)(ALIGN - 1))

typedef struct chunk {
    struct chunk *next;
} chunk;

struct shale_arena {
    chunk *more;     /* chunks after the first, freed with it */
    char *cur, *end; /* free space of the newest chunk */
};

#define HDR ROUND(sizeof(struct shale_arena))

void *shale_arena__new(shale_arena **out, size_t root_size, size_t hint)
{
    size_t root = ROUND(root_size ? root_size : 1);
    if (hint > SIZE_MAX / 2 || root > SIZE_MAX / 4) return NULL;
    size_t total = HDR + root + ROUND(hint);
    char *p = malloc(total);
    if (!p) return NULL;
    shale_arena *a = (shale_arena *)p;
    a->more = NULL;
    a->cur = p + HDR + root;
    a->end = p + total;
    memset(p + HDR, 0, root);
    *out = a;
    return p + HDR;
}

void *shale_arena__alloc(shale_arena *a, size_t size, size_t align)
{
    if (align < 1) align = 1;
    uintptr_t at = ((uintptr_t)a->cur + (align - 1)) & ~(uintptr_t)(align - 1);
    if (size <= (uintptr_t)a->end - at && at <= (uintptr_t)a->end) {
        a->cur = (char *)at + size;
        memset((void *)at, 0, size);
        return (void *)at;
    }
    /* A new chunk: at least 4 KiB, or the request itself when bigger. */
    size_t want = size + align + ROUND(sizeof(chunk));
    if (want < size) return NULL;
    if (want < 4096) want = 4096;
    chunk *c = malloc(want);
    if (!c) return NULL;
    c->next = a->more;
    a->more = c;
    char *base = (char *)c + ROUND(sizeof(chunk));
    a->end = (char *)c + want;
    at = ((uintptr_t)base + (align - 1)) & ~(uintptr_t)(align - 1);
    a->cur = (char *)at + size;
    memset((void *)at, 0, size);
    return (void *)at;
}

char *shale_arena__strndup(shale_arena *a, const char *s, size_t n)
{
    if (n == SIZE_MAX) return NULL;
    char *d = shale_arena__alloc(a, n + 1, 1);
    if (!d) return NULL;
    if (n) memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

void shale_result_free(void *result)
{
    if (!result) return;
    shale_arena *a = (shale_arena *)((char *)result - HDR);
    chunk *c = a->more;
    while (c) {
        chunk *next = c->next;
        free(c);
        c = next;
    }
    free(a);
}
