from odoo import api, fields, models


class ReceivableCollectionCaseLine(models.Model):
    """One invoice of a case: what was claimed for it when it was handed over, and what is paid since."""

    _name = "receivable.collection.case.line"
    _description = "Collection case claim"
    _order = "case_id, invoice_date_due, id"

    case_id = fields.Many2one("receivable.collection.case", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="case_id.currency_id", store=True)
    move_id = fields.Many2one("account.move", string="Invoice", required=True, ondelete="restrict", index=True)
    invoice_date = fields.Date(related="move_id.invoice_date")
    invoice_date_due = fields.Date(string="Due date", readonly=True)
    principal = fields.Monetary(readonly=True, help="The invoice's open amount when it was handed over.")
    fees = fields.Monetary(readonly=True, help="Unpaid dunning fees on the invoice when it was handed over.")
    interest = fields.Monetary(readonly=True, help="Late-payment interest accrued when it was handed over.")
    amount_total = fields.Monetary(string="Claimed", compute="_compute_amount_total", store=True)
    amount_residual = fields.Monetary(string="Still open", related="move_id.amount_residual")
    payment_state = fields.Selection(related="move_id.payment_state")

    @api.depends("principal", "fees", "interest")
    def _compute_amount_total(self):
        for line in self:
            line.amount_total = line.currency_id.round(line.principal + line.fees + line.interest)
