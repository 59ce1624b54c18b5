{#- Epoch seconds (Stripe) to a UTC timestamp without zone. Null and unparseable values give null. -#}
{% macro epoch_to_timestamp(column_name) -%}
    {{ return(adapter.dispatch('epoch_to_timestamp', 'customer_health')(column_name)) }}
{%- endmacro %}

{% macro default__epoch_to_timestamp(column_name) -%}
    {{ dbt.dateadd('second', safe_cast(column_name, dbt.type_bigint()), "cast('1970-01-01' as timestamp)") }}
{%- endmacro %}

{% macro duckdb__epoch_to_timestamp(column_name) -%}
    make_timestamp({{ safe_cast(column_name, 'bigint') }} * 1000000)
{%- endmacro %}
