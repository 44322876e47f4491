from odoo import fields, models

CHARGE_SELECTION = [
    ("fee", "Reminder fee"),
    ("compensation", "Fixed compensation"),
    ("interest", "Late-payment interest"),
]


class AccountMoveLine(models.Model):
    """Marks the lines of dunning charge documents, so reports can tell fees from interest."""

    _inherit = "account.move.line"

    dunning_charge = fields.Selection(CHARGE_SELECTION, string="Dunning charge", copy=True, index="btree_not_null")
