{#- One row per weight set per 10-point score band (0, 10, ..., 90; 100 joins 90): the churn
    probability the band predicts - its churn rate within 90 days on the training weeks (outcome
    known before var learned_weights_cutoff_date). A band with no training weeks takes the rate of
    the nearest band that has some (the lower one on a tie). The calibration every validation mart
    compares actual churn with. -#}
with

validation_weeks as {{ inlined() }} (
    select * from {{ ref('int_validation_weeks') }}
),

training_weeks as (
    select * from validation_weeks
    where is_known_before_cutoff
),

band_numbers as (
    {{ dbt.generate_series(10) }}
),

weight_set_bands as (
    select distinct
        validation_weeks.weight_set,
        cast((band_numbers.generated_number - 1) * 10 as integer) as score_band
    from validation_weeks
    cross join band_numbers
),

band_rates as (
    select
        weight_set,
        score_band,
        count(*) as n_training_weeks,
        sum(case when churns_within_90d then 1 else 0 end) as n_training_churn_weeks
    from training_weeks
    group by weight_set, score_band
),

-- every band against the populated bands of its weight set, nearest first
nearest_bands as (
    select
        weight_set_bands.weight_set,
        weight_set_bands.score_band,
        band_rates.score_band as source_band,
        row_number() over (
            partition by weight_set_bands.weight_set, weight_set_bands.score_band
            order by abs(band_rates.score_band - weight_set_bands.score_band), band_rates.score_band
        ) as distance_rank
    from weight_set_bands
    inner join band_rates
        on weight_set_bands.weight_set = band_rates.weight_set
),

final as (
    select
        -- keys
        weight_set_bands.weight_set,
        weight_set_bands.score_band,
        -- measures
        coalesce(band_rates.n_training_weeks, 0) as n_training_weeks,
        coalesce(band_rates.n_training_churn_weeks, 0) as n_training_churn_weeks,
        nearest_bands.source_band as predicted_from_band,
        cast(source_rates.n_training_churn_weeks as double) / source_rates.n_training_weeks
            as predicted_churn_probability
    from weight_set_bands
    left join band_rates
        on
            weight_set_bands.weight_set = band_rates.weight_set
            and weight_set_bands.score_band = band_rates.score_band
    inner join nearest_bands
        on
            weight_set_bands.weight_set = nearest_bands.weight_set
            and weight_set_bands.score_band = nearest_bands.score_band
            and nearest_bands.distance_rank = 1
    inner join band_rates as source_rates
        on
            nearest_bands.weight_set = source_rates.weight_set
            and nearest_bands.source_band = source_rates.score_band
)

select * from final
