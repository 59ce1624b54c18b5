"""The raw contract (docs/raw_contract.md) and the injected mess (docs/mess.md) as data.

Shared by the simulator, its tests and any raw-file validator: `RAW_SCHEMAS` maps "system/table" to
the exact Arrow schema the simulator writes, `TRUTH_SCHEMAS` the ground-truth files, and
`MESS_TABLES` each mess kind to the tables it is injected on.
"""

from __future__ import annotations

import pyarrow as pa

STRING = pa.string()
INT64 = pa.int64()
DOUBLE = pa.float64()
BOOL = pa.bool_()
DATE = pa.date32()
TIMESTAMP = pa.timestamp("us")


def _schema(*fields: tuple[str, pa.DataType]) -> pa.Schema:
    return pa.schema([pa.field(name, dtype) for name, dtype in fields])


RAW_SCHEMAS: dict[str, pa.Schema] = {
    "product/tracks": _schema(
        ("id", STRING),
        ("user_id", STRING),
        ("anonymous_id", STRING),
        ("event", STRING),
        ("event_text", STRING),
        ("context_group_id", STRING),
        ("timestamp", TIMESTAMP),
        ("sent_at", TIMESTAMP),
        ("received_at", TIMESTAMP),
        ("uuid_ts", TIMESTAMP),
    ),
    "product/identifies": _schema(
        ("id", STRING),
        ("user_id", STRING),
        ("anonymous_id", STRING),
        ("email", STRING),
        ("name", STRING),
        ("role", STRING),
        ("context_group_id", STRING),
        ("timestamp", TIMESTAMP),
        ("received_at", TIMESTAMP),
        ("uuid_ts", TIMESTAMP),
    ),
    "crm/account": _schema(
        ("id", STRING),
        ("name", STRING),
        ("type", STRING),
        ("segment__c", STRING),
        ("industry", STRING),
        ("number_of_employees", INT64),
        ("billing_country", STRING),
        ("parent_id", STRING),
        ("owner_id", STRING),
        ("created_date", TIMESTAMP),
        ("is_deleted", BOOL),
        ("system_modstamp", TIMESTAMP),
        ("_fivetran_synced", TIMESTAMP),
    ),
    "crm/contact": _schema(
        ("id", STRING),
        ("account_id", STRING),
        ("first_name", STRING),
        ("last_name", STRING),
        ("email", STRING),
        ("title", STRING),
        ("contact_role__c", STRING),
        ("left_company_date__c", DATE),
        ("created_date", TIMESTAMP),
        ("is_deleted", BOOL),
        ("system_modstamp", TIMESTAMP),
        ("_fivetran_synced", TIMESTAMP),
    ),
    "crm/user": _schema(
        ("id", STRING),
        ("name", STRING),
        ("email", STRING),
        ("user_role", STRING),
        ("is_active", BOOL),
        ("created_date", TIMESTAMP),
        ("system_modstamp", TIMESTAMP),
        ("_fivetran_synced", TIMESTAMP),
    ),
    "crm/opportunity": _schema(
        ("id", STRING),
        ("account_id", STRING),
        ("name", STRING),
        ("type", STRING),
        ("stage_name", STRING),
        ("amount", DOUBLE),
        ("currency_iso_code", STRING),
        ("close_date", DATE),
        ("is_closed", BOOL),
        ("is_won", BOOL),
        ("created_date", TIMESTAMP),
        ("is_deleted", BOOL),
        ("system_modstamp", TIMESTAMP),
        ("_fivetran_synced", TIMESTAMP),
    ),
    "crm/activity": _schema(
        ("id", STRING),
        ("account_id", STRING),
        ("owner_id", STRING),
        ("type", STRING),
        ("subject", STRING),
        ("status", STRING),
        ("activity_date", DATE),
        ("created_date", TIMESTAMP),
        ("is_deleted", BOOL),
        ("system_modstamp", TIMESTAMP),
        ("_fivetran_synced", TIMESTAMP),
    ),
    "support/organizations": _schema(
        ("id", INT64),
        ("name", STRING),
        ("external_id", STRING),
        ("created_at", TIMESTAMP),
        ("updated_at", TIMESTAMP),
        ("_fivetran_synced", TIMESTAMP),
    ),
    "support/tickets": _schema(
        ("id", INT64),
        ("organization_id", INT64),
        ("requester_email", STRING),
        ("subject", STRING),
        ("type", STRING),
        ("priority", STRING),
        ("status", STRING),
        ("tags", STRING),
        ("satisfaction_rating", STRING),
        ("created_at", TIMESTAMP),
        ("updated_at", TIMESTAMP),
        ("solved_at", TIMESTAMP),
        ("_fivetran_synced", TIMESTAMP),
    ),
    "survey/nps_responses": _schema(
        ("response_id", STRING),
        ("account_id", STRING),
        ("email", STRING),
        ("score", INT64),
        ("comment", STRING),
        ("responded_at", TIMESTAMP),
        ("_fivetran_synced", TIMESTAMP),
    ),
    "billing/customers": _schema(
        ("id", STRING),
        ("email", STRING),
        ("name", STRING),
        ("currency", STRING),
        ("metadata_account_id", STRING),
        ("delinquent", BOOL),
        ("created", INT64),
        ("is_deleted", BOOL),
        ("_fivetran_synced", TIMESTAMP),
    ),
    "billing/prices": _schema(
        ("id", STRING),
        ("product_id", STRING),
        ("nickname", STRING),
        ("currency", STRING),
        ("unit_amount", INT64),
        ("recurring_interval", STRING),
        ("recurring_interval_count", INT64),
        ("active", BOOL),
        ("created", INT64),
        ("_fivetran_synced", TIMESTAMP),
    ),
    "billing/subscriptions": _schema(
        ("id", STRING),
        ("customer_id", STRING),
        ("status", STRING),
        ("cancel_at_period_end", BOOL),
        ("created", INT64),
        ("start_date", INT64),
        ("current_period_start", INT64),
        ("current_period_end", INT64),
        ("trial_start", INT64),
        ("trial_end", INT64),
        ("canceled_at", INT64),
        ("ended_at", INT64),
        ("_fivetran_synced", TIMESTAMP),
    ),
    "billing/subscription_items": _schema(
        ("id", STRING),
        ("subscription_id", STRING),
        ("price_id", STRING),
        ("quantity", INT64),
        ("created", INT64),
        ("_fivetran_synced", TIMESTAMP),
    ),
    "billing/invoices": _schema(
        ("id", STRING),
        ("customer_id", STRING),
        ("subscription_id", STRING),
        ("status", STRING),
        ("currency", STRING),
        ("amount_due", INT64),
        ("amount_paid", INT64),
        ("total", INT64),
        ("period_start", INT64),
        ("period_end", INT64),
        ("created", INT64),
        ("_fivetran_synced", TIMESTAMP),
    ),
    "billing/invoice_line_items": _schema(
        ("id", STRING),
        ("invoice_id", STRING),
        ("subscription_id", STRING),
        ("price_id", STRING),
        ("type", STRING),
        ("proration", BOOL),
        ("quantity", INT64),
        ("amount", INT64),
        ("currency", STRING),
        ("period_start", INT64),
        ("period_end", INT64),
        ("_fivetran_synced", TIMESTAMP),
    ),
    "billing/charges": _schema(
        ("id", STRING),
        ("customer_id", STRING),
        ("invoice_id", STRING),
        ("amount", INT64),
        ("currency", STRING),
        ("status", STRING),
        ("failure_code", STRING),
        ("created", INT64),
        ("_fivetran_synced", TIMESTAMP),
    ),
    "billing/fx_rates": _schema(
        ("month_start", DATE),
        ("currency", STRING),
        ("rate_to_usd", DOUBLE),
        ("_fivetran_synced", TIMESTAMP),
    ),
}

RAW_TABLES: tuple[str, ...] = tuple(RAW_SCHEMAS)

TRUTH_SCHEMAS: dict[str, pa.Schema] = {
    "accounts": _schema(
        ("account_id", STRING),
        ("name", STRING),
        ("segment", STRING),
        ("signup_date", DATE),
        ("churn_date", DATE),
        ("reactivation_date", DATE),
        ("is_test", BOOL),
        ("is_deleted", BOOL),
    ),
    "account_months": _schema(
        ("account_id", STRING),
        ("month_start", DATE),
        ("latent_health", DOUBLE),
        ("is_active", BOOL),
        ("mrr_usd", DOUBLE),
    ),
}

# Mess kinds (docs/mess.md) and the tables each is injected on, in a fixed order.
MESS_TABLES: dict[str, tuple[str, ...]] = {
    "duplicate": (
        "product/tracks",
        "product/identifies",
        "support/tickets",
        "survey/nps_responses",
        "billing/charges",
    ),
    "late_arriving": ("product/tracks",),
    "null_timestamp": ("product/tracks", "support/tickets"),
    "future_timestamp": ("product/tracks",),
    "out_of_range_score": ("survey/nps_responses",),
    "negative_quantity": ("billing/subscription_items",),
    "id_case_whitespace": (
        "product/tracks",
        "product/identifies",
        "support/organizations",
        "survey/nps_responses",
        "billing/customers",
    ),
    "unknown_account": (
        "product/tracks",
        "product/identifies",
        "support/organizations",
        "survey/nps_responses",
        "billing/customers",
    ),
    "test_account": (
        "crm/account",
        "product/tracks",
        "product/identifies",
        "support/organizations",
    ),
    "soft_deleted": ("crm/account", "crm/contact", "crm/opportunity", "crm/activity"),
}

MESS_KINDS: tuple[str, ...] = tuple(MESS_TABLES)

# Default rate of each kind: a share of the eligible rows (for unknown_account and test_account a
# share of the accounts that spawn a fake group/org/customer or are internal tenants).
DEFAULT_RATES: dict[str, float] = {
    "duplicate": 0.01,
    "late_arriving": 0.01,
    "null_timestamp": 0.005,
    "future_timestamp": 0.005,
    "out_of_range_score": 0.01,
    "negative_quantity": 0.02,
    "id_case_whitespace": 0.01,
    "unknown_account": 0.02,
    "test_account": 0.015,
    "soft_deleted": 0.015,
}


def kinds_for_table(table: str) -> tuple[str, ...]:
    """The mess kinds injected on one table, in MESS_KINDS order."""
    return tuple(kind for kind in MESS_KINDS if table in MESS_TABLES[kind])


def empty_mess_counts() -> dict[str, dict[str, int]]:
    """{table: {kind: 0}} for every table that carries at least one kind."""
    return {
        table: {kind: 0 for kind in kinds_for_table(table)}
        for table in RAW_TABLES
        if kinds_for_table(table)
    }
