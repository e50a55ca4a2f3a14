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

#include <stdbool.h>
#include <string.h>

/*!include:re2c "unicode_categories.re" */

void shale_lexer_init(shale_lexer *lx, const char *text, uint32_t len)
{
    lx->base = (const unsigned char *)text;
    lx->cursor = lx->base;
    lx->limit = lx->base + len;
}

/* The block keywords, found by their first byte: no two share one. */
typedef struct keyword {
    const char *text;
    unsigned char len; /* 0: no keyword starts with this byte */
    unsigned char kind;
} keyword;

static const keyword keywords[256] = {
    ['d'] = {"datasource", 10, TK_DATASOURCE},
    ['e'] = {"enum", 4, TK_ENUM},
    ['g'] = {"generator", 9, TK_GENERATOR},
    ['m'] = {"model", 5, TK_MODEL},
    ['t'] = {"type", 4, TK_TYPE},
    ['v'] = {"view", 4, TK_VIEW},
};

/* Whether s starts with the n bytes of kw; most names differ at their second byte,
 * so a loop beats a call to memcmp. */
static bool starts_with_keyword(const unsigned char *s, const keyword *kw, size_t n)
{
    const char *k = kw->text;
    while (n && *s == (unsigned char)*k) {
        s++;
        k++;
        n--;
    }
    return n == 0;
}

/* Prisma's block keywords are plain prefixes in its PEG grammar, and the space after
 * one may be empty, so where a block can start `modelFoo {` is the model `Foo` (and
 * `prisma format` prints `model Foo {`). An identifier [start, end), longer than the
 * keyword `kw` its first byte picks, is cut after that keyword when it begins with it,
 * is followed by `{` and stands where a block can start: first on its line, or after
 * a `}` or a block comment. Returns whether to cut. */
static bool keyword_prefix(const unsigned char *base, const unsigned char *start, const unsigned char *end,
                           const keyword *kw)
{
    size_t n = kw->len;
    /* The rest must be an identifier itself, which cannot start with `_` or `-`. */
    if (!starts_with_keyword(start, kw, n) || start[n] == '_' || start[n] == '-') return false;
    const unsigned char *p = end;
    while (*p == ' ' || *p == '\t') p++;
    if (*p != '{') return false;
    p = start;
    while (p > base && (p[-1] == ' ' || p[-1] == '\t')) p--;
    if (p == base || p[-1] == '\n' || p[-1] == '\r' || p[-1] == '}') return true;
    return p - base >= 2 && p[-1] == '/' && p[-2] == '*';
}

/* Byte classes for the fast paths in front of the automaton, as in SQLite's
 * tokenizer: most tokens of a schema are ASCII names and single blanks, and a table
 * lookup per byte beats the automaton's Unicode-aware states for them. */
enum { CC_START = 1, CC_CONT = 2, CC_BLANK = 4 };
#define CC_L (CC_START | CC_CONT)
static const unsigned char cc[256] = {
    /* 0x00 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, CC_BLANK, 0, 0, 0, 0, 0, 0,
    /* 0x10 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    /* 0x20 */ CC_BLANK, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, CC_CONT, 0, 0,
    /* 0x30 */ CC_CONT, CC_CONT, CC_CONT, CC_CONT, CC_CONT, CC_CONT, CC_CONT, CC_CONT, CC_CONT, CC_CONT, 0, 0, 0, 0, 0, 0,
    /* 0x40 */ 0, CC_L, CC_L, CC_L, CC_L, CC_L, CC_L, CC_L, CC_L, CC_L, CC_L, CC_L, CC_L, CC_L, CC_L, CC_L,
    /* 0x50 */ CC_L, CC_L, CC_L, CC_L, CC_L, CC_L, CC_L, CC_L, CC_L, CC_L, CC_L, 0, 0, 0, 0, CC_CONT,
    /* 0x60 */ 0, CC_L, CC_L, CC_L, CC_L, CC_L, CC_L, CC_L, CC_L, CC_L, CC_L, CC_L, CC_L, CC_L, CC_L, CC_L,
    /* 0x70 */ CC_L, CC_L, CC_L, CC_L, CC_L, CC_L, CC_L, CC_L, CC_L, CC_L, CC_L, 0, 0, 0, 0, 0,
};
#undef CC_L

int shale_lex(shale_lexer *lx, shale_tok *tok)
{
    const unsigned char *YYCURSOR = lx->cursor, *YYMARKER = YYCURSOR;
    const unsigned char *start;
    int kind;
next:
    while (cc[*YYCURSOR] & CC_BLANK) YYCURSOR++;
    start = YYCURSOR;
    if (cc[*start] & CC_START) {
        /* An ASCII name: the automaton would match the same bytes, unless the name
         * goes on with a dot (a path) or a non-ASCII letter, or is `Unsupported(`. */
        const unsigned char *q = start + 1;
        while (cc[*q] & CC_CONT) q++;
        if (*q != '.' && *q < 0x80 && !(*q == '(' && q - start == 11 && !memcmp(start, "Unsupported", 11))) {
            YYCURSOR = q;
            goto ident;
        }
    } else if (*start == '\n') {
        YYCURSOR = start + 1;
        kind = TK_NEWLINE;
        goto done;
    } else if (*start == '@') {
        /* `@name`, `@@name` and their dotted forms (`@db.VarChar`), ASCII, are one token:
         * the parser takes a tenth fewer. Anything the automaton would read differently
         * (a digit after a dot, a non-ASCII letter, `Unsupported(`) goes to it as `@`. */
        const unsigned char *p = start + 1;
        int at = TK_ATNAME;
        if (*p == '@') {
            p++;
            at = TK_ATATNAME;
        }
        if (cc[*p] & CC_START) {
            const unsigned char *q = p + 1;
            while (cc[*q] & CC_CONT) q++;
            while (*q == '.' && (cc[q[1]] & CC_START))
                for (q += 2; cc[*q] & CC_CONT;) q++;
            if (*q != '.' && *q < 0x80 && !(*q == '(' && q - p == 11 && !memcmp(p, "Unsupported", 11))) {
                YYCURSOR = q;
                kind = at;
                goto done;
            }
        }
    }
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
        // Blanks separate tokens and are never tokens themselves: skipping them here
        // instead of handing them to the driver saves a third of its loop.
        ws+        { goto next; }
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
        ident      { goto ident; }
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
ident: {
    /* Most names do not start with a keyword's first byte, or differ from it in length. */
    const keyword *kw = &keywords[*start];
    size_t len = (size_t)(YYCURSOR - start);
    if (kw->len && len > kw->len && keyword_prefix(lx->base, start, YYCURSOR, kw)) {
        YYCURSOR = start + kw->len;
        len = kw->len;
    }
    kind = kw->len && len == kw->len && starts_with_keyword(start, kw, len) ? kw->kind : TK_IDENT;
}
done:
    (void)YYMARKER;
    /* A NUL inside the text must not end a multi-byte match early past the limit. */
    if (YYCURSOR > lx->limit) YYCURSOR = lx->limit;
    /* One 8-byte store, not two 4-byte ones: the driver reads the token back whole to
     * hand it to the parser, and a load that spans two stores cannot be forwarded from
     * them (a stall per token, the driver's largest cost). */
    uint64_t packed = (uint64_t)(uint32_t)(start - lx->base) | (uint64_t)(uint32_t)(YYCURSOR - lx->base) << 32;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    packed = packed << 32 | packed >> 32;
#endif
    _Static_assert(sizeof(shale_tok) == sizeof packed, "a token is two 32-bit offsets");
    memcpy(tok, &packed, sizeof packed);
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
