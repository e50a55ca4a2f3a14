/* types.c - the C type of each field in each generated struct, following the table
 * in runtime/shale_model.h (shale_type): rows hold the bare type, or the shale_opt_*
 * wrapper when nullable; create inputs the wrapper when the field may be left out;
 * updates shale_set_*; filters shale_*_filter. Also the SQL column type of a view's
 * field (views have no table in the IR). */
#include "codegen_int.h"

#include "compiler/lower.h"

/* Per shale_type: bare, optional, list, set, filter. */
static const char *const names[][5] = {
    [SHALE_T_STRING] = {"const char *", "const char *", "shale_str_list", "shale_set_str", "shale_str_filter"},
    [SHALE_T_INT] = {"int32_t", "shale_opt_i32", "shale_i32_list", "shale_set_i32", "shale_i32_filter"},
    [SHALE_T_BIGINT] = {"int64_t", "shale_opt_i64", "shale_i64_list", "shale_set_i64", "shale_i64_filter"},
    [SHALE_T_FLOAT] = {"double", "shale_opt_f64", "shale_f64_list", "shale_set_f64", "shale_f64_filter"},
    [SHALE_T_DECIMAL] = {"shale_decimal", "shale_decimal", "shale_decimal_list", "shale_set_decimal",
                         "shale_decimal_filter"},
    [SHALE_T_BOOL] = {"bool", "shale_opt_bool", "shale_bool_list", "shale_set_bool", "shale_bool_filter"},
    [SHALE_T_DATETIME] = {"shale_datetime", "shale_opt_datetime", "shale_datetime_list", "shale_set_datetime",
                          "shale_datetime_filter"},
    [SHALE_T_JSON] = {"shale_json", "shale_json", "shale_json_list", "shale_set_json", "shale_json_filter"},
    [SHALE_T_BYTES] = {"shale_bytes", "shale_opt_bytes", "shale_bytes_list", "shale_set_bytes",
                       "shale_bytes_filter"},
    [SHALE_T_ENUM] = {NULL, NULL, "shale_enum_list", "shale_set_enum", "shale_enum_filter"},
};

static const char *enum_type(const cg *g, const cg_field *cf) { return g->enums[cf->enum_index].snake; }

const char *cg_value_type(const cg *g, const cg_field *cf)
{
    return cf->type == SHALE_T_ENUM ? enum_type(g, cf) : names[cf->type][0];
}

static const char *maybe_opt(const cg *g, const cg_field *cf, bool opt)
{
    if (cf->flags & SHALE_F_LIST) return names[cf->type][2];
    if (cf->type == SHALE_T_ENUM) return enum_type(g, cf); /* 0: NULL / left out */
    return names[cf->type][opt ? 1 : 0];
}

const char *cg_row_type(const cg *g, const cg_field *cf)
{
    return maybe_opt(g, cf, (cf->flags & SHALE_F_NULLABLE) != 0);
}

const char *cg_create_type(const cg *g, const cg_field *cf)
{
    return maybe_opt(g, cf, (cf->flags & (SHALE_F_NULLABLE | SHALE_F_OPTIONAL_IN_CREATE)) != 0);
}

const char *cg_update_type(const cg_field *cf)
{
    static const char *const lists[] = {
        [SHALE_T_STRING] = "shale_set_str_list",     [SHALE_T_INT] = "shale_set_i32_list",
        [SHALE_T_BIGINT] = "shale_set_i64_list",     [SHALE_T_FLOAT] = "shale_set_f64_list",
        [SHALE_T_DECIMAL] = "shale_set_decimal_list", [SHALE_T_BOOL] = "shale_set_bool_list",
        [SHALE_T_DATETIME] = "shale_set_datetime_list", [SHALE_T_JSON] = "shale_set_json_list",
        [SHALE_T_BYTES] = "shale_set_bytes_list",    [SHALE_T_ENUM] = "shale_set_enum_list",
    };
    return cf->flags & SHALE_F_LIST ? lists[cf->type] : names[cf->type][3];
}

const char *cg_filter_type(const cg_field *cf)
{
    return cf->flags & SHALE_F_LIST ? "shale_list_filter" : names[cf->type][4];
}

shale_ir_type cg_view_column_type(const cg *g, const shale_field *f)
{
    return shale_lower_field_type(f, f->kind == SHALE_FIELD_ENUM ? g->enums[f->type_index].ir_index : SHALE_IR_NONE);
}
