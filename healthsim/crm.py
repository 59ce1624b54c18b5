"""Salesforce rows: account, contact, opportunity, activity, and the CRM users."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from healthsim import catalog, rand
from healthsim.context import Context
from healthsim.mess import MessCounter
from healthsim.people import People, random_person, unique_email
from healthsim.rows import MAX_LOAD_LAG, ChunkRows, pick_kind, synced_at
from healthsim.timeutil import DAY, HOUR, MINUTE, s_to_date
from healthsim.world import DELETED, TEST, AccountWorld, account_id_for


@dataclass(frozen=True)
class Contact:
    contact_id: str
    first_name: str
    last_name: str
    email: str
    title: str
    role: str
    created_s: int
    left_s: int  # -1 while at the company

    def present_at(self, t: int) -> bool:
        return self.created_s <= t and (self.left_s < 0 or t < self.left_s)


def _pick(rng: np.random.Generator, options: tuple[str, ...]) -> str:
    return options[int(rng.integers(len(options)))]


def account_row(ctx: Context, world: AccountWorld, rows: ChunkRows, counter: MessCounter) -> None:
    rng = rand.account_rng(ctx.seed, world.index, rand.CRM)
    end = ctx.grid.as_of_end
    if world.kind == DELETED:
        modstamp = world.deleted_s
        counter.add("crm/account", "soft_deleted", 1)
    else:
        modstamp = world.created_s + int(rng.random() * max(end - HOUR - world.created_s, 1))
    if world.kind == TEST:
        counter.add("crm/account", "test_account", 1)
    rows["crm/account"].append(
        id=world.account_id,
        name=world.name,
        type=world.test_type or "Customer",
        segment__c=world.segment,
        industry=world.industry,
        number_of_employees=world.employees,
        billing_country=world.country,
        parent_id=account_id_for(world.parent_index) if world.parent_index >= 0 else None,
        owner_id=world.owner_id,
        created_date=world.created_s,
        is_deleted=world.kind == DELETED,
        system_modstamp=modstamp,
        _fivetran_synced=synced_at(rng, modstamp, end),
    )


def make_contacts(
    ctx: Context, world: AccountWorld, people: People, rng: np.random.Generator
) -> list[Contact]:
    """Champion(s) (product users, replaced after a departure), an executive sponsor (mostly for
    larger segments), a billing contact and a few user contacts."""
    end = ctx.grid.as_of_end
    segment = catalog.SEGMENT_BY_NAME[world.segment]
    used = set(people.emails)
    prefix = f"CON-{world.index + 1:06d}"
    contacts: list[Contact] = []

    def add(
        first: str, last: str, email: str, title: str, role: str, created: int, left: int
    ) -> None:
        cid = f"{prefix}-{len(contacts) + 1:03d}"
        contacts.append(Contact(cid, first, last, email, title, role, created, left))

    departures = world.champion_departures
    champion_created = world.created_s + int(rng.integers(0, 3 * DAY))
    for j in range(len(departures) + 1):
        if j >= len(people):
            break
        left = departures[j][1] if j < len(departures) else -1
        if champion_created >= end - HOUR:
            break
        add(
            people.first_names[j],
            people.last_names[j],
            people.emails[j],
            _pick(rng, catalog.CHAMPION_TITLES),
            "Champion",
            champion_created,
            left,
        )
        if left < 0:
            break
        champion_created = left + int(rng.integers(20, 60)) * DAY
    if rng.random() < segment.exec_sponsor_share:
        first, last = random_person(rng)
        created = min(world.created_s + int(rng.integers(0, 60)) * DAY, end - DAY)
        add(
            first,
            last,
            unique_email(first, last, world.domain, used),
            _pick(rng, catalog.SPONSOR_TITLES),
            "Executive Sponsor",
            created,
            -1,
        )
    first, last = random_person(rng)
    add(
        first,
        last,
        unique_email(first, last, world.domain, used),
        _pick(rng, catalog.BILLING_TITLES),
        "Billing",
        world.created_s,
        -1,
    )
    lo, hi = segment.extra_contacts
    start = len(departures) + 1
    for k in range(start, min(start + int(rng.integers(lo, hi + 1)), len(people))):
        created = min(world.created_s + int(rng.integers(0, 120)) * DAY, end - DAY)
        add(
            people.first_names[k],
            people.last_names[k],
            people.emails[k],
            _pick(rng, catalog.USER_TITLES),
            "User",
            created,
            -1,
        )
    return contacts


def contact_rows(
    ctx: Context,
    world: AccountWorld,
    contacts: list[Contact],
    rows: ChunkRows,
    counter: MessCounter,
    rng: np.random.Generator,
) -> None:
    end = ctx.grid.as_of_end
    for c in contacts:
        kind, v = pick_kind(float(rng.random()), ("soft_deleted",), ctx.cfg)
        modstamp = max(c.created_s, c.left_s) + int(rng.integers(0, 3 * DAY))
        modstamp = min(modstamp, end - HOUR)
        if kind:
            modstamp = min(modstamp + int(v * 30 * DAY), end - HOUR)
            counter.add("crm/contact", "soft_deleted", 1)
        rows["crm/contact"].append(
            id=c.contact_id,
            account_id=world.account_id,
            first_name=c.first_name,
            last_name=c.last_name,
            email=c.email,
            title=c.title,
            contact_role__c=c.role,
            left_company_date__c=c.left_s // DAY if c.left_s >= 0 else None,
            created_date=c.created_s,
            is_deleted=kind is not None,
            system_modstamp=modstamp,
            _fivetran_synced=synced_at(rng, modstamp, end),
        )


def _annual_value(world: AccountWorld, t: int) -> float:
    """Annualised contract value (major units of the account currency) at t."""
    total = 0.0
    for sub in world.subs:
        if sub.is_live_at(t) or t < sub.start_s:
            quantity, key = sub.state_at(t)
            price = catalog.PRICE_BY_KEY[key]
            total += quantity * price.unit_amount / price.months_per_period * 12 / 100
    return round(total, 2)


def opportunity_rows(
    ctx: Context,
    world: AccountWorld,
    rows: ChunkRows,
    counter: MessCounter,
    rng: np.random.Generator,
) -> None:
    end = ctx.grid.as_of_end
    opps: list[tuple[str, str, float, int, int]] = []  # type, stage, amount, created, close
    main = world.subs[0]
    won_at = main.anchor_s
    if main.trial_end_s >= 0 and main.trial_end_s >= end:
        opps.append(
            (
                "New Business",
                "Negotiation",
                _annual_value(world, won_at),
                world.created_s - int(rng.integers(5, 30)) * DAY,
                main.trial_end_s,
            )
        )
    else:
        stage = "Closed Won" if world.trial_converted else "Closed Lost"
        opps.append(
            (
                "New Business",
                stage,
                _annual_value(world, won_at),
                world.created_s - int(rng.integers(20, 90)) * DAY,
                won_at,
            )
        )
    for sub in world.subs:
        if sub.interval == "year":
            k = 1
            while True:
                renewal = sub.boundary(k)
                k += 1
                created = renewal - 90 * DAY
                if created >= end - HOUR:
                    break
                if renewal < ctx.grid.window_start or (0 <= sub.end_s < renewal):
                    continue
                amount = _annual_value(world, renewal - 1)
                if renewal >= end:
                    stage = "Negotiation" if sub.cancel_req_s < 0 else "Closed Lost"
                    if stage == "Closed Lost" and sub.cancel_req_s >= end:
                        stage = "Negotiation"
                else:
                    stage = "Closed Lost" if sub.end_s == renewal else "Closed Won"
                opps.append(("Renewal", stage, amount, created, renewal))
        previous = sub.changes[0][1]
        for ts, quantity, key in sub.changes[1:]:
            if quantity > previous and rng.random() < 0.6:
                price = catalog.PRICE_BY_KEY[key]
                delta = (quantity - previous) * price.unit_amount / price.months_per_period * 12
                created = ts - int(rng.integers(10, 45)) * DAY
                opps.append(("Expansion", "Closed Won", round(delta / 100, 2), created, ts))
            previous = quantity
    last = ctx.grid.months - 1
    h_last = world.health[last] if world.present[last] else math.nan
    if not math.isnan(h_last) and h_last > 0.7 and rng.random() < 0.2:
        stage = _pick(rng, catalog.OPEN_STAGES)
        created = end - int(rng.integers(5, 60)) * DAY
        close = end + int(rng.integers(15, 90)) * DAY
        amount = round(_annual_value(world, end - 1) * rng.uniform(0.1, 0.4), 2)
        opps.append(("Expansion", stage, amount, created, close))

    prefix = f"OPP-{world.index + 1:06d}"
    for k, (otype, stage, amount, created, close) in enumerate(opps):
        closed = stage in ("Closed Won", "Closed Lost")
        modstamp = min(
            max(created, close if closed else created) + int(rng.integers(0, DAY)), end - HOUR
        )
        kind, v = pick_kind(float(rng.random()), ("soft_deleted",), ctx.cfg)
        if kind:
            modstamp = min(modstamp + int(v * 30 * DAY), end - HOUR)
            counter.add("crm/opportunity", "soft_deleted", 1)
        year = s_to_date(close).year
        rows["crm/opportunity"].append(
            id=f"{prefix}-{k + 1:03d}",
            account_id=world.account_id,
            name=f"{world.name} - {otype} {year}",
            type=otype,
            stage_name=stage,
            amount=float(amount),
            currency_iso_code=world.currency.upper(),
            close_date=close // DAY,
            is_closed=closed,
            is_won=stage == "Closed Won",
            created_date=min(created, end - HOUR),
            is_deleted=kind is not None,
            system_modstamp=modstamp,
            _fivetran_synced=synced_at(rng, modstamp, end),
        )


def activity_rows(
    ctx: Context,
    world: AccountWorld,
    rows: ChunkRows,
    counter: MessCounter,
    rng: np.random.Generator,
) -> None:
    """CSM calls, meetings, emails and (larger segments) quarterly QBRs; unhealthy accounts get more
    touches, and more of them are cancelled or no-shows."""
    grid = ctx.grid
    end = grid.as_of_end
    segment = catalog.SEGMENT_BY_NAME[world.segment]
    qbr = world.segment in ("Enterprise", "Mid-Market")
    qbr_phase = int(rng.integers(3))
    items: list[tuple[str, int, float]] = []  # type, instant, health
    for m in np.flatnonzero(world.present):
        lo, hi = int(world.present_lo[m]), int(world.present_hi[m])
        h = float(world.health[m])
        frac = (hi - lo) / (grid.start(m + 1) - grid.start(m))
        n = int(rng.poisson(segment.csm_touches * (1.0 + 0.8 * (1.0 - h)) * frac))
        types = rand.choice_indices(rng, catalog.ACTIVITY_TYPE_SHARES, n)
        times = lo + (rng.random(n) * (hi - lo)).astype(np.int64)
        items.extend(
            (catalog.ACTIVITY_TYPES[t], int(ts), h) for t, ts in zip(types, times, strict=True)
        )
        if qbr and (m + qbr_phase) % 3 == 0 and frac > 0.5:
            items.append(("QBR", lo + int(rng.random() * (hi - lo)), h))
    last = grid.months - 1
    if world.present[last] and world.present_hi[last] >= end:
        h = float(world.health[last])
        for _ in range(int(rng.poisson(segment.csm_touches * 0.4))):
            kind = catalog.ACTIVITY_TYPES[rand.choice_index(rng, (0.5, 0.5))]
            items.append((kind, end + int(rng.integers(DAY, 21 * DAY)), h))

    _write_activities(ctx, world, items, rows, counter, rng)


def _write_activities(
    ctx: Context,
    world: AccountWorld,
    items: list[tuple[str, int, float]],
    rows: ChunkRows,
    counter: MessCounter,
    rng: np.random.Generator,
) -> None:
    """Status, timestamps, owner and soft deletes for an account's activities, drawn as vectors."""
    n = len(items)
    if n == 0:
        return
    end = ctx.grid.as_of_end
    types = [item[0] for item in items]
    ts = np.array([item[1] for item in items], dtype=np.int64)
    bad = (1.0 - np.array([item[2] for item in items])) ** 2
    u_status, u_delete, u_owner, u_subject = rng.random((4, n))
    future = ts >= end
    p_cancel = 0.04 + 0.30 * bad
    p_noshow = 0.02 + 0.25 * bad
    email = np.array([t == "Email" for t in types])
    completed = email | (u_status >= p_cancel + p_noshow)
    status = np.where(completed, "Completed", np.where(u_status < p_cancel, "Cancelled", "No Show"))
    status = np.where(future, "Scheduled", status)
    created = np.where(
        future,
        end - rng.integers(HOUR, 10 * DAY, n),
        np.maximum(ts - rng.integers(0, 14 * DAY, n), world.created_s),
    )
    modstamp = np.where(
        future, created, np.minimum(ts + rng.integers(HOUR, 2 * DAY, n), end - HOUR)
    )
    rate = ctx.cfg.rate("soft_deleted")
    deleted = u_delete < rate
    if rate > 0:
        shift = (u_delete / rate * 10 * DAY).astype(np.int64)
        moved = np.minimum(np.maximum(modstamp, created) + shift, end - HOUR)
        modstamp = np.where(deleted, moved, modstamp)
    counter.add("crm/activity", "soft_deleted", int(deleted.sum()))
    synced = np.minimum(modstamp + rng.integers(5 * MINUTE, 6 * HOUR, n), end + MAX_LOAD_LAG)
    ae = ctx.ae_ids[world.index % len(ctx.ae_ids)]
    subjects = [
        catalog.ACTIVITY_SUBJECTS[t][int(u * len(catalog.ACTIVITY_SUBJECTS[t]))]
        for t, u in zip(types, u_subject, strict=True)
    ]
    prefix = f"ACT-{world.index + 1:06d}"
    rows["crm/activity"].extend(
        id=[f"{prefix}-{k + 1:05d}" for k in range(n)],
        account_id=[world.account_id] * n,
        owner_id=[ae if u < 0.1 else world.owner_id for u in u_owner],
        type=types,
        subject=subjects,
        status=status.tolist(),
        activity_date=(ts // DAY).tolist(),
        created_date=created.tolist(),
        is_deleted=deleted.tolist(),
        system_modstamp=modstamp.tolist(),
        _fivetran_synced=synced.tolist(),
    )


def user_rows(ctx: Context, rows: ChunkRows) -> None:
    rng = rand.global_rng(ctx.seed, rand.G_USERS + 100)
    end = ctx.grid.as_of_end
    for user in ctx.crm_users:
        modstamp = user.created_s + int(rng.random() * (end - HOUR - user.created_s))
        rows["crm/user"].append(
            id=user.user_id,
            name=user.name,
            email=user.email,
            user_role=user.role,
            is_active=user.is_active,
            created_date=user.created_s,
            system_modstamp=modstamp,
            _fivetran_synced=synced_at(rng, modstamp, end),
        )
