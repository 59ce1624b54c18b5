{#- One row per real account per catalogued feature per ISO week in which the feature was used:
    int_product_feature_weeks (by account reference and event name) resolved to accounts and
    catalogued.
    Incremental by ISO week on a hash of its inputs, as int_account_user_weeks: a week's rows are
    made only of that week's int_product_feature_weeks rows, the account each reference resolves to
    and the catalogue entry of each event name, so an identity change or a catalogue edit rebuilds
    the weeks it touches. -#}
{{ config(
    pre_hook="{{ delete_vanished_weeks(
        resolved_product_weeks(ref('int_product_feature_weeks'), catalogued=true)
    ) }}",
    **incremental_by_period()
) }}

with

reference_event_weeks as {{ inlined() }} (
    select * from {{ ref('int_product_feature_weeks') }}
),

track_accounts as (
    {{ matched_track_references() }}
),

feature_catalogue as (
    select * from {{ ref('feature_catalogue') }}
),

-- every input row of a week: a reference's event week, its account and the event's catalogue entry
resolved_rows as {{ inlined() }} (
    select
        track_accounts.account_id,
        reference_event_weeks.account_ref_raw,
        reference_event_weeks.event_name,
        reference_event_weeks.week_start_date,
        feature_catalogue.feature_name,
        feature_catalogue.feature_class
    from reference_event_weeks
    inner join track_accounts
        on reference_event_weeks.account_ref_raw = track_accounts.account_ref_raw
    inner join feature_catalogue
        on reference_event_weeks.event_name = feature_catalogue.event_name
),

{{ weekly_input_hashes('resolved_rows') }}

final as (
    select distinct
        resolved_rows.account_id,
        resolved_rows.feature_name,
        resolved_rows.feature_class,
        resolved_rows.week_start_date,
        week_hashes.input_hash,
        '{{ invocation_id }}' as dbt_invocation_id
    from resolved_rows
    inner join rebuilt_week_hashes as week_hashes
        on resolved_rows.week_start_date = week_hashes.week_start_date
)

select * from final
