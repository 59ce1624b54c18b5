{#- dbt's default generate_series builds the numbers from powers of two, and power() is a double on
    Spark: a number cast to text reads '1.0' there and '1' on DuckDB, so the validation bootstrap's
    hashed draws (account id | replicate number) differed between the engines. This takes the place
    of the default for every dbt.generate_series on Spark: 1..upper_bound as bigint, as dbt-duckdb's. -#}
{% macro spark__generate_series(upper_bound) -%}
    select cast(generated_number as bigint) as generated_number
    from (select explode(sequence(1, {{ upper_bound }})) as generated_number) as series
{%- endmacro %}
