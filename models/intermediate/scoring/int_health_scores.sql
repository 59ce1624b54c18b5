{#- One row per scored entity (account week or flat-export row): the weighted 0-100 health score,
    the five component scores, the points each component loses against 100 (the path to green) and
    the three measures that cost the most points. Weights are renormalized over the measures
    present. The weights are the set in force (var health_weights: the seed, or the weights learned
    from history); scorecard_version names the seeds and, for learned weights, the learned set. -#}
{%- set components = ['usage', 'engagement', 'support', 'growth', 'financial'] -%}

with

measure_scores as (
    select * from {{ ref('int_measure_scores') }}
),

weights as (
    select * from {{ ref('int_scorecard_weights_in_force') }}
),

scorecard_version as (
    select * from {{ ref('int_scorecard_version') }}
),

-- only the measures the entity's scorecard weighs count
weighted_scores as (
    select
        measure_scores.*,
        weights.weight
    from measure_scores
    inner join weights
        on
            measure_scores.scorecard_id = weights.scorecard_id
            and measure_scores.measure_id = weights.measure_id
),

weights_version as (
    select
        scorecard_version.scorecard_version
        || coalesce('+' || max(weights.weights_version), '') as scorecard_version
    from scorecard_version
    cross join weights
    group by scorecard_version.scorecard_version
),

present as (
    select
        *,
        sum(weight) over (partition by scored_entity, account_id, week_start_date) as present_weight
    from weighted_scores
    where is_present
),

-- a measure's share of the score times what it misses of 100: the points it costs
measure_points as (
    select
        *,
        weight / present_weight * (100 - score) as points_lost
    from present
),

ranked_drivers as (
    select
        *,
        row_number() over (
            partition by scored_entity, account_id, week_start_date
            order by points_lost desc, measure_id asc
        ) as driver_rank
    from measure_points
    where points_lost > 0
),

drivers as (
    select
        scored_entity,
        account_id,
        week_start_date,
        {% for rank in [1, 2, 3] %}
            max(case when driver_rank = {{ rank }} then measure_id end)
                as driver_{{ rank }}_measure,
            max(case when driver_rank = {{ rank }} then raw_value end) as driver_{{ rank }}_value,
            max(case when driver_rank = {{ rank }} then score end) as driver_{{ rank }}_score
            {%- if not loop.last %},{% endif %}
        {% endfor %}
    from ranked_drivers
    where driver_rank <= 3
    group by scored_entity, account_id, week_start_date
),

entity_scores as (
    select
        scored_entity,
        account_id,
        week_start_date,
        max(scorecard_id) as scorecard_id,
        sum(weight * score) / sum(weight) as health_score,
        {% for component in components %}
            sum(case when component = '{{ component }}' then weight * score end)
            / sum(case when component = '{{ component }}' then weight end)
                as {{ component }}_score,
            sum(case when component = '{{ component }}' then points_lost else 0 end)
                as {{ component }}_points_lost,
        {% endfor %}
        count(*) as measures_present,
        max(present_weight) as weight_present
    from measure_points
    group by scored_entity, account_id, week_start_date
),

final as (
    select
        entity_scores.*,
        weights_version.scorecard_version,
        drivers.driver_1_measure,
        drivers.driver_1_value,
        drivers.driver_1_score,
        drivers.driver_2_measure,
        drivers.driver_2_value,
        drivers.driver_2_score,
        drivers.driver_3_measure,
        drivers.driver_3_value,
        drivers.driver_3_score
    from entity_scores
    cross join weights_version
    left join drivers
        on
            entity_scores.scored_entity = drivers.scored_entity
            and entity_scores.account_id = drivers.account_id
            and entity_scores.week_start_date = drivers.week_start_date
)

select * from final
