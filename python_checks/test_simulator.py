"""The source simulator (healthsim): determinism, the raw contract's schemas, the manifest's row and
mess counts reconciled against the Parquet files, and the ground truth's consistency.

Runs the simulator itself at a small scale (no warehouse needed); about 15 seconds in all.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from healthsim import catalog
from healthsim.cli import build_parser, config_from_args, main
from healthsim.config import SimConfig
from healthsim.runner import run
from healthsim.schema import MESS_TABLES, RAW_SCHEMAS, RAW_TABLES, TRUTH_SCHEMAS

REPO = Path(__file__).resolve().parent.parent

ACCOUNTS, MONTHS, SEED = 300, 12, 42
AS_OF = dt.date(2026, 10, 31)
AS_OF_END = pd.Timestamp(AS_OF) + pd.Timedelta(days=1)
# columns that name a due date or the end of a running period, legitimately after the as-of date
DUE_COLUMNS = {
    ("crm/opportunity", "close_date"),
    ("crm/activity", "activity_date"),
    ("billing/subscriptions", "current_period_end"),
    ("billing/subscriptions", "trial_end"),
    ("billing/invoices", "period_end"),
    ("billing/invoice_line_items", "period_end"),
}
LOAD_COLUMNS = {"uuid_ts", "_fivetran_synced"}
STRIPE_TIME_COLUMNS = {
    "created",
    "start_date",
    "current_period_start",
    "current_period_end",
    "trial_start",
    "trial_end",
    "canceled_at",
    "ended_at",
    "period_start",
    "period_end",
}
REFERENCES = {
    "product/tracks": "context_group_id",
    "product/identifies": "context_group_id",
    "support/organizations": "external_id",
    "survey/nps_responses": "account_id",
    "billing/customers": "metadata_account_id",
}
RECORD_IDS = {
    "product/tracks": "id",
    "product/identifies": "id",
    "support/tickets": "id",
    "survey/nps_responses": "response_id",
    "billing/charges": "id",
}


def _config(out: Path, **overrides: Any) -> SimConfig:
    args: dict[str, Any] = {
        "accounts": ACCOUNTS,
        "months": MONTHS,
        "seed": SEED,
        "out": out,
        "quiet": True,
        "chunk_size": 128,
        "as_of": AS_OF,
    }
    args.update(overrides)
    return SimConfig(**args)


def _file_hashes(out: Path) -> dict[str, str]:
    return {
        str(path.relative_to(out)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(out.rglob("*.parquet"))
    }


def _read(out: Path, table: str) -> pa.Table:
    return pq.read_table(out / table)


def _frame(out: Path, table: str) -> pd.DataFrame:
    return _read(out, table).to_pandas()


@pytest.fixture(scope="module")
def sim(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sim")
    run(_config(out))
    return out


@pytest.fixture(scope="module")
def sim_manifest(sim: Path) -> dict[str, Any]:
    return json.loads((sim / "_manifest.json").read_text())


@pytest.fixture(scope="module")
def crm_accounts(sim: Path) -> pd.DataFrame:
    return _frame(sim, "crm/account").set_index("id")


# --- determinism ----------------------------------------------------------------------------------


def test_same_arguments_give_identical_files_and_rerun_clears_old_output(
    sim: Path, tmp_path: Path
) -> None:
    stale = tmp_path / "product" / "tracks" / "part-09999.parquet"
    stale.parent.mkdir(parents=True)
    pq.write_table(RAW_SCHEMAS["product/tracks"].empty_table(), stale)
    (tmp_path / "notes.txt").write_text("not ours")
    argv = [
        "--accounts",
        str(ACCOUNTS),
        "--months",
        str(MONTHS),
        "--seed",
        str(SEED),
        "--out",
        str(tmp_path),
        "--chunk-size",
        "128",
        "--quiet",
    ]
    assert main(argv) == 0
    assert not stale.exists()
    assert (tmp_path / "notes.txt").exists(), "files the simulator does not own are kept"
    assert _file_hashes(tmp_path) == _file_hashes(sim)
    manifest_a = json.loads((sim / "_manifest.json").read_text())
    manifest_b = json.loads((tmp_path / "_manifest.json").read_text())
    assert manifest_a == manifest_b


def test_output_does_not_depend_on_chunking(sim: Path, tmp_path: Path) -> None:
    run(_config(tmp_path, chunk_size=1000))
    for table in RAW_TABLES:
        assert _read(tmp_path, table).equals(_read(sim, table)), table
    for name in TRUTH_SCHEMAS:
        truth = Path("_truth") / f"{name}.parquet"
        assert pq.read_table(tmp_path / truth).equals(pq.read_table(sim / truth)), name


def test_a_different_seed_gives_different_data(sim: Path, tmp_path: Path) -> None:
    run(_config(tmp_path, seed=SEED + 1, accounts=120))
    other = _frame(tmp_path, "product/tracks")
    ours = _frame(sim, "product/tracks")
    assert not set(other["id"]) & set(ours["id"])
    truth_a = pd.read_parquet(sim / "_truth" / "accounts.parquet").head(120)
    truth_b = pd.read_parquet(tmp_path / "_truth" / "accounts.parquet")
    assert not truth_a["segment"].equals(truth_b["segment"])


# --- contract -------------------------------------------------------------------------------------


@pytest.mark.parametrize("table", RAW_TABLES)
def test_every_part_file_has_the_contract_schema(sim: Path, table: str) -> None:
    parts = sorted((sim / table).glob("part-*.parquet"))
    assert parts, f"no part files for {table}"
    for part in parts:
        assert pq.read_schema(part).remove_metadata() == RAW_SCHEMAS[table], part


def test_truth_files_have_their_schemas(sim: Path) -> None:
    for name, schema in TRUTH_SCHEMAS.items():
        assert pq.read_schema(sim / "_truth" / f"{name}.parquet").remove_metadata() == schema


def test_manifest_row_counts_equal_parquet_row_counts(
    sim: Path, sim_manifest: dict[str, Any]
) -> None:
    assert set(sim_manifest["tables"]) == set(RAW_TABLES)
    for table in RAW_TABLES:
        assert sim_manifest["tables"][table]["rows"] == _read(sim, table).num_rows, table
    assert sim_manifest["args"]["accounts"] == ACCOUNTS
    assert sim_manifest["args"]["as_of"] == AS_OF.isoformat()


def test_track_events_come_from_the_feature_catalogue(sim: Path) -> None:
    tracks = _frame(sim, "product/tracks")
    assert set(tracks["event"]) == set(catalog.EVENT_NAMES)
    texts = dict(zip(catalog.EVENT_NAMES, catalog.EVENT_TEXTS, strict=True))
    assert (tracks["event"].map(texts) == tracks["event_text"]).all()


def test_no_time_after_the_as_of_date_except_future_events_due_dates_and_loads(
    sim: Path,
) -> None:
    for table, schema in RAW_SCHEMAS.items():
        data = _frame(sim, table)
        for field in schema:
            if (table, field.name) in DUE_COLUMNS:
                continue
            column = data[field.name].dropna()
            if field.type == pa.timestamp("us"):
                values = column
            elif field.type == pa.date32():
                values = pd.to_datetime(column)
            elif table.startswith("billing/") and field.name in STRIPE_TIME_COLUMNS:
                values = pd.to_datetime(column.astype("int64"), unit="s")
            else:
                continue
            if table == "product/tracks" and field.name in ("timestamp", "sent_at"):
                future = data["timestamp"] > data["received_at"] + pd.Timedelta(days=1)
                values = data.loc[~future, field.name].dropna()
            limit = AS_OF_END + pd.Timedelta(days=1) if field.name in LOAD_COLUMNS else AS_OF_END
            assert (values < limit).all(), f"{table}.{field.name} runs past {limit}"


# --- mess -----------------------------------------------------------------------------------------


def test_every_mess_kind_is_injected_on_every_table_it_names(sim_manifest: dict[str, Any]) -> None:
    for kind, tables in MESS_TABLES.items():
        for table in tables:
            assert sim_manifest["mess"][table][kind] > 0, f"no {kind} on {table}"


def test_duplicates_reconcile(sim: Path, sim_manifest: dict[str, Any]) -> None:
    for table, id_column in RECORD_IDS.items():
        data = _frame(sim, table)
        copies = len(data) - data[id_column].nunique()
        assert copies == sim_manifest["mess"][table]["duplicate"], table


def test_track_timestamp_defects_reconcile(sim: Path, sim_manifest: dict[str, Any]) -> None:
    tracks = _frame(sim, "product/tracks")
    mess = sim_manifest["mess"]["product/tracks"]
    day = pd.Timedelta(days=1)
    late = tracks["received_at"] > tracks["timestamp"] + day
    assert tracks["timestamp"].isna().sum() == mess["null_timestamp"]
    assert (tracks["timestamp"] > tracks["received_at"] + day).sum() == mess["future_timestamp"]
    assert late.sum() == mess["late_arriving"]
    delay = (tracks["received_at"] - tracks["timestamp"])[late]
    assert delay.between(2 * day, 10 * day).all()
    tickets = _frame(sim, "support/tickets")
    null_created = sim_manifest["mess"]["support/tickets"]["null_timestamp"]
    assert tickets["created_at"].isna().sum() == null_created
    assert not (tickets["solved_at"] < tickets["created_at"]).any()


def test_value_defects_reconcile(sim: Path, sim_manifest: dict[str, Any]) -> None:
    nps = _frame(sim, "survey/nps_responses")
    bad_scores = ~nps["score"].between(0, 10)
    assert bad_scores.sum() == sim_manifest["mess"]["survey/nps_responses"]["out_of_range_score"]
    assert set(nps.loc[bad_scores, "score"]) <= {11, 12, -1}
    items = _frame(sim, "billing/subscription_items")
    negative = sim_manifest["mess"]["billing/subscription_items"]["negative_quantity"]
    assert (items["quantity"] < 0).sum() == negative
    assert (_frame(sim, "billing/invoice_line_items")["quantity"] >= 0).all()


def test_soft_deletes_and_test_accounts_reconcile(
    sim: Path, sim_manifest: dict[str, Any], crm_accounts: pd.DataFrame
) -> None:
    for table in MESS_TABLES["soft_deleted"]:
        deleted = int(_frame(sim, table)["is_deleted"].sum())
        assert deleted == sim_manifest["mess"][table]["soft_deleted"], table
    tests = crm_accounts["type"].isin(["Internal", "Test"]).sum()
    assert tests == sim_manifest["mess"]["crm/account"]["test_account"]
    assert set(crm_accounts["type"]) == {"Customer", "Internal", "Test"}


@pytest.mark.parametrize("table", sorted(REFERENCES))
def test_account_references_reconcile(
    sim: Path, sim_manifest: dict[str, Any], crm_accounts: pd.DataFrame, table: str
) -> None:
    """Every reference is exact, repaired by upper(trim()), unknown, or a test tenant's - in
    exactly the manifest's numbers; deleted CRM accounts have no activity anywhere."""
    refs = _frame(sim, table)[REFERENCES[table]]
    normalized = refs.str.strip().str.upper()
    known = normalized.isin(crm_accounts.index)
    account_type = normalized.map(crm_accounts["type"])
    is_deleted = normalized.map(crm_accounts["is_deleted"]).fillna(False).astype(bool)
    test = account_type.isin(["Internal", "Test"])
    mess = sim_manifest["mess"][table]
    assert (~known).sum() == mess["unknown_account"]
    assert (known & ~test & (refs != normalized)).sum() == mess["id_case_whitespace"]
    assert test.sum() == mess.get("test_account", 0)
    assert not (test & (refs != normalized)).any()
    assert not is_deleted.any()


# --- world and truth ------------------------------------------------------------------------------


def test_truth_matches_the_crm(sim: Path, crm_accounts: pd.DataFrame) -> None:
    truth = pd.read_parquet(sim / "_truth" / "accounts.parquet").set_index("account_id")
    assert len(truth) == ACCOUNTS
    assert truth.index.equals(crm_accounts.index)
    assert (truth["segment"] == crm_accounts["segment__c"]).all()
    assert (truth["is_deleted"] == crm_accounts["is_deleted"]).all()
    assert (truth["is_test"] == crm_accounts["type"].isin(["Internal", "Test"])).all()
    shares = truth.loc[~truth["is_test"] & ~truth["is_deleted"], "segment"].value_counts(
        normalize=True
    )
    for segment in catalog.SEGMENTS:
        assert abs(shares[segment.name] - segment.share) < 0.08, segment.name


def test_churned_accounts_have_zero_mrr_after_their_churn_month(sim: Path) -> None:
    accounts = pd.read_parquet(sim / "_truth" / "accounts.parquet")
    months = pd.read_parquet(sim / "_truth" / "account_months.parquet")
    churned = accounts.dropna(subset=["churn_date"])
    assert len(churned) > 5
    merged = months.merge(churned, on="account_id")
    churn_month = pd.to_datetime(merged["churn_date"]).dt.to_period("M").dt.to_timestamp()
    back = pd.to_datetime(merged["reactivation_date"]).dt.to_period("M").dt.to_timestamp()
    month = pd.to_datetime(merged["month_start"])
    gone = (month > churn_month) & (back.isna() | (month < back))
    assert gone.sum() > 0
    assert (merged.loc[gone, "mrr_usd"] == 0).all()
    assert not merged.loc[gone, "is_active"].any()
    assert merged.loc[gone, "latent_health"].isna().all()


def test_test_and_deleted_accounts_have_no_billing_or_mrr(
    sim: Path, crm_accounts: pd.DataFrame
) -> None:
    months = pd.read_parquet(sim / "_truth" / "account_months.parquet")
    not_customers = crm_accounts.index[
        crm_accounts["is_deleted"] | crm_accounts["type"].isin(["Internal", "Test"])
    ]
    assert (months.loc[months["account_id"].isin(not_customers), "mrr_usd"] == 0).all()
    customers = _frame(sim, "billing/customers")
    refs = customers["metadata_account_id"].str.strip().str.upper()
    assert not refs.isin(not_customers).any()


def test_churn_is_preceded_by_declining_health_and_usage(sim: Path) -> None:
    accounts = pd.read_parquet(sim / "_truth" / "accounts.parquet")
    months = pd.read_parquet(sim / "_truth" / "account_months.parquet")
    paid = set(months.loc[months["mrr_usd"] > 0, "account_id"])
    churned = accounts[accounts["churn_date"].notna() & accounts["account_id"].isin(paid)]
    merged = months.merge(churned[["account_id", "churn_date"]], on="account_id")
    churn = pd.to_datetime(merged["churn_date"])
    month = pd.to_datetime(merged["month_start"])
    merged["before"] = (churn.dt.year - month.dt.year) * 12 + churn.dt.month - month.dt.month
    health = merged.groupby("before")["latent_health"].mean()
    assert health[1] < health[3] - 0.1
    assert health[1] < months["latent_health"].mean() - 0.25

    tracks = _frame(sim, "product/tracks").dropna(subset=["timestamp"])
    tracks["account_id"] = tracks["context_group_id"].str.strip().str.upper()
    tracks["month_start"] = tracks["timestamp"].dt.to_period("M").dt.to_timestamp()
    events = tracks.groupby(["account_id", "month_start"]).size().rename("events").reset_index()
    merged["month_start"] = month
    usage = merged.merge(events, on=["account_id", "month_start"], how="left").fillna({"events": 0})
    per_month = usage.groupby("before")["events"].mean()
    assert per_month[1] < 0.8 * per_month[4]


def test_mrr_is_consistent_with_the_invoices(sim: Path) -> None:
    """Month-end MRR from the subscription lines of the invoices is close to the true MRR."""
    lines = _frame(sim, "billing/invoice_line_items")
    invoices = _frame(sim, "billing/invoices").set_index("id")
    prices = _frame(sim, "billing/prices").set_index("id")
    fx = _frame(sim, "billing/fx_rates")
    lines = lines[~lines["proration"]]
    lines = lines[~lines["invoice_id"].map(invoices["status"]).isin(["void", "draft"])]
    price = prices.loc[lines["price_id"]]
    months_per_period = (
        np.where(
            price["recurring_interval"] == "year",
            12.0,
            np.where(price["recurring_interval"] == "week", 12 / 52, 1.0),
        )
        * price["recurring_interval_count"].to_numpy()
    )
    monthly = lines["amount"].to_numpy() / months_per_period / 100
    truth = pd.read_parquet(sim / "_truth" / "account_months.parquet")
    for month_start, true_mrr in truth.groupby("month_start")["mrr_usd"].sum().items():
        end = min(pd.Timestamp(month_start) + pd.offsets.MonthBegin(1), AS_OF_END)
        snapshot = int(end.timestamp()) - 1
        covering = (lines["period_start"] <= snapshot) & (lines["period_end"] > snapshot)
        rates = fx[fx["month_start"] == month_start].set_index("currency")["rate_to_usd"]
        usd = monthly[covering.to_numpy()] * lines.loc[covering, "currency"].map(rates).to_numpy()
        assert usd.sum() == pytest.approx(true_mrr, rel=0.05), month_start


def test_fx_rates_cover_every_month_and_currency(sim: Path) -> None:
    fx = _frame(sim, "billing/fx_rates")
    assert len(fx) == MONTHS * 3
    assert (fx.loc[fx["currency"] == "usd", "rate_to_usd"] == 1.0).all()
    assert fx.loc[fx["currency"] == "eur", "rate_to_usd"].between(1.05, 1.15).all()
    assert fx.loc[fx["currency"] == "gbp", "rate_to_usd"].between(1.20, 1.35).all()


# --- command line ---------------------------------------------------------------------------------


def test_cli_rate_flags_reach_the_config(tmp_path: Path) -> None:
    args = build_parser().parse_args(
        ["--out", str(tmp_path), "--duplicate-rate", "0.05", "--unknown-account-rate", "0"]
    )
    cfg = config_from_args(args)
    assert cfg.rate("duplicate") == 0.05
    assert cfg.rate("unknown_account") == 0.0
    assert cfg.accounts == 500 and cfg.months == 24 and cfg.seed == 42
    assert cfg.as_of == AS_OF


def test_rates_of_zero_inject_nothing(tmp_path: Path) -> None:
    zero = {kind: 0.0 for kind in MESS_TABLES}
    manifest = run(_config(tmp_path, accounts=60, months=4, rates=zero))
    assert all(n == 0 for kinds in manifest["mess"].values() for n in kinds.values())


def test_simulator_schemas_are_the_contract_in_the_sources_yml() -> None:
    """The raw contract lives in models/staging/<system>/_<system>__sources.yml (columns, data_type);
    the simulator writes exactly those columns with those types."""
    import yaml

    arrow_for = {
        "varchar": pa.string(), "bigint": pa.int64(), "double": pa.float64(),
        "boolean": pa.bool_(), "date": pa.date32(), "timestamp": pa.timestamp("us"),
    }
    contract = {}
    for path in sorted((REPO / "models" / "staging").glob("*/_*__sources.yml")):
        for source in yaml.safe_load(path.read_text())["sources"]:
            if source["name"] == "flat_export":
                continue
            for table in source["tables"]:
                contract[f"{source['name']}/{table['name']}"] = [
                    (column["name"], arrow_for[column["data_type"]]) for column in table["columns"]
                ]
    assert set(contract) == set(RAW_TABLES)
    for table, columns in contract.items():
        assert columns == [(f.name, f.type) for f in RAW_SCHEMAS[table]], table
