{#- One row per account per week: the usage measures. "Last 28 days" windows are the trailing four
    ISO weeks, so they align with the weekly grain; each reads only events up to the week's end.
    Incremental by ISO week: each row stores input_hash, a hash of the inputs that land on its
    account-week (its int_account_weeks row, the users first identified that week, and the input
    hash that int_account_user_weeks and int_account_feature_weeks store for the week, which changes
    with any of that week's rows) and of the config (feature counts per class of the feature
    catalogue, var power_user_min_active_days). A run recomputes, for every account, every week
    from the earliest week whose current hash differs from the stored one (a new, changed or vanished
    account-week, either way): a week's values also depend on the weeks before it (the 28-day
    windows, the 4- and 13-week lags, the running last activity and known users), so a change reaches
    every later week. It reads the window inputs from 16 weeks before that week; the running values
    are computed over the whole history, which is cheap. Nothing differs: nothing is rebuilt.
    `dbt build --full-refresh` rebuilds every week. -#}
{{ config(
    pre_hook="{{ delete_vanished_weeks('select week_start_date from ' ~ ref('int_account_weeks')) }}",
    **incremental_by_period()
) }}
with

account_weeks as (
    select * from {{ ref('int_account_weeks') }}
),

user_weeks as {{ inlined() }} (
    select * from {{ ref('int_account_user_weeks') }}
),

feature_weeks as {{ inlined() }} (
    select * from {{ ref('int_account_feature_weeks') }}
),

feature_catalogue as (
    select * from {{ ref('feature_catalogue') }}
),

identifies as (
    select * from {{ ref('stg_product__identifies') }}
),

identify_accounts as (
    select * from {{ ref('int_account_references_resolved') }}
    where is_matched and source_table = 'product.identifies'
),

{% if is_incremental() %}
    stored_input_hashes as (
        select
            account_id,
            week_start_date,
            input_hash
        from {{ this }}
    ),
{% endif %}

window_offsets as (
    select generated_number - 1 as week_offset
    from ({{ dbt.generate_series(4) }}) as four_weeks
),

features_per_class as (
    select
        feature_class,
        count(distinct feature_name) as feature_count
    from feature_catalogue
    group by feature_class
),

first_identified as (
    select
        identify_accounts.account_id,
        identifies.user_id,
        cast({{ dbt.date_trunc('week', 'min(identifies.identified_at)') }} as date)
            as week_start_date
    from identifies
    inner join identify_accounts
        on identifies.account_ref_raw = identify_accounts.account_ref_raw
    group by identify_accounts.account_id, identifies.user_id
),

known_users_added as (
    select
        account_id,
        week_start_date,
        count(*) as users_added
    from first_identified
    group by account_id, week_start_date
),

-- the inputs of each week's user and feature weeks: the input hash those models store on every row
-- of a week (one per week, over every account), so no user or feature week row is hashed again
user_week_hashes as (
    select
        week_start_date,
        max(input_hash) as input_hash
    from user_weeks
    group by week_start_date
),

feature_week_hashes as (
    select
        week_start_date,
        max(input_hash) as input_hash
    from feature_weeks
    group by week_start_date
),

-- every account-week depends on these: a change rebuilds every week
config_text as (
    select
        {{ dbt.concat([
            dbt.listagg(
                dbt.concat(['feature_class', "'='", 'cast(feature_count as ' ~ dbt.type_string() ~ ')']),
                "','",
                'order by feature_class'
            ),
            "';power_user_min_active_days='",
            "'" ~ var('power_user_min_active_days') ~ "'"
        ]) }} as config_text
    from features_per_class
),

input_hashes as (
    select
        account_weeks.account_id,
        account_weeks.week_start_date,
        {{ dbt.hash(dbt.concat([
            'cast(account_weeks.week_end_date as ' ~ dbt.type_string() ~ ')',
            "'#'", "coalesce(user_week_hashes.input_hash, '')",
            "'#'", "coalesce(feature_week_hashes.input_hash, '')",
            "'#'", 'cast(coalesce(known_users_added.users_added, 0) as ' ~ dbt.type_string() ~ ')',
            "'#'", "coalesce(config_text.config_text, '')"
        ])) }} as input_hash
    from account_weeks
    cross join config_text
    left join user_week_hashes
        on account_weeks.week_start_date = user_week_hashes.week_start_date
    left join feature_week_hashes
        on account_weeks.week_start_date = feature_week_hashes.week_start_date
    left join known_users_added
        on
            account_weeks.account_id = known_users_added.account_id
            and account_weeks.week_start_date = known_users_added.week_start_date
),

-- The account-weeks whose inputs differ from those the stored row was built from (new, changed or
-- gone); on a full refresh, every week.
changed_weeks as (
    {% if is_incremental() %}
        {{ weeks_with_changed_inputs('input_hashes', 'stored_input_hashes') | indent(8) }}
    {% else %}
        select week_start_date from account_weeks
    {% endif %}
),

-- The first week to rebuild, and the first whose inputs it reads: 16 weeks before, as the 13-week
-- lag of the 28-day (four-week) event count reaches back that far. No changed week: null, nothing.
rebuild_from as (
    select
        min(week_start_date) as first_rebuilt_week,
        cast({{ dbt.dateadd('week', -16, 'min(week_start_date)') }} as date) as first_read_week
    from changed_weeks
),

-- the user and feature weeks the rebuilt weeks' windows and lags read
users_read as (
    select user_weeks.*
    from user_weeks
    inner join rebuild_from
        on user_weeks.week_start_date >= rebuild_from.first_read_week
),

features_read as (
    select feature_weeks.*
    from feature_weeks
    inner join rebuild_from
        on feature_weeks.week_start_date >= rebuild_from.first_read_week
),

-- each week of a user's activity counts in the 28-day windows of that week and the next three
user_windows as (
    select
        users_read.account_id,
        users_read.user_id,
        cast(
            {{ dbt.dateadd('week', 'window_offsets.week_offset', 'users_read.week_start_date') }}
            as date
        ) as week_start_date,
        sum(users_read.active_days) as active_days_28d,
        sum(users_read.event_count) as event_count_28d,
        sum(users_read.key_workflow_event_count) as key_workflow_event_count_28d
    from users_read
    cross join window_offsets
    group by
        users_read.account_id,
        users_read.user_id,
        {{ dbt.dateadd('week', 'window_offsets.week_offset', 'users_read.week_start_date') }}
),

account_windows as (
    select
        account_id,
        week_start_date,
        count(*) as active_users_28d,
        sum(active_days_28d) as active_user_days_28d,
        sum(event_count_28d) as event_count_28d,
        count(case when active_days_28d >= {{ var('power_user_min_active_days') }} then 1 end)
            as power_users_28d,
        count(case when key_workflow_event_count_28d > 0 then 1 end) as key_workflow_users_28d
    from user_windows
    group by account_id, week_start_date
),

-- over every week: the running last activity reads the account's whole history
account_week_activity as (
    select
        account_id,
        week_start_date,
        count(*) as active_users_7d,
        max(last_active_date) as last_active_date
    from user_weeks
    group by account_id, week_start_date
),

feature_windows as (
    select
        features_read.account_id,
        cast(
            {{ dbt.dateadd('week', 'window_offsets.week_offset', 'features_read.week_start_date') }}
            as date
        ) as week_start_date,
        features_read.feature_class,
        count(distinct features_read.feature_name) as features_used_28d
    from features_read
    cross join window_offsets
    group by
        features_read.account_id,
        {{ dbt.dateadd('week', 'window_offsets.week_offset', 'features_read.week_start_date') }},
        features_read.feature_class
),

adoption as (
    select
        feature_windows.account_id,
        feature_windows.week_start_date,
        max(case when feature_windows.feature_class = 'core' then feature_windows.adoption end)
            as core_feature_adoption,
        max(case when feature_windows.feature_class = 'expansion' then feature_windows.adoption end)
            as expansion_feature_adoption,
        max(case when feature_windows.feature_class = 'advanced' then feature_windows.adoption end)
            as advanced_feature_adoption
    from (
        select
            feature_windows.*,
            feature_windows.features_used_28d * 1.0e0 / features_per_class.feature_count as adoption
        from feature_windows
        inner join features_per_class
            on feature_windows.feature_class = features_per_class.feature_class
    ) as feature_windows
    group by feature_windows.account_id, feature_windows.week_start_date
),

joined as (
    select
        account_weeks.account_id,
        account_weeks.week_start_date,
        account_weeks.week_end_date,
        coalesce(account_windows.active_users_28d, 0) as active_users_28d,
        coalesce(account_windows.active_user_days_28d, 0) as active_user_days_28d,
        coalesce(account_windows.event_count_28d, 0) as event_count_28d,
        coalesce(account_windows.power_users_28d, 0) as power_users_28d,
        coalesce(account_windows.key_workflow_users_28d, 0) as key_workflow_users_28d,
        coalesce(account_week_activity.active_users_7d, 0) as active_users_7d,
        coalesce(adoption.core_feature_adoption, 0) as core_feature_adoption,
        coalesce(adoption.expansion_feature_adoption, 0) as expansion_feature_adoption,
        coalesce(adoption.advanced_feature_adoption, 0) as advanced_feature_adoption,
        max(account_week_activity.last_active_date) over (
            partition by account_weeks.account_id
            order by account_weeks.week_start_date
            rows between unbounded preceding and current row
        ) as last_active_date,
        sum(coalesce(known_users_added.users_added, 0)) over (
            partition by account_weeks.account_id
            order by account_weeks.week_start_date
            rows between unbounded preceding and current row
        ) as known_users
    from account_weeks
    left join account_windows
        on
            account_weeks.account_id = account_windows.account_id
            and account_weeks.week_start_date = account_windows.week_start_date
    left join account_week_activity
        on
            account_weeks.account_id = account_week_activity.account_id
            and account_weeks.week_start_date = account_week_activity.week_start_date
    left join adoption
        on
            account_weeks.account_id = adoption.account_id
            and account_weeks.week_start_date = adoption.week_start_date
    left join known_users_added
        on
            account_weeks.account_id = known_users_added.account_id
            and account_weeks.week_start_date = known_users_added.week_start_date
),

measures as (
    select
        account_id,
        week_start_date,
        active_users_28d,
        active_users_7d,
        event_count_28d,
        -- measures
        active_user_days_28d / 28.0e0 / nullif(active_users_28d, 0) as dau_mau,
        active_users_7d * 1.0e0 / nullif(active_users_28d, 0) as l7_l30,
        core_feature_adoption,
        expansion_feature_adoption,
        advanced_feature_adoption,
        key_workflow_users_28d * 1.0e0 / nullif(active_users_28d, 0) as key_workflow_completion,
        {{ dbt.datediff('last_active_date', 'week_end_date', 'day') }} as days_since_last_activity,  -- noqa: LT05
        event_count_28d * 1.0e0 / nullif(
            lag(event_count_28d, 4) over (partition by account_id order by week_start_date), 0
        ) - 1 as usage_velocity,
        power_users_28d * 1.0e0 / nullif(active_users_28d, 0) as power_user_share,
        greatest(0, 1 - active_users_28d * 1e0 / nullif(greatest(known_users, active_users_28d), 0))
            as dormant_user_share,
        event_count_28d * 1.0e0 / nullif(
            lag(event_count_28d, 13) over (partition by account_id order by week_start_date), 0
        ) - 1 as usage_trend_90d
    from joined
),

-- the weeks this run rebuilds, for every account, with the inputs' hash the next run compares
final as (
    select
        measures.*,
        input_hashes.input_hash,
        '{{ invocation_id }}' as dbt_invocation_id
    from measures
    inner join rebuild_from
        on measures.week_start_date >= rebuild_from.first_rebuilt_week
    inner join input_hashes
        on
            measures.account_id = input_hashes.account_id
            and measures.week_start_date = input_hashes.week_start_date
)

select * from final
