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
    -- value below every band takes the lowest band
    band_scores as (
        select
            measure_rows.account_id,
            measure_rows.week_start_date,
            measure_rows.measure_id,
            coalesce(
                max(
                    case when bands.lower_bound <= measure_rows.raw_value then bands.lower_bound end
                ),
                min(bands.lower_bound)
            ) as matched_lower_bound
        from measure_rows
        inner join bands
            on measure_rows.measure_id = bands.measure_id
        where measure_rows.scoring_method = 'threshold' and measure_rows.is_present
        group by measure_rows.account_id, measure_rows.week_start_date, measure_rows.measure_id
    ),

    scored as (
        select
            measure_rows.*,
            trend_values.raw_value as trend_value,
            case
                when not measure_rows.is_present then null
                when measure_rows.scoring_method = 'threshold' then bands.score
                else greatest(0, least(
                    100,
                    100.0e0 * (measure_rows.raw_value - measure_rows.worst_value)
                    / (measure_rows.best_value - measure_rows.worst_value)
                ))
            end as base_score
        from measure_rows
        left join band_scores
            on
                measure_rows.account_id = band_scores.account_id
                and measure_rows.week_start_date = band_scores.week_start_date
                and measure_rows.measure_id = band_scores.measure_id
        left join bands
            on
                band_scores.measure_id = bands.measure_id
                and band_scores.matched_lower_bound = bands.lower_bound
        left join {{ measure_values }} as trend_values
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
