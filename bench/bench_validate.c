/* bench_validate.c - `bench_validate FILE [ITERATIONS]` and `bench_validate --once FILE`:
 * the validation benchmark. Per pass: a new compilation, the source added, parsed,
 * resolved and checked (shale_schema_resolve, as `shale validate` does) and lowered to
 * the relational IR (shale_lower, as `shale migrate diff` does), then freed. Prints
 * first-pass, min and median wall time of each phase and the peak RSS. `--once` runs a
 * single pass in this fresh process, reading the file the way the CLI does
 * (shale_compilation_add_file), and prints the arena and RSS after each phase: its peak
 * RSS is what a one-shot `shale validate` pays. Not a test: `make bench` runs it. */
#include "compiler/compilation.h"
#include "compiler/lower.h"
#include "compiler/schema.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

enum { PH_PARSE, PH_RESOLVE, PH_LOWER, PH_TOTAL, PH_COUNT };
static const char *const phase_names[PH_COUNT] = {"parse", "resolve", "lower", "total"};
static const char *const phase_notes[PH_COUNT] = {
    "(new compilation + add source + parse)",
    "(shale_schema_resolve: resolve + checks)",
    "(shale_lower to the IR)",
    "(all three + free)",
};

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double peak_rss_mib(void)
{
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) != 0) return -1;
    return (double)ru.ru_maxrss / 1024.0; /* ru_maxrss is in KiB on Linux */
}

/* Bytes handed out by the arena so far (the unused tail of the newest chunk excluded;
 * tails of older chunks are counted, they are lost to the arena anyway). */
static double arena_used_mib(const shale_arena *a)
{
    size_t tail = a->cur ? (size_t)(a->end - a->cur) : 0;
    return (double)(a->total - tail) / (1024.0 * 1024.0);
}

/* Reads the whole file. Returns a malloc'd buffer (NUL-terminated) or NULL. */
static char *read_file(const char *path, size_t *out_len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) return NULL;
    size_t len = 0, cap = 1 << 16;
    char *p = malloc(cap);
    for (;;) {
        if (!p) break;
        if (cap - len < 2) {
            char *q = realloc(p, cap * 2);
            if (!q) {
                free(p);
                p = NULL;
                break;
            }
            p = q;
            cap *= 2;
        }
        size_t n = fread(p + len, 1, cap - len - 1, fp);
        len += n;
        if (n == 0) break;
    }
    if (p && ferror(fp)) {
        free(p);
        p = NULL;
    }
    fclose(fp);
    if (p) {
        p[len] = '\0';
        *out_len = len;
    }
    return p;
}

/* One pass. `text` NULL: the file is read by the compilation (as the CLI does). Fills
 * t[PH_*] in ms; with `verbose`, prints memory after each phase. Returns 0, 1 when the
 * schema has errors, or a negative SHALE_E* code. */
static int one_pass(const char *path, const char *text, size_t len, double *t, bool verbose)
{
    double t0 = now_ms();
    shale_compilation *c = NULL;
    int rc = shale_compilation_new(&c);
    if (rc == SHALE_OK)
        rc = text ? shale_compilation_add_source(c, path, text, len, NULL) : shale_compilation_add_file(c, path, NULL);
    if (rc == SHALE_OK) rc = shale_compilation_parse(c);
    double t1 = now_ms();
    if (verbose && rc == SHALE_OK)
        printf("  after parse:   arena %7.1f MiB, peak RSS %6.1f MiB\n", arena_used_mib(&c->arena), peak_rss_mib());
    shale_schema *s = NULL;
    if (rc == SHALE_OK && (shale_compilation_syntax_errors(c) || c->diags.n_errors)) rc = 1;
    if (rc == SHALE_OK) rc = shale_schema_resolve(c, &s);
    if (rc == SHALE_OK && c->diags.n_errors) rc = 1;
    double t2 = now_ms();
    if (verbose && rc == SHALE_OK)
        printf("  after resolve: arena %7.1f MiB, peak RSS %6.1f MiB\n", arena_used_mib(&c->arena), peak_rss_mib());
    shale_ir *ir = NULL;
    if (rc == SHALE_OK) rc = shale_lower(s, &c->arena, &ir);
    double t3 = now_ms();
    if (verbose && rc == SHALE_OK)
        printf("  after lower:   arena %7.1f MiB, peak RSS %6.1f MiB (%u tables)\n", arena_used_mib(&c->arena),
               peak_rss_mib(), ir->n_tables);
    shale_compilation_free(c);
    double t4 = now_ms();
    t[PH_PARSE] = t1 - t0;
    t[PH_RESOLVE] = t2 - t1;
    t[PH_LOWER] = t3 - t2;
    t[PH_TOTAL] = t4 - t0;
    return rc;
}

static int report_failure(const char *path, int rc)
{
    if (rc == 1) fprintf(stderr, "bench_validate: %s: the schema has errors (run shale validate)\n", path);
    else fprintf(stderr, "bench_validate: %s: failed (error %d)\n", path, rc);
    return 1;
}

/* --once: one pass in this fresh process, file read as the CLI reads it. */
static int run_once(const char *path)
{
    double t[PH_COUNT];
    printf("%s: one pass in a fresh process (peak RSS before: %.1f MiB)\n", path, peak_rss_mib());
    int rc = one_pass(path, NULL, 0, t, true);
    if (rc != SHALE_OK) return report_failure(path, rc);
    for (int p = 0; p < PH_COUNT; p++) printf("  %-8s %8.2f ms   %s\n", phase_names[p], t[p], phase_notes[p]);
    printf("  peak RSS %.1f MiB\n", peak_rss_mib());
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--once") == 0) return run_once(argv[2]);
    if (argc < 2 || argc > 3 || argv[1][0] == '-') {
        fputs("usage: bench_validate FILE [ITERATIONS]   (default 10 iterations)\n"
              "       bench_validate --once FILE        (one pass, fresh process)\n",
              stderr);
        return 2;
    }
    const char *path = argv[1];
    int iters = 10;
    if (argc == 3) {
        char *end;
        long v = strtol(argv[2], &end, 10);
        if (*end || v < 1 || v > 100000) {
            fputs("bench_validate: ITERATIONS must be a number from 1 to 100000\n", stderr);
            return 2;
        }
        iters = (int)v;
    }
    size_t len = 0;
    errno = 0;
    char *text = read_file(path, &len);
    if (!text) {
        fprintf(stderr, "bench_validate: %s: %s\n", path, errno ? strerror(errno) : "cannot read");
        return 2;
    }
    double rss_before = peak_rss_mib();
    double *t[PH_COUNT];
    for (int p = 0; p < PH_COUNT; p++) {
        t[p] = malloc((size_t)iters * sizeof *t[p]);
        if (!t[p]) {
            fputs("bench_validate: out of memory\n", stderr);
            return 2;
        }
    }
    for (int i = 0; i < iters; i++) {
        double ti[PH_COUNT];
        int rc = one_pass(path, text, len, ti, false);
        if (rc != SHALE_OK) return report_failure(path, rc);
        for (int p = 0; p < PH_COUNT; p++) t[p][i] = ti[p];
    }

    printf("%s: %.2f MB (%zu bytes), %d iterations\n", path, (double)len / 1e6, len, iters);
    printf("  %-8s %10s %10s %10s\n", "ms", "first", "min", "median");
    for (int p = 0; p < PH_COUNT; p++) {
        /* The first pass is what a one-shot CLI run pays (fresh memory from the kernel);
         * later passes may reuse memory the allocator kept. */
        double first = t[p][0];
        qsort(t[p], (size_t)iters, sizeof *t[p], cmp_double);
        double med = iters % 2 ? t[p][iters / 2] : (t[p][iters / 2 - 1] + t[p][iters / 2]) / 2;
        printf("  %-8s %10.2f %10.2f %10.2f   %s\n", phase_names[p], first, t[p][0], med, phase_notes[p]);
        free(t[p]);
    }
    printf("  peak RSS %.1f MiB (%.1f MiB before the first pass, input text included; "
           "`--once` gives a single pass's)\n",
           peak_rss_mib(), rss_before);
    free(text);
    return 0;
}
