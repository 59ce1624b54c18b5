"""Run configuration of the simulator."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from healthsim.schema import DEFAULT_RATES, MESS_KINDS, RAW_TABLES

DEFAULT_AS_OF = dt.date(2026, 10, 31)
DEFAULT_ACCOUNTS = 500
DEFAULT_MONTHS = 24
DEFAULT_SEED = 42
DEFAULT_EVENTS_PER_ACCOUNT_MONTH = 42.0
DEFAULT_CHUNK_SIZE = 2000


@dataclass(frozen=True)
class SimConfig:
    accounts: int = DEFAULT_ACCOUNTS
    months: int = DEFAULT_MONTHS
    seed: int = DEFAULT_SEED
    out: Path = Path("data/raw")
    as_of: dt.date = DEFAULT_AS_OF
    events_per_account_month: float = DEFAULT_EVENTS_PER_ACCOUNT_MONTH
    chunk_size: int = DEFAULT_CHUNK_SIZE
    quiet: bool = False
    rates: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_RATES))
    # systems ("support") or tables ("billing.invoices") left out of the output, as a company
    # without that tool would have them
    without: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.accounts < 1:
            raise ValueError("accounts must be >= 1")
        if self.months < 1:
            raise ValueError("months must be >= 1")
        if self.seed < 0:
            raise ValueError("seed must be >= 0")
        if self.chunk_size < 1:
            raise ValueError("chunk_size must be >= 1")
        if self.events_per_account_month < 0:
            raise ValueError("events_per_account_month must be >= 0")
        unknown = set(self.rates) - set(MESS_KINDS)
        if unknown:
            raise ValueError(f"unknown mess kinds: {sorted(unknown)}")
        systems = {table.split("/")[0] for table in RAW_TABLES}
        for name in self.without:
            if name not in systems and name.replace(".", "/") not in RAW_TABLES:
                raise ValueError(
                    f"--without: unknown system or table '{name}' "
                    f"(systems: {', '.join(sorted(systems))}; tables as system.table)"
                )
        for kind, rate in self.rates.items():
            if not 0.0 <= rate <= 0.2:
                raise ValueError(f"--{kind.replace('_', '-')}-rate must be within [0, 0.2]")

    def omitted_tables(self) -> tuple[str, ...]:
        """The "system/table" names --without leaves out, in contract order."""
        return tuple(
            table for table in RAW_TABLES
            if table.split("/")[0] in self.without or table.replace("/", ".") in self.without
        )

    def rate(self, kind: str) -> float:
        return self.rates.get(kind, DEFAULT_RATES[kind])

    def manifest_args(self) -> dict[str, Any]:
        """The arguments as recorded in _manifest.json (everything that shapes the output)."""
        return {
            "accounts": self.accounts,
            "months": self.months,
            "seed": self.seed,
            "as_of": self.as_of.isoformat(),
            "events_per_account_month": self.events_per_account_month,
            "chunk_size": self.chunk_size,
            "rates": {kind: self.rate(kind) for kind in MESS_KINDS},
            "without": list(self.without),
        }
