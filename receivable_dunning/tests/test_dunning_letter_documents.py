import re
from io import BytesIO
from unittest.mock import patch

import pypdf

from odoo.tests import tagged

from .common import DunningCommon

PORTAL_URL = "https://receivables.example.com/my/dunning/letter/42?access_token=5f1c2e"


@tagged("post_install", "-at_install")
class TestDunningLetterDocuments(DunningCommon):
    """The letters say what the law requires, in the customer's language, with the portal link."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.partner.bank"].create({
            "acc_number": "1503.12.34567", "partner_id": cls.company.partner_id.id, "allow_out_payment": True,
        })
        cls.company.write({
            "dunning_contact_phone": "+47 23 45 67 89", "dunning_contact_email": "purring@company.example",
        })

    def portal(self):
        letters = type(self.env["receivable.dunning.letter"])
        return patch.object(letters, "_portal_url", lambda letter: PORTAL_URL)

    def pdf_text(self, letter):
        """The text of the letter's real PDF (wkhtmltopdf), whitespace collapsed."""
        content, kind = self.env["ir.actions.report"].with_context(force_report_rendering=True)._render_qweb_pdf(
            letter._report_action(), letter.ids)
        self.assertEqual(kind, "pdf")
        reader = pypdf.PdfReader(BytesIO(content))
        return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages)).replace("\xa0", " ")

    def html(self, letter):
        return self.env["ir.actions.report"]._render_qweb_html(letter._report_action(), letter.ids)[0].decode()

    def use_norwegian(self, partner):
        self.env["res.lang"]._activate_lang("nb_NO")
        self.env["ir.module.module"]._load_module_terms(["receivable_dunning"], ["nb_NO"], overwrite=True)
        partner.lang = "nb_NO"

    def test_norwegian_collection_notice_pdf(self):
        """inkassoloven §9: written, deadline of at least 14 days, says that collection will start."""
        self.use_norwegian(self.person)
        invoice = self.make_invoice(self.person, 1200, "2025-01-01")
        invoice.payment_reference = "1234567890128"
        notice = self.run_dunning("2025-02-01")  # a month late: straight to the collection notice
        self.assertEqual(notice.kind, "collection_notice")
        with self.portal():
            self.send(notice, "2025-02-01")
            text = self.pdf_text(notice)
            html = self.html(notice)
        self.assertEqual(str(notice.deadline), "2025-02-15")
        for expected in (
            "Inkassovarsel", "Kari Hansen", "Storgata 1", "0155", "Oslo",  # the debtor, in the window
            self.company.name, "+47 23 45 67 89", "purring@company.example",  # creditor and contact
            invoice.name, "01.01.2025",  # the invoice: number, date and due date
            "15.02.2025",  # the deadline
            "Du har 14 dager fra datoen på dette brevet til å betale.",
            "Dersom beløpet ikke er betalt innen 15.02.2025, vil kravet bli oversendt til inkasso",
            "Bankkonto: 1503.12.34567", "1234567890128",  # payment details
            "en tusen, to hundre og", "NOK og",  # the total in words, in Norwegian
            PORTAL_URL,
        ):
            self.assertIn(expected, text)
        self.assertIn('alt="QR"', html, "the QR code of the link")

    def test_norwegian_payment_demand_pdf_in_english(self):
        """inkassoloven §10: creditor, the claim, principal and add-ons apart, rate and start, consequences, rights."""
        self.company.company_registry = "987654321"
        self.make_invoice(self.person, 900, "2025-01-01")
        self.run_and_send("2025-07-01")  # the collection notice
        demand = self.run_dunning("2025-07-16")
        self.assertEqual(demand.kind, "payment_demand")
        with self.portal():
            self.send(demand, "2025-07-16")
            text = self.pdf_text(demand)
        for expected in (
            "Payment demand",
            f"Creditor: {self.company.name} 987654321",
            "The claim: payment for the goods or services invoiced",
            "Principal", "Fees", "Late-payment interest", "Total amount due",
            "12.25 % a year from the day after each invoice's due date (the earliest: 01/02/2025)",
            "we may take legal action to recover it",
            "You have the right to object to the claim",
            "complaints board for debt collection",
            f"no later than {demand.deadline.strftime('%m/%d/%Y')}",
            "Amount in words: one thousand",
            PORTAL_URL,
        ):
            self.assertIn(expected, text)

    def test_letter_without_portal_shows_no_link(self):
        self.make_invoice(self.person, 900, "2025-03-01")
        letter = self.run_dunning("2025-03-15")
        # Without the debtor portal (debtor_portal may be installed beside these tests).
        with patch.object(type(self.env["receivable.dunning.letter"]), "_portal_url", lambda letter: ""):
            html = self.html(letter)
        self.assertNotIn('alt="QR"', html)
        self.assertNotIn("pay online", html)

    def test_german_reminder(self):
        self.env["res.lang"]._activate_lang("de_DE")
        self.env["ir.module.module"]._load_module_terms(["receivable_dunning"], ["de_DE"], overwrite=True)
        self.person.lang = "de_DE"
        self.make_invoice(self.person, 900, "2025-03-01")
        letter = self.run_dunning("2025-03-15")
        document = letter._letter_document()
        self.assertEqual(document.title, "Zahlungserinnerung")
        self.assertIn("neunhundert", document.amount_in_words)
        self.assertIn("Zahlungserinnerung", self.html(letter))

    def test_swedish_and_polish_forms(self):
        invoices = self.make_invoice(self.person, 900, "2025-01-01") | self.make_invoice(self.person, 400, "2025-01-05")
        self.run_and_send("2025-07-01")
        demand = self.run_dunning("2025-07-16")
        self.assertEqual(demand.line_ids.move_id, invoices)
        self.company.country_id = self.env.ref("base.pl")
        self.assertEqual(demand._letter_variant(), "pl_payment_demand")
        self.assertEqual(demand._report_action(),
                         self.env.ref("receivable_dunning.action_report_dunning_pl_payment_demand"))
        html = self.html(demand)
        self.assertIn("Demand for payment", html)
        self.assertIn("referred to court without further notice", html)
        for invoice in invoices:
            self.assertIn(invoice.name, html, "one demand for several invoices")
        self.company.country_id = self.env.ref("base.se")
        self.assertEqual(demand._letter_variant(), "se_collection_demand")
        document = demand._letter_document()
        self.assertEqual(document.title, "Collection demand")
        self.assertTrue(any("order to pay" in text for text in document.warnings))

    def test_collection_branding(self):
        self.make_invoice(self.person, 900, "2025-03-01")
        letter = self.run_dunning("2025-03-15")
        branding = {"name": "Nordic Inkasso AS", "address": ["Postboks 1", "0101 Oslo"], "phone": "+47 21 00 00 00"}
        with patch.object(type(letter), "_branding", lambda letter: branding):
            document = letter._letter_document()
            html = self.html(letter)
        self.assertEqual(document.sender[:3], ["Nordic Inkasso AS", "Postboks 1", "0101 Oslo"])
        self.assertIn("Phone: +47 21 00 00 00", document.contact)
        self.assertIn(f"We write on behalf of {self.company.name}.", document.introduction)
        self.assertIn("Nordic Inkasso AS", html)
