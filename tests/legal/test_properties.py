"""Properties the rules must keep for any claim, checked with hypothesis."""

from datetime import date, timedelta
from decimal import Decimal
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from odoo.addons.receivable_dunning import legal
from odoo.addons.receivable_dunning.legal import COLLECTION_NOTICE, LETTER_KINDS, PAYMENT_DEMAND, REMINDER

COUNTRIES = ("NO", "SE", "FI", "DK", "PL", "DE", "EU", "IT")
# Fewest days after the due date before a letter may carry a fee (doc: NO 14, FI "not on day 14").
LEGAL_DAY = {("NO", REMINDER): 14, ("NO", COLLECTION_NOTICE): 14, ("FI", REMINDER): 15}
# (kinds counted, most fee-bearing letters allowed) per country, whatever the b2b flag.
CAPS = {
    "NO": [
        ({REMINDER}, 2), ({COLLECTION_NOTICE}, 1), ({PAYMENT_DEMAND}, 1), ({REMINDER, COLLECTION_NOTICE}, 2),
    ],
    "SE": [({REMINDER}, 1), ({PAYMENT_DEMAND}, 1)],
    "DK": [({REMINDER, COLLECTION_NOTICE}, 3), ({PAYMENT_DEMAND}, 0)],
    "FI": [({COLLECTION_NOTICE}, 0)],
    "PL": [(set(LETTER_KINDS), 0)],
    "EU": [(set(LETTER_KINDS), 0)],
    "IT": [(set(LETTER_KINDS), 0)],
    "DE": [({COLLECTION_NOTICE, PAYMENT_DEMAND}, 0)],
}
# Fewest days between fee-bearing letters of these kinds.
SPACING = {"NO": ({REMINDER}, 15), "DK": ({REMINDER, COLLECTION_NOTICE}, 10), "FI": (set(LETTER_KINDS), 14)}

countries = st.sampled_from(COUNTRIES)
kinds = st.sampled_from(LETTER_KINDS)
principals = st.decimals(min_value=0, max_value=10**7, places=2)
# Every country has interest data from 2023-10-05 (PL art. 481) onwards.
# Half-year starts (and the days around them) are where rates change: draw them often.
rate_change_days = st.builds(
    lambda year, half, shift: date(year, 1 + 6 * half, 1) + timedelta(days=shift),
    st.integers(2024, 2026), st.integers(0, 1), st.integers(-1, 1),
)
any_days = st.dates(min_value=date(2023, 10, 5), max_value=date(2026, 12, 31))
interest_days = st.one_of(any_days, rate_change_days)
letter_plans = st.lists(st.tuples(kinds, st.integers(min_value=0, max_value=40)), min_size=1, max_size=8)


def _send(country, due, plan, b2b):
    """Send the planned letters in order, each `gap` days after the previous one."""
    sent, day = [], due
    for kind, gap in plan:
        day += timedelta(days=gap)
        sent.append((kind, day, legal.reminder_fee(country, kind, due, day, sent, b2b=b2b)))
    return sent


def _fee_letters(sent, kinds):
    return [(kind, day, fee) for kind, day, fee in sent if fee > 0 and kind in kinds]


@settings(max_examples=300, deadline=None)
@given(countries, kinds, st.dates(date(2021, 1, 1), date(2026, 6, 30)), letter_plans,
       st.integers(0, 60), st.booleans())
def test_no_fee_before_the_legal_day(country, kind, due, plan, offset, b2b):
    previous = _send(country, due, plan, b2b)
    sent = max(previous[-1][1], due) + timedelta(days=offset)
    fee = legal.reminder_fee(country, kind, due, sent, previous, b2b=b2b)
    first = legal.earliest_fee_date(country, kind, due, previous, b2b=b2b)
    if fee > 0:
        assert (sent - due).days >= LEGAL_DAY.get((country, kind), 1)
        assert first is not None and first <= sent
    if first is not None:
        assert legal.reminder_fee(country, kind, due, first, previous, b2b=b2b) > 0
        day_before = first - timedelta(days=1)
        if day_before >= previous[-1][1]:
            assert legal.reminder_fee(country, kind, due, day_before, previous, b2b=b2b) == 0


@settings(max_examples=300, deadline=None)
@given(countries, st.dates(date(2021, 1, 1), date(2025, 6, 30)), letter_plans, st.booleans())
def test_never_more_fees_than_allowed(country, due, plan, b2b):
    sent = _send(country, due, plan, b2b)
    for capped_kinds, cap in CAPS[country]:
        assert len(_fee_letters(sent, capped_kinds)) <= cap
    if country in SPACING:
        spaced_kinds, days = SPACING[country]
        dates = [day for _, day, _ in _fee_letters(sent, spaced_kinds)]
        assert all((later - earlier).days >= days for earlier, later in pairwise(dates))
    if country == "SE" and b2b:
        assert not _fee_letters(sent, set(LETTER_KINDS))
    if country == "FI" and not b2b:
        assert len(_fee_letters(sent, {REMINDER})) <= 3
    if country == "DE":
        reminders = [fee for kind, _, fee in sent if kind == REMINDER]
        assert reminders[:1] in ([], [0])
    if country == "NO":
        assert sum(fee for _, _, fee in sent) <= Decimal("187.50")  # 2 x 37.50 + 112.50 at most


@settings(max_examples=300, deadline=None)
@given(countries, principals, interest_days, interest_days, st.booleans())
def test_interest_is_never_negative(country, principal, due, until, b2b):
    interest = legal.late_interest(country, principal, due, until, b2b=b2b)
    assert interest >= 0
    if until <= due or principal == 0:
        assert interest == 0


@settings(max_examples=300, deadline=None)
@given(countries, principals, interest_days, interest_days, interest_days, st.booleans())
def test_interest_is_additive_over_periods(country, principal, a, b, c, b2b):
    due, t1, t2 = sorted((a, b, c))
    whole = legal.late_interest(country, principal, due, t2, b2b=b2b)
    parts = (legal.late_interest(country, principal, due, t1, b2b=b2b)
             + legal.late_interest(country, principal, t1, t2, b2b=b2b))
    assert abs(whole - parts) <= Decimal("0.01")
