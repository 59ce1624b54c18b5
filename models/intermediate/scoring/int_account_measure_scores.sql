{#- One row per account week per measure, weighted or not: the raw value and its 0-100 score by the
    measure's method (macro score_measures), null when N/A (missing, or older than the measure's
    TTL). Weights are applied downstream (int_account_health_scores, and validation for the learned
    set), so the learned weights can be fitted on these scores without a cycle.
    Incremental by ISO week: input_hash is a hash of the account week's whole row of
    int_account_measures_weekly (what int_account_measure_values unpivots) and of the scoring
    configuration (seeds scorecard_measures, scorecard_measure_bands, measure_inputs and which inputs
    the warehouse holds, int_input_coverage). A run rebuilds every week where an account's hash differs
    from the stored one, or an account week is new or gone; a seed edit changes every hash, so it
    rebuilds every week. `dbt build --full-refresh` rebuilds every week. -#}
{{ config(
    pre_hook="{{ delete_vanished_weeks(
        'select week_start_date from ' ~ ref('int_account_measures_weekly')
    ) }}",
    **incremental_by_period()
) }}

with

measure_values as {{ inlined() }} (
    select * from {{ ref('int_account_measure_values') }}
),

account_measures as (
    select * from {{ ref('int_account_measures_weekly') }}
),

-- everything a score depends on besides its account week's row; input_rows changes with every
-- load and scores nothing (has_rows does)
scoring_config as (
    {{ content_hash(
        [
            ref('scorecard_measures'), ref('scorecard_measure_bands'), ref('measure_inputs'),
            ref('int_input_coverage'),
        ],
        except_columns={3: ['input_rows']}
    ) | indent(4) }}
),

-- one hash per account week: its wide row of measures (30 measures in one row: cheaper to hash than
-- the 30 rows of the unpivot) with the configuration
input_hashes as (
    select
        hash_inputs.account_id,
        hash_inputs.week_start_date,
        {{ row_content_hash('hash_inputs', []) }} as input_hash
    from (
        select
            account_measures.*,
            scoring_config.content_hash as scoring_config_hash
        from account_measures
        cross join scoring_config
    ) as hash_inputs
),

{% if is_incremental() %}
    -- every account week's stored hash (each of its measure rows holds the same one)
    stored_hashes as (
        select distinct
            account_id,
            week_start_date,
            input_hash
        from {{ this }}
    ),
{% endif %}

-- the weeks with a new, changed or vanished account week
rebuilt_values as {{ inlined() }} (
    select * from measure_values
    {{ where_inputs_changed('input_hashes', 'stored_hashes') }}
),

measure_scores as (
    {{ score_measures('rebuilt_values') | indent(4) }}
),

final as (
    select
        measure_scores.*,
        input_hashes.input_hash,
        '{{ invocation_id }}' as dbt_invocation_id
    from measure_scores
    inner join input_hashes
        on
            measure_scores.account_id = input_hashes.account_id
            and measure_scores.week_start_date = input_hashes.week_start_date
)

select * from final
