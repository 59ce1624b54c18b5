{#- True when any of the raw money columns, meant to hold whole minor units (Stripe's integer
    cents), holds a fraction: most likely an amount in major units (49.99 for 4999). Read on the raw
    value, before minor_to_major rounds it away. Nulls and unparseable values pass (other checks
    handle them). -#}
{% macro has_fractional_minor_units(columns) -%}
    {%- set fractional = [] -%}
    {%- for column in columns -%}
        {%- set amount = safe_cast(column, 'double') -%}
        {%- do fractional.append(amount ~ ' != floor(' ~ amount ~ ')') -%}
    {%- endfor -%}
    coalesce({{ fractional | join(' or ') }}, false)
{%- endmacro %}
