"""Splitting a debt into instalments: plain Python, no ORM, tested on its own."""

from datetime import date
from decimal import ROUND_DOWN, Decimal

from dateutil.relativedelta import relativedelta

MIN_INSTALMENTS = 2
MAX_INSTALMENTS = 12


def split_amount(total, count, digits=2):
    """`count` amounts rounded down to `digits` decimals that add up to `total`; the remainder goes on the last.

    >>> split_amount(Decimal("100.00"), 3)
    [Decimal('33.33'), Decimal('33.33'), Decimal('33.34')]
    """
    if count < 1:
        raise ValueError("at least one instalment")
    total = Decimal(str(total))
    quantum = Decimal(1).scaleb(-digits)
    total = total.quantize(quantum)
    share = (total / count).quantize(quantum, rounding=ROUND_DOWN)
    return [share] * (count - 1) + [total - share * (count - 1)]


def schedule(total, count, first_date, digits=2):
    """[(due date, amount)]: `count` monthly instalments from `first_date` on, adding up to `total`."""
    if not isinstance(first_date, date):
        raise TypeError("first_date must be a date")
    amounts = split_amount(total, count, digits)
    return [(first_date + relativedelta(months=index), amount) for index, amount in enumerate(amounts)]
