from odoo import api, fields, models


class ReceivableDunningProfile(models.Model):
    """An ordered list of letters (stages) that an overdue invoice walks through."""

    _name = "receivable.dunning.profile"
    _description = "Dunning profile"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", index=True, help="Empty: available to every company.",
    )
    country_id = fields.Many2one(
        "res.country", help="The country whose law this profile was written for (informative).",
    )
    customer_type = fields.Selection(
        [("any", "Persons and companies"), ("person", "Persons"), ("company", "Companies")],
        string="Default for", required=True, default="any",
        help="Companies of this profile's country get it as default for these customers.",
    )
    letter_grouping = fields.Selection(
        [("customer", "One letter per customer"), ("invoice", "One letter per invoice")],
        required=True, default="customer",
        help="Per customer: one letter lists all of the customer's invoices that are due a letter, "
        "at the highest stage any of them reached.",
    )
    charge_compensation = fields.Boolean(
        string="Charge B2B compensation",
        help="Business customers are charged the fixed compensation for late payment (EUR 40 or the national "
        "amount in force on the due date) once per invoice, with the first letter.",
    )
    stage_ids = fields.One2many("receivable.dunning.stage", "profile_id", string="Stages", copy=True)
    stage_count = fields.Integer(compute="_compute_stage_count")

    @api.depends("stage_ids")
    def _compute_stage_count(self):
        for profile in self:
            profile.stage_count = len(profile.stage_ids)
