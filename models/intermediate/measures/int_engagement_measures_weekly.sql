{#- One row per account per week: NPS, CSM engagement and stakeholder measures, each reading only
    responses, activities and contact changes dated up to the week's end. -#}
with

account_weeks as (
    select * from {{ ref('int_account_weeks') }}
),

nps_responses as (
    select * from {{ ref('stg_survey__nps_responses') }}
),

nps_accounts as (
    select * from {{ ref('int_account_references_resolved') }}
    where is_matched and source_table = 'survey.nps_responses'
),

activities as (
    select * from {{ ref('stg_crm__activities') }}
    where not is_deleted
),

contacts as (
    select * from {{ ref('stg_crm__contacts') }}
    where not is_deleted
),

account_nps_responses as (
    select
        nps_accounts.account_id,
        nps_responses.nps_score,
        nps_responses.responded_at
    from nps_responses
    inner join nps_accounts
        on nps_responses.account_ref_raw = nps_accounts.account_ref_raw
),

nps_windows as (
    select
        account_weeks.account_id,
        account_weeks.week_start_date,
        avg(case
            when
                account_nps_responses.responded_at
                > {{ dbt.dateadd('day', -90, 'account_weeks.week_end_date') }}
                then account_nps_responses.nps_score
        end) as nps_latest,
        avg(case
            when
                account_nps_responses.responded_at
                <= {{ dbt.dateadd('day', -90, 'account_weeks.week_end_date') }}
                then account_nps_responses.nps_score
        end) as nps_previous,
        max(cast(account_nps_responses.responded_at as date)) as last_response_date
    from account_weeks
    inner join account_nps_responses
        on
            account_weeks.account_id = account_nps_responses.account_id
            and account_nps_responses.responded_at
            < {{ dbt.dateadd('day', 1, 'account_weeks.week_end_date') }}
            and account_nps_responses.responded_at
            > {{ dbt.dateadd('day', -180, 'account_weeks.week_end_date') }}
    group by account_weeks.account_id, account_weeks.week_start_date
),

-- activities due in the last 90 days; ones still 'Scheduled' after their date count as not done
activity_windows as (
    select
        account_weeks.account_id,
        account_weeks.week_start_date,
        count(*) as activities_due_90d,
        count(case when activities.is_completed then 1 end) as activities_completed_90d,
        count(case when activities.is_cancelled or activities.is_no_show then 1 end)
            as meetings_missed_90d,
        max(activities.activity_date) as last_activity_date
    from account_weeks
    inner join activities
        on
            account_weeks.account_id = activities.account_id
            and account_weeks.week_end_date >= activities.activity_date
            and activities.activity_date
            > {{ dbt.dateadd('day', -90, 'account_weeks.week_end_date') }}
    group by account_weeks.account_id, account_weeks.week_start_date
),

stakeholders as (
    select
        account_weeks.account_id,
        account_weeks.week_start_date,
        max(case
            when
                contacts.is_champion
                and (
                    contacts.left_company_at is null
                    or contacts.left_company_at > account_weeks.week_end_date
                )
                then 1
            else 0
        end) as champion_present,
        max(case
            when
                contacts.is_champion
                and contacts.left_company_at <= account_weeks.week_end_date
                and contacts.left_company_at
                > {{ dbt.dateadd('day', -90, 'account_weeks.week_end_date') }}
                then 1
            else 0
        end) as champion_departed_90d,
        max(case
            when
                contacts.is_executive_sponsor
                and (
                    contacts.left_company_at is null
                    or contacts.left_company_at > account_weeks.week_end_date
                )
                then 1
            else 0
        end) as executive_sponsor_present
    from account_weeks
    inner join contacts
        on
            account_weeks.account_id = contacts.account_id
            and contacts.created_at < {{ dbt.dateadd('day', 1, 'account_weeks.week_end_date') }}
    group by account_weeks.account_id, account_weeks.week_start_date
),

final as (
    select
        account_weeks.account_id,
        account_weeks.week_start_date,
        nps_windows.nps_latest,
        nps_windows.nps_latest - nps_windows.nps_previous as nps_change,
        nps_windows.last_response_date,
        activity_windows.activities_completed_90d * 1.0e0
        / nullif(activity_windows.activities_due_90d, 0) as csm_touchpoint_completion,
        coalesce(activity_windows.meetings_missed_90d, 0) as meetings_missed_90d,
        coalesce(stakeholders.champion_present, 0) as champion_present,
        coalesce(stakeholders.champion_departed_90d, 0) as champion_departed_90d,
        coalesce(stakeholders.executive_sponsor_present, 0) as executive_sponsor_present
    from account_weeks
    left join nps_windows
        on
            account_weeks.account_id = nps_windows.account_id
            and account_weeks.week_start_date = nps_windows.week_start_date
    left join activity_windows
        on
            account_weeks.account_id = activity_windows.account_id
            and account_weeks.week_start_date = activity_windows.week_start_date
    left join stakeholders
        on
            account_weeks.account_id = stakeholders.account_id
            and account_weeks.week_start_date = stakeholders.week_start_date
)

select * from final
