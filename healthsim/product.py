"""Product usage (Segment tracks and identifies) of one account, vectorised with numpy.

Healthy accounts have more of their seats in use, more active users, more events per user and a
broader feature mix (expansion and advanced features). Per account the output is numeric arrays;
strings are built once per chunk (see product_tables).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from healthsim import catalog, rand
from healthsim.context import EVENT_CALIBRATION, Context
from healthsim.people import People, make_people
from healthsim.timeutil import DAY, HOUR, US
from healthsim.world import AccountWorld, ghost_account_id_for

N_FEATURES = len(catalog.FEATURES)
_BASE_WEIGHTS = np.array([f.weight for f in catalog.FEATURES])
_CATEGORY = np.array(
    [("core", "expansion", "advanced").index(f.category) for f in catalog.FEATURES]
)
_ADVANCED = _CATEGORY == 2
# kinds of group reference: a real customer, an internal tenant, an id unknown to the CRM
REF_CUSTOMER, REF_TEST, REF_GHOST = 0, 1, 2


@dataclass
class ProductRows:
    """Product rows of one account (or one fake group)."""

    group_id: str
    ref_kind: int
    people: People
    roles: list[str]
    # tracks
    t_user: np.ndarray  # int32 local user index
    t_event: np.ndarray  # int8 feature index
    t_ts: np.ndarray  # int64 microseconds
    t_sent: np.ndarray
    t_recv: np.ndarray
    t_loaded: np.ndarray
    t_msg: np.ndarray  # (n, 16) uint8 message id bytes
    t_u: np.ndarray  # float64 mess draw
    # identifies
    i_user: np.ndarray
    i_ts: np.ndarray
    i_recv: np.ndarray
    i_loaded: np.ndarray
    i_msg: np.ndarray
    i_u: np.ndarray


def _shape_times(
    rng: np.random.Generator, lo: np.ndarray, hi: np.ndarray, centre_hour: float
) -> np.ndarray:
    """Instants (seconds) within [lo, hi) concentrated on working hours and weekdays."""
    span = np.maximum(hi - lo, 1)
    raw = lo + (rng.random(lo.shape[0]) * span).astype(np.int64)
    day = raw // DAY
    tod = ((centre_hour + rng.normal(0.0, 2.6, lo.shape[0])) % 24.0 * HOUR).astype(np.int64)
    weekday = (day + 3) % 7  # 1970-01-01 was a Thursday; Monday = 0
    move = rng.random(lo.shape[0]) < 0.75
    day = day + np.where(move & (weekday == 5), -1, 0) + np.where(move & (weekday == 6), 1, 0)
    shaped = day * DAY + tod
    ok = (shaped >= lo) & (shaped < hi)
    return np.where(ok, shaped, raw)


def _load_times(rng: np.random.Generator, ts_us: np.ndarray) -> tuple[np.ndarray, ...]:
    """sent_at, received_at (seconds after the event) and the hourly warehouse sync time."""
    n = ts_us.shape[0]
    sent = ts_us + rng.integers(50_000, 3_000_000, n)
    recv = sent + rng.integers(20_000, 900_000, n)
    hour_us = HOUR * US
    loaded = (recv // hour_us + 1) * hour_us + rng.integers(60 * US, 15 * 60 * US, n)
    return sent, recv, loaded


def _usage_matrix(
    rng: np.random.Generator,
    health: np.ndarray,
    n_users: np.ndarray,
    present: np.ndarray,
    frac: np.ndarray,
    gone: np.ndarray,
    per_user_rate: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(events per month x user, user exists per month x user, user active) for an account."""
    months = health.shape[0]
    users = max(int(n_users.max()), 1)
    h = np.nan_to_num(health, nan=0.0)[:, None]
    propensity = rng.beta(2.0, 1.6, users)
    propensity[0] = max(propensity[0], 0.8)
    exists = (np.arange(users)[None, :] < n_users[:, None]) & present[:, None] & ~gone
    p_active = np.clip(propensity[None, :] * (0.3 + 0.75 * h), 0.0, 0.97)
    active = exists & (rng.random((months, users)) < p_active)
    lam = per_user_rate * propensity[None, :] * (0.35 + 1.3 * h) * frac[:, None]
    counts = rng.poisson(lam * active)
    return counts, exists, active


def _feature_weights(rng: np.random.Generator, health: np.ndarray, internal: bool) -> np.ndarray:
    """Cumulative feature weights per month (months x features)."""
    months = health.shape[0]
    h = np.nan_to_num(health, nan=0.0)
    adopt_draw = rng.random((months, N_FEATURES))
    p_adopt = (0.03 + 0.30 * h**2)[:, None]
    adopted = np.maximum.accumulate(adopt_draw < p_adopt, axis=0) | ~_ADVANCED[None, :]
    if internal:
        adopted[:] = True
    mult = np.ones((months, N_FEATURES))
    mult[:, _CATEGORY == 1] = (0.3 + 1.0 * h)[:, None]
    mult[:, _ADVANCED] = (0.05 + 1.6 * h**2)[:, None]
    weights = _BASE_WEIGHTS[None, :] * mult * adopted
    cum = np.cumsum(weights, axis=1)
    return cum / cum[:, -1:]


def _roles(n: int, seats: int, internal: bool) -> list[str]:
    admins = n if internal else max(1, seats // 25)
    return ["admin" if k < admins else "member" for k in range(n)]


def simulate_product(ctx: Context, world: AccountWorld) -> ProductRows:
    rng = rand.account_rng(ctx.seed, world.index, rand.PRODUCT)
    grid = ctx.grid
    internal = world.kind == "test"
    present = world.present
    lo = world.present_lo.copy()
    hi = np.minimum(world.present_hi, grid.as_of_end - 2 * HOUR)
    span = np.maximum(hi - lo, 0)
    month_len = np.diff(grid.starts).astype(np.float64)
    frac = span / month_len
    h = world.health
    util = np.clip(0.5 + 0.45 * np.nan_to_num(h, nan=0.0), 0.2, 1.0)
    n_users = np.where(present, np.maximum(1, np.round(world.seats * util)), 0).astype(np.int64)
    users = max(int(n_users.max()), 1)

    gone = np.zeros((grid.months, users), dtype=bool)
    for j, (m, _ts) in enumerate(world.champion_departures):
        if j + 1 < users:
            gone[m + 1 :, j] = True

    per_user_rate = ctx.cfg.events_per_account_month * EVENT_CALIBRATION
    counts, exists, active = _usage_matrix(rng, h, n_users, present, frac, gone, per_user_rate)
    cum_w = _feature_weights(rng, h, internal)

    flat = counts.ravel()
    cell = np.repeat(np.arange(flat.shape[0]), flat)
    month = cell // users
    user = (cell % users).astype(np.int32)
    n = cell.shape[0]
    centre = catalog.WORKDAY_CENTRE_UTC[world.country]
    ts = _shape_times(rng, lo[month], hi[month], centre)
    event = (rng.random(n)[:, None] > cum_w[month]).sum(axis=1).astype(np.int8)
    np.minimum(event, N_FEATURES - 1, out=event)
    order = np.argsort(ts, kind="stable")
    ts_us = ts[order] * US + rng.integers(0, US, n)
    user, event = user[order], event[order]
    sent, recv, loaded = _load_times(rng, ts_us)

    # identifies: when a user first appears in the window, and again on ~12% of active months
    first_seen = exists & ~np.vstack([np.zeros((1, users), dtype=bool), exists[:-1]])
    again = active & (rng.random(active.shape) < 0.12) & ~first_seen
    i_cells = np.flatnonzero((first_seen | again).ravel())
    i_month = i_cells // users
    i_user = (i_cells % users).astype(np.int32)
    i_ts = _shape_times(rng, lo[i_month], hi[i_month], centre)
    i_order = np.argsort(i_ts, kind="stable")
    i_ts_us = i_ts[i_order] * US + rng.integers(0, US, i_cells.shape[0])
    i_user = i_user[i_order]
    _, i_recv, i_loaded = _load_times(rng, i_ts_us)

    domain = world.domain
    prefix = f"U-{world.index + 1:06d}"
    people = make_people(rng, users, domain, prefix, set())
    seats_now = int(world.seats.max()) if world.seats.size else 1
    return ProductRows(
        group_id=world.account_id,
        ref_kind=REF_TEST if internal else REF_CUSTOMER,
        people=people,
        roles=_roles(users, seats_now, internal),
        t_user=user,
        t_event=event,
        t_ts=ts_us,
        t_sent=sent,
        t_recv=recv,
        t_loaded=loaded,
        t_msg=rand.random_uuid_bytes(rng, n),
        t_u=rng.random(n),
        i_user=i_user,
        i_ts=i_ts_us,
        i_recv=i_recv,
        i_loaded=i_loaded,
        i_msg=rand.random_uuid_bytes(rng, i_ts_us.shape[0]),
        i_u=rng.random(i_ts_us.shape[0]),
    )


def simulate_ghost_product(ctx: Context, index: int) -> ProductRows | None:
    """A product group whose id exists nowhere in the CRM (a deleted workspace, a typo'd group id):
    a few users active for a few months."""
    if rand.weyl(ctx.phases["ghost_product"], index) >= ctx.cfg.rate("unknown_account"):
        return None
    rng = rand.account_rng(ctx.seed, index, rand.GHOST)
    grid = ctx.grid
    months = grid.months
    span_months = int(rng.integers(1, min(6, months) + 1))
    first = int(rng.integers(0, months - span_months + 1))
    present = np.zeros(months, dtype=bool)
    present[first : first + span_months] = True
    lo = np.array([grid.start(m) for m in range(months)], dtype=np.int64)
    hi = np.array([grid.end(m) for m in range(months)], dtype=np.int64) - 2 * HOUR
    health = np.where(present, rng.uniform(0.3, 0.9), np.nan)
    n_users = np.where(present, int(rng.integers(1, 5)), 0)
    users = max(int(n_users.max()), 1)
    frac = np.where(present, 1.0, 0.0)
    gone = np.zeros((months, users), dtype=bool)
    rate = ctx.cfg.events_per_account_month * EVENT_CALIBRATION * 3.0
    counts, exists, _active = _usage_matrix(rng, health, n_users, present, frac, gone, rate)
    cum_w = _feature_weights(rng, health, False)
    flat = counts.ravel()
    cell = np.repeat(np.arange(flat.shape[0]), flat)
    month = cell // users
    user = (cell % users).astype(np.int32)
    n = cell.shape[0]
    ts = _shape_times(rng, lo[month], hi[month], 14.0)
    event = np.minimum((rng.random(n)[:, None] > cum_w[month]).sum(axis=1), N_FEATURES - 1)
    order = np.argsort(ts, kind="stable")
    ts_us = ts[order] * US + rng.integers(0, US, n)
    sent, recv, loaded = _load_times(rng, ts_us)
    first_seen = exists & ~np.vstack([np.zeros((1, users), dtype=bool), exists[:-1]])
    i_cells = np.flatnonzero(first_seen.ravel())
    i_month = i_cells // users
    i_ts = _shape_times(rng, lo[i_month], hi[i_month], 14.0)
    i_ts_us = np.sort(i_ts) * US + rng.integers(0, US, i_cells.shape[0])
    i_user = (i_cells % users).astype(np.int32)[np.argsort(i_ts, kind="stable")]
    _, i_recv, i_loaded = _load_times(rng, i_ts_us)
    people = make_people(rng, users, "example.com", f"U-G{index + 1:06d}", set())
    return ProductRows(
        group_id=ghost_account_id_for(index),
        ref_kind=REF_GHOST,
        people=people,
        roles=_roles(users, users, False),
        t_user=user[order],
        t_event=event[order].astype(np.int8),
        t_ts=ts_us,
        t_sent=sent,
        t_recv=recv,
        t_loaded=loaded,
        t_msg=rand.random_uuid_bytes(rng, n),
        t_u=np.ones(n),
        i_user=i_user,
        i_ts=i_ts_us,
        i_recv=i_recv,
        i_loaded=i_loaded,
        i_msg=rand.random_uuid_bytes(rng, i_ts_us.shape[0]),
        i_u=np.ones(i_ts_us.shape[0]),
    )
