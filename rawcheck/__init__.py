"""Check a raw directory against the raw contract before the warehouse is built.

The contract is read from the dbt sources (`models/staging/<system>/_<system>__sources.yml`): which
tables and columns are required and each column's type. `python -m rawcheck [RAW_DIR]` prints, per
table, what is there and what is wrong, and exits 1 only for findings that would make the build
wrong.
"""
