/* lexer.h - the re2c tokenizer for Prisma schema files (grammar/lexer.re).
 *
 * It has no state beyond a cursor: shale_lex() skips blanks, classifies the bytes
 * at the cursor and returns one token code from the Lemon-generated parser.h
 * (TK_*). Tokens are spans into the buffer; nothing is copied. Newlines are tokens
 * because Prisma's syntax is line-oriented; blanks (tab and Unicode space
 * separators) are not tokens at all.
 */
#ifndef SHALE_GRAMMAR_LEXER_H
#define SHALE_GRAMMAR_LEXER_H

#include <stdint.h>

typedef struct shale_lexer {
    const unsigned char *base;   /* start of the buffer */
    const unsigned char *cursor; /* next byte to read */
    const unsigned char *limit;  /* the NUL that terminates the buffer (== base + len) */
} shale_lexer;

typedef struct shale_tok {
    uint32_t start, end; /* byte offsets into the buffer */
} shale_tok;

/* The buffer must be NUL-terminated at base[len]; NUL bytes before that are
 * reported as invalid characters. */
void shale_lexer_init(shale_lexer *lx, const char *text, uint32_t len);

/* Skips blanks, then reads one token into *tok; tok->start is where the blanks end.
 * Returns: a TK_* code, or TK_END at the end of the buffer (repeatedly). */
int shale_lex(shale_lexer *lx, shale_tok *tok);

/* Sub-kinds the parser driver needs to give better messages. */
typedef enum shale_invalid_kind {
    SHALE_INVALID_CHAR,          /* a character that starts no token */
    SHALE_INVALID_NUL,           /* a NUL byte inside the file */
    SHALE_INVALID_STRING,        /* a string literal with no closing quote on its line */
    SHALE_INVALID_STRING_CONTROL, /* a string literal holding a raw control character (a tab) */
    SHALE_INVALID_COMMENT,       /* a block comment with no closing star-slash */
} shale_invalid_kind;

/* Classifies a TK_INVALID token (by looking at its first bytes). */
shale_invalid_kind shale_lex_invalid_kind(const char *text, shale_tok tok);

#endif
