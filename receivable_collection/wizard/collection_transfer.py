from odoo import api, fields, models


class ReceivableCollectionTransfer(models.TransientModel):
    """Hand the selected invoices over to an agency: one click from the work list or the invoice."""

    _name = "receivable.collection.transfer"
    _description = "Transfer to collection"

    move_ids = fields.Many2many("account.move", string="Invoices", required=True)
    company_id = fields.Many2one("res.company", compute="_compute_company_id")
    agency_id = fields.Many2one(
        "receivable.collection.agency", required=True, default=lambda self: self._default_agency(),
        domain="[('company_id', '=', company_id)]",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount_residual = fields.Monetary(string="Open amount", compute="_compute_amount_residual")

    @api.depends("move_ids")
    def _compute_company_id(self):
        for wizard in self:
            wizard.company_id = wizard.move_ids.company_id[:1] or self.env.company

    @api.model
    def _default_agency(self):
        """The company's default agency, else its first one; the company is that of the invoices."""
        moves = self.env["account.move"].browse(self.env.context.get("default_move_ids") or [])
        company = moves.company_id[:1] or self.env.company
        return company.collection_agency_id or self.env["receivable.collection.agency"].search(
            [("company_id", "=", company.id)], limit=1)

    @api.depends("move_ids")
    def _compute_amount_residual(self):
        for wizard in self:
            wizard.amount_residual = sum(wizard.move_ids.mapped("amount_residual_signed"))

    def action_transfer(self):
        self.ensure_one()
        cases = self.env["receivable.collection.case"]._transfer(self.move_ids, self.agency_id)
        action = self.env["ir.actions.act_window"]._for_xml_id("receivable_collection.action_collection_case")
        if len(cases) == 1:
            action.update(res_id=cases.id, view_mode="form", views=[(False, "form")])
        else:
            action["domain"] = [("id", "in", cases.ids)]
        return action
