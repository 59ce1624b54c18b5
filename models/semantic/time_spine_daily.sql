{#- One row per day from 2000-01-01 to 2050-12-31: the time spine MetricFlow joins metrics to
    (models/semantic/_semantic__models.yml, `time_spine:`). A fixed range, not the wall clock or the
    data, so every build gives the same table and any history a company loads falls inside it. -#}
with

days as (
    {{ dbt.date_spine('day', "cast('2000-01-01' as date)", "cast('2051-01-01' as date)") }}
),

final as (
    select cast(date_day as date) as date_day
    from days
)

select * from final
