/* sql_split.c - cutting a script into statements (see sql_split.h). A small scanner
 * over PostgreSQL's lexical rules (the scan.l of its server): only what decides where
 * a statement ends is recognised. standard_conforming_strings is assumed on (the
 * default since PostgreSQL 9.1), so a backslash escapes only in E'...' strings. */
#include "sql_split.h"

#include "runtime/shale_code.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

typedef struct scan {
    const char *t;
    size_t len, i;
    uint32_t line;
    bool unterminated;
} scan;

static bool ident_char(char c) { return isalnum((unsigned char)c) || c == '_' || c == '$' || (unsigned char)c >= 0x80; }

static void advance(scan *s, size_t n)
{
    for (size_t k = 0; k < n && s->i < s->len; k++) s->line += s->t[s->i++] == '\n';
}

/* Skips a quoted run that starts at s->i (the opening quote) and ends with `q`, a
 * doubled `q` standing for one; with `backslash` a backslash escapes the next byte. */
static void skip_quoted(scan *s, char q, bool backslash)
{
    advance(s, 1);
    while (s->i < s->len) {
        char c = s->t[s->i];
        if (backslash && c == '\\') {
            advance(s, 2);
            continue;
        }
        advance(s, 1);
        if (c == q) {
            if (s->i < s->len && s->t[s->i] == q) {
                advance(s, 1);
                continue;
            }
            return;
        }
    }
    s->unterminated = true;
}

static void skip_block_comment(scan *s)
{
    int depth = 0;
    while (s->i < s->len) {
        if (s->t[s->i] == '/' && s->i + 1 < s->len && s->t[s->i + 1] == '*') {
            depth++;
            advance(s, 2);
        } else if (s->t[s->i] == '*' && s->i + 1 < s->len && s->t[s->i + 1] == '/') {
            advance(s, 2);
            if (--depth == 0) return;
        } else {
            advance(s, 1);
        }
    }
    s->unterminated = true;
}

static void skip_line_comment(scan *s)
{
    while (s->i < s->len && s->t[s->i] != '\n') s->i++;
}

/* At a `$`: a dollar-quoted string `$tag$ ... $tag$` when a tag follows, else a plain
 * character (a parameter like $1 or part of an identifier). Returns whether skipped. */
static bool skip_dollar(scan *s)
{
    size_t j = s->i + 1;
    if (j < s->len && (isdigit((unsigned char)s->t[j]))) return false;
    while (j < s->len && s->t[j] != '$' && (isalnum((unsigned char)s->t[j]) || s->t[j] == '_' || (unsigned char)s->t[j] >= 0x80))
        j++;
    if (j >= s->len || s->t[j] != '$') return false;
    size_t tag_len = j + 1 - s->i;
    const char *tag = s->t + s->i;
    advance(s, tag_len);
    while (s->i < s->len) {
        if (s->t[s->i] == '$' && s->len - s->i >= tag_len && memcmp(s->t + s->i, tag, tag_len) == 0) {
            advance(s, tag_len);
            return true;
        }
        advance(s, 1);
    }
    s->unterminated = true;
    return true;
}

/* Blanks and comments before a statement. */
static void skip_blanks(scan *s)
{
    for (;;) {
        while (s->i < s->len && isspace((unsigned char)s->t[s->i])) advance(s, 1);
        if (s->i + 1 < s->len && s->t[s->i] == '-' && s->t[s->i + 1] == '-') skip_line_comment(s);
        else if (s->i + 1 < s->len && s->t[s->i] == '/' && s->t[s->i + 1] == '*') skip_block_comment(s);
        else return;
    }
}

/* The first `max` words of a statement, upper-cased, blanks and comments between
 * them skipped. Returns how many were found. */
static int words(const char *t, size_t len, char w[][24], int max)
{
    scan s = {t, len, 0, 1, false};
    int n = 0;
    while (n < max) {
        skip_blanks(&s);
        if (s.i >= s.len || !isalpha((unsigned char)t[s.i])) break;
        size_t k = 0;
        while (s.i < s.len && (isalnum((unsigned char)t[s.i]) || t[s.i] == '_')) {
            if (k < 23) w[n][k++] = (char)toupper((unsigned char)t[s.i]);
            s.i++;
        }
        w[n][k] = '\0';
        n++;
    }
    return n;
}

static bool is(const char *w, const char *kw) { return strcmp(w, kw) == 0; }

static uint8_t classify(const char *t, size_t len)
{
    char w[6][24];
    int n = words(t, len, w, 6);
    if (n == 0) return SHALE_STMT_PLAIN;
    if (is(w[0], "BEGIN") || is(w[0], "COMMIT") || is(w[0], "END") || (is(w[0], "START") && n > 1 && is(w[1], "TRANSACTION"))) {
        if (n > 1 && is(w[1], "PREPARED")) return SHALE_STMT_NO_TRANSACTION;
        return SHALE_STMT_TRANSACTION;
    }
    if (is(w[0], "ROLLBACK") || is(w[0], "ABORT")) {
        if (n > 1 && is(w[1], "TO")) return SHALE_STMT_PLAIN; /* ROLLBACK TO SAVEPOINT */
        if (n > 1 && is(w[1], "PREPARED")) return SHALE_STMT_NO_TRANSACTION;
        return SHALE_STMT_ROLLBACK;
    }
    if (is(w[0], "VACUUM") || (is(w[0], "ALTER") && n > 1 && is(w[1], "SYSTEM"))) return SHALE_STMT_NO_TRANSACTION;
    if ((is(w[0], "CREATE") || is(w[0], "DROP")) && n > 1 && (is(w[1], "DATABASE") || is(w[1], "TABLESPACE")))
        return SHALE_STMT_NO_TRANSACTION;
    if (is(w[0], "CLUSTER") && n == 1) return SHALE_STMT_NO_TRANSACTION;
    /* CREATE [UNIQUE] INDEX CONCURRENTLY, DROP INDEX CONCURRENTLY, REINDEX ...
     * CONCURRENTLY, ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY (the word shows
     * up within the first few words for the first three). */
    if (is(w[0], "CREATE") || is(w[0], "DROP") || is(w[0], "REINDEX"))
        for (int i = 1; i < n; i++)
            if (is(w[i], "CONCURRENTLY")) return SHALE_STMT_NO_TRANSACTION;
    return SHALE_STMT_PLAIN;
}

int shale_sql_split(const char *text, size_t len, shale_stmt **out, size_t *n_out, bool *unterminated)
{
    scan s = {text, len, 0, 1, false};
    shale_stmt *v = NULL;
    size_t n = 0, cap = 0;
    *out = NULL;
    *n_out = 0;
    for (;;) {
        skip_blanks(&s);
        if (s.i >= s.len) break;
        size_t start = s.i;
        uint32_t line = s.line;
        size_t end = s.len;
        while (s.i < s.len) {
            char c = s.t[s.i];
            if (c == ';') {
                end = s.i;
                advance(&s, 1);
                break;
            }
            if (c == '\'') {
                bool e = s.i > start && (s.t[s.i - 1] == 'E' || s.t[s.i - 1] == 'e') &&
                         (s.i - 1 == start || !ident_char(s.t[s.i - 2]));
                skip_quoted(&s, '\'', e);
            } else if (c == '"') {
                skip_quoted(&s, '"', false);
            } else if (c == '-' && s.i + 1 < s.len && s.t[s.i + 1] == '-') {
                skip_line_comment(&s);
            } else if (c == '/' && s.i + 1 < s.len && s.t[s.i + 1] == '*') {
                skip_block_comment(&s);
            } else if (c == '$' && (s.i == start || !ident_char(s.t[s.i - 1])) && skip_dollar(&s)) {
                /* skipped */
            } else if (ident_char(c)) {
                while (s.i < s.len && ident_char(s.t[s.i])) s.i++; /* $ inside names is not a quote */
            } else {
                advance(&s, 1);
            }
        }
        if (s.i >= s.len && end == s.len) end = s.len;
        /* Trailing blanks are not part of the statement. */
        size_t stop = end;
        while (stop > start && isspace((unsigned char)text[stop - 1])) stop--;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            shale_stmt *nv = realloc(v, cap * sizeof *nv);
            if (!nv) {
                free(v);
                return SHALE_ENOMEM;
            }
            v = nv;
        }
        v[n++] = (shale_stmt){start, stop - start, line, classify(text + start, stop - start)};
    }
    *out = v;
    *n_out = n;
    if (unterminated) *unterminated = s.unterminated;
    return SHALE_OK;
}

void shale_sql_stmt_head(const char *text, const shale_stmt *s, char *buf, size_t cap)
{
    char w[3][24];
    int n = words(text + s->offset, s->len, w, 3);
    /* Two words, or three when the third says what kind of object or option it is. */
    int take = n < 2 ? n : 2;
    if (n == 3 && (is(w[1], "UNIQUE") || is(w[2], "CONCURRENTLY") || is(w[1], "INDEX"))) take = 3;
    size_t k = 0;
    if (!cap) return;
    for (int i = 0; i < take; i++) {
        size_t wl = strlen(w[i]);
        if (k + wl + 2 > cap) break;
        if (i) buf[k++] = ' ';
        memcpy(buf + k, w[i], wl);
        k += wl;
    }
    buf[k] = '\0';
}
