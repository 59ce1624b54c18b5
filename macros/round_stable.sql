{#- round(expression, digits) after snapping floating-point noise at 9 decimals: a value that is exactly
    on a half in real arithmetic (a weighted mean of whole scores often is) rounds the same way whatever
    order an engine added its terms in, so DuckDB and Spark give the same rounded score. -#}
{% macro round_stable(expression, digits=0) -%}
    round(round({{ expression }}, 9), {{ digits }})
{%- endmacro %}
