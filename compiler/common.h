/* common.h - the few types every compiler module shares: error codes, byte spans
 * and length-carrying string views (house style rules 4, 7 and 13). */
#ifndef SHALE_COMPILER_COMMON_H
#define SHALE_COMPILER_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Return codes: 0 for success, a negative SHALE_E* for failure (shared with libshale). */
#include "runtime/shale_code.h"

/* A byte range in one source file: [start, end). Line and column are computed only
 * when a diagnostic is printed. */
typedef struct shale_span {
    uint32_t file;
    uint32_t start;
    uint32_t end;
} shale_span;

/* A view into text owned by someone else (usually the source buffer). */
typedef struct shale_str {
    const char *ptr;
    size_t len;
} shale_str;

static inline bool shale_str_eq(shale_str s, const char *lit)
{
    size_t i = 0;
    for (; i < s.len; i++)
        if (lit[i] != s.ptr[i] || lit[i] == '\0') return false;
    return lit[i] == '\0';
}

/* Two views hold the same bytes (either may be empty, with a NULL pointer). */
static inline bool shale_str_same(shale_str a, shale_str b)
{
    if (a.len != b.len) return false;
    for (size_t i = 0; i < a.len; i++)
        if (a.ptr[i] != b.ptr[i]) return false;
    return true;
}

/* Byte-order comparison, as strcmp: <0, 0 or >0. */
static inline int shale_str_cmp(shale_str a, shale_str b)
{
    size_t n = a.len < b.len ? a.len : b.len;
    for (size_t i = 0; i < n; i++)
        if (a.ptr[i] != b.ptr[i]) return (unsigned char)a.ptr[i] < (unsigned char)b.ptr[i] ? -1 : 1;
    return a.len < b.len ? -1 : a.len > b.len;
}

#endif
