-- A threshold measure without bands could never be scored.
with

measures as (
    select * from {{ ref('scorecard_measures') }}
),

bands as (
    select * from {{ ref('scorecard_measure_bands') }}
)

select measures.measure_id
from measures
left join bands
    on measures.measure_id = bands.measure_id
where measures.scoring_method = 'threshold' and bands.measure_id is null
