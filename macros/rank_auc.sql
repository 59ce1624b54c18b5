{#- Mann-Whitney AUC from value counts: one row per partition with its AUC, the chance that a churned
    observation ranks riskier than a retained one, a tie counting one half. Ranks run in order of
    rising risk, that is falling value; the observations at one value share the mean of the ranks
    they span: the sum of the counts at higher values, plus (count + 1) / 2. AUC = (rank sum of the
    churned - P(P + 1) / 2) / (P x N); null where a partition lacks churned or retained observations.
    Linear in distinct values: no pairs are formed. Arguments: value_counts (relation or CTE with one
    row per partition and value, counting n_churned and n_retained), partition_by (list of columns),
    value_column (the score; lower = riskier). -#}
{% macro rank_auc(value_counts, partition_by, value_column) -%}
    {%- set partition_columns = partition_by | join(', ') -%}
    select
        {{ partition_columns }},
        case
            when sum(n_churned) > 0 and sum(n_retained) > 0
                then
                    (sum(n_churned * average_rank) - sum(n_churned) * (sum(n_churned) + 1) / 2e0)
                    / (cast(sum(n_churned) as double) * sum(n_retained))
        end as auc
    from (
        select
            *,
            cast(coalesce(
                sum(n_churned + n_retained) over (
                    partition by {{ partition_columns }}
                    order by {{ value_column }} desc
                    rows between unbounded preceding and 1 preceding
                ),
                0
            ) as double) + (n_churned + n_retained + 1) / 2e0 as average_rank
        from {{ value_counts }}
    ) as ranked_values
    group by {{ partition_columns }}
{%- endmacro %}
