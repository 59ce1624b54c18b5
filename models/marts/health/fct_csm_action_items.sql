with

account_health as (
    select * from {{ ref('fct_account_health_weekly') }}
),

alerts as (
    select * from {{ ref('fct_health_alerts') }}
    where is_open
),

accounts as (
    select * from {{ ref('int_accounts_resolved') }}
),

playbooks as (
    select * from {{ ref('playbooks') }}
),

as_of_week as (
    select max(week_start_date) as week_start_date
    from account_health
),

this_week as (
    select account_health.*
    from account_health
    inner join as_of_week
        on account_health.week_start_date = as_of_week.week_start_date
),

severity_ranked as (
    select
        *,
        case severity when 'high' then 1 when 'medium' then 2 else 3 end as severity_rank
    from alerts
),

ranked_alerts as (
    select
        *,
        row_number() over (
            partition by account_id
            order by severity_rank, opened_week_start_date, rule_id
        ) as alert_rank
    from severity_ranked
),

open_alerts as (
    select
        account_id,
        count(*) as open_alert_count,
        min(severity_rank) as top_severity_rank,
        {{ dbt.listagg('rule_name || \' (\' || evidence || \')\'', "'; '", 'order by alert_rank') }}
            as open_alerts,
        max(case when alert_rank = 1 then playbook_id end) as playbook_id,
        min(respond_by_at) as respond_by_at
    from ranked_alerts
    group by account_id
),

listed as (
    select
        this_week.*,
        open_alerts.open_alert_count,
        open_alerts.top_severity_rank,
        open_alerts.open_alerts,
        -- the playbook of the most severe open alert; a worsened tier alone gets a health review
        coalesce(
            open_alerts.playbook_id,
            case when this_week.is_tier_worsened then 'health_drop_review' end
        ) as playbook_id,
        open_alerts.respond_by_at,
        cast(
            case when this_week.is_at_risk then coalesce(this_week.arr, 0) else 0 end
            as decimal(18, 2)
        ) as at_risk_arr
    from this_week
    left join open_alerts
        on this_week.account_id = open_alerts.account_id
    where this_week.is_tier_changed or open_alerts.account_id is not null
),

final as (
    select
        -- keys
        listed.account_id,
        listed.week_start_date,
        listed.csm_user_id,
        listed.playbook_id,
        -- attributes
        accounts.csm_name,
        listed.account_name,
        listed.segment,
        listed.tier,
        listed.previous_tier,
        listed.colour,
        case
            when listed.is_tier_worsened then 'tier worsened'
            when listed.is_tier_changed then 'tier improved'
            else 'open alerts'
        end as reason_listed,
        listed.open_alerts,
        listed.driver_1_measure,
        listed.driver_2_measure,
        listed.driver_3_measure,
        playbooks.playbook_name,
        playbooks.steps as playbook_steps,
        playbooks.owner_role,
        -- measures
        row_number() over (
            partition by listed.csm_user_id
            order by listed.at_risk_arr desc, listed.health_score asc, listed.account_id asc
        ) as csm_priority,
        listed.health_score,
        listed.health_change_4w,
        listed.arr,
        listed.at_risk_arr,
        coalesce(listed.open_alert_count, 0) as open_alert_count,
        -- timestamps
        listed.respond_by_at
    from listed
    left join accounts
        on listed.account_id = accounts.account_id
    left join playbooks
        on listed.playbook_id = playbooks.playbook_id
)

select * from final
