{#- A pre-hook of a model incremental by ISO week (unique_key week_start_date): removes the weeks the
    model holds that its input no longer has at all. delete+insert (and Spark's insert_overwrite)
    replace only the weeks the new rows hold, so a week with no row left would otherwise stay.
    current_weeks: a select of the week_start_date values the input holds, one row per input row or
    fewer: it is reduced to its distinct weeks first, since `not in` over a long relation's rows
    (180M measure scores at 100,000 accounts) builds a hash table of every row, which cannot spill.
    Does nothing on a full build. -#}
{% macro delete_vanished_weeks(current_weeks) -%}
    {%- set current_weeks =
        'select distinct week_start_date from (' ~ current_weeks ~ ') as current_weeks' -%}
    {{ return(adapter.dispatch('delete_vanished_weeks', 'customer_health')(current_weeks)) }}
{%- endmacro %}

{% macro default__delete_vanished_weeks(current_weeks) -%}
    {%- if is_incremental() -%}
        delete from {{ this }}
        where week_start_date not in ({{ current_weeks }})
    {%- endif -%}
{%- endmacro %}

{#- Parquet tables take no delete: drop the vanished weeks' partitions, one statement each -#}
{% macro spark__delete_vanished_weeks(current_weeks) -%}
    {%- if execute and is_incremental() -%}
        {%- set vanished = run_query(
            'select distinct week_start_date from ' ~ this
            ~ ' where week_start_date not in (' ~ current_weeks ~ ')'
        ) -%}
        {%- for week in vanished.columns[0].values() -%}
            {%- do run_query(
                'alter table ' ~ this ~ " drop if exists partition (week_start_date = '"
                ~ week ~ "')"
            ) -%}
        {%- endfor -%}
    {%- endif -%}
{%- endmacro %}
