import base64
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_amount, format_date

from ..amount_words import number_words
from ..print_layout import LetterDocument

# Which report prints which letter: the kind, or the country's own form of it.
VARIANT_REPORTS = {
    "reminder": "receivable_dunning.action_report_dunning_reminder",
    "collection_notice": "receivable_dunning.action_report_dunning_collection_notice",
    "payment_demand": "receivable_dunning.action_report_dunning_payment_demand",
    "se_collection_demand": "receivable_dunning.action_report_dunning_se_collection_demand",
    "pl_payment_demand": "receivable_dunning.action_report_dunning_pl_payment_demand",
}
COUNTRY_VARIANTS = {
    ("SE", "payment_demand"): "se_collection_demand",  # inkassokrav (inkassolagen)
    ("PL", "payment_demand"): "pl_payment_demand",  # wezwanie do zapłaty, several invoices at once
}


class ReceivableDunningLetter(models.Model):
    """What a letter says, in the debtor's language, and how it reached the debtor.

    The wording is built once (`_letter_document`) for the QWeb PDF and the print batch alike;
    delivery covers e-mail retries and the fall-back to post, calls and print batches.
    """

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

    # -------------------------------------------------------------------------
    # CONTENT
    # -------------------------------------------------------------------------

    def _portal_url(self):
        """Absolute URL (with its access token) of the letter on the debtor portal; empty without a portal."""
        self.ensure_one()
        return ""

    def _branding(self):
        """The layout the letter is printed under: empty for the creditor's own.

        A collection addon returns {"name", "address" (lines), "phone", "email"} of the agency
        whose name a collection notice may carry ("collection branding").
        """
        self.ensure_one()
        return {}

    def _letter_variant(self):
        self.ensure_one()
        return COUNTRY_VARIANTS.get((self.company_id.country_id.code, self.kind), self.kind)

    def _variant_report(self):
        self.ensure_one()
        return self.env.ref(VARIANT_REPORTS[self._letter_variant()])

    def _letter_lang(self):
        """The customer's language when it is installed, else the company's, else English."""
        self.ensure_one()
        installed = {code for code, _name in self.env["res.lang"].get_installed()}
        for lang in (self.partner_id.lang, self.company_id.partner_id.lang):
            if lang in installed:
                return lang
        return "en_US"

    def _portal_qr_src(self, url):
        """The QR code of `url` as an inline PNG for the QWeb letter."""
        png = self.env["ir.actions.report"].barcode("QR", url, width=240, height=240, barLevel="M")
        return "data:image/png;base64," + base64.b64encode(png).decode()

    def _amount_in_words(self, amount):
        """`amount` in words in the environment's language: "one thousand ... NOK and 32/100"."""
        self.ensure_one()
        rounded = self.currency_id.round(amount)
        whole = int(rounded)
        cents = round((rounded - whole) * 10 ** self.currency_id.decimal_places)
        return self.env._(
            "%(words)s %(currency)s and %(cents)s/100",
            words=number_words(whole, self.env.lang), currency=self.currency_id.name, cents=f"{cents:02d}",
        )

    def _letter_document(self, variant=None, ruleset=None):
        """The letter's content as a `LetterDocument`, in the customer's language.

        `ruleset` (the legal data) is read once by callers that lay out many letters.
        """
        self.ensure_one()
        letter = self.with_context(lang=self._letter_lang())
        return letter._build_letter_document(variant or self._letter_variant(), ruleset)

    def _build_letter_document(self, variant, ruleset=None):
        _ = self.env._
        env = self.env
        currency = self.currency_id
        company = self.company_id

        def money(amount):
            return format_amount(env, amount, currency)

        lines = self.line_ids
        deadline = format_date(env, self.deadline) if self.deadline else ""
        branding = self._branding()
        phone, email = company._dunning_contact()
        if branding:
            phone, email = branding.get("phone") or phone, branding.get("email") or email
        paid_total = sum(currency.round(line.amount_total - line.amount_residual) for line in lines)
        document = LetterDocument(
            sender=[branding.get("name") or company.name,
                    *(branding.get("address") or self._address_lines(company.partner_id))],
            contact=[text for text in (phone and _("Phone: %(phone)s", phone=phone),
                                       email and _("E-mail: %(email)s", email=email)) if text],
            recipient=[self.partner_id.name, *self._address_lines(self.partner_id)],
            title=self._variant_title(variant),
            facts=[(label, value) for label, value in (
                (_("Letter number"), self.name),
                (_("Date"), format_date(env, self.letter_date)),
                (_("Payment deadline"), deadline),
                (_("Customer number"), self.partner_id.ref or ""),
            ) if value],
            columns=[_("Invoice"), _("Invoice date"), _("Due date"), _("Original amount"), _("Paid"), _("Fee"),
                     _("Interest"), _("Balance")],
            rows=[[line.move_id.name, format_date(env, line.invoice_date), format_date(env, line.invoice_date_due),
                   money(line.amount_total), money(currency.round(line.amount_total - line.amount_residual)),
                   money(line.fee), money(line.interest), money(line.amount_due)] for line in lines],
            totals=[_("Total"), "", "", money(sum(lines.mapped("amount_total"))), money(paid_total),
                    money(self.fee_total), money(self.interest_total), money(self.amount_total)],
            amount_due=(_("Please pay %(amount)s no later than %(deadline)s.", amount=money(self.amount_total),
                          deadline=deadline) if deadline else
                        _("Please pay %(amount)s as soon as possible.", amount=money(self.amount_total))),
            amount_in_words=_("Amount in words: %(words)s", words=self._amount_in_words(self.amount_total)),
            payment_title=_("Payment details"),
            payment=self._payment_lines(),
            closing=[_("Kind regards,"), company.name],
        )
        if branding:
            document.introduction.append(_("We write on behalf of %(creditor)s.", creditor=company.name))
        self._add_variant_texts(document, variant, ruleset)
        url = self._portal_url()
        if url:
            document.portal_text = _("See the claim, object to it or pay online:")
            document.portal_url = url
        return document

    def _variant_title(self, variant):
        _ = self.env._
        return {
            "reminder": _("Reminder"),
            "collection_notice": _("Collection notice"),
            "payment_demand": _("Payment demand"),
            "se_collection_demand": _("Collection demand"),
            "pl_payment_demand": _("Demand for payment"),
        }[variant]

    def _add_variant_texts(self, document, variant, ruleset=None):
        """What the law of each kind of letter requires it to say (legal-rules.md)."""
        _ = self.env._
        deadline = format_date(self.env, self.deadline) if self.deadline else ""
        object_text = _("If you believe the claim is wrong, contact us before the deadline and tell us why.")
        if variant == "reminder":
            document.introduction.append(_(
                "According to our records, the invoices below have not been paid by their due date. Perhaps this "
                "has escaped your attention. If you have paid in the last few days, please disregard this reminder."))
            document.paragraphs.append(object_text)
            return
        if variant == "collection_notice":
            document.introduction.append(_(
                "Despite our reminder, we have not received payment of the invoices below."))
            if deadline:
                days = (self.deadline - self.letter_date).days
                document.paragraphs.append(_(
                    "This is a collection notice. You have %(days)s days from the date of this letter to pay.",
                    days=days))
                document.warnings.append(_(
                    "If the amount is not paid by %(deadline)s, the claim will be handed over for debt collection, "
                    "which will cost you more.", deadline=deadline))
            document.paragraphs.append(object_text)
            return
        document.introduction.append({
            "payment_demand": _("Despite our reminder and collection notice, we have not received payment of the "
                                "invoices below. This letter is a formal demand for payment."),
            "se_collection_demand": _("We have not received payment of the debt below, despite our reminder. "
                                      "This letter is a collection demand."),
            "pl_payment_demand": _("We hereby demand payment of the invoices below, which were not paid by their "
                                   "due dates."),
        }[variant])
        document.paragraphs += [
            _("Creditor: %(creditor)s", creditor=" ".join(filter(None, [
                self.company_id.name, self.company_id.company_registry]))),
            _("The claim: payment for the goods or services invoiced, as listed above."),
        ]
        document.summary = [
            (_("Principal"), format_amount(self.env, self.amount_residual, self.currency_id)),
            (_("Fees"), format_amount(self.env, self.fee_total, self.currency_id)),
            (_("Late-payment interest"), format_amount(self.env, self.interest_total, self.currency_id)),
            (_("Total amount due"), format_amount(self.env, self.amount_total, self.currency_id)),
        ]
        document.paragraphs.append(self._interest_text(ruleset))
        if deadline:
            document.warnings.append({
                "payment_demand": _(
                    "If the claim is not paid by %(deadline)s, we may take legal action to recover it, for example "
                    "through the courts or enforcement proceedings. This will add further costs, which you may have "
                    "to pay.", deadline=deadline),
                "se_collection_demand": _(
                    "If the debt is not paid by %(deadline)s, we will apply for an order to pay or bring legal "
                    "proceedings, which will add further costs.", deadline=deadline),
                "pl_payment_demand": _(
                    "If the amount is not paid by %(deadline)s, the matter will be referred to court without "
                    "further notice, at your expense.", deadline=deadline),
            }[variant])
        if variant == "payment_demand":
            document.paragraphs.append(_(
                "You have the right to object to the claim. If you believe it is wrong, in whole or in part, contact "
                "us before the deadline and tell us why. Please pay any part you do not dispute. If we cannot agree, "
                "you may bring the dispute before the complaints board for debt collection or the courts."))
        else:
            document.paragraphs.append(object_text)

    def _interest_text(self, ruleset=None):
        _ = self.env._
        dues = [due for due in self.line_ids.mapped("invoice_date_due") if due]
        start = format_date(self.env, min(dues) + timedelta(days=1)) if dues else ""
        rate = self._statutory_rate(ruleset)
        if rate:
            return _("Late-payment interest is charged at %(rate)s a year from the day after each invoice's due "
                     "date (the earliest: %(start)s) until the day of payment.", rate=rate, start=start)
        return _("Late-payment interest is charged at the statutory rate from the day after each invoice's due "
                 "date (the earliest: %(start)s) until the day of payment.", start=start)

    def _payment_lines(self):
        _ = self.env._
        bank_account = self.company_id.partner_id.bank_ids[:1]
        # Two recordsets, not their union: each keeps the prefetch of all letters being laid out.
        references = ", ".join(move.payment_reference or move.name
                               for moves in (self.line_ids.move_id, self.fee_move_id) for move in moves)
        return [text for text in (
            bank_account and _("Bank account: %(account)s", account=bank_account.acc_number),
            references and _("Payment reference: %(reference)s", reference=references),
        ) if text]

    def _address_lines(self, partner):
        address = partner._display_address(without_company=True)
        return [line.strip() for line in address.splitlines() if line.strip()]

    # -------------------------------------------------------------------------
    # CHANNELS
    # -------------------------------------------------------------------------

    def _check_recipients(self):
        # EXTENDS receivable_dunning: a call needs a number to call.
        result = super()._check_recipients()
        for letter in self:
            if letter.channel_phone and not (letter.partner_id.phone or letter.partner_id.commercial_partner_id.phone):
                raise UserError(self.env._("%(letter)s: %(customer)s has no phone number to call.",
                                           letter=letter.name, customer=letter.partner_id.display_name))
        return result

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
