/* pg_conn.h - how the migration engine finds and opens its PostgreSQL connection, the
 * way users of Prisma expect: the URL comes from --url, DATABASE_URL or a .env file;
 * Prisma's own URL parameters (?schema=, connection_limit, pgbouncer, ...) are accepted
 * and stripped before libpq sees the URL; failures name the server and the cause in plain
 * words and never show the password.
 *
 * Every `char **err` receives a malloc'd message on failure (caller frees with free());
 * it is left untouched on success. Messages never contain the URL's password.
 */
#ifndef SHALE_RUNTIME_PG_CONN_H
#define SHALE_RUNTIME_PG_CONN_H

#include <libpq-fe.h>

/* Finds the database URL, first match wins: `flag_url` (--url) when not NULL; the
 * environment variable DATABASE_URL when set and not empty; DATABASE_URL in the file
 * `.env` in the schema's folder (`schema_path` is the schema file or its folder; may be
 * NULL); DATABASE_URL in `./.env`. A .env file is read as Prisma's dotenv reads it:
 * KEY=VALUE lines, optionally after `export `; a bare value ends at '#' (a comment) and
 * is trimmed; a value in '...', "..." or `...` is taken as is, except \n and \r in
 * "..."; lines starting with # are comments; the last DATABASE_URL line counts.
 * ${VAR} references (dotenv-expand) are not expanded.
 * Errors: SHALE_ENOENT (no URL anywhere; *err says where shale looked), SHALE_EIO (a .env
 * file exists but cannot be read), SHALE_ENOMEM.
 * Returns: 0 with *url (the URL as found) and *source ("--url", "DATABASE_URL" or
 * ".env at PATH"); caller frees both with free(). */
int shale_pg_find_url(const char *flag_url, const char *schema_path, char **url, char **source, char **err);

/* Connects to `url`, a postgresql:// or postgres:// URL that may carry Prisma's
 * parameters. Without a connect_timeout parameter, gives up after 5 seconds as Prisma
 * does. On failure *err names the host, port, database and the cause: "server
 * unreachable", "authentication failed", "database ... does not exist", "invalid URL", or
 * the server's own words for anything else.
 * Errors: SHALE_EINVAL (invalid URL), SHALE_ECONN (the connection failed), SHALE_ENOMEM.
 * Returns: 0 with *out, an open connection; caller closes it with PQfinish(). */
int shale_pg_connect(const char *url, PGconn **out, char **err);

/* `url` with the password (of user:password@ and of a password= parameter) replaced by
 * "***", for messages. Text that is not a URL comes back unchanged.
 * Returns: caller frees with free(); NULL only when out of memory. */
char *shale_pg_redact_url(const char *url);

/* `url` without the query parameters that Prisma defines and libpq does not know
 * (schema, connection_limit, pool_timeout, socket_timeout, pgbouncer,
 * statement_cache_size, sslaccept, sslidentity, ...): the URL to hand to libpq.
 * Other parameters, known to libpq or not, are kept (libpq rejects unknown ones).
 * Errors: SHALE_ENOMEM.
 * Returns: 0 with *out; caller frees with free(). */
int shale_pg_strip_prisma_params(const char *url, char **out);

/* The PostgreSQL schema the migration engine works in: the URL's `schema` parameter,
 * percent-decoded, or "public" when there is none or it is empty.
 * Errors: SHALE_ENOMEM.
 * Returns: 0 with *out; caller frees with free(). */
int shale_pg_url_schema(const char *url, char **out);

#endif
