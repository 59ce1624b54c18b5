{#- Fails for every non-null value of column_name (rows filtered by from_condition) that has no
    match in field of the model `to` (rows filtered by to_condition). -#}
{% test relationships_where(model, column_name, to, field, from_condition='1 = 1', to_condition='1 = 1') %}

with

children as (
    select {{ column_name }} as child_key
    from {{ model }}
    where {{ column_name }} is not null and ({{ from_condition }})
),

parents as (
    select {{ field }} as parent_key
    from {{ to }}
    where {{ to_condition }}
)

select children.child_key
from children
left join parents
    on children.child_key = parents.parent_key
where parents.parent_key is null

{% endtest %}
