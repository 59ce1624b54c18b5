"""The weekly customer-health report: one self-contained HTML file read from the published marts.

python -m healthreport [--week YYYY-MM-DD] [--out PATH] [--published PATH]
"""
