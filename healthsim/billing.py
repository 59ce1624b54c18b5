"""Stripe rows: customers, subscriptions and their items (current state), invoices with line items
(the period-by-period history, prorations when seats or plans change mid-period) and charges
(failures more likely when the account is unhealthy). Plus the global prices and fx_rates."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from healthsim import catalog, rand
from healthsim.context import Context
from healthsim.mess import MessCounter, pick_variant
from healthsim.rows import ChunkRows, later_load, pick_kind, synced_at
from healthsim.timeutil import DAY, HOUR, MINUTE
from healthsim.world import AccountWorld, Subscription, ghost_account_id_for

_NEVER = 2**62


@dataclass
class Line:
    price_key: str
    type: str
    proration: bool
    quantity: int
    amount: int
    period_start: int
    period_end: int


@dataclass
class Invoice:
    created: int
    period_start: int
    period_end: int
    lines: list[Line]
    status: str = "draft"
    paid: bool = False
    charges: list[tuple[int, bool, str | None]] = field(default_factory=list)  # time, ok, code

    @property
    def total(self) -> int:
        return sum(line.amount for line in self.lines)


def _proration(sub: Subscription, ts: int, p0: int, p1: int) -> list[Line]:
    q0, key0 = sub.state_at(ts - 1)
    q1, key1 = sub.state_at(ts)
    frac = (p1 - ts) / (p1 - p0)
    unit0 = catalog.PRICE_BY_KEY[key0].unit_amount
    unit1 = catalog.PRICE_BY_KEY[key1].unit_amount
    return [
        Line(key0, "invoiceitem", True, q0, -round(q0 * unit0 * frac), ts, p1),
        Line(key1, "invoiceitem", True, q1, round(q1 * unit1 * frac), ts, p1),
    ]


def _stop(sub: Subscription, end: int) -> int:
    stop = end
    if sub.end_s >= 0:
        stop = min(stop, sub.end_s)
    if sub.pause_s >= 0:
        stop = min(stop, sub.pause_s)
    return stop


def sub_invoices(ctx: Context, sub: Subscription) -> list[Invoice]:
    """The invoices of a subscription that cover any part of the window, oldest first."""
    window_start = ctx.grid.window_start
    stop = _stop(sub, ctx.grid.as_of_end)
    invoices: list[Invoice] = []
    if sub.trial_end_s >= 0 and sub.trial_end_s > window_start:
        q, key = sub.state_at(sub.start_s)
        line = Line(key, "subscription", False, q, 0, sub.start_s, sub.trial_end_s)
        invoices.append(Invoice(sub.start_s, sub.start_s, sub.trial_end_s, [line]))
    immediate = sub.interval == "year" or sub.interval_count > 1
    pending: list[Line] = []
    k = 0
    while True:
        p0, p1 = sub.boundary(k), sub.boundary(k + 1)
        if p0 >= stop:
            break
        if p1 > window_start:
            q, key = sub.state_at(p0)
            amount = q * catalog.PRICE_BY_KEY[key].unit_amount
            lines = [Line(key, "subscription", False, q, amount, p0, p1), *pending]
            invoices.append(Invoice(p0, p0, p1, lines))
        pending = []
        for ts, _q, _key in sub.changes[1:]:
            if not (p0 < ts < p1 and ts < stop) or p1 <= window_start:
                continue
            lines = _proration(sub, ts, p0, p1)
            if immediate:
                invoices.append(Invoice(ts, ts, p1, lines))
            else:
                pending.extend(lines)
        k += 1
    invoices.sort(key=lambda inv: inv.created)
    return invoices


def _health_at(ctx: Context, world: AccountWorld, t: int) -> float:
    m = ctx.grid.index_of(t)
    if 0 <= m < ctx.grid.months and not math.isnan(world.health[m]):
        return float(world.health[m])
    return 0.7


def _collect(ctx: Context, world: AccountWorld, inv: Invoice, rng: np.random.Generator) -> None:
    """Charge attempts and the resulting invoice status."""
    end = ctx.grid.as_of_end
    if inv.created >= end - HOUR:
        inv.status = "draft"
        return
    if inv.total <= 0:
        inv.status, inv.paid = "paid", True
        return
    h = _health_at(ctx, world, inv.created)
    first = inv.created + int(rng.integers(HOUR, 2 * HOUR))
    attempts = [first, first + 3 * DAY, first + 5 * DAY, first + 7 * DAY]
    for n, at in enumerate(attempts):
        if at >= end - HOUR:
            break
        p_ok = 1.0 - (0.02 + 0.25 * (1.0 - h) ** 2) if n == 0 else 0.3 + 0.45 * h
        if rng.random() < p_ok:
            inv.charges.append((at, True, None))
            inv.paid = True
            break
        code = catalog.FAILURE_CODES[rand.choice_index(rng, catalog.FAILURE_CODE_SHARES)]
        inv.charges.append((at, False, code))
    if inv.paid:
        inv.status = "paid"
    else:
        inv.status = "uncollectible" if inv.created < end - 30 * DAY else "open"


def _sub_status(ctx: Context, sub: Subscription, invoices: list[Invoice]) -> tuple[str, int, int]:
    """(status, current_period_start, current_period_end) at the as-of date."""
    end = ctx.grid.as_of_end
    if 0 <= sub.end_s < end:
        if sub.trial_end_s >= 0 and sub.end_s <= sub.trial_end_s:
            return "canceled", sub.start_s, sub.trial_end_s
        return ("canceled", *_period_containing(sub, sub.end_s - 1))
    if sub.trial_end_s >= end:
        return "trialing", sub.start_s, sub.trial_end_s
    p0, p1 = _period_containing(sub, end - 1)
    if sub.pause_s >= 0:
        return "paused", p0, p1
    billed = [inv for inv in invoices if inv.status not in ("draft", "void") and inv.total > 0]
    if billed and billed[-1].status == "open":
        return "past_due", p0, p1
    if billed and billed[-1].status == "uncollectible":
        return "unpaid", p0, p1
    return "active", p0, p1


def _period_containing(sub: Subscription, t: int) -> tuple[int, int]:
    k = 0
    while sub.boundary(k + 1) <= t:
        k += 1
    return sub.boundary(k), sub.boundary(k + 1)


def billing_rows(
    ctx: Context,
    world: AccountWorld,
    billing_email: str,
    rows: ChunkRows,
    counter: MessCounter,
) -> None:
    rng = rand.account_rng(ctx.seed, world.index, rand.BILLING)
    end = ctx.grid.as_of_end
    n_customers = 2 if any(s.customer_no == 1 for s in world.subs) else 1
    customer_ids = rand.alnum_strings(rng, n_customers, 14, "cus_")
    delinquent = [False] * n_customers
    last_activity = [world.created_s] * n_customers
    for sub in world.subs:
        cus = customer_ids[sub.customer_no]
        invoices = sub_invoices(ctx, sub)
        voided: list[Invoice] = []
        for inv in invoices:
            if inv.created < end - 7 * DAY and inv.total > 0 and rng.random() < 0.003:
                inv.status = "void"
                voided.append(
                    Invoice(
                        inv.created + DAY,
                        inv.period_start,
                        inv.period_end,
                        [Line(**vars(line)) for line in inv.lines],
                    )
                )
            else:
                _collect(ctx, world, inv, rng)
        for inv in voided:
            _collect(ctx, world, inv, rng)
        invoices = sorted(invoices + voided, key=lambda inv: inv.created)
        status, cps, cpe = _sub_status(ctx, sub, invoices)
        if status in ("past_due", "unpaid"):
            delinquent[sub.customer_no] = True
        sub_id = rand.alnum_strings(rng, 1, 14, "sub_")[0]
        for inv in invoices:
            _invoice_rows(ctx, rows, counter, rng, inv, cus, sub_id, sub.currency)
            last_activity[sub.customer_no] = max(last_activity[sub.customer_no], inv.created)
        _subscription_rows(ctx, world, rows, counter, rng, sub, sub_id, cus, status, cps, cpe)

    churned_for_good = world.churn_s >= 0 and world.reactivation_s < 0
    for c, cus in enumerate(customer_ids):
        created = (
            world.created_s
            if c == 0
            else min(s.start_s for s in world.subs if s.customer_no == 1)
            - int(rng.integers(HOUR, 3 * DAY))
        )
        metadata = world.account_id
        u = rand.weyl(ctx.phases["customer_id_case"], world.index * 2 + c)
        rate = ctx.cfg.rate("id_case_whitespace")
        if u < rate:
            metadata = pick_variant(world.account_id, u / rate)
            counter.add("billing/customers", "id_case_whitespace", 1)
        email = billing_email if c == 0 else f"accounts.payable@{world.domain}"
        rows["billing/customers"].append(
            id=cus,
            email=email,
            name=world.name,
            currency=world.currency,
            metadata_account_id=metadata,
            delinquent=delinquent[c],
            created=created,
            is_deleted=churned_for_good and rng.random() < 0.1,
            _fivetran_synced=synced_at(rng, min(last_activity[c], end - HOUR), end),
        )


def _invoice_rows(
    ctx: Context,
    rows: ChunkRows,
    counter: MessCounter,
    rng: np.random.Generator,
    inv: Invoice,
    cus: str,
    sub_id: str,
    currency: str,
) -> None:
    end = ctx.grid.as_of_end
    inv_id = rand.alnum_strings(rng, 1, 14, "in_")[0]
    total = inv.total
    due = max(total, 0)
    changed = max([inv.created, *(at for at, _ok, _code in inv.charges)])
    rows["billing/invoices"].append(
        id=inv_id,
        customer_id=cus,
        subscription_id=sub_id,
        status=inv.status,
        currency=currency,
        amount_due=due,
        amount_paid=due if inv.status == "paid" else 0,
        total=total,
        period_start=inv.period_start,
        period_end=inv.period_end,
        created=inv.created,
        _fivetran_synced=synced_at(rng, changed, end),
    )
    line_ids = rand.alnum_strings(rng, len(inv.lines), 14, "il_")
    for line_id, line in zip(line_ids, inv.lines, strict=True):
        rows["billing/invoice_line_items"].append(
            id=line_id,
            invoice_id=inv_id,
            subscription_id=sub_id,
            price_id=ctx.price_ids[line.price_key],
            type=line.type,
            proration=line.proration,
            quantity=line.quantity,
            amount=line.amount,
            currency=currency,
            period_start=line.period_start,
            period_end=line.period_end,
            _fivetran_synced=synced_at(rng, inv.created, end),
        )
    charge_ids = rand.alnum_strings(rng, len(inv.charges), 14, "ch_")
    for charge_id, (at, ok, code) in zip(charge_ids, inv.charges, strict=True):
        synced = synced_at(rng, at, end)
        row = {
            "id": charge_id,
            "customer_id": cus,
            "invoice_id": inv_id,
            "amount": due,
            "currency": currency,
            "status": "succeeded" if ok else "failed",
            "failure_code": code,
            "created": at,
            "_fivetran_synced": synced,
        }
        rows["billing/charges"].append(**row)
        kind, _v = pick_kind(float(rng.random()), ("duplicate",), ctx.cfg)
        if kind == "duplicate":
            counter.add("billing/charges", "duplicate", 1)
            rows["billing/charges"].append(**{**row, "_fivetran_synced": later_load(rng, synced)})


def _subscription_rows(
    ctx: Context,
    world: AccountWorld,
    rows: ChunkRows,
    counter: MessCounter,
    rng: np.random.Generator,
    sub: Subscription,
    sub_id: str,
    cus: str,
    status: str,
    cps: int,
    cpe: int,
) -> None:
    end = ctx.grid.as_of_end
    ended = 0 <= sub.end_s < end
    requested = 0 <= sub.cancel_req_s < end
    snapshot = (sub.end_s if ended else end) - 1
    quantity, key = sub.state_at(snapshot)
    changed = max(
        sub.changes[-1][0] if sub.changes[-1][0] < end else sub.start_s,
        min(cps, end - HOUR),
        sub.cancel_req_s if requested else 0,
        sub.end_s if ended else 0,
        max(sub.pause_s, 0),
    )
    rows["billing/subscriptions"].append(
        id=sub_id,
        customer_id=cus,
        status=status,
        cancel_at_period_end=requested and (sub.trial_end_s < 0 or sub.end_s != sub.trial_end_s),
        created=sub.start_s,
        start_date=sub.start_s,
        current_period_start=cps,
        current_period_end=cpe,
        trial_start=sub.start_s if sub.trial_end_s >= 0 else None,
        trial_end=sub.trial_end_s if sub.trial_end_s >= 0 else None,
        canceled_at=sub.cancel_req_s if requested else None,
        ended_at=sub.end_s if ended else None,
        _fivetran_synced=synced_at(rng, changed, end),
    )
    u = rand.weyl(ctx.phases["item_negative"], world.index * 4 + sub.sub_no)
    if u < ctx.cfg.rate("negative_quantity"):
        quantity = -quantity
        counter.add("billing/subscription_items", "negative_quantity", 1)
    rows["billing/subscription_items"].append(
        id=rand.alnum_strings(rng, 1, 14, "si_")[0],
        subscription_id=sub_id,
        price_id=ctx.price_ids[key],
        quantity=quantity,
        created=sub.start_s,
        _fivetran_synced=synced_at(rng, changed, end),
    )


def ghost_customer_row(ctx: Context, index: int, rows: ChunkRows, counter: MessCounter) -> None:
    """A Stripe customer whose metadata account id exists nowhere in the CRM (no subscription)."""
    if rand.weyl(ctx.phases["ghost_customer"], index) >= ctx.cfg.rate("unknown_account"):
        return
    rng = rand.account_rng(ctx.seed, index, rand.GHOST + 30)
    end = ctx.grid.as_of_end
    created = ctx.grid.window_start + int(rng.random() * (end - DAY - ctx.grid.window_start))
    counter.add("billing/customers", "unknown_account", 1)
    rows["billing/customers"].append(
        id=rand.alnum_strings(rng, 1, 14, "cus_")[0],
        email=f"billing{index + 1}@example.com",
        name=f"Customer {index + 1}",
        currency="usd",
        metadata_account_id=ghost_account_id_for(index),
        delinquent=False,
        created=created,
        is_deleted=False,
        _fivetran_synced=synced_at(rng, created, end),
    )


def price_rows(ctx: Context, rows: ChunkRows) -> None:
    rng = rand.global_rng(ctx.seed, rand.G_PRICES + 100)
    end = ctx.grid.as_of_end
    for spec in catalog.PRICE_SPECS:
        created = ctx.price_created_s[spec.key]
        rows["billing/prices"].append(
            id=ctx.price_ids[spec.key],
            product_id=ctx.product_ids[spec.plan],
            nickname=spec.nickname,
            currency=spec.currency,
            unit_amount=spec.unit_amount,
            recurring_interval=spec.interval,
            recurring_interval_count=spec.interval_count,
            active=spec.active,
            created=created,
            _fivetran_synced=synced_at(
                rng, ctx.grid.window_start + int(rng.integers(0, 30)) * DAY, end
            ),
        )


def fx_rows(ctx: Context, rows: ChunkRows) -> None:
    rng = rand.global_rng(ctx.seed, rand.G_FX + 100)
    end = ctx.grid.as_of_end
    for m, month_start in enumerate(ctx.grid.starts[:-1]):
        for currency in catalog.CURRENCIES:
            published = int(month_start) + int(rng.integers(HOUR, 2 * DAY))
            rows["billing/fx_rates"].append(
                month_start=int(month_start) // DAY,
                currency=currency,
                rate_to_usd=float(ctx.fx[currency][m]),
                _fivetran_synced=min(published + int(rng.integers(5 * MINUTE, HOUR)), end),
            )
