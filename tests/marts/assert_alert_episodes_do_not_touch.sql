-- An ongoing condition is one episode: two episodes of the same rule for the same account are always
-- separated by at least one week in which the rule did not fire.
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
)

select * from consecutive
where
    {{ dbt.datediff('previous_last_firing_week_start_date', 'opened_week_start_date', 'day') }} <= 7
