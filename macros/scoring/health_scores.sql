{#- The weighted 0-100 health score of every scored entity: the weighted mean of its measure scores
    over the measures present (an N/A measure's weight is shared out over the rest), rounded once to
    0.1 so every tier, colour and band is read from the number shown; the five component scores; the
    points each component loses against 100 (they add up to 100 - score before rounding); the
    weakest component (most points lost); and, with_drivers, the three measures costing the most.
    measure_scores: relation or CTE with the keys, scorecard_id, measure_id, component, raw_value,
    is_present, score. weights: relation or CTE with scorecard_id, measure_id, weight and the
    weight_keys. keys: the entity's key columns in measure_scores. weight_keys: key columns taken from
    weights (e.g. weight_set, to score several weight sets at once). Returns a select. -#}
{% macro health_scores(
    measure_scores,
    weights,
    keys=['account_id', 'week_start_date'],
    weight_keys=[],
    with_drivers=true
) -%}
    {%- set components = ['usage', 'engagement', 'support', 'growth', 'financial'] -%}
    {%- set grain = (weight_keys + keys) | join(', ') -%}
    with

    -- only the present measures the entity's scorecard weighs count; cost: what the measure misses
    -- of 100 times its weight, in decimal so equal costs tie exactly whatever the engine
    present as {{ inlined() }} (
        select
            {% for key in weight_keys %}weights.{{ key }},{% endfor %}
            {% for key in keys %}measure_scores.{{ key }},{% endfor %}
            measure_scores.scorecard_id,
            measure_scores.measure_id,
            measure_scores.component,
            measure_scores.raw_value,
            measure_scores.score,
            weights.weight,
            cast(weights.weight * (100 - measure_scores.score) as decimal(38, 12)) as cost
        from {{ measure_scores }} as measure_scores
        inner join {{ weights }} as weights
            on
                measure_scores.scorecard_id = weights.scorecard_id
                and measure_scores.measure_id = weights.measure_id
        where measure_scores.is_present
    ),

    -- one aggregate at the entity's grain: a component's points lost is its measures' cost over the
    -- entity's total weight (a measure's share of the score times what it misses of 100)
    entity_scores as (
        select
            {{ grain }},
            max(scorecard_id) as scorecard_id,
            -- summed in decimal (the components too): exact, so a rounding edge or a 0.1-point bin
            -- does not depend on the order of the sum; round_stable: nor on the engine
            -- the quotients are doubles on both engines (Spark would keep decimal(38, 10))
            cast({{ round_stable(
                'sum(cast(weight * score as decimal(18, 6))) / sum(cast(weight as decimal(18, 6)))', 1
            ) }} as double) as health_score,
            {% for component in components %}
                cast(
                    sum(
                        case
                            when component = '{{ component }}'
                                then cast(weight * score as decimal(18, 6))
                        end
                    )
                    / sum(
                        case
                            when component = '{{ component }}' then cast(weight as decimal(18, 6))
                        end
                    )
                    as double
                ) as {{ component }}_score,
                cast(sum(case when component = '{{ component }}' then cost else 0 end) as double)
                / cast(sum(cast(weight as decimal(18, 6))) as double) as {{ component }}_points_lost,
            {% endfor %}
            count(*) as measures_present,
            sum(weight) as weight_present
        from present
        group by {{ grain }}
    ),

    {% if with_drivers %}
        -- the measures costing points, ranked by cost within the entity (the same order as points
        -- lost: one total weight divides them all); on a tie, by measure_id
        ranked_drivers as (
            select
                {{ grain }},
                measure_id,
                raw_value,
                score,
                row_number() over (
                    partition by {{ grain }}
                    order by cost desc, measure_id asc
                ) as driver_rank
            from present
            where cost > 0
        ),

        drivers as (
            select
                {{ grain }},
                {% for rank in [1, 2, 3] %}
                    max(case when driver_rank = {{ rank }} then measure_id end)
                        as driver_{{ rank }}_measure,
                    max(case when driver_rank = {{ rank }} then raw_value end)
                        as driver_{{ rank }}_value,
                    max(case when driver_rank = {{ rank }} then score end)
                        as driver_{{ rank }}_score
                    {%- if not loop.last %},{% endif %}
                {% endfor %}
            from ranked_drivers
            where driver_rank <= 3
            group by {{ grain }}
        ),
    {% endif %}

    scored as (
        select
            entity_scores.*,
            -- the component costing the most points (the first in component order on a tie)
            case greatest(
                {% for component in components -%}
                    entity_scores.{{ component }}_points_lost{% if not loop.last %}, {% endif %}
                {%- endfor %}
            )
                {% for component in components[:-1] %}
                    when entity_scores.{{ component }}_points_lost then '{{ component }}'
                {% endfor %}
                else '{{ components[-1] }}'
            end as weakest_component
            {% if with_drivers %}
                {% for rank in [1, 2, 3] %}
                    , drivers.driver_{{ rank }}_measure
                    , drivers.driver_{{ rank }}_value
                    , drivers.driver_{{ rank }}_score
                {% endfor %}
            {% endif %}
        from entity_scores
        {% if with_drivers %}
            left join drivers
                on
                    {% for key in weight_keys + keys %}
                        entity_scores.{{ key }} = drivers.{{ key }}
                        {% if not loop.last %}and {% endif %}
                    {% endfor %}
        {% endif %}
    )

    select * from scored
{%- endmacro %}
