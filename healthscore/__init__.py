"""Score a flat one-row-per-account health export (CSV) with the warehouse's flat_export scorecard:
`python -m healthscore score path/to/export.csv`."""
