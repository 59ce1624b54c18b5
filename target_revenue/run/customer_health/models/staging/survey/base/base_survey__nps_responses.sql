
  
  create view "wh_revenue"."staging"."base_survey__nps_responses__dbt_tmp" as (
    with

source as (
    select * from read_parquet('/tmp/hs_demo/survey/nps_responses/*.parquet', union_by_name = true)
),

renamed as (
    select
        -- keys
        cast(response_id as TEXT) as response_id,
        cast(account_id as TEXT) as account_ref_raw,
        nullif(upper(trim(account_id)), '') as account_ref,
        lower(trim(email)) as email,
        -- measures
        try_cast(score as integer) as nps_score,
        -- attributes
        comment as nps_comment,
        -- timestamps
        try_cast(responded_at as timestamp) as responded_at,
        try_cast(_fivetran_synced as timestamp) as loaded_at
    from source
),

checked as (
    select
        *,
        case
            when nps_score >= 9 then 'promoter'
            when nps_score >= 7 then 'passive'
            else 'detractor'
        end as nps_category,
        case
            when response_id is null then 'missing_id'
            when nps_score is null or nps_score not between 0 and 10 then 'out_of_range_score'
            when responded_at is null then 'null_timestamp'
        end as dq_reason,
        response_id is not null and account_ref is not null and nps_score is not null
        and responded_at is not null as dq_is_key_complete
    from renamed
),

final as (
    select
        *,
        cast(response_id as TEXT) as dq_record_id,
        loaded_at as dq_loaded_at,
        row_number() over (
            partition by response_id, dq_reason is null
            order by loaded_at desc, responded_at desc
        ) as dq_row_number
    from checked
)

select * from final
  );
