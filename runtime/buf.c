/* buf.c - growable byte buffer (see buf.h). */
#define _DEFAULT_SOURCE 1 /* MADV_HUGEPAGE */
#include "runtime/buf.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define HUGE_PAGE ((size_t)2 * 1024 * 1024)

/* A large buffer (a whole schema read in, or its formatted text) would fill one 4 KiB
 * page fault at a time: about 1,400 faults for 5.7 MB, and those of the input and
 * the output were half the time of `shale format --check` on such a file. Asking for
 * 2 MiB pages on the part of it that covers whole ones turns them into a handful.
 * Only advice: the memory stays malloc's. */
static void advise_huge_pages(char *p, size_t cap)
{
#if defined(MADV_HUGEPAGE)
    uintptr_t start = ((uintptr_t)p + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1);
    uintptr_t end = ((uintptr_t)p + cap) & ~(uintptr_t)(HUGE_PAGE - 1);
    if (end > start) madvise((void *)start, end - start, MADV_HUGEPAGE);
#else
    (void)p;
    (void)cap;
#endif
}

void shale_buf_free(shale_buf *b)
{
    free(b->ptr);
    b->ptr = NULL;
    b->len = b->cap = 0;
    b->oom = false;
}

int shale_buf_reserve(shale_buf *b, size_t extra)
{
    if (b->oom) return -1;
    if (extra > SIZE_MAX - b->len - 1) {
        b->oom = true;
        return -1;
    }
    size_t need = b->len + extra + 1;
    if (need <= b->cap) return 0;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < need) cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    char *p = realloc(b->ptr, cap);
    if (!p) {
        b->oom = true;
        return -1;
    }
    if (cap >= 2 * HUGE_PAGE) advise_huge_pages(p, cap);
    b->ptr = p;
    b->cap = cap;
    return 0;
}

void shale_buf_put(shale_buf *b, const char *s, size_t len)
{
    if (shale_buf_reserve(b, len) < 0) return;
    if (len) memcpy(b->ptr + b->len, s, len);
    b->len += len;
    b->ptr[b->len] = '\0';
}

void shale_buf_puts(shale_buf *b, const char *s) { shale_buf_put(b, s, strlen(s)); }

void shale_buf_putc(shale_buf *b, char c) { shale_buf_put(b, &c, 1); }

void shale_buf_fill(shale_buf *b, char c, size_t n)
{
    if (shale_buf_reserve(b, n) < 0) return;
    memset(b->ptr + b->len, c, n);
    b->len += n;
    b->ptr[b->len] = '\0';
}

void shale_buf_printf(shale_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || shale_buf_reserve(b, (size_t)n) < 0) return;
    va_start(ap, fmt);
    vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

char *shale_buf_detach(shale_buf *b, size_t *out_len)
{
    if (b->oom) {
        shale_buf_free(b);
        if (out_len) *out_len = 0;
        return NULL;
    }
    if (!b->ptr && shale_buf_reserve(b, 0) < 0) return NULL;
    char *p = b->ptr;
    if (out_len) *out_len = b->len;
    p[b->len] = '\0';
    b->ptr = NULL;
    b->len = b->cap = 0;
    return p;
}

char *shale_vstrfmt(const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    char *s = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (s) vsnprintf(s, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    return s;
}

char *shale_strfmt(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = shale_vstrfmt(fmt, ap);
    va_end(ap);
    return s;
}
