/* tap.h - a tiny TAP harness for unit tests (house style rule 21): CHECK(cond, name)
 * prints "ok N - name" or "not ok N - name" and the test binary exits non-zero if any
 * check failed. */
#ifndef SHALE_TESTS_TAP_H
#define SHALE_TESTS_TAP_H

#include <stdio.h>

static int tap_n, tap_failed;

#define CHECK(cond, ...)                                                                                       \
    do {                                                                                                       \
        tap_n++;                                                                                               \
        if (cond) {                                                                                            \
            printf("ok %d - ", tap_n);                                                                         \
        } else {                                                                                               \
            tap_failed++;                                                                                      \
            printf("not ok %d - ", tap_n);                                                                     \
        }                                                                                                      \
        printf(__VA_ARGS__);                                                                                   \
        printf("\n");                                                                                          \
    } while (0)

#define TAP_DONE() (printf("1..%d\n", tap_n), tap_failed ? 1 : 0)

#endif
