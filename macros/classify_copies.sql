{#- The closing step of every base model: names the record id and load time in the common dq_
    columns, sets conflicting copies aside and numbers the copies of each record id, latest first.
    Copies of a record id that passed their row checks (dq_row_reason null) and are of the same
    version are compared on their content, every column but the load-time ones: identical copies
    are duplicates (dq_row_number = 1, the latest, is the copy staging keeps); copies that differ
    are a conflict, and each gets dq_reason 'conflicting_copy': none is kept, since nothing says
    which is true. Copies are numbered separately among the rows that passed and those that failed,
    so a bad copy never hides a good one.
    Arguments: record_id (column), latest_first (order by clause putting the latest copy first),
    version (column telling versions of a record apart, e.g. a modification stamp: copies of
    different versions are not in conflict, the latest wins; none when every copy claims to be the
    same version), load_columns (columns that differ between loads of the same content, left out
    of the comparison), relation (the preceding CTE, default checked). -#}
{% macro classify_copies(
    record_id, latest_first, version=none, load_columns=['loaded_at'], relation='checked'
) -%}
    {%- set same_version = [record_id] + ([version] if version else []) -%}
    {%- set valid_hash = 'case when dq_row_reason is null then dq_content_hash end' -%}
    {#- Most record ids arrive once: only the rows of ids seen more than once are hashed, compared
        and numbered (window functions over a few percent of the rows instead of all of them). A
        null id is one id here, as in a window partition. -#}
    with

    repeated_ids as (
        select {{ record_id }} as record_id
        from {{ relation }}
        group by {{ record_id }}
        having count(*) > 1
    )

    select
        singles.*,
        null as dq_content_hash,
        singles.dq_row_reason as dq_reason,
        cast(singles.{{ record_id }} as {{ dbt.type_string() }}) as dq_record_id,
        singles.loaded_at as dq_loaded_at,
        cast(1 as {{ dbt.type_bigint() }}) as dq_row_number
    from {{ relation }} as singles
    where not exists (
        select 1
        from repeated_ids
        where repeated_ids.record_id is not distinct from singles.{{ record_id }}
    )

    union all

    select
        *,
        cast({{ record_id }} as {{ dbt.type_string() }}) as dq_record_id,
        loaded_at as dq_loaded_at,
        cast(row_number() over (
            partition by {{ record_id }}, dq_reason is null
            order by {{ latest_first }}
        ) as {{ dbt.type_bigint() }}) as dq_row_number
    from (
        select
            *,
            coalesce(
                dq_row_reason,
                case
                    when
                        min({{ valid_hash }}) over (partition by {{ same_version | join(', ') }})
                        != max({{ valid_hash }}) over (partition by {{ same_version | join(', ') }})
                        then 'conflicting_copy'
                end
            ) as dq_reason
        from (
            select
                *,
                {{ row_content_hash('copies', load_columns) }} as dq_content_hash
            from {{ relation }} as copies
            where exists (
                select 1
                from repeated_ids
                where repeated_ids.record_id is not distinct from copies.{{ record_id }}
            )
        ) as hashed_copies
    ) as compared_copies
{%- endmacro %}
