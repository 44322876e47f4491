from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError


class ReceivableInterestNoteCreate(models.TransientModel):
    """Issue interest notes for the selected invoices: one note per customer and currency."""

    _name = "receivable.interest.note.create"
    _description = "Create interest notes"

    move_ids = fields.Many2many("account.move", string="Invoices", required=True)
    date = fields.Date(string="Note date", required=True, default=fields.Date.context_today)
    deadline_days = fields.Integer(string="Days to pay", required=True, default=14)
    rate_mode = fields.Selection(
        [("statutory", "Statutory rate"), ("contractual", "Contractual rate")], required=True, default="statutory",
    )
    contractual_rate = fields.Float(string="Agreed rate (%)", digits=(16, 4))

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "account.move" and "move_ids" in fields_list:
            values["move_ids"] = [fields.Command.set(self.env.context.get("active_ids", []))]
        return values

    def action_create(self):
        self.ensure_one()
        if self.deadline_days < 0:
            raise UserError(self.env._("The days to pay cannot be negative."))
        invoices = self.move_ids.filtered(
            lambda move: move.move_type == "out_invoice" and move.state == "posted"
            and not move._dunning_is_charge() and move.invoice_date_due and move.invoice_date_due < self.date
        )
        if not invoices:
            raise UserError(self.env._("None of the selected documents is a posted invoice due before %(date)s.",
                                       date=self.date))
        groups = {}
        for move in invoices:
            groups.setdefault((move.company_id, move.commercial_partner_id, move.currency_id), []).append(move)
        notes = self.env["receivable.interest.note"].create([{
            "company_id": company.id,
            "partner_id": partner.id,
            "currency_id": currency.id,
            "date": self.date,
            "payment_deadline": self.date + timedelta(days=self.deadline_days),
            "rate_mode": self.rate_mode,
            "contractual_rate": self.contractual_rate,
            "line_ids": [fields.Command.create({"move_id": move.id}) for move in moves],
        } for (company, partner, currency), moves in groups.items()])
        notes.line_ids.filtered(lambda line: line.currency_id.is_zero(line.interest)).unlink()
        empty = notes.filtered(lambda note: not note.line_ids)
        empty.unlink()
        notes -= empty
        if not notes:
            raise UserError(self.env._("No interest is due on the selected invoices on %(date)s.", date=self.date))
        action = self.env["ir.actions.act_window"]._for_xml_id("receivable_dunning.action_interest_note")
        action["domain"] = [("id", "in", notes.ids)]
        return action
