from freezegun import freeze_time

from odoo.tests import tagged

from .common import DebtorPortalCommon


@tagged("post_install", "-at_install")
@freeze_time("2025-02-10 10:00:00")
class TestPortalAccess(DebtorPortalCommon):
    """A debtor reaches its own invoices and letters only; tokens and CSRF tokens are checked."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.own_invoice = cls.make_invoice(cls.person, 1000, "2025-01-01")
        cls.other_invoice = cls.make_invoice(cls.firm, 2000, "2025-01-01")

    def setUp(self):
        super().setUp()
        letters = self.run_and_send("2025-01-20")
        self.own_letter = letters.filtered(lambda letter: letter.partner_id == self.person)
        self.other_letter = letters.filtered(lambda letter: letter.partner_id == self.firm)
        self.assertTrue(self.own_letter and self.other_letter)

    def assertRefused(self, response, secret):
        """Refused: an error status, or a redirect away from the page, and nothing of the document shown."""
        self.assertTrue(response.status_code in (403, 404) or response.is_redirect, response.status_code)
        self.assertNotIn(secret, response.text)

    def test_other_debtors_invoice_is_refused(self):
        self.authenticate("debtor_kari", "debtor_kari")
        for url in (f"/my/reminders/invoice/{self.other_invoice.id}", f"/my/reminders/pay/{self.other_invoice.id}"):
            self.assertRefused(self.url_open(url, allow_redirects=False), self.other_invoice.name)
        own = self.url_open(f"/my/reminders/invoice/{self.own_invoice.id}")
        self.assertEqual(own.status_code, 200)
        self.assertIn(self.own_invoice.name, own.text)

    def test_other_debtors_invoice_cannot_be_objected_to(self):
        self.authenticate("debtor_kari", "debtor_kari")
        response = self.url_open(
            f"/my/reminders/invoice/{self.other_invoice.id}/object",
            data={"csrf_token": self.csrf_token("/my/reminders"), "reason": "wrong_amount", "message": "Not mine"},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 404)
        self.assertFalse(self.other_invoice.dunning_on_hold)
        self.assertFalse(self.other_invoice.activity_ids)

    def test_unsent_letter_is_refused_even_with_its_token(self):
        with self.on("2025-02-10"):
            draft = self.env["receivable.dunning.run"]._run_company(self.company)
        self.assertTrue(draft)
        self.assertEqual(set(draft.mapped("state")), {"draft"})
        token = draft[:1]._portal_ensure_token()
        self.assertRefused(self.url_open(f"/my/reminders/letter/{draft[:1].id}?access_token={token}",
                                         allow_redirects=False), draft[:1].name)

    def test_other_debtors_invoice_cannot_be_paid(self):
        self.authenticate("debtor_kari", "debtor_kari")
        response = self.url_open(
            f"/my/reminders/pay/{self.other_invoice.id}/transaction",
            data='{"jsonrpc": "2.0", "method": "call", "params": {"amount": 2000}}',
            headers={"Content-Type": "application/json"},
        )
        self.assertIn("error", response.json())
        self.assertFalse(self.env["payment.transaction"].search([("invoice_ids", "in", self.other_invoice.ids)]))

    def test_other_debtors_letter_is_refused(self):
        self.authenticate("debtor_kari", "debtor_kari")
        for url in (f"/my/reminders/letter/{self.other_letter.id}", f"/my/reminders/letter/{self.other_letter.id}/pdf"):
            self.assertRefused(self.url_open(url, allow_redirects=False), self.other_letter.name)
        own = self.url_open(f"/my/reminders/letter/{self.own_letter.id}")
        self.assertEqual(own.status_code, 200)
        self.assertIn(self.own_letter.name, own.text)

    def test_letter_token(self):
        url = self.own_letter._portal_url()
        self.assertIn(f"/my/reminders/letter/{self.own_letter.id}?access_token=", url)
        path = url[url.index("/my/"):]
        page = self.url_open(path)  # no login
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.own_letter.name, page.text)
        pdf = self.url_open(path.replace("?", "/pdf?"))
        self.assertEqual(pdf.headers["Content-Type"], "application/pdf")
        self.assertTrue(pdf.content)  # tests render reports as HTML; the real PDF is Odoo's business
        for wrong in (f"/my/reminders/letter/{self.own_letter.id}",
                      f"/my/reminders/letter/{self.own_letter.id}?access_token=wrong",
                      f"/my/reminders/letter/{self.own_letter.id}/pdf?access_token=",
                      f"/my/reminders/letter/{self.other_letter.id}?access_token={self.own_letter.access_token}"):
            self.assertRefused(self.url_open(wrong, allow_redirects=False), "Total due")

    def test_the_letter_carries_the_token_link_and_qr_code(self):
        url = self.own_letter._portal_url()
        self.assertIn(url, self.own_letter._letter_document().portal_url)
        html = self.env["ir.actions.report"]._render_qweb_html(
            self.own_letter._report_action(), self.own_letter.ids)[0].decode()
        self.assertIn(self.own_letter.access_token, html)
        self.assertIn('alt="QR"', html)

    def test_overview_needs_a_login(self):
        response = self.url_open("/my/reminders", allow_redirects=False)
        self.assertTrue(response.is_redirect)
        self.assertIn("/web/login", response.headers["Location"])

    def test_forms_without_csrf_token_are_refused(self):
        self.authenticate("debtor_kari", "debtor_kari")
        objection = self.url_open(
            f"/my/reminders/invoice/{self.own_invoice.id}/object",
            data={"reason": "wrong_amount", "message": "Too much"}, allow_redirects=False,
        )
        self.assertEqual(objection.status_code, 400)
        contact = self.url_open(
            "/my/reminders/contact",
            data={"email": "evil@example.com", "street": "X", "zip": "1", "city": "Y",
                  "country_id": self.env.ref("base.no").id},
            allow_redirects=False,
        )
        self.assertEqual(contact.status_code, 400)
        plan = self.url_open("/my/reminders/plan", data={"instalment_count": 3}, allow_redirects=False)
        self.assertEqual(plan.status_code, 400)
        self.assertFalse(self.own_invoice.dunning_on_hold)
        self.assertEqual(self.person.email, "kari@example.com")
        self.assertFalse(self.env["receivable.payment.plan"].search([("partner_id", "=", self.person.id)]))

    def test_portal_user_reads_only_own_letters(self):
        Letter = self.env["receivable.dunning.letter"].with_user(self.debtor)
        self.assertEqual(Letter.search([]), self.own_letter)
        self.assertEqual(self.env["account.move"].with_user(self.debtor).search(
            [("id", "in", (self.own_invoice | self.other_invoice).ids)]), self.own_invoice)
