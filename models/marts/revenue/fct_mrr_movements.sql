{#- One row per account per month in which the account starts or ends with MRR: the MRR bridge,
    published under a contract. The movement logic lives in int_mrr_movements. -#}
with

mrr_movements as (
    select * from {{ ref('int_mrr_movements') }}
)

select * from mrr_movements
