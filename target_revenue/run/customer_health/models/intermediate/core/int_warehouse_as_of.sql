
  
  create view "wh_revenue"."intermediate"."int_warehouse_as_of__dbt_tmp" as (
    with

tracks as (
    select * from "wh_revenue"."staging"."stg_product__tracks"
),

latest_received as (
    select max(cast(received_at as date)) as latest_received_date
    from tracks
),

final as (
    select
        latest_received_date as as_of_date,
            'data' as as_of_origin
    from latest_received
)

select * from final
  );
