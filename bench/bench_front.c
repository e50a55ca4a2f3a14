/* bench_front.c - `bench_front FILE [ITERATIONS]`: the front-end benchmark. Reads one
 * schema file once, then per iteration builds a compilation from the text in memory,
 * parses it, formats every file and frees everything; prints min and median wall time
 * of parse, format and the whole pass, throughput and peak RSS, and checks that the
 * output equals the input (bench/gen_schema writes files already formatted).
 * Not a test: `make bench` runs it (bench/bench.am). */
#include "compiler/compilation.h"
#include "compiler/format.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

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

/* Sorts v and returns its median. */
static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static double peak_rss_mib(void)
{
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) != 0) return -1;
    return (double)ru.ru_maxrss / 1024.0; /* ru_maxrss is in KiB on Linux */
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

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fputs("usage: bench_front FILE [ITERATIONS]   (default 10 iterations)\n", stderr);
        return 2;
    }
    const char *path = argv[1];
    int iters = 10;
    if (argc == 3) {
        char *end;
        long v = strtol(argv[2], &end, 10);
        if (*end || v < 1 || v > 100000) {
            fputs("bench_front: ITERATIONS must be a number from 1 to 100000\n", stderr);
            return 2;
        }
        iters = (int)v;
    }
    size_t len = 0;
    errno = 0;
    char *text = read_file(path, &len);
    if (!text) {
        fprintf(stderr, "bench_front: %s: %s\n", path, errno ? strerror(errno) : "cannot read");
        return 2;
    }
    double rss_before = peak_rss_mib();
    double *tp = malloc((size_t)iters * sizeof *tp), *tf = malloc((size_t)iters * sizeof *tf),
           *tt = malloc((size_t)iters * sizeof *tt);
    if (!tp || !tf || !tt) {
        fputs("bench_front: out of memory\n", stderr);
        return 2;
    }

    int same = 1, rc = 0;
    size_t syntax_errors = 0, out_len = 0;
    for (int i = 0; i < iters; i++) {
        double t0 = now_ms();
        shale_compilation *c = NULL;
        rc = shale_compilation_new(&c);
        if (rc == SHALE_OK) rc = shale_compilation_add_source(c, path, text, len, NULL);
        if (rc == SHALE_OK) rc = shale_compilation_parse(c);
        if (rc != SHALE_OK) {
            fprintf(stderr, "bench_front: %s: parse failed (error %d)\n", path, rc);
            shale_compilation_free(c);
            break;
        }
        double t1 = now_ms();
        shale_buf out = SHALE_BUF_INIT;
        for (size_t f = 0; f < c->n_sources && rc == SHALE_OK; f++) rc = shale_format_file(&out, c->asts[f]);
        if (rc == SHALE_OK && out.oom) rc = SHALE_ENOMEM;
        double t2 = now_ms();
        if (rc != SHALE_OK) {
            fprintf(stderr, "bench_front: %s: format failed (error %d)\n", path, rc);
            shale_buf_free(&out);
            shale_compilation_free(c);
            break;
        }
        if (i == 0) {
            syntax_errors = shale_compilation_syntax_errors(c);
            out_len = out.len;
            same = out.len == len && memcmp(out.ptr, text, len) == 0;
        }
        shale_buf_free(&out);
        shale_compilation_free(c);
        double t3 = now_ms();
        tp[i] = t1 - t0;
        tf[i] = t2 - t1;
        tt[i] = t3 - t0;
    }
    if (rc != SHALE_OK) return 1;

    double mb = (double)len / 1e6;
    /* The first pass is what a one-shot CLI run pays (fresh memory from the kernel);
     * later passes may reuse memory the allocator kept. */
    double pfirst = tp[0], ffirst = tf[0], tfirst = tt[0];
    double pmed = median(tp, iters), fmed = median(tf, iters), tmed = median(tt, iters);
    printf("%s: %.2f MB (%zu bytes), %d iterations\n", path, mb, len, iters);
    printf("  %-8s %10s %10s %10s\n", "ms", "min", "median", "first");
    printf("  %-8s %10.2f %10.2f %10.2f   (new compilation + add_source + parse)\n", "parse", tp[0], pmed, pfirst);
    printf("  %-8s %10.2f %10.2f %10.2f   (shale_format_file into a shale_buf)\n", "format", tf[0], fmed, ffirst);
    printf("  %-8s %10.2f %10.2f %10.2f   (parse + format + free)\n", "total", tt[0], tmed, tfirst);
    printf("  throughput %.1f MB/s (min total), %.1f MB/s (median total)\n", mb / (tt[0] / 1e3),
           mb / (tmed / 1e3));
    printf("  peak RSS %.1f MiB (%.1f MiB before the first pass, input text included)\n", peak_rss_mib(),
           rss_before);
    if (syntax_errors) printf("  WARNING: %zu syntax error(s) in the input\n", syntax_errors);
    if (same)
        printf("  output check: formatted output == input\n");
    else
        printf("  OUTPUT MISMATCH: the formatted output (%zu bytes) differs from the input (%zu bytes)\n",
               out_len, len);
    free(tp);
    free(tf);
    free(tt);
    free(text);
    return same && !syntax_errors ? 0 : 1;
}
