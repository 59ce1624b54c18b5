"""The raw contract as the dbt sources declare it: tables, columns, types, required or optional."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

# Column roles the contract states in its descriptions (the same words docs/raw_contract.md uses).
EPOCH_SECONDS = "epoch seconds"
MINOR_UNITS = "minor units"
ISO_CURRENCY = "ISO currency"
ACCOUNT_REFERENCE = "CRM account id"
MASTER_KEY = "master key"


@dataclass(frozen=True)
class Column:
    name: str
    data_type: str
    required: bool
    description: str

    @property
    def is_epoch_seconds(self) -> bool:
        return self.data_type == "bigint" and EPOCH_SECONDS in self.description

    @property
    def is_minor_units(self) -> bool:
        return MINOR_UNITS in self.description

    @property
    def is_currency(self) -> bool:
        return ISO_CURRENCY in self.description

    @property
    def is_account_reference(self) -> bool:
        return ACCOUNT_REFERENCE in self.description and MASTER_KEY not in self.description


@dataclass(frozen=True)
class Table:
    system: str
    name: str
    required: bool
    columns: tuple[Column, ...]

    @property
    def key(self) -> str:
        """The table's folder under the raw directory, e.g. `billing/prices`."""
        return f"{self.system}/{self.name}"

    @property
    def sql_name(self) -> str:
        """The view rawcheck reads the table through."""
        return f'"{self.system}"."{self.name}"'

    def column(self, name: str) -> Column | None:
        return next((column for column in self.columns if column.name == name), None)


@dataclass(frozen=True)
class Contract:
    tables: tuple[Table, ...]
    reporting_currency: str

    def table(self, key: str) -> Table:
        return next(table for table in self.tables if table.key == key)


def _meta_required(node: dict[str, Any]) -> bool:
    return bool((node.get("meta") or {}).get("contract_required", False))


def _reads_raw_dir(source: dict[str, Any]) -> bool:
    location = (source.get("config") or {}).get("external_location", "")
    return "HEALTH_RAW_DIR" in location


def load_contract(project_dir: Path, reporting_currency: str | None = None) -> Contract:
    """Every source table read from $HEALTH_RAW_DIR, in the order the sources files list them."""
    tables: list[Table] = []
    for path in sorted(project_dir.glob("models/staging/*/_*__sources.yml")):
        document = yaml.safe_load(path.read_text()) or {}
        for source in document.get("sources", []):
            if not _reads_raw_dir(source):
                continue
            for table in source.get("tables", []):
                columns = tuple(
                    Column(
                        name=column["name"],
                        data_type=str(column.get("data_type", "varchar")).lower(),
                        required=_meta_required(column),
                        description=str(column.get("description", "")),
                    )
                    for column in table.get("columns", [])
                )
                tables.append(Table(source["name"], table["name"], _meta_required(table), columns))
    if reporting_currency is None:
        project = yaml.safe_load((project_dir / "dbt_project.yml").read_text()) or {}
        reporting_currency = str((project.get("vars") or {}).get("reporting_currency", "usd"))
    return Contract(tuple(tables), reporting_currency.lower())
