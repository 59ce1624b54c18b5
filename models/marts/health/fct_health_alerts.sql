with

episodes as (
    select * from {{ ref('fct_alert_rule_episodes') }}
),

alert_rules as (
    select * from {{ ref('alert_rules') }}
),

rule_performance as (
    select * from {{ ref('fct_alert_rule_performance') }}
),

playbooks as (
    select * from {{ ref('playbooks') }}
),

-- of a family's enabled rules firing in the account's latest week, the strongest (lowest
-- family_rank) holds the open alert; the weaker ones are superseded by it
family_leaders as (
    select
        episodes.account_id,
        alert_rules.rule_family,
        min(alert_rules.family_rank) as leading_family_rank
    from episodes
    inner join alert_rules
        on episodes.rule_id = alert_rules.rule_id
    inner join rule_performance
        on episodes.rule_id = rule_performance.rule_id
    where episodes.is_firing_now and rule_performance.is_enabled
    group by episodes.account_id, alert_rules.rule_family
),

leading_rules as (
    select
        family_leaders.account_id,
        family_leaders.rule_family,
        alert_rules.rule_id as leading_rule_id
    from family_leaders
    inner join alert_rules
        on
            family_leaders.rule_family = alert_rules.rule_family
            and family_leaders.leading_family_rank = alert_rules.family_rank
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
        case
            when episodes.is_firing_now and leading_rules.leading_rule_id != episodes.rule_id
                then leading_rules.leading_rule_id
        end as superseded_by_rule_id,
        -- attributes
        alert_rules.rule_name,
        alert_rules.rule_family,
        alert_rules.signal_name,
        alert_rules.severity,
        alert_rules.owner_role,
        playbooks.playbook_name,
        playbooks.steps as playbook_steps,
        alert_rules.signal_name || ' ' || alert_rules.comparison || ' '
        || cast(alert_rules.threshold as {{ dbt.type_string() }}) || ': was '
        || cast(round(episodes.opening_value, 2) as {{ dbt.type_string() }}) || ' when opened, '
        || cast(round(episodes.latest_value, 2) as {{ dbt.type_string() }})
        || ' in the last week firing'
            as evidence,
        -- the latest value in a CSM's words, whole numbers without decimals
        replace(
            alert_rules.why_template,
            '{value}',
            cast(
                cast(round(episodes.latest_value * alert_rules.why_value_scale) as bigint)
                as {{ dbt.type_string() }}
            )
        ) as evidence_in_words,
        -- measures
        alert_rules.sla_hours,
        alert_rules.threshold,
        episodes.opening_value,
        episodes.latest_value,
        episodes.weeks_firing,
        -- flags
        episodes.is_firing_now
        and episodes.is_account_live
        and rule_performance.is_enabled
        and coalesce(leading_rules.leading_rule_id = episodes.rule_id, false) as is_open,
        episodes.is_firing_now,
        rule_performance.is_enabled as is_rule_enabled,
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
    inner join rule_performance
        on episodes.rule_id = rule_performance.rule_id
    inner join playbooks
        on alert_rules.playbook_id = playbooks.playbook_id
    left join leading_rules
        on
            episodes.account_id = leading_rules.account_id
            and alert_rules.rule_family = leading_rules.rule_family
)

select * from final
