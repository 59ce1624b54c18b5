{#- A raw table as the base models read it: its Parquet files with every column of the contract (the
    source's columns and data_type in _<source>__sources.yml), so a column a company's export lacks is
    null (and the checks quarantine what needs it) instead of a binder error, and a table folder with
    no files at all is an empty table of the contract's shape instead of a failed build. Extra columns
    are kept. The files are $HEALTH_RAW_DIR/<source>/<table>/*.parquet on every engine (on DuckDB the
    path the source's external_location reads). -#}
{% macro raw_source(source_name, table_name) -%}
    {%- set relation = source(source_name, table_name) -%}
    {#- parsing, or a unit test (its fixture stands in for the source): read the relation as it is -#}
    {%- if not execute or 'sources' not in graph -%}
        select * from {{ relation }}
    {%- else -%}
        {%- set node = graph.sources['source.' ~ project_name ~ '.' ~ source_name ~ '.' ~ table_name] -%}
        {%- set files = env_var('HEALTH_RAW_DIR', 'data/raw') ~ '/' ~ source_name ~ '/' ~ table_name
            ~ '/*.parquet' -%}
        {{ adapter.dispatch('raw_source_select', 'customer_health')(relation, node, files) }}
    {%- endif -%}
{%- endmacro %}

{#- the contract's columns as an empty typed row set -#}
{% macro raw_contract_columns(node) -%}
    select
        {% for column in node.columns.values() -%}
            cast(null as {{ contract_type(column.data_type) }}) as {{ adapter.quote(column.name) }}
            {%- if not loop.last %},{% endif %}
        {% endfor %}
    where false
{%- endmacro %}

{#- a contract data_type (DuckDB spelling) in the engine's spelling -#}
{% macro contract_type(data_type) -%}
    {{ return(adapter.dispatch('contract_type', 'customer_health')(data_type)) }}
{%- endmacro %}

{% macro default__contract_type(data_type) -%}
    {{ return(data_type) }}
{%- endmacro %}

{% macro spark__contract_type(data_type) -%}
    {{ return(dbt.type_string() if data_type | lower == 'varchar' else data_type) }}
{%- endmacro %}

{% macro default__raw_source_select(relation, node, files) -%}
    {%- set found = run_query("select count(*) from glob('" ~ files ~ "')") -%}
    {%- if found.columns[0].values()[0] > 0 %}
        select * from {{ relation }}
        union all by name
        {{ raw_contract_columns(node) }}
    {%- else %}
        {{ raw_contract_columns(node) }}
    {%- endif -%}
{%- endmacro %}

{#- Spark has no union by name that fills missing columns: the files and their columns are read at
    compile time - the binaryFile source lists the raw directory's Parquet files without reading them
    (so a table folder without files is no error), describe query reads the footers (merged across a
    table's files by spark.sql.parquet.mergeSchema in the spark target) - and each contract column is
    cast from the files or is a typed null. The raw directory holds at least crm/account. -#}
{% macro spark__raw_source_select(relation, node, files) -%}
    {%- set raw_dir = env_var('HEALTH_RAW_DIR', 'data/raw') -%}
    {%- set table_folder = '/' ~ node.source_name ~ '/' ~ node.name ~ '/' -%}
    {%- set listing = run_query(
        "select count(*) from binaryFile.`" ~ raw_dir ~ "/*/*/*.parquet`"
        ~ " where path like '%" ~ table_folder ~ "%'"
    ) -%}
    {%- if listing.columns[0].values()[0] > 0 %}
        {%- set described = run_query("describe query select * from parquet.`" ~ files ~ "`") -%}
        {%- set file_columns = described.columns['col_name'].values() | map('lower') | list -%}
        {%- set contract_names = node.columns.keys() | map('lower') | list -%}
        {%- set expressions = [] -%}
        {%- for column in node.columns.values() -%}
            {%- set value = adapter.quote(column.name) if column.name | lower in file_columns else 'null' -%}
            {%- do expressions.append('cast(' ~ value ~ ' as ' ~ contract_type(column.data_type) ~ ') as '
                ~ adapter.quote(column.name)) -%}
        {%- endfor -%}
        {%- for name in file_columns if name not in contract_names -%}
            {%- do expressions.append(adapter.quote(name)) -%}
        {%- endfor %}
        select
            {{ expressions | join(',\n            ') }}
        from parquet.`{{ files }}`
    {%- else %}
        {{ raw_contract_columns(node) }}
    {%- endif -%}
{%- endmacro %}
