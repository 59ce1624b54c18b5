{#- One row per cohort month per month since start per segment, plus 'All': how many of the accounts
    whose MRR began in the cohort month are still active, and how much of their month-0 MRR they
    bring, N months later. Every cohort gets rows up to the longest horizon observed (the oldest
    cohort's age); cells a cohort has not reached yet are null. -#}
with

account_months as (
    select * from {{ ref('int_mrr_by_account_month') }}
),

mrr_movements as (
    select * from {{ ref('int_mrr_movements') }}
),

accounts as (
    select * from {{ ref('int_accounts_resolved') }}
),

history_bounds as (
    select
        min(month_start_date) as first_month_date,
        max(month_start_date) as as_of_month_date
    from account_months
),

-- Accounts already paying when the billing history begins have no observed first month: they
-- join no cohort.
cohort_members as (
    select distinct
        account_months.account_id,
        account_months.first_mrr_month_date as cohort_month_date,
        coalesce(accounts.segment, 'Unknown') as segment
    from account_months
    left join accounts
        on account_months.account_id = accounts.account_id
    where not account_months.has_mrr_before_history
),

member_segments as (
    select
        account_id,
        cohort_month_date,
        segment
    from cohort_members
    union all
    select
        account_id,
        cohort_month_date,
        'All' as segment
    from cohort_members
),

cohorts as (
    select
        cohort_month_date,
        segment,
        count(*) as cohort_size
    from member_segments
    group by cohort_month_date, segment
),

horizon as (
    select
        {{ dbt.datediff('min(cohorts.cohort_month_date)', 'max(history_bounds.as_of_month_date)',
            'month') }} as max_months_since_start
    from cohorts
    cross join history_bounds
),

-- the account months run without gaps from the start of the history to the as-of month, so
-- their distances from the start are every horizon a cohort can have
month_offsets as (
    select distinct
        {{ dbt.datediff('history_bounds.first_month_date', 'account_months.month_start_date',
            'month') }} as months_since_start
    from account_months
    cross join history_bounds
),

cells as (
    select
        cohorts.cohort_month_date,
        cohorts.segment,
        cohorts.cohort_size,
        month_offsets.months_since_start,
        cast({{ dbt.dateadd('month', 'month_offsets.months_since_start',
            'cohorts.cohort_month_date') }} as date) as month_start_date
    from cohorts
    cross join horizon
    inner join month_offsets
        on horizon.max_months_since_start >= month_offsets.months_since_start
),

member_mrr as (
    select
        member_segments.cohort_month_date,
        member_segments.segment,
        mrr_movements.month_start_date,
        {{ dbt.datediff('member_segments.cohort_month_date', 'mrr_movements.month_start_date',
            'month') }} as months_since_start,
        mrr_movements.ending_mrr
    from member_segments
    inner join mrr_movements
        on member_segments.account_id = mrr_movements.account_id
),

cell_measures as (
    select
        cohort_month_date,
        segment,
        months_since_start,
        sum(case when ending_mrr > 0 then 1 else 0 end) as active_accounts,
        sum(ending_mrr) as mrr
    from member_mrr
    group by cohort_month_date, segment, months_since_start
),

cohort_start as (
    select
        cohort_month_date,
        segment,
        mrr as starting_mrr
    from cell_measures
    where months_since_start = 0
),

combined as (
    select
        cells.cohort_month_date,
        cells.segment,
        cells.months_since_start,
        cells.month_start_date,
        cells.cohort_size,
        cohort_start.starting_mrr,
        cells.month_start_date <= history_bounds.as_of_month_date as is_reached,
        coalesce(cell_measures.active_accounts, 0) as active_accounts,
        coalesce(cell_measures.mrr, 0) as mrr
    from cells
    cross join history_bounds
    left join cell_measures
        on
            cells.cohort_month_date = cell_measures.cohort_month_date
            and cells.segment = cell_measures.segment
            and cells.months_since_start = cell_measures.months_since_start
    left join cohort_start
        on
            cells.cohort_month_date = cohort_start.cohort_month_date
            and cells.segment = cohort_start.segment
),

final as (
    select
        -- keys
        cohort_month_date,
        cast(months_since_start as integer) as months_since_start,
        segment,
        -- measures
        cast(cohort_size as bigint) as cohort_size,
        cast(case when is_reached then active_accounts end as bigint) as active_accounts,
        case
            when is_reached
                then cast(active_accounts as double) / cast(cohort_size as double)
        end as logo_retention,
        cast(starting_mrr as decimal(18, 2)) as cohort_starting_mrr,
        cast(case when is_reached then mrr end as decimal(18, 2)) as mrr,
        case
            when is_reached and starting_mrr > 0
                then cast(mrr as double) / cast(starting_mrr as double)
        end as revenue_retention,
        -- flags
        is_reached,
        -- dates
        month_start_date
    from combined
)

select * from final
