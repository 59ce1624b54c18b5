with

source as (
    {{ raw_source('support', 'tickets') }}
),

renamed as (
    select
        -- keys
        {{ safe_cast('id', dbt.type_bigint()) }} as ticket_id,
        {{ safe_cast('organization_id', dbt.type_bigint()) }} as organization_id,
        lower(trim(requester_email)) as requester_email,
        -- attributes
        subject,
        lower(type) as ticket_type,
        lower(priority) as priority,
        lower(status) as ticket_status,
        lower(coalesce(tags, '')) as tags,
        lower(satisfaction_rating) as satisfaction_rating,
        -- flags
        coalesce(lower(priority) in ('high', 'urgent'), false) as is_high_priority,
        coalesce(',' || lower(tags) || ',' like '%,escalated,%', false)
            as is_escalated,
        coalesce(lower(status) in ('solved', 'closed'), false) as is_solved,
        -- timestamps
        {{ safe_cast('created_at', dbt.type_timestamp()) }} as created_at,
        {{ safe_cast('updated_at', dbt.type_timestamp()) }} as updated_at,
        {{ safe_cast('solved_at', dbt.type_timestamp()) }} as solved_at,
        {{ safe_cast('_fivetran_synced', dbt.type_timestamp()) }} as loaded_at
    from source
),

checked as (
    select
        *,
        -- noqa: disable=LT05
        {{ dbt.datediff('created_at', 'solved_at', 'minute') }} / 60.0e0 as resolution_hours,
        -- noqa: enable=LT05
        case
            when ticket_id is null then 'missing_id'
            when created_at is null then 'null_timestamp'
            when
                {{ is_unknown_value(
                    'ticket_status', ['new', 'open', 'pending', 'hold', 'solved', 'closed']
                ) }}
                then 'unknown_ticket_status'
            -- Zendesk leaves priority and rating empty on many tickets
            when
                {{ is_unknown_value(
                    'priority', ['low', 'normal', 'high', 'urgent'], nullable=true
                ) }}
                then 'unknown_priority'
            when
                {{ is_unknown_value(
                    'satisfaction_rating', ['good', 'bad', 'offered', 'unoffered'], nullable=true
                ) }}
                then 'unknown_satisfaction_rating'
            when {{ is_out_of_window(happened=['created_at', 'updated_at', 'solved_at']) }}
                then 'out_of_range_timestamp'
            when solved_at < created_at then 'solved_before_created'
            -- a solved ticket without its solve time would count as open for ever
            when is_solved and solved_at is null then 'missing_solved_at'
        end as dq_row_reason,
        ticket_id is not null and organization_id is not null and created_at is not null
        and ticket_status is not null as dq_is_key_complete
    from renamed
),

final as (
    {{ classify_copies('ticket_id', 'updated_at desc, loaded_at desc', version='updated_at') }}
)

select * from final
