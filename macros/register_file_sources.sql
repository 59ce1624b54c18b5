{#- Run at the start of every dbt invocation (on-run-start): sources that are plain files and that the
    engine cannot name in a query by path with their options. DuckDB reads them through the source's
    external_location, so nothing is needed there. On Spark the flat export CSV (header row, every
    value text) becomes an external table flat_export.accounts over $HEALTH_FLAT_EXPORT_PATH, dropped
    and created again each run so a changed path is followed; dropping it never deletes the file. The
    Parquet raw tables need no registration: macros/raw_source.sql reads them by path. -#}
{% macro register_file_sources() -%}
    {{ return(adapter.dispatch('register_file_sources', 'customer_health')()) }}
{%- endmacro %}

{% macro default__register_file_sources() -%}
{%- endmacro %}

{% macro spark__register_file_sources() -%}
    {%- set relation = source('flat_export', 'accounts') -%}
    {%- set csv_path = env_var('HEALTH_FLAT_EXPORT_PATH', 'examples/flat_export.csv') -%}
    {%- if execute -%}
        {%- do run_query('create schema if not exists ' ~ relation.schema) -%}
        {%- do run_query('drop table if exists ' ~ relation) -%}
        {%- do run_query(
            'create table ' ~ relation ~ " using csv options (path '" ~ csv_path
            ~ "', header 'true', inferSchema 'false')"
        ) -%}
    {%- endif -%}
{%- endmacro %}
