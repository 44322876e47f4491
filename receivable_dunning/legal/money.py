"""Decimal helpers: money never goes through float, and rounding happens once, at the end."""

from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal, InvalidOperation

ZERO = Decimal("0")
CENT = Decimal("0.01")


def to_decimal(value, *, name="amount"):
    """Convert Decimal, int, float (via str, so 0.1 stays 0.1) or str to a finite Decimal."""
    if isinstance(value, bool) or value is None:
        raise TypeError(f"{name} must be a number, got {value!r}")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, (int, float, str)):
        try:
            result = Decimal(str(value).strip())
        except InvalidOperation:
            raise ValueError(f"{name} is not a number: {value!r}") from None
    else:
        raise TypeError(f"{name} must be Decimal, int, float or str, got {type(value).__name__}")
    if not result.is_finite():
        raise ValueError(f"{name} must be finite, got {value!r}")
    return result


def non_negative(value, *, name="principal"):
    """Amounts owed cannot be negative; a credit note is not a late payment."""
    result = to_decimal(value, name=name)
    if result < 0:
        raise ValueError(f"{name} must not be negative, got {value!r}")
    return result


def money(value):
    """Round to cents, half up: the single rounding step per invoice."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def round_up(value, step):
    """Round up to a multiple of step (SE referensränta, FI viitekorko); step <= 0 means none."""
    if step <= 0:
        return value
    return (value / step).to_integral_value(rounding=ROUND_CEILING) * step
