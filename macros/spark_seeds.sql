{#- Seeds on Spark, loaded as on DuckDB. dbt-spark's session method puts each value into the insert
    between quotes without escaping, so a seed text with an apostrophe (a playbook step, a measure
    label) breaks the statement and an empty value becomes the text 'None': here each value is an
    escaped literal instead of a binding. A whole-number column is int, as DuckDB infers it, not
    dbt-spark's bigint, so contracts and joins see one type on both engines. These take the place of
    dbt-spark's macros of the same names. -#}
{% macro seed_column_type(model, agate_table, column_index) -%}
    {%- set column_name = agate_table.column_names[column_index] -%}
    {%- set inferred = adapter.convert_type(agate_table, column_index) -%}
    {{ return(model['config'].get('column_types', {}).get(column_name, 'int' if inferred == 'bigint' else inferred)) }}
{%- endmacro %}

{% macro spark__create_csv_table(model, agate_table) %}
    {%- set quote_seed_column = model['config'].get('quote_columns', None) -%}
    {%- set sql -%}
        create table {{ this.render() }} (
            {%- for col_name in agate_table.column_names -%}
                {{ adapter.quote_seed_column(col_name | string, quote_seed_column) }}
                {{ contract_type(seed_column_type(model, agate_table, loop.index0)) }}
                {%- if not loop.last -%}, {% endif -%}
            {%- endfor -%}
        )
        {{ file_format_clause() }}
        {{ comment_clause() }}
    {%- endset -%}
    {%- call statement('_') -%}
        {{ sql }}
    {%- endcall -%}
    {{ return(sql) }}
{% endmacro %}

{% macro spark__load_csv_rows(model, agate_table) %}
    {%- set statements = [] -%}
    {%- set types = [] -%}
    {%- for col_name in agate_table.column_names -%}
        {%- do types.append(contract_type(seed_column_type(model, agate_table, loop.index0))) -%}
    {%- endfor -%}
    {%- for chunk in agate_table.rows | batch(get_batch_size()) -%}
        {%- set sql -%}
            insert into {{ this.render() }} values
            {% for row in chunk -%}
                (
                {%- for col_name in agate_table.column_names -%}
                    {%- set value = row[loop.index0] -%}
                    {%- if value is none -%}
                        {%- set literal = 'null' -%}
                    {%- elif value is boolean -%}
                        {%- set literal = 'true' if value else 'false' -%}
                    {%- elif value is number -%}
                        {%- set literal = value | string -%}
                    {%- else -%}
                        {%- set literal = "'" ~ (value | string).replace('\\', '\\\\').replace("'", "\\'") ~ "'" -%}
                    {%- endif -%}
                    cast({{ literal }} as {{ types[loop.index0] }})
                    {%- if not loop.last %}, {% endif -%}
                {%- endfor -%}
                ){%- if not loop.last %},{% endif %}
            {% endfor %}
        {%- endset -%}
        {%- do adapter.add_query(sql, abridge_sql_log=True) -%}
        {%- if loop.index0 == 0 -%}
            {%- do statements.append(sql) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(statements[0]) }}
{% endmacro %}
