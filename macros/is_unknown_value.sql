{#- True when a categorical value lies outside its known set. A null is unknown too, unless the
    column is nullable (the value is optional in the raw contract). -#}
{% macro is_unknown_value(column_name, known_values, nullable=false) -%}
    {%- set listed = "'" ~ known_values | join("', '") ~ "'" -%}
    {%- if nullable -%}
        {{ column_name }} not in ({{ listed }})
    {%- else -%}
        ({{ column_name }} is null or {{ column_name }} not in ({{ listed }}))
    {%- endif -%}
{%- endmacro %}
