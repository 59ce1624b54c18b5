{#- One row per weight set x 10-point score band: the churn probability the band predicts (its churn
    rate within 90 days on the training weeks, before the learned-weights cutoff) against the churn
    rate actually seen in the held-out quarters. -#}
with

band_predictions as (
    select * from {{ ref('int_score_band_predictions') }}
),

validation_weeks as (
    select * from {{ ref('int_validation_weeks') }}
    where is_held_out
),

held_out_bands as (
    select
        weight_set,
        score_band,
        count(*) as n_held_out_weeks,
        sum(case when churns_within_90d then 1 else 0 end) as n_held_out_churn_weeks
    from validation_weeks
    group by weight_set, score_band
),

final as (
    select
        -- keys
        band_predictions.weight_set,
        band_predictions.score_band,
        -- measures
        band_predictions.score_band + 10 as score_band_upper,
        cast(band_predictions.n_training_weeks as bigint) as n_training_weeks,
        cast(band_predictions.n_training_churn_weeks as bigint) as n_training_churn_weeks,
        band_predictions.predicted_from_band,
        band_predictions.predicted_churn_probability,
        cast(coalesce(held_out_bands.n_held_out_weeks, 0) as bigint) as n_held_out_weeks,
        cast(coalesce(held_out_bands.n_held_out_churn_weeks, 0) as bigint)
            as n_held_out_churn_weeks,
        cast(held_out_bands.n_held_out_churn_weeks as double) / held_out_bands.n_held_out_weeks
            as actual_churn_rate,
        cast(held_out_bands.n_held_out_churn_weeks as double) / held_out_bands.n_held_out_weeks
        - band_predictions.predicted_churn_probability as calibration_gap
    from band_predictions
    left join held_out_bands
        on
            band_predictions.weight_set = held_out_bands.weight_set
            and band_predictions.score_band = held_out_bands.score_band
)

select * from final
