"""Day counts and interest periods: the only place that knows how days become years."""

from datetime import timedelta
from decimal import Decimal
from itertools import pairwise

from .constants import ACTUAL_365, THIRTY_E_360

ONE_DAY = timedelta(days=1)


def days_30e_360(start, end):
    """European 30/360 days between two dates (the 31st counts as the 30th)."""
    return (
        360 * (end.year - start.year)
        + 30 * (end.month - start.month)
        + min(end.day, 30) - min(start.day, 30)
    )


def year_fraction(day_count, start, end):
    """Fraction of a year from the day after start up to and including end."""
    if day_count == ACTUAL_365:
        return Decimal((end - start).days) / 365
    if day_count == THIRTY_E_360:
        return Decimal(days_30e_360(start, end)) / 360
    raise ValueError(f"Unknown day count {day_count!r}")


def periods(start, end, change_dates):
    """Split (start, end] so that each piece has one rate; a change on day c applies from c on.

    Yields (last day before the piece, last day of the piece); the first interest day of a
    piece is therefore ``piece_start + 1 day``.
    """
    cuts = sorted(c - ONE_DAY for c in change_dates if start + ONE_DAY < c <= end)
    bounds = [start, *cuts, end]
    yield from pairwise(bounds)
