"""The flat-export command, `python -m healthscore score <csv>`, run as a user runs it: the example's known
answer (order, colours, scores within 8 points, cold in under 30 s), an export with only some columns
(missing ones N/A, still scored), unknown columns (listed), NPS as 0-10 answers (a 9 reads as good), and a
clear error with a non-zero exit for an empty file or one with no usable column. Each scoring run is a cold
dbt build into a scratch DuckDB file; the error cases stop before dbt."""

from __future__ import annotations

import csv
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
import yaml

from healthscore.export import KNOWN_COLUMNS

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "flat_export.csv"
# account: (colour, score about), healthiest first
KNOWN_ANSWER = {
    "ACME-Corp": ("green", 92),
    "Gamma-Ltd": ("yellow", 74),
    "Beta-Inc": ("red", 31),
    "Delta-Co": ("red", 12),
}


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    results: list[dict[str, str]]
    warehouse: Path


def score(export: Path, out_dir: Path, *options: str) -> Run:
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "healthscore", "score", str(export), "--out-dir", str(out_dir), *options],
        cwd=REPO, capture_output=True, text=True, check=False,
    )
    seconds = time.monotonic() - started
    results_csv = out_dir / f"{export.stem}_health.csv"
    rows = list(csv.DictReader(results_csv.open())) if results_csv.exists() else []
    return Run(result.returncode, result.stdout, result.stderr, seconds, rows,
               out_dir / f"{export.stem}_health.duckdb")


def write(path: Path, text: str) -> Path:
    path.write_text(text)
    return path


@pytest.fixture(scope="module")
def example_run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    return score(EXAMPLE, tmp_path_factory.mktemp("example"))


@pytest.fixture(scope="module")
def partial_run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """Two measure columns of five (header names in another case and spacing), one of them blank for an
    account, and two columns the project does not know."""
    folder = tmp_path_factory.mktemp("partial")
    export = write(
        folder / "partial.csv",
        "Account ID,Logins_30d,region,Days Since Last Login,csm_owner\n"
        "a-1,55,EU,1,kim\n"
        "a-2,12,US,20,lee\n"
        "a-3,,US,3,kim\n",
    )
    return score(export, folder)


@pytest.fixture(scope="module")
def answers_run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """NPS as 0-10 answers; otherwise identical accounts."""
    folder = tmp_path_factory.mktemp("answers")
    export = write(
        folder / "answers.csv",
        "account_id,logins_30d,open_tickets,nps_score\n"
        "promoter,40,1,9\n"
        "passive,40,1,7\n"
        "detractor,40,1,3\n",
    )
    return score(export, folder)


def by_account(run: Run) -> dict[str, dict[str, str]]:
    return {row["account_id"]: row for row in run.results}


def test_example_gives_the_known_answer(example_run: Run) -> None:
    assert example_run.returncode == 0, example_run.stderr
    assert [row["account_id"] for row in example_run.results] == list(KNOWN_ANSWER)
    assert [row["health_rank"] for row in example_run.results] == ["1", "2", "3", "4"]
    rows = by_account(example_run)
    for account, (colour, about) in KNOWN_ANSWER.items():
        assert rows[account]["colour"] == colour, account
        assert abs(float(rows[account]["health_score"]) - about) <= 8, (account, rows[account])
    assert {row["nps_scale"] for row in example_run.results} == {"net_10"}


def test_example_rows_carry_tier_drivers_in_words_and_playbook(example_run: Run) -> None:
    rows = by_account(example_run)
    assert all(row["tier"] and row["drivers"] and row["playbook_name"] for row in rows.values())
    assert rows["ACME-Corp"]["playbook_id"] == "advocacy_expansion"
    assert rows["Gamma-Ltd"]["drivers"].startswith("logins in the last 30 days: 28 (scores ")
    assert rows["Delta-Co"]["drivers"].startswith("net promoter score: -30 (scores ")
    assert rows["Delta-Co"]["playbook_id"] == "detractor_follow_up"
    printed = example_run.stdout
    assert printed.index("ACME-Corp") < printed.index("Gamma-Ltd") < printed.index("Delta-Co")
    assert "NPS detractor follow-up" in printed


def test_example_writes_the_table_and_runs_cold_in_under_30_seconds(example_run: Run) -> None:
    con = duckdb.connect(str(example_run.warehouse), read_only=True)
    in_table = con.sql("select count(health_score) from marts.fct_flat_export_health").fetchone()
    con.close()
    assert in_table == (4,)
    assert example_run.seconds < 30, example_run.seconds


def test_missing_columns_are_na_and_the_rest_is_scored(partial_run: Run) -> None:
    assert partial_run.returncode == 0, partial_run.stderr
    assert "N/A (missing):   features_used, open_tickets, nps_score" in partial_run.stdout
    rows = by_account(partial_run)
    assert set(rows) == {"a-1", "a-2", "a-3"}
    assert all(row["health_score"] and row["colour"] for row in rows.values())
    assert all(row["support_score"] == "" and row["engagement_score"] == "" for row in rows.values())
    assert "open support tickets" in rows["a-1"]["measures_na"]
    assert "logins in the last 30 days" in rows["a-3"]["measures_na"]
    assert rows["a-3"]["measures_present"] == "1"
    assert float(rows["a-1"]["health_score"]) > float(rows["a-2"]["health_score"])


def test_unknown_columns_are_listed(partial_run: Run) -> None:
    assert "unknown, ignored: region, csm_owner" in partial_run.stdout


def test_nps_on_a_0_to_10_scale_reads_a_9_as_good(answers_run: Run) -> None:
    assert answers_run.returncode == 0, answers_run.stderr
    assert "one 0-10 answer" in answers_run.stdout
    rows = by_account(answers_run)
    assert {row["nps_scale"] for row in rows.values()} == {"answer_0_10"}
    assert float(rows["promoter"]["net_promoter_score"]) == 100
    assert float(rows["promoter"]["engagement_score"]) == 100
    assert rows["promoter"]["colour"] == "green"
    scores = [float(rows[a]["health_score"]) for a in ("promoter", "passive", "detractor")]
    assert scores == sorted(scores, reverse=True) and scores[0] > scores[2]


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("empty", "", "is empty"),
        ("header_only", "account_id,logins_30d,nps_score\n", "no rows"),
        ("no_measure_column", "account_id,mrr,region\na,100,EU\n", "no usable column"),
        ("empty_measure_columns", "account_id,logins_30d,nps_score\na,,\nb,,\n", "no usable column"),
        ("no_account_id", "customer,logins_30d\na,3\n", "no account_id column"),
        ("repeated_account", "account_id,logins_30d\na,3\na,4\n", "account_id repeated: a"),
    ],
)
def test_unusable_exports_are_a_clear_error(
    tmp_path: Path, name: str, text: str, message: str
) -> None:
    run = score(write(tmp_path / f"{name}.csv", text), tmp_path)
    assert run.returncode == 1
    assert message in run.stderr
    assert "Traceback" not in run.stderr
    assert not run.results


def test_an_unknown_nps_scale_is_refused(tmp_path: Path) -> None:
    run = score(EXAMPLE, tmp_path, "--nps-scale", "percent")
    assert run.returncode == 2
    assert "unknown NPS scale 'percent'" in run.stderr


def test_the_command_knows_the_columns_the_source_declares() -> None:
    sources = yaml.safe_load(
        (REPO / "models" / "staging" / "flat_export" / "_flat_export__sources.yml").read_text()
    )
    (table,) = sources["sources"][0]["tables"]
    assert tuple(column["name"] for column in table["columns"]) == KNOWN_COLUMNS
