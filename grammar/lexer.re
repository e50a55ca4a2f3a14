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
        "/*" rest  { kind = TK_INVALID; goto done; }
        ["] strchar* ["] { kind = TK_STRING; goto done; }
        ["] strchar*     { kind = TK_INVALID; goto done; }
        number     { kind = TK_NUMBER; goto done; }
        "Unsupported(" { kind = TK_UNSUPPORTED; goto done; }
        ident      { kind = keyword(start, (size_t)(YYCURSOR - start)); goto done; }
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
