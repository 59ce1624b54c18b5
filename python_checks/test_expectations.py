"""Great Expectations suites over staging models and marts, validated through GX's pandas datasource
(each relation is read into a DataFrame with duckdb)."""

from __future__ import annotations

from typing import Any

import duckdb
import great_expectations as gx
import pytest

E = gx.expectations

SEGMENTS = ["Enterprise", "Mid-Market", "SMB", "Starter", "Unknown"]
LINK_STATUSES = ["matched", "matched_normalized", "not_linked"]

# relation -> the expectations it must meet
SUITES: dict[str, list[Any]] = {
    "marts.dim_accounts": [
        E.ExpectColumnValuesToBeUnique(column="account_id"),
        E.ExpectColumnValuesToNotBeNull(column="account_id"),
        E.ExpectColumnValuesToBeInSet(column="segment", value_set=SEGMENTS),
        E.ExpectColumnValuesToBeInSet(column="billing_match_status", value_set=LINK_STATUSES),
        E.ExpectColumnValuesToBeInSet(column="support_match_status", value_set=LINK_STATUSES),
        E.ExpectColumnValuesToBeInSet(column="product_match_status", value_set=LINK_STATUSES),
        E.ExpectColumnValuesToNotBeNull(column="csm_user_id"),
        E.ExpectColumnValuesToBeBetween(column="employee_count", min_value=1),
        # almost every real account is billed and uses the product
        E.ExpectColumnValuesToNotBeNull(column="billing_customer_ids", mostly=0.9),
        E.ExpectColumnValuesToNotBeNull(column="product_group_id", mostly=0.9),
    ],
    "marts.fct_data_quality": [
        E.ExpectTableRowCountToEqual(value=18),
        E.ExpectColumnValuesToBeUnique(column="source_table"),
        E.ExpectColumnValuesToBeBetween(column="key_completeness", min_value=0.9, max_value=1),
        E.ExpectColumnValuesToBeBetween(column="match_rate_to_crm", min_value=0.8, max_value=1),
        E.ExpectColumnValuesToBeBetween(column="kept_rows", min_value=1),
    ],
    "staging.stg_product__tracks": [
        E.ExpectColumnValuesToBeUnique(column="track_id"),
        E.ExpectColumnValuesToNotBeNull(column="event_at"),
        E.ExpectColumnValuesToNotBeNull(column="account_ref"),
        E.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="received_at", column_B="event_at", or_equal=True, mostly=0.95
        ),
    ],
    "staging.stg_survey__nps_responses": [
        E.ExpectColumnValuesToBeBetween(column="nps_score", min_value=0, max_value=10),
        E.ExpectColumnValuesToBeInSet(
            column="nps_category", value_set=["promoter", "passive", "detractor"]
        ),
        E.ExpectColumnValuesToBeUnique(column="response_id"),
    ],
    "staging.stg_support__tickets": [
        E.ExpectColumnValuesToBeUnique(column="ticket_id"),
        E.ExpectColumnValuesToBeInSet(
            column="priority", value_set=["low", "normal", "high", "urgent"]
        ),
        E.ExpectColumnValuesToBeInSet(
            column="ticket_status", value_set=["new", "open", "pending", "hold", "solved", "closed"]
        ),
        E.ExpectColumnValuesToBeBetween(column="resolution_hours", min_value=0),
    ],
    "staging.stg_billing__subscription_items": [
        E.ExpectColumnValuesToBeBetween(column="quantity", min_value=0),
    ],
    "staging.stg_billing__prices": [
        E.ExpectColumnValuesToBeInSet(
            column="billing_interval", value_set=["day", "week", "month", "year"]
        ),
        E.ExpectColumnValuesToBeBetween(column="unit_amount", min_value=0),
    ],
    "quarantine.quarantined_records": [
        E.ExpectColumnValuesToNotBeNull(column="reason"),
        E.ExpectColumnValuesToNotBeNull(column="record_json"),
    ],
}


@pytest.fixture(scope="module")
def gx_context() -> Any:
    return gx.get_context(mode="ephemeral")


@pytest.mark.parametrize("relation", sorted(SUITES))
def test_relation_meets_its_suite(
    warehouse: duckdb.DuckDBPyConnection, gx_context: Any, relation: str
) -> None:
    frame = warehouse.sql(f"select * from {relation}").df()
    name = relation.replace(".", "__")
    source = gx_context.data_sources.add_pandas(name)
    batch = (
        source.add_dataframe_asset(name=name)
        .add_batch_definition_whole_dataframe("whole")
        .get_batch(batch_parameters={"dataframe": frame})
    )
    suite = gx_context.suites.add(gx.ExpectationSuite(name=name, expectations=SUITES[relation]))
    result = batch.validate(suite)
    failed = [
        (r.expectation_config.type, r.expectation_config.kwargs.get("column"), r.result)
        for r in result.results
        if not r.success
    ]
    assert result.success, failed
