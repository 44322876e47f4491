import base64

from odoo.fields import Date
from odoo.tests import tagged

from .common import CollectionCommon


@tagged("post_install", "-at_install")
class TestCollectionStatusFile(CollectionCommon):
    """Status files activate, pay in part and close cases; payments reconciled, commission billed."""

    def setUp(self):
        super().setUp()
        self.invoice = self.walk_to_collection()
        self.case = self.transfer(self.invoice, "2025-04-29")
        self.claims = self.invoice | self.case.fee_move_ids

    def test_activate_pay_in_part_then_close_paid(self):
        ref = self.case.name
        exchange = self.upload_status(self.status_xml(
            (ref, "active", "<agency-reference>K-778</agency-reference><phase>voluntary</phase>"
                            + self.event_xml("E1", "2025-05-10", "payment", "2000.00", "NOK", "First instalment")),
        ), "2025-05-11")
        self.assertRecordValues(exchange, [{"state": "done", "error": False}])
        self.assertRecordValues(self.case, [{
            "state": "active", "agency_reference": "K-778", "phase": "voluntary",
            "date_started": Date.to_date("2025-05-11"), "amount_paid": 2000.0, "amount_commission": 0.0,
            "amount_open": 3175.0,
        }])
        payment_event = self.case.event_ids.filtered(lambda event: event.kind == "payment")
        self.assertRecordValues(payment_event, [{"amount": 2000.0, "external_id": "E1", "exchange_id": exchange.id,
                                                 "date": Date.to_date("2025-05-10")}])
        self.assertIn('"id": "E1"', payment_event.payload)
        payment = payment_event.payment_id
        self.assertRecordValues(payment, [{"amount": 2000.0, "journal_id": self.bank_journal.id,
                                           "partner_id": self.person.id, "date": Date.to_date("2025-05-10")}])
        self.assertEqual(sum(self.claims.mapped("amount_residual")), 3175.0, "reconciled with the claims")
        # Norway applies the payment to the letters' fees first (35 + 35 + 105), then to the invoice.
        self.assertTrue(all(move.payment_state in ("paid", "in_payment") for move in self.case.fee_move_ids))
        self.assertEqual(self.invoice.amount_residual, 3175.0)
        self.assertEqual(exchange.case_ids, self.case)

        # The same file again (the agency resends everything): nothing is applied twice.
        self.upload_status(self.status_xml(
            (ref, "active", self.event_xml("E1", "2025-05-10", "payment", "2000.00")),
        ), "2025-05-12")
        self.assertEqual(self.case.amount_paid, 2000.0)
        self.assertEqual(len(self.case.event_ids.filtered(lambda event: event.kind == "payment")), 1)

        # After-collection: the rest is paid, the agency keeps 25 % of the capital it collected. The first
        # 2,000 paid the 175 of fees and 1,825 of the invoice, so all 3,175 now is capital: 793.75.
        self.upload_status(self.status_xml(
            (ref, "closed", "<phase>after_collection</phase><close-reason>paid</close-reason>"
                            + self.event_xml("E2", "2025-06-20", "payment", "3175.00")
                            + self.event_xml("E3", "2025-06-20", "cost", "150.00", message="Court fee")),
        ), "2025-06-21")
        self.assertRecordValues(self.case, [{
            "state": "closed", "close_reason": "paid", "phase": "after_collection",
            "date_closed": Date.to_date("2025-06-21"), "amount_paid": 5175.0, "amount_commission": 793.75,
            "amount_costs": 150.0, "amount_open": 0.0,
        }])
        self.assertTrue(all(move.payment_state in ("paid", "in_payment") for move in self.claims))
        self.assertStatus(self.invoice, "paid", "2025-06-21")
        bill = self.case.event_ids.filtered(lambda event: event.kind == "commission").bill_id
        self.assertRecordValues(bill, [{
            "move_type": "in_invoice", "state": "posted", "partner_id": self.agency_partner.id,
            "amount_total": 943.75, "invoice_date": Date.to_date("2025-06-20"),
        }])
        self.assertEqual(bill.invoice_line_ids.account_id, self.expense_account)
        self.assertEqual(self.case.event_ids.filtered(lambda event: event.kind == "cost").bill_id, bill)
        self.assertTrue(any(f"{ref} closed: Paid" in str(body) for body in self.invoice.message_ids.mapped("body")))

    def test_commission_only_on_the_capital_a_payment_reaches(self):
        """Norway pays the letters' 175 of fees first: of a first 1,000 only 825 reaches the invoice,
        and the agency's 25 % is on that capital: 206.25."""
        self.upload_status(self.status_xml(
            (self.case.name, "active", "<phase>after_collection</phase>"
                                       + self.event_xml("P1", "2025-06-01", "payment", "1000")),
        ), "2025-06-02")
        self.assertEqual(self.invoice.amount_residual, 4175.0)
        self.assertRecordValues(self.case, [{"amount_paid": 1000.0, "amount_commission": 206.25,
                                             "amount_open": 4175.0}])
        bill = self.case.event_ids.filtered(lambda event: event.kind == "commission").bill_id
        self.assertRecordValues(bill, [{"state": "posted", "amount_total": 206.25}])

    def test_explicit_commission_and_partly_paid(self):
        self.upload_status(self.status_xml(
            (self.case.name, "closed", "<phase>after_collection</phase><close-reason>partly_paid</close-reason>"
                                       + self.event_xml("P1", "2025-06-01", "payment", "1000")
                                       + self.event_xml("C1", "2025-06-01", "commission", "100")),
        ), "2025-06-02")
        self.assertRecordValues(self.case, [{"state": "closed", "close_reason": "partly_paid",
                                             "amount_paid": 1000.0, "amount_commission": 100.0}])
        self.assertEqual(sum(self.claims.mapped("amount_residual")), 4175.0)
        self.assertTrue(self.invoice.dunning_in_collection, "a partly paid case does not go back to dunning")

    def test_interest_collected_is_booked_as_income(self):
        """The agency remits principal, fees, the interest the letters booked and part of the interest
        accrued since: that excess is interest income. More than the interest accrued is refused."""
        interest_account = self.company_data["default_account_revenue"].copy({"code": "8050", "name": "Interest"})
        self.company.dunning_interest_account_id = interest_account
        self.profile_person.stage_ids.charge_interest = True
        invoice = self.walk_to_collection()
        case = self.transfer(invoice, "2025-04-29")
        claims = invoice | case.fee_move_ids
        # Open: 5,000 + 175 of fees + 75.34 of interest booked by the three letters (until 04-14).
        self.assertEqual(case.amount_open, 5250.34)
        # By 06-01 the interest has grown to 5,000 x 12.5 % x 92 / 365 = 157.53, of which 82.19 is not
        # booked: the agency may remit at most 5,332.53.
        refused = self.upload_status(self.status_xml(
            (case.name, "closed", "<close-reason>paid</close-reason>"
                                  + self.event_xml("P0", "2025-06-01", "payment", "5332.54")),
        ), "2025-06-02")
        self.assertEqual(refused.state, "failed")
        self.assertIn("82.19", refused.error)
        self.assertRecordValues(case, [{"state": "not_started", "amount_paid": 0.0, "amount_open": 5250.34}])

        self.upload_status(self.status_xml(
            (case.name, "closed", "<close-reason>paid</close-reason>"
                                  + self.event_xml("P1", "2025-06-01", "payment", "5300.34")),
        ), "2025-06-02")
        self.assertRecordValues(case, [{"state": "closed", "amount_paid": 5300.34, "amount_open": 0.0}])
        self.assertTrue(all(move.payment_state in ("paid", "in_payment") for move in claims))
        payment = case.event_ids.filtered(lambda event: event.kind == "payment").payment_id
        interest_line = payment.move_id.line_ids.filtered(lambda line: line.account_id == interest_account)
        self.assertEqual(interest_line.credit, 50.0)
        self.assertIn("Late-payment interest", interest_line.name)

    def test_returned_case_goes_back_to_dunning(self):
        self.upload_status(self.status_xml(
            (self.case.name, "closed", "<close-reason>returned</close-reason>"
                                       + self.event_xml("N1", "2025-05-20", "note", message="Debtor abroad")),
        ), "2025-05-20")
        self.assertRecordValues(self.case, [{"state": "closed", "close_reason": "returned"}])
        self.assertEqual(self.case.event_ids.filtered(lambda event: event.kind == "note").message, "Debtor abroad")
        self.assertFalse(any(self.claims.mapped("dunning_in_collection")))
        self.assertStatus(self.invoice, "consider_collection", "2025-05-21")

    def test_malformed_file_changes_nothing(self):
        before = self.case_snapshot(self.case)
        exchange = self.upload_status("<collection-status><case><reference>", "2025-05-11")
        self.assertEqual(exchange.state, "failed")
        self.assertIn("not readable XML", exchange.error)
        self.assertEqual(self.case_snapshot(self.case), before)

    def test_unknown_case_changes_nothing(self):
        """A good case before an unknown one: the file is refused as a whole."""
        before = self.case_snapshot(self.case)
        exchange = self.upload_status(self.status_xml(
            (self.case.name, "active", self.event_xml("E1", "2025-05-10", "payment", "2000.00")),
            ("COLL/2025/99999", "active", ""),
        ), "2025-05-11")
        self.assertEqual(exchange.state, "failed")
        self.assertIn("COLL/2025/99999", exchange.error)
        self.assertIn("unknown", exchange.error)
        self.assertEqual(self.case_snapshot(self.case), before)
        self.assertFalse(exchange.event_ids)

        # Kept and retried: once fixed (here the agency corrects the reference), it applies.
        exchange.action_reset()
        self.assertEqual(exchange.state, "draft")

    def test_inconsistent_files_change_nothing(self):
        before = self.case_snapshot(self.case)
        bad_files = {
            "must be positive": self.event_xml("E1", "2025-05-10", "payment", "-10"),
            "is in NOK": self.event_xml("E1", "2025-05-10", "payment", "10", "EUR"),
            "unknown kind": self.event_xml("E1", "2025-05-10", "refund", "10"),
            "not a date": self.event_xml("E1", "10.05.2025", "payment", "10"),
            "5,175.00 is open": self.event_xml("E1", "2025-05-10", "payment", "6000"),
        }
        for expected, event in bad_files.items():
            exchange = self.upload_status(self.status_xml((self.case.name, "active", event)), "2025-05-11")
            self.assertEqual(exchange.state, "failed", expected)
            self.assertIn(expected, exchange.error.replace("\N{NO-BREAK SPACE}", " ").replace("\u202f", " "))
        exchange = self.upload_status(self.status_xml((self.case.name, "finished", "")), "2025-05-11")
        self.assertIn("unknown status 'finished'", exchange.error)
        exchange = self.upload_status(self.status_xml((self.case.name, "closed", "")), "2025-05-11")
        self.assertIn("without a close-reason", exchange.error)
        self.assertEqual(self.case_snapshot(self.case), before)

    def test_failure_while_applying_is_undone(self):
        """A problem found only while applying (no payments journal) undoes the case's earlier changes."""
        self.agency.journal_id = False
        before = self.case_snapshot(self.case)
        exchange = self.upload_status(self.status_xml(
            (self.case.name, "active", "<agency-reference>K-1</agency-reference>"
                                       + self.event_xml("E1", "2025-05-10", "payment", "100")),
        ), "2025-05-11")
        self.assertEqual(exchange.state, "failed")
        self.assertIn("payments journal", exchange.error)
        self.assertEqual(self.case_snapshot(self.case), before)

    def test_sync_now_applies_pending_files_and_retries_failed_ones(self):
        exchange = self.upload_status(self.status_xml(
            (self.case.name, "active", self.event_xml("E1", "2025-05-10", "payment", "500")),
        ), "2025-05-11")
        self.assertEqual(exchange.state, "done")
        self.agency.journal_id, journal = False, self.agency.journal_id
        failed = self.upload_status(self.status_xml(
            (self.case.name, "active", self.event_xml("E2", "2025-05-20", "payment", "500")),
        ), "2025-05-21")
        self.assertEqual(failed.state, "failed")
        self.agency.journal_id = journal
        with self.on("2025-05-22"):
            self.case.action_sync_now()
        self.assertRecordValues(failed, [{"state": "done", "attempts": 2}])
        self.assertEqual(self.case.amount_paid, 1000.0)
        self.assertTrue(self.agency.last_sync)

    def test_daily_sync_applies_each_agency_in_its_own_company(self):
        """The cron works for every company: another company's status file is booked in that company."""
        other = self.make_company("Sør AS", "no", "NOK", "dunning_profile_no_person")
        bank = self.env["account.journal"].search([("company_id", "=", other.id), ("type", "=", "bank")], limit=1)
        expense = self.env["account.account"].with_company(other).search(
            [("account_type", "=", "expense")], limit=1)
        partner = self.env["res.partner"].create({"name": "Sør Inkasso AS", "is_company": True})
        other_agency = self.env["receivable.collection.agency"].create({
            "name": "Sør Inkasso AS", "company_id": other.id, "partner_id": partner.id,
            "journal_id": bank.id, "expense_account_id": expense.id,
        })
        invoice = self.make_invoice(self.person, 700, "2025-03-01", company=other)
        for day in ("2025-03-15", "2025-03-30", "2025-04-14"):
            self.run_and_send(day, other)
        case = self.transfer(invoice, "2025-04-29", agency=other_agency)
        self.assertEqual(case.company_id, other)
        with self.on("2025-05-11"):
            self.env["receivable.collection.exchange"].create({
                "agency_id": other_agency.id, "direction": "in", "file_format": "xml", "filename": "status.xml",
                "data": base64.b64encode(self.status_xml(
                    (case.name, "active", self.event_xml("S1", "2025-05-10", "payment", "300"))).encode()),
            })
            self.env["receivable.collection.case"]._cron_sync(commit=False)
        payment = case.event_ids.filtered(lambda event: event.kind == "payment").payment_id
        self.assertRecordValues(payment, [{"company_id": other.id, "journal_id": bank.id, "amount": 300.0}])
        # Norway: the 300 paid the letters' 175 of fees first, then 125 of the invoice.
        self.assertEqual(invoice.amount_residual, 575.0)
        self.assertTrue(all(fee.payment_state in ("paid", "in_payment") for fee in case.fee_move_ids))
