"""Reminder and collection fees: the amount a letter may carry, and when it may carry one."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_CEILING, Decimal

from .constants import (
    COMPENSATION_EXCLUDES_FEES,
    FEE,
    FEE_FREE_COUNT,
    FEE_MAX_COUNT,
    FEE_MIN_DAYS_AFTER_DUE,
    FEE_MIN_DAYS_BETWEEN,
    check_kind,
)
from .daycount import ONE_DAY
from .money import ZERO, money, non_negative, to_decimal
from .ruleset import resolve


@dataclass(frozen=True)
class Letter:
    """A letter already sent on the claim."""

    kind: str
    sent: date
    fee: Decimal


@dataclass(frozen=True)
class Claim:
    """Everything the fee rules look at for one candidate letter."""

    ruleset: object
    pack: object
    kind: str
    due: date
    sent: date
    previous: tuple
    b2b: bool

    def rows(self, rule):
        return self.ruleset.select(self.pack, rule, self.sent, b2b=self.b2b, kind=self.kind)


def letters(previous):
    """Normalise (kind, sent_date, fee) tuples; unknown kinds are errors, not 'no fee'."""
    return tuple(
        Letter(check_kind(kind), sent, to_decimal(fee or 0, name="fee"))
        for kind, sent, fee in (previous or ())
    )


def make_claim(ruleset, country, kind, due, sent, previous, b2b):
    return Claim(ruleset, ruleset.pack_for(country), check_kind(kind), due, sent,
                 letters(previous), bool(b2b))


def _days(value):
    return timedelta(days=int(value.to_integral_value(rounding=ROUND_CEILING)))


def _in(letter, kinds):
    return not kinds or letter.kind in kinds


def _last_fee_date(claim, kinds):
    dates = [ltr.sent for ltr in claim.previous if ltr.fee > 0 and _in(ltr, kinds)]
    return max(dates, default=None)


def timing_bound(claim):
    """First day the timing rules allow a fee: after due, min days after due, min spacing."""
    bound = claim.due + ONE_DAY
    for row in claim.rows(FEE_MIN_DAYS_AFTER_DUE):
        bound = max(bound, claim.due + _days(row.value))
    for row in claim.rows(FEE_MIN_DAYS_BETWEEN):
        last = _last_fee_date(claim, row.kinds)
        if last is not None:
            bound = max(bound, last + _days(row.value))
    return bound


def _excluded(claim):
    return claim.b2b and any(row.value for row in claim.rows(COMPENSATION_EXCLUDES_FEES))


def _capped(claim):
    """fee_max_count: fee-bearing letters already sent in the rule's kinds reach the cap."""
    return any(
        sum(1 for ltr in claim.previous if ltr.fee > 0 and _in(ltr, row.kinds)) >= row.value
        for row in claim.rows(FEE_MAX_COUNT)
    )


def _free(claim):
    """fee_free_count: the first N letters of the rule's kinds carry no fee."""
    return any(
        sum(1 for ltr in claim.previous if _in(ltr, row.kinds)) < row.value
        for row in claim.rows(FEE_FREE_COUNT)
    )


def _tier(claim, principal):
    tiers = [row for row in claim.rows(FEE) if row.applies_to(principal)]
    return max(tiers, key=lambda row: row.threshold, default=None)


def fee_for(claim, principal=None):
    """Fee the candidate letter may carry; 0 where the law allows none."""
    if _excluded(claim):
        return money(ZERO)
    row = _tier(claim, principal)
    if row is None or row.value <= 0 or claim.sent < timing_bound(claim):
        return money(ZERO)
    if _capped(claim) or _free(claim):
        return money(ZERO)
    return money(row.value)


def reminder_fee(country, kind, due, sent, previous, *, b2b=False, rates=None, principal=None):
    """Fee a letter of `kind` sent on `sent` may carry, given the letters already sent."""
    amount = None if principal is None else non_negative(principal)
    claim = make_claim(resolve(rates), country, kind, due, sent, previous, b2b)
    return fee_for(claim, amount)
