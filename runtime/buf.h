/* buf.h - growable byte buffer for all produced text (formatter output, rendered
 * diagnostics, SQL). It lives in runtime/ because libshale builds SQL with it too.
 * House style rule 13: no fixed-size buffers for user data.
 *
 * A shale_buf owns its heap memory; release it with shale_buf_free(). An allocation
 * failure is sticky: the buffer stops growing, `oom` is set, and the caller checks it
 * once at the end instead of after every append.
 */
#ifndef SHALE_RUNTIME_BUF_H
#define SHALE_RUNTIME_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct shale_buf {
    char *ptr;  /* NUL-terminated when len > 0 */
    size_t len;
    size_t cap;
    bool oom;   /* an append failed; contents are truncated */
} shale_buf;

#define SHALE_BUF_INIT {NULL, 0, 0, false}

void shale_buf_free(shale_buf *b);
/* Ensures room for `extra` more bytes (+ NUL). Returns 0 or -1 (and sets oom). */
int shale_buf_reserve(shale_buf *b, size_t extra);
void shale_buf_put(shale_buf *b, const char *s, size_t len);
void shale_buf_puts(shale_buf *b, const char *s);
void shale_buf_putc(shale_buf *b, char c);
void shale_buf_fill(shale_buf *b, char c, size_t n);
void shale_buf_printf(shale_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Hands the buffer's memory to the caller and resets the buffer.
 * Returns: caller frees with free(); never NULL unless oom (then NULL and nothing to free). */
char *shale_buf_detach(shale_buf *b, size_t *out_len);

/* A formatted string in its own heap block (messages that outlive any buffer).
 * Returns: caller frees with free(); NULL when out of memory. */
char *shale_strfmt(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
/* The same with a va_list (for printf-like wrappers); `ap` is consumed. */
char *shale_vstrfmt(const char *fmt, va_list ap);

#endif
