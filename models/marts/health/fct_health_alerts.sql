{%- set measure_signals = [
    'days_since_last_activity', 'usage_velocity', 'nps_latest', 'nps_change',
    'champion_departed_90d', 'failed_payments_90d',
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

playbooks as (
    select * from {{ ref('playbooks') }}
),

-- every signal an alert rule may name, one row per account per week per signal
signals as (
    {% for signal in measure_signals %}
        select
            account_id,
            week_start_date,
            '{{ signal }}' as signal_name,
            cast({{ signal }} as double) as signal_value
        from account_measures
        union all
    {% endfor %}
    select
        account_health.account_id,
        account_health.week_start_date,
        'renewal_at_risk' as signal_name,
        case
            when
                account_measures.days_to_renewal <= 90 and account_health.health_score < 60
                then 1.0
            else 0.0
        end as signal_value
    from account_health
    inner join account_measures
        on
            account_health.account_id = account_measures.account_id
            and account_health.week_start_date = account_measures.week_start_date
    union all
    select
        account_id,
        week_start_date,
        'health_change_4w' as signal_name,
        health_change_4w as signal_value
    from account_health
    union all
    select
        account_id,
        week_start_date,
        'tier_worsened' as signal_name,
        case when is_tier_worsened then 1.0 else 0.0 end as signal_value
    from account_health
    union all
    -- activation milestones: 30% of seats active and a key workflow completed
    select
        account_id,
        week_start_date,
        'onboarding_stalled' as signal_name,
        case
            when
                lifecycle_stage = 'onboarding'
                and tenure_days between 30 and 60
                and (
                    coalesce(seat_utilisation, 0) < 0.3 or coalesce(key_workflow_completion, 0) = 0
                )
                then 1.0
            else 0.0
        end as signal_value
    from account_measures
),

evaluated as (
    select
        signals.account_id,
        signals.week_start_date,
        signals.signal_value,
        alert_rules.*,
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
        {{ dbt.concat([
            'episodes.account_id', "'|'", 'episodes.rule_id', "'|'",
            dbt.cast('episodes.opened_week_start_date', dbt.type_string())
        ]) }} as alert_id,
        episodes.account_id,
        episodes.rule_id,
        alert_rules.playbook_id,
        -- attributes
        alert_rules.rule_name,
        alert_rules.signal_name,
        alert_rules.severity,
        alert_rules.owner_role,
        playbooks.playbook_name,
        playbooks.steps as playbook_steps,
        alert_rules.signal_name || ' ' || alert_rules.comparison || ' '
        || cast(alert_rules.threshold as {{ dbt.type_string() }}) || ': was '
        || cast(round(opening.signal_value, 2) as {{ dbt.type_string() }}) || ' when opened, '
        || cast(round(latest.signal_value, 2) as {{ dbt.type_string() }})
        || ' in the last week firing'
            as evidence,
        -- measures
        alert_rules.sla_hours,
        alert_rules.threshold,
        opening.signal_value as opening_value,
        latest.signal_value as latest_value,
        episodes.weeks_firing,
        -- flags
        episodes.last_firing_week_start_date = latest_weeks.latest_week_start_date as is_open,
        -- dates
        episodes.opened_week_start_date,
        episodes.last_firing_week_start_date,
        -- the opening week's data is complete at its end; the SLA runs from there
        cast(
            {{ dbt.dateadd(
                'hour', 'alert_rules.sla_hours', dbt.dateadd('day', 7, 'episodes.opened_week_start_date')
            ) }} as {{ dbt.type_timestamp() }}
        ) as respond_by_at
    from episodes
    inner join alert_rules
        on episodes.rule_id = alert_rules.rule_id
    inner join playbooks
        on alert_rules.playbook_id = playbooks.playbook_id
    inner join latest_weeks
        on episodes.account_id = latest_weeks.account_id
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
