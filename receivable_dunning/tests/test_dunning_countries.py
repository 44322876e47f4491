from odoo.tests import tagged

from .common import DunningCommon


@tagged("post_install", "-at_install")
class TestDunningSweden(DunningCommon):
    """Swedish rules: a reminder without fee, then an inkassokrav with SEK 180 and 8 days to pay."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_se = cls.make_company("Svensk Handel AB", "se", "SEK", "dunning_profile_se")
        cls.kund = cls.make_customer("Sven Svensson")
        cls.foretag = cls.make_customer("Bygg AB", is_company=True)

    def test_consumer_reminder_then_collection_demand(self):
        invoice = self.make_invoice(self.kund, 2000, "2024-03-31", company=self.company_se)
        self.assertStatus(invoice, "not_due", "2024-04-09")
        reminder = self.run_and_send("2024-04-10", self.company_se)
        self.assertRecordValues(reminder, [{"kind": "reminder", "fee_total": 0.0, "state": "sent"}])
        self.assertFalse(reminder.fee_move_id.invoice_line_ids.filtered(lambda line: line.dunning_charge == "fee"))
        self.assertStatus(invoice, "deadline_open", "2024-04-20")
        demand = self.run_and_send("2024-04-21", self.company_se)
        self.assertRecordValues(demand, [{"kind": "payment_demand", "fee_total": 180.0}])
        self.assertEqual(str(demand.deadline), "2024-04-29", "the inkassokrav gives 8 days")
        self.assertEqual(demand.fee_move_id.currency_id.name, "SEK")
        self.assertStatus(invoice, "consider_collection", "2024-04-30")
        # Worked example 5: SEK 2,000 due 2024-03-31, 60 days at 12 %.
        with self.on("2024-05-30"):
            self.assertAlmostEqual(invoice.dunning_interest_total, 39.45, places=2)

    def test_business_customer_pays_no_fee_on_top_of_the_fixed_compensation(self):
        """Worked example 6: with the SEK 450 compensation, no collection-demand fee."""
        self.make_invoice(self.foretag, 2000, "2024-03-31", company=self.company_se)
        self.run_and_send("2024-04-10", self.company_se)
        demand = self.run_and_send("2024-04-21", self.company_se)
        self.assertEqual(demand.fee_total, 0.0)


@tagged("post_install", "-at_install")
class TestDunningPoland(DunningCommon):
    """Polish rules: one payment demand without fee; statutory interest split at every NBP change."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_pl = cls.make_company("Polska Sp. z o.o.", "pl", "PLN", "dunning_profile_pl")
        cls.klient = cls.make_customer("Jan Kowalski")
        cls.firma = cls.make_customer("Budex Sp. z o.o.", is_company=True)

    def test_payment_demand_and_interest(self):
        consumer = self.make_invoice(self.klient, 10000, "2025-06-30", company=self.company_pl)
        business = self.make_invoice(self.firma, 10000, "2025-06-30", company=self.company_pl)
        self.assertStatus(consumer | business, "ready", "2025-07-07")
        letters = self.run_and_send("2025-07-07", self.company_pl)
        self.assertEqual(letters.mapped("kind"), ["payment_demand", "payment_demand"])
        self.assertEqual(sum(letters.mapped("fee_total")), 0.0)
        self.assertStatus(consumer | business, "deadline_open", "2025-07-14")
        self.assertStatus(consumer | business, "consider_collection", "2025-07-15")
        with self.on("2025-12-31"):
            # Art. 481 KC, six rates from 10.75 % to 9.50 % over 184 days.
            self.assertAlmostEqual(consumer.dunning_interest_total, 509.79, places=2)
            # Commercial transactions: 15.25 % for 2025 H2.
            self.assertAlmostEqual(business.dunning_interest_total, 768.77, places=2)

    def test_companies_do_not_see_each_others_invoices(self):
        polish = self.make_invoice(self.klient, 500, "2025-06-30", company=self.company_pl)
        norwegian = self.make_invoice(self.person, 500, "2025-06-01")
        letters = self.run_dunning("2025-07-20", self.company_pl)
        self.assertEqual(letters.line_ids.move_id, polish)
        self.assertEqual(letters.company_id, self.company_pl)
        self.assertStatus(norwegian, "ready", "2025-07-20")
