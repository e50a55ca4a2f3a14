/* source.h - the text of one schema file and the mapping from byte offsets to
 * line and column, computed lazily the first time a diagnostic needs it. */
#ifndef SHALE_COMPILER_SOURCE_H
#define SHALE_COMPILER_SOURCE_H

#include "common.h"

/* Largest file shale reads: spans are 32-bit byte offsets. */
#define SHALE_SOURCE_MAX_BYTES ((size_t)1 << 30)

typedef struct shale_source {
    const char *path; /* as given by the user, used in diagnostics */
    const char *text; /* NUL-terminated; may contain NUL bytes before `len` */
    size_t len;
    uint32_t *line_starts; /* offsets where each line begins; NULL until needed */
    size_t n_lines;
} shale_source;

typedef struct shale_position {
    uint32_t line;   /* 1-based */
    uint32_t column; /* 1-based, in Unicode code points */
    uint32_t offset; /* byte offset */
} shale_position;

/* Computes line and column of `offset` (clamped to the text length). Builds the
 * line table on first use; returns SHALE_ENOMEM if that fails. */
int shale_source_position(shale_source *src, uint32_t offset, shale_position *out);

/* The text of the 1-based line `line`, without its line terminator.
 * Returns: borrowed from src->text; len 0 and ptr NULL when the line does not exist. */
shale_str shale_source_line(shale_source *src, uint32_t line);

/* Frees the line table (the text itself is owned by the compilation). */
void shale_source_release(shale_source *src);

#endif
