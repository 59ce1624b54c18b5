{#- Money in a currency's minor units (Stripe's integer cents) to major units. Zero-decimal
    currencies (Stripe's list, e.g. jpy, krw) are already in major units. -#}
{% macro minor_to_major(amount_column, currency_column) -%}
    case
        when lower(trim({{ currency_column }})) in (
            'bif', 'clp', 'djf', 'gnf', 'jpy', 'kmf', 'krw', 'mga',
            'pyg', 'rwf', 'ugx', 'vnd', 'vuv', 'xaf', 'xof', 'xpf'
        )
            then cast({{ safe_cast(amount_column, 'decimal(18, 2)') }} as decimal(18, 2))
        else cast({{ safe_cast(amount_column, 'decimal(18, 2)') }} / 100 as decimal(18, 2))
    end
{%- endmacro %}
