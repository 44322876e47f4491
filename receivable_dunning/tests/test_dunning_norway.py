from odoo.fields import Date
from odoo.tests import tagged

from .common import DunningCommon


@tagged("post_install", "-at_install")
class TestDunningNorway(DunningCommon):
    """A Norwegian consumer invoice walks reminder, collection notice and payment demand."""

    def test_every_stage_and_status(self):
        invoice = self.make_invoice(self.person, 5000, "2025-03-01")
        self.assertStatus(invoice, "not_due", "2025-02-20")
        self.assertStatus(invoice, "not_due", "2025-03-10")
        self.assertEqual(invoice.dunning_next_stage_id.kind, "reminder")
        self.assertEqual(str(invoice.dunning_next_date), "2025-03-15")
        self.assertStatus(invoice, "ready", "2025-03-15")

        # Reminder: 14 days after the due date, so the legal fee of NOK 35 applies.
        reminder = self.run_dunning("2025-03-15")
        self.assertEqual(len(reminder), 1)
        self.assertRecordValues(reminder, [{
            "state": "draft", "kind": "reminder", "partner_id": self.person.id,
            "amount_residual": 5000.0, "fee_total": 35.0, "interest_total": 23.97,
            "amount_total": 5058.97, "deadline": Date.to_date("2025-03-29"),
        }])
        self.assertStatus(invoice, "ready", "2025-03-15")  # manual progression: waits for approval
        self.assertFalse(self.run_dunning("2025-03-15"), "a second run prepares nothing twice")

        self.send(reminder, "2025-03-15")
        self.assertEqual(reminder.state, "sent")
        self.assertEqual(reminder.sent_by_id, self.env.user)
        self.assertEqual(reminder.approved_by_id, self.env.user)
        self.assertEqual(invoice.dunning_stage_id, self.profile_person.stage_ids[0])
        self.assertRecordValues(reminder.fee_move_id, [{
            "move_type": "out_invoice", "state": "posted", "amount_total": 58.97,
            "partner_id": self.person.id, "dunning_fee_letter_id": reminder.id,
        }])
        # The fee and the interest accrued so far are booked, outside VAT (Norwegian reminder fees).
        self.assertRecordValues(reminder.fee_move_id.invoice_line_ids.sorted("dunning_charge"), [
            {"dunning_charge": "fee", "price_total": 35.0, "tax_ids": []},
            {"dunning_charge": "interest", "price_total": 23.97, "tax_ids": []},
        ])
        mail = self.env["mail.mail"].search([("mail_message_id.res_id", "=", reminder.id),
                                             ("mail_message_id.model", "=", "receivable.dunning.letter")])
        self.assertEqual(mail.email_to, self.person.email)
        self.assertEqual(mail.state, "outgoing")
        self.assertEqual(len(mail.attachment_ids), 2, "the letter and a copy of the invoice")
        self.assertIn("DUN/", mail.subject)
        self.assertIn(reminder.name, invoice.message_ids[0].body)

        self.assertStatus(invoice, "deadline_open", "2025-03-29")
        self.assertStatus(invoice, "ready", "2025-03-30")
        with self.on("2025-03-30"):
            self.assertEqual(invoice.dunning_next_stage_id.kind, "collection_notice")
            self.assertEqual(invoice.dunning_fee_total, 35.0)

        notice = self.run_and_send("2025-03-30")
        self.assertRecordValues(notice, [{"kind": "collection_notice", "fee_total": 35.0,
                                          "deadline": Date.to_date("2025-04-13"), "state": "sent"}])
        self.assertStatus(invoice, "deadline_open", "2025-04-13")

        demand = self.run_and_send("2025-04-14")
        self.assertRecordValues(demand, [{"kind": "payment_demand", "fee_total": 105.0, "state": "sent"}])

        # Worked example 2: the most fees one claim can carry, 35 + 35 + 105.
        self.assertStatus(invoice, "consider_collection", "2025-04-29")
        with self.on("2025-04-29"):
            self.assertEqual(invoice.dunning_fee_total, 175.0)
            self.assertFalse(invoice.dunning_next_stage_id)
            self.assertEqual(invoice.dunning_balance, 5000.0 + 175.0 + invoice.dunning_interest_total)
            self.assertIn("Reminder 2025-03-15", invoice.dunning_history)
        self.assertFalse(self.run_dunning("2025-05-10"), "no letter after the last stage")

        # Norway applies a payment to costs and interest first: 5,000 leaves part of the invoice open.
        charges = invoice._dunning_charge_moves()
        self.assertEqual(len(charges), 3)
        self.pay(invoice, 5000, "2025-05-12")
        self.assertEqual(set(charges.mapped("payment_state")), {"paid"})
        self.assertEqual(invoice.amount_residual, sum(charges.mapped("amount_total")))
        self.assertStatus(invoice, "consider_collection", "2025-05-12")
        self.pay(invoice, invoice.amount_residual, "2025-05-12")
        self.assertStatus(invoice, "paid", "2025-05-12")

    def test_no_fee_before_fourteen_days(self):
        """Worked example 1: a reminder 9 days after the due date carries no fee."""
        invoice = self.make_invoice(self.person, 5000, "2025-03-01")
        self.profile_person.stage_ids[0].delay_days = 9
        letter = self.run_dunning("2025-03-10")
        self.assertEqual(letter.line_ids.move_id, invoice)
        self.assertEqual(letter.fee_total, 0.0)
        self.send(letter, "2025-03-10")
        # Only the interest accrued so far is booked: 5,000 x 12.5 % x 9 / 365.
        self.assertRecordValues(letter.fee_move_id.invoice_line_ids, [
            {"dunning_charge": "interest", "price_subtotal": 15.41},
        ])

    def test_very_late_invoice_goes_to_the_collection_notice(self):
        """200 days late: the optional reminder is skipped, the mandatory collection notice is not."""
        invoice = self.make_invoice(self.person, 1200, "2025-01-10")
        letter = self.run_dunning("2025-07-29")
        self.assertEqual(letter.kind, "collection_notice")
        self.assertEqual(letter.fee_total, 35.0)
        self.send(letter, "2025-07-29")
        self.assertEqual(invoice.dunning_stage_id.kind, "collection_notice")
        self.assertEqual(invoice.dunning_next_stage_id.kind, "payment_demand")

    def test_partial_payment_counts_through_the_residual(self):
        invoice = self.make_invoice(self.person, 10000, "2025-01-31")
        self.pay(invoice, 4000, "2025-02-28")
        with self.on("2025-04-30"):
            # 10,000 x 12.5 % x 89 / 365 minus the interest 4,000 paid on 02-28 no longer earns (61 days).
            self.assertAlmostEqual(invoice.dunning_interest_total, 304.79 - 83.56, places=2)
            self.assertEqual(invoice.dunning_balance, 6000.0 + 221.23)
        letter = self.run_dunning("2025-04-30")
        self.assertEqual(letter.amount_residual, 6000.0)
        self.assertAlmostEqual(letter.interest_total, 221.23, places=2)

    def test_objection_pauses_and_resume_continues(self):
        invoice = self.make_invoice(self.person, 800, "2025-03-01")
        self.flush_tracking()  # changes in the transaction that created a record are not tracked
        invoice.write({"dunning_on_hold": True, "dunning_hold_reason": "Goods were damaged"})
        self.flush_tracking()
        self.assertStatus(invoice, "objection", "2025-03-20")
        self.assertFalse(self.run_dunning("2025-03-20"))
        invoice.action_dunning_resume()
        self.assertStatus(invoice, "ready", "2025-03-20")
        self.assertEqual(self.run_dunning("2025-03-20").line_ids.move_id, invoice)
        self.flush_tracking()
        tracked = invoice.message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name == "dunning_on_hold")
        self.assertEqual(len(tracked), 2, "pause and resume are both in the chatter")

    def test_do_not_send_per_invoice_and_per_customer(self):
        blocked_invoice = self.make_invoice(self.person, 300, "2025-03-01")
        other = self.make_invoice(self.firm, 400, "2025-03-01")
        blocked_invoice.action_dunning_block()
        self.assertStatus(blocked_invoice, "do_not_send", "2025-03-20")
        self.firm.dunning_blocked = True
        self.assertStatus(other, "do_not_send", "2025-03-20")
        self.assertFalse(self.run_dunning("2025-03-20"))
        blocked_invoice.action_dunning_unblock()
        self.assertEqual(self.run_dunning("2025-03-20").line_ids.move_id, blocked_invoice)

    def test_cut_over_from_invoice_number(self):
        first, second, third = (self.make_invoice(self.person, 100 * i, "2025-03-01") for i in (1, 2, 3))
        self.company.write({"dunning_send_mode": "from_invoice", "dunning_start_move_id": second.id})
        self.assertStatus(first, "before_cutover", "2025-03-20")
        self.assertStatus(second | third, "ready", "2025-03-20")
        letter = self.run_dunning("2025-03-20")
        self.assertEqual(letter.line_ids.move_id, second | third)
        self.company.dunning_send_mode = "all"
        self.assertStatus(first, "ready", "2025-03-20")

    def test_the_law_keeps_the_collection_notice_even_if_the_profile_does_not(self):
        """inkassoloven §9 is in the legal data: a profile without "Never skipped" still sends the notice."""
        self.profile_person.stage_ids.mandatory = False
        self.make_invoice(self.person, 1200, "2025-01-10")
        self.assertEqual(self.run_dunning("2025-07-29").kind, "collection_notice")

    def test_without_the_legal_requirement_a_very_late_invoice_goes_to_the_last_stage(self):
        self.profile_person.stage_ids.mandatory = False
        self.env.ref("receivable_dunning.legal_rule_no_letter_required_collection_notice").value = 0
        self.make_invoice(self.person, 1200, "2025-01-10")
        self.assertEqual(self.run_dunning("2025-07-29").kind, "payment_demand")
