{#- A 64-bit hash of one column, null included (null hashes to a constant): to group or match ids by
    a number instead of a string. Different values can share a hash, so a caller treats a match as a
    candidate and compares the values themselves. -#}
{% macro id_hash(column) -%}
    {{ return(adapter.dispatch('id_hash', 'customer_health')(column)) }}
{%- endmacro %}

{% macro default__id_hash(column) -%}
    hash({{ column }})
{%- endmacro %}

{#- Spark's hash() is 32-bit: xxhash64 is its 64-bit one -#}
{% macro spark__id_hash(column) -%}
    xxhash64({{ column }})
{%- endmacro %}
