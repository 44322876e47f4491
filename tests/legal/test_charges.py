"""VAT treatment of charges and the allocation of partial payments, read from the shipped rules."""

from datetime import date

import pytest

from odoo.addons.receivable_dunning import legal
from odoo.addons.receivable_dunning.legal import RuleSet


@pytest.mark.parametrize(("country", "expected"), [("DE", True), ("NO", True), ("SE", False), ("PL", False),
                                                   ("FI", False), ("DK", False), ("IT", False)])
def test_costs_first_where_the_law_says_so(country, expected):
    assert legal.costs_first(country, on=date(2026, 3, 1)) is expected


@pytest.mark.parametrize("country", ["NO", "SE", "FI", "DK", "PL", "DE", "IT"])
def test_charges_are_outside_vat_in_every_shipped_pack(country):
    assert legal.charges_outside_vat(country, on=date(2026, 3, 1)) is True


def test_rules_without_a_row_are_off():
    empty = RuleSet.from_rows([{"code": "EU", "country_code": None, "currency_code": "EUR",
                                "day_count": "actual_365"}], [])
    assert legal.costs_first("DE", on=date(2026, 3, 1), rates=empty) is False
    assert legal.charges_outside_vat("DE", on=date(2026, 3, 1), rates=empty) is False


def test_costs_first_only_from_its_effective_date():
    assert legal.costs_first("NO", on=date(2019, 12, 31)) is False
    assert legal.costs_first("NO", on=date(2020, 1, 1)) is True


def test_contractual_interest_is_simple_and_ignores_the_legal_rates():
    # 10,000 at an agreed 8 % for 89 days (2025-01-31 to 2025-04-30), actual/365.
    assert legal.contractual_interest(10000, 8, date(2025, 1, 31), date(2025, 4, 30)) == \
        legal.contractual_interest(10000, "8.00", date(2025, 1, 31), date(2025, 4, 30))
    assert str(legal.contractual_interest(10000, 8, date(2025, 1, 31), date(2025, 4, 30))) == "195.07"
    assert legal.contractual_interest(10000, 8, date(2025, 4, 30), date(2025, 4, 30)) == 0
    with pytest.raises(ValueError):
        legal.contractual_interest(10000, -1, date(2025, 1, 31), date(2025, 4, 30))
