"""Statutory late-payment interest: simple interest, split at every rate change."""

from datetime import date

from .constants import (
    ACTUAL_365,
    INTEREST_MARGIN,
    INTEREST_RATE,
    INTEREST_RULES,
    REFERENCE_RATE,
    REFERENCE_ROUNDING,
)
from .daycount import ONE_DAY, periods, year_fraction
from .money import ZERO, money, non_negative, round_up, to_decimal
from .ruleset import LegalDataMissing, resolve


def _value(ruleset, pack, rule, on, b2b, country):
    rows = ruleset.select(pack, rule, on, b2b=b2b)
    if not rows:
        scope = "b2b" if b2b else "consumer"
        raise LegalDataMissing(
            f"No {rule} row in effect for country {country!r} (pack {pack.code}, {scope}) "
            f"on {on.isoformat()}: add it to the legal rules"
        )
    return rows[0].value


def _rounding_step(ruleset, pack, on):
    rows = ruleset.select(pack, REFERENCE_ROUNDING, on)
    return rows[0].value if rows else ZERO


def _pack_rate(ruleset, pack, on, b2b, country):
    """A published total rate wins; otherwise reference (rounded up) plus the margin."""
    if ruleset.has(pack, INTEREST_RATE, b2b=b2b):
        return _value(ruleset, pack, INTEREST_RATE, on, b2b, country)
    reference = _value(ruleset, pack, REFERENCE_RATE, on, b2b, country)
    margin = _value(ruleset, pack, INTEREST_MARGIN, on, b2b, country)
    return round_up(reference, _rounding_step(ruleset, pack, on)) + margin


def interest_rate(country, on, *, b2b=False, rates=None):
    """Statutory late-payment rate in percent per year on day `on`."""
    ruleset = resolve(rates)
    return _pack_rate(ruleset, ruleset.pack_for(country), on, b2b, country)


def reference_rate(country, central_bank_rate, *, rates=None):
    """Turn a central-bank rate into the legal reference rate (SE/FI: round up to 0.5)."""
    ruleset = resolve(rates)
    step = _rounding_step(ruleset, ruleset.pack_for(country), date.today())
    return round_up(to_decimal(central_bank_rate, name="central_bank_rate"), step)


def interest_factor(country, due, until, *, b2b=False, rates=None):
    """Interest per unit of principal from the day after `due` up to `until`, unrounded.

    Simple interest is linear in the principal, so one factor serves every invoice with the
    same due date; it is remembered by the rule set for the life of that rule set.
    """
    if until <= due:
        return ZERO
    ruleset = resolve(rates)
    pack = ruleset.pack_for(country)
    key = ("interest_factor", pack.code, due, until, bool(b2b))
    if key not in ruleset.memo:
        total = ZERO
        for start, end in periods(due, until, ruleset.change_dates(pack, INTEREST_RULES)):
            rate = _pack_rate(ruleset, pack, start + ONE_DAY, b2b, country)
            total += rate / 100 * year_fraction(pack.day_count, start, end)
        ruleset.memo[key] = total
    return ruleset.memo[key]


def late_interest(country, principal, due, until, *, b2b=False, rates=None):
    """Interest on principal for the days after `due` up to and including `until`."""
    amount = non_negative(principal)
    return money(amount * interest_factor(country, due, until, b2b=b2b, rates=rates))


def contractual_factor(annual_rate, due, until, *, day_count=ACTUAL_365):
    """Interest per unit of principal at a rate agreed with the customer (percent per year), unrounded."""
    if until <= due:
        return ZERO
    rate = non_negative(annual_rate, name="annual_rate")
    return rate / 100 * year_fraction(day_count, due, until)


def contractual_interest(principal, annual_rate, due, until, *, day_count=ACTUAL_365):
    """Interest at a rate agreed with the customer (percent per year), simple, no rate changes."""
    amount = non_negative(principal)
    return money(amount * contractual_factor(annual_rate, due, until, day_count=day_count))
