{#- One row per account of the flat export, values cast to numbers (unparseable values become null,
    and their measures N/A), nps_score converted to a net promoter score (-100 to 100) from the scale
    the file uses: var flat_export_nps_scale, 'auto' (the default) to read it from the values. -#}
{%- set nps_scales = ['auto', 'answer_0_10', 'net_10', 'net_100'] -%}
{%- set nps_scale = var('flat_export_nps_scale', 'auto') -%}
{%- if nps_scale not in nps_scales -%}
    {{ exceptions.raise_compiler_error(
        "var flat_export_nps_scale is '" ~ nps_scale ~ "'; expected one of " ~ nps_scales | join(', ')
    ) }}
{%- endif -%}

with

source as (
    select * from {{ source('flat_export', 'accounts') }}
),

renamed as (
    select
        trim(account_id) as account_id,
        {{ safe_cast('mrr', 'double') }} as mrr,
        {{ safe_cast('logins_30d', 'double') }} as logins_30d,
        {{ safe_cast('features_used', 'double') }} as features_used,
        {{ safe_cast('open_tickets', 'double') }} as open_tickets,
        {{ safe_cast('nps_score', 'double') }} as nps_score,
        {{ safe_cast('days_since_last_login', 'double') }} as days_since_last_login
    from source
),

-- a scale is a property of the whole column, so 'auto' reads it from all the values: any beyond
-- +-10 is a net score; negatives within +-10 are a net score in tenths; 0 to 10 only, answers
nps_scales as (
    select
        *,
        {% if nps_scale == 'auto' %}
            case
                when count(nps_score) over () = 0 then null
                when max(abs(nps_score)) over () > 10 then 'net_100'
                when min(nps_score) over () < 0 then 'net_10'
                else 'answer_0_10'
            end
        {% else %}
            '{{ nps_scale }}'
        {% endif %} as nps_scale
    from renamed
),

-- one 0-10 answer is a promoter (9-10, +100), passive (7-8, 0) or detractor (0-6, -100): the net
-- score of that one response; a value outside its scale is N/A
net_scores as (
    select
        *,
        case
            when nps_scale = 'net_100' and nps_score between -100 and 100 then nps_score
            when nps_scale = 'net_10' and nps_score between -10 and 10 then nps_score * 10
            when nps_scale = 'answer_0_10' and nps_score between 0 and 10
                then case when nps_score >= 9 then 100 when nps_score >= 7 then 0 else -100 end
        end as net_promoter_score
    from nps_scales
)

select * from net_scores
