{#- One row, one column content_hash: a fingerprint of every row of the given relations (seeds, small
    models), so a model can fold the configuration it was built with into its input hashes. Per
    relation, the sum of its rows' hashes (macro sum_of_row_hashes: no sort), joined with '|'.
    relations: the relations (ref()s) to hash, in a fixed order. except_columns: a dict from a
    relation's position in relations (0-based) to the columns left out of its rows' hashes (counts
    that change with every load, say). Any edit to any row changes it. -#}
{% macro content_hash(relations, except_columns={}) -%}
    select
        {% for relation in relations -%}
            coalesce((
                select {{ sum_of_row_hashes('hashed_rows', except_columns.get(loop.index0, [])) }}
                from {{ relation }} as hashed_rows
            ), '')
            {%- if not loop.last %} || '|' || {% endif %}
        {% endfor -%}
        as content_hash
{%- endmacro %}
