{#- True when any of the timestamp (or date) columns lies outside the sane window of its row:
    before the var earliest_valid_date, or after the row's load time plus one day (columns recording
    something that has happened: created, started, received, solved) or plus planned_days (columns
    that may lie ahead: period and trial ends, close and due dates). An epoch in milliseconds lands
    tens of thousands of years ahead and fails the same way as a 1970 date. Null columns pass (the
    model's own checks say which must be present); a row without a load time gets the lower bound
    only. -#}
{% macro is_out_of_window(happened=[], planned=[], loaded_at='loaded_at', planned_days=1830) -%}
    {%- set earliest = "cast('" ~ var('earliest_valid_date') ~ "' as " ~ dbt.type_timestamp() ~ ")" -%}
    {%- set bounds = [] -%}
    {%- for column in happened + planned -%}
        {%- set days_after_load = 1 if column in happened else planned_days -%}
        {%- do bounds.append(column ~ ' < ' ~ earliest) -%}
        {%- do bounds.append(column ~ ' > ' ~ dbt.dateadd('day', days_after_load, loaded_at)) -%}
    {%- endfor -%}
    ({{ bounds | join(' or ') }})
{%- endmacro %}
