from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from odoo.tests import BaseCase, tagged

from .. import instalments


@tagged("post_install", "-at_install")
class TestInstalments(BaseCase):
    """Splitting a debt into instalments: pure Python, no database."""

    def test_remainder_goes_on_the_last_instalment(self):
        self.assertEqual(instalments.split_amount(Decimal("100.00"), 3),
                         [Decimal("33.33"), Decimal("33.33"), Decimal("33.34")])

    def test_currency_without_decimals(self):
        self.assertEqual(instalments.split_amount(Decimal("1000"), 3, digits=0),
                         [Decimal("333"), Decimal("333"), Decimal("334")])

    def test_monthly_dates_from_the_first(self):
        plan = instalments.schedule(Decimal("1500.00"), 3, date(2025, 1, 31))
        self.assertEqual([day for day, _amount in plan], [date(2025, 1, 31), date(2025, 2, 28), date(2025, 3, 31)])
        self.assertEqual([amount for _day, amount in plan], [Decimal("500.00")] * 3)

    def test_no_instalments_is_refused(self):
        with self.assertRaises(ValueError):
            instalments.split_amount(Decimal("10"), 0)

    @given(
        total=st.decimals(min_value=Decimal("0.01"), max_value=Decimal("10000000"), places=2),
        count=st.integers(min_value=instalments.MIN_INSTALMENTS, max_value=instalments.MAX_INSTALMENTS),
    )
    def test_instalments_add_up_and_are_even(self, total, count):
        amounts = instalments.split_amount(total, count)
        self.assertEqual(sum(amounts), total)
        self.assertEqual(len(set(amounts[:-1])), 1)
        self.assertGreaterEqual(amounts[-1], amounts[0])
        self.assertLess(amounts[-1] - amounts[0], Decimal("0.01") * count)
