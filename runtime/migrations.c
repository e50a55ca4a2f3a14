/* migrations.c - reading a migrations folder (see migrations.h). */
#include "migrations.h"

#include "runtime/buf.h"
#include "runtime/shale_code.h"

#include <dirent.h>
#include <errno.h>
#include <openssl/evp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int fail(char **err, int rc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    *err = shale_vstrfmt(fmt, ap);
    va_end(ap);
    return rc;
}

int shale_sha256_hex(const void *data, size_t len, char out[65])
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int md_len = 0;
    if (!EVP_Digest(data, len, md, &md_len, EVP_sha256(), NULL) || md_len != 32) return -1;
    static const char hex[] = "0123456789abcdef";
    for (unsigned i = 0; i < 32; i++) {
        out[2 * i] = hex[md[i] >> 4];
        out[2 * i + 1] = hex[md[i] & 15];
    }
    out[64] = '\0';
    return 0;
}

/* Prisma's legacy checksum: each byte as "{:x}", so bytes below 16 lose their zero. */
static int sha256_legacy(const void *data, size_t len, char out[65])
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int md_len = 0;
    if (!EVP_Digest(data, len, md, &md_len, EVP_sha256(), NULL) || md_len != 32) return -1;
    size_t k = 0;
    for (unsigned i = 0; i < 32; i++) k += (size_t)snprintf(out + k, 65 - k, "%x", md[i]);
    out[k] = '\0';
    return 0;
}

/* The text with every "\r\n" made "\n" (to_lf) or every lone "\n" made "\r\n". */
static char *line_endings(const char *s, size_t len, bool to_lf, size_t *out_len)
{
    char *o = malloc(len * 2 + 1);
    if (!o) return NULL;
    size_t k = 0;
    for (size_t i = 0; i < len; i++) {
        if (to_lf && s[i] == '\r' && i + 1 < len && s[i + 1] == '\n') continue;
        if (!to_lf && s[i] == '\n' && (i == 0 || s[i - 1] != '\r')) o[k++] = '\r';
        o[k++] = s[i];
    }
    *out_len = k;
    return o;
}

static bool variant_matches(const char *data, size_t len, const char *recorded)
{
    char sum[65];
    if (shale_sha256_hex(data, len, sum) == 0 && strcmp(sum, recorded) == 0) return true;
    return strlen(recorded) < 64 && sha256_legacy(data, len, sum) == 0 && strcmp(sum, recorded) == 0;
}

bool shale_checksum_matches(const shale_migration *m, const char *recorded)
{
    if (!recorded) return false;
    if (strcmp(m->checksum, recorded) == 0 || variant_matches(m->sql, m->len, recorded)) return true;
    for (int to_lf = 0; to_lf < 2; to_lf++) {
        size_t n = 0;
        char *v = line_endings(m->sql, m->len, to_lf == 1, &n);
        bool ok = v && variant_matches(v, n, recorded);
        free(v);
        if (ok) return true;
    }
    return false;
}

static int read_all(const char *path, char **out, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap + 1);
    while (buf) {
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n < cap) break;
        cap *= 2;
        char *nb = realloc(buf, cap + 1);
        if (!nb) {
            free(buf);
            buf = NULL;
        }
        buf = nb;
    }
    int e = ferror(f) ? errno : 0;
    fclose(f);
    if (!buf) {
        errno = ENOMEM;
        return -1;
    }
    if (e) {
        free(buf);
        errno = e;
        return -1;
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return 0;
}

/* migration_lock.toml: only the provider line counts, as in Prisma. */
static char *lock_provider(const char *text)
{
    for (const char *l = text; l && *l; l = strchr(l, '\n'), l = l ? l + 1 : NULL) {
        while (*l == ' ' || *l == '\t') l++;
        if (strncmp(l, "provider", 8) != 0) continue;
        const char *p = l + 8;
        while (*p == ' ' || *p == '\t' || *p == '=') p++;
        if (*p == '"') p++;
        const char *e = p;
        while (*e && *e != '"' && *e != '\n' && *e != '\r' && *e != ' ') e++;
        return strndup(p, (size_t)(e - p));
    }
    return NULL;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(((const shale_migration *)a)->name, ((const shale_migration *)b)->name);
}

void shale_migrations_free(shale_migrations *m)
{
    for (size_t i = 0; i < m->n; i++) {
        free(m->items[i].name);
        free(m->items[i].path);
        free(m->items[i].sql);
    }
    free(m->items);
    free(m->dir);
    free(m->lock_provider);
    memset(m, 0, sizeof *m);
}

static bool only_blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r') return false;
    return true;
}

static int read_folder(const char *dir, bool may_be_missing, shale_migrations *out, char **err)
{
    out->dir = strdup(dir);
    if (!out->dir) return SHALE_ENOMEM;
    DIR *d = opendir(dir);
    if (!d) {
        if (errno == ENOENT && may_be_missing) return SHALE_OK;
        return fail(err, SHALE_EIO, "%s: cannot open the migrations folder: %s", dir, strerror(errno));
    }
    size_t cap = 0;
    struct dirent *e;
    int rc = SHALE_OK;
    while (rc == SHALE_OK && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') continue;
        char *sub = shale_strfmt("%s/%s", dir, e->d_name);
        if (!sub) {
            rc = SHALE_ENOMEM;
            break;
        }
        struct stat st;
        if (stat(sub, &st) != 0 || !S_ISDIR(st.st_mode)) {
            free(sub);
            continue; /* migration_lock.toml and stray files */
        }
        if (out->n == cap) {
            cap = cap ? cap * 2 : 16;
            shale_migration *ni = realloc(out->items, cap * sizeof *ni);
            if (!ni) {
                free(sub);
                rc = SHALE_ENOMEM;
                break;
            }
            out->items = ni;
        }
        shale_migration *m = &out->items[out->n++];
        memset(m, 0, sizeof *m);
        m->name = strdup(e->d_name);
        m->path = shale_strfmt("%s/migration.sql", sub);
        free(sub);
        if (!m->name || !m->path) rc = SHALE_ENOMEM;
    }
    closedir(d);
    if (rc != SHALE_OK) return rc;
    if (out->n) qsort(out->items, out->n, sizeof *out->items, cmp_names);

    char *lock = NULL, *lock_path = shale_strfmt("%s/migration_lock.toml", dir);
    size_t lock_len = 0;
    if (!lock_path) return SHALE_ENOMEM;
    if (read_all(lock_path, &lock, &lock_len) == 0) {
        out->lock_provider = lock_provider(lock);
        free(lock);
        if (!out->lock_provider || strcmp(out->lock_provider, "postgresql") != 0) {
            rc = fail(err, SHALE_EINVAL,
                      "%s: the migrations were made for the provider `%s`, not `postgresql`; shale only works with "
                      "PostgreSQL",
                      lock_path, out->lock_provider ? out->lock_provider : "(none)");
            free(lock_path);
            return rc;
        }
    } else if (errno != ENOENT) {
        rc = fail(err, SHALE_EIO, "%s: cannot read: %s", lock_path, strerror(errno));
        free(lock_path);
        return rc;
    }
    free(lock_path);

    for (size_t i = 0; i < out->n; i++) {
        shale_migration *m = &out->items[i];
        if (read_all(m->path, &m->sql, &m->len) != 0) {
            if (errno == ENOENT)
                return fail(err, SHALE_EIO,
                            "%s: missing; every folder in %s is a migration and needs its migration.sql (remove the "
                            "folder if it is not one)",
                            m->path, dir);
            return fail(err, SHALE_EIO, "%s: cannot read: %s", m->path, strerror(errno));
        }
        if (only_blank(m->sql, m->len))
            return fail(err, SHALE_EINVAL,
                        "%s: the file is empty; write the migration's SQL in it, or `-- This is an empty migration.` "
                        "for a migration that changes nothing",
                        m->path);
        if (memchr(m->sql, '\0', m->len))
            return fail(err, SHALE_EINVAL, "%s: the file holds a NUL byte; it is not SQL text", m->path);
        if (shale_sha256_hex(m->sql, m->len, m->checksum) != 0)
            return fail(err, SHALE_EIO, "%s: SHA-256 is not available from OpenSSL", m->path);
    }
    return SHALE_OK;
}

int shale_migrations_read(const char *dir, bool may_be_missing, shale_migrations *out, char **err)
{
    memset(out, 0, sizeof *out);
    *err = NULL;
    int rc = read_folder(dir, may_be_missing, out, err);
    if (rc != SHALE_OK) {
        shale_migrations_free(out);
        if (rc == SHALE_ENOMEM && !*err) *err = strdup("out of memory");
    }
    return rc;
}
