from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .. import legal
from .account_move import PAID_STATES


class ReceivableInterestNoteLine(models.Model):
    """One invoice on an interest note: principal, days late, rate and the interest charged."""

    _name = "receivable.interest.note.line"
    _description = "Interest note line"
    _order = "note_id, invoice_date_due, id"

    note_id = fields.Many2one("receivable.interest.note", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="note_id.company_id", store=True)
    currency_id = fields.Many2one(related="note_id.currency_id")
    move_id = fields.Many2one("account.move", string="Invoice", required=True, ondelete="restrict", index=True,
                              domain="[('move_type', '=', 'out_invoice'), ('state', '=', 'posted')]")
    invoice_date_due = fields.Date(related="move_id.invoice_date_due", string="Due date")
    principal = fields.Monetary(related="move_id.amount_total", string="Principal")
    paid_date = fields.Date(string="Paid on", readonly=True, help="Empty while the invoice is open.")
    days = fields.Integer(string="Days late", readonly=True)
    rate = fields.Float(string="Rate (%)", digits=(16, 4), readonly=True,
                        help="The yearly rate in force on the last day counted.")
    interest_accrued = fields.Monetary(string="Interest accrued", readonly=True)
    interest_charged_before = fields.Monetary(string="Charged before", readonly=True,
                                              help="Booked earlier by letters or interest notes.")
    interest = fields.Monetary(readonly=True)

    _unique_invoice = models.Constraint("UNIQUE(note_id, move_id)", "An invoice appears once on an interest note.")

    @api.constrains("move_id", "note_id")
    def _check_same_customer_and_currency(self):
        for line in self:
            move, note = line.move_id, line.note_id
            if move.commercial_partner_id != note.partner_id.commercial_partner_id:
                raise ValidationError(self.env._(
                    "%(invoice)s is not an invoice of %(customer)s.",
                    invoice=move.name, customer=note.partner_id.display_name,
                ))
            if move.currency_id != note.currency_id:
                raise ValidationError(self.env._(
                    "%(invoice)s is in %(currency)s; the note is in %(note_currency)s.",
                    invoice=move.name, currency=move.currency_id.name, note_currency=note.currency_id.name,
                ))

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._compute_interest()
        return lines

    def _compute_interest(self):
        """Interest per invoice to its payment date (or the note date), less what was booked before,
        in a few queries for all lines; statutory or contractual as the note says."""
        ruleset = self.env["receivable.legal.rule"]._ruleset()
        claim = self.env["receivable.dunning.claim"]
        interest_model = self.env["receivable.dunning.interest"]
        _principals, payments = interest_model._principal_and_payments(self.move_id)
        for note in self.note_id:
            lines = self.filtered(lambda line, note=note: line.note_id == note)
            moves = lines.move_id
            rate = note.contractual_rate if note.rate_mode == "contractual" else None
            accrued = interest_model._interest_by_move(moves, note.date, ruleset, rate=rate)
            before = claim._charged_so_far(moves)
            for line in lines:
                move = line.move_id
                paid_date = None
                if move.payment_state in PAID_STATES and payments.get(move.id):
                    paid_date = min(max(day for day, _amount in payments[move.id]), note.date)
                last_day = paid_date or note.date
                b2b = move.commercial_partner_id.dunning_customer_type == "company"
                try:
                    rate_on = rate if rate is not None else float(legal.interest_rate(
                        move.company_id.country_id.code, last_day, b2b=b2b, rates=ruleset))
                except legal.LegalDataMissing:
                    rate_on = 0.0
                charged_before = before.get(move.id, {}).get("interest", 0.0)
                line.write({
                    "paid_date": paid_date,
                    "days": max((last_day - move.invoice_date_due).days, 0),
                    "rate": rate_on,
                    "interest_accrued": accrued.get(move.id, 0.0),
                    "interest_charged_before": move.currency_id.round(charged_before),
                    "interest": move.currency_id.round(max(accrued.get(move.id, 0.0) - charged_before, 0.0)),
                })
