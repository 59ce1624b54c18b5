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

playbooks as (
    select * from {{ ref('playbooks') }}
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
                then 1.0
            else 0.0
        end as renewal_at_risk,
        account_health.health_change_4w,
        case when account_health.is_tier_worsened then 1.0 else 0.0 end as tier_worsened,
        -- activation milestones: 30% of seats active and a key workflow completed
        case
            when
                account_measures.lifecycle_stage = 'onboarding'
                and account_measures.tenure_days between 30 and 60
                and (
                    coalesce(account_measures.seat_utilisation, 0) < 0.3
                    or coalesce(account_measures.key_workflow_completion, 0) = 0
                )
                then 1.0
            else 0.0
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
