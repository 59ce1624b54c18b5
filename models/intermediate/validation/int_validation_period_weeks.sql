{#- One row per evaluation period x segment (its own and 'All') x weight set x account week: the
    weeks each validation row counts. Periods are the calendar quarter of the week's start, plus
    the pooled `training` (outcome known before var learned_weights_cutoff_date), `held_out` (every
    quarter from the cutoff) and `held_out_before_notice` (held out, without the weeks on or after
    the notice of their churn). The one membership rule of fct_health_model_validation,
    fct_validation_verdicts and fct_churn_probability_validation. -#}
with

validation_weeks as (
    select * from {{ ref('int_validation_weeks') }}
),

-- the periods a week counts in: its calendar quarter, and the pooled held_out or training period
periods as (
    select 'quarter' as period_type
    union all
    select 'held_out' as period_type
    union all
    select 'held_out_before_notice' as period_type
    union all
    select 'training' as period_type
),

-- and the segments: its own, and 'All'
segment_groupings as (
    select false as is_all_segments
    union all
    select true as is_all_segments
),

final as (
    select
        -- keys
        {%- set quarter_date = 'validation_weeks.evaluation_quarter_start_date' %}
        case periods.period_type
            when 'quarter'
                then {{ dbt.concat([
                    'cast(extract(year from ' ~ quarter_date ~ ') as ' ~ dbt.type_string() ~ ')',
                    "'-Q'",
                    'cast(extract(quarter from ' ~ quarter_date ~ ') as ' ~ dbt.type_string() ~ ')',
                ]) }}
            else periods.period_type
        end as evaluation_period,
        case
            when segment_groupings.is_all_segments then 'All' else validation_weeks.segment
        end as segment,
        validation_weeks.weight_set,
        validation_weeks.account_id,
        validation_weeks.week_start_date,
        -- attributes
        validation_weeks.score_band,
        -- measures
        validation_weeks.health_score,
        -- outcomes
        validation_weeks.churns_within_90d,
        -- flags
        validation_weeks.is_at_risk,
        case periods.period_type
            when 'quarter' then validation_weeks.is_held_out
            else periods.period_type in ('held_out', 'held_out_before_notice')
        end as is_held_out,
        -- dates
        case when periods.period_type = 'quarter' then {{ quarter_date }} end
            as evaluation_quarter_start_date,
        validation_weeks.churn_date
    from validation_weeks
    inner join periods
        on
            periods.period_type = 'quarter'
            or (periods.period_type = 'held_out' and validation_weeks.is_held_out)
            or (
                periods.period_type = 'held_out_before_notice'
                and validation_weeks.is_held_out
                and not validation_weeks.is_after_notice
            )
            or (periods.period_type = 'training' and validation_weeks.is_known_before_cutoff)
    cross join segment_groupings
)

select * from final
