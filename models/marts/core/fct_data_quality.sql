{%- set tables = raw_tables() -%}

with

as_of as (
    select * from {{ ref('int_warehouse_as_of') }}
),

quarantined_records as (
    select * from {{ ref('quarantined_records') }}
),

account_references as (
    select * from {{ ref('int_account_references_resolved') }}
),

raw_profile as (
    {% for t in tables %}
        select
            '{{ t.source_table }}' as source_table,
            count(*) as raw_rows,
            count(case when dq_reason is null and dq_row_number > 1 then 1 end) as duplicate_rows,
            avg(case when dq_is_key_complete then 1.0e0 else 0.0e0 end) as key_completeness,
            max(dq_loaded_at) as latest_loaded_at
        from {{ ref(t.base_model) }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

staged_counts as (
    {% for t in tables %}
        select
            '{{ t.source_table }}' as source_table,
            count(*) as staged_rows
        from {{ ref(t.stg_model) }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

reason_counts as (
    select
        source_table,
        reason,
        caught_in,
        count(*) as row_count
    from quarantined_records
    group by source_table, reason, caught_in
),

quarantine_summary as (
    select
        source_table,
        cast(sum(row_count) as {{ dbt.type_bigint() }}) as quarantined_rows,
        cast(
            sum(case when caught_in = 'identity_resolution' then row_count else 0 end)
            as {{ dbt.type_bigint() }}
        ) as quarantined_after_staging,
        {{ dbt.listagg(
            "reason || ': ' || cast(row_count as " ~ dbt.type_string() ~ ")", "', '", 'order by reason'
        ) }} as quarantine_reasons
    from reason_counts
    group by source_table
),

-- the share of staged rows whose account reference names a CRM account (live, test or deleted)
match_rates as (
    select
        source_table,
        cast(
            sum(case when names_crm_account then row_count end) as double
        ) / nullif(sum(row_count), 0) as match_rate_to_crm
    from (
        select
            *,
            match_status not in ('unknown_account', 'missing_reference') as names_crm_account
        from account_references
    ) as classified_references
    group by source_table
),

final as (
    select
        -- keys
        raw_profile.source_table,
        '{{ invocation_id }}' as dbt_invocation_id,
        -- attributes
        coalesce(quarantine_summary.quarantine_reasons, '') as quarantine_reasons,
        -- measures
        raw_profile.raw_rows,
        staged_counts.staged_rows - coalesce(quarantine_summary.quarantined_after_staging, 0)
            as kept_rows,
        raw_profile.duplicate_rows,
        coalesce(quarantine_summary.quarantined_rows, 0) as quarantined_rows,
        match_rates.match_rate_to_crm,
        cast(raw_profile.key_completeness as double) as key_completeness,
        {{ dbt.datediff(
            'cast(raw_profile.latest_loaded_at as date)', 'as_of.as_of_date', 'day'
        ) }} as freshness_lag_days,
        -- dates and timestamps
        as_of.as_of_date,
        raw_profile.latest_loaded_at
    from raw_profile
    cross join as_of
    inner join staged_counts
        on raw_profile.source_table = staged_counts.source_table
    left join quarantine_summary
        on raw_profile.source_table = quarantine_summary.source_table
    left join match_rates
        on raw_profile.source_table = match_rates.source_table
)

select * from final
