{#- dbt-spark's listagg drops the order by (collect_list then array_join), so the text of an ordered
    list would change from run to run. Spark 4 has listagg ... within group (order by ...) like
    DuckDB; this takes the place of dbt-spark's macro of the same name for every dbt.listagg. -#}
{% macro spark__listagg(measure, delimiter_text, order_by_clause, limit_num) -%}
    {%- if limit_num -%}
        {{ exceptions.raise_compiler_error('listagg with limit_num is not supported on Spark') }}
    {%- endif -%}
    listagg({{ measure }}, {{ delimiter_text }})
    {%- if order_by_clause %} within group ({{ order_by_clause }}){% endif %}
{%- endmacro %}
