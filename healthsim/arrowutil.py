"""Building Arrow tables in the contract's types.

Conventions inside the simulator: timestamps are integer epoch seconds (microseconds for Segment
columns built with numpy), dates are integer days since the epoch, and None means null.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from healthsim.schema import DATE, TIMESTAMP
from healthsim.timeutil import US


def timestamps_us(values: np.ndarray, mask: np.ndarray | None = None) -> pa.Array:
    return pa.array(values.astype(np.int64, copy=False), type=pa.int64(), mask=mask).cast(TIMESTAMP)


def build_table(schema: pa.Schema, columns: dict[str, pa.Array]) -> pa.Table:
    return pa.Table.from_arrays([columns[f.name] for f in schema], schema=schema)


class RowBuffer:
    """Column lists for one table of one chunk; converted to Arrow at the end of the chunk."""

    def __init__(self, schema: pa.Schema) -> None:
        self.schema = schema
        self.columns: dict[str, list[Any]] = {f.name: [] for f in schema}

    def append(self, **values: Any) -> None:
        for name, column in self.columns.items():
            column.append(values[name])

    def extend(self, **values: list[Any]) -> None:
        for name, column in self.columns.items():
            column.extend(values[name])

    def __len__(self) -> int:
        first = next(iter(self.columns.values()))
        return len(first)

    def to_table(self) -> pa.Table:
        arrays: dict[str, pa.Array] = {}
        for f in self.schema:
            values = self.columns[f.name]
            if f.type == TIMESTAMP:
                arrays[f.name] = pc.multiply(pa.array(values, type=pa.int64()), US).cast(TIMESTAMP)
            elif f.type == DATE:
                arrays[f.name] = pa.array(values, type=pa.int32()).cast(DATE)
            else:
                arrays[f.name] = pa.array(values, type=f.type)
        return build_table(self.schema, arrays)
