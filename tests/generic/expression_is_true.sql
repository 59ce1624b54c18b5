{#- Fails for every row where the SQL boolean expression is false or null. Arguments: expression,
    where (optional filter on the rows checked). -#}
{% test expression_is_true(model, expression, where_clause=none) %}

select *
from {{ model }}
where
    not coalesce({{ expression }}, false)
    {%- if where_clause %}
        and ({{ where_clause }})
    {%- endif %}

{% endtest %}
