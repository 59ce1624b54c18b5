-- An ongoing condition is one episode: two episodes of the same rule for the same account are
-- always separated by at least one week in which the rule did not fire.
with

alerts as (
    select * from {{ ref('fct_health_alerts') }}
),

consecutive as (
    select
        account_id,
        rule_id,
        opened_week_start_date,
        lag(last_firing_week_start_date) over (
            partition by account_id, rule_id order by opened_week_start_date
        ) as previous_last_firing_week_start_date
    from alerts
),

gaps as (
    select
        *,
        {{ dbt.dateadd('day', 7, 'previous_last_firing_week_start_date') }} as week_after_previous
    from consecutive
)

select * from gaps
where opened_week_start_date <= week_after_previous
