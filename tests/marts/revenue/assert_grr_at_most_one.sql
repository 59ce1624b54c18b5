-- GRR <= 100%: gross retention never counts more than the base it is measured against, over 12
-- months or over the month. Returns the rows where it exceeds 1.
select *
from {{ ref('fct_revenue_retention') }}
where
    gross_revenue_retention_12m > 1 + 1e-9
    or gross_revenue_retention_1m > 1 + 1e-9
