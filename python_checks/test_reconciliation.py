"""Reconcile the warehouse against the simulator's manifest: every raw row and every injected defect
is accounted for - kept, merged as a duplicate, repaired, flagged or quarantined with its reason."""

from __future__ import annotations

from typing import Any

import duckdb
import pytest

from python_checks.conftest import query_dict

# manifest mess kind -> quarantine reason, for the kinds that end in quarantine
QUARANTINED_KINDS = {
    "null_timestamp": "null_timestamp",
    "future_timestamp": "future_timestamp",
    "out_of_range_score": "out_of_range_score",
    "negative_quantity": "negative_quantity",
    "unknown_account": "unknown_account",
}


def source_table(manifest_key: str) -> str:
    """'product/tracks' -> 'product.tracks'."""
    return manifest_key.replace("/", ".")


def injected(manifest: dict[str, Any], kind: str, skip: tuple[str, ...] = ()) -> dict[str, int]:
    """{source table: rows the simulator injected with this kind of mess}, tables with none left out."""
    counts = {
        source_table(table): kinds[kind]
        for table, kinds in manifest["mess"].items()
        if kinds.get(kind, 0) > 0 and table not in skip
    }
    assert counts, f"the simulator injected no {kind}"
    return counts


def test_raw_row_counts_match_manifest(
    warehouse: duckdb.DuckDBPyConnection, manifest: dict[str, Any]
) -> None:
    raw_rows = query_dict(warehouse, "select source_table, raw_rows from marts.fct_data_quality")
    expected = {source_table(k): v["rows"] for k, v in manifest["tables"].items()}
    assert raw_rows == expected


def test_books_balance_for_every_table(warehouse: duckdb.DuckDBPyConnection) -> None:
    rows = warehouse.sql(
        "select source_table, raw_rows, kept_rows + duplicate_rows + quarantined_rows "
        "from marts.fct_data_quality"
    ).fetchall()
    assert len(rows) == 18
    for table, raw, accounted in rows:
        assert raw == accounted, table


@pytest.mark.parametrize("kind", sorted(QUARANTINED_KINDS))
def test_quarantined_kinds_match_manifest(
    warehouse: duckdb.DuckDBPyConnection, manifest: dict[str, Any], kind: str
) -> None:
    reason = QUARANTINED_KINDS[kind]
    found = query_dict(
        warehouse,
        "select source_table, count(*) from quarantine.quarantined_records "
        f"where reason = '{reason}' group by source_table",
    )
    assert found == injected(manifest, kind)


def test_test_account_activity_is_quarantined(
    warehouse: duckdb.DuckDBPyConnection, manifest: dict[str, Any]
) -> None:
    found = query_dict(
        warehouse,
        "select source_table, count(*) from quarantine.quarantined_records "
        "where reason = 'test_account' group by source_table",
    )
    assert found == injected(manifest, "test_account", skip=("crm/account",))


def test_duplicates_are_merged(
    warehouse: duckdb.DuckDBPyConnection, manifest: dict[str, Any]
) -> None:
    found = query_dict(
        warehouse,
        "select source_table, duplicate_rows from marts.fct_data_quality where duplicate_rows > 0",
    )
    assert found == injected(manifest, "duplicate")


def test_id_case_and_whitespace_are_repaired(
    warehouse: duckdb.DuckDBPyConnection, manifest: dict[str, Any]
) -> None:
    found = query_dict(
        warehouse,
        "select source_table, sum(row_count) from intermediate.int_account_references_resolved "
        "where match_status = 'matched_normalized' group by source_table",
    )
    assert found == injected(manifest, "id_case_whitespace")


def test_soft_deletes_are_flagged(
    warehouse: duckdb.DuckDBPyConnection, manifest: dict[str, Any]
) -> None:
    staged = {
        "crm.account": "stg_crm__accounts",
        "crm.contact": "stg_crm__contacts",
        "crm.opportunity": "stg_crm__opportunities",
        "crm.activity": "stg_crm__activities",
    }
    expected = injected(manifest, "soft_deleted")
    found = {
        table: warehouse.sql(f"select count(*) from staging.{model} where is_deleted").fetchone()[0]
        for table, model in staged.items()
        if table in expected
    }
    assert found == expected


def test_late_events_are_kept(
    warehouse: duckdb.DuckDBPyConnection, manifest: dict[str, Any]
) -> None:
    late = warehouse.sql(
        "select count(*) from staging.stg_product__tracks where is_late_arriving"
    ).fetchone()[0]
    assert late == manifest["mess"]["product/tracks"]["late_arriving"] > 0


def test_dim_accounts_holds_exactly_the_real_accounts(
    warehouse: duckdb.DuckDBPyConnection, raw_dir_truth: Any
) -> None:
    in_dim = {
        row[0] for row in warehouse.sql("select account_id from marts.dim_accounts").fetchall()
    }
    real = set(
        raw_dir_truth.query("not is_test and not is_deleted")["account_id"].str.upper().str.strip()
    )
    assert in_dim == real


@pytest.fixture(scope="module")
def raw_dir_truth(manifest: dict[str, Any]) -> Any:
    import pandas as pd

    from python_checks.conftest import RAW_DIR

    return pd.read_parquet(RAW_DIR / "_truth" / "accounts.parquet")
