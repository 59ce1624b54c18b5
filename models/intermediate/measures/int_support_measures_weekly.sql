{#- One row per account per week: support measures from the account's Zendesk tickets, each reading
    only tickets created (and solves and ratings known) up to the week's end. -#}
with

account_weeks as (
    select * from {{ ref('int_account_weeks') }}
),

tickets as (
    select * from {{ ref('stg_support__tickets') }}
),

organizations as (
    select * from {{ ref('stg_support__organizations') }}
),

organization_accounts as (
    select * from {{ ref('int_account_references_resolved') }}
    where is_matched and source_table = 'support.organizations'
),

account_tickets as (
    select
        organization_accounts.account_id,
        tickets.ticket_id,
        tickets.is_high_priority,
        tickets.is_escalated,
        tickets.satisfaction_rating,
        tickets.resolution_hours,
        tickets.created_at,
        tickets.solved_at
    from tickets
    inner join organizations
        on tickets.organization_id = organizations.organization_id
    inner join organization_accounts
        on organizations.account_ref_raw = organization_accounts.account_ref_raw
),

ticket_windows as (
    select
        account_weeks.account_id,
        account_weeks.week_start_date,
        count(case
            when
                account_tickets.solved_at is null
                or account_tickets.solved_at
                >= {{ dbt.dateadd('day', 1, 'account_weeks.week_end_date') }}
                then 1
        end) as open_tickets,
        count(case
            when
                account_tickets.is_high_priority
                and account_tickets.created_at
                > {{ dbt.dateadd('day', -28, 'account_weeks.week_end_date') }}
                then 1
        end) as urgent_tickets_30d,
        count(case
            when
                account_tickets.is_escalated
                and account_tickets.created_at
                > {{ dbt.dateadd('day', -90, 'account_weeks.week_end_date') }}
                then 1
        end) as escalations_90d,
        -- a rating counts once the ticket is solved by the week's end
        count(case
            when
                account_tickets.satisfaction_rating = 'good'
                and account_tickets.solved_at
                < {{ dbt.dateadd('day', 1, 'account_weeks.week_end_date') }}
                and account_tickets.created_at
                > {{ dbt.dateadd('day', -90, 'account_weeks.week_end_date') }}
                then 1
        end) as good_ratings_90d,
        count(case
            when
                account_tickets.satisfaction_rating = 'bad'
                and account_tickets.solved_at
                < {{ dbt.dateadd('day', 1, 'account_weeks.week_end_date') }}
                and account_tickets.created_at
                > {{ dbt.dateadd('day', -90, 'account_weeks.week_end_date') }}
                then 1
        end) as bad_ratings_90d,
        percentile_cont(0.5) within group (order by case
            when
                account_tickets.solved_at
                < {{ dbt.dateadd('day', 1, 'account_weeks.week_end_date') }}
                and account_tickets.solved_at
                > {{ dbt.dateadd('day', -90, 'account_weeks.week_end_date') }}
                then account_tickets.resolution_hours
        end) as median_resolution_hours_90d
    from account_weeks
    inner join account_tickets
        on
            account_weeks.account_id = account_tickets.account_id
            and account_tickets.created_at
            < {{ dbt.dateadd('day', 1, 'account_weeks.week_end_date') }}
    group by account_weeks.account_id, account_weeks.week_start_date
),

final as (
    select
        account_weeks.account_id,
        account_weeks.week_start_date,
        coalesce(ticket_windows.open_tickets, 0) as open_tickets,
        coalesce(ticket_windows.urgent_tickets_30d, 0) as urgent_tickets_30d,
        coalesce(ticket_windows.escalations_90d, 0) as escalations_90d,
        ticket_windows.good_ratings_90d * 1.0e0
        / nullif(ticket_windows.good_ratings_90d + ticket_windows.bad_ratings_90d, 0)
            as csat_good_share_90d,
        ticket_windows.median_resolution_hours_90d
    from account_weeks
    left join ticket_windows
        on
            account_weeks.account_id = ticket_windows.account_id
            and account_weeks.week_start_date = ticket_windows.week_start_date
)

select * from final
