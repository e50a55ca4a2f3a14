/* test_base.c - unit tests of the base layer: arena, growable buffer, and the
 * offset -> line/column mapping of source.c (CRLF, CR, UTF-8 columns). */
#include "compiler/arena.h"
#include "runtime/buf.h"
#include "compiler/source.h"
#include "tap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void test_arena(void)
{
    shale_arena a;
    shale_arena_init(&a);
    char *p = shale_arena_alloc(&a, 10);
    CHECK(p != NULL && p[0] == 0 && p[9] == 0, "arena memory is zeroed");
    CHECK(((uintptr_t)p % _Alignof(max_align_t)) == 0, "arena memory is aligned");
    void *big = shale_arena_alloc(&a, 10u * 1024 * 1024);
    CHECK(big != NULL, "arena serves a block larger than its chunk size");
    char *s = shale_arena_strndup(&a, "hello world", 5);
    CHECK(s && strcmp(s, "hello") == 0, "arena strndup copies and terminates");
    char *f = shale_arena_printf(&a, "%s-%d", "x", 42);
    CHECK(f && strcmp(f, "x-42") == 0, "arena printf");
    CHECK(shale_arena_alloc(&a, SIZE_MAX - 4) == NULL, "arena refuses an impossible size");
    int many_ok = 1;
    for (int i = 0; i < 100000; i++) {
        int *q = shale_arena_alloc(&a, sizeof *q);
        if (!q) many_ok = 0;
        else *q = i;
    }
    CHECK(many_ok, "arena serves 100,000 small allocations");
    shale_arena_free(&a);
    CHECK(a.head == NULL && a.total == 0, "arena free resets it");
}

static void test_buf(void)
{
    shale_buf b = SHALE_BUF_INIT;
    shale_buf_puts(&b, "abc");
    shale_buf_putc(&b, 'd');
    shale_buf_fill(&b, ' ', 3);
    shale_buf_printf(&b, "%d", 12345);
    CHECK(b.len == 12 && strcmp(b.ptr, "abcd   12345") == 0, "buf appends");
    for (int i = 0; i < 100000; i++) shale_buf_putc(&b, 'x');
    CHECK(b.len == 100012 && !b.oom, "buf grows");
    size_t len;
    char *p = shale_buf_detach(&b, &len);
    CHECK(p && len == 100012 && b.ptr == NULL && b.len == 0, "buf detach hands over the memory");
    free(p);
    shale_buf e = SHALE_BUF_INIT;
    p = shale_buf_detach(&e, &len);
    CHECK(p && len == 0 && p[0] == '\0', "detach of an empty buf gives an empty string");
    free(p);
    shale_buf_free(&e);
}

static void test_source(void)
{
    const char *text = "ab\r\ncd\ref\n\xc3\xa9x\xe2\x82\xacy";
    shale_source src = {"t.prisma", text, strlen(text), NULL, 0};
    shale_position p;
    shale_source_position(&src, 0, &p);
    CHECK(p.line == 1 && p.column == 1, "offset 0 is 1:1");
    shale_source_position(&src, 4, &p);
    CHECK(p.line == 2 && p.column == 1, "CRLF ends a line");
    shale_source_position(&src, 7, &p);
    CHECK(p.line == 3 && p.column == 1, "a lone CR ends a line");
    shale_source_position(&src, 12, &p); /* after the two-byte e-acute */
    CHECK(p.line == 4 && p.column == 2, "columns count code points, not bytes (%u:%u)", p.line, p.column);
    shale_source_position(&src, 16, &p); /* after the euro sign */
    CHECK(p.line == 4 && p.column == 4, "three-byte characters are one column (%u:%u)", p.line, p.column);
    shale_source_position(&src, 1000, &p);
    CHECK(p.line == 4 && p.offset == src.len, "offsets past the end are clamped");
    shale_str l = shale_source_line(&src, 2);
    CHECK(l.len == 2 && memcmp(l.ptr, "cd", 2) == 0, "line text has no terminator");
    l = shale_source_line(&src, 9);
    CHECK(l.ptr == NULL && l.len == 0, "a line past the end is empty");
    shale_source_release(&src);
}

int main(void)
{
    test_arena();
    test_buf();
    test_source();
    return TAP_DONE();
}
