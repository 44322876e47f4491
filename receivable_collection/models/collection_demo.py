from decimal import Decimal

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from .. import exchange_format

# Invoices handed over in the demo: (customer xml id of receivable_dunning's demo, amount,
# days overdue, days ago each letter was sent, days ago handed over).
DEMO_CLAIMS = [
    ("demo_partner_olsen", 6200.0, 150, (136, 121, 106), 90),
    ("demo_partner_nord", 3900.0, 130, (116, 101), 80),
    ("demo_partner_berg", 12400.0, 100, (86, 71), 20),
]


class ReceivableCollectionDemo(models.AbstractModel):
    """An agency and three cases: not started, active with a first payment, closed paid.

    Built on receivable_dunning's demo company and customers, with dates relative
    to the day the demo is installed; tests never use this data.
    """

    _name = "receivable.collection.demo"
    _description = "Debt collection demo data loader"

    @api.model
    def _load_demo_data(self):
        accountant = self.env.ref("receivable_dunning.demo_user_accountant", raise_if_not_found=False)
        if not accountant:
            return self.env["receivable.collection.case"]
        company = accountant.company_id
        agency = self._demo_agency(company)
        invoices = self._demo_invoices(company)
        today = fields.Date.context_today(self)
        cases = self.env["receivable.collection.case"]
        for invoice, (*_head, transfer_days) in zip(invoices, DEMO_CLAIMS, strict=True):
            on = today - relativedelta(days=transfer_days)
            cases |= cases.with_context(date=on).with_company(company)._transfer(invoice, agency)
        active, paid, _not_started = cases
        self._demo_status(agency, active, "active", "voluntary", "", [
            ("D1", today - relativedelta(days=60), "payment", "2000.00", "First instalment"),
        ], today - relativedelta(days=59))
        self._demo_status(agency, paid, "closed", "after_collection", "paid", [
            ("D2", today - relativedelta(days=30), "payment", f"{paid.amount_open:.2f}", "Paid in full"),
        ], today - relativedelta(days=29))
        return cases

    @api.model
    def _demo_agency(self, company):
        partner = self.env["res.partner"].create({
            "name": "Inkassopartner AS", "is_company": True, "email": "rb@inkassopartner.example.com",
            "phone": "+47 46 43 33 82", "company_id": company.id,
        })
        agency = self.env["receivable.collection.agency"].create({
            "name": "Inkassopartner AS",
            "company_id": company.id,
            "partner_id": partner.id,
            "code": "C-1001",
            "exchange_method": "xml_file",
            "branded_notices": True,
            "journal_id": self.env["account.journal"].search(
                [("company_id", "=", company.id), ("type", "=", "bank")], limit=1).id,
            "expense_account_id": company.expense_account_id.id,
            "commission_ids": [fields.Command.create({
                "phase": "after_collection", "rate": 25.0, "note": "25 % of the capital in after-collection",
            })],
        })
        company.collection_agency_id = agency
        self.env["ir.model.data"]._update_xmlids([{
            "xml_id": "receivable_collection.demo_agency", "record": agency, "noupdate": True,
        }])
        return agency

    @api.model
    def _demo_invoices(self, company):
        today = fields.Date.context_today(self)
        moves = self.env["account.move"].with_company(company).create([{
            "move_type": "out_invoice",
            "partner_id": self.env.ref(f"receivable_dunning.{partner}").id,
            "invoice_date": today - relativedelta(days=overdue + 14),
            "invoice_date_due": today - relativedelta(days=overdue),
            "invoice_line_ids": [fields.Command.create({
                "name": "Consulting services", "quantity": 1, "price_unit": amount,
                "tax_ids": [fields.Command.clear()],
            })],
        } for partner, amount, overdue, _letters, _transfer in DEMO_CLAIMS])
        moves.action_post()
        run = self.env["receivable.dunning.run"]
        ruleset = self.env["receivable.legal.rule"]._ruleset()
        sendings = sorted({days for *_head, letters, _transfer in DEMO_CLAIMS for days in letters}, reverse=True)
        for days_ago in sendings:
            on = today - relativedelta(days=days_ago)
            due = moves.filtered(lambda move, days_ago=days_ago: days_ago in DEMO_CLAIMS[list(moves).index(move)][3])
            letters = run._prepare_letters(run.with_context(date=on)._plan(due, on), on, ruleset)
            letters.action_approve()
            letters._send(on)
        return moves

    @api.model
    def _demo_status(self, agency, case, status, phase, reason, events, on):
        """Apply a status as the agency's file would bring it."""
        statuses = [exchange_format.CaseStatus(
            reference=case.name, status=status, agency_reference=f"K-{case.id:05d}", phase=phase,
            close_reason=reason, events=tuple(
                exchange_format.StatusEvent(event_id, day, kind, Decimal(amount), None, message)
                for event_id, day, kind, amount, message in events
            ),
        )]
        self.env["receivable.collection.case"].with_context(date=on)._apply_statuses(agency, statuses, None)
