"""Ids that the build's normalization (upper(trim(id)), macro normalize_id) changes: CRM account
ids that become one, and account references that match a CRM id only once normalized."""

from __future__ import annotations

import duckdb

from rawcheck.contract import Contract
from rawcheck.findings import Finding, plural, shown, warn
from rawcheck.scan import TableScan

ACCOUNTS = "crm/account"
SHOWN = 3


def normalized(expression: str) -> str:
    return f"nullif(upper(trim(cast({expression} as varchar))), '')"


def colliding_account_ids(con: duckdb.DuckDBPyConnection, scan: TableScan) -> list[Finding]:
    if not scan.has("id"):
        return []
    rows = con.sql(
        f"select {normalized('id')} as account_id, list(distinct cast(id as varchar) order by "
        "cast(id as varchar)) from crm.account where id is not null group by account_id "
        "having count(distinct id) > 1 order by account_id"
    ).fetchall()
    if not rows:
        return []
    examples = "; ".join(" = ".join(shown(raw) for raw in ids) for _, ids in rows[:SHOWN])
    return [
        warn(
            ACCOUNTS,
            "id",
            "id_collision",
            f"{plural(len(rows), 'account id')} shared by several raw ids once normalized "
            f"(upper(trim(id))), e.g. {examples}: the build keeps one account for each",
        )
    ]


def references_matching_only_normalized(
    con: duckdb.DuckDBPyConnection, scans: dict[str, TableScan], contract: Contract
) -> list[Finding]:
    if not scans[ACCOUNTS].has("id"):
        return []
    found = []
    for table in contract.tables:
        for column in table.columns:
            if not column.is_account_reference or not scans[table.key].has(column.name):
                continue
            reference = f'cast("{column.name}" as varchar)'
            row = con.sql(
                f"""
                with refs as (
                    select {reference} as ref, count(*) as rows
                    from {table.sql_name} where "{column.name}" is not null group by ref
                ),
                exact as (select distinct cast(id as varchar) as id from crm.account),
                loose as (select distinct {normalized("id")} as id from crm.account)
                select
                    sum(refs.rows),
                    count(*),
                    list(refs.ref order by refs.rows desc, refs.ref)[1:{SHOWN}]
                from refs
                inner join loose on {normalized("refs.ref")} = loose.id
                where refs.ref not in (select id from exact where id is not null)
                """
            ).fetchone()
            if row is None or not row[0]:
                continue
            examples = ", ".join(shown(value) for value in row[2])
            found.append(
                warn(
                    table.key,
                    column.name,
                    "reference_case",
                    "matches a CRM account id only by case or whitespace in "
                    f"{plural(row[0], 'row')} ({plural(row[1], 'value')}, e.g. {examples}): "
                    "the build matches them on upper(trim(id))",
                )
            )
    return found
