/* pg_conn.c - finding the database URL (--url, DATABASE_URL, .env) and connecting to it
 * with libpq, the front door of every command that talks to PostgreSQL (see pg_conn.h).
 * libpq parses the URL (PQconninfoParse); this file only splits off the parameters
 * Prisma adds, hides passwords and turns libpq's failure text into a plain cause. */
#include "runtime/pg_conn.h"
#include "runtime/buf.h"
#include "runtime/shale_code.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- small helpers ------------------------------------------------------------ */

static char *dup_n(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (!p) return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

/* Sets *err to a formatted message (when err is given) and returns `rc`, or
 * SHALE_ENOMEM when the message cannot be allocated. */
static int fail(char **err, int rc, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
static int fail(char **err, int rc, const char *fmt, ...)
{
    if (!err) return rc;
    va_list ap;
    va_start(ap, fmt);
    *err = shale_vstrfmt(fmt, ap);
    va_end(ap);
    return *err ? rc : SHALE_ENOMEM;
}

static bool is_url(const char *s)
{
    return strncmp(s, "postgresql://", 13) == 0 || strncmp(s, "postgres://", 11) == 0;
}

/* Where the host part starts: after "scheme://" and after "user[:password]@" when there
 * is one. libpq finds the userinfo the same way: an '@' before any '/'. */
static const char *after_userinfo(const char *url, const char **userinfo, size_t *userinfo_len)
{
    const char *a = strstr(url, "://");
    *userinfo = NULL;
    *userinfo_len = 0;
    if (!a) return url;
    a += 3;
    const char *p = a;
    while (*p && *p != '@' && *p != '/') p++;
    if (*p != '@') return a;
    *userinfo = a;
    *userinfo_len = (size_t)(p - a);
    return p + 1;
}

/* The userinfo to hide in messages: libpq's (see after_userinfo), or else, to be safe
 * with URLs libpq would misread ("u:pa/ss@h"), everything before an '@' that comes before
 * the query string. Returns where the host part starts. */
static const char *credentials(const char *url, const char **userinfo, size_t *userinfo_len)
{
    const char *h = after_userinfo(url, userinfo, userinfo_len);
    if (*userinfo || h == url) return h;
    const char *end = h + strcspn(h, "?"), *at = NULL;
    for (const char *p = h; p < end; p++)
        if (*p == '@') at = p;
    if (!at) return h;
    *userinfo = h;
    *userinfo_len = (size_t)(at - h);
    return at + 1;
}

/* The query string: what follows the first '?' after the userinfo, or NULL. */
static const char *query_of(const char *url)
{
    const char *ui;
    size_t uil;
    const char *h = after_userinfo(url, &ui, &uil);
    const char *q = strchr(h, '?');
    return q ? q + 1 : NULL;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* %XX-decodes s[0..n); malformed escapes are kept as they are. Returns: caller frees. */
static char *percent_decode(const char *s, size_t n)
{
    char *out = malloc(n + 1);
    if (!out) return NULL;
    size_t j = 0;
    for (size_t i = 0; i < n; i++) {
        int hi, lo;
        if (s[i] == '%' && i + 2 < n && (hi = hexval(s[i + 1])) >= 0 && (lo = hexval(s[i + 2])) >= 0) {
            out[j++] = (char)(hi * 16 + lo);
            i += 2;
        } else {
            out[j++] = s[i];
        }
    }
    out[j] = '\0';
    return out;
}

/* ---- Prisma's URL parameters ------------------------------------------------------- */

/* Parameters of Prisma's PostgreSQL connection URL that libpq does not know. The
 * ones both know (sslmode, sslcert, connect_timeout, application_name, options, host)
 * go through to libpq. */
static const char *const prisma_params[] = {
    "schema",          "connection_limit",        "pool_timeout",
    "socket_timeout",  "pgbouncer",               "statement_cache_size",
    "sslidentity",     "sslaccept",               "max_connection_lifetime",
    "max_idle_connection_lifetime",
};

static bool is_prisma_param(const char *key, size_t len)
{
    for (size_t i = 0; i < sizeof prisma_params / sizeof *prisma_params; i++)
        if (strlen(prisma_params[i]) == len && memcmp(prisma_params[i], key, len) == 0) return true;
    return false;
}

int shale_pg_strip_prisma_params(const char *url, char **out)
{
    const char *q = query_of(url);
    if (!q) {
        *out = strdup(url);
        return *out ? 0 : SHALE_ENOMEM;
    }
    shale_buf b = SHALE_BUF_INIT;
    shale_buf_put(&b, url, (size_t)(q - 1 - url));
    bool first = true;
    for (const char *p = q; *p;) {
        const char *end = strchr(p, '&');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        size_t klen = 0;
        while (klen < len && p[klen] != '=') klen++;
        if (len > 0 && !is_prisma_param(p, klen)) {
            shale_buf_putc(&b, first ? '?' : '&');
            shale_buf_put(&b, p, len);
            first = false;
        }
        p += len;
        if (*p == '&') p++;
    }
    shale_buf_reserve(&b, 0);
    if (b.oom) {
        shale_buf_free(&b);
        return SHALE_ENOMEM;
    }
    b.ptr[b.len] = '\0';
    *out = b.ptr;
    return 0;
}

/* The last value of query parameter `key`, raw (not decoded), or NULL. */
static const char *param_value(const char *url, const char *key, size_t *len)
{
    const char *q = query_of(url), *found = NULL;
    size_t klen = strlen(key);
    for (const char *p = q; p && *p;) {
        const char *end = strchr(p, '&');
        size_t l = end ? (size_t)(end - p) : strlen(p);
        if (l > klen && memcmp(p, key, klen) == 0 && p[klen] == '=') {
            found = p + klen + 1;
            *len = l - klen - 1;
        }
        p += l;
        if (*p == '&') p++;
    }
    return found;
}

int shale_pg_url_schema(const char *url, char **out)
{
    size_t len = 0;
    const char *v = url ? param_value(url, "schema", &len) : NULL;
    *out = v && len > 0 ? percent_decode(v, len) : strdup("public");
    return *out ? 0 : SHALE_ENOMEM;
}

/* ---- redaction ------------------------------------------------------------------ */

char *shale_pg_redact_url(const char *url)
{
    if (!url) return NULL;
    if (!strstr(url, "://")) return strdup(url);
    shale_buf b = SHALE_BUF_INIT;
    const char *ui;
    size_t uil;
    const char *host = credentials(url, &ui, &uil);
    const char *colon = ui ? memchr(ui, ':', uil) : NULL;
    if (colon) {
        shale_buf_put(&b, url, (size_t)(colon + 1 - url));
        shale_buf_puts(&b, "***");
        shale_buf_put(&b, ui + uil, (size_t)(host - (ui + uil)));
    } else {
        shale_buf_put(&b, url, (size_t)(host - url));
    }
    const char *q = strchr(host, '?');
    shale_buf_put(&b, host, q ? (size_t)(q + 1 - host) : strlen(host));
    for (const char *p = q ? q + 1 : NULL; p && *p;) {
        const char *end = strchr(p, '&');
        size_t l = end ? (size_t)(end - p) : strlen(p);
        if (l >= 9 && memcmp(p, "password=", 9) == 0) {
            shale_buf_puts(&b, "password=***");
        } else {
            shale_buf_put(&b, p, l);
        }
        p += l;
        if (*p == '&') shale_buf_putc(&b, *p++);
    }
    shale_buf_reserve(&b, 0);
    if (b.oom) {
        shale_buf_free(&b);
        return NULL;
    }
    b.ptr[b.len] = '\0';
    return b.ptr;
}

/* Replaces every occurrence of `secret` (when at least 1 byte) in *msg by "***". */
static void scrub(char **msg, const char *secret)
{
    if (!*msg || !secret || !*secret) return;
    size_t sl = strlen(secret);
    if (!strstr(*msg, secret)) return;
    shale_buf b = SHALE_BUF_INIT;
    const char *p = *msg, *hit;
    while ((hit = strstr(p, secret))) {
        shale_buf_put(&b, p, (size_t)(hit - p));
        shale_buf_puts(&b, "***");
        p = hit + sl;
    }
    shale_buf_puts(&b, p);
    if (b.oom || !b.ptr) {
        shale_buf_free(&b);
        return; /* keep the original; the caller scrubbed what it could */
    }
    free(*msg);
    *msg = b.ptr;
}

/* Hides the URL's password in *msg, raw (as written) and decoded (as libpq uses it). */
static void scrub_password(char **msg, const char *url)
{
    const char *ui;
    size_t uil;
    credentials(url, &ui, &uil);
    const char *colon = ui ? memchr(ui, ':', uil) : NULL;
    if (colon) {
        size_t n = (size_t)(ui + uil - colon - 1);
        char *raw = dup_n(colon + 1, n), *dec = percent_decode(colon + 1, n);
        scrub(msg, raw);
        scrub(msg, dec);
        free(raw);
        free(dec);
    }
    size_t len = 0;
    const char *v = param_value(url, "password", &len);
    if (v) {
        char *raw = dup_n(v, len), *dec = percent_decode(v, len);
        scrub(msg, raw);
        scrub(msg, dec);
        free(raw);
        free(dec);
    }
}

/* ---- URL discovery ------------------------------------------------------------------ */

/* DATABASE_URL's value in the .env text `s`, or NULL (*found false). Returns: caller
 * frees; NULL with *found true means out of memory. */
static char *dotenv_lookup(const char *s, bool *found)
{
    char *value = NULL;
    *found = false;
    while (*s) {
        while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n') s++;
        if (!*s) break;
        if (*s == '#') {
            while (*s && *s != '\n') s++;
            continue;
        }
        if (strncmp(s, "export", 6) == 0 && (s[6] == ' ' || s[6] == '\t')) {
            s += 6;
            while (*s == ' ' || *s == '\t') s++;
        }
        const char *key = s;
        while (*s && *s != '=' && *s != '\n' && *s != ' ' && *s != '\t') s++;
        size_t klen = (size_t)(s - key);
        while (*s == ' ' || *s == '\t') s++;
        if (*s != '=') { /* not an assignment: skip the line */
            while (*s && *s != '\n') s++;
            continue;
        }
        s++;
        while (*s == ' ' || *s == '\t') s++;
        bool want = klen == 12 && memcmp(key, "DATABASE_URL", 12) == 0;
        shale_buf v = SHALE_BUF_INIT;
        /* The value as Prisma's dotenv (v16) reads it: in '...', "..." or `...` (may span
         * lines; a backslash-escaped quote does not end it; only "..." expands \n and
         * \r), else up to a '#' or the end of the line, trimmed. */
        char q = *s;
        const char *close = NULL;
        if (q == '"' || q == '\'' || q == '`') {
            const char *p = s + 1;
            while (*p && *p != q) p += (*p == '\\' && p[1] == q) ? 2 : 1;
            if (*p == q) close = p;
        }
        if (close) {
            for (const char *p = s + 1; p < close; p++) {
                if (q == '"' && *p == '\\' && (p[1] == 'n' || p[1] == 'r')) {
                    p++;
                    shale_buf_putc(&v, *p == 'n' ? '\n' : '\r');
                } else {
                    shale_buf_putc(&v, *p);
                }
            }
            s = close + 1;
            while (*s && *s != '\n') s++; /* a comment may follow the closing quote */
        } else {
            const char *start = s, *end;
            while (*s && *s != '\n' && *s != '#') s++;
            end = s;
            while (end > start && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r')) end--;
            shale_buf_put(&v, start, (size_t)(end - start));
            while (*s && *s != '\n') s++;
        }
        if (want) {
            free(value);
            *found = true;
            if (shale_buf_reserve(&v, 0) < 0) {
                shale_buf_free(&v);
                return NULL;
            }
            value = v.ptr;
        } else {
            shale_buf_free(&v);
        }
    }
    return value;
}

/* Reads `path`; 0 with *out (caller frees), or SHALE_ENOTFOUND, SHALE_EIO, SHALE_ENOMEM. */
static int read_file(const char *path, char **out)
{
    FILE *f = fopen(path, "rb");
    if (!f) return errno == ENOENT || errno == ENOTDIR ? SHALE_ENOTFOUND : SHALE_EIO;
    shale_buf b = SHALE_BUF_INIT;
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) shale_buf_put(&b, chunk, n);
    int bad = ferror(f);
    fclose(f);
    shale_buf_reserve(&b, 0);
    if (bad || b.oom) {
        shale_buf_free(&b);
        return bad ? SHALE_EIO : SHALE_ENOMEM;
    }
    b.ptr[b.len] = '\0';
    *out = b.ptr;
    return 0;
}

/* The folder of the schema: the path itself when it is a folder, else its dirname.
 * Returns: caller frees; NULL when out of memory. */
static char *schema_folder(const char *schema_path)
{
    struct stat st;
    if (stat(schema_path, &st) == 0 && S_ISDIR(st.st_mode)) return strdup(schema_path);
    const char *slash = strrchr(schema_path, '/');
    if (!slash) return strdup(".");
    if (slash == schema_path) return strdup("/");
    return dup_n(schema_path, (size_t)(slash - schema_path));
}

static bool same_folder(const char *a, const char *b)
{
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* Looks for DATABASE_URL in `folder`/.env. 0 with *url and *source set, SHALE_ENOTFOUND
 * (no file, or no DATABASE_URL in it), or an error with *err. */
static int try_dotenv(const char *folder, char **url, char **source, char **err)
{
    size_t n = strlen(folder) + 6;
    char *path = malloc(n);
    if (!path) return SHALE_ENOMEM;
    snprintf(path, n, "%s/.env", folder);
    char *text = NULL;
    int rc = read_file(path, &text);
    if (rc == SHALE_EIO) {
        rc = fail(err, SHALE_EIO, "cannot read %s: %s", path, strerror(errno));
    } else if (rc == 0) {
        bool found;
        char *v = dotenv_lookup(text, &found);
        free(text);
        if (found && !v) rc = SHALE_ENOMEM;
        else if (!found) rc = SHALE_ENOTFOUND;
        else {
            size_t sn = strlen(path) + sizeof ".env at ";
            char *src = malloc(sn);
            if (!src) {
                free(v);
                rc = SHALE_ENOMEM;
            } else {
                snprintf(src, sn, ".env at %s", path);
                *url = v;
                *source = src;
            }
        }
    }
    free(path);
    return rc;
}

int shale_pg_find_url(const char *flag_url, const char *schema_path, char **url, char **source, char **err)
{
    *url = NULL;
    *source = NULL;
    const char *env = getenv("DATABASE_URL");
    const char *given = flag_url ? flag_url : (env && *env) ? env : NULL;
    if (given) {
        *url = strdup(given);
        *source = strdup(flag_url ? "--url" : "DATABASE_URL");
        if (*url && *source) return 0;
        free(*url);
        free(*source);
        *url = *source = NULL;
        return SHALE_ENOMEM;
    }
    char *folder = schema_path ? schema_folder(schema_path) : NULL;
    if (schema_path && !folder) return SHALE_ENOMEM;
    int rc = folder ? try_dotenv(folder, url, source, err) : SHALE_ENOTFOUND;
    bool cwd_too = !folder || !same_folder(folder, ".");
    if (rc == SHALE_ENOTFOUND && cwd_too) rc = try_dotenv(".", url, source, err);
    if (rc == SHALE_ENOTFOUND) {
        if (folder && cwd_too)
            rc = fail(err, SHALE_ENOENT,
                      "no database URL: pass --url, set DATABASE_URL, or put DATABASE_URL=\"postgresql://...\" in "
                      "a .env file (looked in %s/.env and ./.env)",
                      folder);
        else
            rc = fail(err, SHALE_ENOENT,
                      "no database URL: pass --url, set DATABASE_URL, or put DATABASE_URL=\"postgresql://...\" in "
                      "a .env file (looked in %s/.env)",
                      folder ? folder : ".");
    }
    free(folder);
    return rc;
}

/* ---- connecting -------------------------------------------------------------------- */

typedef enum { CAUSE_OTHER, CAUSE_INVALID, CAUSE_UNREACHABLE, CAUSE_AUTH, CAUSE_NO_DATABASE } cause;

static bool has(const char *msg, const char *needle) { return strstr(msg, needle) != NULL; }

/* libpq reports connection failures only as text (there is no result to read a SQLSTATE
 * from), so the cause is recognised from its English messages and the server's. */
static cause classify(const char *msg)
{
    /* libpq checks some option values (port, sslmode, ...) only when connecting. */
    if (strncmp(msg, "invalid ", 8) == 0 || has(msg, "invalid integer value") || has(msg, "invalid port number") ||
        has(msg, "could not parse network address"))
        return CAUSE_INVALID;
    if (has(msg, "database \"") && has(msg, "\" does not exist")) return CAUSE_NO_DATABASE;
    if (has(msg, "authentication failed") || (has(msg, "role \"") && has(msg, "\" does not exist")) ||
        has(msg, "is not permitted to log in") || has(msg, "no pg_hba.conf entry") ||
        has(msg, "no password supplied") || has(msg, "password authentication") ||
        has(msg, "SCRAM authentication") || has(msg, "permission denied for database"))
        return CAUSE_AUTH;
    if (has(msg, "Connection refused") || has(msg, "could not translate host name") ||
        has(msg, "timeout expired") || has(msg, "No such file or directory") ||
        has(msg, "Network is unreachable") || has(msg, "No route to host") ||
        has(msg, "Connection timed out") || has(msg, "Cannot assign requested address") ||
        has(msg, "could not connect to server"))
        return CAUSE_UNREACHABLE;
    return CAUSE_OTHER;
}

/* The useful part of libpq's message: its first line, without the
 * `connection to server at "h" (a), port N failed: ` prefix and the `FATAL:  ` tag.
 * Returns: caller frees; NULL when out of memory. */
static char *detail_of(const char *msg)
{
    const char *p = msg;
    while (*p == ' ' || *p == '\n') p++;
    const char *eol = strchr(p, '\n');
    size_t n = eol ? (size_t)(eol - p) : strlen(p);
    if (strncmp(p, "connection to server", 20) == 0) {
        const char *f = strstr(p, " failed: ");
        if (f && f < p + n) {
            n -= (size_t)(f + 9 - p);
            p = f + 9;
        }
    }
    if (strncmp(p, "FATAL:  ", 8) == 0 && n >= 8) {
        p += 8;
        n -= 8;
    }
    while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '.' || p[n - 1] == '\r')) n--;
    return dup_n(p, n);
}

int shale_pg_connect(const char *url, PGconn **out, char **err)
{
    *out = NULL;
    if (!url || !is_url(url))
        return fail(err, SHALE_EINVAL,
                    "invalid URL: the database URL must start with postgresql:// or postgres://");
    char *redacted = shale_pg_redact_url(url), *clean = NULL;
    if (!redacted || shale_pg_strip_prisma_params(url, &clean) < 0) {
        free(redacted);
        return SHALE_ENOMEM;
    }
    int rc = 0;
    char *perr = NULL;
    PQconninfoOption *opts = PQconninfoParse(clean, &perr);
    if (!opts) {
        char *d = perr ? detail_of(perr) : NULL;
        if (d) {
            scrub_password(&d, url);
            rc = fail(err, SHALE_EINVAL, "invalid URL %s: %s", redacted, d);
        } else {
            rc = SHALE_ENOMEM;
        }
        free(d);
        PQfreemem(perr);
        goto done;
    }
    PQconninfoFree(opts);

    /* Defaults go before dbname: values from the expanded URL override them. Prisma
     * gives up after 5 seconds; libpq would wait forever for a silent host. */
    const char *keys[4] = {NULL}, *vals[4] = {NULL};
    int k = 0;
    const char *env_timeout = getenv("PGCONNECT_TIMEOUT");
    if (!env_timeout || !*env_timeout) {
        keys[k] = "connect_timeout";
        vals[k++] = "5";
    }
    keys[k] = "fallback_application_name";
    vals[k++] = "shale";
    keys[k] = "dbname";
    vals[k++] = clean;
    PGconn *conn = PQconnectdbParams(keys, vals, 1);
    if (!conn) {
        rc = SHALE_ENOMEM;
        goto done;
    }
    if (PQstatus(conn) == CONNECTION_OK) {
        *out = conn;
        goto done;
    }
    const char *msg = PQerrorMessage(conn);
    const char *host = PQhost(conn), *port = PQport(conn), *db = PQdb(conn), *user = PQuser(conn);
    if (!host || !*host) host = "localhost";
    if (!port || !*port) port = "5432";
    if (!db) db = "";
    if (!user) user = "";
    char *d = detail_of(msg);
    if (!d) {
        PQfinish(conn);
        rc = SHALE_ENOMEM;
        goto done;
    }
    shale_buf where = SHALE_BUF_INIT;
    if (host[0] == '/' || host[0] == '@') shale_buf_printf(&where, "the socket in %s, port %s", host, port);
    else shale_buf_printf(&where, "%s:%s", host, port);
    const char *w = where.ptr ? where.ptr : host;
    switch (classify(msg)) {
    case CAUSE_INVALID: rc = fail(err, SHALE_EINVAL, "invalid URL %s: %s", redacted, d); break;
    case CAUSE_UNREACHABLE:
        rc = fail(err, SHALE_ECONN,
                  "cannot connect to database \"%s\" at %s: server unreachable (%s); make sure PostgreSQL is "
                  "running there and accepts connections",
                  db, w, d);
        break;
    case CAUSE_AUTH:
        rc = fail(err, SHALE_ECONN,
                  "cannot connect to database \"%s\" at %s: authentication failed for user \"%s\" (%s); check "
                  "the user name and password in the URL",
                  db, w, user, d);
        break;
    case CAUSE_NO_DATABASE:
        rc = fail(err, SHALE_ECONN,
                  "cannot connect to database \"%s\" at %s: the database \"%s\" does not exist on that server",
                  db, w, db);
        break;
    default:
        rc = fail(err, SHALE_ECONN, "cannot connect to database \"%s\" at %s: the server said: %s", db, w, d);
        break;
    }
    shale_buf_free(&where);
    free(d);
    PQfinish(conn);
    /* Neither libpq nor the server repeats a password, but libpq quotes the values of
     * options it rejects, which are parts of the password when the URL is misread. */
    if (err && *err) scrub_password(err, url);
done:
    free(clean);
    free(redacted);
    return rc;
}
