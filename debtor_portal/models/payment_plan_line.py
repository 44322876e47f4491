from odoo import fields, models


class ReceivablePaymentPlanLine(models.Model):
    """One instalment of a payment plan: when and how much."""

    _name = "receivable.payment.plan.line"
    _description = "Payment plan instalment"
    _order = "plan_id, sequence, id"

    plan_id = fields.Many2one("receivable.payment.plan", string="Payment plan", required=True, ondelete="cascade",
                              index=True)
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="plan_id.currency_id")
    sequence = fields.Integer(string="No.", readonly=True)
    date = fields.Date(string="Due date", required=True, readonly=True)
    amount = fields.Monetary(required=True, readonly=True)
