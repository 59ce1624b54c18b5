"""How numbers read in the report: money in the reporting currency, shares in percent, scores."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

SYMBOLS = {"usd": "$", "eur": "€", "gbp": "£"}

Number = float | int | Decimal | None


def money(value: Number, currency: str = "usd", compact: bool = True) -> str:
    """$2.38M, $412k, $9,360 (compact) or $2,383,188 (not compact); a dash for no value."""
    if value is None:
        return "–"
    amount = float(value)
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    unit = SYMBOLS.get(currency.lower(), currency.upper() + " ")
    if compact and amount >= 999_500:
        return f"{sign}{unit}{amount / 1e6:.2f}M"
    if compact and amount >= 99_950:
        return f"{sign}{unit}{amount / 1e3:.0f}k"
    if compact and amount >= 10_000:
        return f"{sign}{unit}{amount / 1e3:.1f}k"
    return f"{sign}{unit}{amount:,.0f}"


def share(value: Number, digits: int = 1) -> str:
    return "–" if value is None else f"{float(value) * 100:.{digits}f}%"


def score(value: Number) -> str:
    return "–" if value is None else f"{float(value):.1f}"


def count(value: Number) -> str:
    return "–" if value is None else f"{int(value):,}"


def ratio(value: Number) -> str:
    return "–" if value is None else f"{float(value):.2f}"


def value(kind: str, number: Number, currency: str = "usd") -> str:
    """A KPI's value by its kind: money, share or score."""
    if kind == "money":
        return money(number, currency)
    return share(number) if kind == "share" else score(number)


def delta(kind: str, now: Number, then: Number, currency: str = "usd") -> str:
    """now - then with its sign: percentage points for shares."""
    if now is None or then is None:
        return "–"
    change = float(now) - float(then)
    sign = "+" if change >= 0 else "-"
    if kind == "money":
        return sign + money(abs(change), currency)
    if kind == "share":
        return f"{sign}{abs(change) * 100:.1f} pp"
    return f"{sign}{abs(change):.1f}"


def month(day: date) -> str:
    return day.strftime("%b %Y")


def short_month(day: date) -> str:
    return day.strftime("%b %y")
