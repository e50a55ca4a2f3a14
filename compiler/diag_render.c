/* diag_render.c - text and JSON forms of diagnostics (see diag_render.h). JSON is
 * written with jansson, so escaping of messages and paths is never hand-rolled. */
#include "diag_render.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#define C_RESET "\x1b[0m"
#define C_BOLD "\x1b[1m"
#define C_ERROR "\x1b[1;31m"
#define C_WARNING "\x1b[1;33m"
#define C_NOTE "\x1b[1;36m"
#define C_GUTTER "\x1b[1;34m"

typedef struct style {
    bool on;
} style;

static void sgr(shale_buf *out, style st, const char *code)
{
    if (st.on) shale_buf_puts(out, code);
}

static shale_source *source_of(shale_compilation *c, shale_span span)
{
    return span.file < c->n_sources ? &c->sources[span.file] : NULL;
}

/* Writes the line holding span.start and an underline below the span's part on it. */
static void snippet(shale_buf *out, shale_source *src, shale_span span, style st, const char *mark_color,
                    char mark)
{
    shale_position pos;
    if (shale_source_position(src, span.start, &pos) < 0) return;
    shale_str line = shale_source_line(src, pos.line);
    char num[16];
    int w = snprintf(num, sizeof num, "%u", pos.line);
    if (w < 0) return;
    /* Very long lines (minified input, fuzzers) are cut around the span. */
    size_t col_byte = span.start - (size_t)(line.ptr ? line.ptr - src->text : 0);
    size_t from = 0;
    if (line.len > 200 && col_byte > 80) {
        from = col_byte - 60;
        while (from > 0 && ((unsigned char)line.ptr[from] & 0xC0) == 0x80) from--;
    }
    size_t to = line.len;
    if (to - from > 200) {
        to = from + 200;
        while (to > from && ((unsigned char)line.ptr[to] & 0xC0) == 0x80) to--;
    }
    sgr(out, st, C_GUTTER);
    shale_buf_printf(out, "%*s |\n%s | ", w, "", num);
    sgr(out, st, C_RESET);
    if (from) shale_buf_puts(out, "...");
    for (size_t i = from; i < to; i++) {
        unsigned char ch = (unsigned char)line.ptr[i];
        /* Control bytes would garble a terminal; show them as U+FFFD-like '?'. */
        shale_buf_putc(out, (ch < 0x20 && ch != '\t') || ch == 0x7f ? '?' : (char)ch);
    }
    if (to < line.len) shale_buf_puts(out, "...");
    shale_buf_putc(out, '\n');
    sgr(out, st, C_GUTTER);
    shale_buf_printf(out, "%*s | ", w, "");
    sgr(out, st, C_RESET);
    if (from) shale_buf_puts(out, "   ");
    size_t i = from;
    for (; i < col_byte && i < to; i++) {
        unsigned char ch = (unsigned char)line.ptr[i];
        if ((ch & 0xC0) == 0x80) continue;
        shale_buf_putc(out, ch == '\t' ? '\t' : ' ');
    }
    size_t end = span.end > span.start ? span.end - (size_t)(line.ptr ? line.ptr - src->text : 0) : col_byte;
    if (end > to) end = to;
    sgr(out, st, mark_color);
    shale_buf_putc(out, mark);
    for (size_t j = col_byte; j < end; j++) {
        unsigned char ch = (unsigned char)line.ptr[j];
        if (j == col_byte || (ch & 0xC0) == 0x80) continue;
        shale_buf_putc(out, mark);
    }
    sgr(out, st, C_RESET);
    shale_buf_putc(out, '\n');
}

static void location(shale_buf *out, shale_compilation *c, shale_span span)
{
    shale_source *src = source_of(c, span);
    shale_position pos;
    if (src && shale_source_position(src, span.start, &pos) == 0)
        shale_buf_printf(out, "%s:%u:%u: ", src->path, pos.line, pos.column);
    else
        shale_buf_puts(out, "shale: ");
}

int shale_diag_render_text(shale_buf *out, shale_compilation *c, bool color)
{
    style st = {color};
    for (const shale_diag *d = c->diags.head; d; d = d->next) {
        bool err = d->severity == SHALE_SEV_ERROR;
        sgr(out, st, C_BOLD);
        location(out, c, d->span);
        sgr(out, st, C_RESET);
        sgr(out, st, err ? C_ERROR : C_WARNING);
        shale_buf_puts(out, err ? "error" : "warning");
        sgr(out, st, C_RESET);
        shale_buf_puts(out, ": ");
        sgr(out, st, C_BOLD);
        shale_buf_puts(out, d->message);
        sgr(out, st, C_RESET);
        shale_buf_printf(out, " [%s]\n", d->code);
        shale_source *src = source_of(c, d->span);
        if (src) snippet(out, src, d->span, st, err ? C_ERROR : C_WARNING, '^');
        for (const shale_diag_note *n = d->notes; n; n = n->next) {
            shale_source *nsrc = source_of(c, n->span);
            location(out, c, n->span);
            sgr(out, st, C_NOTE);
            shale_buf_puts(out, "note");
            sgr(out, st, C_RESET);
            shale_buf_printf(out, ": %s\n", n->message);
            if (nsrc) snippet(out, nsrc, n->span, st, C_NOTE, '-');
        }
        if (d->help) {
            sgr(out, st, C_NOTE);
            shale_buf_puts(out, "help");
            sgr(out, st, C_RESET);
            shale_buf_printf(out, ": %s\n", d->help);
        }
    }
    if (c->diags.n_dropped)
        shale_buf_printf(out, "shale: %zu more problems not shown (the first %d are listed)\n", c->diags.n_dropped,
                         SHALE_DIAG_LIMIT);
    if (c->diags.oom) shale_buf_puts(out, "shale: error: out of memory while reporting diagnostics\n");
    return out->oom ? SHALE_ENOMEM : SHALE_OK;
}

static json_t *json_pos(shale_source *src, uint32_t offset)
{
    shale_position p;
    if (shale_source_position(src, offset, &p) < 0) return NULL;
    return json_pack("{s:I, s:I, s:I}", "line", (json_int_t)p.line, "column", (json_int_t)p.column, "offset",
                     (json_int_t)p.offset);
}

/* Adds file/start/end of `span` to `obj`; a span with no file gets file: null. */
static int json_add_span(json_t *obj, shale_compilation *c, shale_span span)
{
    shale_source *src = source_of(c, span);
    if (!src) return json_object_set_new(obj, "file", json_null());
    json_t *s = json_pos(src, span.start), *e = json_pos(src, span.end);
    if (!s || !e) {
        json_decref(s);
        json_decref(e);
        return -1;
    }
    if (json_object_set_new(obj, "file", json_string_nocheck(src->path)) < 0) {
        json_decref(s);
        json_decref(e);
        return -1;
    }
    int rc = json_object_set_new(obj, "start", s);
    return rc | json_object_set_new(obj, "end", e);
}

/* Paths and messages quote user text that may not be valid UTF-8; jansson requires
 * UTF-8, so invalid bytes are replaced by U+FFFD first. */
static json_t *json_text(const char *s)
{
    json_t *j = json_string(s);
    if (j) return j;
    shale_buf b = SHALE_BUF_INIT;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int n = *p < 0x80 ? 1 : (*p >> 5) == 6 ? 2 : (*p >> 4) == 14 ? 3 : (*p >> 3) == 30 ? 4 : 0;
        bool ok = n > 0;
        for (int i = 1; ok && i < n; i++) ok = (p[i] & 0xC0) == 0x80;
        if (ok) {
            shale_buf_put(&b, (const char *)p, (size_t)n);
            p += n;
        } else {
            shale_buf_puts(&b, "\xEF\xBF\xBD");
            p++;
        }
    }
    j = json_string(b.ptr ? b.ptr : "");
    shale_buf_free(&b);
    return j;
}

int shale_diag_render_json(shale_buf *out, shale_compilation *c)
{
    json_t *root = json_object(), *list = json_array();
    int rc = (!root || !list) ? -1 : 0;
    for (const shale_diag *d = c->diags.head; rc == 0 && d; d = d->next) {
        json_t *o = json_object();
        if (!o) { rc = -1; break; }
        rc |= json_array_append_new(list, o);
        rc |= json_add_span(o, c, d->span);
        rc |= json_object_set_new(o, "severity", json_string(d->severity == SHALE_SEV_ERROR ? "error" : "warning"));
        rc |= json_object_set_new(o, "code", json_string(d->code));
        rc |= json_object_set_new(o, "message", json_text(d->message));
        json_t *notes = json_array();
        rc |= json_object_set_new(o, "notes", notes);
        for (const shale_diag_note *n = d->notes; rc == 0 && n; n = n->next) {
            json_t *no = json_object();
            rc |= json_array_append_new(notes, no);
            rc |= json_add_span(no, c, n->span);
            rc |= json_object_set_new(no, "message", json_text(n->message));
        }
        rc |= json_object_set_new(o, "help", d->help ? json_text(d->help) : json_null());
    }
    if (rc == 0) {
        rc |= json_object_set_new(root, "diagnostics", list);
        list = NULL;
        rc |= json_object_set_new(root, "errors", json_integer((json_int_t)c->diags.n_errors));
        rc |= json_object_set_new(root, "warnings", json_integer((json_int_t)c->diags.n_warnings));
        rc |= json_object_set_new(root, "not_shown", json_integer((json_int_t)c->diags.n_dropped));
    }
    char *text = rc == 0 ? json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
    json_decref(list);
    json_decref(root);
    if (!text) return SHALE_ENOMEM;
    shale_buf_puts(out, text);
    shale_buf_putc(out, '\n');
    free(text);
    return out->oom ? SHALE_ENOMEM : SHALE_OK;
}
