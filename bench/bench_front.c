/* bench_front.c - front-end benchmark: parse and format one schema file, repeatedly,
 * in memory, and print the time per pass (min and median) and the peak RSS. Not a
 * test: `make bench` runs it on generated schemas (bench/gen_schema.py). */
#include "compiler/compilation.h"
#include "compiler/format.h"

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

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_front FILE [ITERATIONS]\n");
        return 2;
    }
    int iters = argc > 2 ? atoi(argv[2]) : 10;
    if (iters < 1) iters = 1;
    FILE *fp = fopen(argv[1], "rb");
    if (!fp) {
        perror(argv[1]);
        return 2;
    }
    shale_buf in = SHALE_BUF_INIT;
    char chunk[1 << 16];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) shale_buf_put(&in, chunk, n);
    fclose(fp);
    double *tp = calloc((size_t)iters, sizeof *tp), *tf = calloc((size_t)iters, sizeof *tf),
           *tt = calloc((size_t)iters, sizeof *tt);
    if (!tp || !tf || !tt || in.oom) return 2;
    int same = 1;
    for (int i = 0; i < iters; i++) {
        double t0 = now_ms();
        shale_compilation *c = NULL;
        if (shale_compilation_new(&c) < 0 || shale_compilation_add_source(c, argv[1], in.ptr, in.len, NULL) < 0 ||
            shale_compilation_parse(c) < 0)
            return 2;
        double t1 = now_ms();
        shale_buf out = SHALE_BUF_INIT;
        if (shale_format_file(&out, c->asts[0]) < 0) return 2;
        double t2 = now_ms();
        if (i == 0 && (c->diags.n_errors || out.len != in.len || memcmp(out.ptr, in.ptr, in.len) != 0)) same = 0;
        shale_buf_free(&out);
        shale_compilation_free(c);
        tp[i] = t1 - t0;
        tf[i] = t2 - t1;
        tt[i] = now_ms() - t0;
    }
    qsort(tp, (size_t)iters, sizeof *tp, cmp_double);
    qsort(tf, (size_t)iters, sizeof *tf, cmp_double);
    qsort(tt, (size_t)iters, sizeof *tt, cmp_double);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double mb = in.len / 1e6;
    printf("%s: %.2f MB, %d iterations\n", argv[1], mb, iters);
    printf("  parse   min %7.2f ms  median %7.2f ms\n", tp[0], tp[iters / 2]);
    printf("  format  min %7.2f ms  median %7.2f ms\n", tf[0], tf[iters / 2]);
    printf("  total   min %7.2f ms  median %7.2f ms  (%.0f MB/s)\n", tt[0], tt[iters / 2], mb / (tt[0] / 1e3));
    printf("  peak RSS %.1f MB (includes the input buffer)\n", ru.ru_maxrss / 1024.0);
    if (!same) printf("  NOTE: the file had errors or was not already formatted\n");
    free(tp);
    free(tf);
    free(tt);
    shale_buf_free(&in);
    return 0;
}
