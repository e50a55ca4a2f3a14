/* test_model.h - a hand-written model, laid out as `shale generate` lays out its
 * output, for the runtime tests: User (every scalar type, nullable and list fields,
 * an enum, client-side defaults), Post (1:n to User, a composite unique, m:n to Tag),
 * Tag, and Comment (a composite foreign key to Post); every relation has its filter
 * member in the where struct and its nested `_include` pointer. The schema it describes:
 *
 *   enum Role { USER ADMIN GUEST }
 *   model User { id String @id @default(uuid())  email String @unique  name String?
 *     age Int?  balance BigInt @default(0)  score Float @default(1.5)  price Decimal?
 *     active Boolean @default(true)  role Role @default(USER)  meta Json?  avatar Bytes?
 *     createdAt DateTime @default(now())  updatedAt DateTime @updatedAt  birthday DateTime?
 *     code String @default(cuid())  extId String? @db.Uuid  alarm DateTime? @db.Time(3)  tags String[]  nums Int[]  roles Role[]  posts Post[] }
 *   model Post { id Int @id @default(autoincrement())  title String  slug String
 *     authorId String  published Boolean @default(false)  views Int @default(0)
 *     rating Float?  author User @relation(...)  tags Tag[]  comments Comment[]
 *     @@unique([authorId, slug]) }
 *   model Tag { id Int @id @default(autoincrement())  name String @unique  posts Post[] }
 *   model Comment { id Int @id @default(autoincrement())  body String  postAuthorId String
 *     postSlug String  post Post @relation(fields: [postAuthorId, postSlug], references: [authorId, slug]) }
 */
#ifndef SHALE_TESTS_RUNTIME_TEST_MODEL_H
#define SHALE_TESTS_RUNTIME_TEST_MODEL_H

#include "runtime/shale_model.h"

#include <stddef.h>

typedef enum t_role { T_ROLE_USER = 1, T_ROLE_ADMIN, T_ROLE_GUEST } t_role;

typedef struct t_user t_user;
typedef struct t_post t_post;
typedef struct t_tag t_tag;
typedef struct t_comment t_comment;
typedef struct t_user_list { size_t len; t_user *items; } t_user_list;
typedef struct t_post_list { size_t len; t_post *items; } t_post_list;
typedef struct t_tag_list { size_t len; t_tag *items; } t_tag_list;
typedef struct t_comment_list { size_t len; t_comment *items; } t_comment_list;
typedef struct t_user_where t_user_where;
typedef struct t_post_where t_post_where;
typedef struct t_tag_where t_tag_where;
typedef struct t_comment_where t_comment_where;
typedef struct t_user_include t_user_include;
typedef struct t_post_include t_post_include;
typedef struct t_tag_include t_tag_include;
typedef struct t_comment_include t_comment_include;

struct t_user {
    const char *id;
    const char *email;
    const char *name;
    shale_opt_i32 age;
    int64_t balance;
    double score;
    shale_decimal price;
    bool active;
    t_role role;
    shale_json meta;
    shale_opt_bytes avatar;
    shale_datetime created_at;
    shale_datetime updated_at;
    shale_opt_datetime birthday;
    const char *code;
    const char *ext_id;
    shale_opt_datetime alarm;
    shale_str_list tags;
    shale_i32_list nums;
    shale_enum_list roles;
    t_post_list *posts;
};
typedef struct t_user_create_input {
    const char *id;
    const char *email;
    const char *name;
    shale_opt_i32 age;
    shale_opt_i64 balance;
    shale_opt_f64 score;
    shale_decimal price;
    shale_opt_bool active;
    t_role role;
    shale_json meta;
    shale_opt_bytes avatar;
    shale_opt_datetime created_at;
    shale_opt_datetime updated_at;
    shale_opt_datetime birthday;
    const char *code;
    const char *ext_id;
    shale_opt_datetime alarm;
    shale_str_list tags;
    shale_i32_list nums;
    shale_enum_list roles;
} t_user_create_input;
typedef struct t_user_update_input {
    shale_set_str id, email, name;
    shale_set_i32 age;
    shale_set_i64 balance;
    shale_set_f64 score;
    shale_set_decimal price;
    shale_set_bool active;
    shale_set_enum role;
    shale_set_json meta;
    shale_set_bytes avatar;
    shale_set_datetime created_at, updated_at, birthday;
    shale_set_str code, ext_id;
    shale_set_datetime alarm;
    shale_set_str_list tags;
    shale_set_i32_list nums;
    shale_set_enum_list roles;
} t_user_update_input;
struct t_user_where {
    shale_str_filter id, email, name;
    shale_i32_filter age;
    shale_i64_filter balance;
    shale_f64_filter score;
    shale_decimal_filter price;
    shale_bool_filter active;
    shale_enum_filter role;
    shale_json_filter meta;
    shale_bytes_filter avatar;
    shale_datetime_filter created_at, updated_at, birthday;
    shale_str_filter code, ext_id;
    shale_datetime_filter alarm;
    shale_list_filter tags, nums, roles;
    struct {
        const t_post_where *some, *every, *none;
    } posts;
    const t_user_where *AND;
    size_t n_AND;
    const t_user_where *OR;
    size_t n_OR;
    const t_user_where *NOT;
    size_t n_NOT;
};
typedef struct t_user_where_unique {
    const char *id;
    const char *email;
} t_user_where_unique;
struct t_user_include {
    bool posts;
    const t_post_include *posts_include;
};

struct t_post {
    int32_t id;
    const char *title;
    const char *slug;
    const char *author_id;
    bool published;
    int32_t views;
    shale_opt_f64 rating;
    t_user *author;
    t_tag_list *tags;
    t_comment_list *comments;
};
typedef struct t_post_create_input {
    shale_opt_i32 id;
    const char *title;
    const char *slug;
    const char *author_id;
    shale_opt_bool published;
    shale_opt_i32 views;
    shale_opt_f64 rating;
} t_post_create_input;
typedef struct t_post_update_input {
    shale_set_i32 id;
    shale_set_str title, slug, author_id;
    shale_set_bool published;
    shale_set_i32 views;
    shale_set_f64 rating;
} t_post_update_input;
struct t_post_where {
    shale_i32_filter id;
    shale_str_filter title, slug, author_id;
    shale_bool_filter published;
    shale_i32_filter views;
    shale_f64_filter rating;
    struct {
        const t_user_where *is, *is_not;
    } author;
    struct {
        const t_tag_where *some, *every, *none;
    } tags;
    struct {
        const t_comment_where *some, *every, *none;
    } comments;
    const t_post_where *AND;
    size_t n_AND;
    const t_post_where *OR;
    size_t n_OR;
    const t_post_where *NOT;
    size_t n_NOT;
};
typedef struct t_post_where_unique {
    struct {
        bool has;
        int32_t id;
    } id;
    struct {
        bool has;
        const char *author_id;
        const char *slug;
    } author_id_slug;
} t_post_where_unique;
struct t_post_include {
    bool author, tags, comments;
    const t_user_include *author_include;
    const t_tag_include *tags_include;
    const t_comment_include *comments_include;
};

struct t_tag {
    int32_t id;
    const char *name;
    t_post_list *posts;
};
typedef struct t_tag_create_input {
    shale_opt_i32 id;
    const char *name;
} t_tag_create_input;
typedef struct t_tag_where_unique {
    struct {
        bool has;
        int32_t id;
    } id;
    const char *name;
} t_tag_where_unique;
struct t_tag_where {
    shale_i32_filter id;
    shale_str_filter name;
    struct {
        const t_post_where *some, *every, *none;
    } posts;
};
struct t_tag_include {
    bool posts;
    const t_post_include *posts_include;
};

struct t_comment {
    int32_t id;
    const char *body;
    const char *post_author_id;
    const char *post_slug;
    t_post *post;
};
typedef struct t_comment_create_input {
    shale_opt_i32 id;
    const char *body;
    const char *post_author_id;
    const char *post_slug;
} t_comment_create_input;
struct t_comment_where {
    shale_str_filter body;
    struct {
        const t_post_where *is, *is_not;
    } post;
};
struct t_comment_include {
    bool post;
    const t_post_include *post_include;
};

/* ---- descriptors (what the generated .c file holds) ---------------------------- */

static const char *const t_role_values[] = {"USER", "ADMIN", "GUEST"};
static const shale_enum_desc t_role_desc = {"\"public\".\"Role\"", 3, t_role_values};

#define NO SHALE_NO_OFFSET
#define OPT SHALE_F_OPTIONAL_IN_CREATE
#define UF(member, col, sqlt, type, flags, gen, ed)                                                      \
    {#member, col, sqlt, type, flags, gen, 0, ed, offsetof(t_user, member),                             \
     offsetof(t_user_create_input, member), offsetof(t_user_update_input, member),                    \
     offsetof(t_user_where, member)}
static const shale_field_desc t_user_fields[] = {
    UF(id, "id", "text", SHALE_T_STRING, SHALE_F_ID | OPT, SHALE_GEN_UUID4, NULL),
    UF(email, "email", "text", SHALE_T_STRING, 0, 0, NULL),
    UF(name, "name", "text", SHALE_T_STRING, SHALE_F_NULLABLE | OPT, 0, NULL),
    UF(age, "age", "integer", SHALE_T_INT, SHALE_F_NULLABLE | OPT, 0, NULL),
    UF(balance, "balance", "bigint", SHALE_T_BIGINT, SHALE_F_DB_DEFAULT | OPT, 0, NULL),
    UF(score, "score", "double precision", SHALE_T_FLOAT, SHALE_F_DB_DEFAULT | OPT, 0, NULL),
    UF(price, "price", "decimal(65,30)", SHALE_T_DECIMAL, SHALE_F_NULLABLE | OPT, 0, NULL),
    UF(active, "active", "boolean", SHALE_T_BOOL, SHALE_F_DB_DEFAULT | OPT, 0, NULL),
    UF(role, "role", "\"public\".\"Role\"", SHALE_T_ENUM, SHALE_F_DB_DEFAULT | OPT, 0, &t_role_desc),
    UF(meta, "meta", "jsonb", SHALE_T_JSON, SHALE_F_NULLABLE | OPT, 0, NULL),
    UF(avatar, "avatar", "bytea", SHALE_T_BYTES, SHALE_F_NULLABLE | OPT, 0, NULL),
    UF(created_at, "createdAt", "timestamp(3)", SHALE_T_DATETIME, SHALE_F_DB_DEFAULT | OPT, 0, NULL),
    UF(updated_at, "updatedAt", "timestamp(3)", SHALE_T_DATETIME, SHALE_F_UPDATED_AT | OPT, 0, NULL),
    UF(birthday, "birthday", "timestamp(3)", SHALE_T_DATETIME, SHALE_F_NULLABLE | OPT, 0, NULL),
    UF(code, "code", "text", SHALE_T_STRING, OPT, SHALE_GEN_CUID, NULL),
    UF(ext_id, "extId", "uuid", SHALE_T_STRING, SHALE_F_NULLABLE | OPT, 0, NULL),
    UF(alarm, "alarm", "time(3)", SHALE_T_DATETIME, SHALE_F_NULLABLE | OPT, 0, NULL),
    UF(tags, "tags", "text[]", SHALE_T_STRING, SHALE_F_LIST | OPT, 0, NULL),
    UF(nums, "nums", "integer[]", SHALE_T_INT, SHALE_F_LIST | OPT, 0, NULL),
    UF(roles, "roles", "\"public\".\"Role\"[]", SHALE_T_ENUM, SHALE_F_LIST | OPT, 0, &t_role_desc),
};
enum {
    T_USER_FIELD_ID,
    T_USER_FIELD_EMAIL,
    T_USER_FIELD_NAME,
    T_USER_FIELD_AGE,
    T_USER_FIELD_BALANCE,
    T_USER_FIELD_SCORE,
    T_USER_FIELD_PRICE,
    T_USER_FIELD_ACTIVE,
    T_USER_FIELD_ROLE,
    T_USER_FIELD_META,
    T_USER_FIELD_AVATAR,
    T_USER_FIELD_CREATED_AT,
};

#define PF(member, col, sqlt, type, flags)                                                                   \
    {#member, col, sqlt, type, flags, 0, 0, NULL, offsetof(t_post, member),                                \
     offsetof(t_post_create_input, member), offsetof(t_post_update_input, member),                       \
     offsetof(t_post_where, member)}
static const shale_field_desc t_post_fields[] = {
    PF(id, "id", "integer", SHALE_T_INT, SHALE_F_ID | SHALE_F_DB_DEFAULT | OPT),
    PF(title, "title", "text", SHALE_T_STRING, 0),
    PF(slug, "slug", "text", SHALE_T_STRING, 0),
    PF(author_id, "authorId", "text", SHALE_T_STRING, 0),
    PF(published, "published", "boolean", SHALE_T_BOOL, SHALE_F_DB_DEFAULT | OPT),
    PF(views, "views", "integer", SHALE_T_INT, SHALE_F_DB_DEFAULT | OPT),
    PF(rating, "rating", "double precision", SHALE_T_FLOAT, SHALE_F_NULLABLE | OPT),
};
enum { T_POST_FIELD_ID, T_POST_FIELD_TITLE, T_POST_FIELD_SLUG, T_POST_FIELD_AUTHOR_ID, T_POST_FIELD_PUBLISHED,
       T_POST_FIELD_VIEWS };

static const shale_field_desc t_tag_fields[] = {
    {"id", "id", "integer", SHALE_T_INT, SHALE_F_ID | SHALE_F_DB_DEFAULT | OPT, 0, 0, NULL, offsetof(t_tag, id),
     offsetof(t_tag_create_input, id), NO, offsetof(t_tag_where, id)},
    {"name", "name", "text", SHALE_T_STRING, 0, 0, 0, NULL, offsetof(t_tag, name), offsetof(t_tag_create_input, name),
     NO, offsetof(t_tag_where, name)},
};
static const shale_field_desc t_comment_fields[] = {
    {"id", "id", "integer", SHALE_T_INT, SHALE_F_ID | SHALE_F_DB_DEFAULT | OPT, 0, 0, NULL,
     offsetof(t_comment, id), offsetof(t_comment_create_input, id), NO, NO},
    {"body", "body", "text", SHALE_T_STRING, 0, 0, 0, NULL, offsetof(t_comment, body),
     offsetof(t_comment_create_input, body), NO, offsetof(t_comment_where, body)},
    {"post_author_id", "postAuthorId", "text", SHALE_T_STRING, 0, 0, 0, NULL, offsetof(t_comment, post_author_id),
     offsetof(t_comment_create_input, post_author_id), NO, NO},
    {"post_slug", "postSlug", "text", SHALE_T_STRING, 0, 0, 0, NULL, offsetof(t_comment, post_slug),
     offsetof(t_comment_create_input, post_slug), NO, NO},
};

static const unsigned short f0[] = {0}, f1[] = {1}, f3[] = {3}, f23[] = {2, 3}, f32[] = {3, 2};
static const size_t user_id_off[] = {offsetof(t_user_where_unique, id)};
static const size_t user_email_off[] = {offsetof(t_user_where_unique, email)};
static const shale_unique_desc t_user_uniques[] = {
    {"id", 1, f0, NO, user_id_off},
    {"email", 1, f1, NO, user_email_off},
};
static const size_t post_id_off[] = {offsetof(t_post_where_unique, id.id)};
static const size_t post_as_off[] = {offsetof(t_post_where_unique, author_id_slug.author_id),
                                     offsetof(t_post_where_unique, author_id_slug.slug)};
static const unsigned short post_as_fields[] = {3, 2};
static const shale_unique_desc t_post_uniques[] = {
    {"id", 1, f0, offsetof(t_post_where_unique, id.has), post_id_off},
    {"author_id_slug", 2, post_as_fields, offsetof(t_post_where_unique, author_id_slug.has), post_as_off},
};
static const size_t tag_id_off[] = {offsetof(t_tag_where_unique, id.id)};
static const size_t tag_name_off[] = {offsetof(t_tag_where_unique, name)};
static const shale_unique_desc t_tag_uniques[] = {
    {"id", 1, f0, offsetof(t_tag_where_unique, id.has), tag_id_off},
    {"name", 1, f1, NO, tag_name_off},
};
static const shale_unique_desc t_comment_uniques[] = {
    {"id", 1, f0, NO, tag_id_off}, /* not used for lookups here */
};

extern const shale_model_desc t_user_desc, t_post_desc, t_tag_desc, t_comment_desc;

static const shale_relation_desc t_user_relations[] = {
    {"posts", &t_post_desc, true, 1, f0, f3, NULL, NULL, NULL, offsetof(t_user, posts),
     offsetof(t_user_include, posts), offsetof(t_user_where, posts), offsetof(t_user_include, posts_include)},
};
static const shale_relation_desc t_post_relations[] = {
    {"author", &t_user_desc, false, 1, f3, f0, NULL, NULL, NULL, offsetof(t_post, author),
     offsetof(t_post_include, author), offsetof(t_post_where, author), offsetof(t_post_include, author_include)},
    {"tags", &t_tag_desc, true, 1, f0, f0, "\"public\".\"_PostToTag\"", "A", "B", offsetof(t_post, tags),
     offsetof(t_post_include, tags), offsetof(t_post_where, tags), offsetof(t_post_include, tags_include)},
    {"comments", &t_comment_desc, true, 2, f32, f23, NULL, NULL, NULL, offsetof(t_post, comments),
     offsetof(t_post_include, comments), offsetof(t_post_where, comments),
     offsetof(t_post_include, comments_include)},
};
static const shale_relation_desc t_tag_relations[] = {
    {"posts", &t_post_desc, true, 1, f0, f0, "\"public\".\"_PostToTag\"", "B", "A", offsetof(t_tag, posts),
     offsetof(t_tag_include, posts), offsetof(t_tag_where, posts), offsetof(t_tag_include, posts_include)},
};
static const unsigned short cpost_local[] = {2, 3}, cpost_target[] = {3, 2};
static const shale_relation_desc t_comment_relations[] = {
    {"post", &t_post_desc, false, 2, cpost_local, cpost_target, NULL, NULL, NULL, offsetof(t_comment, post),
     offsetof(t_comment_include, post), offsetof(t_comment_where, post), offsetof(t_comment_include, post_include)},
};

const shale_model_desc t_user_desc = {
    SHALE_MODEL_ABI, "User", "\"public\".\"User\"", sizeof(t_user), sizeof t_user_fields / sizeof *t_user_fields, t_user_fields, 2, t_user_uniques, 1, t_user_relations,
    sizeof(t_user_where), offsetof(t_user_where, AND), offsetof(t_user_where, n_AND), offsetof(t_user_where, OR),
    offsetof(t_user_where, n_OR), offsetof(t_user_where, NOT), offsetof(t_user_where, n_NOT)};
const shale_model_desc t_post_desc = {
    SHALE_MODEL_ABI, "Post", "\"public\".\"Post\"", sizeof(t_post), 7, t_post_fields, 2, t_post_uniques, 3, t_post_relations,
    sizeof(t_post_where), offsetof(t_post_where, AND), offsetof(t_post_where, n_AND), offsetof(t_post_where, OR),
    offsetof(t_post_where, n_OR), offsetof(t_post_where, NOT), offsetof(t_post_where, n_NOT)};
const shale_model_desc t_tag_desc = {SHALE_MODEL_ABI, "Tag", "\"public\".\"Tag\"", sizeof(t_tag), 2, t_tag_fields, 2, t_tag_uniques,
                                     1, t_tag_relations, sizeof(t_tag_where), NO, NO, NO, NO, NO, NO};
const shale_model_desc t_comment_desc = {SHALE_MODEL_ABI, "Comment", "\"public\".\"Comment\"", sizeof(t_comment), 4, t_comment_fields,
                                         1, t_comment_uniques, 1, t_comment_relations, sizeof(t_comment_where), NO, NO,
                                         NO, NO, NO, NO};

static const char t_schema_sql[] =
    "CREATE TYPE \"Role\" AS ENUM ('USER', 'ADMIN', 'GUEST');"
    "CREATE TABLE \"User\" (\"id\" TEXT NOT NULL, \"email\" TEXT NOT NULL, \"name\" TEXT, \"age\" INTEGER,"
    " \"balance\" BIGINT NOT NULL DEFAULT 0, \"score\" DOUBLE PRECISION NOT NULL DEFAULT 1.5,"
    " \"price\" DECIMAL(65,30), \"active\" BOOLEAN NOT NULL DEFAULT true, \"role\" \"Role\" NOT NULL DEFAULT 'USER',"
    " \"meta\" JSONB, \"avatar\" BYTEA, \"createdAt\" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,"
    " \"updatedAt\" TIMESTAMP(3) NOT NULL, \"birthday\" TIMESTAMP(3), \"code\" TEXT NOT NULL, \"extId\" UUID, \"alarm\" TIME(3), \"tags\" TEXT[],"
    " \"nums\" INTEGER[], \"roles\" \"Role\"[], CONSTRAINT \"User_pkey\" PRIMARY KEY (\"id\"));"
    "CREATE UNIQUE INDEX \"User_email_key\" ON \"User\"(\"email\");"
    "CREATE TABLE \"Post\" (\"id\" SERIAL NOT NULL, \"title\" TEXT NOT NULL, \"slug\" TEXT NOT NULL,"
    " \"authorId\" TEXT NOT NULL, \"published\" BOOLEAN NOT NULL DEFAULT false, \"views\" INTEGER NOT NULL DEFAULT 0"
    " CONSTRAINT \"Post_views_check\" CHECK (\"views\" >= 0), \"rating\" DOUBLE PRECISION,"
    " CONSTRAINT \"Post_pkey\" PRIMARY KEY (\"id\"));"
    "CREATE UNIQUE INDEX \"Post_authorId_slug_key\" ON \"Post\"(\"authorId\", \"slug\");"
    "ALTER TABLE \"Post\" ADD CONSTRAINT \"Post_authorId_fkey\" FOREIGN KEY (\"authorId\") REFERENCES \"User\"(\"id\")"
    " ON DELETE RESTRICT ON UPDATE CASCADE;"
    "CREATE TABLE \"Tag\" (\"id\" SERIAL NOT NULL, \"name\" TEXT NOT NULL, CONSTRAINT \"Tag_pkey\" PRIMARY KEY (\"id\"));"
    "CREATE UNIQUE INDEX \"Tag_name_key\" ON \"Tag\"(\"name\");"
    "CREATE TABLE \"_PostToTag\" (\"A\" INTEGER NOT NULL REFERENCES \"Post\"(\"id\") ON DELETE CASCADE,"
    " \"B\" INTEGER NOT NULL REFERENCES \"Tag\"(\"id\") ON DELETE CASCADE);"
    "CREATE TABLE \"Comment\" (\"id\" SERIAL NOT NULL PRIMARY KEY, \"body\" TEXT NOT NULL,"
    " \"postAuthorId\" TEXT NOT NULL, \"postSlug\" TEXT NOT NULL, FOREIGN KEY (\"postAuthorId\", \"postSlug\")"
    " REFERENCES \"Post\"(\"authorId\", \"slug\") ON DELETE CASCADE ON UPDATE CASCADE);";

#endif
