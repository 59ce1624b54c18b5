{#- The relation a generic data test reads (overrides dbt's): the tested model, filtered by the test's
    `where` config as dbt does, and - in a `dbt build` that selects an incremental model whose rows
    carry dbt_invocation_id - only the rows this build wrote.
    Such a model replaces whole periods (days or ISO weeks): a rebuilt period is deleted and written
    again, and every other row was tested by the build that wrote it and has not changed since. So
    a row-level test, or a uniqueness test whose key holds the period, says over the rows written
    what it says over the whole table, and the weekly run does not test two years of rows to add
    one week. A full build writes every row, so it tests every row; `dbt test`, `dbt retry` and a
    build that does not select the model test every row too. -#}
{% macro get_where_subquery(relation) -%}
    {%- set conditions = [] -%}
    {%- if config.get('where') -%}
        {%- do conditions.append('(' ~ config.get('where') ~ ')') -%}
    {%- endif -%}
    {%- if execute and flags.WHICH == 'build' and model.attached_node in selected_resources -%}
        {%- set tested = graph.nodes.get(model.attached_node) -%}
        {%- if tested.config.materialized == 'incremental' and 'dbt_invocation_id' in tested.columns -%}
            {%- do conditions.append("dbt_invocation_id = '" ~ invocation_id ~ "'") -%}
        {%- endif -%}
    {%- endif -%}
    {%- if conditions -%}
        {{ return('(select * from ' ~ relation ~ ' where ' ~ conditions | join(' and ') ~ ') as dbt_subquery') }}
    {%- else -%}
        {{ return(relation) }}
    {%- endif -%}
{%- endmacro %}
