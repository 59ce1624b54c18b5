{#- A raw table as the base models read it: its Parquet files with every column of the contract (the
    source's columns and data_type in _<source>__sources.yml), so a column a company's export lacks is
    null (and the checks quarantine what needs it) instead of a binder error, and a table folder with
    no files at all is an empty table of the contract's shape instead of a failed build. Extra columns
    are kept. The path is the one the source's external_location reads. -#}
{% macro raw_source(source_name, table_name) -%}
    {%- set relation = source(source_name, table_name) -%}
    {#- parsing, or a unit test (its fixture stands in for the source): read the relation as it is -#}
    {%- if not execute or 'sources' not in graph -%}
        select * from {{ relation }}
    {%- else -%}
        {%- set node = graph.sources['source.' ~ project_name ~ '.' ~ source_name ~ '.' ~ table_name] -%}
        {%- set contract_columns -%}
            select
                {% for column in node.columns.values() -%}
                    cast(null as {{ column.data_type }}) as {{ adapter.quote(column.name) }}
                    {%- if not loop.last %},{% endif %}
                {% endfor %}
            where false
        {%- endset -%}
        {%- set files = env_var('HEALTH_RAW_DIR', 'data/raw') ~ '/' ~ source_name ~ '/' ~ table_name
            ~ '/*.parquet' -%}
        {%- set found = run_query("select count(*) from glob('" ~ files ~ "')") -%}
        {%- if found.columns[0].values()[0] > 0 %}
            select * from {{ relation }}
            union all by name
            {{ contract_columns }}
        {%- else %}
            {{ contract_columns }}
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}
