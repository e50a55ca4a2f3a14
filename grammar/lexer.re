/* lexer.re - re2c source of the Prisma schema tokenizer. Edit this file, not the
 * generated lexer.c.
 *
 * Follows psl/schema-ast's pest grammar: identifiers are Unicode letters and ASCII
 * digits plus `_` and `-`; paths are identifiers joined by dots (`db.VarChar`);
 * strings follow JSON's rules (escapes are checked later, in ast_build.c); `{` takes
 * the rest of its line with it, as Prisma's BLOCK_OPEN does; whitespace is tab or
 * any Unicode space separator. The input is one NUL-terminated buffer with
 * yyfill off, a rule for the terminating NUL and a catch-all, so every byte is
 * handled (house style rule 12).
 */
#include "lexer.h"
#include "parser.h"

#include <string.h>

/*!include:re2c "unicode_categories.re" */

void shale_lexer_init(shale_lexer *lx, const char *text, uint32_t len)
{
    lx->base = (const unsigned char *)text;
    lx->cursor = lx->base;
    lx->limit = lx->base + len;
}

static int keyword(const unsigned char *s, size_t n)
{
    switch (n) {
    case 4:
        if (!memcmp(s, "enum", 4)) return TK_ENUM;
        if (!memcmp(s, "type", 4)) return TK_TYPE;
        if (!memcmp(s, "view", 4)) return TK_VIEW;
        break;
    case 5:
        if (!memcmp(s, "model", 5)) return TK_MODEL;
        break;
    case 9:
        if (!memcmp(s, "generator", 9)) return TK_GENERATOR;
        break;
    case 10:
        if (!memcmp(s, "datasource", 10)) return TK_DATASOURCE;
        break;
    }
    return TK_IDENT;
}

/* Prisma's block keywords are plain prefixes in its PEG grammar, and the space after
 * one may be empty, so where a block can start `modelFoo {` is the model `Foo` (and
 * `prisma format` prints `model Foo {`). An identifier [start, end) that begins with a
 * keyword and is followed by `{` is cut after the keyword when it also stands where a
 * block can start: first on its line, or after a `}` or a block comment. Returns the
 * keyword's length, or 0 to keep the identifier whole. */
static size_t keyword_prefix(const unsigned char *base, const unsigned char *start, const unsigned char *end)
{
    static const char *const kws[] = {"model", "view", "type", "enum", "datasource", "generator"};
    size_t n = 0;
    for (int i = 0; i < 6 && !n; i++) {
        size_t k = strlen(kws[i]);
        /* The rest must be an identifier itself, which cannot start with `_` or `-`. */
        if ((size_t)(end - start) > k && !memcmp(start, kws[i], k) && start[k] != '_' && start[k] != '-') n = k;
    }
    if (!n) return 0;
    const unsigned char *p = end;
    while (*p == ' ' || *p == '\t') p++;
    if (*p != '{') return 0;
    p = start;
    while (p > base && (p[-1] == ' ' || p[-1] == '\t')) p--;
    if (p == base || p[-1] == '\n' || p[-1] == '\r' || p[-1] == '}') return n;
    return p - base >= 2 && p[-1] == '/' && p[-2] == '*' ? n : 0;
}

int shale_lex(shale_lexer *lx, shale_tok *tok)
{
    const unsigned char *YYCURSOR = lx->cursor, *YYMARKER = YYCURSOR;
    const unsigned char *start = YYCURSOR;
    int kind;
    /*!re2c
        re2c:define:YYCTYPE = "unsigned char";
        re2c:yyfill:enable = 0;
        re2c:flags:utf-8 = 1;

        nul        = "\x00";
        ws         = [\t] | Zs;
        nl         = "\n" | "\r\n" | "\r";
        letter     = L | [0-9];
        ident      = letter (letter | [_-])*;
        path       = ident ("." ident?)+;
        number     = "-"? [0-9]+ ("." [0-9]+)?;
        strchar    = [^"\\\x00-\x1f] | "\\" [^\x00\n\r];
        rest       = [^\n\r\x00]*;

        nul {
            if (start == lx->limit) { YYCURSOR = start; kind = TK_END; goto done; }
            kind = TK_INVALID; goto done;
        }
        ws+        { kind = SHALE_LEX_SKIP; goto done; }
        nl         { kind = TK_NEWLINE; goto done; }
        "//" rest  { kind = TK_COMMENT; goto done; }
        "/*" ([^*\x00] | "*"+ [^*/\x00])* "*"+ "/" { kind = TK_COMMENT; goto done; }
        // An unclosed comment is the rest of its line, but it stops short of any
        // closing star-slash: otherwise this longer match would beat a closed comment
        // followed by more text on its line, which Prisma reads as a comment and then
        // a model, a field or an invalid line.
        "/*" ([^*\n\r\x00] | "*"+ [^*/\n\r\x00])* "*"* { kind = TK_INVALID; goto done; }
        ["] strchar* ["] { kind = TK_STRING; goto done; }
        ["] strchar*     { kind = TK_INVALID; goto done; }
        // A bare run of digits is a number in an expression but a name anywhere a
        // name goes (`model 123 {`, a field `123 456`): Prisma's identifiers may start
        // with a digit. The grammar takes DIGITS for either.
        [0-9]+     { kind = TK_DIGITS; goto done; }
        number     { kind = TK_NUMBER; goto done; }
        "Unsupported(" { kind = TK_UNSUPPORTED; goto done; }
        ident      {
            size_t kw = keyword_prefix(lx->base, start, YYCURSOR);
            if (kw) YYCURSOR = start + kw;
            kind = keyword(start, (size_t)(YYCURSOR - start));
            goto done;
        }
        path       { kind = TK_PATH; goto done; }
        "@@"       { kind = TK_ATAT; goto done; }
        "@"        { kind = TK_AT; goto done; }
        "("        { kind = TK_LPAREN; goto done; }
        ")"        { kind = TK_RPAREN; goto done; }
        "[]"       { kind = TK_LISTMARK; goto done; }
        "["        { kind = TK_LBRACKET; goto done; }
        "]"        { kind = TK_RBRACKET; goto done; }
        ","        { kind = TK_COMMA; goto done; }
        ":"        { kind = TK_COLON; goto done; }
        "="        { kind = TK_EQUALS; goto done; }
        "?"        { kind = TK_QUESTION; goto done; }
        "!"        { kind = TK_BANG; goto done; }
        "{" rest   { kind = TK_LBRACE; goto done; }
        "}"        { kind = TK_RBRACE; goto done; }
        *          { kind = TK_INVALID; goto done; }
    */
done:
    (void)YYMARKER;
    /* A NUL inside the text must not end a multi-byte match early past the limit. */
    if (YYCURSOR > lx->limit) YYCURSOR = lx->limit;
    tok->start = (uint32_t)(start - lx->base);
    tok->end = (uint32_t)(YYCURSOR - lx->base);
    lx->cursor = YYCURSOR;
    return kind;
}

shale_invalid_kind shale_lex_invalid_kind(const char *text, shale_tok tok)
{
    const char *s = text + tok.start;
    if (tok.end > tok.start && s[0] == '"') {
        /* The literal stopped early: at the end of the line, or at a control byte that
         * JSON string rules forbid inside quotes. */
        unsigned char stop = (unsigned char)text[tok.end];
        return stop != '\n' && stop != '\r' && stop != '\0' && stop < 0x20 ? SHALE_INVALID_STRING_CONTROL
                                                                        : SHALE_INVALID_STRING;
    }
    if (tok.end - tok.start >= 2 && s[0] == '/' && s[1] == '*') return SHALE_INVALID_COMMENT;
    if (s[0] == '\0') return SHALE_INVALID_NUL;
    return SHALE_INVALID_CHAR;
}
