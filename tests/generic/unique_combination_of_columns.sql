{#- Fails for every combination of the given columns that appears more than once (nulls compare
    equal, so a null in a key column cannot hide a duplicate). Arguments: combination_of_columns. -#}
{% test unique_combination_of_columns(model, combination_of_columns) %}

with

grouped as (
    select
        {{ combination_of_columns | join(', ') }},
        count(*) as occurrences
    from {{ model }}
    group by {{ combination_of_columns | join(', ') }}
)

select * from grouped
where occurrences > 1

{% endtest %}
