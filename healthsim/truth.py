"""Ground truth: the accounts as they really are and their month-by-month state.

account_months is a month-end snapshot: `is_active` means a customer (trialing, paying or paused)
at the end of the month (at the as-of date for the last month), `mrr_usd` the true MRR then
(paying subscriptions' seats x monthly-normalised price x that month's FX rate; 0 while trialing or
paused and from the churn month on). `latent_health` is reported for every month in which the
account was a customer at some point, null otherwise (and always null for test/deleted accounts).
"""

from __future__ import annotations

import math
from typing import Any

from healthsim.arrowutil import RowBuffer
from healthsim.context import Context
from healthsim.schema import TRUTH_SCHEMAS
from healthsim.timeutil import DAY, s_to_date
from healthsim.world import DELETED, TEST, AccountWorld, is_customer_at, mrr_usd_at


class TruthRows:
    def __init__(self) -> None:
        self.accounts = RowBuffer(TRUTH_SCHEMAS["accounts"])
        self.months = RowBuffer(TRUTH_SCHEMAS["account_months"])
        self.manifest: dict[str, dict[str, Any]] = {}


def _month(ts: int) -> str | None:
    return s_to_date(ts).strftime("%Y-%m") if ts >= 0 else None


def truth_rows(ctx: Context, world: AccountWorld, truth: TruthRows) -> None:
    grid = ctx.grid
    truth.accounts.append(
        account_id=world.account_id,
        name=world.name,
        segment=world.segment,
        signup_date=world.created_s // DAY,
        churn_date=world.churn_s // DAY if world.churn_s >= 0 else None,
        reactivation_date=world.reactivation_s // DAY if world.reactivation_s >= 0 else None,
        is_test=world.kind == TEST,
        is_deleted=world.kind == DELETED,
    )
    truth.manifest[world.account_id] = {
        "segment": world.segment,
        "signup_date": s_to_date(world.created_s).isoformat(),
        "churned_month": _month(world.churn_s),
        "reactivated_month": _month(world.reactivation_s),
        "is_test": world.kind == TEST,
        "is_deleted": world.kind == DELETED,
    }
    customer = world.is_customer
    for m in range(grid.months):
        snapshot = grid.end(m) - 1
        h = float(world.health[m])
        health = round(h, 4) if customer and not math.isnan(h) else None
        truth.months.append(
            account_id=world.account_id,
            month_start=grid.start(m) // DAY,
            latent_health=health,
            is_active=customer and is_customer_at(world, snapshot),
            mrr_usd=mrr_usd_at(ctx, world, snapshot, m) if customer else 0.0,
        )
