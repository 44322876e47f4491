from odoo.addons.receivable_dunning import bulk_insert
from odoo.tests import tagged

from .common import DunningCommon


@tagged("post_install", "-at_install")
class TestBulkInsert(DunningCommon):
    """The run's COPY of letters and lines gives the records create() would have given."""

    def letter_row(self, customer, **values):
        stage = self.profile_person.stage_ids[0]
        return {
            "company_id": self.company.id, "partner_id": customer.id, "currency_id": self.company.currency_id.id,
            "profile_id": self.profile_person.id, "stage_id": stage.id, "letter_date": self.today(),
            "channel_email": True, "channel_letter": False, **values,
        }

    def today(self):
        return self.env["account.move"]._dunning_today()

    def test_values_defaults_and_computed_fields(self):
        customer = self.make_customer("Copy Tester")
        customer.email = "copy@example.com"
        invoice = self.make_invoice(customer, 250, "2025-03-01")
        Letter = self.env["receivable.dunning.letter"]
        note = "tab\there, a back\\slash,\r\nand a new line; NULL is \\N"
        letter = bulk_insert.insert_records(Letter, [self.letter_row(customer, name="DUN/T/1", interest_note=note)])
        self.assertEqual(letter.line_ids.ids, [], "the one2many is empty before the lines")
        stage = letter.stage_id
        line = bulk_insert.insert_records(self.env["receivable.dunning.letter.line"], [{
            "letter_id": letter.id, "move_id": invoice.id, "stage_id": stage.id, "company_id": self.company.id,
            "currency_id": self.company.currency_id.id, "invoice_date_due": invoice.invoice_date_due,
            "amount_residual": 250.0, "fee": 35.0, "interest": 1.2345, "interest_charged": 0.0, "compensation": 0.0,
        }])
        self.assertEqual(letter.line_ids, line, "the letter's cached lines were dropped")
        self.env.flush_all()
        self.env.invalidate_all()
        self.env.cr.execute(
            "SELECT state, interest_note, email_to, kind, amount_total, create_uid, channel_letter "
            "FROM receivable_dunning_letter WHERE id = %s", [letter.id],
        )
        state, stored_note, email_to, kind, total, create_uid, channel_letter = self.env.cr.fetchone()
        self.assertEqual(state, "draft", "default value")
        self.assertEqual(stored_note, note, "COPY's escapes round-trip")
        # Stored computed fields not given are computed as create() computes them.
        self.assertEqual(email_to, "copy@example.com")
        self.assertEqual(kind, stage.kind)
        self.assertEqual(float(total), 286.23, "the letter's total follows its new line (1.2345 kept to 1.23)")
        self.assertEqual(create_uid, self.env.uid)
        self.assertIs(channel_letter, False)
        self.assertEqual(line.amount_due, 286.23)
        self.assertEqual(line.letter_state, "draft")
        self.assertEqual(invoice.dunning_letter_line_ids, line)

    def test_given_elsewhere_is_left_alone(self):
        customer = self.make_customer("Given Elsewhere")
        invoice = self.make_invoice(customer, 100, "2025-03-01")
        Letter = self.env["receivable.dunning.letter"]
        letter = bulk_insert.insert_records(Letter, [self.letter_row(
            customer, name="DUN/T/2", amount_residual=100.0, fee_total=0.0, interest_total=0.0,
            compensation_total=0.0, amount_total=100.0,
        )])
        bulk_insert.insert_records(self.env["receivable.dunning.letter.line"], [{
            "letter_id": letter.id, "move_id": invoice.id, "stage_id": letter.stage_id.id,
            "company_id": self.company.id, "currency_id": self.company.currency_id.id, "amount_residual": 100.0,
            "fee": 0.0, "interest": 0.0, "interest_charged": 0.0, "compensation": 0.0, "amount_due": 100.0,
            "letter_state": "draft",
        }], given_elsewhere=[Letter._fields["amount_total"]])
        self.assertFalse(self.env.records_to_compute(Letter._fields["amount_total"]))

    def test_refuses_what_it_cannot_copy(self):
        Letter = self.env["receivable.dunning.letter"]
        with self.assertRaisesRegex(ValueError, "cannot insert receivable.dunning.letter.line_ids"):
            bulk_insert.insert_records(Letter, [{"line_ids": []}])
        self.assertEqual(bulk_insert.insert_records(Letter, []), Letter)
