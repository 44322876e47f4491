import base64

import xmltodict

from odoo.exceptions import UserError
from odoo.fields import Date
from odoo.tests import Form, tagged

from .common import CollectionCommon


@tagged("post_install", "-at_install")
class TestCollectionTransfer(CollectionCommon):
    """Hand-over by hand and automatically, never before the collection notice's deadline."""

    def test_manual_transfer_builds_the_case_and_the_claims_file(self):
        # This profile charges interest: each letter books its fee and the interest accrued since
        # the last one (12.5 % on 5,000: 23.97 for 03-01..03-15, 25.69 and 25.68 for the next 15 days).
        self.profile_person.stage_ids.charge_interest = True
        invoice = self.walk_to_collection()
        self.assertStatus(invoice, "consider_collection", "2025-04-29")
        letters = invoice.dunning_letter_line_ids.letter_id
        self.assertEqual(sorted(letters.fee_move_id.mapped("amount_total")), [58.97, 60.69, 130.68])
        with self.on("2025-04-29"):
            fees, interest = invoice.dunning_fee_total, invoice.dunning_interest_total
        self.assertEqual(fees, 175.0)
        # 5,000 x 12.5 % x 59 / 365 from the due date (03-01) to the hand-over (04-29); 75.34 of it
        # is booked on the letters' charge documents and still unpaid, 25.69 is not booked yet.
        self.assertEqual(interest, 101.03)

        case = self.transfer(invoice, "2025-04-29")

        self.assertRecordValues(case, [{
            "state": "not_started", "agency_id": self.agency.id, "partner_id": self.person.id,
            "transfer_date": Date.to_date("2025-04-29"), "amount_principal": 5000.0, "amount_fees": 175.0,
            "amount_interest": 101.03, "amount_claimed": 5276.03,
            "debtor_name": "Kari Hansen", "debtor_type": "person", "debtor_identification": "01017012345",
            "debtor_email": "kari@example.com", "debtor_phone": "+47 400 00 000", "debtor_city": "Oslo",
            # Open in the books: the invoice and the three charge documents (175 fees + 75.34 interest).
            "amount_open": 5250.34,
        }])
        self.assertEqual(case.fee_move_ids, letters.fee_move_id,
                         "the charge documents of the three letters go with the claim")
        self.assertTrue(all((invoice | case.fee_move_ids).mapped("dunning_in_collection")))
        self.assertStatus(invoice, "in_collection", "2025-04-30")
        self.assertFalse(self.run_dunning("2025-06-01"), "no letter for an invoice in collection")
        self.assertEqual(invoice.collection_case_id, case)
        self.assertIn(case.name, invoice.message_ids[0].body)
        self.assertEqual(case.event_ids.mapped("kind"), ["sent", "transfer"])

        # Documents: the invoice copy and the PDF of each letter sent.
        letters = invoice.dunning_letter_line_ids.letter_id
        self.assertEqual(len(letters), 3)
        self.assertEqual(len(case.document_ids), 1 + 3 + 3, "invoice, three letters, three fee invoices")
        self.assertTrue(all(name.endswith(".pdf") for name in case.document_ids.mapped("name")))

        # One XML file for the batch, in the documented format.
        exchange = case.exchange_id
        self.assertRecordValues(exchange, [{"direction": "out", "state": "sent", "file_format": "xml"}])
        tree = xmltodict.parse(base64.b64decode(exchange.data), force_list=("case", "claim", "document"))
        root = tree["collection-claims"]
        self.assertEqual(root["@version"], "1.0")
        self.assertEqual(root["batch"]["creditor"]["number"], "C-1001")
        [xml_case] = root["case"]
        self.assertEqual(xml_case["reference"], case.name)
        self.assertEqual(xml_case["currency"], "NOK")
        self.assertEqual(xml_case["debtor"]["@type"], "person")
        self.assertEqual(xml_case["debtor"]["identification"], "01017012345")
        self.assertEqual(xml_case["claim"][0]["invoice"], invoice.name)
        self.assertEqual(xml_case["claim"][0]["principal"], "5000.00")
        self.assertEqual(xml_case["claim"][0]["fees"], "175.00")
        self.assertEqual(xml_case["claim"][0]["interest"], "101.03")
        self.assertEqual(xml_case["claim"][0]["due-date"], "2025-03-01")
        self.assertEqual(len(xml_case["document"]), 7)
        self.assertTrue(base64.b64decode(xml_case["document"][0]["#text"]))

    def test_interest_note_goes_with_the_claim(self):
        """An interest note booked on the invoice is a charge document like the letters' fees: it goes
        over with the claim, and the agency's payment pays it before the invoice (Norway)."""
        invoice = self.walk_to_collection()
        with self.on("2025-04-20"):
            wizard = Form(self.env["receivable.interest.note.create"].with_context(
                active_model="account.move", active_ids=invoice.ids))
            note = self.env["receivable.interest.note"].search(wizard.save().action_create()["domain"])
            note.action_approve()
            note.action_send()
        # 5,000 x 12.5 % x 50 / 365 from the due date (03-01) to the note (04-20).
        self.assertEqual(note.move_id.amount_total, 85.62)
        letters = invoice.dunning_letter_line_ids.letter_id

        case = self.transfer(invoice, "2025-04-29")

        self.assertEqual(case.fee_move_ids, letters.fee_move_id | note.move_id)
        self.assertTrue(note.move_id.dunning_in_collection)
        self.assertRecordValues(case, [{"amount_fees": 175.0, "amount_interest": 85.62, "amount_claimed": 5260.62,
                                        "amount_open": 5260.62}])
        self.upload_status(self.status_xml(
            (case.name, "active", self.event_xml("P1", "2025-05-10", "payment", "500")),
        ), "2025-05-11")
        self.assertTrue(all(move.payment_state in ("paid", "in_payment") for move in case.fee_move_ids))
        self.assertEqual(invoice.amount_residual, 4760.62, "5,000 less the 239.38 left after 175 + 85.62")

    def test_several_invoices_of_two_debtors_make_two_cases(self):
        first = self.make_invoice(self.person, 1000, "2025-03-01")
        second = self.make_invoice(self.person, 2000, "2025-03-01")
        third = self.make_invoice(self.firm, 3000, "2025-03-01")
        for day in ("2025-03-15", "2025-03-30", "2025-04-14"):
            self.run_and_send(day)
        cases = self.transfer(first | second | third, "2025-04-29")
        self.assertEqual(len(cases), 2)
        person_case = cases.filtered(lambda case: case.partner_id == self.person)
        self.assertEqual(person_case.line_ids.move_id, first | second)
        self.assertEqual(person_case.amount_principal, 3000.0)
        self.assertEqual(len(cases.exchange_id), 1, "one file per batch")

    def test_never_before_the_collection_notice_deadline(self):
        invoice = self.make_invoice(self.person, 5000, "2025-03-01")
        self.run_and_send("2025-03-15")
        with self.assertRaisesRegex(UserError, "no collection notice has been sent"):
            self.transfer(invoice, "2025-03-29")
        self.run_and_send("2025-03-30")
        self.assertEqual(invoice.collection_notice_deadline, Date.to_date("2025-04-13"))
        with self.assertRaisesRegex(UserError, "deadline runs until"):
            self.transfer(invoice, "2025-04-13")
        self.assertFalse(invoice.dunning_in_collection)
        self.assertFalse(self.env["receivable.collection.case"].search([("partner_id", "=", self.person.id)]))
        # The day after the deadline the accountant may hand it over, even before the payment demand.
        case = self.transfer(invoice, "2025-04-14")
        self.assertEqual(case.line_ids.move_id, invoice)

    def test_paid_or_disputed_invoices_are_refused(self):
        invoice = self.walk_to_collection()
        invoice.action_dunning_pause()
        with self.assertRaisesRegex(UserError, "objected"):
            self.transfer(invoice, "2025-04-29")
        invoice.action_dunning_resume()
        # Norway applies a payment to the letters' fees first: 5,000 leaves 175 of the invoice open,
        # which may still go to collection; 5,175 pays the fees and the invoice.
        self.pay(invoice, 5000, "2025-04-20")
        self.assertEqual(invoice.amount_residual, 175.0)
        self.pay(invoice, 175, "2025-04-21")
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        with self.assertRaisesRegex(UserError, "already paid"):
            self.transfer(invoice, "2025-04-29")

    def test_automatic_transfer_follows_the_setting_and_the_deadline(self):
        """Companies (reminder, collection notice): consider collection the day after the notice deadline."""
        invoice = self.make_invoice(self.firm, 8000, "2025-03-01")
        self.run_and_send("2025-03-15")
        self.run_and_send("2025-03-30")
        self.assertEqual(invoice.collection_notice_deadline, Date.to_date("2025-04-13"))
        self.run_dunning("2025-04-14")
        self.assertFalse(invoice.dunning_in_collection, "manual transfer: the run hands nothing over")

        self.company.dunning_collection_transfer = "automatic"
        self.run_dunning("2025-04-13")
        self.assertFalse(invoice.dunning_in_collection, "not before the notice deadline has passed")
        self.run_dunning("2025-04-14")
        self.assertTrue(invoice.dunning_in_collection)
        self.assertEqual(invoice.collection_case_id.agency_id, self.agency)
        self.assertEqual(invoice.collection_case_id.transfer_date, Date.to_date("2025-04-14"))

    def test_automatic_transfer_needs_a_collection_notice(self):
        """A profile without a collection notice ends in "consider collection", but is not handed over."""
        self.firm.dunning_profile_id = self.env.ref("receivable_dunning.dunning_profile_se")
        self.company.dunning_collection_transfer = "automatic"
        invoice = self.make_invoice(self.firm, 8000, "2025-03-01")
        for day in ("2025-03-15", "2025-04-01", "2025-05-01"):
            self.run_and_send(day)
        self.assertStatus(invoice, "consider_collection", "2025-06-01")
        self.run_dunning("2025-06-01")
        self.assertFalse(invoice.dunning_in_collection)

    def test_collection_notice_branded_with_the_agency(self):
        self.make_invoice(self.person, 5000, "2025-03-01")
        self.run_and_send("2025-03-15")
        notice = self.run_dunning("2025-03-30")
        report = self.env.ref("receivable_dunning.action_report_dunning_letter")
        html = self.env["ir.actions.report"]._render_qweb_html(report, notice.ids)[0].decode()
        self.assertNotIn("Inkassopartner AS", html)
        self.agency.branded_notices = True
        html = self.env["ir.actions.report"]._render_qweb_html(report, notice.ids)[0].decode()
        self.assertIn("Inkassopartner AS", html)
        self.assertIn("rb@inkasso.example.com", html)
        self.assertIn(self.company.name, html, "printed on behalf of the creditor")
