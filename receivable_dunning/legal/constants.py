"""Names shared by the shipped CSV data and the engine, so both spell them alike."""

REMINDER = "reminder"
COLLECTION_NOTICE = "collection_notice"
PAYMENT_DEMAND = "payment_demand"
LETTER_KINDS = (REMINDER, COLLECTION_NOTICE, PAYMENT_DEMAND)

ANY = "any"
CONSUMER = "consumer"
B2B = "b2b"
SCOPES = (ANY, CONSUMER, B2B)

FEE = "fee"
FEE_MIN_DAYS_AFTER_DUE = "fee_min_days_after_due"
FEE_MIN_DAYS_BETWEEN = "fee_min_days_between"
FEE_MAX_COUNT = "fee_max_count"
FEE_FREE_COUNT = "fee_free_count"
DEADLINE_MIN_DAYS = "deadline_min_days"
INTEREST_RATE = "interest_rate"
REFERENCE_RATE = "reference_rate"
INTEREST_MARGIN = "interest_margin"
REFERENCE_ROUNDING = "reference_rounding"
FIXED_COMPENSATION = "fixed_compensation"
COMPENSATION_OFFSETS_FEES = "compensation_offsets_fees"
COMPENSATION_EXCLUDES_FEES = "compensation_excludes_fees"
LETTER_REQUIRED = "letter_required"
COSTS_FIRST = "costs_first"
CHARGES_OUTSIDE_VAT = "charges_outside_vat"
RULE_TYPES = (
    FEE, FEE_MIN_DAYS_AFTER_DUE, FEE_MIN_DAYS_BETWEEN, FEE_MAX_COUNT, FEE_FREE_COUNT,
    DEADLINE_MIN_DAYS, INTEREST_RATE, REFERENCE_RATE, INTEREST_MARGIN, REFERENCE_ROUNDING,
    FIXED_COMPENSATION, COMPENSATION_OFFSETS_FEES, COMPENSATION_EXCLUDES_FEES, LETTER_REQUIRED,
    COSTS_FIRST, CHARGES_OUTSIDE_VAT,
)
# Rows that decide whether a letter may carry a fee, and so when one first can.
FEE_RULES = (
    FEE, FEE_MIN_DAYS_AFTER_DUE, FEE_MIN_DAYS_BETWEEN, FEE_MAX_COUNT, FEE_FREE_COUNT,
    COMPENSATION_EXCLUDES_FEES,
)
# Any change of one of these rows starts a new interest period.
INTEREST_RULES = (INTEREST_RATE, REFERENCE_RATE, INTEREST_MARGIN, REFERENCE_ROUNDING)

ACTUAL_365 = "actual_365"
THIRTY_E_360 = "30e_360"
DAY_COUNTS = (ACTUAL_365, THIRTY_E_360)

# Directive 2011/7/EU is the floor for every country without its own pack.
FALLBACK_PACK = "EU"


def check_kind(kind):
    """Reject unknown letter kinds early: a typo must not silently mean 'no fee'."""
    if kind not in LETTER_KINDS:
        raise ValueError(f"Unknown letter kind {kind!r}; expected one of {', '.join(LETTER_KINDS)}")
    return kind
