{#- The column list of a base model without its dq_ bookkeeping columns, so each staging model
    exposes exactly the cleaned columns. Falls back to * before the base relation exists (parsing,
    linting a fresh checkout). -#}
{% macro staged_columns(base_relation) -%}
    {%- set names = [] -%}
    {%- if execute -%}
        {%- for column in adapter.get_columns_in_relation(base_relation) -%}
            {%- if not column.name.startswith('dq_') -%}
                {%- do names.append(adapter.quote(column.name)) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(names | join(',\n        ') if names else '*') }}
{%- endmacro %}
