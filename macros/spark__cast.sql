{#- dbt.cast on Spark, with the project's type names (DuckDB spelling, as the contracts in the yml files
    give them) in Spark's: a model contract's check builds its empty typed row set through this
    (`cast(null as varchar)` is an error on Spark). Takes the place of dbt's default for Spark. -#}
{% macro spark__cast(field, type) -%}
    cast({{ field }} as {{ contract_type(type) }})
{%- endmacro %}
