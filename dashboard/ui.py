"""Widgets and table helpers the pages share."""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd
import streamlit as st

MONEY = re.compile(r"(^|_)(arr|mrr)$")


def choose(label: str, options: Mapping[str, str], param: str, empty: str) -> str:
    """A selectbox over {id: text}: first choice from the URL's ?<param>=<id>, then kept for the
    session (also across pages); the choice is written back to the URL, so a view can be linked.
    Without options the page says `empty` and stops."""
    ids = list(options)
    if not ids:
        st.info(empty)
        st.stop()
    wanted = st.query_params.get(param)
    chosen = st.selectbox(
        label,
        ids,
        index=ids.index(wanted) if wanted in ids else 0,
        format_func=options.__getitem__,
        key=param,
        persist_state="session",
    )
    st.query_params[param] = chosen
    return chosen


def with_account_link(table: pd.DataFrame) -> pd.DataFrame:
    """The table with a first column 'open' linking each row's account_id to the account page."""
    return table.assign(open="account?account=" + table["account_id"].astype(str))[
        ["open", *table.columns]
    ]


def column_format(values: pd.Series, header: str) -> object:
    """How a column shows, by the marts' naming: `..._date` as a date, `..._at` to the minute,
    money (`arr`, `..._arr`, `..._mrr`) with thousands separators, anything else as it is."""
    name = str(values.name)
    if name.endswith("_date") and pd.api.types.is_datetime64_any_dtype(values):
        return st.column_config.DateColumn(header, format="YYYY-MM-DD")
    if name.endswith("_at") and pd.api.types.is_datetime64_any_dtype(values):
        return st.column_config.DatetimeColumn(header, format="YYYY-MM-DD HH:mm")
    if MONEY.search(name) and pd.api.types.is_numeric_dtype(values):
        return st.column_config.NumberColumn(header, format="localized")
    return header


def table(
    frame: pd.DataFrame,
    key: str,
    columns: Mapping[str, str] | None = None,
    *,
    link_accounts: bool = False,
) -> None:
    """A read-only table in a container keyed `key` (so tests find it), showing `columns`
    ({column: header}; default all), optionally with a link to each row's account page."""
    shown = with_account_link(frame) if link_accounts else frame
    config: dict[str, object] = {
        column: column_format(frame[column], (columns or {}).get(column, column))
        for column in (columns or frame.columns)
    }
    order = list(columns) if columns else None
    if link_accounts:
        config["open"] = st.column_config.LinkColumn("open", display_text="account", width="small")
        order = ["open", *(order or frame.columns)]
    st.container(key=key).dataframe(
        shown, hide_index=True, column_order=order, column_config=config
    )
