"""B2B fixed compensation per late invoice (Directive 2011/7/EU art. 6 and its national forms)."""

from .constants import COMPENSATION_OFFSETS_FEES, FIXED_COMPENSATION
from .money import ZERO, money, non_negative, to_decimal
from .ruleset import LegalDataMissing, resolve


def _row(ruleset, pack, principal, due, country):
    rows = ruleset.select(pack, FIXED_COMPENSATION, due, b2b=True)
    tiers = [row for row in rows if row.applies_to(principal)]
    if not tiers:
        raise LegalDataMissing(
            f"No fixed_compensation row in effect for country {country!r} (pack {pack.code}) "
            f"on {due.isoformat()}: add it to the legal rules"
        )
    return max(tiers, key=lambda row: row.threshold)


def _in_pack_currency(row, pack, eur_rate, country):
    """PL states the amount in EUR: convert with the caller's rate (NBP rule, outside our scope)."""
    if not row.currency_code or row.currency_code == pack.currency_code:
        return row.value
    if eur_rate is None:
        raise LegalDataMissing(
            f"fixed_compensation for country {country!r} is set in {row.currency_code}: "
            f"pass eur_rate ({pack.currency_code} per 1 {row.currency_code})"
        )
    return row.value * to_decimal(eur_rate, name="eur_rate")


def fixed_compensation(country, principal, due, *, fees_charged=0, rates=None, eur_rate=None):
    """Compensation in the pack currency for one late B2B invoice, after any fee offset."""
    amount = non_negative(principal)
    ruleset = resolve(rates)
    pack = ruleset.pack_for(country)
    value = _in_pack_currency(_row(ruleset, pack, amount, due, country), pack, eur_rate, country)
    if any(row.value for row in ruleset.select(pack, COMPENSATION_OFFSETS_FEES, due, b2b=True)):
        value = max(ZERO, value - non_negative(fees_charged, name="fees_charged"))
    return money(value)
