-- The bands of a threshold measure never score worse for a better value: scores rise with the lower
-- bound for higher-is-better measures and fall for lower-is-better ones.
with

bands as (
    select * from {{ ref('scorecard_measure_bands') }}
),

measures as (
    select * from {{ ref('scorecard_measures') }}
),

consecutive as (
    select
        bands.measure_id,
        measures.direction,
        bands.lower_bound,
        bands.score,
        lag(bands.score)
            over (partition by bands.measure_id order by bands.lower_bound)
            as previous_score
    from bands
    inner join measures
        on bands.measure_id = measures.measure_id
)

select * from consecutive
where
    (direction = 'higher_is_better' and score < previous_score)
    or (direction = 'lower_is_better' and score > previous_score)
