"""NPS responses: each quarter a sample of contacts answers; the score follows health."""

from __future__ import annotations

import math

import numpy as np

from healthsim import catalog, rand
from healthsim.context import Context
from healthsim.crm import Contact
from healthsim.mess import MessCounter, pick_variant
from healthsim.rows import ChunkRows, later_load, pick_kind, synced_at
from healthsim.timeutil import DAY, HOUR, MINUTE
from healthsim.world import AccountWorld, ghost_account_id_for

NPS_KINDS = ("duplicate", "out_of_range_score", "id_case_whitespace")
_BAD_SCORES = (11, 12, -1)


def _category(score: int) -> str:
    return "promoter" if score >= 9 else "passive" if score >= 7 else "detractor"


def _comment(rng: np.random.Generator, score: int) -> str | None:
    if rng.random() < 0.55:
        return None
    options = catalog.NPS_COMMENTS[_category(score)]
    return options[int(rng.integers(len(options)))]


def _synced(rng: np.random.Generator, responded: int, end: int) -> int:
    return synced_at(rng, responded + int(rng.integers(10 * MINUTE, 18 * HOUR)), end)


def nps_rows(
    ctx: Context,
    world: AccountWorld,
    contacts: list[Contact],
    rows: ChunkRows,
    counter: MessCounter,
    rng: np.random.Generator,
) -> None:
    grid = ctx.grid
    end = grid.as_of_end
    phase = int(rng.integers(3))
    for m in np.flatnonzero(world.present):
        if (m + phase) % 3 != 0:
            continue
        lo, hi = int(world.present_lo[m]), int(min(world.present_hi[m], end - 2 * HOUR))
        if hi - lo < DAY:
            continue
        h = float(world.health[m]) if not math.isnan(world.health[m]) else 0.6
        for contact in contacts:
            p = 0.40 if contact.role in ("Champion", "Executive Sponsor") else 0.25
            if contact.role == "Billing" or rng.random() >= p:
                continue
            responded = lo + int(rng.random() * (hi - lo))
            if not contact.present_at(responded):
                continue
            score = int(np.clip(round(rng.normal(2.0 + 8.6 * h, 1.5)), 0, 10))
            kind, v = pick_kind(float(rng.random()), NPS_KINDS, ctx.cfg)
            account_ref = world.account_id
            if kind == "out_of_range_score":
                score = _BAD_SCORES[min(int(v * 3), 2)]
            elif kind == "id_case_whitespace":
                account_ref = pick_variant(world.account_id, v)
            synced = _synced(rng, responded, end)
            row = {
                "response_id": rand.alnum_strings(rng, 1, 15, "R_")[0],
                "account_id": account_ref,
                "email": contact.email,
                "score": score,
                "comment": _comment(rng, score),
                "responded_at": responded,
                "_fivetran_synced": synced,
            }
            rows["survey/nps_responses"].append(**row)
            if kind is not None:
                counter.add("survey/nps_responses", kind, 1)
            if kind == "duplicate":
                rows["survey/nps_responses"].append(
                    **{**row, "_fivetran_synced": later_load(rng, synced)}
                )


def ghost_nps_rows(ctx: Context, index: int, rows: ChunkRows, counter: MessCounter) -> None:
    """Responses carrying an account id that exists nowhere in the CRM."""
    if rand.weyl(ctx.phases["ghost_nps"], index) >= ctx.cfg.rate("unknown_account"):
        return
    rng = rand.account_rng(ctx.seed, index, rand.GHOST + 20)
    grid = ctx.grid
    end = grid.as_of_end
    n = int(rng.integers(1, 4))
    for _ in range(n):
        responded = grid.window_start + int(rng.random() * (end - DAY - grid.window_start))
        score = int(rng.integers(0, 11))
        first = catalog.FIRST_NAMES[int(rng.integers(len(catalog.FIRST_NAMES)))]
        rows["survey/nps_responses"].append(
            response_id=rand.alnum_strings(rng, 1, 15, "R_")[0],
            account_id=ghost_account_id_for(index),
            email=f"{first.lower()}@example.com",
            score=score,
            comment=_comment(rng, score),
            responded_at=responded,
            _fivetran_synced=_synced(rng, responded, end),
        )
    counter.add("survey/nps_responses", "unknown_account", n)
