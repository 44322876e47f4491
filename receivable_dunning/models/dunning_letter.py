from functools import partial

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, float_round, format_amount, format_date, formatLang

from .. import legal
from ..print_layout import render_letters

KIND_MAIL_TEMPLATES = {
    "reminder": "receivable_dunning.mail_template_dunning_reminder",
    "collection_notice": "receivable_dunning.mail_template_dunning_collection_notice",
    "payment_demand": "receivable_dunning.mail_template_dunning_payment_demand",
}

OPEN_STATES = ("draft", "approved")
# (letter field, line field it sums); `amount_total` sums the four.
TOTALS_OF_LINE_AMOUNTS = (
    ("amount_residual", "amount_residual"), ("fee_total", "fee"),
    ("interest_total", "interest"), ("compensation_total", "compensation"),
)
TOTAL_FIELDS = (*(total for total, _amount in TOTALS_OF_LINE_AMOUNTS), "amount_total")


class ReceivableDunningLetter(models.Model):
    """A reminder, collection notice or payment demand to one customer, in one currency."""

    _name = "receivable.dunning.letter"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _description = "Dunning letter"
    _order = "letter_date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Number", required=True, readonly=True, copy=False, default="/")
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    partner_id = fields.Many2one("res.partner", string="Customer", required=True, readonly=True, index=True)
    currency_id = fields.Many2one("res.currency", required=True, readonly=True)
    profile_id = fields.Many2one("receivable.dunning.profile", readonly=True)
    stage_id = fields.Many2one("receivable.dunning.stage", required=True, readonly=True)
    kind = fields.Selection(related="stage_id.kind", store=True)
    letter_date = fields.Date(required=True, readonly=True, help="The day the letter was prepared, then sent.")
    deadline = fields.Date(readonly=True, help="Last day to pay before the next step.")
    line_ids = fields.One2many("receivable.dunning.letter.line", "letter_id", string="Invoices", readonly=True)
    amount_residual = fields.Monetary(string="Open amount", compute="_compute_amounts", store=True)
    fee_total = fields.Monetary(string="Fees", compute="_compute_amounts", store=True)
    interest_total = fields.Monetary(string="Interest", compute="_compute_amounts", store=True)
    compensation_total = fields.Monetary(string="Compensation", compute="_compute_amounts", store=True)
    amount_total = fields.Monetary(string="Total due", compute="_compute_amounts", store=True)
    channel_email = fields.Boolean(string="E-mail")
    channel_letter = fields.Boolean(string="Post")
    channel_sms = fields.Boolean(string="SMS")
    channel_phone = fields.Boolean(string="Phone", help="A call is planned for the customer's salesperson.")
    email_to = fields.Char(string="E-mail to", compute="_compute_email_to", store=True, readonly=False)
    state = fields.Selection(
        [("draft", "Ready to send"), ("approved", "Approved"), ("sent", "Sent"), ("cancelled", "Cancelled")],
        default="draft", required=True, readonly=True, tracking=True, index=True,
    )
    needs_approval = fields.Boolean(related="stage_id.needs_approval")
    prepared_by_id = fields.Many2one("res.users", string="Prepared by", readonly=True)
    prepared_date = fields.Datetime(string="Prepared on", readonly=True)
    approved_by_id = fields.Many2one("res.users", string="Approved by", readonly=True)
    approved_date = fields.Datetime(string="Approved on", readonly=True)
    sent_by_id = fields.Many2one("res.users", string="Sent by", readonly=True)
    sent_date = fields.Datetime(string="Sent on", readonly=True)
    fee_move_id = fields.Many2one("account.move", string="Fee invoice", readonly=True, copy=False)
    to_print = fields.Boolean(readonly=True, help="Sent by post: print it and put it in an envelope.")
    interest_note = fields.Text(readonly=True, help="Why interest could not be calculated, if it could not.")

    @api.depends("line_ids.amount_residual", "line_ids.fee", "line_ids.interest", "line_ids.compensation")
    def _compute_amounts(self):
        for letter in self:
            letter.update(self._totals(letter.currency_id, letter.line_ids))

    @api.model
    def _totals(self, currency, lines):
        """{total field: amount} of a letter with `lines` (records or dicts of the line amounts)."""
        round_ = partial(float_round, precision_rounding=currency.rounding)  # currency.round, read once
        totals = {
            total: round_(sum(line[amount] for line in lines)) for total, amount in TOTALS_OF_LINE_AMOUNTS
        }
        totals["amount_total"] = round_(sum(totals.values()))
        return totals

    @api.depends("partner_id.email", "partner_id.dunning_invoice_email", "company_id.dunning_email_field")
    def _compute_email_to(self):
        for letter in self:
            letter.email_to = self._email_to(letter.company_id, letter.partner_id)

    @api.model
    def _email_to(self, company, partner):
        """The address letters to `partner` go to: the one the company's settings name first."""
        if company.dunning_email_field == "invoice_email":
            return partner.dunning_invoice_email or partner.email
        return partner.email or partner.dunning_invoice_email

    @api.model_create_multi
    def create(self, vals_list):
        unnamed = [vals for vals in vals_list if vals.get("name", "/") == "/"]
        for vals, name in zip(unnamed, self._new_names(len(unnamed)), strict=True):
            vals["name"] = name
        return super().create(vals_list)

    @api.model
    def _new_names(self, count):
        """`count` new letter numbers from the current company's sequence."""
        if not count:
            return []
        # sudo: numbering letters is part of creating them; one sequence lookup for the batch.
        sequence = self.env["ir.sequence"].sudo().search(
            [("code", "=", "receivable.dunning.letter"), ("company_id", "in", [self.env.company.id, False])],
            order="company_id", limit=1,
        )
        return self._next_names(sequence, count)

    @api.model
    def _next_names(self, sequence, count):
        """`count` letter numbers from `sequence`: in one query when it is a plain PostgreSQL sequence
        (a dunning run numbers thousands of letters), else one by one as ir.sequence does."""
        if not sequence:
            return ["/"] * count
        if sequence.implementation != "standard" or sequence.use_date_range:
            return [sequence._next() for _n in range(count)]
        self.env.cr.execute(SQL(
            "SELECT nextval(%s) FROM generate_series(1, %s) ORDER BY 1", f"ir_sequence_{sequence.id:03d}", count,
        ))
        numbers = [number for (number,) in self.env.cr.fetchall()]
        # get_next_char's prefix and suffix, interpolated once for all the numbers.
        prefix, suffix = sequence._get_prefix_suffix()
        return [f"{prefix}{number:0{sequence.padding}d}{suffix}" for number in numbers]

    # -------------------------------------------------------------------------
    # BUSINESS
    # -------------------------------------------------------------------------

    def action_approve(self):
        drafts = self.filtered(lambda letter: letter.state == "draft")
        drafts.write({"state": "approved", "approved_by_id": self.env.uid, "approved_date": fields.Datetime.now()})
        return True

    def action_send(self):
        """Approve what is still a draft and send: the accountant's "Send now"."""
        if any(letter.state not in OPEN_STATES for letter in self):
            raise UserError(self.env._("Only letters that are ready to send or approved can be sent."))
        self.action_approve()
        self._send()
        return True

    def action_cancel(self):
        if any(letter.state == "sent" for letter in self):
            raise UserError(self.env._("A letter that has been sent cannot be cancelled."))
        self.write({"state": "cancelled"})
        return True

    def action_preview(self):
        self.ensure_one()
        return self._report_action().report_action(self)

    def _statutory_rate(self, ruleset=None):
        """The statutory interest rate on the letter's date, as "12.50 %", for the payment demand text."""
        self.ensure_one()
        b2b = self.partner_id.commercial_partner_id.dunning_customer_type == "company"
        ruleset = ruleset or self.env["receivable.legal.rule"]._ruleset()
        try:
            rate = legal.interest_rate(self.company_id.country_id.code, self.letter_date, b2b=b2b, rates=ruleset)
        except legal.LegalDataMissing:
            return ""
        return f"{formatLang(self.env, float(rate), digits=2)}\N{NO-BREAK SPACE}%"

    def _report_action(self):
        """The stage's own layout, else the report of the letter's kind in the company's country."""
        self.ensure_one()
        return self.stage_id.report_id or self._variant_report()

    # -------------------------------------------------------------------------
    # SENDING
    # -------------------------------------------------------------------------

    def _send(self, on=None):
        """Send approved letters: refresh what they claim, charge fees, dispatch, move invoices on.

        `on` backdates the sending (the demo's history); statuses are then read as of that day.
        """
        if on:
            self = self.with_context(date=on)
        on = self.env["account.move"]._dunning_today()
        letters = self._lock_for_sending()._refresh_before_sending(on)
        if not letters:
            return letters
        letters._check_recipients()
        letters._create_fee_invoices()
        for letter in letters:
            letter._dispatch()
        letters.write({"state": "sent", "sent_by_id": self.env.uid, "sent_date": fields.Datetime.now()})
        letters._advance_invoices()
        return letters

    def _lock_for_sending(self):
        """The letters still open once locked for this transaction: a letter another process is
        sending (locked) or has sent meanwhile is left out, so none goes out twice."""
        if not self:
            return self
        self.flush_recordset(["state"])
        self.env.cr.execute(SQL(
            "SELECT id FROM receivable_dunning_letter WHERE id IN %s AND state IN %s FOR UPDATE SKIP LOCKED",
            tuple(self.ids), OPEN_STATES,
        ))
        locked = self.browse(row[0] for row in self.env.cr.fetchall())
        locked.invalidate_recordset(["state"])
        return locked.filtered(lambda letter: letter.state in OPEN_STATES)

    def _refresh_before_sending(self, on):
        """Drop invoices no longer ready (paid, paused, ...), recompute the rest for today.

        Letters left with no invoice are cancelled. Returns the letters still to send.
        """
        gone = self.line_ids.filtered(lambda line: line.move_id.dunning_status != "ready")
        for letter in gone.letter_id:
            dropped = gone.filtered(lambda line, letter=letter: line.letter_id == letter)
            letter._message_log(body=self.env._(
                "Left out before sending (paid, paused or no longer due): %(invoices)s",
                invoices=", ".join(dropped.move_id.mapped("name")),
            ))
        gone.unlink()
        empty = self.filtered(lambda letter: not letter.line_ids)
        empty.write({"state": "cancelled"})
        letters = self - empty
        if not letters:
            return letters
        ruleset = self.env["receivable.legal.rule"]._ruleset()
        claim = self.env["receivable.dunning.claim"]
        lines = letters.line_ids
        amounts, errors = claim._line_amounts([(line.move_id, line.stage_id) for line in lines], on, ruleset)
        for letter in letters:
            letter_lines = letter.line_ids
            values = claim._one_fee_per_letter([dict(amounts[line.move_id.id]) for line in letter_lines])
            for line, vals in zip(letter_lines, values, strict=True):
                if any(line[name] != value for name, value in vals.items()):
                    line.write(vals)
            notes = [errors[move.id] for move in letter_lines.move_id if move.id in errors]
            letter.write({
                "letter_date": on,
                "deadline": claim._deadline(letter.stage_id, letter.company_id, on, ruleset),
                "interest_note": "\n".join(notes) or False,
            })
        return letters

    def _check_recipients(self):
        for letter in self:
            partner = letter.partner_id
            if letter.channel_email and not letter.email_to:
                raise UserError(self.env._("%(letter)s: %(customer)s has no e-mail address.",
                                           letter=letter.name, customer=partner.display_name))
            if letter.channel_letter and not partner._dunning_has_address():
                raise UserError(self.env._("%(letter)s: %(customer)s has no postal address.",
                                           letter=letter.name, customer=partner.display_name))
            if letter.channel_sms and not partner.phone:
                raise UserError(self.env._("%(letter)s: %(customer)s has no phone number for SMS.",
                                           letter=letter.name, customer=partner.display_name))

    def _create_fee_invoices(self):
        """One posted customer document per letter for what it charges: fee, compensation and the
        interest not booked before, each on its income account, so payments can be matched to it."""
        charging = self.filtered(lambda letter: any(
            letter.currency_id.compare_amounts(amount, 0) > 0 for amount in letter._charges().values()
        ))
        if not charging:
            return
        ruleset = self.env["receivable.legal.rule"]._ruleset()
        vals_list = [letter._fee_invoice_vals(ruleset) for letter in charging]
        fee_moves = self.env["account.move"].create(vals_list)
        fee_moves.action_post()
        for letter, fee_move in zip(charging, fee_moves, strict=True):
            letter.fee_move_id = fee_move

    def _charges(self):
        """{"fee", "compensation", "interest"}: what sending this letter books, rounded."""
        self.ensure_one()
        round_ = self.currency_id.round
        return {
            "fee": round_(self.fee_total),
            "compensation": round_(sum(self.line_ids.mapped("compensation"))),
            "interest": round_(sum(self.line_ids.mapped("interest_charged"))),
        }

    def _fee_invoice_vals(self, ruleset=None):
        self.ensure_one()
        company = self.company_id
        ruleset = ruleset or self.env["receivable.legal.rule"]._ruleset()
        fee_account = company.dunning_fee_account_id or company.income_account_id
        interest_account = company.dunning_interest_account_id or fee_account
        if not fee_account:
            raise UserError(self.env._(
                "Set the income account for dunning fees in Accounting settings (company %(company)s).",
                company=company.name,
            ))
        outside_vat = legal.charges_outside_vat(company.country_id.code, on=self.letter_date, rates=ruleset)
        labels = {
            "fee": self.env._("%(kind)s fee, %(letter)s", kind=self._kind_label(), letter=self.name),
            "compensation": self.env._("Compensation for late payment, %(letter)s", letter=self.name),
            "interest": self.env._("Late-payment interest, %(letter)s", letter=self.name),
        }
        lines = []
        for charge, amount in self._charges().items():
            if self.currency_id.compare_amounts(amount, 0) <= 0:
                continue
            account = interest_account if charge == "interest" else fee_account
            taxes = account.tax_ids if company.dunning_vat_registered and not outside_vat else account.tax_ids.browse()
            lines.append(fields.Command.create({
                "name": labels[charge],
                "account_id": account.id,
                "quantity": 1,
                "price_unit": amount,
                "tax_ids": [fields.Command.set(taxes.ids)],
                "analytic_distribution": company._dunning_analytic_distribution(),
                "dunning_charge": charge,
            }))
        return {
            "move_type": "out_invoice",
            "company_id": company.id,
            "partner_id": self.partner_id.id,
            "currency_id": self.currency_id.id,
            "invoice_date": self.letter_date,
            "invoice_date_due": self.deadline or self.letter_date,
            "dunning_fee_letter_id": self.id,
            "invoice_origin": self.name,
            "invoice_line_ids": lines,
        }

    def _kind_label(self):
        self.ensure_one()
        return dict(self._fields["kind"]._description_selection(self.env)).get(self.kind, "")

    def _dispatch(self):
        """Send through each channel of the letter; the PDF is attached to the letter in any case."""
        self.ensure_one()
        pdf = self._attach_pdf()
        if self.channel_email:
            self._send_email(pdf)
        if self.channel_sms:
            self._send_sms()
        if self.channel_letter:
            self.to_print = True
        if self.channel_phone:
            self._schedule_call(pdf)
        if not self.channel_email:
            self._message_log(body=self.env._("%(kind)s %(letter)s sent.", kind=self._kind_label(), letter=self.name),
                              attachment_ids=pdf.ids)

    def _attach_pdf(self):
        if self.channel_email or self.stage_id.report_id:
            content, _type = self.env["ir.actions.report"]._render_qweb_pdf(self._report_action(), self.ids)
        else:
            # Post, SMS or phone: the print layout, with the same wording, is what the debtor gets
            # on paper, and it needs no browser (a thousand postal letters do not wait on one each).
            content, _pages = render_letters([self._letter_document()])
        return self.env["ir.attachment"].create({
            "name": f"{self.name.replace('/', '-')}.pdf",
            "raw": content,
            "res_model": self._name,
            "res_id": self.id,
            "mimetype": "application/pdf",
        })

    def _send_email(self, pdf):
        """Post the letter in the chatter and queue the e-mail, with the letter and the invoice copies."""
        template = self.stage_id.mail_template_id or self.env.ref(KIND_MAIL_TEMPLATES[self.kind])
        lang = self._letter_lang()
        rendered = template.with_context(lang=lang)._generate_template(
            self.ids, ("subject", "body_html", "email_from"))[self.id]
        attachments = pdf | self._invoice_copies()
        message = self.message_post(
            body=rendered["body_html"], subject=rendered["subject"], email_from=rendered.get("email_from"),
            message_type="comment", subtype_xmlid="mail.mt_note", attachment_ids=attachments.ids,
        )
        # mail.mail is system-only; the e-mail queued here is the letter the user is allowed to send.
        self.env["mail.mail"].sudo().create({
            "mail_message_id": message.id,
            "email_to": self.email_to,
            "body_html": rendered["body_html"],
            "subject": rendered["subject"],
            "email_from": rendered.get("email_from") or message.email_from,
            "attachment_ids": [fields.Command.set(attachments.ids)],
            "auto_delete": False,
        })
        self.email_state = "queued"

    def _send_sms(self):
        template = self.stage_id.sms_template_id or self.env.ref("receivable_dunning.sms_template_dunning_letter")
        body = template.with_context(lang=self._letter_lang())._render_field("body", self.ids)[self.id]
        url = self._portal_url()
        if url:
            body = f"{body} {url}"
        self._message_sms(body, partner_ids=[], sms_numbers=[self.partner_id.phone], put_in_queue=True)

    def _advance_invoices(self):
        """Record on each invoice the stage it reached, in one write per stage and date."""
        groups = {}
        for line in self.line_ids:
            key = (line.stage_id.id, line.letter_id.letter_date, line.letter_id.deadline)
            groups.setdefault(key, self.env["account.move"])
            groups[key] |= line.move_id
        for (stage_id, letter_date, deadline), moves in groups.items():
            moves.write({"dunning_stage_id": stage_id, "dunning_last_letter_date": letter_date,
                         "dunning_deadline": deadline})
        bodies = {
            line.move_id.id: self.env._(
                "%(kind)s %(letter)s sent (%(stage)s): fee %(fee)s, interest %(interest)s, deadline %(deadline)s.",
                kind=line.letter_id._kind_label(), letter=line.letter_id.name, stage=line.stage_id.name,
                fee=format_amount(self.env, line.fee, line.currency_id),
                interest=format_amount(self.env, line.interest, line.currency_id),
                deadline=format_date(self.env, line.letter_id.deadline),
            )
            for line in self.line_ids
        }
        self.line_ids.move_id._message_log_batch(bodies=bodies)
