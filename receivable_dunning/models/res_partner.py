from odoo import api, fields, models
from odoo.fields import Domain


class ResPartner(models.Model):
    """Dunning settings of a customer and its badge as a person or a company."""

    _inherit = "res.partner"

    dunning_customer_type = fields.Selection(
        [("person", "Person"), ("company", "Company")], string="Dunning as",
        compute="_compute_dunning_customer_type", store=True, readonly=False, precompute=True,
        help="Decides the default profile and the consumer or business rules; "
        "it follows 'Is a company' unless changed here.",
    )
    dunning_profile_id = fields.Many2one(
        "receivable.dunning.profile", string="Dunning profile",
        help="Overrides the company's default profile for this customer.",
    )
    dunning_blocked = fields.Boolean(string="Do not remind")
    dunning_invoice_email = fields.Char(string="Invoicing e-mail")
    dunning_missing_address = fields.Boolean(
        compute="_compute_dunning_missing_address", search="_search_dunning_missing_address",
    )

    @api.depends("is_company")
    def _compute_dunning_customer_type(self):
        for partner in self:
            partner.dunning_customer_type = "company" if partner.is_company else "person"

    @api.depends("street", "city", "zip")
    def _compute_dunning_missing_address(self):
        waiting = set(self._dunning_partners_ready().ids)
        for partner in self:
            partner.dunning_missing_address = partner.id in waiting and not partner._dunning_has_address()

    def _search_dunning_missing_address(self, operator, value):
        if operator != "in":
            return NotImplemented
        missing = Domain.OR([Domain(name, "=", False) for name in ("street", "city", "zip")])
        domain = Domain("id", "in", self._dunning_partners_ready().ids) & missing
        return domain if True in value else ~domain

    def _dunning_has_address(self):
        self.ensure_one()
        return bool(self.street and self.city and self.zip)

    @api.model
    def _dunning_partners_ready(self):
        """Customers with invoices ready for a letter, in the companies of the switcher."""
        groups = self.env["account.move"]._read_group(
            [("dunning_status", "=", "ready"), ("company_id", "in", self.env.companies.ids)],
            ["commercial_partner_id"],
        )
        return self.browse([partner.id for (partner,) in groups])

    def action_dunning_toggle_customer_type(self):
        """The P/B badge of the work lists: switch between person and company rules."""
        # sudo: accountants without contact rights may switch this one dunning field, nothing else.
        for partner in self.commercial_partner_id.sudo():
            partner.dunning_customer_type = "person" if partner.dunning_customer_type == "company" else "company"
        return True
