/* devdb.c - the project's development PostgreSQL cluster in .shale/pg (see devdb.h):
 * finding the server programs, initdb on first start, a private port chosen once,
 * pg_ctl start/stop, and the "shale" database. Programs run through fork+exec, never a
 * shell, with their output captured for error messages. */
#define _DEFAULT_SOURCE /* setgroups(): drop root's groups before running as postgres */
#include "compiler/devdb.h"
#include "runtime/buf.h"
#include "compiler/common.h"
#include "runtime/pg_conn.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <grp.h>
#include <limits.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libpq-fe.h>

/* Ports are picked from this range, starting at a hash of the cluster's path so that
 * two projects rarely try the same one. It stays clear of 5432 and of tests/pg.sh. */
enum { PORT_BASE = 55432, PORT_SPAN = 1000, LOG_LINES = 15 };

/* ---- small helpers ------------------------------------------------------------ */

static int fail(char **err, int rc, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* Sets *err to a formatted message and returns `rc`, or SHALE_ENOMEM when the message
 * cannot be allocated. */
static int fail(char **err, int rc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    *err = shale_vstrfmt(fmt, ap);
    va_end(ap);
    return *err ? rc : SHALE_ENOMEM;
}

/* a + "/" + b. Returns: caller frees; NULL when out of memory. */
static char *join(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 2;
    char *p = malloc(n);
    if (p) snprintf(p, n, "%s/%s", a, b);
    return p;
}

/* The whole file, NUL-terminated; 0, SHALE_ENOTFOUND (missing) or SHALE_EIO (errno
 * kept). Returns: *out, caller frees. */
static int slurp(const char *path, char **out)
{
    FILE *f = fopen(path, "rb");
    if (!f) return errno == ENOENT ? SHALE_ENOTFOUND : SHALE_EIO;
    shale_buf b = SHALE_BUF_INIT;
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) shale_buf_put(&b, chunk, n);
    int bad = ferror(f);
    fclose(f);
    if (bad || shale_buf_reserve(&b, 0) < 0) {
        shale_buf_free(&b);
        return bad ? SHALE_EIO : SHALE_ENOMEM;
    }
    *out = b.ptr;
    return 0;
}

/* Appends the last `max` lines of `text` to b, each indented. */
static void put_tail(shale_buf *b, const char *text, int max)
{
    size_t len = strlen(text);
    while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == ' ')) len--;
    size_t start = len;
    int lines = 0;
    while (start > 0 && lines < max) {
        start--;
        if (text[start] == '\n' && ++lines == max) {
            start++;
            break;
        }
    }
    for (size_t i = start; i < len;) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - text) : len;
        shale_buf_printf(b, "\n    %.*s", (int)(e - i), text + i);
        i = e + 1;
    }
}

static int mkdir_if_missing(const char *path, mode_t mode, bool *made, char **err)
{
    *made = false;
    if (mkdir(path, mode) == 0) {
        *made = true;
        /* mkdir(2) honours the umask; the folder must really have `mode`. */
        if (chmod(path, mode) < 0) return fail(err, SHALE_EIO, "cannot set the mode of %s: %s", path, strerror(errno));
        return 0;
    }
    if (errno == EEXIST) return 0;
    return fail(err, SHALE_EIO, "cannot create %s: %s", path, strerror(errno));
}

/* ---- who runs the server ------------------------------------------------------- */

/* The user initdb and pg_ctl run as: ourselves, or, as root, another user. */
typedef struct owner {
    bool switch_user;
    uid_t uid;
    gid_t gid;
    char name[64];
} owner;

/* As root: the owner of the cluster folder when that is not root, else `postgres`. */
static int pick_owner(owner *o, const char *dir, char **err)
{
    memset(o, 0, sizeof *o);
    if (geteuid() != 0) return 0;
    struct stat st;
    struct passwd *pw = NULL;
    if (stat(dir, &st) == 0 && st.st_uid != 0) pw = getpwuid(st.st_uid);
    if (!pw) pw = getpwnam("postgres");
    if (!pw)
        return fail(err, SHALE_ENOENT,
                    "shale runs as root and there is no `postgres` user to run PostgreSQL as (PostgreSQL "
                    "refuses to run as root): create that user, or run shale as an ordinary user");
    o->switch_user = true;
    o->uid = pw->pw_uid;
    o->gid = pw->pw_gid;
    snprintf(o->name, sizeof o->name, "%s", pw->pw_name);
    return 0;
}

/* The first folder on the way to `path` that user `o` cannot enter, or NULL. It reads
 * only the mode bits (no ACLs or supplementary groups), so it only feeds a hint.
 * Returns: caller frees. */
static char *unreachable_folder(const owner *o, const char *path)
{
    char *p = strdup(path);
    if (!p) return NULL;
    for (char *s = p;; s++) {
        if (*s != '/' && *s != '\0') continue;
        char saved = *s;
        *s = '\0';
        struct stat st;
        const char *cur = *p ? p : "/";
        if (stat(cur, &st) == 0) {
            mode_t bit = st.st_uid == o->uid ? S_IXUSR : st.st_gid == o->gid ? S_IXGRP : S_IXOTH;
            if (!(st.st_mode & bit)) {
                char *r = strdup(cur);
                free(p);
                return r;
            }
        }
        *s = saved;
        if (!saved) break;
    }
    free(p);
    return NULL;
}

/* ---- running programs ------------------------------------------------------------ */

/* Runs argv[0] (an absolute path) in folder `cwd` as `o`, stdin from /dev/null, stdout
 * and stderr captured into `output`. Returns 0 with *status (as waitpid's), or SHALE_EIO
 * (could not fork) with *err. */
static int run(const char *cwd, const owner *o, char *const argv[], shale_buf *output, int *status, char **err)
{
    int fds[2];
    if (pipe(fds) < 0) return fail(err, SHALE_EIO, "cannot run %s: %s", argv[0], strerror(errno));
    (void)fcntl(fds[0], F_SETFD, FD_CLOEXEC);
    (void)fcntl(fds[1], F_SETFD, FD_CLOEXEC);
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        int e = errno;
        close(fds[0]);
        close(fds[1]);
        return fail(err, SHALE_EIO, "cannot run %s: %s", argv[0], strerror(e));
    }
    if (pid == 0) {
        /* The child: only plain system calls until exec. Not runuser (tests/pg.sh's way):
         * dropping to the owner directly needs no util-linux and no PAM session. */
        int null = open("/dev/null", O_RDONLY);
        if (null >= 0) dup2(null, STDIN_FILENO);
        dup2(fds[1], STDOUT_FILENO);
        dup2(fds[1], STDERR_FILENO);
        const char *what = "enter the folder";
        if (cwd && chdir(cwd) < 0) goto child_fail;
        what = "switch user";
        if (o->switch_user && (setgroups(0, NULL) < 0 || setgid(o->gid) < 0 || setuid(o->uid) < 0))
            goto child_fail;
        what = "execute";
        execv(argv[0], argv);
    child_fail:;
        char msg[512];
        int n = snprintf(msg, sizeof msg, "shale: cannot %s for %s: %s\n", what, argv[0], strerror(errno));
        if (n > 0) (void)!write(STDERR_FILENO, msg, (size_t)n < sizeof msg ? (size_t)n : sizeof msg - 1);
        _exit(127);
    }
    close(fds[1]);
    char chunk[4096];
    for (;;) {
        ssize_t n = read(fds[0], chunk, sizeof chunk);
        if (n > 0) shale_buf_put(output, chunk, (size_t)n);
        else if (n == 0 || errno != EINTR) break;
    }
    close(fds[0]);
    while (waitpid(pid, status, 0) < 0) {
        if (errno != EINTR) {
            *status = -1;
            break;
        }
    }
    return 0;
}

static bool succeeded(int status) { return status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0; }

/* The error for a program that failed: its output, the server log's end (for pg_ctl),
 * and a hint when the server's user cannot reach the cluster folder. */
static int tool_failed(shale_devdb *db, const owner *o, const char *what, int status, const char *output,
                       bool with_log, char **err)
{
    shale_buf b = SHALE_BUF_INIT;
    if (status != -1 && WIFEXITED(status)) shale_buf_printf(&b, "%s failed (exit status %d)", what, WEXITSTATUS(status));
    else shale_buf_printf(&b, "%s failed", what);
    if (output && *output) {
        shale_buf_puts(&b, ":");
        put_tail(&b, output, LOG_LINES);
    }
    if (with_log) {
        char *log_path = join(db->dir, "server.log"), *log = NULL;
        if (log_path && slurp(log_path, &log) == 0 && *log) {
            shale_buf_printf(&b, "\nThe end of the server log (%s):", log_path);
            put_tail(&b, log, LOG_LINES);
        }
        free(log);
        free(log_path);
    }
    if (o->switch_user) {
        char *blocked = unreachable_folder(o, db->dir);
        if (blocked)
            shale_buf_printf(&b,
                             "\nhint: shale runs as root, so PostgreSQL runs as the user `%s`, which cannot enter "
                             "%s: make it searchable (chmod o+x) or keep the project in a folder `%s` can reach",
                             o->name, blocked, o->name);
        free(blocked);
    }
    if (shale_buf_reserve(&b, 0) < 0) {
        shale_buf_free(&b);
        return SHALE_ENOMEM;
    }
    *err = b.ptr;
    return SHALE_ETOOL;
}

/* ---- server programs -------------------------------------------------------------- */

static bool has_tools(const char *dir)
{
    char *a = join(dir, "initdb"), *b = join(dir, "pg_ctl");
    bool ok = a && b && access(a, X_OK) == 0 && access(b, X_OK) == 0;
    free(a);
    free(b);
    return ok;
}

/* "15" < "16", "9.6" < "10": compares the numbers of two version strings. */
static int version_cmp(const char *a, const char *b)
{
    while (*a || *b) {
        long x = strtol(a, (char **)&a, 10), y = strtol(b, (char **)&b, 10);
        if (x != y) return x < y ? -1 : 1;
        while (*a && (*a < '0' || *a > '9')) a++;
        while (*b && (*b < '0' || *b > '9')) b++;
    }
    return 0;
}

/* $PG_BIN; else /usr/lib/postgresql/<the cluster's version>/bin; else the newest
 * /usr/lib/postgresql/<v>/bin; else the folder of initdb on PATH. */
static int find_bin(char **out, const char *version, char **err)
{
    static const char install[] =
        "install postgresql (Debian/Ubuntu: apt-get install postgresql; Fedora: dnf install "
        "postgresql-server; macOS: brew install postgresql), or set PG_BIN to the folder of its server "
        "programs";
    *out = NULL;
    const char *env = getenv("PG_BIN");
    if (env && *env) {
        if (has_tools(env)) return (*out = strdup(env)) ? 0 : SHALE_ENOMEM;
        return fail(err, SHALE_ENOENT, "PG_BIN=%s holds no PostgreSQL server programs (initdb, pg_ctl): %s", env,
                    install);
    }
    if (version) {
        size_t n = strlen(version) + 32;
        char *d = malloc(n);
        if (!d) return SHALE_ENOMEM;
        snprintf(d, n, "/usr/lib/postgresql/%s/bin", version);
        if (has_tools(d)) {
            *out = d;
            return 0;
        }
        free(d);
    }
    glob_t g;
    const char *best = NULL, *best_v = NULL;
    if (glob("/usr/lib/postgresql/*/bin", 0, NULL, &g) == 0) {
        for (size_t i = 0; i < g.gl_pathc; i++) {
            const char *v = g.gl_pathv[i] + strlen("/usr/lib/postgresql/");
            if (has_tools(g.gl_pathv[i]) && (!best || version_cmp(v, best_v) > 0)) {
                best = g.gl_pathv[i];
                best_v = v;
            }
        }
        if (best) *out = strdup(best);
        globfree(&g);
        if (best) return *out ? 0 : SHALE_ENOMEM;
    }
    const char *path = getenv("PATH");
    for (const char *p = path; p && *p;) {
        const char *colon = strchr(p, ':');
        size_t n = colon ? (size_t)(colon - p) : strlen(p);
        char *d = n ? strndup(p, n) : strdup(".");
        if (!d) return SHALE_ENOMEM;
        if (has_tools(d)) {
            *out = d;
            return 0;
        }
        free(d);
        p += n;
        if (*p == ':') p++;
    }
    return fail(err, SHALE_ENOENT, "no PostgreSQL server programs (initdb, pg_ctl) found in /usr/lib/postgresql or on PATH: %s",
                install);
}

/* ---- the cluster folder ------------------------------------------------------------ */

static bool port_free(int port)
{
    int s = socket(AF_INET, SOCK_STREAM, 0);
    if (s < 0) return false;
    int one = 1;
    /* PostgreSQL binds with SO_REUSEADDR too: a port in TIME_WAIT is usable. */
    (void)setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bool ok = bind(s, (struct sockaddr *)&a, sizeof a) == 0;
    close(s);
    return ok;
}

static int choose_port(const char *dir)
{
    uint32_t h = 2166136261u; /* FNV-1a of the folder's path */
    for (const char *p = dir; *p; p++) h = (h ^ (unsigned char)*p) * 16777619u;
    for (int i = 0; i < PORT_SPAN; i++) {
        int port = PORT_BASE + (int)((h + (uint32_t)i) % PORT_SPAN);
        if (port_free(port)) return port;
    }
    return 0;
}

static int set_url(shale_devdb *db)
{
    free(db->url);
    db->url = NULL;
    if (!db->port) return 0;
    char tmp[128];
    snprintf(tmp, sizeof tmp, "postgresql://postgres@127.0.0.1:%d/%s", db->port, SHALE_DEVDB_DATABASE);
    db->url = strdup(tmp);
    return db->url ? 0 : SHALE_ENOMEM;
}

/* Reads what the cluster folder says: PG_VERSION, the port file, postmaster.pid. */
static int inspect(shale_devdb *db, char **err)
{
    int rc;
    char *path = NULL, *text = NULL;
    free(db->version);
    db->version = NULL;
    db->created = db->running = false;
    db->pid = 0;
    db->port = 0;

    if (!(path = join(db->data_dir, "PG_VERSION"))) return SHALE_ENOMEM;
    rc = slurp(path, &text);
    if (rc == SHALE_EIO) {
        rc = fail(err, SHALE_EIO, "cannot read %s: %s", path, strerror(errno));
        goto out;
    }
    if (rc == SHALE_ENOMEM) goto out;
    if (rc == 0) {
        text[strcspn(text, "\r\n")] = '\0';
        db->created = true;
        db->version = text;
        text = NULL;
    }
    free(path);

    if (!(path = join(db->dir, "port"))) return SHALE_ENOMEM;
    rc = slurp(path, &text);
    if (rc == SHALE_EIO) {
        rc = fail(err, SHALE_EIO, "cannot read %s: %s", path, strerror(errno));
        goto out;
    }
    if (rc == SHALE_ENOMEM) goto out;
    if (rc == 0) {
        char *end;
        long p = strtol(text, &end, 10);
        while (*end == '\n' || *end == '\r' || *end == ' ') end++;
        if (end == text || *end || p < 1 || p > 65535) {
            rc = fail(err, SHALE_EIO, "%s should hold a port number; delete it to let shale pick a port", path);
            goto out;
        }
        db->port = (int)p;
        free(text);
        text = NULL;
    }
    free(path);

    /* postmaster.pid: pid, data folder, start time, port, socket folder, ... A pid
     * that answers kill(0) (or EPERM: it exists, as another user) is running; this is
     * what pg_ctl status checks too. */
    if (!(path = join(db->data_dir, "postmaster.pid"))) return SHALE_ENOMEM;
    rc = db->created ? slurp(path, &text) : SHALE_ENOTFOUND;
    if (rc == SHALE_EIO) {
        rc = fail(err, SHALE_EIO, "cannot read %s: %s", path, strerror(errno));
        goto out;
    }
    if (rc == SHALE_ENOMEM) goto out;
    if (rc == 0) {
        long pid = strtol(text, NULL, 10);
        if (pid > 0 && (kill((pid_t)pid, 0) == 0 || errno == EPERM)) {
            db->running = true;
            db->pid = pid;
            const char *l = text;
            for (int i = 0; i < 3 && l; i++) {
                l = strchr(l, '\n');
                if (l) l++;
            }
            long port = l ? strtol(l, NULL, 10) : 0;
            if (port > 0 && port <= 65535) db->port = (int)port;
        }
    }
    rc = set_url(db);
out:
    free(text);
    free(path);
    return rc;
}

/* Fills the paths of the cluster of `project_dir` and inspects it. */
static int locate(shale_devdb *db, const char *project_dir, char **err)
{
    const char *proj = project_dir ? project_dir : ".";
    char *abs = realpath(proj, NULL);
    if (!abs) return fail(err, SHALE_EIO, "cannot use the project folder %s: %s", proj, strerror(errno));
    db->dir = join(abs, ".shale/pg");
    free(abs);
    if (!db->dir || !(db->data_dir = join(db->dir, "data"))) return SHALE_ENOMEM;
    struct stat st;
    if (stat(db->dir, &st) < 0 && errno != ENOENT)
        return fail(err, SHALE_EIO, "cannot read %s: %s", db->dir, strerror(errno));
    return inspect(db, err);
}

static int write_port(const shale_devdb *db, int port, char **err)
{
    char *path = join(db->dir, "port"), *tmp = join(db->dir, "port.tmp");
    int rc = 0;
    if (!path || !tmp) {
        rc = SHALE_ENOMEM;
        goto out;
    }
    FILE *f = fopen(tmp, "w");
    if (!f || fprintf(f, "%d\n", port) < 0 || fclose(f) != 0 || rename(tmp, path) != 0) {
        rc = fail(err, SHALE_EIO, "cannot write %s: %s", path, strerror(errno));
        (void)unlink(tmp);
    }
out:
    free(path);
    free(tmp);
    return rc;
}

/* Creates <project>/.shale (readable by the server's user, with a .gitignore that keeps
 * the cluster out of version control) and .shale/pg, owned by the server's user. */
static int make_folders(const shale_devdb *db, const owner *o, char **err)
{
    size_t n = strlen(db->dir) - strlen("/pg");
    char *top = strndup(db->dir, n);
    if (!top) return SHALE_ENOMEM;
    bool made;
    int rc = mkdir_if_missing(top, 0755, &made, err);
    if (rc == 0 && made) {
        char *gi = join(top, ".gitignore");
        FILE *f = gi ? fopen(gi, "w") : NULL;
        if (!gi) rc = SHALE_ENOMEM;
        else if (!f || fputs("# shale's development database (shale db start); not for version control\n*\n", f) < 0 ||
                 fclose(f) != 0)
            rc = fail(err, SHALE_EIO, "cannot write %s: %s", gi, strerror(errno));
        free(gi);
    }
    free(top);
    if (rc == 0) rc = mkdir_if_missing(db->dir, 0700, &made, err);
    struct stat st;
    if (rc == 0 && o->switch_user && stat(db->dir, &st) == 0 && st.st_uid != o->uid &&
        chown(db->dir, o->uid, o->gid) < 0)
        rc = fail(err, SHALE_EIO, "cannot give %s to the user `%s`: %s", db->dir, o->name, strerror(errno));
    return rc;
}

/* Creates the "shale" database when it is missing (a first start, or a cluster from an
 * older start that stopped half-way). */
static int ensure_database(const shale_devdb *db, char **err)
{
    char url[128];
    snprintf(url, sizeof url, "postgresql://postgres@127.0.0.1:%d/postgres", db->port);
    PGconn *c = NULL;
    int rc = shale_pg_connect(url, &c, err);
    if (rc < 0) return rc;
    PGresult *r = PQexec(c, "SELECT 1 FROM pg_database WHERE datname = '" SHALE_DEVDB_DATABASE "'");
    bool missing = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 0;
    if (PQresultStatus(r) != PGRES_TUPLES_OK)
        rc = fail(err, SHALE_ECONN, "cannot list the databases on port %d: %s", db->port, PQerrorMessage(c));
    PQclear(r);
    if (rc == 0 && missing) {
        r = PQexec(c, "CREATE DATABASE " SHALE_DEVDB_DATABASE);
        const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
        /* 42P04: another `shale db start` created it a moment ago. */
        if (PQresultStatus(r) != PGRES_COMMAND_OK && !(state && strcmp(state, "42P04") == 0))
            rc = fail(err, SHALE_ECONN, "cannot create the database %s: %s", SHALE_DEVDB_DATABASE,
                      PQerrorMessage(c));
        PQclear(r);
    }
    PQfinish(c);
    return rc;
}

/* The postmaster options pg_ctl passes on (through /bin/sh, hence the quoting): the
 * port, 127.0.0.1 only, and the Unix socket in the cluster folder when its path fits
 * in a socket address and needs no quoting (else TCP only). */
static char *server_options(const shale_devdb *db)
{
    char buf[PATH_MAX + 128];
    bool socket_ok = strlen(db->dir) + sizeof "/.s.PGSQL.65535.lock" <= 107 && !strpbrk(db->dir, "'\",\\");
    snprintf(buf, sizeof buf, "-p %d -h 127.0.0.1 -k '%s'", db->port, socket_ok ? db->dir : "");
    return strdup(buf);
}

/* ---- the API ----------------------------------------------------------------------- */

void shale_devdb_free(shale_devdb *db)
{
    if (!db) return;
    free(db->dir);
    free(db->data_dir);
    free(db->bin_dir);
    free(db->version);
    free(db->url);
    *db = (shale_devdb)SHALE_DEVDB_INIT;
}

int shale_devdb_status(shale_devdb *out, const char *project_dir, char **err)
{
    *out = (shale_devdb)SHALE_DEVDB_INIT;
    return locate(out, project_dir, err);
}

int shale_devdb_start(shale_devdb *out, const char *project_dir, char **err)
{
    *out = (shale_devdb)SHALE_DEVDB_INIT;
    int rc = locate(out, project_dir, err);
    if (rc < 0) return rc;
    if (out->running) {
        out->was_running = true;
        return ensure_database(out, err);
    }
    owner o;
    if ((rc = pick_owner(&o, out->dir, err)) < 0) return rc;
    if ((rc = find_bin(&out->bin_dir, out->version, err)) < 0) return rc;
    if ((rc = make_folders(out, &o, err)) < 0) return rc;

    if (!out->port) {
        int port = choose_port(out->dir);
        if (!port)
            return fail(err, SHALE_EIO, "no free port between %d and %d on 127.0.0.1", PORT_BASE,
                        PORT_BASE + PORT_SPAN - 1);
        if ((rc = write_port(out, port, err)) < 0) return rc;
        out->port = port;
    }

    shale_buf output = SHALE_BUF_INIT;
    int status = 0;
    if (!out->created) {
        char *initdb = join(out->bin_dir, "initdb");
        if (!initdb) return SHALE_ENOMEM;
        char *argv[] = {initdb, "-D", "data", "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", NULL};
        rc = run(out->dir, &o, argv, &output, &status, err);
        free(initdb);
        if (rc == 0 && !succeeded(status))
            rc = tool_failed(out, &o, "initdb", status, output.ptr ? output.ptr : "", false, err);
        shale_buf_free(&output);
        if (rc < 0) return rc;
        out->initialized_now = true;
    }

    if (!port_free(out->port)) {
        char *path = join(out->dir, "port");
        rc = fail(err, SHALE_EIO,
                  "port %d on 127.0.0.1, the development database's port (recorded in %s), is in use by another "
                  "program: stop that program, or delete %s to let shale pick another port",
                  out->port, path ? path : "port", path ? path : "port");
        free(path);
        return rc;
    }
    char *pg_ctl = join(out->bin_dir, "pg_ctl"), *opts = server_options(out);
    if (!pg_ctl || !opts) {
        free(pg_ctl);
        free(opts);
        return SHALE_ENOMEM;
    }
    char *argv[] = {pg_ctl, "-D", "data", "-l", "server.log", "-w", "-t", "60", "-o", opts, "start", NULL};
    rc = run(out->dir, &o, argv, &output, &status, err);
    if (rc == 0 && !succeeded(status))
        rc = tool_failed(out, &o, "pg_ctl start", status, output.ptr ? output.ptr : "", true, err);
    shale_buf_free(&output);
    free(pg_ctl);
    free(opts);
    if (rc < 0) return rc;
    if ((rc = inspect(out, err)) < 0) return rc;
    return ensure_database(out, err);
}

int shale_devdb_stop(shale_devdb *out, const char *project_dir, char **err)
{
    *out = (shale_devdb)SHALE_DEVDB_INIT;
    int rc = locate(out, project_dir, err);
    if (rc < 0 || !out->running) return rc;
    out->was_running = true;
    owner o;
    if ((rc = pick_owner(&o, out->dir, err)) < 0) return rc;
    if ((rc = find_bin(&out->bin_dir, out->version, err)) < 0) return rc;
    char *pg_ctl = join(out->bin_dir, "pg_ctl");
    if (!pg_ctl) return SHALE_ENOMEM;
    char *argv[] = {pg_ctl, "-D", "data", "-m", "fast", "-w", "-t", "60", "stop", NULL};
    shale_buf output = SHALE_BUF_INIT;
    int status = 0;
    rc = run(out->dir, &o, argv, &output, &status, err);
    if (rc == 0 && !succeeded(status))
        rc = tool_failed(out, &o, "pg_ctl stop", status, output.ptr ? output.ptr : "", false, err);
    shale_buf_free(&output);
    free(pg_ctl);
    if (rc < 0) return rc;
    return inspect(out, err);
}
