{#- The config of a model incremental by period (an ISO week: week_start_date, or a day: event_date):
    a run replaces whole periods - delete+insert on the period column on DuckDB, insert_overwrite of
    the period's partitions on Spark (Parquet tables take no delete) - and a changed column list
    fails the run. Call as config(**incremental_by_period('...')); the model says which periods it
    rebuilds. -#}
{% macro incremental_by_period(period_column='week_start_date') -%}
    {{ return({
        'materialized': 'incremental',
        'unique_key': period_column,
        'incremental_strategy': ('insert_overwrite' if target.type == 'spark' else 'delete+insert'),
        'partition_by': (period_column if target.type == 'spark' else none),
        'on_schema_change': 'fail',
    }) }}
{%- endmacro %}
