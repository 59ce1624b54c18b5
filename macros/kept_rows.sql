{#- The body of a staging model: the rows of its base model that passed every check, one per
    record id (invalid rows are in quarantine, repeated ids are merged to the latest load). -#}
{% macro kept_rows(base_model) -%}
with

base as (
    select * from {{ ref(base_model) }}
),

kept as (
    select
        {{ staged_columns(ref(base_model)) }}
    from base
    where dq_reason is null and dq_row_number = 1
)

select * from kept
{%- endmacro %}
