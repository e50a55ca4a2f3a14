/* diag_codes.h - stable diagnostic codes. A code never changes meaning once released:
 * editors and CI scripts match on it. E0xxx are syntax errors found by the parser,
 * E1xxx are reserved for semantic validation, W-codes for warnings. */
#ifndef SHALE_COMPILER_DIAG_CODES_H
#define SHALE_COMPILER_DIAG_CODES_H

#define SHALE_E_TOP_LINE        "E0001" /* a top-level line starts no known construct */
#define SHALE_E_MODEL_LINE      "E0002" /* invalid line in a model, view or composite type */
#define SHALE_E_ENUM_LINE       "E0003" /* invalid line in an enum */
#define SHALE_E_CONFIG_LINE     "E0004" /* invalid line in a datasource or generator */
#define SHALE_E_BLOCK_KEYWORD   "E0005" /* `name { ... }` without a block keyword */
#define SHALE_E_UNCLOSED        "E0006" /* a block is not closed with `}` */
#define SHALE_E_TYPE_ALIAS      "E0007" /* `type A = B` */
#define SHALE_E_LEGACY_COLON    "E0008" /* `name: Type` */
#define SHALE_E_LEGACY_BANG     "E0009" /* `Type!` */
#define SHALE_E_LEGACY_LIST     "E0010" /* `[Type]` */
#define SHALE_E_OPTIONAL_LIST   "E0011" /* `Type[]?` */
#define SHALE_E_STRING_ESCAPE   "E0012" /* unknown escape sequence in a string */
#define SHALE_E_UNICODE_ESCAPE  "E0013" /* malformed \uXXXX escape */
#define SHALE_E_NESTING         "E0014" /* ( and [ nested too deeply */
#define SHALE_E_FIELD_NO_TYPE   "E0015" /* a field with a name but no type */
#define SHALE_E_PARSER_LIMIT    "E0016" /* the parser ran out of stack */
#define SHALE_E_KEY_NO_VALUE    "E0017" /* `key =` with nothing after the `=` */
/* Semantic validation (the resolver, compiler/resolve*.c). */
#define SHALE_E_ARGUMENT        "E1001" /* attribute arguments: unknown, repeated, missing, wrong kind */
#define SHALE_E_DUPLICATE       "E1002" /* a name defined twice */
#define SHALE_E_UNKNOWN_TYPE    "E1003" /* a field type that names nothing */
#define SHALE_E_UNKNOWN_ATTR    "E1004" /* an attribute Prisma does not know */
#define SHALE_E_ATTRIBUTE       "E1005" /* an attribute used where it does not apply, or twice */
#define SHALE_E_DEFAULT         "E1006" /* @default value or function */
#define SHALE_E_NATIVE_TYPE     "E1007" /* @db.* native types */
#define SHALE_E_ID              "E1008" /* ids and unique criteria */
#define SHALE_E_RELATION        "E1009" /* relations */
#define SHALE_E_DATASOURCE      "E1010" /* the datasource block */
#define SHALE_E_GENERATOR       "E1011" /* generator blocks */
#define SHALE_E_ENUM            "E1012" /* enums */
#define SHALE_E_NAME            "E1013" /* reserved or clashing names, database names */
#define SHALE_E_INDEX           "E1014" /* @@index, @@unique, @unique details */
#define SHALE_E_SCHEMA          "E1015" /* @@schema and the datasource's schemas */
#define SHALE_E_CONSTRAINT_NAME "E1016" /* constraint names: length and clashes */
#define SHALE_E_UNSUPPORTED     "E1017" /* a feature shale or PostgreSQL does not support */
#define SHALE_W_RELATION        "W1001" /* a relation that works but is probably not meant */
#define SHALE_W_CONFIG          "W1002" /* a deprecated or renamed setting */
#define SHALE_E_IO              "E0090" /* a file could not be read */
#define SHALE_E_ENCODING        "E0091" /* a file is too large or unusable */
#define SHALE_E_NO_SCHEMA       "E0092" /* no schema file was found */

#endif
