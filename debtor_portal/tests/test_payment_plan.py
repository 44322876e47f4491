from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import DebtorPortalCommon


@tagged("post_install", "-at_install")
@freeze_time("2025-02-10 10:00:00")
class TestPaymentPlan(DebtorPortalCommon):
    """The debtor asks for instalments; an accepted plan pauses the dunning and shows the instalments."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.invoice = cls.make_invoice(cls.person, 1000, "2025-01-01")
        cls.later = cls.make_invoice(cls.person, 500, "2025-01-15")

    def request_plan(self, count=3):
        self.authenticate("debtor_kari", "debtor_kari")
        response = self.url_open("/my/reminders/plan", data={
            "csrf_token": self.csrf_token("/my/reminders"), "company_id": self.company.id,
            "currency_id": self.company.currency_id.id, "instalment_count": count, "message": "Lost my job",
        })
        self.assertEqual(response.status_code, 200)
        return response, self.env["receivable.payment.plan"].search(
            [("partner_id", "=", self.person.id)], order="id desc", limit=1,
        )

    def test_request_accept_and_the_run_skips_the_invoices(self):
        response, plan = self.request_plan(3)
        self.assertIn("Your request for a payment plan has been sent", response.text)
        self.assertRecordValues(plan, [{"state": "requested", "instalment_count": 3, "message": "Lost my job"}])
        self.assertEqual(plan.move_ids, self.invoice | self.later)
        self.assertEqual(plan.activity_ids.activity_type_id, self.env.ref("mail.mail_activity_data_todo"))
        self.assertStatus(self.invoice, "ready", "2025-02-10")  # a mere request pauses nothing

        plan.with_user(self.accountant).action_accept()
        self.assertEqual(plan.state, "accepted")
        self.assertFalse(plan.activity_ids)
        self.assertEqual(plan.amount_total, 1500)
        self.assertEqual(plan.line_ids.mapped("amount"), [500, 500, 500])
        self.assertEqual([str(day) for day in plan.line_ids.mapped("date")],
                         ["2025-03-10", "2025-04-10", "2025-05-10"])
        self.assertStatus(self.invoice | self.later, "payment_plan", "2025-02-10")
        self.assertFalse(self.run_dunning("2025-02-10"), "no letter for invoices on an accepted plan")
        page = self.url_open("/my/reminders").text
        self.assertIn("Your payment plan has been accepted", page)
        self.assertIn("2025", page)

        plan.with_user(self.accountant).action_done()
        self.assertStatus(self.invoice | self.later, "ready", "2025-02-10")

    def test_uneven_split_and_refusal(self):
        _response, plan = self.request_plan(7)
        plan.with_user(self.accountant).action_refuse()
        self.assertEqual(plan.state, "refused")
        self.assertStatus(self.invoice, "ready", "2025-02-10")
        _response, plan = self.request_plan(7)
        plan.with_user(self.accountant).action_accept()
        amounts = plan.line_ids.mapped("amount")
        self.assertEqual(amounts[:6], [214.28] * 6)
        self.assertAlmostEqual(amounts[6], 214.32, places=2)
        self.assertAlmostEqual(sum(amounts), 1500, places=2)

    def test_an_invoice_is_on_one_open_plan_only(self):
        _response, plan = self.request_plan(3)
        with self.assertRaises(ValidationError):
            plan.copy({"move_ids": [(6, 0, self.invoice.ids)], "partner_id": self.person.id,
                       "currency_id": self.company.currency_id.id})

    def test_instalment_count_is_bounded(self):
        response, plan = self.request_plan(40)
        self.assertFalse(plan)
        self.assertIn("from 2 to 12 instalments", response.text)
