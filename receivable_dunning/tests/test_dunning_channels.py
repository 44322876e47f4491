from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import DunningCommon


@tagged("post_install", "-at_install")
class TestDunningChannels(DunningCommon):
    """Letters go out by e-mail, post and SMS; fees are booked where the settings say."""

    def letter_messages(self, letter, model):
        return self.env[model].search([("mail_message_id.model", "=", letter._name),
                                       ("mail_message_id.res_id", "=", letter.id)])

    def test_post_and_sms(self):
        self.profile_person.stage_ids[0].write({"channel_email": False, "channel_letter": True, "channel_sms": True})
        self.make_invoice(self.person, 900, "2025-03-01")
        letter = self.run_and_send("2025-03-15")
        self.assertTrue(letter.to_print, "waits to be printed and posted")
        sms = self.letter_messages(letter, "sms.sms")
        self.assertEqual(len(sms), 1)
        self.assertEqual(sms.state, "outgoing")
        self.assertIn(letter.name, sms.body)
        # 900 + the NOK 35 fee + 14 days of interest at 12.5 % (4.32)
        self.assertIn("939.32", sms.body.replace("\xa0", "").replace(",", ""))
        self.assertFalse(self.letter_messages(letter, "mail.mail"), "no e-mail on a post and SMS stage")
        pdf = self.env["ir.attachment"].search([("res_model", "=", letter._name), ("res_id", "=", letter.id)])
        self.assertEqual(pdf.mimetype, "application/pdf")
        self.assertTrue(pdf.raw)

    def test_post_needs_an_address(self):
        self.profile_person.stage_ids[0].write({"channel_email": False, "channel_letter": True})
        homeless = self.make_customer("Uten Adresse", street=False, city=False, zip=False)
        self.make_invoice(homeless, 900, "2025-03-01")
        letter = self.run_dunning("2025-03-15")
        with self.assertRaisesRegex(UserError, "no postal address"):
            self.send(letter, "2025-03-15")

    def test_email_goes_to_the_invoicing_address_when_chosen(self):
        self.person.dunning_invoice_email = "faktura@example.com"
        self.company.dunning_email_field = "invoice_email"
        self.make_invoice(self.person, 900, "2025-03-01")
        letter = self.run_and_send("2025-03-15")
        self.assertEqual(self.letter_messages(letter, "mail.mail").email_to, "faktura@example.com")

    def test_fee_is_booked_on_the_fee_account_with_analytics(self):
        plan = self.env["account.analytic.plan"].create({"name": "Departments"})
        department = self.env["account.analytic.account"].create({"name": "Oslo office", "plan_id": plan.id})
        fee_account = self.company_data["default_account_revenue"].copy({"code": "8050", "name": "Purregebyr"})
        interest_account = self.company_data["default_account_revenue"].copy({"code": "8055", "name": "Renter"})
        self.company.write({"dunning_fee_account_id": fee_account.id,
                            "dunning_interest_account_id": interest_account.id,
                            "dunning_analytic_department_id": department.id})
        self.make_invoice(self.person, 900, "2025-03-01")
        letter = self.run_and_send("2025-03-15")
        lines = letter.fee_move_id.invoice_line_ids.sorted("dunning_charge")
        # 900 x 12.5 % x 14 / 365 = 4.32 of interest, booked beside the fee on its own account.
        self.assertRecordValues(lines, [
            {"dunning_charge": "fee", "account_id": fee_account.id, "price_subtotal": 35.0},
            {"dunning_charge": "interest", "account_id": interest_account.id, "price_subtotal": 4.32},
        ])
        self.assertFalse(lines.tax_ids, "reminder fees and interest carry no VAT in Norway")
        self.assertEqual(lines[0].analytic_distribution, {str(department.id): 100})

    def test_fee_takes_the_account_taxes_where_the_law_does_not_exempt_it(self):
        vat = self.env["account.tax"].create({"name": "MVA 25 %", "amount": 25.0, "type_tax_use": "sale",
                                              "company_id": self.company.id})
        fee_account = self.company_data["default_account_revenue"].copy({"code": "8050", "name": "Gebyr",
                                                                          "tax_ids": [Command.set(vat.ids)]})
        self.company.dunning_fee_account_id = fee_account
        self.env.ref("receivable_dunning.legal_rule_no_charges_outside_vat").unlink()
        self.make_invoice(self.person, 900, "2025-03-01")
        self.profile_person.stage_ids.charge_interest = False
        letter = self.run_and_send("2025-03-15")
        self.assertEqual(letter.fee_move_id.invoice_line_ids.tax_ids, vat)
        self.assertEqual(letter.fee_move_id.amount_total, 43.75)
        # A company that is not VAT registered charges no VAT whatever the account says.
        self.company.dunning_vat_registered = False
        self.make_invoice(self.person, 900, "2025-04-01")
        later = self.run_and_send("2025-04-15")
        self.assertFalse(later.fee_move_id.invoice_line_ids.tax_ids)
        self.assertEqual(later.fee_move_id.amount_total, 35.0)

    def test_administrator_edits_the_law(self):
        self.env.ref("receivable_dunning.legal_rule_no_fee_reminder_2020").value = 40.0
        self.make_invoice(self.person, 900, "2025-03-01")
        self.assertEqual(self.run_dunning("2025-03-15").fee_total, 40.0)

    def test_deadline_is_never_shorter_than_the_law_allows(self):
        self.profile_person.stage_ids[1].deadline_days = 5  # the collection notice needs 14 (inkassoloven §9)
        self.make_invoice(self.person, 900, "2025-01-01")
        notice = self.run_dunning("2025-07-01")
        self.assertEqual(notice.kind, "collection_notice")
        self.assertEqual(str(notice.deadline), "2025-07-15")

    def test_payment_demand_states_the_interest_rate(self):
        self.make_invoice(self.person, 900, "2025-01-01")
        self.run_and_send("2025-07-01")  # the collection notice
        demand = self.run_and_send("2025-07-16")
        self.assertEqual(demand.kind, "payment_demand")
        self.assertEqual(demand._statutory_rate(), "12.25\N{NO-BREAK SPACE}%", "2025 H2 forsinkelsesrente")
        html = self.env["ir.actions.report"]._render_qweb_html(
            "receivable_dunning.action_report_dunning_letter", demand.ids)[0].decode()
        self.assertIn("12.25", html)
        self.assertIn("right to object", html)

    def test_outdated_rates_are_flagged(self):
        norway = self.env.ref("receivable_dunning.legal_pack_no")
        with self.on("2026-03-01"):
            self.assertEqual(str(norway.latest_rate_date), "2026-01-01")
            self.assertFalse(norway.rates_outdated)
        with self.on("2026-11-22"):
            norway.invalidate_recordset()
            self.assertTrue(norway.rates_outdated, "no 2026 H2 rate has been entered")
