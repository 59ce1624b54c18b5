{#- One row per alert episode of every rule, enabled or not, before supersession: what
    fct_alert_rule_performance judges the rules on and fct_health_alerts opens alerts from. A mart
    because its signals include the weekly mart's health changes (intermediate models never read
    marts). -#}

{%- set measure_signals = [
    'days_since_last_activity', 'usage_velocity', 'nps_latest', 'nps_change',
    'champion_departed_90d', 'failed_payments_90d',
] -%}
{%- set derived_signals = [
    'renewal_at_risk', 'health_change_4w', 'tier_worsened', 'onboarding_stalled',
] -%}

with

account_measures as (
    select * from {{ ref('int_account_measures_weekly') }}
),

account_health as (
    select * from {{ ref('fct_account_health_weekly') }}
),

alert_rules as (
    select * from {{ ref('alert_rules') }}
),

-- every signal an alert rule may name, one column each per account per week (the health mart
-- scores every week of the measures: the same account weeks)
signal_columns as (
    select
        account_measures.account_id,
        account_measures.week_start_date,
        {%- for signal in measure_signals %}
            cast(account_measures.{{ signal }} as double) as {{ signal }},
        {%- endfor %}
        case
            when
                account_measures.days_to_renewal <= 90 and account_health.health_score < 60
                then 1.0e0
            else 0.0e0
        end as renewal_at_risk,
        account_health.health_change_4w,
        case when account_health.is_tier_worsened then 1.0e0 else 0.0e0 end as tier_worsened,
        -- activation milestones: 30% of seats active and a key workflow completed
        case
            when
                account_measures.lifecycle_stage = 'onboarding'
                and account_measures.tenure_days between 30 and 60
                and (
                    coalesce(account_measures.seat_utilisation, 0) < 0.3
                    or coalesce(account_measures.key_workflow_completion, 0) = 0
                )
                then 1.0e0
            else 0.0e0
        end as onboarding_stalled
    from account_measures
    inner join account_health
        on
            account_measures.account_id = account_health.account_id
            and account_measures.week_start_date = account_health.week_start_date
),

signal_names as (
    {%- for signal in measure_signals + derived_signals %}
        select '{{ signal }}' as signal_name
        {% if not loop.last %}union all{% endif %}
    {%- endfor %}
),

-- one row per account per week per signal
signals as (
    select
        signal_columns.account_id,
        signal_columns.week_start_date,
        signal_names.signal_name,
        case signal_names.signal_name
            {%- for signal in measure_signals + derived_signals %}
                when '{{ signal }}' then signal_columns.{{ signal }}
            {%- endfor %}
        end as signal_value
    from signal_columns
    cross join signal_names
),

evaluated as (
    select
        signals.account_id,
        signals.week_start_date,
        signals.signal_value,
        alert_rules.rule_id,
        alert_rules.signal_name,
        case alert_rules.comparison
            when '>=' then signals.signal_value >= alert_rules.threshold
            when '>' then signals.signal_value > alert_rules.threshold
            when '<=' then signals.signal_value <= alert_rules.threshold
            when '<' then signals.signal_value < alert_rules.threshold
        end as is_firing
    from signals
    inner join alert_rules
        on signals.signal_name = alert_rules.signal_name
),

-- consecutive firing weeks of a rule form one episode (gaps and islands on the week number)
firing as (
    select
        *,
        {{ dbt.datediff("cast('2000-01-03' as date)", 'week_start_date', 'week') }}
        - row_number() over (partition by account_id, rule_id order by week_start_date)
            as episode_key
    from evaluated
    where is_firing
),

latest_weeks as (
    select
        account_id,
        max(week_start_date) as latest_week_start_date
    from account_health
    group by account_id
),

as_of_week as (
    select max(week_start_date) as week_start_date
    from account_health
),

episodes as (
    select
        account_id,
        rule_id,
        episode_key,
        min(week_start_date) as opened_week_start_date,
        max(week_start_date) as last_firing_week_start_date,
        count(*) as weeks_firing
    from firing
    group by account_id, rule_id, episode_key
),

final as (
    select
        -- keys
        episodes.account_id,
        episodes.rule_id,
        -- measures
        opening.signal_value as opening_value,
        latest.signal_value as latest_value,
        episodes.weeks_firing,
        -- flags
        episodes.last_firing_week_start_date = latest_weeks.latest_week_start_date as is_firing_now,
        -- an account without the as-of week has churned: nothing left to act on
        latest_weeks.latest_week_start_date = as_of_week.week_start_date as is_account_live,
        -- dates
        episodes.opened_week_start_date,
        episodes.last_firing_week_start_date,
        latest_weeks.latest_week_start_date
    from episodes
    inner join latest_weeks
        on episodes.account_id = latest_weeks.account_id
    cross join as_of_week
    inner join firing as opening
        on
            episodes.account_id = opening.account_id
            and episodes.rule_id = opening.rule_id
            and episodes.opened_week_start_date = opening.week_start_date
    inner join firing as latest
        on
            episodes.account_id = latest.account_id
            and episodes.rule_id = latest.rule_id
            and episodes.last_firing_week_start_date = latest.week_start_date
)

select * from final
