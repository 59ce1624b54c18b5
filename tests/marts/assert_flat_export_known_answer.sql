-- The flat-export known answer (examples/flat_export.csv, NPS read on its -10..10 scale): ACME-Corp
-- green about 92, Gamma-Ltd yellow about 74, Beta-Inc red about 31, Delta-Co red about 12, in that
-- order, each score within 8 points. Checked only when those four accounts are the export being
-- scored; returns the accounts that break it.
with

flat_health as (
    select * from {{ ref('fct_flat_export_health') }}
),

expected as (
    select
        'ACME-Corp' as account_id,
        1 as expected_rank,
        'green' as expected_colour,
        92 as expected_score
    union all
    select
        'Gamma-Ltd' as account_id,
        2 as expected_rank,
        'yellow' as expected_colour,
        74 as expected_score
    union all
    select
        'Beta-Inc' as account_id,
        3 as expected_rank,
        'red' as expected_colour,
        31 as expected_score
    union all
    select
        'Delta-Co' as account_id,
        4 as expected_rank,
        'red' as expected_colour,
        12 as expected_score
),

example_loaded as (
    select count(*) as matched_accounts
    from flat_health
    inner join expected
        on flat_health.account_id = expected.account_id
)

select
    expected.*,
    flat_health.health_rank,
    flat_health.colour,
    flat_health.health_score
from expected
cross join example_loaded
left join flat_health
    on expected.account_id = flat_health.account_id
where
    example_loaded.matched_accounts = 4
    and (
        flat_health.health_rank is distinct from expected.expected_rank
        or flat_health.colour is distinct from expected.expected_colour
        or coalesce(abs(flat_health.health_score - expected.expected_score) > 8, true)
    )
