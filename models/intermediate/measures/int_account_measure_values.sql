{#- One row per account week per measure: the raw value, when it was observed and the date it is
    judged at (the week's end), the measures of int_account_measures_weekly unpivoted for scoring. A
    measure whose input the warehouse does not hold at all (int_input_coverage) has no value: N/A. -#}
{%- set weekly_measures = [
    'seat_utilisation', 'dau_mau', 'l7_l30', 'core_feature_adoption', 'expansion_feature_adoption',
    'advanced_feature_adoption', 'key_workflow_completion', 'days_since_last_activity',
    'usage_velocity', 'power_user_share', 'dormant_user_share',
    'nps_latest', 'nps_change', 'csm_touchpoint_completion', 'meetings_missed_90d',
    'champion_present', 'champion_departed_90d', 'executive_sponsor_present',
    'open_tickets', 'urgent_tickets_30d', 'escalations_90d', 'csat_good_share_90d',
    'median_resolution_hours_90d',
    'seat_trend_90d', 'mrr_change_90d', 'usage_trend_90d',
    'failed_payments_90d', 'is_past_due', 'days_to_renewal', 'is_annual_contract',
] -%}
{#- measures observed at a date other than the week's end, for their staleness TTL -#}
{%- set observed_on = {'nps_latest': 'last_response_date', 'nps_change': 'last_response_date'} -%}

with

account_measures as (
    select * from {{ ref('int_account_measures_weekly') }}
),

measure_inputs as (
    select * from {{ ref('measure_inputs') }}
),

input_coverage as (
    select * from {{ ref('int_input_coverage') }}
),

-- every measure of the account week, one row each: the week's row crossed with the measure list, so
-- an account week's rows come out together and every aggregate by account week downstream meets
-- its groups close to one another
measure_list as (
    {% for measure in weekly_measures %}
        select '{{ measure }}' as measure_id
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

unpivoted as (
    select
        account_measures.account_id,
        account_measures.week_start_date,
        account_measures.scorecard_id,
        measure_list.measure_id,
        case measure_list.measure_id
            {% for measure in weekly_measures %}
                when '{{ measure }}' then cast(account_measures.{{ measure }} as double)
            {% endfor %}
        end as raw_value,
        case
            {% for measure, column in observed_on.items() %}
                when measure_list.measure_id = '{{ measure }}' then account_measures.{{ column }}
            {% endfor %}
            else account_measures.week_end_date
        end as observed_date,
        account_measures.week_end_date as as_of_date
    from account_measures
    cross join measure_list
),

final as (
    select
        unpivoted.account_id,
        unpivoted.week_start_date,
        unpivoted.scorecard_id,
        unpivoted.measure_id,
        case when input_coverage.has_rows = false then null else unpivoted.raw_value end
            as raw_value,
        unpivoted.observed_date,
        unpivoted.as_of_date
    from unpivoted
    left join measure_inputs
        on unpivoted.measure_id = measure_inputs.measure_id
    left join input_coverage
        on measure_inputs.input_name = input_coverage.input_name
)

select * from final
