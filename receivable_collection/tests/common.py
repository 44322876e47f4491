import base64

from odoo.addons.receivable_dunning.tests.common import DunningCommon


class CollectionCommon(DunningCommon):
    """DunningCommon with an agency exchanging XML files: 25 % commission in after-collection (seed 003)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agency_partner = cls.env["res.partner"].create({
            "name": "Inkassopartner AS", "is_company": True, "email": "rb@inkasso.example.com",
        })
        cls.bank_journal = cls.company_data["default_journal_bank"]
        cls.expense_account = cls.company_data["default_account_expense"]
        cls.agency = cls.env["receivable.collection.agency"].create({
            "name": "Inkassopartner AS",
            "company_id": cls.company.id,
            "partner_id": cls.agency_partner.id,
            "code": "C-1001",
            "exchange_method": "xml_file",
            "journal_id": cls.bank_journal.id,
            "expense_account_id": cls.expense_account.id,
            "commission_ids": [
                (0, 0, {"phase": "after_collection", "rate": 25.0, "note": "Seed 003: 25 % of the capital"}),
            ],
        })
        cls.company.collection_agency_id = cls.agency
        # The letters here book fees only, so the figures below follow principal, fees and payments;
        # interest booked by letters has its own tests in receivable_dunning.
        cls.profile_person.stage_ids.charge_interest = False
        cls.person.company_registry = "01017012345"

    def walk_to_collection(self, partner=None, amount=5000, due="2025-03-01"):
        """A person's invoice through reminder (03-15), collection notice (03-30, deadline 04-13)
        and payment demand (04-14): from 04-29 it is "Not paid - consider collection"."""
        invoice = self.make_invoice(partner or self.person, amount, due)
        for day in ("2025-03-15", "2025-03-30", "2025-04-14"):
            self.run_and_send(day)
        return invoice

    def transfer(self, moves, on, agency=None):
        with self.on(on):
            wizard = self.env["receivable.collection.transfer"].with_context(
                default_move_ids=moves.ids).create({})
            if agency:
                wizard.agency_id = agency
            wizard.action_transfer()
        return moves.collection_case_line_ids.case_id

    def upload_status(self, content, on, agency=None, file_format="xml"):
        with self.on(on):
            exchange = self.env["receivable.collection.exchange"].create({
                "agency_id": (agency or self.agency).id,
                "direction": "in",
                "file_format": file_format,
                "filename": f"status.{file_format}",
                "data": base64.b64encode(content.encode()),
            })
            exchange.action_process()
        return exchange

    @staticmethod
    def status_xml(*cases):
        """<collection-status> with one <case> per (reference, status, extra elements) tuple."""
        body = "".join(
            f"<case><reference>{reference}</reference><status>{status}</status>{extra}</case>"
            for reference, status, extra in cases
        )
        return f'<?xml version="1.0" encoding="utf-8"?><collection-status version="1.0">{body}</collection-status>'

    @staticmethod
    def event_xml(event_id, day, kind, amount=None, currency=None, message=""):
        parts = [f"<id>{event_id}</id>", f"<date>{day}</date>", f"<kind>{kind}</kind>"]
        if amount is not None:
            parts.append(f"<amount>{amount}</amount>")
        if currency:
            parts.append(f"<currency>{currency}</currency>")
        if message:
            parts.append(f"<message>{message}</message>")
        return f"<event>{''.join(parts)}</event>"

    def case_snapshot(self, cases):
        """Everything a status could change, to prove that a rejected one changed nothing."""
        cases.invalidate_recordset()
        moves = cases.move_ids | cases.fee_move_ids
        moves.invalidate_recordset()
        return {
            "cases": cases.read(["state", "close_reason", "phase", "agency_reference", "amount_paid",
                                 "amount_commission", "date_started", "date_closed"]),
            "events": cases.event_ids.ids,
            "residuals": moves.mapped("amount_residual"),
            "in_collection": moves.mapped("dunning_in_collection"),
            "payments": self.env["account.payment"].search_count([("journal_id", "=", self.bank_journal.id)]),
            "bills": self.env["account.move"].search_count([("move_type", "=", "in_invoice"),
                                                            ("partner_id", "=", self.agency_partner.id)]),
        }
