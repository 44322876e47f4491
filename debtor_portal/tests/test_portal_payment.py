from freezegun import freeze_time

from odoo.tests import Form, JsonRpcException, tagged

from .common import DebtorPortalCommon


@tagged("post_install", "-at_install")
@freeze_time("2025-02-10 10:00:00")
class TestPortalPayment(DebtorPortalCommon):
    """Online payment of one invoice or of all overdue ones, fee invoices included, with the demo provider."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.first = cls.make_invoice(cls.person, 1000, "2025-01-01")
        cls.second = cls.make_invoice(cls.person, 250, "2025-01-05")

    def setUp(self):
        super().setUp()
        self.letter = self.run_and_send("2025-01-20")
        self.fee_move = self.letter.fee_move_id
        self.assertTrue(self.fee_move, "the reminder charges a fee")
        self.authenticate("debtor_kari", "debtor_kari")

    def transaction(self, route, amount):
        return self.make_jsonrpc_request(route, {
            "provider_id": self.provider.id,
            "payment_method_id": self.provider.payment_method_ids[:1].id,
            "token_id": None,
            "amount": amount,
            "flow": "direct",
            "tokenization_requested": False,
            "landing_route": "/elsewhere",
            "is_validation": False,
            "access_token": None,
            "payment_reference": "anything",
        })

    def fee_carrier(self):
        """The invoice whose letter line carries the letter's fee."""
        return self.letter.line_ids.filtered(lambda line: line.fee > 0).move_id

    def test_pay_one_invoice_with_its_fee(self):
        invoice = self.fee_carrier()
        other = (self.first | self.second) - invoice
        total = invoice.amount_residual + self.fee_move.amount_residual
        page = self.url_open(f"/my/reminders/pay/{invoice.id}").text
        self.assertIn(self.fee_move.name, page)
        self.assertIn('name="o_payment_radio"', page)
        self.assertIn(f'data-amount="{total}"', page)
        values = self.transaction(f"/my/reminders/pay/{invoice.id}/transaction", total)
        tx = self.demo_pay(values)
        self.assertEqual(tx.invoice_ids, invoice | self.fee_move)
        self.assertEqual(tx.landing_route, "/my/reminders?message=paid")
        self.assertEqual(tx.state, "done")
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        self.assertIn(self.fee_move.payment_state, ("paid", "in_payment"))
        self.assertEqual(other.payment_state, "not_paid")
        self.assertEqual(tx.payment_id.partner_id, self.person)

    def test_pay_all_overdue_invoices(self):
        moves = self.first | self.second | self.fee_move
        total = sum(moves.mapped("amount_residual"))
        page = self.url_open("/my/reminders").text
        pay_all = f"/my/reminders/pay/all/{self.company.id}/{self.company.currency_id.id}"
        self.assertIn(pay_all, page)
        tx = self.demo_pay(self.transaction(f"{pay_all}/transaction", total))
        self.assertEqual(tx.invoice_ids, moves)
        self.assertEqual(tx.amount, total)
        for move in moves:
            self.assertIn(move.payment_state, ("paid", "in_payment"), move.name)
        self.assertNotIn(self.first.name, self.url_open("/my/reminders").text)

    def test_pay_all_includes_the_interest_note(self):
        with self.on("2025-02-10"):
            wizard = Form(self.env["receivable.interest.note.create"].with_context(
                active_model="account.move", active_ids=(self.first | self.second).ids,
            ))
            note = self.env["receivable.interest.note"].search(wizard.save().action_create()["domain"])
            note.action_approve()
            note.action_send()
        self.assertTrue(note.move_id)
        moves = self.first | self.second | self.fee_move | note.move_id
        page = self.url_open("/my/reminders").text
        self.assertNotIn(f"/my/reminders/pay/{note.move_id.id}", page, "a note is paid with its invoices")
        pay_all = f"/my/reminders/pay/all/{self.company.id}/{self.company.currency_id.id}"
        self.assertIn(note.name, self.url_open(pay_all).text)
        tx = self.demo_pay(self.transaction(f"{pay_all}/transaction", sum(moves.mapped("amount_residual"))))
        self.assertEqual(tx.invoice_ids, moves)
        self.assertIn(note.move_id.payment_state, ("paid", "in_payment"))

    def test_objected_invoice_is_left_out_of_pay_all(self):
        self.second.write({"dunning_on_hold": True})
        pay_all = f"/my/reminders/pay/all/{self.company.id}/{self.company.currency_id.id}"
        moves = (self.first | self.second | self.fee_move) - self.second
        tx = self.demo_pay(self.transaction(f"{pay_all}/transaction", sum(moves.mapped("amount_residual"))))
        self.assertEqual(tx.invoice_ids, moves)
        self.assertEqual(self.second.payment_state, "not_paid")

    def test_amount_must_match_the_balance(self):
        invoice = self.first
        with self.assertRaisesRegex(JsonRpcException, "ValidationError"):
            self.transaction(f"/my/reminders/pay/{invoice.id}/transaction", 1.0)
        self.assertFalse(self.env["payment.transaction"].search([("invoice_ids", "in", invoice.ids)]))
