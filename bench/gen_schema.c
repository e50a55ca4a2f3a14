/* gen_schema.c - `gen_schema N [SEED]`: prints a synthetic Prisma schema with N models
 * (about 13 fields each) and N/20 enums for the front-end benchmark (bench_front).
 * The output is deterministic for a given N and SEED, valid for Prisma (every relation
 * has its back-relation), and already laid out exactly as `prisma format` writes it,
 * so formatting it must give back the same bytes. 10,000 models make about 5.6 MB. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* splitmix64: small, fast, and the same sequence on every platform. */
static uint64_t rng_state;

static uint64_t rng_next(void)
{
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* A number in [0, n). */
static unsigned rng_below(unsigned n) { return (unsigned)(rng_next() % n); }

/* True with probability pct/100. */
static int chance(unsigned pct) { return rng_below(100) < pct; }

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fputs("gen_schema: out of memory\n", stderr);
        exit(1);
    }
    return p;
}

/* ---- enums -------------------------------------------------------------------- */

static const char *const enum_words[] = {"ACTIVE",   "INACTIVE", "PENDING", "ARCHIVED", "DRAFT",
                                         "PUBLISHED", "DELETED",  "BLOCKED", "REVIEW",   "APPROVED"};
#define N_ENUM_WORDS (sizeof enum_words / sizeof enum_words[0])

static const char *const enum_names[] = {"Status", "Kind", "Level", "Stage", "Visibility", "Tier"};
#define N_ENUM_NAMES (sizeof enum_names / sizeof enum_names[0])

typedef struct {
    unsigned first, count; /* values: enum_words[(first + v) % N_ENUM_WORDS], v < count */
} gen_enum;

/* ---- one model's field table ------------------------------------------------------ */

#define MAX_ROWS 64
#define CELL 160

typedef struct {
    char pre[CELL];    /* a comment line above the field ("/// ..." or "// ..."), or "" */
    char name[48];
    char type[48];
    char attrs[CELL];  /* attributes in Prisma's canonical order, or "" */
    char trail[48];    /* a trailing "// ..." comment, or "" */
} gen_row;

typedef struct {
    gen_row rows[MAX_ROWS];
    size_t n;
    char block[4][CELL]; /* block attributes, in Prisma's order (@@unique, @@index, @@map) */
    size_t n_block;
} gen_model;

static gen_row *add_row(gen_model *m, const char *name, const char *type, const char *attrs)
{
    if (m->n == MAX_ROWS) {
        fputs("gen_schema: too many fields in one model\n", stderr);
        exit(1);
    }
    gen_row *r = &m->rows[m->n++];
    memset(r, 0, sizeof *r);
    snprintf(r->name, sizeof r->name, "%s", name);
    snprintf(r->type, sizeof r->type, "%s", type);
    snprintf(r->attrs, sizeof r->attrs, "%s", attrs);
    return r;
}

static void add_block(gen_model *m, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void add_block(gen_model *m, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(m->block[m->n_block++], CELL, fmt, ap);
    va_end(ap);
}

/* Prints the model the way Prisma's formatter lays it out: the name and type columns
 * padded to the widest cell of the block, attributes after, a trailing comment one
 * space after the last non-empty cell, no trailing spaces; comment lines do not break
 * the alignment; block attributes after one empty line. */
static void print_model(FILE *out, const char *doc, unsigned idx, const gen_model *m)
{
    size_t wn = 0, wt = 0;
    for (size_t i = 0; i < m->n; i++) {
        size_t a = strlen(m->rows[i].name), b = strlen(m->rows[i].type);
        if (a > wn) wn = a;
        if (b > wt) wt = b;
    }
    if (doc) fprintf(out, "/// %s\n", doc);
    fprintf(out, "model Model_%u {\n", idx);
    for (size_t i = 0; i < m->n; i++) {
        const gen_row *r = &m->rows[i];
        if (r->pre[0]) fprintf(out, "  %s\n", r->pre);
        if (r->attrs[0])
            fprintf(out, "  %-*s %-*s %s", (int)wn, r->name, (int)wt, r->type, r->attrs);
        else
            fprintf(out, "  %-*s %s", (int)wn, r->name, r->type);
        if (r->trail[0]) fprintf(out, " %s", r->trail);
        fputc('\n', out);
    }
    if (m->n_block) fputc('\n', out);
    for (size_t i = 0; i < m->n_block; i++) fprintf(out, "  %s\n", m->block[i]);
    fputs("}\n", out);
}

/* ---- the schema ------------------------------------------------------------------- */

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fputs("usage: gen_schema N [SEED]\n", stderr);
        return 2;
    }
    char *end;
    unsigned long n = strtoul(argv[1], &end, 10);
    if (*end || argv[1][0] < '0' || argv[1][0] > '9' || n < 1 || n > 10000000) {
        fputs("gen_schema: N must be a number from 1 to 10000000\n", stderr);
        return 2;
    }
    uint64_t seed = 1;
    if (argc == 3) {
        seed = strtoull(argv[2], &end, 10);
        if (*end || argv[2][0] < '0' || argv[2][0] > '9') {
            fputs("gen_schema: SEED must be a number\n", stderr);
            return 2;
        }
    }
    rng_state = seed;
    FILE *out = stdout;
    static char obuf[1 << 16];
    setvbuf(out, obuf, _IOFBF, sizeof obuf);

    fprintf(out, "// Synthetic schema for the shale front-end benchmark: gen_schema %lu %" PRIu64 ".\n", n,
            seed);
    fputs("datasource db {\n  provider = \"postgresql\"\n}\n\n"
          "generator client {\n  provider = \"prisma-client-js\"\n}\n",
          out);

    unsigned n_enums = n / 20 ? (unsigned)(n / 20) : 1;
    gen_enum *enums = xmalloc(n_enums * sizeof *enums);
    for (unsigned e = 0; e < n_enums; e++) {
        enums[e].first = rng_below(N_ENUM_WORDS);
        enums[e].count = 3 + rng_below(4);
        fputc('\n', out);
        if (chance(30)) fprintf(out, "/// Values of %s_%u.\n", enum_names[e % N_ENUM_NAMES], e);
        fprintf(out, "enum %s_%u {\n", enum_names[e % N_ENUM_NAMES], e);
        for (unsigned v = 0; v < enums[e].count; v++) {
            fprintf(out, "  %s", enum_words[(enums[e].first + v) % N_ENUM_WORDS]);
            if (v == 0 && chance(25)) fputs(" // the default", out);
            fputc('\n', out);
        }
        fputs("}\n", out);
    }

    /* Each model after the first points at a random earlier one; the parent gets the
     * back-relation list. children[] is the list of each model's children (CSR). */
    unsigned *parent = xmalloc(n * sizeof *parent);
    unsigned *n_children = xmalloc((n + 1) * sizeof *n_children);
    memset(n_children, 0, (n + 1) * sizeof *n_children);
    for (unsigned long i = 1; i < n; i++) {
        parent[i] = rng_below((unsigned)i);
        n_children[parent[i] + 1]++;
    }
    for (unsigned long i = 0; i < n; i++) n_children[i + 1] += n_children[i]; /* now offsets */
    unsigned *children = xmalloc(n * sizeof *children), *fill = xmalloc((n + 1) * sizeof *fill);
    memcpy(fill, n_children, (n + 1) * sizeof *fill);
    for (unsigned long i = 1; i < n; i++) children[fill[parent[i]]++] = (unsigned)i;

    gen_model *m = xmalloc(sizeof *m);
    char buf[CELL], doc[CELL];
    for (unsigned long li = 0; li < n; li++) {
        unsigned i = (unsigned)li;
        m->n = m->n_block = 0;
        gen_row *r;
        int has_rel = i > 0, rel_optional = has_rel && chance(25);
        int has_created = 0, has_status = 0;
        const char *key; /* the name of the unique String column */

        r = add_row(m, "id", "Int", "@id @default(autoincrement())");
        if (chance(20)) snprintf(r->pre, CELL, "/// Primary key of Model_%u.", i);
        switch (rng_below(3)) {
        case 0: key = "slug"; add_row(m, key, "String", "@unique @db.VarChar(200)"); break;
        case 1: key = "email"; add_row(m, key, "String", "@unique"); break;
        default: key = "code"; add_row(m, key, "String", "@unique @db.VarChar(64)"); break;
        }
        add_row(m, "name", "String", chance(20) ? "@db.VarChar(120)" : "");
        if (chance(60)) {
            r = add_row(m, "summary", "String?", chance(50) ? "@db.Text" : "");
            if (chance(15)) snprintf(r->pre, CELL, "// free text, shown as is");
        }
        if (chance(40)) add_row(m, "note", "String?", "");
        if (chance(55)) add_row(m, "count", "Int", "@default(0)");
        if (chance(45)) add_row(m, "rank", "Int?", "");
        if (chance(35)) add_row(m, "position", "Int?", chance(40) ? "@db.SmallInt" : "");
        if (chance(45)) add_row(m, "total", "BigInt", chance(40) ? "@default(0)" : "");
        if (chance(45)) add_row(m, "score", "Float", chance(30) ? "@default(0)" : "");
        if (chance(35)) add_row(m, "price", "Decimal", "@db.Decimal(10, 2)");
        if (chance(60)) {
            r = add_row(m, "active", "Boolean", "@default(false)");
            if (chance(20)) snprintf(r->trail, sizeof r->trail, "// soft delete flag");
        }
        if (chance(70)) {
            has_created = 1;
            r = add_row(m, "createdAt", "DateTime", chance(5) ? "@default(now()) @map(\"created_at\")" : "@default(now())");
            if (chance(10)) snprintf(r->pre, CELL, "// audit columns");
        }
        if (chance(60)) add_row(m, "updatedAt", "DateTime", "@updatedAt");
        if (chance(10)) add_row(m, "deletedAt", "DateTime?", "@db.Timestamptz(6)");
        if (chance(35)) {
            r = add_row(m, "meta", "Json?", "");
            if (chance(20)) snprintf(r->trail, sizeof r->trail, "// arbitrary client data");
        }
        if (chance(10)) add_row(m, "tags", "String[]", "");
        if (chance(70)) {
            const gen_enum *en = &enums[rng_below(n_enums)];
            unsigned e = (unsigned)(en - enums);
            has_status = 1;
            snprintf(buf, sizeof buf, "%s_%u", enum_names[e % N_ENUM_NAMES], e);
            char def[64];
            snprintf(def, sizeof def, "@default(%s)", enum_words[(en->first + rng_below(en->count)) % N_ENUM_WORDS]);
            add_row(m, "status", buf, def);
        }
        if (has_rel) {
            unsigned p = parent[i];
            r = add_row(m, "authorId", rel_optional ? "Int?" : "Int", "");
            snprintf(buf, sizeof buf, "Model_%u%s", p, rel_optional ? "?" : "");
            char rel[CELL];
            snprintf(rel, sizeof rel, "@relation(fields: [authorId], references: [id], onDelete: %s)",
                     rel_optional ? "SetNull" : "Cascade");
            r = add_row(m, "author", buf, rel);
            if (chance(10)) snprintf(r->pre, CELL, "/// The Model_%u this row belongs to.", p);
        }
        for (unsigned c = n_children[i]; c < n_children[i + 1]; c++) {
            char name[48];
            snprintf(name, sizeof name, "items%u", children[c]);
            snprintf(buf, sizeof buf, "Model_%u[]", children[c]);
            add_row(m, name, buf, "");
        }

        if (has_rel && chance(50))
            add_block(m, "@@unique([authorId, %s])", key);
        else if (has_status && chance(40))
            add_block(m, "@@unique([name, status])");
        if (has_rel) add_block(m, "@@index([authorId])");
        if (has_created && chance(15)) add_block(m, "@@index([createdAt(sort: Desc)])");
        if (chance(10)) add_block(m, "@@map(\"tbl_model_%u\")", i);

        fputc('\n', out);
        int has_doc = chance(25);
        if (has_doc) snprintf(doc, sizeof doc, "Synthetic model %u.", i);
        print_model(out, has_doc ? doc : NULL, i, m);
    }
    if (fflush(out) != 0 || ferror(out)) {
        perror("gen_schema: stdout");
        return 1;
    }
    free(m);
    free(children);
    free(fill);
    free(n_children);
    free(parent);
    free(enums);
    return 0;
}
