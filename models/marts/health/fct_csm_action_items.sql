with

work_queue as (
    select * from {{ ref('fct_csm_work_queue') }}
),

final as (
    select * from work_queue
    where is_on_list
)

select * from final
