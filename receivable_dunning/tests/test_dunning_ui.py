from freezegun import freeze_time

from odoo.tests import HttpCase, new_test_user, tagged

from .common import DunningCommon


@tagged("post_install", "-at_install")
class TestDunningUi(DunningCommon, HttpCase):
    """The work lists, letters and settings render and work in a browser."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.accountant = new_test_user(
            cls.env, "tour_accountant", groups="receivable_dunning.group_dunning_user,base.group_partner_manager",
            company_id=cls.company.id, company_ids=cls.company.ids, tz="Europe/Oslo",
        )
        cls.customer = cls.make_customer("Tour Kunde")

    @freeze_time("2025-03-20 09:00:00")
    def test_accountant_runs_and_sends_from_the_work_lists(self):
        invoice = self.make_invoice(self.customer, 5000, "2025-03-01")
        self.start_tour("/odoo", "receivable_dunning_work_lists", login="tour_accountant")
        letter = invoice.dunning_letter_line_ids.letter_id
        self.assertEqual(letter.state, "sent")
        self.assertEqual(letter.sent_by_id, self.accountant)
        self.assertEqual(invoice.dunning_stage_id.kind, "reminder")
        self.assertTrue(self.company.dunning_last_run)

    @freeze_time("2025-03-20 09:00:00")
    def test_accountant_fixes_a_missing_address(self):
        homeless = self.make_customer("Uten Adresse", street=False, zip=False, city=False)
        self.make_invoice(homeless, 500, "2025-03-01")
        self.start_tour("/odoo", "receivable_dunning_missing_address", login="tour_accountant")
        self.assertRecordValues(homeless, [{"street": "Kirkegata 2", "zip": "0153", "city": "Oslo"}])

    def test_administrator_finds_the_dunning_settings(self):
        self.start_tour("/odoo", "receivable_dunning_settings", login="admin")
        self.assertEqual(self.env.ref("base.main_company").dunning_progression, "automatic")
