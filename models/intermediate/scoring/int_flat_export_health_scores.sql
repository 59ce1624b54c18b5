{#- One row per account of a flat one-row-per-account export with at least one weighted measure
    present: health score, component scores, points lost, weakest component and drivers, by the same
    scoring macros as the weekly score (score_measures, health_scores) with the flat_export
    scorecard's seed weights; the drivers and the N/A measures in words (seed
    scorecard_measure_labels) and the playbook for the top driver. Depends on the export and the seeds
    only, never on the warehouse. -#}
with

measure_values as (
    select * from {{ ref('int_flat_export_measures') }}
),

weights as (
    select * from {{ ref('scorecard_weights') }}
    where scorecard_id = 'flat_export'
),

measure_labels as (
    select * from {{ ref('scorecard_measure_labels') }}
),

measure_scores as (
    {{ score_measures('measure_values') }}
),

health_scores as (
    {{ health_scores('measure_scores', 'weights') }}
),

na_measures as (
    select
        measure_scores.account_id,
        {{ dbt.listagg(
            'measure_labels.measure_label', "', '", 'order by measure_labels.measure_label'
        ) }} as measures_na
    from measure_scores
    inner join weights
        on measure_scores.measure_id = weights.measure_id
    inner join measure_labels
        on measure_scores.measure_id = measure_labels.measure_id
    where not measure_scores.is_present
    group by measure_scores.account_id
),

-- drivers read "label: value (scores n)", the value without a trailing .0; none when nothing
-- costs a point
final as (
    select
        health_scores.*,
        nullif(concat_ws(
            '; ',
            {% for rank in [1, 2, 3] -%}
                {%- set value = 'health_scores.driver_' ~ rank ~ '_value' -%}
                {{ dbt.concat([
                    'driver_' ~ rank ~ '.measure_label',
                    "': '",
                    'case when ' ~ value ~ ' = round(' ~ value ~ ') then cast(cast(' ~ value
                    ~ ' as bigint) as string) else cast(round(' ~ value ~ ', 1) as string) end',
                    "' (scores '",
                    'cast(cast(round(health_scores.driver_' ~ rank ~ '_score) as integer) as string)',
                    "')'",
                ]) }}{% if not loop.last %},{% endif %}
            {% endfor %}
        ), '') as drivers,
        driver_1.playbook_id as driver_playbook_id,
        na_measures.measures_na
    from health_scores
    {% for rank in [1, 2, 3] %}
        left join measure_labels as driver_{{ rank }}
            on health_scores.driver_{{ rank }}_measure = driver_{{ rank }}.measure_id
    {% endfor %}
    left join na_measures
        on health_scores.account_id = na_measures.account_id
)

select * from final
