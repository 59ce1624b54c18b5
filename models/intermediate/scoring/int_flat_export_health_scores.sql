{#- One row per account of a flat one-row-per-account export with at least one weighted measure
    present: health score, component scores, points lost, weakest component and drivers, by the same
    scoring macros as the weekly score (score_measures, health_scores) with the flat_export
    scorecard's seed weights. Depends on the export and the seeds only, never on the warehouse. -#}
with

measure_values as (
    select * from {{ ref('int_flat_export_measures') }}
),

weights as (
    select * from {{ ref('scorecard_weights') }}
    where scorecard_id = 'flat_export'
),

measure_scores as (
    {{ score_measures('measure_values') }}
),

final as (
    {{ health_scores('measure_scores', 'weights') }}
)

select * from final
