{#- One row per measure: the population stability index (PSI) of its weekly scores in the current
    quarter (that of the as-of date) against a baseline quarter (the last one before var
    learned_weights_cutoff_date: the world the learned weights were fitted on), flagged above 0.2.
    Bins: N/A (missing or stale) and ten 10-point score bins, so a measure that stops arriving
    drifts too. PSI = sum over bins of (current share - baseline share) x ln(current share /
    baseline share), shares floored at 0.0001 so an empty bin stays finite. -#}
{%- set cutoff = var('learned_weights_cutoff_date', '2026-01-01') -%}
{%- set drift_threshold = 0.2 -%}
{%- set share_floor = 0.0001 -%}

with

measure_scores as (
    select * from {{ ref('int_account_measure_scores') }}
),

score_bands as (
    select * from {{ ref('int_score_bands') }}
),

as_of as (
    select * from {{ ref('int_warehouse_as_of') }}
),

quarters as (
    select
        cast({{ dbt.date_trunc('quarter', 'as_of_date') }} as date) as current_quarter_start_date,
        cast(
            {{ dbt.date_trunc(
                'quarter', dbt.dateadd('day', -1, "cast('" ~ cutoff ~ "' as date)")
            ) }} as date
        ) as baseline_quarter_start_date
    from as_of
),

binned as (
    select
        measure_scores.measure_id,
        case
            when
                cast({{ dbt.date_trunc('quarter', 'measure_scores.week_start_date') }} as date)
                = quarters.current_quarter_start_date
                then 'current'
            else 'baseline'
        end as population,
        case
            when not measure_scores.is_present then -1
            else score_bands.score_band
        end as score_bin
    from measure_scores
    cross join quarters
    left join score_bands
        on round(measure_scores.score, 1) = score_bands.score
    where
        cast({{ dbt.date_trunc('quarter', 'measure_scores.week_start_date') }} as date) in (
            quarters.current_quarter_start_date, quarters.baseline_quarter_start_date
        )
),

bin_counts as (
    select
        measure_id,
        score_bin,
        sum(case when population = 'current' then 1 else 0 end) as n_current,
        sum(case when population = 'baseline' then 1 else 0 end) as n_baseline
    from binned
    group by measure_id, score_bin
),

bin_shares as (
    select
        measure_id,
        score_bin,
        n_current,
        n_baseline,
        greatest(
            cast(n_current as double) / nullif(sum(n_current) over (partition by measure_id), 0),
            {{ share_floor }}
        ) as current_share,
        greatest(
            cast(n_baseline as double) / nullif(sum(n_baseline) over (partition by measure_id), 0),
            {{ share_floor }}
        ) as baseline_share
    from bin_counts
),

measure_psi as (
    select
        measure_id,
        sum(n_current) as n_current_weeks,
        sum(n_baseline) as n_baseline_weeks,
        sum(case when score_bin = -1 then n_current else 0 end) as n_current_not_present,
        sum(case when score_bin = -1 then n_baseline else 0 end) as n_baseline_not_present,
        sum((current_share - baseline_share) * ln(current_share / baseline_share))
            as population_stability_index
    from bin_shares
    group by measure_id
),

final as (
    select
        -- keys
        measure_psi.measure_id,
        -- measures
        cast(measure_psi.n_current_weeks as bigint) as n_current_weeks,
        cast(measure_psi.n_baseline_weeks as bigint) as n_baseline_weeks,
        cast(measure_psi.n_current_not_present as double)
        / nullif(measure_psi.n_current_weeks, 0) as current_not_present_share,
        cast(measure_psi.n_baseline_not_present as double)
        / nullif(measure_psi.n_baseline_weeks, 0) as baseline_not_present_share,
        measure_psi.population_stability_index,
        -- flags
        coalesce(
            measure_psi.population_stability_index > {{ drift_threshold }}, false
        ) as is_drifted,
        -- dates
        quarters.current_quarter_start_date,
        quarters.baseline_quarter_start_date
    from measure_psi
    cross join quarters
)

select * from final
