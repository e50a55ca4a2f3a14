/* diag.c - the diagnostics sink (see diag.h). */
#include "diag.h"

#include <stdarg.h>
#include <stdio.h>

void shale_diag_sink_init(shale_diag_sink *sink, shale_arena *arena)
{
    sink->arena = arena;
    sink->head = sink->tail = NULL;
    sink->n_errors = sink->n_warnings = 0;
    sink->oom = false;
}


shale_diag *shale_diag_report(shale_diag_sink *sink, shale_severity sev, const char *code,
                              shale_span span, const char *fmt, ...)
{
    if (sink->n_errors + sink->n_warnings >= SHALE_DIAG_LIMIT) {
        if (sev == SHALE_SEV_ERROR) sink->n_errors++;
        else sink->n_warnings++;
        sink->n_dropped++;
        return NULL;
    }
    shale_diag *d = shale_arena_alloc(sink->arena, sizeof *d);
    va_list ap;
    va_start(ap, fmt);
    char *msg = d ? shale_arena_vprintf(sink->arena, fmt, ap) : NULL;
    va_end(ap);
    if (!d || !msg) {
        sink->oom = true;
        return NULL;
    }
    d->severity = sev;
    d->code = code;
    d->span = span;
    d->message = msg;
    if (sink->tail) sink->tail->next = d;
    else sink->head = d;
    sink->tail = d;
    if (sev == SHALE_SEV_ERROR) sink->n_errors++;
    else sink->n_warnings++;
    return d;
}

void shale_diag_add_note(shale_diag_sink *sink, shale_diag *d, shale_span span, const char *fmt, ...)
{
    if (!d) return;
    shale_diag_note *n = shale_arena_alloc(sink->arena, sizeof *n);
    va_list ap;
    va_start(ap, fmt);
    char *msg = n ? shale_arena_vprintf(sink->arena, fmt, ap) : NULL;
    va_end(ap);
    if (!n || !msg) {
        sink->oom = true;
        return;
    }
    n->span = span;
    n->has_span = true;
    n->message = msg;
    if (d->notes_tail) d->notes_tail->next = n;
    else d->notes = n;
    d->notes_tail = n;
}

void shale_diag_set_help(shale_diag_sink *sink, shale_diag *d, const char *fmt, ...)
{
    if (!d) return;
    va_list ap;
    va_start(ap, fmt);
    char *msg = shale_arena_vprintf(sink->arena, fmt, ap);
    va_end(ap);
    if (!msg) sink->oom = true;
    else d->help = msg;
}
