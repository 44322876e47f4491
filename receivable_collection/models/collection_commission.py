from odoo import api, fields, models
from odoo.exceptions import ValidationError

PHASES = [
    ("voluntary", "Voluntary collection"),
    ("legal", "Legal collection"),
    ("after_collection", "After-collection"),
]


class ReceivableCollectionCommission(models.Model):
    """What the agency keeps of the capital it collects in a phase (e.g. 25 % in after-collection).

    Used when the agency reports a payment without stating its commission.
    """

    _name = "receivable.collection.commission"
    _description = "Collection commission rule"
    _order = "agency_id, phase, id"

    agency_id = fields.Many2one("receivable.collection.agency", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="agency_id.company_id", store=True)
    phase = fields.Selection(PHASES, help="Empty: any phase without a rule of its own.")
    rate = fields.Float(
        string="Commission (%)", digits=(5, 2),
        help="Percent of the capital collected: the part of a payment that pays the invoices themselves, "
        "not their fees or interest.",
    )
    note = fields.Char(help="Where the rule comes from, e.g. the agency's price list.")

    @api.constrains("rate")
    def _check_rate(self):
        for rule in self:
            if not 0 <= rule.rate <= 100:
                raise ValidationError(self.env._("A commission rate is between 0 and 100 %."))
