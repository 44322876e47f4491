from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import plaintext2html

OBJECTION_REASONS = [
    ("not_received", "Goods or services not received"),
    ("wrong_amount", "Wrong amount"),
    ("already_paid", "Already paid"),
    ("quality", "Complaint about quality"),
    ("other", "Other reason"),
]

# Statuses of invoices the dunning process is still working on: an accepted payment plan pauses them.
PLAN_PAUSES = ("before_cutover", "deadline_open", "consider_collection", "review", "ready", "not_due")


class AccountMove(models.Model):
    """Objections raised by the debtor on the portal, and invoices paused by an accepted payment plan."""

    _inherit = "account.move"

    dunning_status = fields.Selection(selection_add=[("objection",), ("payment_plan", "Payment plan")])
    debtor_objection_reason = fields.Selection(OBJECTION_REASONS, string="Objection reason", copy=False,
                                               readonly=True)
    debtor_objection_activity_id = fields.Many2one("mail.activity", string="Objection activity", copy=False,
                                                   readonly=True, ondelete="set null")
    debtor_payment_plan_ids = fields.Many2many(
        "receivable.payment.plan", "receivable_payment_plan_move_rel", "move_id", "plan_id",
        string="Payment plans", copy=False, readonly=True,
    )

    # -------------------------------------------------------------------------
    # DUNNING STATUS
    # -------------------------------------------------------------------------

    @api.model
    def _dunning_status_domains(self, companies):
        """Carve invoices of an accepted payment plan out of the statuses the run works on.

        They get the status "Payment plan" instead, so the work lists and the run skip them.
        """
        domains = super()._dunning_status_domains(companies)
        on_plan = Domain("debtor_payment_plan_ids", "any", [("state", "=", "accepted")])
        paused = Domain.FALSE
        result = {}
        for status, domain in domains.items():
            if status in PLAN_PAUSES:
                paused |= domain & on_plan
                domain &= ~on_plan
            result[status] = domain
            if status == "objection":
                result["payment_plan"] = None  # keeps the order of precedence; filled below
        result["payment_plan"] = paused  # the key keeps its place in the order
        return result

    @api.depends("debtor_payment_plan_ids.state")
    def _compute_dunning_status(self):
        """Only a new dependency: the status itself comes from the domains above."""
        return super()._compute_dunning_status()

    # -------------------------------------------------------------------------
    # OBJECTION
    # -------------------------------------------------------------------------

    def _debtor_object(self, reason, message, attachments=()):
        """The debtor objects on the portal: a message in the chatter, the dunning paused, an activity.

        Called with the portal user's environment: the message is posted as the debtor.
        `attachments` is a list of (file name, content) pairs.
        """
        self.ensure_one()
        labels = dict(self._fields["debtor_objection_reason"]._description_selection(self.env))
        if reason not in labels:
            raise ValidationError(self.env._("Choose the reason of your objection."))
        message = (message or "").strip()
        if not message:
            raise ValidationError(self.env._("Tell us why you object to this invoice."))
        # sudo: reads the dunning state of an invoice the caller was allowed to read (portal record rule).
        invoice_sudo = self.sudo()
        if invoice_sudo.dunning_on_hold:
            raise UserError(self.env._("An objection to %(invoice)s is already being handled.", invoice=self.name))
        if invoice_sudo.payment_state in ("paid", "in_payment", "reversed"):
            raise UserError(self.env._("%(invoice)s is paid; there is nothing to object to.", invoice=self.name))
        body = Markup("<p><b>{}</b> {}</p>{}").format(
            self.env._("Objection:"), labels[reason], plaintext2html(message),
        )
        # sudo: portal users may post on their invoices but not attach files to messages; the message is
        # authored by the debtor, on the debtor's own invoice. Neither may the debtor schedule activities
        # for the accountant nor pause the dunning: both are the documented outcome of an objection.
        invoice_sudo.message_post(
            body=body, attachments=list(attachments), author_id=self.env.user.partner_id.id,
            message_type="comment", subtype_xmlid="mail.mt_comment",
        )
        activity = invoice_sudo.activity_schedule(
            "mail.mail_activity_data_todo",
            user_id=invoice_sudo._debtor_responsible_user().id,
            summary=self.env._("Customer objection: %(reason)s", reason=labels[reason]),
            note=plaintext2html(message),
        )
        invoice_sudo.write({
            "dunning_on_hold": True,
            "dunning_hold_reason": f"{labels[reason]}: {message}",
            "debtor_objection_reason": reason,
            "debtor_objection_activity_id": activity.id,
        })
        return activity

    def _debtor_responsible_user(self):
        """Who handles the debtor's requests: the invoice's salesperson, else the company's first accountant."""
        self.ensure_one()
        user = self.invoice_user_id
        if user and user.active and not user.share and self.company_id in user.company_ids:
            return user
        return self.company_id._debtor_accountant()

    def action_dunning_resume(self):
        """Resuming closes the debtor's objection: its activity is done and the debtor is told in the chatter."""
        objected = self.filtered("debtor_objection_reason")
        activities = objected.debtor_objection_activity_id
        result = super().action_dunning_resume()
        if activities:
            activities.action_feedback(feedback=self.env._("Objection resolved; the reminders resume."))
        if objected:
            objected.write({"debtor_objection_reason": False, "debtor_objection_activity_id": False})
            for move in objected:
                move.message_post(
                    body=self.env._("Your objection has been handled and the payment reminders resume."),
                    message_type="comment", subtype_xmlid="mail.mt_comment",
                )
        return result

    # -------------------------------------------------------------------------
    # PORTAL
    # -------------------------------------------------------------------------

    def _debtor_open_fee_moves(self):
        """The open charge documents (letters' fees and interest, interest notes) booked on these invoices.

        A letter or note covering several invoices books one document: paying any of them pays it whole.
        """
        charges = self.browse()
        for moves in self._debtor_open_charges_by_invoice().values():
            charges |= moves
        return charges

    def _debtor_open_charges_by_invoice(self):
        """{invoice id: its open charge documents}, for all these invoices in two queries."""
        letter_lines = self.env["receivable.dunning.letter.line"].search_fetch(
            [("move_id", "in", self.ids), ("letter_id.fee_move_id", "!=", False)], ["move_id", "letter_id"],
        )
        note_lines = self.env["receivable.interest.note.line"].search_fetch(
            [("move_id", "in", self.ids), ("note_id.move_id", "!=", False)], ["move_id", "note_id"],
        )
        pairs = [(line.move_id.id, line.letter_id.fee_move_id) for line in letter_lines]
        pairs += [(line.move_id.id, line.note_id.move_id) for line in note_lines]
        charges = {move.id: self.browse() for move in self}
        for move_id, charge in pairs:
            if charge.state == "posted" and not charge.currency_id.is_zero(charge.amount_residual):
                charges[move_id] |= charge
        return charges
