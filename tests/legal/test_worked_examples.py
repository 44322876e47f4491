"""The 12 worked examples of shared/reference/legal-rules.md, one test each, exact amounts."""

from datetime import date
from decimal import Decimal

from odoo.addons.receivable_dunning import legal
from odoo.addons.receivable_dunning.legal import COLLECTION_NOTICE, PAYMENT_DEMAND, REMINDER


def test_01_no_reminder_fee_needs_14_days():
    due = date(2025, 3, 1)
    assert legal.reminder_fee("NO", REMINDER, due, date(2025, 3, 10), [], principal=5000) == 0
    assert legal.reminder_fee("NO", REMINDER, due, date(2025, 3, 15), [], principal=5000) == Decimal("35")


def test_02_no_most_fees_on_one_claim():
    due, sent = date(2025, 3, 1), []
    for kind, day in ((REMINDER, date(2025, 3, 15)), (REMINDER, date(2025, 3, 30)),
                      (PAYMENT_DEMAND, date(2025, 4, 15))):
        sent.append((kind, day, legal.reminder_fee("NO", kind, due, day, sent)))
    assert [fee for _, _, fee in sent] == [Decimal("35"), Decimal("35"), Decimal("105")]
    assert sum(fee for _, _, fee in sent) == Decimal("175")
    later = date(2025, 6, 1)
    for kind in legal.LETTER_KINDS:
        assert legal.reminder_fee("NO", kind, due, later, sent) == 0


def test_03_no_interest():
    assert legal.late_interest("NO", 10000, date(2025, 1, 31), date(2025, 4, 30)) == Decimal("304.79")


def test_04_no_b2b_compensation_minus_fees():
    due = date(2025, 3, 1)
    assert legal.fixed_compensation("NO", 10000, due) == Decimal("470")
    assert legal.fixed_compensation("NO", 10000, due, fees_charged=35) == Decimal("435")


def test_05_se_interest():
    assert legal.late_interest("SE", 2000, date(2024, 3, 31), date(2024, 5, 30)) == Decimal("39.45")


def test_06_se_b2b_fixed_fee_excludes_letter_fees():
    due = date(2024, 3, 31)
    assert legal.fixed_compensation("SE", 2000, due) == Decimal("450")
    for kind in (REMINDER, PAYMENT_DEMAND):
        assert legal.reminder_fee("SE", kind, due, date(2024, 5, 1), [], b2b=True) == 0
    # The same letters do carry a fee on a consumer claim.
    assert legal.reminder_fee("SE", REMINDER, due, date(2024, 5, 1), []) == Decimal("60")


def test_07_fi_consumer_interest_and_reminder_fee():
    due = date(2024, 2, 15)
    assert legal.late_interest("FI", 500, due, date(2024, 4, 15)) == Decimal("9.45")
    first_day = legal.earliest_fee_date("FI", REMINDER, due, [])
    assert first_day == date(2024, 3, 1)
    assert legal.reminder_fee("FI", REMINDER, due, first_day, [], principal=500) == Decimal("5")
    assert legal.reminder_fee("FI", REMINDER, due, date(2024, 2, 29), [], principal=500) == 0


def test_08_fi_reference_rounding_and_rates():
    assert legal.reference_rate("FI", Decimal("2.15")) == Decimal("2.5")
    on = date(2026, 3, 1)
    assert legal.interest_rate("FI", on) == Decimal("9.5")
    assert legal.interest_rate("FI", on, b2b=True) == Decimal("10.5")


def test_09_dk_at_most_three_reminder_fees():
    due, sent = date(2025, 3, 1), []
    for day in (date(2025, 3, 2), date(2025, 3, 12), date(2025, 3, 22), date(2025, 4, 1)):
        sent.append((REMINDER, day, legal.reminder_fee("DK", REMINDER, due, day, sent)))
    assert [fee for _, _, fee in sent] == [Decimal("100")] * 3 + [Decimal("0")]
    assert legal.reminder_fee("DK", COLLECTION_NOTICE, due, date(2025, 5, 1), sent) == 0


def test_10_dk_b2b_compensation_per_invoice():
    due = date(2025, 3, 1)
    total = sum(legal.fixed_compensation("DK", amount, due) for amount in (1200, 800))
    assert total == Decimal("620")


def test_11_de_consumer_interest():
    assert legal.late_interest("DE", 1000, date(2026, 3, 1), date(2026, 3, 31)) == Decimal("5.15")
    assert legal.interest_rate("DE", date(2026, 3, 1)) == Decimal("6.27")
    # The EUR 40 is a B2B-only flat fee (BGB §288(5)).
    assert legal.fixed_compensation("DE", 1000, date(2026, 3, 1)) == Decimal("40")


def test_12_eu_baseline():
    due, paid = date(2026, 2, 1), date(2026, 3, 18)
    for country in ("IT", "EU", "eu", None):
        assert legal.late_interest(country, 5000, due, paid) == Decimal("62.57")
        assert legal.fixed_compensation(country, 5000, due) == Decimal("40")
