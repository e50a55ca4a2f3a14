/* diff_count.h - the row counts that turn the destructive-change checks of a diff into
 * concrete warnings ("which still contains 3 non-null values"), read from the database
 * the diff starts from. A check whose counts show nothing to lose then says nothing.
 *
 * Memory: the count arrays are the caller's (n entries each); *err is malloc'd.
 */
#ifndef SHALE_COMPILER_DIFF_COUNT_H
#define SHALE_COMPILER_DIFF_COUNT_H

#include "diff_check.h"

#include <libpq-fe.h>

/* For each check, the row count of its table and the non-null count of its column
 * (SHALE_COUNT_UNKNOWN where the check needs none). Each table and column is counted
 * once. Returns: 0, or SHALE_EIO with *err naming the query and PostgreSQL's reason. */
int shale_diff_count(PGconn *conn, const shale_diff *d, const shale_check *checks, uint32_t n, int64_t *rows,
                     int64_t *values, char **err);

#endif
