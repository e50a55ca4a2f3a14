/* gen_pair.c - the random schema pairs of tests/diffprop.sh. `gen_pair SEED OUTDIR` writes
 * OUTDIR/from.prisma, a random valid PostgreSQL schema, and OUTDIR/to.prisma, a mutation
 * of it; the same SEED always gives the same bytes (own PRNG, splitmix64). Both must pass
 * `shale validate` and Prisma's validator, and Prisma's own migration between them must
 * run on PostgreSQL: the mutations steer clear of the few scripts Prisma gets wrong (see
 * "Prisma's own limits" below), so that a failing seed points at shale. */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- random numbers ----------------------------------------------------------------- */

typedef struct rng {
    uint64_t s;
} rng;

static uint64_t rng_next(rng *r)
{
    uint64_t z = (r->s += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static int rnd(rng *r, int n) { return n <= 1 ? 0 : (int)(rng_next(r) % (uint64_t)n); }
static bool chance(rng *r, int percent) { return rnd(r, 100) < percent; }

/* ---- the schema model ----------------------------------------------------------------
 * Fixed-size arrays, so a schema copies by assignment (to = from, then mutate). Nothing
 * is ever removed from an array: a dropped model, field, enum, index or relation is
 * marked dead, so indexes into the arrays stay valid through all mutations. */

enum { MAX_MODELS = 14, MAX_FIELDS = 24, MAX_ENUMS = 5, MAX_VALUES = 8, MAX_INDEXES = 8, MAX_RELS = 14 };
enum { NAME_LEN = 40 };

typedef enum scalar { S_STRING, S_INT, S_BIGINT, S_FLOAT, S_DECIMAL, S_BOOL, S_DATETIME, S_JSON, S_BYTES, S_ENUM } scalar;
static const char *const scalar_names[] = {"String",  "Int",      "BigInt", "Float", "Decimal",
                                           "Boolean", "DateTime", "Json",   "Bytes", NULL};

/* Literal families, for defaults that PostgreSQL accepts for the column type. */
typedef enum lit { L_TEXT, L_UUID, L_XML, L_INET, L_BITS, L_INT, L_FLOAT, L_DEC, L_BOOL, L_TIME, L_JSON, L_BYTES } lit;

/* Index types a column works with, on PostgreSQL and in Prisma's validator. */
enum { IX_BTREE = 1, IX_HASH = 2, IX_BRIN = 4, IX_GIN = 8, IX_SPGIST = 16, IX_GIST_INET = 32 };
#define IX_BH (IX_BTREE | IX_HASH)

/* Argument shapes of native types. */
enum { A_NONE, A_LEN, A_LEN_OPT, A_PREC, A_DEC };

typedef struct native {
    scalar sc;
    const char *name; /* after @db., NULL: the scalar's default mapping */
    int args;
    lit lit;
    unsigned ix;      /* IX_* */
} native;

static const native natives[] = {
    {S_STRING, NULL, A_NONE, L_TEXT, IX_BH | IX_BRIN | IX_SPGIST},
    {S_STRING, "Text", A_NONE, L_TEXT, IX_BH | IX_BRIN | IX_SPGIST},
    {S_STRING, "VarChar", A_LEN_OPT, L_TEXT, IX_BH | IX_BRIN | IX_SPGIST},
    {S_STRING, "Char", A_LEN, L_TEXT, IX_BH | IX_BRIN}, /* no SP-GiST class for bpchar */
    {S_STRING, "Uuid", A_NONE, L_UUID, IX_BH | IX_BRIN},
    {S_STRING, "Xml", A_NONE, L_XML, 0},
    {S_STRING, "Inet", A_NONE, L_INET, IX_BH | IX_BRIN | IX_GIST_INET | IX_SPGIST},
    {S_STRING, "Citext", A_NONE, L_TEXT, IX_BH},
    {S_STRING, "Bit", A_LEN, L_BITS, IX_BTREE | IX_BRIN},
    {S_STRING, "VarBit", A_LEN, L_BITS, IX_BTREE | IX_BRIN},
    {S_INT, NULL, A_NONE, L_INT, IX_BH | IX_BRIN},
    {S_INT, "Integer", A_NONE, L_INT, IX_BH | IX_BRIN},
    {S_INT, "SmallInt", A_NONE, L_INT, IX_BH | IX_BRIN},
    {S_INT, "Oid", A_NONE, L_INT, IX_BH | IX_BRIN},
    {S_BIGINT, NULL, A_NONE, L_INT, IX_BH | IX_BRIN},
    {S_BIGINT, "BigInt", A_NONE, L_INT, IX_BH | IX_BRIN},
    {S_FLOAT, NULL, A_NONE, L_FLOAT, IX_BH | IX_BRIN},
    {S_FLOAT, "DoublePrecision", A_NONE, L_FLOAT, IX_BH | IX_BRIN},
    {S_FLOAT, "Real", A_NONE, L_FLOAT, IX_BH | IX_BRIN},
    {S_DECIMAL, NULL, A_NONE, L_DEC, IX_BH | IX_BRIN},
    {S_DECIMAL, "Decimal", A_DEC, L_DEC, IX_BH | IX_BRIN},
    {S_DECIMAL, "Money", A_NONE, L_DEC, IX_BTREE}, /* no hash class for money */
    {S_BOOL, NULL, A_NONE, L_BOOL, IX_BH},
    {S_BOOL, "Boolean", A_NONE, L_BOOL, IX_BH},
    {S_DATETIME, NULL, A_NONE, L_TIME, IX_BH | IX_BRIN},
    {S_DATETIME, "Timestamp", A_PREC, L_TIME, IX_BH | IX_BRIN},
    {S_DATETIME, "Timestamptz", A_PREC, L_TIME, IX_BH | IX_BRIN},
    {S_DATETIME, "Date", A_NONE, L_TIME, IX_BH | IX_BRIN},
    {S_DATETIME, "Time", A_PREC, L_TIME, IX_BH | IX_BRIN},
    {S_DATETIME, "Timetz", A_PREC, L_TIME, IX_BH | IX_BRIN},
    {S_JSON, NULL, A_NONE, L_JSON, IX_BH | IX_GIN},
    {S_JSON, "Json", A_NONE, L_JSON, 0},
    {S_JSON, "JsonB", A_NONE, L_JSON, IX_BH | IX_GIN},
    {S_BYTES, NULL, A_NONE, L_BYTES, IX_BH | IX_BRIN},
    {S_BYTES, "ByteA", A_NONE, L_BYTES, IX_BH | IX_BRIN},
};
enum { N_NATIVES = sizeof natives / sizeof *natives };

/* The index of a native type in natives[] (name NULL: the scalar's default mapping). */
static int native_index(scalar sc, const char *name)
{
    for (int i = 0; i < N_NATIVES; i++)
        if (natives[i].sc == sc && (name ? natives[i].name && !strcmp(natives[i].name, name) : !natives[i].name))
            return i;
    return 0;
}

typedef enum arity { REQUIRED, OPTIONAL, LIST } arity;

typedef enum defkind { D_NONE, D_LIT, D_NOW, D_AUTOINC, D_UUID, D_CUID, D_DBGEN, D_ENUM, D_LIST, D_EMPTY_LIST } defkind;

typedef struct field {
    bool alive;
    char name[NAME_LEN], map[NAME_LEN]; /* map "": none */
    scalar sc;
    int en;        /* S_ENUM: the enum */
    int nt;        /* index into natives[] (S_ENUM: unused) */
    int a1, a2;    /* native type arguments; a1 < 0: written without them */
    arity ar;
    defkind def;
    int defv;      /* which literal (D_LIT, D_ENUM: value index, D_LIST: variant) */
    bool id, unique, unique_desc, updated_at;
    char unique_map[NAME_LEN];
    int fk_rel;    /* >= 0: a scalar of this relation's foreign key, owned by it */
    int pos;       /* printing order among the model's fields and relation fields */
} field;

typedef enum ixkind { K_INDEX, K_UNIQUE, K_ID } ixkind;
typedef enum ixtype { T_BTREE, T_HASH, T_BRIN, T_GIN, T_SPGIST, T_GIST } ixtype;
static const char *const ixtype_names[] = {"BTree", "Hash", "Brin", "Gin", "SpGist", "Gist"};

typedef struct index {
    bool alive;
    ixkind kind;
    ixtype type;
    int nf, f[3];
    bool desc[3];
    const char *ops; /* of the first field, or NULL */
    char map[NAME_LEN];
    bool write_type; /* write `type: BTree` explicitly */
    int rel;         /* >= 0: the @@unique a 1:1 relation needs */
} index;

typedef struct model {
    bool alive;
    char name[NAME_LEN], map[NAME_LEN];
    field f[MAX_FIELDS];
    int nf;
    index ix[MAX_INDEXES];
    int nix;
    int npos;
} model;

typedef struct enumdef {
    bool alive;
    char name[NAME_LEN], map[NAME_LEN];
    char v[MAX_VALUES][NAME_LEN];
    bool v_alive[MAX_VALUES], v_new[MAX_VALUES];
    int nv;
} enumdef;

typedef enum relkind { R_1N, R_11, R_MN } relkind;
static const char *const actions[] = {"Cascade", "Restrict", "NoAction", "SetNull", "SetDefault"};

typedef struct relation {
    bool alive;
    relkind kind;
    int a, b;                 /* a holds the foreign key (R_MN: either side) */
    char name[NAME_LEN];      /* @relation("name"): always given, so several can join a pair */
    char fa[NAME_LEN], fb[NAME_LEN]; /* the relation fields in a and b */
    int pa, pb;               /* their printing positions */
    int nk, fk[2], ref[2];    /* foreign key fields in a, referenced fields in b */
    bool optional;            /* R_1N, R_11: the relation field in a is optional */
    int on_delete, on_update; /* -1: not written */
} relation;

typedef struct schema schema;
struct schema {
    model m[MAX_MODELS];
    int nm;
    enumdef e[MAX_ENUMS];
    int ne;
    relation r[MAX_RELS];
    int nr;
    int serial; /* for fresh names */
    const schema *orig; /* while mutating: the schema before */
    bool removed[MAX_ENUMS]; /* while mutating: a value of the enum went */
};

/* ---- names ------------------------------------------------------------------------------ */

static const char *const model_words[] = {"User",    "Post",    "Order",   "Item",  "Tag",     "Comment", "Group",
                                          "Profile", "Account", "Invoice", "Team",  "Project", "Task",    "Note",
                                          "Review",  "Event",   "Media",   "Label", "Vendor",  "Ticket"};
static const char *const field_words[] = {"title", "name",  "count", "price", "createdAt", "flag",  "body",
                                          "data",  "code",  "rank",  "score", "label",     "note",  "amount",
                                          "kind",  "level", "email", "slug",  "payload",   "ratio", "weight",
                                          "state", "tags",  "color", "size",  "position",  "from",  "select"};
static const char *const enum_words[] = {"Role", "Status", "Priority", "Color", "Kind", "Tier"};
static const char *const value_words[] = {"ACTIVE", "INACTIVE", "PENDING", "admin", "user", "Low", "HIGH", "MEDIUM",
                                          "red",    "green",    "BLUE",    "draft", "done", "x1", "Y_2", "archived"};
#define COUNT(a) ((int)(sizeof(a) / sizeof *(a)))

/* Names are short and bounded: one that would not fit is cut, never overflows. */
static void setf(char *dst, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(dst, NAME_LEN, fmt, ap);
    va_end(ap);
}

/* While mutating, a new name is also checked against the schema before: a new table
 * or column with the name of one that was dropped or renamed would be the same table or
 * column to Prisma, changed in ways the mutations do not check. */
static bool model_name_taken(const schema *s, const char *n)
{
    for (int i = 0; i < s->nm; i++) {
        if (!s->m[i].alive) continue;
        if (!strcmp(s->m[i].name, n) || !strcmp(s->m[i].map, n)) return true;
    }
    if (s->orig && model_name_taken(s->orig, n)) return true;
    for (int i = 0; i < s->ne; i++)
        if (s->e[i].alive && (!strcmp(s->e[i].name, n) || !strcmp(s->e[i].map, n))) return true;
    return false;
}

static void fresh_model_name(schema *s, rng *r, char *out)
{
    for (int tries = 0;; tries++) {
        if (tries < 20) setf(out, "%s", model_words[rnd(r, COUNT(model_words))]);
        else setf(out, "%s%d", model_words[rnd(r, COUNT(model_words))], ++s->serial);
        if (!model_name_taken(s, out)) return;
    }
}

static bool field_name_taken(const schema *s, int mi, const char *n)
{
    const model *m = &s->m[mi];
    for (int i = 0; i < m->nf; i++) {
        if (!m->f[i].alive) continue;
        if (!strcmp(m->f[i].name, n) || !strcmp(m->f[i].map, n)) return true;
    }
    if (s->orig) {
        const char *table = m->map[0] ? m->map : m->name;
        for (int j = 0; j < s->orig->nm; j++) {
            const model *om = &s->orig->m[j];
            if (om->alive && !strcmp(om->map[0] ? om->map : om->name, table) && field_name_taken(s->orig, j, n)) return true;
        }
    }
    for (int i = 0; i < s->nr; i++) {
        const relation *rl = &s->r[i];
        if (!rl->alive) continue;
        if ((rl->a == mi && !strcmp(rl->fa, n)) || (rl->b == mi && !strcmp(rl->fb, n))) return true;
    }
    return false;
}

static void fresh_field_name(schema *s, rng *r, int mi, const char *base, char *out)
{
    for (int tries = 0;; tries++) {
        const char *w = base ? base : field_words[rnd(r, COUNT(field_words))];
        if (tries == 0 && base) setf(out, "%s", w);
        else if (tries < 8 && !base) setf(out, "%s", w);
        else setf(out, "%s%d", w, ++s->serial);
        if (!field_name_taken(s, mi, out)) return;
    }
}

static void lower_first(char *out, const char *in)
{
    setf(out, "%s", in);
    if (out[0] >= 'A' && out[0] <= 'Z') out[0] = (char)(out[0] - 'A' + 'a');
}

/* ---- fields -------------------------------------------------------------------------------- */

static int natives_of(scalar sc, int *out)
{
    int n = 0;
    for (int i = 0; i < N_NATIVES; i++)
        if (natives[i].sc == sc) out[n++] = i;
    return n;
}

/* A random native type for sc (often the default mapping), with arguments. */
static void pick_native(rng *r, field *f)
{
    int cand[N_NATIVES], n = natives_of(f->sc, cand);
    f->nt = chance(r, 45) ? cand[0] : cand[rnd(r, n)];
    /* Citext needs an extension: rare. */
    if (natives[f->nt].name && !strcmp(natives[f->nt].name, "Citext") && !chance(r, 30)) f->nt = cand[0];
    f->a1 = f->a2 = -1;
    switch (natives[f->nt].args) {
    case A_LEN: f->a1 = 4 + rnd(r, 8); break;
    case A_LEN_OPT: f->a1 = chance(r, 20) ? -1 : 8 + rnd(r, 60); break;
    case A_PREC: f->a1 = chance(r, 30) ? -1 : rnd(r, 7); break;
    case A_DEC: f->a1 = 6 + rnd(r, 10); f->a2 = rnd(r, 4); break;
    default: break;
    }
    if (natives[f->nt].name && !strcmp(natives[f->nt].name, "Bit") && chance(r, 20)) f->a1 = -1; /* Bit = Bit(1) */
}

static int pick_enum(const schema *s, rng *r)
{
    int cand[MAX_ENUMS], n = 0;
    for (int i = 0; i < s->ne; i++)
        if (s->e[i].alive && !s->removed[i]) cand[n++] = i;
    return n ? cand[rnd(r, n)] : -1;
}

static int enum_value_count(const enumdef *e)
{
    int n = 0;
    for (int i = 0; i < e->nv; i++) n += e->v_alive[i];
    return n;
}

/* A value of the enum usable in a default: alive, and not added by this mutation
 * (Prisma's own limit 1). -1 when there is none. */
static int pick_value(const enumdef *e, rng *r)
{
    int cand[MAX_VALUES], n = 0;
    for (int i = 0; i < e->nv; i++)
        if (e->v_alive[i] && !e->v_new[i]) cand[n++] = i;
    return n ? cand[rnd(r, n)] : -1;
}

static bool can_autoinc(const field *f)
{
    if (f->ar != REQUIRED) return false;
    if (f->sc == S_BIGINT) return true;
    return f->sc == S_INT && !(natives[f->nt].name && !strcmp(natives[f->nt].name, "Oid"));
}

/* A default that fits the field's type (and PostgreSQL's checks of it), or none. */
static void pick_default(const schema *s, rng *r, field *f)
{
    f->def = D_NONE;
    f->defv = rnd(r, 4);
    if (f->updated_at || f->fk_rel >= 0 || chance(r, 45)) return;
    if (f->ar == LIST) {
        if (f->sc == S_ENUM && pick_value(&s->e[f->en], r) < 0) return;
        f->def = chance(r, 30) ? D_EMPTY_LIST : D_LIST;
        if (f->sc == S_ENUM) f->defv = pick_value(&s->e[f->en], r);
        return;
    }
    switch (f->sc) {
    case S_ENUM:
        f->defv = pick_value(&s->e[f->en], r);
        if (f->defv >= 0) f->def = D_ENUM;
        return;
    case S_DATETIME: f->def = chance(r, 60) ? D_NOW : D_LIT; return;
    case S_STRING:
        if (natives[f->nt].lit == L_UUID && chance(r, 30)) {
            f->def = D_DBGEN; /* dbgenerated("gen_random_uuid()"), built in since PostgreSQL 13 */
            return;
        }
        if (chance(r, 20)) {
            f->def = chance(r, 50) ? D_UUID : D_CUID;
            return;
        }
        break;
    case S_INT:
    case S_BIGINT:
        if (can_autoinc(f) && chance(r, 30)) {
            f->def = D_AUTOINC;
            return;
        }
        break;
    default: break;
    }
    f->def = D_LIT;
}

static void new_scalar_field(schema *s, rng *r, int mi, field *f)
{
    memset(f, 0, sizeof *f); /* not alive yet: its name must not clash with itself */
    f->fk_rel = -1;
    f->en = -1;
    fresh_field_name(s, r, mi, NULL, f->name);
    f->alive = true;
    int k = rnd(r, 20);
    if (k < 2 && (f->en = pick_enum(s, r)) >= 0) {
        f->sc = S_ENUM;
    } else {
        static const scalar pool[] = {S_STRING, S_STRING, S_STRING, S_INT,     S_INT,  S_BIGINT, S_FLOAT,
                                      S_DECIMAL, S_BOOL,  S_DATETIME, S_DATETIME, S_JSON, S_BYTES};
        f->sc = pool[rnd(r, COUNT(pool))];
    }
    if (f->sc != S_ENUM) pick_native(r, f);
    int a = rnd(r, 10);
    f->ar = a < 5 ? REQUIRED : a < 8 ? OPTIONAL : LIST;
    if (f->sc == S_DATETIME && f->ar != LIST && chance(r, 10)) f->updated_at = true;
    if (chance(r, 15)) setf(f->map, "%s_col", f->name);
    pick_default(s, r, f);
    f->pos = s->m[mi].npos++;
}

/* Whether the field can be a key column: @id, @unique, a referenced field. */
static bool keyable(const field *f)
{
    if (f->ar == LIST || f->sc == S_JSON || f->updated_at) return false;
    if (f->sc == S_ENUM) return true;
    return (natives[f->nt].ix & IX_BTREE) != 0;
}

/* ---- indexes --------------------------------------------------------------------------- */

/* Same kind on the same columns (Prisma would give both the same name), or an index
 * name given twice. */
static bool index_clash(const model *m, const index *n)
{
    for (int i = 0; i < m->nix; i++) {
        const index *x = &m->ix[i];
        if (!x->alive || x == n) continue;
        bool same = x->nf == n->nf && (x->kind == K_INDEX) == (n->kind == K_INDEX);
        for (int j = 0; same && j < n->nf; j++) same = x->f[j] == n->f[j];
        if (same) return true;
        if (x->map[0] && n->map[0] && !strcmp(x->map, n->map)) return true;
    }
    if (n->kind != K_INDEX && n->nf == 1 && m->f[n->f[0]].unique) return true;
    return false;
}

static bool unique_field_clash(const model *m, int fi)
{
    for (int i = 0; i < m->nix; i++) {
        const index *x = &m->ix[i];
        if (x->alive && x->kind != K_INDEX && x->nf == 1 && x->f[0] == fi) return true;
    }
    return false;
}

static int live_scalars(const model *m, int *out, bool (*ok)(const field *))
{
    int n = 0;
    for (int i = 0; i < m->nf; i++)
        if (m->f[i].alive && (!ok || ok(&m->f[i]))) out[n++] = i;
    return n;
}

static bool indexable(const field *f)
{
    if (f->sc == S_ENUM) return f->ar != LIST;
    return natives[f->nt].ix != 0;
}

/* A random @@index or @@unique on model mi; false when none fits. */
static bool add_index(schema *s, rng *r, int mi, ixkind kind)
{
    model *m = &s->m[mi];
    if (m->nix >= MAX_INDEXES) return false;
    int cand[MAX_FIELDS], n = live_scalars(m, cand, kind == K_INDEX ? indexable : keyable);
    if (!n) return false;
    index x;
    memset(&x, 0, sizeof x);
    x.alive = true;
    x.kind = kind;
    x.rel = -1;
    int f0 = cand[rnd(r, n)];
    const field *f = &m->f[f0];
    unsigned ok = f->sc == S_ENUM ? IX_BH : natives[f->nt].ix;
    if (f->ar == LIST) ok = f->sc == S_ENUM ? 0 : IX_GIN;
    x.type = T_BTREE;
    if (kind == K_INDEX && chance(r, 40)) {
        ixtype pool[6];
        int np = 0;
        if (ok & IX_HASH) pool[np++] = T_HASH;
        if (ok & IX_BRIN) pool[np++] = T_BRIN;
        if (ok & IX_GIN) pool[np++] = T_GIN;
        if (ok & IX_SPGIST) pool[np++] = T_SPGIST;
        if (ok & IX_GIST_INET) pool[np++] = T_GIST;
        if (np) x.type = pool[rnd(r, np)];
    }
    if (x.type == T_BTREE && !(ok & IX_BTREE)) return false;
    x.f[x.nf++] = f0;
    if (x.type == T_GIST || (x.type == T_SPGIST && natives[f->nt].name && !strcmp(natives[f->nt].name, "Inet")))
        x.ops = "InetOps";
    if (x.type == T_GIN && f->sc == S_JSON && f->ar != LIST && chance(r, 50)) x.ops = "JsonbPathOps";
    /* More columns: BTree (and Brin on same-kind columns) only. */
    if (x.type == T_BTREE || x.type == T_BRIN) {
        int more = chance(r, 40) ? 1 + rnd(r, 2) : 0;
        for (int k = 0; k < more && x.nf < 3; k++) {
            int g = cand[rnd(r, n)];
            bool dup = false;
            for (int j = 0; j < x.nf; j++) dup |= x.f[j] == g;
            if (dup) continue;
            const field *fg = &m->f[g];
            if (x.type == T_BRIN && (fg->sc == S_ENUM || fg->ar == LIST || !(natives[fg->nt].ix & IX_BRIN))) continue;
            if (x.type == T_BTREE && fg->ar == LIST) continue;
            x.f[x.nf++] = g;
        }
    }
    /* Sort orders: BTree only (PostgreSQL rejects them elsewhere, Prisma on Hash). */
    if (x.type == T_BTREE)
        for (int j = 0; j < x.nf; j++) x.desc[j] = chance(r, 25);
    x.write_type = x.type == T_BTREE && kind == K_INDEX && chance(r, 10);
    if (chance(r, 15)) setf(x.map, "%s_%s_ix%d", m->name, kind == K_INDEX ? "i" : "u", ++s->serial);
    if (index_clash(m, &x)) return false;
    m->ix[m->nix++] = x;
    return true;
}

/* ---- models ------------------------------------------------------------------------------ */

static int single_id(const model *m)
{
    for (int i = 0; i < m->nf; i++)
        if (m->f[i].alive && m->f[i].id) return i;
    return -1;
}

static int compound_id(const model *m)
{
    for (int i = 0; i < m->nix; i++)
        if (m->ix[i].alive && m->ix[i].kind == K_ID) return i;
    return -1;
}

static int add_model(schema *s, rng *r)
{
    if (s->nm >= MAX_MODELS) return -1;
    int mi = s->nm++;
    model *m = &s->m[mi];
    memset(m, 0, sizeof *m);
    fresh_model_name(s, r, m->name);
    m->alive = true;
    if (chance(r, 12)) setf(m->map, "%ss", m->name), m->map[0] = (char)(m->map[0] | 0x20);
    if (m->map[0] && model_name_taken(s, m->map)) m->map[0] = 0;
    /* The key: a single @id (Int with autoincrement, String with uuid(), a Uuid, ...)
     * or a compound @@id. */
    field *id = &m->f[m->nf++];
    memset(id, 0, sizeof *id);
    id->alive = id->id = true;
    id->fk_rel = id->en = -1;
    id->ar = REQUIRED;
    id->a1 = id->a2 = -1;
    id->pos = m->npos++;
    setf(id->name, "id");
    int k = rnd(r, 10);
    if (k < 4) {
        id->sc = S_INT, id->nt = native_index(S_INT, NULL), id->def = chance(r, 80) ? D_AUTOINC : D_NONE;
    } else if (k < 6) {
        id->sc = S_STRING, id->nt = native_index(S_STRING, NULL), id->def = chance(r, 50) ? D_UUID : D_CUID;
    } else if (k < 7) {
        id->sc = S_STRING, id->nt = native_index(S_STRING, "Uuid"), id->def = D_NONE;
    } else if (k < 8) {
        id->sc = S_BIGINT, id->nt = native_index(S_BIGINT, NULL), id->def = chance(r, 50) ? D_AUTOINC : D_NONE;
    } else if (k < 9) {
        id->sc = S_STRING, id->nt = native_index(S_STRING, "VarChar"), id->a1 = 20 + rnd(r, 20), id->def = D_NONE;
    } else {
        /* @@id([a, b]) of two required scalars. */
        id->id = false;
        setf(id->name, "key");
        id->sc = S_STRING, id->nt = native_index(S_STRING, NULL), id->def = D_NONE;
        field *b = &m->f[m->nf++];
        memset(b, 0, sizeof *b);
        b->alive = true;
        b->fk_rel = b->en = -1;
        b->sc = S_INT, b->nt = native_index(S_INT, NULL), b->ar = REQUIRED, b->a1 = b->a2 = -1;
        b->pos = m->npos++;
        setf(b->name, "version");
        index *x = &m->ix[m->nix++];
        memset(x, 0, sizeof *x);
        x->alive = true, x->kind = K_ID, x->nf = 2, x->f[0] = 0, x->f[1] = 1, x->rel = -1;
        if (chance(r, 20)) setf(x->map, "%s_pk%d", m->name, ++s->serial);
    }
    int n = 1 + rnd(r, 7);
    for (int i = 0; i < n && m->nf < MAX_FIELDS; i++) new_scalar_field(s, r, mi, &m->f[m->nf++]);
    for (int i = 0; i < m->nf; i++) {
        field *f = &m->f[i];
        if (!f->id && keyable(f) && f->ar != LIST && chance(r, 12) && !unique_field_clash(m, i)) {
            f->unique = true;
            f->unique_desc = chance(r, 15);
            if (chance(r, 15)) setf(f->unique_map, "%s_%s_uq%d", m->name, f->name, ++s->serial);
        }
    }
    int ni = rnd(r, 3), nu = chance(r, 30);
    for (int i = 0; i < ni; i++) add_index(s, r, mi, K_INDEX);
    for (int i = 0; i < nu; i++) add_index(s, r, mi, K_UNIQUE);
    return mi;
}

/* ---- enums ---------------------------------------------------------------------------------- */

static bool value_taken(const enumdef *e, const char *v)
{
    for (int i = 0; i < e->nv; i++)
        if (e->v_alive[i] && !strcmp(e->v[i], v)) return true;
    return false;
}

static bool add_value(enumdef *e, rng *r, bool fresh)
{
    if (e->nv >= MAX_VALUES) return false;
    for (int tries = 0; tries < 20; tries++) {
        const char *w = value_words[rnd(r, COUNT(value_words))];
        if (value_taken(e, w)) continue;
        setf(e->v[e->nv], "%s", w);
        e->v_alive[e->nv] = true;
        e->v_new[e->nv] = fresh;
        e->nv++;
        return true;
    }
    return false;
}

static int add_enum(schema *s, rng *r)
{
    if (s->ne >= MAX_ENUMS) return -1;
    enumdef *e = &s->e[s->ne];
    memset(e, 0, sizeof *e);
    for (int tries = 0;; tries++) {
        if (tries < 10) setf(e->name, "%s", enum_words[rnd(r, COUNT(enum_words))]);
        else setf(e->name, "%s%d", enum_words[rnd(r, COUNT(enum_words))], ++s->serial);
        bool used = model_name_taken(s, e->name);
        for (int i = 0; i < s->ne; i++) used |= !strcmp(s->e[i].name, e->name); /* dropped ones too */
        if (!used) break;
    }
    e->alive = true;
    if (chance(r, 15)) setf(e->map, "%s_t", e->name), e->map[0] = (char)(e->map[0] | 0x20);
    int n = 2 + rnd(r, 4);
    for (int i = 0; i < n; i++) add_value(e, r, false);
    return s->ne++;
}

/* ---- relations -------------------------------------------------------------------------------- */

/* The fields of b a foreign key can point at: its single @id, a required @unique field,
 * or its compound @@id. Returns how many (0: none). */
static int pick_reference(const schema *s, rng *r, int bi, int *ref)
{
    const model *b = &s->m[bi];
    int id = single_id(b);
    int cand[MAX_FIELDS], n = 0;
    for (int i = 0; i < b->nf; i++) {
        const field *f = &b->f[i];
        if (f->alive && f->unique && f->ar == REQUIRED && f->sc != S_ENUM && f->fk_rel < 0) cand[n++] = i;
    }
    if (n && chance(r, 25)) {
        ref[0] = cand[rnd(r, n)];
        return 1;
    }
    if (id >= 0) {
        ref[0] = id;
        return 1;
    }
    int cx = compound_id(b);
    if (cx >= 0) {
        ref[0] = b->ix[cx].f[0];
        ref[1] = b->ix[cx].f[1];
        return 2;
    }
    return 0;
}

static int alive_models(const schema *s, int *out)
{
    int n = 0;
    for (int i = 0; i < s->nm; i++)
        if (s->m[i].alive) out[n++] = i;
    return n;
}

static bool add_relation(schema *s, rng *r)
{
    if (s->nr >= MAX_RELS) return false;
    int cand[MAX_MODELS], n = alive_models(s, cand);
    if (!n) return false;
    relation rl;
    memset(&rl, 0, sizeof rl);
    rl.alive = true;
    rl.a = cand[rnd(r, n)];
    rl.b = chance(r, 12) ? rl.a : cand[rnd(r, n)];
    int k = rnd(r, 10);
    rl.kind = k < 6 ? R_1N : k < 8 ? R_11 : R_MN;
    rl.on_delete = rl.on_update = -1;
    setf(rl.name, "r%d", ++s->serial);
    model *a = &s->m[rl.a], *b = &s->m[rl.b];
    if (rl.kind == R_MN) {
        /* Implicit many-to-many: both sides need a single @id. */
        if (single_id(a) < 0 || single_id(b) < 0) return false;
    } else {
        rl.nk = pick_reference(s, r, rl.b, rl.ref);
        if (!rl.nk || (rl.kind == R_11 && rl.nk != 1)) return false;
        if (a->nf + rl.nk > MAX_FIELDS) return false;
        rl.optional = chance(r, 50);
        int ri = s->nr; /* this relation's index, once added */
        for (int j = 0; j < rl.nk; j++) {
            const field *rf = &b->f[rl.ref[j]];
            field *f = &a->f[a->nf];
            memset(f, 0, sizeof *f);
            f->alive = true;
            f->sc = rf->sc, f->en = rf->en, f->nt = rf->nt, f->a1 = rf->a1, f->a2 = rf->a2;
            f->ar = rl.optional ? OPTIONAL : REQUIRED;
            f->fk_rel = ri;
            char base[NAME_LEN + 8];
            char lb[NAME_LEN];
            lower_first(lb, b->name);
            snprintf(base, sizeof base, "%s%c%s", lb, rf->name[0] & ~0x20, rf->name + 1);
            base[NAME_LEN - 1] = 0;
            fresh_field_name(s, r, rl.a, base, f->name);
            f->unique = rl.kind == R_11;
            f->pos = a->npos++;
            rl.fk[j] = a->nf++;
        }
        if (chance(r, 50)) {
            int pool[5], np = 0;
            for (int i = 0; i < 5; i++)
                if (i != 3 || rl.optional) pool[np++] = i; /* SetNull needs nullable columns */
            rl.on_delete = pool[rnd(r, np)];
            if (chance(r, 60)) rl.on_update = pool[rnd(r, np)];
        }
    }
    char la[NAME_LEN], lb[NAME_LEN];
    lower_first(la, a->name);
    lower_first(lb, b->name);
    char base[NAME_LEN];
    setf(base, "%s", lb);
    fresh_field_name(s, r, rl.a, base, rl.fa);
    s->r[s->nr] = rl; /* visible to the name check of the other side */
    s->nr++;
    setf(base, "%s%s", la, rl.kind == R_11 ? "" : "s");
    char fb[NAME_LEN];
    fresh_field_name(s, r, rl.b, base, fb);
    memcpy(s->r[s->nr - 1].fb, fb, NAME_LEN);
    s->r[s->nr - 1].pa = a->npos++;
    s->r[s->nr - 1].pb = b->npos++;
    return true;
}

/* ---- the initial schema ------------------------------------------------------------------ */

static void generate(schema *s, rng *r)
{
    memset(s, 0, sizeof *s);
    int ne = rnd(r, 4);
    for (int i = 0; i < ne; i++) add_enum(s, r);
    int nm = 2 + rnd(r, 7);
    for (int i = 0; i < nm; i++) add_model(s, r);
    int nr = rnd(r, nm + 1);
    for (int i = 0, tries = 0; i < nr && tries < 30; tries++) i += add_relation(s, r);
}

/* ---- mutations ----------------------------------------------------------------------------
 * Each returns whether it changed anything. Fields a relation owns (foreign keys) or
 * points at (referenced fields, @id of models in implicit many-to-many relations) keep
 * their types: Prisma requires both ends to match. */

static const char *table_name(const model *m) { return m->map[0] ? m->map : m->name; }
static const char *column_name(const field *f) { return f->map[0] ? f->map : f->name; }

/* A live column of schema s, by table and column name; NULL when there is none. */
static const field *find_column(const schema *s, const char *table, const char *column)
{
    for (int mi = 0; mi < s->nm; mi++) {
        const model *m = &s->m[mi];
        if (!m->alive || strcmp(table_name(m), table)) continue;
        for (int fi = 0; fi < m->nf; fi++)
            if (m->f[fi].alive && !strcmp(column_name(&m->f[fi]), column)) return &m->f[fi];
    }
    return NULL;
}

/* The column as it was before the mutation, matched as Prisma matches them: by table
 * and column name (a renamed model or field is a new table or column; a new model that
 * takes a dropped model's name is the same table). NULL for a column new to the database. */
static const field *orig_field(const schema *s, int mi, int fi)
{
    if (!s->orig) return NULL;
    return find_column(s->orig, table_name(&s->m[mi]), column_name(&s->m[mi].f[fi]));
}

static bool is_native(const field *f, const char *name)
{
    return f->sc != S_ENUM && natives[f->nt].name && !strcmp(natives[f->nt].name, name);
}

static bool text_like(const field *f)
{
    return f->sc == S_STRING && (!natives[f->nt].name || is_native(f, "Text") || is_native(f, "VarChar") ||
                                 is_native(f, "Char") || is_native(f, "Citext"));
}

/* The precision family of a DateTime type (DateTime alone is Timestamp(3)), and its
 * precision (-1: written without one). */
static int time_family(const field *f, int *prec)
{
    *prec = f->a1;
    if (f->sc != S_DATETIME) return -1;
    if (!natives[f->nt].name) {
        *prec = 3;
        return native_index(S_DATETIME, "Timestamp");
    }
    return natives[f->nt].args == A_PREC ? f->nt : -1;
}

/* Column changes Prisma gets wrong (Prisma's own limits 4 and 6), o before, f after
 * (o NULL: a new column):
 * SET DATA TYPE without a cast PostgreSQL has (from Money to all but Decimal and text,
 * from Citext to all but text, from a timestamp without time zone to Timetz, between an
 * enum and a list of it); a precision added to or removed from Timestamp, Timestamptz,
 * Time or Timetz (Prisma takes one without a precision for equal to any); an
 * autoincrement() column retyped or made optional (SET DATA TYPE SERIAL). */
static bool type_change_ok(const field *o, const field *f)
{
    if (!o) return true;
    if (is_native(o, "Money") && f->sc != S_DECIMAL && !text_like(f)) return false;
    if (is_native(o, "Citext") && !text_like(f)) return false;
    if (o->sc == S_DATETIME && (!natives[o->nt].name || is_native(o, "Timestamp")) && is_native(f, "Timetz")) return false;
    if (o->sc == S_ENUM && f->sc == S_ENUM && o->en == f->en && (o->ar == LIST) != (f->ar == LIST)) return false;
    int po, pf, fo = time_family(o, &po), ff = time_family(f, &pf);
    if (fo >= 0 && fo == ff && (po < 0) != (pf < 0)) return false;
    if (o->def == D_AUTOINC && (o->sc != f->sc || o->nt != f->nt || f->ar != REQUIRED)) return false;
    return true;
}

static bool referenced(const schema *s, int mi, int fi)
{
    for (int i = 0; i < s->nr; i++) {
        const relation *rl = &s->r[i];
        if (!rl->alive) continue;
        if (rl->kind == R_MN && (rl->a == mi || rl->b == mi) && s->m[mi].f[fi].id) return true;
        if (rl->kind != R_MN && rl->b == mi)
            for (int j = 0; j < rl->nk; j++)
                if (rl->ref[j] == fi) return true;
    }
    return false;
}

static void drop_relation(schema *s, int ri)
{
    relation *rl = &s->r[ri];
    if (!rl->alive) return;
    rl->alive = false;
    model *a = &s->m[rl->a];
    for (int j = 0; j < rl->nk; j++) a->f[rl->fk[j]].alive = false;
    for (int i = 0; i < a->nix; i++)
        if (a->ix[i].alive)
            for (int j = 0; j < a->ix[i].nf; j++)
                if (!a->f[a->ix[i].f[j]].alive) a->ix[i].alive = false;
}

static int pick_model(const schema *s, rng *r)
{
    int cand[MAX_MODELS], n = alive_models(s, cand);
    return n ? cand[rnd(r, n)] : -1;
}

static bool mut_drop_model(schema *s, rng *r)
{
    int cand[MAX_MODELS], n = alive_models(s, cand);
    if (n <= 2) return false;
    int mi = cand[rnd(r, n)];
    for (int i = 0; i < s->nr; i++)
        if (s->r[i].alive && (s->r[i].a == mi || s->r[i].b == mi)) drop_relation(s, i);
    s->m[mi].alive = false;
    return true;
}

static bool mut_rename_model(schema *s, rng *r)
{
    int mi = pick_model(s, r);
    if (mi < 0) return false;
    model *m = &s->m[mi];
    char old[NAME_LEN];
    setf(old, "%s", m->name);
    /* With @@map("old name") the table stays: no difference in the database at all. */
    bool keep = !m->map[0] && chance(r, 40);
    m->alive = false; /* so its own names do not count as taken */
    fresh_model_name(s, r, m->name);
    m->alive = true;
    if (keep) setf(m->map, "%s", old);
    return true;
}

static bool mut_map_model(schema *s, rng *r)
{
    int mi = pick_model(s, r);
    if (mi < 0) return false;
    model *m = &s->m[mi];
    char table[NAME_LEN];
    setf(table, "%s", table_name(m));
    if (m->map[0]) {
        /* The table takes the model's name: free unless another model had it before. */
        m->map[0] = 0;
        m->alive = false;
        const schema *o = s->orig;
        s->orig = NULL;
        bool clash = model_name_taken(s, m->name);
        s->orig = o;
        for (int i = 0; o && i < o->nm; i++)
            clash |= i != mi && o->m[i].alive && (!strcmp(o->m[i].name, m->name) || !strcmp(o->m[i].map, m->name));
        m->alive = true;
        if (clash) {
            setf(m->map, "%s", table);
            return false;
        }
    } else {
        setf(m->map, "%s_tbl%d", m->name, ++s->serial);
    }
    return true;
}

static int pick_field(const schema *s, rng *r, int mi, bool plain)
{
    const model *m = &s->m[mi];
    int cand[MAX_FIELDS], n = 0;
    for (int i = 0; i < m->nf; i++) {
        const field *f = &m->f[i];
        if (!f->alive) continue;
        if (plain && (f->id || f->fk_rel >= 0 || referenced(s, mi, i))) continue;
        if (plain && compound_id(m) >= 0 && (i == m->ix[compound_id(m)].f[0] || i == m->ix[compound_id(m)].f[1])) continue;
        cand[n++] = i;
    }
    return n ? cand[rnd(r, n)] : -1;
}

static void drop_indexes_on(model *m, int fi)
{
    for (int i = 0; i < m->nix; i++)
        if (m->ix[i].alive && m->ix[i].kind != K_ID)
            for (int j = 0; j < m->ix[i].nf; j++)
                if (m->ix[i].f[j] == fi) m->ix[i].alive = false;
}

static bool mut_add_field(schema *s, rng *r)
{
    int mi = pick_model(s, r);
    if (mi < 0 || s->m[mi].nf >= MAX_FIELDS) return false;
    model *m = &s->m[mi];
    field *f = &m->f[m->nf];
    new_scalar_field(s, r, mi, f);
    /* Anywhere among the existing fields, not only at the end. */
    if (chance(r, 50)) f->pos = rnd(r, m->npos);
    m->nf++;
    if (keyable(f) && chance(r, 15) && !unique_field_clash(m, m->nf - 1)) f->unique = true;
    return true;
}

static bool mut_drop_field(schema *s, rng *r)
{
    int mi = pick_model(s, r);
    if (mi < 0) return false;
    int fi = pick_field(s, r, mi, true);
    if (fi < 0) return false;
    s->m[mi].f[fi].alive = false;
    drop_indexes_on(&s->m[mi], fi);
    return true;
}

static bool mut_rename_field(schema *s, rng *r)
{
    int mi = pick_model(s, r);
    if (mi < 0) return false;
    int fi = pick_field(s, r, mi, false);
    if (fi < 0) return false;
    field *f = &s->m[mi].f[fi];
    char old[NAME_LEN];
    setf(old, "%s", f->name);
    bool keep = !f->map[0] && chance(r, 40);
    f->alive = false;
    fresh_field_name(s, r, mi, NULL, f->name);
    f->alive = true;
    if (keep) setf(f->map, "%s", old);
    return true;
}

/* The field's type changes: often to a neighbour PostgreSQL can cast to (another length,
 * precision or native type of the same scalar, Int -> BigInt -> Decimal...), otherwise
 * to anything. Indexes and defaults that no longer fit go or are picked again. */
static bool mut_change_type(schema *s, rng *r)
{
    int mi = pick_model(s, r);
    if (mi < 0) return false;
    int fi = pick_field(s, r, mi, true);
    if (fi < 0) return false;
    model *m = &s->m[mi];
    field *f = &m->f[fi];
    if (f->updated_at) return false;
    field saved = *f;
    int k = rnd(r, 10);
    if (k < 4 && f->sc != S_ENUM) {
        pick_native(r, f); /* same scalar */
    } else if (k < 6 && f->sc != S_ENUM && f->sc != S_BOOL && f->sc != S_JSON && f->sc != S_BYTES) {
        static const scalar num[] = {S_INT, S_BIGINT, S_FLOAT, S_DECIMAL};
        static const scalar other[] = {S_STRING, S_DATETIME};
        f->sc = (f->sc == S_STRING || f->sc == S_DATETIME) ? other[rnd(r, 2)] : num[rnd(r, 4)];
        pick_native(r, f);
    } else if (k < 7 && (f->en = pick_enum(s, r)) >= 0) {
        f->sc = S_ENUM;
    } else {
        static const scalar pool[] = {S_STRING, S_INT, S_BIGINT, S_FLOAT, S_DECIMAL, S_BOOL, S_DATETIME, S_JSON, S_BYTES};
        f->sc = pool[rnd(r, COUNT(pool))];
        pick_native(r, f);
    }
    if (!type_change_ok(orig_field(s, mi, fi), f)) {
        *f = saved;
        return false;
    }
    /* Indexes stay only when their type still fits. */
    for (int i = 0; i < m->nix; i++) {
        index *x = &m->ix[i];
        if (!x->alive || x->kind == K_ID) continue;
        for (int j = 0; j < x->nf; j++) {
            if (x->f[j] != fi) continue;
            bool fits = x->type == T_BTREE && (x->kind == K_INDEX ? indexable(f) : keyable(f)) && f->ar != LIST;
            if (!fits || x->ops) x->alive = false;
        }
    }
    if (f->unique && !keyable(f)) f->unique = false;
    if (chance(r, 50) || f->def != D_NONE) pick_default(s, r, f);
    return true;
}

static bool mut_arity(schema *s, rng *r)
{
    int mi = pick_model(s, r);
    if (mi < 0) return false;
    int fi = pick_field(s, r, mi, true);
    if (fi < 0) return false;
    model *m = &s->m[mi];
    field *f = &m->f[fi];
    arity old = f->ar;
    if (f->ar == LIST) f->ar = chance(r, 50) ? REQUIRED : OPTIONAL;
    else if (chance(r, 20) && !f->updated_at && !f->unique) f->ar = LIST;
    else f->ar = f->ar == REQUIRED ? OPTIONAL : REQUIRED;
    if (!type_change_ok(orig_field(s, mi, fi), f)) {
        f->ar = old;
        return false;
    }
    if (f->def == D_AUTOINC && f->ar != REQUIRED) f->def = D_NONE;
    if ((old == LIST) != (f->ar == LIST)) {
        drop_indexes_on(m, fi);
        f->unique = false;
        pick_default(s, r, f);
    }
    return true;
}

static bool mut_default(schema *s, rng *r)
{
    int mi = pick_model(s, r);
    if (mi < 0) return false;
    int fi = pick_field(s, r, mi, true);
    if (fi < 0) return false;
    field *f = &s->m[mi].f[fi];
    const field *of = orig_field(s, mi, fi);
    if (of && of->def == D_AUTOINC) return false; /* Prisma's own limit 6 */
    defkind old = f->def;
    int oldv = f->defv;
    pick_default(s, r, f);
    if (f->def == old && f->defv == oldv && chance(r, 70)) f->def = D_NONE;
    return true;
}

static bool mut_unique(schema *s, rng *r)
{
    int mi = pick_model(s, r);
    if (mi < 0) return false;
    model *m = &s->m[mi];
    int fi = pick_field(s, r, mi, true);
    if (fi < 0) return false;
    field *f = &m->f[fi];
    if (f->unique) {
        f->unique = false;
        return true;
    }
    if (!keyable(f) || unique_field_clash(m, fi)) return false;
    f->unique = true;
    f->unique_desc = chance(r, 20);
    return true;
}

static bool mut_index(schema *s, rng *r)
{
    int mi = pick_model(s, r);
    if (mi < 0) return false;
    model *m = &s->m[mi];
    int k = rnd(r, 10);
    if (k < 4) return add_index(s, r, mi, chance(r, 70) ? K_INDEX : K_UNIQUE);
    int cand[MAX_INDEXES], n = 0;
    for (int i = 0; i < m->nix; i++)
        if (m->ix[i].alive && m->ix[i].kind != K_ID && m->ix[i].rel < 0) cand[n++] = i;
    if (!n) return add_index(s, r, mi, K_INDEX);
    index *x = &m->ix[cand[rnd(r, n)]];
    if (k < 7) {
        x->alive = false;
    } else if (k < 9) {
        /* A new name: Prisma renames the index in place. */
        index saved = *x;
        setf(x->map, "%s_renamed%d", m->name, ++s->serial);
        if (index_clash(m, x)) *x = saved;
    } else if (x->type == T_BTREE) {
        int j = rnd(r, x->nf);
        x->desc[j] = !x->desc[j];
    } else {
        return false;
    }
    return true;
}

static bool mut_primary_key(schema *s, rng *r)
{
    int mi = pick_model(s, r);
    if (mi < 0) return false;
    model *m = &s->m[mi];
    int id = single_id(m);
    if (id < 0 || referenced(s, mi, id)) return false;
    /* Another required key-able field becomes the @id; the old one stays, plain. */
    int cand[MAX_FIELDS], n = 0;
    for (int i = 0; i < m->nf; i++) {
        const field *f = &m->f[i];
        if (f->alive && i != id && f->ar == REQUIRED && keyable(f) && f->fk_rel < 0 && f->sc != S_ENUM &&
            !referenced(s, mi, i) &&
            (f->sc == S_STRING || f->sc == S_INT || f->sc == S_BIGINT))
            cand[n++] = i;
    }
    if (!n) return false;
    int ni = cand[rnd(r, n)];
    m->f[id].id = false;
    m->f[ni].id = true;
    m->f[ni].unique = false;
    return true;
}

static bool mut_enum(schema *s, rng *r)
{
    int ei = pick_enum(s, r);
    int k = rnd(r, 10);
    if (ei < 0 || k == 0) return add_enum(s, r) >= 0;
    enumdef *e = &s->e[ei];
    if (k < 5) return add_value(e, r, true);
    if (k < 9) {
        if (enum_value_count(e) <= 1) return false;
        int cand[MAX_VALUES], n = 0;
        for (int i = 0; i < e->nv; i++)
            if (e->v_alive[i]) cand[n++] = i;
        int vi = cand[rnd(r, n)];
        e->v_alive[vi] = false;
        s->removed[ei] = true;
        /* Defaults that used it go, or take another value. */
        for (int mi = 0; mi < s->nm; mi++)
            for (int fi = 0; fi < s->m[mi].nf; fi++) {
                field *f = &s->m[mi].f[fi];
                if (f->alive && f->sc == S_ENUM && f->en == ei && (f->def == D_ENUM || f->def == D_LIST) && f->defv == vi)
                    pick_default(s, r, f);
            }
        return true;
    }
    /* Drop an enum no field uses. */
    for (int mi = 0; mi < s->nm; mi++)
        for (int fi = 0; fi < s->m[mi].nf; fi++)
            if (s->m[mi].alive && s->m[mi].f[fi].alive && s->m[mi].f[fi].sc == S_ENUM && s->m[mi].f[fi].en == ei)
                return false;
    e->alive = false;
    return true;
}

static bool mut_relation(schema *s, rng *r)
{
    int cand[MAX_RELS], n = 0;
    for (int i = 0; i < s->nr; i++)
        if (s->r[i].alive) cand[n++] = i;
    int k = rnd(r, 10);
    if (!n || k < 4) return add_relation(s, r);
    relation *rl = &s->r[cand[rnd(r, n)]];
    if (k < 7) {
        drop_relation(s, (int)(rl - s->r));
        return true;
    }
    if (rl->kind == R_MN) return false;
    if (k < 9) {
        int pool[5], np = 0;
        for (int i = 0; i < 5; i++)
            if (i != 3 || rl->optional) pool[np++] = i;
        rl->on_delete = chance(r, 20) ? -1 : pool[rnd(r, np)];
        rl->on_update = chance(r, 30) ? -1 : pool[rnd(r, np)];
        return true;
    }
    /* Optional <-> required, foreign key columns along. */
    rl->optional = !rl->optional;
    for (int j = 0; j < rl->nk; j++) s->m[rl->a].f[rl->fk[j]].ar = rl->optional ? OPTIONAL : REQUIRED;
    if (!rl->optional) {
        if (rl->on_delete == 3) rl->on_delete = -1;
        if (rl->on_update == 3) rl->on_update = -1;
    }
    return true;
}

static bool mut_add_model(schema *s, rng *r)
{
    if (add_model(s, r) < 0) return false;
    if (chance(r, 60)) add_relation(s, r);
    return true;
}

/* Prisma's own limits: migrations Prisma's engine writes that PostgreSQL refuses, or that
 * do not reach the target schema. The mutations avoid them, since shale must print the
 * same bytes and they would only ever show Prisma's bugs:
 *  1. An enum value added and used by a default in the same migration: the script runs
 *     as one transaction, and PostgreSQL refuses "unsafe use of new value". Values the
 *     mutation adds (v_new) are never picked for defaults.
 *  2. An enum value removed while a column of that enum is new (a new table or column, a
 *     renamed one, a column retyped to the enum), or goes (a dropped table or column, a
 *     column retyped from the enum): the AlterEnum block comes first; it retypes columns
 *     that do not exist yet, and cannot drop the old type that columns still use.
 *     fixup() keeps the value then.
 *  3. A DateTime literal default changed, or a literal default changed to or from one:
 *     Prisma never diffs DateTime literal defaults, and does not set them again when the
 *     column's type changes. fixup() drops such a default instead (that is diffed).
 *  4. ALTER COLUMN ... SET DATA TYPE without a cast PostgreSQL has: from Money (to all
 *     but Decimal and text), from Citext (to all but text), from a timestamp without
 *     time zone to Timetz, between an enum and a list of it; and a precision added to or
 *     removed from Timestamp, Timestamptz, Time or Timetz, which Prisma does not see.
 *     type_change_ok() rejects those changes.
 *  5. A unique field that a foreign key references, made the primary key: Prisma drops
 *     the unique index the foreign key depends on. mut_primary_key() leaves those.
 *  6. autoincrement() removed (DROP SEQUENCE "": a schema has no sequence name), or kept
 *     while the column's type changes (SET DATA TYPE SERIAL / BIGSERIAL), or added
 *     together with a type change. An autoincrement() column keeps its type and default;
 *     fixup() drops an autoincrement() added to a retyped column.
 *  7. A primary key renamed (map) while its columns change: Prisma drops it, then
 *     renames the dropped constraint. Only a new model could do that here, and a new
 *     table never takes the name of one from the schema before (model_name_taken()), so
 *     a table is either the same table or a new one, as for Prisma. */
static bool literal_default(const field *f) { return f->def == D_LIT || f->def == D_LIST; }

static void fixup(schema *s)
{
    const schema *o = s->orig;
    for (int ei = 0; ei < s->ne && ei < o->ne; ei++) {
        if (!s->removed[ei]) continue;
        bool fresh_use = false;
        for (int mi = 0; mi < s->nm; mi++) {
            if (!s->m[mi].alive) continue;
            for (int fi = 0; fi < s->m[mi].nf; fi++) {
                const field *f = &s->m[mi].f[fi], *of = orig_field(s, mi, fi);
                if (f->alive && f->sc == S_ENUM && f->en == ei)
                    fresh_use |= !of || of->sc != S_ENUM || of->en != ei || (of->ar == LIST) != (f->ar == LIST);
            }
        }
        for (int mi = 0; mi < o->nm; mi++) {
            if (!o->m[mi].alive) continue;
            for (int fi = 0; fi < o->m[mi].nf; fi++) {
                const field *of = &o->m[mi].f[fi];
                if (!of->alive || of->sc != S_ENUM || of->en != ei) continue;
                const field *f = find_column(s, table_name(&o->m[mi]), column_name(of));
                fresh_use |= !f || f->sc != S_ENUM || f->en != ei || (f->ar == LIST) != (of->ar == LIST);
            }
        }
        if (!fresh_use) continue;
        enumdef *e = &s->e[ei];
        for (int v = 0; v < o->e[ei].nv; v++)
            if (o->e[ei].v_alive[v] && !e->v_alive[v] && !value_taken(e, e->v[v])) e->v_alive[v] = true;
    }
    for (int mi = 0; mi < s->nm; mi++) {
        if (!s->m[mi].alive) continue;
        for (int fi = 0; fi < s->m[mi].nf; fi++) {
            field *f = &s->m[mi].f[fi];
            const field *of = orig_field(s, mi, fi);
            if (!f->alive || !of) continue;
            bool same = f->sc == of->sc && f->nt == of->nt && f->a1 == of->a1 && f->ar == of->ar && f->def == of->def &&
                        f->defv == of->defv;
            bool odt = of->sc == S_DATETIME && literal_default(of), ndt = f->sc == S_DATETIME && literal_default(f);
            if (!same && (odt || (ndt && literal_default(of)))) f->def = D_NONE;
            if (f->def == D_AUTOINC && of->def != D_AUTOINC && (f->sc != of->sc || f->nt != of->nt)) f->def = D_NONE;
        }
    }
}

static void mutate(schema *s, const schema *before, rng *r)
{
    typedef bool (*mutation)(schema *, rng *);
    static const mutation all[] = {
        mut_add_model, mut_drop_model, mut_rename_model, mut_map_model, mut_add_field, mut_add_field,
        mut_drop_field, mut_rename_field, mut_change_type, mut_change_type, mut_change_type, mut_arity, mut_arity,
        mut_default, mut_default, mut_unique, mut_index, mut_index, mut_primary_key, mut_enum, mut_enum,
        mut_relation, mut_relation,
    };
    s->orig = before;
    int want = 1 + rnd(r, 4), done = 0;
    for (int tries = 0; done < want && tries < 60; tries++) done += all[rnd(r, COUNT(all))](s, r);
    fixup(s);
    s->orig = NULL;
}

/* ---- printing ----------------------------------------------------------------------------- */

typedef struct out {
    FILE *f;
} out;

static void put(out *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(o->f, fmt, ap);
    va_end(ap);
}

static void put_string(out *o, const char *s)
{
    fputc('"', o->f);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\') fputc('\\', o->f);
        fputc(*s, o->f);
    }
    fputc('"', o->f);
}

/* Literal number v (0..3) of the field's family, as Prisma writes it. */
static void put_literal(out *o, const schema *s, const field *f, int v)
{
    static const char *const texts[] = {"ab", "", "it's", "x y"};
    static const char *const uuids[] = {"0b7f6e1c-6f1b-4b0a-9d6c-2f3e4a5b6c7d", "00000000-0000-0000-0000-000000000000"};
    static const char *const inets[] = {"10.0.0.1", "192.168.1.0/24"};
    static const char *const ints[] = {"0", "7", "-1", "42"};
    static const char *const floats[] = {"1.5", "0", "-2.25", "3"};
    static const char *const decs[] = {"2.5", "0", "10.25", "-1"};
    static const char *const times[] = {"2020-01-01T00:00:00.000Z", "1999-12-31T23:59:59.000Z"};
    static const char *const jsons[] = {"{\"a\": 1}", "[]", "{}", "\"s\""};
    static const char *const bytes[] = {"aGVsbG8=", ""};
    if (f->sc == S_ENUM) {
        put(o, "%s", s->e[f->en].v[v]);
        return;
    }
    const native *nt = &natives[f->nt];
    switch (nt->lit) {
    case L_TEXT: put_string(o, texts[v % 4]); break;
    case L_UUID: put_string(o, uuids[v % 2]); break;
    case L_XML: put_string(o, "<a/>"); break;
    case L_INET: put_string(o, inets[v % 2]); break;
    case L_BITS: {
        /* Bit(n) takes exactly n bits, VarBit(n) up to n. */
        char b[64];
        int n = !strcmp(nt->name, "Bit") ? (f->a1 < 0 ? 1 : f->a1) : 1 + v % 2;
        for (int i = 0; i < n && i < 63; i++) b[i] = (char)('0' + ((i + v) & 1));
        b[n < 63 ? n : 63] = 0;
        put_string(o, b);
        break;
    }
    case L_INT: put(o, "%s", nt->name && !strcmp(nt->name, "Oid") && v == 2 ? "1" : ints[v % 4]); break;
    case L_FLOAT: put(o, "%s", floats[v % 4]); break;
    case L_DEC: put(o, "%s", decs[v % 4]); break;
    case L_BOOL: put(o, "%s", v & 1 ? "true" : "false"); break;
    case L_TIME: put_string(o, times[v % 2]); break;
    case L_JSON: put_string(o, jsons[v % 4]); break;
    case L_BYTES: put_string(o, bytes[v % 2]); break;
    }
}

static void put_default(out *o, const schema *s, const field *f)
{
    switch (f->def) {
    case D_NONE: return;
    case D_LIT: put(o, " @default("); put_literal(o, s, f, f->defv); break;
    case D_NOW: put(o, " @default(now()"); break;
    case D_AUTOINC: put(o, " @default(autoincrement()"); break;
    case D_UUID: put(o, " @default(uuid()"); break;
    case D_CUID: put(o, " @default(cuid()"); break;
    case D_DBGEN: put(o, " @default(dbgenerated(\"gen_random_uuid()\")"); break;
    case D_ENUM: put(o, " @default(%s", s->e[f->en].v[f->defv]); break;
    case D_EMPTY_LIST: put(o, " @default(["); put(o, "]"); break;
    case D_LIST:
        put(o, " @default([");
        put_literal(o, s, f, f->defv);
        if (f->sc != S_ENUM) {
            put(o, ", ");
            put_literal(o, s, f, (f->defv + 1) % 4);
        }
        put(o, "]");
        break;
    }
    put(o, ")");
}

static void put_field(out *o, const schema *s, const field *f)
{
    const char *type = f->sc == S_ENUM ? s->e[f->en].name : scalar_names[f->sc];
    put(o, "  %s %s%s", f->name, type, f->ar == OPTIONAL ? "?" : f->ar == LIST ? "[]" : "");
    if (f->id) put(o, " @id");
    put_default(o, s, f);
    if (f->unique) {
        if (f->unique_desc && f->unique_map[0]) put(o, " @unique(sort: Desc, map: \"%s\")", f->unique_map);
        else if (f->unique_desc) put(o, " @unique(sort: Desc)");
        else if (f->unique_map[0]) put(o, " @unique(map: \"%s\")", f->unique_map);
        else put(o, " @unique");
    }
    if (f->updated_at) put(o, " @updatedAt");
    if (f->map[0]) put(o, " @map(\"%s\")", f->map);
    if (f->sc != S_ENUM && natives[f->nt].name) {
        put(o, " @db.%s", natives[f->nt].name);
        if (f->a1 >= 0 && f->a2 >= 0) put(o, "(%d, %d)", f->a1, f->a2);
        else if (f->a1 >= 0) put(o, "(%d)", f->a1);
    }
    put(o, "\n");
}

static void put_field_list(out *o, const model *m, const int *fi, int n, const bool *desc, const char *ops)
{
    put(o, "[");
    for (int j = 0; j < n; j++) {
        put(o, "%s%s", j ? ", " : "", m->f[fi[j]].name);
        if (desc && desc[j] && j == 0 && ops) put(o, "(sort: Desc, ops: %s)", ops);
        else if (desc && desc[j]) put(o, "(sort: Desc)");
        else if (j == 0 && ops) put(o, "(ops: %s)", ops);
    }
    put(o, "]");
}

static void put_relation_field(out *o, const schema *s, const relation *rl, bool side_a)
{
    const model *a = &s->m[rl->a], *b = &s->m[rl->b];
    if (rl->kind == R_MN) {
        put(o, "  %s %s[] @relation(\"%s\")\n", side_a ? rl->fa : rl->fb, side_a ? b->name : a->name, rl->name);
        return;
    }
    if (!side_a) {
        put(o, "  %s %s%s @relation(\"%s\")\n", rl->fb, a->name, rl->kind == R_11 ? "?" : "[]", rl->name);
        return;
    }
    put(o, "  %s %s%s @relation(\"%s\", fields: ", rl->fa, b->name, rl->optional ? "?" : "", rl->name);
    put_field_list(o, a, rl->fk, rl->nk, NULL, NULL);
    put(o, ", references: ");
    put_field_list(o, b, rl->ref, rl->nk, NULL, NULL);
    if (rl->on_delete >= 0) put(o, ", onDelete: %s", actions[rl->on_delete]);
    if (rl->on_update >= 0) put(o, ", onUpdate: %s", actions[rl->on_update]);
    put(o, ")\n");
}

static void put_model(out *o, const schema *s, int mi)
{
    const model *m = &s->m[mi];
    /* Scalar and relation fields in position order: items are (pos, kind, index). */
    struct item {
        int pos, kind, i;
    } items[MAX_FIELDS + 2 * MAX_RELS];
    int n = 0;
    for (int i = 0; i < m->nf; i++)
        if (m->f[i].alive) items[n++] = (struct item){m->f[i].pos, 0, i};
    for (int i = 0; i < s->nr; i++) {
        const relation *rl = &s->r[i];
        if (!rl->alive) continue;
        if (rl->a == mi) items[n++] = (struct item){rl->pa, 1, i};
        if (rl->b == mi) items[n++] = (struct item){rl->pb, 2, i};
    }
    for (int i = 1; i < n; i++) {
        struct item t = items[i];
        int j = i - 1;
        for (; j >= 0 && items[j].pos > t.pos; j--) items[j + 1] = items[j];
        items[j + 1] = t;
    }
    put(o, "model %s {\n", m->name);
    for (int i = 0; i < n; i++) {
        if (items[i].kind == 0) put_field(o, s, &m->f[items[i].i]);
        else put_relation_field(o, s, &s->r[items[i].i], items[i].kind == 1);
    }
    bool blank = false;
    for (int i = 0; i < m->nix; i++) {
        const index *x = &m->ix[i];
        if (!x->alive) continue;
        if (!blank) put(o, "\n"), blank = true;
        put(o, "  @@%s(", x->kind == K_ID ? "id" : x->kind == K_UNIQUE ? "unique" : "index");
        put_field_list(o, m, x->f, x->nf, x->desc, x->ops);
        if (x->type != T_BTREE || x->write_type) put(o, ", type: %s", ixtype_names[x->type]);
        if (x->map[0]) put(o, ", map: \"%s\"", x->map);
        put(o, ")\n");
    }
    if (m->map[0]) {
        if (!blank) put(o, "\n");
        put(o, "  @@map(\"%s\")\n", m->map);
    }
    put(o, "}\n");
}

static int write_schema(const schema *s, const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    out o = {fopen(path, "w")};
    if (!o.f) {
        fprintf(stderr, "gen_pair: %s: %s\n", path, strerror(errno));
        return -1;
    }
    put(&o, "datasource db {\n  provider = \"postgresql\"\n}\n");
    for (int i = 0; i < s->ne; i++) {
        const enumdef *e = &s->e[i];
        if (!e->alive) continue;
        put(&o, "\nenum %s {\n", e->name);
        for (int j = 0; j < e->nv; j++)
            if (e->v_alive[j]) put(&o, "  %s\n", e->v[j]);
        if (e->map[0]) put(&o, "\n  @@map(\"%s\")\n", e->map);
        put(&o, "}\n");
    }
    for (int i = 0; i < s->nm; i++) {
        if (!s->m[i].alive) continue;
        put(&o, "\n");
        put_model(&o, s, i);
    }
    if (fclose(o.f) != 0) {
        fprintf(stderr, "gen_pair: %s: %s\n", path, strerror(errno));
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: gen_pair SEED OUTDIR   (writes OUTDIR/from.prisma and OUTDIR/to.prisma)\n");
        return 2;
    }
    char *end;
    errno = 0;
    unsigned long long seed = strtoull(argv[1], &end, 10);
    if (errno || *end || end == argv[1]) {
        fprintf(stderr, "gen_pair: SEED must be a number: %s\n", argv[1]);
        return 2;
    }
    if (mkdir(argv[2], 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "gen_pair: %s: %s\n", argv[2], strerror(errno));
        return 1;
    }
    /* Two schemas of ~20 KB: static, not on the stack. */
    static schema from, to;
    rng r = {seed * 0x2545f4914f6cdd1du + 1};
    generate(&from, &r);
    to = from;
    mutate(&to, &from, &r);
    if (write_schema(&from, argv[2], "from.prisma") || write_schema(&to, argv[2], "to.prisma")) return 1;
    return 0;
}
