"""Customer-health dashboard over the published marts: `make dashboard`, i.e.
python -m streamlit run dashboard/app.py. Reads only the published copy (HEALTH_PUBLISHED_PATH)."""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

# The pages import the `dashboard` package, wherever streamlit runs from.
REPO = str(Path(__file__).resolve().parent.parent)
if REPO not in sys.path:
    sys.path.insert(0, REPO)

from dashboard import data

st.set_page_config(page_title="Customer health", layout="wide")

if not data.published_path().exists():
    st.error(
        f"No published copy of the marts at {data.published_path()}. "
        "Build and publish the warehouse first: make demo (or make build publish)."
    )
    st.stop()

# The pages live in dashboard/views: a folder named pages/ next to this file would be listed in the
# browser as pages of its own until st.navigation replaces the list.
page = st.navigation(
    [
        st.Page("views/portfolio.py", title="Portfolio", default=True),
        st.Page("views/account.py", title="Account"),
        st.Page("views/csm.py", title="CSM"),
    ]
)
st.sidebar.caption(f"Warehouse as of {data.as_of_date():%Y-%m-%d} · {data.published_path().name}")
page.run()
