{#- One row per signal condition (three single conditions, champion departure, and the three
    combinations the health-score method names) x segment (and 'All'): how often the condition holds
    in a mature week, and the churn rate within 90 days of those weeks against the base rate. -#}
{%- set conditions = {
    'usage_declining': 'is_usage_declining',
    'support_tickets_rising': 'is_support_rising',
    'engagement_declining': 'is_engagement_declining',
    'champion_gone': 'is_champion_gone',
    'usage_declining_and_support_tickets_rising': 'is_usage_declining and is_support_rising',
    'usage_declining_and_engagement_declining': 'is_usage_declining and is_engagement_declining',
    'champion_gone_and_usage_declining': 'is_champion_gone and is_usage_declining',
} -%}

with

account_measures as (
    select * from {{ ref('int_account_measures_weekly') }}
),

signal_values as (
    select * from {{ ref('int_signal_values') }}
    where signal_id = 'engagement_score'
),

outcomes as (
    select * from {{ ref('int_account_week_outcomes') }}
    where is_mature
),

-- each week against the weeks before it (4 and 13 weeks back): only data known by the week's end
week_history as (
    select
        account_measures.account_id,
        account_measures.week_start_date,
        account_measures.usage_trend_90d,
        account_measures.champion_departed_90d,
        coalesce(account_measures.open_tickets, 0)
        + coalesce(account_measures.urgent_tickets_30d, 0) as ticket_load,
        lag(
            coalesce(account_measures.open_tickets, 0)
            + coalesce(account_measures.urgent_tickets_30d, 0),
            4
        ) over account_weeks as ticket_load_4w_before,
        signal_values.signal_value as engagement_score,
        lag(signal_values.signal_value, 13) over account_weeks as engagement_score_13w_before
    from account_measures
    left join signal_values
        on
            account_measures.account_id = signal_values.account_id
            and account_measures.week_start_date = signal_values.week_start_date
    window account_weeks as (
        partition by account_measures.account_id
        order by account_measures.week_start_date
    )
),

-- usage: events of the last 28 days down 25%+ on the same window 13 weeks earlier; support: open
-- plus urgent tickets up on 4 weeks earlier; engagement: its component score (configured weights)
-- down 10+ points on 13 weeks earlier; champion: a champion left in the last 90 days
conditions as (
    select
        account_id,
        week_start_date,
        coalesce(usage_trend_90d <= -0.25, false) as is_usage_declining,
        coalesce(ticket_load > ticket_load_4w_before, false) as is_support_rising,
        coalesce(engagement_score <= engagement_score_13w_before - 10, false)
            as is_engagement_declining,
        coalesce(champion_departed_90d = 1, false) as is_champion_gone
    from week_history
),

labelled as (
    select
        outcomes.segment,
        outcomes.churns_within_90d,
        conditions.*
    from outcomes
    inner join conditions
        on
            outcomes.account_id = conditions.account_id
            and outcomes.week_start_date = conditions.week_start_date
),

condition_weeks as (
    {% for condition_id, expression in conditions.items() %}
        select
            '{{ condition_id }}' as signal_condition,
            {{ 'true' if ' and ' in expression else 'false' }} as is_combination,
            segment,
            churns_within_90d,
            {{ expression }} as is_flagged
        from labelled
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

segment_counts as (
    select
        signal_condition,
        is_combination,
        segment,
        count(*) as n_weeks,
        sum(case when churns_within_90d then 1 else 0 end) as n_churn_weeks,
        sum(case when is_flagged then 1 else 0 end) as n_flagged_weeks,
        sum(case when is_flagged and churns_within_90d then 1 else 0 end)
            as n_flagged_churn_weeks
    from condition_weeks
    group by signal_condition, is_combination, segment
),

all_counts as (
    select
        signal_condition,
        is_combination,
        'All' as segment,
        sum(n_weeks) as n_weeks,
        sum(n_churn_weeks) as n_churn_weeks,
        sum(n_flagged_weeks) as n_flagged_weeks,
        sum(n_flagged_churn_weeks) as n_flagged_churn_weeks
    from segment_counts
    group by signal_condition, is_combination
),

counts as (
    select * from segment_counts
    union all
    select * from all_counts
),

final as (
    select
        -- keys
        signal_condition,
        segment,
        -- measures
        cast(n_weeks as bigint) as n_weeks,
        cast(n_flagged_weeks as bigint) as n_flagged_weeks,
        cast(n_flagged_churn_weeks as bigint) as n_flagged_churn_weeks,
        cast(n_flagged_churn_weeks as double) / nullif(n_flagged_weeks, 0)
            as flagged_churn_rate,
        cast(n_churn_weeks as double) / n_weeks as base_churn_rate,
        (cast(n_flagged_churn_weeks as double) / nullif(n_flagged_weeks, 0))
        / nullif(cast(n_churn_weeks as double) / n_weeks, 0) as churn_rate_lift,
        -- flags
        is_combination
    from counts
)

select * from final
