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
