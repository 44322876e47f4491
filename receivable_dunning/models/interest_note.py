from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

from .. import legal
from .account_move import PAID_STATES


class ReceivableInterestNote(models.Model):
    """An interest note (nota odsetkowa, rentenota): late-payment interest on several invoices of
    one customer, paid late or still open, charged in one document of its own."""

    _name = "receivable.interest.note"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _description = "Interest note"
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Number", required=True, readonly=True, copy=False, default="/")
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True,
                                 default=lambda self: self.env.company)
    partner_id = fields.Many2one("res.partner", string="Customer", required=True, index=True,
                                 domain="[('parent_id', '=', False)]")
    currency_id = fields.Many2one("res.currency", required=True,
                                  default=lambda self: self.env.company.currency_id)
    date = fields.Date(string="Note date", required=True, default=fields.Date.context_today,
                       help="Interest on invoices still open runs up to this day.")
    payment_deadline = fields.Date(required=True)
    rate_mode = fields.Selection(
        [("statutory", "Statutory rate"), ("contractual", "Contractual rate")],
        required=True, default="statutory",
        help="Statutory: the legal rates of the company's country, period by period. "
        "Contractual: a yearly rate agreed with this customer.",
    )
    contractual_rate = fields.Float(string="Agreed rate (%)", digits=(16, 4))
    progress = fields.Selection(
        [("draft", "Draft"), ("approved", "Approved"), ("sent", "Sent"), ("cancelled", "Cancelled")],
        default="draft", required=True, readonly=True, copy=False,
    )
    state = fields.Selection(
        [("draft", "Draft"), ("approved", "Approved"), ("sent", "Sent"), ("paid", "Paid"),
         ("cancelled", "Cancelled")],
        compute="_compute_state", store=True, tracking=True, index=True,
        help="Paid once the posted note is paid in full.",
    )
    line_ids = fields.One2many("receivable.interest.note.line", "note_id", string="Invoices", copy=False)
    amount_total = fields.Monetary(string="Interest", compute="_compute_amount_total", store=True)
    move_id = fields.Many2one("account.move", string="Posted note", readonly=True, copy=False)
    legal_basis = fields.Char(compute="_compute_legal_basis")

    @api.depends("progress", "move_id.payment_state")
    def _compute_state(self):
        for note in self:
            paid = note.move_id.payment_state in PAID_STATES
            note.state = "paid" if note.progress == "sent" and paid else note.progress

    @api.depends("line_ids.interest")
    def _compute_amount_total(self):
        for note in self:
            note.amount_total = note.currency_id.round(sum(note.line_ids.mapped("interest")))

    @api.depends("company_id", "rate_mode")
    def _compute_legal_basis(self):
        packs = self.env["receivable.legal.pack"].sudo().search([])  # legal data is public knowledge
        by_country = {pack.country_id.id: pack for pack in packs if pack.country_id}
        fallback = packs.filtered(lambda pack: pack.code == legal.constants.FALLBACK_PACK)[:1]
        for note in self:
            if note.rate_mode == "contractual":
                note.legal_basis = self.env._("Interest rate agreed with the customer")
            else:
                note.legal_basis = (by_country.get(note.company_id.country_id.id) or fallback).source or ""

    @api.constrains("rate_mode", "contractual_rate")
    def _check_contractual_rate(self):
        for note in self:
            if note.rate_mode == "contractual" and note.contractual_rate <= 0:
                raise ValidationError(self.env._("A contractual interest note needs a yearly rate above 0 %."))

    @api.constrains("date", "payment_deadline")
    def _check_deadline(self):
        for note in self:
            if note.payment_deadline < note.date:
                raise ValidationError(self.env._("The payment deadline cannot be before the note date."))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("receivable.interest.note") or "/"
        return super().create(vals_list)

    # -------------------------------------------------------------------------
    # BUSINESS
    # -------------------------------------------------------------------------

    def action_compute(self):
        """Work out each invoice's interest again: up to its payment, or the note date if open."""
        drafts = self.filtered(lambda note: note.progress == "draft")
        drafts.line_ids._compute_interest()
        return True

    def action_approve(self):
        if any(note.progress != "draft" for note in self):
            raise UserError(self.env._("Only draft interest notes can be approved."))
        for note in self:
            if note.currency_id.compare_amounts(note.amount_total, 0) <= 0:
                raise UserError(self.env._("%(note)s charges no interest.", note=note.name))
        self.write({"progress": "approved"})
        return True

    def action_send(self):
        """Post the note as a customer document and e-mail it with its PDF."""
        self.filtered(lambda note: note.progress == "draft").action_approve()
        if any(note.progress != "approved" for note in self):
            raise UserError(self.env._("Only approved interest notes can be sent."))
        moves = self.env["account.move"].create([note._move_vals() for note in self])
        moves.action_post()
        for note, move in zip(self, moves, strict=True):
            note.move_id = move
        self.write({"progress": "sent"})
        template = self.env.ref("receivable_dunning.mail_template_interest_note")
        for note in self:
            note.message_post_with_source(template, subtype_xmlid="mail.mt_comment")
        return True

    def action_cancel(self):
        if any(note.state == "paid" for note in self):
            raise UserError(self.env._("A paid interest note cannot be cancelled."))
        posted = self.move_id.filtered(lambda move: move.state == "posted")
        if posted.filtered(lambda move: move.amount_residual != move.amount_total):
            raise UserError(self.env._("Payments are matched with this note: unmatch them first."))
        posted.button_draft()
        posted.button_cancel()
        self.write({"progress": "cancelled"})
        return True

    def action_reset_to_draft(self):
        cancelled = self.filtered(lambda note: note.progress == "cancelled" and not note.move_id)
        cancelled.write({"progress": "draft"})
        return True

    def action_view_move(self):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": "account.move", "res_id": self.move_id.id,
                "view_mode": "form"}

    def _move_vals(self):
        self.ensure_one()
        company = self.company_id
        account = (company.dunning_interest_account_id or company.dunning_fee_account_id
                   or company.income_account_id)
        if not account:
            raise UserError(self.env._(
                "Set the income account for late-payment interest in Accounting settings (company %(company)s).",
                company=company.name,
            ))
        return {
            "move_type": "out_invoice",
            "company_id": company.id,
            "partner_id": self.partner_id.id,
            "currency_id": self.currency_id.id,
            "invoice_date": self.date,
            "invoice_date_due": self.payment_deadline,
            "dunning_interest_note_id": self.id,
            "invoice_origin": self.name,
            "narration": self.env._("Interest note: not a VAT invoice."),
            "invoice_line_ids": [Command.create({
                "name": self.env._(
                    "Late-payment interest on %(invoice)s (due %(due)s, %(days)s days)",
                    invoice=line.move_id.name, due=format_date(self.env, line.invoice_date_due), days=line.days,
                ),
                "account_id": account.id,
                "quantity": 1,
                "price_unit": line.interest,
                "tax_ids": [Command.clear()],
                "analytic_distribution": company._dunning_analytic_distribution(),
                "dunning_charge": "interest",
            }) for line in self.line_ids if not self.currency_id.is_zero(line.interest)],
        }
