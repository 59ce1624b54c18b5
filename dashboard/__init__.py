"""Streamlit dashboard over the published marts: portfolio, account and CSM pages.

Run it with `make dashboard`."""
