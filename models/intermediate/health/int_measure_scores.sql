{#- One row per scored entity per measure in its scorecard: the raw value, the 0-100 score by the
    measure's method, and the weight. A score is null (N/A) when the value is missing or older than
    the measure's TTL; its weight is then renormalized over the measures present. -#}
with

measure_values as (
    select * from {{ ref('int_measure_values') }}
),

measures as (
    select * from {{ ref('scorecard_measures') }}
),

bands as (
    select * from {{ ref('scorecard_measure_bands') }}
),

weights as (
    select * from {{ ref('scorecard_weights') }}
),

-- only the measures a scorecard weighs are scored
weighted_values as (
    select
        measure_values.*,
        weights.weight,
        measures.component,
        measures.scoring_method,
        measures.worst_value,
        measures.best_value,
        measures.trend_measure_id,
        measures.ttl_days,
        measure_values.raw_value is not null
        and {{ dbt.datediff('measure_values.observed_date', 'measure_values.as_of_date', 'day') }}
        <= measures.ttl_days as is_present
    from measure_values
    inner join weights
        on
            measure_values.scorecard_id = weights.scorecard_id
            and measure_values.measure_id = weights.measure_id
    inner join measures
        on measure_values.measure_id = measures.measure_id
),

-- a threshold measure scores the band with the highest lower bound at or below its value; a value
-- below every band takes the lowest band
band_scores as (
    select
        weighted_values.scored_entity,
        weighted_values.account_id,
        weighted_values.week_start_date,
        weighted_values.measure_id,
        coalesce(
            max(
                case when bands.lower_bound <= weighted_values.raw_value then bands.lower_bound end
            ),
            min(bands.lower_bound)
        ) as matched_lower_bound
    from weighted_values
    inner join bands
        on weighted_values.measure_id = bands.measure_id
    where weighted_values.scoring_method = 'threshold' and weighted_values.is_present
    group by
        weighted_values.scored_entity,
        weighted_values.account_id,
        weighted_values.week_start_date,
        weighted_values.measure_id
),

trend_values as (
    select
        scored_entity,
        account_id,
        week_start_date,
        measure_id,
        raw_value
    from measure_values
),

scored as (
    select
        weighted_values.*,
        trend_values.raw_value as trend_value,
        case
            when not weighted_values.is_present then null
            when weighted_values.scoring_method = 'threshold' then bands.score
            else greatest(0, least(
                100,
                100.0 * (weighted_values.raw_value - weighted_values.worst_value)
                / (weighted_values.best_value - weighted_values.worst_value)
            ))
        end as base_score
    from weighted_values
    left join band_scores
        on
            weighted_values.scored_entity = band_scores.scored_entity
            and weighted_values.account_id = band_scores.account_id
            and weighted_values.week_start_date = band_scores.week_start_date
            and weighted_values.measure_id = band_scores.measure_id
    left join bands
        on
            band_scores.measure_id = bands.measure_id
            and band_scores.matched_lower_bound = bands.lower_bound
    left join trend_values
        on
            weighted_values.scored_entity = trend_values.scored_entity
            and weighted_values.account_id = trend_values.account_id
            and weighted_values.week_start_date = trend_values.week_start_date
            and weighted_values.trend_measure_id = trend_values.measure_id
),

final as (
    select
        scored_entity,
        account_id,
        week_start_date,
        scorecard_id,
        measure_id,
        component,
        scoring_method,
        raw_value,
        trend_value,
        weight,
        is_present,
        -- trend-adjusted: base x (1 + trend x 0.2), capped to 0..100; no trend, no adjustment
        case
            when scoring_method = 'trend_adjusted' and trend_value is not null
                then greatest(0, least(100, base_score * (1 + trend_value * 0.2)))
            else base_score
        end as score,
        observed_date,
        as_of_date
    from scored
)

select * from final
