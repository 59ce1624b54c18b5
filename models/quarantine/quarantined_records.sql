{#- One row per raw row the warehouse does not trust, with the reason it was set aside and the
    whole raw row as JSON. Two checkpoints feed it: staging (row-level checks in the base models)
    and identity resolution (account references that match no live, real CRM account). -#}
{%- set tables = raw_tables() -%}
{%- set referencing = tables | selectattr('has_account_ref') | list -%}

with

unmatched_references as (
    select * from {{ ref('int_account_references_resolved') }}
    where not is_matched
),

rejected_in_staging as (
    {% for t in tables %}
        select
            '{{ t.source_table }}' as source_table,
            dq_record_id as record_id,
            dq_row_number as copy_number,
            dq_reason as reason,
            'staging' as caught_in,
            dq_loaded_at as loaded_at,
            {{ row_to_json('base_rows') }} as record_json
        from {{ ref(t.base_model) }} as base_rows  -- noqa: AL05
        where dq_reason is not null
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

rejected_in_identity_resolution as (
    {% for t in referencing %}
        select
            '{{ t.source_table }}' as source_table,
            cast(staged_rows.{{ t.record_id }} as {{ dbt.type_string() }}) as record_id,
            1 as copy_number,
            unmatched_references.match_status as reason,
            'identity_resolution' as caught_in,
            staged_rows.loaded_at,
            {{ row_to_json('staged_rows') }} as record_json
        from {{ ref(t.stg_model) }} as staged_rows
        inner join unmatched_references
            on
                unmatched_references.source_table = '{{ t.source_table }}'
                and staged_rows.account_ref_raw
                is not distinct from unmatched_references.account_ref_raw
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

final as (
    select * from rejected_in_staging
    union all
    select * from rejected_in_identity_resolution
)

select * from final
