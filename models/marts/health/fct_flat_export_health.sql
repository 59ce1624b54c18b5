with

health_scores as (
    select * from {{ ref('int_flat_export_health_scores') }}
),

flat_export as (
    select * from {{ ref('stg_flat_export__accounts') }}
),

scorecard_version as (
    select * from {{ ref('int_scorecard_version') }}
),

score_bands as (
    select * from {{ ref('int_score_bands') }}
),

playbooks as (
    select * from {{ ref('playbooks') }}
),

-- a green account needs no fix: its playbook is advocacy and expansion; any other runs the one
-- aimed at the measure costing it the most points
account_playbooks as (
    select
        health_scores.account_id,
        case
            when score_bands.colour = 'green' then 'advocacy_expansion'
            else health_scores.driver_playbook_id
        end as playbook_id
    from health_scores
    inner join score_bands
        on health_scores.health_score = score_bands.score
),

final as (
    select
        -- keys
        flat_export.account_id,
        scorecard_version.scorecard_version,
        account_playbooks.playbook_id,
        -- attributes
        score_bands.tier,
        score_bands.colour,
        score_bands.is_at_risk,
        health_scores.drivers,
        playbooks.playbook_name,
        playbooks.owner_role as playbook_owner_role,
        playbooks.steps as playbook_steps,
        health_scores.driver_1_measure,
        health_scores.driver_2_measure,
        health_scores.driver_3_measure,
        health_scores.weakest_component,
        health_scores.measures_na,
        flat_export.nps_scale,
        -- scores
        health_scores.health_score,
        case
            when health_scores.health_score is not null
                then cast(
                    rank() over (order by health_scores.health_score desc)
                    as {{ dbt.type_bigint() }}
                )
        end as health_rank,
        health_scores.usage_score,
        health_scores.engagement_score,
        health_scores.support_score,
        health_scores.usage_points_lost,
        health_scores.engagement_points_lost,
        health_scores.support_points_lost,
        health_scores.measures_present,
        health_scores.weight_present,
        flat_export.net_promoter_score,
        -- revenue
        cast(flat_export.mrr as decimal(18, 2)) as mrr,
        cast(flat_export.mrr * 12 as decimal(18, 2)) as arr
    from flat_export
    cross join scorecard_version
    left join health_scores
        on flat_export.account_id = health_scores.account_id
    left join score_bands
        on health_scores.health_score = score_bands.score
    left join account_playbooks
        on flat_export.account_id = account_playbooks.account_id
    left join playbooks
        on account_playbooks.playbook_id = playbooks.playbook_id
)

select * from final
