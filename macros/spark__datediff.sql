{#- dbt.datediff on Spark with DuckDB's meaning, so both engines count alike: day, month, quarter and year
    count the boundaries crossed between the two values, hour, minute and second too (floor of the epoch
    seconds over the unit), and week is the whole weeks in the day difference (truncated toward zero).
    dbt-spark's own rounds minutes up and counts Sunday crossings as weeks. Takes the place of
    dbt-spark's macro of the same name for every dbt.datediff. -#}
{% macro spark__datediff(first_date, second_date, datepart) -%}
    {%- set first_day = 'cast(' ~ first_date ~ ' as date)' -%}
    {%- set second_day = 'cast(' ~ second_date ~ ' as date)' -%}
    {%- set seconds = {'hour': 3600, 'minute': 60, 'second': 1} -%}
    {%- if datepart == 'day' -%}
        cast(datediff({{ second_day }}, {{ first_day }}) as bigint)
    {%- elif datepart == 'week' -%}
        cast(datediff({{ second_day }}, {{ first_day }}) / 7 as bigint)
    {%- elif datepart == 'year' -%}
        cast(year({{ second_day }}) - year({{ first_day }}) as bigint)
    {%- elif datepart in ('month', 'quarter') -%}
        {%- set per_year = 12 if datepart == 'month' else 4 -%}
        cast(
            (year({{ second_day }}) * {{ per_year }} + {{ datepart }}({{ second_day }}))
            - (year({{ first_day }}) * {{ per_year }} + {{ datepart }}({{ first_day }}))
            as bigint
        )
    {%- elif datepart in seconds -%}
        (
            floor(unix_seconds(cast({{ second_date }} as timestamp)) / {{ seconds[datepart] }})
            - floor(unix_seconds(cast({{ first_date }} as timestamp)) / {{ seconds[datepart] }})
        )
    {%- else -%}
        {{ exceptions.raise_compiler_error('datediff by ' ~ datepart ~ ' is not implemented on Spark') }}
    {%- endif -%}
{%- endmacro %}
