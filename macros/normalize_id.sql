{#- The matching form of an id carried loosely across systems: trimmed, upper case, empty as null. -#}
{% macro normalize_id(column_name) -%}
    nullif(upper(trim({{ column_name }})), '')
{%- endmacro %}
