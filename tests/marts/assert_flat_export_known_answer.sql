-- The flat-export known answer (examples/flat_export.csv): ACME-Corp > Gamma-Ltd > Beta-Inc
-- > Delta-Co, ACME-Corp green, Gamma-Ltd not red, Beta-Inc and Delta-Co red. Checked only when
-- those four accounts are the export being scored; returns the accounts that break it.
with

flat_health as (
    select * from {{ ref('fct_flat_export_health') }}
),

expected as (
    select
        'ACME-Corp' as account_id,
        1 as expected_rank,
        'green' as expected_colour
    union all
    select
        'Gamma-Ltd' as account_id,
        2 as expected_rank,
        'not red' as expected_colour
    union all
    select
        'Beta-Inc' as account_id,
        3 as expected_rank,
        'red' as expected_colour
    union all
    select
        'Delta-Co' as account_id,
        4 as expected_rank,
        'red' as expected_colour
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
        flat_health.health_rank != expected.expected_rank
        or (expected.expected_colour = 'not red' and flat_health.colour = 'red')
        or (
            expected.expected_colour != 'not red' and flat_health.colour != expected.expected_colour
        )
    )
