"""healthsim: a deterministic simulator of a B2B SaaS company's raw exports (Segment, Salesforce,
Zendesk, NPS survey, Stripe) for the customer-health warehouse, with injected mess and ground truth.

See docs/raw_contract.md for the tables and docs/mess.md for the mess.
"""

__version__ = "0.1.0"
