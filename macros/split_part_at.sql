{#- dbt.split_part with a part number that is an SQL expression rather than a literal: dbt-spark's
    split_part takes only a literal. On Spark split() takes a regular expression, so the delimiter is
    quoted (\Q..\E) to be taken literally. -#}
{% macro split_part_at(string_text, delimiter_text, part_expression) -%}
    {{ return(adapter.dispatch('split_part_at', 'customer_health')(string_text, delimiter_text, part_expression)) }}
{%- endmacro %}

{% macro default__split_part_at(string_text, delimiter_text, part_expression) -%}
    {{ dbt.split_part(string_text, delimiter_text, part_expression) }}
{%- endmacro %}

{% macro spark__split_part_at(string_text, delimiter_text, part_expression) -%}
    element_at(
        split({{ string_text }}, concat('\\Q', {{ delimiter_text }}, '\\E')), cast(({{ part_expression }}) as int)
    )
{%- endmacro %}
