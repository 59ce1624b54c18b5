"""Writing Parquet parts, the ground truth and the manifest."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from healthsim.schema import RAW_SCHEMAS, RAW_TABLES, TRUTH_SCHEMAS

MANIFEST = "_manifest.json"
TRUTH_DIR = "_truth"
_WRITE_OPTIONS: dict[str, Any] = {"compression": "zstd", "row_group_size": 1_000_000}


def table_dir(out: Path, table: str) -> Path:
    system, name = table.split("/")
    return out / system / name


def prepare_output(out: Path) -> None:
    """Remove what a previous run wrote (the table folders, truth, manifest); keep anything else."""
    out.mkdir(parents=True, exist_ok=True)
    for table in RAW_TABLES:
        folder = table_dir(out, table)
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
    truth = out / TRUTH_DIR
    if truth.exists():
        shutil.rmtree(truth)
    truth.mkdir()
    (out / MANIFEST).unlink(missing_ok=True)


def write_part(out: Path, table: str, part: int, data: pa.Table) -> None:
    if data.schema != RAW_SCHEMAS[table]:
        raise ValueError(f"{table}: schema differs from the contract:\n{data.schema}")
    pq.write_table(data, table_dir(out, table) / f"part-{part:05d}.parquet", **_WRITE_OPTIONS)


def ensure_every_table_has_a_file(out: Path) -> None:
    """An empty part for any table that got no rows, so every folder is readable."""
    for table in RAW_TABLES:
        folder = table_dir(out, table)
        if not any(folder.glob("*.parquet")):
            empty = RAW_SCHEMAS[table].empty_table()
            pq.write_table(empty, folder / "part-00000.parquet", **_WRITE_OPTIONS)


def remove_tables(out: Path, tables: tuple[str, ...]) -> None:
    """Delete the folders of tables left out (--without): the tables a company does not have."""
    for table in tables:
        shutil.rmtree(table_dir(out, table))


class TruthWriter:
    """Streams the truth tables into one Parquet file each, chunk by chunk."""

    def __init__(self, out: Path) -> None:
        self.writers = {
            name: pq.ParquetWriter(out / TRUTH_DIR / f"{name}.parquet", schema, compression="zstd")
            for name, schema in TRUTH_SCHEMAS.items()
        }

    def write(self, name: str, data: pa.Table) -> None:
        self.writers[name].write_table(data)

    def close(self) -> None:
        for writer in self.writers.values():
            writer.close()


def write_manifest(out: Path, manifest: dict[str, Any]) -> None:
    text = json.dumps(manifest, indent=2, sort_keys=False)
    (out / MANIFEST).write_text(text + "\n", encoding="utf-8")
