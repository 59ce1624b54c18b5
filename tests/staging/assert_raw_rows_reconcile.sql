-- For every raw table: raw rows = kept + duplicates merged + quarantined, each counted from its own
-- relation (the source itself, the staging model, the base model's merged copies, the quarantine).
-- Returns the tables where the books do not balance.
{%- set tables = raw_tables() %}

with

counted as (
    {% for t in tables %}
        select
            '{{ t.source_table }}' as source_table,
            (
                select count(*) from ({{ raw_source(t.source, t.table) }}) as raw_rows_read
            ) as raw_rows,
            (select count(*) from {{ ref(t.stg_model) }}) as staged_rows,
            (
                select count(*) from {{ ref(t.base_model) }}
                where dq_reason is null and dq_row_number > 1
            ) as duplicate_rows,
            (
                select count(*) from {{ ref('quarantined_records') }}
                where source_table = '{{ t.source_table }}' and caught_in = 'staging'
            ) as quarantined_in_staging,
            (
                select count(*) from {{ ref('quarantined_records') }}
                where source_table = '{{ t.source_table }}' and caught_in = 'identity_resolution'
            ) as quarantined_in_identity_resolution
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

data_quality as (
    select * from {{ ref('fct_data_quality') }}
),

unbalanced as (
    select
        counted.*,
        data_quality.kept_rows,
        data_quality.quarantined_rows
    from counted
    left join data_quality
        on counted.source_table = data_quality.source_table
    where
        data_quality.raw_rows is null
        or counted.raw_rows != data_quality.raw_rows
        -- counted relation by relation
        or counted.raw_rows
        != counted.staged_rows + counted.duplicate_rows + counted.quarantined_in_staging
        -- as the data quality mart reports it
        or counted.raw_rows
        != data_quality.kept_rows + data_quality.duplicate_rows + data_quality.quarantined_rows
        or data_quality.kept_rows
        != counted.staged_rows - counted.quarantined_in_identity_resolution
)

select * from unbalanced
