/* diag.h - the diagnostics sink. Every stage of the compiler reports through it
 * (house style rule 5): a severity, a stable code, a primary span, a message and
 * optional notes (each with its own span) and help. Nothing is printed here;
 * diag_render.c turns the list into text with carets or into JSON for the CLI.
 *
 * Memory: diagnostics and their text live in the arena given to
 * shale_diag_sink_init() and are valid until that arena is freed.
 */
#ifndef SHALE_COMPILER_DIAG_H
#define SHALE_COMPILER_DIAG_H

#include "arena.h"
#include "common.h"

typedef enum shale_severity {
    SHALE_SEV_ERROR,
    SHALE_SEV_WARNING,
} shale_severity;

typedef struct shale_diag_note {
    struct shale_diag_note *next;
    shale_span span;
    bool has_span;
    const char *message;
} shale_diag_note;

typedef struct shale_diag {
    struct shale_diag *next;
    shale_severity severity;
    const char *code; /* stable, e.g. "E0101"; see diag_codes.h */
    shale_span span;
    const char *message;
    shale_diag_note *notes; /* in the order added */
    shale_diag_note *notes_tail;
    const char *help; /* NULL or a suggestion such as "did you mean `DateTime`?" */
} shale_diag;

typedef struct shale_diag_sink {
    shale_arena *arena;
    shale_diag *head, *tail; /* in the order reported */
    size_t n_errors;
    size_t n_warnings;
    size_t n_dropped; /* counted but not kept: past SHALE_DIAG_LIMIT */
    bool oom; /* a diagnostic could not be stored */
} shale_diag_sink;

void shale_diag_sink_init(shale_diag_sink *sink, shale_arena *arena);

/* At most this many diagnostics are kept; later ones are only counted (n_errors or
 * n_warnings, and n_dropped). A file with a million bad lines then costs a bounded
 * report, and nobody reads past the first thousand anyway. */
#define SHALE_DIAG_LIMIT 1000

/* Reports a diagnostic. Returns: the new diagnostic (borrowed from the sink's arena)
 * so notes and help can be attached, or NULL when out of memory (sink->oom is set)
 * or past SHALE_DIAG_LIMIT. */
shale_diag *shale_diag_report(shale_diag_sink *sink, shale_severity sev, const char *code,
                              shale_span span, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/* Adds a note pointing at `span` to `d` (no-op when d is NULL). */
void shale_diag_add_note(shale_diag_sink *sink, shale_diag *d, shale_span span, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* Sets the help line of `d` (no-op when d is NULL). */
void shale_diag_set_help(shale_diag_sink *sink, shale_diag *d, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

#endif
