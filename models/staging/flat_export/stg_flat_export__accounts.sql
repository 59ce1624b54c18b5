{#- One row per account of the flat export, values cast to numbers (unparseable values become null,
    and their measures N/A). -#}
with

source as (
    select * from {{ source('flat_export', 'accounts') }}
),

renamed as (
    select
        trim(account_id) as account_id,
        {{ safe_cast('mrr', 'double') }} as mrr,
        {{ safe_cast('logins_30d', 'double') }} as logins_30d,
        {{ safe_cast('features_used', 'double') }} as features_used,
        {{ safe_cast('open_tickets', 'double') }} as open_tickets,
        {{ safe_cast('nps_score', 'double') }} as nps_score,
        {{ safe_cast('days_since_last_login', 'double') }} as days_since_last_login
    from source
)

select * from renamed
