{#- A hash of a whole row of a relation alias except the named columns (none: the whole row): equal
    rows hash equal whatever their shape, so copies of a record can be compared without listing
    their columns. -#}
{% macro row_content_hash(relation_alias, except_columns) -%}
    {{ return(adapter.dispatch('row_content_hash', 'customer_health')(relation_alias, except_columns)) }}
{%- endmacro %}

{% macro default__row_content_hash(relation_alias, except_columns) -%}
    {{ exceptions.raise_compiler_error(
        'row_content_hash has no implementation for adapter ' ~ adapter.type()
        ~ ': add a dispatch in macros/row_content_hash.sql'
    ) }}
{%- endmacro %}

{% macro duckdb__row_content_hash(relation_alias, except_columns) -%}
    hash(*columns({{ relation_alias }}.*
    {%- if except_columns %} exclude ({{ except_columns | join(', ') }}){% endif %}))
{%- endmacro %}

{% macro spark__row_content_hash(relation_alias, except_columns) -%}
    md5(to_json(map_filter(
        from_json(to_json(struct({{ relation_alias }}.*)), 'map<string, string>'),
        (k, v) -> not array_contains(array('{{ except_columns | join("', '") }}'), k)
    )))
{%- endmacro %}
