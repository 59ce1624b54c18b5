"""Mess injection helpers.

Each eligible raw row carries one uniform draw `u` from its account's generator. The kinds of a
table own disjoint sub-intervals of [0, 1) whose lengths are their rates, so a row gets at most one
defect, and `v` (the position inside the interval, again uniform) parameterises the defect.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from healthsim.config import SimConfig
from healthsim.schema import empty_mess_counts


def assign_kinds(
    u: np.ndarray, kinds: Sequence[str], cfg: SimConfig
) -> tuple[np.ndarray, np.ndarray]:
    """(codes, v): codes[i] = 0 for a clean row, k + 1 for kinds[k]; v uniform within the kind."""
    codes = np.zeros(u.shape[0], dtype=np.int8)
    v = np.zeros(u.shape[0])
    lo = 0.0
    for k, kind in enumerate(kinds):
        rate = cfg.rate(kind)
        if rate <= 0.0:
            continue
        sel = (u >= lo) & (u < lo + rate)
        codes[sel] = k + 1
        v[sel] = (u[sel] - lo) / rate
        lo += rate
    return codes, v


def code_of(kinds: Sequence[str], kind: str) -> int:
    return list(kinds).index(kind) + 1


def repeat_index(duplicate: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Row index with every duplicated row repeated right after itself, and the copy mask."""
    n = duplicate.shape[0]
    index = np.repeat(np.arange(n), 1 + duplicate.astype(np.int64))
    is_copy = np.zeros(index.shape[0], dtype=bool)
    is_copy[1:] = index[1:] == index[:-1]
    return index, is_copy


def case_variants(account_id: str) -> tuple[str, ...]:
    """Spellings of an account id that differ from it but normalise to it with upper(trim())."""
    lower = account_id.lower()
    title = account_id[:1] + account_id[1:].lower()
    return (lower, f" {account_id}", f"{account_id} ", f"  {lower} ", title)


N_VARIANTS = 5


def variant_index(v: np.ndarray) -> np.ndarray:
    """1..N_VARIANTS from v in [0, 1) (0 is the id itself)."""
    return 1 + np.minimum((v * N_VARIANTS).astype(np.int64), N_VARIANTS - 1)


def pick_variant(account_id: str, v: float) -> str:
    return case_variants(account_id)[min(int(v * N_VARIANTS), N_VARIANTS - 1)]


class MessCounter:
    """Exact counts of injected defects per table and kind."""

    def __init__(self) -> None:
        self.counts: dict[str, dict[str, int]] = empty_mess_counts()

    def add(self, table: str, kind: str, n: int) -> None:
        if kind not in self.counts.get(table, {}):
            raise KeyError(f"{kind} is not a mess kind of {table}")
        self.counts[table][kind] += int(n)

    def merge(self, other: MessCounter) -> None:
        for table, kinds in other.counts.items():
            for kind, n in kinds.items():
                self.counts[table][kind] += n
