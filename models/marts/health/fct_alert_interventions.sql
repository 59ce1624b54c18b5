{#- One row per alert episode (fct_health_alerts: every episode of fct_alert_rule_episodes, open or
    not): the first intervention after the alert was raised, how many days it took, and whether the
    account was still a customer 90 days on. A mart because it reads marts (intermediate models never
    read marts). -#}
{%- set outcome_window_days = 90 -%}

with

alerts as (
    select * from {{ ref('fct_health_alerts') }}
),

account_health as (
    select * from {{ ref('fct_account_health_weekly') }}
),

outcomes as (
    select * from {{ ref('int_account_week_outcomes') }}
),

activities as (
    select * from {{ ref('stg_crm__activities') }}
),

crm_users as (
    select * from {{ ref('stg_crm__users') }}
),

intervention_targets as (
    select * from {{ ref('intervention_targets') }}
),

as_of as (
    select * from {{ ref('int_warehouse_as_of') }}
),

-- one row even when the seed lacks the metric (the summary's not_null test on its target says so)
touch_target as (
    select
        cast(max(case when metric = 'median_days_to_first_touch' then target end) as integer)
            as target_days
    from intervention_targets
),

-- an intervention: a completed call, meeting or QBR (var intervention_activity_types); emails,
-- cancelled, no-show and still-scheduled activities are not
interventions as (
    select
        activity_id,
        account_id,
        owner_user_id,
        activity_type,
        activity_date
    from activities
    where
        not is_deleted
        and is_completed
        and activity_type in (
            {%- for activity_type in var('intervention_activity_types') %}
                '{{ activity_type }}'{% if not loop.last %},{% endif %}
            {%- endfor %}
        )
),

-- the opening week's data is complete at its end: the alert is raised the Monday after, when the
-- SLA clock of fct_health_alerts starts too
raised as (
    select
        alert_id,
        account_id,
        cast({{ dbt.dateadd('day', 7, 'opened_week_start_date') }} as date) as alert_raised_date
    from alerts
),

-- interventions from the day the alert is raised to the end of its 90-day outcome window
episode_interventions as (
    select
        raised.alert_id,
        interventions.activity_id,
        interventions.owner_user_id,
        interventions.activity_type,
        interventions.activity_date,
        {{ dbt.datediff('raised.alert_raised_date', 'interventions.activity_date', 'day') }}
            as days_to_touch,
        row_number() over (
            partition by raised.alert_id
            order by interventions.activity_date, interventions.activity_id
        ) as touch_order
    from raised
    inner join interventions
        on
            raised.account_id = interventions.account_id
            and raised.alert_raised_date <= interventions.activity_date
            and interventions.activity_date < {{ dbt.dateadd(
                'day', outcome_window_days, 'raised.alert_raised_date'
            ) }}
),

touch_counts as (
    select
        alert_id,
        count(*) as interventions_90d
    from episode_interventions
    group by alert_id
),

first_touches as (
    select * from episode_interventions
    where touch_order = 1
),

joined as (
    select
        alerts.alert_id,
        alerts.account_id,
        alerts.rule_id,
        alerts.playbook_id,
        account_health.csm_user_id,
        first_touches.activity_id as first_intervention_activity_id,
        first_touches.owner_user_id as first_intervention_owner_user_id,
        alerts.rule_family,
        account_health.segment,
        csm_users.user_name as csm_name,
        first_touches.activity_type as first_intervention_type,
        touch_owners.user_name as first_intervention_owner_name,
        first_touches.days_to_touch as days_to_first_touch,
        coalesce(touch_counts.interventions_90d, 0) as interventions_90d,
        touch_target.target_days,
        outcomes.churns_within_90d,
        coalesce(outcomes.is_mature, false) as is_outcome_mature,
        alerts.is_open,
        alerts.is_rule_enabled,
        alerts.opened_week_start_date,
        raised.alert_raised_date,
        first_touches.activity_date as first_intervention_date,
        outcomes.churn_date,
        {{ dbt.datediff('raised.alert_raised_date', 'as_of.as_of_date', 'day') }}
            as days_since_raised
    from alerts
    inner join raised
        on alerts.alert_id = raised.alert_id
    inner join account_health
        on
            alerts.account_id = account_health.account_id
            and alerts.opened_week_start_date = account_health.week_start_date
    cross join touch_target
    cross join as_of
    left join crm_users as csm_users
        on account_health.csm_user_id = csm_users.user_id
    left join first_touches
        on alerts.alert_id = first_touches.alert_id
    left join crm_users as touch_owners
        on first_touches.owner_user_id = touch_owners.user_id
    left join touch_counts
        on alerts.alert_id = touch_counts.alert_id
    -- the outcome of the opening week: churn within 90 days of its end
    left join outcomes
        on
            alerts.account_id = outcomes.account_id
            and alerts.opened_week_start_date = outcomes.week_start_date
),

final as (
    select
        -- keys
        alert_id,
        account_id,
        rule_id,
        playbook_id,
        csm_user_id,
        first_intervention_activity_id,
        first_intervention_owner_user_id,
        -- attributes
        rule_family,
        segment,
        csm_name,
        first_intervention_type,
        first_intervention_owner_name,
        -- measures
        days_to_first_touch,
        interventions_90d,
        -- flags
        first_intervention_date is not null as is_touched,
        coalesce(days_to_first_touch < target_days, false) as is_touched_within_target,
        -- the target window has passed: untouched so far means untouched in it
        days_since_raised >= target_days - 1 as is_touch_window_complete,
        is_outcome_mature,
        case when is_outcome_mature then churns_within_90d end as churns_within_90d,
        case when is_outcome_mature then not churns_within_90d end as is_saved,
        -- compared in the touched vs untouched saved rates: outcome known, and still a customer
        -- when the touch window closed (a churn before then leaves no time to be touched)
        is_outcome_mature
        and (
            churn_date is null
            or churn_date >= {{ dbt.dateadd('day', 'target_days', 'alert_raised_date') }}
        ) as is_in_touch_comparison,
        is_open,
        is_rule_enabled,
        -- dates
        opened_week_start_date,
        alert_raised_date,
        first_intervention_date,
        case when is_outcome_mature then churn_date end as churn_date
    from joined
)

select * from final
