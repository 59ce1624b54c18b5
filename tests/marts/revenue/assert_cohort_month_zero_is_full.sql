-- Cohort month 0 is 100%: every cohort, in every segment, has all its accounts active and all its
-- starting MRR in its first month (logo_retention = revenue_retention = 1, active = cohort size).
-- Returns the month-0 cells that are not.
select *
from {{ ref('fct_cohort_retention') }}
where
    months_since_start = 0
    and (
        not is_reached
        or active_accounts != cohort_size
        or logo_retention != 1
        or revenue_retention is null
        or abs(revenue_retention - 1) > 1e-9
    )
