-- Every scorecard's weights sum to 1, and no component weighs more than 40% of any scorecard.
with

weights as (
    select * from {{ ref('scorecard_weights') }}
),

measures as (
    select * from {{ ref('scorecard_measures') }}
),

scorecard_totals as (
    select
        scorecard_id,
        'total' as component,
        sum(weight) as weight
    from weights
    group by scorecard_id
),

component_totals as (
    select
        weights.scorecard_id,
        measures.component,
        sum(weights.weight) as weight
    from weights
    inner join measures
        on weights.measure_id = measures.measure_id
    group by weights.scorecard_id, measures.component
)

select * from scorecard_totals
where abs(weight - 1) > 0.000001
union all
select * from component_totals
where weight > 0.4 + 0.000001
