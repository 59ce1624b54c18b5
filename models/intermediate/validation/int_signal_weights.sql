{#- One row per evaluation window x slice x lag x measure: the weight its predictive power earns.
    Raw weight = AUC - 0.5 for a measure with AUC >= 0.55 (and at least min_churned churn
    observations), else 0; weights are normalized to sum to 1 over the measures; then no component
    may hold more than 40%: a component above it is scaled down to 40% and the rest shared out over
    the other components in proportion to their weight (two passes: with five components at most two
    can reach the cap; with fewer than three weighted components the cap cannot hold and is not
    applied). A slice where no measure qualifies gets no rows. -#}
{%- set min_auc = 0.55 -%}
{%- set component_cap = 0.4 -%}
{%- set min_churned = 10 -%}

with

performance as (
    select * from {{ ref('int_signal_performance') }}
    where signal_type = 'measure'
),

raw_weights as (
    select
        evaluation_window,
        slice,
        lag_days,
        signal_id as measure_id,
        component,
        auc,
        case
            when auc >= {{ min_auc }} and n_churned >= {{ min_churned }} then auc - 0.5
            else 0
        end as raw_weight
    from performance
),

normalized as (
    select
        *,
        raw_weight / sum(raw_weight) over (
            partition by evaluation_window, slice, lag_days
        ) as weight_pass_0
    from raw_weights
    where raw_weight > 0
),

{% for pass in [1, 2] %}
    component_totals_{{ pass }} as (
        select
            *,
            sum(weight_pass_{{ pass - 1 }}) over (
                partition by evaluation_window, slice, lag_days, component
            ) as component_weight
        from {{ 'normalized' if pass == 1 else 'capped_' ~ (pass - 1) }}
    ),

    -- a component at the cap (already capped, up to rounding) stays there; the others share what
    -- the capped ones leave, in proportion to their weights
    cap_shares_{{ pass }} as (
        select
            *,
            component_weight >= {{ component_cap }} - 1e-9 as is_capped,
            sum(
                case
                    when component_weight >= {{ component_cap }} - 1e-9
                        then weight_pass_{{ pass - 1 }} * ({{ component_cap }} / component_weight)
                    else 0
                end
            ) over (partition by evaluation_window, slice, lag_days) as capped_weight,
            sum(
                case
                    when component_weight < {{ component_cap }} - 1e-9
                        then weight_pass_{{ pass - 1 }}
                    else 0
                end
            ) over (partition by evaluation_window, slice, lag_days) as uncapped_weight
        from component_totals_{{ pass }}
    ),

    capped_{{ pass }} as (
        select
            evaluation_window,
            slice,
            lag_days,
            measure_id,
            component,
            auc,
            raw_weight,
            case
                -- fewer than three components: the cap cannot hold, the weights stay
                when uncapped_weight = 0 then weight_pass_{{ pass - 1 }}
                when is_capped
                    then weight_pass_{{ pass - 1 }} * ({{ component_cap }} / component_weight)
                else weight_pass_{{ pass - 1 }} * ((1 - capped_weight) / uncapped_weight)
            end as weight_pass_{{ pass }}
        from cap_shares_{{ pass }}
    ),
{% endfor %}

final as (
    select
        -- keys
        evaluation_window,
        slice,
        lag_days,
        measure_id,
        -- attributes
        component,
        -- measures
        auc,
        raw_weight,
        weight_pass_2 as weight
    from capped_2
)

select * from final
