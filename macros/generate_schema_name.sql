{#- Build each folder in the schema it names (staging, intermediate, quarantine, marts) rather than
    dbt's default <target_schema>_<custom_schema>, so BI reads marts.<table>. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
