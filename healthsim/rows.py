"""Per-chunk row buffers for the small (non-Segment) tables, and shared row-level helpers."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from healthsim.arrowutil import RowBuffer
from healthsim.config import SimConfig
from healthsim.schema import RAW_SCHEMAS
from healthsim.timeutil import HOUR, MINUTE

SMALL_TABLES: tuple[str, ...] = tuple(
    t for t in RAW_SCHEMAS if t not in ("product/tracks", "product/identifies")
)
# load times never run later than this after the as-of date (duplicates add up to 5 hours more)
MAX_LOAD_LAG = 6 * HOUR


class ChunkRows:
    """A RowBuffer per small table."""

    def __init__(self) -> None:
        self.buffers: dict[str, RowBuffer] = {t: RowBuffer(RAW_SCHEMAS[t]) for t in SMALL_TABLES}

    def __getitem__(self, table: str) -> RowBuffer:
        return self.buffers[table]


def pick_kind(u: float, kinds: Sequence[str], cfg: SimConfig) -> tuple[str | None, float]:
    """The mess kind owning u (None for a clean row) and the position v within its interval."""
    lo = 0.0
    for kind in kinds:
        rate = cfg.rate(kind)
        if rate > 0.0 and lo <= u < lo + rate:
            return kind, (u - lo) / rate
        lo += rate
    return None, 0.0


def synced_at(rng: np.random.Generator, changed_s: int, as_of_end: int) -> int:
    """A Fivetran load time a few minutes to hours after a change, never long after the as-of."""
    return min(changed_s + int(rng.integers(5 * MINUTE, 6 * HOUR)), as_of_end + MAX_LOAD_LAG)


def later_load(rng: np.random.Generator, synced_s: int) -> int:
    """The load time of a re-exported copy: 1-5 hours after the first load."""
    return synced_s + int(rng.integers(HOUR, 5 * HOUR))
