{#- One row per tier four weeks ago x tier in the latest week: how many accounts moved between
    them and their ARR now. A question the weekly mart answers in one query; compile with
    `dbt compile --select tier_transitions` and run the SQL in target/compiled/ against the warehouse. -#}
with

account_health as (
    select * from {{ ref('fct_account_health_weekly') }}
),

latest_week as (
    select max(week_start_date) as week_start_date
    from account_health
),

now_and_then as (
    select
        this_week.account_id,
        earlier.tier as tier_4w_ago,
        earlier.tier_rank as tier_rank_4w_ago,
        this_week.tier,
        this_week.tier_rank,
        this_week.arr
    from account_health as this_week
    inner join latest_week
        on this_week.week_start_date = latest_week.week_start_date
    inner join account_health as earlier
        on
            this_week.account_id = earlier.account_id
            and earlier.week_start_date
            = cast({{ dbt.dateadd('week', -4, 'latest_week.week_start_date') }} as date)
),

final as (
    select
        tier_4w_ago,
        tier,
        min(tier_rank_4w_ago) as tier_rank_4w_ago,
        min(tier_rank) as tier_rank,
        count(*) as account_count,
        sum(arr) as arr
    from now_and_then
    group by tier_4w_ago, tier
)

select * from final
order by tier_rank_4w_ago, tier_rank
