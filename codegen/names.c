/* names.c - C names for schema names: snake_case members and types, upper-case
 * constants, a trailing underscore for C keywords, and the collision check that
 * turns two schema names sharing one C name into an error instead of code that does
 * not compile. */
#include "codegen_int.h"

#include "compiler/diag_codes.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
static bool is_digit(char c) { return c >= '0' && c <= '9'; }

char *cg_fmt(cg *g, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *out = shale_arena_vprintf(g->arena, fmt, ap);
    va_end(ap);
    if (!out) g->rc = SHALE_ENOMEM;
    return out;
}

bool cg_is_ident(shale_str name)
{
    if (name.len == 0 || is_digit(name.ptr[0])) return false;
    for (size_t i = 0; i < name.len; i++) {
        char c = name.ptr[i];
        if (!is_upper(c) && !is_lower(c) && !is_digit(c) && c != '_') return false;
    }
    return true;
}

char *cg_snake(cg *g, shale_str name)
{
    char *out = shale_arena_alloc(g->arena, name.len * 2 + 1);
    if (!out) {
        g->rc = SHALE_ENOMEM;
        return NULL;
    }
    size_t n = 0;
    for (size_t i = 0; i < name.len; i++) {
        char c = name.ptr[i];
        if (is_upper(c)) {
            /* A word starts at an upper-case letter after a lower-case one or a digit
             * ("createdBy"), and at the last capital of a run followed by lower case
             * ("HTTPCode": http_code). */
            char prev = i ? name.ptr[i - 1] : '_';
            bool next_lower = i + 1 < name.len && is_lower(name.ptr[i + 1]);
            if (n && out[n - 1] != '_' && (is_lower(prev) || is_digit(prev) || (is_upper(prev) && next_lower)))
                out[n++] = '_';
            out[n++] = (char)(c - 'A' + 'a');
        } else {
            out[n++] = c;
        }
    }
    out[n] = '\0';
    return out;
}

char *cg_upper(cg *g, const char *s)
{
    size_t len = strlen(s);
    char *out = shale_arena_strndup(g->arena, s, len);
    if (!out) {
        g->rc = SHALE_ENOMEM;
        return NULL;
    }
    for (size_t i = 0; i < len; i++)
        if (is_lower(out[i])) out[i] = (char)(out[i] - 'a' + 'A');
    return out;
}

/* C11 and C23 keywords, and lower-case names the standard headers (and GNU modes)
 * define as macros, which a struct member must not be spelled as. Sorted. */
static const char *const reserved[] = {
    "alignas", "alignof",  "assert",   "auto",          "bool",         "break",    "case",     "char",
    "complex", "const",    "constexpr", "continue",     "default",      "do",       "double",   "else",
    "enum",    "errno",    "extern",   "false",         "float",        "for",      "goto",     "i386",
    "if",      "imaginary", "inline",  "int",           "linux",        "long",     "noreturn", "nullptr",
    "offsetof", "register", "restrict", "return",       "short",        "signed",   "sizeof",   "static",
    "static_assert", "stderr", "stdin", "stdout",       "struct",       "switch",   "thread_local", "true",
    "typedef", "typeof",   "typeof_unqual", "union",    "unix",         "unsigned", "void",     "volatile",
    "while",
};

static bool is_reserved(const char *s)
{
    size_t lo = 0, hi = sizeof reserved / sizeof *reserved;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(s, reserved[mid]);
        if (c == 0) return true;
        if (c < 0) hi = mid;
        else lo = mid + 1;
    }
    return false;
}

char *cg_member(cg *g, shale_str name)
{
    char *s = cg_snake(g, name);
    if (s && is_reserved(s)) s = cg_fmt(g, "%s_", s);
    return s;
}

/* What a claimed name remembers: who claimed it. */
typedef struct claim {
    shale_span span;
    const char *what;
} claim;

static void clash(cg *g, const char *cname, shale_span span, const char *what, const claim *prev, const char *in)
{
    shale_diag *d = shale_diag_report(g->diags, SHALE_SEV_ERROR, SHALE_E_CODEGEN_NAME, span,
                                      "%s and %s both become the C name `%s`%s%s: rename one, or give it "
                                      "another name with @map and a different schema name",
                                      what, prev->what, cname, in ? " in " : "", in ? in : "");
    shale_diag_add_note(g->diags, d, prev->span, "%s is here", prev->what);
    if (g->rc == SHALE_OK) g->rc = SHALE_EINVAL;
}

static void claim_in(cg *g, shale_symtab *t, const char *cname, shale_span span, const char *what, const char *in)
{
    if (!cname || !what) return;
    claim *c = shale_arena_alloc(g->arena, sizeof *c);
    if (!c) {
        g->rc = SHALE_ENOMEM;
        return;
    }
    c->span = span;
    c->what = what;
    void *prev = NULL;
    shale_str key = {cname, strlen(cname)};
    int rc = shale_symtab_put(t, key, c, &prev);
    if (rc < 0) g->rc = SHALE_ENOMEM;
    else if (rc == 1) clash(g, cname, span, what, prev, in);
}

void cg_claim(cg *g, const char *cname, shale_span span, const char *what)
{
    claim_in(g, &g->globals, cname, span, what, NULL);
}

void cg_claim_member(cg *g, shale_symtab *scope, const char *member, shale_span span, const char *what,
                     const char *in)
{
    claim_in(g, scope, member, span, what, in);
}
