"""Run the simulation: chunks of accounts, streamed to Parquet, optionally on several processes.

Each chunk writes its own part files; results come back in chunk order, so the output is the same
whatever the number of workers.
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pyarrow as pa
from tqdm import tqdm

from healthsim.chunk import generate_chunk, global_tables
from healthsim.config import SimConfig
from healthsim.context import Context
from healthsim.mess import MessCounter
from healthsim.schema import RAW_TABLES
from healthsim.writer import (
    TruthWriter,
    ensure_every_table_has_a_file,
    prepare_output,
    remove_tables,
    write_manifest,
    write_part,
)


@dataclass
class ChunkSummary:
    rows: dict[str, int]
    mess: dict[str, dict[str, int]]
    truth_accounts: pa.Table
    truth_months: pa.Table
    truth_manifest: dict[str, dict[str, Any]]
    accounts: int


_WORKER_CTX: Context | None = None


def _init_worker(ctx: Context) -> None:
    global _WORKER_CTX
    _WORKER_CTX = ctx


def _process(chunk: int) -> ChunkSummary:
    assert _WORKER_CTX is not None
    return process_chunk(_WORKER_CTX, chunk)


def process_chunk(ctx: Context, chunk: int) -> ChunkSummary:
    size = ctx.cfg.chunk_size
    first, stop = chunk * size, min((chunk + 1) * size, ctx.cfg.accounts)
    result = generate_chunk(ctx, first, stop)
    rows: dict[str, int] = {}
    for table, data in result.tables.items():
        rows[table] = data.num_rows
        if data.num_rows:
            write_part(ctx.cfg.out, table, chunk, data)
    return ChunkSummary(
        rows=rows,
        mess=result.counter.counts,
        truth_accounts=result.truth.accounts.to_table(),
        truth_months=result.truth.months.to_table(),
        truth_manifest=result.truth.manifest,
        accounts=stop - first,
    )


def _summaries(ctx: Context, n_chunks: int, workers: int) -> Iterator[ChunkSummary]:
    if workers <= 1 or n_chunks <= 1:
        for chunk in range(n_chunks):
            yield process_chunk(ctx, chunk)
        return
    with mp.get_context("fork").Pool(workers, initializer=_init_worker, initargs=(ctx,)) as pool:
        yield from pool.imap(_process, range(n_chunks))


def run(cfg: SimConfig, workers: int = 1) -> dict[str, Any]:
    """Write every raw table, the truth and the manifest to cfg.out; return the manifest."""
    ctx = Context.build(cfg)
    prepare_output(cfg.out)
    rows = dict.fromkeys(RAW_TABLES, 0)
    counter = MessCounter()
    truth_manifest: dict[str, dict[str, Any]] = {}

    for table, data in global_tables(ctx).items():
        write_part(cfg.out, table, 0, data)
        rows[table] += data.num_rows

    n_chunks = -(-cfg.accounts // cfg.chunk_size)
    truth = TruthWriter(cfg.out)
    progress = tqdm(total=cfg.accounts, unit="acct", disable=cfg.quiet, desc="healthsim")
    try:
        for summary in _summaries(ctx, n_chunks, workers):
            for table, n in summary.rows.items():
                rows[table] += n
            for table, kinds in summary.mess.items():
                for kind, n in kinds.items():
                    counter.add(table, kind, n)
            truth.write("accounts", summary.truth_accounts)
            truth.write("account_months", summary.truth_months)
            truth_manifest.update(summary.truth_manifest)
            progress.update(summary.accounts)
    finally:
        truth.close()
        progress.close()
    ensure_every_table_has_a_file(cfg.out)
    remove_tables(cfg.out, cfg.omitted_tables())

    manifest: dict[str, Any] = {
        "generator": "healthsim",
        "args": cfg.manifest_args(),
        "tables": {
            table: {"rows": rows[table]} for table in RAW_TABLES if table not in cfg.omitted_tables()
        },
        "omitted_tables": list(cfg.omitted_tables()),
        "mess": counter.counts,
        "truth": {"accounts": truth_manifest},
    }
    write_manifest(cfg.out, manifest)
    return manifest
