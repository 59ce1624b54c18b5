{#- Epoch seconds (Stripe) to a UTC timestamp without zone. Null and unparseable values give null.
    An epoch beyond the timestamp type's range (microseconds or nanoseconds instead of seconds) is
    held at the range's edge instead of failing the build: far outside any sane window, so the base
    model's out_of_range_timestamp check quarantines it. Epochs in milliseconds need no help: they
    land tens of thousands of years ahead. -#}
{% macro epoch_to_timestamp(column_name) -%}
    {{ return(adapter.dispatch('epoch_to_timestamp', 'customer_health')(column_name)) }}
{%- endmacro %}

{#- the epoch seconds as a bigint, held within lowest .. highest -#}
{% macro epoch_seconds_within(column_name, lowest, highest) -%}
    {%- set seconds = safe_cast(column_name, dbt.type_bigint()) -%}
    case
        when {{ seconds }} > {{ highest }} then {{ highest }}
        when {{ seconds }} < {{ lowest }} then {{ lowest }}
        else {{ seconds }}
    end
{%- endmacro %}

{#- 0001-01-01 .. 9999-12-31 23:59:59, the range most engines' timestamps hold -#}
{% macro default__epoch_to_timestamp(column_name) -%}
    {{ dbt.dateadd(
        'second', epoch_seconds_within(column_name, -62135596800, 253402300799),
        "cast('1970-01-01' as timestamp)"
    ) }}
{%- endmacro %}

{#- about years -283000 .. 287000, so that microseconds since 1970 still fit a bigint -#}
{% macro duckdb__epoch_to_timestamp(column_name) -%}
    make_timestamp({{ epoch_seconds_within(column_name, -9000000000000, 9000000000000) }} * 1000000)
{%- endmacro %}

{#- Spark's timestamps hold years 1 .. 9999; dbt-spark's dateadd casts the seconds to int, which
    overflows past 2038, so timestamp_seconds (a bigint) instead -#}
{% macro spark__epoch_to_timestamp(column_name) -%}
    timestamp_seconds({{ epoch_seconds_within(column_name, -62135596800, 253402300799) }})
{%- endmacro %}
