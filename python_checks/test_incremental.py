"""An incremental run gives the same warehouse as a full refresh of the same data.

A small simulated world is cut at a load time two weeks before its end: the first build sees only the
product events and identifies loaded by then, and a subscription item with another quantity (its value
before a change). The second, incremental, run sees everything: two more weeks of events, late events
for earlier weeks, a retried copy of an old event (a duplicate) and a changed copy of another (a
conflict, which takes the old event out of its day), and an old identify the first build saw four
weeks earlier than it happened (as if corrected in the source: no event model sees it, but every
account-week of int_usage_measures_weekly from the user's first week on counts its known users
again). A full refresh of the final data in a second
warehouse must equal it: every mart, the quarantine and every incremental model, row for row (doubles to 1e-9).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from python_checks.conftest import REPO, run_dbt

CUT = "2026-10-17 00:00:00"
INCREMENTAL_MODELS = (
    "base_product__tracks", "int_product_event_days", "int_product_user_weeks", "int_product_feature_weeks",
    "int_account_user_weeks", "int_account_feature_weeks", "int_usage_measures_weekly",
    "int_account_measure_scores", "int_account_health_scores", "int_account_churn_probabilities",
)
# a name only a model's incremental branch compiles to (the event models: their load watermark)
INCREMENTAL_MARKERS = {
    "int_account_user_weeks": "stored_hashes",
    "int_account_feature_weeks": "stored_hashes",
    "int_usage_measures_weekly": "stored_input_hashes",
    "int_account_measure_scores": "rebuilt_weeks",
    "int_account_health_scores": "rebuilt_weeks",
    "int_account_churn_probabilities": "rebuilt_weeks",
}
# columns that name the run, not the data
RUN_COLUMNS = ("dbt_invocation_id",)
NOT_TESTS = ["--exclude-resource-type", "test", "--exclude-resource-type", "unit_test"]


def corrected_user(raw: Path) -> tuple[str, str]:
    """The user whose identifies the first build sees four weeks early, and the ISO week the user was
    first identified in: the first (by id) first identified 150 to 90 days before the cut."""
    return duckdb.sql(f"""
        select user_id, cast(date_trunc('week', first_at) as varchar)
        from (
            select user_id, min("timestamp") as first_at
            from read_parquet('{raw}/product/identifies/*.parquet')
            where user_id is not null
            group by user_id
        ) as first_identifies
        where first_at between timestamp '{CUT}' - interval 150 day and timestamp '{CUT}' - interval 90 day
        order by user_id
        limit 1
    """).fetchone()


def rewrite(table_dir: Path, select_sql: str) -> None:
    """Rewrite every part file of a raw table through a select over `part`."""
    con = duckdb.connect()
    for part in sorted(table_dir.glob("*.parquet")):
        con.sql(f"create or replace view part as select * from read_parquet('{part}')")
        con.sql(f"copy ({select_sql}) to '{part}.new' (format parquet)")
        os.replace(f"{part}.new", part)
    con.close()


def make_worlds(tmp: Path) -> tuple[Path, Path]:
    full = tmp / "raw_full"
    subprocess.run(
        [sys.executable, "-m", "healthsim", "--quiet", "--accounts", "60", "--months", "8",
         "--seed", "23", "--late-arriving-rate", "0.05", "--out", str(full)],
        cwd=REPO, check=True,
    )
    tracks = full / "product" / "tracks"
    con = duckdb.connect()
    # after the cut: a retry of an event loaded before it, and a changed copy of another
    con.sql(f"""
        copy (
            select * replace (
                case when row_number() over (order by id) = 1 then 'changed_' || event else event end
                    as event,
                received_at + interval 20 day as received_at,
                timestamp '{CUT}' + interval 3 day as uuid_ts
            )
            from (
                select * from read_parquet('{tracks}/*.parquet')
                where uuid_ts < timestamp '{CUT}' - interval 60 day and id is not null
                order by id
                limit 2
            ) as old_events
        ) to '{tracks}/zz_reloads.parquet' (format parquet)
    """)
    con.close()
    before = tmp / "raw_before"
    shutil.copytree(full, before)
    for table in ("tracks", "identifies"):
        rewrite(before / "product" / table, f"select * from part where uuid_ts <= timestamp '{CUT}'")
    # the identifies of one user first identified mid-history, four weeks early in the first build
    user_id, _ = corrected_user(full)
    rewrite(
        before / "product" / "identifies",
        f"select * replace (case when user_id = '{user_id}' then \"timestamp\" - interval 28 day "
        "else \"timestamp\" end as \"timestamp\") from part",
    )
    rewrite(
        before / "billing" / "subscription_items",
        "select * replace (case when id = (select min(id) from part) then quantity + 3 "
        "else quantity end as quantity) from part",
    )
    return before, full


def build(args: list[str], raw: Path, warehouse: Path, work: Path) -> None:
    result = run_dbt([*args, "--exclude", "tag:generic_test_self_check"], raw, warehouse, work)
    assert result.returncode == 0, result.stdout[-6000:]


def differing_rows(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> int:
    """Rows of inc.<table> and ref.<table> without a partner: equal in every column but the doubles,
    and the doubles equal within 1e-9 relative (their last bits depend on the order of a sum)."""
    columns = con.sql(
        "select column_name, data_type from information_schema.columns "
        f"where table_catalog = 'inc' and table_schema = '{schema}' and table_name = '{table}' "
        "order by ordinal_position"
    ).fetchall()
    columns = [(name, kind) for name, kind in columns if name not in RUN_COLUMNS]
    doubles = [f'"{name}"' for name, kind in columns if kind in ("DOUBLE", "FLOAT")]
    exact = [f'"{name}"' for name, kind in columns if kind not in ("DOUBLE", "FLOAT")]
    numbered = (
        "select *, row_number() over (partition by {keys} order by {order}) as copy_number "
        "from {catalog}.{schema}.{table}"
    )
    sides = {
        catalog: numbered.format(
            keys=", ".join(exact) or "1", order=", ".join(doubles) or "1",
            catalog=catalog, schema=schema, table=table,
        )
        for catalog in ("inc", "ref")
    }
    paired = " and ".join(
        [f"a.{col} is not distinct from b.{col}" for col in exact] + ["a.copy_number = b.copy_number"]
    )
    apart = " or ".join(
        f"not (a.{col} is not distinct from b.{col} "
        f"or abs(a.{col} - b.{col}) <= 1e-9 * greatest(1, abs(a.{col})))"
        for col in doubles
    ) or "false"
    return con.sql(
        f"select count(*) from ({sides['inc']}) as a full join ({sides['ref']}) as b on {paired} "
        f"where a.copy_number is null or b.copy_number is null or {apart}"
    ).fetchone()[0]


@pytest.fixture(scope="module")
def warehouses(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    tmp = tmp_path_factory.mktemp("incremental")
    before, full = make_worlds(tmp)
    incremental, refreshed = tmp / "incremental.duckdb", tmp / "refreshed.duckdb"
    build(["build", *NOT_TESTS], before, incremental, tmp / "first")
    shutil.copy(incremental, tmp / "first.duckdb")
    # the weekly run: every data test included
    build(["build"], full, incremental, tmp / "weekly")
    build(["build", "--full-refresh", *NOT_TESTS], full, refreshed, tmp / "refresh")
    return incremental, refreshed, tmp / "weekly" / "target"


def test_the_weekly_run_was_incremental(warehouses: tuple[Path, Path, Path]) -> None:
    _, _, target = warehouses
    for model in INCREMENTAL_MODELS:
        compiled, executed = (
            next(p for p in target.glob(f"{kind}/**/{model}.sql") if ".yml" not in str(p))
            .read_text()
            .lower()
            for kind in ("compiled", "run")
        )
        marker = INCREMENTAL_MARKERS.get(model, "watermark")
        assert marker in compiled and "delete from" in executed, model


def test_incremental_run_equals_a_full_refresh(warehouses: tuple[Path, Path, Path]) -> None:
    incremental, refreshed, _ = warehouses
    con = duckdb.connect()
    con.sql(f"attach '{incremental}' as inc (read_only)")
    con.sql(f"attach '{refreshed}' as ref (read_only)")
    tables = con.sql(
        "select table_schema, table_name from information_schema.tables "
        "where table_catalog = 'inc' and table_type = 'BASE TABLE' "
        "and (table_schema in ('marts', 'quarantine') "
        f"or table_name in {INCREMENTAL_MODELS}) order by 1, 2"
    ).fetchall()
    assert len(tables) > 20
    differing = {}
    for schema, table in tables:
        rows = differing_rows(con, schema, table)
        if rows:
            differing[f"{schema}.{table}"] = rows
    assert not differing, f"rows without a partner in the other build: {differing}"
    # the world exercised what it claims: late events and a conflict in the second load
    event_days = "inc.intermediate.int_product_event_days"
    late = con.sql(
        f"select count(*) from {event_days} where last_loaded_at > timestamp '{CUT}' "
        f"and event_date < date '{CUT}' - 7"
    ).fetchone()[0]
    assert late > 0
    conflicts = con.sql(
        "select count(*) from inc.quarantine.quarantined_records where reason = 'conflicting_copy'"
    ).fetchone()[0]
    assert conflicts >= 2


def test_usage_measures_rebuilt_whole_weeks_from_the_first_changed_one(
    warehouses: tuple[Path, Path, Path],
) -> None:
    """int_usage_measures_weekly rebuilt every account of each week from the earliest one whose inputs
    changed (the corrected identify's week at the latest) to the end, and no week before it."""
    incremental, _, target = warehouses
    invocation = json.loads((target / "run_results.json").read_text())["metadata"]["invocation_id"]
    _, corrected_week = corrected_user(incremental.parent / "raw_full")
    con = duckdb.connect(str(incremental), read_only=True)
    first_rebuilt, rebuilt_weeks, weeks, stale_rows_after, rebuilt_rows_before = con.sql(f"""
        with measures as (
            select week_start_date, dbt_invocation_id = '{invocation}' as is_rebuilt
            from intermediate.int_usage_measures_weekly
        ),
        first_rebuilt as (select min(week_start_date) as week from measures where is_rebuilt)
        select
            first_rebuilt.week,
            count(distinct case when is_rebuilt then week_start_date end),
            count(distinct week_start_date),
            count(case when week_start_date >= first_rebuilt.week and not is_rebuilt then 1 end),
            count(case when week_start_date < first_rebuilt.week and is_rebuilt then 1 end)
        from measures cross join first_rebuilt
        group by first_rebuilt.week
    """).fetchone()
    con.close()
    assert 0 < rebuilt_weeks < weeks
    assert str(first_rebuilt) <= corrected_week
    assert stale_rows_after == 0 and rebuilt_rows_before == 0


@pytest.mark.parametrize("model", ["int_account_measure_scores", "int_account_health_scores"])
def test_the_weekly_run_rebuilt_only_weeks_whose_inputs_changed(
    warehouses: tuple[Path, Path, Path], model: str
) -> None:
    """The weeks a scoring model rebuilds are those where an account week's stored input_hash changed
    (or the account week is new or gone) between the first build and the weekly run: some, not all."""
    incremental, _, _ = warehouses
    con = duckdb.connect()
    con.sql(f"attach '{incremental}' as inc (read_only)")
    con.sql(f"attach '{incremental.parent / 'first.duckdb'}' as first_build (read_only)")
    hashes = "select distinct account_id, week_start_date, input_hash from {}.intermediate." + model
    weeks, rebuilt = con.sql(f"""
        select
            count(distinct coalesce(latest.week_start_date, was.week_start_date)),
            count(distinct case
                when latest.input_hash is distinct from was.input_hash
                    then coalesce(latest.week_start_date, was.week_start_date)
            end)
        from ({hashes.format('inc')}) as latest
        full join ({hashes.format('first_build')}) as was
            on latest.account_id = was.account_id and latest.week_start_date = was.week_start_date
    """).fetchone()
    assert 0 < rebuilt < weeks, (model, rebuilt, weeks)


def test_the_weekly_run_tested_only_the_rows_it_wrote(
    warehouses: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    """In the weekly run (a `dbt build`), every data test of an incremental model that stamps its rows
    with dbt_invocation_id read only the rows that run wrote (macro get_where_subquery) - some of the
    table, not all - and passed; the tests of other models read whole tables. `dbt test` on the same
    warehouse reads every row."""
    incremental, _, target = warehouses
    run = json.loads((target / "run_results.json").read_text())
    filter_sql = f"dbt_invocation_id = '{run['metadata']['invocation_id']}'"
    con = duckdb.connect(str(incremental), read_only=True)
    stamped = {
        name for (name,) in con.sql(
            "select table_name from information_schema.columns "
            "where table_schema = 'intermediate' and column_name = 'dbt_invocation_id'"
        ).fetchall()
    }
    assert stamped >= set(INCREMENTAL_MODELS) - {"base_product__tracks"}
    nodes = json.loads((target / "manifest.json").read_text())["nodes"]
    filtered = {}
    generic_tests = [
        r for r in run["results"]
        if r["unique_id"].startswith("test.") and nodes[r["unique_id"]].get("test_metadata")
    ]
    for result in generic_tests:
        tested = (nodes[result["unique_id"]]["attached_node"] or "").split(".")[-1]
        assert (filter_sql in result["compiled_code"]) == (tested in stamped), result["unique_id"]
        if tested in stamped:
            assert result["status"] == "pass", result["unique_id"]
            filtered.setdefault(tested, []).append(result["unique_id"])
    assert set(filtered) == stamped
    for model in stamped:
        written, rows = con.sql(
            f"select count(*) filter (where {filter_sql}), count(*) from intermediate.{model}"
        ).fetchone()
        # this weekly run refits the churn model: a new model_version rebuilds every week of it
        everything = model == "int_account_churn_probabilities"
        assert 0 < written <= rows if everything else 0 < written < rows, (model, written, rows)
    con.close()
    copy = tmp_path / "tested.duckdb"
    shutil.copy(incremental, copy)
    result = run_dbt(
        ["test", "--select", "int_account_measure_scores", "--exclude-resource-type", "unit_test"],
        incremental.parent / "raw_full", copy, tmp_path / "test",
    )
    assert result.returncode == 0, result.stdout[-6000:]
    tested = json.loads((tmp_path / "test" / "target" / "run_results.json").read_text())["results"]
    assert tested and all("dbt_invocation_id" not in r["compiled_code"] for r in tested)
