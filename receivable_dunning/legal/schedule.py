"""When a fee-bearing letter can go out, and how long its payment deadline must be."""

from datetime import date

from .constants import DEADLINE_MIN_DAYS, FEE_RULES, LETTER_REQUIRED, check_kind
from .daycount import ONE_DAY
from .fees import fee_for, make_claim, timing_bound
from .ruleset import resolve

# Each step moves to a timing bound or to a rule-change day, so a few suffice;
# the cap only guards against pathological custom data.
_MAX_STEPS = 200


def _next_change(changes, day):
    return next((change for change in changes if change > day), None)


def earliest_fee_date(country, kind, due, previous, *, b2b=False, rates=None):
    """First day a letter of `kind` could carry a fee, or None if no day ever can.

    Walks forward from the day after due, jumping to the timing bound (min days after
    due / between letters) or to the next day a fee rule row changes, whichever is first.
    """
    ruleset = resolve(rates)
    changes = ruleset.change_dates(ruleset.pack_for(country), FEE_RULES)
    day = due + ONE_DAY
    for _ in range(_MAX_STEPS):
        claim = make_claim(ruleset, country, kind, due, day, previous, b2b)
        bound, change = timing_bound(claim), _next_change(changes, day)
        if bound > day:
            day = min(bound, change) if change else bound
        elif fee_for(claim) > 0:
            return day
        elif change is None:
            return None
        else:
            day = change
    return None


def deadline_min_days(country, kind, *, rates=None):
    """Minimum payment deadline (days) a letter of `kind` must give today; 0 if no rule."""
    check_kind(kind)
    ruleset = resolve(rates)
    rows = ruleset.select(ruleset.pack_for(country), DEADLINE_MIN_DAYS, date.today(), kind=kind)
    return max((int(row.value) for row in rows), default=0)


def letter_required(country, kind, *, on=None, rates=None):
    """Whether the law requires a letter of `kind` before any later step (e.g. the Norwegian
    collection notice, inkassoloven §9): a very late invoice may skip other letters, never this one."""
    check_kind(kind)
    ruleset = resolve(rates)
    rows = ruleset.select(ruleset.pack_for(country), LETTER_REQUIRED, on or date.today(), kind=kind)
    return any(row.value > 0 for row in rows)
