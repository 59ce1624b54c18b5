{#- One row per dimension and value (all, rule, playbook, segment, csm): how alerts were followed
    up (fct_alert_interventions) - intervention rate, median days to first touch, and the saved rate
    of alerts touched within the target window against those nobody touched in it, beside the
    targets of seed intervention_targets. -#}
{%- set dimensions = {
    'rule': 'rule_id',
    'playbook': 'playbook_id',
    'segment': 'segment',
    'csm': "coalesce(csm_name, csm_user_id, 'no CSM')",
} -%}

with

alert_interventions as (
    select * from {{ ref('fct_alert_interventions') }}
),

intervention_targets as (
    select * from {{ ref('intervention_targets') }}
),

targets as (
    select
        max(case when metric = 'median_days_to_first_touch' then target end)
            as target_days_to_first_touch,
        max(case when metric = 'median_days_to_first_touch' then comparison end)
            as touch_comparison,
        max(case when metric = 'saved_rate' then target end) as target_saved_rate,
        max(case when metric = 'saved_rate' then comparison end) as saved_comparison
    from intervention_targets
),

-- every alert once under 'all' and once under each dimension's value: one aggregation for all
alerts_by_dimension as (
    select
        'all' as dimension,
        'All' as dimension_value,
        alert_interventions.*
    from alert_interventions
    {%- for dimension, expression in dimensions.items() %}
        union all
        select
            '{{ dimension }}' as dimension,
            cast({{ expression }} as {{ dbt.type_string() }}) as dimension_value,
            alert_interventions.*
        from alert_interventions
    {%- endfor %}
),

aggregated as (
    select
        dimension,
        dimension_value,
        count(*) as alerts,
        count(case when is_outcome_mature then 1 end) as mature_alerts,
        -- rates over the alerts whose 90-day window is over: the touch and the outcome are known
        avg(case when is_outcome_mature then case when is_touched then 1.0e0 else 0.0e0 end end)
            as intervention_rate,
        avg(
            case
                when is_outcome_mature
                    then case when is_touched_within_target then 1.0e0 else 0.0e0 end
            end
        ) as touched_within_target_rate,
        percentile_cont(0.5) within group (
            order by case when is_outcome_mature then days_to_first_touch end
        ) as median_days_to_first_touch,
        avg(case when is_saved then 1.0e0 when not is_saved then 0.0e0 end) as saved_rate,
        count(case when is_in_touch_comparison and is_touched_within_target then 1 end)
            as touched_alerts,
        count(case when is_in_touch_comparison and not is_touched_within_target then 1 end)
            as untouched_alerts,
        avg(
            case
                when is_in_touch_comparison and is_touched_within_target
                    then case when is_saved then 1.0e0 else 0.0e0 end
            end
        ) as saved_rate_touched,
        avg(
            case
                when is_in_touch_comparison and not is_touched_within_target
                    then case when is_saved then 1.0e0 else 0.0e0 end
            end
        ) as saved_rate_untouched
    from alerts_by_dimension
    group by dimension, dimension_value
),

final as (
    select
        -- keys
        aggregated.dimension,
        aggregated.dimension_value,
        -- measures
        aggregated.alerts,
        aggregated.mature_alerts,
        aggregated.touched_alerts,
        aggregated.untouched_alerts,
        cast(aggregated.intervention_rate as double) as intervention_rate,
        cast(aggregated.touched_within_target_rate as double) as touched_within_target_rate,
        cast(aggregated.median_days_to_first_touch as double) as median_days_to_first_touch,
        cast(targets.target_days_to_first_touch as double) as target_days_to_first_touch,
        cast(aggregated.saved_rate as double) as saved_rate,
        cast(aggregated.saved_rate_touched as double) as saved_rate_touched,
        cast(aggregated.saved_rate_untouched as double) as saved_rate_untouched,
        cast(aggregated.saved_rate_touched - aggregated.saved_rate_untouched as double)
            as saved_rate_difference,
        cast(targets.target_saved_rate as double) as target_saved_rate,
        -- flags: null when there is nothing to judge
        case targets.touch_comparison
            when 'less_than'
                then aggregated.median_days_to_first_touch < targets.target_days_to_first_touch
            when 'greater_than'
                then aggregated.median_days_to_first_touch > targets.target_days_to_first_touch
        end as meets_touch_target,
        case targets.saved_comparison
            when 'less_than' then aggregated.saved_rate_touched < targets.target_saved_rate
            when 'greater_than' then aggregated.saved_rate_touched > targets.target_saved_rate
        end as meets_saved_target
    from aggregated
    cross join targets
)

select * from final
