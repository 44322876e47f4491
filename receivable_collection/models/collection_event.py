from odoo import fields, models

EVENT_KINDS = [
    ("transfer", "Handed over"),
    ("sent", "Sent to the agency"),
    ("status", "Status"),
    ("payment", "Payment"),
    ("cost", "Cost"),
    ("commission", "Commission"),
    ("note", "Note"),
    ("closed", "Closed"),
    ("error", "Error"),
]


class ReceivableCollectionEvent(models.Model):
    """The case history: what was done in Odoo and what the agency reported, with its raw data."""

    _name = "receivable.collection.event"
    _description = "Collection case event"
    _order = "date desc, id desc"

    case_id = fields.Many2one("receivable.collection.case", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="case_id.currency_id", store=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    kind = fields.Selection(EVENT_KINDS, required=True)
    amount = fields.Monetary()
    message = fields.Text()
    external_id = fields.Char(
        string="Agency event id", index="btree_not_null", readonly=True,
        help="The agency's id of the event: an event reported twice is applied once.",
    )
    payload = fields.Text(string="Raw data", readonly=True, help="The event as the agency sent it.")
    exchange_id = fields.Many2one(
        "receivable.collection.exchange", string="File", readonly=True, index="btree_not_null",
    )
    payment_id = fields.Many2one("account.payment", readonly=True)
    bill_id = fields.Many2one("account.move", string="Vendor bill", readonly=True)

    _external_id_unique = models.Constraint(
        "UNIQUE(case_id, external_id)", "The agency reported the same event twice on a case.",
    )
