"""Randomness and id strings.

Every account draws from its own generators, seeded by (seed, account index, stream), so the output
does not depend on how accounts are chunked. Account-level decisions that must hit a rate closely
even at small scale (test tenants, fake ids on one-row-per-account tables) use a low-discrepancy
Weyl sequence over the account index instead of independent draws.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

# per-account streams
WORLD, PRODUCT, CRM, SUPPORT, SURVEY, BILLING, GHOST, MESS = range(8)
# global streams (not tied to an account)
G_FX, G_PRICES, G_USERS, G_PHASES = range(4)

_GLOBAL_NAMESPACE = 2**40  # above any account index
_GOLDEN = 0.6180339887498949

# Weyl sequence keys (one phase each)
WEYL_KEYS: tuple[str, ...] = (
    "account_kind",
    "ghost_product",
    "ghost_org",
    "ghost_nps",
    "ghost_customer",
    "org_id_case",
    "customer_id_case",
    "item_negative",
)


def account_rng(seed: int, index: int, stream: int) -> np.random.Generator:
    return np.random.default_rng([seed, index, stream])


def global_rng(seed: int, stream: int) -> np.random.Generator:
    return np.random.default_rng([seed, _GLOBAL_NAMESPACE, stream])


def weyl_phases(seed: int) -> dict[str, float]:
    rng = global_rng(seed, G_PHASES)
    values = rng.random(len(WEYL_KEYS))
    return {key: float(v) for key, v in zip(WEYL_KEYS, values, strict=True)}


def weyl(phase: float, k: int) -> float:
    """k-th point of an equidistributed sequence in [0, 1)."""
    return (phase + k * _GOLDEN) % 1.0


def choice_index(rng: np.random.Generator, shares: tuple[float, ...] | list[float]) -> int:
    """Index drawn with the given (normalised) shares."""
    cum = np.cumsum(shares)
    return int(np.searchsorted(cum, rng.random() * cum[-1], side="right"))


def choice_indices(
    rng: np.random.Generator, shares: tuple[float, ...] | list[float], size: int
) -> np.ndarray:
    cum = np.cumsum(shares)
    idx = np.searchsorted(cum, rng.random(size) * cum[-1], side="right")
    return np.minimum(idx, len(shares) - 1)


# --- id strings ---------------------------------------------------------------------------------
_HEX = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)
_ALNUM = np.frombuffer(
    b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", dtype=np.uint8
)


def fixed_width_strings(codes: np.ndarray) -> pa.Array:
    """An Arrow string array from an (n, width) uint8 array of ASCII codes."""
    n, width = codes.shape
    if n * width >= 2**31:
        raise ValueError("string column too large for one chunk; lower --chunk-size")
    offsets = np.arange(0, (n + 1) * width, width, dtype=np.int32)
    data = np.ascontiguousarray(codes, dtype=np.uint8)
    return pa.StringArray.from_buffers(n, pa.py_buffer(offsets), pa.py_buffer(data))


def uuid_codes(raw: np.ndarray) -> np.ndarray:
    """(n, 16) random bytes -> (n, 36) ASCII codes of lowercase UUID v4 text."""
    raw = raw.copy()
    raw[:, 6] = (raw[:, 6] & 0x0F) | 0x40
    raw[:, 8] = (raw[:, 8] & 0x3F) | 0x80
    hexed = np.empty((raw.shape[0], 32), dtype=np.uint8)
    hexed[:, 0::2] = _HEX[raw >> 4]
    hexed[:, 1::2] = _HEX[raw & 0x0F]
    out = np.full((raw.shape[0], 36), ord("-"), dtype=np.uint8)
    for src, dst in ((0, 0), (8, 9), (12, 14), (16, 19), (20, 24)):
        length = {0: 8, 8: 4, 12: 4, 16: 4, 20: 12}[src]
        out[:, dst : dst + length] = hexed[:, src : src + length]
    return out


def random_uuid_bytes(rng: np.random.Generator, n: int) -> np.ndarray:
    return np.frombuffer(rng.bytes(16 * n), dtype=np.uint8).reshape(n, 16)


def alnum_strings(rng: np.random.Generator, n: int, length: int, prefix: str) -> list[str]:
    """n random ids like prefix + 14 alphanumerics (Stripe style)."""
    if n == 0:
        return []
    codes = _ALNUM[rng.integers(0, 62, size=(n, length))]
    return [prefix + b.decode("ascii") for b in codes.view(f"S{length}").ravel()]


def uuid_strings(rng: np.random.Generator, n: int) -> list[str]:
    if n == 0:
        return []
    codes = uuid_codes(random_uuid_bytes(rng, n))
    return [b.decode("ascii") for b in codes.view("S36").ravel()]
