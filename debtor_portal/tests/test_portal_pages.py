import base64
from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import tagged

from ..controllers.portal import DebtorPortal
from .common import DebtorPortalCommon


@tagged("post_install", "-at_install")
@freeze_time("2025-02-10 10:00:00")
class TestPortalPages(DebtorPortalCommon):
    """What the debtor sees and does: balances, objection, contact details."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.invoice = cls.make_invoice(cls.person, 1000, "2025-01-01")
        cls.not_due = cls.make_invoice(cls.person, 300, "2025-03-01")

    def setUp(self):
        super().setUp()
        self.letter = self.run_and_send("2025-01-20")
        self.authenticate("debtor_kari", "debtor_kari")

    def test_overview_shows_the_figures_and_letters(self):
        with self.on("2025-02-10"):
            fees, interest, balance = (self.invoice.dunning_fee_total, self.invoice.dunning_interest_total,
                                       self.invoice.dunning_balance)
        self.assertGreater(fees, 0)
        page = self.url_open("/my/reminders").text
        self.assertIn(self.invoice.name, page)
        self.assertNotIn(self.not_due.name, page)
        self.assertIn(self.letter.name, page)
        self.assertIn(self.letter.access_url, page)
        self.assertIn(f"/my/invoices/{self.invoice.id}?report_type=pdf", page)
        for amount in (1000, fees, interest, balance):
            self.assertIn(f"{amount:,.2f}", page)
        self.assertIn(self.invoice.dunning_stage_id.name, page)
        self.assertIn("interest note", page)

    def test_overview_pages_the_invoices_but_totals_them_all(self):
        later = self.make_invoice(self.person, 200, "2025-01-05")
        with self.on("2025-02-10"):
            total = self.invoice.dunning_balance + later.dunning_balance
        with patch.object(DebtorPortal, "_items_per_page", 1):
            first = self.url_open("/my/reminders").text
            second = self.url_open("/my/reminders/page/2").text
        self.assertIn(self.invoice.name, first)
        self.assertNotIn(later.name, first)
        self.assertIn(later.name, second)
        self.assertNotIn(self.invoice.name, second)
        self.assertIn("/my/reminders/page/2", first)
        for page in (first, second):
            self.assertIn(f"{total:,.2f}", page, "the total and Pay all cover every overdue invoice")

    def test_home_counts_the_overdue_invoices(self):
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["reminder_count"]})
        self.assertEqual(counters["reminder_count"], 1)
        self.assertIn("/my/reminders", self.url_open("/my").text)

    def test_objection_pauses_the_dunning_until_the_accountant_resumes(self):
        url = f"/my/reminders/invoice/{self.invoice.id}"
        response = self.url_open(f"{url}/object", data={
            "csrf_token": self.csrf_token(url), "reason": "not_received", "message": "The parcel never came.",
        }, files={"attachments": ("tracking.txt", b"no delivery scan", "text/plain")})
        self.assertEqual(response.status_code, 200)
        self.assertIn("Your objection has been received", response.text)

        self.assertRecordValues(self.invoice, [{
            "dunning_on_hold": True, "debtor_objection_reason": "not_received",
        }])
        self.assertIn("The parcel never came.", self.invoice.dunning_hold_reason)
        self.assertStatus(self.invoice, "objection", "2025-02-10")
        message = self.invoice.message_ids.filtered(lambda msg: "The parcel never came." in str(msg.body))
        self.assertEqual(message.author_id, self.person)
        self.assertEqual(message.message_type, "comment")
        self.assertEqual(message.attachment_ids.mapped("raw"), [b"no delivery scan"])
        activity = self.invoice.debtor_objection_activity_id
        self.assertEqual(activity.activity_type_id, self.env.ref("mail.mail_activity_data_todo"))
        self.assertEqual(activity.user_id, self.invoice.invoice_user_id or self.company._debtor_accountant())
        self.assertIn(self.invoice, self.env["account.move"].search([("dunning_status", "=", "objection")]))
        # The page now shows the objection instead of the form; a second objection is refused.
        self.assertIn("Your objection is being handled", self.url_open(url).text)
        again = self.url_open(f"{url}/object", data={
            "csrf_token": self.csrf_token(url), "reason": "other", "message": "Again",
        })
        self.assertIn("already being handled", again.text)

        self.invoice.with_user(self.accountant).action_dunning_resume()
        self.assertFalse(activity.exists() and activity.active)
        self.assertFalse(self.invoice.activity_ids)
        self.assertRecordValues(self.invoice, [{"dunning_on_hold": False, "debtor_objection_reason": False}])
        self.assertNotEqual(self.invoice.with_context(date="2025-02-10").dunning_status, "objection")
        self.assertTrue(self.invoice.message_ids.filtered(lambda msg: "reminders resume" in str(msg.body)))

    def test_objection_needs_a_reason_and_a_message(self):
        url = f"/my/reminders/invoice/{self.invoice.id}"
        response = self.url_open(f"{url}/object", data={"csrf_token": self.csrf_token(url), "reason": "x",
                                                         "message": "Hm"})
        self.assertIn("Choose the reason", response.text)
        response = self.url_open(f"{url}/object", data={"csrf_token": self.csrf_token(url),
                                                         "reason": "wrong_amount", "message": " "})
        self.assertIn("Tell us why", response.text)
        self.assertFalse(self.invoice.dunning_on_hold)
        self.assertFalse(self.invoice.activity_ids)

    def test_contact_details_fix_a_missing_address(self):
        self.person.write({"street": False, "zip": False, "city": False})
        self.make_invoice(self.person, 400, "2025-02-01")  # ready for a letter: the address is missing
        with self.on("2025-02-10"):
            self.assertIn(self.person, self.env["res.partner"].search([("dunning_missing_address", "=", True)]))
        url = "/my/reminders/contact"
        bad = self.url_open(url, data={"csrf_token": self.csrf_token(url), "email": "not an address",
                                       "street": "Ny gate 1", "zip": "0150", "city": "Oslo",
                                       "country_id": self.env.ref("base.no").id})
        self.assertIn("valid e-mail", bad.text)
        self.assertFalse(self.person.street)
        response = self.url_open(url, data={
            "csrf_token": self.csrf_token(url), "email": "kari.ny@example.com", "phone": "+47 911 11 111",
            "street": "Ny gate 1", "zip": "0150", "city": "Oslo", "country_id": self.env.ref("base.no").id,
        })
        self.assertIn("Your contact details have been updated", response.text)
        self.assertRecordValues(self.person, [{
            "email": "kari.ny@example.com", "phone": "+47 911 11 111", "street": "Ny gate 1", "zip": "0150",
            "city": "Oslo", "country_id": self.env.ref("base.no").id,
        }])
        with self.on("2025-02-10"):
            self.assertNotIn(self.person, self.env["res.partner"].search([("dunning_missing_address", "=", True)]))

    def test_letter_pdf_is_the_copy_sent(self):
        sent = self.env["ir.attachment"].search(
            [("res_model", "=", self.letter._name), ("res_id", "=", self.letter.id)], order="id desc",
        )
        self.assertTrue(sent)
        pdf = self.url_open(f"/my/reminders/letter/{self.letter.id}/pdf")
        self.assertEqual(pdf.content, base64.b64decode(sent[:1].datas))
