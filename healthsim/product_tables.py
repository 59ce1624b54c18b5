"""Chunk-level assembly of product/tracks and product/identifies with their injected mess."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from healthsim import catalog, mess
from healthsim.arrowutil import build_table, timestamps_us
from healthsim.context import Context
from healthsim.product import REF_CUSTOMER, REF_GHOST, REF_TEST, ProductRows
from healthsim.rand import fixed_width_strings, uuid_codes
from healthsim.schema import RAW_SCHEMAS
from healthsim.timeutil import DAY, HOUR, US

TRACK_KINDS = (
    "duplicate",
    "late_arriving",
    "null_timestamp",
    "future_timestamp",
    "id_case_whitespace",
)
IDENTIFY_KINDS = ("duplicate", "id_case_whitespace")
_DUP, _LATE, _NULL, _FUTURE, _CASE = (mess.code_of(TRACK_KINDS, k) for k in TRACK_KINDS)
_I_DUP, _I_CASE = (mess.code_of(IDENTIFY_KINDS, k) for k in IDENTIFY_KINDS)
_REFS_PER_GROUP = 1 + mess.N_VARIANTS


def _ref_pool(parts: list[ProductRows]) -> pa.Array:
    refs: list[str] = []
    for p in parts:
        refs.append(p.group_id)
        refs.extend(mess.case_variants(p.group_id))
    return pa.array(refs, type=pa.string())


def _user_pools(parts: list[ProductRows]) -> tuple[np.ndarray, dict[str, pa.Array]]:
    sizes = np.array([len(p.people) for p in parts], dtype=np.int64)
    offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]]) if parts else np.zeros(0, np.int64)
    pools = {
        "user_id": [u for p in parts for u in p.people.user_ids],
        "anonymous_id": [u for p in parts for u in p.people.anonymous_ids],
        "email": [u for p in parts for u in p.people.emails],
        "name": [u for p in parts for u in p.people.names],
        "role": [r for p in parts for r in p.roles],
    }
    return offsets, {k: pa.array(v, type=pa.string()) for k, v in pools.items()}


def _count_refs(counter: mess.MessCounter, table: str, ref_kind: np.ndarray) -> None:
    counter.add(table, "test_account", int((ref_kind == REF_TEST).sum()))
    counter.add(table, "unknown_account", int((ref_kind == REF_GHOST).sum()))


def tracks_table(ctx: Context, parts: list[ProductRows], counter: mess.MessCounter) -> pa.Table:
    table = "product/tracks"
    sizes = np.array([p.t_ts.shape[0] for p in parts], dtype=np.int64)
    part = np.repeat(np.arange(len(parts)), sizes)
    offsets, pools = _user_pools(parts)
    ref_kind = np.array([p.ref_kind for p in parts], dtype=np.int8)[part]

    def cat(name: str) -> np.ndarray:
        return np.concatenate([getattr(p, name) for p in parts]) if parts else np.zeros(0)

    user = cat("t_user").astype(np.int64) + offsets[part]
    event = cat("t_event").astype(np.int64)
    ts, sent, recv, loaded = (
        cat(c).astype(np.int64) for c in ("t_ts", "t_sent", "t_recv", "t_loaded")
    )
    msg = np.concatenate([p.t_msg for p in parts]) if parts else np.zeros((0, 16), np.uint8)

    codes, v = mess.assign_kinds(cat("t_u"), TRACK_KINDS, ctx.cfg)
    codes[ref_kind != REF_CUSTOMER] = 0
    as_of_end_us = ctx.grid.as_of_end * US
    latest_late = as_of_end_us - HOUR * US
    codes[(codes == _LATE) & (ts + 2 * DAY * US > latest_late)] = 0

    variant = np.zeros(ts.shape[0], dtype=np.int64)
    sel = codes == _CASE
    variant[sel] = mess.variant_index(v[sel])
    ref = part * _REFS_PER_GROUP + variant

    sel = codes == _FUTURE
    shift = ((DAY + HOUR) * US + v[sel] * 400 * DAY * US).astype(np.int64)
    ts[sel] += shift
    sent[sel] += shift

    sel = codes == _LATE
    lag = loaded[sel] - recv[sel]
    max_delay = np.minimum(10 * DAY * US, latest_late - ts[sel])
    delay = (2 * DAY * US + v[sel] * (max_delay - 2 * DAY * US)).astype(np.int64)
    recv[sel] = ts[sel] + delay
    sent[sel] = recv[sel] - 2 * US
    loaded[sel] = recv[sel] + lag

    null = codes == _NULL
    index, is_copy = mess.repeat_index(codes == _DUP)
    retry = ((1.0 + v[index] * 600.0) * US).astype(np.int64) * is_copy
    for kind, code in zip(TRACK_KINDS, (_DUP, _LATE, _NULL, _FUTURE, _CASE), strict=True):
        counter.add(table, kind, int((codes == code).sum()))
    _count_refs(counter, table, ref_kind)

    columns = {
        "id": fixed_width_strings(uuid_codes(msg[index])),
        "user_id": pools["user_id"].take(pa.array(user[index])),
        "anonymous_id": pools["anonymous_id"].take(pa.array(user[index])),
        "event": pa.array(catalog.EVENT_NAMES, type=pa.string()).take(pa.array(event[index])),
        "event_text": pa.array(catalog.EVENT_TEXTS, type=pa.string()).take(pa.array(event[index])),
        "context_group_id": _ref_pool(parts).take(pa.array(ref[index])),
        "timestamp": timestamps_us(ts[index], mask=null[index]),
        "sent_at": timestamps_us(sent[index]),
        "received_at": timestamps_us(recv[index] + retry),
        "uuid_ts": timestamps_us(loaded[index] + retry + HOUR * US * is_copy),
    }
    return build_table(RAW_SCHEMAS[table], columns)


def identifies_table(ctx: Context, parts: list[ProductRows], counter: mess.MessCounter) -> pa.Table:
    table = "product/identifies"
    sizes = np.array([p.i_ts.shape[0] for p in parts], dtype=np.int64)
    part = np.repeat(np.arange(len(parts)), sizes)
    offsets, pools = _user_pools(parts)
    ref_kind = np.array([p.ref_kind for p in parts], dtype=np.int8)[part]

    def cat(name: str) -> np.ndarray:
        return np.concatenate([getattr(p, name) for p in parts]) if parts else np.zeros(0)

    user = cat("i_user").astype(np.int64) + offsets[part]
    ts, recv, loaded = (cat(c).astype(np.int64) for c in ("i_ts", "i_recv", "i_loaded"))
    msg = np.concatenate([p.i_msg for p in parts]) if parts else np.zeros((0, 16), np.uint8)
    codes, v = mess.assign_kinds(cat("i_u"), IDENTIFY_KINDS, ctx.cfg)
    codes[ref_kind != REF_CUSTOMER] = 0
    variant = np.zeros(ts.shape[0], dtype=np.int64)
    sel = codes == _I_CASE
    variant[sel] = mess.variant_index(v[sel])
    ref = part * _REFS_PER_GROUP + variant
    index, is_copy = mess.repeat_index(codes == _I_DUP)
    retry = ((1.0 + v[index] * 600.0) * US).astype(np.int64) * is_copy
    counter.add(table, "duplicate", int((codes == _I_DUP).sum()))
    counter.add(table, "id_case_whitespace", int((codes == _I_CASE).sum()))
    _count_refs(counter, table, ref_kind)

    take = pa.array(user[index])
    columns = {
        "id": fixed_width_strings(uuid_codes(msg[index])),
        "user_id": pools["user_id"].take(take),
        "anonymous_id": pools["anonymous_id"].take(take),
        "email": pools["email"].take(take),
        "name": pools["name"].take(take),
        "role": pools["role"].take(take),
        "context_group_id": _ref_pool(parts).take(pa.array(ref[index])),
        "timestamp": timestamps_us(ts[index]),
        "received_at": timestamps_us(recv[index] + retry),
        "uuid_ts": timestamps_us(loaded[index] + retry + HOUR * US * is_copy),
    }
    return build_table(RAW_SCHEMAS[table], columns)
