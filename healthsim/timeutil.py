"""Calendar arithmetic on integer epoch seconds (UTC). No wall clock anywhere."""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass

import numpy as np

DAY = 86_400
HOUR = 3_600
MINUTE = 60
US = 1_000_000  # microseconds per second

_EPOCH = dt.date(1970, 1, 1)
_FIRST_YEAR = 1970
_LAST_YEAR = 2200


def date_to_s(day: dt.date) -> int:
    return (day - _EPOCH).days * DAY


def s_to_date(ts: int) -> dt.date:
    return _EPOCH + dt.timedelta(days=ts // DAY)


def _month_starts() -> list[int]:
    return [
        date_to_s(dt.date(year, month, 1))
        for year in range(_FIRST_YEAR, _LAST_YEAR + 1)
        for month in range(1, 13)
    ]


MONTH_STARTS: list[int] = _month_starts()
MONTH_STARTS_NP: np.ndarray = np.asarray(MONTH_STARTS, dtype=np.int64)


def month_number(ts: int) -> int:
    """Months since 1970-01 of the month holding ts."""
    return bisect.bisect_right(MONTH_STARTS, ts) - 1


def month_numbers(ts: np.ndarray) -> np.ndarray:
    return np.searchsorted(MONTH_STARTS_NP, ts, side="right") - 1


def month_start_of(number: int) -> int:
    return MONTH_STARTS[number]


def add_months(ts: int, months: int) -> int:
    """ts moved by whole months, keeping day of month and time of day (day must be <= 28)."""
    number = month_number(ts)
    return MONTH_STARTS[number + months] + (ts - MONTH_STARTS[number])


def day_of_month(ts: int) -> int:
    return (ts - MONTH_STARTS[month_number(ts)]) // DAY + 1


@dataclass(frozen=True)
class MonthGrid:
    """The simulated window: `months` calendar months ending with the month of the as-of date."""

    as_of: dt.date
    months: int
    first_month_number: int
    starts: np.ndarray  # int64 seconds, length months + 1 (the last is the month after the window)
    as_of_end: int  # the instant just after the as-of date (as_of + 1 day, 00:00)

    @classmethod
    def build(cls, as_of: dt.date, months: int) -> MonthGrid:
        last = month_number(date_to_s(as_of))
        first = last - months + 1
        starts = np.asarray(MONTH_STARTS[first : last + 2], dtype=np.int64)
        return cls(as_of, months, first, starts, date_to_s(as_of) + DAY)

    @property
    def window_start(self) -> int:
        return int(self.starts[0])

    def start(self, m: int) -> int:
        """Start of window month m (m may run past the window)."""
        return MONTH_STARTS[self.first_month_number + m]

    def end(self, m: int) -> int:
        """End of window month m, cut at the as-of date."""
        return min(MONTH_STARTS[self.first_month_number + m + 1], self.as_of_end)

    def index_of(self, ts: int) -> int:
        """Window month index of ts (negative before the window, >= months after it)."""
        return month_number(ts) - self.first_month_number

    def month_start_dates(self) -> list[dt.date]:
        return [s_to_date(int(s)) for s in self.starts[:-1]]
