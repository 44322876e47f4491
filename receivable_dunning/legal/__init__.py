"""Pure-Python legal rule engine for dunning: fees, statutory interest, fixed compensation.

No Odoo import here on purpose: the rules are tested alone, and the Odoo models feed
their database rows in through ``RuleSet.from_rows``.
"""

from .charges import charges_outside_vat, costs_first
from .compensation import fixed_compensation
from .constants import COLLECTION_NOTICE, LETTER_KINDS, PAYMENT_DEMAND, REMINDER
from .fees import reminder_fee
from .interest import (
    contractual_factor,
    contractual_interest,
    interest_factor,
    interest_rate,
    late_interest,
    reference_rate,
)
from .ruleset import LegalDataMissing, Pack, Rule, RuleSet
from .schedule import deadline_min_days, earliest_fee_date, letter_required

__all__ = [
    "COLLECTION_NOTICE",
    "LETTER_KINDS",
    "PAYMENT_DEMAND",
    "REMINDER",
    "LegalDataMissing",
    "Pack",
    "Rule",
    "RuleSet",
    "charges_outside_vat",
    "contractual_factor",
    "contractual_interest",
    "costs_first",
    "deadline_min_days",
    "earliest_fee_date",
    "fixed_compensation",
    "interest_factor",
    "interest_rate",
    "late_interest",
    "letter_required",
    "reference_rate",
    "reminder_fee",
]
