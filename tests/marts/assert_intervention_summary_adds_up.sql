-- Every alert of fct_health_alerts counts once under 'all' and once under each dimension of
-- fct_alert_intervention_summary: each dimension's alerts, mature alerts, touched and untouched
-- alerts add up to the 'all' row, which counts every alert.
with

alerts as (
    select * from {{ ref('fct_health_alerts') }}
),

summary as (
    select * from {{ ref('fct_alert_intervention_summary') }}
),

dimension_totals as (
    select
        dimension,
        sum(alerts) as alerts,
        sum(mature_alerts) as mature_alerts,
        sum(touched_alerts) as touched_alerts,
        sum(untouched_alerts) as untouched_alerts
    from summary
    group by dimension
),

all_row as (
    select * from summary
    where dimension = 'all'
),

alert_count as (
    select count(*) as alerts from alerts
)

select
    dimension_totals.dimension,
    dimension_totals.alerts,
    all_row.alerts as all_alerts,
    alert_count.alerts as health_alerts
from dimension_totals
cross join all_row
cross join alert_count
where
    dimension_totals.alerts != all_row.alerts
    or dimension_totals.mature_alerts != all_row.mature_alerts
    or dimension_totals.touched_alerts != all_row.touched_alerts
    or dimension_totals.untouched_alerts != all_row.untouched_alerts
    or all_row.alerts != alert_count.alerts
