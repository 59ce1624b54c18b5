"""Static catalogues of the simulated company: product features, segments, plans and prices, and the
word lists used for names. Pure data, no randomness."""

from __future__ import annotations

from dataclasses import dataclass


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


@dataclass(frozen=True)
class Feature:
    event: str  # snake case name, product/tracks.event
    text: str  # name as sent, product/tracks.event_text
    category: str  # core | expansion | advanced
    key_workflow: bool
    weight: float  # base share of events among adopters


FEATURES: tuple[Feature, ...] = (
    Feature("session_started", "Session Started", "core", False, 18.0),
    Feature("dashboard_viewed", "Dashboard Viewed", "core", False, 20.0),
    Feature("record_created", "Record Created", "core", False, 12.0),
    Feature("record_updated", "Record Updated", "core", False, 14.0),
    Feature("report_created", "Report Created", "core", True, 4.0),
    Feature("search_performed", "Search Performed", "core", False, 10.0),
    Feature("user_invited", "User Invited", "expansion", False, 1.0),
    Feature("report_shared", "Report Shared", "expansion", False, 3.0),
    Feature("comment_added", "Comment Added", "expansion", False, 5.0),
    Feature("export_downloaded", "Export Downloaded", "expansion", False, 3.0),
    Feature("integration_connected", "Integration Connected", "advanced", True, 0.6),
    Feature("workflow_automated", "Workflow Automated", "advanced", True, 2.0),
    Feature("api_call", "API Call", "advanced", False, 8.0),
    Feature("alert_configured", "Alert Configured", "advanced", False, 1.5),
)
EVENT_NAMES: tuple[str, ...] = tuple(f.event for f in FEATURES)
EVENT_TEXTS: tuple[str, ...] = tuple(f.text for f in FEATURES)


@dataclass(frozen=True)
class Segment:
    name: str
    share: float  # share of accounts
    arr_lo: float  # ARR band at signup, USD
    arr_hi: float
    plan: str  # plan bought at signup
    employees: tuple[int, int]
    interval_mix: tuple[tuple[str, int, float], ...]  # (interval, count, share)
    trial_share: float  # share of in-window signups that start with a trial
    churn_multiplier: float  # scales the monthly churn hazard
    csm_touches: float  # CSM activities per month
    ticket_rate: float  # support tickets per month at full health
    exec_sponsor_share: float
    extra_contacts: tuple[int, int]  # User contacts besides champion/sponsor/billing


SEGMENTS: tuple[Segment, ...] = (
    Segment(
        name="Enterprise", share=0.10, arr_lo=100_000, arr_hi=600_000, plan="Enterprise",
        employees=(1000, 50000),
        interval_mix=(("year", 1, 0.85), ("month", 1, 0.10), ("month", 3, 0.05)),
        trial_share=0.05, churn_multiplier=1.1, csm_touches=6.0, ticket_rate=2.5,
        exec_sponsor_share=0.9, extra_contacts=(2, 5),
    ),
    Segment(
        name="Mid-Market", share=0.25, arr_lo=25_000, arr_hi=100_000, plan="Business",
        employees=(200, 2000),
        interval_mix=(("year", 1, 0.60), ("month", 1, 0.35), ("month", 3, 0.05)),
        trial_share=0.15, churn_multiplier=1.1, csm_touches=3.0, ticket_rate=1.2,
        exec_sponsor_share=0.6, extra_contacts=(1, 4),
    ),
    Segment(
        name="SMB", share=0.40, arr_lo=5_000, arr_hi=25_000, plan="Growth",
        employees=(20, 300),
        interval_mix=(("month", 1, 0.63), ("year", 1, 0.30), ("month", 3, 0.05), ("week", 1, 0.02)),
        trial_share=0.30, churn_multiplier=1.6, csm_touches=1.2, ticket_rate=0.6,
        exec_sponsor_share=0.3, extra_contacts=(0, 3),
    ),
    Segment(
        name="Starter", share=0.25, arr_lo=1_000, arr_hi=5_000, plan="Starter",
        employees=(2, 50),
        interval_mix=(("month", 1, 0.84), ("year", 1, 0.14), ("week", 1, 0.02)),
        trial_share=0.40, churn_multiplier=2.0, csm_touches=0.5, ticket_rate=0.3,
        exec_sponsor_share=0.1, extra_contacts=(0, 2),
    ),
)  # fmt: skip
SEGMENT_BY_NAME: dict[str, Segment] = {s.name: s for s in SEGMENTS}


def segment_for_arr(arr_usd: float) -> str:
    """The segment of an account by its ARR (USD) at signup."""
    if arr_usd >= 100_000:
        return "Enterprise"
    if arr_usd >= 25_000:
        return "Mid-Market"
    if arr_usd >= 5_000:
        return "SMB"
    return "Starter"


PLANS: tuple[str, ...] = ("Starter", "Growth", "Business", "Enterprise")
CURRENCIES: tuple[str, ...] = ("usd", "eur", "gbp")
CURRENCY_SHARES: tuple[float, ...] = (0.80, 0.12, 0.08)

# per-seat monthly list price in minor units, by plan and currency
MONTHLY_SEAT_PRICE: dict[str, dict[str, int]] = {
    "Starter": {"usd": 2000, "eur": 1900, "gbp": 1600},
    "Growth": {"usd": 4000, "eur": 3700, "gbp": 3200},
    "Business": {"usd": 8000, "eur": 7400, "gbp": 6400},
    "Enterprise": {"usd": 15000, "eur": 13900, "gbp": 11900},
}
# old prices (inactive) still billed to a few long-standing monthly USD customers
LEGACY_MONTHLY_SEAT_PRICE: dict[str, int] = {"Starter": 1500, "Growth": 3500}


@dataclass(frozen=True)
class PriceSpec:
    key: str  # stable key, e.g. "Growth|month|1|usd"
    plan: str
    interval: str
    interval_count: int
    currency: str
    unit_amount: int
    active: bool
    legacy: bool

    @property
    def nickname(self) -> str:
        period = {
            ("month", 1): "Monthly",
            ("month", 3): "Quarterly",
            ("year", 1): "Annual",
            ("week", 1): "Weekly",
        }[(self.interval, self.interval_count)]
        suffix = " (legacy)" if self.legacy else ""
        return f"{self.plan} {period}{suffix}"

    @property
    def months_per_period(self) -> float:
        """Length of a billing period in months (weeks as 12/52 of a month)."""
        if self.interval == "year":
            return 12.0 * self.interval_count
        if self.interval == "week":
            return self.interval_count * 12.0 / 52.0
        return float(self.interval_count)


def price_key(plan: str, interval: str, count: int, currency: str, legacy: bool = False) -> str:
    return f"{plan}|{interval}|{count}|{currency}" + ("|legacy" if legacy else "")


def build_price_specs() -> tuple[PriceSpec, ...]:
    """The price catalogue: every plan in every currency monthly, quarterly and annual; weekly
    Starter/Growth prices in USD; legacy inactive monthly USD prices."""
    specs: list[PriceSpec] = []
    for plan in PLANS:
        for currency in CURRENCIES:
            monthly = MONTHLY_SEAT_PRICE[plan][currency]
            for interval, count, amount in (
                ("month", 1, monthly),
                ("month", 3, round(monthly * 3 * 0.95)),
                ("year", 1, monthly * 10),
            ):
                key = price_key(plan, interval, count, currency)
                specs.append(PriceSpec(key, plan, interval, count, currency, amount, True, False))
            if plan in ("Starter", "Growth"):
                weekly = round(monthly * 12 / 52)
                key = price_key(plan, "week", 1, currency)
                specs.append(PriceSpec(key, plan, "week", 1, currency, weekly, True, False))
    for plan, amount in LEGACY_MONTHLY_SEAT_PRICE.items():
        key = price_key(plan, "month", 1, "usd", legacy=True)
        specs.append(PriceSpec(key, plan, "month", 1, "usd", amount, False, True))
    return tuple(specs)


PRICE_SPECS: tuple[PriceSpec, ...] = build_price_specs()
PRICE_BY_KEY: dict[str, PriceSpec] = {p.key: p for p in PRICE_SPECS}

# --- places -------------------------------------------------------------------------------------
COUNTRIES_BY_CURRENCY: dict[str, tuple[tuple[str, float], ...]] = {
    "usd": (("US", 0.85), ("CA", 0.08), ("AU", 0.04), ("SG", 0.03)),
    "eur": (("DE", 0.35), ("FR", 0.25), ("NL", 0.15), ("ES", 0.12), ("IE", 0.08), ("IT", 0.05)),
    "gbp": (("GB", 1.0),),
}
# centre of the working day in UTC hours, by country
WORKDAY_CENTRE_UTC: dict[str, float] = {
    "US": 18.0,
    "CA": 17.5,
    "AU": 2.0,
    "SG": 5.0,
    "DE": 12.0,
    "FR": 12.0,
    "NL": 12.0,
    "ES": 12.0,
    "IE": 13.0,
    "IT": 12.0,
    "GB": 13.0,
}
EMAIL_TLD: dict[str, str] = {
    "US": "com",
    "CA": "ca",
    "AU": "com.au",
    "SG": "sg",
    "DE": "de",
    "FR": "fr",
    "NL": "nl",
    "ES": "es",
    "IE": "ie",
    "IT": "it",
    "GB": "co.uk",
}

INDUSTRIES: tuple[str, ...] = (
    "Software",
    "Financial Services",
    "Healthcare",
    "Retail",
    "Manufacturing",
    "Education",
    "Media",
    "Logistics",
    "Real Estate",
    "Professional Services",
    "Energy",
    "Nonprofit",
)

NAME_ADJECTIVES: tuple[str, ...] = _words(
    "Blue Bright Cedar Clear Copper Crimson Delta Eagle Emerald First Golden Granite Harbor "
    "Iron Jade Keystone Lunar Maple Noble North Oak Pacific Pioneer Prime Quantum Rapid Red "
    "River Silver Solar Summit Swift True Union Vista West Willow Zenith Atlas Beacon"
)
NAME_NOUNS: tuple[str, ...] = _words(
    "Analytics Bridge Capital Cloud Dynamics Foods Freight Health Labs Logistics Media "
    "Metrics Networks Partners Pharma Robotics Retail Software Solutions Systems Ventures "
    "Works Energy Learning Studios Motors Textiles Insights Finance Holdings"
)
NAME_SUFFIXES: dict[str, tuple[str, ...]] = {
    "US": ("Inc", "LLC", "Corp", "Co"),
    "CA": ("Inc", "Ltd"),
    "AU": ("Pty Ltd",),
    "SG": ("Pte Ltd",),
    "DE": ("GmbH", "AG"),
    "FR": ("SAS", "SA"),
    "NL": ("BV",),
    "ES": ("SL", "SA"),
    "IE": ("Ltd",),
    "IT": ("Srl", "SpA"),
    "GB": ("Ltd", "plc"),
}

FIRST_NAMES: tuple[str, ...] = _words(
    "Maria James Anna David Sofia Michael Laura Daniel Emma Lucas Olivia Noah Mia Liam Chloe "
    "Ethan Hannah Lena Marco Julia Priya Arjun Wei Mei Kenji Aisha Omar Fatima Carlos Elena "
    "Tom Sarah Ben Grace Jonas Nora Felix Clara Paul Ines"
)
LAST_NAMES: tuple[str, ...] = _words(
    "Garcia Smith Mueller Rossi Martin Brown Jones Schmidt Dubois Johnson Lee Patel Nguyen "
    "Kim Wang Silva Fischer Bernard Taylor Wilson Moreau Weber Novak Jansen Murphy Kelly "
    "Lopez Costa Khan Sato Tanaka Meyer Wagner Evans Walsh Romano Ferrari Clark Hughes Berg"
)

CHAMPION_TITLES: tuple[str, ...] = (
    "Operations Manager",
    "Head of Operations",
    "RevOps Lead",
    "Director of Analytics",
    "Customer Success Lead",
    "Program Manager",
)
SPONSOR_TITLES: tuple[str, ...] = ("VP Operations", "COO", "CFO", "VP Sales", "CTO", "VP Finance")
BILLING_TITLES: tuple[str, ...] = ("Finance Manager", "Accounts Payable Specialist", "Controller")
USER_TITLES: tuple[str, ...] = (
    "Analyst",
    "Account Manager",
    "Specialist",
    "Coordinator",
    "Engineer",
    "Consultant",
)

# --- CRM ------------------------------------------------------------------------------------------
ACTIVITY_TYPES: tuple[str, ...] = ("Call", "Meeting", "Email")
ACTIVITY_TYPE_SHARES: tuple[float, ...] = (0.35, 0.25, 0.40)
ACTIVITY_SUBJECTS: dict[str, tuple[str, ...]] = {
    "Call": ("Check-in call", "Adoption review call", "Renewal discussion", "Escalation call"),
    "Meeting": ("Onboarding session", "Training workshop", "Roadmap review", "Success plan review"),
    "Email": ("Follow-up email", "Release notes", "Usage summary", "Renewal reminder"),
    "QBR": ("Quarterly Business Review",),
}
OPEN_STAGES: tuple[str, ...] = ("Prospecting", "Qualification", "Proposal", "Negotiation")

# --- support ------------------------------------------------------------------------------------
TICKET_TYPES: tuple[str, ...] = ("question", "incident", "problem", "task")
TICKET_TYPE_SHARES: tuple[float, ...] = (0.40, 0.30, 0.15, 0.15)
PRIORITIES: tuple[str, ...] = ("low", "normal", "high", "urgent")
PRIORITY_MEDIAN_HOURS: tuple[float, ...] = (60.0, 30.0, 12.0, 4.0)
TICKET_TOPICS: tuple[str, ...] = (
    "how-to",
    "bug",
    "billing",
    "integration",
    "onboarding",
    "feature-request",
    "performance",
    "login",
)
TICKET_SUBJECTS: dict[str, tuple[str, ...]] = {
    "how-to": ("How do I build a report?", "Question about dashboard filters", "How to bulk edit"),
    "bug": ("Error when saving record", "Dashboard shows wrong totals", "Export fails"),
    "billing": ("Invoice question", "Update payment method", "Seat count on invoice"),
    "integration": ("Integration sync failing", "API rate limit", "Connector setup help"),
    "onboarding": ("Help setting up workspace", "Import our data", "Training request"),
    "feature-request": ("Feature request: custom fields", "Request: SSO", "Request: new chart"),
    "performance": ("App is slow", "Reports time out", "Search is slow"),
    "login": ("Cannot log in", "Password reset not arriving", "SSO login loop"),
}
UNSOLVED_STATUSES: tuple[str, ...] = ("new", "open", "pending", "hold")
UNSOLVED_STATUS_SHARES: tuple[float, ...] = (0.15, 0.5, 0.25, 0.10)

# --- survey -------------------------------------------------------------------------------------
NPS_COMMENTS: dict[str, tuple[str, ...]] = {
    "promoter": (
        "Great product, the team loves it",
        "Reports save us hours every week",
        "Support is excellent",
        "Automations are a game changer",
    ),
    "passive": (
        "Good overall, a few rough edges",
        "Does the job",
        "Would like more integrations",
        "Pricing is a bit high",
    ),
    "detractor": (
        "Too slow and buggy",
        "Hard to use, low adoption on our team",
        "Support takes too long",
        "Missing features we need",
        "Not worth the price",
    ),
}

# --- billing ------------------------------------------------------------------------------------
FAILURE_CODES: tuple[str, ...] = (
    "card_declined",
    "insufficient_funds",
    "expired_card",
    "processing_error",
    "incorrect_cvc",
)
FAILURE_CODE_SHARES: tuple[float, ...] = (0.45, 0.25, 0.15, 0.08, 0.07)

OUR_DOMAIN = "healthsim.io"
