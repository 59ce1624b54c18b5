{#- The 0-100 score of every measure value by its method in seed scorecard_measures: linear from the
    worst to the best value (capped), threshold bands (seed scorecard_measure_bands), trend-adjusted.
    A value that is missing or older than the measure's TTL is N/A (is_present false, score null).
    measure_values: a relation or CTE with account_id, week_start_date, scorecard_id, measure_id,
    raw_value, observed_date, as_of_date (one row per entity per measure). Returns a select. -#}
{% macro score_measures(measure_values) -%}
    with

    measures as (
        select * from {{ ref('scorecard_measures') }}
    ),

    bands as (
        select * from {{ ref('scorecard_measure_bands') }}
    ),

    measure_rows as (
        select
            measure_values.*,
            measures.component,
            measures.scoring_method,
            measures.worst_value,
            measures.best_value,
            measures.trend_measure_id,
            measures.ttl_days,
            measure_values.raw_value is not null
            and {{ dbt.datediff('measure_values.observed_date', 'measure_values.as_of_date', 'day') }}
            <= measures.ttl_days as is_present
        from {{ measure_values }} as measure_values
        inner join measures
            on measure_values.measure_id = measures.measure_id
    ),

    -- a threshold measure scores the band with the highest lower bound at or below its value; a
    -- value below every band takes the lowest band: each band holds the values from its lower
    -- bound (the lowest band: from any value) up to the next band's
    band_ranges as (
        select
            measure_id,
            score,
            case
                when lower_bound > min(lower_bound) over (partition by measure_id) then lower_bound
            end as from_value,
            lead(lower_bound) over (partition by measure_id order by lower_bound) as to_value
        from bands
        where lower_bound is not null
    ),

    -- the values other measures' scores are adjusted by (trend_measure_id): read once per entity
    trend_values as (
        select
            account_id,
            week_start_date,
            measure_id,
            raw_value
        from {{ measure_values }}
        where measure_id in (
            select measures.trend_measure_id from measures
            where measures.trend_measure_id is not null
        )
    ),

    scored as (
        select
            measure_rows.*,
            trend_values.raw_value as trend_value,
            case
                when not measure_rows.is_present then null
                when measure_rows.scoring_method = 'threshold' then band_ranges.score
                else greatest(0, least(
                    100,
                    100.0e0 * (measure_rows.raw_value - measure_rows.worst_value)
                    / (measure_rows.best_value - measure_rows.worst_value)
                ))
            end as base_score
        from measure_rows
        left join band_ranges
            on
                measure_rows.measure_id = band_ranges.measure_id
                and measure_rows.scoring_method = 'threshold'
                and measure_rows.is_present
                and (
                    band_ranges.from_value is null
                    or measure_rows.raw_value >= band_ranges.from_value
                )
                and (
                    band_ranges.to_value is null or measure_rows.raw_value < band_ranges.to_value
                )
        left join trend_values
            on
                measure_rows.account_id = trend_values.account_id
                and measure_rows.week_start_date = trend_values.week_start_date
                and measure_rows.trend_measure_id = trend_values.measure_id
    )

    select
        account_id,
        week_start_date,
        scorecard_id,
        measure_id,
        component,
        scoring_method,
        raw_value,
        trend_value,
        is_present,
        -- trend-adjusted: base x (1 + trend x 0.2), capped to 0..100; no trend, no adjustment
        case
            when scoring_method = 'trend_adjusted' and trend_value is not null
                then greatest(0, least(100, base_score * (1 + trend_value * 0.2e0)))
            else base_score
        end as score,
        observed_date,
        as_of_date
    from scored
{%- endmacro %}
