from odoo.exceptions import UserError
from odoo.fields import Date
from odoo.tests import Form, tagged

from .common import DunningCommon


@tagged("post_install", "-at_install")
class TestDunningAccounting(DunningCommon):
    """What letters and interest notes charge is booked, paid costs-first where the law says so,
    written off in one step, and never charged twice."""

    def receivable_lines(self, moves):
        return moves.line_ids.filtered(lambda line: line.account_id.account_type == "asset_receivable")

    def test_b2b_compensation_less_the_reminder_fee(self):
        """Worked example 4: NOK 470 (2025 H1) less the reminder fee of 35 charged with it = 435."""
        self.profile_firm.charge_compensation = True
        self.profile_firm.stage_ids.charge_interest = False
        invoice = self.make_invoice(self.firm, 5000, "2025-03-01")
        reminder = self.run_and_send("2025-03-15")
        self.assertRecordValues(reminder.line_ids, [{"move_id": invoice.id, "fee": 35.0, "compensation": 435.0}])
        self.assertEqual(reminder.amount_total, 5000 + 35 + 435)
        self.assertRecordValues(reminder.fee_move_id.invoice_line_ids.sorted("dunning_charge"), [
            {"dunning_charge": "compensation", "price_subtotal": 435.0, "tax_ids": []},
            {"dunning_charge": "fee", "price_subtotal": 35.0, "tax_ids": []},
        ])
        notice = self.run_and_send("2025-03-30")
        self.assertEqual(notice.line_ids.compensation, 0.0, "compensation is charged once per invoice")

    def test_no_compensation_for_persons_or_without_the_profile_option(self):
        self.profile_person.charge_compensation = True
        self.make_invoice(self.person, 5000, "2025-03-01")
        self.make_invoice(self.firm, 5000, "2025-03-01")
        letters = self.run_dunning("2025-03-15")
        self.assertEqual(len(letters), 2)
        self.assertEqual(letters.line_ids.mapped("compensation"), [0.0, 0.0])

    def test_partial_payment_pays_costs_then_interest_then_principal(self):
        invoice = self.make_invoice(self.person, 1000, "2025-03-01")
        reminder = self.run_and_send("2025-03-15")
        charges = reminder.fee_move_id
        # 35 fee + 1,000 x 12.5 % x 14 / 365 = 4.79 interest.
        self.assertEqual(charges.amount_total, 39.79)
        self.pay(invoice, 500, "2025-03-20")
        self.assertEqual(charges.payment_state, "paid")
        self.assertEqual(invoice.amount_residual, 1000 - (500 - 39.79))
        with self.on("2025-03-20"):
            self.assertEqual(invoice.dunning_fee_total, 0.0)
        # The reconciliation is real: the payment is matched with the charge document and the invoice.
        payment_line = self.receivable_lines(invoice.matched_payment_ids.move_id)
        self.assertEqual(payment_line.matched_debit_ids.debit_move_id.move_id, charges + invoice)

    def test_without_costs_first_a_payment_goes_to_the_invoice(self):
        self.env.ref("receivable_dunning.legal_rule_no_costs_first").unlink()
        invoice = self.make_invoice(self.person, 1000, "2025-03-01")
        charges = self.run_and_send("2025-03-15").fee_move_id
        self.pay(invoice, 500, "2025-03-20")
        self.assertEqual(charges.payment_state, "not_paid")
        self.assertEqual(invoice.amount_residual, 500.0)

    def test_write_off_of_what_the_customer_left_unpaid(self):
        self.make_invoice(self.person, 1000, "2025-03-01")
        charges = self.run_and_send("2025-03-15").fee_move_id
        self.pay(charges, 30, "2025-03-20")
        with self.on("2025-03-25"):
            charges.action_dunning_write_off()
        refund = self.env["account.move"].search([("reversed_entry_id", "=", charges.id)])
        self.assertRecordValues(refund, [{"move_type": "out_refund", "state": "posted", "dunning_write_off": True,
                                          "amount_total": 9.79}])
        # The 30 paid went to the fee first: 5 of the fee and all 4.79 of interest are written off.
        self.assertRecordValues(refund.invoice_line_ids.sorted("dunning_charge"), [
            {"dunning_charge": "fee", "price_subtotal": 5.0},
            {"dunning_charge": "interest", "price_subtotal": 4.79},
        ])
        self.assertTrue(charges.currency_id.is_zero(charges.amount_residual))
        with self.assertRaises(UserError):
            charges.action_dunning_write_off()

    def test_write_off_refuses_ordinary_invoices(self):
        invoice = self.make_invoice(self.person, 1000, "2025-03-01")
        with self.assertRaises(UserError):
            invoice.action_dunning_write_off()

    def create_notes(self, invoices, on, **values):
        with self.on(on):
            wizard = Form(self.env["receivable.interest.note.create"].with_context(
                active_model="account.move", active_ids=invoices.ids,
            ))
            for name, value in values.items():
                setattr(wizard, name, value)
            action = wizard.save().action_create()
        return self.env["receivable.interest.note"].search(action["domain"])

    def test_interest_note_for_an_invoice_paid_late(self):
        """Worked example 3: NOK 10,000 due 2025-01-31, paid 2025-04-30: 89 days at 12.5 % = 304.79."""
        interest_account = self.company_data["default_account_revenue"].copy({"code": "8055", "name": "Renter"})
        self.company.dunning_interest_account_id = interest_account
        late = self.make_invoice(self.person, 10000, "2025-01-31")
        self.pay(late, 10000, "2025-04-30")
        on_time = self.make_invoice(self.person, 800, "2025-04-01")
        self.pay(on_time, 800, "2025-04-01")
        note = self.create_notes(late + on_time, "2025-05-05")
        self.assertRecordValues(note, [{"partner_id": self.person.id, "state": "draft", "amount_total": 304.79,
                                        "payment_deadline": Date.to_date("2025-05-19")}])
        self.assertRecordValues(note.line_ids, [{"move_id": late.id, "days": 89, "rate": 12.5,
                                                 "paid_date": Date.to_date("2025-04-30"), "interest": 304.79}])
        with self.on("2025-05-05"):
            note.action_approve()
            note.action_send()
        self.assertEqual(note.state, "sent")
        self.assertRecordValues(note.move_id, [{"state": "posted", "amount_total": 304.79,
                                                "dunning_interest_note_id": note.id}])
        self.assertRecordValues(note.move_id.invoice_line_ids, [{"account_id": interest_account.id,
                                                                 "dunning_charge": "interest", "tax_ids": []}])
        # The note sent carries what a nota odsetkowa must say (tests render the report as HTML).
        document = note.message_ids[0].attachment_ids.raw.decode()
        for element in (note.name, late.name, "304.79", "12.50", "89", "10,000.00", "not a VAT invoice",
                        "forsinkelsesrenteloven", "Payment deadline", self.company.name, self.person.name):
            self.assertIn(element, document)
        self.assertIn(self.person, note.message_ids[0].partner_ids)
        self.pay(note.move_id, 304.79, "2025-05-10")
        self.assertEqual(note.state, "paid")
        with self.assertRaises(UserError):
            note.action_cancel()

    def test_contractual_rate_and_interest_booked_before_is_not_charged_twice(self):
        invoice = self.make_invoice(self.person, 10000, "2025-01-31")
        reminder = self.run_and_send("2025-02-14")  # books 14 days of statutory interest: 47.95
        booked = reminder.fee_move_id.invoice_line_ids.filtered(lambda line: line.dunning_charge == "interest")
        self.assertEqual(booked.price_subtotal, 47.95)
        note = self.create_notes(invoice, "2025-04-30", rate_mode="contractual", contractual_rate=8.0)
        # 10,000 x 8 % x 89 / 365 = 195.07, less the 47.95 the reminder booked.
        self.assertRecordValues(note.line_ids, [{"interest_accrued": 195.07, "interest_charged_before": 47.95,
                                                 "interest": 147.12, "rate": 8.0}])
        with self.on("2025-04-30"):
            note.action_send()
        # The next letter books only the statutory interest beyond what is booked already:
        # 10,000 x 12.5 % x 90 / 365 = 308.22, less 47.95 and 147.12.
        self.assertEqual(self.run_dunning("2025-05-01").line_ids.interest_charged, 113.15)

    def test_interest_note_refuses_bad_input(self):
        invoice = self.make_invoice(self.person, 1000, "2025-03-01")
        with self.assertRaises(UserError):
            self.create_notes(invoice, "2025-02-01")  # not due yet on the note date
        with self.assertRaises(UserError):
            self.create_notes(invoice, "2025-04-01", rate_mode="contractual", contractual_rate=0.0)
        self.assertFalse(self.env["receivable.interest.note"].search([("partner_id", "=", self.person.id)]))

    def test_one_note_per_customer_from_the_work_list(self):
        first = self.make_invoice(self.person, 1000, "2025-03-01")
        second = self.make_invoice(self.person, 2000, "2025-03-05")
        other = self.make_invoice(self.firm, 3000, "2025-03-01")
        notes = self.create_notes(first + second + other, "2025-04-01")
        self.assertEqual(len(notes), 2)
        self.assertEqual(notes.filtered(lambda note: note.partner_id == self.person).line_ids.move_id, first + second)
        self.assertTrue(all(note.name.startswith("INT/") for note in notes))
