/* sql_literal.h - PostgreSQL literal text for default values, written the way Prisma's
 * schema engine writes it: quoted strings, DateTime defaults in chrono's display
 * form, Bytes defaults as hex. The validator uses the same parsers to reject values
 * the renderer could not write.
 *
 * Memory: output goes to a caller-owned shale_buf; nothing is retained.
 */
#ifndef SHALE_COMPILER_SQL_LITERAL_H
#define SHALE_COMPILER_SQL_LITERAL_H

#include "runtime/buf.h"
#include "common.h"

/* 'text' with every ' doubled (standard_conforming_strings: backslashes stay). */
void shale_sql_put_string(shale_buf *out, shale_str text);

/* Parses an RFC 3339 date-time ("2020-01-01T10:11:12.5+02:00") and writes it quoted as
 * Prisma does: '2020-01-01 10:11:12.500 +02:00' (fraction in 3, 6 or 9 digits, none
 * when zero). Returns false (writing nothing) when `text` is not RFC 3339. */
bool shale_sql_put_datetime(shale_buf *out, shale_str text);

/* The same date-time in Prisma's form without quotes: 2020-01-01 10:11:12.500 +02:00. */
bool shale_datetime_normalize(shale_buf *out, shale_str text);

/* Decodes standard base64 into raw bytes. Returns false (writing nothing) when `text`
 * is not valid base64. */
bool shale_base64_decode(shale_buf *out, shale_str text);

/* Decodes standard base64 and writes it as a bytea hex literal '\x68656c6c6f'.
 * Returns false (writing nothing) when `text` is not valid base64. */
bool shale_sql_put_bytes(shale_buf *out, shale_str text);

#endif
