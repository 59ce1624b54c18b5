-- The yes/no measures is_past_due and is_annual_contract are booleans (not 0/1 numbers), both
-- in the billing measures and in the weekly measures that carry them to scoring. Returns each such
-- column whose type is not boolean, or that is missing.
{%- set flag_columns = ['is_past_due', 'is_annual_contract'] -%}
{%- set models = ['int_billing_measures_weekly', 'int_account_measures_weekly'] -%}
{%- set found = [] -%}
{%- for model_name in models -%}
    {%- set relation = ref(model_name) -%}
    {%- set types = {} -%}
    {%- if execute -%}
        {%- for column in adapter.get_columns_in_relation(relation) -%}
            {%- do types.update({column.name | lower: column.data_type | lower}) -%}
        {%- endfor -%}
    {%- endif -%}
    {%- for column_name in flag_columns -%}
        {%- do found.append((model_name, column_name, types.get(column_name, 'missing'))) -%}
    {%- endfor -%}
{%- endfor %}

with

flag_column_types as (
    {% for model_name, column_name, data_type in found %}
        select
            '{{ model_name }}' as model_name,
            '{{ column_name }}' as column_name,
            '{{ data_type }}' as data_type
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
)

select * from flag_column_types
where data_type != 'boolean'
