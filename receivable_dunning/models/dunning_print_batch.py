from odoo import api, fields, models
from odoo.exceptions import UserError

from ..print_layout import render_letters


class ReceivableDunningPrintBatch(models.Model):
    """Letters to post, gathered into one print-ready PDF; who printed it and when."""

    _name = "receivable.dunning.print.batch"
    _inherit = ["mail.thread"]
    _description = "Print batch of dunning letters"
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(string="Number", required=True, readonly=True, copy=False, default="/")
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True,
                                 default=lambda self: self.env.company)
    letter_ids = fields.One2many("receivable.dunning.letter", "print_batch_id", string="Letters", readonly=True)
    letter_count = fields.Integer(compute="_compute_letter_count")
    page_count = fields.Integer(string="Pages", readonly=True, help="Blank back pages for duplex included.")
    state = fields.Selection([("draft", "To print"), ("printed", "Printed")], default="draft", required=True,
                             readonly=True, tracking=True)
    printed_by_id = fields.Many2one("res.users", string="Printed by", readonly=True)
    printed_date = fields.Datetime(string="Printed on", readonly=True)
    attachment_id = fields.Many2one("ir.attachment", string="PDF", readonly=True)

    @api.depends("letter_ids")
    def _compute_letter_count(self):
        counts = dict(self.env["receivable.dunning.letter"]._read_group(
            [("print_batch_id", "in", self.ids)], ["print_batch_id"], ["__count"]))
        for batch in self:
            batch.letter_count = counts.get(batch, 0)

    @api.model
    def _create_for_letters(self, letters):
        """One batch per company for the `letters` that wait for printing and are in no open batch."""
        waiting = letters.filtered(
            lambda letter: letter.to_print and letter.state == "sent"
            and (not letter.print_batch_id or letter.print_batch_id.state == "printed"))
        if not waiting:
            raise UserError(self.env._("None of these letters is waiting to be printed."))
        # sudo: numbering batches is part of creating them.
        sequence = self.env["ir.sequence"].sudo()
        batches = self.create([
            {"company_id": company.id, "name": sequence.with_company(company).next_by_code(
                "receivable.dunning.print.batch") or "/"}
            for company in waiting.company_id
        ])
        for batch in batches:
            waiting.filtered(lambda letter, batch=batch: letter.company_id == batch.company_id).print_batch_id = batch
            batch._render()
        return batches

    def _render(self):
        """Lay out every letter of the batch in one PDF (reportlab) and keep it on the batch."""
        ruleset = self.env["receivable.legal.rule"]._ruleset()
        for batch in self:
            letters = batch.letter_ids.sorted(lambda letter: (letter.partner_id.zip or "", letter.name))
            pdf, pages = render_letters([letter._letter_document(ruleset=ruleset) for letter in letters])
            batch.attachment_id.unlink()
            batch.write({
                "page_count": sum(pages),
                "attachment_id": self.env["ir.attachment"].create({
                    "name": f"{batch.name.replace('/', '-')}.pdf",
                    "raw": pdf,
                    "res_model": batch._name,
                    "res_id": batch.id,
                    "mimetype": "application/pdf",
                }).id,
            })

    def action_download(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self.attachment_id.id}?download=true",
            "target": "download",
        }

    def action_mark_printed(self):
        """The batch is printed and in envelopes: its letters no longer wait."""
        if any(batch.state != "draft" for batch in self):
            raise UserError(self.env._("This print batch has already been marked as printed."))
        self.write({"state": "printed", "printed_by_id": self.env.uid, "printed_date": fields.Datetime.now()})
        self.letter_ids.write({"to_print": False})
        return True

    def action_open_letters(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Letters"),
            "res_model": "receivable.dunning.letter",
            "view_mode": "list,form",
            "domain": [("print_batch_id", "=", self.id)],
        }
