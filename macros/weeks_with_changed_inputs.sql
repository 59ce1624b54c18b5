{#- The ISO weeks a model incremental by week on input hashes rebuilds: those holding an account week
    whose current hash differs from the stored one, or that is new or gone. current_hashes and
    stored_hashes: relations or CTEs with account_id, week_start_date and hash_columns (one row per
    account week). Returns a select of week_start_date. -#}
{% macro weeks_with_changed_inputs(current_hashes, stored_hashes, hash_columns=['input_hash']) -%}
    select distinct coalesce(current_hashes.week_start_date, stored_hashes.week_start_date)
        as week_start_date
    from {{ current_hashes }} as current_hashes
    full outer join {{ stored_hashes }} as stored_hashes
        on
            current_hashes.account_id = stored_hashes.account_id
            and current_hashes.week_start_date = stored_hashes.week_start_date
    where
        current_hashes.account_id is null
        or stored_hashes.account_id is null
        {% for column in hash_columns -%}
            or current_hashes.{{ column }} != stored_hashes.{{ column }}
        {% endfor %}
{%- endmacro %}

{#- The where clause that keeps a model's input rows of the weeks it rebuilds: on an incremental run
    the weeks_with_changed_inputs; on a full build nothing (every week). -#}
{% macro where_inputs_changed(current_hashes, stored_hashes, hash_columns=['input_hash']) -%}
    {%- if is_incremental() -%}
        where week_start_date in (
            select rebuilt_weeks.week_start_date
            from ({{ weeks_with_changed_inputs(current_hashes, stored_hashes, hash_columns) }}) as rebuilt_weeks
        )
    {%- endif -%}
{%- endmacro %}
