"""The dashboard (dashboard/app.py) under Streamlit's own test runner (AppTest), over the published
copy of the marts: every page renders without an exception and shows the marts' numbers for a known
account and CSM, picked from the published copy (the top of the first CSM's action list)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Metric

from dashboard import data, formatting

APP = Path(__file__).resolve().parent.parent / "dashboard" / "app.py"
TIMEOUT = 30
# Half the last digit each kind of value is shown to.
TOLERANCE = {"money": 0.5, "count": 0.5, "score": 0.05, "ratio": 0.0005}

Query = Callable[..., list[tuple[Any, ...]]]


@pytest.fixture(scope="module")
def published() -> Query:
    """Run a query on the published copy: open read-only, query, close."""
    path = data.published_path()
    if not path.exists():
        pytest.fail(f"no published copy at {path}: run `make test` (it builds and publishes)")

    def query(sql: str, *params: Any) -> list[tuple[Any, ...]]:
        with duckdb.connect(str(path), read_only=True) as con:
            return con.execute(sql, list(params)).fetchall()

    return query


@pytest.fixture(scope="module")
def known(published: Query) -> tuple[str, str]:
    """(csm_user_id, account_id): the first CSM by name and the top of their list this week."""
    rows = published(
        "select csm_user_id, account_id from marts.fct_csm_action_items "
        "order by csm_name, csm_user_id, csm_priority limit 1"
    )
    if not rows:
        pytest.skip("fct_csm_action_items is empty: no known account to look at")
    return rows[0]


def open_page(page: str | None = None, **query_params: str) -> AppTest:
    """The app run once, then switched to `page` (a file under dashboard/) with ?query_params."""
    app = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    if page is not None:
        app.switch_page(page)
        app.query_params.update(query_params)
        app.run()
    return app


@pytest.fixture(scope="module")
def portfolio_page() -> AppTest:
    return open_page()


@pytest.fixture(scope="module")
def account_page(known: tuple[str, str]) -> AppTest:
    return open_page("views/account.py", account=known[1])


@pytest.fixture(scope="module")
def csm_page(known: tuple[str, str]) -> AppTest:
    return open_page("views/csm.py", csm=known[0])


def metric(app: AppTest, label: str) -> Metric:
    shown = [m for m in app.metric if m.label == label]
    assert len(shown) == 1, f"{label!r} among {[m.label for m in app.metric]}"
    return shown[0]


def table(app: AppTest, key: str) -> pd.DataFrame:
    """The data of the table the page shows in the container keyed `key`."""
    return app.container(key=key).dataframe[0].value


def number(text: str) -> float:
    """A shown value as a number: '22,198,374' -> 22198374.0, '94.2%' -> 0.942."""
    value = float(text.replace(",", "").rstrip("%"))
    return value / 100 if text.endswith("%") else value


@pytest.mark.parametrize(
    ("fixture", "title"),
    [("portfolio_page", "Portfolio"), ("account_page", "Account"), ("csm_page", "CSM")],
)
def test_page_renders_without_exception(
    fixture: str, title: str, request: pytest.FixtureRequest
) -> None:
    app: AppTest = request.getfixturevalue(fixture)
    assert not app.exception, [e.value for e in app.exception]
    assert not app.error, [e.value for e in app.error]
    assert [t.value for t in app.title] == [title]


def test_portfolio_headline_is_the_portfolio_summary(
    portfolio_page: AppTest, published: Query
) -> None:
    summary = dict(published("select metric_name, metric_value from marts.fct_portfolio_summary"))
    assert set(formatting.HEADLINE) <= set(summary), "a headline metric left the mart"
    for name, spec in formatting.HEADLINE.items():
        shown = metric(portfolio_page, spec.label).value
        assert number(shown) == pytest.approx(summary[name], abs=TOLERANCE[spec.kind]), name


def test_portfolio_filters_read_the_weekly_mart(published: Query) -> None:
    this_week = (
        "with this_week as (select * from marts.fct_account_health_weekly where week_start_date = "
        "(select max(week_start_date) from marts.fct_account_health_weekly)) "
    )
    segment, csm_user_id = published(
        this_week + "select segment, csm_user_id from this_week "
        "group by all order by count(*) desc, segment, csm_user_id limit 1"
    )[0]
    accounts, arr, at_risk_arr, health = published(
        this_week + "select count(*), coalesce(sum(arr), 0), "
        "coalesce(sum(arr) filter (where is_at_risk), 0), avg(health_score) from this_week "
        "where segment = ? and csm_user_id = ?",
        segment, csm_user_id,
    )[0]
    app = open_page()
    app.multiselect(key="segments").set_value([segment])
    app.multiselect(key="csms").set_value([csm_user_id])
    app.run()
    assert not app.exception
    assert number(metric(app, "Accounts this week").value) == accounts
    assert number(metric(app, "ARR this week").value) == pytest.approx(float(arr), abs=0.5)
    assert number(metric(app, "At-risk ARR this week").value) == pytest.approx(
        float(at_risk_arr), abs=0.5
    )
    assert number(metric(app, "Average health this week").value) == pytest.approx(health, abs=0.05)
    listed = table(app, "portfolio_accounts")
    assert len(listed) == accounts
    assert set(listed["segment"]) == {segment}


def test_account_page_shows_the_latest_score_and_tier(
    account_page: AppTest, known: tuple[str, str], published: Query
) -> None:
    account_id = known[1]
    name, score, tier, *drivers = published(
        "select account_name, health_score, tier, driver_1_measure, driver_2_measure, "
        "driver_3_measure from marts.fct_account_health_weekly "
        "where account_id = ? order by week_start_date desc limit 1",
        account_id,
    )[0]
    assert account_page.selectbox(key="account").value == account_id
    assert [h.value for h in account_page.header] == [name]
    assert number(metric(account_page, "Health score").value) == pytest.approx(score, abs=0.05)
    assert metric(account_page, "Tier").value == tier
    (alerts,) = published(
        "select count(*) from marts.fct_health_alerts where account_id = ?", account_id
    )[0]
    assert len(table(account_page, "account_alerts")) == alerts
    shown_drivers = table(account_page, "account_drivers")["measure_id"].tolist()
    assert shown_drivers == [measure for measure in drivers if measure is not None]


def test_csm_page_lists_exactly_the_csms_items(
    csm_page: AppTest, known: tuple[str, str], published: Query
) -> None:
    csm_user_id = known[0]
    expected = [
        account_id for (account_id,) in published(
            "select account_id from marts.fct_csm_action_items where csm_user_id = ? "
            "order by csm_priority",
            csm_user_id,
        )
    ]
    assert csm_page.selectbox(key="csm").value == csm_user_id
    assert table(csm_page, "csm_list")["account_id"].tolist() == expected
    overdue, backlog = published(
        "select "
        "count(*) filter (where alerts.respond_by_at < quality.as_of_date + interval 1 day), "
        "count(*) filter (where alerts.account_id not in "
        "    (select account_id from marts.fct_csm_action_items)) "
        "from marts.fct_health_alerts as alerts "
        "join marts.dim_accounts as accounts using (account_id) "
        "cross join (select max(as_of_date) as as_of_date from marts.fct_data_quality) as quality "
        "where alerts.is_open and accounts.csm_user_id = ?",
        csm_user_id,
    )[0]
    assert len(table(csm_page, "csm_overdue")) == overdue
    assert len(table(csm_page, "csm_backlog")) == backlog
    assert number(metric(csm_page, "On this week's list").value) == len(expected)
