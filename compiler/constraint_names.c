/* constraint_names.c - Prisma's default constraint and index names (see
 * constraint_names.h). Every rule below was checked against Prisma 7's schema engine
 * with names of 57-64 bytes and with 2- and 3-byte characters straddling the cut. */
#include "constraint_names.h"

#include <string.h>

size_t shale_utf8_floor(const char *s, size_t len, size_t max)
{
    if (len <= max) return len;
    size_t n = max;
    /* s[n] is the first byte left out; while it continues a character, that
     * character would be split. */
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
    return n;
}

/* Byte length of the first `max_chars` characters of s (a character starts at every
 * byte that is not a UTF-8 continuation byte). */
static size_t utf8_prefix_chars(const char *s, size_t len, size_t max_chars)
{
    size_t chars = 0;
    for (size_t i = 0; i < len; i++) {
        if (((unsigned char)s[i] & 0xC0) != 0x80) {
            if (chars == max_chars) return i;
            chars++;
        }
    }
    return len;
}

/* stem[0..stem_len) + suffix, NUL-terminated, into the arena. */
static int join(shale_str *out, shale_arena *a, const char *stem, size_t stem_len, const char *suffix)
{
    size_t slen = strlen(suffix);
    char *p = shale_arena_alloc(a, stem_len + slen + 1);
    if (!p) return SHALE_ENOMEM;
    if (stem_len) memcpy(p, stem, stem_len);
    memcpy(p + stem_len, suffix, slen + 1);
    out->ptr = p;
    out->len = stem_len + slen;
    return 0;
}

int shale_constraint_name(shale_str *out, shale_arena *a, shale_cname_kind kind, shale_str table,
                          const shale_str *cols, uint32_t n_cols)
{
    static const char *const suffix[] = {"_pkey", "_key", "_idx", "_fkey"};
    const char *suf = suffix[kind];
    size_t limit = SHALE_PG_MAX_IDENT - strlen(suf);
    if (kind == SHALE_CNAME_PKEY) {
        return join(out, a, table.ptr, shale_utf8_floor(table.ptr, table.len, limit), suf);
    }
    /* "{table}_{col1}_{col2}..." is built in full first: the cut applies to the
     * joined stem, so a long column list eats into the table name too. One buffer
     * holds the stem and then, from the cut on, the suffix. */
    size_t slen = strlen(suf);
    size_t stem_len = table.len;
    for (uint32_t i = 0; i < n_cols; i++) stem_len += 1 + cols[i].len;
    char *p = shale_arena_alloc(a, stem_len + slen + 1);
    if (!p) return SHALE_ENOMEM;
    size_t n = table.len;
    if (n) memcpy(p, table.ptr, n);
    for (uint32_t i = 0; i < n_cols; i++) {
        p[n++] = '_';
        if (cols[i].len) memcpy(p + n, cols[i].ptr, cols[i].len);
        n += cols[i].len;
    }
    size_t keep = shale_utf8_floor(p, n, limit);
    memcpy(p + keep, suf, slen + 1);
    out->ptr = p;
    out->len = keep + slen;
    return 0;
}

int shale_constraint_name_m2m_table(shale_str *out, shale_arena *a, shale_str relation_name)
{
    /* "_" counts as the first of the 63 characters. */
    size_t keep = utf8_prefix_chars(relation_name.ptr, relation_name.len, SHALE_PG_MAX_IDENT - 1);
    char *p = shale_arena_alloc(a, keep + 2);
    if (!p) return SHALE_ENOMEM;
    p[0] = '_';
    if (keep) memcpy(p + 1, relation_name.ptr, keep);
    p[keep + 1] = '\0';
    out->ptr = p;
    out->len = keep + 1;
    return 0;
}

int shale_constraint_name_m2m_pkey(shale_str *out, shale_arena *a, shale_str join_table)
{
    size_t keep = utf8_prefix_chars(join_table.ptr, join_table.len, SHALE_PG_MAX_IDENT - 8);
    return join(out, a, join_table.ptr, keep, "_AB_pkey");
}

int shale_constraint_name_m2m_b_index(shale_str *out, shale_arena *a, shale_str join_table)
{
    size_t keep = utf8_prefix_chars(join_table.ptr, join_table.len, SHALE_PG_MAX_IDENT - 8);
    return join(out, a, join_table.ptr, keep, "_B_index");
}

int shale_constraint_name_m2m_fkey(shale_str *out, shale_arena *a, shale_str join_table, char side)
{
    size_t keep = shale_utf8_floor(join_table.ptr, join_table.len, SHALE_PG_MAX_IDENT - 7);
    return join(out, a, join_table.ptr, keep, side == 'B' ? "_B_fkey" : "_A_fkey");
}
