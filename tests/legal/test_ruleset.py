"""The shipped CSV data and RuleSet behaviour: loading, sources, flags, overrides, fallbacks."""

import csv
from datetime import date
from decimal import Decimal

import pytest

from odoo.addons.receivable_dunning import legal
from odoo.addons.receivable_dunning.legal import PAYMENT_DEMAND, REMINDER, LegalDataMissing, RuleSet
from odoo.addons.receivable_dunning.legal import shipped as shipped_csv
from odoo.addons.receivable_dunning.legal.constants import LETTER_KINDS, RULE_TYPES, SCOPES

# Rows legal-rules.md calls unverified, plus the rows it does not state at all.
EXPECTED_UNVERIFIED = {
    "legal_rule_no_fee_reminder_2026", "legal_rule_no_fee_collection_notice_2026",
    "legal_rule_no_fee_payment_demand_2026", "legal_rule_no_rate_2024h2", "legal_rule_no_rate_2025h2",
    "legal_rule_no_compensation_2024h2", "legal_rule_no_compensation_2025h2",
    "legal_rule_se_reference_2025h1", "legal_rule_se_reference_2025h2", "legal_rule_se_reference_2026h1",
    "legal_rule_fi_max_reminder_consumer",
    "legal_rule_dk_rate_2024h2", "legal_rule_dk_rate_2025h1", "legal_rule_dk_rate_2025h2",
    "legal_rule_dk_rate_2026h1",
    "legal_rule_de_fee_reminder",
    "legal_rule_eu_reference_2023h1", "legal_rule_eu_reference_2023h2", "legal_rule_eu_reference_2024h1",
    "legal_rule_eu_reference_2024h2", "legal_rule_eu_reference_2025h1",
    # Not in legal-rules.md: VAT treatment of charges and the Norwegian allocation order.
    "legal_rule_no_costs_first", "legal_rule_se_charges_outside_vat", "legal_rule_fi_charges_outside_vat",
    "legal_rule_dk_charges_outside_vat", "legal_rule_pl_charges_outside_vat", "legal_rule_eu_charges_outside_vat",
}


def _csv(path):
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


PACK_ROWS = _csv(shipped_csv.PACK_FILE)
RULE_ROWS = _csv(shipped_csv.RULE_FILE)


def _custom(rule_rows, packs=None):
    packs = packs or [{"code": "NO", "country_code": "NO", "currency_code": "NOK", "day_count": "actual_365"}]
    return RuleSet.from_rows(packs, rule_rows)


def test_csv_loads_into_the_shipped_rule_set():
    rules = RuleSet.shipped()
    assert sorted(rules.packs) == ["DE", "DK", "EU", "FI", "NO", "PL", "SE"]
    assert len(rules.rules) == len(RULE_ROWS)
    assert RuleSet.shipped() is rules
    assert rules.pack_for("dk").day_count == "30e_360"
    assert rules.pack_for("NO").currency_code == "NOK"
    assert rules.pack_for("EU").country_code is None


def test_csv_rows_are_well_formed():
    pack_ids = {row["id"] for row in PACK_ROWS}
    assert len({row["id"] for row in RULE_ROWS}) == len(RULE_ROWS)
    for row in RULE_ROWS:
        assert row["pack_id:id"] in pack_ids
        assert row["rule"] in RULE_TYPES and row["scope"] in SCOPES
        assert row["unverified"] in ("True", "False")
        kinds = [kind for kind in row["letter_kinds"].split(",") if kind]
        assert set(kinds) <= set(LETTER_KINDS)
        if row["rule"] == "fee":
            assert len(kinds) == 1, row["id"]
        date.fromisoformat(row["date_from"])
        Decimal(row["value"])


def test_every_row_has_a_source():
    for row in PACK_ROWS + RULE_ROWS:
        assert row["source"].strip(), row["id"]


def test_unverified_flags_match_the_reference_document():
    assert {row["id"] for row in RULE_ROWS if row["unverified"] == "True"} == EXPECTED_UNVERIFIED
    flagged = {rule.xmlid for rule in RuleSet.shipped().rules if rule.unverified}
    assert flagged == EXPECTED_UNVERIFIED


def test_custom_rule_set_overrides_the_shipped_one():
    custom = _custom([
        {"pack_code": "NO", "rule": "interest_rate", "letter_kinds": "", "scope": "any",
         "date_from": date(2000, 1, 1), "date_to": None, "value": "10", "threshold": None,
         "currency_code": None, "unverified": False},
        {"pack_code": "NO", "rule": "fee", "letter_kinds": [REMINDER], "scope": "any",
         "date_from": "2000-01-01", "date_to": "", "value": Decimal("50"), "threshold": 0,
         "currency_code": "", "unverified": "True"},
    ])
    due, until = date(2025, 1, 1), date(2025, 1, 31)
    assert legal.late_interest("NO", 3650, due, until, rates=custom) == Decimal("30.00")
    assert legal.late_interest("NO", 3650, due, until) == Decimal("37.50")
    assert legal.reminder_fee("NO", REMINDER, due, date(2025, 1, 2), [], rates=custom) == Decimal("50")
    assert legal.reminder_fee("NO", REMINDER, due, date(2025, 1, 2), []) == 0


@pytest.mark.parametrize("country", ["IT", "it", "XX", "", None, "EU"])
def test_unknown_country_falls_back_to_eu(country):
    assert RuleSet.shipped().pack_for(country).code == "EU"
    assert legal.interest_rate(country, date(2026, 2, 1)) == Decimal("10.15")


def test_missing_rate_raises_a_clear_error():
    with pytest.raises(LegalDataMissing, match=r"interest_rate.*'NO'.*2010-01-01"):
        legal.interest_rate("NO", date(2010, 1, 1))
    with pytest.raises(LegalDataMissing, match=r"reference_rate.*'SE'.*2022-12-02"):
        legal.late_interest("SE", 1000, date(2022, 12, 1), date(2023, 1, 31))
    with pytest.raises(ValueError):  # LegalDataMissing is a ValueError
        legal.interest_rate("PL", date(2023, 10, 4))
    with pytest.raises(LegalDataMissing, match="eur_rate"):
        legal.fixed_compensation("PL", 1000, date(2025, 3, 1))
    with pytest.raises(LegalDataMissing, match="no EU pack"):
        _custom([]).pack_for("IT")


def test_fee_tiers_apply_above_their_threshold():
    due, sent = date(2025, 1, 1), date(2025, 2, 1)
    expected = {None: "14", 0: "14", 100: "14", "100.01": "24", 1000: "24", 1000.01: "50"}
    for principal, fee in expected.items():
        assert legal.reminder_fee("FI", PAYMENT_DEMAND, due, sent, [], principal=principal) == Decimal(fee)


def test_pl_compensation_tiers_in_eur():
    due, pln_per_eur = date(2025, 3, 1), Decimal("4.25")
    for principal, eur in ((5000, "40"), ("5000.01", "70"), ("49999.99", "70"), (50000, "100")):
        amount = legal.fixed_compensation("PL", principal, due, eur_rate=pln_per_eur)
        assert amount == Decimal(eur) * pln_per_eur


def test_no_fee_follows_the_inkassosats_in_force():
    due = date(2025, 12, 1)
    assert legal.reminder_fee("NO", REMINDER, due, date(2025, 12, 31), []) == Decimal("35")
    assert legal.reminder_fee("NO", REMINDER, due, date(2026, 1, 2), []) == Decimal("37.50")


def test_rate_changes_split_the_period():
    # NO: 12.50 % until 2025-06-30, 12.25 % from 2025-07-01.
    expected = Decimal(100000) * (Decimal("0.125") * 10 + Decimal("0.1225") * 10) / 365
    assert legal.late_interest("NO", 100000, date(2025, 6, 20), date(2025, 7, 10)) == expected.quantize(
        Decimal("0.01"))


def test_rate_change_applies_from_its_first_day():
    # 2025-06-30 at 12.50 %, 2025-07-01 already at the new 12.25 %.
    assert legal.late_interest("NO", 100000, date(2025, 6, 29), date(2025, 7, 1)) == Decimal("67.81")


def test_dk_uses_30e_360():
    # 2025-01-31 -> 2025-02-28 is 28 days in 30E/360; 10.75 % in 2025 H1.
    assert legal.late_interest("DK", 1000, date(2025, 1, 31), date(2025, 2, 28)) == Decimal("8.36")


def test_deadlines():
    assert legal.deadline_min_days("NO", "collection_notice") == 14
    assert legal.deadline_min_days("SE", PAYMENT_DEMAND) == 8
    assert legal.deadline_min_days("DE", REMINDER) == 0


def test_bad_input_is_rejected():
    due = date(2025, 1, 1)
    with pytest.raises(ValueError, match="letter kind"):
        legal.reminder_fee("NO", "invoice", due, due, [])
    with pytest.raises(ValueError, match="letter kind"):
        legal.reminder_fee("NO", REMINDER, due, due, [("sms", due, 0)])
    with pytest.raises(ValueError, match="negative"):
        legal.late_interest("NO", -1, due, date(2025, 2, 1))
    assert legal.late_interest("NO", 1000.10, due, due) == 0
    assert legal.late_interest("NO", "1000.10", date(2025, 2, 1), due) == 0


def test_collection_notice_is_required_in_norway_and_denmark_only():
    assert legal.letter_required("NO", "collection_notice")
    assert legal.letter_required("DK", "collection_notice")
    assert not legal.letter_required("NO", "reminder")
    assert not legal.letter_required("SE", "collection_notice")
    assert not legal.letter_required("IT", "collection_notice")
