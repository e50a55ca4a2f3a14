/* test_parse.c - unit tests of the parser: the AST it builds (kinds, spans, doc
 * comments, runs of comments and empty lines), and how it recovers from bad lines
 * and unclosed blocks. */
#include "compiler/compilation.h"
#include "tap.h"

#include <string.h>

static shale_compilation *parse(const char *text)
{
    shale_compilation *c = NULL;
    if (shale_compilation_new(&c) < 0) return NULL;
    if (shale_compilation_add_source(c, "t.prisma", text, strlen(text), NULL) < 0 ||
        shale_compilation_parse(c) < 0) {
        shale_compilation_free(c);
        return NULL;
    }
    return c;
}

static bool span_is(const shale_compilation *c, shale_span s, const char *text)
{
    const char *src = c->sources[s.file].text;
    return strlen(text) == s.end - s.start && memcmp(src + s.start, text, s.end - s.start) == 0;
}

static void test_model(void)
{
    const char *text = "// free comment\n\n/// The user.\nmodel User {\n  /// Primary key.\n  id Int @id "
                       "@default(autoincrement()) // pk\n  tags String[]\n  name String? @db.VarChar(200)\n\n"
                       "  @@index([name(sort: Desc)], type: BTree)\n}\n";
    shale_compilation *c = parse(text);
    CHECK(c && c->diags.n_errors == 0, "a valid model parses without errors");
    if (!c) return;
    shale_ast_file *f = c->asts[0];
    shale_ast_top *t = f->items;
    CHECK(t && t->kind == SHALE_TOP_COMMENTS, "a free comment is a top-level comment item");
    t = t->next;
    CHECK(t && t->kind == SHALE_TOP_EMPTY, "an empty line is kept");
    t = t->next;
    CHECK(t && t->kind == SHALE_TOP_COMMENTS, "the doc comment comes next");
    t = t->next;
    CHECK(t && t->kind == SHALE_TOP_BLOCK && t->u.block.kind == SHALE_BLOCK_MODEL, "then the model");
    if (!t || t->kind != SHALE_TOP_BLOCK) goto out;
    shale_ast_block *b = &t->u.block;
    CHECK(span_is(c, b->name_span, "User"), "the model name has its span");
    CHECK(b->doc && span_is(c, shale_ast_span(f, b->doc->text), "/// The user."), "the comment right above is the model's doc");
    CHECK(b->closed && f->n_blocks == 1, "the block is closed");
    shale_ast_member *m = b->members;
    CHECK(m && m->kind == SHALE_MEMBER_COMMENTS, "a comment line inside the model");
    m = m ? m->next : NULL;
    CHECK(m && m->kind == SHALE_MEMBER_FIELD, "the id field");
    if (!m) goto out;
    shale_ast_field *id = &m->u.field;
    CHECK(span_is(c, shale_ast_span(f, shale_ast_field_name(f, id)), "id") &&
              span_is(c, shale_ast_span(f, shale_ast_type_name(f, &id->type)), "Int") &&
              span_is(c, shale_ast_type_span(f, &id->type), "Int"), "field name and type spans");
    CHECK(shale_ast_field_doc(id) && span_is(c, shale_ast_span(f, shale_ast_field_doc(id)->text), "/// Primary key."),
          "the field's doc comment");
    CHECK(id->attrs.head && id->attrs.head->next && !id->attrs.head->next->next &&
              span_is(c, shale_ast_attr_span(f, id->attrs.head), "@id"),
          "two attributes, the first is @id");
    shale_ast_attr *def = id->attrs.head ? id->attrs.head->next : NULL;
    CHECK(def && !def->next, "the attributes are in source order");
    CHECK(def && def->args && def->args->count == 1 && def->args->items[0].value->kind == SHALE_EXPR_FUNCTION,
          "@default holds a function call");
    CHECK(def && def->args && span_is(c, shale_ast_expr_span(f, def->args->items[0].value), "autoincrement()") &&
              span_is(c, shale_ast_arg_span(f, &def->args->items[0]), "autoincrement()"),
          "a function call's span runs through its closing parenthesis");
    CHECK(shale_ast_field_trailing(id) && span_is(c, shale_ast_span(f, shale_ast_field_trailing(id)->text), "// pk"),
          "trailing comment");
    m = m->next;
    CHECK(m && m->kind == SHALE_MEMBER_FIELD && m->u.field.type.arity == SHALE_ARITY_LIST, "String[] is a list");
    m = m ? m->next : NULL;
    CHECK(m && m->u.field.type.arity == SHALE_ARITY_OPTIONAL, "String? is optional");
    CHECK(m && m->u.field.attrs.head && shale_str_eq(shale_ast_attr_name(m->u.field.attrs.head), "db.VarChar"),
          "a native type attribute has a dotted name");
    m = m ? m->next : NULL;
    CHECK(m && m->kind == SHALE_MEMBER_EMPTY, "the empty line before the block attribute");
    m = m ? m->next : NULL;
    CHECK(m && m->kind == SHALE_MEMBER_BLOCK_ATTR && shale_str_eq(shale_ast_attr_name(&m->u.block_attr.attr), "index"),
          "the @@index block attribute");
    if (m) {
        shale_ast_args *a = m->u.block_attr.attr.args;
        CHECK(a && a->count == 2 && shale_str_eq(shale_ast_arg_name(f, &a->items[1]), "type") &&
                  a->items[0].value->kind == SHALE_EXPR_ARRAY,
              "positional array and a named argument");
        CHECK(a && a->items[0].value->kind == SHALE_EXPR_ARRAY && shale_ast_expr_count(a->items[0].value) == 1 &&
                  span_is(c, shale_ast_attr_span(f, &m->u.block_attr.attr), "@@index([name(sort: Desc)], type: BTree)"),
              "the array's items and the block attribute's span");
    }
out:
    shale_compilation_free(c);
}

static void test_keywords_as_names(void)
{
    shale_compilation *c = parse("model model {\n  type type\n  view Int\n  enum String @map(\"e\")\n}\n");
    CHECK(c && c->diags.n_errors == 0, "block keywords are valid names inside blocks");
    if (c) {
        shale_ast_member *m = c->asts[0]->items->u.block.members;
        CHECK(m && shale_str_eq(shale_ast_field_name(c->asts[0], &m->u.field), "type") &&
                  shale_str_eq(shale_ast_type_name(c->asts[0], &m->u.field.type), "type"),
              "a field called type of type type");
    }
    shale_compilation_free(c);
}

static void test_recovery(void)
{
    const char *text = "model A {\n  id Int @id\n  garbage ( here\n  ok String\n}\nenum E {\n  X Y\n  Z\n}\n";
    shale_compilation *c = parse(text);
    CHECK(c && c->diags.n_errors == 2, "two bad lines give two errors (%zu)", c ? c->diags.n_errors : 0);
    if (!c) return;
    shale_ast_block *a = &c->asts[0]->items->u.block;
    shale_ast_member *m = a->members->next;
    CHECK(m && m->kind == SHALE_MEMBER_INVALID && span_is(c, m->span, "garbage ( here\n"),
          "the bad line is kept verbatim with its newline");
    CHECK(m && m->next && m->next->kind == SHALE_MEMBER_FIELD, "parsing goes on after the bad line");
    shale_ast_top *e = c->asts[0]->items->next;
    while (e && e->kind != SHALE_TOP_BLOCK) e = e->next;
    CHECK(e && e->u.block.kind == SHALE_BLOCK_ENUM && e->u.block.members->kind == SHALE_MEMBER_INVALID,
          "the enum's bad value line is invalid");
    CHECK(e && e->u.block.members->next && e->u.block.members->next->kind == SHALE_MEMBER_ENUM_VALUE,
          "and the next value parses");
    shale_compilation_free(c);
}

static void test_unclosed(void)
{
    shale_compilation *c = parse("model A {\n  id Int @id");
    CHECK(c && c->diags.n_errors == 1, "an unclosed block is one error");
    if (!c) return;
    shale_ast_file *f = c->asts[0];
    CHECK(f->structural_error, "and marks the file as structurally broken");
    CHECK(f->items && f->items->kind == SHALE_TOP_BLOCK && !f->items->u.block.closed &&
              f->items->u.block.members && f->items->u.block.members->kind == SHALE_MEMBER_FIELD,
          "the block and its last field are kept");
    CHECK(strstr(c->diags.head->message, "expected `}` to close model `A` opened at 1:1") != NULL,
          "the message names the block and where it opened");
    shale_compilation_free(c);
}

static void test_odd_input(void)
{
    shale_compilation *c = parse("");
    CHECK(c && c->diags.n_errors == 0 && c->asts[0]->items == NULL, "an empty file is an empty schema");
    shale_compilation_free(c);
    c = parse("model A {\r\n  id Int @id\r\n}\r\n");
    CHECK(c && c->diags.n_errors == 0, "CRLF line endings");
    shale_compilation_free(c);
    static const char nul_text[] = "model A {\n  id Int @id\n  x\0y Int\n}\n";
    shale_compilation *n = NULL;
    shale_compilation_new(&n);
    if (n && shale_compilation_add_source(n, "t.prisma", nul_text, sizeof nul_text - 1, NULL) == 0 &&
        shale_compilation_parse(n) == 0) {
        CHECK(n->diags.n_errors == 1, "a NUL byte is one error, not the end of the file");
        CHECK(n->asts[0]->items->u.block.closed, "and the block after it still closes");
    } else {
        CHECK(0, "NUL input parses");
    }
    shale_compilation_free(n);
    c = parse("model Lööp {\n  naïve Int @id\n}\n");
    CHECK(c && c->diags.n_errors == 0, "Unicode letters in names");
    shale_compilation_free(c);
}

int main(void)
{
    test_model();
    test_keywords_as_names();
    test_recovery();
    test_unclosed();
    test_odd_input();
    return TAP_DONE();
}
