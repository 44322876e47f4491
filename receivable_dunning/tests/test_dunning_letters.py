from odoo import Command
from odoo.tests import tagged

from .common import DunningCommon


@tagged("post_install", "-at_install")
class TestDunningLetters(DunningCommon):
    """How invoices are grouped on letters, and what happens between preparation and sending."""

    def test_one_letter_per_customer_at_the_highest_stage(self):
        older = self.make_invoice(self.person, 1000, "2025-01-10")
        self.run_and_send("2025-01-24")  # reminder on the older invoice
        newer = self.make_invoice(self.person, 2000, "2025-02-01")
        firm_invoice = self.make_invoice(self.firm, 3000, "2025-02-01")

        letters = self.run_dunning("2025-02-15")
        person_letter = letters.filtered(lambda letter: letter.partner_id == self.person)
        self.assertEqual(len(letters), 2, "one letter per customer")
        self.assertEqual(person_letter.line_ids.move_id, older | newer)
        self.assertEqual(person_letter.kind, "collection_notice", "the highest stage any invoice reached")
        self.assertEqual(
            {line.move_id: line.kind for line in person_letter.line_ids},
            {older: "collection_notice", newer: "reminder"},
        )
        self.assertEqual(person_letter.fee_total, 35.0, "one fee per letter")
        self.assertEqual(sorted(person_letter.line_ids.mapped("fee")), [0.0, 35.0])
        self.assertEqual((letters - person_letter).line_ids.move_id, firm_invoice)

        self.send(letters, "2025-02-15")
        self.assertEqual(older.dunning_stage_id.kind, "collection_notice")
        self.assertEqual(newer.dunning_stage_id.kind, "reminder")

    def test_one_letter_per_invoice_when_the_profile_says_so(self):
        self.profile_person.letter_grouping = "invoice"
        invoices = self.make_invoice(self.person, 100, "2025-03-01") | self.make_invoice(self.person, 200, "2025-03-01")
        letters = self.run_dunning("2025-03-15")
        self.assertEqual(len(letters), 2)
        self.assertEqual(letters.line_ids.move_id, invoices)
        self.assertEqual(letters.mapped("fee_total"), [35.0, 35.0])

    def test_one_letter_per_currency(self):
        eur = self.env.ref("base.EUR")
        eur.active = True
        self.env["res.currency.rate"].create({
            "currency_id": eur.id, "company_id": self.company.id, "name": "2025-01-01", "rate": 0.085,
        })
        nok_invoice = self.make_invoice(self.person, 1000, "2025-03-01")
        eur_invoice = self.make_invoice(self.person, 100, "2025-03-01", currency=eur)
        letters = self.run_dunning("2025-03-15")
        self.assertEqual(len(letters), 2)
        eur_letter = letters.filtered(lambda letter: letter.currency_id == eur)
        self.assertEqual(eur_letter.line_ids.move_id, eur_invoice)
        self.assertEqual((letters - eur_letter).line_ids.move_id, nok_invoice)
        # The NOK 35 legal fee, converted at the company's rate.
        self.assertAlmostEqual(eur_letter.fee_total, 2.98, places=2)

    def test_invoice_paid_between_preparation_and_sending(self):
        paid_later = self.make_invoice(self.person, 700, "2025-03-01")
        still_open = self.make_invoice(self.person, 900, "2025-03-02")
        letter = self.run_dunning("2025-03-16")
        self.assertEqual(letter.line_ids.move_id, paid_later | still_open)
        self.pay(paid_later, 700, "2025-03-17")

        self.send(letter, "2025-03-18")
        self.assertEqual(letter.state, "sent")
        self.assertEqual(letter.line_ids.move_id, still_open)
        self.assertEqual(letter.amount_residual, 900.0)
        self.assertEqual(str(letter.letter_date), "2025-03-18", "dated the day it goes out")
        self.assertFalse(paid_later.dunning_stage_id)
        self.assertEqual(still_open.dunning_stage_id.kind, "reminder")
        self.assertTrue(any(paid_later.name in body for body in letter.message_ids.mapped("body")))

    def test_letter_with_every_invoice_paid_is_cancelled(self):
        invoice = self.make_invoice(self.person, 700, "2025-03-01")
        letter = self.run_dunning("2025-03-16")
        self.pay(invoice, 700, "2025-03-17")
        self.send(letter, "2025-03-18")
        self.assertEqual(letter.state, "cancelled")
        self.assertFalse(letter.fee_move_id)
        self.assertFalse(self.env["mail.mail"].search([("model", "=", letter._name), ("res_id", "=", letter.id)]))

    def test_partial_payment_between_preparation_and_sending(self):
        invoice = self.make_invoice(self.person, 1000, "2025-03-01")
        letter = self.run_dunning("2025-03-15")
        self.pay(invoice, 400, "2025-03-16")
        self.send(letter, "2025-03-16")
        self.assertEqual(letter.amount_residual, 600.0)

    def test_customer_with_an_unreconciled_payment_is_held_for_review(self):
        invoice = self.make_invoice(self.person, 1000, "2025-03-01")
        with self.on("2025-03-10"):
            payment = self.env["account.payment"].create({
                "payment_type": "inbound", "partner_type": "customer", "partner_id": self.person.id,
                "amount": 250.0, "date": "2025-03-10", "journal_id": self.company_data["default_journal_bank"].id,
            })
            payment.action_post()
        self.assertStatus(invoice, "review", "2025-03-15")
        self.assertFalse(self.run_dunning("2025-03-15"))

    def test_open_credit_note_holds_the_customer_for_review(self):
        invoice = self.make_invoice(self.person, 1000, "2025-03-01")
        with self.on("2025-03-05"):
            refund = self.env["account.move"].create({
                "move_type": "out_refund", "partner_id": self.person.id, "invoice_date": "2025-03-05",
                "invoice_line_ids": [Command.create({"name": "Discount", "price_unit": 100, "tax_ids": []})],
            })
            refund.action_post()
        self.assertStatus(invoice, "review", "2025-03-15")

    def test_send_now_from_the_work_list(self):
        invoice = self.make_invoice(self.firm, 1500, "2025-03-01")
        with self.on("2025-03-15"):
            invoice.action_dunning_send_now()
        letter = invoice.dunning_letter_line_ids.letter_id
        self.assertEqual(letter.state, "sent")
        self.assertEqual(invoice.dunning_stage_id.kind, "reminder")

    def test_missing_address_list_and_fix_in_place(self):
        homeless = self.make_customer("Ola Uten Adresse", street=False, city=False, zip=False)
        self.make_invoice(homeless, 500, "2025-03-01")
        self.make_invoice(self.person, 500, "2025-03-01")
        with self.on("2025-03-15"):
            missing = self.env["res.partner"].search([("dunning_missing_address", "=", True)])
            self.assertEqual(missing, homeless)
            homeless.write({"street": "Kirkegata 2", "zip": "0153", "city": "Oslo"})
            self.assertFalse(self.env["res.partner"].search([("dunning_missing_address", "=", True)]))

    def test_person_company_badge_switches_the_default_profile(self):
        invoice = self.make_invoice(self.person, 500, "2025-03-01")
        self.assertEqual(invoice.dunning_effective_profile_id, self.profile_person)
        invoice.action_dunning_toggle_customer_type()
        self.assertEqual(self.person.dunning_customer_type, "company")
        self.assertFalse(self.person.is_company, "the contact itself is not changed")
        self.assertEqual(invoice.dunning_effective_profile_id, self.profile_firm)
