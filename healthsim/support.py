"""Zendesk rows: one organization per account and the account's tickets. Unhealthy accounts file
more tickets, with higher priority, more escalations, worse satisfaction and slower solving."""

from __future__ import annotations

import math

import numpy as np

from healthsim import catalog, rand
from healthsim.context import Context
from healthsim.mess import MessCounter, pick_variant
from healthsim.people import People
from healthsim.rows import ChunkRows, later_load, pick_kind, synced_at
from healthsim.timeutil import DAY, HOUR, MINUTE
from healthsim.world import TEST, AccountWorld, ghost_account_id_for

ORG_ID_BASE = 360_000_000_000
GHOST_ORG_ID_BASE = 361_000_000_000
TICKET_ID_BASE = 10_000_000
TICKET_KINDS = ("duplicate", "null_timestamp")


def _priority_shares(h: float) -> list[float]:
    bad = 1.0 - h
    return [
        max(0.30 - 0.2 * bad, 0.05),
        max(0.52 - 0.2 * bad, 0.2),
        0.14 + 0.25 * bad,
        0.04 + 0.15 * bad,
    ]


def ticket_rows(
    ctx: Context,
    world: AccountWorld,
    people: People,
    rows: ChunkRows,
    counter: MessCounter,
    rng: np.random.Generator,
) -> int:
    """Write the account's tickets; return the last update time (or -1 without tickets)."""
    grid = ctx.grid
    end = grid.as_of_end
    segment = catalog.SEGMENT_BY_NAME[world.segment]
    org_id = ORG_ID_BASE + world.index + 1
    first_month = int(np.argmax(world.present)) if world.present.any() else -1
    last_update = -1
    k = 0
    for m in np.flatnonzero(world.present):
        lo, hi = int(world.present_lo[m]), int(min(world.present_hi[m], end - 2 * HOUR))
        if hi <= lo:
            continue
        h = float(world.health[m]) if not math.isnan(world.health[m]) else 0.6
        frac = (hi - lo) / (grid.start(m + 1) - grid.start(m))
        onboarding = 0.5 if m == first_month and world.created_s >= grid.window_start else 0.0
        lam = segment.ticket_rate * (0.4 + 3.0 * (1.0 - h) ** 2 + onboarding) * frac
        for _ in range(int(rng.poisson(lam))):
            created = lo + int(rng.random() * (hi - lo))
            update = _one_ticket(ctx, world, people, rows, counter, rng, org_id, k, created, h)
            last_update = max(last_update, update)
            k += 1
    return last_update


def _one_ticket(
    ctx: Context,
    world: AccountWorld,
    people: People,
    rows: ChunkRows,
    counter: MessCounter,
    rng: np.random.Generator,
    org_id: int,
    k: int,
    created: int,
    h: float,
) -> int:
    end = ctx.grid.as_of_end
    ttype = catalog.TICKET_TYPES[rand.choice_index(rng, catalog.TICKET_TYPE_SHARES)]
    p = rand.choice_index(rng, _priority_shares(h))
    priority = catalog.PRIORITIES[p]
    topic = catalog.TICKET_TOPICS[int(rng.integers(len(catalog.TICKET_TOPICS)))]
    escalated = rng.random() < 0.03 + 0.35 * (1.0 - h) ** 2 + (0.2 if priority == "urgent" else 0.0)
    tags = f"escalated,{topic}" if escalated else topic
    median = catalog.PRIORITY_MEDIAN_HOURS[p] * (1.0 + 2.0 * (1.0 - h))
    hours = math.exp(rng.normal(math.log(median), 0.8))
    solved = created + max(int(hours * HOUR), 5 * MINUTE)
    u_sat = rng.random()
    if solved < end - HOUR:
        closed = solved + 4 * DAY < end - HOUR
        status = "closed" if closed else "solved"
        updated = solved + 4 * DAY if closed else solved
        solved_at: int | None = solved
        if u_sat < 0.45:
            bad = rng.random() < 0.06 + 0.6 * (1.0 - h) ** 2
            satisfaction = "bad" if bad else "good"
        else:
            satisfaction = "offered" if u_sat < 0.75 else "unoffered"
    else:
        status = catalog.UNSOLVED_STATUSES[rand.choice_index(rng, catalog.UNSOLVED_STATUS_SHARES)]
        updated = created + int(rng.random() * (end - HOUR - created))
        solved_at = None
        satisfaction = "unoffered"
    requester = people.emails[int(rng.integers(len(people)))]
    synced = synced_at(rng, updated, end)
    kind, _v = pick_kind(float(rng.random()), TICKET_KINDS, ctx.cfg)
    row = {
        "id": TICKET_ID_BASE + world.index * 100_000 + k,
        "organization_id": org_id,
        "requester_email": requester,
        "subject": catalog.TICKET_SUBJECTS[topic][int(rng.integers(3))],
        "type": ttype,
        "priority": priority,
        "status": status,
        "tags": tags,
        "satisfaction_rating": satisfaction,
        "created_at": None if kind == "null_timestamp" else created,
        "updated_at": updated,
        "solved_at": solved_at,
        "_fivetran_synced": synced,
    }
    rows["support/tickets"].append(**row)
    if kind is not None:
        counter.add("support/tickets", kind, 1)
    if kind == "duplicate":
        rows["support/tickets"].append(**{**row, "_fivetran_synced": later_load(rng, synced)})
    return updated


def organization_row(
    ctx: Context,
    world: AccountWorld,
    last_ticket_update: int,
    rows: ChunkRows,
    counter: MessCounter,
    rng: np.random.Generator,
) -> None:
    end = ctx.grid.as_of_end
    created = min(world.created_s + int(rng.integers(0, 10 * DAY)), end - 2 * HOUR)
    updated = max(created, last_ticket_update) if last_ticket_update >= 0 else created
    external_id = world.account_id
    if world.kind == TEST:
        counter.add("support/organizations", "test_account", 1)
    else:
        u = rand.weyl(ctx.phases["org_id_case"], world.index)
        rate = ctx.cfg.rate("id_case_whitespace")
        if u < rate:
            external_id = pick_variant(world.account_id, u / rate)
            counter.add("support/organizations", "id_case_whitespace", 1)
    rows["support/organizations"].append(
        id=ORG_ID_BASE + world.index + 1,
        name=world.name,
        external_id=external_id,
        created_at=created,
        updated_at=updated,
        _fivetran_synced=synced_at(rng, updated, end),
    )


def ghost_organization_row(ctx: Context, index: int, rows: ChunkRows, counter: MessCounter) -> None:
    """A Zendesk organization whose external id exists nowhere in the CRM (no tickets)."""
    if rand.weyl(ctx.phases["ghost_org"], index) >= ctx.cfg.rate("unknown_account"):
        return
    rng = rand.account_rng(ctx.seed, index, rand.GHOST + 10)
    end = ctx.grid.as_of_end
    created = ctx.grid.window_start + int(rng.random() * (end - DAY - ctx.grid.window_start))
    adj = catalog.NAME_ADJECTIVES[int(rng.integers(len(catalog.NAME_ADJECTIVES)))]
    noun = catalog.NAME_NOUNS[int(rng.integers(len(catalog.NAME_NOUNS)))]
    counter.add("support/organizations", "unknown_account", 1)
    rows["support/organizations"].append(
        id=GHOST_ORG_ID_BASE + index + 1,
        name=f"{adj} {noun}",
        external_id=ghost_account_id_for(index),
        created_at=created,
        updated_at=created,
        _fivetran_synced=synced_at(rng, created, end),
    )
