{#- The closing step of every base model: names the record id and load time in the common dq_
    columns and numbers the copies of a record id among the rows that passed the checks (or among
    those that failed), latest first. dq_row_number = 1 is the copy staging keeps.
    Arguments: record_id (column), latest_first (order by clause putting the latest copy first),
    relation (the preceding CTE, default checked). -#}
{% macro number_duplicates(record_id, latest_first, relation='checked') -%}
    select
        *,
        cast({{ record_id }} as {{ dbt.type_string() }}) as dq_record_id,
        loaded_at as dq_loaded_at,
        row_number() over (
            partition by {{ record_id }}, dq_reason is null
            order by {{ latest_first }}
        ) as dq_row_number
    from {{ relation }}
{%- endmacro %}
