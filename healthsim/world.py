"""The latent world of one account: who it is, its monthly health, its subscriptions, churn and
reactivation. Every other system's rows are derived from this.

Health is a random walk in logit space with mean reversion to an account baseline, occasional
shocks (champion departure, budget cuts, failed onboarding) and a forced decline of 1-3 months
between the (unobserved) decision to leave and the churn date, so churn is preceded by visible
decline in usage, NPS and support.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from healthsim import catalog, rand
from healthsim.context import Context
from healthsim.timeutil import DAY, HOUR, add_months, day_of_month

CUSTOMER, TEST, DELETED = "customer", "test", "deleted"
_ACTIVE, _DECLINING, _CHURNED, _REACTIVATED = range(4)
_SEGMENT_BONUS = {"Enterprise": 0.4, "Mid-Market": 0.2, "SMB": 0.0, "Starter": -0.2}


def sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


@dataclass
class Subscription:
    """One Stripe subscription; `changes` is its (time, quantity, price key) history."""

    sub_no: int
    customer_no: int
    interval: str
    interval_count: int
    currency: str
    start_s: int
    trial_end_s: int = -1
    end_s: int = -1  # ended_at, -1 while live at the as-of date
    cancel_req_s: int = -1  # canceled_at (cancellation requested), -1 if never
    pause_s: int = -1
    changes: list[tuple[int, int, str]] = field(default_factory=list)

    @property
    def anchor_s(self) -> int:
        """Billing cycle anchor: the end of the trial, else the start."""
        return self.trial_end_s if self.trial_end_s >= 0 else self.start_s

    def boundary(self, k: int) -> int:
        """Start of the k-th paid period."""
        if self.interval == "week":
            return self.anchor_s + k * 7 * self.interval_count * DAY
        months = self.interval_count * (12 if self.interval == "year" else 1)
        return add_months(self.anchor_s, k * months)

    def next_boundary(self, t: int) -> int:
        """First period boundary at or after t."""
        k = 0
        while self.boundary(k) < t:
            k += 1
        return self.boundary(k)

    def state_at(self, t: int) -> tuple[int, str]:
        """(quantity, price key) in force at t (the first state before the start)."""
        quantity, key = self.changes[0][1], self.changes[0][2]
        for ts, q, k in self.changes:
            if ts > t:
                break
            quantity, key = q, k
        return quantity, key

    def is_paying_at(self, t: int) -> bool:
        if t < self.start_s or (self.trial_end_s >= 0 and t < self.trial_end_s):
            return False
        if self.end_s >= 0 and t >= self.end_s:
            return False
        return not (self.pause_s >= 0 and t >= self.pause_s)

    def is_live_at(self, t: int) -> bool:
        return t >= self.start_s and (self.end_s < 0 or t < self.end_s)


@dataclass
class AccountWorld:
    index: int
    account_id: str
    kind: str  # customer | test | deleted
    test_type: str  # Internal | Test | "" for customers
    name: str
    domain: str
    segment: str
    industry: str
    employees: int
    country: str
    currency: str
    owner_id: str
    parent_index: int  # -1 without parent
    created_s: int  # CRM created date = signup (trial start)
    deleted_s: int = -1
    churn_s: int = -1  # churn instant (-1 if not churned by the as-of date)
    reactivation_s: int = -1
    decision_month: int = -1
    trial_days: int = 0
    trial_converted: bool = True
    health: np.ndarray = field(default_factory=lambda: np.zeros(0))  # NaN when not present
    present_lo: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    present_hi: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    seats: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    subs: list[Subscription] = field(default_factory=list)
    champion_departures: list[tuple[int, int]] = field(default_factory=list)  # (month, ts)
    second_customer: bool = False

    @property
    def present(self) -> np.ndarray:
        """Months in which the account was a customer (or an internal tenant) at some point."""
        return self.present_hi > self.present_lo

    @property
    def is_customer(self) -> bool:
        return self.kind == CUSTOMER


def account_id_for(index: int) -> str:
    return f"ACC-{index + 1:06d}"


def ghost_account_id_for(index: int) -> str:
    """An account reference that exists nowhere in the CRM."""
    return f"ACC-{9_000_001 + index}"


def _company(rng: np.random.Generator, country: str) -> tuple[str, str]:
    adj = catalog.NAME_ADJECTIVES[int(rng.integers(len(catalog.NAME_ADJECTIVES)))]
    noun = catalog.NAME_NOUNS[int(rng.integers(len(catalog.NAME_NOUNS)))]
    suffixes = catalog.NAME_SUFFIXES[country]
    suffix = suffixes[int(rng.integers(len(suffixes)))]
    domain = f"{adj}{noun}".lower() + f".{catalog.EMAIL_TLD[country]}"
    return f"{adj} {noun} {suffix}", domain


def _day_time(rng: np.random.Generator, month_start: int, max_day: int = 28) -> int:
    """A random instant on days 1..max_day of the month starting at month_start, working hours."""
    day = int(rng.integers(0, max_day))
    return month_start + day * DAY + int(rng.integers(7 * HOUR, 20 * HOUR))


def account_kind(ctx: Context, index: int) -> str:
    """customer, test (internal tenant) or deleted, from the account index alone."""
    u = rand.weyl(ctx.phases["account_kind"], index)
    test_rate = ctx.cfg.rate("test_account")
    if u < test_rate:
        return TEST
    return DELETED if u < test_rate + ctx.cfg.rate("soft_deleted") else CUSTOMER


def _parent_index(ctx: Context, rng: np.random.Generator, index: int) -> int:
    """An earlier real customer account as parent (-1 if none is found)."""
    candidate = int(rng.integers(0, index))
    while candidate >= 0 and account_kind(ctx, candidate) != CUSTOMER:
        candidate -= 1
    return candidate


def simulate_account(ctx: Context, index: int) -> AccountWorld:
    rng = rand.account_rng(ctx.seed, index, rand.WORLD)
    kind = account_kind(ctx, index)

    seg_idx = rand.choice_index(rng, [s.share for s in catalog.SEGMENTS])
    segment = catalog.SEGMENTS[seg_idx]
    currency = catalog.CURRENCIES[rand.choice_index(rng, catalog.CURRENCY_SHARES)]
    countries = catalog.COUNTRIES_BY_CURRENCY[currency]
    country = countries[rand.choice_index(rng, [c[1] for c in countries])][0]
    industry = catalog.INDUSTRIES[int(rng.integers(len(catalog.INDUSTRIES)))]
    name, domain = _company(rng, country)
    lo_emp, hi_emp = segment.employees
    employees = round(math.exp(rng.uniform(math.log(lo_emp), math.log(hi_emp))))
    owner = ctx.csm_ids[int(rng.integers(len(ctx.csm_ids)))]
    parent = _parent_index(ctx, rng, index) if index > 0 and rng.random() < 0.03 else -1

    grid = ctx.grid
    months = grid.months
    if rng.random() < 1 / 3 or months < 3:
        signup = (
            grid.window_start - int(rng.integers(20, 1100)) * DAY - int(rng.integers(8, 18)) * HOUR
        )
        if day_of_month(signup) > 28:
            signup -= 3 * DAY
        in_window = False
    else:
        signup = _day_time(rng, grid.start(int(rng.integers(1, months - 1))))
        in_window = True

    world = AccountWorld(
        index=index,
        account_id=account_id_for(index),
        kind=kind,
        test_type="",
        name=name,
        domain=domain,
        segment=segment.name,
        industry=industry,
        employees=employees,
        country=country,
        currency=currency,
        owner_id=owner,
        parent_index=parent,
        created_s=signup,
        health=np.full(months, np.nan),
        present_lo=np.zeros(months, dtype=np.int64),
        present_hi=np.zeros(months, dtype=np.int64),
        seats=np.zeros(months, dtype=np.int64),
    )
    if kind == DELETED:
        world.name = name if rng.random() < 0.5 else f"{name} (duplicate)"
        world.deleted_s = min(signup + int(rng.integers(1, 400)) * DAY, grid.as_of_end - DAY)
        world.deleted_s = max(world.deleted_s, signup + HOUR)
        return world
    if kind == TEST:
        u_kind = rand.weyl(ctx.phases["account_kind"], index)
        world.test_type = "Internal" if u_kind < ctx.cfg.rate("test_account") / 2 else "Test"
        _simulate_test_tenant(ctx, rng, world)
        return world
    _simulate_customer(ctx, rng, world, segment, in_window)
    return world


def _simulate_test_tenant(ctx: Context, rng: np.random.Generator, world: AccountWorld) -> None:
    grid = ctx.grid
    world.name = f"{'Internal' if world.test_type == 'Internal' else 'Test'} - {world.name}"
    world.segment = "Starter"
    world.domain = catalog.OUR_DOMAIN
    world.currency = "usd"
    world.country = "US"
    seats = int(rng.integers(2, 9))
    for m in range(grid.months):
        world.present_lo[m] = max(grid.start(m), world.created_s)
        world.present_hi[m] = grid.end(m)
        world.seats[m] = seats
        world.health[m] = 0.85


def _initial_subscription(
    ctx: Context,
    rng: np.random.Generator,
    world: AccountWorld,
    segment: catalog.Segment,
    in_window: bool,
) -> Subscription:
    mix = segment.interval_mix
    interval, count, _ = mix[rand.choice_index(rng, [m[2] for m in mix])]
    if interval == "week" and world.currency != "usd":
        interval, count = "month", 1
    legacy = (
        not in_window
        and interval == "month"
        and count == 1
        and world.currency == "usd"
        and segment.plan in catalog.LEGACY_MONTHLY_SEAT_PRICE
        and rng.random() < 0.15
    )
    key = catalog.price_key(segment.plan, interval, count, world.currency, legacy)
    price = catalog.PRICE_BY_KEY[key]
    month_at_signup = ctx.grid.index_of(world.created_s)
    fx = ctx.fx_at(world.currency, month_at_signup)
    seat_arr_usd = price.unit_amount / price.months_per_period * 12 / 100 * fx
    arr = math.exp(rng.uniform(math.log(segment.arr_lo * 1.1), math.log(segment.arr_hi * 0.9)))
    seats = max(1, round(arr / seat_arr_usd))
    world.segment = catalog.segment_for_arr(seats * seat_arr_usd)

    sub = Subscription(0, 0, interval, count, world.currency, world.created_s)
    if in_window and rng.random() < segment.trial_share:
        world.trial_days = (14, 30, 60)[rand.choice_index(rng, (0.45, 0.3, 0.25))]
        trial_end = world.created_s + world.trial_days * DAY
        if day_of_month(trial_end) > 28:
            trial_end -= (day_of_month(trial_end) - 28) * DAY
        sub.trial_end_s = trial_end
    sub.changes.append((world.created_s, seats, key))
    return sub


def _churn_instant(ctx: Context, rng: np.random.Generator, sub: Subscription, m: int) -> int:
    """When an account that decides to leave in month m churns (-1: not in a renewal window)."""
    grid = ctx.grid
    if sub.interval == "year":
        renewal = sub.next_boundary(grid.start(m + 1))
        return renewal if renewal < grid.start(m + 4) else -1
    if sub.interval == "month" and sub.interval_count == 3:
        return sub.next_boundary(grid.start(m + 1))
    lag = int(rng.integers(1, 4))
    return sub.next_boundary(grid.start(m + lag))


def _hazard(segment: catalog.Segment, h: float) -> float:
    """Monthly churn hazard: low while healthy, rising steeply as health falls below ~0.4."""
    return segment.churn_multiplier * (0.002 + 0.45 / (1.0 + math.exp(13.0 * (h - 0.33))))


def _simulate_customer(
    ctx: Context,
    rng: np.random.Generator,
    world: AccountWorld,
    segment: catalog.Segment,
    in_window: bool,
) -> None:
    grid = ctx.grid
    months = grid.months
    sub = _initial_subscription(ctx, rng, world, segment, in_window)
    world.subs.append(sub)
    first = max(grid.index_of(world.created_s), 0)

    mu = rng.normal(1.5 + _SEGMENT_BONUS[segment.name], 0.9)
    noise = rng.normal(0.0, 0.35, months)
    u_champion = rng.random(months)
    u_shock = rng.random(months)
    u_churn = rng.random(months)
    u_seat = rng.random(months)
    u_plan = rng.random(months)
    seat_size = rng.random(months)
    change_at = rng.random(months)
    decline = rng.uniform(0.45, 0.9, months)
    onboarding_failure = in_window and rng.random() < 0.10
    x = mu + rng.normal(0.0, 0.5) - (1.6 if onboarding_failure else 0.0)
    h0 = sigmoid(x)
    if sub.trial_end_s >= 0:
        world.trial_converted = rng.random() < 0.45 + 0.5 * h0
        if not world.trial_converted:
            sub.end_s = sub.trial_end_s
            sub.cancel_req_s = sub.trial_end_s - int(rng.integers(1, 4)) * DAY
            world.churn_s = sub.trial_end_s

    state = _ACTIVE
    champion_until = -1  # month a new champion is in place after a departure
    react_month = -1
    current = sub
    for m in range(first, months):
        m_start, m_end = grid.start(m), grid.end(m)
        if state == _CHURNED:
            if m != react_month:
                continue
            react_s = _day_time(rng, m_start)
            if react_s >= grid.as_of_end - DAY:
                continue
            current = _reactivate(rng, world, current, react_s)
            state = _REACTIVATED
            x = mu + rng.normal(0.0, 0.4)
        h = sigmoid(x)
        world.health[m] = h

        # shocks: champion departure, budget cut (effective next month)
        shock = 0.0
        if m >= champion_until and u_champion[m] < 0.010 + 0.035 * (1.0 - h):
            ts = _day_time(rng, m_start)
            if ts < m_end and ts > world.created_s:
                world.champion_departures.append((m, ts))
                champion_until = m + 1 + int(rng.integers(1, 3))
                shock -= rng.uniform(0.6, 1.2)
        if u_shock[m] < 0.01:
            shock -= rng.uniform(0.5, 1.0)

        # seats and plan (only while paying)
        t_change = m_start + int(change_at[m] * (m_end - m_start))
        if (
            state != _CHURNED
            and current.is_paying_at(t_change)
            and t_change < grid.as_of_end - HOUR
        ):
            _maybe_change_seats(current, t_change, h, state == _DECLINING, u_seat[m], seat_size[m])
            _maybe_change_plan(current, t_change + HOUR, h, u_plan[m])

        # churn decision
        paid_since = current.anchor_s
        tenure_ok = grid.index_of(paid_since) <= m - 2 or paid_since < grid.window_start
        if state == _ACTIVE and world.trial_converted and tenure_ok:
            p = _hazard(segment, h)
            if current.interval == "year":
                p = min(0.9, 4.0 * p)
            if u_churn[m] < p:
                churn_s = _churn_instant(ctx, rng, current, m)
                if churn_s > m_end:
                    state = _DECLINING
                    world.decision_month = m
                    decided = m_start + int(rng.random() * (m_end - m_start))
                    request = churn_s - int(rng.integers(2, 29)) * DAY - int(rng.integers(0, DAY))
                    current.cancel_req_s = max(decided, min(request, churn_s - HOUR))
                    current.end_s = churn_s
        if state == _DECLINING and current.end_s < grid.as_of_end and current.end_s < grid.end(m):
            state = _CHURNED
            world.churn_s = current.end_s
            if rng.random() < 0.08:
                react_month = m + int(rng.integers(3, 10))
        if not world.trial_converted and world.churn_s < m_end:
            state = _CHURNED
            react_month = -1

        # evolve
        if state == _DECLINING or not world.trial_converted:
            x -= decline[m]
        else:
            target = mu - (1.2 if onboarding_failure and m - first < 4 else 0.0)
            x += 0.25 * (target - x) + noise[m] + shock

    if world.churn_s >= 0 and world.churn_s >= grid.as_of_end:
        world.churn_s = -1
    _maybe_second_subscription(ctx, rng, world, segment)
    _maybe_pause(ctx, rng, world, current)
    _fill_presence(ctx, world)


def _maybe_change_seats(
    sub: Subscription, t: int, h: float, declining: bool, u: float, size: float
) -> None:
    quantity, key = sub.state_at(t)
    p_expand = 0.0 if declining else 0.07 * h * h
    p_contract = (0.03 + 0.12 * (1.0 - h) ** 2) * (2.0 if declining else 1.0)
    if u < p_expand:
        new = quantity + max(1, round(quantity * (0.05 + 0.25 * size)))
    elif u < p_expand + p_contract and quantity > 1:
        new = max(1, quantity - max(1, round(quantity * (0.05 + 0.20 * size))))
    else:
        return
    sub.changes.append((t, new, key))


def _maybe_change_plan(sub: Subscription, t: int, h: float, u: float) -> None:
    quantity, key = sub.state_at(t)
    price = catalog.PRICE_BY_KEY[key]
    rank = catalog.PLANS.index(price.plan)
    if u < 0.006 * h and rank < len(catalog.PLANS) - 1:
        plan = catalog.PLANS[rank + 1]
    elif 0.5 < u < 0.5 + 0.004 * (1.0 - h) and rank > 0:
        plan = catalog.PLANS[rank - 1]
    else:
        return
    new_key = catalog.price_key(plan, price.interval, price.interval_count, price.currency)
    if new_key not in catalog.PRICE_BY_KEY:  # no weekly price for the bigger plans
        return
    sub.changes.append((t, quantity, new_key))


def _reactivate(
    rng: np.random.Generator, world: AccountWorld, old: Subscription, react_s: int
) -> Subscription:
    quantity, key = old.state_at(old.end_s - 1)
    price = catalog.PRICE_BY_KEY[key]
    key = catalog.price_key(price.plan, "month", 1, price.currency)
    seats = max(1, round(quantity * rng.uniform(0.5, 1.0)))
    sub = Subscription(len(world.subs), 0, "month", 1, price.currency, react_s)
    sub.changes.append((react_s, seats, key))
    world.subs.append(sub)
    world.reactivation_s = react_s
    return sub


def _maybe_second_subscription(
    ctx: Context, rng: np.random.Generator, world: AccountWorld, segment: catalog.Segment
) -> None:
    """A few accounts pay through a second subscription, half of them under a second customer."""
    main = world.subs[0]
    if rng.random() >= 0.025 or not world.trial_converted:
        return
    grid = ctx.grid
    start_month = max(grid.index_of(main.anchor_s), 0) + int(rng.integers(1, 6))
    if start_month >= grid.months - 1:
        return
    start = _day_time(rng, grid.start(start_month))
    end = main.end_s
    if end >= 0 and start >= end - 7 * DAY:
        return
    quantity, _ = main.state_at(start)
    seats = max(1, round(quantity * rng.uniform(0.1, 0.3)))
    key = catalog.price_key(segment.plan, "month", 1, world.currency)
    customer_no = 1 if rng.random() < 0.5 else 0
    second = Subscription(len(world.subs), customer_no, "month", 1, world.currency, start)
    second.end_s = end
    second.cancel_req_s = main.cancel_req_s if end >= 0 else -1
    second.changes.append((start, seats, key))
    world.subs.append(second)
    world.second_customer = customer_no == 1


def _maybe_pause(
    ctx: Context, rng: np.random.Generator, world: AccountWorld, current: Subscription
) -> None:
    """About 1% of live customers have paused their subscription in the last weeks."""
    grid = ctx.grid
    if rng.random() >= 0.012 or current.end_s >= 0 or current.cancel_req_s >= 0:
        return
    pause = grid.as_of_end - int(rng.integers(3, 45)) * DAY - int(rng.integers(0, DAY))
    last_change = current.changes[-1][0]
    if pause <= max(current.anchor_s + 31 * DAY, last_change + HOUR):
        return
    current.pause_s = pause


def _fill_presence(ctx: Context, world: AccountWorld) -> None:
    grid = ctx.grid
    intervals = [(world.created_s, world.churn_s if world.churn_s >= 0 else grid.as_of_end)]
    if world.reactivation_s >= 0:
        intervals.append((world.reactivation_s, grid.as_of_end))
    for m in range(grid.months):
        m_start, m_end = grid.start(m), grid.end(m)
        for lo, hi in intervals:
            lo_m, hi_m = max(lo, m_start), min(hi, m_end)
            if hi_m > lo_m:
                world.present_lo[m], world.present_hi[m] = lo_m, hi_m
        if world.present_hi[m] <= world.present_lo[m]:
            world.health[m] = np.nan
            continue
        snap = world.present_hi[m] - 1
        seats = 0
        for sub in world.subs:
            if sub.is_live_at(snap):
                seats += sub.state_at(snap)[0]
        world.seats[m] = max(seats, 1)


def mrr_usd_at(ctx: Context, world: AccountWorld, t: int, month_index: int) -> float:
    """True MRR in USD at instant t: paying subscriptions' seats x monthly-normalised price."""
    total = 0.0
    for sub in world.subs:
        if not sub.is_paying_at(t):
            continue
        quantity, key = sub.state_at(t)
        price = catalog.PRICE_BY_KEY[key]
        monthly = price.unit_amount / price.months_per_period / 100.0
        total += quantity * monthly * ctx.fx_at(price.currency, month_index)
    return round(total, 2)


def is_customer_at(world: AccountWorld, t: int) -> bool:
    """A customer (trialing, paying or paused) at instant t."""
    if not world.is_customer:
        return False
    return any(sub.is_live_at(t) for sub in world.subs)
