from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ReceivableDunningLetterLine(models.Model):
    """One invoice on a dunning letter, with what the letter claims for it."""

    _name = "receivable.dunning.letter.line"
    _description = "Dunning letter line"
    _order = "letter_id, invoice_date_due, id"

    letter_id = fields.Many2one("receivable.dunning.letter", required=True, ondelete="cascade", index=True)
    move_id = fields.Many2one("account.move", string="Invoice", required=True, ondelete="restrict", index=True)
    stage_id = fields.Many2one(
        "receivable.dunning.stage", required=True, ondelete="restrict",
        help="The stage this invoice reaches with this letter.",
    )
    kind = fields.Selection(related="stage_id.kind")
    letter_state = fields.Selection(related="letter_id.state", store=True, string="Letter status")
    # Copied from the letter and the invoice when the line is created (a snapshot of what the
    # letter claimed), rather than related fields computed one line at a time.
    company_id = fields.Many2one("res.company", required=True, index=True)
    currency_id = fields.Many2one("res.currency", required=True)
    invoice_date = fields.Date(related="move_id.invoice_date")
    invoice_date_due = fields.Date(string="Due date")
    amount_total = fields.Monetary(string="Original amount", related="move_id.amount_total")
    # Floats, not Monetary: the amounts are rounded to the currency when computed, and Monetary's
    # per-record currency lookup on insert was a quarter of the dunning run's time.
    amount_residual = fields.Float(string="Open amount", digits=(16, 2))
    fee = fields.Float(digits=(16, 2))
    interest = fields.Float(digits=(16, 2), help="Interest accrued from the due date to the letter's date.")
    interest_charged = fields.Float(
        digits=(16, 2), help="The part of the interest not booked before: what this letter books.",
    )
    compensation = fields.Float(digits=(16, 2), help="B2B fixed compensation.")
    amount_due = fields.Float(string="Total", digits=(16, 2), compute="_compute_amount_due", store=True)
    days_overdue = fields.Integer(compute="_compute_days_overdue")

    # The database, not only the run's checks, guarantees one letter per invoice and stage,
    # whatever crashes or concurrent runs happen.
    _one_letter_per_invoice_and_stage = models.UniqueIndex(
        "(move_id, stage_id) WHERE (letter_state != 'cancelled')",
        "An invoice can be on only one letter of each stage.",
    )

    @api.constrains("move_id", "letter_id")
    def _check_same_currency(self):
        for line in self:
            if line.move_id.currency_id != line.letter_id.currency_id:
                raise ValidationError(self.env._(
                    "%(invoice)s is in %(currency)s and cannot go on letter %(letter)s in %(letter_currency)s.",
                    invoice=line.move_id.name, currency=line.move_id.currency_id.name,
                    letter=line.letter_id.name, letter_currency=line.letter_id.currency_id.name,
                ))

    @api.depends("amount_residual", "fee", "interest", "compensation")
    def _compute_amount_due(self):
        for line in self:
            line.amount_due = self._amount_due(line.currency_id, line)

    @api.model
    def _amount_due(self, currency, line):
        """What a line claims in all: `line` is a line or a dict of its amounts."""
        return currency.round(line["amount_residual"] + line["fee"] + line["interest"] + line["compensation"])

    @api.depends("letter_id.letter_date", "invoice_date_due")
    def _compute_days_overdue(self):
        for line in self:
            letter_date = line.letter_id.letter_date
            due = line.invoice_date_due
            line.days_overdue = (letter_date - due).days if letter_date and due else 0
