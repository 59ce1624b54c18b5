"""Run-wide context built once: the month grid, FX rates, the price catalogue with its Stripe ids,
the CRM users (CSMs and account executives) and the Weyl phases."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from healthsim import catalog, rand
from healthsim.config import SimConfig
from healthsim.timeutil import DAY, MonthGrid

# events per active user-month at full propensity, per requested event per account-month;
# calibrated so that total tracks ~= events_per_account_month * accounts * months
EVENT_CALIBRATION = 0.0845


@dataclass(frozen=True)
class CrmUser:
    user_id: str
    name: str
    email: str
    role: str  # CSM | Account Executive
    is_active: bool
    created_s: int


@dataclass(frozen=True)
class Context:
    cfg: SimConfig
    grid: MonthGrid
    fx: dict[str, np.ndarray]  # currency -> rate_to_usd per window month
    price_ids: dict[str, str]  # price key -> price_...
    product_ids: dict[str, str]  # plan -> prod_...
    price_created_s: dict[str, int]
    crm_users: tuple[CrmUser, ...]
    csm_ids: tuple[str, ...]  # active CSMs that own accounts
    ae_ids: tuple[str, ...]
    phases: dict[str, float]

    @property
    def seed(self) -> int:
        return self.cfg.seed

    def fx_at(self, currency: str, month_index: int) -> float:
        m = min(max(month_index, 0), self.grid.months - 1)
        return float(self.fx[currency][m])

    @classmethod
    def build(cls, cfg: SimConfig) -> Context:
        grid = MonthGrid.build(cfg.as_of, cfg.months)
        prices = _prices(cfg.seed, grid)
        users = _crm_users(cfg.seed, cfg.accounts, grid)
        n_csm, n_ae = _team_size(cfg.accounts)
        return cls(
            cfg=cfg,
            grid=grid,
            fx=_fx_rates(cfg.seed, cfg.months),
            price_ids=prices.price_ids,
            product_ids=prices.product_ids,
            price_created_s=prices.created_s,
            crm_users=users,
            csm_ids=tuple(u.user_id for u in users[:n_csm]),
            ae_ids=tuple(u.user_id for u in users[n_csm : n_csm + n_ae]),
            phases=rand.weyl_phases(cfg.seed),
        )


def _fx_rates(seed: int, months: int) -> dict[str, np.ndarray]:
    """Slowly varying monthly rates: eur within 1.05-1.15, gbp within 1.20-1.35 USD."""
    rng = rand.global_rng(seed, rand.G_FX)
    out: dict[str, np.ndarray] = {"usd": np.ones(months)}
    for currency, lo, hi in (("eur", 1.05, 1.15), ("gbp", 1.20, 1.35)):
        rates = np.empty(months)
        value = rng.uniform(lo + 0.02, hi - 0.02)
        for m in range(months):
            value += rng.normal(0.0, 0.008)
            if value < lo or value > hi:  # reflect at the band edges
                value = 2 * (lo if value < lo else hi) - value
            rates[m] = round(value, 4)
        out[currency] = rates
    return out


@dataclass(frozen=True)
class _Prices:
    price_ids: dict[str, str]
    product_ids: dict[str, str]
    created_s: dict[str, int]


def _prices(seed: int, grid: MonthGrid) -> _Prices:
    rng = rand.global_rng(seed, rand.G_PRICES)
    product_ids = dict(zip(catalog.PLANS, rand.alnum_strings(rng, 4, 14, "prod_"), strict=True))
    keys = [p.key for p in catalog.PRICE_SPECS]
    ids = rand.alnum_strings(rng, len(keys), 24, "price_")
    created: dict[str, int] = {}
    for spec in catalog.PRICE_SPECS:
        years_before = 6 if spec.legacy else 4
        created[spec.key] = (
            grid.window_start - years_before * 365 * DAY + int(rng.integers(0, 90)) * DAY
        )
    return _Prices(dict(zip(keys, ids, strict=True)), product_ids, created)


def _team_size(accounts: int) -> tuple[int, int]:
    """(CSMs, account executives): about one CSM per 40 accounts, a few account executives."""
    return max(2, math.ceil(accounts / 40)), max(2, math.ceil(accounts / 250))


def _crm_users(seed: int, accounts: int, grid: MonthGrid) -> tuple[CrmUser, ...]:
    """The active CSMs, then the account executives, then two former employees."""
    rng = rand.global_rng(seed, rand.G_USERS)
    n_csm, n_ae = _team_size(accounts)
    roles = ["CSM"] * n_csm + ["Account Executive"] * n_ae + ["CSM", "Account Executive"]
    active = [True] * (n_csm + n_ae) + [False, False]
    users: list[CrmUser] = []
    used_emails: set[str] = set()
    for k, (role, is_active) in enumerate(zip(roles, active, strict=True)):
        first = catalog.FIRST_NAMES[int(rng.integers(len(catalog.FIRST_NAMES)))]
        last = catalog.LAST_NAMES[int(rng.integers(len(catalog.LAST_NAMES)))]
        email = f"{first}.{last}@{catalog.OUR_DOMAIN}".lower()
        if email in used_emails:
            email = f"{first}.{last}{k + 1}@{catalog.OUR_DOMAIN}".lower()
        used_emails.add(email)
        created = grid.window_start - int(rng.integers(30, 1500)) * DAY
        users.append(
            CrmUser(f"USR-{k + 1:05d}", f"{first} {last}", email, role, is_active, created)
        )
    return tuple(users)
