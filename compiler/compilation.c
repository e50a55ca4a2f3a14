/* compilation.c - loading schema files and running the front end (see compilation.h). */
#define _DEFAULT_SOURCE 1 /* posix_memalign, MADV_HUGEPAGE */
#include "compilation.h"

#include "runtime/buf.h"
#include "diag_codes.h"
#include "parse.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>

int shale_compilation_new(shale_compilation **out)
{
    shale_compilation *c = calloc(1, sizeof *c);
    if (!c) return SHALE_ENOMEM;
    shale_arena_init(&c->arena);
    shale_diag_sink_init(&c->diags, &c->arena);
    *out = c;
    return SHALE_OK;
}

void shale_compilation_free(shale_compilation *c)
{
    if (!c) return;
    for (size_t i = 0; i < c->n_sources; i++) {
        shale_source_release(&c->sources[i]);
        free((char *)c->sources[i].text);
        free((char *)c->sources[i].path);
    }
    free(c->sources);
    free(c->asts);
    shale_arena_free(&c->arena);
    free(c);
}

/* Takes ownership of `text` (heap, NUL-terminated at len) and `path` (heap). */
static int add_owned(shale_compilation *c, char *path, char *text, size_t len, uint32_t *out_file_id)
{
    if (c->n_sources == c->cap_sources) {
        size_t cap = c->cap_sources ? c->cap_sources * 2 : 4;
        shale_source *s = realloc(c->sources, cap * sizeof *s);
        if (!s) goto oom;
        c->sources = s;
        shale_ast_file **a = realloc(c->asts, cap * sizeof *a);
        if (!a) goto oom;
        c->asts = a;
        c->cap_sources = cap;
    }
    shale_source *src = &c->sources[c->n_sources];
    memset(src, 0, sizeof *src);
    src->path = path;
    src->text = text;
    src->len = len;
    c->asts[c->n_sources] = NULL;
    if (out_file_id) *out_file_id = (uint32_t)c->n_sources;
    c->n_sources++;
    return SHALE_OK;
oom:
    free(path);
    free(text);
    return SHALE_ENOMEM;
}

int shale_compilation_add_source(shale_compilation *c, const char *path, const char *text, size_t len,
                                 uint32_t *out_file_id)
{
    if (len > SHALE_SOURCE_MAX_BYTES) return SHALE_EINVAL;
    char *p = strdup(path);
    char *t = malloc(len + 1);
    if (!p || !t) {
        free(p);
        free(t);
        return SHALE_ENOMEM;
    }
    if (len) memcpy(t, text, len);
    t[len] = '\0';
    return add_owned(c, p, t, len, out_file_id);
}

static void report_io(shale_compilation *c, const char *code, const char *fmt, const char *path, const char *why)
{
    shale_span none = {UINT32_MAX, 0, 0};
    shale_diag_report(&c->diags, SHALE_SEV_ERROR, code, none, fmt, path, why);
}

#define TEXT_PAGE ((size_t)2 * 1024 * 1024)

/* Room for a large file's text in `b`: whole 2 MiB pages, aligned to them, with 64 KiB
 * to spare so the read loop below never grows it. A malloc'd buffer starts off a page
 * boundary: its first stretch filled 4 KiB pages one fault at a time, and its last
 * 2 MiB page held little, so the text of a 5.7 MB schema took 6.9 MiB. Falls back to
 * shale_buf_reserve() (the memory is free()'d like any buffer's). */
static void reserve_text(shale_buf *b, size_t size)
{
    if (size + 1 >= 2 * TEXT_PAGE && size <= SIZE_MAX - 65536 - 2 * TEXT_PAGE) {
        size_t cap = (size + 1 + 65536 + TEXT_PAGE - 1) & ~(TEXT_PAGE - 1);
        void *p = NULL;
        if (posix_memalign(&p, TEXT_PAGE, cap) == 0) {
#if defined(MADV_HUGEPAGE)
            madvise(p, cap, MADV_HUGEPAGE);
#endif
            b->ptr = p;
            b->cap = cap;
            return;
        }
    }
    shale_buf_reserve(b, size + 1);
}

int shale_compilation_add_file(shale_compilation *c, const char *path, uint32_t *out_file_id)
{
    FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!fp) {
        int e = errno;
        report_io(c, SHALE_E_IO, "could not read `%s`: %s", path, strerror(e));
        errno = e;
        return SHALE_EIO;
    }
    shale_buf b = SHALE_BUF_INIT;
    /* A regular file is read straight into a buffer of its size: growing the buffer
     * as it fills copied a large schema several times over. A pipe grows as it comes. */
    struct stat st;
    if (fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
        (uint64_t)st.st_size <= SHALE_SOURCE_MAX_BYTES)
        reserve_text(&b, (size_t)st.st_size);
    size_t n;
    int rc = SHALE_OK;
    for (;;) {
        if (b.cap - b.len < 65536) shale_buf_reserve(&b, 65536);
        if (b.oom) break;
        n = fread(b.ptr + b.len, 1, b.cap - b.len - 1, fp); /* keep a byte for the NUL */
        if (n == 0) break;
        b.len += n;
        b.ptr[b.len] = '\0';
        if (b.len > SHALE_SOURCE_MAX_BYTES) {
            rc = SHALE_EINVAL;
            break;
        }
    }
    int e = errno;
    if (rc == SHALE_OK && ferror(fp)) {
        report_io(c, SHALE_E_IO, "could not read `%s`: %s", path, strerror(e));
        rc = SHALE_EIO;
    }
    if (fp != stdin) fclose(fp);
    if (rc == SHALE_EINVAL) report_io(c, SHALE_E_ENCODING, "`%s` is larger than %s, the most shale reads", path, "1 GiB");
    if (rc == SHALE_OK && b.oom) rc = SHALE_ENOMEM;
    if (rc < 0) {
        shale_buf_free(&b);
        errno = e;
        return rc;
    }
    size_t len;
    char *text = shale_buf_detach(&b, &len);
    char *p = strdup(strcmp(path, "-") == 0 ? "<stdin>" : path);
    if (!text || !p) {
        free(text);
        free(p);
        return SHALE_ENOMEM;
    }
    return add_owned(c, p, text, len, out_file_id);
}

typedef struct path_list {
    char **items;
    size_t n, cap;
} path_list;

static int path_list_add(path_list *l, char *p)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        char **items = realloc(l->items, cap * sizeof *items);
        if (!items) {
            free(p);
            return SHALE_ENOMEM;
        }
        l->items = items;
        l->cap = cap;
    }
    l->items[l->n++] = p;
    return SHALE_OK;
}

static bool has_prisma_ext(const char *name)
{
    size_t n = strlen(name);
    return n > 7 && strcmp(name + n - 7, ".prisma") == 0;
}

/* Collects `.prisma` files under `dir`, depth-limited so a symlink loop cannot hang us. */
static int collect(shale_compilation *c, const char *dir, path_list *out, int depth)
{
    if (depth > 32) return SHALE_OK;
    DIR *d = opendir(dir);
    if (!d) {
        int e = errno;
        report_io(c, SHALE_E_IO, "could not read the folder `%s`: %s", dir, strerror(e));
        errno = e;
        return SHALE_EIO;
    }
    struct dirent *de;
    int rc = SHALE_OK;
    while (rc == SHALE_OK && (de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.') continue;
        size_t len = strlen(dir) + strlen(de->d_name) + 2;
        char *p = malloc(len);
        if (!p) {
            rc = SHALE_ENOMEM;
            break;
        }
        snprintf(p, len, "%s/%s", dir, de->d_name);
        struct stat st;
        if (stat(p, &st) != 0) {
            free(p);
            continue;
        }
        if (S_ISDIR(st.st_mode)) {
            rc = collect(c, p, out, depth + 1);
            free(p);
        } else if (S_ISREG(st.st_mode) && has_prisma_ext(de->d_name)) {
            rc = path_list_add(out, p);
        } else {
            free(p);
        }
    }
    closedir(d);
    return rc;
}

static int cmp_paths(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int shale_compilation_add_schema_path(shale_compilation *c, const char *path)
{
    struct stat st;
    if (strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        path_list files = {0};
        int rc = collect(c, path, &files, 0);
        if (rc == SHALE_OK && files.n == 0) {
            report_io(c, SHALE_E_NO_SCHEMA, "the folder `%s` holds no `.prisma` file%s", path, "");
            rc = SHALE_ENOTFOUND;
        }
        if (rc == SHALE_OK) qsort(files.items, files.n, sizeof *files.items, cmp_paths);
        for (size_t i = 0; rc == SHALE_OK && i < files.n; i++) rc = shale_compilation_add_file(c, files.items[i], NULL);
        for (size_t i = 0; i < files.n; i++) free(files.items[i]);
        free(files.items);
        return rc;
    }
    return shale_compilation_add_file(c, path, NULL);
}

int shale_compilation_parse(shale_compilation *c)
{
    for (size_t i = 0; i < c->n_sources; i++) {
        if (c->asts[i]) continue;
        int rc = shale_parse(&c->asts[i], &c->arena, &c->diags, &c->sources[i], (uint32_t)i);
        if (rc < 0) return rc;
    }
    return SHALE_OK;
}

size_t shale_compilation_syntax_errors(const shale_compilation *c)
{
    size_t n = 0;
    for (size_t i = 0; i < c->n_sources; i++)
        if (c->asts[i]) n += c->asts[i]->n_syntax_errors;
    return n;
}
