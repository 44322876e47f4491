from odoo import fields, models


class ReceivableAgingLine(models.TransientModel):
    """One open receivable item of an aging report, in company currency, as of the report's date."""

    _name = "receivable.aging.line"
    _description = "Aging report line"
    _order = "partner_id, date_maturity, id"

    report_id = fields.Many2one("receivable.aging.report", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    move_id = fields.Many2one("account.move", string="Document", readonly=True)
    date_maturity = fields.Date(string="Due date", readonly=True)
    days_overdue = fields.Integer(readonly=True)
    bucket_id = fields.Many2one("receivable.aging.bucket", readonly=True)
    amount = fields.Monetary(string="Open amount", readonly=True)
    dunning_status = fields.Selection(related="move_id.dunning_status", string="Dunning status")
    dunning_stage_id = fields.Many2one(related="move_id.dunning_stage_id")
    dunning_last_letter_date = fields.Date(related="move_id.dunning_last_letter_date")

    def action_open_move(self):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": "account.move", "res_id": self.move_id.id,
                "view_mode": "form"}

    def action_open_letters(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("receivable_dunning.action_dunning_letter")
        action["domain"] = [("line_ids.move_id", "=", self.move_id.id)]
        action["context"] = {}
        return action
