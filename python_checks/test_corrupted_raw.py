"""Hand-corrupted raw files give quarantine rows or a clear failure, never a crash without a reason.

Builds a small simulated world into a scratch directory, corrupts copies of it the way real exports break,
and runs the real `dbt build` against each (its own warehouse file, so the demo warehouse is untouched).
Each kind of bad value gets its own world and build: the build is green, the bad rows are quarantined with
their reason, nothing else of theirs reaches staging, and raw = kept + duplicates + quarantined holds."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from python_checks.conftest import REPO, run_dbt

BUILD = ["build", "--exclude", "tag:generic_test_self_check"]
RECONCILIATION_TEST = "test.customer_health.assert_raw_rows_reconcile"


@pytest.fixture(scope="module")
def small_world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A pristine simulated world; tests corrupt copies of it, never the world itself."""
    raw = tmp_path_factory.mktemp("raw")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "healthsim",
            "--quiet",
            "--accounts",
            "60",
            "--months",
            "6",
            "--seed",
            "7",
            "--out",
            str(raw),
        ],
        cwd=REPO,
        check=True,
    )
    return raw


def copy_world(world: Path, into: Path) -> Path:
    raw = into / "raw"
    shutil.copytree(world, raw)
    return raw


def write_part(raw: Path, table: str, columns: dict[str, list]) -> None:
    pq.write_table(pa.table(columns), raw / table / "part-corrupt.parquet")


def test_a_file_that_is_not_parquet_fails_clearly(small_world: Path, tmp_path: Path) -> None:
    raw = copy_world(small_world, tmp_path)
    broken = raw / "support" / "tickets" / "part-truncated.parquet"
    broken.write_bytes(b"PAR1 this export was cut off")
    result = run_dbt(
        ["run", "--select", "base_support__tickets"], raw, tmp_path / "broken.duckdb", tmp_path
    )
    assert result.returncode != 0
    # the error names the file so the user knows what to fix
    assert "part-truncated.parquet" in result.stdout


# --- one corrupted world per kind of bad value ---------------------------------------------------

# (source_table, record_id) -> (reason, number of quarantined copies)
Expected = dict[tuple[str, str], tuple[str, int]]


class World:
    """A copy of the simulated world that corruptions add part files to, one per table."""

    def __init__(self, raw: Path) -> None:
        self.raw = raw
        self.con = duckdb.connect()
        self.parts: dict[str, int] = {}
        # ids a test needs besides the expected quarantine rows
        self.notes: dict[str, str] = {}

    def source(self, table: str) -> str:
        return f"read_parquet('{self.raw}/{table}/*.parquet', union_by_name = true)"

    def value(self, sql: str) -> object:
        return self.con.sql(sql).fetchone()[0]

    def real_account(self, offset: int = 0) -> str:
        """A live customer account of the CRM that has product events (deterministic)."""
        return str(
            self.value(
                f"select id from {self.source('crm/account')} "
                "where type = 'Customer' and not is_deleted and id in ("
                f"select context_group_id from {self.source('product/tracks')}) "
                f"order by id limit 1 offset {offset}"
            )
        )

    def single_copy_ids(self, table: str, count: int) -> list[str]:
        """The first `count` ids of `table` that stand in a single row."""
        rows = self.con.sql(
            f"select id from {self.source(table)} group by id having count(*) = 1 "
            f"order by id limit {count}"
        ).fetchall()
        return [str(row[0]) for row in rows]

    def add(self, table: str, changes: dict[str, str], where: str = "true") -> None:
        """Write the first row of `table` matching `where` (in a fixed order), with `changes`
        (column -> SQL expression over the row), as a new part file of the table."""
        replaced = ", ".join(
            f'{expression} as "{column}"' for column, expression in changes.items()
        )
        self.parts[table] = self.parts.get(table, 0) + 1
        path = self.raw / table / f"part-corrupt-{self.parts[table]}.parquet"
        self.con.sql(
            f"copy (select * replace ({replaced}) from {self.source(table)} "
            f"where {where} order by all limit 1) to '{path}' (format parquet)"
        )


def unparseable_values(world: World) -> Expected:
    """Values that do not parse as their type become nulls, then quarantine rows."""
    # an NPS export whose score column arrived as text, one value not a number
    write_part(
        world.raw,
        "survey/nps_responses",
        {
            "response_id": ["corrupt-1", "corrupt-2"],
            "account_id": ["ACC-000001", "ACC-000001"],
            "email": ["a@example.com", "b@example.com"],
            "score": ["ten", "8"],
            "comment": [None, None],
            "responded_at": pa.array([None, None], pa.timestamp("us")),
            "_fivetran_synced": pa.array([None, None], pa.timestamp("us")),
        },
    )
    # events whose timestamp arrived as unparseable text
    write_part(
        world.raw,
        "product/tracks",
        {
            "id": ["corrupt-t1"],
            "user_id": ["U-1"],
            "anonymous_id": ["x"],
            "event": ["session_started"],
            "event_text": ["Session Started"],
            "context_group_id": ["ACC-000001"],
            "timestamp": ["yesterday-ish"],
            "sent_at": pa.array([None], pa.timestamp("us")),
            "received_at": pa.array([None], pa.timestamp("us")),
            "uuid_ts": pa.array([None], pa.timestamp("us")),
        },
    )
    # 'ten' does not parse: out of range; '8' parses but the response has no time
    return {
        ("survey.nps_responses", "corrupt-1"): ("out_of_range_score", 1),
        ("survey.nps_responses", "corrupt-2"): ("null_timestamp", 1),
        ("product.tracks", "corrupt-t1"): ("null_timestamp", 1),
    }


def bad_timestamps(world: World) -> Expected:
    """Times far outside the data's window, in every source: 1970, 2099, epochs in ms and µs."""
    account = world.real_account()
    world.add(
        "product/tracks",
        {"id": "'corrupt-ts-track'", "timestamp": "timestamp '1970-01-01 00:00:00'"},
        where=f"context_group_id = '{account}'",
    )
    world.add("crm/activity", {"id": "'corrupt-ts-activity'", "activity_date": "date '1970-01-01'"})
    world.add("crm/account", {"id": "'ACC-CORRUPT-TS'", "created_date": "timestamp '1970-01-01'"})
    world.add("support/tickets", {"id": "990001", "created_at": "timestamp '2099-01-01'"})
    world.add(
        "survey/nps_responses",
        {"response_id": "'corrupt-ts-nps'", "responded_at": "timestamp '1970-01-01'"},
    )
    # Stripe epochs in milliseconds, and in microseconds (beyond the timestamp range)
    world.add(
        "billing/subscriptions",
        {"id": "'corrupt-ts-sub'", "created": "created * 1000", "start_date": "start_date * 1000"},
    )
    world.add("billing/charges", {"id": "'corrupt-ts-charge'", "created": "created * 1000000"})
    return {
        ("product.tracks", "corrupt-ts-track"): ("out_of_range_timestamp", 1),
        ("crm.activity", "corrupt-ts-activity"): ("out_of_range_timestamp", 1),
        ("crm.account", "ACC-CORRUPT-TS"): ("out_of_range_timestamp", 1),
        ("support.tickets", "990001"): ("out_of_range_timestamp", 1),
        ("survey.nps_responses", "corrupt-ts-nps"): ("out_of_range_timestamp", 1),
        ("billing.subscriptions", "corrupt-ts-sub"): ("out_of_range_timestamp", 1),
        ("billing.charges", "corrupt-ts-charge"): ("out_of_range_timestamp", 1),
    }


def major_units(world: World) -> Expected:
    """Stripe amounts in major units (49.99) instead of integer minor units."""
    major = "cast(49.99 as double)"
    world.add("billing/prices", {"id": "'corrupt-major-price'", "unit_amount": major})
    world.add("billing/invoice_line_items", {"id": "'corrupt-major-line'", "amount": major})
    world.add("billing/charges", {"id": "'corrupt-major-charge'", "amount": major})
    return {
        ("billing.prices", "corrupt-major-price"): ("fractional_minor_units", 1),
        ("billing.invoice_line_items", "corrupt-major-line"): ("fractional_minor_units", 1),
        ("billing.charges", "corrupt-major-charge"): ("fractional_minor_units", 1),
    }


def unknown_currencies(world: World) -> Expected:
    """Unknown codes are quarantined; a lower-case CRM code and an upper-case Stripe code are
    valid (kept, stored lowercase: checked in test_currency_case_is_not_a_defect)."""
    world.add("billing/prices", {"id": "'corrupt-cur-price'", "currency": "'usx'"})
    world.add("billing/charges", {"id": "'corrupt-cur-charge'", "currency": "'US$'"})
    month = world.value(f"select min(month_start) from {world.source('billing/fx_rates')}")
    world.add("billing/fx_rates", {"currency": "'zzz'"}, where=f"month_start = '{month}'")
    world.add("crm/opportunity", {"id": "'corrupt-cur-opp'", "currency_iso_code": "'eur'"})
    world.add("billing/charges", {"id": "'corrupt-cur-charge-upper'", "currency": "'USD'"})
    return {
        ("billing.prices", "corrupt-cur-price"): ("unknown_currency", 1),
        ("billing.charges", "corrupt-cur-charge"): ("unknown_currency", 1),
        ("billing.fx_rates", f"zzz:{month}"): ("unknown_currency", 1),
    }


def zero_quantities(world: World) -> Expected:
    """No seats on a subscription's current item, or on a recurring invoice line."""
    world.add("billing/subscription_items", {"id": "'corrupt-zero-item'", "quantity": "0"})
    world.add(
        "billing/invoice_line_items",
        {"id": "'corrupt-zero-line'", "quantity": "0"},
        where="type = 'subscription' and not proration",
    )
    return {
        ("billing.subscription_items", "corrupt-zero-item"): ("zero_quantity", 1),
        ("billing.invoice_line_items", "corrupt-zero-line"): ("zero_quantity", 1),
    }


def interval_counts(world: World) -> Expected:
    """A price billed every zero months."""
    world.add("billing/prices", {"id": "'corrupt-interval-price'", "recurring_interval_count": "0"})
    return {("billing.prices", "corrupt-interval-price"): ("invalid_interval", 1)}


def reversed_periods(world: World) -> Expected:
    """Periods that end before they start."""
    world.add(
        "billing/subscriptions",
        {"id": "'corrupt-period-sub'", "current_period_end": "current_period_start - 86400"},
    )
    world.add(
        "billing/invoices",
        {
            "id": "'corrupt-period-invoice'",
            "period_start": "period_end",
            "period_end": "period_start",
        },
        where="period_end > period_start",
    )
    world.add(
        "billing/invoice_line_items",
        {"id": "'corrupt-period-line'", "period_start": "period_end", "period_end": "period_start"},
        where="period_end > period_start",
    )
    return {
        ("billing.subscriptions", "corrupt-period-sub"): ("period_ends_before_start", 1),
        ("billing.invoices", "corrupt-period-invoice"): ("period_ends_before_start", 1),
        ("billing.invoice_line_items", "corrupt-period-line"): ("period_ends_before_start", 1),
    }


def unknown_statuses(world: World) -> Expected:
    """Status values outside the known sets."""
    world.add("billing/subscriptions", {"id": "'corrupt-status-sub'", "status": "'expired'"})
    world.add("billing/invoices", {"id": "'corrupt-status-invoice'", "status": "'settled'"})
    world.add("support/tickets", {"id": "990101", "status": "'deleted'"})
    world.add("crm/activity", {"id": "'corrupt-status-activity'", "status": "'Done'"})
    return {
        ("billing.subscriptions", "corrupt-status-sub"): ("unknown_subscription_status", 1),
        ("billing.invoices", "corrupt-status-invoice"): ("unknown_invoice_status", 1),
        ("support.tickets", "990101"): ("unknown_ticket_status", 1),
        ("crm.activity", "corrupt-status-activity"): ("unknown_activity_status", 1),
    }


def events_without_users(world: World) -> Expected:
    """An event with neither user id nor anonymous id; an anonymous event is kept (checked in
    test_anonymous_events_are_kept)."""
    account = world.real_account()
    nothing = "cast(null as varchar)"
    world.add(
        "product/tracks",
        {"id": "'corrupt-no-user'", "user_id": nothing, "anonymous_id": nothing},
        where=f"context_group_id = '{account}'",
    )
    world.add(
        "product/tracks",
        {"id": "'corrupt-anonymous'", "user_id": nothing},
        where=f"context_group_id = '{account}'",
    )
    return {("product.tracks", "corrupt-no-user"): ("missing_user_id", 1)}


def conflicting_copies(world: World) -> Expected:
    """The same record id twice with different content: a conflict, every copy set aside. An
    identical copy and a later CRM version are not conflicts (test_copies_that_agree_are_merged)."""
    conflict, duplicate = world.single_copy_ids("billing/charges", 2)
    world.add("billing/charges", {"amount": "amount + 100"}, where=f"id = '{conflict}'")
    world.add(
        "billing/charges",
        {"_fivetran_synced": "_fivetran_synced + interval 1 hour"},
        where=f"id = '{duplicate}'",
    )
    contact, newer = world.single_copy_ids("crm/contact", 2)
    world.add("crm/contact", {"title": "'Chief Conflict Officer'"}, where=f"id = '{contact}'")
    world.add(
        "crm/contact",
        {
            "title": "'Promoted'",
            "system_modstamp": "system_modstamp + interval 1 day",
            "_fivetran_synced": "_fivetran_synced + interval 1 day",
        },
        where=f"id = '{newer}'",
    )
    world.notes.update(duplicate=duplicate, newer=newer)
    return {
        ("billing.charges", conflict): ("conflicting_copy", 2),
        ("crm.contact", contact): ("conflicting_copy", 2),
    }


def ambiguous_account_ids(world: World) -> Expected:
    """Two CRM accounts whose ids differ only by case: neither can be matched, both set aside."""
    account = world.real_account(offset=1)
    world.add(
        "crm/account",
        {"id": "lower(id)", "name": "name || ' (other)'"},
        where=f"id = '{account}'",
    )
    world.notes["account"] = account
    return {("crm.account", account): ("ambiguous_account_id", 2)}


CORRUPTIONS: dict[str, Callable[[World], Expected]] = {
    "unparseable_values": unparseable_values,
    "timestamps_out_of_window": bad_timestamps,
    "major_units": major_units,
    "unknown_currencies": unknown_currencies,
    "zero_quantities": zero_quantities,
    "interval_counts_below_one": interval_counts,
    "periods_ending_before_start": reversed_periods,
    "unknown_statuses": unknown_statuses,
    "events_without_users": events_without_users,
    "conflicting_copies": conflicting_copies,
    "ambiguous_account_ids": ambiguous_account_ids,
}


@dataclass
class Build:
    result: subprocess.CompletedProcess
    warehouse: Path
    target: Path
    expected: Expected
    notes: dict[str, str]

    def query(self, sql: str) -> list[tuple]:
        with duckdb.connect(str(self.warehouse), read_only=True) as con:
            return con.sql(sql).fetchall()


@pytest.fixture(scope="module")
def corrupted_builds(
    small_world: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Build]:
    """Every corrupted world, built two at a time (each build runs in its own process)."""
    worlds: dict[str, tuple[Path, World, Expected]] = {}
    for kind, corrupt in CORRUPTIONS.items():
        root = tmp_path_factory.mktemp(kind)
        world = World(copy_world(small_world, root))
        worlds[kind] = (root, world, corrupt(world))
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {
            kind: pool.submit(run_dbt, BUILD, world.raw, root / "warehouse.duckdb", root)
            for kind, (root, world, _) in worlds.items()
        }
        return {
            kind: Build(
                result=futures[kind].result(),
                warehouse=root / "warehouse.duckdb",
                target=root / "target",
                expected=expected,
                notes=world.notes,
            )
            for kind, (root, world, expected) in worlds.items()
        }


@pytest.mark.parametrize("kind", CORRUPTIONS)
def test_bad_values_are_quarantined_with_their_reason(
    corrupted_builds: dict[str, Build], kind: str
) -> None:
    build = corrupted_builds[kind]
    assert build.result.returncode == 0, build.result.stdout[-5000:]
    for (source_table, record_id), (reason, copies) in build.expected.items():
        rows = build.query(
            "select reason, caught_in from quarantine.quarantined_records "
            f"where source_table = '{source_table}' and record_id = '{record_id}'"
        )
        assert rows == [(reason, "staging")] * copies, (source_table, record_id, rows)


@pytest.mark.parametrize("kind", CORRUPTIONS)
def test_raw_rows_still_reconcile(corrupted_builds: dict[str, Build], kind: str) -> None:
    build = corrupted_builds[kind]
    results = json.loads((build.target / "run_results.json").read_text())["results"]
    statuses = {result["unique_id"]: result["status"] for result in results}
    assert statuses.get(RECONCILIATION_TEST) == "pass"
    unbalanced = build.query(
        "select source_table from marts.fct_data_quality "
        "where raw_rows != kept_rows + duplicate_rows + quarantined_rows"
    )
    assert unbalanced == []


def test_an_event_dated_1970_does_not_stretch_the_spine(
    corrupted_builds: dict[str, Build],
) -> None:
    build = corrupted_builds["timestamps_out_of_window"]
    first_week, first_event = build.query(
        "select min(week_start_date), (select min(cast(event_at as date)) "
        "from staging.stg_product__tracks) from marts.fct_account_health_weekly"
    )[0]
    # the spine starts in the week of the first trusted event (the world's six months), not in 1970
    assert first_event.year >= 2020
    assert 0 <= (first_event - first_week).days < 7


def test_currency_case_is_not_a_defect(corrupted_builds: dict[str, Build]) -> None:
    build = corrupted_builds["unknown_currencies"]
    kept = build.query(
        "select 'opportunity', currency from staging.stg_crm__opportunities "
        "where opportunity_id = 'corrupt-cur-opp' union all "
        "select 'charge', currency from staging.stg_billing__charges "
        "where charge_id = 'corrupt-cur-charge-upper' order by 1"
    )
    assert kept == [("charge", "usd"), ("opportunity", "eur")]


def test_anonymous_events_are_kept(corrupted_builds: dict[str, Build]) -> None:
    build = corrupted_builds["events_without_users"]
    kept = build.query(
        "select user_id, anonymous_id is not null from staging.stg_product__tracks "
        "where track_id = 'corrupt-anonymous'"
    )
    assert kept == [(None, True)]


def test_copies_that_agree_are_merged(corrupted_builds: dict[str, Build]) -> None:
    build = corrupted_builds["conflicting_copies"]
    expect = build.notes
    charge = build.query(
        "select count(*) from staging.stg_billing__charges "
        f"where charge_id = '{expect['duplicate']}'"
    )
    contact = build.query(
        f"select title from staging.stg_crm__contacts where contact_id = '{expect['newer']}'"
    )
    quarantined = build.query(
        "select count(*) from quarantine.quarantined_records "
        f"where record_id in ('{expect['duplicate']}', '{expect['newer']}')"
    )
    # the identical copy merges, the later version of the contact replaces the earlier one
    assert charge == [(1,)]
    assert contact == [("Promoted",)]
    assert quarantined == [(0,)]


def test_ambiguous_accounts_reach_no_mart(corrupted_builds: dict[str, Build]) -> None:
    build = corrupted_builds["ambiguous_account_ids"]
    account = build.notes["account"]
    in_dim = build.query(f"select count(*) from marts.dim_accounts where account_id = '{account}'")
    unmatched = build.query(
        "select distinct reason from quarantine.quarantined_records "
        "where caught_in = 'identity_resolution' "
        f"and (record_json ->> 'account_ref') = '{account}'"
    )
    assert in_dim == [(0,)]
    # the other systems' references to it now name no account
    assert unmatched == [("unknown_account",)]
