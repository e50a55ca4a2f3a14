/* bench_diff.c - the differ benchmark (`make bench-diff`): how long `shale migrate
 * diff --from-schema A --to-schema B --script` takes in-process when B is A with 10%
 * of its models changed, for schemas of growing size, to show the time grows
 * linearly with the number of models.
 *
 * Usage: bench_diff [--write-changed OUT] FILE [ITERATIONS]
 *   FILE is a bench/gen_schema schema. B is made from it in memory: every tenth
 *   model (Model_3, Model_13, ...) gains an optional column and an index on it, and
 *   loses the optional `rank` or `summary` column when it has one, so the diff has
 *   AlterTable, CreateIndex and (for dropped columns) DropIndex-free steps on 10% of
 *   the models. --write-changed saves B, for timing the whole CLI on it.
 * Each iteration parses, resolves and lowers both schemas, diffs them and renders
 * the script and the warnings; it prints the first pass (what one CLI run pays) and
 * the min and median over the iterations, the phases of the first pass, the number
 * of steps and the script size.
 */
#include "compiler/compilation.h"
#include "compiler/diff.h"
#include "compiler/diff_check.h"
#include "compiler/diff_render.h"
#include "compiler/lower.h"
#include "compiler/schema.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    if (buf) buf[n] = '\0', *len = (size_t)n;
    return buf;
}

/* B: the changed copy of A's text (see the header comment). */
static char *change_models(const char *a, size_t len, size_t *out_len, unsigned *n_changed)
{
    size_t cap = len + len / 4 + 4096, n = 0;
    char *out = malloc(cap);
    if (!out) return NULL;
    *n_changed = 0;
    const char *p = a, *end = a + len;
    bool in_changed = false;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        size_t ll = eol ? (size_t)(eol - p) + 1 : (size_t)(end - p);
        unsigned k;
        bool skip = false;
        if (sscanf(p, "model Model_%u {", &k) == 1) in_changed = k % 10 == 3;
        if (in_changed && (strncmp(p, "  rank ", 7) == 0 || strncmp(p, "  summary ", 10) == 0)) skip = true;
        if (in_changed && ll >= 1 && p[0] == '}') {
            if (n + 128 > cap) break;
            n += (size_t)sprintf(out + n, "  benchNote String? @db.VarChar(40)\n\n  @@index([benchNote])\n");
            ++*n_changed;
            in_changed = false;
        }
        if (!skip) {
            if (n + ll + 128 > cap) {
                cap = cap * 2 + ll;
                char *np = realloc(out, cap);
                if (!np) {
                    free(out);
                    return NULL;
                }
                out = np;
            }
            memcpy(out + n, p, ll);
            n += ll;
        }
        p += ll;
    }
    *out_len = n;
    return out;
}

typedef struct side {
    shale_compilation *c;
    shale_ir *ir;
} side;

static int load(side *s, const char *name, const char *text, size_t len)
{
    shale_schema *schema = NULL;
    int rc = shale_compilation_new(&s->c);
    if (rc == SHALE_OK) rc = shale_compilation_add_source(s->c, name, text, len, NULL);
    if (rc == SHALE_OK) rc = shale_compilation_parse(s->c);
    if (rc == SHALE_OK && (shale_compilation_syntax_errors(s->c) || s->c->diags.n_errors)) rc = 1;
    if (rc == SHALE_OK) rc = shale_schema_resolve(s->c, &schema);
    if (rc == SHALE_OK && s->c->diags.n_errors) rc = 1;
    if (rc == SHALE_OK) rc = shale_lower(schema, &s->c->arena, &s->ir);
    return rc;
}

typedef struct run {
    double load, diff, render, total;
    uint32_t steps, checks;
    size_t bytes;
} run;

static int one_pass(run *r, const char *a, size_t alen, const char *b, size_t blen)
{
    double t0 = now_ms();
    side from = {0}, to = {0};
    int rc = load(&from, "a.prisma", a, alen);
    if (rc == SHALE_OK) rc = load(&to, "b.prisma", b, blen);
    double t1 = now_ms();
    shale_arena arena;
    shale_arena_init(&arena);
    shale_diff *d = NULL;
    if (rc == SHALE_OK) rc = shale_diff_compute(&d, from.ir, to.ir, &arena);
    double t2 = now_ms();
    shale_buf out = SHALE_BUF_INIT;
    shale_check *checks = NULL;
    uint32_t n_checks = 0;
    if (rc == SHALE_OK) rc = shale_diff_render_script(&out, d);
    if (rc == SHALE_OK) rc = shale_diff_checks(d, &arena, &checks, &n_checks);
    shale_buf msg = SHALE_BUF_INIT;
    for (uint32_t i = 0; rc == SHALE_OK && i < n_checks; i++)
        shale_check_message(&msg, d, &checks[i], SHALE_COUNT_UNKNOWN, SHALE_COUNT_UNKNOWN);
    double t3 = now_ms();
    r->steps = d ? d->n_steps : 0;
    r->checks = n_checks;
    r->bytes = out.len;
    shale_buf_free(&msg);
    shale_buf_free(&out);
    shale_arena_free(&arena);
    shale_compilation_free(from.c);
    shale_compilation_free(to.c);
    double t4 = now_ms();
    r->load = t1 - t0;
    r->diff = t2 - t1;
    r->render = t3 - t2;
    r->total = t4 - t0;
    return rc;
}

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return a < b ? -1 : a > b;
}

int main(int argc, char **argv)
{
    const char *write_changed = NULL;
    int ai = 1;
    if (ai + 1 < argc && strcmp(argv[ai], "--write-changed") == 0) write_changed = argv[ai + 1], ai += 2;
    if (ai >= argc) {
        fprintf(stderr, "usage: bench_diff [--write-changed OUT] FILE [ITERATIONS]\n");
        return 2;
    }
    const char *path = argv[ai];
    int iters = ai + 1 < argc ? atoi(argv[ai + 1]) : 10;
    if (iters < 1) iters = 1;
    size_t alen = 0, blen = 0;
    char *a = read_file(path, &alen);
    if (!a) {
        perror(path);
        return 1;
    }
    unsigned changed = 0, models = 0;
    for (const char *p = a; (p = strstr(p, "\nmodel ")) != NULL; p++) models++;
    char *b = change_models(a, alen, &blen, &changed);
    if (!b) {
        fprintf(stderr, "out of memory\n");
        return 1;
    }
    if (write_changed) {
        FILE *f = fopen(write_changed, "wb");
        if (!f || fwrite(b, 1, blen, f) != blen || fclose(f) != 0) {
            perror(write_changed);
            return 1;
        }
    }
    double *totals = calloc((size_t)iters, sizeof *totals);
    run first = {0};
    for (int i = 0; i < iters; i++) {
        run r;
        if (one_pass(&r, a, alen, b, blen) != SHALE_OK) {
            fprintf(stderr, "%s: the schemas did not load or diff\n", path);
            return 1;
        }
        if (i == 0) first = r;
        totals[i] = r.total;
    }
    qsort(totals, (size_t)iters, sizeof *totals, cmp_double);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("%s: %u models, %u changed: %u steps, %u warnings, %zu bytes of SQL\n", path, models, changed, first.steps,
           first.checks, first.bytes);
    printf("  first pass %.1f ms (load both %.1f, diff %.1f, render+warnings %.1f); min %.1f ms, median %.1f ms "
           "over %d; %.2f us per model (min); peak RSS %.1f MiB\n",
           first.total, first.load, first.diff, first.render, totals[0], totals[iters / 2], iters,
           totals[0] * 1e3 / (models ? models : 1), ru.ru_maxrss / 1024.0);
    free(totals);
    free(a);
    free(b);
    return 0;
}
