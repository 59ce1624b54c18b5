"""The weekly report (python -m healthreport), rendered from the published copy of the marts into a
temporary folder and opened in headless Chromium: it holds no URL, its screenshot is not blank and
shows every section (the page ends inside the 1400 x 6000 window), and the numbers it shows equal
the marts'. Chromium is the Debian package; `.ci/run` installs it when missing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import duckdb
import pytest
from PIL import Image

from healthreport.marts import quarantine_reasons
from python_checks.conftest import REPO

PUBLISHED = Path(
    os.environ.get(
        "HEALTH_PUBLISHED_PATH", REPO / "warehouse" / "published" / "customer_health.duckdb"
    )
)
SECTIONS = ("kpis", "health", "actions", "revenue", "proof", "data-quality")
WINDOW = (1400, 6000)
RENDER_SECONDS = 10
INSTALL = "apt-get update && apt-get install -y --no-install-recommends chromium"
# headline data-metric -> metric_name in fct_portfolio_summary
SUMMARY_METRICS = {
    "nrr_12m": "net_revenue_retention_12m",
    "grr_12m": "gross_revenue_retention_12m",
    "logo_retention_12m": "logo_retention_12m",
    "arr": "arr",
    "at_risk_arr": "at_risk_arr",
    "at_risk_arr_share": "at_risk_arr_share",
    "average_health_score": "average_health_score",
}


class Page(HTMLParser):
    """The ids and the data-metric values (and shown text) of an HTML page."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.values: dict[str, float | None] = {}
        self.texts: dict[str, str] = {}
        self._open: list[str | None] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        metric = attributes.get("data-metric")
        if metric:
            value = attributes.get("data-value") or ""
            self.values[metric] = float(value) if value else None
            self.texts[metric] = ""
        self._open.append(metric)

    def handle_endtag(self, tag: str) -> None:
        if self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        for metric in self._open:
            if metric:
                self.texts[metric] += data


def run(command: list[str], timeout: int = 90) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)


def render(out: Path, *extra: str) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.perf_counter()
    done = run(
        [
            sys.executable,
            "-m",
            "healthreport",
            "--published",
            str(PUBLISHED),
            "--out",
            str(out),
            *extra,
        ]
    )
    assert done.returncode == 0, done.stderr
    return done, time.perf_counter() - started


def chromium(profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary is None:
        pytest.fail(f"Chromium is not installed; install it with `{INSTALL}` (.ci/run does)")
    return run(
        [
            binary,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            *args,
        ]
    )


@pytest.fixture(scope="module")
def published() -> Iterator[duckdb.DuckDBPyConnection]:
    if not PUBLISHED.exists():
        pytest.fail(f"no published marts at {PUBLISHED}: run `make test` (it publishes)")
    con = duckdb.connect(str(PUBLISHED), read_only=True)
    yield con
    con.close()


@pytest.fixture(scope="module")
def report(published: duckdb.DuckDBPyConnection, tmp_path_factory: pytest.TempPathFactory) -> dict:
    folder = tmp_path_factory.mktemp("report")
    out = folder / "weekly_health.html"
    done, seconds = render(out)
    return {"folder": folder, "path": out, "stdout": done.stdout, "seconds": seconds}


@pytest.fixture(scope="module")
def dom(report: dict) -> Page:
    """The page as Chromium loaded it."""
    done = chromium(report["folder"] / "profile-dom", "--dump-dom", report["path"].as_uri())
    assert done.returncode == 0 and "<html" in done.stdout, done.stderr[-2000:]
    return Page(done.stdout)


@pytest.fixture(scope="module")
def screenshot(report: dict) -> Image.Image:
    shot = report["folder"] / "shot.png"
    done = chromium(
        report["folder"] / "profile-shot",
        f"--screenshot={shot}",
        f"--window-size={WINDOW[0]},{WINDOW[1]}",
        report["path"].as_uri(),
    )
    assert shot.exists(), done.stderr[-2000:]
    return Image.open(shot).convert("RGB")


def one(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> Any:
    return con.execute(sql, params or []).fetchone()[0]


def assert_metric(page: Page, metric: str, expected: Any) -> None:
    assert metric in page.values, f"no data-metric {metric} in the report"
    if expected is None:
        assert page.values[metric] is None, metric
    else:
        assert page.values[metric] == pytest.approx(float(expected), rel=1e-12, abs=1e-9), metric


def test_the_command_prints_the_path_and_is_fast(report: dict) -> None:
    assert report["stdout"].strip() == str(report["path"])
    assert report["path"].stat().st_size > 10_000
    assert report["seconds"] < RENDER_SECONDS, f"rendering took {report['seconds']:.1f} s"


def test_the_report_is_self_contained(report: dict) -> None:
    html = report["path"].read_text(encoding="utf-8").lower()
    for needle in ("http://", "https://", "//cdn", "<script", "<link", "<img", "@import"):
        assert needle not in html, needle
    assert html.count("<svg") >= 10


def test_the_screenshot_is_not_blank_and_shows_every_section(screenshot: Image.Image) -> None:
    assert screenshot.size == WINDOW
    small = screenshot.resize((350, 1500))
    colours = small.getcolors(maxcolors=350 * 1500)
    assert len(colours) > 50, "a page of a few colours: blank or unstyled"
    white = sum(n for n, rgb in colours if rgb == (255, 255, 255))
    assert white / (350 * 1500) < 0.9, "the page is mostly white"
    # the last section ends inside the window: its bottom strip is empty page
    bottom = screenshot.crop((0, WINDOW[1] - 120, WINDOW[0], WINDOW[1]))
    assert bottom.getcolors() == [(WINDOW[0] * 120, (255, 255, 255))], (
        "the report is longer than the screenshot: not every section is shown"
    )


def test_every_section_is_present(dom: Page) -> None:
    assert set(SECTIONS) <= dom.ids, set(SECTIONS) - dom.ids


def test_headline_numbers_equal_the_portfolio_summary(
    dom: Page, published: duckdb.DuckDBPyConnection
) -> None:
    summary = {
        row[0]: row[1:]
        for row in published.execute(
            "select metric_name, metric_value, prior_month_value, prior_quarter_value, "
            "target_value from marts.fct_portfolio_summary"
        ).fetchall()
    }
    for metric, name in SUMMARY_METRICS.items():
        value, prior_month, prior_quarter, target = summary[name]
        assert_metric(dom, metric, value)
        assert_metric(dom, f"{metric}.prior_month", prior_month)
        assert_metric(dom, f"{metric}.prior_quarter", prior_quarter)
        if target is not None:
            assert_metric(dom, f"{metric}.target", target)
    nrr = summary["net_revenue_retention_12m"][0]
    assert dom.texts["nrr_12m"].strip() == f"{nrr * 100:.1f}%"
    month = one(published, "select max(month_start_date) from marts.fct_portfolio_summary")
    expansion = one(
        published,
        "select expansion_rate_1m from marts.fct_revenue_retention "
        "where segment = 'All' and month_start_date = ?",
        [month],
    )
    assert_metric(dom, "expansion_rate_1m", expansion)


def test_section_numbers_equal_the_marts(dom: Page, published: duckdb.DuckDBPyConnection) -> None:
    week = one(published, "select max(week_start_date) from marts.fct_account_health_weekly")
    tiers = published.execute(
        "select tier, count(*) from marts.fct_account_health_weekly where week_start_date = ? "
        "group by tier",
        [week],
    ).fetchall()
    for tier, accounts in tiers:
        assert_metric(dom, f"accounts_{tier.replace('-', '_')}", accounts)
    flags = published.execute(
        "select count(*) filter (where is_tier_changed), count(*) filter (where is_tier_worsened) "
        "from marts.fct_account_health_weekly where week_start_date = ?",
        [week],
    ).fetchone()
    assert_metric(dom, "tier_changed", flags[0])
    assert_metric(dom, "tier_worsened.1w", flags[1])
    assert_metric(dom, "tier_improved.1w", flags[0] - flags[1])
    assert_metric(
        dom,
        "at_risk_arr_week",
        one(
            published,
            "select sum(at_risk_arr) from marts.fct_at_risk_arr where week_start_date = ?",
            [week],
        ),
    )
    assert_metric(
        dom, "action_items", one(published, "select count(*) from marts.fct_csm_action_items")
    )
    movements = published.execute(
        "select new_mrr, expansion_mrr, contraction_mrr, churned_mrr, reactivation_mrr "
        "from marts.fct_revenue_retention where segment = 'All' and month_start_date = "
        "(select max(month_start_date) from marts.fct_portfolio_summary)"
    ).fetchone()
    for column, value in zip(
        ("new_mrr", "expansion_mrr", "contraction_mrr", "churned_mrr", "reactivation_mrr"),
        movements,
        strict=False,
    ):
        assert_metric(dom, f"mrr.{column}", value)
    assert_metric(
        dom,
        "auc_held_out",
        one(
            published,
            "select auc from marts.fct_health_model_validation where segment = 'All' "
            "and evaluation_period = 'held_out' and weight_set = 'configured'",
        ),
    )
    quality = published.execute(
        "select source_table, quarantined_rows, match_rate_to_crm, freshness_lag_days "
        "from marts.fct_data_quality"
    ).fetchall()
    assert_metric(dom, "quarantined_rows", sum(row[1] for row in quality))
    for source, _, match_rate, lag in quality:
        assert_metric(dom, f"match_rate.{source}", match_rate)
        assert_metric(dom, f"freshness_lag_days.{source}", lag)


def test_quarantine_reasons_add_up_to_the_quarantined_rows(
    published: duckdb.DuckDBPyConnection,
) -> None:
    """The report's reading of fct_data_quality.quarantine_reasons loses no row."""
    for source, text, rows in published.execute(
        "select source_table, quarantine_reasons, quarantined_rows from marts.fct_data_quality"
    ).fetchall():
        assert sum(n for _, n in quarantine_reasons(text)) == rows, source


def test_a_past_week(published: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    """--week picks the latest scored week on or before the date; monthly numbers come from the
    latest month complete at that week's end."""
    latest = one(published, "select max(week_start_date) from marts.fct_account_health_weekly")
    asked = latest - timedelta(weeks=20) + timedelta(days=3)
    out = tmp_path / "past.html"
    render(out, "--week", asked.isoformat())
    page = Page(out.read_text(encoding="utf-8"))
    week, week_end = published.execute(
        "select week_start_date, max(week_end_date) from marts.fct_account_health_weekly "
        "where week_start_date <= ? group by all order by week_start_date desc limit 1",
        [asked],
    ).fetchone()
    assert week == latest - timedelta(weeks=20)
    # the month before the one holding the day after the week: the latest one complete by then
    day_after = week_end + timedelta(days=1)
    month = (date(day_after.year, day_after.month, 1) - timedelta(days=1)).replace(day=1)
    nrr = one(
        published,
        "select net_revenue_retention_12m from marts.fct_revenue_retention "
        "where segment = 'All' and month_start_date = ?",
        [month],
    )
    assert_metric(page, "nrr_12m", nrr)
    accounts = one(
        published,
        "select count(*) from marts.fct_account_health_weekly where week_start_date = ? "
        "and tier = 'healthy'",
        [week],
    )
    assert_metric(page, "accounts_healthy", accounts)
    assert "action_items" not in page.values
    assert set(SECTIONS) <= page.ids


def test_the_auc_target_is_the_seeds(published: duckdb.DuckDBPyConnection, report: dict) -> None:
    """The proof section's AUC target is seed validation_targets' (the verdict mart's), not a constant."""
    target = one(published, "select target from seeds.validation_targets where metric = 'auc'")
    assert f"(target {target})" in report["path"].read_text()
