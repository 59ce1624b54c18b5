{#- Two CTEs for a model incremental by ISO week whose rows of a week are made only of that week's
    input rows (the `rows` CTE, with week_start_date): week_hashes, one hash per week of every input
    row (macro sum_of_row_hashes: order-free), and rebuilt_week_hashes, the weeks this run builds
    with their hash - on an incremental run those whose hash differs from the one stored in the
    model's input_hash column (new or changed weeks; a week gone is the pre-hook
    delete_vanished_weeks' job), on a full build every week. Ends with a comma: the model's next
    CTE follows. -#}
{% macro weekly_input_hashes(rows) -%}
week_hashes as (
    select
        week_start_date,
        {{ sum_of_row_hashes(rows, ['week_start_date']) }} as input_hash
    from {{ rows }}
    group by week_start_date
),

rebuilt_week_hashes as (
    select week_hashes.*
    from week_hashes
    {% if is_incremental() -%}
        left join (select distinct week_start_date, input_hash from {{ this }}) as stored_hashes
            on week_hashes.week_start_date = stored_hashes.week_start_date
        where stored_hashes.input_hash is distinct from week_hashes.input_hash
    {%- endif %}
),
{%- endmacro %}

{#- A select of the ISO weeks in which a product relation by account reference (int_product_user_weeks,
    int_product_feature_weeks) has a row whose reference resolves to an account - and, catalogued, whose
    event the feature catalogue names: the weeks an account-level model built from it holds. The
    current weeks for delete_vanished_weeks, so a week whose every reference stopped resolving (or
    whose every event left the catalogue) is removed, not kept stale. -#}
{% macro resolved_product_weeks(relation, catalogued=false) -%}
    select product_weeks.week_start_date
    from {{ relation }} as product_weeks
    inner join ({{ matched_track_references() }}) as track_accounts
        on product_weeks.account_ref_raw = track_accounts.account_ref_raw
    {% if catalogued -%}
        inner join {{ ref('feature_catalogue') }} as feature_catalogue
            on product_weeks.event_name = feature_catalogue.event_name
    {%- endif %}
{%- endmacro %}

{#- A select of the product-tracks account references that resolve to an account (from
    int_account_references_resolved): what the account-level product weeks are resolved through. -#}
{% macro matched_track_references() -%}
    select * from {{ ref('int_account_references_resolved') }}
    where is_matched and source_table = 'product.tracks'
{%- endmacro %}
