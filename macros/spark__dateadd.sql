{#- dbt.dateadd on Spark: Spark's timestampadd, which keeps the time of day and holds a month's last day
    (Jan 31 + 1 month = Feb 28/29) as DuckDB's interval arithmetic does. dbt-spark's own multiplies the
    interval without parentheses (n - 1 weeks becomes n - 7 days). Takes the place of dbt-spark's macro
    of the same name for every dbt.dateadd. -#}
{% macro spark__dateadd(datepart, interval, from_date_or_timestamp) -%}
    timestampadd(
        {{ datepart | upper }}, cast(({{ interval }}) as int), cast({{ from_date_or_timestamp }} as timestamp)
    )
{%- endmacro %}
