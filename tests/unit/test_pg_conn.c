/* test_pg_conn.c - unit tests of compiler/pg_conn.c: where the database URL comes from
 * (--url, DATABASE_URL, .env beside the schema, ./.env), password redaction, Prisma's URL
 * parameters, and the causes named when connecting fails. The server cases run against
 * the PostgreSQL named by SHALE_TEST_DATABASE_URL (tests/pg.sh starts one) and are
 * skipped without it; the unreachable-server case needs no server. */
#include "compiler/common.h"
#include "runtime/pg_conn.h"
#include "tap.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

static char *root; /* a temporary folder for .env files */

static char *path(const char *rel)
{
    static char buf[4096];
    snprintf(buf, sizeof buf, "%s/%s", root, rel);
    return buf;
}

static void put(const char *rel, const char *text)
{
    FILE *f = fopen(path(rel), "w");
    if (!f) {
        perror(rel);
        exit(2);
    }
    fputs(text, f);
    fclose(f);
}

static bool contains(const char *s, const char *needle) { return s && strstr(s, needle); }
static bool same(const char *a, const char *b) { return a && b && strcmp(a, b) == 0; }

/* shale_pg_find_url() with `schema` relative to root (NULL: none); *url and *source
 * (or *err) are left for the caller to check and free. */
static int find(const char *flag, const char *schema, char **url, char **source, char **err)
{
    *err = NULL;
    return shale_pg_find_url(flag, schema ? path(schema) : NULL, url, source, err);
}

static void test_find_url(void)
{
    char *url = NULL, *src = NULL, *err = NULL;
    int rc;
    mkdir(path("proj"), 0755);
    mkdir(path("proj/prisma"), 0755);
    mkdir(path("empty"), 0755);
    mkdir(path("cwd"), 0755);
    if (chdir(path("empty")) != 0) exit(2);
    unsetenv("DATABASE_URL");

    /* flag > env > .env */
    put("proj/prisma/.env", "DATABASE_URL=postgresql://from-dotenv/db\n");
    setenv("DATABASE_URL", "postgresql://from-env/db", 1);
    rc = find("postgresql://from-flag/db", "proj/prisma/schema.prisma", &url, &src, &err);
    CHECK(rc == 0 && same(url, "postgresql://from-flag/db") && same(src, "--url"), "--url wins over DATABASE_URL and .env");
    free(url), free(src);
    rc = find(NULL, "proj/prisma/schema.prisma", &url, &src, &err);
    CHECK(rc == 0 && same(url, "postgresql://from-env/db") && same(src, "DATABASE_URL"), "DATABASE_URL wins over .env");
    free(url), free(src);
    setenv("DATABASE_URL", "", 1);
    rc = find(NULL, "proj/prisma/schema.prisma", &url, &src, &err);
    CHECK(rc == 0 && same(url, "postgresql://from-dotenv/db"), "an empty DATABASE_URL counts as unset");
    CHECK(contains(src, ".env at ") && contains(src, "proj/prisma/.env"), ".env source names the file (%s)", src);
    free(url), free(src);
    unsetenv("DATABASE_URL");

    /* the schema given as its folder */
    rc = find(NULL, "proj/prisma", &url, &src, &err);
    CHECK(rc == 0 && same(url, "postgresql://from-dotenv/db"), "schema folder: .env inside it");
    free(url), free(src);

    /* .env syntax */
    put("proj/prisma/.env", "# the database\n"
                            "OTHER=1\n"
                            "  # DATABASE_URL=postgresql://commented-out/db\n"
                            "export DATABASE_URL=\"postgresql://u:p@h:5432/db?schema=app\" # trailing comment\n"
                            "LATER='x'\n");
    rc = find(NULL, "proj/prisma/schema.prisma", &url, &src, &err);
    CHECK(rc == 0 && same(url, "postgresql://u:p@h:5432/db?schema=app"),
          ".env: export prefix, double quotes, comments (%s)", url ? url : err);
    free(url), free(src);
    put("proj/prisma/.env", "DATABASE_URL='postgresql://u:p#1\\n@h/db'\n");
    rc = find(NULL, "proj/prisma/schema.prisma", &url, &src, &err);
    CHECK(rc == 0 && same(url, "postgresql://u:p#1\\n@h/db"), ".env: single quotes are literal (%s)", url);
    free(url), free(src);
    put("proj/prisma/.env", "DATABASE_URL = postgresql://h/db   # note\r\n");
    rc = find(NULL, "proj/prisma/schema.prisma", &url, &src, &err);
    CHECK(rc == 0 && same(url, "postgresql://h/db"), ".env: bare value, spaces, comment, CRLF (%s)", url);
    free(url), free(src);
    put("proj/prisma/.env", "DATABASE_URL=postgresql://h/db#comment\n");
    rc = find(NULL, "proj/prisma/schema.prisma", &url, &src, &err);
    CHECK(rc == 0 && same(url, "postgresql://h/db"), ".env: a bare value ends at '#', as in dotenv (%s)", url);
    free(url), free(src);
    put("proj/prisma/.env", "DATABASE_URL=\"postgresql://u:a#b@h/db\"\n");
    rc = find(NULL, "proj/prisma/schema.prisma", &url, &src, &err);
    CHECK(rc == 0 && same(url, "postgresql://u:a#b@h/db"), ".env: '#' inside quotes is part of the value");
    free(url), free(src);
    put("proj/prisma/.env", "DATABASE_URL=postgresql://first/db\nDATABASE_URL=\"postgresql://a\\\"b/db\"\n");
    rc = find(NULL, "proj/prisma/schema.prisma", &url, &src, &err);
    CHECK(rc == 0 && same(url, "postgresql://a\\\"b/db"), ".env: the last line wins; \\\" does not end the value (%s)", url);
    free(url), free(src);

    /* ./.env after the schema folder */
    put("proj/prisma/.env", "SOMETHING_ELSE=1\n");
    put("cwd/.env", "DATABASE_URL=postgresql://from-cwd/db\n");
    if (chdir(path("cwd")) != 0) exit(2);
    rc = find(NULL, "proj/prisma/schema.prisma", &url, &src, &err);
    CHECK(rc == 0 && same(url, "postgresql://from-cwd/db") && same(src, ".env at ./.env"),
          "./.env when the schema folder's .env has no DATABASE_URL (%s)", src);
    free(url), free(src);
    rc = find(NULL, NULL, &url, &src, &err);
    CHECK(rc == 0 && same(url, "postgresql://from-cwd/db"), "./.env without a schema path");
    free(url), free(src);

    /* nothing anywhere */
    if (chdir(path("empty")) != 0) exit(2);
    rc = find(NULL, "proj/prisma/schema.prisma", &url, &src, &err);
    CHECK(rc == SHALE_ENOENT && !url && !src, "no URL anywhere is SHALE_ENOENT");
    CHECK(contains(err, "DATABASE_URL") && contains(err, "proj/prisma/.env") && contains(err, "./.env"),
          "the message says where shale looked (%s)", err);
    free(err);
    rc = find(NULL, "nowhere/schema.prisma", &url, &src, &err);
    CHECK(rc == SHALE_ENOENT, "a schema folder that does not exist is not an error of its own");
    free(err);
}

static void test_redact(void)
{
    char *r = shale_pg_redact_url("postgresql://johndoe:s3cr%40t@localhost:5432/mydb?schema=public");
    CHECK(same(r, "postgresql://johndoe:***@localhost:5432/mydb?schema=public"), "redacts user:password@ (%s)", r);
    free(r);
    r = shale_pg_redact_url("postgres://johndoe@localhost/mydb");
    CHECK(same(r, "postgres://johndoe@localhost/mydb"), "a URL without a password is unchanged");
    free(r);
    r = shale_pg_redact_url("postgresql://localhost/mydb?user=a&password=s3cret&sslmode=disable");
    CHECK(same(r, "postgresql://localhost/mydb?user=a&password=***&sslmode=disable"), "redacts password= (%s)", r);
    free(r);
    r = shale_pg_redact_url("postgresql://u:p/w@h/db");
    CHECK(r && !strstr(r, "p/w@"), "a '/' in the password: no password shown (%s)", r);
    free(r);
    r = shale_pg_redact_url("postgresql://h");
    CHECK(same(r, "postgresql://h"), "host only");
    free(r);
}

static void test_prisma_params(void)
{
    char *s = NULL;
    int rc = shale_pg_strip_prisma_params(
        "postgresql://u:p@h:5432/db?schema=app&connection_limit=5&sslmode=disable&pgbouncer=true&pool_timeout=10", &s);
    CHECK(rc == 0 && same(s, "postgresql://u:p@h:5432/db?sslmode=disable"), "strips Prisma's parameters, keeps libpq's (%s)",
          s);
    free(s);
    shale_pg_strip_prisma_params("postgresql://h/db?schema=app", &s);
    CHECK(same(s, "postgresql://h/db"), "no '?' left when every parameter goes (%s)", s);
    free(s);
    shale_pg_strip_prisma_params("postgresql://h/db", &s);
    CHECK(same(s, "postgresql://h/db"), "no parameters: unchanged");
    free(s);
    shale_pg_strip_prisma_params("postgresql://h/db?statement_cache_size=0&application_name=x&socket_timeout=3", &s);
    CHECK(same(s, "postgresql://h/db?application_name=x"), "strips statement_cache_size, socket_timeout (%s)", s);
    free(s);

    shale_pg_url_schema("postgresql://h/db?connection_limit=1&schema=my%20app", &s);
    CHECK(same(s, "my app"), "schema parameter, percent-decoded (%s)", s);
    free(s);
    shale_pg_url_schema("postgresql://h/db", &s);
    CHECK(same(s, "public"), "schema defaults to public");
    free(s);
    shale_pg_url_schema("postgresql://h/db?schema=", &s);
    CHECK(same(s, "public"), "an empty schema parameter means public");
    free(s);
}

static void test_connect_offline(void)
{
    PGconn *c = NULL;
    char *err = NULL;
    int rc = shale_pg_connect("mysql://u:hunter22@h/db", &c, &err);
    CHECK(rc == SHALE_EINVAL && !c && contains(err, "invalid URL") && !contains(err, "hunter22"),
          "a non-PostgreSQL URL is an invalid URL (%s)", err);
    free(err);
    err = NULL;
    rc = shale_pg_connect("postgresql://u:hunter22@127.0.0.1:notaport/db", &c, &err);
    CHECK(rc == SHALE_EINVAL && contains(err, "invalid URL") && !contains(err, "hunter22"),
          "a bad port is an invalid URL, password hidden (%s)", err);
    free(err);
    err = NULL;
    rc = shale_pg_connect("postgresql://u:hunter22@h/db?frobnicate=1", &c, &err);
    CHECK(rc == SHALE_EINVAL && contains(err, "frobnicate") && !contains(err, "hunter22"),
          "an unknown parameter is an invalid URL (%s)", err);
    free(err);

    /* A bound socket that does not listen: connections to it are refused. */
    int s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a;
    socklen_t len = sizeof a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (s < 0 || bind(s, (struct sockaddr *)&a, sizeof a) != 0 || getsockname(s, (struct sockaddr *)&a, &len) != 0) {
        CHECK(0, "reserve a closed port");
        return;
    }
    char url[256], port[16];
    snprintf(port, sizeof port, "%d", ntohs(a.sin_port));
    snprintf(url, sizeof url, "postgresql://alice:hunter22@127.0.0.1:%s/appdb?schema=x&connection_limit=3", port);
    err = NULL;
    rc = shale_pg_connect(url, &c, &err);
    CHECK(rc == SHALE_ECONN && !c, "unreachable server: SHALE_ECONN");
    CHECK(contains(err, "127.0.0.1") && contains(err, port) && contains(err, "appdb"),
          "unreachable: names host, port and database (%s)", err);
    CHECK(contains(err, "unreachable"), "unreachable: says so");
    CHECK(!contains(err, "hunter22"), "unreachable: no password");
    free(err);
    close(s);
}

/* postgresql://USER@<host:port of SHALE_TEST_DATABASE_URL>/DB<suffix> */
static void server_url(char *out, size_t n, const char *base, const char *user, const char *db, const char *suffix)
{
    const char *p = strstr(base, "://");
    p = p ? p + 3 : base;
    size_t alen = strcspn(p, "/?");
    const char *at = memchr(p, '@', alen);
    const char *hp = at ? at + 1 : p;
    snprintf(out, n, "postgresql://%s@%.*s/%s%s", user, (int)(p + alen - hp), hp, db, suffix);
}

static void test_connect_server(void)
{
    const char *base = getenv("SHALE_TEST_DATABASE_URL");
    if (!base || !*base) {
        CHECK(1, "# SKIP connecting to a server: SHALE_TEST_DATABASE_URL is not set");
        return;
    }
    char url[512];
    PGconn *c = NULL;
    char *err = NULL;
    int rc = shale_pg_connect(base, &c, &err);
    CHECK(rc == 0 && c && PQstatus(c) == CONNECTION_OK, "connects to SHALE_TEST_DATABASE_URL (%s)", err ? err : "ok");
    PQfinish(c);
    free(err);

    /* Prisma's parameters do not reach libpq. */
    char *user = NULL;
    {
        const char *p = strstr(base, "://");
        p = p ? p + 3 : base;
        size_t alen = strcspn(p, "/?"), ulen = strcspn(p, ":@");
        user = memchr(p, '@', alen) && ulen < alen ? strndup(p, ulen) : strdup("postgres");
    }
    server_url(url, sizeof url, base, user, "postgres", "?schema=app&connection_limit=1&pgbouncer=true");
    c = NULL, err = NULL;
    rc = shale_pg_connect(url, &c, &err);
    CHECK(rc == 0 && c, "connects with Prisma's parameters in the URL (%s)", err ? err : "ok");
    PQfinish(c);
    free(err);

    server_url(url, sizeof url, base, user, "shale_no_such_db", "");
    c = NULL, err = NULL;
    rc = shale_pg_connect(url, &c, &err);
    CHECK(rc == SHALE_ECONN && !c && contains(err, "shale_no_such_db") && contains(err, "does not exist"),
          "a wrong database name: says it does not exist (%s)", err);
    free(err);

    server_url(url, sizeof url, base, "shale_no_such_role:pw1234", "postgres", "");
    c = NULL, err = NULL;
    rc = shale_pg_connect(url, &c, &err);
    CHECK(rc == SHALE_ECONN && contains(err, "authentication failed") && contains(err, "shale_no_such_role") &&
              !contains(err, "pw1234"),
          "an unknown user: authentication failed, no password (%s)", err);
    free(err);
    free(user);
}

int main(void)
{
    char tmpl[] = "/tmp/shale-pg-conn.XXXXXX";
    root = mkdtemp(tmpl);
    if (!root) {
        perror("mkdtemp");
        return 2;
    }
    char *old_cwd = getcwd(NULL, 0);
    test_find_url();
    if (old_cwd && chdir(old_cwd) != 0) return 2;
    free(old_cwd);
    test_redact();
    test_prisma_params();
    test_connect_offline();
    test_connect_server();

    const char *files[] = {"proj/prisma/.env", "cwd/.env", "proj/prisma", "proj", "empty", "cwd", NULL};
    for (int i = 0; files[i]; i++) remove(path(files[i]));
    rmdir(root);
    return TAP_DONE();
}
