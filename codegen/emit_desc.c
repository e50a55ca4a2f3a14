/* emit_desc.c - the generated source: the static descriptors of runtime/shale_model.h
 * (enums, fields with offsetof into each generated struct, unique criteria, relations
 * with their join keys, models), the enum helpers, and the typed operations
 * (emit_funcs.c). Lists inside descriptors are compound literals: file-scope ones are
 * static objects, so no extra names are needed. */
#include "codegen_int.h"

static const char *const type_names[] = {
    [SHALE_T_STRING] = "SHALE_T_STRING", [SHALE_T_INT] = "SHALE_T_INT",
    [SHALE_T_BIGINT] = "SHALE_T_BIGINT", [SHALE_T_FLOAT] = "SHALE_T_FLOAT",
    [SHALE_T_DECIMAL] = "SHALE_T_DECIMAL", [SHALE_T_BOOL] = "SHALE_T_BOOL",
    [SHALE_T_DATETIME] = "SHALE_T_DATETIME", [SHALE_T_JSON] = "SHALE_T_JSON",
    [SHALE_T_BYTES] = "SHALE_T_BYTES", [SHALE_T_ENUM] = "SHALE_T_ENUM",
};

static const char *const gen_names[] = {
    [SHALE_GEN_NONE] = "SHALE_GEN_NONE", [SHALE_GEN_UUID4] = "SHALE_GEN_UUID4",
    [SHALE_GEN_UUID7] = "SHALE_GEN_UUID7", [SHALE_GEN_CUID] = "SHALE_GEN_CUID",
    [SHALE_GEN_CUID2] = "SHALE_GEN_CUID2", [SHALE_GEN_NANOID] = "SHALE_GEN_NANOID",
    [SHALE_GEN_ULID] = "SHALE_GEN_ULID", [SHALE_GEN_NOW] = "SHALE_GEN_NOW",
};

static void flags(shale_buf *b, unsigned f)
{
    static const struct {
        unsigned bit;
        const char *name;
    } names[] = {
        {SHALE_F_NULLABLE, "SHALE_F_NULLABLE"},     {SHALE_F_LIST, "SHALE_F_LIST"},
        {SHALE_F_ID, "SHALE_F_ID"},                 {SHALE_F_DB_DEFAULT, "SHALE_F_DB_DEFAULT"},
        {SHALE_F_UPDATED_AT, "SHALE_F_UPDATED_AT"}, {SHALE_F_OPTIONAL_IN_CREATE, "SHALE_F_OPTIONAL_IN_CREATE"},
    };
    bool any = false;
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (f & names[i].bit) {
            shale_buf_printf(b, "%s%s", any ? " | " : "", names[i].name);
            any = true;
        }
    if (!any) shale_buf_putc(b, '0');
}

static void ushort_list(shale_buf *b, const uint32_t *v, uint32_t n)
{
    shale_buf_puts(b, "(const unsigned short[]){");
    for (uint32_t i = 0; i < n; i++) shale_buf_printf(b, "%s%u", i ? ", " : "", (unsigned)v[i]);
    shale_buf_putc(b, '}');
}

static void emit_enum(shale_buf *c, const cg_enum *ce)
{
    const shale_enum *e = ce->e;
    shale_buf_printf(c, "static const shale_enum_desc %s_enum_ = {\n    ", ce->snake);
    cg_put_cstrz(c, ce->sql_type);
    shale_buf_printf(c, ", %u,\n    (const char *const[]){", (unsigned)e->n_values);
    for (uint32_t k = 0; k < e->n_values; k++) {
        if (k) shale_buf_puts(c, ", ");
        cg_put_cstr(c, e->values[k].db_name);
    }
    shale_buf_puts(c, "}};\n\n");
    shale_buf_printf(c, "const char *%s_name(%s value)\n{\n    return shale_enum_name(&%s_enum_, (int)value);\n}\n\n",
                     ce->snake, ce->snake, ce->snake);
    shale_buf_printf(c,
                     "%s %s_parse(const char *text)\n{\n    return (%s)shale_enum_parse(&%s_enum_, text);\n}\n\n",
                     ce->snake, ce->snake, ce->snake, ce->snake);
}

static void emit_fields(cg *g, shale_buf *c, const cg_model *cm)
{
    const char *m = cm->snake;
    if (!cm->n_fields) return;
    shale_buf_printf(c, "static const shale_field_desc %s_fields_[] = {\n", m);
    for (uint32_t i = 0; i < cm->n_fields; i++) {
        const cg_field *cf = &cm->fields[i];
        shale_buf_puts(c, "    {");
        cg_put_cstr(c, shale_field_name(cf->f));
        shale_buf_puts(c, ", ");
        cg_put_cstrz(c, cf->column);
        shale_buf_puts(c, ", ");
        cg_put_cstrz(c, cf->sql_type);
        shale_buf_printf(c, ", %s,\n     ", type_names[cf->type]);
        flags(c, cf->flags);
        shale_buf_printf(c, ", %s, %u, ", gen_names[cf->gen], cf->gen_arg);
        if (cf->type == SHALE_T_ENUM) shale_buf_printf(c, "&%s_enum_,\n", g->enums[cf->enum_index].snake);
        else shale_buf_puts(c, "NULL,\n");
        if (cm->is_view) /* read-only: no create or update input */
            shale_buf_printf(c, "     offsetof(%s, %s), SHALE_NO_OFFSET, SHALE_NO_OFFSET, offsetof(%s_where, %s)},\n",
                             m, cf->member, m, cf->member);
        else
            shale_buf_printf(c,
                             "     offsetof(%s, %s), offsetof(%s_create_input, %s),\n"
                             "     offsetof(%s_update_input, %s), offsetof(%s_where, %s)},\n",
                             m, cf->member, m, cf->member, m, cf->member, m, cf->member);
    }
    shale_buf_puts(c, "};\n\n");
}

static void emit_uniques(shale_buf *c, const cg_model *cm)
{
    const char *m = cm->snake;
    if (!cm->n_uniques) return;
    shale_buf_printf(c, "static const shale_unique_desc %s_uniques_[] = {\n", m);
    for (uint32_t u = 0; u < cm->n_uniques; u++) {
        const cg_unique *cu = &cm->uniques[u];
        shale_buf_puts(c, "    {");
        cg_put_cstrz(c, cu->member);
        shale_buf_printf(c, ", %u, ", (unsigned)cu->n_fields);
        ushort_list(c, cu->fields, cu->n_fields);
        if (cu->bare) {
            shale_buf_printf(c, ", SHALE_NO_OFFSET,\n     (const size_t[]){offsetof(%s_where_unique, %s)}},\n", m,
                             cu->member);
            continue;
        }
        shale_buf_printf(c, ",\n     offsetof(%s_where_unique, %s.has),\n     (const size_t[]){", m, cu->member);
        for (uint32_t k = 0; k < cu->n_fields; k++)
            shale_buf_printf(c, "%soffsetof(%s_where_unique, %s.%s)", k ? ",\n                      " : "", m,
                             cu->member, cm->fields[cu->fields[k]].member);
        shale_buf_puts(c, "}},\n");
    }
    shale_buf_puts(c, "};\n\n");
}

static void emit_relations(cg *g, shale_buf *c, const cg_model *cm)
{
    const char *m = cm->snake;
    if (!cm->n_rels) return;
    shale_buf_printf(c, "static const shale_relation_desc %s_relations_[] = {\n", m);
    for (uint32_t i = 0; i < cm->n_rels; i++) {
        const cg_rel *r = &cm->rels[i];
        shale_buf_puts(c, "    {");
        cg_put_cstr(c, shale_field_name(r->f));
        shale_buf_printf(c, ", &%s_model_, %s, %u, ", g->models[r->target].snake, r->to_many ? "true" : "false",
                         (unsigned)r->n_keys);
        ushort_list(c, r->local, r->n_keys);
        shale_buf_puts(c, ", ");
        ushort_list(c, r->remote, r->n_keys);
        shale_buf_puts(c, ",\n     ");
        if (r->join_table) {
            cg_put_cstrz(c, r->join_table);
            shale_buf_printf(c, ", \"%s\", \"%s\",\n     ", r->join_local, r->join_remote);
        } else {
            shale_buf_puts(c, "NULL, NULL, NULL, ");
        }
        shale_buf_printf(c, "offsetof(%s, %s), offsetof(%s_include, %s),\n", m, r->member, m, r->member);
        shale_buf_printf(c, "     offsetof(%s_where, %s), offsetof(%s_include, %s)},\n", m, r->member, m,
                         r->include_member);
    }
    shale_buf_puts(c, "};\n\n");
}

static void emit_model(cg *g, shale_buf *c, const cg_model *cm)
{
    const char *m = cm->snake;
    shale_buf_printf(c, "/* ---- %s %.*s ---- */\n\n", cm->is_view ? "view" : "model", (int)cm->m->name.len,
                     cm->m->name.ptr);
    emit_fields(g, c, cm);
    emit_uniques(c, cm);
    emit_relations(g, c, cm);
    shale_buf_printf(c, "static const shale_model_desc %s_model_ = {\n    SHALE_MODEL_ABI, ", m);
    cg_put_cstr(c, cm->m->name);
    shale_buf_puts(c, ", ");
    cg_put_cstrz(c, cm->table);
    shale_buf_printf(c, ", sizeof(%s),\n", m);
    if (cm->n_fields) shale_buf_printf(c, "    %u, %s_fields_,\n", (unsigned)cm->n_fields, m);
    else shale_buf_puts(c, "    0, NULL,\n");
    if (cm->n_uniques) shale_buf_printf(c, "    %u, %s_uniques_,\n", (unsigned)cm->n_uniques, m);
    else shale_buf_puts(c, "    0, NULL,\n");
    if (cm->n_rels) shale_buf_printf(c, "    %u, %s_relations_,\n", (unsigned)cm->n_rels, m);
    else shale_buf_puts(c, "    0, NULL,\n");
    shale_buf_printf(c, "    sizeof(%s_where),\n", m);
    static const char *const logic[] = {"AND", "OR", "NOT"};
    for (size_t i = 0; i < 3; i++)
        shale_buf_printf(c, "    offsetof(%s_where, %s), offsetof(%s_where, n_%s)%s\n", m, logic[i], m, logic[i],
                         i < 2 ? "," : "");
    shale_buf_puts(c, "};\n\n");
}

void cg_emit_descriptors(cg *g, shale_buf *c)
{
    const shale_schema *s = g->s;
    shale_buf_printf(c,
                     "/* %s.c - generated by `shale generate` from %s; do not edit.\n"
                     " * The models' descriptors for libshale (shale_model.h) and the typed operations of\n"
                     " * %s.h, each a thin call of the runtime's generic query functions. */\n",
                     g->p, g->source_name, g->p);
    shale_buf_printf(c, "#include \"%s.h\"\n\n#include <shale_model.h>\n\n#include <stddef.h>\n\n", g->p);
    for (uint32_t i = 0; i < s->n_enums; i++) emit_enum(c, &g->enums[i]);
    bool any = false;
    for (uint32_t i = 0; i < s->n_models; i++) any = any || g->models[i].generated;
    if (!any) return;
    shale_buf_puts(c, "/* Every model first: relations point at each other. */\n");
    for (uint32_t i = 0; i < s->n_models; i++)
        if (g->models[i].generated) shale_buf_printf(c, "static const shale_model_desc %s_model_;\n", g->models[i].snake);
    shale_buf_putc(c, '\n');
    for (uint32_t i = 0; i < s->n_models; i++) {
        if (!g->models[i].generated) continue;
        emit_model(g, c, &g->models[i]);
        cg_emit_funcs(g, c, i, false);
    }
}
