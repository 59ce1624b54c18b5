{#- Epoch seconds (Stripe) to a UTC timestamp without zone. Null and unparseable values give null.
    An epoch beyond the timestamp type's range (microseconds or nanoseconds instead of seconds) is
    held at the range's edge instead of failing the build: far outside any sane window, so the base
    model's out_of_range_timestamp check quarantines it. Epochs in milliseconds need no help: they
    land tens of thousands of years ahead. -#}
{% macro epoch_to_timestamp(column_name) -%}
    {{ return(adapter.dispatch('epoch_to_timestamp', 'customer_health')(column_name)) }}
{%- endmacro %}

{#- 0001-01-01 .. 9999-12-31 23:59:59, the range most engines' timestamps hold -#}
{% macro default__epoch_to_timestamp(column_name) -%}
    {%- set seconds = safe_cast(column_name, dbt.type_bigint()) -%}
    {%- set clamped -%}
        case
            when {{ seconds }} > 253402300799 then 253402300799
            when {{ seconds }} < -62135596800 then -62135596800
            else {{ seconds }}
        end
    {%- endset -%}
    {{ dbt.dateadd('second', clamped, "cast('1970-01-01' as timestamp)") }}
{%- endmacro %}

{#- about years -283000 .. 287000, so that microseconds since 1970 still fit a bigint -#}
{% macro duckdb__epoch_to_timestamp(column_name) -%}
    {%- set seconds = safe_cast(column_name, 'bigint') -%}
    make_timestamp(
        case
            when {{ seconds }} > 9000000000000 then 9000000000000
            when {{ seconds }} < -9000000000000 then -9000000000000
            else {{ seconds }}
        end * 1000000
    )
{%- endmacro %}

{#- dbt-spark's dateadd casts the seconds to int, which overflows past 2038: timestamp_seconds takes
    a bigint -#}
{% macro spark__epoch_to_timestamp(column_name) -%}
    {%- set seconds = safe_cast(column_name, 'bigint') -%}
    timestamp_seconds(
        case
            when {{ seconds }} > 253402300799 then 253402300799
            when {{ seconds }} < -62135596800 then -62135596800
            else {{ seconds }}
        end
    )
{%- endmacro %}
