"""People of an account: product users (ids, names, emails) shared by product, CRM and support."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from healthsim import catalog, rand


@dataclass(frozen=True)
class People:
    user_ids: list[str]
    anonymous_ids: list[str]
    first_names: list[str]
    last_names: list[str]
    emails: list[str]

    @property
    def names(self) -> list[str]:
        return [f"{a} {b}" for a, b in zip(self.first_names, self.last_names, strict=True)]

    def __len__(self) -> int:
        return len(self.user_ids)


def random_person(rng: np.random.Generator) -> tuple[str, str]:
    first = catalog.FIRST_NAMES[int(rng.integers(len(catalog.FIRST_NAMES)))]
    last = catalog.LAST_NAMES[int(rng.integers(len(catalog.LAST_NAMES)))]
    return first, last


def unique_email(first: str, last: str, domain: str, used: set[str]) -> str:
    base = f"{first}.{last}".lower()
    email = f"{base}@{domain}"
    k = 2
    while email in used:
        email = f"{base}{k}@{domain}"
        k += 1
    used.add(email)
    return email


def make_people(
    rng: np.random.Generator, n: int, domain: str, id_prefix: str, used: set[str]
) -> People:
    """n product users with ids id_prefix-0001..., random names and unique emails at domain."""
    firsts = rng.integers(len(catalog.FIRST_NAMES), size=n)
    lasts = rng.integers(len(catalog.LAST_NAMES), size=n)
    first_names = [catalog.FIRST_NAMES[int(i)] for i in firsts]
    last_names = [catalog.LAST_NAMES[int(i)] for i in lasts]
    emails = [
        unique_email(a, b, domain, used) for a, b in zip(first_names, last_names, strict=True)
    ]
    return People(
        user_ids=[f"{id_prefix}-{k + 1:04d}" for k in range(n)],
        anonymous_ids=rand.uuid_strings(rng, n),
        first_names=first_names,
        last_names=last_names,
        emails=emails,
    )
