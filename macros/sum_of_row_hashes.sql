{#- An aggregate: the exact sum of row_content_hash over a group's rows, as text. It does not depend
    on the order of the rows, so it fingerprints a set of rows with no sort and no string building;
    any changed, added or removed row changes it (but for a chance collision). -#}
{% macro sum_of_row_hashes(relation_alias, except_columns) -%}
    {{ return(adapter.dispatch('sum_of_row_hashes', 'customer_health')(relation_alias, except_columns)) }}
{%- endmacro %}

{#- DuckDB's hash is a 64-bit unsigned integer; its sum is a 128-bit integer, exact -#}
{% macro default__sum_of_row_hashes(relation_alias, except_columns) -%}
    cast(sum({{ row_content_hash(relation_alias, except_columns) }}) as {{ dbt.type_string() }})
{%- endmacro %}

{#- Spark's is an md5 hex string: its first 15 hex digits (60 bits) as a number, summed as a decimal -#}
{% macro spark__sum_of_row_hashes(relation_alias, except_columns) -%}
    cast(sum(cast(conv(substr({{ row_content_hash(relation_alias, except_columns) }}, 1, 15), 16, 10)
        as decimal(38, 0))) as {{ dbt.type_string() }})
{%- endmacro %}
