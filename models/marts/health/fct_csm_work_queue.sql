{%- set role_owner_user_ids = var('role_owner_user_ids') -%}

with

account_health as (
    select * from {{ ref('fct_account_health_weekly') }}
),

alerts as (
    select * from {{ ref('fct_health_alerts') }}
    where is_open
),

churn_risk as (
    select * from {{ ref('fct_account_churn_risk') }}
),

accounts as (
    select * from {{ ref('int_accounts_resolved') }}
),

warehouse_as_of as (
    select * from {{ ref('int_warehouse_as_of') }}
),

crm_users as (
    select * from {{ ref('stg_crm__users') }}
),

playbooks as (
    select * from {{ ref('playbooks') }}
),

measure_labels as (
    select * from {{ ref('scorecard_measure_labels') }}
),

as_of_week as (
    select max(week_start_date) as week_start_date
    from account_health
),

-- an item is overdue once its respond-by time is before the end of the as-of date
overdue_cutoff as (
    select
        as_of_date,
        cast({{ dbt.dateadd('day', 1, 'as_of_date') }} as {{ dbt.type_timestamp() }})
            as day_after_as_of_at
    from warehouse_as_of
),

this_week as (
    select account_health.*
    from account_health
    inner join as_of_week
        on account_health.week_start_date = as_of_week.week_start_date
),

-- the roles whose person is named by var role_owner_user_ids (the CRM links no account executive or
-- billing owner to an account); a role left null there falls back to the account's CSM
role_owners as (
    {%- for role, user_id in role_owner_user_ids.items() %}
        select
            '{{ role }}' as owner_role,
            {% if user_id is none -%}
                cast(null as string)
            {%- else -%}
                '{{ user_id }}'
            {%- endif %} as owner_user_id
        {% if not loop.last %}union all{% endif %}
    {%- endfor %}
),

severity_ranked as (
    select
        alerts.*,
        case alerts.severity when 'high' then 1 when 'medium' then 2 else 3 end as severity_rank
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
        {{ dbt.listagg('evidence_in_words', "', '", 'order by alert_rank') }} as alerts_in_words,
        max(case when alert_rank = 1 then playbook_id end) as playbook_id,
        min(opened_week_start_date) as first_opened_week_start_date,
        min(respond_by_at) as respond_by_at
    from ranked_alerts
    group by account_id
),

-- the top drivers in words: "label value", the value without a trailing .0
drivers_in_words as (
    select
        this_week.account_id,
        nullif(concat_ws(
            ', ',
            {% for rank in [1, 2, 3] -%}
                {%- set value = 'this_week.driver_' ~ rank ~ '_value' -%}
                {{ dbt.concat([
                    'coalesce(label_' ~ rank ~ '.measure_label, replace(this_week.driver_' ~ rank
                    ~ "_measure, '_', ' '))",
                    "' '",
                    'case when ' ~ value ~ ' = round(' ~ value ~ ') then cast(cast(' ~ value
                    ~ ' as bigint) as string) else cast(round(' ~ value ~ ', 2) as string) end',
                ]) }}{% if not loop.last %},{% endif %}
            {% endfor %}
        ), '') as drivers
    from this_week
    {% for rank in [1, 2, 3] %}
        left join measure_labels as label_{{ rank }}
            on this_week.driver_{{ rank }}_measure = label_{{ rank }}.measure_id
    {% endfor %}
),

listed as (
    select
        this_week.*,
        open_alerts.open_alert_count,
        open_alerts.top_severity_rank,
        open_alerts.open_alerts,
        open_alerts.alerts_in_words,
        drivers_in_words.drivers,
        -- the playbook of the most severe open alert; a worsened tier alone gets a health review
        coalesce(
            open_alerts.playbook_id,
            case when this_week.is_tier_worsened then 'health_drop_review' end
        ) as playbook_id,
        open_alerts.first_opened_week_start_date,
        open_alerts.respond_by_at,
        cast(
            case when this_week.is_at_risk then coalesce(this_week.arr, 0) else 0 end
            as decimal(18, 2)
        ) as at_risk_arr,
        -- the churn probability's expected ARR loss (fct_account_churn_risk): one estimate
        coalesce(churn_risk.expected_arr_loss, 0) as expected_arr_loss
    from this_week
    left join open_alerts
        on this_week.account_id = open_alerts.account_id
    left join drivers_in_words
        on this_week.account_id = drivers_in_words.account_id
    left join churn_risk
        on
            this_week.account_id = churn_risk.account_id
            and this_week.week_start_date = churn_risk.week_start_date
    where this_week.is_tier_changed or open_alerts.account_id is not null
),

prioritised as (
    select
        *,
        cast(row_number() over (
            partition by csm_user_id
            order by
                expected_arr_loss desc,
                case when is_tier_worsened then 0 when is_tier_changed then 1 else 2 end,
                at_risk_arr desc,
                arr desc,
                account_id asc
        ) as {{ dbt.type_bigint() }}) as csm_priority
    from listed
),

final as (
    select
        -- keys
        prioritised.account_id,
        prioritised.week_start_date,
        prioritised.csm_user_id,
        prioritised.playbook_id,
        coalesce(owner_users.user_id, prioritised.csm_user_id) as owner_user_id,
        -- attributes
        accounts.csm_name,
        prioritised.account_name,
        prioritised.segment,
        prioritised.tier,
        prioritised.previous_tier,
        prioritised.colour,
        case
            when prioritised.is_tier_worsened then 'tier worsened'
            when prioritised.is_tier_changed then 'tier improved'
            else 'open alerts'
        end as reason_listed,
        prioritised.open_alerts,
        prioritised.driver_1_measure,
        prioritised.driver_2_measure,
        prioritised.driver_3_measure,
        playbooks.playbook_name,
        playbooks.steps as playbook_steps,
        playbooks.owner_role,
        coalesce(owner_users.user_name, accounts.csm_name) as owner_name,
        case
            when playbooks.owner_role = 'CSM' or playbooks.owner_role is null then 'CSM'
            when owner_users.user_id is not null then 'role owner (var role_owner_user_ids)'
            else 'CSM: no ' || playbooks.owner_role || ' named (var role_owner_user_ids)'
        end as owner_source,
        -- why, in words: the tier change, the open alerts, then the top drivers
        concat_ws(
            '; ',
            case
                when prioritised.is_tier_changed
                    then {{ dbt.concat([
                        "case when prioritised.is_tier_worsened then 'tier worsened' "
                        ~ "else 'tier improved' end",
                        "' from '", 'prioritised.previous_tier', "' to '", 'prioritised.tier',
                    ]) }}
            end,
            prioritised.alerts_in_words,
            prioritised.drivers
        ) as why,
        -- the week's step: step n in the item's nth week open, the last step from then on
        {{ split_part_at(
            'playbooks.steps', "'; '",
            'least(' ~ dbt.datediff(
                'coalesce(prioritised.first_opened_week_start_date, prioritised.week_start_date)',
                'prioritised.week_start_date', 'week'
            ) ~ " + 1, cast((length(playbooks.steps) - length(replace(playbooks.steps, '; ', '')))"
            ~ " / 2 as integer) + 1)"
        ) }} as next_step,
        -- measures
        prioritised.csm_priority,
        case
            when prioritised.csm_priority <= {{ var('csm_weekly_capacity') }}
                then prioritised.csm_priority
        end as list_rank,
        prioritised.health_score,
        prioritised.health_change_4w,
        prioritised.arr,
        prioritised.at_risk_arr,
        prioritised.expected_arr_loss,
        coalesce(prioritised.open_alert_count, 0) as open_alert_count,
        case
            when prioritised.respond_by_at < overdue_cutoff.day_after_as_of_at
                then {{ dbt.datediff(
                    'prioritised.respond_by_at', 'overdue_cutoff.as_of_date', 'day'
                ) }}
        end as days_overdue,
        -- flags
        prioritised.csm_priority <= {{ var('csm_weekly_capacity') }} as is_on_list,
        coalesce(prioritised.respond_by_at < overdue_cutoff.day_after_as_of_at, false)
            as is_overdue,
        -- already due last week: an open alert opened before this week
        coalesce(
            prioritised.first_opened_week_start_date < prioritised.week_start_date, false
        ) as is_carried_over,
        prioritised.is_tier_changed,
        -- timestamps
        prioritised.respond_by_at
    from prioritised
    cross join overdue_cutoff
    left join accounts
        on prioritised.account_id = accounts.account_id
    left join playbooks
        on prioritised.playbook_id = playbooks.playbook_id
    left join role_owners
        on playbooks.owner_role = role_owners.owner_role
    left join crm_users as owner_users
        on role_owners.owner_user_id = owner_users.user_id
)

select * from final
