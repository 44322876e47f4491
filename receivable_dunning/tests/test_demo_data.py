from freezegun import freeze_time

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoData(TransactionCase):
    """The demo loader gives setup/run a Norwegian company with overdue invoices."""

    @freeze_time("2026-03-15")
    def test_demo_company_customers_and_invoices(self):
        invoices = self.env["receivable.dunning.demo"]._load_demo_data()
        company = invoices.company_id
        self.assertEqual(len(company), 1)
        self.assertEqual(company.country_id.code, "NO")
        self.assertEqual(company.currency_id.name, "NOK")
        self.assertEqual(set(invoices.mapped("state")), {"posted"})
        self.assertEqual(set(invoices.mapped("move_type")), {"out_invoice"})
        due_dates = invoices.mapped("invoice_date_due")
        self.assertGreaterEqual(len(set(due_dates)), 10, "invoices fall due at many different dates")
        self.assertEqual(min(due_dates).isoformat(), "2025-08-27", "the oldest is 200 days overdue")
        self.assertEqual(sum(invoices.mapped("amount_residual")), 108320.0)

        customers = invoices.partner_id
        self.assertTrue(customers.filtered("is_company"))
        self.assertTrue(customers.filtered(lambda p: not p.is_company))
        self.assertEqual(
            sorted(customers.filtered(lambda p: not p.street).mapped("name")),
            ["Ingrid Nilsen", "Nordlys Kafé AS"],
        )

        # The demo's history puts invoices in every work list.
        self.env.invalidate_all()
        status = {(move.partner_id.name, move.amount_total): move.dunning_status for move in invoices}
        self.assertEqual(status["Per Lie", 15000.0], "consider_collection")
        self.assertEqual(status["Per Lie", 480.0], "do_not_send")
        self.assertEqual(status["Kari Hansen", 890.0], "deadline_open")
        self.assertEqual(status["Berg Bygg AS", 18750.0], "objection")
        self.assertEqual(status["Ola Olsen", 4500.0], "ready")
        self.assertEqual(status["Ola Olsen", 2300.0], "not_due")
        lie = invoices.filtered(lambda move: move.amount_total == 15000.0)
        self.assertEqual(lie.dunning_letter_line_ids.letter_id.mapped("kind"),
                         ["payment_demand", "collection_notice", "reminder"])
        self.assertEqual(lie.dunning_fee_total, 175.0)

        accountant = self.env.ref("receivable_dunning.demo_user_accountant")
        debtor = self.env.ref("receivable_dunning.demo_user_debtor")
        self.assertTrue(accountant.has_group("receivable_dunning.group_dunning_user"))
        self.assertTrue(debtor.has_group("base.group_portal"))
        self.assertEqual(debtor.partner_id, self.env.ref("receivable_dunning.demo_partner_hansen"))

    @freeze_time("2026-03-15")
    def test_demo_uses_the_localisation_demo_company(self):
        """With l10n_no's demo, its company (created before this module) gets the profiles and history."""
        company = self.env["res.company"].create({"name": "NO Company", "country_id": self.env.ref("base.no").id})
        company.write({"dunning_profile_person_id": False, "dunning_profile_company_id": False})
        self.env["ir.model.data"]._update_xmlids([{"xml_id": "base.demo_company_no", "record": company}])
        invoices = self.env["receivable.dunning.demo"]._load_demo_data()
        self.assertEqual(invoices.company_id, company)
        no_person = self.env.ref("receivable_dunning.dunning_profile_no_person")
        self.assertEqual(company.dunning_profile_person_id, no_person)
        self.assertEqual(len(invoices.dunning_letter_line_ids.letter_id), 9, "the letters of the history")


@tagged("post_install", "-at_install")
class TestDemoAbroad(TransactionCase):
    """The demo also has a Swedish and a Polish company with letters sent, and an interest note."""

    @freeze_time("2026-03-15")
    def test_swedish_and_polish_companies_and_an_interest_note(self):
        self.env["receivable.dunning.demo"]._load_demo_data()
        for code, currency, profile in (("se", "SEK", "dunning_profile_se"), ("pl", "PLN", "dunning_profile_pl")):
            company = self.env.ref(f"receivable_dunning.demo_company_{code}")
            self.assertEqual(company.currency_id.name, currency)
            self.assertEqual(company.dunning_profile_person_id, self.env.ref(f"receivable_dunning.{profile}"))
            letters = self.env["receivable.dunning.letter"].search([("company_id", "=", company.id)])
            self.assertTrue(letters)
            self.assertEqual(set(letters.mapped("state")), {"sent"})
        note = self.env["receivable.interest.note"].search(
            [("partner_id", "=", self.env.ref("receivable_dunning.demo_partner_fjord").id)])
        self.assertEqual(note.state, "draft")
        self.assertEqual(note.rate_mode, "contractual")
        self.assertGreater(note.amount_total, 0)
