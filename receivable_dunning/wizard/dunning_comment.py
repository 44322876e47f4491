from odoo import fields, models


class ReceivableDunningComment(models.TransientModel):
    """The work lists' "Comment" row action: a note on the invoices' chatter."""

    _name = "receivable.dunning.comment"
    _description = "Comment on dunning invoices"

    move_ids = fields.Many2many("account.move", string="Invoices", required=True)
    body = fields.Text(string="Comment", required=True)

    def action_post(self):
        self.ensure_one()
        for move in self.move_ids:
            move.message_post(body=self.body, message_type="comment", subtype_xmlid="mail.mt_note")
        return {"type": "ir.actions.act_window_close"}
