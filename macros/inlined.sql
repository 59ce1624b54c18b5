{#- Written between a CTE's name and its body (`rows as {{ inlined() }} (`): the CTE is read again at
    every reference instead of being written out once. DuckDB writes out a CTE that is referenced
    more than once, all its rows and columns; over a long relation (every measure of every account
    week) that spills tens of GB at 100,000 accounts, where reading the table twice costs little.
    Spark inlines CTEs itself and has no such keyword: nothing there. -#}
{% macro inlined() -%}
    {{ return(adapter.dispatch('inlined', 'customer_health')()) }}
{%- endmacro %}

{% macro default__inlined() -%}
{%- endmacro %}

{% macro duckdb__inlined() -%}
    not materialized
{%- endmacro %}
