/* source.c - offset -> line/column mapping (see source.h). Newlines are "\n", "\r\n"
 * and "\r", as in Prisma's grammar, so CRLF and old-Mac files number lines alike. */
#include "source.h"

#include <stdlib.h>

static int build_line_table(shale_source *src)
{
    size_t cap = 64, n = 0;
    uint32_t *starts = malloc(cap * sizeof *starts);
    if (!starts) return SHALE_ENOMEM;
    starts[n++] = 0;
    const char *t = src->text;
    for (size_t i = 0; i < src->len; i++) {
        char c = t[i];
        if (c != '\n' && c != '\r') continue;
        if (c == '\r' && i + 1 < src->len && t[i + 1] == '\n') i++;
        if (n == cap) {
            uint32_t *p = realloc(starts, cap * 2 * sizeof *starts);
            if (!p) {
                free(starts);
                return SHALE_ENOMEM;
            }
            starts = p;
            cap *= 2;
        }
        starts[n++] = (uint32_t)(i + 1);
    }
    src->line_starts = starts;
    src->n_lines = n;
    return SHALE_OK;
}

int shale_source_position(shale_source *src, uint32_t offset, shale_position *out)
{
    if (!src->line_starts) {
        int rc = build_line_table(src);
        if (rc < 0) return rc;
    }
    if (offset > src->len) offset = (uint32_t)src->len;
    size_t lo = 0, hi = src->n_lines;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (src->line_starts[mid] <= offset) lo = mid;
        else hi = mid;
    }
    uint32_t col = 1;
    for (uint32_t i = src->line_starts[lo]; i < offset; i++)
        if (((unsigned char)src->text[i] & 0xC0) != 0x80) col++;
    out->line = (uint32_t)lo + 1;
    out->column = col;
    out->offset = offset;
    return SHALE_OK;
}

shale_str shale_source_line(shale_source *src, uint32_t line)
{
    shale_str s = {NULL, 0};
    if (!src->line_starts && build_line_table(src) < 0) return s;
    if (line == 0 || line > src->n_lines) return s;
    size_t start = src->line_starts[line - 1];
    size_t end = start;
    while (end < src->len && src->text[end] != '\n' && src->text[end] != '\r') end++;
    s.ptr = src->text + start;
    s.len = end - start;
    return s;
}

void shale_source_release(shale_source *src)
{
    free(src->line_starts);
    src->line_starts = NULL;
    src->n_lines = 0;
}
