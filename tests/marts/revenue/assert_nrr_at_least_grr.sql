-- NRR >= GRR: each account counts at most its base MRR in GRR and its full MRR in NRR, so on
-- every row where both are defined (12-month and monthly) NRR cannot be lower, and both are
-- defined on the same rows. Returns the rows where that fails.
select *
from {{ ref('fct_revenue_retention') }}
where
    net_revenue_retention_12m < gross_revenue_retention_12m - 1e-9
    or net_revenue_retention_1m < gross_revenue_retention_1m - 1e-9
    or (net_revenue_retention_12m is null) != (gross_revenue_retention_12m is null)
    or (net_revenue_retention_1m is null) != (gross_revenue_retention_1m is null)
