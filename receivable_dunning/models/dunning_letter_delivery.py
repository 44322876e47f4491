from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_amount, format_date


class ReceivableDunningLetter(models.Model):
    """How a letter reached the debtor: e-mail delivery, retries, the fall-back to post, calls."""

    _inherit = "receivable.dunning.letter"

    email_state = fields.Selection(
        [("queued", "Queued"), ("sent", "Sent"), ("failed", "Failed, will retry"),
         ("fallback_post", "Failed, sent by post")],
        string="E-mail delivery", readonly=True, copy=False, tracking=True,
    )
    email_failures = fields.Integer(string="Failed e-mail attempts", readonly=True, copy=False)
    email_failure_reason = fields.Char(readonly=True, copy=False)
    print_batch_id = fields.Many2one(
        "receivable.dunning.print.batch", readonly=True, copy=False, index="btree_not_null",
    )

    def _check_recipients(self):
        # EXTENDS receivable_dunning: a call needs a number to call.
        super()._check_recipients()
        for letter in self:
            if letter.channel_phone and not (letter.partner_id.phone or letter.partner_id.commercial_partner_id.phone):
                raise UserError(self.env._("%(letter)s: %(customer)s has no phone number to call.",
                                           letter=letter.name, customer=letter.partner_id.display_name))

    def _invoice_copies(self):
        """A PDF copy of each invoice on the letter: the official one when it exists, else a fresh render."""
        self.ensure_one()
        moves = self.line_ids.move_id
        copies = moves.invoice_pdf_report_id
        report = self.env["ir.actions.report"]
        for move in moves.filtered(lambda move: not move.invoice_pdf_report_id):
            content, _type = report._render_qweb_pdf("account.account_invoices", move.ids)
            copies |= self.env["ir.attachment"].create({
                "name": f"{move._get_move_display_name().replace('/', '-')}.pdf",
                "raw": content,
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": "application/pdf",
            })
        return copies

    def _schedule_call(self, pdf):
        """A phone call for the customer's salesperson, else the invoice's, else the sender, with the letter."""
        self.ensure_one()
        partner = self.partner_id
        user = partner.user_id or partner.commercial_partner_id.user_id or self.line_ids.move_id.invoice_user_id[:1]
        activity = self.activity_schedule(
            "mail.mail_activity_data_call",
            date_deadline=self.letter_date,
            summary=self.env._("Call %(customer)s about %(letter)s", customer=partner.display_name, letter=self.name),
            note=self.env._("Amount due %(amount)s, deadline %(deadline)s. Phone: %(phone)s",
                            amount=format_amount(self.env, self.amount_total, self.currency_id),
                            deadline=format_date(self.env, self.deadline) if self.deadline else "",
                            phone=partner.phone or partner.commercial_partner_id.phone),
            user_id=(user or self.env.user).id,
        )
        activity.attachment_ids = pdf
        return activity

    # -------------------------------------------------------------------------
    # E-MAIL DELIVERY
    # -------------------------------------------------------------------------

    def _email_delivered(self):
        self.filtered(lambda letter: letter.email_state in ("queued", "failed")).write({"email_state": "sent"})

    def _email_failed(self, reason):
        """Count a failed or bounced e-mail; after the company's number of attempts, send the letter by post."""
        for letter in self:
            if letter.email_state == "fallback_post":
                continue
            failures = letter.email_failures + 1
            if failures >= letter.company_id.dunning_email_attempts:
                letter.write({"email_failures": failures, "email_failure_reason": reason,
                              "email_state": "fallback_post", "channel_letter": True, "to_print": True})
                letter._message_log(body=self.env._(
                    "The e-mail to %(email)s failed %(count)s times (%(reason)s): the letter will be sent by post.",
                    email=letter.email_to, count=failures, reason=reason))
            else:
                letter.write({"email_failures": failures, "email_failure_reason": reason, "email_state": "failed"})
                letter._message_log(body=self.env._(
                    "The e-mail to %(email)s failed (%(reason)s); it will be sent again.",
                    email=letter.email_to, reason=reason))

    def _message_receive_bounce(self, email, partner):
        # EXTENDS mail: a bounced letter counts as a failed e-mail.
        self._email_failed(self.env._("bounced"))
        return super()._message_receive_bounce(email, partner)

    def _letter_mails(self):
        # sudo: mail.mail is system-only; only the letters' own e-mails are read.
        return self.env["mail.mail"].sudo().search(
            [("model", "=", self._name), ("res_id", "in", self.ids)], order="id desc")

    def action_retry_email(self):
        """Send the e-mails of letters whose delivery failed once more."""
        failed = self.filtered(lambda letter: letter.email_state == "failed")
        latest = {}
        for mail in failed._letter_mails():
            latest.setdefault(mail.res_id, mail)
        mails = self.env["mail.mail"].sudo().concat(*latest.values())
        if not mails:
            return True
        failed.write({"email_state": "queued"})
        mails.mark_outgoing()
        mails.send(auto_commit=False)
        return True

    @api.model
    def _cron_retry_emails(self):
        self.search([("email_state", "=", "failed")]).action_retry_email()

    # -------------------------------------------------------------------------
    # POST
    # -------------------------------------------------------------------------

    def action_print_letters(self):
        """Gather the selected letters that wait for the post into print batches, and open them."""
        batches = self.env["receivable.dunning.print.batch"]._create_for_letters(self)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Print batches"),
            "res_model": "receivable.dunning.print.batch",
            "view_mode": "list,form" if len(batches) > 1 else "form",
            "res_id": batches.id if len(batches) == 1 else False,
            "domain": [("id", "in", batches.ids)],
        }
