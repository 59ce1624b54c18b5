"""The raw-data check (rawcheck) on a small simulated world and on copies of it broken the ways real
exports break: each break gives the finding (severity, table, column) it should, and only the ones
that would make the build wrong exit 1. No warehouse needed; about 10 seconds."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from python_checks.conftest import REPO
from rawcheck.check import check_raw_dir
from rawcheck.contract import load_contract
from rawcheck.findings import Finding, Severity, exit_code, verdict

CONTRACT = load_contract(REPO)


@pytest.fixture(scope="module")
def small_world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    raw = tmp_path_factory.mktemp("rawcheck_world")
    simulate(raw)
    return raw


@pytest.fixture
def world(small_world: Path, tmp_path: Path) -> Path:
    """A fresh copy of the small world to break."""
    raw = tmp_path / "raw"
    shutil.copytree(small_world, raw)
    return raw


def simulate(raw: Path, *extra: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "healthsim", "--quiet", "--accounts", "60", "--months", "12"]
        + ["--seed", "3", "--out", str(raw), *extra],
        cwd=REPO,
        check=True,
    )


def rewrite(raw: Path, table: str, query: str) -> None:
    """Replace a table's part files with one file: the result of `query`, which reads it as `t`."""
    folder = raw / table
    out = raw / "rewritten.parquet"
    duckdb.sql(
        f"copy (with t as (select * from read_parquet('{folder}/*.parquet')) {query}) to '{out}'"
    )
    shutil.rmtree(folder)
    folder.mkdir()
    out.rename(folder / "part-00000.parquet")


def split_in_two(raw: Path, table: str, dropped_from_second: str) -> None:
    """Write a table as two part files, the second without one column."""
    folder = raw / table
    source = f"read_parquet('{folder}/*.parquet')"
    first, second = raw / "first.parquet", raw / "second.parquet"
    duckdb.sql(f"copy (select * from {source} limit 10) to '{first}'")
    duckdb.sql(
        f"copy (select * exclude ({dropped_from_second}) from {source} offset 10) to '{second}'"
    )
    shutil.rmtree(folder)
    folder.mkdir()
    first.rename(folder / "part-00000.parquet")
    second.rename(folder / "part-00001.parquet")


def findings(raw: Path) -> list[Finding]:
    return check_raw_dir(raw, CONTRACT).findings


def found(
    all_findings: list[Finding], table: str, column: str | None, check: str, *phrases: str
) -> Finding:
    """The finding of `check` on table.column whose message holds every phrase."""
    matches = [
        finding
        for finding in all_findings
        if (finding.table, finding.column, finding.check) == (table, column, check)
        and all(phrase in finding.message for phrase in phrases)
    ]
    assert matches, f"no {check} finding {phrases} for {table}.{column} in {all_findings}"
    return matches[0]


def expect(
    raw: Path, table: str, column: str | None, check: str, severity: Severity, *phrases: str
) -> None:
    """The check of `raw` finds `check` on table.column with this severity and these phrases, and
    exits 1 exactly when something fails."""
    all_findings = findings(raw)
    finding = found(all_findings, table, column, check, *phrases)
    assert finding.severity is severity, finding
    fails = [finding for finding in all_findings if finding.severity is Severity.FAIL]
    assert exit_code(all_findings) == (1 if fails else 0)
    if severity is not Severity.FAIL:
        assert not fails, fails


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rawcheck", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )


def test_contract_is_read_from_the_sources() -> None:
    required = {table.key for table in CONTRACT.tables if table.required}
    assert required == {
        "crm/account",
        "billing/customers",
        "billing/subscriptions",
        "billing/subscription_items",
        "billing/prices",
    }
    assert len(CONTRACT.tables) == 18
    assert CONTRACT.reporting_currency == "usd"
    prices = CONTRACT.table("billing/prices")
    assert prices.column("unit_amount") is not None
    assert prices.column("unit_amount").is_minor_units  # type: ignore[union-attr]
    assert prices.column("created").is_epoch_seconds  # type: ignore[union-attr]


def test_simulated_world_passes(small_world: Path) -> None:
    result = run_cli(str(small_world))
    assert result.returncode == 0, result.stdout
    assert not [line for line in result.stdout.splitlines() if line.startswith("FAIL ")]
    assert "raw data OK" in result.stdout.splitlines()[-1]
    # every contract table is listed as present
    assert result.stdout.count(" present ") == 18


def test_json_output(small_world: Path) -> None:
    result = run_cli(str(small_world), "--json")
    document = json.loads(result.stdout)
    assert document["exit_code"] == 0 == result.returncode
    assert {row["table"] for row in document["tables"]} == {t.key for t in CONTRACT.tables}
    assert document["verdict"].startswith("raw data OK")


def test_required_table_removed_fails_naming_it(world: Path) -> None:
    shutil.rmtree(world / "billing" / "prices")
    result = run_cli(str(world))
    assert result.returncode == 1
    assert "FAIL billing/prices: required table has no Parquet files" in result.stdout
    assert result.stdout.splitlines()[-1].startswith("1 problem: the build would be wrong")


def test_required_column_dropped_fails_naming_table_and_column(world: Path) -> None:
    rewrite(world, "billing/subscriptions", "select * exclude (start_date) from t")
    expect(world, "billing/subscriptions", "start_date", "missing_column", Severity.FAIL, "bigint")


def test_optional_table_missing_is_a_note(tmp_path: Path) -> None:
    simulate(tmp_path, "--without", "support")
    expect(tmp_path, "support/organizations", None, "absent", Severity.NOTE)
    expect(tmp_path, "support/tickets", None, "absent", Severity.NOTE)


def test_optional_column_missing_is_a_note_and_extra_columns_are_listed(world: Path) -> None:
    rewrite(world, "crm/activity", "select * exclude (subject), 'x' as custom_field__c from t")
    expect(world, "crm/activity", "subject", "missing_column", Severity.NOTE)
    expect(world, "crm/activity", None, "extra_columns", Severity.NOTE, "custom_field__c")


def test_epoch_in_milliseconds_fails_naming_the_column(world: Path) -> None:
    rewrite(
        world,
        "billing/subscriptions",
        "select * replace (current_period_end * 1000 as current_period_end) from t",
    )
    expect(
        world,
        "billing/subscriptions",
        "current_period_end",
        "epoch_milliseconds",
        Severity.FAIL,
        "epoch in milliseconds",
    )


def test_money_in_major_units_fails(world: Path) -> None:
    rewrite(
        world, "billing/prices", "select * replace (unit_amount / 100 + 0.99 as unit_amount) from t"
    )
    expect(world, "billing/prices", "unit_amount", "money_units", Severity.FAIL, "major units")


def test_castable_type_drift_warns(world: Path) -> None:
    rewrite(
        world,
        "billing/prices",
        "select * replace (cast(unit_amount as double) as unit_amount, "
        "cast(recurring_interval_count as integer) as recurring_interval_count) from t",
    )
    expect(world, "billing/prices", "unit_amount", "type_drift", Severity.WARN, "values convert")
    expect(
        world,
        "billing/prices",
        "recurring_interval_count",
        "type_drift",
        Severity.WARN,
        "casts losslessly",
    )


def test_required_column_that_does_not_convert_fails(world: Path) -> None:
    rewrite(
        world,
        "billing/subscriptions",
        "select * replace (cast(make_timestamp(start_date * 1000000) as varchar) as start_date) "
        "from t",
    )
    expect(
        world,
        "billing/subscriptions",
        "start_date",
        "type_drift",
        Severity.FAIL,
        "VARCHAR in 1 of 1 part files",
        "epoch seconds",
    )


def test_part_file_lacking_a_column_warns_naming_it(world: Path) -> None:
    split_in_two(world, "crm/activity", "subject")
    expect(
        world,
        "crm/activity",
        "subject",
        "part_file_column",
        Severity.WARN,
        "1 of 2 part files (part-00001.parquet)",
    )


def test_part_file_lacking_a_required_column_fails(world: Path) -> None:
    split_in_two(world, "crm/activity", "status")
    expect(world, "crm/activity", "status", "part_file_column", Severity.FAIL)


def test_fx_rates_missing_for_a_currency_and_months_warns(world: Path) -> None:
    rewrite(
        world,
        "billing/fx_rates",
        "select * from t where not (currency = 'eur' and month_start < date '2026-03-01')",
    )
    expect(
        world,
        "billing/fx_rates",
        "currency",
        "fx_coverage",
        Severity.WARN,
        "no FX rate for eur before 2026-03",
    )


def test_fx_history_starting_after_billing_warns_with_the_first_month(small_world: Path) -> None:
    months = duckdb.sql(
        f"select min(month_start) from read_parquet('{small_world}/billing/fx_rates/*.parquet')"
    ).fetchone()
    assert months is not None
    expect(
        small_world,
        "billing/fx_rates",
        "currency",
        "fx_coverage",
        Severity.WARN,
        f"MRR history starts at {months[0]:%Y-%m}",
    )


def test_no_fx_rates_fails_when_billing_uses_other_currencies(tmp_path: Path) -> None:
    simulate(tmp_path, "--without", "billing.fx_rates")
    expect(
        tmp_path, "billing/fx_rates", "currency", "fx_coverage", Severity.FAIL,
        "only the reporting currency",
    )


def test_no_fx_rates_is_a_note_when_billing_uses_only_the_reporting_currency(tmp_path: Path) -> None:
    simulate(tmp_path, "--without", "billing.fx_rates")
    for table in ("billing/prices", "billing/customers", "billing/invoice_line_items", "billing/charges",
                  "billing/invoices"):
        rewrite(tmp_path, table, "select * replace ('usd' as currency) from t")
    expect(tmp_path, "billing/fx_rates", None, "fx_coverage", Severity.NOTE, "valued at 1")


def test_unknown_currency_codes_warn_with_the_values(world: Path) -> None:
    rewrite(
        world,
        "billing/prices",
        "select * replace (case when currency = 'eur' then 'euro' else currency end as currency) "
        "from t",
    )
    expect(world, "billing/prices", "currency", "currency_code", Severity.WARN, "euro (")


def test_account_ids_colliding_once_normalized_warn(world: Path) -> None:
    rewrite(
        world,
        "crm/account",
        "select * from t union all (select * replace (lower(id) || ' ' as id) from t limit 2)",
    )
    expect(world, "crm/account", "id", "id_collision", Severity.WARN, "2 account ids shared")


def test_references_matching_only_normalized_warn_with_examples(small_world: Path) -> None:
    # the simulator writes references in other case and with padding whitespace
    finding = found(findings(small_world), "survey/nps_responses", "account_id", "reference_case")
    assert finding.severity is Severity.WARN
    assert "e.g. " in finding.message


def test_verdict_wording() -> None:
    problem = Finding(Severity.FAIL, "crm/account", "id", "missing_column", "")
    warning = Finding(Severity.WARN, "crm/account", "id", "id_collision", "")
    assert verdict([]) == "raw data OK"
    assert verdict([warning, warning]) == "raw data OK with 2 warnings"
    assert verdict([problem, warning]) == "1 problem: the build would be wrong"


def test_unreadable_part_file_fails_and_unknown_folders_are_noted(world: Path) -> None:
    (world / "support" / "tickets" / "part-00001.parquet").write_text("not parquet")
    shutil.copytree(world / "billing" / "charges", world / "billing" / "refunds")
    expect(world, "support/tickets", None, "unreadable", Severity.FAIL, "part-00001.parquet")
    assert found(findings(world), "billing/refunds", None, "not_in_contract").severity is (
        Severity.NOTE
    )


def test_empty_required_table_fails(world: Path) -> None:
    rewrite(world, "crm/account", "select * from t limit 0")
    expect(world, "crm/account", None, "empty", Severity.FAIL, "no rows")
