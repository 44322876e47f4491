from odoo import fields, models


class ResCompany(models.Model):
    """The agency claims go to, by hand or automatically (dunning setting "Transfer to collection")."""

    _inherit = "res.company"

    collection_agency_id = fields.Many2one(
        "receivable.collection.agency", string="Default collection agency",
        domain="[('company_id', '=', id)]",
        help="Invoices handed over to collection go to this agency unless another is chosen.",
    )
