"""How charges (fees, interest, compensation) are treated once booked: VAT and payment allocation."""

from datetime import date

from .constants import CHARGES_OUTSIDE_VAT, COSTS_FIRST
from .ruleset import resolve


def _in_force(country, rule, on, rates):
    ruleset = resolve(rates)
    rows = ruleset.select(ruleset.pack_for(country), rule, on or date.today())
    return any(row.value > 0 for row in rows)


def costs_first(country, *, on=None, rates=None):
    """Whether a payment that does not cover everything pays costs, then interest, then principal
    (BGB §367 in Germany); otherwise it pays what the debtor or the accountant matched it with."""
    return _in_force(country, COSTS_FIRST, on, rates)


def charges_outside_vat(country, *, on=None, rates=None):
    """Whether reminder fees, late-payment interest and fixed compensation are outside VAT:
    they compensate a damage and pay for no supply (e.g. Norwegian reminder fees)."""
    return _in_force(country, CHARGES_OUTSIDE_VAT, on, rates)
